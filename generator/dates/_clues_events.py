"""Publication-date clues from happenings whose dates are known: summits and other events.

Known summits (data/summits.yaml) are matched by a place and their leaders;
known events (data/known_events.yaml: elections, addresses, turning points) by
the words that name them. A relative expression next to the name ("next week's
summit in Vienna", "the election is scheduled for March 18") pins the writing
to the days on which it would name the event's day; without one, the tense
does: an event spoken of as coming was written before it, one reported as news
shortly after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from generator.dates import _calendar as cal
from generator.dates._find import TaggedExpression
from generator.dates._lexicon import Lexicon, alternatives, lexicon
from generator.dates._tense import guess_tense
from generator.dates._view import (
    ArticleView,
    event_words,
    invert,
    mentions,
    name_pattern,
    near,
    quote,
    year_of,
)
from generator.dates._window import OPEN_END, Clue, clue, normalise
from generator.knowledge import KnownSummit, known_summits, load_data
from generator.knowledge.roles import knowledge

FAR = 3650  # days: a bound that only limits one side
TRUST_SUMMIT_RELATIVE = 65
TRUST_EVENT_RELATIVE = 64
TRUST_SUMMIT_TENSE = 55
TRUST_EVENT_TENSE = 54
TRUST_SUMMIT_BACKGROUND = 30
TRUST_SAME_YEAR = 20  # soft

_GATHERING = re.compile(r"\b(?:summit|talks|meeting)\b", re.I)
_COMING = re.compile(r"\b(?:forthcoming|upcoming|ahead of)\b", re.I)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


# --- pinning relative expressions -----------------------------------------------------------


def pin_clues(items: list[TaggedExpression], days: list[dt.date], trust: int, label: str) -> list[Clue]:
    """For each relative expression that can name one of `days`: the writing days that make it so.

    A month and day given without a year ("on March 18") is, in news writing,
    most often in the year of writing: a soft clue for that year.
    """
    clues = []
    for item in items:
        windows = [window for day in days if (window := invert(item, day))]
        if not windows:
            continue
        basis = f"{label}, {quote(item.expression.text)}"
        clues.append(Clue(normalise(windows), trust, basis, "likely"))
        named_years = {day.year for day in days if invert(item, day)}
        if item.spec.kind == "month_day" and len(named_years) == 1:
            year = next(iter(named_years))
            clues.append(clue(dt.date(year, 1, 1), dt.date(year, 12, 31), TRUST_SAME_YEAR,
                              f"{quote(item.expression.text)} given without a year: written in {year}",
                              "uncertain", soft=True))
    return clues


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [cal.add_days(first, n) for n in range((last - first).days + 1)]


# --- known summits ------------------------------------------------------------------------------


def _matching_summits(view: ArticleView) -> list[KnownSummit]:
    """Known summits the article speaks of: a place and two leaders (or one and an alias)."""
    text = view.text
    scored: list[tuple[int, KnownSummit]] = []
    for summit in known_summits():
        if not any(mentions(text, place) for place in summit.places):
            continue
        leaders = sum(mentions(text, leader) for leader in set(summit.leaders))
        alias = any(mentions(text, alias) for alias in summit.aliases)
        if leaders + (1 if alias else 0) < 2 or leaders == 0:
            continue
        if not any(
            any(mentions(view.sentence_text(s), place) for place in summit.places)
            and event_words(view.sentence_text(s))
            for s in view.index.spans
        ):
            continue
        scored.append((leaders + (2 if alias else 0), summit))
    chosen = []
    years = {int(m) for m in _YEAR_IN_TEXT.findall(text)}
    for n, (score, summit) in enumerate(scored):
        rivals = [
            s for m, (sc, s) in enumerate(scored)
            if m != n and set(s.places) & set(summit.places) and sc >= score
        ]
        if not rivals:
            chosen.append(summit)
        elif summit.first.year in years and not any(r.first.year in years for r in rivals):
            chosen.append(summit)
    return chosen


def summit_clues(view: ArticleView) -> list[Clue]:
    summits = _matching_summits(view)
    if not summits:
        return []
    lex = lexicon()
    clues = []
    for summit in summits:
        label = f"known summit {summit.places[0]} {summit.first.isoformat()}"
        for sentence in view.index.spans:
            text = view.sentence_text(sentence)
            named = [p for p in summit.places if mentions(text, p)]
            alias = [a for a in summit.aliases if mentions(text, a)]
            only_one = len(summits) == 1 and _GATHERING.search(text)
            if not (named or alias or only_one):
                continue
            targets = [m.start() for name in (named or alias) for m in name_pattern(name).finditer(text)]
            if not targets:
                targets = [m.start() for m in _GATHERING.finditer(text)]
            items = [
                i for i in view.sentences.get(sentence, [])
                if i.spec.relative and near(i, sentence[0], targets)
            ]
            pinned = pin_clues(items, _days(summit.first, summit.last), TRUST_SUMMIT_RELATIVE, label)
            clues += pinned
            if pinned or not (named or alias):
                continue
            position = view.text.find((named or alias)[0], sentence[0], sentence[1])
            tense = guess_tense(view.text, sentence, position, position + 1, lex)
            if _COMING.search(text) or tense == "future":
                first = cal.add_days(summit.first, -lex.future_mention_lead_days)
                clues.append(clue(first, cal.add_days(summit.first, -1), TRUST_SUMMIT_TENSE,
                                  f"{label}, spoken of as coming", "likely"))
            elif tense == "past":
                if sentence[0] < view.first_sentence_end or sentence[0] <= view.captions_span[1]:
                    last = cal.add_days(summit.last, lex.past_mention_lag_days)
                    basis = f"{label}, reported as news"
                    clues.append(clue(summit.first, last, TRUST_SUMMIT_TENSE, basis, "likely"))
                else:
                    clues.append(clue(summit.first, cal.add_days(summit.first, FAR), TRUST_SUMMIT_BACKGROUND,
                                      f"{label}, spoken of as past", "uncertain"))
    return clues


# --- known events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownEvent:
    name: str
    phrases: tuple[str, ...]  # lowercase
    aliases: tuple[str, ...]  # lowercase
    country: str
    occurrences: tuple[tuple[dt.date, dt.date], ...]
    lead_days: int


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"known_events.yaml: {where}: {value!r} is not a date; write YYYY-MM-DD") from None


@cache
def known_events() -> tuple[KnownEvent, ...]:
    data = load_data("known_events") or {}
    lead = int((load_data("time_words").get("news_windows") or {}).get("known_event_lead_days", 365))
    events = []
    for entry in data.get("events") or []:
        name = str(entry["name"])
        occurrences = []
        for value in entry.get("dates") or []:
            if isinstance(value, dict):
                first = _date(value["date"], name)
                occurrences.append((first, _date(value.get("end") or first, name)))
            else:
                first = _date(value, name)
                occurrences.append((first, first))
        events.append(KnownEvent(
            name=name,
            phrases=tuple(str(p).lower() for p in entry.get("phrases") or []),
            aliases=tuple(str(a).lower() for a in entry.get("aliases") or []),
            country=str(entry.get("country") or ""),
            occurrences=tuple(sorted(occurrences)),
            lead_days=int(entry.get("lead_days") or lead),
        ))
    return tuple(events)


@cache
def _event_patterns() -> tuple[tuple[re.Pattern[str], dict[str, tuple[KnownEvent, ...]]], ...]:
    """(regex, events by lowercase words) for the aliases, then for the phrases: apart, so that an
    alias inside a longer phrase ("address before the Federal Assembly") is still found."""
    found = []
    for kind in ("aliases", "phrases"):
        by_words: dict[str, list[KnownEvent]] = {}
        for event in known_events():
            for words in getattr(event, kind):
                by_words.setdefault(" ".join(words.split()), []).append(event)
        if by_words:
            pattern = re.compile(r"(?<![\w-])(?:" + alternatives(by_words) + r")(?![\w-])", re.IGNORECASE)
            found.append((pattern, {key: tuple(value) for key, value in by_words.items()}))
    return tuple(found)


_COUNTRY_AFTER = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?)")
# The last capitalised words before a phrase, with at most two small words or a year between
# ("the Russian presidential election", "Russia's 2018 presidential election", "the US upcoming").
_COUNTRY_BEFORE = re.compile(
    r"([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*)(?:['’]s)?\s+(?:(?:\d{4}|[a-z-]+)\s+){0,2}$"
)


def _names_country(text: str, start: int, end: int, country: str) -> bool:
    """The country is named right before ("the Russian presidential election", "Russia's 2018
    election") or right after ("the presidential election in Russia")."""
    know = knowledge()
    before = _COUNTRY_BEFORE.search(text, max(0, start - 60), start)
    if before:
        words = before.group(1).split()
        if any(know.country_of(" ".join(words[i:])) == country for i in range(len(words))):
            return True
    after = _COUNTRY_AFTER.match(text, end)
    if after:
        words = after.group(1).split()
        return any(know.country_of(" ".join(words[: i + 1])) == country for i in range(len(words)))
    return False


def event_clues(view: ArticleView) -> list[Clue]:
    lex = lexicon()
    clues: list[Clue] = []
    seen: set[tuple[str, tuple[int, int]]] = set()
    for pattern, by_words in _event_patterns():
        for match in pattern.finditer(view.text):
            key = " ".join(match.group().lower().split())
            sentence = view.index.span_of(match.start())
            for event in by_words.get(key, ()):
                if (event.name, sentence) in seen:
                    continue
                if key not in event.aliases and event.country and not _names_country(
                    view.text, match.start(), match.end(), event.country
                ):
                    continue
                seen.add((event.name, sentence))
                clues += _clues_for(view, event, sentence, match.start() - sentence[0], lex)
    return clues


def _clues_for(
    view: ArticleView, event: KnownEvent, sentence: tuple[int, int], offset: int, lex: Lexicon
) -> list[Clue]:
    """Clues from one mention of a known event, `offset` characters into its sentence."""
    items = view.sentences.get(sentence, [])
    years = {year for item in items if (year := year_of(item)) and near(item, sentence[0], [offset], 40)}
    occurrences = [o for o in event.occurrences if not years or o[0].year in years or o[1].year in years]
    if not occurrences:
        return []
    label = f"known event {event.name}"
    relative = [i for i in items if i.spec.relative and near(i, sentence[0], [offset])]
    days = [day for first, last in occurrences for day in _days(first, last)]
    pinned = pin_clues(relative, days, TRUST_EVENT_RELATIVE, label)
    if pinned:
        return pinned
    position = sentence[0] + offset
    tense = guess_tense(view.text, sentence, position, position + 1, lex)
    if tense == "future" or _COMING.search(view.sentence_text(sentence)):
        windows = [
            (cal.add_days(first, -event.lead_days), cal.add_days(first, -1)) for first, _ in occurrences
        ]
        when = "coming"
    elif years or len(event.occurrences) == 1:
        windows = [(first, OPEN_END) for first, _ in occurrences[:1]]
        when = "past"
    else:
        return []
    dates = ", ".join(first.isoformat() for first, _ in occurrences[:3])
    dates += "…" if len(occurrences) > 3 else ""
    basis = f"{label} ({dates}) spoken of as {when}"
    return [Clue(normalise(windows), TRUST_EVENT_TENSE, basis, "likely")]
