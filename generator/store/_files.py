"""Where the store's files live, and reading and writing them safely.

Data files are read through a cache keyed by each file's stat, so a `mkdocs
serve` rebuild after one file was saved parses and checks only that file.
Writes go through one transaction for the whole folder (see _transaction).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import Problem
from generator.store import _yaml
from generator.store._check import FileData
from generator.store._records import KINDS
from generator.store._transaction import Change

EXTRACTED = ".extracted"


def header(kind: str) -> str:
    return f"# yaml-language-server: $schema=./{kind}.schema.json\n"


def data_path(data_dir: Path, kind: str) -> Path:
    return data_dir / f"{kind}.yaml"


def extracted_path(data_dir: Path, kind: str) -> Path:
    return data_dir / EXTRACTED / f"{kind}.yaml"


def read_text(path: Path) -> str | None:
    """A data file's text, None if there is none; YamlError (located) if too large or not UTF-8."""
    return _yaml.read_data(path)


def _holds(path: Path, text: str) -> bool:
    """Whether `path` already holds exactly `text` (whatever it holds now, even bytes that are not UTF-8)."""
    try:
        return path.read_bytes() == text.encode("utf-8")
    except FileNotFoundError:
        return False


def changes_for(outputs: dict[Path, str], read: dict[Path, str | None]) -> list[Change]:
    """The files of `outputs` that change, as one transaction's changes.

    `read` maps each data file to the hash of the text the merge read: if the
    file holds something else at the commit, the editor saved it meanwhile,
    and it and its `.extracted/` copy are left alone (see _transaction).
    """
    changes = []
    for path, text in outputs.items():
        if _holds(path, text):
            continue  # unchanged: keep its time stamp so `mkdocs serve` does not rebuild
        kind = path.name.removesuffix(".yaml")
        group = kind if kind in KINDS and path.suffix == ".yaml" else ""
        guarded = path in read
        changes.append(Change(path, text, group, read.get(path), guarded))
    return changes


# Files read before: {path: (stat, data, problems, text if it loaded)}.
_READ_CACHE: dict[str, tuple[tuple[int, int, int], FileData, list[Problem], str | None]] = {}


@dataclass(frozen=True)
class UnreadableFile(Problem):
    """A data file that cannot be read at all; `shown` is the copy readers see instead ("" if none)."""

    shown: str = ""


def read_files(data_dir: Path, last_good: Path | None = None) -> tuple[dict[str, FileData], list[Problem]]:
    """Safe-load the four files; problems for the files that cannot be read at all.

    A file that cannot be read at all (a syntax error, say) is replaced by its
    last good copy, so one typo never empties the site. With `last_good` (a
    folder outside docs/: the site build's cache) each file is copied there
    whenever it loads cleanly, editor's corrections and all, and that copy is
    the best stand-in. Without one, `.extracted/` (what extraction wrote
    last, without the editor's corrections) is the best there is. The
    problem says which is shown.
    """
    data_dir = Path(data_dir)
    files: dict[str, FileData] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        path = data_path(data_dir, kind)
        files[kind], found = read_file(kind, path)
        copy = Path(last_good) / f"{kind}.yaml" if last_good else None
        if files[kind].records is None:
            files[kind], found = _instead_of(kind, data_dir, copy, files[kind], found)
        elif copy is not None:
            _remember_good(path, copy)
        problems.extend(found)
    return files, problems


def _instead_of(
    kind: str, data_dir: Path, copy: Path | None, broken: FileData, problems: list[Problem]
) -> tuple[FileData, list[Problem]]:
    stand_ins = [(copy, "its last version that loaded cleanly")] if copy else []
    stand_ins.append((extracted_path(data_dir, kind), f"{EXTRACTED}/{kind}.yaml, without the corrections made since"))
    for path, what in stand_ins:
        data, found = read_file(kind, path)
        if data.records is not None and not found and path.exists():
            note = f" (until it is fixed, the site shows {what})"
            return data, [_unreadable(p, note, str(path)) for p in problems]
    return broken, [_unreadable(p, " (until it is fixed, the site shows none of its records)", "") for p in problems]


def _unreadable(problem: Problem, note: str, shown: str) -> UnreadableFile:
    return UnreadableFile(problem.file, problem.message + note, problem.line, problem.column,
                          problem.record, problem.field, shown)


_REMEMBERED: dict[str, tuple[int, int, int]] = {}


def _remember_good(path: Path, copy: Path) -> None:
    """Keep the file as it loaded cleanly as `copy` (the text that loaded, not the file again)."""
    cached = _READ_CACHE.get(str(path.absolute()))
    if cached is None or cached[3] is None or _REMEMBERED.get(str(copy)) == cached[0]:
        return
    data = cached[3].encode("utf-8")
    try:
        if not _holds_bytes(copy, data):
            copy.parent.mkdir(parents=True, exist_ok=True)
            temp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, copy)
    except OSError:  # a folder one may not write: the site still builds, without the safety copy
        return
    _REMEMBERED[str(copy)] = cached[0]


def _holds_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


def read_file(kind: str, path: Path) -> tuple[FileData, list[Problem]]:
    """One file's records and the problems that kept it from being read (cached by stat).

    Keys written twice in a record are problems too, though the file loads.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return FileData(kind, str(path), [], _nowhere), []
    version = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    cache_key = str(path.absolute())
    cached = _READ_CACHE.get(cache_key)
    if cached is None or cached[0] != version:
        cached = (version, *_read_file(kind, path))
        _READ_CACHE[cache_key] = cached
    return cached[1], cached[2]


def _read_file(kind: str, path: Path) -> tuple[FileData, list[Problem], str | None]:
    """(records, problems, the text if it loaded as a list of records)."""
    name = str(path)
    try:
        text = _yaml.read_data(path)
        if text is None:  # removed since the stat
            return FileData(kind, name, [], _nowhere), [], None
        data, duplicates = _yaml.load_checked(text)
    except _yaml.YamlError as error:
        return FileData(kind, name, None, _nowhere), [Problem(name, error.message, error.line, error.column)], None
    locate = _lazy_locator(text)
    if data is None:
        data = []
    if not isinstance(data, list):
        problem = Problem(
            name,
            f"expected a list of records (each starting with '- ') but found {type(data).__name__}; "
            "see the first lines of the file as extract writes it",
            1,
            1,
        )
        return FileData(kind, name, None, locate), [problem], None
    problems = [Problem(name, d.message, d.line, d.column, d.record, d.key) for d in duplicates]
    return FileData(kind, name, data, locate), problems, text


def _nowhere(path: Any, key: bool = False) -> None:
    return None


def _lazy_locator(text: str) -> Callable[[Any, bool], tuple[int, int] | None]:
    parsed: list[_yaml.Parsed] = []

    def locate(path: Any, key: bool = False) -> tuple[int, int] | None:
        if not parsed:
            parsed.append(_yaml.parse(text))  # only when a problem needs a place
        return parsed[0].locate(path, key)

    return locate
