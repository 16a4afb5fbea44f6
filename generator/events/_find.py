"""Events: sentences that report a dated happening → `Event` records.

A sentence reports an event when it holds a trigger phrase of an event type
(`data/event_types.yaml`) and a calendar date. The same happening reported by
several sentences or articles becomes one event with several sources.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from generator.dates import Reference, article_reference
from generator.events._summits import day_of, known_summit_for, reference_days
from generator.events._triggers import (
    SUMMIT_LIKE_TYPES,
    Trigger,
    classify_event_sentence,
    event_types,
    find_triggers,
    quoted_regions,
    trigger_for_date,
    types_by_name,
)
from generator.knowledge import KnownSummit, load_data
from generator.model import (
    Article,
    Event,
    Mention,
    PartialDate,
    Person,
    Source,
    Statement,
    TimeExpression,
    slugify,
)

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Span

__all__ = [
    "classify_event_sentence",
    "event_importance",
    "event_types",
    "find_events",
    "is_background_date",
    "link_statements",
    "merge_events",
    "quoted_regions",
]

PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_SUMMARY_CHARS = 240


@cache
def _background_cue() -> re.Pattern[str]:
    cues = sorted(load_data("event_types")["background_cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s*$", re.I)


def find_events(
    doc: Doc,
    article: Article,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    people: dict[str, Person],
    quoted: Sequence[tuple[int, int]] = (),
    reference: Reference | None = None,
) -> list[Event]:
    """Events reported by the sentences of one article (before merging).

    Dates inside direct quotes are left out: "today" in a quote is the day the
    words were said, not the day the article reports. `reference` is the article's
    reference date or window (by default `dates.article_reference(article)`).
    """
    published = article.published_date()
    window = reference_days(article_reference(article) if reference is None else reference)
    quoted = [*quoted, *quoted_regions(article.text)]

    def outside_quotes(offset: int) -> bool:
        return not any(start <= offset < end for start, end in quoted)

    dated = [e for e in expressions if e.date is not None and outside_quotes(e.start)]
    all_triggers = [t for t in find_triggers(doc) if outside_quotes(t.start)]
    starts = [t.start for t in all_triggers]
    found: list[Event] = []
    for sentence in doc.sents:
        first = bisect.bisect_left(starts, sentence.start_char)
        last = bisect.bisect_left(starts, sentence.end_char)
        triggers = all_triggers[first:last]
        if not triggers:
            continue
        participants = _participants(sentence, mentions)
        in_sentence = [e for e in dated if sentence.start_char <= e.start < sentence.end_char]
        candidates: list[tuple[Trigger, PartialDate, TimeExpression | None, KnownSummit | None]] = []
        for expression in in_sentence:
            trigger = trigger_for_date(sentence, expression, triggers)
            if trigger is None:
                continue
            date = expression.date
            assert date is not None
            summit = (
                known_summit_for(sentence.text, trigger, participants, people, date, window)
                if trigger.summit_like
                else None
            )
            candidates.append((trigger, date, expression, summit))
        summit_trigger = next((t for t in triggers if t.summit_like), None)
        if summit_trigger and not any(c[3] for c in candidates):
            summit = known_summit_for(sentence.text, summit_trigger, participants, people, None, window)
            if summit:
                candidates.append((summit_trigger, day_of(summit.first), None, summit))
        seen: set[tuple[str, str]] = set()
        for trigger, date, expression, summit in candidates:
            event = _event_from(sentence, article, trigger, date, expression, summit, participants, people, published)
            if (event.type, event.date) not in seen:
                seen.add((event.type, event.date))
                found.append(event)
    return found


def _event_from(
    sentence: Span,
    article: Article,
    trigger: Trigger,
    date: PartialDate,
    expression: TimeExpression | None,
    summit: KnownSummit | None,
    participants: list[str],
    people: dict[str, Person],
    published: PartialDate | None,
) -> Event:
    from generator.knowledge.topics import find_topics

    if summit is not None:
        event_type, place, title = "summit", summit.places[0], summit.name
        date = PartialDate(summit.first.year, summit.first.month, summit.first.day)
    else:
        event_type, place = trigger.type, _place(sentence)
        title = _noun_phrase_title(sentence, trigger, expression) or event_title(
            event_type, participants, place, people, _actor_of(sentence, trigger)
        )
    return Event(
        id="",
        date=date.iso(),
        title=title,
        type=event_type,
        sources=[Source(article.id, sentence.text.strip())],
        summary=_summary(sentence.text),
        people=participants,
        place=place,
        topics=find_topics(sentence.text),
        background=expression is not None and is_background_date(article.text, expression, published),
    )


def _noun_phrase_title(sentence: Span, trigger: Trigger, expression: TimeExpression | None) -> str:
    """A named happening ("the Hitler-Stalin Pact", "the 2016 presidential election")
    titles itself: the trigger noun with the words that name it."""
    doc = sentence.doc
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
        return ""
    head = span.root
    modifiers = [t for t in head.lefts if t.dep_ in NAMING_DEPS]
    if not modifiers:
        return ""
    first = min(t.left_edge.i for t in modifiers)
    words = [t for t in doc[first : head.i + 1] if t.pos_ not in ("DET", "PRON") and not t.is_punct]
    if not words:
        return ""
    dated = expression is not None and words[0].idx <= expression.start < head.idx
    if dated and expression is not None and expression.relative:
        return ""  # "next Wednesday's talks" names nothing once the week has passed
    if not dated and not any(t.pos_ == "PROPN" or t.ent_type_ for t in words):
        return ""
    text = doc[words[0].i : head.i + 1].text
    return text[0].upper() + text[1:]


# Dependents that make part of a happening's name ("2016 presidential election").
NAMING_DEPS = frozenset(("compound", "amod", "nummod", "nmod", "poss", "npadvmod"))


def is_background_date(text: str, expression: TimeExpression, published: PartialDate | None) -> bool:
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
        before = ent.start - 1
        while before > sentence.start and ent.doc[before].pos_ == "ADJ":
            before -= 1  # "in southwest Syria"
        if before >= sentence.start and ent.doc[before].lower_ in ("in", "at"):
            return ent.text
    return ""


def event_title(
    event_type: str, participants: list[str], place: str, people: dict[str, Person], actor: str = ""
) -> str:
    spec = types_by_name().get(event_type)
    actors = participants[:3] if spec is None or spec.actors else []
    names = [people[p].name.split()[-1] for p in actors if p in people]
    who = "–".join(names) or actor
    title = f"{who} {event_type}" if who else event_type.capitalize()
    if place:
        title += f" in {place}"
    return title[0].upper() + title[1:]


def _actor_of(sentence: Span, trigger: Trigger) -> str:
    """Who did it, when the text names an organisation or country as the subject
    of the trigger verb ("the Kremlin announced" → "Kremlin")."""
    span = sentence.doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None or span.root.pos_ != "VERB":
        return ""
    for child in span.root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            first = min(t.i for t in child.subtree if t.ent_type_)
            last = max(t.i for t in child.subtree if t.ent_type_)
            return sentence.doc[first : last + 1].text
    return ""


def _summary(sentence: str) -> str:
    text = " ".join(sentence.split())
    if len(text) <= MAX_SUMMARY_CHARS:
        return text
    return text[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _same_happening(a: Event, b: Event) -> bool:
    """Same kind, compatible dates, and the same place, people or name."""
    if a.type != b.type:
        return False
    da, db = PartialDate.parse(a.date), PartialDate.parse(b.date)
    coarse, fine = (da, db) if len(a.date) <= len(b.date) else (db, da)
    if not fine.iso().startswith(coarse.iso()):
        return False
    if a.title == b.title or (da == db and da.precision == "year"):
        return True
    if a.place and b.place:
        return a.place == b.place
    # Without two places, only reports dated alike are merged on shared people.
    return da == db and bool(set(a.people) & set(b.people))


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening, with all its sources; ids assigned, sorted by date.

    A merged event is background when most of its reports treat it so.
    """
    merged: list[Event] = []
    background_votes: list[list[bool]] = []
    # Only events of one type and year can be one happening: compare within those.
    buckets: dict[tuple[str, str], list[int]] = {}
    for event in events:
        bucket = buckets.setdefault((event.type, event.date[:4]), [])
        for index in bucket:
            if _same_happening(merged[index], event):
                _absorb(merged[index], event)
                background_votes[index].append(event.background)
                break
        else:
            bucket.append(len(merged))
            merged.append(event)
            background_votes.append([event.background])
    for event, votes in zip(merged, background_votes, strict=True):
        event.background = sum(votes) * 2 > len(votes)
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


def event_importance(event: Event) -> float:
    """Independent reports count most, then how often it is told, then its kind."""
    articles = {source.article for source in event.sources}
    score = (
        2.0 * len(articles)
        + 0.5 * len(event.sources)
        + (types_by_name()[event.type].weight if event.type in types_by_name() else 1)
    )
    return round(score / (3 if event.background else 1), 2)


def _assign_ids(events: list[Event]) -> None:
    used: set[str] = set()
    for event in events:
        title = slugify(event.title, max_length=50).removeprefix(event.date[:4] + "-")
        base = f"{event.date}-{title}"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        event.id = candidate


# A statement is tied to an event its sentence names only if said this close to it.
LINK_REACH_DAYS = 31


def link_statements(statements: list[Statement], events: list[Event]) -> None:
    """Tie each statement to the event it was made at or about, where the text says so:
    its sentence reports the event, or names the event's place or title near its date."""
    by_sentence = {(s.article, s.text): event for event in events for s in event.sources}
    by_place: dict[str, list[Event]] = {}
    for event in events:
        if event.place and not event.background and event.type in SUMMIT_LIKE_TYPES:
            by_place.setdefault(event.place, []).append(event)
    # One pass over each sentence finds every place named (not one search per event).
    places = sorted(by_place, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, places)) + r")(?![\w-])") if places else None
    for statement in statements:
        if statement.event:
            continue
        event = by_sentence.get((statement.source.article, statement.source.text))
        if event is None and pattern is not None:
            named = {match.group() for match in pattern.finditer(statement.source.text)}
            candidates = [e for place in named for e in by_place[place] if _near(statement, e)]
            event = candidates[0] if len(candidates) == 1 else None
        if event is not None:
            statement.event = event.id


def _near(statement: Statement, event: Event) -> bool:
    if not statement.date:
        return True
    said, held = PartialDate.parse(statement.date[:10]), PartialDate.parse(event.date)
    if said.precision != "day" or held.precision != "day":
        return (
            said.iso()[:4] == held.iso()[:4] or said.iso().startswith(held.iso()) or held.iso().startswith(said.iso())
        )
    return abs((day_of(said) - day_of(held)).days) <= LINK_REACH_DAYS
