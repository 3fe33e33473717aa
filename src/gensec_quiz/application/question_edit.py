"""A teacher's edits to one question, and new questions written by hand: read from the
editor's fields, checked like a question-set file, and checked against the records they rest on.

No Qt here: the builder's editor hands in plain data and shows the sentences it gets back.

- `question_from_data` reads an edited question (JSON-ready data, as a set file holds one) and
  refuses it with located sentences (`answer: '1953-13' is not a date …`), by the same checks a
  question-set file gets.
- `check_against_records` says where a question's key contradicts the facts it rests on (a
  date that is not the record's, items out of the records' order, a right-hand text that is not
  the record's value, a distractor that is also right). A contradicted key is kept only as a
  teacher's explicit override (`"override": true` on the question in the set file).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gensec_quiz.domain.dates import PRECISIONS, DateError, Order, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    BasisRef,
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import Event, OfficeName, Record, RecordSet, SourceRef, Tenure
from gensec_quiz.i18n import N_, tr

DATE_FIELDS = ("start", "end", "date")
TEXT_FIELDS = ("person", "office", "name", "text")
# The kinds a teacher can write: "choice" is a name/title multiple choice (a one-pair matching
# with distractors, the team's design); a date multiple choice is a date question with choices.
WRITABLE_KINDS = ("ordering", "matching", "date", "choice")
MIN_DISTRACTORS, MAX_DISTRACTORS = 2, 4


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a hand-written question can rest on, with how a teacher reads it."""

    basis: BasisRef
    label: str


# ---------------------------------------------------------------- reading an edited question


def question_to_data(question: Question) -> dict[str, Any]:
    """The question as JSON-ready data, as a set file holds it (what the editor fills from)."""
    from gensec_quiz.bank.questions_json import question_to_dict

    return question_to_dict(question)


def question_from_data(data: dict[str, Any]) -> Question:
    """The edited question, or InputError with one located sentence per problem (paths as in a
    set file: `items[1].text`, `answer`, `tolerance.partial[0]`)."""
    from gensec_quiz.bank.questions_json import question_from_dict

    problems: list[Problem] = []
    pairs = data.get("pairs")
    one_pair = data.get("type") == "matching" and isinstance(pairs, list) and len(pairs) == 1
    if one_pair:
        extras = [e for e in data.get("extra_right") or [] if isinstance(e, str)]
        if not MIN_DISTRACTORS <= len(extras) <= MAX_DISTRACTORS:
            problems.append(Problem("extra_right", tr(
                "a multiple-choice question needs {least} to {most} wrong choices",
                least=MIN_DISTRACTORS, most=MAX_DISTRACTORS)))
    try:
        question = question_from_dict(data)
    except InputError as error:
        # A one-pair matching is the team's name/title multiple choice: its wrong choices are
        # told above, in the editor's own words, once.
        found = [p for p in error.problems
                 if not (one_pair and problems and p.where in ("pairs", "(top)"))]
        if found or problems:
            raise InputError([*problems, *found]) from None
        question = question_from_dict(_padded(data))
        assert isinstance(question, MatchingQuestion)
        question = dataclasses.replace(question, pairs=question.pairs[:1])
    if problems:
        raise InputError(problems)
    return question


def _padded(data: dict[str, Any]) -> dict[str, Any]:
    """A one-pair matching with a second pair that clashes with nothing, to read the rest."""
    pair = data["pairs"][0]
    texts = {pair.get("left"), pair.get("right"), *(data.get("extra_right") or [])}
    filler = next(f"~{n}" for n in range(len(texts) + 1) if f"~{n}" not in texts)
    return {**data, "pairs": [pair, {"left": filler, "right": filler, "basis": []}]}


def new_question_id(kind: str, data: dict[str, Any], taken: Iterable[str]) -> str:
    """`hand-` and a digest of what the teacher wrote, unique among `taken`."""
    content = json.dumps([kind, data.get("prompt"), data.get("items"), data.get("pairs"),
                          data.get("answer")], sort_keys=True, default=str)
    base = "hand-" + hashlib.blake2b(content.encode("utf-8"), digest_size=6).hexdigest()
    used = set(taken)
    number = 1
    found = base
    while found in used:
        number += 1
        found = f"{base}-{number}"
    return found


def template(kind: str, question_id: str = "") -> dict[str, Any]:
    """A question of `kind` (one of WRITABLE_KINDS) to start writing from: every field there,
    texts empty, so the editor shows what to fill in."""
    common: dict[str, Any] = {"id": question_id, "prompt": "", "explanation": "",
                              "difficulty": 2, "sources": [], "basis": []}
    if kind == "ordering":
        return {**common, "type": "ordering", "scoring": DEFAULT_ORDERING_RULE,
                "items": [{"text": "", "basis": []} for _ in range(3)]}
    if kind == "matching":
        return {**common, "type": "matching", "scoring": "per_pair", "extra_right": [],
                "pairs": [{"left": "", "right": "", "basis": []} for _ in range(3)]}
    if kind == "choice":
        return {**common, "type": "matching", "scoring": "per_pair", "extra_right": ["", ""],
                "pairs": [{"left": tr("Answer"), "right": "", "basis": []}]}
    if kind == "date":
        return {**common, "type": "date", "measure": "date", "answer": "", "precision": "year",
                "accept": [], "tolerance": {"full": 0, "partial": []}, "choices": []}
    raise ValueError(f"unknown kind {kind!r}")


def is_choice(question: Question) -> bool:
    """A name/title multiple choice: a matching with one pair."""
    return isinstance(question, MatchingQuestion) and len(question.pairs) == 1


# ---------------------------------------------------------------- facts to rest on


def facts(records: RecordSet) -> list[Fact]:
    """Every fact of the record set a question can rest on, in the records' order."""
    found: list[Fact] = []
    for tenure in records.tenures:
        who = tr("{person} as {office}", person=tenure.person, office=tenure.office)
        found.append(Fact(BasisRef(tenure.id, "start"), tr(
            "{who}: took office ({date})", who=who, date=tenure.start.iso())))
        if tenure.end is not None:
            found.append(Fact(BasisRef(tenure.id, "end"), tr(
                "{who}: left office ({date})", who=who, date=tenure.end.iso())))
        found.append(Fact(BasisRef(tenure.id, "office"), tr(
            "{person}: the title ({office})", person=tenure.person, office=tenure.office)))
        found.append(Fact(BasisRef(tenure.id, "person"), tr(
            "{who}: the person", who=who)))
    for event in records.events:
        found.append(Fact(BasisRef(event.id, "date"), tr(
            "{text} ({date})", text=event.text.rstrip("."), date=event.date.iso())))
    for office in records.offices:
        found.append(Fact(BasisRef(office.id, "start"), tr(
            "The title {name}: first used ({date})", name=office.name, date=office.start.iso())))
    return found


def sources_for(records: RecordSet | None, basis: Sequence[BasisRef]) -> tuple[SourceRef, ...]:
    """The quotes the records cite for these facts (the quote only, as questions cite them)."""
    if records is None:
        return ()
    from gensec_quiz.generation.facts import supporting

    refs: list[SourceRef] = []
    for ref in basis:
        if records.has_record(ref.record):
            refs.extend(SourceRef(r.source, r.quote)
                        for r in supporting(records.record(ref.record).sources, ref.field))
    return tuple(dict.fromkeys(refs))


# ---------------------------------------------------------------- checking against the records


def check_against_records(question: Question, records: RecordSet) -> list[Problem]:
    """Where the question's key contradicts the records it rests on; empty when it agrees (or
    rests on nothing the records can tell). Each problem is located in the question's fields."""
    checker = _Checker(records)
    problems = checker.bases(question)
    if isinstance(question, DateQuestion):
        problems += checker.date(question)
    elif isinstance(question, OrderingQuestion):
        problems += checker.ordering(question)
    else:
        problems += checker.matching(question)
    return problems


class _Checker:
    def __init__(self, records: RecordSet) -> None:
        from gensec_quiz.generation.facts import conflict_index

        self.records = records
        self.conflicts = conflict_index(records)

    def record(self, ref: BasisRef) -> Record | None:
        return self.records.record(ref.record) if self.records.has_record(ref.record) else None

    def bases(self, question: Question) -> list[Problem]:
        refs: list[tuple[str, BasisRef]] = [(f"basis[{i}]", b) for i, b in
                                            enumerate(question.basis)]
        if isinstance(question, OrderingQuestion):
            refs += [(f"items[{i}].basis", b) for i, item in enumerate(question.items)
                     for b in item.basis]
        elif isinstance(question, MatchingQuestion):
            refs += [(f"pairs[{i}].basis", b) for i, pair in enumerate(question.pairs)
                     for b in pair.basis]
        problems = []
        for where, ref in refs:
            record = self.record(ref)
            if record is None:
                problems.append(Problem(where, tr(
                    "rests on '{record}', which is not a record of “{title}”",
                    record=ref.record, title=self.records.title)))
            elif not hasattr(record, ref.field) or ref.field in ("id", "sources"):
                problems.append(Problem(where, tr("'{record}' has no field '{field}'",
                                                  record=ref.record, field=ref.field)))
        return problems

    def name(self, ref: BasisRef) -> str:
        """The fact as a teacher reads it: “when Leonid Brezhnev took office”."""
        record = self.record(ref)
        if isinstance(record, Tenure):
            if ref.field == "start":
                return tr("when {person} took office as {office}", person=record.person,
                          office=record.office)
            if ref.field == "end":
                return tr("when {person} left office as {office}", person=record.person,
                          office=record.office)
            return tr("{person}'s {field}", person=record.person, field=ref.field)
        if isinstance(record, Event):
            return f"“{record.text.rstrip('.')}”"
        if isinstance(record, OfficeName):
            return tr("the title {name}", name=record.name)
        return ref.key()

    def values(self, ref: BasisRef) -> tuple[PartialDate, ...]:
        """Every date the sources give for a date fact (the record's own first); () when the
        records cannot tell (no such fact, no date, or a conflict questions avoid)."""
        from gensec_quiz.generation.facts import make_fact

        record = self.record(ref)
        if record is None or ref.field not in DATE_FIELDS:
            return ()
        value = getattr(record, ref.field, None)
        if not isinstance(value, PartialDate):
            return ()
        fact = make_fact(self.conflicts, record, ref.field, value)
        return tuple(v.date for v in fact.values) if fact is not None else ()

    def date(self, question: DateQuestion) -> list[Problem]:
        if question.measure == "years":
            return self._years(question)
        ref = next((b for b in question.basis if b.field in DATE_FIELDS), None)
        known = self.values(ref) if ref is not None else ()
        if ref is None or not known:
            return []
        problems = []
        shown = _dates(known)
        if not _agrees(question.answer, known):
            problems.append(Problem("answer", tr(
                "the answer {answer} contradicts the records, which give {known} for {fact}",
                answer=question.answer.iso(), known=shown, fact=self.name(ref))))
        for i, accepted in enumerate(question.accept):
            if not _agrees(accepted.value, known):
                problems.append(Problem(f"accept[{i}]", tr(
                    "{value} is accepted, but the records give {known} for {fact}",
                    value=accepted.value.iso(), known=shown, fact=self.name(ref))))
        also = {a.value.truncate(question.precision) for a in question.accept}
        key = question.answer.truncate(question.precision)
        for i, choice in enumerate(question.choices):
            value = choice.truncate(question.precision)
            if value != key and value not in also and _agrees(choice, known):
                problems.append(Problem(f"choices[{i}]", tr(
                    "the wrong choice {value} is also right by the records ({fact}: {known})",
                    value=value.iso(), fact=self.name(ref), known=shown)))
        return problems

    def _years(self, question: DateQuestion) -> list[Problem]:
        from gensec_quiz.domain.dates import years_between

        by_record: dict[str, dict[str, tuple[PartialDate, ...]]] = {}
        for ref in question.basis:
            if ref.field in ("start", "end"):
                by_record.setdefault(ref.record, {})[ref.field] = self.values(ref)
        for record, ends in by_record.items():
            starts, finishes = ends.get("start", ()), ends.get("end", ())
            spans = [s for a in starts for b in finishes if (s := years_between(a, b))]
            if not spans:
                continue
            if not any(low <= question.answer.year <= high for low, high in spans):
                told = sorted({n for low, high in spans for n in range(low, high + 1)})
                tenure = self.record(BasisRef(record, "start"))
                held = (tr("{person} as {office}", person=tenure.person, office=tenure.office)
                        if isinstance(tenure, Tenure) else record)
                return [Problem("answer", tr(
                    "the answer {answer} years contradicts the records, which give {known} "
                    "full years for {held}", answer=question.answer.year,
                    known=tr(" or ").join(str(n) for n in told), held=held))]
        return []

    def ordering(self, question: OrderingQuestion) -> list[Problem]:
        dated: list[tuple[int, BasisRef, tuple[PartialDate, ...]]] = []
        for i, item in enumerate(question.items):
            ref = next((b for b in item.basis if b.field in DATE_FIELDS), None)
            known = self.values(ref) if ref is not None else ()
            if ref is not None and known:
                dated.append((i, ref, known))
        problems = []
        for later, (j, _ref_j, known_j) in enumerate(dated):
            for i, _ref_i, known_i in dated[:later]:
                if _order(known_i, known_j) is Order.AFTER:
                    problems.append(Problem(f"items[{j}]", tr(
                        "“{later}” comes after “{earlier}” in the key, but the records date it "
                        "earlier ({date_later} against {date_earlier})",
                        later=question.items[j].text, earlier=question.items[i].text,
                        date_later=_dates(known_j), date_earlier=_dates(known_i))))
                    break
        return problems

    def matching(self, question: MatchingQuestion) -> list[Problem]:
        problems = []
        for i, pair in enumerate(question.pairs):
            for ref in pair.basis:
                told = self.tells(ref, pair.right)
                if told is not None and not told[0]:
                    problems.append(Problem(f"pairs[{i}].right", tr(
                        "“{right}” contradicts the records, which give {known} for {fact}",
                        right=pair.right, known=told[1], fact=self.name(ref))))
        for k, extra in enumerate(question.extra_right):
            for pair in question.pairs:
                for ref in pair.basis:
                    told = self.tells(ref, extra)
                    if told is not None and told[0]:
                        problems.append(Problem(f"extra_right[{k}]", tr(
                            "the wrong choice “{extra}” is also right by the records "
                            "({fact}: {known})", extra=extra, fact=self.name(ref),
                            known=told[1])))
        return problems

    def tells(self, ref: BasisRef, text: str) -> tuple[bool, str] | None:
        """Whether `text` agrees with the fact, and the fact as the records give it; None when
        the records cannot tell."""
        if ref.field in DATE_FIELDS:
            known = self.values(ref)
            if not known:
                return None
            date = _read_date(text)
            if date is None:  # a name matched to a dated fact ("who came next"): no date to check
                return None
            return _agrees(date, known), _dates(known)
        record = self.record(ref)
        value = _text_value(record, ref.field) if record is not None else None
        if value is None:
            return None
        said = " ".join(text.casefold().split())
        wanted = " ".join(value.casefold().split())
        agrees = said == wanted or (ref.field == "person" and said.startswith(wanted))
        return agrees, f"“{value}”"


def _text_value(record: Record, field: str) -> str | None:
    if isinstance(record, Tenure) and field in ("person", "office"):
        return str(getattr(record, field))
    if isinstance(record, OfficeName) and field == "name":
        return record.name
    if isinstance(record, Event) and field == "text":
        return record.text
    return None


def _agrees(value: PartialDate, known: Sequence[PartialDate]) -> bool:
    """The value is one the records give, at the precision both are known to."""
    for date in known:
        coarser = min(value.precision, date.precision, key=PRECISIONS.index)
        if value.truncate(coarser) == date.truncate(coarser):
            return True
    return False


def _order(first: Sequence[PartialDate], second: Sequence[PartialDate]) -> Order:
    """AFTER only when every value of `first` is after every value of `second`."""
    orders = {a.compare(b) for a in first for b in second}
    return orders.pop() if len(orders) == 1 else Order.UNKNOWN


def _dates(known: Sequence[PartialDate]) -> str:
    return tr(" or ").join(d.iso() for d in known)


def _read_date(text: str) -> PartialDate | None:
    """A right-hand text as a date: ISO (`1953-03`) or the reading form (`March 1953`)."""
    from gensec_quiz.domain.dates import MONTH_NAMES

    text = text.strip()
    try:
        return PartialDate.parse(text)
    except DateError:
        pass
    words = text.replace(",", " ").split()
    months = [m.casefold() for m in MONTH_NAMES]
    try:
        if len(words) == 2 and words[0].casefold() in months:
            return PartialDate(int(words[1]), months.index(words[0].casefold()) + 1)
        if len(words) == 3 and words[1].casefold() in months:
            return PartialDate(int(words[2]), months.index(words[1].casefold()) + 1,
                               int(words[0]))
        if len(words) == 3 and words[0].casefold() in months:
            return PartialDate(int(words[2]), months.index(words[0].casefold()) + 1,
                               int(words[1]))
    except (ValueError, DateError):
        return None
    return None


# ---------------------------------------------------------------- keeping an edit


def kept(question: Question, records: RecordSet | None, *, override: bool) -> Question:
    """The question as the set keeps it: marked as a teacher's override when its key
    contradicts the records and the teacher said to keep it; InputError (the contradictions)
    when it contradicts them and the teacher did not."""
    contradictions = check_against_records(question, records) if records is not None else []
    if contradictions and not override:
        raise InputError(contradictions)
    return dataclasses.replace(question, override=bool(contradictions))


# ---------------------------------------------------------------- where, in the editor's words

_PLACES = {
    "items": N_("Item {n}"), "pairs": N_("Pair {n}"), "extra_right": N_("Wrong choice {n}"),
    "choices": N_("Choice {n}"), "accept": N_("Also accepted {n}"),
    "partial": N_("Partial-credit tier {n}"), "basis": N_("Rests on {n}"),
}
_FIELDS = {
    "prompt": N_("Prompt"), "explanation": N_("Explanation"), "difficulty": N_("Difficulty"),
    "answer": N_("Answer"), "precision": N_("Precision"), "measure": N_("Measure"),
    "scoring": N_("Scoring"), "tolerance": "", "full": N_("Full credit within"),
    "partial": N_("Partial credit"), "text": N_("text"), "left": N_("left"), "right": N_("right"),
    "value": N_("value"), "items": N_("Items"), "pairs": N_("Pairs"),
    "extra_right": N_("Wrong choices"), "choices": N_("Choices"), "accept": N_("Also accepted"),
    "basis": N_("Rests on"), "id": N_("Id"), "sources": N_("Sources"),
}


def place_name(path: str) -> str:
    """A JSON path of a question (`pairs[1].right`) as the editor names it (`Pair 2, right`)."""
    import re

    parts = []
    for step in path.split("."):
        match = re.fullmatch(r"([a-z_]+)\[(\d+)\]", step)
        if match and match[1] in _PLACES:
            parts.append(tr(_PLACES[match[1]], n=int(match[2]) + 1))
        elif match:
            parts.append(f"{match[1]} {int(match[2]) + 1}")  # a field no editor names: as stored
        elif step in _FIELDS:
            if _FIELDS[step]:
                parts.append(tr(_FIELDS[step]))
        else:
            parts.append(step)
    return ", ".join(parts)


def editor_sentences(problems: Iterable[Problem]) -> list[str]:
    """Each problem as one sentence the editor shows: `Pair 2, right: must be a non-empty
    text`."""
    return [tr("{place}: {problem}", place=place_name(p.where), problem=p.message) if p.where
            else p.message for p in problems]
