"""How a question words a fact: past-tense clauses read aloud ("did Vladimir Lenin die"), made
from an event's `asked` clause or, when no one wrote one, from its present-tense headline.

A headline such as "The office is renamed General Secretary" becomes "was the office renamed
General Secretary"; "Vladimir Lenin dies" becomes "did Vladimir Lenin die"; a bare name such
as "The October Revolution" becomes "did the October Revolution take place".
"""

from __future__ import annotations

import functools
import re

from gensec_quiz.domain.dates import MONTH_NAMES
from gensec_quiz.domain.records import Event, EventKind

# Verbs that headlines use with a singular subject, known even where the next word is a noun
# ("takes office", "becomes president").
_KNOWN_VERBS = frozenset({
    "abolishes", "adopts", "announces", "approves", "becomes", "begins", "bans", "calls",
    "creates", "declares", "denounces", "dies", "dissolves", "elects", "ends", "enters",
    "establishes", "forms", "founds", "gets", "gives", "goes", "has", "hears", "holds",
    "introduces", "joins", "launches", "leads", "leaves", "loses", "makes", "meets",
    "names", "opens", "orders", "passes", "proclaims", "reforms", "removes", "renames",
    "reorganises", "reorganizes", "replaces", "resigns", "restores", "returns", "rules",
    "says", "seizes", "sets", "shortens", "signs", "splits", "starts", "succeeds",
    "suspends", "takes", "wins", "writes",
})
# Words after which a following plural-looking word is not the verb ("the party's activities").
_NOT_VERB_AFTER = frozenset({"the", "a", "an", "its", "his", "her", "their", "of", "and", "or"})
# Words that follow a verb, never a plural noun that is the verb's subject.
_AFTER_VERB = frozenset({"the", "a", "an", "its", "his", "her", "their", "to", "from", "in",
                         "on", "as", "with", "into", "at", "by", "for", "that", "out", "up",
                         "down", "off", "over", "power", "office"})
_BE = {"is": "was", "are": "were"}
# Kinds of event that end someone's time in power.
ENDING: frozenset[str] = frozenset({"death", "removal", "resignation"})
_ORDINAL = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|\w+teenth|twentieth|thirtieth|\w+-(?:first|second|third|\w+th))\b",
    re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)\d{3,4}(?!\d)")
_ONSET = re.compile(r"\b(?:begin|start|become|first)\b", re.IGNORECASE)
_DEATH = re.compile(r"\b(dies|died|death)\b", re.IGNORECASE)


def event_clause(event: Event) -> str:
    """The words that follow 'In what year' for this event, in the past tense."""
    asked = event.asked.strip().rstrip("?.").strip()
    return asked or headline_clause(event.text)


def headline_clause(text: str) -> str:
    """A present-tense headline as a past-tense question clause (see the module's note)."""
    words = text.strip().rstrip(".!").split()
    if not words:
        return ""
    for index in range(1, len(words)):
        word = words[index]
        if word in _BE:
            return " ".join([_BE[word], _subject(words[:index]), *words[index + 1:]])
        if _is_verb(words, index):
            return " ".join(["did", _subject(words[:index]), _base(word), *words[index + 1:]])
    plural = _plural_verb(words)
    if plural is not None:
        return " ".join(["did", _subject(words[:plural]), *words[plural:]])
    # English grammar throughout: a set in another language takes its clauses from the
    # records' wording in that language (generation/wording.py), never from here.
    return f"did {_subject(words)} take place"



def _subject(words: list[str]) -> str:
    """The subject as it reads inside a question: a leading article in lower case."""
    first, *rest = words
    if first in ("The", "A", "An"):
        first = first.lower()
    return " ".join([first, *rest])


def _is_verb(words: list[str], index: int) -> bool:
    word = words[index]
    if not word.islower() or not word.endswith("s") or "'" in word or "’" in word:
        return False
    if words[index - 1].lower() in _NOT_VERB_AFTER and word not in _KNOWN_VERBS:
        return False
    if word in _KNOWN_VERBS:
        return True
    if word.endswith("ss") or len(word) < 4:
        return False
    following = words[index + 1] if index + 1 < len(words) else ""
    # "Protests and general strikes shake France": a plural noun is followed by the verb.
    return not following or not following.islower() or following in _AFTER_VERB


def _plural_verb(words: list[str]) -> int | None:
    """Where the verb of a plural subject stands ('Protests ... shake France'), if anywhere."""
    if not any(w.lower() == "and" for w in words) and not words[0].endswith("s"):
        return None
    for index in range(1, len(words) - 1):
        word = words[index]
        before = words[index - 1]
        if (word.islower() and before.endswith("s") and before.islower()
                and word not in _NOT_VERB_AFTER and word not in _AFTER_VERB):
            return index
    return None


def _base(verb: str) -> str:
    """The base form of a third-person verb: 'dies' -> 'die', 'abolishes' -> 'abolish'."""
    if verb == "has":
        return "have"
    if verb == "does":
        return "do"
    if verb == "goes":
        return "go"
    if verb.endswith("ies"):
        return verb[:-1] if len(verb) <= 4 else verb[:-3] + "y"
    if verb.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return verb[:-2]
    return verb[:-1]


def kind_of(event: Event) -> EventKind:
    """The event's kind, or, for records that do not say (a teacher's CSV), a guess from its
    words: a death, a congress, the office, a removal, a resignation, the party."""
    if event.kind != "other":
        return event.kind
    text = event.text.lower()
    if _DEATH.search(text):
        return "death"
    if "congress" in text and "party congress" in text:
        return "congress"
    if re.search(r"\bresign", text):
        return "resignation"
    if re.search(r"\b(removed?|removes|ousted|forced out|forced to leave|deposed)\b", text):
        return "removal"
    if re.search(r"\b(office|post|title)\b", text) and re.search(
            r"\b(establish|creat|abolish|renam|re-creat|restor)", text):
        return "office"
    if re.search(r"\bpart(y|ies)\b", text) and re.search(
            r"\b(banned|bans|suspend|monopoly|dissolv|found|successor)", text):
        return "party"
    return "other"


def asks_onset(asked: str) -> bool:
    """True when an `asked` clause asks when something began ("did Gorbachev begin to
    reorganise the presidency", "did the General Secretary become the recognised leader")."""
    return bool(_ONSET.search(asked))


@functools.lru_cache(maxsize=4096)
def has_ordinal(text: str) -> bool:
    """True when the text numbers itself ('The 7th Party Congress'); each text is read once
    for all the quizzes made from the same records."""
    return bool(_ORDINAL.search(text))


def has_year(text: str) -> bool:
    return bool(_YEAR.search(text))


def names_month(text: str, month: int) -> bool:
    name = MONTH_NAMES[month - 1]
    return name in text and re.search(rf"\b{name}\b", text) is not None


def names_year(text: str, year: int) -> bool:
    return str(year) in text and int(year) in {int(y) for y in _YEAR.findall(text)}


def end_reason_key(reason: str) -> str:
    """'died', 'removed', 'resigned', 'replaced', 'demoted', 'abolished', 'renamed',
    'suspended' or '' for a tenure's `end_reason` in any wording."""
    text = reason.lower()
    if "died" in text or "death" in text:
        return "died"
    if "resign" in text:
        return "resigned"
    if "remov" in text or "ousted" in text or "deposed" in text:
        return "removed"
    if "replaced" in text:
        return "replaced"
    if "demoted" in text:
        return "demoted"
    for what in ("abolished", "renamed", "suspended"):
        if what in text:
            return what  # the office abolished or renamed, the party suspended
    return ""


# Past forms of the headline verbs that do not take a plain -d or -ed.
_PAST = {
    "bans": "banned", "becomes": "became", "begins": "began", "gets": "got", "gives": "gave",
    "goes": "went", "has": "had", "hears": "heard", "holds": "held", "leads": "led",
    "leaves": "left", "loses": "lost", "makes": "made", "meets": "met", "sets": "set",
    "splits": "split", "takes": "took", "wins": "won", "writes": "wrote", "says": "said",
    "plans": "planned", "stops": "stopped", "admits": "admitted", "controls": "controlled",
    "is": "was", "are": "were", "does": "did", "runs": "ran", "comes": "came",
    "seeks": "sought", "brings": "brought", "keeps": "kept", "sends": "sent",
}


def past_verb(verb: str) -> str:
    """The simple past of a third-person verb: 'dies' -> 'died', 'bans' -> 'banned'."""
    found = _PAST.get(verb)
    if found is not None:
        return found
    base = _base(verb)
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def past_statement(text: str) -> str | None:
    """A present-tense headline as a past-tense statement inside a sentence ("the 10th Party
    Congress banned factions within the party"), or None when its verbs cannot be told surely
    (no verb found, or a clause whose verb is not a known one)."""
    words = text.strip().rstrip(".!").split()
    if len(words) < 2:
        return None
    changed = False
    out = list(words)
    for index in range(1, len(words)):
        word = words[index].rstrip(",;")
        tail = words[index][len(word):]
        if word in _BE and words[index - 1].lower() not in _NOT_VERB_AFTER:
            out[index] = _BE[word] + tail
            changed = True
        elif (word in _KNOWN_VERBS and (words[index - 1].lower() not in _NOT_VERB_AFTER
                                        or (changed and words[index - 1] == "and"))) or (
                not changed and _is_verb(words, index)):
            # "elects Molotov ... and makes": a second verb after "and" takes the past too.
            out[index] = past_verb(word) + tail
            changed = True
    if not changed:
        return None
    return " ".join(_subject(out[:1]).split() + out[1:])


def is_judgement(event: Event) -> bool:
    """True for what historians judge rather than date: who led in fact (the editors' kind
    "leadership": "Stalin is now the unquestioned leader", a troika) and a process over years
    ("Gorbachev reorganises the presidency", 1988–1989)."""
    if event.kind == "leadership":
        return True
    return event.end is not None and event.end.year > event.date.year


def names_no_one_removed(event: Event) -> bool:
    """True for a removal told in the active voice that names no one removed ("Khrushchev
    removes rivals from power for the first time"): a question on it would ask when someone
    unnamed fell, which the sources do not say. "The Central Committee removes Khrushchev"
    and "X is deposed" name who fell."""
    if kind_of(event) != "removal":
        return False
    words = event.text.strip().rstrip(".!").split()
    for index in range(1, len(words)):
        word = words[index].rstrip(",;")
        if word in _BE:
            return False  # passive: the subject is the one removed
        if word in _KNOWN_VERBS or _is_verb(words, index):
            after = words[index + 1:]
            return not any(w[:1].isupper() for w in after)
    return False
