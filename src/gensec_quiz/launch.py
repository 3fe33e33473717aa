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
        return _open_window(data)
    from gensec_quiz.application.incidents import ErrorHook
    from gensec_quiz.cli import main as run_command

    # A bug reaches the interpreter's top level with the hook still installed: logged to the
    # data folder, told in one sentence, exit status 1.
    hook = ErrorHook(data, tell=lambda text: print(text, file=sys.stderr)).install()
    status = run_command(args, data=data)
    hook.uninstall()
    return status


def _open_window(data: DataFolder) -> int:
    """The app, with a last resort at start-up: what goes wrong before the window's own error
    hook is installed is one sentence on the terminal (logged when it is a bug), exit status 1."""
    from gensec_quiz.domain.errors import GensecError

    try:
        from gensec_quiz.app import run_app  # Qt: only when the window is wanted

        return run_app(data=data)
    except GensecError as error:
        print("\n".join(error.sentences()), file=sys.stderr)
        return 1
    except Exception as error:  # a bug at start-up: logged, told in one sentence
        from gensec_quiz.application.incidents import report

        print(report(data, error), file=sys.stderr)
        return 1
