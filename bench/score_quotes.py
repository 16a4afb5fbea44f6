"""Score the statements stage against the hand annotation of the seeds.

    .venv/bin/python bench/score_quotes.py [--gold tests/fixtures/quotes_gold.yaml]
                                           [--seeds seeds] [--verbose] [--repeat N]
    .venv/bin/python bench/score_quotes.py --gold tests/fixtures/quotes_heldout.yaml

A gold file lists articles, each either naming a `file` in --seeds or holding
its own `text` (the held-out set does). Runs the same path as `summit-timeline
quotes` (raw text -> parse -> reference date inferred from the text when no
metadata gives it -> find_people -> find_statements -> quotes_as_json_records)
on each annotated text and prints, over all texts:

- span precision / recall / F1, a prediction matching a gold statement when
  their character spans overlap by at least half of their union (lenient)
  or 90% (strict), one-to-one;
- speaker accuracy over matched statements (names compared without case and
  accents; a surname with the same given-name initial counts), and the F1 of
  statements right in both span and speaker;
- recall by kind (direct / indirect);
- documents per second for the two stages after parsing, and end to end
  including the spaCy parse (model load excluded).
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Article  # noqa: E402
from generator.nlp import parse  # noqa: E402
from generator.people import find_people  # noqa: E402
from generator.pipeline import date_articles, reference_date  # noqa: E402
from generator.statements import find_statements, quotes_as_json_records  # noqa: E402


@dataclass
class Gold:
    start: int
    end: int
    text: str
    speaker: str
    kind: str


def load_gold(path: Path, seeds: Path) -> dict[str, tuple[str, list[Gold]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    gold: dict[str, tuple[str, list[Gold]]] = {}
    for article in data["articles"]:
        if "text" in article:
            text = article["text"]
        else:
            text = (seeds / article["file"]).read_text(encoding="utf-8")
        items = []
        for entry in article["statements"]:
            start = -1
            for _ in range(int(entry.get("occurrence", 1))):
                start = text.find(entry["text"], start + 1)
            if start < 0:
                raise SystemExit(
                    f"{path}: {article['file']}: text not in the article: {entry['text']!r}"
                    " (copy it exactly from the article, or fix `occurrence`)"
                )
            items.append(Gold(start, start + len(entry["text"]), entry["text"],
                              entry.get("speaker") or "", entry["kind"]))
        gold[article["file"]] = (text, items)
    return gold


def _plain(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ascii_name.lower().replace(".", " ").split())


def person_named(record: dict) -> str:
    """The person a record names; "" for an organisation or unnamed source ("US officials"),
    as the gold writes them."""
    return record["speaker"] if record.get("speaker_id", "-") else ""


def same_speaker(predicted: str, gold: str) -> bool:
    a, b = _plain(predicted), _plain(gold)
    if a == b:
        return True
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    if wa[-1] != wb[-1]:
        return False
    return len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return overlap / union if union else 0.0


def match(predicted: list[dict], gold: list[Gold], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction index, gold index), best overlaps first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            score = iou((p["start"], p["end"]), (g.start, g.end))
            if score >= threshold:
                pairs.append((score, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    chosen = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            chosen.append((i, j))
    return chosen


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(texts: list[str], names: list[str]) -> tuple[list[list[dict]], float, float]:
    """Records per text, seconds end to end, seconds for people + statements only."""
    started = time.perf_counter()
    docs = list(parse(texts))
    articles = [Article(id=Path(name).stem, file=name, part=0, title="", text=text)
                for name, text in zip(names, texts, strict=False)]
    for article in articles:
        date_articles([article], {})  # one text alone, as `quotes` does without --reference
    stages = 0.0
    records = []
    for article, doc in zip(articles, docs, strict=False):
        began = time.perf_counter()
        people, mentions = find_people(doc, reference_date(article))
        statements = find_statements(doc, article, people, mentions)
        records.append(quotes_as_json_records(statements, people))
        stages += time.perf_counter() - began
    return records, time.perf_counter() - started, stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/fixtures/quotes_gold.yaml")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the files for timing")
    parser.add_argument("--kind", choices=("direct", "indirect"),
                        help="score only statements of this kind (gold and predicted)")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold, args.seeds)
    names = list(gold)
    texts = [gold[n][0] for n in names]
    list(parse(texts[:1]))  # load the model outside the timing
    predicted, _, _ = run(texts, names)
    if args.kind:
        predicted = [[r for r in records if r["kind"] == args.kind] for records in predicted]
        gold = {n: (t, [g for g in items if g.kind == args.kind]) for n, (t, items) in gold.items()}

    totals = {"pred": 0, "gold": 0}
    for label, threshold in (("lenient", 0.5), ("strict", 0.9)):
        matched = speaker_ok = 0
        kinds: dict[str, list[int]] = {}
        for name, records in zip(names, predicted, strict=False):
            items = gold[name][1]
            pairs = match(records, items, threshold)
            matched += len(pairs)
            for i, j in pairs:
                speaker_ok += same_speaker(person_named(records[i]), items[j].speaker)
            for j, g in enumerate(items):
                kinds.setdefault(g.kind, [0, 0])
                kinds[g.kind][1] += 1
                kinds[g.kind][0] += any(jj == j for _, jj in pairs)
            if label == "lenient" and args.verbose:
                _report(name, records, items, pairs)
        n_pred = sum(len(r) for r in predicted)
        n_gold = sum(len(gold[n][1]) for n in names)
        totals = {"pred": n_pred, "gold": n_gold}
        p, r = matched / n_pred if n_pred else 0.0, matched / n_gold if n_gold else 0.0
        sp, sr = speaker_ok / n_pred if n_pred else 0.0, speaker_ok / n_gold if n_gold else 0.0
        print(f"[{label} >= {threshold:.0%} overlap] spans P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f}"
              f" | speaker accuracy {speaker_ok / matched if matched else 0:.3f}"
              f" | span+speaker F1 {f1(sp, sr):.3f}"
              f" | recall " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(kinds.items())))
    print(f"statements: {totals['pred']} predicted, {totals['gold']} annotated "
          f"in {len(names)} documents")

    elapsed_all = elapsed_stages = 0.0
    for _ in range(args.repeat):
        _, all_time, stage_time = run(texts, names)
        elapsed_all += all_time
        elapsed_stages += stage_time
    docs = len(texts) * args.repeat
    print(f"speed: {docs / elapsed_all:.1f} documents/s end to end (parse included), "
          f"{docs / elapsed_stages:.1f} documents/s for people + statements")
    return 0


def _report(name: str, records: list[dict], items: list[Gold], pairs: list[tuple[int, int]]) -> None:
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    print(f"--- {name}")
    for i, j in pairs:
        if not same_speaker(person_named(records[i]), items[j].speaker):
            print(f"  SPEAKER {records[i]['speaker']!r} != {items[j].speaker!r}: {items[j].text[:80]!r}")
    for j, g in enumerate(items):
        if j not in matched_g:
            print(f"  MISSED [{g.kind[0]}] {g.speaker!r}: {g.text[:100]!r}")
    for i, rec in enumerate(records):
        if i not in matched_p:
            print(f"  EXTRA  [{rec['kind'][0]}] {rec['speaker']!r}: {rec['text'][:100]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
