"""Names mentioned in passing, which do not become people.

A person comes from someone the article has speak or act, or names in full.
Left out are:

- a lone name the article never gives in full, with no title, that only
  modifies a thing or sits in a phrase ("the Marlow case", "the Grey-Holt
  Accord", "the Orlov administration", "on the subject of Varga");
- a historical figure (generator/knowledge/data/passing_mentions.yaml) who
  never acts or speaks in the article;
- anyone whose every mention lies inside a comparison ("compared the summit
  to ...", "like ... before him") and who never acts or speaks;
- a name the article mostly writes after "the" ("the Kaspar Tanner sank",
  "the Marlow Brigades", "the Hallam Kush"): a thing, a group or a place, though it may
  act. A name that modifies a noun after it ("the David Kelly affair") is not
  counted either way.

Acting or speaking is read from the parse: the subject of a clause, the agent
of a passive ("by X"), the source in "according to X", and, for a lone name,
the object of a verb too ("Lind criticised Holm"). Mentions inside quotes
do not count as acting: a speaker's words are about people, not by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.knowledge.roles import Knowledge, norm

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Token

    from generator.people._names import Draft, NameMention

_SUBJECTS = frozenset(["nsubj", "nsubjpass", "csubj"])
_OBJECTS = frozenset(["dobj", "dative", "iobj", "oprd"])
# How far up its phrase a comparison word may sit above a name.
_COMPARISON_REACH = 6


@dataclass(frozen=True)
class Use:
    """How one mention takes part in its sentence."""

    quoted: bool
    subject: bool  # acts or speaks: subject, agent, "according to X"
    participant: bool  # subject, or object of a verb
    compared: bool  # inside a comparison


def _phrase_head(doc: Doc, mention: NameMention) -> Token:
    """The token that links the name to its sentence: its last word, past the name's own
    words, an apposition it is the name in ("a ministry aide, Ivan Petrov,") and the
    first conjunct of a pairing ("Lind and Holm")."""
    token = doc[mention.end - 1]
    inside = range(mention.start, mention.end)
    steps = 0
    while token.head.i != token.i and steps < 8:
        steps += 1
        if token.dep_ in ("compound", "flat") and token.head.i in inside:
            token = token.head
        elif token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        elif token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        else:
            break
    return token


def _misread_subject(token: Token) -> bool:
    """A name the parser hung as a compound on the sentence's verb ("Marsh bristles at")."""
    head = token.head
    return token.dep_ == "compound" and head.i > token.i and head.dep_ == "ROOT" and (
        head.tag_.startswith("VB")
    )


def _acts(token: Token) -> bool:
    if token.dep_ in _SUBJECTS or _misread_subject(token):
        return True
    if token.dep_ == "pobj":
        preposition = token.head
        if preposition.dep_ == "agent":
            return True  # "was criticised by Smith"
        if preposition.lower_ == "to" and preposition.head.lower_ == "according":
            return True
    return False


def _compared(token: Token, know: Knowledge) -> bool:
    """Does the phrase the token heads hang from a comparison word within its clause?"""
    current = token
    for _ in range(_COMPARISON_REACH):
        if current.head.i == current.i:
            return False
        current = current.head
        lemma = norm(current.lemma_ or current.text)
        if lemma in know.comparison_words or norm(current.text) in know.comparison_words:
            if lemma not in ("like", "unlike") or current.pos_ in ("ADP", "SCONJ"):
                return True
        if current.pos_ in ("VERB", "AUX"):
            return False  # the clause ends at its verb
    return False


def mention_use(doc: Doc, mention: NameMention, know: Knowledge, in_quote: list[bool]) -> Use:
    head = _phrase_head(doc, mention)
    subject = _acts(head)
    return Use(
        quoted=in_quote[mention.start],
        subject=subject,
        participant=subject or head.dep_ in _OBJECTS,
        compared=_compared(head, know),
    )


def _historical(draft: Draft, know: Knowledge, year: int | None) -> bool:
    """A historical figure, for an article written after they died (`year`: the article's)."""
    names = {" ".join(draft.words), *(" ".join(m.words) for m in draft.mentions)}
    for name in names:
        died = know.historical_names.get(norm(name))
        if died is not None and (year is None or year > died):
            return True
    return False


def _written_as_a_thing(doc: Doc, draft: Draft) -> bool:
    """Is the name, where it heads its phrase, mostly written after "the", and more than
    once? (Once may be a description the NER took into the name: "the Algerian Lakhdar
    Brahimi".)"""
    heads = [m for m in draft.mentions if doc[m.end - 1].dep_ != "compound"]
    the = [m for m in heads if m.start > 0 and doc[m.start - 1].lower_ == "the"]
    return len(the) >= 2 and 2 * len(the) >= len(heads)


def _only_a_modifier(doc: Doc, draft: Draft, know: Knowledge) -> bool:
    """Does the full name only ever modify a noun after it ("the Kaspar Tanner rig",
    "the Kelso Moor affair"), untitled? Then it names a thing, or a person in passing.
    A role noun after it is the person's own, its comma lost ("said Ann Lee executive
    director of ...")."""
    if len(draft.words) < 2 or any(m.role or m.honorific_gender for m in draft.mentions):
        return False

    def modifies_a_thing(mention: NameMention) -> bool:
        last = doc[mention.end - 1]
        return last.dep_ == "compound" and last.head.i >= mention.end and norm(last.head.text) not in know.role_nouns

    return all(modifies_a_thing(m) for m in draft.mentions)


def passing(doc: Doc, drafts: list[Draft], know: Knowledge, in_quote: list[bool],
            year: int | None = None) -> set[int]:
    """Indexes of the drafts that are only mentioned in passing (`year`: the article's)."""
    dropped: set[int] = set()
    for index, draft in enumerate(drafts):
        if not draft.mentions:
            continue
        if _written_as_a_thing(doc, draft) or _only_a_modifier(doc, draft, know):
            dropped.add(index)
            continue
        uses = [mention_use(doc, m, know, in_quote) for m in draft.mentions]
        outside = [u for u in uses if not u.quoted]
        speaks_or_acts = any(u.subject for u in outside)
        if len(draft.words) == 1:
            # Never named in full: a real person here has a title ("Mr Holt",
            # "Ambassador Varga") or does something ("Lind said").
            titled = any(m.role or m.honorific_gender for m in draft.mentions)
            if not titled and not any(u.participant for u in outside):
                dropped.add(index)
                continue
        if speaks_or_acts:
            continue
        if _historical(draft, know, year) or all(u.compared for u in uses):
            dropped.add(index)
    return dropped
