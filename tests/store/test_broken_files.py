"""A broken data file: the right line, the fix in words, and the last good data for readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import store
from tests.store.test_store import make_timeline

RECORDS = """\
- id: talks
  date: '2020-03-02'
  title: {title}
  summary: null
  type: meeting
  people: []
  place: Oslo
  topics: []
  sources: []
- id: vote
  date: '2020-01-10'
  title: Parliament votes
  summary: null
  type: vote
  people: []
  place: null
  topics: []
  sources: []
"""


def problems_for(tmp_path: Path, title_line: str) -> list[str]:
    (tmp_path / "events.yaml").write_text(RECORDS.replace("title: {title}", title_line), encoding="utf-8")
    return [str(p) for p in store.check_timeline(tmp_path)]


@pytest.mark.parametrize(
    ("title_line", "fix"),
    [
        ("title: Talks: day one", "quote a value that contains ': ', e.g. title: 'Talks: day one'"),
        ('title: "Talks in Oslo', 'opens a quote (") that is not closed on this line'),
        ("title: 'Talks in Oslo", "opens a quote (') that is not closed on this line"),
        ('title: "Talks" in Oslo', "quote the whole value: title: '\"Talks\" in Oslo'"),
        ("title:Talks", "needs a space after the colon; write title: Talks"),
    ],
)
def test_a_syntax_error_names_the_line_of_the_mistake_and_the_fix(tmp_path: Path, title_line: str, fix: str) -> None:
    (problem,) = problems_for(tmp_path, title_line)
    assert problem.startswith(f"{tmp_path / 'events.yaml'}:3:"), problem  # the title's line, not a later one
    assert fix in problem


def test_a_key_written_twice_is_a_located_problem(tmp_path: Path) -> None:
    text = RECORDS.replace("title: {title}", "title: Talks")
    text = text.replace("  place: Oslo\n", "  place: Oslo\n  place: Bergen\n")
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    (problem,) = [str(p) for p in store.check_timeline(tmp_path)]
    assert problem.startswith(f"{tmp_path / 'events.yaml'}:8:3: talks.place: `place` is written twice")
    assert "(lines 7 and 8)" in problem


def test_extract_refuses_to_merge_a_key_written_twice(tmp_path: Path) -> None:
    store.save_timeline(make_timeline(), tmp_path)
    events = tmp_path / "events.yaml"
    events.write_text(events.read_text().replace("  place: Oslo\n", "  place: Oslo\n  place: Bergen\n"))
    before = events.read_bytes()
    with pytest.raises(store.StoreError, match=r"oslo-talks\.place: `place` is written twice"):
        store.save_timeline(make_timeline(), tmp_path)
    assert events.read_bytes() == before


def test_readers_see_the_last_good_copy_then_the_last_extraction(tmp_path: Path) -> None:
    data, copies = tmp_path / "data", tmp_path / "cache"
    store.save_timeline(make_timeline(), data)
    events = data / "events.yaml"
    events.write_text(events.read_text().replace("title: Talks in Oslo", "title: Talks in Oslo, corrected"))
    timeline, problems = store.load_timeline(data, last_good=copies)  # loads cleanly: copied
    assert problems == []
    events.write_text(events.read_text().replace("title: Talks in Oslo, corrected", "title: Talks: Oslo"))
    timeline, problems = store.load_timeline(data, last_good=copies)
    (problem,) = problems
    assert isinstance(problem, store.UnreadableFile)
    assert "its last version that loaded cleanly" in str(problem)
    assert [e.title for e in timeline.events if e.id == "oslo-talks"] == ["Talks in Oslo, corrected"]
    # Without a copy, the last extraction is the best there is (without the correction).
    timeline, problems = store.load_timeline(data)
    assert ".extracted/events.yaml, without the corrections made since" in str(problems[0])
    assert [e.title for e in timeline.events if e.id == "oslo-talks"] == ["Talks in Oslo"]
