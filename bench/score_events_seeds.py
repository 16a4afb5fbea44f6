"""Score the events stage on the seeds against a hand annotation of their happenings.

    .venv/bin/python bench/score_events_seeds.py [--seeds seeds] [--data DIR]
                     [--gold tests/fixtures/events_gold_seeds.yaml]

Without --data, runs the real extract over the seeds into a temporary folder.
For each annotated article part: a gold date is found when an event the
part is a source of has it (a day inside a gold month or year counts, and a
gold `end` makes the gold a span the event must lie inside); an event is right
when its date is one of the part's gold dates (or inside one). Background
events (history told in passing, shown apart from the timeline) are left out
of precision, and gold happenings marked `background` out of recall: they are
counted on their own line. Prints recall and precision of dates per part and
over all parts; then happenings found one to one (each gold happening needs an
event of its own at its date, so two happenings of one day merged into one
event count once); then the gold dates no event has.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _span(date: str, end: str = "") -> tuple[datetime.date, datetime.date]:
    """The first and last day a date (and an optional last date) covers."""

    def bounds(value: str) -> tuple[datetime.date, datetime.date]:
        parts = [int(p) for p in str(value).split("-")]
        year, month, day = (parts + [0, 0])[:3]
        if day:
            return datetime.date(year, month, day), datetime.date(year, month, day)
        if month:
            return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)

    first = bounds(date)[0]
    last = bounds(end or date)[1]
    return first, last


def matches(event_date: str, gold_date: str, gold_end: str = "") -> bool:
    """An event's (first) date is the gold date, or finer and inside it (or inside the gold span).

    An event's own last day is not asked for: a two-day summit is found by the
    gold meeting on its first day.
    """
    event, gold = _span(event_date), _span(gold_date, gold_end)
    return gold[0] <= event[0] and event[1] <= gold[1]


def _told(part: str, events: list[dict]) -> list[dict]:
    return [e for e in events if any(s["article"] == part for s in e.get("sources") or [])]


def _key(item: dict) -> tuple[str, str]:
    return str(item["date"]), str(item.get("end") or "")


def _start(item: dict) -> tuple[str, str]:
    return str(item["date"]), ""


def score(gold: dict[str, list[dict]], events: list[dict]) -> tuple[list[tuple[str, int, int, int, int]], list[str]]:
    """Per part: (part, gold dates found, gold dates, events right, events total); and the misses.

    Gold dates are those of the part's happenings not marked background; an event
    is right when it lies inside any of the part's gold dates, background ones too.
    """
    rows, misses = [], []
    for part, happenings in gold.items():
        told = _told(part, events)
        dates = [_start(e) for e in told]
        main = [_start(e) for e in told if not e.get("background")]
        gold_dates = sorted({_key(h) for h in happenings if not h.get("background")})
        every_gold = {_key(h) for h in happenings}
        found = [g for g in gold_dates if any(matches(d[0], *g) for d in dates)]
        right = [d for d in main if any(matches(d[0], *g) for g in every_gold)]
        rows.append((part, len(found), len(gold_dates), len(right), len(main)))
        misses += [f"{part}: {g[0]}" + (f"/{g[1]}" if g[1] else "") for g in gold_dates if g not in found]
    return rows, misses


def one_to_one(gold: dict[str, list[dict]], events: list[dict], background: bool = False) -> tuple[int, int]:
    """Gold happenings (background ones, or the others) each matched to an event of its own at its date."""
    found = total = 0
    for part, happenings in gold.items():
        told = [_start(e) for e in _told(part, events)]
        wanted = [_key(h) for h in happenings if bool(h.get("background")) == background]
        # Narrowest gold spans first, so a day's event is not spent on a year.
        wanted.sort(key=lambda g: _span(*g)[1] - _span(*g)[0])
        used: set[int] = set()
        for g in wanted:
            total += 1
            for i, d in enumerate(told):
                if i not in used and matches(d[0], *g):
                    used.add(i)
                    found += 1
                    break
    return found, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--data", type=Path, default=None, help="an extract's data folder (default: extract now)")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "fixtures" / "events_gold_seeds.yaml")
    args = parser.parse_args()
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))["parts"]
    data = args.data
    if data is None:
        from generator import pipeline

        data = Path(tempfile.mkdtemp(prefix="seeds-events-"))
        pipeline.extract(args.seeds, data, cache_dir=None)
    events_file = data / "events.yaml"
    if not events_file.is_file():
        parser.error(f"no events.yaml in {data}: pass the data folder an extract wrote")
    events = yaml.safe_load(events_file.read_text(encoding="utf-8")) or []
    rows, misses = score(gold, events)
    print("part\tgold_found\tgold\tevents_right\tevents (not background)")
    for row in rows:
        print("\t".join(map(str, row)))
    found, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    right, told = sum(r[3] for r in rows), sum(r[4] for r in rows)
    print(f"date recall {found}/{total} = {found / total:.3f}; date precision {right}/{told} = "
          f"{right / told if told else 0:.3f}")
    one, happenings = one_to_one(gold, events)
    print(f"happenings found one to one {one}/{happenings} = {one / happenings:.3f}")
    back, backgrounds = one_to_one(gold, events, background=True)
    if backgrounds:
        print(f"background happenings found {back}/{backgrounds} = {back / backgrounds:.3f}")
    for miss in misses:
        print("missed", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
