"""The `gensec-quiz` command line: one module per command under `commands/`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gensec_quiz import __version__
from gensec_quiz.domain.errors import CommandError, GensecError
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder

__all__ = ["COMMAND_MODULES", "CommandError", "build_parser", "main"]

# Each module defines `add_parser(subparsers)`, which sets `func` (args -> exit status). The
# data folder is built here, once, and handed to every command as `args.data`.
COMMAND_MODULES = ("records", "extract", "generate", "validate", "scores", "db", "due",
                   "pin")


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
    args = parser.parse_args(argv)
    args.data = data if data is not None else DataFolder.default()
    if args.command is None:
        parser.print_help()
        return 0
    try:
        status: int = args.func(args)
    except GensecError as error:
        for sentence in error.sentences():
            print(sentence, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return status
