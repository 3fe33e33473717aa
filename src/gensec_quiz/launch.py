"""The `gensec-quiz` entry point: with no arguments the app opens, otherwise the command line runs.

It sits above both (`app.py`, the window, and `cli.py`, the commands), so that neither imports
the other; and it builds the one `DataFolder` both are handed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gensec_quiz.paths import DataFolder


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    data = DataFolder.default()
    if not args:
        from gensec_quiz.app import run_app  # Qt: only when the window is wanted

        return run_app(data=data)
    from gensec_quiz.application.incidents import ErrorHook
    from gensec_quiz.cli import main as run_command

    # A bug reaches the interpreter's top level with the hook still installed: logged to the
    # data folder, told in one sentence, exit status 1.
    hook = ErrorHook(data, tell=lambda text: print(text, file=sys.stderr)).install()
    status = run_command(args, data=data)
    hook.uninstall()
    return status
