"""Geometry of the visual timeline drawn at build time (the SVG markup is a template).

Months that hold events get equal width and empty stretches between them shrink
to a short break, so a few background events years earlier do not squash the
months that matter. Summits are drawn as eras behind the events, over the days
they lasted (from the known summits when the event gives only a month): a band is
as wide as its days (MIN_ERA_WIDTH only keeps a one-day band from vanishing), so a
week-long conference reads longer than an afternoon's meeting.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from generator.model import Event
from generator.render._summits import summit_span
from generator.render._text import date_range, format_date, format_days, parse_date

MONTH_WIDTH = 150
GAP_WIDTH = 28
LANE_HEIGHT = 18
DOT_SPACING = 14
MAX_LANES = 8
TOP = 30
AXIS_HEIGHT = 34
MIN_ERA_WIDTH = 4
LABEL_ROW_HEIGHT = 13
MAX_LABEL_ROWS = 3
LABEL_CHAR_WIDTH = 6  # about the width of one character of an era label (10 px bold)


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
    title: str = ""  # the summit's name and days, for the tooltip
    label_x: float = 0.0
    label_align: str = "center"  # "left" | "center" | "right": keeps the label on the canvas
    label_y: float = 1.0


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
    era_top: float = 16.0
    dots: list[Dot] = field(default_factory=list)
    eras: list[Era] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)


Segment = tuple[int, int]  # (year, month); month 0 stands for a whole year shown alone


def _segments(dates: list[tuple[datetime.date, datetime.date]]) -> list[Segment]:
    """Months holding day- or month-precise dates, plus years known only as a whole."""
    months = {(day.year, day.month)
              for first, last in dates if (last - first).days < 40 for day in (first, last)}
    years = {first.year for first, last in dates if (last - first).days >= 40}
    months |= {(year, 0) for year in years if not any(m[0] == year for m in months)}
    return sorted(months)


def _adjacent(previous: Segment, segment: Segment) -> bool:
    (y1, m1), (y2, m2) = previous, segment
    return m1 != 0 and m2 != 0 and y1 * 12 + m1 + 1 == y2 * 12 + m2


def layout(events: list[Event]) -> Visual | None:
    """Positions for every dated event, or None when nothing is dated."""
    spans = {id(e): summit_span(e) for e in events if e.type.lower() == "summit"}
    dated = []
    for event in events:
        date = parse_date(event.date)
        if date is not None:
            dated.append((event, spans.get(id(event)) or date_range(date)))
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
        return day_x(first, 0.5)

    def day_x(day: datetime.date, fraction: float) -> float:
        """Where a moment of `day` falls (0 its start, 1 its end) in the day's month."""
        days = calendar.monthrange(day.year, day.month)[1]
        return offsets[(day.year, day.month)] + (day.day - 1 + fraction) / days * MONTH_WIDTH

    lanes: list[float] = []
    placed: list[tuple[float, int, Event]] = []
    for event, (first, last) in sorted(dated, key=lambda item: item[1][0]):
        span = spans.get(id(event))
        if span and (first.year, first.month) in offsets and (last.year, last.month) in offsets:
            start, end = day_x(first, 0), day_x(last, 1)  # a summit's days, seen as a band
            dot_x = (start + end) / 2
        else:
            dot_x = position(first, last)
            start = end = dot_x
        lane = next((i for i, lane_x in enumerate(lanes) if dot_x - lane_x >= DOT_SPACING), None)
        if lane is None and len(lanes) < MAX_LANES:
            lane = len(lanes)
            lanes.append(dot_x)
        elif lane is None:
            lane = min(range(len(lanes)), key=lanes.__getitem__)
        lanes[lane] = dot_x
        placed.append((dot_x, lane, event))
        if event.type.lower() == "summit":
            visual.eras.append(_era(event, start, end, span, visual.width))
    top = TOP + (_stack_labels(visual.eras) - 1) * LABEL_ROW_HEIGHT
    visual.era_top = top - 14
    visual.axis_y = top + max(1, len(lanes)) * LANE_HEIGHT + 6
    visual.height = visual.axis_y + AXIS_HEIGHT
    for dot_x, lane, event in placed:
        label = f"{format_date(event.date)}: {event.title}"
        summit = event.type.lower() == "summit"
        visual.dots.append(Dot(dot_x, top + lane * LANE_HEIGHT + LANE_HEIGHT / 2, event, label, summit))
    labelled_years: set[int] = set()
    for (year, month), offset in offsets.items():
        first_of_year = year not in labelled_years
        label = str(year) if month == 0 else (
            calendar.month_abbr[month] + (f" {year}" if first_of_year else ""))
        visual.ticks.append(Tick(offset, label, first_of_year))
        labelled_years.add(year)
    return visual


def _era(event: Event, start: float, end: float, span: tuple[datetime.date, datetime.date] | None,
         canvas_width: float) -> Era:
    """The band behind a summit: its days, widened to MIN_ERA_WIDTH around their middle."""
    width = max(end - start, MIN_ERA_WIDTH)
    x = max(0.0, min((start + end - width) / 2, canvas_width - width))
    label = event.place or event.title
    days = format_days(*span) if span else ""
    era = Era(x, width, label, event, f"{event.title}: {days}" if days else event.title)
    half = len(label) * LABEL_CHAR_WIDTH / 2
    centre = x + width / 2
    if centre - half < 2:
        era.label_x, era.label_align = x, "left"
    elif centre + half > canvas_width - 2:
        era.label_x, era.label_align = x + width, "right"
    else:
        era.label_x = centre
    return era


def _stack_labels(eras: list[Era]) -> int:
    """Put era labels that would overlap on separate rows; the number of rows used."""
    rows: list[float] = []  # right end of the last label in each row
    for era in sorted(eras, key=lambda e: e.label_x):
        width = len(era.label) * LABEL_CHAR_WIDTH
        left = {"left": era.label_x, "right": era.label_x - width}.get(
            era.label_align, era.label_x - width / 2)
        row = next((i for i, right in enumerate(rows) if left >= right + 6), None)
        if row is None and len(rows) < MAX_LABEL_ROWS:
            row = len(rows)
            rows.append(0.0)
        elif row is None:
            row = min(range(len(rows)), key=rows.__getitem__)
        rows[row] = left + width
        era.label_y = 1 + row * LABEL_ROW_HEIGHT
    return max(1, len(rows))
