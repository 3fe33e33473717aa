"""The built-in records as the record-set rewrite (issue 10) makes them: every event with a kind,
a headline of substance, the clause a question asks, people and context; the three Wikipedia
renderings one lineage; spans where the sources give one. Tests of the generator use it to
prove the questions read well on such records before those records land."""

from __future__ import annotations

import dataclasses
import functools
import re

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import MatchingQuestion, Question
from gensec_quiz.domain.records import Event, EventKind, RecordSet, Source

# id: (kind, text, asked, people, detail, end)
_EVENTS: dict[str, tuple[EventKind, str, str, tuple[str, ...], str, str | None]] = {
    "event-1917-october-revolution": (
        "state", "The Bolsheviks seize power in the October Revolution",
        "did the Bolsheviks seize power in the October Revolution", (),
        "The revolution brought the Bolshevik party to power; its Central Committee's "
        "secretariat grew into the office of General Secretary.", None),
    "event-1917-stasova-appointed": (
        "appointment", "Elena Stasova is appointed secretary of the Central Committee",
        "was Elena Stasova appointed secretary of the Central Committee", ("Elena Stasova",),
        "", None),
    "event-1917-6th-party-congress": (
        "congress", "The 6th Party Congress elects the first Secretariat",
        "did the 6th Party Congress elect the first Secretariat", (),
        "The Secretariat was then a clerical body run by a technical secretary.", None),
    "event-1918-7th-party-congress": (
        "congress", "The 7th Party Congress renames the party the Russian Communist Party "
        "(Bolsheviks)", "did the 7th Party Congress rename the party the Russian Communist "
        "Party (Bolsheviks)", (), "", None),
    "event-1919-8th-party-congress": (
        "congress", "The 8th Party Congress creates the Politburo, the Orgburo and the "
        "Secretariat", "did the 8th Party Congress create the Politburo, the Orgburo and a "
        "permanent Secretariat", (), "", None),
    "event-1919-responsible-secretary-established": (
        "office", "The office of Responsible Secretary is established",
        "was the office of Responsible Secretary established", (), "", None),
    "event-1919-death-of-sverdlov": (
        "death", "Yakov Sverdlov dies", "did Yakov Sverdlov die", ("Yakov Sverdlov",),
        "Sverdlov had run the Secretariat almost alone; after his death it was given a "
        "Responsible Secretary.", None),
    "event-1921-10th-party-congress": (
        "congress", "The 10th Party Congress bans factions within the party",
        "did the 10th Party Congress ban factions within the party", (), "", None),
    "event-1922-general-secretary-established": (
        "office", "The office of General Secretary is created",
        "was the office of General Secretary created", (),
        "It was meant as an administrative post; Stalin made it the seat of power.", None),
    "event-1922-11th-party-congress": (
        "congress", "The 11th Party Congress meets, Lenin's last",
        "did the 11th Party Congress, the last Lenin attended, meet", (), "", None),
    "event-1924-death-of-lenin": (
        "death", "Vladimir Lenin dies", "did Vladimir Lenin die", ("Vladimir Lenin",),
        "His death opened the struggle for the succession that Stalin won.", None),
    "event-1934-17th-party-congress": (
        "congress", "The 17th Party Congress does not formally re-elect Stalin as General "
        "Secretary", "did the 17th Party Congress leave Stalin without a formal re-election "
        "as General Secretary", ("Joseph Stalin",), "", None),
    "event-1952-19th-party-congress": (
        "congress", "The 19th Party Congress renames the party the Communist Party of the "
        "Soviet Union", "did the 19th Party Congress rename the party the Communist Party "
        "of the Soviet Union", (), "", None),
    "event-1952-general-secretary-abolished": (
        "office", "The office of General Secretary is abolished",
        "was the office of General Secretary abolished", (),
        "Stalin remained a secretary of the Central Committee and the country's leader.",
        None),
    "event-1953-death-of-stalin": (
        "death", "Joseph Stalin dies", "did Joseph Stalin die", ("Joseph Stalin",),
        "A collective leadership of Malenkov, Beria and Molotov followed.", None),
    "event-1953-malenkov-leaves-the-secretariat": (
        "removal", "Georgy Malenkov is forced to leave the Secretariat",
        "was Georgy Malenkov forced to leave the Secretariat", ("Georgy Malenkov",), "",
        None),
    "event-1953-office-renamed-first-secretary": (
        "office", "The post is re-created as First Secretary, with Khrushchev in it",
        "was the party's top post re-created as First Secretary", ("Nikita Khrushchev",),
        "", None),
    "event-1956-20th-party-congress": (
        "congress", "The 20th Party Congress hears Khrushchev denounce Stalin's cult of "
        "personality", "did Khrushchev denounce Stalin's cult of personality at the 20th "
        "Party Congress", ("Nikita Khrushchev",),
        "The 'secret speech' began de-Stalinisation.", "1956-02-25"),
    "event-1957-khrushchev-removes-rivals": (
        "removal", "Khrushchev removes Malenkov, Molotov and Kaganovich from power",
        "did Khrushchev remove Malenkov, Molotov and Kaganovich from power",
        ("Nikita Khrushchev", "Georgy Malenkov", "Vyacheslav Molotov", "Lazar Kaganovich"),
        "They had tried to oust him; the Central Committee backed Khrushchev.", None),
    "event-1964-khrushchev-removed": (
        "removal", "Khrushchev is removed from office by his colleagues",
        "was Khrushchev removed from office by his colleagues", ("Nikita Khrushchev",),
        "", None),
    "event-1965-podgorny-becomes-chairman-of-the-presidium": (
        "appointment", "Nikolai Podgorny becomes Chairman of the Presidium",
        "did Nikolai Podgorny become Chairman of the Presidium", ("Nikolai Podgorny",),
        "With Brezhnev and Kosygin he formed the collective leadership.", None),
    "event-1966-23rd-party-congress": (
        "congress", "The 23rd Party Congress restores the title General Secretary",
        "did the 23rd Party Congress restore the title General Secretary", (), "",
        None),
    "event-1966-office-renamed-general-secretary": (
        "office", "The office is renamed General Secretary",
        "was the office renamed General Secretary", (), "", None),
    "event-1977-article-6-adopted": (
        "state", "The Constitution's Article 6 names the CPSU the leading force of Soviet "
        "society", "did the Constitution's Article 6 name the CPSU the leading force of "
        "Soviet society", (), "", None),
    "event-1982-death-of-brezhnev": (
        "death", "Leonid Brezhnev dies", "did Leonid Brezhnev die", ("Leonid Brezhnev",),
        "", None),
    "event-1984-death-of-andropov": (
        "death", "Yuri Andropov dies", "did Yuri Andropov die", ("Yuri Andropov",), "", None),
    "event-1985-death-of-chernenko": (
        "death", "Konstantin Chernenko dies", "did Konstantin Chernenko die",
        ("Konstantin Chernenko",), "", None),
    "event-1988-gorbachev-reorganises-the-presidency": (
        "state", "Gorbachev reorganises the presidency", "did Gorbachev begin to reorganise "
        "the presidency", ("Mikhail Gorbachev",), "", "1989"),
    "event-1990-article-6-removed": (
        "state", "The Congress of People's Deputies removes Article 6 from the Constitution",
        "did the Congress of People's Deputies remove Article 6 from the Constitution", (),
        "", None),
    "event-1990-party-loses-monopoly": (
        "party", "The Communist Party loses its monopoly of power",
        "did the Communist Party lose its monopoly of power", (), "", None),
    "event-1991-soviet-union-dissolved": (
        "state", "The Soviet Union is dissolved", "was the Soviet Union dissolved", (), "",
        None),
    "event-1991-august-coup": (
        "state", "Hardliners attempt a coup against Gorbachev in August",
        "did hardliners attempt a coup against Gorbachev", ("Mikhail Gorbachev",), "", None),
    "event-1991-gorbachev-resigns": (
        "resignation", "Gorbachev resigns as General Secretary",
        "did Gorbachev resign as General Secretary", ("Mikhail Gorbachev",), "", None),
    "event-1991-party-suspended": (
        "party", "Yeltsin suspends the party's activities in Russia",
        "did Yeltsin suspend the party's activities in Russia", ("Boris Yeltsin",), "", None),
    "event-1991-party-banned": (
        "party", "Yeltsin bans the party", "did Yeltsin ban the party", ("Boris Yeltsin",),
        "", None),
    "event-1993-ucp-cpsu-established": (
        "party", "Oleg Shenin founds the Union of Communist Parties – CPSU",
        "did Oleg Shenin found the Union of Communist Parties – CPSU", ("Oleg Shenin",), "",
        None),
}


# Where the rewrite dates an event more finely (a congress that lasted days).
_DATES = {"event-1956-20th-party-congress": "1956-02-14"}


def _event(event: Event) -> Event:
    found = _EVENTS.get(event.id)
    if found is None:
        return event
    kind, text, asked, people, detail, end = found
    date = PartialDate.parse(_DATES[event.id]) if event.id in _DATES else event.date
    return dataclasses.replace(event, date=date, kind=kind, text=text, asked=asked,
                               people=people,
                               detail=detail,
                               end=None if end is None else PartialDate.parse(end))


def _source(source: Source) -> Source:
    if source.id in ("seed-000", "seed-001", "seed-002"):
        return dataclasses.replace(source, lineage="wikipedia")
    return source


@functools.cache
def rich_records() -> RecordSet:
    """The built-in records with the fields the rewrite fills."""
    base = load_records([])
    return RecordSet(id=base.id, title=base.title, language=base.language,
                     sources=tuple(_source(s) for s in base.sources), offices=base.offices,
                     tenures=base.tenures, events=tuple(_event(e) for e in base.events),
                     conflicts=base.conflicts)


def dated_keys(question: Question) -> set[str]:
    """The facts whose dates a question asks or tells (an order, a year matched, a congress's
    year in its label, who came after whom), as opposed to those it only rests on to ask who
    or what: "Who was General Secretary when Article 6 was adopted?" rests on Brezhnev's
    tenure but asks no date of it, and "What was the office called in 1938?" tells nothing of
    when that name began or ended."""
    if not isinstance(question, MatchingQuestion):
        return {b.key() for b in question.basis}
    found: set[str] = set()
    for pair in question.pairs:
        tells_year = any(ch.isdigit() for ch in pair.right) or re.search(r"\(\d{4}\)", pair.left)
        a_year_in_a_name = pair.left.isdigit()
        who_then = {b.field for b in pair.basis} == {"date", "start"}
        # "Who was General Secretary before Andropov?" tells an order of two, no date.
        who_next = len(question.pairs) == 1 and len(pair.basis) == 2 and all(
            b.field == "start" for b in pair.basis)
        if who_next and not tells_year:
            continue
        if tells_year or not (a_year_in_a_name or who_then):
            found |= {b.key() for b in pair.basis}
        elif who_then:  # the event's date is told; the holder's tenure only named
            found |= {b.key() for b in pair.basis if b.field == "date"}
    return found
