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
TOP = 34
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


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def layout(events: list[Event]) -> Visual | None:
    """Positions for every dated event, or None when nothing is dated."""
    dated = [(e, date_range(d)) for e in events if (d := parse_date(e.date)) is not None]
    if not dated:
        return None
    months = sorted({_month_index(first) for _, (first, last) in dated if (last - first).days < 40})
    months = months or sorted({_month_index(first) for _, (first, _) in dated})
    # x offset of each shown month; a gap marker between months that are not adjacent.
    offsets: dict[int, float] = {}
    breaks: list[float] = []
    x = 12.0
    for index, month in enumerate(months):
        if index and month != months[index - 1] + 1:
            breaks.append(x + GAP_WIDTH / 2)
            x += GAP_WIDTH
        offsets[month] = x
        x += MONTH_WIDTH
    width = x + 12

    def position(first: datetime.date, last: datetime.date) -> float:
        month = _month_index(first)
        if month not in offsets:  # a year-only date: its first shown month, else the edge
            inside = [m for m in months if first <= _first_day(m) <= last]
            month = inside[0] if inside else min(months, key=lambda m: abs(m - month))
            return offsets[month] + 4
        days = calendar.monthrange(first.year, first.month)[1]
        if (last - first).days >= 27:  # a month-only date sits at the start of its month
            return offsets[month] + 4
        return offsets[month] + (first.day - 0.5) / days * MONTH_WIDTH

    visual = Visual(width=width, height=0, axis_y=0, breaks=breaks)
    lanes: list[float] = []
    placed: list[tuple[float, int, Event]] = []
    for event, (first, last) in sorted(dated, key=lambda item: item[1][0]):
        dot_x = position(first, last)
        lane = next((i for i, end in enumerate(lanes) if dot_x - end >= DOT_SPACING), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else min(range(len(lanes)), key=lanes.__getitem__)
            if lane == len(lanes):
                lanes.append(dot_x)
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
    shown_years: set[int] = set()
    for month, offset in offsets.items():
        year = month // 12
        visual.ticks.append(
            Tick(offset, f"{calendar.month_abbr[month % 12 + 1]}" + (f" {year}" if year not in shown_years else ""), year not in shown_years)
        )
        shown_years.add(year)
    return visual


def _first_day(month: int) -> datetime.date:
    return datetime.date(month // 12, month % 12 + 1, 1)
