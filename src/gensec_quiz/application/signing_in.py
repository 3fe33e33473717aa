"""A learner picking or adding themselves on Home: on the Store, or at start-up, while the ORM
loads, on the `QuickStore` (the learners straight on the file). Both are a `LearnerBook`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from gensec_quiz.application.drafts import Drafts
    from gensec_quiz.storage.records import LearnerInfo, SessionInfo


class LearnerBook(Protocol):
    """What signing in needs of a store: the Store has it, and so has the start-up QuickStore."""

    def learners(self) -> list[LearnerInfo]: ...

    def add_learner(self, name: str) -> int: ...

    def unfinished_sessions(self, learner_id: int) -> list[SessionInfo]: ...


class SigningIn:
    """The learners to pick from, adding one (StoreError with a sentence when the name is
    refused), and the quizzes a learner left unfinished."""

    def __init__(self, book: LearnerBook, drafts: Drafts | None = None) -> None:
        self.book = book
        self.drafts = drafts

    def learners(self) -> list[LearnerInfo]:
        return self.book.learners()

    def add(self, name: str) -> int:
        return self.book.add_learner(name)

    def resumable(self, learner_id: int) -> list[SessionInfo]:
        """The learner's unfinished quizzes worth offering (as `quiz_run.resumable`)."""
        from gensec_quiz.application.quiz_run import resumable

        return resumable(self.book, learner_id, self.drafts)
