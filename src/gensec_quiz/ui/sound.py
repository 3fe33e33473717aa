"""Optional sounds for right, partly right and wrong answers (off unless chosen in Settings).

A sound plays when an answer's feedback shows (practice and review: an exam shows none, so it
makes none). The tones are written once as small WAV files beside the stylesheet's marks and
played with QtMultimedia's `QSoundEffect`; where QtMultimedia cannot be loaded (no audio
libraries) the system's beep stands in. Tests pass a `SoundSink` of their own.
"""

from __future__ import annotations

import math
import os
import struct
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol

from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtWidgets import QApplication

SOUND_KEY = "appearance/sound"
Kind = Literal["right", "partial", "wrong"]
RATE = 22050
# (frequency in Hz, seconds) for each note of each sound
TUNES: dict[Kind, tuple[tuple[float, float], ...]] = {
    "right": ((784.0, 0.09), (1175.0, 0.14)),  # G5 then D6: up
    "partial": ((784.0, 0.12),),
    "wrong": ((220.0, 0.22),),  # A3: low
}


def kind_for(score: float) -> Kind:
    """Right (full marks), wrong (none) or partly right."""
    if score >= 0.999:
        return "right"
    if score <= 0.0:
        return "wrong"
    return "partial"


def sound_enabled(settings: QSettings) -> bool:
    return bool(settings.value(SOUND_KEY, False, type=bool))


class SoundSink(Protocol):
    def play(self, kind: Kind) -> None: ...


def write_tone(path: Path, notes: tuple[tuple[float, float], ...]) -> None:
    """A mono 16-bit WAV of the notes, each faded in and out so that it does not click."""
    frames = bytearray()
    for frequency, seconds in notes:
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.01))
        for n in range(count):
            envelope = min(1.0, n / fade, (count - n) / fade)
            sample = 0.35 * envelope * math.sin(2 * math.pi * frequency * n / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


class QtSoundSink:
    """Plays the tunes with QSoundEffect, or beeps when QtMultimedia is not available."""

    def __init__(self, folder: Path | None = None) -> None:
        owner = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
        self._folder = folder or Path(tempfile.gettempdir()) / f"gensec-quiz-sounds-{owner}"
        self._effects: dict[Kind, Any] = {}
        self._multimedia: bool | None = None

    def _effect(self, kind: Kind) -> Any:
        if kind in self._effects:
            return self._effects[kind]
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:  # no audio libraries on this computer
            self._multimedia = False
            return None
        path = self._folder / f"{kind}.wav"
        try:
            if not path.is_file():
                self._folder.mkdir(parents=True, exist_ok=True)
                write_tone(path, TUNES[kind])
        except OSError:
            self._multimedia = False
            return None
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.6)
        self._effects[kind] = effect
        self._multimedia = True
        return effect

    def play(self, kind: Kind) -> None:
        effect = None if self._multimedia is False else self._effect(kind)
        if effect is not None:
            effect.play()
        else:
            QApplication.beep()


class AnswerSounds(QObject):
    """Plays the sound of an answer's score when the learner chose sounds in Settings."""

    def __init__(self, settings: Callable[[], QSettings], sink: SoundSink | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.sink: SoundSink = sink or QtSoundSink()

    @Slot(float)
    def answer_shown(self, score: float) -> None:
        if sound_enabled(self._settings()):
            self.sink.play(kind_for(score))
