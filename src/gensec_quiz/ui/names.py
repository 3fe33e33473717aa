"""Display names of question kinds, quiz modes and difficulties, each defined (and marked) once.

The constants hold the English text marked with `N_`; the functions translate it where it is
shown, so a change of language needs no restart of this module.
"""

from __future__ import annotations

from gensec_quiz.domain.questions import QuestionType
from gensec_quiz.i18n import N_, tr

# One question's kind, as a teacher names it.
KIND_NAMES = {"ordering": N_("Ordering"), "matching": N_("Matching"), "date": N_("Date"),
              "choice": N_("Multiple choice")}
# Scores gathered by kind (results, progress).
KIND_GROUPS = {"ordering": N_("Ordering"), "matching": N_("Matching"), "date": N_("Dates")}
# The Home screen's and the builder's kind boxes, with their keyboard accelerators.
KIND_CHOICES: tuple[tuple[QuestionType, str], ...] = (
    ("ordering", N_("&Ordering")), ("matching", N_("M&atching")), ("date", N_("Da&tes")))
MODE_NAMES = {"practice": N_("Practice"), "exam": N_("Exam"), "review": N_("Review")}
DIFFICULTY_NAMES = (N_("Easy"), N_("Medium"), N_("Hard"))


def kind_name(kind: str) -> str:
    """One question's kind ("Date"); an unknown kind is shown as it is stored."""
    return tr(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def kind_group_name(kind: str) -> str:
    """A kind as a group of scores ("Dates")."""
    return tr(KIND_GROUPS[kind]) if kind in KIND_GROUPS else kind


def mode_name(mode: str) -> str:
    """A quiz mode ("Practice"); an unknown mode is shown as it is stored."""
    return tr(MODE_NAMES[mode]) if mode in MODE_NAMES else mode


def difficulty_names() -> list[str]:
    """Easy, Medium, Hard in the interface's language (index 0 is difficulty 1)."""
    return [tr(name) for name in DIFFICULTY_NAMES]
