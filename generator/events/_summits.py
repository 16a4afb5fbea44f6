"""Known summits (`data/summits.yaml`) as the events stage uses them: to date and
name a sentence that speaks of one."""

from __future__ import annotations

import datetime
import re

from generator.dates import Reference
from generator.events._triggers import Trigger
from generator.knowledge import KnownSummit, known_summits
from generator.model import PartialDate, Person

# How far from the article's date a known summit may lie to be the one meant.
SUMMIT_REACH_DAYS = 400


def reference_days(reference: Reference) -> tuple[datetime.date, datetime.date] | None:
    """The days an article may have been written on, from its reference (window or date)."""
    if reference is None or isinstance(reference, tuple):
        return reference
    return reference.day_range()


def day_of(date: PartialDate | datetime.date) -> datetime.date:
    if isinstance(date, datetime.date):
        return date
    return datetime.date(date.year, date.month or 1, date.day or 1)


def known_summit_for(
    text: str,
    trigger: Trigger,
    participants: list[str],
    people: dict[str, Person],
    date: PartialDate | None,
    window: tuple[datetime.date, datetime.date] | None,
) -> KnownSummit | None:
    """The known summit a sentence speaks of: named by place or alias (or, for the
    word "summit", by its leaders), and the only one that fits the date given or
    else the article's date. Talks dated to a day on which exactly one known
    summit was held are that summit."""
    surnames = {people[p].name.split()[-1] for p in participants if p in people}
    named, by_leaders, by_day = [], [], []
    for summit in known_summits():
        if not _fits(summit, date, window):
            continue
        if any(names_in(text, name) for name in (*summit.places, *summit.aliases)):
            named.append(summit)
        elif trigger.type == "summit" and len(surnames) >= 2 and surnames <= set(summit.leaders):
            by_leaders.append(summit)
        elif date is not None and date.precision == "day":
            by_day.append(summit)
    if not named and not by_leaders:
        return by_day[0] if len(by_day) == 1 else None
    matches = named or by_leaders
    if not matches:
        return None
    if len(matches) > 1 and window is not None:
        middle = window[0] + (window[1] - window[0]) / 2
        matches.sort(key=lambda s: abs((s.first - middle).days))
        if abs((matches[0].first - middle).days) == abs((matches[1].first - middle).days):
            return None
    return matches[0] if len(matches) == 1 or window is not None else None


def _fits(summit: KnownSummit, date: PartialDate | None, window: tuple[datetime.date, datetime.date] | None) -> bool:
    if date is not None:
        return summit.first.isoformat().startswith(date.iso()) or summit.last.isoformat().startswith(date.iso())
    reach = datetime.timedelta(days=SUMMIT_REACH_DAYS)
    return window is not None and window[0] - reach <= summit.first <= window[1] + reach


def names_in(text: str, name: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None


