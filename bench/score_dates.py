"""Score the dates stage against a hand annotation (TempEval-3 style).

    .venv/bin/python bench/score_dates.py [--gold tests/fixtures/dates_gold.yaml] [--verbose]

Prints precision / recall / F1 for spans (relaxed: any overlap counts) and for
values (a relaxed span match whose value is also right), and type accuracy.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ingest  # noqa: E402
from generator.dates import find_time_expressions  # noqa: E402
from generator.model import PartialDate  # noqa: E402


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


def load_gold(path: Path) -> list[tuple[str, str, PartialDate, list[Timex]]]:
    """(id, text, reference, gold timexes) for each annotated document."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    documents = []
    for entry in data["documents"]:
        if "seed" in entry:
            articles, problems = ingest.read_article_file(ROOT / "seeds" / entry["seed"])
            if problems and not articles:
                raise SystemExit(f"{path}: {entry['id']}: cannot read seed {entry['seed']}: {problems[0]}")
            text = next(a.text for a in articles if a.part == int(entry.get("part", 1)))
        else:
            text = " ".join(str(entry["text"]).split())
        timexes, position = [], 0
        for phrase, kind, value in entry["timexes"]:
            start = text.find(str(phrase), position)
            if start < 0:
                raise SystemExit(f"{path}: {entry['id']}: {phrase!r} not found after offset {position}")
            timexes.append(Timex(start, start + len(str(phrase)), str(phrase), str(kind), str(value)))
            position = start + len(str(phrase))
        documents.append((str(entry["id"]), text, PartialDate.parse(str(entry["reference"])), timexes))
    return documents


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "fixtures" / "dates_gold.yaml")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and mismatch")
    args = parser.parse_args()

    totals = {"gold": 0, "predicted": 0, "span": 0, "value": 0, "type": 0, "strict": 0}
    for doc_id, text, reference, gold in load_gold(args.gold):
        predicted = [
            Timex(e.start, e.end, e.text, e.type, e.value) for e in find_time_expressions(text, reference)
        ]
        used: set[int] = set()
        for item in gold:
            match = next(
                (i for i, p in enumerate(predicted) if i not in used and p.start < item.end and item.start < p.end),
                None,
            )
            if match is None:
                if args.verbose:
                    print(f"{doc_id}: MISSED {item.text!r} {item.type} {item.value}")
                continue
            used.add(match)
            found = predicted[match]
            totals["span"] += 1
            totals["strict"] += (found.start, found.end) == (item.start, item.end)
            totals["type"] += found.type == item.type
            totals["value"] += found.value == item.value
            if args.verbose and (found.value != item.value or found.type != item.type):
                print(f"{doc_id}: WRONG {item.text!r} gold {item.type} {item.value} "
                      f"got {found.text!r} {found.type} {found.value}")
        if args.verbose:
            for i, found in enumerate(predicted):
                if i not in used:
                    print(f"{doc_id}: EXTRA {found.text!r} {found.type} {found.value}")
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)

    gold_count, predicted_count = totals["gold"], totals["predicted"]
    print(f"gold {gold_count} expressions, predicted {predicted_count}")
    for name in ("span", "strict", "value"):
        p, r, f = prf(totals[name], predicted_count, gold_count)
        label = {"span": "span (relaxed)", "strict": "span (strict)", "value": "value"}[name]
        print(f"{label:15s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if totals["span"]:
        print(f"type accuracy on matched spans {totals['type'] / totals['span']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
