"""A save is one transaction: interrupted at any write, fsync or rename, the folder is old or new.

Each test drives the store as extract does (save, an editor's edit, save
again) and stops the second save at its Nth file operation, for every N the
save makes; then the next reader or run must find the old state or the new
one, and the run after it must produce exactly what an uninterrupted one does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from generator import store
from generator.store import _transaction
from tests.store.test_store import edit, make_timeline

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed_timeline():
    timeline = make_timeline()
    timeline.events[0].title = "Talks in Oslo end"
    timeline.events.append(replace(timeline.events[1], id="new-vote", title="A second vote"))
    timeline.people[1] = replace(timeline.people[1], role="defence minister")
    return timeline


def edited_folder(folder: Path) -> Path:
    """A folder as an editor leaves it: extracted once, then a field corrected, with a comment."""
    store.save_timeline(make_timeline(), folder)
    edit(folder / "events.yaml", "place: Oslo", "place: Oslo, Norway  # checked with the agency")
    return folder


class Stop(BaseException):
    """The run dies here (like Ctrl-C or kill -9: no code after it in the save runs)."""


FAULT_POINTS = [
    (_transaction, "write_bytes"),
    (_transaction, "replace_file"),
    (os, "fsync"),
]


def count_operations(tmp_path: Path) -> int:
    folder = edited_folder(tmp_path / "count")
    calls = []
    patches = pytest.MonkeyPatch()
    for module, name in FAULT_POINTS:
        original = getattr(module, name)

        def counting(*args, _original=original, **kwargs):
            calls.append(1)
            return _original(*args, **kwargs)

        patches.setattr(module, name, counting)
    try:
        store.save_timeline(changed_timeline(), folder)
    finally:
        patches.undo()
    return len(calls)


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("states")
    old = edited_folder(base / "old")
    new = shutil.copytree(old, base / "new")
    store.save_timeline(changed_timeline(), new)
    return {"old": snapshot(old), "new": snapshot(new), "count": count_operations(base)}


def save_stopped_at(folder: Path, stop_at: int, error: type[BaseException], monkeypatch: pytest.MonkeyPatch) -> bool:
    """Save the changed timeline, failing the `stop_at`th file operation; whether it failed."""
    calls: list[int] = []
    dead: list[int] = []

    def failing(original):
        def operation(*args, **kwargs):
            calls.append(1)
            if len(calls) == stop_at:
                dead.append(1)
                raise error("stopped here")
            return original(*args, **kwargs)

        return operation

    real_rmtree = shutil.rmtree
    with monkeypatch.context() as patches:
        for module, name in FAULT_POINTS:
            patches.setattr(module, name, failing(getattr(module, name)))
        if error is Stop:  # a killed process runs no clean-up either
            patches.setattr(_transaction.shutil, "rmtree", lambda *a, **k: None if dead else real_rmtree(*a, **k))
        try:
            store.save_timeline(changed_timeline(), folder)
        except error:
            return True
    return False


@pytest.mark.parametrize("error", [Stop, OSError, KeyboardInterrupt])
def test_every_interruption_leaves_old_or_new_and_the_next_run_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, states, error: type[BaseException]
) -> None:
    total = states["count"]
    assert total >= 10  # staged files, their fsyncs, the manifest, the renames
    outcomes = {"old": 0, "new": 0}
    for stop_at in range(1, total + 1):
        folder = edited_folder(tmp_path / f"{error.__name__}-{stop_at}")
        if not save_stopped_at(folder, stop_at, error, monkeypatch):
            # only a folder's fsync may fail unnoticed (some file systems cannot sync one)
            assert error is OSError and snapshot(folder) == states["new"]
        # The next reader (check, the site) repairs the folder: old state or new, nothing between.
        store.check_timeline(folder)
        now = snapshot(folder)
        assert now in (states["old"], states["new"]), f"stopped at operation {stop_at}: neither old nor new"
        outcomes["old" if now == states["old"] else "new"] += 1
        # The next run is correct: exactly what an uninterrupted save gives, the editor's edit kept.
        store.save_timeline(changed_timeline(), folder)
        assert snapshot(folder) == states["new"], f"stopped at operation {stop_at}: the next run differs"
        assert "place: Oslo, Norway  # checked with the agency" in (folder / "events.yaml").read_text()
    assert outcomes["old"] and outcomes["new"]  # both sides of the commit point were hit


def test_leftovers_of_older_versions_are_removed(tmp_path: Path) -> None:
    folder = edited_folder(tmp_path)
    (folder / ".events.yaml.abc123.tmp").write_text("half a file")
    (folder / ".transaction").mkdir()
    (folder / ".transaction" / "000-events.yaml").write_text("staged, never committed")
    before = snapshot(folder)
    store.check_timeline(folder)
    after = snapshot(folder)
    assert ".events.yaml.abc123.tmp" not in after
    assert not (folder / ".transaction").exists()
    assert after == {k: v for k, v in before.items() if "tmp" not in k and "transaction" not in k}


# -- one writer at a time ------------------------------------------------------------------------

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from generator import store
    with store.writer_lock(Path(sys.argv[1])):
        Path(sys.argv[2]).write_text("locked")
        while not Path(sys.argv[3]).exists():
            time.sleep(0.01)
    """
)


def wait_for(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def test_a_second_writer_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    folder = edited_folder(tmp_path / "data")
    before = snapshot(folder)
    ready, done = tmp_path / "ready", tmp_path / "done"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder), str(ready), str(done)], env=env)
    try:
        wait_for(ready)
        busy = rf"another summit-timeline extract is writing .*\(pid {holder.pid}\)"
        with pytest.raises(store.DataFolderBusy, match=busy):
            store.save_timeline(changed_timeline(), folder)
        assert {k: v for k, v in snapshot(folder).items() if k != ".lock"} == before
    finally:
        done.write_text("go")
        holder.wait(timeout=30)
    # The kernel released the lock with the process: the next save runs, and no lock file stays.
    store.save_timeline(changed_timeline(), folder)
    assert not (folder / ".lock").exists()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    folder = edited_folder(tmp_path / "data")
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder), str(ready), str(tmp_path / "never")], env=env
    )
    wait_for(ready)
    holder.kill()
    holder.wait(timeout=30)
    store.save_timeline(changed_timeline(), folder)  # not refused
    assert "Talks in Oslo end" in (folder / "events.yaml").read_text()


# -- an editor saving while extract writes --------------------------------------------------------


def test_an_editors_save_during_the_merge_is_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = edited_folder(tmp_path)
    merged_once = []
    real = store._merged_text

    def editor_saves_meanwhile(kind, *args):
        result = real(kind, *args)
        if kind == "events" and not merged_once:
            merged_once.append(1)
            edit(folder / "events.yaml", "title: Parliament votes", "title: Parliament votes on the budget")
        return result

    monkeypatch.setattr(store, "_merged_text", editor_saves_meanwhile)
    store.save_timeline(changed_timeline(), folder)
    text = (folder / "events.yaml").read_text()
    assert "title: Parliament votes on the budget" in text  # the editor's save
    assert "title: Talks in Oslo end" in text  # the extraction, merged into it
    assert "place: Oslo, Norway" in text


def test_an_editors_save_at_the_last_moment_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = edited_folder(tmp_path)
    real = _transaction.replace_file
    saved = []

    def editor_saves_just_before_the_renames(source, target):
        if not saved and source.name != "MANIFEST.json":
            saved.append(1)
            edit(folder / "events.yaml", "title: Parliament votes", "title: Parliament votes on the budget")
        real(source, target)

    monkeypatch.setattr(_transaction, "replace_file", editor_saves_just_before_the_renames)
    report = store.save_timeline(changed_timeline(), folder)
    assert report.kept_by_editor == ["events.yaml"]
    assert "title: Parliament votes on the budget" in (folder / "events.yaml").read_text()
    assert "Talks in Oslo end" not in (folder / ".extracted" / "events.yaml").read_text()  # the pair stays old
    assert "defence minister" in (folder / "people.yaml").read_text()  # other kinds are written
    monkeypatch.undo()
    store.save_timeline(changed_timeline(), folder)  # the next run merges into the editor's file
    text = (folder / "events.yaml").read_text()
    assert "title: Parliament votes on the budget" in text and "title: Talks in Oslo end" in text


# -- a real kill -9 ----------------------------------------------------------------------------

SAVE_BIG = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator import store
    from tests.store.test_transaction import big_timeline
    Path(sys.argv[2]).write_text("started")
    store.save_timeline(big_timeline(int(sys.argv[3])), Path(sys.argv[1]))
    """
)


def big_timeline(version: int):
    """A timeline large enough that its save takes a noticeable time."""
    from generator.model import Source, Statement

    timeline = make_timeline()
    timeline.statements = [
        Statement(f"s-{n}", "ann-lee", f"Quote number {n}, version {version}", "direct", Source("a-1", f"Said {n}."))
        for n in range(800)
    ]
    return timeline


@pytest.mark.parametrize("fraction", [0.3, 0.9])
def test_kill_9_at_a_point_of_the_save_leaves_old_or_new(tmp_path: Path, fraction: float) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    old = tmp_path / "old"
    store.save_timeline(big_timeline(1), old)
    new = shutil.copytree(old, tmp_path / "new")
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", SAVE_BIG, str(new), str(tmp_path / "s"), "2"], env=env, check=True, cwd=ROOT)
    duration = time.monotonic() - started
    folder = shutil.copytree(old, tmp_path / "killed")
    flag = tmp_path / "started"
    run = subprocess.Popen([sys.executable, "-c", SAVE_BIG, str(folder), str(flag), "2"], env=env, cwd=ROOT)
    wait_for(flag)
    time.sleep(duration * fraction / 2)  # the interpreter's start-up is before the flag: half is a guess
    run.kill()
    run.wait(timeout=30)
    store.check_timeline(folder)
    assert snapshot(folder) in (snapshot(old), snapshot(new))
    store.save_timeline(big_timeline(2), folder)
    assert snapshot(folder) == snapshot(new)
