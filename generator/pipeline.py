"""The one place that runs the stages in order.

The command line, the tests and the benchmark all call `extract()` (articles →
YAML) or `analyse_text()` (one text → its dates, people and statements), so
they measure and exercise the same thing.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator import dates, ingest, store
from generator.cache import AnalysisCache, article_key, corpus_key
from generator.model import (
    Article,
    Event,
    Mention,
    PartialDate,
    Person,
    Problem,
    Statement,
    TimeExpression,
    Timeline,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The NLP stages import spaCy (slow to import); they are imported where used so
# that the site build, which only loads YAML, starts fast.


DEFAULT_CACHE = Path(".cache/summit-timeline")
Progress = Callable[[int, int], None]
# Articles per task handed to a worker process: big enough to batch the parse,
# small enough to keep both cores busy to the end.
CHUNK_SIZE = 8


@dataclass
class ArticleAnalysis:
    """What the per-article stages found in one article (ids still local)."""

    article: Article
    expressions: list[TimeExpression]
    people: list[Person]
    mentions: list[Mention]
    statements: list[Statement]
    events: list[Event]


@dataclass
class ExtractReport:
    articles: int = 0
    skipped: list[Problem] = field(default_factory=list)
    save: store.SaveReport | None = None


def reference_date(article: Article) -> PartialDate | None:
    """The date an article's relative expressions ("yesterday") count from."""
    return article.published_date()


def reference_window(article: Article) -> PartialDate | tuple[date, date] | None:
    """What the dates stage resolves relative expressions against: the inferred window
    of writing days when there is one within `published`, else `published` itself."""
    return dates.article_reference(article)


def analyse_article(article: Article, doc: Doc) -> ArticleAnalysis:
    from generator import events, people, statements

    # Computed once, handed to every stage that resolves dates against it.
    window = reference_window(article)
    expressions = dates.find_time_expressions(article.text, window)
    found_people, mentions = people.find_people(doc, reference_date(article))
    found_statements = statements.find_statements(doc, article, found_people, mentions, window)
    by_id = {person.id: person for person in found_people}
    quoted = [(s.start, s.end) for s in found_statements if s.kind == "direct"]
    found_events = events.find_events(doc, article, expressions, mentions, by_id, quoted, window)
    return ArticleAnalysis(article, expressions, found_people, mentions, found_statements, found_events)


def analyse_articles(
    articles: list[Article],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[ArticleAnalysis]:
    """Per-article analyses in article order; unchanged articles come from the cache."""
    cache = AnalysisCache(cache_dir)
    keys = [article_key(article) for article in articles]
    results: list[ArticleAnalysis | None] = [cache.get(key) for key in keys]
    todo = [index for index, result in enumerate(results) if result is None]
    done = len(articles) - len(todo)
    fresh = _analyse_uncached([articles[index] for index in todo], jobs)
    for index, analysis in zip(todo, fresh, strict=True):
        cache.put(keys[index], analysis)
        results[index] = analysis
        done += 1
        if progress:
            progress(done, len(articles))
    for article, result in zip(articles, results, strict=True):
        assert result is not None
        result.article = article  # metadata outside the key (basis, by-line) is today's
    return results  # type: ignore[return-value]


def _analyse_in_process(articles: list[Article]) -> list[ArticleAnalysis]:
    from generator import nlp

    docs = nlp.parse(article.text for article in articles)
    return [analyse_article(article, doc) for article, doc in zip(articles, docs, strict=True)]


def _analyse_uncached(articles: list[Article], jobs: int) -> Iterator[ArticleAnalysis]:
    """Parse and analyse, in this process or spread over `jobs` worker processes."""
    if jobs <= 1 or len(articles) <= CHUNK_SIZE:
        for start in range(0, len(articles), CHUNK_SIZE):
            yield from _analyse_in_process(articles[start : start + CHUNK_SIZE])
        return
    chunks = [articles[start : start + CHUNK_SIZE] for start in range(0, len(articles), CHUNK_SIZE)]
    # "spawn": each worker loads spaCy once itself; nothing half-initialised is forked.
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for analyses in pool.imap(_analyse_in_process, chunks):
            yield from analyses


def date_articles(
    articles: list[Article], corrected: dict[str, str], cache_dir: Path | None = None
) -> None:
    """Set each article's `published`: editor's correction, front matter, else inferred.

    Inference weighs every article against the others, so its result is cached
    for the corpus as a whole: an unchanged corpus is not read again.
    """
    for article in articles:
        if article.id in corrected:
            article.published = corrected[article.id]
            article.published_basis = "corrected by an editor"
            article.published_window = None  # the editor's date wins over the inferred window
    cache = AnalysisCache(cache_dir)
    key = corpus_key(articles)
    inferred = cache.get(key)
    if inferred is None:
        inferred = dates.infer_publication(articles)
        cache.put(key, inferred)
    for article in articles:
        if not article.published and article.id in inferred:
            found = inferred[article.id]
            article.published, article.published_basis = found.value, found.basis
            article.published_window = found.window


def build_timeline(analyses: Iterable[ArticleAnalysis]) -> Timeline:
    """Merge per-article findings into one timeline with global ids."""
    from generator import events, people

    analyses = list(analyses)
    merged_people, id_map = people.merge_people([a.people for a in analyses])
    all_statements: list[Statement] = []
    all_events: list[Event] = []
    for analysis in analyses:
        for statement in analysis.statements:
            all_statements.append(replace(statement, speaker=id_map.get(statement.speaker, statement.speaker)))
        for event in analysis.events:
            all_events.append(replace(event, people=_unique(id_map.get(p, p) for p in event.people)))
    merged_events = events.merge_events(all_events)
    events.link_statements(all_statements, merged_events)
    return Timeline(
        articles=[a.article for a in analyses],
        events=merged_events,
        statements=all_statements,
        people=merged_people,
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def extract(
    seeds: Path,
    data: Path,
    *,
    jobs: int = 1,
    cache_dir: Path | None = DEFAULT_CACHE,
    progress: Progress | None = None,
) -> ExtractReport:
    """Articles in `seeds` → YAML in `data`, keeping the editor's edits."""
    articles, skipped = ingest.read_articles(seeds)
    date_articles(articles, store.edited_publication_dates(data), cache_dir)
    analyses = analyse_articles(articles, jobs=jobs, cache_dir=cache_dir, progress=progress)
    timeline = build_timeline(analyses)
    report = ExtractReport(articles=len(articles), skipped=skipped)
    report.save = store.save_timeline(timeline, data)
    return report


def analyse_text(text: str, reference: PartialDate | None = None) -> ArticleAnalysis:
    """One plain text through the per-article stages (the `quotes` command).

    Without a reference date the text's own clues date it, so that "the US
    president" can still be resolved to the holder of the office then.
    """
    article = Article(id="text", file="-", part=1, title="", text=text)
    if reference is not None:
        article.published = reference.iso()
    else:
        date_articles([article], {})
    from generator import nlp

    return analyse_article(article, nlp.parse_one(text))


@dataclass
class SiteTimeline:
    """The site's timeline as `check`, `render` and the MkDocs plugin all load it."""

    timeline: Timeline
    problems: list[Problem]  # in the data files, with source sentences no longer in their article
    skipped: list[Problem]  # seed files that could not be read
    seeds_found: bool


def load_site_timeline(data: Path, seeds: Path) -> SiteTimeline:
    """The YAML as the editor left it, with each article's cleaned text (and captions) from the seeds.

    The texts also let validation report a source sentence no longer in its article.
    """
    seeds_found = Path(seeds).is_dir()
    articles, skipped = ingest.read_articles(seeds) if seeds_found else ([], [])
    by_id = {article.id: article for article in articles}
    texts = {article.id: article.text for article in articles}
    timeline, problems = store.load_timeline(data, article_texts=texts or None)
    for article in timeline.articles:
        found = by_id.get(article.id)
        if found is not None:
            article.text = found.text
            article.captions = article.captions or found.captions
    return SiteTimeline(timeline, problems, skipped, seeds_found)


def render_to_folder(data: Path, seeds: Path, out: Path) -> tuple[int, list[Problem]]:
    """Write the site's Markdown pages and downloads to `out`; the count and problems."""
    from generator.render import render_site, write_site

    site = load_site_timeline(data, seeds)
    return len(write_site(render_site(site.timeline), Path(out))), site.problems + site.skipped
