"""The `gensec-quiz` command line: one module per command under `commands/`."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from gensec_quiz import __version__
from gensec_quiz.domain.errors import CommandError, GensecError
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder

__all__ = ["COMMAND_MODULES", "CommandError", "build_parser", "main"]

# Each module defines `add_parser(subparsers)`, which sets `func` (args -> exit status). The
# data folder is built here, once, and handed to every command as `args.data`.
COMMAND_MODULES = ("records", "extract", "generate", "validate", "scores", "db", "due",
                   "pin", "results", "import_moodle", "export_anki")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gensec-quiz",
        description=tr("Quiz yourself on the General Secretaries of the CPSU. "
                       "With no command, opens the app."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"gensec_quiz.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, data: DataFolder | None = None) -> int:
    """Run one command; the exit status. The project's own errors are caught here, once, and
    printed as their sentences (status 1); anything else is a bug, left to the entry point's
    `ErrorHook` (`launch.py`), which logs it to the data folder. With no command, the usage is
    printed (`gensec-quiz` alone opens the app: see `launch.py`)."""
    parser = build_parser()
    args = parser.parse_args(_joined_values(sys.argv[1:] if argv is None else list(argv)))
    args.data = data if data is not None else DataFolder.default()
    if args.command is None:
        parser.print_help()
        return 0
    from gensec_quiz.application.privacy import keep_new_files_private

    previous_umask = keep_new_files_private()  # what a command creates: 0600 files, 0700 folders
    try:
        return _run(args)
    finally:
        os.umask(previous_umask)


def _run(args: argparse.Namespace) -> int:
    with _quiet_log(args.data):
        try:
            status: int = args.func(args)
        except GensecError as error:
            for sentence in error.sentences():
                print(sentence, file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
        except Exception as error:  # the last resort: a bug, logged, told in one sentence
            from gensec_quiz.application.incidents import report

            print(report(args.data, error), file=sys.stderr)
            return 1
    return status


# Options whose value may begin with "-" (`due --at -0001-01-01`): argparse would take the
# value for an option and stop with its usage; joined as `--at=VALUE` it reaches the command,
# which says what is wrong with it in a sentence.
_VALUE_OPTIONS = frozenset({"--at"})


def _joined_values(argv: list[str]) -> list[str]:
    joined: list[str] = []
    index = 0
    while index < len(argv):
        item = argv[index]
        if (item in _VALUE_OPTIONS and index + 1 < len(argv)
                and argv[index + 1].startswith("-") and argv[index + 1] != "--"):
            joined.append(f"{item}={argv[index + 1]}")
            index += 2
            continue
        joined.append(item)
        index += 1
    return joined


@contextlib.contextmanager
def _quiet_log(data: DataFolder) -> Iterator[None]:
    """While a command runs, what the modules log (SQLite's own messages, for example) goes to
    the data folder's log file, never to the terminal (unless logging was set up already)."""
    root = logging.getLogger()
    if root.handlers:
        yield
        return
    handler: logging.Handler = _LazyFileHandler(data.log)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()


class _LazyFileHandler(logging.Handler):
    """Appends records to a file, opened only when there is something to write."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.WARNING)
        self.path = path
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(self.format(record) + "\n")
        except OSError:
            pass  # a read-only or full data folder: the sentence on screen still says enough
