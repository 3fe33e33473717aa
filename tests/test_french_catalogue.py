"""The French catalogue is complete and well written: every entry, the interface's (ui/,
application/, commands/, storage/, review/, bank/ loading and checking) and the question text's
(generation/, domain/ grading, the exporters)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "gensec_quiz" / "locale"
PO = LOCALE / "fr" / "LC_MESSAGES" / "gensec_quiz.po"
INTERFACE = re.compile(r"^src/gensec_quiz/")
NBSP, NNBSP = "\u00a0", "\u202f"


def catalogue() -> Catalog:
    with PO.open("rb") as po:
        return read_po(po, locale="fr")


def interface_entries() -> list[Message]:
    return [m for m in catalogue() if m.id and any(INTERFACE.match(f) for f, _ in m.locations)]


def texts(message: Message) -> list[tuple[str, str]]:
    """(English, French) pairs: one for a plain entry, one per form for a plural one."""
    if isinstance(message.id, str):
        assert isinstance(message.string, str)
        return [(message.id, message.string)]
    plural_source = [message.id[0], *[message.id[1]] * (len(message.string) - 1)]
    return list(zip(plural_source, message.string, strict=True))


def fields(text: str) -> list[tuple[str, str]]:
    return sorted((name, spec or "") for _, name, spec, _ in string.Formatter().parse(text)
                  if name is not None)


def test_the_interface_entries_are_all_translated_and_none_is_fuzzy() -> None:
    entries = interface_entries()
    assert len(entries) > 1500
    untranslated = [m.id for m in entries if not all(fr for _, fr in texts(m))]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, such as {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, such as {fuzzy[:5]}"


def test_every_translation_keeps_the_placeholders_of_its_english_text() -> None:
    """The question templates (generation/ only) may use the French wording's own fields
    ({e} for agreement, {il}, {until}...): tests/test_french_questions.py fills every one of them
    over many sets; every other text keeps exactly its English fields."""
    wrong = []
    for message in interface_entries():
        if all(f.startswith("src/gensec_quiz/generation/") for f, _ in message.locations):
            continue
        for english, french in texts(message):
            ours = fields(french)
            if ours != fields(english) and not (
                    not isinstance(message.id, str) and ours == fields(message.id[1])):
                wrong.append(f"{english!r} -> {french!r}")
    assert not wrong, "\n".join(wrong)


def test_the_plural_rule_is_the_french_one() -> None:
    assert catalogue().plural_forms == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize("mark", [":", ";", "?", "!", "»", "%"])
def test_french_typography_puts_a_no_break_space_before_double_punctuation(mark: str) -> None:
    """« Réponse : », « Lequel est-ce ? », « 83 % »: never a plain space or none at all
    (a colon inside a time or a URL, `{m}:{s:02d}`, is no punctuation)."""
    wrong = []
    for message in interface_entries():
        for _english, french in texts(message):
            for at in [i for i, c in enumerate(french) if c == mark]:
                before = french[at - 1] if at else ""
                after = french[at + 1] if at + 1 < len(french) else " "
                if mark == ":" and not after.isspace() and before not in " " + NBSP:
                    continue  # 12:30, {m}:{s:02d}, http://
                if mark == ";" and ";;" in french:
                    continue  # Qt's separator of file filters: "CSV (*.csv);;All files (*)"
                if mark == "%" and before not in "0123456789}" + NBSP + NNBSP:
                    continue  # "(*.csv)" has none; only a number's per cent sign counts
                if before not in (NBSP, NNBSP):
                    wrong.append(french)
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_french_quotes_are_guillemets_with_no_break_spaces_inside() -> None:
    wrong = []
    for message in interface_entries():
        for _english, french in texts(message):
            if "“" in french or "”" in french or re.search(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»",
                                                          french):
                wrong.append(french)
    assert not wrong, "\n".join(wrong)


def test_the_learner_is_always_called_eleve_and_addressed_as_vous() -> None:
    """One word for a learner throughout (« élève »), and vouvoiement: no « tu », « ton »."""
    wrong = []
    for message in interface_entries():
        for _english, french in texts(message):
            words = set(re.findall(r"[\w’]+", french.casefold()))
            if words & {"apprenant", "apprenante", "apprenants", "tu", "ton", "ta", "tes", "toi"}:
                wrong.append(french)
    assert not wrong, "\n".join(wrong)
