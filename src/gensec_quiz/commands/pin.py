"""`gensec-quiz pin set` and `gensec-quiz pin clear`: the teacher's PIN, for a technician (the
PIN is read from standard input, so a setup script can pipe it in)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import tr


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pin", help=tr("set or clear the teacher PIN"),
        description=tr("Set the PIN that opens the Teacher area (read from standard input, "
                       "its first line), or clear it."))
    parser.add_argument("action", choices=("set", "clear"),
                        help=tr("set: a new PIN from standard input; clear: no PIN"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.application.teacher_pin import TeacherPin

    folder = args.data
    pin = TeacherPin.in_folder(folder.root, lambda: datetime.now(UTC))
    if args.action == "clear":
        if pin.clear():
            print(tr("The teacher PIN is cleared: the Teacher area opens without one."))
        else:
            print(tr("No teacher PIN was set."))
        return 0
    if sys.stdin.isatty():
        print(tr("Type the new PIN and press Enter:"), file=sys.stderr)
    line = sys.stdin.readline()
    if not line:
        raise CommandError(tr("pin set: no PIN on standard input (pipe it in, for example "
                              "“echo 4821 | gensec-quiz pin set”)."))
    folder.create()
    pin.set(line.rstrip("\r\n"))
    from gensec_quiz.application.privacy import keep_private

    keep_private(folder)  # the folder 0700, the PIN file 0600, whatever made them before
    print(tr("The teacher PIN is set; it is kept as a salted hash in {path}.", path=pin.path))
    return 0
