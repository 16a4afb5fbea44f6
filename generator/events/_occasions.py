"""Happenings dated by the occasion they took place at.

News tells much of a day's business by its occasion, not its date: "During the
talks, the minister said ...", "Half-way through the talks, the ministry
announced ...", "on the sidelines of the summit". When the article has already
dated that occasion (the same noun, or a kind of occasion of the same group: the
talks of a summit), the happening is on its day. The phrases and groups are data
(`occasion` in event_types.yaml). A bare "after the talks" could be any later day,
and "an interview" opens a new occasion rather than naming one told before, so
neither dates anything.

A report also tells its news occasion's business without dating each step: an undated
remark to the press, an outcome a speaker reports, a "Later, ..." after the article has
dated the occasion it reports (the story's day, `story_day` in event_types.yaml) are on
that occasion's day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.events._clauses import event_nouns, is_speech_verb
from generator.events._summits import day_of
from generator.knowledge import load_data
from generator.model import PartialDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# What opens a noun phrase that names an occasion already told: "the talks", "his visit",
# "their meeting", "Lee's speech" (a possessive name is handled apart).
_DEFINITE = frozenset({"the", "this", "that", "his", "her", "their", "its", "our"})


@dataclass(frozen=True)
class Occasion:
    """A dated occasion of the article, for the sentences after it to refer to."""

    sentence: int  # index of the sentence that dated it
    word: str  # lemma of the word it was told by ("talk", "summit", "meet")
    type: str
    date: PartialDate
    end: PartialDate | None = None


@dataclass(frozen=True)
class OccasionReference:
    predicate: Token  # the verb of the happening told at the occasion
    noun: Token  # the occasion's noun ("talks" in "during the talks")
    phrase: frozenset[int]  # token indices of the phrase that names it ("at the end of the talks")


@cache
def _spec() -> dict:
    return load_data("event_types")["occasion"]


@cache
def _phrase_pattern() -> re.Pattern[str]:
    phrases = sorted((str(p) for p in _spec()["phrases"]), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\s*$", re.I)


@cache
def _fronted_phrases() -> frozenset[str]:
    return frozenset(str(p).lower() for p in _spec()["fronted"])


def occasion_types() -> frozenset[str]:
    return frozenset(t for group in _spec()["groups"] for t in group)


def _same_group(first: str, second: str) -> bool:
    return any(first in group and second in group for group in _spec()["groups"])


@cache
def _occasion_nouns() -> frozenset[str]:
    """The event nouns among the words of the occasion types' triggers ("talks", "summit",
    "conference" of "press conference"; not "nation" of "state of the nation")."""
    types = load_data("event_types")["types"]
    words = {
        word.lower()
        for name in occasion_types()
        for trigger in types[name]["triggers"]
        for word in str(trigger).removesuffix("/noun").split()
    }
    return frozenset(words & event_nouns())


def occasion_references(sentence: Span) -> list[OccasionReference]:
    """The happenings a sentence tells at an occasion it names after an occasion phrase
    ("during the talks"), each with the verb that tells it."""
    found: list[OccasionReference] = []
    doc = sentence.doc
    nouns = _occasion_nouns()
    for token in sentence:
        if token.dep_ != "pobj" or _hyphened_word(token) not in nouns or not _definite(token):
            continue
        opening = token.left_edge.i
        before = doc[max(sentence.start, opening - 5) : opening].text
        phrase = _phrase_pattern().search(before)
        if not phrase:
            continue
        top = _phrase_top(token)
        if top.head.dep_ in ("npadvmod", "advmod") and top.head.pos_ != "VERB":
            top = top.head  # "half-way through the talks": the phrase hangs on "way"
        predicate = top.head
        if not _main_verb(predicate) or any(r.predicate.i == predicate.i for r in found):
            continue
        if phrase.group(1).lower() in _fronted_phrases() and top.i > predicate.i:
            continue  # "tensions remain over the US role in the talks": the role's talks
        found.append(OccasionReference(predicate, token, frozenset(t.i for t in top.subtree)))
    return found


def _hyphened_word(token: Token) -> str:
    """The word a token ends, with the parts a hyphen joins to it ("sit-down", "face-to-face":
    the parser's tokens are "sit", "-", "down")."""
    doc, first = token.doc, token.i
    while first >= 2 and doc[first - 1].text == "-" and not (doc[first - 2].whitespace_ or doc[first - 1].whitespace_):
        first -= 2
    return doc[first : token.i + 1].text.lower()


def _definite(noun: Token) -> bool:
    """The noun phrase names a known occasion: "the talks", "their meeting", "Lee's visit"."""
    first = noun.left_edge
    if first.lower_ in _DEFINITE:
        return True
    return any(c.dep_ == "poss" for c in noun.children)


def _phrase_top(token: Token) -> Token:
    """The preposition that opens the occasion's phrase, up through "the end of",
    "the sidelines of" (a chain of prepositions and their objects)."""
    for _ in range(6):
        head = token.head
        through = head.pos_ == "ADP" if token.dep_ == "pobj" else head.dep_ == "pobj"
        if head.i == token.i or not through:
            break
        token = head
    return token


def _main_verb(token: Token) -> bool:
    """The sentence's own happening: its main verb or one joined to it ("During the talks,
    Lee announced ..."), not a verb inside what it says ("said the issue was prominent
    during the talks") or a clause about something else ("a win that could be seen at
    the summit"); a copula tells a state."""
    if token.pos_ != "VERB":
        return False
    while token.dep_ == "conj":
        token = token.head
    return token.pos_ == "VERB" and token.dep_ == "ROOT"


def occasion_for(
    reference: OccasionReference, noun_type: str | None, occasions: list[Occasion], sentence: int
) -> Occasion | None:
    """The latest occasion dated before `sentence` that the reference names by the same
    word ("the talks" after "talks on Monday"), else the latest of a type of the same group."""
    word = reference.noun.lemma_.lower()
    earlier = [o for o in reversed(occasions) if o.sentence < sentence]
    same_word = next((o for o in earlier if o.word == word), None)
    if same_word is not None or noun_type is None:
        return same_word
    return next((o for o in earlier if _same_group(noun_type, o.type)), None)


def story_occasion(occasions: list[Occasion], window: tuple[datetime.date, datetime.date] | None) -> Occasion | None:
    """The occasion the article reports as its news: the first dated one on a day it may
    have been written on, or at most `importance.recent_days` before."""
    if window is None:
        return None
    recent = datetime.timedelta(days=load_data("event_types")["importance"]["recent_days"])
    first, last = window[0] - recent, window[1]
    return next((o for o in occasions if first <= day_of(o.date) <= last), None)


@cache
def _story_words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_data("event_types")["story_day"][key])


def _past_speech_verb(sentence: Span) -> Token | None:
    """The sentence's main verb where it is a speech verb in the past ("told", "said")."""
    root = sentence.root
    return root if root.tag_ == "VBD" and is_speech_verb(root) else None


def press_remark(sentence: Span) -> Token | None:
    """The verb of a remark to the press the sentence tells with no date ("Roe told
    journalists in a separate briefing", "..., he told reporters"): its main verb, a past
    speech verb whose object names the press (`story_day.audiences`)."""
    root = _past_speech_verb(sentence)
    if root is None:
        return None
    audiences = _story_words("audiences")
    return root if any(c.dep_ in ("dobj", "dative") and c.lower_ in audiences for c in root.children) else None


def reported_outcome(sentence: Span) -> Token | None:
    """The verb of an outcome the sentence reports with no date ("Roe said that Norland
    agreed to ...", "Roe said the two leaders had agreed to ..."): done, by a subject, in
    what the main verb (a past speech verb) says; one of `story_day.outcomes`."""
    root = _past_speech_verb(sentence)
    if root is None:
        return None
    for verb in root.children:
        if verb.dep_ != "ccomp" or verb.lower_ not in _story_words("outcomes"):
            continue
        had = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
        done = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and had)
        if done and any(c.dep_ == "nsubj" for c in verb.children):
            return verb
    return None


def story_sequel(sentence: Span) -> Token | None:
    """The main verb of a sentence that goes on with the story's day ("Later, during an
    interview, Lee repeated ..."): a past verb after an opening `story_day.sequels`."""
    first, root = sentence[0], sentence.root
    if first.lower_ not in _story_words("sequels") or first.head.i != root.i or root.tag_ != "VBD":
        return None
    return root if any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) else None


def occasion_named_as_subject(
    sentence: Span, noun_type: str | None, occasions: list[Occasion], index: int
) -> tuple[Token, Occasion] | None:
    """(the main verb, the occasion) where the sentence's subject names a dated occasion
    ("The summit comes days after the indictment"): a definite occasion noun."""
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or _hyphened_word(subject) not in _occasion_nouns() or not _definite(subject):
        return None
    occasion = occasion_for(OccasionReference(root, subject, frozenset()), noun_type, occasions, index)
    return (root, occasion) if occasion is not None else None
