"""Our Moodle XML and GIFT exports, imported by Moodle 4.5's own code.

The shared harness (`../shared/tools/moodle-import`, see its README; `GENSEC_MOODLE_IMPORT`
names another place) runs qformat_xml / qformat_gift, `importprocess()` and each qtype's
`save_question_options()` into an in-memory database, then loads every question back and grades
answers with Moodle's own code. These tests compare what Moodle stored, shows and scores with
what the app means. They need `php` (php-cli, php-xml, php-mbstring): without it or without
the harness they are skipped, saying which is missing.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.bank.gift import export_gift, left_out_in_gift, skipped_in_gift
from gensec_quiz.bank.moodle_xml import export_moodle_xml, moodle_kind, question_name
from gensec_quiz.bank.moodle_xml_read import read_moodle_questions
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.grading_dates import grade_date
from gensec_quiz.domain.grading_ordering import score_ordering
from gensec_quiz.domain.questions import (
    AcceptedDate,
    DateQuestion,
    DateResponse,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.generation import generate_question_set
from moodle_support import tricky_set

ROOT = Path(__file__).resolve().parents[1]
HARNESS = Path(os.environ.get("GENSEC_MOODLE_IMPORT",
                              ROOT.parent / "shared" / "tools" / "moodle-import"))
_missing = ("php is not installed (apt-get install php-cli php-xml php-mbstring)"
            if shutil.which("php") is None else
            f"Moodle's import harness is not at {HARNESS} (set GENSEC_MOODLE_IMPORT)"
            if not (HARNESS / "import.php").is_file() else "")
pytestmark = pytest.mark.skipif(bool(_missing), reason=_missing)

def text_of(value: str) -> str:
    """The plain text of what Moodle shows (tags removed, entities decoded), without the list
    of sources the XML export adds under the explanation (checked on its own)."""
    value = re.sub(r'<div class="gensec-sources">.*?</div>', "", value or "", flags=re.S)
    value = re.sub(r"<br\s*/?>", "\n", value)
    value = re.sub(r"</p>\s*<p>", "\n\n", value)
    return html.unescape(re.sub(r"<[^>]+>", "", value)).strip()


def moodle_import(tmp_path: Path, fmt: str, text: str,
                  responses: dict[str, list[str]]) -> dict[str, Any]:
    path = tmp_path / f"set.{fmt}"
    path.write_text(text, encoding="utf-8")
    answers = tmp_path / "responses.json"
    answers.write_text(json.dumps(responses))
    done = subprocess.run(["php", str(HARNESS / "import.php"), fmt, str(path), str(answers)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def problems_reported(moodle: dict[str, Any]) -> list[str]:
    found = []
    up = moodle["upload"]
    if not up["can_import_file"] or up["validate_file"]:
        found.append(f"upload refused: {up}")
    for stage in ("parse", "import", "runtime"):
        for key in ("exception", "printed", "notifications", "debugging", "php_warnings",
                    "db_errors", "unknown_strings", "importerrors"):
            if moodle[stage].get(key):
                found.append(f"{stage} {key}: {moodle[stage][key]}")
    if moodle["import"].get("ok") is not True:
        found.append(f"importprocess returned {moodle['import'].get('ok')!r}")
    return found


def meanings(question: DateQuestion) -> dict[str, PartialDate]:
    """Typed short answers -> the date each means: every form the prompt or the docs name
    ("1953-03-05", "5 March 1953", "March 5, 1953") for the key and each accepted date, and a
    wrong date. Moodle's grade must be the app's grade for that date (a short answer has no
    tiers in Moodle, so a near miss the app gives part credit for is not asked)."""
    out: dict[str, PartialDate] = {}
    for value in (question.answer, *(a.value for a in question.accept)):
        out[value.iso()] = out[value.human()] = value
        if value.day is not None:
            day, month, year = value.human().split(" ")
            out[f"{month} {day}, {year}"] = value
        wrong = PartialDate(value.year + 7, value.month, min(value.day, 28) if value.day else None)
        if grade_date(question, DateResponse(wrong)).score == 0:
            out[wrong.iso()] = out[wrong.human()] = wrong
    return out


def responses(question_set: QuestionSet) -> dict[str, list[str]]:
    return {q.id: list(meanings(q)) for q in question_set.questions
            if isinstance(q, DateQuestion) and q.precision != "year" and not q.choices}


def check_against_moodle(question_set: QuestionSet, fmt: str, moodle: dict[str, Any],
                         kept: list[Question]) -> list[str]:
    """Every difference between what Moodle made of the file and what the app means."""
    bad = problems_reported(moodle)
    tables = moodle["import"]["tables"]
    categories = [c["name"] for c in tables["question_categories"].values()
                  if c["name"] not in ("top", "Default for C")]
    # Moodle shows names with format_string(), which decodes the entities we write.
    if [html.unescape(c) for c in categories] != [question_set.title]:
        bad.append(f"categories {categories!r}")
    rows = sorted(tables["question"].values(), key=lambda r: r["id"])
    if len(rows) != len(kept):
        return [*bad, f"{len(rows)} questions imported, {len(kept)} expected"]
    runtime = {q["id"]: q for q in moodle["runtime"]["questions"]}
    entries = {e["id"]: e for e in tables["question_bank_entries"].values()}
    idnumbers = {v["questionid"]: entries[v["questionbankentryid"]]["idnumber"]
                 for v in tables["question_versions"].values()}
    numbers = {q.id: n for n, q in enumerate(question_set.questions, start=1)}
    for row, question in zip(rows, kept, strict=True):
        where = question.id
        run = runtime[row["id"]]

        def miss(what: str, want: object, got: object, where: str = where) -> None:
            if want != got:
                bad.append(f"{where} {what}: app {want!r}, Moodle {got!r}")

        miss("qtype", moodle_kind(question), row["qtype"])
        miss("name", question_name(question, numbers[question.id]), html.unescape(row["name"]))
        miss("idnumber", question.id, idnumbers[row["id"]])
        miss("tags", ["gensec-quiz", question.type, f"difficulty-{question.difficulty}"],
             moodle["import"]["tags"].get(str(row["id"])))
        prompt = text_of(run["display"]["questiontext"])
        miss("question text shown", question.prompt, prompt.split(" (Answer with")[0])
        shown_feedback = run["display"]["generalfeedback"]
        miss("feedback shown", question.explanation, text_of(shown_feedback))
        if fmt == "xml" and question.sources:
            plain = html.unescape(re.sub(r"<[^>]+>", "", shown_feedback))
            miss("source quotes shown", [], [r.quote for r in question.sources
                                             if r.quote not in plain])
        if isinstance(question, OrderingQuestion):
            miss("items shown", [i.text for i in question.items],
                 [text_of(t) for t in run["correct_order_display"]])
            for label, perm in run["permutations"].items():
                points, out_of = score_ordering(perm["order"], question.scoring)
                miss(f"score of {label}", round(points / out_of, 6), round(perm["fraction"], 6))
        elif isinstance(question, MatchingQuestion) and len(question.pairs) == 1:
            shown = {text_of(a["display"]): float(a["fraction"]) for a in run["answers"]}
            miss("choices", {question.pairs[0].right: 1.0,
                             **{x: 0.0 for x in question.extra_right}}, shown)
        elif isinstance(question, MatchingQuestion):
            miss("pairs shown", [(p.left, p.right) for p in question.pairs],
                 [(text_of(s["stem_display"]), text_of(s["right_display"]))
                  for s in run["stems"]])
            miss("choices", sorted([p.right for p in question.pairs]
                                   + list(question.extra_right)), sorted(run["choices"]))
            miss("all right", 1, run["all_right"])
        elif isinstance(question, DateQuestion) and question.choices:
            shown = {text_of(a["display"]): float(a["fraction"]) for a in run["answers"]}
            miss("choices", {c.human(): grade_date(question, DateResponse(c)).score
                             for c in question.choices}, shown)
        elif isinstance(question, DateQuestion) and question.precision == "year":
            for typed, got in run["grades"].items():
                app = grade_date(question, DateResponse(PartialDate(int(typed)))).score
                miss(f"grade of {typed}", app, float(got))
        elif isinstance(question, DateQuestion):
            for typed, value in meanings(question).items():
                miss(f"grade of {typed!r}", grade_date(question, DateResponse(value)).score,
                     float(run["grades"][typed]))
    return bad


def test_moodle_imports_the_xml_export_as_the_app_means_it(tmp_path: Path) -> None:
    question_set = tricky_set()
    moodle = moodle_import(tmp_path, "xml", export_moodle_xml(question_set),
                           responses(question_set))
    assert check_against_moodle(question_set, "xml", moodle, list(question_set.questions)) == []


def test_moodle_imports_the_gift_export_as_the_app_means_it(tmp_path: Path) -> None:
    question_set = tricky_set()
    left_out = {q.id for _, q, _ in left_out_in_gift(question_set)}
    assert left_out == {"orde-6", "orde-20"}  # longest ordered subset; an item with "}"
    kept = [q for q in question_set.questions if q.id not in left_out]
    moodle = moodle_import(tmp_path, "gift", export_gift(question_set), responses(question_set))
    assert check_against_moodle(question_set, "gift", moodle, kept) == []


def test_moodle_stores_no_empty_paragraph_for_an_empty_description(tmp_path: Path) -> None:
    moodle = moodle_import(tmp_path, "xml", export_moodle_xml(tricky_set()), {})
    made = [c for c in moodle["import"]["tables"]["question_categories"].values()
            if c["name"] not in ("top", "Default for C")]
    assert [c["info"] for c in made] == [""]


def test_moodle_keeps_a_description_with_tags_as_text(tmp_path: Path) -> None:
    question_set = dataclasses.replace(tricky_set(), description='Uses <b>bold</b> & "quotes"')
    moodle = moodle_import(tmp_path, "xml", export_moodle_xml(question_set), {})
    (made,) = [c for c in moodle["import"]["tables"]["question_categories"].values()
               if c["name"] not in ("top", "Default for C")]
    assert text_of(made["info"]) == 'Uses <b>bold</b> & "quotes"'


@pytest.mark.parametrize(("difficulty", "seed"), [(1, 1), (2, 2), (3, 3)])
def test_moodle_imports_generated_sets_in_both_formats_as_the_app_means_them(
        tmp_path: Path, difficulty: int, seed: int) -> None:
    question_set = generate_question_set(
        builtin_records(), count=30, seed=seed, difficulty=difficulty,
        title="Soviet leaders / 1917–1991 & <after>", description="From the built-in records.")
    answers = responses(question_set)
    xml = moodle_import(tmp_path, "xml", export_moodle_xml(question_set, builtin_records()),
                        answers)
    assert check_against_moodle(question_set, "xml", xml, list(question_set.questions)) == []
    left_out = set(skipped_in_gift(question_set))
    gift = moodle_import(tmp_path, "gift", export_gift(question_set), answers)
    kept = [q for q in question_set.questions if q not in left_out]
    assert check_against_moodle(question_set, "gift", gift, kept) == []


# ----------------------------------------------------- and back: Moodle's own export, read by us

_TAGS_STUB = """class core_tag_tag {
    /** Added for the export (moodle_export.php): the tags the import set, as tag objects. */
    public static function get_item_tags($component, $itemtype, $itemid) {
        global $HARNESS;
        $out = [];
        foreach ($HARNESS->tags[$itemid] ?? [] as $i => $name) {
            $out[] = new class($i + 1, $name) {
                public $id; public $rawname; public $name;
                public $taginstancecontextid = 50; public $taginstanceid;
                public function __construct($id, $name) {
                    $this->id = $this->taginstanceid = $id;
                    $this->rawname = $name;
                    $this->name = strtolower($name);
                }
                public function get_display_name($ashtml = true) {
                    return $ashtml ? htmlspecialchars($this->rawname) : $this->rawname;
                }
            };
        }
        return $out;
    }
"""


def moodle_export(tmp_path: Path, fmt: str, text: str) -> str:
    """What Moodle's own Moodle XML export writes for `text` once Moodle has imported it."""
    copy = tmp_path / "harness"
    copy.mkdir(exist_ok=True)
    shutil.copy(HARNESS / "import.php", copy / "import.php")
    bootstrap = (HARNESS / "bootstrap.php").read_text(encoding="utf-8")
    assert bootstrap.count("class core_tag_tag {\n") == 1
    (copy / "bootstrap.php").write_text(
        bootstrap.replace("class core_tag_tag {\n", _TAGS_STUB), encoding="utf-8")
    path = tmp_path / f"ours.{fmt}"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "MOODLE_SRC": str((HARNESS / "moodle-src").resolve()),
           "TMPDIR": str(tmp_path)}
    done = subprocess.run(["php", str(ROOT / "tests" / "moodle_export.php"), str(copy),
                           str(path), fmt], capture_output=True, text=True, timeout=120,
                          check=False, env=env)
    assert done.returncode == 0 and done.stdout.startswith("<?xml"), (
        done.stdout[-2000:] + done.stderr[-2000:])
    return done.stdout


def what_moodle_keeps(question: Question) -> Question:
    """A question as Moodle keeps it: Moodle drops the comments in which our export carries
    the links to the records (basis, source references) and a one-pair question's stem; the
    sources' quotes stay in the feedback shown to learners. The stem reads back as "Answer"."""
    question = dataclasses.replace(question, sources=(), basis=())
    if isinstance(question, OrderingQuestion):
        return dataclasses.replace(question, items=tuple(
            OrderingItem(i.text, ()) for i in question.items))
    if isinstance(question, MatchingQuestion):
        one = len(question.pairs) == 1
        return dataclasses.replace(question, pairs=tuple(
            MatchingPair("Answer" if one else p.left, p.right, ()) for p in question.pairs))
    assert isinstance(question, DateQuestion)
    return dataclasses.replace(question, accept=tuple(
        AcceptedDate(a.value, ()) for a in question.accept))


def _generated() -> QuestionSet:
    return generate_question_set(
        # Seed 0: a set with a matching of several pairs (seed 2 has none since two orders
        # may not tell one span twice).
        builtin_records(), count=30, seed=0, difficulty=2,
        title="Soviet leaders / 1917–1991 & <after>", description="From the built-in records.")


@pytest.mark.parametrize("make", [tricky_set, _generated], ids=["teachers-set", "generated"])
def test_moodles_own_export_of_our_xml_reads_back_as_the_same_questions(
        tmp_path: Path, make: Any) -> None:
    question_set: QuestionSet = make()
    exported = moodle_export(tmp_path, "xml", export_moodle_xml(question_set, builtin_records()))
    assert '<question type="matching">' in exported  # Moodle's own name for a matching question
    found = read_moodle_questions(exported, where="moodle.xml")
    assert found.left_out == ()
    back = found.question_set
    assert (back.title, back.description) == (question_set.title, question_set.description)
    assert list(back.questions) == [what_moodle_keeps(q) for q in question_set.questions]


@pytest.mark.parametrize("make", [tricky_set, _generated], ids=["teachers-set", "generated"])
def test_moodles_own_export_of_our_gift_reads_back_as_the_same_questions(
        tmp_path: Path, make: Any) -> None:
    question_set: QuestionSet = make()
    left_out = set(skipped_in_gift(question_set))
    exported = moodle_export(tmp_path, "gift", export_gift(question_set))
    found = read_moodle_questions(exported, where="moodle.xml")
    assert found.left_out == ()
    back = found.question_set
    assert back.title == question_set.title  # GIFT has no place for a description
    assert list(back.questions) == [what_moodle_keeps(q) for q in question_set.questions
                                    if q not in left_out]


def test_moodle_reads_a_one_hundred_percent_weight_in_gift_except_after_an_equals_in_a_choice(
        tmp_path: Path) -> None:
    """Moodle's own GIFT reader takes `%100%` as full credit in a numerical or short answer and
    after `~` in a choice; after `=` in a choice it keeps `%100%` as part of the text (which is
    why our export writes every full-credit answer with no weight)."""
    gift = ("::y::In what year did Stalin die?{#=%100%1953:0 =%50%1953:1}\n\n"
            "::d::On what day did Stalin die?{=%100%1953-03-05 =March 5, 1953}\n\n"
            "::t::Who came after Stalin?{~%100%Georgy Malenkov ~Leonid Brezhnev}\n\n"
            "::e::Who came after Stalin?{=%100%Georgy Malenkov ~Leonid Brezhnev}\n")
    moodle = moodle_import(tmp_path, "gift", gift, {})
    assert problems_reported(moodle) == []
    answers = [(str(a["answer"]), float(a["fraction"]))
               for a in moodle["import"]["tables"]["question_answers"].values()]
    assert answers == [("1953", 1.0), ("1953", 0.5),
                       ("1953-03-05", 1.0), ("March 5, 1953", 1.0),
                       ("Georgy Malenkov", 1.0), ("Leonid Brezhnev", 0.0),
                       ("%100%Georgy Malenkov", 1.0), ("Leonid Brezhnev", 0.0)]


def test_the_stored_moodle_export_is_what_moodle_writes(tmp_path: Path) -> None:
    """tests/data/moodle/exported-by-moodle-4.5.xml (read by the builder's test) is Moodle's own
    export of our GIFT export of the teacher's set."""
    stored = ROOT / "tests" / "data" / "moodle" / "exported-by-moodle-4.5.xml"
    assert moodle_export(tmp_path, "gift", export_gift(tricky_set())) == stored.read_text(
        encoding="utf-8")
