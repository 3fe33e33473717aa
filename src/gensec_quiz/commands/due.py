"""`gensec-quiz due --learner NAME [--at ISO-DATETIME] [--json]`: a learner's review schedule."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.review import FactStatus


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "due", help=tr("show when each of a learner's facts is due for review"),
        description=tr("List the facts a learner has met, soonest due first, with when each is "
                       "due (ISO 8601, UTC) and how likely it is to be recalled."))
    parser.add_argument("--learner", required=True, metavar="NAME", help=tr("the learner"))
    parser.add_argument("--at", metavar="ISO-DATETIME",
                        help=tr("look at the schedule as of this time (UTC unless it names "
                                "its offset; default: now)"))
    parser.add_argument("--json", action="store_true",
                        help=tr("print a JSON list of {record, field, due, retrievability}"))
    parser.set_defaults(func=run)


EARLIEST_YEAR, LATEST_YEAR = 1900, 9000  # the schedule's own arithmetic stays in range


def parse_at(text: str | None, *, now: datetime) -> datetime:
    """The `--at` value as an aware UTC time (a time without an offset is taken as UTC).

    Years 1900 to 9000 only: outside them the schedule's date arithmetic would overflow."""
    if text is None:
        return now.astimezone(UTC)
    outside = CommandError(tr("--at: “{text}” is outside the years {first} to {last}.",
                              text=text, first=EARLIEST_YEAR, last=LATEST_YEAR))
    if text.strip().startswith("-"):
        raise outside  # a year before 1 (ISO 8601's expanded years)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(tr(
            "--at: “{text}” is not an ISO 8601 date and time, such as 2025-03-14T18:00:00Z.",
            text=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise outside from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise outside
    return moment


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.storage import open_store

    at = parse_at(args.at, now=datetime.now(UTC))
    if not args.data.has_store():
        raise CommandError(tr("There is no learner named “{name}”.", name=args.learner))
    with open_store(args.data.store_target, backups_dir=args.data.backups) as store:
        learner = store.learner_by_name(args.learner)
        if learner is None:
            raise CommandError(tr("There is no learner named “{name}”.", name=args.learner))
        statuses = store.fact_statuses(learner.id, at=at)
    if args.json:
        print(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2))
    else:
        print("\n".join(_table(learner.name, statuses, at=at)))
    return 0


def _table(name: str, statuses: list[FactStatus], *, at: datetime) -> list[str]:
    from gensec_quiz.review import next_due, next_review_sentence

    if not statuses:
        return [tr("{name} has not answered any question yet: nothing to review.", name=name)]
    due_now = sum(1 for s in statuses if s.is_due)
    stamp = at.isoformat(timespec="seconds").replace("+00:00", "Z")
    lines = [tr("{name}: {count} facts, {due} due at {at}.", name=name, count=len(statuses),
                due=due_now, at=stamp)]
    if not due_now:
        lines.append(next_review_sentence(next_due(s.card for s in statuses), at=at))
    lines.append("")
    due, recall, fact = tr("due"), tr("recall"), tr("fact")
    lines.append(f"{due:<22} {recall:>6}  {fact}")
    for status in statuses:
        row = status.to_dict()
        mark = "  " + tr("(due)") if status.is_due else ""
        lines.append(f"{row['due']!s:<22} {status.retrievability:>6.0%}  "
                     f"{status.key}{mark}")
    return lines
