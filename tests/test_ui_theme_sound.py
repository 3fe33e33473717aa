"""Optional sounds for right and wrong answers: off by default, chosen in Settings, played when
an answer's feedback shows (never in an exam, which shows none)."""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.domain.session import Mode
from gensec_quiz.ui.main_window import ScreenKey
from gensec_quiz.ui.sound import TUNES, Kind, kind_for, write_tone
from ui_core_support import App, answer_widget, order_by_keyboard, submit


class FakeSink:
    def __init__(self) -> None:
        self.played: list[Kind] = []

    def play(self, kind: Kind) -> None:
        self.played.append(kind)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    application = App(qtbot, tmp_path, FakeClock())
    application.add_learner("Anna", monkeypatch)
    return application


def _sounds_on(app: App, qtbot: QtBot) -> None:
    app.window.show_screen(ScreenKey.SETTINGS)
    box = app.window.settings.appearance.sound
    assert not box.isChecked()  # off by default
    box.click()
    assert box.isChecked()


def test_no_sound_is_played_unless_chosen(app: App) -> None:
    sink = FakeSink()
    app.window.sounds.sink = sink
    app.context.signals.answer_shown.emit(1.0)
    app.context.signals.answer_shown.emit(0.0)
    assert sink.played == []


def test_each_score_plays_its_own_sound_once_chosen(app: App, qtbot: QtBot) -> None:
    sink = FakeSink()
    app.window.sounds.sink = sink
    _sounds_on(app, qtbot)
    for score in (1.0, 0.5, 0.0):
        app.context.signals.answer_shown.emit(score)
    assert sink.played == ["right", "partial", "wrong"]


def test_the_quiz_plays_the_sound_of_each_answer_shown(app: App, qtbot: QtBot) -> None:
    sink = FakeSink()
    app.window.sounds.sink = sink
    _sounds_on(app, qtbot)
    app.start(Mode.PRACTICE)
    order_by_keyboard(qtbot, answer_widget(app))
    submit(app)
    assert sink.played == ["right"]


def test_an_exam_makes_no_sound(app: App, qtbot: QtBot) -> None:
    sink = FakeSink()
    app.window.sounds.sink = sink
    _sounds_on(app, qtbot)
    app.start(Mode.EXAM)
    order_by_keyboard(qtbot, answer_widget(app))
    submit(app)
    assert sink.played == []


def test_the_setting_is_kept(app: App, qtbot: QtBot) -> None:
    from gensec_quiz.ui import theme
    from gensec_quiz.ui.sound import sound_enabled

    _sounds_on(app, qtbot)
    assert sound_enabled(theme.open_settings(app.context.data_dir))


def test_scores_choose_right_partial_or_wrong() -> None:
    assert kind_for(1.0) == "right"
    assert kind_for(0.5) == kind_for(0.01) == "partial"
    assert kind_for(0.0) == "wrong"


def test_the_tones_are_short_valid_wav_files(tmp_path: Path) -> None:
    for kind, notes in TUNES.items():
        path = tmp_path / f"{kind}.wav"
        write_tone(path, notes)
        with wave.open(str(path)) as sound:
            seconds = sound.getnframes() / sound.getframerate()
            assert sound.getnchannels() == 1 and 0.05 < seconds < 0.5


def test_without_qt_multimedia_the_system_beep_stands_in(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gensec_quiz.ui import sound

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # importing it fails
    beeps: list[int] = []
    monkeypatch.setattr(sound.QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    sound.QtSoundSink(tmp_path).play("right")
    sound.QtSoundSink(tmp_path).play("wrong")
    assert beeps == [1, 1]
