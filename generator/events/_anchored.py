"""Happenings dated by their distance from a dated one.

News dates one happening by another: "The bombs exploded on Friday, a day after
parliament approved the government" dates the approval (Thursday) as well as the
bombs; so do "two days before the vote", "hours after the attack" (the same day)
and "on the eve of the election" (the day after). The measure words and how far
each moves the date are data (`anchored` in event_types.yaml). Only a measured
distance dates anything: a bare "after the attack" could be any earlier day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.events._clauses import event_nouns
from generator.events._summits import day_of
from generator.knowledge import load_data
from generator.model import PartialDate

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Anchored:
    token: Token  # the verb or event noun that tells the other happening
    date: PartialDate


@cache
def _spec() -> dict:
    return load_data("event_types")["anchored"]


def anchored_happenings(predicate: Token, date_root: Token | None, date: PartialDate) -> list[Anchored]:
    """The happenings a dated predicate dates by distance ("a day after X", "the day
    before X", "on the eve of X", "days after X": in the month, where those days are one's);
    `date_root` is the root of the date phrase, which can carry the measure itself ("on
    Monday, the day before the election"); None for a happening dated by its name (a known
    summit)."""
    if date.precision != "day":
        return []
    found: dict[int, Anchored] = {}
    for head in (predicate, date_root) if date_root is not None else (predicate,):
        for child in head.children:
            measured = _measured(child)
            if measured is None:
                continue
            token, (nearest, farthest) = measured
            if token.i != predicate.i and token.i not in found:
                near = day_of(date) + datetime.timedelta(days=nearest)
                far = day_of(date) + datetime.timedelta(days=farthest)
                told = _common(near, far)
                if told is not None:
                    found[token.i] = Anchored(token, told)
    return list(found.values())


def _common(first: datetime.date, last: datetime.date) -> PartialDate | None:
    """The finest date holding both days: the day, their month or their year."""
    if first == last:
        return PartialDate(first.year, first.month, first.day)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    return PartialDate(first.year) if first.year == last.year else None


Distance = tuple[int, int]  # the nearest and farthest days from the dated happening to the other


def _measured(child: Token) -> tuple[Token, Distance] | None:
    """(the anchored verb or noun, days from the dated happening to it) for one dependent."""
    lower = child.lower_
    spec = _spec()
    if child.dep_ == "advcl":
        # "..., a day after parliament approved the plan": the measure hangs on the clause
        # or on its "after"
        mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        if mark is None:
            return None
        measure = _distance([*child.children, *mark.children])
        if measure is None or child.pos_ not in ("VERB", "AUX"):
            return None
        return child, _toward(measure, mark.lower_)
    if child.dep_ == "prep" and lower in ("after", "before"):
        measure = _distance(list(child.children))
        noun = _event_object(child)
        if measure is None or noun is None:
            return None
        return noun, _toward(measure, lower)
    if child.dep_ in ("appos", "npadvmod") and child.lower_ in spec["units"]:
        # "on Monday, the day before the election"
        preposition = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in ("after", "before")), None)
        measure = _distance([child], counted=True)
        noun = _event_object(preposition) if preposition is not None else None
        if preposition is None or measure is None or noun is None:
            return None
        return noun, _toward(measure, preposition.lower_)
    if child.dep_ == "prep" and lower == "on":
        # "on the eve of the election": the election is the next day
        eve = next((c for c in child.children if c.dep_ == "pobj" and c.lower_ in spec["eve"]), None)
        of = next((c for c in eve.children if c.dep_ == "prep" and c.lower_ == "of"), None) if eve is not None else None
        noun = _event_object(of) if of is not None else None
        return (noun, (1, 1)) if noun is not None else None
    return None


def _toward(distance: Distance, preposition: str) -> Distance:
    """The distance back in time for "after" (the other happening came first), ahead for "before"."""
    nearest, farthest = distance
    return (-nearest, -farthest) if preposition == "after" else (nearest, farthest)


def _distance(children: list[Token], counted: bool = False) -> Distance | None:
    """Days in a measure among these dependents ("a day", "two days", "hours", "days": a
    span of days); None if none. `counted`: the tokens are the unit words themselves."""
    spec = _spec()
    for unit in children if counted else (c for c in children if c.dep_ == "npadvmod"):
        counts = [c for c in unit.children if c.dep_ in ("det", "nummod")]
        uncounted = spec["uncounted"].get(unit.lower_)
        if uncounted and not counts and not counted:
            return uncounted[0], uncounted[1]
        days = spec["units"].get(unit.lower_)
        if days is None:
            continue
        if days == 0:
            return 0, 0  # "hours after": the same day
        if not counts:
            return None
        word = counts[0]
        count = int(word.text) if word.text.isdigit() else spec["counts"].get(word.lower_)
        return None if count is None else (count * days, count * days)
    return None


def _event_object(preposition: Token) -> Token | None:
    """The event noun a preposition governs ("after the vote"), or None ("after Monday")."""
    noun = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in event_nouns():
        return None
    return noun
