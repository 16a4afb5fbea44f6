"""Readers for durations, sets and clock times: a regex match → `Found` ("140 minutes", "every year", "noon")."""

from __future__ import annotations

import re

from generator.dates._found import DURATION_LEAD, Found, count_of, duration_value, word_after, word_before
from generator.dates._lexicon import Lexicon, lexicon
from generator.dates._resolve import Spec


def read_duration(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    number_word = " ".join(match["num"].lower().split())
    unit = match["unit"].lower()
    start = match.start() if match["approx"] else match.start("num")
    if unit.startswith("second") and not (number_word[0].isdigit() or unit.endswith("s")):
        return None  # "a second term"
    if (match["adj"] or "").lower() == "-old":
        return None  # "a 6-year-old boy": an age, no span of time the text tells (as TimeBank has it)
    if number_word in ("a", "an", "one") and not match["approx"] and not match["adj"]:
        if word_before(text, match.start()).lower() not in DURATION_LEAD and lex.unit_name(unit) not in (
            "decade", "century", "fortnight"
        ):
            return None
    if match["num2"]:
        count = "X"
    elif number_word in lex.vague_numbers:
        count = "X"
    else:
        count = count_of(number_word, lex)
    if count == "1" and number_word not in ("a", "an", "one", "1") and not number_word.isdigit():
        count = "X" if lex.number(number_word) is None else count
    spec = Spec("absolute", duration_value(count, unit, lex), type="DURATION")
    # "in two weeks": a date if the sentence speaks of the future
    if word_before(text, start).lower() == "in" and count not in ("X",) and not match["approx"] and not unit.startswith(
        ("hour", "minute", "second")
    ):
        unit_name = lex.unit_name(unit)
        if unit_name in ("day", "week", "month", "year"):
            spec = Spec("in_duration", value=spec.value, unit=unit_name, offset=int(float(count)) * lex.unit(unit).factor)
    return Found(start, match.end(), spec, 1)


def read_bare_plural(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    unit = match["unit"]
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", unit, lex), type="DURATION"), 0)


def read_bare_plural_after(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    before = word_before(text, match.start()).lower()
    if before and (lex.number(before) is not None or before in ("few", "several", "many", "some", "the", "those", "these")):
        return None
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", match["unit"], lex), type="DURATION"), 0)


def read_half_duration(match: re.Match[str], text: str, lex: Lexicon) -> Found:
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


def read_whole_unit(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    """"an entire day", "the whole year": one unit, as a duration."""
    unit = match["unit"]
    value = "PT12H" if unit.lower() == "night" else duration_value("1", unit, lex)
    return Found(match.start(), match.end(), Spec("absolute", value, type="DURATION"), 1)


def read_plural_of(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    """"months of tension", "years of talks": a stretch of unknown length."""
    before = word_before(text, match.start()).lower()
    if before and (lex.number(before) is not None or before in lex.vague_numbers or before in (
        "the", "those", "these", "few", "several", "many", "some", "first", "last", "past", "recent", "two"
    )):
        return None
    return Found(match.start("unit"), match.end("unit"), Spec("absolute", duration_value("X", match["unit"], lex), type="DURATION"), 0)


def read_set(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = match["what"]
    key = word.lower()
    count = count_of(match["num"], lex) if match["num"] else "1"
    if key.rstrip("s") in lex.weekdays or key in lex.weekdays:
        return Found(match.start(), match.end(), Spec("absolute", f"XXXX-WXX-{lex.weekday(word)}", type="SET"), 2)
    if key in lex.months:
        return Found(match.start(), match.end(), Spec("absolute", f"XXXX-{lex.months[key]:02d}", type="SET"), 2)
    return Found(match.start(), match.end(), Spec("absolute", duration_value(count, word, lex), type="SET"), 2)


def read_set_plural_weekday(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    return Found(match.start("what"), match.end(), Spec("absolute", f"XXXX-WXX-{lex.weekday(match['what'])}", type="SET"), 3)


ADVERB_SETS = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
                "hourly": "PT1H", "quarterly": "P3M", "biannually": "P6M", "nightly": "P1D"}


# Words that before a noun say what kind of thing it is ("a quarterly dividend", "the annual
# meeting"), not how often something happens ("paid quarterly"): TimeBank leaves those unmarked.
_ATTRIBUTIVE_SETS = frozenset(("annual", "quarterly", "yearly", "monthly", "weekly"))
_NOT_A_NOUN = frozenset(
    "and or but nor in on at to for by from with since until as than through during over under after before "
    "is are was were be been will would could should may might can".split()
)


def read_adverb_set(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = match.group().lower()
    if word in _ATTRIBUTIVE_SETS:
        following = text[match.end() : match.end() + 1]
        after = word_after(text, match.end()).lower()
        if following == " " and after and after not in _NOT_A_NOUN:
            return None
    return Found(match.start(), match.end(), Spec("absolute", ADVERB_SETS[word], type="SET"), 1)


def read_frequency(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    unit = match["unit"]
    lead = word_before(text, match.start("per")).lower()
    if match["per"].lower() in ("a", "an") and not match["freq"]:
        # "billions of dollars a year": a rate after an amount; not "for a year", "half a day"
        if not (lead.endswith("s") or lead.isdigit()) or lead in DURATION_LEAD or lead in ("is", "was", "has", "this"):
            return None
    start = match.start("freq") if match["freq"] else match.start("per")
    return Found(start, match.end(), Spec("absolute", duration_value("1", unit, lex), type="SET"), 2)


def read_clock(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
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
        if word_before(text, match.start()).lower() not in ("at", "from", "until", "till", "by", "before", "after", "around", "about", "since"):
            return None
    return Found(match.start(), match.end(), Spec("clock", time=f"T{hour:02d}:{minute:02d}", type="TIME"), 1)


def read_clock_any(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    if match["h2"]:
        hour, minute = int(match["h2"]), int(match["m2"])
        tz = match["tz"] or match["tz2"]
        if not tz and word_before(text, match.start()).lower() not in (
            "at", "from", "until", "till", "by", "before", "after", "around", "about", "since", "to"
        ):
            return None
        return Found(match.start(), match.end(), Spec("clock", time=f"T{hour:02d}:{minute:02d}", type="TIME"), 1)
    return read_clock(match, text, lex)
