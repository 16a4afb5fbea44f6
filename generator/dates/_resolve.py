"""What a found time expression means (`Spec`) and its TIMEX3 value against a reference day.

A `Spec` is read off the text once; `resolve_spec` turns it into a value for
any reference day, tense and anchor, so publication-date inference can try
many candidate reference days cheaply.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from generator.dates import _calendar as cal
from generator.dates._tense import Tense
from generator.model import TimexType

Direction = Literal["last", "next", "this", "past", "future", "near", ""]


@dataclass(frozen=True)
class Spec:
    """The meaning of one time expression, before any reference date is applied.

    kind:
      absolute      — `value` is final ("2018-07-16", "199", "P17Y", "PRESENT_REF")
      month_day     — `month`/`day`, year from the reference and tense ("March 1")
      month         — `month`, year from the reference and tense ("in December", "last July"),
                      or `offset` years from the reference's with `unit` "year" ("June last year")
      weekday       — `weekday` (1 = Monday) near the reference ("on Monday", "next Wednesday")
      weekend       — the weekend before or after the reference, by tense ("over the weekend")
      day_offset    — `offset` days from the reference ("yesterday", "three days ago")
      unit_offset   — `offset` `unit`s (week, weekend, month, year, quarter, decade, century)
                      from the reference ("last week", "two years ago", "this month")
      anchor_offset — `offset` `unit`s from the date last mentioned ("the following day")
      anchor_weekday — the `weekday` after/before the date last mentioned ("the following Monday")
      season        — `season` code near the reference ("last summer")
      part          — `unit` (quarter/half) number `offset` of the reference year ("the first quarter")
      in_duration   — "in two weeks": a date when the sentence is about the future, else
                      the duration `value`
      clock         — a time of day alone ("at noon"); its day comes from the sentence
      holiday       — the movable holiday `value` ("Thanksgiving", "Easter") near the reference
      reported_quarter — "the quarter", "the latest quarter": the quarter last named, else
                      the last one ended before the reference (the one a report is about)
    """

    kind: str
    value: str = ""
    month: int = 0
    day: int = 0
    weekday: int = 0
    unit: str = ""
    offset: int = 0
    direction: Direction = ""
    season: str = ""
    time: str = ""  # appended to a day: "T12:00", "TEV"
    # "a year ago" right after a quarter ("third-quarter profit rose from a year ago"):
    # that quarter a year before, as "a year earlier" is
    compares_periods: bool = False
    type: TimexType = "DATE"

    @property
    def relative(self) -> bool:
        return self.kind != "absolute"

    @property
    def needs_tense(self) -> bool:
        return self.kind in (
            "month_day",
            "month",
            "weekday",
            "season",
            "in_duration",
            "weekend",
        ) and self.direction in (
            "",
            "past",
            "future",
            "near",
        )

    def with_time(self, time: str) -> Spec:
        return replace(self, time=time, type="TIME")


def _direction(spec: Spec, tense: Tense) -> Direction:
    if spec.direction:
        return spec.direction
    return {"past": "past", "future": "future"}.get(tense or "", "near")  # type: ignore[return-value]


def _x_value(spec: Spec) -> str:
    """A value with X's for what only a reference date could fill in."""
    if spec.kind == "month_day":
        return f"XXXX-{spec.month:02d}-{spec.day:02d}"
    if spec.kind == "month":
        return f"XXXX-{spec.month:02d}"
    if spec.kind in ("weekday", "anchor_weekday"):
        return f"XXXX-WXX-{spec.weekday}"
    if spec.kind == "weekend":
        return "XXXX-WXX-WE"
    if spec.kind == "season":
        return f"XXXX-{spec.season}"
    if spec.kind == "part":
        return f"XXXX-{'Q' if spec.unit == 'quarter' else 'H'}{spec.offset}"
    if spec.kind in ("unit_offset", "anchor_offset"):
        return {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "year": "XXXX",
            "quarter": "XXXX-QX",
            "decade": "XXX",
            "century": "XX",
        }.get(spec.unit, "XXXX-XX-XX")
    return "XXXX-XX-XX"


def _month_year(month: int, ref: dt.date, direction: Direction) -> int:
    if direction == "this":
        return ref.year
    if direction == "last":
        return ref.year if month < ref.month else ref.year - 1
    if direction == "next":
        return ref.year if month > ref.month else ref.year + 1
    if direction == "past":
        return ref.year if month <= ref.month else ref.year - 1
    if direction == "future":
        return ref.year if month >= ref.month else ref.year + 1
    # nearest month, the past on a tie
    candidates = [
        (abs((year * 12 + month) - (ref.year * 12 + ref.month)), -year, year)
        for year in (ref.year - 1, ref.year, ref.year + 1)
    ]
    return min(candidates)[2]


def _month_day(month: int, day: int, ref: dt.date, direction: Direction, weekday: int = 0) -> dt.date | None:
    candidates = [d for year in range(ref.year - 4, ref.year + 5) if (d := cal.safe_date(year, month, day))]
    if weekday:
        # "Monday, July 16": a year within one of the reference whose July 16 is a Monday decides
        matching = [d for d in candidates if d.isoweekday() == weekday and abs(d.year - ref.year) <= 1]
        if matching:
            return min(matching, key=lambda d: abs((d - ref).days))
    return _choose_day(candidates, ref, direction)


def _choose_day(candidates: list[dt.date], ref: dt.date, direction: Direction) -> dt.date | None:
    """Of a day's occurrences in several years, the one the direction (or nearness) means."""
    if not candidates:
        return None
    if direction == "this":
        return next((d for d in candidates if d.year == ref.year), None)
    choose = {
        "last": lambda: max((d for d in candidates if d < ref), default=None),
        "past": lambda: max((d for d in candidates if d <= ref), default=None),
        "next": lambda: min((d for d in candidates if d > ref), default=None),
        "future": lambda: min((d for d in candidates if d >= ref), default=None),
    }
    if direction in choose:
        return choose[direction]()
    return min(candidates, key=lambda d: (abs((d - ref).days), d > ref))


def _weekday(weekday: int, ref: dt.date, direction: Direction) -> dt.date:
    if direction == "last":
        return cal.weekday_on_or_before(cal.add_days(ref, -1), weekday)
    if direction == "next":
        return cal.weekday_on_or_after(cal.add_days(ref, 1), weekday)
    if direction == "this":
        return cal.add_days(cal.week_monday(ref), weekday - 1)
    if direction == "past":
        return cal.weekday_on_or_before(ref, weekday)
    if direction == "future":
        return cal.weekday_on_or_after(ref, weekday)
    return cal.nearest_weekday(ref, weekday)


def _unit_value(unit: str, base: dt.date, offset: int) -> str:
    if unit == "day":
        return cal.day_value(cal.add_days(base, offset))
    if unit in ("week", "weekend"):
        value = cal.iso_week_value(cal.add_days(base, 7 * offset))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return cal.month_value(*cal.add_months(base.year, base.month, offset))
    if unit == "year":
        return f"{base.year + offset:04d}"
    if unit == "quarter":
        index = base.year * 4 + (base.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{base.year // 10 + offset:03d}"
    if unit == "century":
        return f"{base.year // 100 + offset:02d}"
    return cal.day_value(base)


def _season_year(season: str, ref: dt.date, direction: Direction) -> int:
    first, last = cal.SEASON_MONTHS[season]
    month_index = ref.month if ref.month >= 3 else ref.month + 12  # Jan, Feb belong to last winter
    season_year = ref.year if ref.month >= 3 else ref.year - 1
    if direction == "this":
        return season_year
    if direction in ("last", "past"):
        return season_year if month_index > last or (direction == "past" and month_index >= first) else season_year - 1
    if direction in ("next", "future"):
        return (
            season_year if month_index < first or (direction == "future" and month_index <= last) else season_year + 1
        )
    return season_year


_SHIFTABLE = re.compile(r"^(\d{4})(-(?:\d{2}|Q\d|H\d|SP|SU|FA|WI))?$")
_MONTH_SUFFIX = re.compile(r"-\d{2}")


def _shift_value(value: str, unit: str, offset: int) -> str | None:
    """ "2019-Q4" a year earlier is "2018-Q4": shift a coarse anchor, keeping its granularity."""
    match = _SHIFTABLE.match(value)
    if not match:
        return None
    year, rest = int(match[1]), match[2] or ""
    if unit == "year":
        return f"{year + offset:04d}{rest}"
    if unit == "month" and _MONTH_SUFFIX.fullmatch(rest):
        return cal.month_value(*cal.add_months(year, int(rest[1:]), offset))
    if unit == "quarter" and rest.startswith("-Q"):
        index = year * 4 + int(rest[2]) - 1 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return None


_QUARTER = re.compile(r"\d{4}-Q[1-4]")


# A date without a year that the tense puts about a year away, while the same day
# lies within this many days of the reference, means the near one
# ("agreed a truce beginning noon on July 9" written on July 7).
NEAR_DATE_DAYS = 14


def resolve_spec(
    spec: Spec,
    ref: dt.date | None,
    tense: Tense = None,
    anchor: dt.date | None = None,
    anchor_value: str | None = None,
) -> tuple[TimexType, str]:
    """(type, TIMEX3 value) of `spec` against reference day `ref` (None: X's where needed).

    `anchor` is the day last mentioned, `anchor_value` the last date of any
    precision ("2019-Q4"), for "the following day" and "a year earlier".
    """
    if spec.kind == "absolute":
        return spec.type, spec.value + spec.time
    if spec.kind == "in_duration":
        if tense == "future" and ref is not None:
            return "DATE", _unit_value(spec.unit, ref, spec.offset)
        return "DURATION", spec.value
    if spec.kind == "anchor_offset" and anchor_value and spec.unit in ("year", "month", "quarter"):
        shifted = _shift_value(anchor_value, spec.unit, spec.offset)
        if shifted:
            return spec.type, shifted + spec.time
    if spec.compares_periods and anchor_value and ref is not None and _QUARTER.fullmatch(anchor_value):
        if ref.year - 1 <= int(anchor_value[:4]) <= ref.year:  # the quarter being reported
            shifted = _shift_value(anchor_value, spec.unit, spec.offset)
            if shifted:
                return spec.type, shifted
    if spec.kind == "reported_quarter":
        if anchor_value and _QUARTER.fullmatch(anchor_value):
            return spec.type, anchor_value
        if ref is None:
            return spec.type, "XXXX-QX"
        return spec.type, _unit_value("quarter", ref, -1)
    if spec.kind in ("anchor_offset", "anchor_weekday", "clock"):
        base = anchor or ref
        if base is None:
            return spec.type, _x_value(spec) + spec.time
        if spec.kind == "clock":
            return spec.type, cal.day_value(base) + spec.time
        if spec.kind == "anchor_weekday":
            step = 1 if spec.offset > 0 else -1
            day = (cal.weekday_on_or_after if step > 0 else cal.weekday_on_or_before)(
                cal.add_days(base, step), spec.weekday
            )
            return spec.type, cal.day_value(day) + spec.time
        return spec.type, _unit_value(spec.unit, base, spec.offset) + spec.time
    if ref is None:
        return spec.type, _x_value(spec) + spec.time
    direction = _direction(spec, tense)
    if spec.kind == "month_day":
        day = _month_day(spec.month, spec.day, ref, direction, spec.weekday)
        if not spec.direction and day and abs((day - ref).days) > 300:
            near = _month_day(spec.month, spec.day, ref, "near")
            if near and abs((near - ref).days) <= NEAR_DATE_DAYS:
                day = near
        value = cal.day_value(day) if day else _x_value(spec)
    elif spec.kind == "month" and spec.unit == "year":
        value = cal.month_value(ref.year + spec.offset, spec.month)  # "June last year"
    elif spec.kind == "month":
        value = cal.month_value(_month_year(spec.month, ref, direction), spec.month)
    elif spec.kind == "holiday":
        rule = cal.movable_holidays()[spec.value]
        day = _choose_day([cal.holiday_day(rule, y) for y in range(ref.year - 1, ref.year + 2)], ref, direction)
        value = cal.day_value(day) if day else _x_value(spec)
    elif spec.kind == "weekday":
        value = cal.day_value(_weekday(spec.weekday, ref, direction))
    elif spec.kind == "weekend":
        if direction == "near":
            direction = "past" if ref.isoweekday() <= 3 else "future"
        if direction in ("past", "last"):
            day = cal.weekday_on_or_before(ref, 7)
        else:
            day = cal.weekday_on_or_after(ref, 6)
        value = cal.iso_week_value(day) + "-WE"
    elif spec.kind == "day_offset":
        value = cal.day_value(cal.add_days(ref, spec.offset))
    elif spec.kind == "unit_offset":
        value = _unit_value(spec.unit, ref, spec.offset)
    elif spec.kind == "season":
        value = f"{_season_year(spec.season, ref, direction):04d}-{spec.season}"
    elif spec.kind == "part":
        value = f"{ref.year:04d}-{'Q' if spec.unit == 'quarter' else 'H'}{spec.offset}"
    else:
        raise ValueError(f"unknown kind of time expression {spec.kind!r}")
    return spec.type, value + spec.time


def resolve_against_range(
    spec: Spec,
    reference: tuple[dt.date, dt.date] | None,
    tense: Tense = None,
    anchor: dt.date | None = None,
    anchor_value: str | None = None,
) -> tuple[TimexType, str]:
    """Like `resolve_spec` for a reference known only as a range of days (e.g. a month).

    The value is what the two ends agree on ("yesterday" against July 2018 → "2018"
    only if both ends fall in one year), so no day is invented.
    """
    if reference is None:
        return resolve_spec(spec, None, tense, anchor, anchor_value)
    first, last = reference
    kind, early = resolve_spec(spec, first, tense, anchor, anchor_value)
    if first == last:
        return kind, early
    _, late = resolve_spec(spec, last, tense, anchor, anchor_value)
    if early == late:
        return kind, early
    date_part, _, time_part = early.partition("T")
    late_date, _, _ = late.partition("T")
    common = cal.common_value(date_part, late_date)
    return ("DATE" if kind == "TIME" else kind), common
