"""Speed of the dates stage on its own: documents and words per second on one core.

    .venv/bin/python bench/bench_dates.py [--documents 400] [--seeds seeds]

Runs `find_time_expressions` over the seed articles, repeated until the corpus
holds `--documents` texts, and `infer_publication_dates` over the seeds once.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ingest  # noqa: E402
from generator.dates import find_time_expressions, infer_publication_dates  # noqa: E402
from generator.model import PartialDate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=400, help="how many texts to tag (default 400)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of sample articles")
    args = parser.parse_args()

    articles, _ = ingest.read_articles(args.seeds)
    if not articles:
        print(f"no articles in {args.seeds}: give a folder of .txt articles with --seeds", file=sys.stderr)
        return 1
    texts = [article.text for article in articles]
    corpus = list(itertools.islice(itertools.cycle(texts), args.documents))
    words = sum(len(text.split()) for text in corpus)
    reference = PartialDate(2018, 7, 17)

    find_time_expressions(texts[0], reference)  # load word lists and compile patterns first
    started = time.perf_counter()
    expressions = sum(len(find_time_expressions(text, reference)) for text in corpus)
    elapsed = time.perf_counter() - started

    started = time.perf_counter()
    inferred = infer_publication_dates(articles)
    inference = time.perf_counter() - started

    print(f"find_time_expressions: {len(corpus)} documents, {words} words, {expressions} expressions "
          f"in {elapsed:.2f}s")
    print(f"  {len(corpus) / elapsed:.0f} documents/s, {words / elapsed:.0f} words/s (one core)")
    print(f"infer_publication_dates: {len(articles)} articles ({len(inferred)} dated) in {inference:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
