"""Publication windows: clues as sets of possible writing days, combined by intersection.

A clue says "the article was written on one of these days" (one or more
intervals) with a trust level. Hard clues are intersected most trusted first;
one that would leave no day is dropped (it contradicts better evidence). Soft
clues (habits of news writing, e.g. a date given without its year is in the year
of writing) then narrow the window only where they agree with it.

`decide` turns the window into the `published` value at the precision the whole
window agrees on, the basis naming the clues that bound it, and the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.dates import _calendar as cal

Interval = tuple[dt.date, dt.date]
Days = tuple[Interval, ...]  # sorted, disjoint, non-empty intervals

# Bounds standing for "no bound on this side" (a fixed day keeps output reproducible).
EARLIEST = dt.date(1000, 1, 1)
OPEN_END = dt.date(9999, 12, 31)
# A window wider than this is only a lower bound in practice: its year is not decided by majority.
MAJORITY_SPAN_DAYS = 731

CONFIDENCE_ORDER = ("certain", "likely", "uncertain")


def normalise(intervals: Iterable[Interval]) -> Days:
    """Sorted, merged intervals (touching ones joined); empty ones dropped."""
    ordered = sorted((first, last) for first, last in intervals if first <= last)
    merged: list[list[dt.date]] = []
    for first, last in ordered:
        if merged and (merged[-1][1] >= OPEN_END or first <= cal.add_days(merged[-1][1], 1)):
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple((first, last) for first, last in merged)


def intersect(left: Days, right: Days) -> Days:
    found = []
    for a_first, a_last in left:
        for b_first, b_last in right:
            first, last = max(a_first, b_first), min(a_last, b_last)
            if first <= last:
                found.append((first, last))
    return normalise(found)


def hull(days: Days) -> Interval:
    return days[0][0], days[-1][1]


def day_count(days: Days) -> int:
    return sum((last - first).days + 1 for first, last in days)


@dataclass(frozen=True)
class Clue:
    """The writing fell on one of `days`; `trust` orders clues, `soft` ones only narrow."""

    days: Days
    trust: int
    basis: str
    confidence: str  # certain, likely, uncertain
    soft: bool = False

    @property
    def first(self) -> dt.date:
        return self.days[0][0]

    @property
    def last(self) -> dt.date:
        return self.days[-1][1]

    @property
    def single_day(self) -> bool:
        return self.first == self.last


def clue(
    first: dt.date, last: dt.date, trust: int, basis: str, confidence: str, *, soft: bool = False
) -> Clue:
    return Clue(normalise([(first, last)]), trust, basis, confidence, soft)


@dataclass
class Window:
    """The days every trusted clue allows (`days`), narrowed by the soft clues that agree."""

    days: Days
    used: list[Clue] = field(default_factory=list)
    dropped: list[Clue] = field(default_factory=list)
    narrowed: Days = ()
    soft_used: list[Clue] = field(default_factory=list)

    @property
    def first(self) -> dt.date:
        return hull(self.days)[0]

    @property
    def last(self) -> dt.date:
        return hull(self.days)[1]

    @property
    def bounded(self) -> bool:
        first, last = hull(self.days)
        return first > EARLIEST and last < OPEN_END

    def binding(self) -> tuple[Clue | None, Clue | None]:
        """The most trusted clues that set the window's first and last day."""
        first, last = hull(self.days)
        lower = next((c for c in self.used if _starts(c.days, first)), None)
        upper = next((c for c in self.used if _ends(c.days, last)), None)
        return lower, upper


def _starts(days: Days, day: dt.date) -> bool:
    """Whether one of the intervals begins on `day` (so the clue sets a lower bound there)."""
    return any(first == day for first, _ in days) and day > EARLIEST


def _ends(days: Days, day: dt.date) -> bool:
    return any(last == day for _, last in days) and day < OPEN_END


def combine(clues: Iterable[Clue]) -> Window | None:
    """Intersect the hard clues most trusted (then narrowest) first, then the soft ones."""
    clues = list(clues)
    window: Window | None = None
    for item in sorted((c for c in clues if not c.soft), key=lambda c: (-c.trust, day_count(c.days))):
        if window is None:
            window = Window(item.days, [item])
            continue
        common = intersect(window.days, item.days)
        if common:
            window.days = common
            window.used.append(item)
        else:
            window.dropped.append(item)
    if window is None:
        return None
    window.narrowed = window.days
    for item in sorted((c for c in clues if c.soft), key=lambda c: (-c.trust, day_count(c.days))):
        common = intersect(window.narrowed, item.days)
        if common:
            window.narrowed = common
            window.soft_used.append(item)
    return window


def weakest(*confidences: str) -> str:
    return max(confidences, key=CONFIDENCE_ORDER.index, default="uncertain")


def year_days(year: int) -> Days:
    return ((dt.date(year, 1, 1), dt.date(year, 12, 31)),)


def majority_year(days: Days) -> int:
    """The year holding most of the days (the later one on a tie: news reports the recent past)."""
    counts: dict[int, int] = {}
    for first, last in days:
        for year in range(first.year, last.year + 1):
            common = intersect(((first, last),), year_days(year))
            counts[year] = counts.get(year, 0) + day_count(common)
    return max(counts, key=lambda year: (counts[year], year))


def value_of(days: Days, allow_day: bool) -> str:
    """The finest ISO value (day, month, year) the whole window agrees on; "" if it spans years."""
    first, last = hull(days)
    if first == last and not allow_day:
        first = first.replace(day=1)
        last = first.replace(day=cal.month_length(first.year, first.month))
    value = cal.range_value(first, last)
    return value if len(value) in (4, 7, 10) and value[:4].isdigit() else ""


def window_text(days: Days, value: str) -> str | None:
    """"YYYY-MM-DD/YYYY-MM-DD" when the window says more than `value` does, else None."""
    first, last = hull(days)
    if first <= EARLIEST or last >= OPEN_END:
        return None
    span = cal.value_range(value)
    if span is not None and (first, last) == span:
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def parse_window(text: str | None) -> Interval | None:
    """Read "YYYY-MM-DD/YYYY-MM-DD"; None if absent or malformed."""
    if not text or "/" not in text:
        return None
    start, _, end = text.partition("/")
    try:
        first, last = dt.date.fromisoformat(start.strip()), dt.date.fromisoformat(end.strip())
    except ValueError:
        return None
    return (first, last) if first <= last else None
