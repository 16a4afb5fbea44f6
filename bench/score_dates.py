"""Score the dates stage against a hand annotation (TempEval-3 style).

    .venv/bin/python bench/score_dates.py [--gold tests/fixtures/dates_gold.yaml] [--verbose]
    .venv/bin/python bench/score_dates.py --publication tests/fixtures/publication_gold_heldout.yaml

Prints precision / recall / F1 for spans (relaxed: any overlap counts) and for
values (a relaxed span match whose value is also right), and type accuracy.

With --publication: publication dates inferred for undated articles against the
days they were really written — how many are right at their precision, how many
wrong, how precise, whether the window holds the truth — and the values of
relative expressions resolved against the inferred date or window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ingest  # noqa: E402
from generator.dates import find_time_expressions, infer_publication  # noqa: E402
from generator.model import Article, PartialDate  # noqa: E402
from generator.pipeline import reference_window  # noqa: E402


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
    parser.add_argument("--publication", type=Path, help="score publication dates against this file instead")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and mismatch")
    args = parser.parse_args()
    if args.publication:
        return score_publication(args.publication, verbose=args.verbose)

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


# --- publication dates ---------------------------------------------------------------------------


def _days(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of "YYYY[-MM[-DD]]" or "YYYY-MM-DD/YYYY-MM-DD"."""
    if "/" in value:
        first, _, last = value.partition("/")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return PartialDate.parse(value).day_range()


def _publication_articles(path: Path) -> list[tuple[dict, Article]]:
    with open(path, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["documents"]
    seeds, _ = ingest.read_articles(ROOT / "seeds")
    found = []
    for entry in entries:
        if "seed" in entry:
            part = int(entry.get("part", 1))
            article = next(a for a in seeds if a.file == entry["seed"] and a.part == part)
        else:
            text = str(entry["text"]).strip()
            article = Article(str(entry["id"]), f"{entry['id']}.txt", 1, str(entry.get("title", "")), text,
                              captions=[str(c) for c in entry.get("captions") or []])
        found.append((entry, article))
    return found


def score_publication(path: Path, verbose: bool = False) -> int:
    pairs = _publication_articles(path)
    if any("seed" in entry for entry, _ in pairs):
        corpus, _ = ingest.read_articles(ROOT / "seeds")  # seeds are inferred together, as extract does
        corpus = [replace(a, published=None) for a in corpus]
    else:
        corpus = [article for _, article in pairs]
    inferred = infer_publication(corpus)
    counts = {"documents": len(pairs), "dated": 0, "right": 0, "finer": 0, "wrong": 0, "window": 0,
              "window_right": 0, "window_days": 0, "day": 0, "month": 0, "year": 0}
    timex = {"gold": 0, "inferred": 0, "truth": 0}
    for entry, article in pairs:
        truth = _days(str(entry["truth"]))
        found = inferred.get(article.id)
        verdict = "none"
        if found is not None:
            counts["dated"] += 1
            counts[{10: "day", 7: "month"}.get(len(found.value), "year")] += 1
            value = _days(found.value)
            if value[0] <= truth[0] and truth[1] <= value[1]:
                verdict = "right"
            elif value[1] < truth[0] or truth[1] < value[0]:
                verdict = "wrong"
            else:
                verdict = "finer"  # more precise than what is known of the truth, and agreeing
            counts[verdict] += 1
            if found.window:
                window = _days(found.window)
                counts["window"] += 1
                counts["window_days"] += (window[1] - window[0]).days + 1
                counts["window_right"] += window[0] <= truth[1] and truth[0] <= window[1]
        dated = replace(article, published=found.value if found else None,
                        published_window=found.window if found else None)
        reference = reference_window(dated)
        true_reference = PartialDate.parse(str(entry["truth"])) if "/" not in str(entry["truth"]) else truth
        for phrase, _kind, gold_value in entry.get("timexes") or []:
            timex["gold"] += 1
            got = _value_at(article.text, str(phrase), reference)
            timex["inferred"] += got == str(gold_value)
            timex["truth"] += _value_at(article.text, str(phrase), true_reference) == str(gold_value)
            if verbose and got != str(gold_value):
                print(f"{entry['id']}: {phrase!r} gold {gold_value} got {got} (reference {reference})")
        if verbose or verdict == "wrong":
            print(f"{entry['id']}: truth {entry['truth']} got {found.value if found else None} "
                  f"window {found.window if found else None} [{verdict}]")
            if verbose and found:
                print(f"    {found.basis}")
    n = counts["documents"]
    print(f"publication dates: {n} documents, {counts['dated']} dated")
    print(f"  right at their precision {counts['right']}, finer than the truth is known {counts['finer']}, "
          f"wrong {counts['wrong']}")
    print(f"  precision: day {counts['day']}, month {counts['month']}, year {counts['year']}")
    if counts["window"]:
        print(f"  windows: {counts['window']} (truth inside {counts['window_right']}), "
              f"mean width {counts['window_days'] / counts['window']:.0f} days")
    if timex["gold"]:
        print(f"relative expressions: {timex['gold']}; value right against the inferred date "
              f"{timex['inferred'] / timex['gold']:.3f}, "
              f"against the true date {timex['truth'] / timex['gold']:.3f}")
    return 0


def _value_at(text: str, phrase: str, reference: PartialDate | tuple[dt.date, dt.date] | None) -> str | None:
    start = text.find(phrase)
    if start < 0:
        raise SystemExit(f"{phrase!r} is not in the text")
    end = start + len(phrase)
    for expression in find_time_expressions(text, reference):
        if expression.start < end and start < expression.end:
            return expression.value
    return None


if __name__ == "__main__":
    raise SystemExit(main())
