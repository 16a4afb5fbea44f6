"""Regexes that find time expressions and read each one's meaning (`Spec`).

Every pattern is compiled once, from the word lists in data/time_words.yaml.
`scan` returns all candidate matches; the caller keeps the longest where they
overlap. Spans follow TIMEX3: prepositions ("in", "on") stay outside, determiners
and modifiers ("the", "last", "early", "more than") inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from generator._dates_lexicon import Lexicon, alternatives, lexicon
from generator._dates_resolve import Spec

_NO_DIGIT_AFTER = r"(?![\d:])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})(?!\d)"
_MOD = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_APPROX = (
    r"(?:(?:more|less|fewer)\s+than|over|under|nearly|almost|about|around|roughly|some|at\s+least|"
    r"at\s+most|up\s+to|just\s+over|just\s+under|approximately|only|barely|a\s+full|an\s+entire|"
    r"the\s+entire|a\s+whole|the\s+whole|the\s+first|the\s+last|the\s+past|the\s+next|the\s+final|"
    r"another|the\s+same|a\s+further)"
)
# Before "a day", "an hour" etc. these words make the phrase a duration.
_DURATION_LEAD = frozenset(
    "for in within over than about nearly almost around some only just barely lasted lasting last "
    "took take takes spent spend spending after entire full whole of during".split()
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    spec: Spec
    priority: int = 0  # breaks ties between equally long overlapping matches


Handler = Callable[[re.Match[str], str, Lexicon], "Found | list[Found] | None"]


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
        holiday=alternatives(_holidays()),
        reference=alternatives(lex.reference_words),
    )


@cache
def _holidays() -> dict[str, tuple[int, int]]:
    from generator.knowledge import load_data

    found = {}
    for name, value in (load_data("time_words").get("holidays") or {}).items():
        month, day = str(value).split("-")
        found[str(name).lower()] = (int(month), int(day))
    return found


def _count(word: str | None, lex: Lexicon) -> str:
    """The number in an ISO duration: digits, or X when the text gives none ("several")."""
    if not word:
        return "1"
    number = lex.number(word)
    if number is not None:
        return str(number)
    try:
        return str(float(word.replace(",", ".")))
    except ValueError:
        return "X"


def duration_value(count: str, unit_word: str, lex: Lexicon) -> str:
    unit = lex.unit(unit_word)
    if count not in ("X",) and unit.factor != 1:
        count = str(int(float(count)) * unit.factor)
    return f"PT{count}{unit.code}" if unit.time else f"P{count}{unit.code}"


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = re.match(r"\W*?([A-Za-z%']+)", text[end : end + 30])
    return match.group(1) if match else ""


# --- handlers: match → Found -------------------------------------------------------------


def _full_date(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    month = lex.month(match["mon"])
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        year = int(match["year"])
        from generator._dates_calendar import safe_date

        if not safe_date(year, month, day):
            return None
        return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}-{month:02d}-{day:02d}"), 3)
    if match["mon"].lower() == "may" and not match["wd"] and _word_before(text, match.start()).lower() in (
        "may", "might", "can", "could", "will", "would"
    ):
        return None
    weekday = lex.weekday(match["wd"]) if match["wd"] else 0
    return Found(match.start(), match.end(), Spec("month_day", month=month, day=day, weekday=weekday), 3)


def _month_year(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    month = lex.month(match["mon"])
    return Found(match.start(), match.end(), Spec("absolute", f"{int(match['year']):04d}-{month:02d}"), 2)


def _numeric_date(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    from generator._dates_calendar import safe_date

    if match["iso"]:
        year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
    else:
        first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        # Day first in most of the world; month first only when the first number can't be a day.
        month, day = (second, first) if match["sep"] == "." or first > 12 else (first, second)
        if match["sep"] == "/" and first <= 12 and second > 12:
            month, day = first, second
    if not safe_date(year, month, day):
        return None
    return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}-{month:02d}-{day:02d}"), 3)


_MONTH_CUES_SPANNED = ("last", "next", "this", "coming", "past", "early", "late", "mid", "mid-")
_MAY_CUES = frozenset({"in", "since", "until", "till", "last", "next", "this", "early", "late", "mid", "mid-", "during"})


def _bare_month(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    cue = " ".join(match["cue"].lower().split())
    name = match["mon"]
    if name[0].islower() and cue not in ("in", "last", "next", "since", "until", "early", "late", "mid-"):
        return None
    if name.lower() == "may" and cue.rstrip("-") not in {c.rstrip("-") for c in _MAY_CUES}:
        return None
    if name.lower() == "march" and name[0].islower() and _word_after(text, match.end()).lower() in ("on", "to", "through", "in"):
        return None  # "a march on the capital"
    month = lex.month(name)
    direction = {"last": "last", "next": "next", "this": "this", "coming": "next", "past": "last",
                 "since": "past"}.get(cue, "")
    start = match.start("cue") if cue.split()[-1].rstrip("-") in {c.rstrip("-") for c in _MONTH_CUES_SPANNED} or cue.startswith(
        ("end", "beginning", "start", "middle")
    ) else match.start("mon")
    if cue.startswith(("the ", "end", "beginning", "start", "middle")) and cue.split()[-1] == "of":
        start = match.start("cue")
        # "the end of May": the span takes "the" when it is there
        before = text[max(0, start - 4) : start]
        if before.lower() == "the ":
            start -= 4
    return Found(start, match.end("mon"), Spec("month", month=month, direction=direction), 1)  # type: ignore[arg-type]


_YEAR_LEAD_OK = frozenset(
    "in of since the from until till by to and between before after during year years or a an early late mid "
    "circa around about through throughout fiscal spring summer autumn fall winter".split()
)
_NOT_YEAR_BEFORE = frozenset("about nearly almost some over around approximately than least to".split())


def _bare_year(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    year = int(match["year"])
    before = _word_before(text, match.start())
    following = re.match(r"[ \t]*([A-Za-z%]+)", text[match.end() : match.end() + 30])
    after = following.group(1).lower() if following else ""
    if after in lex.count_nouns or (after in lex.units or after.rstrip("s") in lex.units):
        return None
    gap = text[max(0, match.start() - 2) : match.start()]
    if before and before[0].isupper() and before[1:].islower() and not gap.endswith(("'s ", "’s ")):
        # "Euro 2016", "Windows 2000": a name, unless the word is a month or a sentence opener
        if before.lower() not in lex.months and before.lower() not in _YEAR_LEAD_OK:
            return None
    if year < 1900 and before.lower() not in _YEAR_LEAD_OK:
        return None
    if before.lower() in ("than", "least") or (
        before.lower() in _NOT_YEAR_BEFORE and after and after.endswith("s") and after not in ("s",)
    ):
        return None
    return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}"), 0)


def _year_range(match: re.Match[str], text: str, lex: Lexicon) -> list[Found] | None:
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else (first // 100) * 100 + int(second_text)
    if not first < second <= first + 100:
        return None
    if _word_after(text, match.end()).lower() in lex.count_nouns:
        return None
    return [
        Found(match.start("y1"), match.end("y1"), Spec("absolute", f"{first:04d}"), 2),
        Found(match.start("y2"), match.end("y2"), Spec("absolute", f"{second:04d}"), 2),
    ]


def _decade(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    if match["dec"]:
        value = match["dec"][:3]
    else:
        value = "19" + match["short"]
    return Found(match.start(), match.end(), Spec("absolute", value), 2)


def _century(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = match["n"].lower()
    number = int(re.sub(r"\D", "", word)) if word[0].isdigit() else lex.ordinals.get(word)
    if not number or number > 30:
        return None
    return Found(match.start(), match.end(), Spec("absolute", f"{number - 1:02d}"), 2)


def _modified_year(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    year = int(match["year"])
    what = " ".join(match["what"].lower().split())
    value = f"{year:04d}"
    if "half" in what:
        value += "-H1" if "first" in what else "-H2"
    elif "quarter" in what:
        number = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}[what.split()[1]]
        value += f"-Q{number}"
    else:
        for season, code in lex.seasons.items():
            if season in what.split():
                value += f"-{code}"
    return Found(match.start(), match.end(), Spec("absolute", value), 2)


def _today_words(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = " ".join(match["word"].lower().split())
    if match["word"][0].isupper() and match.start() > 0:
        before = _word_before(text, match.start())
        if before and before[0].isupper() and not text[match.start() - 2 : match.start()].strip() in (".", ""):
            return None  # "USA Today", "Russia Today": a name
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
               "the day after tomorrow": 2, "earlier today": 0, "later today": 0}
    spec = Spec("day_offset", offset=offsets[word])
    if word == "tonight":
        spec = spec.with_time("TNI")
    elif match["part"]:
        spec = spec.with_time("T" + lex.parts_of_day[match["part"].lower()])
    return Found(match.start(), match.end(), spec, 2)


def _part_of_day(match: re.Match[str], text: str, lex: Lexicon) -> Found:
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


def _relative_unit(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
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


def _relative_plural(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"]
    if rel in ("coming", "upcoming", "next few", "coming few") and not match["num"] and "few" not in rel:
        return Found(match.start(), match.end(), Spec("absolute", "FUTURE_REF"), 1)
    count = "X" if not match["num"] or "few" in rel else _count(match["num"], lex)
    if match["num2"]:
        count = "X"  # "five to seven years": a range, not one length
    return Found(match.start(), match.end(), Spec("absolute", duration_value(count, unit, lex), type="DURATION"), 1)


def _duration(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    number_word = " ".join(match["num"].lower().split())
    unit = match["unit"].lower()
    start = match.start() if match["approx"] else match.start("num")
    if unit.startswith("second") and not (number_word[0].isdigit() or unit.endswith("s")):
        return None  # "a second term"
    if number_word in ("a", "an", "one") and not match["approx"] and not match["adj"]:
        if _word_before(text, match.start()).lower() not in _DURATION_LEAD and lex.unit_name(unit) not in (
            "decade", "century", "fortnight"
        ):
            return None
    if match["num2"]:
        count = "X"
    elif number_word in lex.vague_numbers:
        count = "X"
    else:
        count = _count(number_word, lex)
    if count == "1" and number_word not in ("a", "an", "one", "1") and not number_word.isdigit():
        count = "X" if lex.number(number_word) is None else count
    spec = Spec("absolute", duration_value(count, unit, lex), type="DURATION")
    # "in two weeks": a date if the sentence speaks of the future
    if _word_before(text, start).lower() == "in" and count not in ("X",) and not match["approx"] and not unit.startswith(
        ("hour", "minute", "second")
    ):
        unit_name = lex.unit_name(unit)
        if unit_name in ("day", "week", "month", "year"):
            spec = Spec("in_duration", value=spec.value, unit=unit_name, offset=int(float(count)) * lex.unit(unit).factor)
    return Found(start, match.end(), spec, 1)


def _bare_plural(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    unit = match["unit"]
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", unit, lex), type="DURATION"), 0)


def _ago(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = _count(match["num"], lex) if match["num"] else "X"
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
        spec = Spec("unit_offset", unit=unit, offset=number)
    return Found(start, match.end(), spec, 3)


def _later(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = _count(match["num"], lex)
    if count == "X" or unit not in ("day", "week", "month", "year", "fortnight"):
        return None
    sign = 1 if match["dir"].lower() in ("later", "after") else -1
    number = sign * int(float(count)) * lex.unit(match["unit"]).factor
    if unit == "fortnight":
        unit = "week"
    return Found(match.start(), match.end(), Spec("anchor_offset", unit=unit, offset=number), 3)


def _from_now(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = lex.unit_name(match["unit"])
    count = _count(match["num"], lex)
    if count == "X":
        return Found(match.start(), match.end(), Spec("absolute", "FUTURE_REF"), 3)
    number = int(float(count)) * lex.unit(match["unit"]).factor
    if unit in ("hour", "minute", "second"):
        return Found(match.start(), match.end(), Spec("day_offset", offset=0), 3)
    if unit == "day":
        return Found(match.start(), match.end(), Spec("day_offset", offset=number), 3)
    return Found(match.start(), match.end(), Spec("unit_offset", unit="week" if unit == "fortnight" else unit, offset=number), 3)


def _weekday(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    name = match["wd"]
    weekday = lex.weekday(name)
    rel = " ".join((match["rel"] or "").lower().split())
    start = match.start("rel") if rel and rel != "on" else match.start("wd")
    end = match.end()
    if not match["part"] and name.endswith(("'s", "’s")):
        end -= 2  # "Wednesday's talks": the possessive stays outside
    if name.lower().endswith("s") and not name.lower().endswith(("'s", "’s")) and name.lower()[:-1] in lex.weekdays:
        return Found(start, end, Spec("absolute", f"XXXX-WXX-{weekday}", type="SET"), 2)
    if rel in ("the following", "following", "the next"):
        spec = Spec("anchor_weekday", weekday=weekday, offset=1)
    elif rel in ("the previous", "previous", "the prior"):
        spec = Spec("anchor_weekday", weekday=weekday, offset=-1)
    else:
        direction = {"last": "last", "next": "next", "this": "this", "this coming": "next", "coming": "next",
                     "past": "last"}.get(rel, "")
        spec = Spec("weekday", weekday=weekday, direction=direction)  # type: ignore[arg-type]
    if match["part"]:
        spec = spec.with_time("T" + lex.parts_of_day[match["part"].lower()])
    return Found(start, end, spec, 2)


def _season(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    rel = " ".join((match["rel"] or "").lower().split())
    season = match["season"].lower()
    if not rel and not match["lead"]:
        return None
    if rel == "the" and _word_before(text, match.start()).lower() not in (
        "in", "during", "by", "until", "till", "since", "over", "through", "throughout", "into"
    ):
        return None  # "the fall of Rome"
    code = lex.seasons[season]
    direction = {"last": "last", "next": "next", "this": "this", "the coming": "next", "coming": "next",
                 "past": "last"}.get(rel, "")
    start = match.start("rel") if rel else match.start("season")
    if rel in ("early", "late", "mid") and match.start("rel") >= 4 and text[match.start("rel") - 4 : match.start("rel")].lower() == "the ":
        start -= 4
    return Found(start, match.end("season"), Spec("season", season=code, direction=direction), 1)  # type: ignore[arg-type]


def _part_of_year(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    ordinal = match["ord"].lower()
    unit = match["unit"].lower()
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4}.get(ordinal)
    if number is None or (unit == "half" and number > 2):
        return None
    if unit == "half" and ordinal in ("last", "final"):
        number = 2
    return Found(match.start(), match.end(), Spec("part", unit=unit, offset=number), 1)


def _reference_word(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = " ".join(match["word"].lower().split())
    before = _word_before(text, match.start()).lower()
    after = _word_after(text, match.end()).lower()
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


def _set(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = match["what"]
    key = word.lower()
    count = _count(match["num"], lex) if match["num"] else "1"
    if key.rstrip("s") in lex.weekdays or key in lex.weekdays:
        return Found(match.start(), match.end(), Spec("absolute", f"XXXX-WXX-{lex.weekday(word)}", type="SET"), 2)
    if key in lex.months:
        return Found(match.start(), match.end(), Spec("absolute", f"XXXX-{lex.months[key]:02d}", type="SET"), 2)
    return Found(match.start(), match.end(), Spec("absolute", duration_value(count, word, lex), type="SET"), 2)


_ADVERB_SETS = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
                "hourly": "PT1H", "quarterly": "P3M", "biannually": "P6M", "nightly": "P1D"}


def _adverb_set(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    return Found(match.start(), match.end(), Spec("absolute", _ADVERB_SETS[match.group().lower()], type="SET"), 1)


def _frequency(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = match["unit"]
    lead = _word_before(text, match.start("per")).lower()
    if match["per"].lower() in ("a", "an") and not match["freq"]:
        # "billions of dollars a year": a rate after an amount; not "for a year", "half a day"
        if not (lead.endswith("s") or lead.isdigit()) or lead in _DURATION_LEAD or lead in ("is", "was", "has", "this"):
            return None
    start = match.start("freq") if match["freq"] else match.start("per")
    return Found(start, match.end(), Spec("absolute", duration_value("1", unit, lex), type="SET"), 2)


def _clock(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    if match["word"]:
        word = match["word"].lower()
        time = "T12:00" if word in ("noon", "midday") else "T24:00"
        return Found(match.start(), match.end(), Spec("clock", time=time, type="TIME"), 1)
    hour = int(match["h"]) if match["h"].isdigit() else (lexicon().number(match["h"]) or -1)
    minute = int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    if not ampm and not match["tz"] and not match["oclock"]:
        if _word_before(text, match.start()).lower() not in ("at", "from", "until", "till", "by", "before", "after", "around", "about", "since"):
            return None
    return Found(match.start(), match.end(), Spec("clock", time=f"T{hour:02d}:{minute:02d}", type="TIME"), 1)


def _holiday(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    month, day = _holidays()[" ".join(match["name"].lower().split())]
    if match["year"]:
        return Found(match.start(), match.end(), Spec("absolute", f"{int(match['year']):04d}-{month:02d}-{day:02d}"), 2)
    direction = {"last": "last", "next": "next", "this": "this"}.get((match["rel"] or "").lower(), "")
    start = match.start("rel") if match["rel"] else match.start("name")
    return Found(start, match.end(), Spec("month_day", month=month, day=day, direction=direction), 2)  # type: ignore[arg-type]


def _course_of_period(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    unit = match["unit"].lower()
    offset = {"this": 0, "last": -1, "next": 1, "the": 0}[match["rel"].lower()]
    return Found(match.start(), match.end(), Spec("unit_offset", unit=unit, offset=offset), 1)


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
        (re.compile(rf"\b{weekday_lead}{month}\s+{_DAY}{_NO_DIGIT_AFTER}(?!\s*(?:%|per\s*cent))(?:(?:,\s*|\s+){_YEAR})?"), _full_date),
        (re.compile(rf"\b{weekday_lead}(?:the\s+)?{_DAY}\s+(?:of\s+)?{month}(?:,?\s+{_YEAR})?(?!\w)"), _full_date),
        (re.compile(rf"\b(?:(?:{_MOD})[-\s]+)?{month},?\s+(?:of\s+)?{_YEAR}"), _month_year),
        (re.compile(r"(?<![\d/.-])(?:(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))|(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2}))(?![\d/.]\d)"), _numeric_date),
        (re.compile(
            rf"\b(?P<cue>(?i:in|on|since|until|till|by|during|before|after|from|through|throughout|of|to|between|"
            rf"and|last|next|this|coming|past|early|late|mid-|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
            rf")\s*(?P<mon>{v.month_any_case})\b(?!['’]s)(?!\s*\d)"
        ), _bare_month),
        (re.compile(rf"(?<![\w$€£#/.,–-])(?P<y1>1[5-9]\d\d|20\d\d)\s*[-–]\s*(?P<y2>(?:1[5-9]|20)?\d\d)(?![\d%])"), _year_range),
        (re.compile(rf"(?<![\w$€£#/.,–-]){_YEAR}(?![.,]\d|\s*%|\s*per\s*cent|-\d|[-–]year|\s*[a-zA-Z]*\d)"), _bare_year),
        (re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?P<dec>1[0-9]\d0|20\d0)['’]?s|['’](?P<short>\d)0s)\b"), _decade),
        (re.compile(rf"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{v.ordinal})[-\s]+century\b", i), _century),
        (re.compile(
            rf"\b(?P<what>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
            rf"the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+(?:first|second|third|fourth|last|final)\s+quarter\s+of|"
            rf"(?:the\s+)?(?:{v.season})\s+of|(?:{v.season})|the\s+course\s+of|the\s+rest\s+of)[-\s]+{_YEAR}", i), _modified_year),
        (re.compile(rf"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:earlier|later)\s+today|yesterday|today|tomorrow|tonight)(?:['’]s)?(?:\s+(?P<part>{v.part_of_day}))?\b", i), _today_words),
        (re.compile(rf"\b(?P<rel>this|last|the\s+previous|previous|the\s+next|the\s+following|that|the\s+same)\s+(?P<part>{v.part_of_day})\b", i), _part_of_day),
        (re.compile(
            r"\b(?P<rel>(?:(?:earlier|later|early|late)\s+)?(?:last|next|this|coming|this\s+coming|the\s+coming|current|the\s+current)|"
            r"the\s+past|past|the\s+previous|previous|the\s+following|the\s+next|the\s+same|that|the\s+prior)\s+"
            r"(?P<unit>week|weekend|month|year|quarter|decade|century|day)\b(?!['’]s\s+(?:worth|time))(?![-\s](?:old|long))", i), _relative_unit),
        (re.compile(
            rf"\b(?:the\s+)?(?P<rel>coming|upcoming|next\s+few|coming\s+few|past\s+few|last\s+few|past|last|next|previous|recent|following)\s+"
            rf"(?:(?P<num>{v.number}|\d+|several|couple\s+of)\s+(?:(?:to|or|-|–)\s+(?P<num2>{v.number}|\d+)\s+)?)?"
            rf"(?P<unit>(?:second|minute|hour|day|week|month|year|decade)s|centuries)\b", i), _relative_plural),
        (re.compile(
            rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<num>{number}|a|an)(?:\s+(?:to|or|-|–)\s+(?P<num2>{number}))?"
            rf"(?:\s+|-)(?P<unit>{units})(?P<adj>-long|-old)?\b(?![-–]\w)", i), _duration),
        (re.compile(rf"\b(?:(?P<lead>a|an|one|{v.number})\s+(?P<unit>hour|day|year|week|month)s?\s+and\s+a\s+half|half\s+(?:an?\s+)?(?P<unit2>hour|day|year)|an?\s+half[-\s](?P<unit3>hour|day))\b", i), _half_duration_any),
        (re.compile(rf"\b(?:for|in|over|within|after|take|takes|took|taken|taking|last|lasted|lasting|spend|spent|spending|wait|waited|waiting)\s+(?P<unit>(?:second|minute|hour|day|week|month|year|decade)s|centuries)\b(?!\s+(?:ago|to|and\s+(?:days|weeks|months|years)))", i), _bare_plural),
        (re.compile(rf"\b(?P<unit>(?:day|week|month|year|hour)s)\s+(?=(?:after|before|later|earlier)\b)", i), _bare_plural_after),
        (re.compile(rf"\b(?:(?:about|nearly|almost|some|around|roughly|more\s+than|less\s+than|just|only|over)\s+)?(?:(?P<num>{number}|a|an)\s+)?(?P<unit>{units})\s+ago\b", i), _ago),
        (re.compile(rf"\b(?P<num>{number}|a|an)\s+(?P<unit>{units})\s+(?P<dir>later|earlier)\b(?!\s+(?:than|that))", i), _later),
        (re.compile(rf"\b(?P<num>{number}|a|an)\s+(?P<unit>{units})\s+from\s+now\b", i), _from_now),
        (re.compile(
            rf"\b(?:(?P<rel>(?i:last|next|this\s+coming|this|coming|the\s+following|following|the\s+previous|previous|the\s+next|the\s+prior|past|on))\s+)?"
            rf"(?P<wd>(?:{v.weekday})(?:['’]s|s)?)(?:\s+(?P<part>{v.part_of_day}))?\b"), _weekday),
        (re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|the\s+coming|coming|past|early|late|mid|the))\s+|(?P<lead>(?<=in\s)|(?<=during\s)|(?<=by\s)|(?<=until\s)|(?<=since\s)))(?P<season>{v.season})\b(?!\s+(?:of\s+)?\d)"), _season),
        (re.compile(rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)\b(?!\s+of\s+(?:the\s+)?(?:\d|\w+\s+century))(?!\s+(?:of\s+)?(?:an?|the\s+\w+s?\s+of)\b)", i), _part_of_year),
        (re.compile(rf"\b(?P<word>{v.reference})\b", i), _reference_word),
        (re.compile(rf"\b(?:every|each)\s+(?:(?P<num>{v.number}|\d+|other)\s+)?(?P<what>(?:{v.unit})|(?:{v.weekday})|(?:{v.month}))\b", i), _set),
        (re.compile(r"\b(?:on\s+)?(?P<what>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)\b"), _set_plural_weekday),
        (re.compile(r"\b(?:annual|annually|yearly|daily|weekly|monthly|hourly|quarterly|biannually|nightly)\b(?![-–])", i), _adverb_set),
        (re.compile(rf"\b(?:(?P<freq>once|twice|thrice|(?:{v.number}|\d+)\s+times)\s+)?(?P<per>a|an|per|each)\s+(?P<unit>year|month|week|day|hour|minute)\b(?!\s+(?:ago|later|earlier|before|after|long|old|from))", i), _frequency),
        (re.compile(
            rf"\b(?:(?P<word>noon|midday|midnight)|(?P<h>[01]?\d|2[0-4]|{v.number})(?::(?P<m>[0-5]\d))?\s*(?:(?P<ampm>[ap]\.\s?m\.|[ap]m\b)|(?P<oclock>o['’]clock))|"
            rf"(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|BST|CET|CEST|MSK|EST|EDT|PST|PDT|local\s+time))?)"
            rf"(?:\s+(?P<tz2>GMT|UTC|BST|CET|CEST|MSK|EST|EDT|PST|PDT|local\s+time))?(?!\w)", i), _clock_any),
        (re.compile(rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>{v.holiday})(?:\s+(?P<year>\d{{4}}))?\b", i), _holiday) if v.holiday else (re.compile(r"(?!x)x"), _holiday),
        (re.compile(r"\b(?:the\s+)?(?:course|end|start|beginning|rest|remainder|middle|turn)\s+of\s+(?P<rel>this|last|next|the)\s+(?P<unit>year|month|week|decade|century)\b", i), _course_of_period),
    )


def _half_duration_any(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    unit = match["unit"] or match["unit2"] or match["unit3"]
    phrase = " ".join(match.group().lower().split())
    code = lex.unit(unit)
    if "and a half" in phrase:
        whole = lex.number(match["lead"]) or 1
    else:
        whole = 0
    if code.code == "H":
        value = f"PT{whole}H30M" if whole else "PT30M"
    elif code.code == "D":
        value = f"P{whole}DT12H" if whole else "PT12H"
    elif code.code == "Y":
        value = f"P{whole}Y6M" if whole else "P6M"
    else:
        value = f"P{whole}.5{code.code}"
    return Found(match.start(), match.end(), Spec("absolute", value, type="DURATION"), 2)


def _bare_plural_after(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    before = _word_before(text, match.start()).lower()
    if before and (lex.number(before) is not None or before in ("few", "several", "many", "some", "the", "those", "these")):
        return None
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", match["unit"], lex), type="DURATION"), 0)


def _set_plural_weekday(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    return Found(match.start("what"), match.end(), Spec("absolute", f"XXXX-WXX-{lex.weekday(match['what'])}", type="SET"), 3)


def _clock_any(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    if match["h2"]:
        hour, minute = int(match["h2"]), int(match["m2"])
        tz = match["tz"] or match["tz2"]
        if not tz and _word_before(text, match.start()).lower() not in (
            "at", "from", "until", "till", "by", "before", "after", "around", "about", "since", "to"
        ):
            return None
        return Found(match.start(), match.end(), Spec("clock", time=f"T{hour:02d}:{minute:02d}", type="TIME"), 1)
    return _clock(match, text, lex)


def _whole_unit(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"an entire day", "the whole year": one unit, as a duration."""
    unit = match["unit"]
    value = "PT12H" if unit.lower() == "night" else duration_value("1", unit, lex)
    return Found(match.start(), match.end(), Spec("absolute", value, type="DURATION"), 1)


def _the_weekend(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    return Found(match.start("what"), match.end(), Spec("weekend"), 1)


def _plural_of(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    """"months of tension", "years of talks": a stretch of unknown length."""
    before = _word_before(text, match.start()).lower()
    if before and (lex.number(before) is not None or before in lex.vague_numbers or before in (
        "the", "those", "these", "few", "several", "many", "some", "first", "last", "past", "recent", "two"
    )):
        return None
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", match["unit"], lex), type="DURATION"), 0)


def _the_part_of_day(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"by the evening": a part of the day last mentioned."""
    part = "T" + lex.parts_of_day[match["part"].lower()]
    return Found(match.start("what"), match.end(), Spec("anchor_offset", unit="day", offset=0).with_time(part), 0)


def _unit_before_after(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"the year before", "the day after" (with nothing after them): from the date last mentioned."""
    offset = -1 if match["dir"].lower() == "before" else 1
    return Found(match.start(), match.end(), Spec("anchor_offset", unit=match["unit"].lower(), offset=offset), 1)


_EXTRA_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[,.;:!?)]|\s*$)", re.I), _unit_before_after),
    (re.compile(r"\b(?:by|in|during|until|till|through|throughout|into)\s+(?P<what>the\s+(?P<part>morning|afternoon|evening|night))\b(?!\s+of)", re.I), _the_part_of_day),
    (re.compile(r"\b(?:an?\s+(?:entire|full|whole)|the\s+(?:entire|whole))\s+(?P<unit>day|week|month|year|decade|hour|night)\b", re.I), _whole_unit),
    (re.compile(r"\b(?:over|at|on|during|through|throughout|for|by)\s+(?P<what>the\s+weekend)\b", re.I), _the_weekend),
    (re.compile(r"\b(?P<unit>(?:week|month|year|decade)s)\s+(?=of\s+(?!the\s+(?:year|month)))", re.I), _plural_of),
)


# Every time expression holds one of these; the patterns only run near them.
_WINDOW_REACH = 80


@cache
def _trigger() -> re.Pattern[str]:
    lex = lexicon()
    words = (
        list(lex.months) + list(lex.month_abbreviations) + list(lex.weekdays) + list(lex.units) + list(lex.seasons)
        + list(lex.parts_of_day) + list(lex.reference_words) + list(_holidays()) + list(_ADVERB_SETS)
        + ["centuries", "yesterday", "today", "tomorrow", "tonight", "noon", "midday", "midnight", "clock",
           "weekend", "quarter", "half", "past", "future", "present", "moment"]
    )
    return re.compile(r"\d|" + alternatives(w.lower() for w in words), re.IGNORECASE)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around time words, merged; the rest cannot hold a time expression."""
    windows: list[list[int]] = []
    for match in _trigger().finditer(text):
        start, end = max(0, match.start() - _WINDOW_REACH), min(len(text), match.end() + _WINDOW_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]


def scan(text: str) -> Iterator[Found]:
    """Every candidate time expression in `text` (overlapping; the caller picks)."""
    lex = lexicon()
    windows = _windows(text)
    for pattern, handler in patterns() + _EXTRA_PATTERNS:
        for match in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            found = handler(match, text, lex)
            if found is None:
                continue
            if isinstance(found, list):
                yield from found
            else:
                yield found
