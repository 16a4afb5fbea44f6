"""Benchmark of the renderer: a synthetic timeline rendered to pages. Prints figures.

    python bench/bench_render.py [--articles 1000] [--events 5000] [--statements 20000]
                                 [--repeat 1] [--profile] [--mkdocs]

The articles are the seeds' texts with names, places and years varied (so no two
are the same text); events and statements quote sentences of their article, as
extraction does. Not a test: it prints the render time and the page count.

With --mkdocs it also writes the timeline as the site's YAML (and the articles
as seeds), then times `mkdocs build` of this project's site against a bare
MkDocs + Material build of as many plain pages, as bench/run.py does after
extraction (each in a fresh process; --profile then profiles the site build).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Article, Event, Person, Source, Statement, Timeline  # noqa: E402

TYPES = ["meeting", "phone call", "interview", "sanctions", "indictment", "speech", "treaty"]
SUMMIT_EVERY = 40  # one event in 40 is a summit (125 of 5,000)
PLACES = ["Vienna", "Oslo", "Lisbon", "Tallinn", "Reykjavik", "Valletta", "Dublin", "Prague"]
SURNAMES = "Abara Berg Castillo Dvorak Eriksen Fontaine Gallo Haddad Ivanova Jansen Kowalski Moreau".split()
TOPICS = ["syria", "ukraine", "sanctions", "arms-control", "election-interference", "nato", "energy"]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


def seed_texts() -> list[str]:
    from generator.ingest import read_articles

    parts, _ = read_articles(ROOT / "seeds")
    return [part.text for part in parts if len(part.text) > 500]


def synthetic_articles(count: int, seed: int = 20261123) -> list[Article]:
    rng = random.Random(seed)
    texts = seed_texts()
    articles = []
    for number in range(count):
        names: dict[str, str] = {}
        text = _CAPITALISED.sub(lambda m, names=names: names.setdefault(m.group(), rng.choice(SURNAMES)),
                                texts[number % len(texts)])
        shift = number % 7
        text = re.sub(r"\b(20[0-2]\d)\b", lambda m, shift=shift: str(int(m.group()) + shift), text)
        year = 2012 + number % 10
        articles.append(Article(f"art-{number:05d}", f"{number:05d}.txt", 1, f"Article {number} on the talks",
                                text, published=f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                                published_basis="front matter"))
    return articles


def synthetic_timeline(articles: int | list[Article], events: int, statements: int,
                       seed: int = 20261123) -> Timeline:
    rng = random.Random(seed)
    people = [Person(f"person-{n}", f"{first} {last}", "Official", rng.choice(["Norland", "Southland", ""]))
              for n, (first, last) in enumerate((f, s) for f in ("Ann", "Bob", "Cy", "Di") for s in SURNAMES)]
    timeline = Timeline(people=people)
    timeline.articles = synthetic_articles(articles) if isinstance(articles, int) else articles
    articles = len(timeline.articles)
    sentences_of = [[s.strip() for s in _SENTENCE.findall(a.text) if len(s.split()) > 5] or [a.text[:80]]
                    for a in timeline.articles]
    for number in range(events):
        article = number % articles
        sentence = rng.choice(sentences_of[article])
        year = rng.randint(2012, 2021)
        kind = "summit" if number % SUMMIT_EVERY == 0 else TYPES[number % len(TYPES)]
        date = f"{year}-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if number % 3 else "")
        timeline.events.append(Event(
            f"event-{number}", date, f"{kind.capitalize()} number {number}", kind,
            [Source(timeline.articles[article].id, sentence)], summary=sentence,
            people=[p.id for p in rng.sample(people, 2)], place=rng.choice(PLACES),
            topics=rng.sample(TOPICS, 1), importance=rng.random()))
    for number in range(statements):
        article = number % articles
        sentence = rng.choice(sentences_of[article])
        words = sentence.split()
        quote = " ".join(words[1: max(2, len(words) - 2)])
        timeline.statements.append(Statement(
            f"statement-{number}", rng.choice(people).id, quote, "direct" if number % 2 else "indirect",
            Source(timeline.articles[article].id, sentence), date=timeline.articles[article].published))
    return timeline


def mkdocs_build(config: Path, site: Path, profile: bool = False) -> float:
    """Seconds a fresh `mkdocs build` of `config` takes (under cProfile when `profile`)."""
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet",
              "-f", str(config), "-d", str(site)]
    command = [sys.executable, "-m", "cProfile", "-s", "cumulative", *mkdocs] if profile else mkdocs
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                          "PATH": str(Path(sys.executable).parent)})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    if profile:
        print("\n".join(done.stdout.splitlines()[:60]))
    return elapsed


def site_project(folder: Path, corpus: Path, data: Path) -> Path:
    """This project's mkdocs.yml (and overrides) around `data` and the articles in `corpus`."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # `!ENV [NAME, default]` (MkDocs' environment tag) as its default, for the copy.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    docs = folder / "docs"
    shutil.copytree(data, docs / "data")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config["docs_dir"] = str(docs)
    plugins = config.get("plugins", [])
    for index, plugin in enumerate(plugins):
        if plugin == "summit-timeline" or (isinstance(plugin, dict) and "summit-timeline" in plugin):
            plugins[index] = {"summit-timeline": {"data_dir": str(docs / "data"), "seeds_dir": str(corpus)}}
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def compare_with_mkdocs(options: argparse.Namespace) -> None:
    from bench.run import bare_mkdocs_project
    from generator.ingest import read_articles
    from generator.store import save_timeline

    work = Path(tempfile.mkdtemp(prefix="summit-render-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for article in synthetic_articles(options.articles):
        (corpus / article.file).write_text(f"{article.title}\n\n{article.text}", encoding="utf-8")
    articles, _ = read_articles(corpus)
    for number, article in enumerate(articles):
        year = 2012 + number % 10
        article.published = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        article.published_basis = "front matter"
    timeline = synthetic_timeline(articles, options.events, options.statements)
    save_timeline(timeline, work / "data", follow_edits=False)
    config = site_project(work / "site-project", corpus, work / "data")
    seconds = mkdocs_build(config, work / "site", options.profile)
    pages = len(list((work / "site").rglob("index.html")))
    bare = mkdocs_build(bare_mkdocs_project(work / "bare-project", pages), work / "bare-site")
    print(f"mkdocs build: {seconds:.1f} s for {pages} pages; bare MkDocs + Material {bare:.1f} s "
          f"— ×{seconds / bare:.2f} (target ≤ 2)")
    index = work / "site" / "search" / "search_index.json"
    html = sum(p.stat().st_size for p in (work / "site").rglob("*.html")) / 1e6
    print(f"site: {html:.1f} MB of HTML; search index {index.stat().st_size / 1e6:.1f} MB (target < 5 MB)")
    if options.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=1, help="render this many times (a warm process)")
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    parser.add_argument("--mkdocs", action="store_true", help="time `mkdocs build` against a bare build")
    parser.add_argument("--keep", action="store_true", help="with --mkdocs: keep the work folder")
    options = parser.parse_args()
    if options.mkdocs:
        compare_with_mkdocs(options)
        return

    from generator.render import render_site

    started = time.perf_counter()
    timeline = synthetic_timeline(options.articles, options.events, options.statements)
    print(f"timeline: {len(timeline.articles)} articles, {len(timeline.events)} events, "
          f"{len(timeline.statements)} statements, "
          f"{sum(len(a.text) for a in timeline.articles) / 1e6:.1f} M characters "
          f"(made in {time.perf_counter() - started:.1f} s)")
    profiler = cProfile.Profile() if options.profile else None
    for run in range(1, options.repeat + 1):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        site = render_site(timeline)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        size = sum(len(p) for p in site.pages.values()) / 1e6
        print(f"render #{run}: {elapsed:.2f} s, {len(site.pages)} pages ({size:.1f} MB of Markdown), "
              f"{len(site.files)} files")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
