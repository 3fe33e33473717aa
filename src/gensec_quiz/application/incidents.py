"""Unexpected errors: written to a log file in the data folder, told to the user in one sentence.

The project's own errors (`GensecError`) carry sentences and are shown as they are; anything
else is a bug. Each entry point installs one `ErrorHook` (`sys.excepthook`) that does this, so
no module below catches "any exception" to keep going.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType

from gensec_quiz.domain.errors import GensecError
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder

_log = logging.getLogger(__name__)


def report(folder: DataFolder, error: BaseException,
           trace: TracebackType | None = None) -> str:
    """Append the error and its traceback to the data folder's log; the sentence to show."""
    lines = traceback.format_exception(type(error), error, trace or error.__traceback__)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        folder.create()
        with folder.log.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp} ---\n{''.join(lines)}\n")
    except OSError:
        _log.exception("the log file %s cannot be written", folder.log)
        return tr("Something went wrong inside GenSec Quiz ({kind}); your saved answers are "
                  "safe.", kind=type(error).__name__)
    return tr("Something went wrong inside GenSec Quiz; your saved answers are safe. The "
              "details are in {log}.", log=folder.log)


class ErrorHook:
    """`sys.excepthook` for one entry point: the project's own errors are told as their
    sentences, anything else is logged to the data folder and told in one sentence."""

    def __init__(self, folder: DataFolder, tell: Callable[[str], None]) -> None:
        self.folder = folder
        self.tell = tell
        self._previous = sys.excepthook

    def install(self) -> ErrorHook:
        self._previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def sentence(self, error: BaseException, trace: TracebackType | None = None) -> str:
        if isinstance(error, GensecError):
            return "\n".join(error.sentences())
        return report(self.folder, error, trace)

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        self.tell(self.sentence(error, trace))
