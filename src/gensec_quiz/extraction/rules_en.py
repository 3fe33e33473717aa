"""The English phrases the extractor understands (Wikipedia texts and ProleWiki)."""

from __future__ import annotations

from gensec_quiz.extraction.rules import Rule, event, tenure

_N = "{n}-party-congress"
_NT = "The {n} Party Congress"
_POSS = r"['’]s"

CONGRESSES = (
    event("congress-after-date", r"{D}, at the {N} Party Congress", _N, _NT),
    event("congress-dated-in-brackets", r"{N} Party Congress \({D}\)", _N, _NT),
    event("congress-in-year", r"In {D}, the {N} Party Congress", _N, _NT),
    event("congress-in-or-on", r"{N} Party Congress (?:in|on) {D}", _N, _NT),
    event("congress-where-elected",
          r"elected (?P<elected>[A-Za-z ]+?) at the {N} (?:Party )?Congress", _N, _NT,
          date="anchor_year", guard="elected_to_row_office"),
)

DEATHS = (
    event("death-in", r"{P}" + _POSS + r" death in {D}", "death-of-{who}", "{Who} dies",
          who="group", ends="died", scope="person"),
    event("died-on", r"{P} died on {D}", "death-of-{who}", "{Who} dies", who="group",
          ends="died", scope="person"),
    event("until-his-death", r"until (?:his|her) death on {D}", "death-of-{who}", "{Who} dies",
          who="before", ends="died", scope="person"),
    event("after-death", r"(?:[Aa]fter|[Ff]ollowing) {P}" + _POSS + r" death\b",
          "death-of-{who}", "{Who} dies", date="none", who="group"),
)

LEAVING = (
    event("forced-out-of-secretariat",
          r"forced to (?:resign from the (?:Secretariat|latter)|give up his position)[^.]*? on {D}",
          "{who}-leaves-the-secretariat", "{Who} is forced to leave the Secretariat",
          who="before"),
    event("resigned-party-office", r"resigned from (?:his|her) party office on {D}",
          "{who}-resigns", "{Who} resigns as {office}", who="before", ends="resigned",
          scope="person"),
    event("resigned-as", r"{P} resigned as {T}", "{who}-resigns", "{Who} resigns as {title}",
          date="none", who="group"),
    event("removal-from-office", r"{P}" + _POSS + r" removal (?:from office|as {T})",
          "{who}-removed", "{Who} is removed from office", date="before", who="group",
          ends="removed", scope="person"),
    event("removed-from-office", r"removed {P} from office", "{who}-removed",
          "{Who} is removed from office", date="before", who="group", ends="removed",
          scope="person"),
    event("was-removed-in", r"{P} was removed as leader in {D}", "{who}-removed",
          "{Who} is removed from office", who="group", ends="removed", scope="person"),
    event("rivals-removed-named",
          r"remove (?P<list>[A-Z][^()]*?)(?: \([^)]*\))? from power in {D}",
          "{who}-removes-rivals", "{Who} removes {list} from power", who="before"),
    # two removals, one in each year: two events, never one event with two dates
    event("rivals-removed-twice", r"removed his rivals from power in both {D} and {D2}",
          "{who}-removes-rivals-{year}", "{Who} removes his rivals from power", who="before"),
    event("anti-party-group", r"defeated the [\"“]?Anti-Party Group[\"”]? in {D}",
          "{who}-removes-rivals", "{Who} defeats the Anti-Party Group", who="before"),
)

THE_OFFICE = (
    event("office-renamed", r"office (?:of {T2} )?was renamed(?: to)? {T}[^.]*? in {D}",
          "office-renamed-{title}", "The office is renamed {title}", ends="office renamed",
          scope="office"),
    event("office-reestablished", r"elected {T}, reestablishing the office",
          "office-renamed-{title}", "The office is renamed {title}", date="sentence"),
    event("office-abolished", r"formally abolished {P}" + _POSS + r" office of {T}",
          "{title}-abolished", "The office of {title} is abolished", date="context",
          ends="office abolished", scope="office"),
    event("position-abolished", r"{P} formally abolished the position", "{office}-abolished",
          "The office of {office} is abolished", date="before", ends="office abolished",
          scope="office"),
    event("office-established", r"[Oo]ffice of (?:the )?{T} was (?:established|created)"
          r"[^.]*? in {D}", "{title}-established", "The office of {title} is established"),
    event("post-established", r"[Pp]ost of {T} was (?:then )?established in {D}",
          "{title}-established", "The office of {title} is established"),
    event("office-followed", r"In {D} the office of {T} followed", "{title}-established",
          "The office of {title} is established"),
    event("the-office-established", r"The office was established in {D}",
          "{main}-established", "The office of {main} is established"),
    event("appointed-secretary",
          r"as the (?:original |first )?(?P<role>secretary of the Central Committee), "
          r"appointed on {D}", "{who}-appointed", "{Who} is appointed {role}", who="before"),
)

THE_PARTY = (
    event("activities-suspended", r"activities were suspended on {D}", "party-suspended",
          "The party's activities are suspended", ends="party suspended", scope="party"),
    event("suspended-all-activity",
          r"suspended all (?:activity in the Communist Party|Communist Party activity)",
          "party-suspended", "The party's activities are suspended", date="none"),
    event("banned-on", r"it was banned on {D}", "party-banned", "The party is banned"),
    event("party-ban", r"the party['’]s ban\b", "party-banned", "The party is banned",
          date="none"),
    event("august-coup", r"(?:failed )?(?P<month>August) [Cc]oup of {D}", "august-coup",
          "The failed August coup"),
    event("aftermath-of-coup", r"aftermath of the August [Cc]oup", "august-coup",
          "The failed August coup", date="none"),
    event("article-adopted", r"The {D} Constitution of the USSR, Article (?P<art>\d+), "
          r"formally recognized", "article-{art}-adopted",
          "The Constitution's Article {art} names the CPSU the leading force of Soviet society"),
    event("article-from-constitution", r"Article (?P<art>\d+) from the {D} Soviet Constitution",
          "article-{art}-adopted",
          "The Constitution's Article {art} names the CPSU the leading force of Soviet society"),
    event("article-removed", r"The {D} Congress of People's Deputies removed Article (?P<art>\d+)",
          "article-{art}-removed",
          "The Congress of People's Deputies removes Article {art} from the Constitution"),
    event("monopoly-lost", r"until {D}, when the Communist Party lost its monopoly of power",
          "party-loses-monopoly", "The Communist Party loses its monopoly of power"),
    event("successor-founded", r"the (?P<org>Union of [^()]+?) \((?P<abbr>[^)]+)\) was "
          r"established by (?P<founder>[A-Z]\w+ [A-Z]\w+) in {D}", "{abbr}-established",
          "{founder} founds the {org} ({abbr})"),
    event("became-chairman", r"{P} who became in {D} a (?P<role>Chairman of the Presidium)",
          "{who}-becomes-{role}", "{Who} becomes {role}", who="group"),
    event("october-revolution", r"October Revolution of {D}", "october-revolution",
          "The October Revolution"),
    event("country-dissolved", r"country['’]s dissolution in {D}", "soviet-union-dissolved",
          "The Soviet Union is dissolved"),
)

TENURES = (
    tenure("elected-to-new-office",
           r"(?:{P}|[Hh]e|[Ss]he) was elected to the (?:new|newly titled) office of {T}",
           "start", "{title}", date="sentence", who="before"),
    tenure("elected-title", r"(?:{P}|[Hh]e|[Ss]he),? (?:was )?elected {T}\b", "start",
           "{title}", date="sentence", who="before"),
    tenure("appointed-to-be", r"appointed {P} to be {T}", "office", "{title}"),
    tenure("title-was", r"(?:her|his) title was {T}", "office", "{title}", who="before"),
    tenure("became-acting", r"became acting {T}", "acting", "{title}", who="before"),
    tenure("as-acting", r"as Acting {T}", "acting", "{title}", who="before"),
    tenure("demoted", r"{P} was demoted", "end_reason", "demoted", date="context"),
)

ENGLISH_RULES: tuple[Rule, ...] = (
    *CONGRESSES, *DEATHS, *LEAVING, *THE_OFFICE, *THE_PARTY, *TENURES
)
