"""Events: sentences that report a dated happening → `Event` records.

A sentence reports an event when it holds a trigger phrase of an event type
(`data/event_types.yaml`) and a calendar date. The same happening reported by
several sentences or articles becomes one event with several sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from generator.knowledge import load_data
from generator.model import (
    Article,
    Event,
    Mention,
    PartialDate,
    Person,
    Source,
    TimeExpression,
    slugify,
)

PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_SUMMARY_CHARS = 240


@dataclass(frozen=True)
class EventType:
    name: str
    weight: float
    trigger: re.Pattern[str]


@cache
def event_types() -> tuple[EventType, ...]:
    data = load_data("event_types")
    types = []
    for name, spec in data["types"].items():
        words = sorted(spec["triggers"], key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        types.append(EventType(name, float(spec.get("weight", 1)), pattern))
    return tuple(types)


@cache
def _type_weights() -> dict[str, float]:
    return {t.name: t.weight for t in event_types()}


@cache
def _background_cue() -> re.Pattern[str]:
    cues = sorted(load_data("event_types")["background_cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s*$", re.I)


def classify_event_sentence(text: str) -> str | None:
    """The event type whose trigger occurs first in the list of types, if any."""
    for event_type in event_types():
        if event_type.trigger.search(text):
            return event_type.name
    return None


def find_events(
    doc: Doc,
    article: Article,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    people: dict[str, Person],
) -> list[Event]:
    """Events reported by the sentences of one article (before merging)."""
    from generator.topics import find_topics

    published = _published(article)
    events: list[Event] = []
    dated = [e for e in expressions if e.date is not None]
    for sentence in doc.sents:
        in_sentence = [e for e in dated if sentence.start_char <= e.start < sentence.end_char]
        if not in_sentence:
            continue
        event_type = classify_event_sentence(sentence.text)
        if event_type is None:
            continue
        expression = in_sentence[0]
        date = expression.date
        assert date is not None
        participants = _participants(sentence, mentions)
        place = _place(sentence)
        background = is_background_date(article.text, expression, published)
        events.append(
            Event(
                id="",
                date=date.iso(),
                title=event_title(event_type, participants, place, people),
                type=event_type,
                sources=[Source(article.id, sentence.text.strip())],
                summary=_summary(sentence.text),
                people=participants,
                place=place,
                topics=find_topics(sentence.text),
                background=background,
            )
        )
    return events


def _published(article: Article) -> PartialDate | None:
    try:
        return PartialDate.parse(article.published) if article.published else None
    except ValueError:
        return None


def is_background_date(
    text: str, expression: TimeExpression, published: PartialDate | None
) -> bool:
    """History mentioned in passing ("since 2000", "the pact of 1939"), not the story."""
    date = expression.date
    if date is None:
        return False
    years = load_data("event_types")["background_after_years"]
    if published is not None and published.year - date.year >= years:
        return True
    before = text[max(0, expression.start - 20) : expression.start]
    return date.precision == "year" and bool(_background_cue().search(before))


def _participants(sentence: Span, mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for mention in mentions:
        if sentence.start_char <= mention.start < sentence.end_char and mention.person not in seen:
            seen.append(mention.person)
    return seen


def _place(sentence: Span) -> str:
    places = [ent for ent in sentence.ents if ent.label_ in PLACE_LABELS]
    # "in Helsinki, Finland": the place right after "in"/"at" is where it happened.
    for ent in places:
        if ent.start > sentence.start and ent.doc[ent.start - 1].lower_ in ("in", "at"):
            return ent.text
    return ""


def event_title(event_type: str, participants: list[str], place: str, people: dict[str, Person]) -> str:
    names = [people[p].name.split()[-1] for p in participants[:3] if p in people]
    who = "–".join(names)
    title = f"{who} {event_type}" if who else event_type.capitalize()
    if place:
        title += f" in {place}"
    return title[0].upper() + title[1:]


def _summary(sentence: str) -> str:
    text = " ".join(sentence.split())
    if len(text) <= MAX_SUMMARY_CHARS:
        return text
    return text[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    da, db = PartialDate.parse(a.date), PartialDate.parse(b.date)
    if da.precision == db.precision and da != db:
        return False
    # A coarser date may name the same happening as a finer one within it.
    coarse, fine = (da, db) if len(a.date) <= len(b.date) else (db, da)
    if not fine.iso().startswith(coarse.iso()):
        return False
    if a.place and b.place:
        return a.place == b.place
    return bool(set(a.people) & set(b.people)) or da == db


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening, with all its sources; ids assigned, sorted by date."""
    merged: list[Event] = []
    for event in events:
        for existing in merged:
            if _same_happening(existing, event):
                _absorb(existing, event)
                break
        else:
            merged.append(event)
    for event in merged:
        event.importance = event_importance(event)
    merged.sort(key=lambda e: (e.date, -e.importance, e.title))
    _assign_ids(merged)
    return merged


def _absorb(target: Event, other: Event) -> None:
    if len(other.date) > len(target.date):
        target.date = other.date
    for source in other.sources:
        if source not in target.sources:
            target.sources.append(source)
    target.people += [p for p in other.people if p not in target.people]
    target.topics += [t for t in other.topics if t not in target.topics]
    target.place = target.place or other.place
    target.background = target.background and other.background


def event_importance(event: Event) -> float:
    """Independent reports count most, then how often it is told, then its kind."""
    articles = {source.article for source in event.sources}
    score = 2.0 * len(articles) + 0.5 * len(event.sources) + _type_weights().get(event.type, 1)
    return round(score / (3 if event.background else 1), 2)


def _assign_ids(events: list[Event]) -> None:
    used: set[str] = set()
    for event in events:
        base = f"{event.date}-{slugify(event.title, max_length=50)}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        event.id = candidate
