"""A save of the data folder as one transaction: after any interruption, old state or new.

The new files are written into `.transaction/` (each fsynced), then a
manifest naming them, written last and fsynced: that rename is the commit
point. Only then are the files renamed into place. Whoever next opens the
folder (extract, check, the site build) finishes a committed transaction
(roll forward) or deletes an uncommitted one (roll back), so an interrupted
save never leaves `.extracted/` newer than the data files it describes.

Each data file's entry also holds the hash of the text the merge read. If the
file holds something else when its turn comes (an editor saved it meanwhile),
it and its `.extracted/` copy are left alone: the editor's file is kept, and
the next extract merges into it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.store._yaml import mode_for

STAGING = ".transaction"
MANIFEST = "MANIFEST.json"
_TEMP_SUFFIX = ".tmp"


def digest(data: bytes | None) -> str | None:
    """The hash a manifest records for a file's content (None: no file)."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


@dataclass
class Change:
    """One file the save writes; `group` files are applied together or not at all."""

    target: Path
    text: str
    group: str = ""
    # The hash of the target as the merge read it; set for the editor's files only.
    expected: str | None = None
    guarded: bool = False


@dataclass
class Applied:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # changed by someone else meanwhile: left as it is


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in `path` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    with open(path, "xb") as handle:
        os.fchmod(handle.fileno(), mode)
        write_bytes(handle, data)
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes(handle: object, data: bytes) -> None:
    """The one place a staged file's bytes are written (tests make it fail)."""
    handle.write(data)  # type: ignore[attr-defined]


def commit(data_dir: Path, changes: Iterable[Change]) -> Applied:
    """Write `changes` as one transaction (see the module's docstring); the caller holds the lock."""
    data_dir = Path(data_dir)
    changes = list(changes)
    recover(data_dir)
    if not changes:
        return Applied()
    staging = data_dir / STAGING
    try:
        _stage(data_dir, staging, changes)
    except BaseException:
        if not committed(data_dir):
            shutil.rmtree(staging, ignore_errors=True)  # not committed: the old state stands, whole
        raise
    return _apply(data_dir)


def _stage(data_dir: Path, staging: Path, changes: list[Change]) -> None:
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    entries = []
    for number, change in enumerate(changes):
        name = f"{number:03d}-{change.target.name}"
        data = change.text.encode("utf-8")
        _write_synced(staging / name, data, mode_for(change.target))
        entries.append(
            {
                "staged": name,
                "target": change.target.relative_to(data_dir).as_posix(),
                "group": change.group,
                "expected": change.expected,
                "guarded": change.guarded,
                "new": digest(data),
            }
        )
    fsync_dir(staging)
    manifest = json.dumps({"version": 1, "files": entries}, indent=1).encode("utf-8")
    _write_synced(staging / (MANIFEST + _TEMP_SUFFIX), manifest, 0o644)
    replace_file(staging / (MANIFEST + _TEMP_SUFFIX), staging / MANIFEST)
    fsync_dir(staging)  # the commit point: from here on the new state wins


def committed(data_dir: Path) -> bool:
    """Whether a save was committed but not yet fully applied (the next run finishes it)."""
    return (Path(data_dir) / STAGING / MANIFEST).is_file()


def recover(data_dir: Path) -> Applied:
    """Finish a committed save, or undo an uncommitted one; remove leftovers of older versions."""
    data_dir = Path(data_dir)
    applied = Applied()
    staging = data_dir / STAGING
    if staging.is_dir():
        if (staging / MANIFEST).is_file():
            applied = _apply(data_dir)
        else:
            shutil.rmtree(staging, ignore_errors=True)
            fsync_dir(data_dir)
    _remove_old_temp_files(data_dir)
    return applied


def needs_repair(data_dir: Path) -> bool:
    """Whether an interrupted save left something for `recover` to finish or clean."""
    data_dir = Path(data_dir)
    if (data_dir / STAGING).exists():
        return True
    return any(any(folder.glob(".*.yaml.*.tmp")) for folder in _temp_folders(data_dir) if folder.is_dir())


def _temp_folders(data_dir: Path) -> tuple[Path, ...]:
    return (data_dir, data_dir / ".extracted")


def _remove_old_temp_files(data_dir: Path) -> None:
    # Earlier versions wrote `.events.yaml.xxxx.tmp` beside the target and could leave them.
    for folder in _temp_folders(data_dir):
        if folder.is_dir():
            for leftover in folder.glob(".*.yaml.*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _read_manifest(staging: Path) -> list[dict[str, object]] | None:
    try:
        data = json.loads((staging / MANIFEST).read_text("utf-8"))
        files = data["files"]
        return files if isinstance(files, list) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _apply(data_dir: Path) -> Applied:
    """Rename a committed transaction's files into place (again safe after any interruption)."""
    staging = data_dir / STAGING
    entries = _read_manifest(staging)
    applied = Applied()
    if entries is None:  # a manifest is written whole before its rename, so this is damage: undo
        shutil.rmtree(staging, ignore_errors=True)
        return applied
    skipped_groups: set[str] = set()
    # Guarded files (the editor's) decide for their group, so they go first.
    for entry in sorted(entries, key=lambda e: not e.get("guarded")):
        staged = staging / str(entry["staged"])
        target = data_dir / str(entry["target"])
        group = str(entry.get("group") or "")
        if group and group in skipped_groups:
            with contextlib.suppress(OSError):
                staged.unlink()
            continue
        if not staged.exists():
            continue  # renamed by the interrupted run already
        if entry.get("guarded"):
            now = file_digest(target)
            if now != entry.get("expected") and now != entry.get("new"):
                # Someone saved it since the merge read it: theirs wins, with the group's other
                # files dropped first, so an interruption here still finds this one to decide again.
                skipped_groups.add(group)
                for other in entries:
                    if group and other.get("group") == group and other["staged"] != entry["staged"]:
                        with contextlib.suppress(OSError):
                            (staging / str(other["staged"])).unlink()
                applied.kept.append(target)
                staged.unlink()
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(staged, target)
        applied.written.append(target)
    folders = {data_dir} | {(data_dir / str(e["target"])).parent for e in entries}
    for folder in folders:
        fsync_dir(folder)
    (staging / MANIFEST).unlink(missing_ok=True)
    fsync_dir(staging)
    shutil.rmtree(staging, ignore_errors=True)
    fsync_dir(data_dir)
    return applied


def replace_file(source: Path, target: Path) -> None:
    """The one rename into place (tests make it fail)."""
    os.replace(source, target)
