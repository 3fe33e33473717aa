"""One copy of the app per data folder: an OS file lock, released by the OS when the process dies.

The lock is `flock` on POSIX and `msvcrt.locking` on Windows, taken without waiting on
`<data folder>/gensec-quiz.lock`. Nothing is left behind that could go stale: when the holder
exits or is killed, the operating system drops the lock. The holder writes its process id into
the file so that a second copy can say who holds it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from gensec_quiz.i18n import tr

LOCK_NAME = "gensec-quiz.lock"


class InstanceLock:
    """`acquire()` is True for the only copy on this data folder, False while another runs."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._file: IO[str] | None = None
        self._folder: int | None = None
        self._folder_only = False

    @property
    def held(self) -> bool:
        return self._file is not None or self._folder_only

    def acquire(self) -> bool:
        if self.held:
            return True
        with contextlib.suppress(OSError):  # a folder that cannot be made: nothing to lock
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # The folder itself is locked too (POSIX): deleting the lock file while the app runs
        # then lets no second copy in.
        folder = _lock_folder(self.path.parent)
        if folder is False:
            return False
        handle = _open_lock_file(self.path)
        if handle is None:  # a read-only data folder: the folder's own lock has to do
            if folder is None:
                return True  # nothing can be locked, nor written: the store will say so
            self._folder, self._folder_only = folder, True
            return True
        if not _try_lock(handle) or not _still_named(handle, self.path):
            handle.close()
            _release_folder(folder)
            return False
        self._folder = folder
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        except OSError:
            pass  # read-only or full: the lock holds all the same, only the process id is missing
        self._file = handle
        return True

    def release(self) -> None:
        handle, self._file = self._file, None
        folder, self._folder = self._folder, None
        self._folder_only = False
        if handle is None:
            _release_folder(folder)
            return
        try:
            handle.seek(0)
            handle.truncate()
            _unlock(handle)
        finally:
            handle.close()
            _release_folder(folder)

    def holder_pid(self) -> int | None:
        """The process id the current holder wrote, when it can be read."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def message(self) -> str:
        """The sentence a second copy shows."""
        pid = self.holder_pid()
        if pid is None:
            return tr("GenSec Quiz is already open with this data folder; switch to that window.")
        return tr("GenSec Quiz is already open with this data folder (process {pid}); switch to "
                  "that window.", pid=pid)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _open_lock_file(path: Path) -> IO[str] | None:
    """The lock file, for writing its process id; read-only when the folder is; None when it
    cannot be opened at all."""
    for mode in ("a+", "r"):
        try:
            return open(path, mode, encoding="ascii")
        except OSError:
            continue
    return None


def _still_named(handle: IO[str], path: Path) -> bool:
    """Whether the file locked is still the one at `path` (not deleted or replaced meanwhile)."""
    try:
        mine, named = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_folder(_folder: Path) -> int | bool | None:
        return None  # Windows will not delete a file another process has open

    def _release_folder(_descriptor: int | bool | None) -> None:
        return None

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_folder(folder: Path) -> int | bool | None:
        """An exclusive lock on the folder: its descriptor, None if it cannot be opened, or
        False when another process holds it."""
        try:
            descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        except OSError:
            os.close(descriptor)
            return None
        return descriptor

    def _release_folder(descriptor: int | bool | None) -> None:
        if isinstance(descriptor, int) and not isinstance(descriptor, bool):
            os.close(descriptor)  # closing drops the lock

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
