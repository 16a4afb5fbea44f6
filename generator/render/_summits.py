"""Summits: the days each lasted, and the events and statements around it.

An event gives one date, often only a month; a known summit (data/summits.yaml)
gives its first and last day. The match is by name (the event's title is the
known summit's name) or by place and date (the event names one of its places
and its date overlaps the summit's days). Nothing here names a summit: the
knowledge is the data file.

Around each summit, events within SUMMIT_WINDOW_DAYS fall before, at or after
it, and the statements made at it or about it (see `_summit_statements`) are
gathered for its page: nearness in time alone does not make a statement about a
summit, as summits days apart share their articles.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from generator.knowledge import KnownSummit, known_summits
from generator.model import Event, Person, Statement
from generator.render._text import date_range, format_days, parse_date, unique_paths

if TYPE_CHECKING:
    from generator.render._view import SiteView

# Events this many days before or after a summit belong on its page.
SUMMIT_WINDOW_DAYS = 31
# An event dated more coarsely than this (a whole year) is too vague to place around a summit.
MAX_WINDOW_SPAN_DAYS = 31

Span = tuple[datetime.date, datetime.date]

_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip().casefold()


@cache
def _by_name() -> dict[str, list[KnownSummit]]:
    names: dict[str, list[KnownSummit]] = {}
    for summit in known_summits():
        names.setdefault(_key(summit.name), []).append(summit)
    return names


def known_summit(event: Event) -> KnownSummit | None:
    """The known summit `event` reports, or None when none (or more than one) fits."""
    date = parse_date(event.date)
    if date is None:
        return None
    first, last = date_range(date)

    def overlaps(summit: KnownSummit) -> bool:
        return summit.first <= last and first <= summit.last

    named = [s for s in _by_name().get(_key(event.title), []) if overlaps(s)]
    if len(named) == 1:
        return named[0]
    place = _key(event.place)
    placed = [s for s in known_summits() if place and place in map(_key, s.places) and overlaps(s)]
    return placed[0] if len(placed) == 1 else None


def summit_span(event: Event) -> Span | None:
    """First and last day of a summit event: known ones from the data, else a day-precise date."""
    known = known_summit(event)
    if known is not None:
        return known.first, known.last
    date = parse_date(event.date)
    if date is None or date.day is None:
        return None
    return date_range(date)


# -- summit pages -------------------------------------------------------------------


@dataclass
class SummitView:
    event: Event
    path: str
    name: str
    before: list[Event] = field(default_factory=list)
    during: list[Event] = field(default_factory=list)
    after: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    # The days it lasted ("11–13 June 2021") when known (data/summits.yaml) or dated to the day.
    days: str = ""
    first_day: str = ""  # ISO date of its first day, when `days` is known


def _window(event: Event) -> Span | None:
    """The days an event may have taken place on, when few enough to place it around a summit."""
    date = parse_date(event.date)
    if date is None:
        return None
    first, last = date_range(date)
    return None if (last - first).days > MAX_WINDOW_SPAN_DAYS else (first, last)


def summit_views(view: SiteView) -> list[SummitView]:
    """A page for each summit event: the events before, at and after it, and what was said."""
    summit_events = [e for e in view.events if e.type.lower() == "summit"]
    names: dict[str, str] = {}
    for event in summit_events:
        date = parse_date(event.date)
        names[event.id] = f"{event.place or event.title} {date.year if date else ''}"
    paths = unique_paths([e.id for e in summit_events], "summits", names)
    # Events placeable around a summit, by first day (windows span at most MAX_WINDOW_SPAN_DAYS).
    placeable = sorted(((w, e) for e in view.events if (w := _window(e)) is not None), key=lambda i: i[0][0])
    starts = [w[0] for w, _ in placeable]
    dated = _dated_statements(view)
    summits = []
    for event in summit_events:
        summit = SummitView(event, paths[event.id], event.title)
        span = summit_span(event)
        window = span or _window(event)
        if span:
            summit.days, summit.first_day = format_days(*span), span[0].isoformat()
        if window is not None:
            start, end = window
            earliest = start - datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
            latest = end + datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
            first = bisect.bisect_left(starts, earliest - datetime.timedelta(days=MAX_WINDOW_SPAN_DAYS))
            for (o_start, o_end), other in placeable[first:bisect.bisect_right(starts, latest)]:
                if other.id == event.id or o_end < earliest or o_start > latest:
                    continue
                if o_end < start:
                    summit.before.append(other)
                elif o_start > end:
                    summit.after.append(other)
                else:
                    summit.during.append(other)
        summit.statements = _summit_statements(view, summit, window, dated)
        summits.append(summit)
    return summits


DatedStatements = tuple[list[datetime.date], list[tuple[datetime.date, datetime.date, Statement]]]


def _dated_statements(view: SiteView) -> DatedStatements:
    """Statements dated to a month or better (their own date, their event's, else their
    article's), by first day, for window look-ups."""
    spans = []
    for statement in view.statements:
        linked = view.event_by_id.get(statement.event)
        date = parse_date(statement.date or (linked.date if linked else None)
                          or view.statement_date(statement))
        if date is not None:
            first, last = date_range(date)
            if (last - first).days <= MAX_WINDOW_SPAN_DAYS:
                spans.append((first, last, statement))
    spans.sort(key=lambda item: item[0])
    return [first for first, _, _ in spans], spans


def summit_names(event: Event) -> tuple[str, ...]:
    """The words that name a summit in a text: its place, and the known summit's places and
    other names ("G7") from data/summits.yaml."""
    known = known_summit(event)
    names = [event.place, *(known.places if known else ()), *(known.aliases if known else ())]
    return tuple(dict.fromkeys(n for n in names if n and n.strip()))


@cache
def _naming_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    words = "|".join(re.escape(n.strip()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def names_summit(text: str, event: Event) -> bool:
    pattern = _naming_pattern(summit_names(event))
    return bool(pattern and pattern.search(text or ""))


def _same_place(event: Event, summit: Event) -> bool:
    places = {_key(p) for p in summit_names(summit)}
    return bool(event.place) and _key(event.place) in places


def _summit_statements(view: SiteView, summit: SummitView, window: Span | None,
                       dated: DatedStatements) -> list[Statement]:
    """What was said at or about the summit.

    Made at it: linked to the summit, or to an event during it at its place. About
    it: its words name the summit (its place or another name from data/summits.yaml),
    or it is in an article that reports this summit and no other one; either within
    SUMMIT_WINDOW_DAYS of the summit, or undated. Nearness in time alone is not
    enough: an article reporting two summits days apart speaks of both.
    """
    event = summit.event
    at_summit = [event.id, *(e.id for e in summit.during if _same_place(e, event))]
    reporting = {s.article for s in event.sources}
    # Articles about this summit alone: what they quote is about it.
    about = {a for a in reporting
             if sum(e.type.lower() == "summit" for e in view.events_by_article.get(a, [])) == 1}
    chosen: dict[int, Statement] = {}  # by object: ids may repeat in edited data
    for event_id in at_summit:
        for statement in view.statements_by_event.get(event_id, []):
            chosen[id(statement)] = statement
    for article_id in reporting:
        for statement in view.statements_by_article.get(article_id, []):
            if not parse_date(view.statement_date(statement)) and (
                    article_id in about or names_summit(statement.text, event)):
                chosen[id(statement)] = statement
    if window is not None:
        starts, spans = dated
        wide = datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
        earliest = window[0] - wide - datetime.timedelta(days=MAX_WINDOW_SPAN_DAYS)
        for first, last, statement in spans[bisect.bisect_left(starts, earliest):
                                            bisect.bisect_right(starts, window[1] + wide)]:
            if id(statement) in chosen or not (window[0] - wide <= last and first <= window[1] + wide):
                continue
            if statement.source.article in about or names_summit(statement.text, event):
                chosen[id(statement)] = statement
    return sorted(chosen.values(), key=lambda s: view.statement_order[id(s)])


def sides(people: dict[str, Person], statements: list[Statement]) -> list[tuple[str, list[Statement]]]:
    """Statements grouped by the speaker's country, biggest group first."""
    groups: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        person = people.get(statement.speaker)
        side = (person.country if person and person.country else "") or (
            "Other speakers" if person else "Unattributed"
        )
        groups[side].append(statement)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
