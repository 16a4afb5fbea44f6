"""One writer at a time per data folder: an `fcntl.flock` on `.lock` in it.

The kernel releases a flock when its process ends, however it ends, so a
lock is never stale. The file holds the holder's pid for the refusal message
and is removed on release; a process that locked a file someone removed
meanwhile notices (the path names another file, or none) and locks again.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from generator.errors import SummitTimelineError

LOCK_NAME = ".lock"
_HELD: set[str] = set()  # folders this process holds: a save inside a locked extract locks nothing more


class DataFolderBusy(SummitTimelineError):
    """Another process is writing the data folder."""


def _holder(path: Path) -> str:
    try:
        pid = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _same_file(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


def try_lock(data_dir: Path) -> int | None:
    """The locked file's descriptor, or None if another process holds the lock."""
    path = Path(data_dir) / LOCK_NAME
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            return None
        if _same_file(handle, path):
            return handle
        os.close(handle)  # the holder removed it as we opened it: lock the new one


def release(data_dir: Path, handle: int) -> None:
    with contextlib.suppress(OSError):
        os.unlink(Path(data_dir) / LOCK_NAME)  # before unlocking, so no one locks a removed file unawares
    os.close(handle)


@contextlib.contextmanager
def writer_lock(data_dir: Path, command: str = "summit-timeline extract") -> Iterator[None]:
    """Hold the data folder's lock, or refuse at once with a message saying who holds it."""
    data_dir = Path(data_dir)
    key = str(data_dir.resolve())
    if key in _HELD:
        yield
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = try_lock(data_dir)
    if handle is None:
        raise DataFolderBusy(
            f"another summit-timeline extract is writing {data_dir}{_holder(data_dir / LOCK_NAME)}; "
            f"wait for it to finish and run {command} again (nothing was written)"
        )
    _HELD.add(key)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        _HELD.discard(key)
        release(data_dir, handle)


@contextlib.contextmanager
def reader_repair(data_dir: Path) -> Iterator[bool]:
    """The lock if it is free (True: a reader may repair an interrupted save), else False.

    Readers (check, the site build) ask only when there is something to repair,
    so a `mkdocs serve` watching the folder does not see a lock file come and go.
    """
    data_dir = Path(data_dir)
    handle = None
    if str(data_dir.resolve()) in _HELD:
        yield True
        return
    if data_dir.is_dir():
        with contextlib.suppress(OSError):
            handle = try_lock(data_dir)
    try:
        yield handle is not None
    finally:
        if handle is not None:
            release(data_dir, handle)
