"""What a pattern match becomes (`Found`), and small helpers the match readers share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from generator.dates._lexicon import Lexicon
from generator.dates._resolve import Spec

# Before "a day", "an hour" etc. these words make the phrase a duration.
DURATION_LEAD = frozenset(
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
_LAST_WORD = re.compile(r"([A-Za-z']+)\W*$")
_NEXT_WORD = re.compile(r"\W*?([A-Za-z%']+)")


@cache
def holidays() -> dict[str, tuple[int, int]]:
    from generator.knowledge import load_data

    found = {}
    for name, value in (load_data("time_words").get("holidays") or {}).items():
        month, day = str(value).split("-")
        found[str(name).lower()] = (int(month), int(day))
    return found


def holiday_names() -> list[str]:
    """Every holiday name, fixed or movable."""
    from generator.dates._calendar import movable_holidays

    return [*holidays(), *movable_holidays()]


@cache
def game_words() -> frozenset[str]:
    """Words after "second half" or "fourth-quarter" that tell a period of a game."""
    from generator.knowledge import load_data

    return frozenset(str(w).lower() for w in load_data("time_words").get("game_words") or [])


def count_of(word: str | None, lex: Lexicon) -> str:
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


def word_before(text: str, start: int) -> str:
    match = _LAST_WORD.search(text[max(0, start - 30) : start])
    return match.group(1) if match else ""


def word_after(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text[end : end + 30])
    return match.group(1) if match else ""
