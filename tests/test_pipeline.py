"""The whole pipeline on the seeds: extract → YAML → check, plus cache, --jobs and the time budget."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from tests._stalling_analysis import FAIL_MARKER, STALL_MARKER, analyse_or_fail, analyse_or_stall
from tests.conftest import SEEDS, write_files

pytestmark = pytest.mark.slow
DATA_FILES = ("articles.yaml", "events.yaml", "statements.yaml", "people.yaml")


@pytest.fixture(scope="session")
def seeds_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds extracted once per session into a fresh data folder."""
    data = tmp_path_factory.mktemp("data")
    pipeline.extract(SEEDS, data, cache_dir=None)
    return data


def _load(data: Path, name: str) -> list[dict]:
    return yaml.safe_load((data / name).read_text(encoding="utf-8"))


def test_extract_writes_the_four_files_with_contract_fields(seeds_data: Path) -> None:
    contract = {
        "articles.yaml": {"id", "file", "part", "title", "published", "published_basis", "publisher"},
        "events.yaml": {"id", "date", "title", "summary", "type", "people", "place", "topics", "sources"},
        "statements.yaml": {"id", "speaker", "text", "kind", "date", "audience", "event", "source"},
        "people.yaml": {"id", "name", "role", "aliases"},
    }
    for name, fields in contract.items():
        records = _load(seeds_data, name)
        assert records, f"{name} is empty"
        for record in records:
            assert fields <= set(record), f"{name}: {record.get('id')} lacks {fields - set(record)}"


def test_every_article_part_has_a_publication_date_and_its_basis(seeds_data: Path) -> None:
    articles = _load(seeds_data, "articles.yaml")
    assert len(articles) == 9
    for article in articles:
        assert article["published"], article["id"]
        assert article["published_basis"], article["id"]


def test_helsinki_summit_is_one_event_on_its_day_with_sources(seeds_data: Path) -> None:
    summits = [
        e for e in _load(seeds_data, "events.yaml") if e["type"] == "summit" and e["date"] == "2018-07-16"
    ]
    assert len(summits) == 1
    (summit,) = summits
    assert "Helsinki" in summit["place"] or "Helsinki" in summit["title"]
    articles = {source["article"] for source in summit["sources"]}
    assert len(articles) >= 2
    articles = {a.id: a for a in pipeline.ingest.read_articles(SEEDS)[0]}
    for source in summit["sources"]:
        article = articles[source["article"]]
        # A photo caption's sentence is in the article's captions, the others in its text.
        texts = article.captions if source.get("caption") else [article.text]
        assert any(source["text"] in text for text in texts)
    assert any(source.get("caption") for source in summit["sources"])  # "... a working lunch in Helsinki"


def test_advisers_chemistry_statement_is_on_his_person(seeds_data: Path) -> None:
    people = {p["id"]: p for p in _load(seeds_data, "people.yaml")}
    statements = [s for s in _load(seeds_data, "statements.yaml") if "chemistry of relations" in s["text"]]
    assert statements
    assert people[statements[0]["speaker"]]["name"] == "Yury Ushakov"


def test_statement_speakers_and_event_people_are_known_people(seeds_data: Path) -> None:
    people = {p["id"] for p in _load(seeds_data, "people.yaml")}
    for statement in _load(seeds_data, "statements.yaml"):
        assert statement["speaker"] in people or statement["speaker"] in ("", None)
    for event in _load(seeds_data, "events.yaml"):
        assert set(event["people"]) <= people


def test_check_finds_no_problem_in_a_fresh_extraction(seeds_data: Path) -> None:
    from generator.store import check_timeline

    articles = pipeline.ingest.read_articles(SEEDS)[0]
    texts = {a.id: a.text for a in articles}
    captions = {a.id: a.captions for a in articles}
    assert [str(p) for p in check_timeline(seeds_data, article_texts=texts, article_captions=captions)] == []


def test_extraction_is_deterministic(seeds_data: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    pipeline.extract(SEEDS, again, cache_dir=None)
    for name in DATA_FILES:
        assert (again / name).read_text(encoding="utf-8") == (seeds_data / name).read_text(encoding="utf-8")


def test_jobs_2_gives_the_same_yaml_as_jobs_1(
    seeds_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 3)  # so that 9 articles make 3 tasks
    parallel = tmp_path / "parallel"
    pipeline.extract(SEEDS, parallel, jobs=2, cache_dir=None)
    for name in DATA_FILES:
        assert (parallel / name).read_text(encoding="utf-8") == (seeds_data / name).read_text(encoding="utf-8")


def test_cache_parses_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    cache = tmp_path / "cache"
    pipeline.extract(seeds, tmp_path / "data", cache_dir=cache)
    cold = {name: (tmp_path / "data" / name).read_text(encoding="utf-8") for name in DATA_FILES}

    parsed: list[str] = []
    original = pipeline._analyse_in_process

    def counting(articles, **options):
        parsed.extend(article.id for article in articles)
        return original(articles, **options)

    monkeypatch.setattr(pipeline, "_analyse_in_process", counting)
    pipeline.extract(seeds, tmp_path / "data", cache_dir=cache)
    assert parsed == []
    assert {name: (tmp_path / "data" / name).read_text(encoding="utf-8") for name in DATA_FILES} == cold

    changed = seeds / "003_37213b76628c23f0.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    pipeline.extract(seeds, tmp_path / "data", cache_dir=cache)
    assert parsed == ["003-37213b76628c23f0"]


def test_unreadable_article_is_skipped_and_the_rest_extracted(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    report = pipeline.extract(seeds, tmp_path / "data", cache_dir=None)
    assert report.articles == 9
    assert [Path(p.file).name for p in report.skipped] == ["broken.txt"]


# Three short articles; the middle one stalls under tests._stalling_analysis.
BUDGET_SEEDS = {
    "a_vienna.txt": "published: 2019-05-02\n\nThe two leaders met in Vienna on Tuesday.\n"
    "“It was a good day,” Chancellor Greta Lindqvist said.\n",
    "b_stalls.txt": f"published: 2019-05-03\n\nThis {STALL_MARKER} is about talks in Oslo.\n",
    "c_oslo.txt": "published: 2019-05-04\n\nMinister Anna Berg arrived in Oslo on Friday.\n"
    "“We want peace,” Berg said.\n",
}


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_past_the_time_budget_is_named_and_skipped_and_the_rest_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    seeds = write_files(tmp_path / "seeds", BUDGET_SEEDS)
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 2)  # with jobs=2: two tasks, the stall shares one
    report = pipeline.extract(
        seeds, tmp_path / "data", jobs=jobs, cache_dir=tmp_path / "cache", time_budget=1, analyse=analyse_or_stall
    )
    (problem,) = report.skipped
    assert problem.file == "b_stalls.txt"
    assert "took longer than 1 s of CPU time (the per-article time budget)" in problem.message
    assert "--time-budget" in problem.message
    assert 0.5 <= report.timings["b_stalls.txt"] < 10  # the kernel's CPU timer counts in ticks
    assert report.articles == 2
    written = {article["file"] for article in _load(tmp_path / "data", "articles.yaml")}
    assert written == {"a_vienna.txt", "c_oslo.txt"}
    speakers = {p["name"] for p in _load(tmp_path / "data", "people.yaml")}
    assert {"Greta Lindqvist", "Anna Berg"} <= speakers
    # The skipped article is not cached: the next run tries it again (and here finishes).
    again = pipeline.extract(seeds, tmp_path / "data", jobs=jobs, cache_dir=tmp_path / "cache", time_budget=1)
    assert again.skipped == [] and again.articles == 3
    assert set(again.timings) == {"b_stalls.txt"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_breaks_a_stage_is_named_and_skipped_and_the_rest_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    seeds = write_files(
        tmp_path / "seeds", {**BUDGET_SEEDS, "b_stalls.txt": f"published: 2019-05-03\n\nThis {FAIL_MARKER}.\n"}
    )
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 2)
    report = pipeline.extract(seeds, tmp_path / "data", jobs=jobs, cache_dir=None, analyse=analyse_or_fail)
    (problem,) = report.skipped
    assert problem.file == "b_stalls.txt"
    assert "could not be analysed (IndexError: list index out of range, at _stalling_analysis.py:" in problem.message
    assert "please report the article" in problem.message
    written = {article["file"] for article in _load(tmp_path / "data", "articles.yaml")}
    assert written == {"a_vienna.txt", "c_oslo.txt"}


def test_the_time_limit_stops_a_loop_and_restores_the_previous_handler() -> None:
    import signal

    def handler(signum, frame):  # pragma: no cover - never fires
        raise AssertionError

    previous = signal.signal(signal.SIGPROF, handler)
    try:
        with pipeline._time_limit(5):
            assert signal.getsignal(signal.SIGPROF) is not handler
        assert signal.getsignal(signal.SIGPROF) is handler
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
        with pytest.raises(pipeline.ArticleTimedOut), pipeline._time_limit(0.05):
            while True:
                pass
        assert signal.getsignal(signal.SIGPROF) is handler
    finally:
        signal.signal(signal.SIGPROF, previous)
