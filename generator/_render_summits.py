"""How long a summit lasted: a summit event matched to the known summits (data/summits.yaml).

An event gives one date, often only a month; a known summit gives its first and
last day. The match is by name (the event's title is the known summit's name)
or by place and date (the event names one of its places and its date overlaps
the summit's days). Nothing here names a summit: the knowledge is the data file.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from generator._render_text import date_range, parse_date
from generator.knowledge import KnownSummit, known_summits
from generator.model import Event

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


def summit_span(event: Event) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of a summit event: known ones from the data, else a day-precise date."""
    known = known_summit(event)
    if known is not None:
        return known.first, known.last
    date = parse_date(event.date)
    if date is None or date.day is None:
        return None
    return date_range(date)
