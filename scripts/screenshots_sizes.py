"""Save the main screens at the sizes learners have, in every theme:
`screenshots_sizes.py OUTDIR [SCREEN ...]`.

Three screens and text sizes (800x600 at 11 pt and at 16 pt, 1280x800 at 24 pt) times three
themes (light, dark, high contrast), for Home, a question of each kind, a feedback, the
results, progress, timeline, records, settings and every tab of the Teacher area: files named
`SCREEN-WxH-SIZEpt-THEME.png`. The real window runs on a temporary data folder, with the demo
history of screenshots.py. Naming screens keeps only those.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screenshots import Shooter, say
from shots import settle

from gensec_quiz.ui.main_window import ScreenKey

CASES = ((800, 600, 11), (800, 600, 16), (1280, 800, 24))
THEMES = ("light", "dark", "contrast")


class SizeShooter(Shooter):
    """The demo window of screenshots.py, grabbed at each size, text size and theme."""

    def __init__(self, out: Path, data_dir: Path, wanted: set[str]) -> None:
        super().__init__(out, data_dir)
        self.wanted = wanted
        self.too_big: list[str] = []

    def shot(self, name: str, before: Callable[[], None] | None = None) -> None:
        if self.wanted and name not in self.wanted:
            return
        for width, height, size in CASES:
            for theme_name in THEMES:
                self._choose(theme_name, size)
                settle(self.app)  # the minimum sizes of the new text size, then the size
                self.window.resize(width, height)
                settle(self.app)
                if before is not None:
                    before()
                    settle(self.app)
                if (self.window.width(), self.window.height()) != (width, height):
                    self.too_big.append(f"{name} at {width}x{height}, {size} pt: the window "
                                        f"stays {self.window.width()}x{self.window.height()}")
                path = self.out / f"{name}-{width}x{height}-{size}pt-{theme_name}.png"
                self.window.grab().save(str(path))
                self.saved.append(path.name)

    def _choose(self, theme_name: str, size: int) -> None:
        """The theme and text size, applied and saved as Settings would (its page shows them)."""
        settings = self.theme.open_settings(self.data_dir)
        settings.setValue(self.theme.THEME_KEY, theme_name)
        settings.setValue(self.theme.TEXT_SIZE_KEY, size)
        settings.sync()
        self.theme.apply_theme(self.app, theme_name, size)
        if self.window.is_built(ScreenKey.SETTINGS):
            self.window.settings.appearance.load()

    def feedback_shot(self, name: str, quiz: Any) -> None:
        """One feedback per size and theme: the matching's (it has wrong pairs)."""
        if name == "quiz-matching":
            self.shot("quiz-feedback", lambda: self._scroll_to_feedback(quiz))

    def run(self) -> int:
        self.setup()
        self.history()
        self.show(ScreenKey.HOME)
        self.shot("home")
        self.quiz_tour()
        for key in (ScreenKey.PROGRESS, ScreenKey.TIMELINE, ScreenKey.RECORDS):
            self.show(key)
            self.shot(key.value)
        self.show(ScreenKey.SETTINGS)
        self.window.settings.show_page("appearance")
        self.shot("settings")
        self._teacher()
        self.theme.apply_theme(self.app, "light", self.theme.DEFAULT_TEXT_SIZE)
        say(f"saved {len(self.saved)} pictures in {self.out}")
        for line in self.too_big:
            say(line)
        if self.context.store is not None:
            self.context.store.close()
        return 1 if self.too_big else 0

    def _teacher(self) -> None:
        access: Any = self.context.teacher_access
        if not access.go_on_without_pin():
            say("the teacher area is behind a PIN: its picture is skipped")
            return
        self.show(ScreenKey.TEACHER)
        self.window.teacher.show_tab("build")
        self.window.teacher.builder.generate()
        self.settle()
        self.shot("teacher-build")
        for tab in ("records", "results", "learners", "classroom"):
            self.window.teacher.show_tab(tab)
            self.settle()
            self.shot(f"teacher-{tab}")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        say("usage: screenshots_sizes.py OUTDIR [SCREEN ...]")
        return 2
    out = Path(argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="gensec-shots-") as folder:
        os.environ["GENSEC_QUIZ_DATA_DIR"] = folder
        return SizeShooter(out, Path(folder), set(argv[2:])).run()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
