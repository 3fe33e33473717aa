"""The French phrases the extractor understands (seed 004).

"Lénine a donné le poste de secrétaire … à Yakov Sverdlov" (1917) is not read as the start of
Sverdlov's chairmanship of the Secretariat (8 March 1918): it speaks of his place among the
party's secretaries, which the Wikipedia article dates to the 6th Party Congress in August 1917;
the editorial file cites it there."""

from __future__ import annotations

from gensec_quiz.extraction.rules import Rule, event, tenure

FRENCH_RULES: tuple[Rule, ...] = (
    event("fr-death", r"la mort de {P} en {D}", "death-of-{who}", "{Who} dies", who="group",
          ends="died", scope="person", language="fr"),
    event("fr-renamed", r"renommé {FT}", "office-renamed-{title}", "The office is renamed {title}",
          date="before", ends="office renamed", scope="office", language="fr"),
    event("fr-title-restored", r"rétabli le titre de {FT}", "office-renamed-{title}",
          "The office is renamed {title}", date="none", language="fr"),
    event("fr-appointed", r"un {FT} a été nommé", "{title}-established",
          "The office of {title} is established", date="before", language="fr"),
    event("fr-coup", r"coup d'[ÉE]tat de {D}", "august-coup", "The failed August coup",
          language="fr"),
    event("fr-resigned", r"{P} a démissionné de son poste de {FT}", "{who}-resigns",
          "{Who} resigns as {title}", date="none", who="group", language="fr"),
    event("fr-presidency", r"{P} a ensuite réorganisé la présidence en {D}",
          "{who}-reorganises-the-presidency", "{Who} reorganises the presidency", who="group",
          language="fr"),
    tenure("fr-became", r"{P}, [^.]*?, est devenu {FT}", "office", "{title}", language="fr"),
    tenure("fr-used-post", r"{P} \([^)]*\) a réussi à utiliser le poste de {FT}", "office",
           "{title}", language="fr"),
    tenure("fr-years", r"{P} \({D}\)", "range", "", date="group", language="fr"),
)
