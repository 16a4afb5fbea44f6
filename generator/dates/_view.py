"""An article as publication-date inference reads it, and helpers the clue readers share.

The headline, captions and body are joined into one text and tagged once
without a reference date; every clue reader works on that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator.dates import _calendar as cal
from generator.dates._find import TaggedExpression, tag_text
from generator.dates._lexicon import lexicon
from generator.dates._resolve import Spec, resolve_spec
from generator.dates._tense import SentenceIndex, Tense
from generator.model import Article

_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|from|to)\s+((?:[A-Z][\w’'.-]+)(?:\s+(?:[A-Z][\w’'.-]+|de|da|al))*)"
)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_FIRST_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR_VALUE = re.compile(r"^(\d{4})")


@dataclass
class ArticleView:
    """An article's text as the inference reads it: headline, captions, body, with expressions."""

    article: Article
    text: str
    body_start: int
    captions_span: tuple[int, int]
    tagged: list[TaggedExpression]
    first_sentence_end: int
    index: SentenceIndex
    sentences: dict[tuple[int, int], list[TaggedExpression]] = field(default_factory=dict)

    def sentence_text(self, sentence: tuple[int, int]) -> str:
        return self.text[sentence[0] : sentence[1]]

    def in_caption(self, offset: int) -> bool:
        return self.captions_span[0] <= offset < self.captions_span[1]


def view_of(article: Article) -> ArticleView:
    title = article.title or ""
    captions = "\n".join(article.captions)
    text = f"{title}\n{captions}\n{article.text}"
    captions_span = (len(title) + 1, len(title) + 1 + len(captions))
    body_start = captions_span[1] + 1
    tagged = tag_text(text, None)
    sentences: dict[tuple[int, int], list[TaggedExpression]] = {}
    for item in tagged:
        sentences.setdefault(item.sentence, []).append(item)
    first_end = _FIRST_SENTENCE_END.search(article.text)
    first_sentence_end = body_start + (first_end.end() if first_end else len(article.text))
    return ArticleView(
        article, text, body_start, captions_span, tagged, first_sentence_end, SentenceIndex(text), sentences
    )


def places(sentence: str) -> set[str]:
    """Capitalised words after "in", "at", "near"... that may name a place."""
    found = set()
    lex = lexicon()
    for match in _PLACE_AFTER_PREPOSITION.finditer(sentence):
        for word in match.group(1).split():
            key = word.strip(".,’'")
            if key.lower() in lex.months or key.lower() in lex.weekdays or key in ("The", "A", "An"):
                continue
            found.add(key)
    return found


def event_words(sentence: str) -> set[str]:
    words = lexicon().event_words
    return {w.lower() for w in _WORD.findall(sentence) if w.lower() in words}


def day_of(value: str) -> dt.date | None:
    if _DAY_VALUE.match(value):
        return dt.date.fromisoformat(value[:10])
    return None


def year_of(item: TaggedExpression) -> int | None:
    """The year an explicit date states ("2016", "July 16, 2018"), if it is one."""
    if item.spec.relative or item.expression.type not in ("DATE", "TIME"):
        return None
    match = _YEAR_VALUE.match(item.expression.value)
    return int(match[1]) if match else None


def mentions(text: str, name: str) -> bool:
    if name not in text:  # most names are absent: skip the regex
        return False
    return name_pattern(name).search(text) is not None


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")


def quote(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def near(item: TaggedExpression, sentence_start: int, targets: list[int], reach: int = 60) -> bool:
    """Whether a time expression sits close to the words naming the event it would date."""
    start = item.expression.start - sentence_start
    end = item.expression.end - sentence_start
    return any(abs(target - start) <= reach or abs(target - end) <= reach for target in targets)


# --- inverting a relative expression: which writing days make it name a given day ----------


def invert(item: TaggedExpression, day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The writing days on which `item` ("yesterday", "on Monday") would name `day`."""
    return _invert_spec(item.spec, item.tense, day)


@lru_cache(maxsize=65536)
def _invert_spec(spec: Spec, tense: Tense, day: dt.date) -> tuple[dt.date, dt.date] | None:
    if spec.kind in ("anchor_offset", "anchor_weekday", "clock", "absolute", "in_duration"):
        return None
    if spec.kind == "unit_offset" and spec.unit in ("decade", "century"):
        return None
    if not _may_name(spec, day):
        return None
    span = 40 if spec.kind in ("day_offset", "weekday") or spec.unit in ("week", "weekend", "day") else 800
    hits = []
    for delta in range(-span, span + 1):
        candidate = cal.add_days(day, delta)
        _, value = resolve_spec(spec, candidate, tense)
        if cal.contains(value.split("T")[0], day):
            hits.append(candidate)
    if not hits:
        return None
    return hits[0], hits[-1]


def _may_name(spec: Spec, day: dt.date) -> bool:
    """A quick test that saves trying every writing day: "March 1" names only a March 1."""
    if spec.kind == "month_day":
        same_day = (spec.month, spec.day) == (day.month, day.day)
        return same_day and (not spec.weekday or spec.weekday == day.isoweekday())
    if spec.kind == "month":
        return spec.month == day.month
    if spec.kind == "weekday":
        return spec.weekday == day.isoweekday()
    return True
