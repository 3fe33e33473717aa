"""The `gensec-quiz` command line: one module per command under `commands/`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gensec_quiz import __version__
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import tr

# Each module defines `add_parser(subparsers)`, which sets `func` (args -> exit status).
COMMAND_MODULES = ("records", "extract", "generate", "validate", "scores", "db", "due")


class CommandError(Exception):
    """A problem the user can act on: printed as one sentence, exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gensec-quiz",
        description=tr("Quiz yourself on the General Secretaries of the CPSU. "
                       "With no command, opens the app."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"gensec_quiz.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"gensec_quiz.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from gensec_quiz.app import run_app

        return run_app()
    try:
        status: int = args.func(args)
    except InputError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return 1
    except CommandError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return status
