"""The one place that runs the stages in order.

The command line, the tests and the benchmark all call `extract()` (articles →
YAML) or `analyse_text()` (one text → its dates, people and statements), so
they measure and exercise the same thing.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, partial
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

    from generator.render import RenderedSite

# The NLP stages import spaCy (slow to import); they are imported where used so
# that the site build, which only loads YAML, starts fast.


DEFAULT_CACHE = Path(".cache/summit-timeline")
Progress = Callable[[int, int], None]
# Articles per task handed to a worker process: big enough to batch the parse,
# small enough to keep both cores busy to the end.
CHUNK_SIZE = 8
# CPU seconds one article part may take (parse, dates, people, statements,
# events) before it is stopped and skipped; real articles take a few at most.
# CPU time, not wall time: on a busy machine (a shared CI runner) the same
# articles are skipped, or not, so the YAML does not depend on the load.
DEFAULT_TIME_BUDGET = 60.0


@dataclass
class ArticleAnalysis:
    """What the per-article stages found in one article (ids still local)."""

    article: Article
    expressions: list[TimeExpression]
    people: list[Person]
    mentions: list[Mention]
    statements: list[Statement]
    events: list[Event]


Analyse = Callable[[Article, "Doc"], ArticleAnalysis]


@dataclass
class ExtractReport:
    articles: int = 0  # article parts analysed and written
    skipped: list[Problem] = field(default_factory=list)
    save: store.SaveReport | None = None
    # CPU seconds each article part analysed in this run took (cached ones are
    # not analysed), by `article_label`: what `bench/soak.py` ranks.
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class AnalysedArticles:
    """What `analyse_articles` gives: analyses in article order, without the skipped ones."""

    analyses: list[ArticleAnalysis]
    skipped: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Outcome:
    """One article part's result as a worker returns it: its analysis, or why it has none."""

    analysis: ArticleAnalysis | None
    seconds: float
    problem: Problem | None = None


class ArticleTimedOut(BaseException):
    """Raised by the alarm inside whatever an article's analysis is running.

    A BaseException, so that no stage's `except Exception` swallows it.
    """


def article_label(article: Article) -> str:
    """How reports name an article part: its file, and the part when the file has several."""
    return article.file if article.part == 1 else f"{article.file} (part {article.part})"


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
    if article.captions:
        # Photo captions date happenings too: parsed by the same loaded pipeline, dated alike.
        from generator import nlp

        caption_docs = list(nlp.parse(article.captions))
        caption_expressions = [dates.find_time_expressions(caption, window) for caption in article.captions]
        found_events += events.find_caption_events(caption_docs, article, caption_expressions, by_id, window)
    return ArticleAnalysis(article, expressions, found_people, mentions, found_statements, found_events)


def analyse_articles(
    articles: list[Article],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    analyse: Analyse | None = None,
) -> AnalysedArticles:
    """Per-article analyses in article order; unchanged articles come from the cache.

    An article part whose analysis takes more than `time_budget` CPU seconds
    (None or 0: no limit) is stopped and skipped with a Problem naming it, and
    is not cached, so a later run tries it again. `analyse` replaces
    `analyse_article` (a module-level function, so that worker processes can
    import it); the tests use it to make an article slow.
    """
    cache = AnalysisCache(cache_dir)
    keys = [article_key(article) for article in articles]
    results: list[ArticleAnalysis | None] = [cache.get(key) for key in keys]
    todo = [index for index, result in enumerate(results) if result is None]
    done = len(articles) - len(todo)
    found = AnalysedArticles([])
    fresh = _analyse_uncached([articles[index] for index in todo], jobs, time_budget or None, analyse)
    for index, outcome in zip(todo, fresh, strict=True):
        found.timings[article_label(articles[index])] = outcome.seconds
        if outcome.analysis is not None:
            cache.put(keys[index], outcome.analysis)
            results[index] = outcome.analysis
        elif outcome.problem is not None:
            found.skipped.append(outcome.problem)
        done += 1
        if progress:
            progress(done, len(articles))
    for article, result in zip(articles, results, strict=True):
        if result is not None:
            result.article = article  # metadata outside the key (basis, by-line) is today's
            found.analyses.append(result)
    return found


def _analyse_in_process(
    articles: list[Article], time_budget: float | None = None, analyse: Analyse | None = None
) -> list[_Outcome]:
    """Parse a chunk of articles in one batch, then analyse each within its time budget.

    The batch parse may take the chunk's total budget; past it (one very long
    text) each article is parsed again on its own, within its own budget.
    """
    from generator import nlp

    _warm_up()
    started = time.process_time()
    docs: list[Doc] | None
    try:
        with _time_limit(time_budget * len(articles) if time_budget else None):
            docs = list(nlp.parse(article.text for article in articles))
    except ArticleTimedOut:
        docs = None
    parse_seconds = time.process_time() - started
    characters = sum(len(article.text) for article in articles) or 1
    outcomes = []
    for index, article in enumerate(articles):
        if docs is None:
            outcomes.append(_analyse_within_budget(article, None, 0.0, time_budget, analyse))
        else:
            share = parse_seconds * len(article.text) / characters  # the batch parse, by length
            outcomes.append(_analyse_within_budget(article, docs[index], share, time_budget, analyse))
    return outcomes


@cache
def _warm_up() -> None:
    """Load the model, the stages and their data once per process, outside any article's budget.

    The first analysis in a process pays for these (seconds); without this
    the first article of each worker would be timed, or stopped, for them.
    """
    from generator import nlp

    text = "On 2 May 2019 the leaders met in Vienna. “It was a good day,” Chancellor Anna Berg said."
    article = Article(id="warm-up", file="-", part=1, title="", text=text, published="2019-05-03")
    analyse_article(article, nlp.parse_one(text))


def _analyse_within_budget(
    article: Article,
    doc: Doc | None,
    parse_seconds: float,
    time_budget: float | None,
    analyse: Analyse | None,
) -> _Outcome:
    """One article's stages (and its parse when `doc` is None), stopped past the budget."""
    from generator import nlp

    started = time.process_time()
    remaining = None if time_budget is None else time_budget - parse_seconds
    try:
        if remaining is not None and remaining <= 0:
            raise ArticleTimedOut
        with _time_limit(remaining):
            if doc is None:
                doc = nlp.parse_one(article.text)
            analysis = (analyse or analyse_article)(article, doc)
    except ArticleTimedOut:
        seconds = parse_seconds + time.process_time() - started
        return _Outcome(None, seconds, _timed_out_problem(article, time_budget or 0.0))
    except Exception as error:  # one article's failure must not stop the archive
        seconds = parse_seconds + time.process_time() - started
        return _Outcome(None, seconds, _failed_problem(article, error))
    return _Outcome(analysis, parse_seconds + time.process_time() - started)


def _failed_problem(article: Article, error: Exception) -> Problem:
    part = f"article part {article.part} " if article.part > 1 else ""
    where = traceback.extract_tb(error.__traceback__)[-1]
    return Problem(
        file=article.file,
        message=f"{part}could not be analysed ({type(error).__name__}: {error}, at "
        f"{Path(where.filename).name}:{where.lineno}); it was skipped and the other articles were "
        "processed — please report the article with this message",
    )


def _timed_out_problem(article: Article, time_budget: float) -> Problem:
    part = f"article part {article.part} " if article.part > 1 else ""
    return Problem(
        file=article.file,
        message=f"{part}took longer than {time_budget:g} s of CPU time (the per-article time budget); it was "
        "skipped — raise --time-budget or report the article",
    )


# The profiling timer (SIGPROF after so much CPU time of this process)
# interrupts pure-Python loops, which is where a stage can hang. Where there is
# none (Windows), or off the main thread (signals only reach it), articles run
# without a budget.
_HAS_ALARM = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimedOut in this thread once this process has used `seconds` more CPU time.

    None: never. The previous SIGPROF handler and any timer already running are restored.
    Code in C that does not return to Python (a regex, a parse) is only
    stopped when it does.
    """
    if seconds is None or not _HAS_ALARM or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise ArticleTimedOut

    previous_handler = signal.signal(signal.SIGPROF, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_PROF, seconds)
    started = time.process_time()
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_PROF, 0)
        finally:
            # Restored even when the alarm fires just as the body ends.
            signal.signal(signal.SIGPROF, previous_handler)
            if previous_delay:
                left = max(previous_delay - (time.process_time() - started), 1e-6)
                signal.setitimer(signal.ITIMER_PROF, left, previous_interval)


def _analyse_uncached(
    articles: list[Article], jobs: int, time_budget: float | None, analyse: Analyse | None
) -> Iterator[_Outcome]:
    """Parse and analyse, in this process or spread over `jobs` worker processes."""
    work = partial(_analyse_in_process, time_budget=time_budget, analyse=analyse)
    if jobs <= 1 or len(articles) <= CHUNK_SIZE:
        for start in range(0, len(articles), CHUNK_SIZE):
            yield from work(articles[start : start + CHUNK_SIZE])
        return
    chunks = [articles[start : start + CHUNK_SIZE] for start in range(0, len(articles), CHUNK_SIZE)]
    # "spawn": each worker loads spaCy once itself; nothing half-initialised is forked.
    # Each worker runs its tasks in its main thread, so the budget's alarm works there.
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for outcomes in pool.imap(work, chunks):
            yield from outcomes


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
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    analyse: Analyse | None = None,
) -> ExtractReport:
    """Articles in `seeds` → YAML in `data`, keeping the editor's edits.

    An article part past `time_budget` seconds (None or 0: no limit) is
    skipped and reported; the others are written.
    """
    articles, skipped = ingest.read_articles(seeds)  # a bad seeds path stops here, before data/ is touched
    # One writer per data folder: a second run refuses at once (store.DataFolderBusy), before any work.
    with store.writer_lock(data):
        store.repair(data)  # finish or undo a save an earlier run was stopped in
        date_articles(articles, store.edited_publication_dates(data), cache_dir)
        found = analyse_articles(
            articles, jobs=jobs, cache_dir=cache_dir, progress=progress, time_budget=time_budget, analyse=analyse
        )
        timeline = build_timeline(found.analyses)
        report = ExtractReport(articles=len(found.analyses), skipped=skipped + found.skipped, timings=found.timings)
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


def load_site_timeline(data: Path, seeds: Path, last_good: Path | None = None) -> SiteTimeline:
    """The YAML as the editor left it, with each article's cleaned text (and captions) from the seeds.

    The texts also let validation report a source sentence no longer in its article.
    `last_good`: a folder for each data file's last clean copy (see store.load_timeline).
    """
    seeds_found = Path(seeds).is_dir()
    articles, skipped = ingest.read_articles(seeds) if seeds_found else ([], [])
    by_id = {article.id: article for article in articles}
    texts = {article.id: article.text for article in articles}
    captions = {article.id: article.captions for article in articles}
    timeline, problems = store.load_timeline(
        data, article_texts=texts or None, last_good=last_good, article_captions=captions or None
    )
    for article in timeline.articles:
        found = by_id.get(article.id)
        if found is not None:
            article.text = found.text
            article.captions = article.captions or found.captions
    return SiteTimeline(timeline, problems, skipped, seeds_found)


def render_from_data(data: Path, seeds: Path, site_url: str | None = None) -> tuple[RenderedSite, list[Problem]]:
    """The site's pages and downloads from the data as it is now (as the plugin renders
    them, stamped with the data's last change), and the problems found loading it."""
    from generator.render import build_time, render_site

    site = load_site_timeline(data, seeds)
    rendered = render_site(site.timeline, site_url=site_url, built_at=build_time(Path(data).glob("*.yaml")))
    return rendered, site.problems + site.skipped


def render_to_folder(data: Path, seeds: Path, out: Path) -> tuple[int, list[Problem]]:
    """Write the site's Markdown pages and downloads to `out`; the count and problems."""
    from generator.render import write_site

    rendered, problems = render_from_data(data, seeds)
    return len(write_site(rendered, Path(out))), problems
