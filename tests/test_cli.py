"""The command line, run as a user runs it: `summit-timeline …` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_files

EXECUTABLE = Path(sys.executable).parent / "summit-timeline"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXECUTABLE), *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=300)


def test_dates_command_prints_json_with_offsets() -> None:
    result = run("dates", "--reference", "2018-07-17", "-", stdin="The leaders met yesterday.")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record == {"start": 16, "end": 25, "text": "yesterday", "type": "DATE", "value": "2018-07-16"}


def test_dates_command_rejects_a_bad_reference() -> None:
    result = run("dates", "--reference", "2018-02-30", "-", stdin="today")
    assert result.returncode == 2
    assert "not a day of the calendar" in result.stderr


def test_a_knowledge_file_with_an_unquoted_on_stops_every_command_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "event_types.yaml").write_text("setting_prepositions: [over, on]\n", encoding="utf-8")
    result = subprocess.run(
        [str(EXECUTABLE), "quotes", "-"], input="Ann Lee said on Monday that the talks went well.",
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "SUMMIT_TIMELINE_KNOWLEDGE": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "event_types.yaml: setting_prepositions[1] is read as true" in result.stderr
    assert "Traceback" not in result.stderr


def test_module_entry_point_works_like_the_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "dates", "--reference", "2018-07-17", "-"],
        input="in 2014",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["value"] == "2014"


def test_quotes_command_prints_statements_with_full_speaker_names(tmp_path: Path) -> None:
    text = (
        "Foreign Minister Anna Lindqvist arrived in Oslo on Monday.\n\n"
        "“We want peace,” Lindqvist said. “Nothing else matters.”\n"
    )
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    result = run("quotes", str(tmp_path / "story.txt"))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records, "expected at least one statement"
    first = records[0]
    assert first["speaker"] == "Anna Lindqvist"
    assert first["kind"] == "direct"
    assert text[first["start"] : first["end"]] == first["text"]
    assert "We want peace" in first["text"]


def test_missing_input_file_is_a_clear_error() -> None:
    result = run("dates", "no-such-file.txt")
    assert result.returncode == 2
    assert "no-such-file.txt" in result.stderr


def test_render_writes_the_pages_and_downloads_to_a_folder(tmp_path: Path) -> None:
    result = run("render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "timeline" / "index.md").is_file() or (tmp_path / "out" / "timeline.md").is_file()
    assert (tmp_path / "out" / "downloads" / "events.ics").is_file()
    assert not (ROOT / "docs" / "timeline").exists()  # nothing written into docs/


def test_check_command_reports_located_problems_and_exit_status(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "docs" / "data", data)
    ok = run("check", "--data", str(data))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "no problems found" in ok.stdout
    events = data / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: '2018-07-16'", "date: '2018-02-30'", 1), encoding="utf-8"
    )
    bad = run("check", "--data", str(data))
    assert bad.returncode == 1
    assert "events.yaml:" in bad.stdout and ".date:" in bad.stdout


def test_extract_names_and_skips_an_article_past_the_time_budget_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli, pipeline
    from tests._stalling_analysis import STALL_MARKER, analyse_or_stall

    seeds = write_files(
        tmp_path / "seeds",
        {
            "calm.txt": "published: 2019-05-02\n\nThe two leaders met in Vienna on Tuesday.\n",
            "stalls.txt": f"published: 2019-05-03\n\nThis {STALL_MARKER} is about talks in Oslo.\n",
        },
    )
    # In this process (--jobs 1) the stage the pipeline calls can be replaced.
    monkeypatch.setattr(pipeline, "analyse_article", analyse_or_stall)
    data = tmp_path / "data"
    status = cli.main(["extract", "--seeds", str(seeds), "--data", str(data), "--no-cache", "--time-budget", "1"])
    out, err = capsys.readouterr()
    assert status == 0
    assert "skipped stalls.txt: took longer than 1 s of CPU time (the per-article time budget)" in err
    assert "extracted 1 article parts" in out and "skipped 1 " in out
    assert "calm.txt" in (data / "articles.yaml").read_text(encoding="utf-8")
    assert "stalls.txt" not in (data / "articles.yaml").read_text(encoding="utf-8")


def test_extract_refuses_a_negative_time_budget(tmp_path: Path) -> None:
    result = run("extract", "--seeds", str(tmp_path), "--data", str(tmp_path / "data"), "--time-budget", "-1")
    assert result.returncode == 2
    assert "--time-budget must be 0 (no limit) or more seconds" in result.stderr
    assert not (tmp_path / "data").exists()


def test_the_command_line_default_time_budget_is_the_pipelines() -> None:
    from generator import cli, pipeline

    assert cli.DEFAULT_TIME_BUDGET == pipeline.DEFAULT_TIME_BUDGET


# -- interrupted and concurrent runs --------------------------------------------------------------


def test_ctrl_c_during_extract_says_nothing_was_written_and_exits_130(tmp_path: Path) -> None:
    import os
    import signal
    import time

    # enough articles that the run is still at work when the signal comes on a busy machine
    story = "Leaders meet\n\n" + "The two leaders met in Oslo on Monday and said they would meet again. " * 20
    write_files(tmp_path, {f"seeds/{n:02d}.txt": story for n in range(40)})
    data = tmp_path / "data"
    process = subprocess.Popen(
        [str(EXECUTABLE), "extract", "--seeds", "seeds", "--data", "data", "--no-cache"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while not (data / ".lock").exists() and process.poll() is None:  # the run has started its work
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert process.returncode == 130
    assert "interrupted: nothing was written to data" in stderr
    assert not [p for p in data.rglob("*") if p.is_file()] if data.exists() else True
    assert os.path.exists(tmp_path / "seeds" / "00.txt")


def test_ctrl_c_after_the_commit_point_says_the_next_run_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli, pipeline, store
    from generator.store import _transaction
    from tests.store.test_store import make_timeline

    def extract_stopped_while_renaming(seeds, data, **kwargs):
        original = _transaction.replace_file

        def stop_after_manifest(source, target):
            original(source, target)
            if Path(target).name == "MANIFEST.json":
                raise KeyboardInterrupt

        monkeypatch.setattr(_transaction, "replace_file", stop_after_manifest)
        store.save_timeline(make_timeline(), data)

    monkeypatch.setattr(pipeline, "extract", extract_stopped_while_renaming)
    data = tmp_path / "data"
    assert cli.main(["extract", "--seeds", str(tmp_path), "--data", str(data)]) == 130
    assert "will be finished by the next run" in capsys.readouterr().err
    monkeypatch.undo()
    assert not (data / "events.yaml").exists()
    assert cli.main(["check", "--data", str(data), "--seeds", str(tmp_path)]) == 0  # check finishes it
    assert "Talks in Oslo" in (data / "events.yaml").read_text(encoding="utf-8")
    assert not (data / ".transaction").exists()


def test_extract_refuses_while_another_run_holds_the_data_folder(tmp_path: Path) -> None:
    import time

    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom generator import store\n"
         "with store.writer_lock(Path(sys.argv[1])):\n    Path(sys.argv[2]).write_text('x')\n    time.sleep(120)\n",
         str(data), str(tmp_path / "ready")],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "ready").exists():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        result = run("extract", "--seeds", str(tmp_path), "--data", str(data))
        assert result.returncode == 2
        assert f"another summit-timeline extract is writing {data} (pid {holder.pid}); wait for it" in result.stderr
    finally:
        holder.kill()
        holder.wait()
