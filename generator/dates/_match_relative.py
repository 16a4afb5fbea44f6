"""Readers for relative expressions: a regex match → `Found` ("yesterday", "last week", "two years ago")."""

from __future__ import annotations

import re

from generator.dates._found import Found, count_of, duration_value, word_after, word_before
from generator.dates._lexicon import Lexicon
from generator.dates._resolve import Spec


def read_today_words(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = " ".join(match["word"].lower().split())
    if match["word"][0].isupper() and match.start() > 0:
        before = word_before(text, match.start())
        if before and before[0].isupper() and text[match.start() - 2 : match.start()].strip() not in (".", ""):
            return None  # "USA Today", "Russia Today": a name
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
               "the day after tomorrow": 2, "earlier today": 0, "later today": 0}
    spec = Spec("day_offset", offset=offsets[word])
    if word == "tonight":
        spec = spec.with_time("TNI")
    elif match["part"]:
        spec = spec.with_time("T" + lex.parts_of_day[match["part"].lower()])
    return Found(match.start(), match.end(), spec, 2)


def read_part_of_day(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    rel = match["rel"].lower()
    part = "T" + lex.parts_of_day[match["part"].lower()]
    if rel in ("this",):
        spec = Spec("day_offset", offset=0)
    elif rel == "last":
        spec = Spec("day_offset", offset=-1 if part in ("TNI", "TEV") else -1)
    elif rel in ("the previous", "previous", "the night before"):
        spec = Spec("anchor_offset", unit="day", offset=-1)
    elif rel in ("the next", "the following", "next", "following"):
        spec = Spec("anchor_offset", unit="day", offset=1)
    else:  # "that night", "the same evening"
        spec = Spec("anchor_offset", unit="day", offset=0)
    return Found(match.start(), match.end(), spec.with_time(part), 2)


_REL_UNIT_OFFSET = {"last": -1, "next": 1, "this": 0, "coming": 1, "the coming": 1, "this coming": 1,
                    "current": 0, "the current": 0}


_ANCHORED = {"the previous": -1, "previous": -1, "the following": 1, "following": 1, "the next": 1,
             "the same": 0, "that": 0, "the prior": -1, "prior": -1}


def read_relative_unit(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower()
    mod_words = rel.split()
    direction = mod_words[-1] if mod_words[0] in ("earlier", "later", "early", "late") else rel
    if rel in ("the past", "past") or (rel == "the next" and unit not in ("day", "morning", "evening", "night", "afternoon")):
        # "the past week", "over the next year": a stretch of time
        value = duration_value("1", unit, lex) if unit in lex.units else None
        return Found(match.start(), match.end(), Spec("absolute", value, type="DURATION"), 1) if value else None
    if unit in lex.parts_of_day:
        return None  # handled by the part-of-day pattern
    if direction in _ANCHORED:
        if unit == "weekend":
            unit = "week"
        return Found(match.start(), match.end(), Spec("anchor_offset", unit=unit, offset=_ANCHORED[direction]), 2)
    if direction not in _REL_UNIT_OFFSET:
        return None
    if unit == "day":
        return None  # "this day", "next day" without "the": rare and vague
    return Found(match.start(), match.end(), Spec("unit_offset", unit=unit, offset=_REL_UNIT_OFFSET[direction]), 2)


def read_relative_plural(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"]
    if rel in ("coming", "upcoming", "next few", "coming few") and not match["num"] and "few" not in rel:
        return Found(match.start(), match.end(), Spec("absolute", "FUTURE_REF"), 1)
    count = "X" if not match["num"] or "few" in rel else count_of(match["num"], lex)
    if match["num2"]:
        count = "X"  # "five to seven years": a range, not one length
    return Found(match.start(), match.end(), Spec("absolute", duration_value(count, unit, lex), type="DURATION"), 1)


def read_ago(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = count_of(match["num"], lex) if match["num"] else "X"
    start = match.start()
    if count == "X":
        return Found(start, match.end(), Spec("absolute", "PAST_REF"), 3)
    number = -int(float(count)) * lex.unit(match["unit"]).factor
    if unit in ("hour", "minute", "second"):
        spec = Spec("day_offset", offset=0)
    elif unit == "day":
        spec = Spec("day_offset", offset=number)
    elif unit == "fortnight":
        spec = Spec("unit_offset", unit="week", offset=number)
    else:
        spec = Spec("unit_offset", unit=unit, offset=number, compares_periods=unit == "year" and number == -1)
    return Found(start, match.end(), spec, 3)


def read_later(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = count_of(match["num"], lex)
    if count == "X" or unit not in ("day", "week", "month", "year", "fortnight"):
        return None
    sign = 1 if match["dir"].lower() in ("later", "after") else -1
    number = sign * int(float(count)) * lex.unit(match["unit"]).factor
    if unit == "fortnight":
        unit = "week"
    return Found(match.start(), match.end(), Spec("anchor_offset", unit=unit, offset=number), 3)


def read_year_ago_period(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"the year-ago quarter", "year-earlier results": the period last mentioned, a year before."""
    return Found(match.start(), match.end(), Spec("anchor_offset", unit="year", offset=-1, compares_periods=True), 3)


_QUARTERS_NAMED = re.compile(r"\b(?:first|second|third|fourth)[-\s]quarter\b|\bquarterly\b", re.IGNORECASE)


def read_reported_quarter(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    """"the quarter", "the latest quarter": the quarter a report is about. A bare "the
    quarter" is one only in a text that speaks of quarters (else: a part of a city)."""
    if match.group().lower().split()[-1] == "quarter" and len(match.group().split()) == 2:
        if not _QUARTERS_NAMED.search(text):
            return None
    return Found(match.start(), match.end(), Spec("reported_quarter", compares_periods=True), 2)


def read_from_now(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = count_of(match["num"], lex)
    if count == "X":
        return Found(match.start(), match.end(), Spec("absolute", "FUTURE_REF"), 3)
    number = int(float(count)) * lex.unit(match["unit"]).factor
    if unit in ("hour", "minute", "second"):
        return Found(match.start(), match.end(), Spec("day_offset", offset=0), 3)
    if unit == "day":
        return Found(match.start(), match.end(), Spec("day_offset", offset=number), 3)
    return Found(match.start(), match.end(), Spec("unit_offset", unit="week" if unit == "fortnight" else unit, offset=number), 3)


def read_reference_word(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = " ".join(match["word"].lower().split())
    before = word_before(text, match.start()).lower()
    after = word_after(text, match.end()).lower()
    if word in ("the past", "the future", "the near future", "the foreseeable future") and before not in (
        "in", "of", "for", "into", "from", "to"
    ):
        return None
    if word == "the moment" and before != "at":
        return None
    if word == "the present" and before not in ("at", "until", "to", "from"):
        return None
    if word == "now" and (after in ("that",) or text[match.end() : match.end() + 1] == "-"):
        return None
    return Found(match.start(), match.end(), Spec("absolute", lex.reference_words[word]), 0)


def read_course_of_period(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    unit = match["unit"].lower()
    offset = {"this": 0, "last": -1, "next": 1, "the": 0}[match["rel"].lower()]
    return Found(match.start(), match.end(), Spec("unit_offset", unit=unit, offset=offset), 1)


def read_the_weekend(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    return Found(match.start("what"), match.end(), Spec("weekend"), 1)


def read_the_part_of_day(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"by the evening": a part of the day last mentioned."""
    part = "T" + lex.parts_of_day[match["part"].lower()]
    return Found(match.start("what"), match.end(), Spec("anchor_offset", unit="day", offset=0).with_time(part), 0)


def read_unit_before_after(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"the year before", "the day after" (with nothing after them): from the date last mentioned."""
    offset = -1 if match["dir"].lower() == "before" else 1
    return Found(match.start(), match.end(), Spec("anchor_offset", unit=match["unit"].lower(), offset=offset), 1)
