"""Who takes part in a happening: the people of the phrase that tells it, not
everyone the sentence names.

A verb's happening has its subject, its objects and the people after "with",
"between" or "by"; a noun's ("Lee's call with Roe") has its own phrase, and the
clause of a verb that holds it ("Lee proposed a summit"). People named only in a
clause about something else (a reported clause, a relative clause on another noun,
a clause joined on as another happening) or only inside a quote take no part.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from generator.events._triggers import quoted_regions
from generator.knowledge import load_data

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Span, Token

# Dependents that open a clause of its own: a happening or a thing other than the one told.
FOREIGN_CLAUSES = frozenset(("relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj", "conj"))
# A verb's own arguments: who does it, to whom, and what.
ARGUMENTS = frozenset(("nsubj", "nsubjpass", "dobj", "dative", "iobj", "agent", "oprd"))
SUBJECTS = frozenset(("nsubj", "nsubjpass"))
# A verb with no subject of its own takes the subject of the verb it hangs on.
SHARED_SUBJECT = frozenset(("xcomp", "conj", "advcl"))
VERBS = ("VERB", "AUX")
NOUNS = ("NOUN", "PROPN")


@cache
def _participant_prepositions() -> frozenset[str]:
    return frozenset(load_data("event_types")["participant_prepositions"])


@cache
def _setting_prepositions() -> frozenset[str]:
    return frozenset(load_data("event_types")["setting_prepositions"])


@cache
def _means_prepositions() -> frozenset[str]:
    return frozenset(load_data("event_types")["means_prepositions"])


def happening_tokens(predicate: Token | None, phrase: Token | None = None, actors: bool = False) -> set[int]:
    """Indices of the tokens where a happening's participants are named.

    `predicate` is the verb or noun the happening is told by; `phrase` the trigger
    noun that names it, when there is one (a noun the predicate verb holds). A
    trigger noun held by the verb after a preposition of means ("attempted it with a
    bomb") shares the verb's people; for a type whose people take part (`actors`),
    after one of setting too ("told Roe in a phone call"), but never after
    another ("told reporters ahead of the summit"; "denied a role in the election").
    """
    noun, verb = _noun_and_verb(predicate, phrase)
    tokens: set[int] = set()
    if noun is not None:
        tokens |= _noun_phrase(noun, own=True)
    if verb is not None and (noun is None or _verb_tells(noun, verb, actors)):
        tokens |= _verb_phrase(verb)
    return tokens


def happening_heads(predicate: Token | None, phrase: Token | None = None) -> set[int]:
    """Indices of the words that tell a happening: its noun and its verb ("held talks",
    "the talks were held"). A phrase of its setting hangs on one of them, through nouns
    only ("met Roe in Oslo", "visited the scene of the spill in Louisiana", "said at a
    summit between the leaders in Oslo"); one that reaches them through another verb is
    about something else ("sanctions punishing abuses in Crimea", "said he was in Europe")."""
    return {t.i for t in _noun_and_verb(predicate, phrase) if t is not None}


def _noun_and_verb(predicate: Token | None, phrase: Token | None) -> tuple[Token | None, Token | None]:
    """The noun that names a happening and the verb that tells it, either may be missing:
    "Karzai held talks", "the talks were attended by Karzai" give both."""
    noun = phrase if phrase is not None else predicate if predicate is not None and predicate.pos_ in NOUNS else None
    while noun is not None and noun.dep_ == "compound" and noun.head.pos_ in NOUNS:
        noun = noun.head  # "survived an assassination attempt": the attempt is what was survived
    verb = predicate if predicate is not None and predicate.pos_ in VERBS else None
    if noun is not None and verb is None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERBS:
        verb = noun.head
    return noun, verb


def _verb_tells(noun: Token, verb: Token, actors: bool) -> bool:
    """Whether the verb's people take part in the noun's happening."""
    if noun.i == verb.i or (noun.head.i == verb.i and noun.dep_ in ("dobj", "nsubjpass")):
        return True  # "Lee proposed a summit"; not "the call angered Ford" (who it struck, not who took part)
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.head.i != verb.i:
        return False
    return preposition.lower_ in (_setting_prepositions() if actors else _means_prepositions())


def _verb_phrase(verb: Token, borrow: bool = True) -> set[int]:
    tokens = {verb.i}
    for child in verb.children:
        if child.dep_ in ARGUMENTS:
            tokens |= _noun_phrase(child)
            if child.dep_ in SUBJECTS and child.tag_ in ("WP", "WDT"):
                tokens |= _antecedent(child)  # "It was Qadir who welcomed him"
        elif child.dep_ == "prep" and child.lower_ in _participant_prepositions():
            tokens |= _noun_phrase(child)
        elif child.dep_ == "xcomp" and child.pos_ in VERBS and not _has_subject(child):
            tokens |= _verb_phrase(child, borrow=False)  # "attempted to kill Karzai": one happening
    if borrow and not _has_subject(verb):
        tokens |= _borrowed_subject(verb)
    return tokens


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECTS for child in verb.children)


def _antecedent(pronoun: Token) -> set[int]:
    """What a relative pronoun stands for: the noun its clause hangs on, else the
    noun right before it."""
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head.pos_ in NOUNS:
        return _noun_phrase(clause.head)
    before = pronoun.i - 1
    while before >= pronoun.sent.start and pronoun.doc[before].is_punct:
        before -= 1
    if before >= pronoun.sent.start and pronoun.doc[before].pos_ in NOUNS:
        return _noun_phrase(pronoun.doc[before])
    return set()


def _borrowed_subject(verb: Token) -> set[int]:
    """The subject a verb shares with the verb or noun it hangs on: "Roe agreed to
    meet", "Lee left and then met Roe", "the leaders who met", "Commenting on it,
    Roe said", "Roe left after meeting Lee"."""
    token = verb
    for _ in range(3):
        head = token.head
        if head.i == token.i:
            return set()
        if token.dep_ in ("relcl", "acl") and head.pos_ in NOUNS + ("PRON",):
            return _noun_phrase(head)
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERBS:
            token, head = head, head.head  # "She is in exile after fleeing Pakistan": she fled
            if not _has_subject(head):
                token = head
                continue
            return set().union(*(_noun_phrase(c) for c in head.children if c.dep_ in SUBJECTS))
        if token.dep_ not in SHARED_SUBJECT or head.pos_ not in VERBS:
            return set()
        subjects = [c for c in head.children if c.dep_ in SUBJECTS]
        if subjects:
            tokens = set().union(*(_noun_phrase(s) for s in subjects))
            for subject in subjects:
                if subject.tag_ in ("WP", "WDT"):
                    tokens |= _antecedent(subject)
            return tokens
        token = head
    return set()


def _noun_phrase(head: Token, own: bool = False) -> set[int]:
    """A phrase's tokens without the clauses it holds about something else; the
    clauses on the trigger noun itself (`own`: "the talks held with Roe") tell its people."""
    tokens = {head.i}
    for child in head.children:
        if child.dep_ in FOREIGN_CLAUSES:
            if child.dep_ == "conj" and child.pos_ not in VERBS:
                tokens |= _noun_phrase(child, own)  # "Roe and Hale"
            elif own and child.dep_ in ("relcl", "acl") and child.pos_ in VERBS:
                tokens |= _verb_phrase(child) - {head.i}
            continue
        tokens |= _noun_phrase(child)
    return tokens


def participants(
    sentence: Span,
    tokens: set[int],
    person_at: dict[int, str],
    sentence_people: list[str],
) -> list[str]:
    """The sentence's people (in its order) named at one of `tokens`, not inside a quote."""
    doc = sentence.doc
    quotes = [(sentence.start_char + a, sentence.start_char + b) for a, b in quoted_regions(sentence.text)]
    at: dict[int, int] = {token.idx: token.i for token in sentence}
    found: set[str] = set()
    for offset, person in person_at.items():
        if not sentence.start_char <= offset < sentence.end_char or any(a <= offset < b for a, b in quotes):
            continue
        index = at.get(offset)
        if index is None:
            span = doc.char_span(offset, offset + 1, alignment_mode="expand")
            index = span.start if span is not None else None
        if index is not None and index in tokens:
            found.add(person)
    return [p for p in sentence_people if p in found]
