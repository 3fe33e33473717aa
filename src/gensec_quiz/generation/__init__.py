"""generation layer: ordering, matching and date questions from a record set, seeded."""

from gensec_quiz.generation.api import (
    DIFFICULTIES,
    GENERATOR_VERSION,
    check_options,
    enumerate_questions,
    generate_for_facts,
    generate_question_set,
)
from gensec_quiz.generation.context import FOCUSES

__all__ = [
    "DIFFICULTIES",
    "FOCUSES",
    "GENERATOR_VERSION",
    "check_options",
    "enumerate_questions",
    "generate_for_facts",
    "generate_question_set",
]
