"""The words of time (data/time_words.yaml) as lookup tables and regex alternatives."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from generator.knowledge import KnowledgeError, load_data

_NUMBER_PARTS = re.compile(r"[- ]")


def alternatives(words: object) -> str:
    """A regex matching any of `words` (longest first), spaces matching any whitespace.

    Built as a trie ("a(?:pril|ugust)") so the regex engine never tries a long
    list of words one by one at every position: this keeps tagging fast.
    """
    trie: dict[str, dict] = {}
    for word in {str(w) for w in words}:  # type: ignore[attr-defined]
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted((c for c in node if c), key=lambda c: (-_depth(node[c]), c)):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # the longer continuation is tried first; the word may also end here
        return f"(?:{body})?"
    return body


def _depth(node: dict[str, dict]) -> int:
    return 1 + max((_depth(child) for key, child in node.items() if key), default=0)


@dataclass(frozen=True)
class Unit:
    code: str
    time: bool  # sits after the "T" of an ISO duration (hours, minutes, seconds)
    factor: int = 1


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    reference_words: dict[str, str]
    count_nouns: frozenset[str]
    future: frozenset[str]
    future_after_be: frozenset[str]
    future_before_to: frozenset[str]
    scheduling: frozenset[str]
    conditional: frozenset[str]
    past: frozenset[str]
    present: frozenset[str]
    be_forms: frozenset[str]
    irregular_past: frozenset[str]
    not_past: frozenset[str]
    event_words: frozenset[str]
    future_mention_lead_days: int
    past_mention_lag_days: int
    # (month, day) → (year, the nouns it names a happening before or after)
    named_days: dict[tuple[int, int], tuple[int, frozenset[str]]] = field(default_factory=dict)

    def month(self, word: str) -> int:
        key = word.lower().rstrip(".")
        return self.months.get(key) or self.month_abbreviations[key]

    def weekday(self, word: str) -> int:
        key = word.lower().rstrip(".")
        key = key[:-2] if key.endswith("'s") or key.endswith("’s") else key
        key = key[:-1] if key.endswith("s") and key[:-1] in self.weekdays else key
        return self.weekdays.get(key) or self.weekday_abbreviations[key]

    def number(self, word: str) -> int | None:
        """A count written in digits or words ("17", "seventeen", "twenty-five"); None if vague."""
        text = " ".join(word.lower().replace(",", "").split())
        if text.isdigit():
            return int(text)
        if text in self.numbers:
            return self.numbers[text]
        parts = _NUMBER_PARTS.split(text)
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            return self.numbers[parts[0]] + self.numbers[parts[1]]
        return None

    def unit(self, word: str) -> Unit:
        key = word.lower()
        for candidate in (key, key.rstrip("s"), key[:-3] + "y" if key.endswith("ies") else key):
            if candidate in self.units:
                return self.units[candidate]
        raise KeyError(word)

    def unit_name(self, word: str) -> str:
        key = word.lower()
        for candidate in (key, key.rstrip("s"), key[:-3] + "y" if key.endswith("ies") else key):
            if candidate in self.units:
                return candidate
        raise KeyError(word)


@cache
def lexicon() -> Lexicon:
    data = load_data("time_words")
    tense = data["tense"]
    windows = data.get("news_windows", {})
    return Lexicon(
        months=dict(data["months"]),
        month_abbreviations=dict(data["month_abbreviations"]),
        weekdays=dict(data["weekdays"]),
        weekday_abbreviations=dict(data["weekday_abbreviations"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        vague_numbers=frozenset(data["vague_numbers"]),
        ordinals=dict(data["ordinals"]),
        units={k: Unit(v["code"], bool(v["time"]), int(v.get("factor", 1))) for k, v in data["units"].items()},
        seasons=dict(data["seasons"]),
        parts_of_day=dict(data["parts_of_day"]),
        reference_words=dict(data["reference_words"]),
        count_nouns=frozenset(str(w).lower() for w in data["count_nouns"]),
        future=frozenset(tense["future"]),
        future_after_be=frozenset(tense["future_after_be"]),
        future_before_to=frozenset(tense["future_before_to"]),
        scheduling=frozenset(tense.get("scheduling") or ()),
        conditional=frozenset(tense["conditional"]),
        past=frozenset(tense["past"]),
        present=frozenset(tense["present"]),
        be_forms=frozenset(tense["be_forms"]),
        irregular_past=frozenset(tense["irregular_past"]),
        not_past=frozenset(tense["not_past"]),
        event_words=frozenset(str(w).lower() for w in data["event_words"]),
        future_mention_lead_days=int(windows.get("future_mention_lead_days", 14)),
        past_mention_lag_days=int(windows.get("past_mention_lag_days", 7)),
        named_days=_named_days(data.get("named_days") or []),
    )


def _named_days(entries: list[dict]) -> dict[tuple[int, int], tuple[int, frozenset[str]]]:
    days = {}
    for number, entry in enumerate(entries):
        try:
            day = dt.date.fromisoformat(str(entry["date"]))
        except (KeyError, ValueError):
            raise KnowledgeError(f"time_words.yaml: named_days[{number}] needs a date written YYYY-MM-DD") from None
        days[(day.month, day.day)] = (day.year, frozenset(str(w).lower() for w in entry.get("nouns") or ()))
    return days
