"""Work the start-up hands to threads: the database's check and the QuickStore while Qt paints
the window, the ORM and the Store once Home is up (see `app.StoreOpener`)."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from gensec_quiz.paths import DataFolder

if TYPE_CHECKING:
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


def check_in_background(folder: DataFolder, clock: Callable[[], datetime],
                        then_import: Sequence[str] = ()) -> Background[QuickStore | None]:
    """The file's damage check and the QuickStore, on a thread (SQLite lets go of the GIL while
    it checks); None for a school server, which only the Store opens, or for a file only
    `open_store` may open (new, older, foreign).

    Then, on the same thread, the modules `then_import` (never one that defines Qt widgets):
    what the first screen needs that is plain Python, imported while Qt paints the window,
    instead of after it. One that fails to import is left for its importer to meet again."""

    def work() -> QuickStore | None:
        quick = None
        if not folder.server:
            from gensec_quiz.storage.quick_store import open_quick_store

            quick = open_quick_store(folder.database, clock=clock, backups_dir=folder.backups)
        for name in then_import:
            try:
                importlib.import_module(name)
            except Exception:  # the screen that needs it imports it again, and says why
                _log.debug("importing %s ahead failed", name, exc_info=True)
        return quick

    return Background(work, name="gensec-quiz-check")
