"""Bringing a teacher's Moodle questions in: a Moodle XML file read into a question set.

`import_moodle_xml(path)` is what the builder's Import button calls: the whole set, or an
InputError naming every question that could not be kept (with its place and the reason).
`read_moodle_file(path)` keeps what it can and lists the rest, for callers that let the
teacher go on without those questions (`gensec-quiz import --keep-readable`).
"""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.bank.moodle_xml_read import MAX_CHARACTERS, MoodleImport, read_moodle_questions
from gensec_quiz.bank.textfiles import read_user_text
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import QuestionSet

MAX_BYTES = MAX_CHARACTERS


def read_moodle_file(path: Path) -> MoodleImport:
    """The questions of a Moodle XML file, each one left out named with the reason; a file
    that is missing, too big, not text, not XML, not a Moodle quiz, unsafe (a DTD or
    entities) or without any question raises InputError in one sentence."""
    text = read_user_text(path, max_bytes=MAX_BYTES)
    return read_moodle_questions(text, where=str(path))


def import_moodle_xml(path: Path) -> QuestionSet:
    """The question set in a Moodle XML file; InputError lists every question that could not
    be kept (and a bad file in one sentence)."""
    found = read_moodle_file(path)
    if found.left_out:
        raise InputError(found.left_out)
    return found.question_set
