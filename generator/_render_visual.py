"""Geometry of the visual timeline drawn at build time (the SVG markup is a template).

Months that hold events get equal width and empty stretches between them shrink
to a short break, so a few background events years earlier do not squash the
months that matter. Summits are drawn as eras behind the events.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from generator._render_text import date_range, format_date, parse_date
from generator.model import Event

MONTH_WIDTH = 150
GAP_WIDTH = 28
LANE_HEIGHT = 18
DOT_SPACING = 14
MAX_LANES = 8
TOP = 30
AXIS_HEIGHT = 34


@dataclass
class Dot:
    x: float
    y: float
    event: Event
    label: str
    summit: bool


@dataclass
class Era:
    x: float
    width: float
    label: str
    event: Event


@dataclass
class Tick:
    x: float
    label: str
    year: bool


@dataclass
class Visual:
    width: float
    height: float
    axis_y: float
    dots: list[Dot] = field(default_factory=list)
    eras: list[Era] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)


Segment = tuple[int, int]  # (year, month); month 0 stands for a whole year shown alone


def _segments(dates: list[tuple[datetime.date, datetime.date]]) -> list[Segment]:
    """Months holding day- or month-precise dates, plus years known only as a whole."""
    months = {(first.year, first.month) for first, last in dates if (last - first).days < 40}
    years = {first.year for first, last in dates if (last - first).days >= 40}
    months |= {(year, 0) for year in years if not any(m[0] == year for m in months)}
    return sorted(months)


def _adjacent(previous: Segment, segment: Segment) -> bool:
    (y1, m1), (y2, m2) = previous, segment
    return m1 != 0 and m2 != 0 and y1 * 12 + m1 + 1 == y2 * 12 + m2


def layout(events: list[Event]) -> Visual | None:
    """Positions for every dated event, or None when nothing is dated."""
    dated = [(e, date_range(d)) for e in events if (d := parse_date(e.date)) is not None]
    if not dated:
        return None
    segments = _segments([span for _, span in dated])
    offsets: dict[Segment, float] = {}
    breaks: list[float] = []
    x = 12.0
    for index, segment in enumerate(segments):
        if index and not _adjacent(segments[index - 1], segment):
            breaks.append(x + GAP_WIDTH / 2)
            x += GAP_WIDTH
        offsets[segment] = x
        x += MONTH_WIDTH if segment[1] else MONTH_WIDTH / 2
    visual = Visual(width=x + 12, height=0, axis_y=0, breaks=breaks)

    def position(first: datetime.date, last: datetime.date) -> float:
        if (last - first).days >= 40:  # a whole year: its own segment or its first shown month
            segment = (first.year, 0) if (first.year, 0) in offsets else min(
                s for s in segments if s[0] == first.year
            )
            return offsets[segment] + 6
        offset = offsets[(first.year, first.month)]
        if (last - first).days >= 27:  # a month-only date sits at the start of its month
            return offset + 6
        days = calendar.monthrange(first.year, first.month)[1]
        return offset + (first.day - 0.5) / days * MONTH_WIDTH

    lanes: list[float] = []
    placed: list[tuple[float, int, Event]] = []
    for event, (first, last) in sorted(dated, key=lambda item: item[1][0]):
        dot_x = position(first, last)
        lane = next((i for i, end in enumerate(lanes) if dot_x - end >= DOT_SPACING), None)
        if lane is None and len(lanes) < MAX_LANES:
            lane = len(lanes)
            lanes.append(dot_x)
        elif lane is None:
            lane = min(range(len(lanes)), key=lanes.__getitem__)
        lanes[lane] = dot_x
        placed.append((dot_x, lane, event))
        if event.type.lower() == "summit":
            visual.eras.append(Era(dot_x - 6, 12, event.place or event.title, event))
    visual.axis_y = TOP + max(1, len(lanes)) * LANE_HEIGHT + 6
    visual.height = visual.axis_y + AXIS_HEIGHT
    for dot_x, lane, event in placed:
        label = f"{format_date(event.date)}: {event.title}"
        summit = event.type.lower() == "summit"
        visual.dots.append(Dot(dot_x, TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2, event, label, summit))
    labelled_years: set[int] = set()
    for (year, month), offset in offsets.items():
        first_of_year = year not in labelled_years
        label = str(year) if month == 0 else calendar.month_abbr[month] + (f" {year}" if first_of_year else "")
        visual.ticks.append(Tick(offset, label, first_of_year))
        labelled_years.add(year)
    return visual
