"""Each seed parser on the real seed text and on small edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.extraction import article, plaintext, prolewiki, wikitext
from gensec_quiz.extraction.model import Fact, Parsed, Seed
from gensec_quiz.extraction.people import french_to_english
from gensec_quiz.extraction.seeds import load_seeds, make_seed
from gensec_quiz.extraction.text import sentences
from gensec_quiz.extraction.titles import french_title, short_title

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "extraction"


def _seed(prefix: str) -> Seed:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    seed = make_seed(path, path.read_text(encoding="utf-8"))
    assert seed is not None
    return seed


def _facts(parsed: Parsed, kind: str, field: str) -> list[Fact]:
    return [f for f in parsed.facts if f.kind == kind and f.field == field]


def test_each_real_seed_is_recognised_by_its_content() -> None:
    kinds = {s.path.name[:3]: s.kind for s in load_seeds(SEEDS)}
    assert kinds == {"000": "article", "001": "wikitext", "002": "plaintext",
                     "003": "prolewiki", "004": "french"}


# ---------------------------------------------------------------- plain-text export (002)

def test_the_officeholder_table_gives_twelve_rows_with_their_section_titles() -> None:
    parsed = plaintext.parse(_seed("002"), [])
    people = [f.value for f in _facts(parsed, "tenure", "person")]
    offices = [f.value for f in _facts(parsed, "tenure", "office")]
    assert len(people) == 12
    assert people[0] == "Yakov Sverdlov" and people[-1] == "Vladimir Ivashko"
    assert people.count("Leonid Brezhnev") == 2
    assert offices[0] == "Chairman of the Secretariat"
    assert offices[6:8] == ["First Secretary", "General Secretary"]


def test_the_dagger_marks_death_in_office_and_is_not_part_of_the_date() -> None:
    parsed = plaintext.parse(_seed("002"), [])
    died = {f.subject for f in _facts(parsed, "tenure", "died")}
    assert died == {"sverdlov", "brezhnev", "andropov", "chernenko"}
    ends = {f.subject: f.value for f in _facts(parsed, "tenure", "end") if f.row is not None}
    assert ends["andropov"] == "1984-02-09"


def test_table_notes_become_blocks_about_their_row() -> None:
    parsed = plaintext.parse(_seed("002"), [])
    notes = [b for b in parsed.blocks if b.person]
    assert len(notes) == 12
    stalin = next(b for b in notes if b.person == "stalin")
    assert stalin.office == "General Secretary" and stalin.anchor is not None
    assert "abolished the position" in stalin.text


def test_the_infobox_gives_the_title_the_caption_dates_and_the_acting_holder() -> None:
    parsed = plaintext.parse(_seed("002"), [])
    assert parsed.subject == "General Secretary"
    caption = [(f.field, f.value) for f in parsed.facts if f.attr("rule") == "infobox-caption"]
    # 'de facto 5 March 1953' ends his power, not his tenure: no end date is read from it
    assert caption == [("start", "1922-04-03"), ("end", "1952-10-16")]
    acting = [f.subject for f in _facts(parsed, "tenure", "acting")]
    assert acting == ["ivashko"]


def test_an_edge_table_reads_dagger_headings_and_acting() -> None:
    path = DATA / "edge_table.txt"
    seed = make_seed(path, path.read_text(encoding="utf-8"))
    assert seed is not None and seed.kind == "plaintext"
    parsed = plaintext.parse(seed, [])
    rows = [(f.subject, f.value) for f in _facts(parsed, "tenure", "office")]
    assert rows == [("petrova", "Chairman of the Bureau"), ("orlov", "General Secretary"),
                    ("sidorov", "General Secretary")]
    assert [f.subject for f in _facts(parsed, "tenure", "died")] == ["petrova"]


def test_an_impossible_date_in_the_table_is_refused_with_its_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        from gensec_quiz.extraction.pipeline import read_seeds
        read_seeds(DATA / "bad_table")
    (problem,) = caught.value.problems
    assert problem.where.endswith("002_bad_table.txt:12: Left office")
    assert "31 February 1930" in problem.message


def test_a_file_no_parser_knows_is_refused_by_name() -> None:
    with pytest.raises(InputError) as caught:
        load_seeds(DATA / "unknown")
    assert caught.value.problems[0].where.endswith("notes.txt")


def test_a_missing_seed_folder_is_one_clear_problem() -> None:
    with pytest.raises(InputError) as caught:
        load_seeds(DATA / "no-such-folder")
    assert caught.value.problems == (
        Problem(str(DATA / "no-such-folder"), "is not a folder of seed documents"),)


# ---------------------------------------------------------------- wikitext dump (001)

def test_templates_are_blanked_in_place_and_lang_text_is_kept() -> None:
    seed = _seed("001")
    assert len(seed.scan) == len(seed.text)
    assert "[tpl]" not in seed.scan and "sfn|" not in seed.scan
    assert "Генеральный секретарь ЦК КПСС" in seed.scan


def test_the_four_other_names_come_with_their_years() -> None:
    parsed = wikitext.parse(_seed("001"), [])
    names = {(f.subject, f.field): f.value for f in parsed.facts if f.kind == "office"}
    assert names == {
        ("Technical Secretary", "start"): "1917", ("Technical Secretary", "end"): "1918",
        ("Chairman of the Secretariat", "start"): "1918",
        ("Chairman of the Secretariat", "end"): "1919",
        ("Responsible Secretary", "start"): "1919", ("Responsible Secretary", "end"): "1922",
        ("First Secretary", "start"): "1953", ("First Secretary", "end"): "1966",
    }
    assert parsed.notes == []


def test_a_wrong_count_of_other_names_is_reported() -> None:
    text = ("[[General Secretary of the Example Party]]\n\nThe office had three other names: "
            "Clerk (1901–1902) and Head Clerk (1902–1905).\n")
    seed = make_seed(Path("001_x.txt"), text + "[tpl]sfn|x[/tpl]")
    assert seed is not None
    parsed = wikitext.parse(seed, [])
    assert parsed.notes == ["001_x.txt: the text announces three other names but lists 2"]


def test_categories_give_establishment_years() -> None:
    parsed = wikitext.parse(_seed("001"), [])
    years = [f.value for f in parsed.facts if f.attr("rule") == "category-establishments"]
    assert years == ["1917", "1922"]


def test_history_sentences_split_at_a_period_glued_to_a_citation() -> None:
    seed = _seed("001")
    spans = sentences(seed.scan)
    texts = [seed.scan[a:b] for a, b in spans]
    assert any(t.endswith("maintained ultimate control of the Party.") for t in texts)


# ---------------------------------------------------------------- ProleWiki (003)

def test_prolewiki_infobox_lines_are_read_despite_glued_labels() -> None:
    parsed = prolewiki.parse(_seed("003"), [])
    assert parsed.title == "General Secretary of the Communist Party of the Soviet Union"
    rules = {f.attr("rule"): f.value for f in parsed.facts}
    assert rules["infobox-founded"] == "1919"
    assert rules["infobox-dissolved"] == "1991"
    assert rules["infobox-succeeded-by"].startswith("General Secretary of the Communist Party")


def test_precursor_roles_give_years_and_holders() -> None:
    parsed = prolewiki.parse(_seed("003"), [])
    holders = [(f.subject, f.value) for f in parsed.facts if f.attr("rule") == "precursor-holder"]
    assert holders == [("stasova", "Technical Secretary"),
                       ("sverdlov", "Chairman of the Secretariat"),
                       ("krestinsky", "Responsible Secretary"),
                       ("molotov", "Responsible Secretary")]


def test_prolewiki_page_chrome_and_references_are_not_prose() -> None:
    parsed = prolewiki.parse(_seed("003"), [])
    text = " ".join(b.text for b in parsed.blocks)
    assert "Toggle menu" not in text and "webarchiveweb" not in text
    assert "[edit | edit source]" not in text


# ---------------------------------------------------------------- article (000) and French (004)

def test_the_article_prose_stops_before_its_footnotes() -> None:
    parsed = article.parse_article(_seed("000"), [])
    (block,) = parsed.blocks
    assert block.text.rstrip().endswith("all the former Soviet republics.")
    assert "ISBN" not in block.text and parsed.subject == "General Secretary"


def test_french_lines_are_paragraphs() -> None:
    parsed = article.parse_french(_seed("004"), [])
    assert parsed.title == "Première position au Parti communiste"
    assert len(parsed.blocks) == 3


@pytest.mark.parametrize(("french", "english"), [
    ("Khrouchtchev", "khrushchev"), ("Brejnev", "brezhnev"), ("Gorbatchev", "gorbachev"),
    ("Staline", "stalin"), ("Lénine", "lenin"), ("Andropov", "andropov"),
])
def test_french_spellings_transliterate_to_the_english_names(french: str, english: str) -> None:
    assert french_to_english(french) == english


@pytest.mark.parametrize(("french", "english"), [
    ("premier secrétaire", "First Secretary"), ("secrétaire général", "General Secretary"),
    ("secrétaires généraux", "General Secretary"), ("deuxième secrétaire", "Second Secretary"),
    ("secrétaire du parti", None),
])
def test_french_titles_match_english_ones(french: str, english: str | None) -> None:
    assert french_title(french) == english


def test_headings_give_short_titles() -> None:
    assert short_title("Chairman of the Secretariat of the Central Committee of the Russian "
                       "Communist Party (Bolsheviks)") == "Chairman of the Secretariat"
    assert short_title("Second Secretary of the Communist Party of the Soviet Union") == \
        "Second Secretary"


def test_a_template_is_blanked_in_place_keeping_lang_text_and_hiding_its_numbers() -> None:
    from gensec_quiz.extraction.dates import find_dates
    from gensec_quiz.extraction.seeds import TEMPLATE
    from gensec_quiz.extraction.text import blank

    text = ("The office ([tpl]lang-rus|Секретарь[/tpl]) was old.[tpl]sfn|Merle|Hough|1979|"
            "pp=142–146[/tpl] It changed in 1922.")
    out = blank(text, TEMPLATE, keep="keep")
    assert len(out) == len(text)
    assert "Секретарь" in out and "sfn" not in out and "1979" not in out
    assert [m.date.iso() for m in find_dates(out)] == ["1922"]
