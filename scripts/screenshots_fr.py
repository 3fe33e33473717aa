"""The French screenshots: `screenshots_fr.py OUTDIR` (docs/screenshots/fr by default).

Runs the two screenshot scripts with the interface in French (the catalogue and Qt's own
qtbase_fr) into a temporary folder, and keeps the four pictures the README shows in French:
Home, a question with its feedback, Progress and the Teacher area (the builder), light theme.
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KEPT = {"home-light.png": "home.png", "quiz-date-feedback-light.png": "quiz-date-feedback.png",
        "quiz-ordering-feedback-light.png": "quiz-ordering-feedback.png",
        "progress-light.png": "progress.png", "teacher-build-light.png": "teacher-build.png",
        "teacher-classroom-light.png": "teacher-classroom.png"}


def speak_french() -> None:
    """Install French before any window is made, and give every QApplication Qt's French."""
    import gensec_quiz.app as app_module
    from gensec_quiz.i18n import install
    from gensec_quiz.ui.language import install_qt_language

    install("fr")
    made = app_module.make_application

    def make_application(argv: Any = None) -> Any:
        app = made(argv)
        install_qt_language(app, "fr")
        return app

    app_module.make_application = make_application  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else HERE.parent / "docs" / "screenshots" / "fr")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    speak_french()
    with tempfile.TemporaryDirectory(prefix="gensec-shots-fr-") as folder:
        shots = Path(folder)
        for script in ("screenshots.py", "teacher_screenshots.py"):
            sys.argv = [script, str(shots)]
            try:
                runpy.run_path(str(HERE / script), run_name="__main__")
            except SystemExit as done:
                if done.code not in (0, None):
                    return int(done.code or 1)
        for name, kept in KEPT.items():
            shutil.copyfile(shots / name, out / kept)
            print(out / kept, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
