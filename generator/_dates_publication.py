"""Publication dates for articles that carry none, and how each was found.

Each clue says "the article was written between day A and day B" with a trust
level. Clues are applied most trusted first; one that contradicts the range
kept so far is dropped. The value given is the finest plain ISO date that
holds the whole range (a day, a month or a year), so no day is invented.

Clues, most trusted first:
  dateline ("MOSCOW, July 16 (Reuters) -") — certain
  a relative expression tied to an event another article dates
    ("the summit in Helsinki yesterday" + "met in Helsinki on July 16, 2018") — likely
  a relative expression or tense tied to a known summit (data/summits.yaml) — likely
  a full date in the headline or first sentence — likely
  explicit dates the text treats as past (a lower bound) — uncertain
  a full date in a photo caption (may be a file photo) — likely if nothing contradicts it
  finally the latest explicit date, or the year of neighbouring parts of the same file — uncertain
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator import _dates_calendar as cal
from generator._dates_lexicon import lexicon
from generator._dates_resolve import Spec, resolve_spec
from generator._dates_tense import Tense, guess_tense
from generator.dates import TaggedExpression, tag_text
from generator.knowledge import KnownSummit, known_summits
from generator.model import Article

FAR = 3650  # days: a bound that only limits one side

# Trust levels (higher is applied first).
TRUST_DATELINE = 100
TRUST_WEEKDAY_DATE = 75
TRUST_CROSS_ARTICLE = 70
TRUST_SUMMIT_RELATIVE = 65
TRUST_FIRST_LINES = 62
TRUST_SUMMIT_TENSE = 55
TRUST_PAST_DATES = 52
TRUST_CAPTION = 50
TRUST_SUMMIT_BACKGROUND = 30

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*,\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?)\s*(?:\((?P<agency>[^)]{1,30})\))?\s*[-–—:]"
)
_PUBLISHED_LINE = re.compile(r"^\s*(?:published|posted|updated|first published|last updated)(?:\s+on)?\s*:?\s*(?P<date>.{6,60})$", re.I | re.M)
_PLACE_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|near|from|to)\s+((?:[A-Z][\w’'.-]+)(?:\s+(?:[A-Z][\w’'.-]+|de|da|al))*)")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


@dataclass(frozen=True)
class Clue:
    first: dt.date
    last: dt.date
    trust: int
    basis: str
    confidence: str  # certain, likely, uncertain

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.first <= last and first <= self.last


@dataclass
class _ArticleView:
    """An article's text as the inference reads it: headline, captions, body, with expressions."""

    article: Article
    text: str
    body_start: int
    captions_span: tuple[int, int]
    tagged: list[TaggedExpression]
    first_sentence_end: int
    sentences: dict[tuple[int, int], list[TaggedExpression]] = field(default_factory=dict)


@dataclass(frozen=True)
class _DatedEvent:
    article: str
    day: dt.date
    places: frozenset[str]
    sentence: str


# --- reading ----------------------------------------------------------------------------------


def _view(article: Article) -> _ArticleView:
    title = article.title or ""
    captions = "\n".join(article.captions)
    text = f"{title}\n{captions}\n{article.text}"
    captions_span = (len(title) + 1, len(title) + 1 + len(captions))
    body_start = captions_span[1] + 1
    tagged = tag_text(text, None)
    sentences: dict[tuple[int, int], list[TaggedExpression]] = {}
    for item in tagged:
        sentences.setdefault(item.sentence, []).append(item)
    body = article.text
    first_end = re.search(r"[.!?](?:\s|$)|\n", body)
    first_sentence_end = body_start + (first_end.end() if first_end else len(body))
    return _ArticleView(article, text, body_start, captions_span, tagged, first_sentence_end, sentences)


def _places(sentence: str) -> set[str]:
    found = set()
    lex = lexicon()
    for match in _PLACE_AFTER_PREPOSITION.finditer(sentence):
        for word in match.group(1).split():
            key = word.strip(".,’'")
            if key.lower() in lex.months or key.lower() in lex.weekdays or key in ("The", "A", "An"):
                continue
            found.add(key)
    return found


def _event_words(sentence: str) -> set[str]:
    words = lexicon().event_words
    return {w.lower() for w in _WORD.findall(sentence) if w.lower() in words}


def _day_of(value: str) -> dt.date | None:
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value[:10])
    return None


def _dated_events(views: list[_ArticleView]) -> list[_DatedEvent]:
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
                day = _day_of(item.expression.value)
                if day is None or (item.spec.relative and not reference):
                    continue
                text = view.text[sentence[0] : sentence[1]]
                events.append(_DatedEvent(view.article.id, day, frozenset(_places(text)), text))
    return events


def _published_day(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def _mentions(text: str, name: str) -> bool:
    if name not in text:  # most names are absent: skip the regex
        return False
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None


# --- inverting a relative expression: which writing days make it name a given day ----------


def _invert(item: TaggedExpression, day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The writing days on which `item` ("yesterday", "on Monday") would name `day`."""
    return _invert_spec(item.spec, item.tense, day)


@lru_cache(maxsize=65536)
def _invert_spec(spec: Spec, tense: Tense, day: dt.date) -> tuple[dt.date, dt.date] | None:
    if spec.kind in ("anchor_offset", "anchor_weekday", "clock", "absolute", "in_duration"):
        return None
    span = 40 if spec.kind in ("day_offset", "weekday") or spec.unit in ("week", "weekend", "day") else 800
    if spec.kind == "unit_offset" and spec.unit in ("decade", "century"):
        return None
    hits = []
    for delta in range(-span, span + 1):
        candidate = cal.add_days(day, delta)
        _, value = resolve_spec(spec, candidate, tense)
        if cal.contains(value.split("T")[0], day):
            hits.append(candidate)
    if not hits:
        return None
    return hits[0], hits[-1]


# --- clues -------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def _dateline_clue(view: _ArticleView) -> tuple[Clue | None, tuple[int, int] | None]:
    """A dateline or "Published:" line: a certain day, or a month and day awaiting their year."""
    body = view.article.text[:300]
    match = _DATELINE.match(body) or _PUBLISHED_LINE.search(body[:200])
    if not match:
        return None, None
    date_text = match["date"]
    found = tag_text(date_text, None)
    for item in found:
        day = _day_of(item.expression.value)
        if day and not item.spec.relative:
            return Clue(day, day, TRUST_DATELINE, f"dateline {_quote(match.group().strip(' -–—:'))}", "certain"), None
        if item.spec.kind == "month_day":
            return None, (item.spec.month, item.spec.day)
    return None, None


def _cross_article_clues(view: _ArticleView, events: list[_DatedEvent], names: dict[str, str]) -> list[Clue]:
    clues = []
    for sentence, items in view.sentences.items():
        text = view.text[sentence[0] : sentence[1]]
        places = _places(text)
        if not places or not _event_words(text):
            continue
        for item in items:
            if not item.spec.relative:
                continue
            for event in events:
                if event.sentence == text or not (places & event.places) or not _event_words(event.sentence):
                    continue
                window = _invert(item, event.day)
                if window:
                    place = sorted(places & event.places)[0]
                    basis = (
                        f"{_quote(item.expression.text)} + {place} event dated {event.day.isoformat()} "
                        f"by article {names.get(event.article, event.article)}"
                    )
                    clues.append(Clue(window[0], window[1], TRUST_CROSS_ARTICLE, basis, "likely"))
    return clues


def _matching_summits(view: _ArticleView) -> list[KnownSummit]:
    """Known summits the article speaks of: a place and two leaders (or one and an alias)."""
    text = view.text
    scored: list[tuple[int, KnownSummit]] = []
    for summit in known_summits():
        if not any(_mentions(text, place) for place in summit.places):
            continue
        leaders = sum(_mentions(text, leader) for leader in set(summit.leaders))
        alias = any(_mentions(text, alias) for alias in summit.aliases)
        if leaders + (1 if alias else 0) < 2 or leaders == 0:
            continue
        if not any(
            any(_mentions(view.text[s[0] : s[1]], place) for place in summit.places)
            and _event_words(view.text[s[0] : s[1]])
            for s in _sentence_spans(view)
        ):
            continue
        scored.append((leaders + (2 if alias else 0), summit))
    chosen = []
    years = {int(m) for m in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}
    for score, summit in scored:
        rivals = [s for sc, s in scored if s is not summit and set(s.places) & set(summit.places) and sc >= score]
        if not rivals:
            chosen.append(summit)
        elif summit.first.year in years and not any(r.first.year in years for r in rivals):
            chosen.append(summit)
    return chosen


def _near(item: TaggedExpression, sentence_start: int, targets: list[int], reach: int = 60) -> bool:
    """Whether a time expression sits close to the words naming the event it would date."""
    start = item.expression.start - sentence_start
    end = item.expression.end - sentence_start
    return any(abs(target - start) <= reach or abs(target - end) <= reach for target in targets)


def _sentence_spans(view: _ArticleView) -> list[tuple[int, int]]:
    from generator._dates_tense import sentence_spans

    return sentence_spans(view.text)


def _summit_clues(view: _ArticleView) -> list[Clue]:
    summits = _matching_summits(view)
    if not summits:
        return []
    lex = lexicon()
    clues = []
    opening = (0, view.first_sentence_end)
    for summit in summits:
        label = f"known summit {summit.places[0]} {summit.first.isoformat()}"
        for sentence in _sentence_spans(view):
            text = view.text[sentence[0] : sentence[1]]
            named = [p for p in summit.places if _mentions(text, p)]
            alias = [a for a in summit.aliases if _mentions(text, a)]
            only_one = len(summits) == 1 and re.search(r"\b(?:summit|talks|meeting)\b", text, re.I)
            if not (named or alias or only_one):
                continue
            targets = [m.start() for name in (named or alias) for m in re.finditer(re.escape(name), text)]
            if not targets:
                targets = [m.start() for m in re.finditer(r"\b(?:summit|talks|meeting)\b", text, re.I)]
            items = [
                i for i in view.sentences.get(sentence, [])
                if i.spec.relative and _near(i, sentence[0], targets)
            ]
            windows = []
            for item in items:
                days = [cal.add_days(summit.first, n) for n in range((summit.last - summit.first).days + 1)]
                found = [w for d in days if (w := _invert(item, d))]
                if found:
                    windows.append((item, min(w[0] for w in found), max(w[1] for w in found)))
            for item, first, last in windows:
                clues.append(Clue(first, last, TRUST_SUMMIT_RELATIVE, f"{label}, {_quote(item.expression.text)}", "likely"))
            if windows or not (named or alias):
                continue
            position = view.text.find((named or alias)[0], sentence[0], sentence[1])
            tense = guess_tense(view.text, sentence, position, position + 1, lex)
            if re.search(r"\b(?:forthcoming|upcoming|ahead of)\b", text, re.I) or tense == "future":
                first = cal.add_days(summit.first, -lex.future_mention_lead_days)
                clues.append(Clue(first, cal.add_days(summit.first, -1), TRUST_SUMMIT_TENSE,
                                  f"{label}, spoken of as coming", "likely"))
            elif tense == "past":
                main = sentence[0] < opening[1] or sentence[0] <= view.captions_span[1]
                if main:
                    last = cal.add_days(summit.last, lex.past_mention_lag_days)
                    clues.append(Clue(summit.first, last, TRUST_SUMMIT_TENSE, f"{label}, reported as news", "likely"))
                else:
                    clues.append(Clue(summit.first, cal.add_days(summit.first, FAR), TRUST_SUMMIT_BACKGROUND,
                                      f"{label}, spoken of as past", "uncertain"))
    return clues


def _explicit_date_clues(view: _ArticleView) -> tuple[list[Clue], TaggedExpression | None]:
    """Full dates in the opening lines and captions; past dates as a lower bound."""
    clues = []
    latest: TaggedExpression | None = None
    latest_end: dt.date | None = None
    for item in view.tagged:
        if item.spec.relative or item.expression.type not in ("DATE", "TIME"):
            continue
        span = cal.value_range(item.expression.value.split("T")[0])
        if span is None or len(item.expression.value.split("T")[0]) < 4:
            continue
        in_caption = view.captions_span[0] <= item.expression.start < view.captions_span[1]
        opening = item.expression.start < view.first_sentence_end and not in_caption
        day = _day_of(item.expression.value)
        tense = guess_tense(view.text, item.sentence, item.expression.start, item.expression.end, lexicon())
        if day and opening and tense != "future":
            clues.append(Clue(day, day, TRUST_FIRST_LINES, f"date in the opening lines {_quote(item.expression.text)}", "likely"))
        elif day and in_caption and tense != "future":
            clues.append(Clue(day, day, TRUST_CAPTION, f"date in a caption {_quote(item.expression.text)}", "likely"))
        if not in_caption and tense != "future" and len(item.expression.value) >= 4:
            if latest_end is None or span[0] > latest_end:
                latest, latest_end = item, span[0]
    if latest is not None and latest_end is not None:
        clues.append(Clue(latest_end, cal.add_days(latest_end, FAR), TRUST_PAST_DATES,
                          f"latest date in text, {latest.expression.value}", "uncertain"))
    return clues, latest


def _weekday_date_clues(view: _ArticleView, clues: list[Clue]) -> list[Clue]:
    """"on Monday, July 16": the weekday picks the year; the writing falls within that week."""
    found = []
    combined = _combine(clues)
    lower = next((c.first for c in clues if c.trust == TRUST_PAST_DATES), None)
    for item in view.tagged:
        spec = item.spec
        if spec.kind != "month_day" or not spec.weekday:
            continue
        candidates = [
            day for year in range(1900, dt.date.today().year + 2)
            if (day := cal.safe_date(year, spec.month, spec.day)) and day.isoweekday() == spec.weekday
        ]

        def window(day: dt.date) -> tuple[dt.date, dt.date]:
            return (cal.add_days(day, -6), day) if item.tense == "future" else (day, cal.add_days(day, 6))

        confidence = "likely"
        if combined and (combined[1] - combined[0]).days <= 731:
            viable = [d for d in candidates if window(d)[0] <= combined[1] and combined[0] <= window(d)[1]]
        elif lower:
            # only a lower bound: the first such year after the latest date the text gives
            viable, confidence = [d for d in candidates if d >= lower][:1], "uncertain"
        else:
            viable = []
        if len(viable) == 1:
            first, last = window(viable[0])
            basis = f"{_quote(item.expression.text)} fell on a {viable[0].strftime('%A')} in {viable[0].year}"
            found.append(Clue(first, last, TRUST_WEEKDAY_DATE, basis, confidence))
    return found


# --- combining -----------------------------------------------------------------------------------


def _combine(clues: list[Clue]) -> tuple[dt.date, dt.date, list[Clue]] | None:
    used: list[Clue] = []
    first = last = None
    for clue in sorted(clues, key=lambda c: (-c.trust, (c.last - c.first).days)):
        if first is None or last is None:
            first, last = clue.first, clue.last
            used.append(clue)
        elif clue.overlaps(first, last):
            first, last = max(first, clue.first), min(last, clue.last)
            used.append(clue)
    if first is None or last is None:
        return None
    return first, last, used


def _year_for_month_day(month_day: tuple[int, int], first: dt.date, last: dt.date) -> dt.date | None:
    for year in range(first.year, last.year + 1):
        day = cal.safe_date(year, *month_day)
        if day and first <= day <= last:
            return day
    return None


def _decide(view: _ArticleView, clues: list[Clue], month_day: tuple[int, int] | None,
            latest: TaggedExpression | None) -> tuple[str, str] | None:
    combined = _combine(clues)
    if month_day and combined:
        day = _year_for_month_day(month_day, combined[0], combined[1])
        if day:
            sure = "certain" if combined[2][0].trust >= TRUST_SUMMIT_TENSE else "likely"
            return day.isoformat(), f"dateline '{day.strftime('%B')} {month_day[1]}', year from {combined[2][0].basis} ({sure})"
    if combined is None:
        return None
    first, last, used = combined
    top = used[0]
    if (last - first).days > 366 * 2:
        # only a lower bound: the latest date the text gives, at its own precision
        if latest is not None:
            return latest.expression.value.split("T")[0], f"latest date in text, {latest.expression.value} (uncertain)"
        return None
    if first == last and not any(c.first == c.last for c in used):
        # a day reached only by intersecting ranges is too fragile to state: give its month
        first, last = first.replace(day=1), first.replace(day=cal.month_length(first.year, first.month))
    value = cal.range_value(first, last)
    if value == "XXXX" or len(value) == 3:
        value = f"{last.year:04d}"
        return value, f"{top.basis} (uncertain)"
    if len(value) == 10:
        top = next((c for c in used if c.first == c.last), top)
    confidence = top.confidence
    others = [c for c in used if c is not top and c.trust > TRUST_PAST_DATES]
    if others and confidence != "certain":
        return value, f"{top.basis}; agrees with {others[0].basis} ({confidence})"
    return value, f"{top.basis} ({confidence})"


def infer_publication_dates(articles: list[Article]) -> dict[str, tuple[str, str]]:
    views = [_view(article) for article in articles]
    names = {article.id: article.id for article in articles}
    events = _dated_events(views)
    results: dict[str, tuple[str, str]] = {}
    for view in views:
        if view.article.published:
            continue
        dateline, month_day = _dateline_clue(view)
        clues = [dateline] if dateline else []
        clues += _cross_article_clues(view, events, names)
        clues += _summit_clues(view)
        explicit, latest = _explicit_date_clues(view)
        clues += explicit
        clues += _weekday_date_clues(view, clues)
        decided = _decide(view, clues, month_day, latest)
        if decided:
            results[view.article.id] = decided
    _date_from_neighbours(articles, results)
    return results


def _date_from_neighbours(articles: list[Article], results: dict[str, tuple[str, str]]) -> None:
    """Parts of one file with no clue of their own: the year of the nearest dated part (uncertain)."""
    by_file: dict[str, list[Article]] = {}
    for article in articles:
        by_file.setdefault(article.file, []).append(article)
    for parts in by_file.values():
        for index, article in enumerate(parts):
            if article.published or article.id in results:
                continue
            for distance in range(1, len(parts)):
                for neighbour in (index - distance, index + distance):
                    if not 0 <= neighbour < len(parts):
                        continue
                    other = parts[neighbour]
                    value = other.published or (results.get(other.id, ("", ""))[0])
                    basis = results.get(other.id, ("", ""))[1]
                    if value and "(uncertain)" not in basis:
                        results[article.id] = (value[:4], f"no date in the text; part {other.part} of the same file dates from {value[:4]} (uncertain)")
                        break
                if article.id in results:
                    break


