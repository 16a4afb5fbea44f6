"""Event triggers: the phrases that name a happening, and which date belongs to which.

Trigger phrases come from `data/event_types.yaml`; a date is paired with the
trigger nearest to it in the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.knowledge import load_data
from generator.knowledge.speech import speech_cues
from generator.model import TimeExpression
from generator.nlp.quotes import find_quotes

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Span, Token

# A summit is also reported as "met", "talks" or "a meeting": one happening.
SUMMIT_LIKE_TYPES = ("summit", "meeting")


@dataclass(frozen=True)
class EventType:
    name: str
    weight: float
    trigger: re.Pattern[str]
    # Trigger words that count only as nouns ("an address", not "to address").
    nouns_only: frozenset[str] = frozenset()
    actors: bool = False  # the people named take part, and title the event
    generic: bool = False  # yields a date to a more specific trigger nearby
    recurring: bool = False  # many a month: "a bombing in May" names no one day


@cache
def event_types() -> tuple[EventType, ...]:
    data = load_data("event_types")
    types = []
    for name, spec in data["types"].items():
        words = sorted((w.removesuffix("/noun") for w in spec["triggers"]), key=len, reverse=True)
        nouns = frozenset(w.removesuffix("/noun").lower() for w in spec["triggers"] if w.endswith("/noun"))
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        types.append(
            EventType(
                name,
                float(spec.get("weight", 1)),
                pattern,
                nouns,
                actors=bool(spec.get("actors")),
                generic=bool(spec.get("generic")),
                recurring=bool(spec.get("recurring")),
            )
        )
    return tuple(types)


@cache
def types_by_name() -> dict[str, EventType]:
    return {t.name: t for t in event_types()}


@cache
def speech_verb_forms() -> frozenset[str]:
    return speech_cues().forms


def classify_event_sentence(text: str) -> str | None:
    """The event type whose trigger occurs first in the list of types, if any."""
    for event_type in event_types():
        if event_type.trigger.search(text):
            return event_type.name
    return None


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int  # character offsets in the document
    end: int

    @property
    def summit_like(self) -> bool:
        return self.type in SUMMIT_LIKE_TYPES




def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger phrase in the document, in text order."""
    found = []
    text = doc.text  # Doc.text joins every token: read it once
    for event_type in event_types():
        for match in event_type.trigger.finditer(text):
            start = match.start()
            if match.group().lower() in event_type.nouns_only and not _is_noun_at(doc, start):
                continue
            found.append(Trigger(event_type.name, start, match.end()))
    found.sort(key=lambda trigger: trigger.start)
    return found


def _is_noun_at(doc: Doc, offset: int) -> bool:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span is not None and span.root.pos_ in ("NOUN", "PROPN")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of quoted text: the quotes the one quote finder finds (any marks)."""
    return [(quote.start, quote.end) for quote in find_quotes(text)]


def trigger_for_date(sentence: Span, expression: TimeExpression, triggers: list[Trigger]) -> Trigger | None:
    """The happening a date belongs to: the trigger nearest to it in the parse tree
    (then in the text); None when no trigger is near enough to be its own.

    A date on a speech verb ("said on Friday") dates the words, not what they
    speak of: it goes only to the verb itself or its object ("announced
    sanctions in April"); so does a date that follows any verb.
    """
    doc = sentence.doc
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return None
    owner = owning_noun(span)
    if owner is not None and not any(t.start <= owner.idx < t.end for t in triggers):
        return None  # "his tweet from the previous evening" dates the tweet
    date_path = _path_to_root(span.root)
    head = _governing_verb(span.root)
    best: tuple[int, int, Trigger] | None = None
    for trigger in triggers:
        token = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        if token is None:
            continue
        own_date = token.root.left_edge.i <= span.root.i <= token.root.right_edge.i
        if _relative_to_another(token.root) and not own_date:
            continue  # "struck on Tuesday, hours after the ceasefire": the date is the strike's
        if not own_date and _dated_otherwise(token.root, span):
            continue  # "congratulated today the winners of the May 3 vote": not the vote's day
        if head is not None and (head.lower_ in speech_verb_forms() or head.i < span.root.i):
            # A date after its verb goes to the verb or to what follows it in its clause,
            # never to a phrase fronted before it ("At the talks, he repeated … on Friday"), save its subject.
            subject = token.root.dep_ in ("nsubj", "nsubjpass") and token.root.head.i == head.i
            fronted = token.root.i < head.i and not subject
            if token.root.i != head.i and (fronted or not _is_argument_of(token.root, head)):
                continue
        distance = _tree_distance(date_path, _path_to_root(token.root))
        distance += 1 if types_by_name()[trigger.type].generic else 0
        key = (distance, abs(trigger.start - expression.start), trigger)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None or best[0] > MAX_TREE_DISTANCE:
        return None
    return best[2]


_MODIFIERS = frozenset(("compound", "nmod", "amod", "npadvmod", "poss", "nummod"))


def _dated_otherwise(trigger: Token, span: Span) -> bool:
    """Does the trigger noun carry a date of its own, not this one ("the May 3 vote",
    "Sunday's election", "the vote on 3 May")?"""
    for child in trigger.children:
        if child.dep_ not in _MODIFIERS and not (child.dep_ == "prep" and child.i > trigger.i):
            continue
        if any(t.ent_type_ == "DATE" and not span.start <= t.i < span.end for t in child.subtree):
            return True
    return False


@cache
def _other_happening() -> dict[str, frozenset[str]]:
    data = load_data("event_types")
    spec = data["other_happening"]
    # "the eve of X", which the anchored rule dates the next day, is another happening too
    heads = frozenset([*spec["heads"], *data["anchored"]["eve"]])
    return {"prepositions": frozenset(spec["prepositions"]), "heads": heads}


def _relative_to_another(token: Token) -> bool:
    """Is the trigger the other happening of an "after"/"before" phrase or clause, or of a
    phrase such as "the eve of", "ahead of" ("revealed yesterday, on the eve of the
    election": not the election's day)?"""
    words = _other_happening()
    if token.dep_ == "pobj" and (
        token.head.lower_ in words["prepositions"] or token.head.head.lower_ in words["heads"]
    ):
        return True
    return any(c.dep_ == "mark" and c.lower_ in words["prepositions"] for c in token.children)


CLAUSE_LINKS = frozenset(("ccomp", "xcomp", "advcl", "parataxis", "conj", "relcl", "acl"))


def in_clause_of(doc: Doc, trigger: Trigger, verb: Token) -> bool:
    """Is the trigger the verb itself or a phrase of the verb's own clause?"""
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span is not None and _is_argument_of(span.root, verb)


def _is_argument_of(token: Token, verb: Token) -> bool:
    """The verb itself, or a phrase of its own clause (not a reported clause)."""
    while token.i != verb.i:
        if token.dep_ in CLAUSE_LINKS or token.head.i == token.i:
            return False
        token = token.head
    return True


def owning_noun(span: Span) -> Token | None:
    """The common noun a date phrase modifies ("tweet" in "his tweet from the
    previous evening"), if the date hangs on a noun rather than a verb."""
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if span.start <= token.i < span.end or token.pos_ == "ADP":
            continue
        return token if token.pos_ == "NOUN" else None
    return None


def _governing_verb(token: Token) -> Token | None:
    """The verb a date phrase modifies ("said" in "said on Friday"), if any."""
    for _ in range(3):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.pos_ not in ("ADP", "NOUN", "PROPN", "NUM", "DET", "ADJ"):
            return None
    return None


# A date more edges than this away from every trigger in the parse dates none of them.
MAX_TREE_DISTANCE = 5


def _path_to_root(token: Token) -> list[int]:
    path = [token.i]
    while token.head.i != token.i:
        token = token.head
        path.append(token.i)
    return path


def _tree_distance(a: list[int], b: list[int]) -> int:
    positions = {index: depth for depth, index in enumerate(b)}
    for depth, index in enumerate(a):
        if index in positions:
            return depth + positions[index]
    return len(a) + len(b)  # different sentences: as far as can be


