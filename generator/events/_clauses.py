"""Dated clauses: the predicate a date hangs on, and a headline built from its clause.

A date dates the happening its phrase modifies in the parse: the verb of its
clause ("killed ... yesterday"), or an event noun ("the talks on Monday",
"Sunday's vote"). The headline says who did what: the clause's subject, its
verb in the present tense (headline style), and what the verb takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from generator.events._triggers import speech_verb_forms
from generator.knowledge import load_data

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Span, Token

# Words a headline may hold at most, and a noun phrase inside it.
MAX_TITLE_WORDS = 14
MAX_PHRASE_WORDS = 7

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "oprd", "dative", "acomp")
# Dependents left out of a short noun phrase ("the governor, who ..." → "the governor").
CLAUSAL_DEPS = frozenset(("relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "ccomp", "prep"))
FUTURE_MODALS = frozenset(("will", "'ll", "shall", "would"))


@cache
def event_nouns() -> frozenset[str]:
    data = load_data("event_types")
    nouns = {str(n).lower() for n in data.get("event_nouns", [])}
    for spec in data["types"].values():
        nouns.update(str(w).removesuffix("/noun").lower() for w in spec["triggers"] if " " not in str(w))
    return frozenset(nouns)


def predicate_for_date(span: Span, starts_span: bool = False) -> Token | None:
    """The verb or event noun a date phrase modifies; None when it modifies another
    noun ("Monday's newspaper") or nothing a clause hangs on. A date that starts a
    span of days ("from June 3 to June 9") dates its verb whatever its preposition."""
    token = span.root
    for _ in range(6):
        if token.head.i == token.i:
            return token if token.pos_ == "VERB" else _copula_subject(token) if token.pos_ == "AUX" else None
        token = token.head
        if span.start <= token.i < span.end:
            continue
        if token.pos_ == "ADP":
            if token.lower_ in _not_dating() and not starts_span:
                return None  # "since 2003", "by Friday", "from the previous evening": not when it happened
            continue
        if token.pos_ == "VERB":
            return token
        if token.pos_ == "AUX":
            return _copula_subject(token)
        if token.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in event_nouns():
                return token
            if token.pos_ == "PROPN" and token.dep_ == "compound":
                continue  # "the March 3 Baghdad bombing"
            return None
        if token.pos_ not in ("NUM", "ADJ", "ADV", "DET", "PART"):
            return None
    return None


def _copula_subject(verb: Token) -> Token | None:
    """"The vote was on Sunday": the happening is the subject of the copula
    ("the weather was fine on Sunday" is a state, no happening)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.lower_ in event_nouns():
            return child
    return None


@cache
def _not_dating() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_data("event_types")["not_dating_prepositions"])


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a trigger word stands in ("strikes" in "launched strikes" → launched)."""
    for _ in range(4):
        if token.pos_ == "VERB":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def is_speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lower_ in speech_verb_forms()


def clause_tokens(predicate: Token) -> tuple[int, int]:
    """First and last token index of the predicate's clause (its subtree; a noun
    predicate's governing verb's clause, so that "the attack ... killed 12" has its people)."""
    head = predicate
    if predicate.pos_ in ("NOUN", "PROPN") and predicate.head.i != predicate.i and predicate.head.pos_ == "VERB":
        head = predicate.head
    return head.left_edge.i, head.right_edge.i


Namer = Callable[["Token"], str]


def headline(predicate: Token, skip: set[int], name_of: Namer) -> str:
    """A headline-style title from the predicate's clause: "Grand jury indicts 12 officers".

    `skip` holds the indices of tokens left out (the date phrase); `name_of`
    gives a person's name for a token that refers to one (else "").
    """
    if predicate.pos_ in ("NOUN", "PROPN"):
        words = _noun_phrase(predicate, skip, name_of, with_preps=True)
    elif predicate.dep_ == "ccomp" and is_speech_verb(predicate.head) and skip and min(skip) < predicate.left_edge.i:
        # "BP said on Monday it had capped the well": who said it heads the headline.
        words = _verb_clause(predicate.head, skip, name_of, depth=0)
    else:
        words = _verb_clause(predicate, skip, name_of, depth=0)
    text = _tidy(" ".join(words[:MAX_TITLE_WORDS]))
    return text[:1].upper() + text[1:] if text else ""


def _verb_clause(verb: Token, skip: set[int], name_of: Namer, depth: int) -> list[str]:
    subject = _subject_of(verb)
    words: list[str] = []
    if subject is not None and not name_of(subject):
        subject = _antecedent(subject) or subject  # "It meets": what "it" stands for
    if subject is not None:
        words += _noun_phrase(subject, skip, name_of)
    words += _verb_words(verb, subject)
    # "go ahead", "set up": the particle or adverb right after the verb belongs to it.
    words += [c.text for c in verb.rights if c.dep_ in ("prt", "advmod") and c.i == verb.i + 1 and c.n_rights == 0
              and c.lower_ not in ("also", "not", "yesterday", "today", "tomorrow", "now", "then")]
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    if is_speech_verb(verb) and reported and depth == 0 and _quoted(reported[0]):
        # A direct quote heads as one: "Anna Berg: “We met today”".
        inner = [t for t in reported[0].subtree if not t.is_quote and t.i not in skip]
        quote = _tidy(" ".join(t.text for t in inner[:MAX_PHRASE_WORDS + 3]).strip(" ,"))
        who = _noun_phrase(subject, skip, name_of) if subject is not None else []
        return [" ".join(who) + ":", f"“{quote}”"] if who else [f"“{quote}”"]
    if is_speech_verb(verb) and reported and depth == 0:
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < reported[0].i and c.i not in skip]
        if told:
            words += _noun_phrase(told[0], skip, name_of)
        return words + _verb_clause(reported[0], skip, name_of, depth + 1)
    objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i not in skip]
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if objects:
        words += _noun_phrase(objects[0], skip, name_of)
    elif complements and depth < 2:
        marker = [c.text for c in complements[0].children if c.dep_ == "aux" and c.lower_ == "to"]
        inner = complements[0]
        words += marker + [inner.text] + _complement_words(inner, skip, name_of)
        return words
    elif reported and depth < 1:
        return words + _verb_clause(reported[0], skip, name_of, depth + 1)
    words += _complement_words(verb, skip, name_of, objects_done=True)
    return words


def _quoted(clause: Token) -> bool:
    return any(t.is_quote for t in clause.subtree) or (clause.i > 0 and clause.doc[clause.left_edge.i - 1].is_quote)


def _complement_words(verb: Token, skip: set[int], name_of: Namer, objects_done: bool = False) -> list[str]:
    words: list[str] = []
    if not objects_done:
        objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i not in skip]
        if objects:
            return _noun_phrase(objects[0], skip, name_of)
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.i > verb.i and child.i not in skip:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].i not in skip and objects[0].ent_type_ not in ("DATE", "TIME"):
                words += [child.text, *_noun_phrase(objects[0], skip, name_of)]
                break
    return words


RELATIVE_PRONOUNS = frozenset(("which", "who", "that", "whom", "whose"))


def _subject_of(verb: Token) -> Token | None:
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("relcl", "acl") and token.head.i != token.i:
                    return token.head  # "the law, which passed in July" → the law passed
                return child
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "sanctions imposed in April": the sanctions
        # A conjoined or complement verb shares its head's subject ("arrived and met").
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
            token = token.head
            continue
        break
    return None


# Pronouns a headline cannot show: each stands for a thing or group of that number.
THING_PRONOUNS = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS")}


def _antecedent(pronoun: Token) -> Token | None:
    """What "it" or "they" stands for: the nearest earlier subject noun of its number,
    in its own sentence or the one before ("The council met. It voted ..." → council);
    None for an "it" that introduces a clause."""
    tags = THING_PRONOUNS.get(pronoun.lower_) if pronoun.pos_ == "PRON" else None
    if tags is None:
        return None
    if pronoun.lower_ == "it" and any(c.dep_ in ("ccomp", "csubj") for c in pronoun.head.children):
        return None  # "It emerged that ...": an "it" that stands for nothing
    first = pronoun.sent.start
    if first > 0:
        first = pronoun.doc[first - 1].sent.start
    for token in reversed(pronoun.doc[first : pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in tags and not token.ent_type_ == "PERSON":
            return token
    return None


def _verb_words(verb: Token, subject: Token | None) -> list[str]:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    passive = any(c.dep_ == "auxpass" for c in auxiliaries)
    negated = any(c.dep_ == "neg" for c in auxiliaries)
    future = any(c.lower_ in FUTURE_MODALS for c in auxiliaries)
    if passive:  # "was killed" → "killed" ("Governor of Baghdad assassinated")
        return (["not"] if negated else []) + [verb.text]
    lemma = _lemma(verb)
    if future:
        return ["not to" if negated else "to", lemma]
    plural = subject is not None and (
        subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "i", "you")
        or any(c.dep_ == "conj" for c in subject.children)
    )
    if negated:
        return ["do not" if plural else "does not", lemma]
    if verb.tag_ in ("VBG",) and not auxiliaries:
        return [verb.text]
    return [_inflect(lemma, "VBP" if plural else "VBZ", verb.text)]


def _lemma(verb: Token) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(verb.lower_, upos="AUX" if verb.pos_ == "AUX" else "VERB")
    return lemmas[0] if lemmas else verb.lower_


def _inflect(lemma: str, tag: str, fallback: str) -> str:
    from lemminflect import getInflection

    if lemma == "be":
        return "is" if tag == "VBZ" else "are"
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else fallback


def _noun_phrase(head: Token, skip: set[int], name_of: Namer, with_preps: bool = False) -> list[str]:
    name = name_of(head)
    if name:
        return [name]
    if head.pos_ == "PRON":
        return [head.text.lower() if head.lower_ not in ("i",) else head.text]
    kept = _phrase_tokens(head, skip, with_preps)
    words = [t.text for t in kept]
    while words and kept[0].pos_ == "DET" and kept[0].lower_ in ("the", "a", "an"):
        words, kept = words[1:], kept[1:]
    return words[:MAX_PHRASE_WORDS]


def _phrase_tokens(head: Token, skip: set[int], with_preps: bool) -> list[Token]:
    kept: list[Token] = []

    def walk(token: Token, top: bool) -> None:
        for child in token.lefts:
            if child.i not in skip and child.dep_ not in CLAUSAL_DEPS:
                walk(child, False)
        kept.append(token)
        for child in token.rights:
            if child.i in skip or child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "ccomp"):
                continue
            if child.dep_ == "prep" and not (top and (with_preps or child.lower_ == "of")):
                continue
            if child.dep_ == "prep" and all(g.i in skip for g in child.children):
                continue  # "his address before [the date]": nothing left of the phrase
            walk(child, False)

    walk(head, True)
    # A headline never holds a time: "Friday 21 January 2005 00.05 GMT" is the article's stamp.
    return sorted(
        (t for t in kept if t.i not in skip and t.ent_type_ not in ("DATE", "TIME") and not _is_clock(t)),
        key=lambda t: t.i,
    )


# A clock time and its time zone, which the parser may not tag as a time ("13.32 GMT").
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
_ZONE = re.compile(r"^(?:[A-Z]{1,3}[SD]?T|UTC)$")


def _is_clock(token: Token) -> bool:
    if _CLOCK.match(token.text):
        return True
    return token.i > 0 and bool(_ZONE.match(token.text)) and bool(_CLOCK.match(token.doc[token.i - 1].text))


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?%')\]’”])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[‘“])\s+")


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    text = text.replace(" 's", "'s").replace(" ’s", "’s").replace(" n't", "n't")
    return text.strip(" ,;:-–—")
