"""Unexpected errors: written to a log file in the data folder, told to the user in one sentence.

The project's own errors (`GensecError`) carry sentences and are shown as they are; anything
else is a bug. Each entry point (the window, the command line) calls `report` for those, once.
"""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, datetime
from types import TracebackType

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
