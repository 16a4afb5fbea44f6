"""Score the events stage on the seeds against a hand annotation of their happenings.

    .venv/bin/python bench/score_events_seeds.py [--seeds seeds] [--data DIR]
                     [--gold tests/fixtures/events_gold_seeds.yaml]

Without --data, runs the real extract over the seeds into a temporary folder.
For each annotated article part: a gold happening is found when an event the
part is a source of has its date (a day inside a gold month or year counts);
an event is right when its date is one of the part's gold dates (or inside one).
Background events (history told in passing, shown apart from the timeline) are
left out of precision. Prints recall and precision of dates per part and over
all parts, then the gold dates no event has.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def matches(event_date: str, gold_date: str) -> bool:
    """An event's date is the gold date, or a finer date inside it."""
    return event_date.startswith(gold_date)


def score(gold: dict[str, list[dict]], events: list[dict]) -> tuple[list[tuple[str, int, int, int, int]], list[str]]:
    """Per part: (part, gold found, gold total, events right, events total); and the misses."""
    rows, misses = [], []
    for part, happenings in gold.items():
        told = [e for e in events if any(s["article"] == part for s in e.get("sources") or [])]
        dates = [str(e["date"]) for e in told]
        main = [str(e["date"]) for e in told if not e.get("background")]
        gold_dates = sorted({str(h["date"]) for h in happenings})
        found = [g for g in gold_dates if any(matches(d, g) for d in dates)]
        right = [d for d in main if any(matches(d, g) for g in gold_dates)]
        rows.append((part, len(found), len(gold_dates), len(right), len(main)))
        misses += [f"{part}: {g}" for g in gold_dates if g not in found]
    return rows, misses


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
    for miss in misses:
        print("missed", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
