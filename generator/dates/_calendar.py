"""Calendar arithmetic for the dates stage: shifting days, weeks, months; TIMEX3 values ↔ day ranges.

Everything works on `datetime.date` (no times, so no naive datetimes).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

Day = dt.date

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 13, 14 = next Jan, Feb


def add_days(day: Day, days: int) -> Day:
    return day + dt.timedelta(days=days)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def iso_week_value(day: Day) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_monday(day: Day) -> Day:
    return add_days(day, -(day.isoweekday() - 1))


def weekday_on_or_before(day: Day, weekday: int) -> Day:
    """The latest date ≤ `day` falling on ISO `weekday` (1 = Monday)."""
    return add_days(day, -((day.isoweekday() - weekday) % 7))


def weekday_on_or_after(day: Day, weekday: int) -> Day:
    return add_days(day, (weekday - day.isoweekday()) % 7)


def nearest_weekday(day: Day, weekday: int) -> Day:
    """The date nearest `day` on `weekday`; three days either way, the past on a tie."""
    before = weekday_on_or_before(day, weekday)
    after = weekday_on_or_after(day, weekday)
    return after if (after - day) < (day - before) else before


def month_length(year: int, month: int) -> int:
    following = dt.date(*add_months(year, month, 1), 1)
    return (following - dt.timedelta(days=1)).day


@cache
def movable_holidays() -> dict[str, dict[str, int]]:
    """Holidays whose day moves with the year (time_words.yaml `movable_holidays`)."""
    from generator.knowledge import load_data

    return {str(name).lower(): {str(k): int(v) for k, v in rule.items()}
            for name, rule in (load_data("time_words").get("movable_holidays") or {}).items()}


def holiday_day(rule: dict[str, int], year: int) -> Day:
    """A movable holiday's day in `year`: Easter plus `easter` days, or the `nth` (-1: last)
    `weekday` (1 = Monday) of `month`."""
    if "easter" in rule:
        from dateutil.easter import easter

        return easter(year) + dt.timedelta(days=rule["easter"])
    month, weekday, nth = rule["month"], rule["weekday"], rule["nth"]
    if nth < 0:
        return weekday_on_or_before(Day(year, month, month_length(year, month)), weekday)
    return weekday_on_or_after(Day(year, month, 1), weekday) + dt.timedelta(weeks=nth - 1)


def safe_date(year: int, month: int, day: int) -> Day | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_value(day: Day) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# --- TIMEX3 values as ranges of days -------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
_QUARTER = re.compile(r"^(\d{4})-([QH])(\d)")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"^(\d{4})(?![\d-])")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def value_range(value: str) -> tuple[Day, Day] | None:
    """The first and last day a TIMEX3 date value covers; None for XXXX, *_REF, durations."""
    try:
        if match := _DAY.match(value):
            day = dt.date(*map(int, match.groups()))
            return day, day
        if match := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday, add_days(monday, 6)
        if match := _QUARTER.match(value):
            year, kind, number = int(match[1]), match[2], int(match[3])
            size = 3 if kind == "Q" else 6
            first = (number - 1) * size + 1
            last = first + size - 1
            return dt.date(year, first, 1), dt.date(year, last, month_length(year, last))
        if match := _SEASON.match(value):
            year = int(match[1])
            first, last = SEASON_MONTHS[match[2]]
            end_year, end_month = add_months(year, last, 0) if last <= 12 else (year + 1, last - 12)
            return dt.date(year, first, 1), dt.date(end_year, end_month, month_length(end_year, end_month))
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            return dt.date(year, month, 1), dt.date(year, month, month_length(year, month))
        if match := _YEAR.match(value):
            year = int(match[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if match := _DECADE.match(value):
            start = int(match[1]) * 10
            return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
        if match := _CENTURY.match(value):
            start = int(match[1]) * 100
            return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
    except ValueError:
        return None
    return None


def range_value(first: Day, last: Day) -> str:
    """The finest plain ISO value (day, month, year, decade) that holds both days."""
    if first == last:
        return day_value(first)
    if (first.year, first.month) == (last.year, last.month):
        return month_value(first.year, first.month)
    if first.year == last.year:
        return f"{first.year:04d}"
    if first.year // 10 == last.year // 10:
        return f"{first.year // 10:03d}"
    return "XXXX"


def common_value(earliest: str, latest: str) -> str:
    """One value for an expression resolved against both ends of an uncertain reference.

    Equal values stand; otherwise the coarsest plain date holding both
    ("2018-07-15" and "2018-07-21" → "2018-07"), so nothing is invented.
    """
    if earliest == latest:
        return earliest
    first, last = value_range(earliest), value_range(latest)
    if first is None or last is None:
        return earliest if earliest == latest else "XXXX-XX-XX"
    return range_value(min(first[0], last[0]), max(first[1], last[1]))


def contains(outer: str, inner_day: Day) -> bool:
    found = value_range(outer)
    return found is not None and found[0] <= inner_day <= found[1]
