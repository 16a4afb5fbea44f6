"""The dates stage: time expressions (TIMEX3-style) and publication dates.

- `find_time_expressions(text, reference)` — every time expression in a text,
  typed DATE/TIME/DURATION/SET and normalised against the reference date
  (the article's publication date). Regexes and a light tense guess only, so
  it runs on many articles a second without spaCy.
- `resolve_relative_date(phrase, reference, ...)` — the value of one phrase
  ("next Wednesday") against a reference date.
- `infer_publication(articles)` — for each article that has none, a publication
  date at the precision its clues support, the reason for it, and the window of
  days it may have been written in (see `_publication`, `_window`);
  `infer_publication_dates` gives (value, basis) only.

The word lists live in data/time_words.yaml, the known summits in
data/summits.yaml, other dated events in data/known_events.yaml and office
holders in data/roles.yaml, all readable and extendable by users.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.dates import _calendar as cal
from generator.dates._lexicon import Lexicon, lexicon
from generator.dates._patterns import Found, scan
from generator.dates._resolve import Spec, resolve_against_range
from generator.dates._tense import SentenceIndex, Tense, guess_tense
from generator.model import Article, PartialDate, TimeExpression

__all__ = [
    "Reference",
    "TaggedExpression",
    "article_reference",
    "find_time_expressions",
    "parse_window",
    "resolve_relative_date",
    "tag_text",
]

_CLOCK_THEN_DATE = re.compile(r"\s+on\s+(?:the\s+)?|\s*,\s*|\s+", re.IGNORECASE)
_DATE_THEN_CLOCK = re.compile(r"\s+at\s+|\s*,\s*", re.IGNORECASE)
_YEAR_IN_VALUE = re.compile(r"^(\d{4})-\d{2}")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class TaggedExpression:
    """A time expression with what resolving it took: its meaning, tense and sentence."""

    expression: TimeExpression
    spec: Spec
    tense: Tense
    sentence: tuple[int, int]
    anchor: dt.date | None = None


def find_time_expressions(text: str, reference: PartialDate | tuple[dt.date, dt.date] | None) -> list[TimeExpression]:
    """Every time expression in `text`, sorted by start and non-overlapping.

    Relative expressions ("yesterday", "on Monday", "in December") are resolved
    against `reference`: a date of any precision, or a window of days (first,
    last) the article was written in. With no reference, what only it could
    fill in stays X ("XXXX-XX-XX", "XXXX-12"). A reference known only to the
    month, the year or a window gives values only as precise as every day it
    may stand for agrees on ("on Monday" written 2018-07-16..22 → 2018-07-16).
    `relative` is True for every expression whose value depends on the reference
    or on a date mentioned before it.
    """
    return [tagged.expression for tagged in tag_text(text, reference)]


# What relative expressions resolve against: a date, a window of days, or nothing.
Reference = PartialDate | tuple[dt.date, dt.date] | None


def article_reference(article: Article) -> Reference:
    """What an article's relative expressions resolve against: its `published_window`
    when that lies within `published` (an editor's new date discards it), else `published`."""
    try:
        published = PartialDate.parse(article.published[:10]) if article.published else None
    except ValueError:
        return None
    window = parse_window(article.published_window)
    if published is None or window is None:
        return published
    allowed = published.day_range()
    if not allowed[0] <= window[0] <= window[1] <= allowed[1]:
        return published
    return window


def parse_window(text: str | None) -> tuple[dt.date, dt.date] | None:
    """An article's `published_window` ("YYYY-MM-DD/YYYY-MM-DD") as days; None if absent or malformed."""
    from generator.dates._window import parse_window as parse

    return parse(text)


def tag_text(text: str, reference: PartialDate | tuple[dt.date, dt.date] | None) -> list[TaggedExpression]:
    """Time expressions with their meanings (used by publication-date inference)."""
    if isinstance(reference, PartialDate):
        reference_days: tuple[dt.date, dt.date] | None = reference.day_range()
    else:
        reference_days = reference
    lex = lexicon()
    chosen = _merge_clock_and_date(text, _choose_longest(scan(text)))
    if _is_transcript(text, lex):
        chosen = [f for f in chosen if not _is_label(text, f)]
    sentences = SentenceIndex(text)
    sentence_years = _sentence_years(chosen, sentences)
    list_years = _chronology_years(text, chosen, reference_days, sentences, lex)
    resolved: list[TaggedExpression | None] = []
    clocks: list[tuple[int, Found, tuple[int, int], dt.date | None]] = []
    anchor: dt.date | None = None
    anchor_value: str | None = None
    for found in chosen:
        spec = found.spec
        sentence_number = sentences.index_of(found.start)
        sentence = sentences.spans[sentence_number]
        year = sentence_years.get(sentence_number) or list_years.get(found.start)
        if year and spec.kind in ("month_day", "month") and not spec.direction:
            spec = _with_year(spec, year)
        elif spec.kind == "month_day" and not spec.direction and (named := _named_year(text, found, spec, lex)):
            spec = _with_year(spec, named)  # "the September 11 attacks": 2001's, in any year's text
        if spec.kind == "clock":
            # its day is the one the sentence names, before or after it: resolved below
            clocks.append((len(resolved), found, sentence, anchor))
            resolved.append(None)
            continue
        tense = _tense_of(text, sentence, found, lex) if spec.needs_tense else None
        kind, value = resolve_against_range(spec, reference_days, tense, anchor, anchor_value)
        relative = spec.relative and kind != "DURATION"
        expression = TimeExpression(found.start, found.end, text[found.start : found.end], kind, value, relative)
        resolved.append(TaggedExpression(expression, spec, tense, sentence, anchor))
        if kind in ("DATE", "TIME") and cal.value_range(value.split("T")[0]) is not None:
            if not spec.compares_periods:  # the period reported stays the one compared with
                anchor_value = value.split("T")[0]
            if _DAY_VALUE.match(value):
                anchor = dt.date.fromisoformat(value[:10])
    for index, found, sentence, earlier_day in clocks:
        day, day_is_relative = _day_in_sentence(resolved, sentence, found.start)
        if day is None and earlier_day and (reference_days is None or earlier_day <= reference_days[1]):
            day = earlier_day  # a narrative of a past day goes on ("Turnout by midday ...")
        kind, value = resolve_against_range(found.spec, reference_days, None, day)
        relative = day is None or day_is_relative or day == earlier_day
        expression = TimeExpression(found.start, found.end, text[found.start : found.end], kind, value, relative)
        resolved[index] = TaggedExpression(expression, found.spec, None, sentence, day)
    return [item for item in resolved if item is not None]


_LINE_LABEL = re.compile(r"^[ \t]*((?:[A-Z][A-Z.'’-]*[ \t]+){0,5}[A-Z][A-Z.'’-]+):[ \t]", re.MULTILINE)
_TIME_LABEL_WORDS = frozenset(("today", "tonight", "yesterday", "tomorrow", "morning", "evening", "night", "noon"))


def _is_transcript(text: str, lex: Lexicon) -> bool:
    """Lines that open on a capitalised label naming no time ("MINISTER HALE: ..."): a
    transcript, whose labels are speakers and programmes; "MONDAY: talks resumed" in a
    day-by-day log dates its line."""
    for match in _LINE_LABEL.finditer(text):
        words = match.group(1).lower().split()
        if not all(w in lex.weekdays or w in lex.months or w in _TIME_LABEL_WORDS for w in words):
            return True
    return False


def _is_label(text: str, found: Found) -> bool:
    """A capitalised label that opens a line of a transcript: its speaker or programme
    ("ANN LEE FOR TONIGHT:", "TONIGHT: Minister, ..."), no date."""
    words = text[found.start : found.end]
    if not words.isupper() or not text[found.end : found.end + 2].lstrip(" ").startswith(":"):
        return False
    line_start = text.rfind("\n", 0, found.start) + 1
    before = text[line_start : found.start]
    return not before.strip() or before.isupper()


def resolve_relative_date(
    phrase: str,
    reference: PartialDate | None,
    *,
    tense: Tense = None,
    anchor: PartialDate | None = None,
) -> str | None:
    """The TIMEX3 value of one time phrase ("next Wednesday", "in December") against `reference`.

    `tense` ("past", "future", "present") says which way a bare weekday or month
    points; `anchor` is the date "the following day" counts from. None when the
    phrase holds no time expression.
    """
    found = _choose_longest(scan(phrase))
    if not found:
        return None
    spec = found[0].spec
    reference_days = reference.day_range() if reference else None
    anchor_day = dt.date(anchor.year, anchor.month, anchor.day) if anchor and anchor.day and anchor.month else None
    return resolve_against_range(spec, reference_days, tense, anchor_day)[1]


def _choose_longest(candidates: Iterable[Found]) -> list[Found]:
    """Non-overlapping matches, the longest first (then the most specific), in text order."""
    ordered = sorted(candidates, key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    taken: list[Found] = []
    occupied: list[tuple[int, int]] = []
    for found in ordered:
        if found.end <= found.start:
            continue
        if any(found.start < end and start < found.end for start, end in occupied):
            continue
        taken.append(found)
        occupied.append((found.start, found.end))
    return sorted(taken, key=lambda f: f.start)


def _is_day_spec(spec: Spec) -> bool:
    if spec.kind in ("month_day", "weekday", "day_offset", "anchor_weekday"):
        return True
    if spec.kind == "anchor_offset":
        return spec.unit == "day"
    return spec.kind == "absolute" and bool(_DAY_ONLY.match(spec.value))


def _merge_clock_and_date(text: str, chosen: list[Found]) -> list[Found]:
    """ "noon on July 9" and "July 9 at noon" are one TIME expression."""
    merged: list[Found] = []
    index = 0
    while index < len(chosen):
        current = chosen[index]
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        if following is not None:
            between = text[current.end : following.start]
            if (
                current.spec.kind == "clock"
                and _is_day_spec(following.spec)
                and not following.spec.time
                and (_CLOCK_THEN_DATE.fullmatch(between))
            ):
                merged.append(Found(current.start, following.end, following.spec.with_time(current.spec.time), 3))
                index += 2
                continue
            if (
                following.spec.kind == "clock"
                and _is_day_spec(current.spec)
                and not current.spec.time
                and (_DATE_THEN_CLOCK.fullmatch(between))
            ):
                merged.append(Found(current.start, following.end, current.spec.with_time(following.spec.time), 3))
                index += 2
                continue
        merged.append(current)
        index += 1
    return merged


def _sentence_years(chosen: list[Found], sentences: SentenceIndex) -> dict[int, int]:
    """The one year a sentence states in a full date ("July 7, 2017"), for its year-less dates."""
    years: dict[int, set[int]] = {}
    for found in chosen:
        if found.spec.kind == "absolute" and found.spec.type in ("DATE", "TIME"):
            match = _YEAR_IN_VALUE.match(found.spec.value)
            if match:
                years.setdefault(sentences.index_of(found.start), set()).add(int(match[1]))
    return {number: next(iter(found)) for number, found in years.items() if len(found) == 1}


def _chronology_years(
    text: str,
    chosen: list[Found],
    reference: tuple[dt.date, dt.date] | None,
    sentences: SentenceIndex,
    lex: Lexicon,
) -> dict[int, int]:
    """Years for the entries of a chronology ("May 4: Two soldiers died ... / January 3:
    ..."): lines that open on a year-less day and a colon, three or more. When their days
    run back across a new year, each entry takes the year the order gives it, counted back
    from the publication date for a record of the past (forward for a schedule), where the
    nearest-date rule would put a list that began two years ago into this one."""

    def opens_an_entry(found: Found) -> bool:
        if found.spec.kind != "month_day" or found.spec.direction or text[found.end : found.end + 1] != ":":
            return False
        before = text[text.rfind("\n", 0, found.start) + 1 : found.start]
        return not before.strip() or before.endswith(": ")  # "The full list: May 4: ..."

    entries = [found for found in chosen if opens_an_entry(found)]
    if len(entries) < 3 or reference is None:
        return {}
    days = [(f.spec.month, f.spec.day) for f in entries]

    def new_year(earlier: tuple[int, int], later: tuple[int, int]) -> bool:
        return earlier[0] - later[0] >= 6  # December to January; "May 1", "April 30" is disorder

    if not any(new_year(a, b) for a, b in zip(days, days[1:], strict=False)):
        return {}  # one calendar year: the nearest-date rule reads it
    tenses = [guess_tense(text, sentences.span_of(f.start), f.start, f.end, lex) for f in entries]
    ref = reference[0]
    years: dict[int, int] = {}
    if tenses.count("future") > len(entries) / 2:
        year = ref.year if days[0] >= (ref.month, ref.day) else ref.year + 1
        for index, found in enumerate(entries):
            if index and new_year(days[index - 1], days[index]):
                year += 1
            years[found.start] = year
        return years
    year = ref.year if days[-1] <= (ref.month, ref.day) else ref.year - 1
    for index in range(len(entries) - 1, -1, -1):
        if index < len(entries) - 1 and new_year(days[index], days[index + 1]):
            year -= 1
        years[entries[index].start] = year
    return years


_NOUN_AFTER = re.compile(r"\s*(?:['’]s\s+)?([A-Za-z]+)")
_NOUN_OF_BEFORE = re.compile(r"([A-Za-z]+)\s+of\s+$")


def _named_year(text: str, found: Found, spec: Spec, lex: Lexicon) -> int | None:
    """The year of a day that names a happening (`named_days` in time_words.yaml), when the
    text says it as that name: right before one of its nouns ("the September 11 attacks")
    or after one and "of" ("the attacks of 11 September")."""
    named = lex.named_days.get((spec.month, spec.day))
    if named is None:
        return None
    year, nouns = named
    after = _NOUN_AFTER.match(text, found.end)
    before = _NOUN_OF_BEFORE.search(text, max(0, found.start - 40), found.start)
    if after and after[1].lower() in nouns or before and before[1].lower() in nouns:
        return year
    return None


def _with_year(spec: Spec, year: int) -> Spec:
    if spec.kind == "month_day":
        if cal.safe_date(year, spec.month, spec.day) is None:
            return spec
        return replace(spec, kind="absolute", value=f"{year:04d}-{spec.month:02d}-{spec.day:02d}")
    return replace(spec, kind="absolute", value=f"{year:04d}-{spec.month:02d}")


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return match.group(1).lower() if match else ""


_PREPOSITION_BEFORE = re.compile(r"\b(since|until|till|by|before)\s+(?:the\s+)?$", re.IGNORECASE)


def _tense_of(text: str, sentence: tuple[int, int], found: Found, lex: Lexicon) -> Tense:
    """The tense a bare date is read in; "since Monday" looks back, "until Friday" ahead."""
    preposition = _PREPOSITION_BEFORE.search(text, max(sentence[0], found.start - 12), found.start)
    word = preposition.group(1).lower() if preposition else ""
    if word == "since":
        return "past"
    if found.spec.kind in ("month_day", "month") and _word_before(text, found.start) in lex.scheduling:
        return None  # "payable Dec. 3": the nearest Dec. 3, though the dividend was declared
    tense = guess_tense(text, sentence, found.start, found.end, lex)
    if word and tense not in ("past", "future"):
        return "future"
    if found.spec.kind == "weekday" and tense != "future" and text[found.end : found.end + 2] in ("'s", "’s"):
        return "past"  # "Thursday's close", "after Wednesday's verdict": a day gone by
    return tense


def _day_in_sentence(
    resolved: list[TaggedExpression | None], sentence: tuple[int, int], offset: int
) -> tuple[dt.date | None, bool]:
    """The day named in `sentence` nearest to `offset` ("at 7 a.m. ... on Sunday"), and if it is relative."""
    days = [
        (
            abs(item.expression.start - offset),
            dt.date.fromisoformat(item.expression.value[:10]),
            item.expression.relative,
        )
        for item in resolved
        if item is not None
        and item.sentence == sentence
        and item.expression.type in ("DATE", "TIME")
        and _DAY_VALUE.match(item.expression.value)
    ]
    if not days:
        return None, True
    _, day, relative = min(days)
    return day, relative
