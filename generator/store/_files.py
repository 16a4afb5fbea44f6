"""Where the store's files live, and reading and writing them safely.

Data files are read through a cache keyed by each file's stat, so a `mkdocs
serve` rebuild after one file was saved parses and checks only that file.
Writes go through a temporary file beside the target and a rename.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.model import Problem
from generator.store import _yaml
from generator.store._check import FileData
from generator.store._records import KINDS

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


def write_all(outputs: dict[Path, str]) -> list[Path]:
    """Write every changed file via a temporary file beside it, then rename them all.

    The slow part (writing and syncing temporary files) finishes before the
    first rename, so an interrupted run leaves the previous files whole. The
    last extraction (`.extracted/`) is renamed before the data files.
    """
    pending: list[tuple[str, Path]] = []
    try:
        for path, text in sorted(outputs.items(), key=lambda item: EXTRACTED not in item[0].parts):
            if _holds(path, text):
                continue  # unchanged: keep its time stamp so `mkdocs serve` does not rebuild
            pending.append((_yaml.write_temp(path, text), path))
    except BaseException:
        for temp, _ in pending:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, path in pending:
        os.replace(temp, path)
    return [path for _, path in pending]


# Files read before: {path: (stat, data, problems)}.
_READ_CACHE: dict[str, tuple[tuple[int, int, int], FileData, list[Problem]]] = {}


def read_files(data_dir: Path) -> tuple[dict[str, FileData], list[Problem]]:
    """Safe-load the four files; problems for the files that cannot be read at all."""
    files: dict[str, FileData] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        files[kind], found = read_file(kind, data_path(Path(data_dir), kind))
        problems.extend(found)
    return files, problems


def read_file(kind: str, path: Path) -> tuple[FileData, list[Problem]]:
    """One file's records and the problems that kept it from being read (cached by stat)."""
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


def _read_file(kind: str, path: Path) -> tuple[FileData, list[Problem]]:
    name = str(path)
    try:
        text = _yaml.read_data(path)
        if text is None:  # removed since the stat
            return FileData(kind, name, [], _nowhere), []
        data = _yaml.load_fast(text)
    except _yaml.YamlError as error:
        return FileData(kind, name, None, _nowhere), [Problem(name, error.message, error.line, error.column)]
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
        return FileData(kind, name, None, locate), [problem]
    return FileData(kind, name, data, locate), []


def _nowhere(path: Any, key: bool = False) -> None:
    return None


def _lazy_locator(text: str) -> Callable[[Any, bool], tuple[int, int] | None]:
    parsed: list[_yaml.Parsed] = []

    def locate(path: Any, key: bool = False) -> tuple[int, int] | None:
        if not parsed:
            parsed.append(_yaml.parse(text))  # only when a problem needs a place
        return parsed[0].locate(path, key)

    return locate
