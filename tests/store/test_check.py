"""Validation of the data files: every problem located and explained."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.store import _check, _emit, _yaml, check_timeline, load_timeline, record_count
from tests.conftest import write_files

GOOD = {
    "articles.yaml": "- id: a-1\n  file: a.txt\n  part: 1\n  title: Leaders meet\n  published: 2020-03-03\n",
    "people.yaml": "- id: ann-lee\n  name: Ann Lee\n  aliases: [Lee]\n- id: bo-chen\n  name: Bo Chen\n",
    "events.yaml": (
        "- id: oslo-talks\n  date: 2020-03-02\n  title: Talks in Oslo\n  type: meeting\n"
        "  people: [ann-lee]\n  sources:\n  - article: a-1\n    text: They met in Oslo.\n"
    ),
    "statements.yaml": (
        "- id: s-1\n  speaker: ann-lee\n  text: We agree\n  kind: direct\n  event: oslo-talks\n"
        "  source:\n    article: a-1\n    text: '\"We agree,\" Lee said.'\n"
    ),
}


def problems_for(tmp_path: Path, **files: str) -> list[str]:
    contents = dict(GOOD)
    contents.update({f"{name}.yaml": text for name, text in files.items()})
    write_files(tmp_path, contents)
    return [str(p) for p in check_timeline(tmp_path)]


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_good_files_have_no_problems(tmp_path: Path) -> None:
    assert problems_for(tmp_path) == []
    assert record_count(tmp_path) == 5


def test_impossible_date(tmp_path: Path) -> None:
    events = GOOD["events.yaml"].replace("2020-03-02", "2018-02-30")
    problem = only(problems_for(tmp_path, events=events))
    assert problem.startswith(f"{tmp_path / 'events.yaml'}:2:9: oslo-talks.date: '2018-02-30' is not a day")
    assert "February 2018 has 28 days" in problem


def test_date_in_a_form_not_accepted_suggests_the_right_form(tmp_path: Path) -> None:
    events = GOOD["events.yaml"].replace("2020-03-02", "2 March 2020")
    problem = only(problems_for(tmp_path, events=events))
    assert ":2:9: oslo-talks.date: '2 March 2020' is not a date in a form this file accepts" in problem
    assert "(2020-03-02)" in problem


def test_year_alone_is_a_date(tmp_path: Path) -> None:
    assert problems_for(tmp_path, events=GOOD["events.yaml"].replace("2020-03-02", "2020")) == []


def test_unknown_person_id_suggests_the_near_one(tmp_path: Path) -> None:
    statements = GOOD["statements.yaml"].replace("speaker: ann-lee", "speaker: ann-le")
    problem = only(problems_for(tmp_path, statements=statements))
    assert ":2:12: s-1.speaker: unknown id 'ann-le'" in problem
    assert "did you mean 'ann-lee'?" in problem


def test_unknown_people_in_event_article_and_event_ids(tmp_path: Path) -> None:
    events = GOOD["events.yaml"].replace("[ann-lee]", "[ann-lee, cy-dora]").replace("article: a-1", "article: a-9")
    statements = GOOD["statements.yaml"].replace("event: oslo-talks", "event: oslo")
    problems = problems_for(tmp_path, events=events, statements=statements)
    joined = "\n".join(problems)
    assert "oslo-talks.people[1]: unknown id 'cy-dora'" in joined
    assert "oslo-talks.sources[0].article: unknown id 'a-9'" in joined
    assert "s-1.event: unknown id 'oslo'" in joined
    assert len(problems) == 3


def test_duplicate_id(tmp_path: Path) -> None:
    people = GOOD["people.yaml"] + "- id: ann-lee\n  name: Ann Lee again\n"
    problem = only(problems_for(tmp_path, people=people))
    assert ":6:7: ann-lee.id: duplicate id 'ann-lee', already used at line 1" in problem


def test_unknown_key_says_did_you_mean(tmp_path: Path) -> None:
    people = GOOD["people.yaml"].replace("  name: Bo Chen", "  name: Bo Chen\n  rol: minister")
    problem = only(problems_for(tmp_path, people=people))
    assert ":6:3: bo-chen.rol: unknown field 'rol'; did you mean 'role'?" in problem


def test_missing_field_and_wrong_type(tmp_path: Path) -> None:
    statements = GOOD["statements.yaml"].replace("  kind: direct\n", "").replace("text: We agree", "text: [We, agree]")
    problems = problems_for(tmp_path, statements=statements)
    assert any("s-1: missing required field 'kind'; add it (kind: direct or kind: indirect)" in p for p in problems)
    assert any("s-1.text: expected text but received a list" in p for p in problems)


def test_kind_must_be_direct_or_indirect(tmp_path: Path) -> None:
    statements = GOOD["statements.yaml"].replace("kind: direct", "kind: quote")
    problem = only(problems_for(tmp_path, statements=statements))
    assert "s-1.kind: 'quote' is not allowed here; expected one of: direct, indirect" in problem


def test_bad_id_explains_the_form(tmp_path: Path) -> None:
    people = GOOD["people.yaml"].replace("id: bo-chen", "id: Bo Chen")
    problem = only(problems_for(tmp_path, people=people))
    assert "Bo Chen.id: 'Bo Chen' is not a valid id; ids use lowercase letters, digits and hyphens" in problem


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    people = GOOD["people.yaml"].replace("aliases: [Lee]", "aliases: [Lee")
    problems = problems_for(tmp_path, people=people)
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'people.yaml'}:4:")
    assert "YAML syntax error" in problems[0]


def test_source_sentence_no_longer_in_article(tmp_path: Path) -> None:
    write_files(tmp_path, GOOD)
    texts = {"a-1": 'They met\nin  Oslo. "We agree," Lee said.'}  # line breaks and spacing do not matter
    assert check_timeline(tmp_path, article_texts=texts) == []
    problem = only([str(p) for p in check_timeline(tmp_path, article_texts={"a-1": "They met in Oslo."})])
    assert "s-1.source.text: the sentence" in problem and "no longer occurs in article 'a-1'" in problem


CAPTION_EVENT = (
    "- id: oslo-lunch\n  date: 2020-03-01\n  title: Lunch in Oslo\n  type: meeting\n"
    "  sources:\n  - article: a-1\n    text: Lee and Chen at their lunch in Oslo on 1 March 2020\n    caption: true\n"
)


def test_caption_source_is_checked_against_the_captions(tmp_path: Path) -> None:
    write_files(tmp_path, {**GOOD, "events.yaml": GOOD["events.yaml"] + CAPTION_EVENT})
    texts = {"a-1": 'They met in Oslo. "We agree," Lee said.'}
    captions = {"a-1": ["Lee and Chen at their lunch in  Oslo on 1 March 2020"]}
    assert check_timeline(tmp_path, article_texts=texts, article_captions=captions) == []
    # old files, with no `caption`, stay valid; the sentence is looked for in the body then
    assert check_timeline(tmp_path, article_texts=texts) == []
    # the caption edited away is reported, and so is a caption sentence looked for in the body
    edited = {"a-1": ["Lee and Chen at dinner in Oslo"]}
    problem = only([str(p) for p in check_timeline(tmp_path, article_texts=texts, article_captions=edited)])
    assert "oslo-lunch.sources[0].text: the sentence" in problem
    assert "no longer occurs in the photo captions of article 'a-1'" in problem
    in_body = CAPTION_EVENT.replace("    caption: true\n", "")
    write_files(tmp_path, {**GOOD, "events.yaml": GOOD["events.yaml"] + in_body})
    problem = only([str(p) for p in check_timeline(tmp_path, article_texts=texts, article_captions=captions)])
    assert "no longer occurs in article 'a-1'" in problem


def test_caption_flag_is_a_boolean(tmp_path: Path) -> None:
    events = GOOD["events.yaml"] + CAPTION_EVENT.replace("caption: true", "caption: yes please")
    problem = only(problems_for(tmp_path, events=events))
    assert "oslo-lunch.sources[0].caption" in problem


def test_no_data_files_says_what_to_do(tmp_path: Path) -> None:
    problem = only([str(p) for p in check_timeline(tmp_path / "data")])
    assert "run `summit-timeline extract` first" in problem


def test_problem_format_is_file_line_column_record_field(tmp_path: Path) -> None:
    events = GOOD["events.yaml"].replace("2020-03-02", "2020-13-02")
    write_files(tmp_path, {**GOOD, "events.yaml": events})
    _, problems = load_timeline(tmp_path)
    (problem,) = problems
    assert (problem.line, problem.column, problem.record, problem.field) == (2, 9, "oslo-talks", "date")
    assert str(problem) == f"{tmp_path / 'events.yaml'}:2:9: oslo-talks.date: {problem.message}"


def test_edited_file_is_checked_again(tmp_path: Path) -> None:
    write_files(tmp_path, GOOD)
    assert check_timeline(tmp_path) == []
    path = tmp_path / "people.yaml"
    path.write_text(GOOD["people.yaml"].replace("name: Bo Chen", "name: 7"))
    assert [p.field for p in check_timeline(tmp_path)] == ["name"]


# -- the quick schema test agrees with jsonschema ----------------------------------------------

RECORDS = [
    {"id": "x", "name": "X"},
    {"id": "x"},
    {"id": "X y", "name": "X"},
    {"id": "x", "name": "X", "aliases": ["a", 3]},
    {"id": "x", "name": "X", "extra": 1},
    {"id": "x", "name": ""},
    {"id": "x", "name": "X", "role": None},
    {"id": "x", "name": "X", "role": 5},
    {"id": "e", "date": "2020", "title": "t"},
    {"id": "e", "date": 2020, "title": "t"},
    {"id": "e", "date": 20, "title": "t"},
    {"id": "e", "date": True, "title": "t"},
    {"id": "e", "date": "2020-1-1", "title": "t"},
    {"id": "e", "date": "2020", "title": "t", "sources": [{"article": "a", "text": "s"}]},
    {"id": "e", "date": "2020", "title": "t", "sources": [{"article": "a"}]},
    {"id": "e", "date": "2020", "title": "t", "importance": -1},
    {"id": "e", "date": "2020", "title": "t", "background": 1},
    {"id": "s", "speaker": None, "text": "t", "kind": "direct"},
    {"id": "s", "speaker": None, "text": "t", "kind": "Direct"},
    {"id": "s", "speaker": "a", "text": "t", "kind": "direct", "source": {"article": "a", "text": "t", "x": 1}},
]


@pytest.mark.parametrize("kind", ["people", "events", "statements", "articles"])
def test_quick_schema_test_agrees_with_jsonschema(kind: str) -> None:
    schema = json.loads(_check.schema_text(kind))["items"]
    quick = _check.compile_schema(schema)
    full = Draft202012Validator(schema)
    for record in RECORDS:
        assert quick(record) == full.is_valid(record), record


def test_schemas_are_valid_json_schema_and_strict() -> None:
    for kind in ("people", "events", "statements", "articles"):
        schema = json.loads(_check.schema_text(kind))
        Draft202012Validator.check_schema(schema)
        assert schema["items"]["additionalProperties"] is False


# -- writing: values come back as they went ---------------------------------------------------

AWKWARD = [
    "yes", "No", "on", "null", "~", "", "  lead", "trail ", "a: b", "a #b", "#x", "- x", "12:30",
    "0123", "1e5", ".5", "2018-07-16", "'q'", '"dq"', "it's", "a\nb", "tab\there", "\x85", "\u2028",
    "\ufeffbom", "😀", "“quotes” — dash", "[x]", "{y}", "@at", "`bt", "%p", "!bang", "&a", "*b", "|p",
    ">f", "...", "---", "a:", "TRUE", "back\\slash", "\x07bell", "\x7f", "<<",
]


def test_written_values_read_back_identical_in_yaml_1_1_and_1_2() -> None:
    records = [
        {"id": "r", "text": value, "list": [value], "source": {"text": value}, "sources": [{"text": value}]}
        for value in AWKWARD
    ] + [{"id": "n", "none": None, "float": 0.5, "tiny": 1e-7, "int": 3, "flag": False, "empty": []}]
    text = _emit.dump_records(records)
    assert _yaml.load_fast(text) == records
    assert yaml.safe_load(text) == records  # what a plain PyYAML reader sees


def test_unknown_speaker_named_like_a_person_suggests_their_id(tmp_path: Path) -> None:
    statements = GOOD["statements.yaml"].replace("speaker: ann-lee", "speaker: lee")
    problem = only(problems_for(tmp_path, statements=statements))
    assert "s-1.speaker: unknown id 'lee'" in problem and "did you mean 'ann-lee'?" in problem


def test_load_with_article_texts_reports_lost_sentences(tmp_path: Path) -> None:
    write_files(tmp_path, GOOD)
    _, problems = load_timeline(tmp_path, article_texts={"a-1": "Nothing of the sort."})
    assert sorted(p.record for p in problems) == ["oslo-talks", "s-1"]


def test_every_unknown_key_is_reported(tmp_path: Path) -> None:
    people = GOOD["people.yaml"].replace("  name: Bo Chen", "  name: Bo Chen\n  rol: minister\n  nationality: x")
    problems = problems_for(tmp_path, people=people)
    assert [p.split(": ", 2)[1] for p in problems] == ["bo-chen.rol", "bo-chen.nationality"]


# -- hostile edits: refused where they are, in bounded time and memory ---------------------

ROOT = Path(__file__).resolve().parent.parent.parent
EVENT = "- id: lol\n  date: 2020-03-02\n  title: Lols\n  type: meeting\n"


def run_bounded(*args: str, seconds: float = 60) -> subprocess.CompletedProcess[str]:
    """`python args...` in a child limited in time and to 2 GB, so a crash, hang or blow-up fails the test."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=seconds, preexec_fn=limit_memory, cwd=ROOT, env=env
    )


def billion_laughs() -> str:
    names = "abcdefghi"
    chain = "".join(f"- &{names[n + 1]} [{', '.join([f'*{names[n]}'] * 9)}]\n" for n in range(8))
    return EVENT + "  topics: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + chain + EVENT + "  topics: *i\n"


def one_summary_repeated() -> str:
    first = EVENT + f"  summary: &s {'word ' * 40_000}\n"
    return first + "".join(
        f"- {{id: e-{n}, date: 2020-03-02, title: T, type: meeting, summary: *s}}\n" for n in range(2000)
    )


HOSTILE_EVENTS = {
    # name: (events.yaml, line:column of the problem, what the message says)
    "100,000-deep list": (EVENT + "  topics: " + "[" * 100_000 + "]" * 100_000 + "\n", "5:29", "nested more than 20"),
    "20,000-deep mapping": (EVENT + "  topics: " + "{a: " * 20_000 + "x" + "}" * 20_000 + "\n", "5:83", "nested"),
    "billion laughs": (billion_laughs(), "5:11", "the anchor &a is not allowed"),
    "200 KB summary repeated by aliases": (one_summary_repeated(), "5:12", "the anchor &s is not allowed"),
    "text over the length limit": (EVENT + f"  summary: {'x' * 100_001}\n", "5:12", "100,001 characters, over"),
}


def test_billion_laughs_has_its_famous_size() -> None:
    assert len(billion_laughs().encode()) < 600


@pytest.mark.parametrize("name", list(HOSTILE_EVENTS))
def test_hostile_data_file_is_refused_by_check_with_its_place(tmp_path: Path, name: str) -> None:
    events, place, message = HOSTILE_EVENTS[name]
    write_files(tmp_path, {**GOOD, "events.yaml": events})
    run = run_bounded("-m", "generator", "check", "--data", str(tmp_path), "--seeds", str(tmp_path / "no-seeds"))
    assert run.returncode == 1, run.stderr[-2000:]
    assert f"{tmp_path / 'events.yaml'}:{place}: " in run.stdout
    assert message in run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("name", list(HOSTILE_EVENTS))
def test_hostile_data_file_is_refused_by_the_site_build_which_goes_on(tmp_path: Path, name: str) -> None:
    events, place, message = HOSTILE_EVENTS[name]
    write_files(tmp_path / "data", {**GOOD, "events.yaml": events})
    run = run_bounded(
        "-c",
        "import sys; from pathlib import Path; from generator.pipeline import load_site_timeline\n"
        "site = load_site_timeline(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print(len(site.timeline.events), len(site.timeline.articles)); print(*site.problems, sep='\\n')",
        str(tmp_path / "data"),
        str(tmp_path / "no-seeds"),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    counts, *problems = run.stdout.splitlines()
    assert counts == "0 1"  # the refused file's records are left out, the others load
    assert any(p.startswith(f"{tmp_path / 'data' / 'events.yaml'}:{place}: ") and message in p for p in problems)


def test_file_over_the_size_limit_is_refused_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, GOOD)
    monkeypatch.setattr(_yaml, "MAX_FILE_BYTES", 100)
    problems = problems_for(tmp_path)
    assert f"{tmp_path / 'events.yaml'}: is over 0 MB, the limit for a data file" in problems[0]


def test_real_scale_data_is_within_the_limits() -> None:
    # 20,000 statements (~9 MB) and a record's four levels of nesting must never meet a limit.
    assert _yaml.MAX_FILE_BYTES >= 100 * 9 * 1024 * 1024 // 4
    assert _yaml.MAX_DEPTH >= 4 * 4
    nested = "- id: e\n  sources:\n  - article: a\n    text: " + "t" * 20_000 + "\n"
    assert _yaml.load_fast(nested)[0]["sources"][0]["article"] == "a"


def test_alias_is_refused_even_without_an_anchor_of_its_own(tmp_path: Path) -> None:
    problem = only(problems_for(tmp_path, people="- id: ann-lee\n  name: *who\n"))
    assert problem.startswith(f"{tmp_path / 'people.yaml'}:2:9: the alias *who repeats a value")


def test_data_file_that_is_not_utf8_is_named_with_the_byte_and_its_place(tmp_path: Path) -> None:
    write_files(tmp_path, {**GOOD, "events.yaml": b"- id: oslo-talks\n  title: Caf\xe9\n"})
    problem = only([str(p) for p in check_timeline(tmp_path)])
    assert problem == (
        f"{tmp_path / 'events.yaml'}:2:13: is not UTF-8 text (byte 0xe9 at offset 29): save it as UTF-8"
        " (until it is fixed, the site shows none of its records)"
    )


BAD_URLS = {
    "https://[example.com]/a": "is not a valid web address",
    "javascript:alert(1)": "is not an http:// or https:// address",
    "https://example.com:99999/a": "is not a valid web address",
    "https:///news": "names no host",
    "https://example.com/a b": "contains a space",
}


@pytest.mark.parametrize("url", list(BAD_URLS))
def test_invalid_url_is_reported_with_its_place_and_left_out_of_the_site(tmp_path: Path, url: str) -> None:
    articles = GOOD["articles.yaml"] + f"  url: '{url}'\n"
    write_files(tmp_path, {**GOOD, "articles.yaml": articles})
    problem = only([str(p) for p in check_timeline(tmp_path)])
    assert problem.startswith(f"{tmp_path / 'articles.yaml'}:6:8: a-1.url: ")
    assert BAD_URLS[url] in problem
    timeline, problems = load_timeline(tmp_path)
    assert timeline.articles[0].url is None and len(problems) == 1


def test_good_url_is_kept(tmp_path: Path) -> None:
    articles = GOOD["articles.yaml"] + "  url: https://news.example.com/2020/03/leaders?page=2#top\n"
    write_files(tmp_path, {**GOOD, "articles.yaml": articles})
    timeline, problems = load_timeline(tmp_path)
    assert problems == [] and timeline.articles[0].url == "https://news.example.com/2020/03/leaders?page=2#top"


def test_site_build_with_an_invalid_url_finishes_without_it(tmp_path: Path) -> None:
    articles = GOOD["articles.yaml"] + "  url: https://[example.com]/a\n"
    write_files(tmp_path / "data", {**GOOD, "articles.yaml": articles})
    out = tmp_path / "site"
    data, seeds = str(tmp_path / "data"), str(tmp_path / "no-seeds")
    run = run_bounded("-m", "generator", "render", "--data", data, "--seeds", seeds, "--out", str(out))
    assert run.returncode == 0, run.stderr[-2000:]
    written = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "Leaders meet" in written and "[example.com]" not in written
