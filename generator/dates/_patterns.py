"""Regexes that find time expressions and read each one's meaning (`Spec`).

Every pattern is compiled once, from the word lists in data/time_words.yaml.
`scan` returns all candidate matches; the caller keeps the longest where they
overlap. Spans follow TIMEX3: prepositions ("in", "on") stay outside, determiners
and modifiers ("the", "last", "early", "more than") inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from generator.dates._found import Found, Handler, holiday_names
from generator.dates._lexicon import alternatives, lexicon
from generator.dates._match_calendar import (
    read_bare_month,
    read_bare_year,
    read_century,
    read_decade,
    read_full_date,
    read_holiday,
    read_modified_year,
    read_month_year,
    read_numeric_date,
    read_part_of_year,
    read_season,
    read_spelled_year,
    read_weekday,
    read_year_range,
)
from generator.dates._match_lengths import (
    ADVERB_SETS,
    read_adverb_set,
    read_bare_plural,
    read_bare_plural_after,
    read_clock_any,
    read_duration,
    read_frequency,
    read_half_duration,
    read_plural_of,
    read_set,
    read_set_plural_weekday,
    read_whole_unit,
)
from generator.dates._match_relative import (
    read_ago,
    read_course_of_period,
    read_from_now,
    read_later,
    read_part_of_day,
    read_reference_word,
    read_relative_plural,
    read_relative_unit,
    read_reported_quarter,
    read_the_part_of_day,
    read_the_weekend,
    read_today_words,
    read_unit_before_after,
    read_year_ago_period,
)

__all__ = ["Found", "patterns", "scan"]


_NO_DIGIT_AFTER = r"(?!\d|:\d)"  # "June 12:" ends a date; "June 12:30" is no day
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})(?!\d)"
_MOD = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_APPROX = (
    r"(?:(?:more|less|fewer)\s+than|over|under|nearly|almost|about|around|roughly|some|at\s+least|"
    r"at\s+most|up\s+to|just\s+over|just\s+under|approximately|only|barely|a\s+full|an\s+entire|"
    r"the\s+entire|a\s+whole|the\s+whole|the\s+first|the\s+last|the\s+past|the\s+next|the\s+final|"
    r"another|the\s+same|a\s+further)"
)


def _cap_variants(words: object) -> list[str]:
    """Capitalised and upper-case forms: month and weekday names are proper nouns."""
    out = []
    for word in words:  # type: ignore[attr-defined]
        out += [str(word).capitalize(), str(word).upper()]
    return out


@dataclass(frozen=True)
class _Vocabulary:
    month: str  # full month names, capitalised
    month_any_case: str
    month_abbr: str
    weekday: str
    weekday_abbr: str
    number: str
    vague: str
    unit: str
    ordinal: str
    season: str
    part_of_day: str
    holiday: str
    reference: str


@cache
def _vocabulary() -> _Vocabulary:
    lex = lexicon()
    numbers = [w for w in lex.numbers if w not in ("a", "an")]
    tens = [w for w, v in lex.numbers.items() if 20 <= v <= 90 and v % 10 == 0]
    ones = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    compound = [f"{t}-{o}" for t in tens for o in ones] + [f"{t} {o}" for t in tens for o in ones]
    units = []
    for unit in lex.units:
        units += [unit, unit + "s"] if not unit.endswith("y") or unit == "day" else [unit, unit[:-1] + "ies"]
        if unit == "day":
            units += ["days"]
    return _Vocabulary(
        month=alternatives(_cap_variants(lex.months)),
        month_any_case=alternatives(list(lex.months) + _cap_variants(lex.months)),
        month_abbr=alternatives(_cap_variants(lex.month_abbreviations)),
        weekday=alternatives(_cap_variants(lex.weekdays)),
        weekday_abbr=alternatives(_cap_variants(lex.weekday_abbreviations)),
        number=alternatives(numbers + compound),
        vague=alternatives(lex.vague_numbers),
        unit=alternatives(units),
        ordinal=alternatives(lex.ordinals),
        season=alternatives(lex.seasons),
        part_of_day=alternatives(lex.parts_of_day),
        holiday=alternatives(holiday_names()),
        reference=alternatives(lex.reference_words),
    )


# --- handlers: match → Found -------------------------------------------------------------


# --- the patterns ---------------------------------------------------------------------------
@cache
def patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    v = _vocabulary()
    i = re.IGNORECASE
    month = rf"(?P<mon>{v.month}|(?:{v.month_abbr})\.?)"
    weekday_lead = rf"(?:(?P<wd>{v.weekday}|(?:{v.weekday_abbr})\.?),?\s+)?"
    number = rf"(?:{v.number}|\d+(?:[.,]\d+)?|{v.vague})"
    units = rf"(?:{v.unit})"
    return (
        (re.compile(rf"\b{weekday_lead}{month}\s+{_DAY}{_NO_DIGIT_AFTER}(?!\s*(?:%|per\s*cent))(?:(?:,\s*|\s+){_YEAR})?"), read_full_date),
        (re.compile(rf"\b{weekday_lead}(?:the\s+)?{_DAY}\s+(?:of\s+)?{month}(?:,?\s+{_YEAR})?(?!\w)"), read_full_date),
        (re.compile(rf"\b(?:(?:{_MOD})[-\s]+)?{month},?\s+(?:of\s+)?{_YEAR}"), read_month_year),
        (re.compile(r"(?<![\d/.-])(?:(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))|(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2}))(?![\d/.]\d)"), read_numeric_date),
        (re.compile(
            rf"\b(?P<cue>(?i:in|on|since|until|till|by|during|before|after|from|through|throughout|of|to|between|"
            rf"and|last|next|this|coming|past|early|late|mid-|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
            rf")\s*(?P<mon>{v.month_any_case})\b(?!['’]s)(?!\s*\d)"
        ), read_bare_month),
        (re.compile(r"(?<![\w$€£#/.,–-])(?P<y1>1[5-9]\d\d|20\d\d)\s*[-–]\s*(?P<y2>(?:1[5-9]|20)?\d\d)(?![\d%])"), read_year_range),
        (re.compile(rf"(?<![\w$€£#/.,–-]){_YEAR}(?![.,]\d|\s*%|\s*per\s*cent|-\d|[-–]year|\s*[a-zA-Z]*\d)"), read_bare_year),
        (re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?P<dec>1[0-9]\d0|20\d0)['’]?s|['’](?P<short>\d)0s)\b"), read_decade),
        (re.compile(rf"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{v.ordinal})[-\s]+century\b", i), read_century),
        (re.compile(
            rf"\b(?P<what>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
            rf"the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+(?:first|second|third|fourth|last|final)\s+quarter\s+of|"
            rf"(?:the\s+)?(?:{v.season})\s+of|(?:{v.season})|the\s+course\s+of|the\s+rest\s+of)[-\s]+{_YEAR}", i), read_modified_year),
        (re.compile(rf"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:earlier|later)\s+today|yesterday|today|tomorrow|tonight)(?:['’]s)?(?:\s+(?P<part>{v.part_of_day}))?\b", i), read_today_words),
        (re.compile(rf"\b(?P<rel>this|last|the\s+previous|previous|the\s+next|the\s+following|that|the\s+same)\s+(?P<part>{v.part_of_day})\b", i), read_part_of_day),
        (re.compile(
            r"\b(?P<rel>(?:(?:earlier|later|early|late)\s+)?(?:last|next|this|coming|this\s+coming|the\s+coming|current|the\s+current)|"
            r"the\s+past|past|the\s+previous|previous|the\s+following|the\s+next|the\s+same|that|the\s+prior)\s+"
            r"(?P<unit>week|weekend|month|year|quarter|decade|century|day)\b(?!['’]s\s+(?:worth|time))(?![-\s](?:old|long))", i), read_relative_unit),
        (re.compile(
            rf"\b(?:the\s+)?(?P<rel>coming|upcoming|next\s+few|coming\s+few|past\s+few|last\s+few|past|last|next|previous|recent|following)\s+"
            rf"(?:(?P<num>{v.number}|\d+|several|couple\s+of)\s+(?:(?:to|or|-|–)\s+(?P<num2>{v.number}|\d+)\s+)?)?"
            rf"(?P<unit>(?:second|minute|hour|day|week|month|year|decade)s|centuries)\b", i), read_relative_plural),
        (re.compile(
            rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<num>{number}|a|an)(?:\s+(?:to|or|-|–)\s+(?P<num2>{number}))?"
            rf"(?:\s+|-)(?P<unit>{units})(?P<adj>-long|-old)?\b(?![-–]\w)", i), read_duration),
        (re.compile(rf"\b(?:(?P<lead>a|an|one|{v.number})\s+(?P<unit>hour|day|year|week|month)s?\s+and\s+a\s+half|half\s+(?:an?\s+)?(?P<unit2>hour|day|year)|an?\s+half[-\s](?P<unit3>hour|day))\b", i), read_half_duration),
        (re.compile(r"\b(?:for|in|over|within|after|take|takes|took|taken|taking|last|lasted|lasting|spend|spent|spending|wait|waited|waiting)\s+(?P<unit>(?:second|minute|hour|day|week|month|year|decade)s|centuries)\b(?!\s+(?:ago|to|and\s+(?:days|weeks|months|years)))", i), read_bare_plural),
        (re.compile(r"\b(?P<unit>(?:day|week|month|year|hour)s)\s+(?=(?:after|before|later|earlier)\b)", i), read_bare_plural_after),
        (re.compile(rf"\b(?:(?:about|nearly|almost|some|around|roughly|more\s+than|less\s+than|just|only|over)\s+)?(?:(?P<num>{number}|a|an)\s+)?(?P<unit>{units})\s+ago\b", i), read_ago),
        (re.compile(rf"\b(?P<num>{number}|a|an)\s+(?P<unit>{units})\s+(?P<dir>later|earlier)\b(?!\s+(?:than|that))", i), read_later),
        (re.compile(rf"\b(?P<num>{number}|a|an)\s+(?P<unit>{units})\s+from\s+now\b", i), read_from_now),
        (re.compile(r"\bthe\s+(?:(?:latest|most\s+recent)\s+(?:fiscal\s+)?(?:quarter|period)|quarter)\b(?!\s+of\b|-)", i), read_reported_quarter),
        (re.compile(r"\b(?:the\s+)?(?:comparable\s+)?year-(?:ago|earlier)\b(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b)?", i), read_year_ago_period),
        (re.compile(
            rf"\b(?:(?P<rel>(?i:last|next|this\s+coming|this|coming|the\s+following|following|the\s+previous|previous|the\s+next|the\s+prior|past|on))\s+)?"
            rf"(?P<wd>(?:{v.weekday})(?:['’]s|s)?)(?:\s+(?P<part>{v.part_of_day}))?\b"), read_weekday),
        (re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|the\s+coming|coming|past|early|late|mid|the))\s+|(?P<lead>(?<=in\s)|(?<=during\s)|(?<=by\s)|(?<=until\s)|(?<=since\s)))(?P<season>{v.season})\b(?!\s+(?:of\s+)?\d)"), read_season),
        (re.compile(r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:\s+|-)(?P<unit>quarter|half)\b(?!\s+of\s+(?:the\s+)?(?:\d|\w+\s+century))(?!\s+(?:of\s+)?(?:an?|the\s+\w+s?\s+of)\b)", i), read_part_of_year),
        (re.compile(rf"\b(?P<word>{v.reference})\b", i), read_reference_word),
        (re.compile(rf"\b(?:every|each)\s+(?:(?P<num>{v.number}|\d+|other)\s+)?(?P<what>(?:{v.unit})|(?:{v.weekday})|(?:{v.month}))\b", i), read_set),
        (re.compile(r"\b(?:on\s+)?(?P<what>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)\b"), read_set_plural_weekday),
        (re.compile(r"\b(?:annual|annually|yearly|daily|weekly|monthly|hourly|quarterly|biannually|nightly)\b(?![-–])", i), read_adverb_set),
        (re.compile(rf"\b(?:(?P<freq>once|twice|thrice|(?:{v.number}|\d+)\s+times)\s+)?(?P<per>a|an|per|each)\s+(?P<unit>year|month|week|day|hour|minute)\b(?!\s+(?:ago|later|earlier|before|after|long|old|from))", i), read_frequency),
        (re.compile(
            rf"\b(?:(?P<word>noon|midday|midnight)|(?P<h>[01]?\d|2[0-4]|{v.number})(?::(?P<m>[0-5]\d))?\s*(?:(?P<ampm>[ap]\.\s?m\.|[ap]m\b)|(?P<oclock>o['’]clock))|"
            rf"(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|BST|CET|CEST|MSK|EST|EDT|PST|PDT|local\s+time))?)"
            rf"(?:\s+(?P<tz2>GMT|UTC|BST|CET|CEST|MSK|EST|EDT|PST|PDT|local\s+time))?(?!\w)", i), read_clock_any),
        (re.compile(rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>{v.holiday})(?:\s+(?P<year>\d{{4}}))?\b", i), read_holiday) if v.holiday else (re.compile(r"(?!x)x"), read_holiday),
        (re.compile(r"\b(?:the\s+)?(?:course|end|start|beginning|rest|remainder|middle|turn)\s+of\s+(?P<rel>this|last|next|the)\s+(?P<unit>year|month|week|decade|century)\b", i), read_course_of_period),
        (_spelled_year(), read_spelled_year),
    )


@cache
def _spelled_year() -> re.Pattern[str]:
    """ "nineteen ninety-six", "nineteen oh five", "eighteen hundred", "January nineteen
    ninety-seven", "the year two thousand (and one)"; the number words are time_words.yaml's."""
    lex = lexicon()
    # single number words; "a", "an" and "dozen" count things but never spell a year
    words = {word: value for word, value in lex.numbers.items() if " " not in word and word not in ("a", "an", "dozen")}
    ones, teens, tens = (
        alternatives(w for w, v in words.items() if low <= v <= high and (v < 20 or v % 10 == 0))
        for low, high in ((1, 9), (10, 19), (20, 90))
    )
    tens_and_ones = rf"(?:{tens})(?:[-\s]+(?:{ones}))?"
    return re.compile(
        rf"\b(?:(?P<mon>{alternatives(lex.months)})\s+(?:of\s+)?|(?P<the_year>the\s+year\s+))?"
        rf"(?:(?P<century>seventeen|eighteen|nineteen)[-\s]+"
        rf"(?P<rest>hundred|oh[-\s]+(?:{ones})|{tens_and_ones}|{teens})"
        rf"|(?P<thousand>two\s+thousand)(?:(?:\s+and)?[-\s]+(?P<thousand_rest>{tens_and_ones}|{teens}|{ones}))?)\b",
        re.IGNORECASE,
    )


_EXTRA_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[,.;:!?)]|\s*$)", re.I), read_unit_before_after),
    (re.compile(r"\b(?:by|in|during|until|till|through|throughout|into)\s+(?P<what>the\s+(?P<part>morning|afternoon|evening|night))\b(?!\s+of)", re.I), read_the_part_of_day),
    (re.compile(r"\b(?:an?\s+(?:entire|full|whole)|the\s+(?:entire|whole))\s+(?P<unit>day|week|month|year|decade|hour|night)\b", re.I), read_whole_unit),
    (re.compile(r"\b(?:over|at|on|during|through|throughout|for|by)\s+(?P<what>the\s+weekend)\b", re.I), read_the_weekend),
    (re.compile(r"\b(?P<unit>(?:week|month|year|decade)s)\s+(?=of\s+(?!the\s+(?:year|month)))", re.I), read_plural_of),
)


# Every time expression holds one of these; the patterns only run near them.
_WINDOW_REACH = 80


@cache
def _trigger_sources() -> dict[str, str]:
    """Regexes over lowercase text: "" any time word; the others one family of patterns' words."""
    lex = lexicon()
    words = (
        list(lex.months) + list(lex.month_abbreviations) + list(lex.weekdays) + list(lex.units) + list(lex.seasons)
        + list(lex.parts_of_day) + list(lex.reference_words) + holiday_names() + list(ADVERB_SETS)
        + ["centuries", "yesterday", "today", "tomorrow", "tonight", "noon", "midday", "midnight", "clock",
           "weekend", "quarter", "half", "past", "future", "present", "moment"]
    )
    units = [*lex.units, "centuries", "weekend", "quarter", "half"]
    return {
        "": r"\d|" + alternatives(w.lower() for w in words),
        "month": alternatives(w.lower() for w in [*lex.months, *lex.month_abbreviations]),
        "digit": r"\d",
        "unit": alternatives(w.lower() for w in units),
        "weekday": alternatives(w.lower() for w in [*lex.weekdays, *lex.weekday_abbreviations]),
        "day_word": r"yesterday|today|tomorrow|tonight",
        "part_of_day": alternatives(w.lower() for w in lex.parts_of_day),
        "spelled_year": r"seventeen|eighteen|nineteen|two thousand",
    }


@cache
def _trigger(group: str = "", ignore_case: bool = True) -> re.Pattern[str]:
    """The trigger regex of `group`; without `ignore_case` it reads lowercased text (much faster)."""
    return re.compile(_trigger_sources()[group], re.IGNORECASE if ignore_case else 0)


def _windows(text: str, trigger: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Stretches of text around time words, merged; the rest cannot hold a time expression."""
    windows: list[list[int]] = []
    for match in (trigger or _trigger()).finditer(text):
        start, end = max(0, match.start() - _WINDOW_REACH), min(len(text), match.end() + _WINDOW_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]


# Which trigger group each reader's pattern needs (the others run near any time word).
_GROUP_OF: dict[Handler, str] = {
    read_full_date: "month", read_month_year: "month", read_bare_month: "month",
    read_numeric_date: "digit", read_year_range: "digit", read_bare_year: "digit", read_decade: "digit",
    read_modified_year: "digit",
    read_today_words: "day_word", read_part_of_day: "part_of_day", read_the_part_of_day: "part_of_day",
    read_relative_unit: "unit", read_relative_plural: "unit", read_duration: "unit", read_half_duration: "unit",
    read_bare_plural: "unit", read_bare_plural_after: "unit", read_ago: "unit", read_later: "unit",
    read_from_now: "unit", read_frequency: "unit", read_course_of_period: "unit", read_unit_before_after: "unit",
    read_whole_unit: "unit", read_plural_of: "unit", read_the_weekend: "unit", read_century: "unit",
    read_part_of_year: "unit",
    read_weekday: "weekday", read_set_plural_weekday: "weekday",
    read_spelled_year: "spelled_year",
}


@cache
def _needs() -> dict[Handler, tuple[str, ...]]:
    """Words one of which each match of some patterns holds: a text without any skips the pattern.

    Plain substrings of the lowercased text (a superset test: it only ever lets a pattern run).
    """
    lex = lexicon()
    return {
        read_ago: ("ago",),
        read_from_now: ("now",),
        read_later: ("later", "earlier"),
        read_century: ("centur",),
        read_decade: ("0s", "0's", "0’s"),
        read_season: tuple(str(w).lower().split()[0] for w in lex.seasons),
        read_half_duration: ("half",),
        read_holiday: tuple(str(w).lower().split()[0] for w in holiday_names()) or ("",),
        read_set: ("every", "each"),
        read_set_plural_weekday: ("days",),
        read_adverb_set: tuple(ADVERB_SETS),
        read_unit_before_after: ("before", "after"),
        read_whole_unit: ("entire", "full", "whole"),
        read_the_weekend: ("weekend",),
        read_part_of_year: ("quarter", "half"),
    }


def scan(text: str) -> Iterator[Found]:
    """Every candidate time expression in `text` (overlapping; the caller picks)."""
    lex = lexicon()
    # Case-insensitive regexes are slow: the cheap tests read the text lowercased, unless
    # lowering changes its length (a few non-ASCII letters), which would shift offsets.
    lowered = text.lower()
    folded = len(lowered) == len(text)
    subject = lowered if folded else text
    needs = _needs()
    windows_of: dict[str, list[tuple[int, int]]] = {}
    for pattern, handler in patterns() + _EXTRA_PATTERNS:
        need = needs.get(handler)
        if need is not None and not any(word in lowered for word in need):
            continue
        group = _GROUP_OF.get(handler, "")
        if group not in windows_of:
            windows_of[group] = _windows(subject, _trigger(group, not folded))
        windows = windows_of[group]
        for match in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            found = handler(match, text, lex)
            if found is None:
                continue
            if isinstance(found, list):
                yield from found
            else:
                yield found
