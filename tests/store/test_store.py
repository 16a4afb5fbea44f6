"""The store: YAML files that keep editors' work, catch their mistakes, and never half-write."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator import store
from generator.model import Article, Event, Person, Source, Statement, Timeline
from generator.store import _transaction
from tests.conftest import write_files
from tests.store.test_check import HOSTILE_EVENTS, run_bounded

SENTENCE = "The two leaders met in Oslo on Monday."


def make_timeline() -> Timeline:
    return Timeline(
        articles=[
            Article("a-1", "a.txt", 1, "Leaders meet", "", published="2020-03-03", published_basis="front matter")
        ],
        people=[
            Person("ann-lee", "Ann Lee", "prime minister", aliases=["Lee"]),
            Person("bo-chen", "Bo Chen", "foreign minister"),
        ],
        events=[
            Event(
                "oslo-talks",
                "2020-03-02",
                "Talks in Oslo",
                "meeting",
                [Source("a-1", SENTENCE)],
                people=["ann-lee", "bo-chen"],
                place="Oslo",
            ),
            Event("vote", "2020-01-10", "Parliament votes", "vote", [Source("a-1", "Parliament voted.")]),
        ],
        statements=[
            Statement(
                "s-1",
                "ann-lee",
                "We agree",
                "direct",
                Source("a-1", '"We agree," Lee said.'),
                date="2020-03-02",
                start=10,
                end=18,
            ),
        ],
    )


def save(timeline: Timeline, data: Path) -> store.SaveReport:
    return store.save_timeline(timeline, data)


def load(data: Path) -> Timeline:
    timeline, problems = store.load_timeline(data)
    assert problems == []
    return timeline


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- writing and reading --------------------------------------------------------------------


def test_saved_timeline_loads_back_equal(tmp_path: Path) -> None:
    timeline = make_timeline()
    save(timeline, tmp_path)
    loaded = load(tmp_path)
    assert loaded.people == timeline.people
    assert loaded.articles == timeline.articles
    assert sorted(e.id for e in loaded.events) == ["oslo-talks", "vote"]
    assert {e.id: e for e in loaded.events}["oslo-talks"] == timeline.events[0]
    assert [replace(s, start=-1, end=-1) for s in loaded.statements] == [
        replace(s, start=-1, end=-1) for s in timeline.statements
    ]


def test_new_files_name_their_schema_and_sort_sensibly(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    for kind in ("articles", "events", "statements", "people"):
        text = (tmp_path / f"{kind}.yaml").read_text()
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=./{kind}.schema.json"
        assert (tmp_path / f"{kind}.schema.json").is_file()
        assert (tmp_path / ".extracted" / f"{kind}.yaml").is_file()
    events = (tmp_path / "events.yaml").read_text()
    assert events.index("id: vote") < events.index("id: oslo-talks")  # by date


def test_contract_fields_are_always_written_unknown_as_null(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    statements = (tmp_path / "statements.yaml").read_text()
    assert "audience: null" in statements and "event: null" in statements
    assert "topics" not in statements  # an extra field, written only when set


def test_strings_that_look_like_other_things_stay_strings(tmp_path: Path) -> None:
    timeline = make_timeline()
    timeline.people[0].role = "yes"
    timeline.events[0].title = "12:30"
    save(timeline, tmp_path)
    loaded = load(tmp_path)
    assert loaded.people[0].role == "yes"
    assert {e.id: e.title for e in loaded.events}["oslo-talks"] == "12:30"


def test_unquoted_dates_an_editor_writes_load_as_text(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "date: '2020-03-02'", "date: 2020-03-05")
    assert {e.id: e.date for e in load(tmp_path).events}["oslo-talks"] == "2020-03-05"


# -- edits survive extraction ------------------------------------------------------------------


def test_edited_field_survives_and_untouched_fields_follow_extraction(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "title: Talks in Oslo", "title: Oslo talks on trade")
    again = make_timeline()
    again.events[0].title = "Meeting in Oslo"  # extraction changed the edited field ...
    again.events[0].summary = "They talked."  # ... and one the editor left alone
    report = save(again, tmp_path)
    event = {e.id: e for e in load(tmp_path).events}["oslo-talks"]
    assert event.title == "Oslo talks on trade"
    assert event.summary == "They talked."
    assert report.counts["events"].kept_edits == 1


def test_edit_survives_repeated_extractions(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "people.yaml", "name: Bo Chen", "name: Chen Bo")
    for _ in range(3):
        save(make_timeline(), tmp_path)
    assert {p.id: p.name for p in load(tmp_path).people}["bo-chen"] == "Chen Bo"


def test_deleted_record_stays_deleted(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    path = tmp_path / "events.yaml"
    text = path.read_text()
    start = text.index("- id: vote")
    end = text.index("- id: oslo-talks")
    path.write_text(text[:start] + text[end:])
    report = save(make_timeline(), tmp_path)
    assert [e.id for e in load(tmp_path).events] == ["oslo-talks"]
    assert report.deleted_by_editor == 1
    save(make_timeline(), tmp_path)
    assert [e.id for e in load(tmp_path).events] == ["oslo-talks"]


def test_record_added_by_editor_stays(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    with (tmp_path / "people.yaml").open("a") as handle:
        handle.write("- id: cy-dora\n  name: Cy Dora\n")
    report = save(make_timeline(), tmp_path)
    assert "cy-dora" in [p.id for p in load(tmp_path).people]
    assert report.editor_added == 1


def test_comments_and_order_survive(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    path = tmp_path / "events.yaml"
    text = path.read_text()
    vote = text[text.index("- id: vote") : text.index("- id: oslo-talks")]
    reordered = text.replace(vote, "").rstrip("\n") + "\n\n# checked by hand\n" + vote
    reordered = reordered.replace("place: Oslo", "place: Oslo  # the city hall")
    path.write_text(reordered)
    again = make_timeline()
    again.events[0].summary = "New summary."  # forces the commented record to be rewritten
    save(again, tmp_path)
    result = path.read_text()
    assert "# checked by hand\n- id: vote" in result
    assert "place: Oslo  # the city hall" in result
    assert "summary: New summary." in result
    assert result.index("id: oslo-talks") < result.index("id: vote")


def test_new_records_are_added_after_their_neighbour(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "title: Parliament votes", "title: Parliament votes  # ok")
    more = make_timeline()
    more.events.append(Event("feb-call", "2020-02-01", "Phone call", "phone call", [Source("a-1", "They spoke.")]))
    report = save(more, tmp_path)
    ids = [e.id for e in load(tmp_path).events]
    assert ids == ["vote", "feb-call", "oslo-talks"]
    assert report.added == 1
    assert "# ok" in (tmp_path / "events.yaml").read_text()


def test_edited_list_still_gains_newly_extracted_items(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "  - bo-chen\n", "")  # editor removes a participant
    more = make_timeline()
    more.events[0].sources.append(Source("a-2", "Oslo hosted talks."))
    more.events[0].people.append("cy-dora")
    more.people.append(Person("cy-dora", "Cy Dora"))
    more.articles.append(Article("a-2", "b.txt", 1, "More talks", ""))
    save(more, tmp_path)
    event = {e.id: e for e in load(tmp_path).events}["oslo-talks"]
    assert event.people == ["ann-lee", "cy-dora"]  # bo-chen stays removed, cy-dora is new
    assert [s.article for s in event.sources] == ["a-1", "a-2"]


def test_untouched_record_no_longer_extracted_goes_edited_one_stays(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "people.yaml", "role: foreign minister", "role: trade minister")
    fewer = make_timeline()
    fewer.people = []
    report = save(fewer, tmp_path)
    assert [p.id for p in store.load_timeline(tmp_path)[0].people] == ["bo-chen"]
    assert report.removed == 1


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    report = save(make_timeline(), tmp_path)
    assert report.written == []


def test_file_of_only_comments_gets_the_records(tmp_path: Path) -> None:
    write_files(tmp_path, {"people.yaml": "# people go here\n[]\n"})
    save(make_timeline(), tmp_path)
    text = (tmp_path / "people.yaml").read_text()
    assert text.startswith("# people go here\n")
    assert [p.id for p in load(tmp_path).people] == ["ann-lee", "bo-chen"]


def test_broken_data_file_stops_the_save_and_is_left_alone(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    path = tmp_path / "events.yaml"
    path.write_text("- id: x\n  title: [unclosed\n")
    with pytest.raises(store.StoreError, match=r"events\.yaml:\d+:\d+: YAML syntax error"):
        save(make_timeline(), tmp_path)
    assert path.read_text() == "- id: x\n  title: [unclosed\n"


def test_field_the_editor_removed_stays_removed(tmp_path: Path) -> None:
    timeline = make_timeline()
    timeline.events[0].importance = 2.5
    save(timeline, tmp_path)
    edit(tmp_path / "events.yaml", "  importance: 2.5\n", "")
    again = make_timeline()
    again.events[0].importance = 3.0
    save(again, tmp_path)
    assert {e.id: e.importance for e in load(tmp_path).events}["oslo-talks"] == 0.0


def test_comment_above_a_record_that_goes_is_kept(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "- id: oslo-talks", "# spring talks below\n- id: oslo-talks")
    edit(tmp_path / "events.yaml", "title: Parliament votes", "title: Parliament voted")
    fewer = make_timeline()
    fewer.events = fewer.events[1:]
    save(fewer, tmp_path)
    text = (tmp_path / "events.yaml").read_text()
    assert "id: oslo-talks" not in text
    assert "# spring talks below" in text


def test_file_rewritten_in_flow_style_still_merges(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    (tmp_path / "people.yaml").write_text(
        "# my people\n[{id: ann-lee, name: Ann Lee, role: prime minister, aliases: [Lee]},\n"
        " {id: bo-chen, name: Bo C., role: foreign minister, aliases: []}]\n"
    )
    more = make_timeline()
    more.people.append(Person("cy-dora", "Cy Dora"))
    report = save(more, tmp_path)
    assert {p.id: p.name for p in load(tmp_path).people} == {
        "ann-lee": "Ann Lee",
        "bo-chen": "Bo C.",
        "cy-dora": "Cy Dora",
    }
    assert "# my people" in (tmp_path / "people.yaml").read_text()
    assert report.counts["people"].added == 1


def test_data_file_that_is_no_list_stops_the_save(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    (tmp_path / "people.yaml").write_text("ann-lee: Ann Lee\n")
    with pytest.raises(store.StoreError, match="expected a list of records"):
        save(make_timeline(), tmp_path)


# -- nothing half-written -----------------------------------------------------------------------


def test_run_killed_while_writing_leaves_previous_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save(make_timeline(), tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    calls = []

    def write_half_then_die(stream, data: bytes) -> None:
        calls.append(1)
        if len(calls) == 3:  # the first files are written, then the run dies half-way through one
            stream.write(data[: len(data) // 2])
            raise KeyboardInterrupt
        stream.write(data)

    monkeypatch.setattr(_transaction, "write_bytes", write_half_then_die)
    changed = make_timeline()
    changed.events[0].title = "Changed"
    changed.people[0].name = "Changed"
    with pytest.raises(KeyboardInterrupt):
        save(changed, tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no temporary files left behind
    assert len(calls) == 3


# -- loading safely -----------------------------------------------------------------------------


def test_python_object_tag_is_refused_with_its_place(tmp_path: Path) -> None:
    write_files(tmp_path, {"people.yaml": "- id: a\n  name: !!python/object/apply:os.system ['true']\n"})
    timeline, problems = store.load_timeline(tmp_path)
    assert timeline.people == []
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith(f"{tmp_path / 'people.yaml'}:2:9: ")
    assert "python/object/apply:os.system is not allowed" in text


def test_load_keeps_records_with_problems_and_reports_them(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "date: '2020-03-02'", "date: '2020-02-30'")
    timeline, problems = store.load_timeline(tmp_path)
    assert len(timeline.events) == 2
    assert [p.field for p in problems] == ["date"]


# -- corrections that flow into the next extraction ----------------------------------------------


def test_corrected_publication_date_is_reported_on_every_later_extraction(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    assert store.edited_publication_dates(tmp_path) == {}
    edit(tmp_path / "articles.yaml", "published: '2020-03-03'", "published: 2020-03-04")
    assert store.edited_publication_dates(tmp_path) == {"a-1": "2020-03-04"}
    for _ in range(2):  # the pipeline feeds the correction back, so extraction echoes it
        echoed = make_timeline()
        echoed.articles[0].published = "2020-03-04"
        save(echoed, tmp_path)
        assert store.edited_publication_dates(tmp_path) == {"a-1": "2020-03-04"}
    assert load(tmp_path).articles[0].published == "2020-03-04"


def with_separate_lee() -> Timeline:
    """Extraction that failed to see 'Lee' and 'Ann Lee' are one person."""
    timeline = make_timeline()
    timeline.people[0].aliases = []
    timeline.people.append(Person("lee", "Lee"))
    timeline.statements[0].speaker = "lee"
    timeline.events[0].people = ["lee", "bo-chen"]
    return timeline


def test_merging_people_by_moving_a_name_into_aliases_moves_statements(tmp_path: Path) -> None:
    save(with_separate_lee(), tmp_path)
    edit(
        tmp_path / "people.yaml",
        "  name: Ann Lee\n  role: prime minister\n  aliases: []",
        "  name: Ann Lee\n  role: prime minister\n  aliases:\n  - Lee",
    )
    for _ in range(2):  # and it holds on the extraction after
        save(with_separate_lee(), tmp_path)
        timeline = load(tmp_path)
        assert [p.id for p in timeline.people] == ["ann-lee", "bo-chen"]
        assert timeline.statements[0].speaker == "ann-lee"
        assert {e.id: e.people for e in timeline.events}["oslo-talks"] == ["ann-lee", "bo-chen"]


def test_an_alias_extraction_gave_does_not_merge_a_person_it_kept_apart(tmp_path: Path) -> None:
    """Extraction calls Ann Lee "Lee" too, yet keeps a different "Lee" apart: re-saving keeps both."""
    timeline = with_separate_lee()
    timeline.people[0].aliases = ["Lee"]
    save(timeline, tmp_path)
    first = (tmp_path / "people.yaml").read_text(encoding="utf-8")
    save(timeline, tmp_path)
    assert (tmp_path / "people.yaml").read_text(encoding="utf-8") == first
    assert sorted(p.id for p in load(tmp_path).people) == ["ann-lee", "bo-chen", "lee"]


def test_person_given_a_new_id_keeps_their_statements(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "people.yaml", "- id: ann-lee", "- id: prime-minister-lee")
    save(make_timeline(), tmp_path)
    timeline = load(tmp_path)
    assert sorted(p.id for p in timeline.people) == ["bo-chen", "prime-minister-lee"]
    assert timeline.statements[0].speaker == "prime-minister-lee"


def test_renamed_person_keeps_id_and_new_name(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "people.yaml", "name: Ann Lee", "name: Ann Lee-Smith")
    save(make_timeline(), tmp_path)
    timeline = load(tmp_path)
    assert {p.id: p.name for p in timeline.people}["ann-lee"] == "Ann Lee-Smith"
    assert timeline.statements[0].speaker == "ann-lee"


# -- live preview: mkdocs serve shows an edit without a restart ----------------------------------

SERVE_YML = """\
site_name: Live preview
theme:
  name: material
plugins:
  - summit-timeline:
      data_dir: docs/data
      seeds_dir: seeds
"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost test server
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(condition, limit: float, what: str) -> None:
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"gave up after {limit:.0f} s waiting for {what}")


def test_mkdocs_serve_shows_a_yaml_edit_without_restart_or_reload_loop(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    write_files(tmp_path, {"mkdocs.yml": SERVE_YML, "seeds/.keep": ""})
    save(make_timeline(), tmp_path / "docs" / "data")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    page = f"http://127.0.0.1:{port}/timeline/"
    try:
        _wait_for(lambda: "Talks in Oslo" in _fetch(page), 90, "the first build to be served")
        builds_before = (tmp_path / "serve.log").read_text().count("Building documentation")
        edit(tmp_path / "docs" / "data" / "events.yaml", "title: Talks in Oslo", "title: Talks in Bergen")
        started = time.monotonic()
        _wait_for(lambda: "Talks in Bergen" in _fetch(page), 30, "the edit to reach the page")
        took = time.monotonic() - started
        time.sleep(4)  # a reload loop would rebuild again and again by now
        builds_after = (tmp_path / "serve.log").read_text().count("Building documentation")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert builds_after - builds_before <= 2, (tmp_path / "serve.log").read_text()
    assert took < 30


def test_written_files_keep_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    save(make_timeline(), tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "events.yaml").stat().st_mode) == 0o666 & ~umask
    (tmp_path / "people.yaml").chmod(0o640)
    edit(tmp_path / "people.yaml", "name: Bo Chen", "name: Chen Bo")
    again = make_timeline()
    again.people[0].role = "president"
    save(again, tmp_path)
    assert stat.S_IMODE((tmp_path / "people.yaml").stat().st_mode) == 0o640


# -- hostile edits and files extract cannot read -----------------------------------------

MERGE = (
    "import sys; from pathlib import Path; from generator import store\n"
    "from tests.store.test_store import make_timeline\n"
    "try:\n    print(store.save_timeline(make_timeline(), Path(sys.argv[1])))\n"
    "except store.StoreError as error:\n    print('StoreError:', error)"
)


@pytest.mark.parametrize("name", list(HOSTILE_EVENTS))
def test_hostile_edit_stops_the_merge_with_its_place_and_is_left_alone(tmp_path: Path, name: str) -> None:
    events, place, message = HOSTILE_EVENTS[name]
    save(make_timeline(), tmp_path)
    (tmp_path / "events.yaml").write_text(events, encoding="utf-8")
    run = run_bounded("-c", MERGE, str(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith(f"StoreError: {tmp_path / 'events.yaml'}:{place}: ")
    assert message in run.stdout and "extract again" in run.stdout
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == events


@pytest.mark.parametrize("name", ["100,000-deep list", "20,000-deep mapping"])
def test_deeply_nested_last_extraction_is_not_composed_and_edits_are_kept(tmp_path: Path, name: str) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "title: Talks in Oslo", "title: Oslo talks on trade")
    (tmp_path / ".extracted" / "events.yaml").write_text(HOSTILE_EVENTS[name][0], encoding="utf-8")
    run = run_bounded("-c", MERGE, str(tmp_path))
    assert run.returncode == 0 and not run.stdout.startswith("StoreError"), run.stdout + run.stderr[-2000:]
    assert "title: Oslo talks on trade" in (tmp_path / "events.yaml").read_text(encoding="utf-8")


def test_data_file_that_is_not_utf8_stops_the_merge_naming_it(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    (tmp_path / "events.yaml").write_bytes(b"- id: oslo-talks\n  title: Caf\xe9\n")
    with pytest.raises(store.StoreError) as raised:
        save(make_timeline(), tmp_path)
    assert str(raised.value).startswith(
        f"{tmp_path / 'events.yaml'}:2:13: is not UTF-8 text (byte 0xe9 at offset 29): save it as UTF-8."
    )
    assert (tmp_path / "events.yaml").read_bytes() == b"- id: oslo-talks\n  title: Caf\xe9\n"


def test_last_extraction_that_is_not_utf8_keeps_every_record_as_the_editors(tmp_path: Path) -> None:
    save(make_timeline(), tmp_path)
    edit(tmp_path / "events.yaml", "title: Talks in Oslo", "title: Oslo talks on trade")
    (tmp_path / ".extracted" / "events.yaml").write_bytes(b"- id: x\n  title: \xff\n")
    save(make_timeline(), tmp_path)
    assert "title: Oslo talks on trade" in (tmp_path / "events.yaml").read_text(encoding="utf-8")


def test_extract_names_a_data_file_that_is_not_utf8(tmp_path: Path) -> None:
    seeds = write_files(tmp_path / "seeds", {"talks.txt": "Leaders met in Oslo on 2 March 2020.\n"})
    write_files(tmp_path / "data", {"events.yaml": b"- id: oslo\n  title: Caf\xe9\n"})
    data = str(tmp_path / "data")
    run = run_bounded("-m", "generator", "extract", "--seeds", str(seeds), "--data", data, seconds=300)
    assert run.returncode == 2, run.stderr[-2000:]
    events = tmp_path / "data" / "events.yaml"
    assert f"summit-timeline: {events}:2:13: is not UTF-8 text (byte 0xe9 at offset 23): save it as UTF-8" in run.stderr
    assert "Traceback" not in run.stderr


def test_published_window_goes_to_yaml_only_when_set_and_comes_back() -> None:
    from generator.store._records import article_from_mapping, article_to_mapping

    plain = Article("p", "p.txt", 1, "A headline", "Text.")
    assert "published_window" not in article_to_mapping(plain)
    plain.published, plain.published_window = "2018", "2018-01-01/2018-03-18"
    mapping = article_to_mapping(plain)
    assert mapping["published_window"] == "2018-01-01/2018-03-18"
    assert article_from_mapping(mapping).published_window == "2018-01-01/2018-03-18"


def test_schema_accepts_a_window_and_rejects_a_malformed_one() -> None:
    from jsonschema import Draft202012Validator

    from generator.store._check import schema_text

    validator = Draft202012Validator(json.loads(schema_text("articles"))["items"])
    record = {"id": "a", "file": "a.txt", "part": 1, "title": "T", "published_window": "2018-01-01/2018-03-18"}
    assert validator.is_valid(record)
    assert not validator.is_valid({**record, "published_window": "2018-01/2018-03"})
