"""Readers for calendar dates: a regex match → `Found` ("July 16, 2018", "in December", "Monday", "the 1990s")."""

from __future__ import annotations

import re

from generator.dates._calendar import holiday_day, movable_holidays
from generator.dates._found import Found, game_words, holidays, word_after, word_before
from generator.dates._lexicon import Lexicon
from generator.dates._resolve import Spec


def read_full_date(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    month = lex.month(match["mon"])
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        year = int(match["year"])
        from generator.dates._calendar import safe_date

        if not safe_date(year, month, day):
            return None
        return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}-{month:02d}-{day:02d}"), 3)
    if match["mon"].lower() == "may" and not match["wd"] and word_before(text, match.start()).lower() in (
        "may", "might", "can", "could", "will", "would"
    ):
        return None
    weekday = lex.weekday(match["wd"]) if match["wd"] else 0
    return Found(match.start(), match.end(), Spec("month_day", month=month, day=day, weekday=weekday), 3)


def read_month_year(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    month = lex.month(match["mon"])
    return Found(match.start(), match.end(), Spec("absolute", f"{int(match['year']):04d}-{month:02d}"), 2)


def read_numeric_date(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    from generator.dates._calendar import safe_date

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


_FOLLOWING_WORD = re.compile(r"[ \t]*([A-Za-z%]+)")
_NOT_DIGIT = re.compile(r"\D")
_MONTH_CUES_SPANNED = ("last", "next", "this", "coming", "past", "early", "late", "mid", "mid-")
_MAY_CUES = frozenset({"in", "since", "until", "till", "last", "next", "this", "early", "late", "mid", "mid-", "during"})


def read_bare_month(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    cue = " ".join(match["cue"].lower().split())
    name = match["mon"]
    if name[0].islower() and cue not in ("in", "last", "next", "since", "until", "early", "late", "mid-"):
        return None
    if name.lower() == "may" and cue.rstrip("-") not in {c.rstrip("-") for c in _MAY_CUES}:
        return None
    if name.lower() == "march" and name[0].islower() and word_after(text, match.end()).lower() in ("on", "to", "through", "in"):
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
    year = _YEAR_AFTER_MONTH.match(text, match.end("mon"))
    if year is not None:
        # "June last year", "March of next year": that year's month, whatever the tense
        offset = {"this": 0, "last": -1, "next": 1}[year["rel"].lower()]
        return Found(start, year.end(), Spec("month", month=month, unit="year", offset=offset), 1)
    return Found(start, match.end("mon"), Spec("month", month=month, direction=direction), 1)  # type: ignore[arg-type]


_YEAR_AFTER_MONTH = re.compile(r"\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b(?!['’]s)", re.IGNORECASE)


_YEAR_LEAD_OK = frozenset(
    "in of since the from until till by to and between before after during year years or a an early late mid "
    "circa around about through throughout fiscal spring summer autumn fall winter".split()
)


_NOT_YEAR_BEFORE = frozenset("about nearly almost some over around approximately than least to".split())


def read_spelled_year(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    """A year in words, as broadcast transcripts write it: "nineteen ninety-six", "January
    nineteen ninety-seven", "the year two thousand". "Two thousand" alone is a count."""
    if match["thousand"] is not None and not (match["mon"] or match["the_year"]):
        return None
    following = _FOLLOWING_WORD.match(text, match.end(), match.end() + 30)
    after = following.group(1).lower() if following else ""
    if after in lex.count_nouns or after in lex.units or after.rstrip("s") in lex.units:
        return None  # "nineteen hundred troops", "nineteen ninety-six years"
    rest = (match["rest"] or match["thousand_rest"] or "").lower()
    rest = " ".join(rest.replace("-", " ").split())
    if rest.startswith("oh "):
        rest = rest[3:]
    value = 0 if rest in ("", "hundred") else lex.number(rest)
    if value is None:
        return None
    year = (2000 if match["thousand"] is not None else 100 * (lex.number(match["century"]) or 0)) + value
    if match["mon"]:
        return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}-{lex.month(match['mon']):02d}"), 2)
    return Found(match.start(), match.end(), Spec("absolute", f"{year:04d}"), 0)


def read_bare_year(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    year = int(match["year"])
    before = word_before(text, match.start())
    following = _FOLLOWING_WORD.match(text, match.end(), match.end() + 30)
    after = following.group(1).lower() if following else ""
    if after in lex.count_nouns or (after in lex.units or after.rstrip("s") in lex.units):
        return None
    gap = text[max(0, match.start() - 3) : match.start()]  # "Russia's 2018": a possessive, then a year
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
    fiscal = _FISCAL_BEFORE.search(text, max(0, match.start() - 20), match.start())
    start = fiscal.start() if fiscal else match.start()  # "fiscal 1989": the fiscal year is the expression
    return Found(start, match.end(), Spec("absolute", f"{year:04d}"), 0)


_FISCAL_BEFORE = re.compile(r"\bfiscal\s+(?:year\s+)?$", re.IGNORECASE)


def read_year_range(match: re.Match[str], text: str, lex: Lexicon) -> list[Found] | None:
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else (first // 100) * 100 + int(second_text)
    if not first < second <= first + 100:
        return None
    if word_after(text, match.end()).lower() in lex.count_nouns:
        return None
    return [
        Found(match.start("y1"), match.end("y1"), Spec("absolute", f"{first:04d}"), 2),
        Found(match.start("y2"), match.end("y2"), Spec("absolute", f"{second:04d}"), 2),
    ]


def read_decade(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    if match["dec"]:
        value = match["dec"][:3]
    else:
        value = "19" + match["short"]
    return Found(match.start(), match.end(), Spec("absolute", value), 2)


def read_century(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    word = match["n"].lower()
    number = int(_NOT_DIGIT.sub("", word)) if word[0].isdigit() else lex.ordinals.get(word)
    if not number or number > 30:
        return None
    return Found(match.start(), match.end(), Spec("absolute", f"{number - 1:02d}"), 2)


def read_modified_year(match: re.Match[str], text: str, lex: Lexicon) -> Found:
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


def read_weekday(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
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


def read_season(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    rel = " ".join((match["rel"] or "").lower().split())
    season = match["season"].lower()
    if not rel and not match["lead"]:
        return None
    if rel == "the" and word_before(text, match.start()).lower() not in (
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


def read_part_of_year(match: re.Match[str], text: str, lex: Lexicon) -> Found | None:
    ordinal = match["ord"].lower()
    unit = match["unit"].lower()
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4}.get(ordinal)
    if number is None or (unit == "half" and number > 2):
        return None
    if unit == "half" and ordinal in ("last", "final"):
        number = 2
    if word_after(text, match.end()).lower() in game_words():
        return None  # "a second-half goal": a period of the match, not of the year
    return Found(match.start(), match.end(), Spec("part", unit=unit, offset=number), 1)


def read_holiday(match: re.Match[str], text: str, lex: Lexicon) -> Found:
    name = " ".join(match["name"].lower().split())
    rule = movable_holidays().get(name)  # else a fixed day of the year
    if match["year"]:
        year = int(match["year"])
        if rule:
            value = holiday_day(rule, year).isoformat()
        else:
            month, day = holidays()[name]
            value = f"{year:04d}-{month:02d}-{day:02d}"
        return Found(match.start(), match.end(), Spec("absolute", value), 2)
    direction = {"last": "last", "next": "next", "this": "this"}.get((match["rel"] or "").lower(), "")
    if rule:
        return Found(match.start(), match.end(), Spec("holiday", value=name, direction=direction), 2)  # type: ignore[arg-type]
    month, day = holidays()[name]
    return Found(match.start(), match.end(), Spec("month_day", month=month, day=day, direction=direction), 2)  # type: ignore[arg-type]
