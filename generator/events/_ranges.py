"""Spans of days: "from March 18 to April 1", "7-8 July", "July 7–8", "between 3 and 5 May".

The dates stage reads each date on its own; here two dates joined by a range
word become one span (its first date starts it, the second ends it), and a
bare day number joined by a dash to a date ends or starts the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from generator.knowledge import load_data
from generator.model import PartialDate, TimeExpression


@dataclass
class DateRanges:
    starts: dict[TimeExpression, PartialDate] = field(default_factory=dict)  # a span's first day, where it differs
    ends: dict[TimeExpression, PartialDate] = field(default_factory=dict)
    consumed: set[TimeExpression] = field(default_factory=set)  # the second date of a span


@cache
def _connector() -> re.Pattern[str]:
    words = load_data("event_types")["range_connectors"]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"^\s*(?:" + alternatives + r")\s*$", re.I)


_DAY_AFTER = re.compile(r"^\s*[-–—]\s*(\d{1,2})(?![\d:.,]\d|\s*(?:am|pm|a\.m|p\.m|%|per))\b")
_DAY_BEFORE = re.compile(r"(?<![\d:.,])\b(\d{1,2})\s*(?:[-–—]|\band\b)\s*$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)


def date_ranges(text: str, expressions: list[TimeExpression]) -> DateRanges:
    """The spans the text gives among `expressions` (sorted, dated)."""
    found = DateRanges()
    for index, expression in enumerate(expressions):
        date = expression.date
        if date is None or expression in found.consumed:
            continue
        following = expressions[index + 1] if index + 1 < len(expressions) else None
        if following is not None and following.date is not None:
            gap = text[expression.end : following.start]
            joined = _connector().match(gap) or (
                gap.strip().lower() == "and" and _BETWEEN.search(text[max(0, expression.start - 9) : expression.start])
            )
            if joined and _later(date, following.date):
                found.ends[expression] = following.date
                found.consumed.add(following)
                continue
        if date.precision != "day":
            continue
        after = _DAY_AFTER.match(text[expression.end : expression.end + 8])
        if after and date.day is not None and expression.text.strip()[-1:].isdigit():
            end = _with_day(date, int(after.group(1)))
            if end is not None and _later(date, end):
                found.ends[expression] = end  # "July 7–8"
                continue
        before = _DAY_BEFORE.search(text[max(0, expression.start - 8) : expression.start])
        if before and expression.text.strip()[:1].isdigit():
            start = _with_day(date, int(before.group(1)))
            if start is not None and _later(start, date):
                found.starts[expression] = start  # "7-8 July"
                found.ends[expression] = date
    return found


def _with_day(date: PartialDate, day: int) -> PartialDate | None:
    try:
        return PartialDate.parse(f"{date.year:04d}-{date.month:02d}-{day:02d}")
    except ValueError:
        return None


def _later(first: PartialDate, second: PartialDate) -> bool:
    """`second` ends a span `first` starts: later, and as precise or coarser ("March to April")."""
    return second.precision == first.precision and second.day_range()[0] > first.day_range()[1]
