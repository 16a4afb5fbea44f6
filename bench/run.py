"""Benchmark: extraction and site build over a large corpus. Prints figures.

    python bench/run.py [--articles 1000] [--corpus DIR] [--keep]

Builds a corpus (the seeds varied in names, places and years) unless --corpus
points at a folder of articles, then measures, each phase in a fresh process:
a bare `nlp.pipe` over the texts; `extract` cold with --jobs 1, warm (all
cached), cold with --jobs 2; `mkdocs build` of the resulting site against a
bare MkDocs build of as many plain pages; and the search index size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Substitutions that make the copies differ (and so defeat the cache), drawn
# from a fixed seed so that runs are comparable.
LAST_NAMES = (
    "Abara Berg Castillo Dvorak Eriksen Fontaine Gallo Haddad Ivanova Jansen Kowalski Lindqvist Moreau Novak "
    "Okafor Petrov"
).split()
CITIES = "Vienna Oslo Lisbon Tallinn Reykjavik Valletta Dublin Prague Warsaw Sofia Athens Riga Bern Ljubljana".split()


def build_corpus(folder: Path, count: int) -> None:
    from generator.ingest import read_articles

    parts, _ = read_articles(ROOT / "seeds")
    rng = random.Random(20261123)
    folder.mkdir(parents=True, exist_ok=True)
    names = ("Putin", "Trump", "Biden", "Peskov", "Ushakov", "Lavrov", "Tillerson")
    cities = ("Helsinki", "Geneva", "Hamburg")
    capitalised = re.compile(r"\b(?:" + "|".join(names + cities) + r")\b")
    years = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
    for number in range(count):
        part = parts[number % len(parts)]
        swap = {name: rng.choice(LAST_NAMES) for name in names}
        swap.update({city: rng.choice(CITIES) for city in cities})
        shift = rng.randint(-6, 6)
        text = capitalised.sub(lambda m, swap=swap: swap[m.group()], f"{part.title}\n\n{part.text}")
        text = years.sub(lambda m, shift=shift: str(int(m.group()) + shift), text)
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")


def measure(phase: str, *args: str) -> dict:
    """Run one phase in a fresh interpreter; its wall time and peak memory."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"phase {phase} failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["wall"] = elapsed
    return result


def run_phase(phase: str, args: list[str]) -> None:
    started = time.perf_counter()
    if phase == "bare-parse":
        from generator.ingest import read_articles
        from generator.nlp import parse

        articles, _ = read_articles(Path(args[0]))
        for _ in parse(article.text for article in articles):
            pass
    elif phase == "extract":
        from generator.pipeline import extract

        corpus, data, cache, jobs = args
        extract(Path(corpus), Path(data), jobs=int(jobs), cache_dir=Path(cache))
    elif phase == "mkdocs":
        subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet", "-f", args[0], "-d", args[1]],
            check=True,
        )
    inside = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": inside, "peak_mb": max(own, children) / 1024}))


def bare_mkdocs_project(folder: Path, pages: int) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    filler = "A paragraph of ordinary text about talks between delegations. " * 20
    for number in range(pages):
        (docs / f"page-{number:05d}.md").write_text(f"# Page {number}\n\n{filler}\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Bare\ntheme:\n  name: material\nplugins:\n  - search\n", encoding="utf-8")
    return config


def count_words(corpus: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="a folder of articles to use instead")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    known, rest = parser.parse_known_args()
    if known.phase:
        run_phase(known.phase, rest)
        return

    work = Path(tempfile.mkdtemp(prefix="summit-bench-"))
    corpus = known.corpus or work / "corpus"
    if not known.corpus:
        build_corpus(corpus, known.articles)
    articles = len(list(corpus.glob("*.txt"))) + len(list(corpus.glob("*.md")))
    words = count_words(corpus)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {corpus} — {articles} files, {words:,} words")

    def rate(result: dict) -> str:
        return (
            f"{result['wall']:7.1f} s  {articles / result['wall']:7.1f} articles/s  "
            f"{words / result['wall']:9,.0f} words/s  peak {result['peak_mb']:6.0f} MB"
        )

    bare = measure("bare-parse", str(corpus))
    print(f"bare nlp.pipe          {rate(bare)}")
    data1, cache1 = work / "data1", work / "cache1"
    cold = measure("extract", str(corpus), str(data1), str(cache1), "1")
    print(f"extract cold --jobs 1  {rate(cold)}   overhead ×{cold['wall'] / bare['wall']:.2f} (target ≤ 1.3)")
    warm = measure("extract", str(corpus), str(data1), str(cache1), "1")
    print(f"extract warm           {rate(warm)}   (target < 2 s)")
    data2, cache2 = work / "data2", work / "cache2"
    cold2 = measure("extract", str(corpus), str(data2), str(cache2), "2")
    print(f"extract cold --jobs 2  {rate(cold2)}   speed-up ×{cold['wall'] / cold2['wall']:.2f} (target ≥ 1.7)")
    same = all(
        (data1 / name).read_bytes() == (data2 / name).read_bytes()
        for name in ("articles.yaml", "events.yaml", "statements.yaml", "people.yaml")
    )
    print(f"--jobs 2 YAML identical to --jobs 1: {same}")

    from bench.bench_render import site_project

    site_config = site_project(work / "site-project", corpus, data1)
    site = measure("mkdocs", str(site_config), str(work / "site"))
    pages = len(list((work / "site").rglob("index.html")))
    bare_config = bare_mkdocs_project(work / "bare-project", pages)
    bare_site = measure("mkdocs", str(bare_config), str(work / "bare-site"))
    print(
        f"mkdocs build           {site['wall']:7.1f} s for {pages} pages; bare MkDocs "
        f"{bare_site['wall']:.1f} s — ×{site['wall'] / bare_site['wall']:.2f} (target ≤ 2); "
        f"peak {site['peak_mb']:.0f} MB"
    )
    index = work / "site" / "search" / "search_index.json"
    size = index.stat().st_size / 1e6 if index.exists() else float("nan")
    print(f"search index           {size:.2f} MB (target < 5 MB)")
    peak = max(r["peak_mb"] for r in (bare, cold, warm, cold2, site))
    print(f"peak memory            {peak:.0f} MB (target < 1500 MB)")
    if known.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
