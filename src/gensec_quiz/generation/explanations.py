"""Explanations that teach the fact in context, name the disagreement, and name the source."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gensec_quiz.domain.dates import PartialDate, Precision, day_in, month_name_in
from gensec_quiz.domain.records import Event, SourceId, SourceRef
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.labels import bare, sentence
from gensec_quiz.generation.phrasing import end_reason_key, kind_of, past_statement
from gensec_quiz.generation.witnesses import (
    and_list,
    capitalised,
    cited_witnesses,
    semicolons,
    witness_names,
)
from gensec_quiz.generation.wording import ENGLISH, Wording
from gensec_quiz.i18n import N_

# How an office's name ended, as a past participle ("until the office was abolished").
_HOW = {"abolished": N_("abolished"), "renamed": N_("renamed")}


def at_date(date: PartialDate, words: Wording = ENGLISH) -> str:
    """'on 3 April 1922', 'in April 1922' or 'in 1922'."""
    if date.day is not None:
        return words.tr("on {date}", date=words.date(date))
    return words.tr("in {date}", date=words.date(date))


def span_text(start: PartialDate, end: PartialDate, words: Wording = ENGLISH) -> str:
    """'14–25 February 1956', '1988–1989' or '19 August to 2 September 1917'."""
    if start.precision == end.precision == "day" and (start.year, start.month) == (
            end.year, end.month):
        assert start.day is not None
        return words.tr("{first}–{last}", first=day_in(start.day, words.language),
                        last=words.date(end))
    if start.precision == end.precision == "year":
        return words.tr("{first}–{last}", first=start.year, last=end.year)
    if start.precision == end.precision == "month" and start.year == end.year:
        # Its own text: French writes a run of months "mars-avril 1922".
        return words.tr("{first_month} to {last}",
                        first_month=month_name_in(start.month or 1, words.language),
                        last=words.date(end))
    return words.tr("{first} to {last}", first=words.date(start), last=words.date(end))


# French words that begin a sentence but not a name: lower case after a colon ("1953 : le
# parti ...", never "1953 : Le parti ...").
_ARTICLES = ("Le ", "La ", "Les ", "L'", "L’", "Un ", "Une ", "Des ", "Cette ", "Ce ")


def after_colon(words: Wording, text: str) -> str:
    """A sentence as it reads after a colon in the set's language (French lowers a leading
    article; English keeps the capital, as it always has)."""
    if words.language == "fr" and text.startswith(_ARTICLES):
        return text[:1].lower() + text[1:]
    return text


def event_text(ctx: Context, event: Event) -> str:
    """The event's headline in the set's language (the records' own when none is given)."""
    found = ctx.words.event(event)
    return found.text if found is not None else event.text


def event_past(ctx: Context, event: Event) -> str:
    """The headline told in the past, as an explanation states what happened ("1924: Vladimir
    Lenin, leader of the Bolsheviks, died."); the headline itself when no past form is known."""
    if ctx.words.english:
        return past_statement(event.text) or event.text
    found = ctx.words.event(event)
    if found is not None and found.said:
        return found.said
    return event_text(ctx, event)


def event_detail(ctx: Context, event: Event) -> str:
    found = ctx.words.event(event)
    return found.detail if found is not None else event.detail


def first_sentence(text: str) -> str:
    """The first sentence of `text`, ending in its stop."""
    text = text.strip()
    if not text:
        return ""
    head = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“«])", text, maxsplit=1)[0]
    return head if head.endswith((".", "!", "?", "»", "\"")) else head + "."


# Kinds of event by which someone takes office, and by which a tenure ends.
_TAKING = frozenset({"appointment", "leadership", "office"})
_ENDING = frozenset({"death", "removal", "resignation", "office", "party"})


def tenure_detail(ctx: Context, fact: DatedFact) -> str:
    """The first sentence of the detail of the event that the records tell on a tenure's
    start or end (the same day, the same person), if any: what came of Khrushchev's removal,
    not only its date."""
    person = ctx.view(fact.record).tenure.person
    events = ctx.events_by_year.get(fact.date.year, ())
    # The event of that very day first; else one known to the month that holds the day
    # ("Khrushchev is elected First Secretary", September 1953, for 7 September 1953).
    for same in (True, False):
        for event in events:
            if same != (event.date == fact.date):
                continue
            if not same and (event.date.month is None or event.date.day is not None
                             or event.date.month != fact.date.month):
                continue
            # Of a start, the event by which the person took office; of an end, the one that
            # ended it (Khrushchev's removal tells of him, not of Brezhnev, who followed).
            if kind_of(event) not in (_TAKING if fact.field == "start" else _ENDING):
                continue
            if person in ctx.people_in(event):
                found = first_sentence(event_detail(ctx, event))
                if found:
                    return found
    return ""


def fact_sentence(ctx: Context, fact: DatedFact) -> str:
    """One sentence stating the fact at the precision its record gives."""
    found = ctx.sentences.get(fact.key)
    if found is None:
        found = ctx.sentences[fact.key] = _fact_sentence(ctx, fact)
    return found


def _fact_sentence(ctx: Context, fact: DatedFact) -> str:
    when = at_date(fact.date, ctx.words)
    if fact.record in ctx.tenures:
        return _tenure_sentence(ctx, fact, when)
    if fact.record in ctx.events:
        event = ctx.event(fact.record)
        if fact.span is None:
            # A sentence a teacher would write, not a headline: "Vladimir Lenin, leader of
            # the Bolsheviks, died in 1924." (not "1924: Vladimir Lenin ... died.").
            text = ctx.tr("{text} {when}.", text=capitalised(bare(event_past(ctx, event))),
                          when=when)
        else:
            date = span_text(fact.date, fact.span, ctx.words)
            if not ctx.words.english:
                date = capitalised(date)  # "Octobre 1952 : ...", the sentence's first word
            text = ctx.tr("{date}: {text}", date=date,
                          text=after_colon(ctx.words, sentence(event_past(ctx, event))))
        detail = event_detail(ctx, event)
        return join_sentences(text, sentence(detail) if detail.strip() else "")
    office = ctx.office(fact.record)
    if fact.field == "start":
        return ctx.tr("The office was first called {name} {when}.",
                      name=ctx.words.office(office.name), when=when)
    return ctx.tr("The title {name} was used until {when}.",
                  name=ctx.words.office(office.name), when=when, until=until(ctx, fact.date))


def until(ctx: Context, date: PartialDate) -> str:
    """'until 5 March 1953' as a phrase of its own: French says "jusqu'au 5 mars 1953" but
    "jusqu'en mars 1953" (a template may use {until} where English says "until {date}")."""
    if date.day is not None:
        return ctx.tr("until the day {date}", date=ctx.words.date(date))
    return ctx.tr("until {date}", date=ctx.words.date(date))


def end_sentence(ctx: Context, fact: DatedFact, *, successor: bool = True) -> str:
    """How and when a tenure ended, and (`successor`) who followed: without him when the
    next sentence names him anyway ("...; Vladimir Ivashko followed. His deputy Vladimir
    Ivashko became acting General Secretary" told him twice)."""
    if successor:
        return fact_sentence(ctx, fact)
    return _tenure_sentence(ctx, fact, at_date(fact.date, ctx.words), successor=False)


def ending_when(ctx: Context, fact: DatedFact, *, told: str = "") -> str:
    """When a tenure ended and who followed, without saying again how it ended (the learner
    has just read that in the key): "Konstantin Chernenko then became General Secretary." The
    successor is left out when `told` (the sentence
    before) names him already ("His deputy Vladimir Ivashko became acting ...")."""
    view = ctx.view(fact.record)
    after = ctx.neighbour(fact.record, later=True)
    if after is None or after.person == view.person or after.name in told \
            or after.name.split()[-1] in told:
        return ""
    if after.office and after.office == view.office and not after.tenure.acting:
        # "Leonid Brezhnev succeeded Khrushchev as First Secretary.": in the same post only
        # (Stalin did not succeed Molotov; the party created a new office for him).
        return ctx.tr("{after} succeeded {before} as {office}.", after=after.name,
                      before=view.name.split()[-1], office=after.office_phrase(),
                      **ctx.words.agreement(after.person))
    # "Vladimir Ivashko then became acting General Secretary.", not a bare "Ivashko followed."
    return ctx.tr("{after} then became {office}.", after=after.name,
                  office=after.office_phrase(), **ctx.words.agreement(after.person))


def _tenure_sentence(ctx: Context, fact: DatedFact, when: str, *,
                     successor: bool = True) -> str:
    """'Leonid Brezhnev became First Secretary on 14 October 1964, succeeding Nikita
    Khrushchev.' or how and when a tenure ended, and who followed."""
    view = ctx.view(fact.record)
    agree = ctx.words.agreement(view.person)

    def tr(text: str, /, **values: str) -> str:
        """`text` in the set's language, agreeing with the person ({il}, {e})."""
        return ctx.tr(text, **agree, **values)

    if fact.field == "start":
        before = ctx.neighbour(fact.record, later=False)
        # Not across a new post: Stalin did not succeed Molotov, Responsible Secretary; the
        # party created the office of General Secretary for him.
        if before is not None and before.person != view.person and before.office == view.office:
            return tr("{what} {when}, succeeding {before}.", what=view.became(), when=when,
                      before=before.name)
        return tr("{what} {when}.", what=view.became(), when=when)
    reason = view.tenure.end_reason.strip()
    office = view.office_phrase()
    how = end_reason_key(reason)
    if how == "died":
        text = tr("{person} died in office {when}", person=view.name, when=when)
    elif how == "resigned":
        text = tr("{person} resigned {when}", person=view.name, when=when)
    elif how == "removed":
        text = tr("{person} was removed from office {when}", person=view.name, when=when)
    elif how == "replaced" and (after := ctx.neighbour(fact.record, later=True)) is not None \
            and after.office and after.office != view.office:
        # Molotov: the post gave way to a new one, General Secretary, which Stalin took.
        text = tr("{person} was {office} until {when_bare}, when the post gave way to that of "
                  "{new}", person=view.name, office=office, when_bare=ctx.words.date(fact.date),
                  new=ctx.words.office(after.office))
    elif how == "replaced":
        text = tr("{person} was replaced as {office} {when}", person=view.name,
                  office=office, when=when)
    elif how == "demoted":
        text = tr("{person} was demoted from the office of {office} {when}",
                  person=view.name, office=office, when=when)
    elif how in ("abolished", "renamed"):
        text = tr("{person} was {office} until the office was {what} {when}",
                  person=view.name, office=office, what=ctx.tr(_HOW[how]), when=when)
    elif how == "suspended":
        text = tr("{person} was {office} until the party was suspended {when}",
                  person=view.name, office=office, when=when)
    elif reason:
        text = tr("{person} was {office} until {date} ({reason})", person=view.name,
                  office=office, date=ctx.words.date(fact.date), reason=reason,
                  until=until(ctx, fact.date))
    else:
        text = tr("{person} was {office} until {date}", person=view.name, office=office,
                  date=ctx.words.date(fact.date), until=until(ctx, fact.date))
    after = ctx.neighbour(fact.record, later=True)
    if after is None or not successor:
        return sentence(text)
    if after.person == view.person:
        return tr("{text}, and continued as {office}.", text=text,
                  office=after.title or ctx.tr("officeholder"))
    return tr("{text}; {after} followed.", text=text, after=after.name)


def source_line(ctx: Context, refs: Iterable[SourceRef]) -> str:
    """'Source: ProleWiki.' or 'Sources: the Wikipedia article and ProleWiki.': the witnesses,
    each once (three renderings of one article are one), never a file or an id."""
    ids = tuple(dict.fromkeys([r.source for r in refs]))
    found = ctx.source_lines.get(ids)
    if found is None:
        found = ctx.source_lines[ids] = _source_line(ctx, ids)
    return found


def _source_line(ctx: Context, ids: tuple[str, ...]) -> str:
    names = cited_witnesses(ctx.records, [SourceRef(SourceId(i), "") for i in ids], ctx.words)
    if not names:
        return ""
    if len(names) == 1:
        return ctx.tr("Source: {name}.", name=bare(names[0]))
    return ctx.tr("Sources: {names}.", names=and_list(names, ctx.words))


def dispute_note(ctx: Context, fact: DatedFact, *, precision: Precision | None = None,
                 either_way: str = "") -> str:
    """The disagreement in one plain sentence, with how the question treats it; empty when
    the witnesses agree, or when it does not change this question's answer (`either_way`:
    an order or a length the same with either date; `precision`: the sources differ on the day
    of a year asked), which a learner need not weigh (the quotes stay under Sources)."""
    if not fact.disputed or either_way:
        return ""
    if precision is not None and len(fact.values_at(precision)) == 1:
        return ""  # the day is disputed, the year asked is not: nothing for the learner to weigh
    givings = []
    named = [witness_names(ctx.records, v.sources, ctx.words) for v in fact.values]
    for value, found in zip(fact.values, named, strict=True):
        # A witness on two sides (two versions of one article) is named by its version.
        names = [ctx.tr("a version of {name}", name=n)
                 if sum(n in other for other in named) > 1 else n
                 for n in found] or [ctx.tr("the records")]
        givings.append(ctx.tr("{names} {verb} {date}", names=and_list(names, ctx.words),
                              verb=ctx.tr("gives") if len(names) == 1 else ctx.tr("give"),
                              date=ctx.words.date(value.date),
                              when=at_date(value.date, ctx.words)))
    said = semicolons(ctx.words, givings)
    return ctx.tr("The sources disagree: {givings}; each is accepted.", givings=said)


def cited(refs: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """The quotes a question cites, each once: a source and its words, without the record's
    `supports` (which fields a quote is cited for is the record set's business; a question
    cites the quote, and its JSON format stores only that)."""
    return tuple(dict.fromkeys(SourceRef(r.source, r.quote) for r in refs))


def collect_sources(facts: Iterable[DatedFact]) -> tuple[SourceRef, ...]:
    return cited(r for f in facts for r in f.all_sources())


def join_sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)
