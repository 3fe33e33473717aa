"""The project's own errors, in one place: each carries sentences a learner or teacher can act on.

`GensecError` is the root. Entry points (the window in `app.py`, the command line in `cli.py`)
catch it once and show its sentences; anything else is a bug, logged to the data folder.

- `InputError`: input refused whole; `problems` lists every problem with its place.
- `StoreError`: the store refused an operation or could not write (an `InputError` too, so that
  callers checking input catch it).
- `CommandError`: a command-line option or argument that cannot be used.
- `NothingToReview`: a review was asked for and nothing is due; the sentence says when.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, and where: `FILE:LINE: column` or a path like `questions[3].type`."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class GensecError(Exception):
    """A problem the user can act on; `str(error)` is one sentence (or one line per problem)."""

    def sentences(self) -> tuple[str, ...]:
        """What to show, one sentence per line."""
        return tuple(line for line in str(self).splitlines() if line) or (str(self),)


class InputError(GensecError):
    """Input refused whole; `problems` lists every problem found, each with its place."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def sentences(self) -> tuple[str, ...]:
        return tuple(str(p) for p in self.problems)


class StoreError(InputError, ValueError):
    """The store refused an operation; `str(error)` is one sentence (or one per problem)."""

    def __init__(self, message: str, *, where: str = "",
                 problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(problems or (Problem(where, message),))


class ServerUnreachable(StoreError):
    """The school server could not be reached (or the connection to it was lost): nothing was
    written. The quiz keeps such an answer on the PC and sends it later (`application.outbox`)."""


class CommandError(GensecError):
    """A problem with a command line the user can act on: printed as one sentence, exit 1."""


class NothingToReview(GensecError):
    """No review quiz can be made now; the sentence says why, or when the next review falls."""
