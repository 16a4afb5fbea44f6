"""Publication dates for articles that carry none: a window of possible days, and how it was found.

Every clue says "the article was written on one of these days" with a trust
level (see `_window`); the window is their intersection, most trusted
first, a contradicting clue dropped. `published` is what the whole window
agrees on (a day, a month or a year), so no day is invented.

Clues, most trusted first:
  dateline ("MOSCOW, July 16 (Reuters) -") — certain
  a weekday with its date ("on Tuesday, March 5") — the week after it
  a relative expression tied to an event another article dates
    ("the summit in Helsinki yesterday" + "met in Helsinki on July 16, 2018") — likely
  a relative expression tied to a known summit or known event — likely
  a full date in the headline or first sentence — likely
  office holders by title: from when they took office; "former" after they left — likely
  a known summit or event spoken of as coming, or reported as news — likely
  explicit dates the text treats as past (a lower bound) — uncertain
  an office holder's end of term (a title may be the one of then) — likely, dropped on conflict
  a full date in a photo caption: no earlier than it — likely
Soft clues (a date given without a year is in the year of writing) narrow the
window where they agree with it. Parts of a file with no clue take the year of
a dated neighbour (uncertain).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.dates import _calendar as cal
from generator.dates._clues_events import event_clues, pin_clues, summit_clues
from generator.dates._clues_roles import role_clues
from generator.dates._find import TaggedExpression, tag_text
from generator.dates._lexicon import lexicon
from generator.dates._tense import guess_tense
from generator.dates._view import ArticleView, day_of, event_words, places, quote, view_of, year_of
from generator.dates._window import (
    EARLIEST,
    MAJORITY_SPAN_DAYS,
    OPEN_END,
    Clue,
    Days,
    Window,
    clue,
    combine,
    hull,
    intersect,
    majority_year,
    value_of,
    weakest,
    window_text,
    year_days,
)
from generator.model import Article

TRUST_DATELINE = 100
TRUST_WEEKDAY_DATE = 75
TRUST_CROSS_ARTICLE = 70
TRUST_FIRST_LINES = 62
TRUST_PAST_DATES = 52
TRUST_CAPTION = 50

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*,\s*"
    r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?)\s*(?:\((?P<agency>[^)]{1,30})\))?\s*[-–—:]"
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|updated|first published|last updated)(?:\s+on)?\s*:?\s*(?P<date>.{6,60})$",
    re.I | re.M,
)


@dataclass(frozen=True)
class Inferred:
    """An inferred publication date: its value, how it was found, and the days it may be."""

    value: str
    basis: str
    window: str | None = None  # "YYYY-MM-DD/YYYY-MM-DD" when narrower than `value`
    weak: bool = False  # only a lower bound decided it: a dated neighbour part may do better


@dataclass(frozen=True)
class _DatedEvent:
    article: str
    day: dt.date
    places: frozenset[str]
    sentence: str


# --- events dated in other articles -------------------------------------------------------------


def _published_day(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def _dated_events(views: list[ArticleView]) -> list[_DatedEvent]:
    """Sentences that date something to a day: with the year written out, or relative
    ("yesterday") in an article whose publication day is given."""
    events = []
    for view in views:
        items_of = view.sentences
        reference = _published_day(view.article)
        if reference:
            resolved: dict[tuple[int, int], list[TaggedExpression]] = {}
            for item in tag_text(view.text, (reference, reference)):
                resolved.setdefault(item.sentence, []).append(item)
            items_of = resolved
        for sentence, items in items_of.items():
            for item in items:
                day = day_of(item.expression.value)
                if day is None or (item.spec.relative and not reference):
                    continue
                text = view.sentence_text(sentence)
                events.append(_DatedEvent(view.article.id, day, frozenset(places(text)), text))
    return events


def _cross_article_clues(view: ArticleView, events: list[_DatedEvent]) -> list[Clue]:
    clues = []
    for sentence, items in view.sentences.items():
        text = view.sentence_text(sentence)
        named = places(text)
        if not named or not event_words(text):
            continue
        relative = [item for item in items if item.spec.relative]
        if not relative:
            continue
        for event in events:
            if event.sentence == text or not (named & event.places) or not event_words(event.sentence):
                continue
            place = sorted(named & event.places)[0]
            label = f"{place} event dated {event.day.isoformat()} by article {event.article}"
            clues += pin_clues(relative, [event.day], TRUST_CROSS_ARTICLE, label)
    return clues


# --- clues in the article itself ----------------------------------------------------------------


def _dateline_clue(view: ArticleView) -> tuple[Clue | None, tuple[int, int] | None]:
    """A dateline or "Published:" line: a certain day, or a month and day awaiting their year."""
    body = view.article.text[:300]
    match = _DATELINE.match(body) or _PUBLISHED_LINE.search(body[:200])
    if not match:
        return None, None
    for item in tag_text(match["date"], None):
        day = day_of(item.expression.value)
        if day and not item.spec.relative:
            basis = f"dateline {quote(match.group().strip(' -–—:'))}"
            return clue(day, day, TRUST_DATELINE, basis, "certain"), None
        if item.spec.kind == "month_day":
            return None, (item.spec.month, item.spec.day)
    return None, None


def _explicit_date_clues(view: ArticleView) -> list[Clue]:
    """Full dates in the opening lines and captions; past dates as a lower bound."""
    clues = []
    latest: TaggedExpression | None = None
    latest_start: dt.date | None = None
    lex = lexicon()
    for item in view.tagged:
        if item.spec.relative or item.expression.type not in ("DATE", "TIME"):
            continue
        value = item.expression.value.split("T")[0]
        span = cal.value_range(value)
        if span is None or len(value) < 4:
            continue
        in_caption = view.in_caption(item.expression.start)
        opening = item.expression.start < view.first_sentence_end and not in_caption
        day = day_of(value)
        tense = guess_tense(view.text, item.sentence, item.expression.start, item.expression.end, lex)
        if tense == "future":
            continue
        text = quote(item.expression.text)
        if day and opening:
            clues.append(clue(day, day, TRUST_FIRST_LINES, f"date in the opening lines {text}", "likely"))
        elif day and in_caption:
            # a photo's date: the article is no older, and likely not much newer (a file photo may be)
            last = cal.add_days(day, lex.past_mention_lag_days)
            clues.append(clue(day, last, TRUST_CAPTION, f"date in a caption {text}", "likely"))
        if not in_caption and (latest_start is None or span[0] > latest_start):
            latest, latest_start = item, span[0]
    if latest is not None and latest_start is not None:
        clues.append(clue(latest_start, OPEN_END, TRUST_PAST_DATES,
                          f"latest date in text, {latest.expression.value}", "uncertain"))
    return clues


def _weekday_date_clues(view: ArticleView, clues: list[Clue]) -> list[Clue]:
    """"on Monday, July 16": the weekday picks the year; the writing falls within that week."""
    found = []
    window = combine(clues)
    lower = next((c.first for c in clues if c.trust == TRUST_PAST_DATES), None)
    for item in view.tagged:
        spec = item.spec
        if spec.kind != "month_day" or not spec.weekday:
            continue
        candidates = [
            day for year in range(1900, 2100)
            if (day := cal.safe_date(year, spec.month, spec.day)) and day.isoweekday() == spec.weekday
        ]
        future = item.tense == "future"

        def week(day: dt.date, future: bool = future) -> tuple[dt.date, dt.date]:
            return (cal.add_days(day, -6), day) if future else (day, cal.add_days(day, 6))

        confidence = "likely"
        if window and window.bounded and (window.last - window.first).days <= MAJORITY_SPAN_DAYS:
            viable = [d for d in candidates if intersect(window.days, (week(d),))]
        elif lower:
            # only a lower bound: the first such year after the latest date the text gives
            viable, confidence = [d for d in candidates if d >= lower][:1], "uncertain"
        else:
            viable = []
        if len(viable) == 1:
            first, last = week(viable[0])
            basis = f"{quote(item.expression.text)} fell on a {viable[0].strftime('%A')} in {viable[0].year}"
            found.append(clue(first, last, TRUST_WEEKDAY_DATE, basis, confidence))
    return found


def _dated_sentences(view: ArticleView) -> set[int]:
    """Sentences that date themselves to a year ("in 2014", "two years ago", "the 1990s")."""
    found = set()
    for item in view.tagged:
        spec = item.spec
        old = year_of(item) is not None or (spec.kind == "absolute" and item.expression.value[:3].isdigit()
                                            and item.expression.type == "DATE")
        years_ago = spec.kind == "unit_offset" and spec.unit in ("year", "decade", "century")
        years_ago = years_ago and spec.offset < 0
        old = old or years_ago
        if old:
            found.add(view.index.index_of(item.expression.start))
    return found


# --- deciding -----------------------------------------------------------------------------------


def _years_for_month_day(month_day: tuple[int, int], days: Days) -> list[dt.date]:
    """The days with this month and day that the window allows (a dateline without its year)."""
    first, last = hull(days)
    if last >= OPEN_END:
        last = dt.date(first.year + 10, 12, 31)  # only a lower bound: the years just after it
    found = []
    for year in range(first.year, last.year + 1):
        day = cal.safe_date(year, *month_day)
        if day and intersect(days, ((day, day),)):
            found.append(day)
    return found


def _dateline_result(month_day: tuple[int, int], days: list[dt.date], window: Window) -> Inferred:
    """A dateline's month and day in the one year the window allows; of several, the first
    after a lower bound only, else the latest (uncertain, naming the others)."""
    top = window.used[0]
    label = f"dateline '{days[0].strftime('%B')} {month_day[1]}'"
    if len(days) == 1:
        sure = "certain" if top.trust >= 55 else "likely"
        return Inferred(days[0].isoformat(), f"{label}, year from {top.basis} ({sure})")
    chosen = days[0] if window.last >= OPEN_END else days[-1]
    others = ", ".join(str(d.year) for d in days if d != chosen)
    return Inferred(chosen.isoformat(), f"{label}, year from {top.basis}; {others} would fit too (uncertain)")


def _bases(clues: list[Clue | None]) -> list[str]:
    """The bases of `clues`, once each; of two about one quoted phrase, the last (it says more)."""
    found: dict[str, str] = {}
    for item in clues:
        if item is not None:
            phrase = item.basis.split("':", 1)[0] if item.basis.startswith("'") else item.basis
            found[phrase] = item.basis
    return list(dict.fromkeys(found.values()))


def _decide(clues: list[Clue], month_day: tuple[int, int] | None) -> Inferred | None:
    window = combine(clues)
    if window is None:
        return None
    if month_day:
        days = _years_for_month_day(month_day, window.days)
        if days:
            return _dateline_result(month_day, days, window)
    allow_day = any(c.single_day for c in window.used)
    value = value_of(window.narrowed, allow_day) if _bounded(window.narrowed) else ""
    if len(value) == 10:
        return _day_result(window, value)
    lower, upper = window.binding()
    bases = _bases([lower, upper])
    confidence = weakest(*(c.confidence for c in (lower, upper) if c is not None))
    days = window.narrowed
    weak = False
    if window.soft_used and days != window.days:
        bases += _bases(list(window.soft_used))
        confidence = "uncertain"
    if not value:
        first, last = hull(days)
        if _bounded(days) and (last - first).days <= MAJORITY_SPAN_DAYS:
            year = majority_year(days)
            bases.append(f"most of {first.isoformat()}–{last.isoformat()} falls in {year}")
        elif len(days) > 1:
            return None  # stretches years apart (e.g. before one of many elections): no year to prefer
        else:
            # no close upper bound: news reports the recent past, so the year of the lower bound
            year = first.year if first > EARLIEST else last.year
            bases.append("no close later bound" if first > EARLIEST else "no earlier bound")
            weak = True
        days = intersect(days, year_days(year))
        value, confidence = f"{year:04d}", "uncertain"
    return Inferred(value, f"{'; '.join(bases)} ({confidence})", window_text(days, value), weak)


def _bounded(days: Days) -> bool:
    first, last = hull(days)
    return first > EARLIEST and last < OPEN_END


def _day_result(window: Window, value: str) -> Inferred:
    top_at = next(n for n, c in enumerate(window.used) if c.single_day)
    top = window.used[top_at]
    others = [c for n, c in enumerate(window.used) if n != top_at and c.trust > TRUST_PAST_DATES]
    if others and top.confidence != "certain":
        return Inferred(value, f"{top.basis}; agrees with {others[0].basis} ({top.confidence})")
    return Inferred(value, f"{top.basis} ({top.confidence})")


def infer_publication(articles: list[Article]) -> dict[str, Inferred]:
    """For each article with no `published`: its value, basis and window of possible days.

    `Inferred.window` ("YYYY-MM-DD/YYYY-MM-DD") is set when the clues narrow the
    writing further than the value says; relative dates are resolved against it.
    """
    views = [view_of(article) for article in articles]
    events = _dated_events(views)
    results: dict[str, Inferred] = {}
    for view in views:
        if view.article.published:
            continue
        dateline, month_day = _dateline_clue(view)
        clues = [dateline] if dateline else []
        clues += _cross_article_clues(view, events)
        clues += summit_clues(view)
        clues += event_clues(view)
        clues += role_clues(view.text, view.index, _dated_sentences(view))
        clues += _explicit_date_clues(view)
        clues += _weekday_date_clues(view, clues)
        decided = _decide(clues, month_day)
        if decided:
            results[view.article.id] = decided
    _date_from_neighbours(articles, results)
    return results


def infer_publication_dates(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """For each article with no `published`: (ISO value at the precision its clues support, basis).

    Clues, most trusted first: a dateline or a date that dates the writing;
    events other articles date ("the summit in Helsinki yesterday"); the known
    summits in data/summits.yaml; finally the latest date in the text (uncertain).
    """
    return {key: (found.value, found.basis) for key, found in infer_publication(articles).items()}


def _date_from_neighbours(articles: list[Article], results: dict[str, Inferred]) -> None:
    """Parts of one file with no clue of their own (or only a lower bound): the year of the
    nearest confidently dated part, if their own clues allow it (uncertain)."""
    by_file: dict[str, list[Article]] = {}
    for article in articles:
        by_file.setdefault(article.file, []).append(article)
    for parts in by_file.values():
        for index, article in enumerate(parts):
            own = results.get(article.id)
            if article.published or (own is not None and not own.weak):
                continue
            for distance in range(1, len(parts)):
                neighbours = [parts[i] for i in (index - distance, index + distance) if 0 <= i < len(parts)]
                years = (year for other in neighbours if (year := _confident_year(other, results, own)))
                found = next(years, None)
                if found:
                    other_part = next(o.part for o in neighbours if _confident_year(o, results, own) == found)
                    results[article.id] = Inferred(
                        found,
                        f"no date in the text; part {other_part} of the same file dates from {found}"
                        " (uncertain)",
                    )
                    break


def _confident_year(other: Article, results: dict[str, Inferred], own: Inferred | None) -> str | None:
    found = results.get(other.id)
    value = other.published or (found.value if found else "")
    if not value or (found is not None and "(uncertain)" in found.basis):
        return None
    year = value[:4]
    if own is not None and own.weak and year < own.value[:4]:
        return None  # the part's own lower bound excludes that year
    return year
