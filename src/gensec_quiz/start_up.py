"""The app's first steps, taken before Qt is imported (a fifth of a second here): hold the data
folder (one copy per folder), and check its database and open the QuickStore on a thread, so
that SQLite's check (`quick_check`, P8) runs while Qt loads and paints the window.

`launch.py` begins it; `app.run_app` takes it over (and begins it itself when called alone).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from gensec_quiz.paths import DataFolder

if TYPE_CHECKING:
    from gensec_quiz.storage.instance import InstanceLock
    from gensec_quiz.storage.quick_store import QuickStore

T = TypeVar("T")
_log = logging.getLogger(__name__)


class Background(Generic[T]):
    """`work()` on its own thread, started at once; `result()` waits for it."""

    def __init__(self, work: Callable[[], T], *, name: str,
                 then: Callable[[], None] | None = None) -> None:
        self._work, self._then = work, then
        self._value: list[T] = []
        self._error: BaseException | None = None
        # Not a daemon: a store being created or upgraded is never cut off at exit.
        self._thread = threading.Thread(target=self._run, name=name)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value.append(self._work())
        except BaseException as error:  # handed to whoever waits (`result`)
            self._error = error
        if self._then is not None:
            try:
                self._then()
            except RuntimeError:  # the window (and its opener) went away meanwhile
                _log.debug("nobody to tell that %s ended", self._thread.name)

    def result(self) -> T:
        """What `work` returned (waiting for it), or what it raised, raised again."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value[0]

    def outcome(self) -> T | None:
        """What `work` returned (waiting for it), or None when it raised (logged)."""
        try:
            return self.result()
        except Exception:
            _log.exception("%s failed", self._thread.name)
            return None


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(UTC)


def check_in_background(folder: DataFolder, clock: Callable[[], datetime]
                        ) -> Background[QuickStore | None]:
    """The file's damage check and the QuickStore, on a thread (SQLite lets go of the GIL while
    it checks); None for a school server, which only the Store opens, or for a file only
    `open_store` may open (new, older, foreign)."""

    def work() -> QuickStore | None:
        if folder.server:
            return None
        from gensec_quiz.storage.quick_store import open_quick_store

        return open_quick_store(folder.database, clock=clock, backups_dir=folder.backups)

    return Background(work, name="gensec-quiz-check")


def import_in_background(module: str) -> Background[None]:
    """Import `module` on a thread (while Qt paints, the main thread hardly needs the GIL); a
    failure is left for the import on the main thread to meet again and report."""

    def work() -> None:
        try:
            importlib.import_module(module)
        except Exception:
            _log.debug("importing %s failed", module, exc_info=True)

    return Background(work, name=f"gensec-quiz-import-{module}")


@dataclass
class StartUp:
    """The data folder held by this copy (`refusal` says why not), and its file's check."""

    folder: DataFolder
    lock: InstanceLock | None
    refusal: str
    checking: Background[QuickStore | None] | None

    @classmethod
    def begin(cls, data: DataFolder, clock: Callable[[], datetime]) -> StartUp:
        """Files made from now on are private; the folder is created and held; its file is
        checked on a thread when this copy holds it (never while another copy runs)."""
        from gensec_quiz.application.privacy import keep_new_files_private
        from gensec_quiz.storage.instance import InstanceLock

        keep_new_files_private()  # what the app creates is its owner's only (0700 and 0600)
        folder = data.create()
        lock = InstanceLock(folder.root)
        if not lock.acquire():
            return cls(folder, None, str(lock.message()), None)
        return cls(folder, lock, "", check_in_background(folder, clock))
