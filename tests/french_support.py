"""The French catalogue compiled for the tests (the .mo is git-ignored and built from the .po)."""

from __future__ import annotations

import os
from pathlib import Path

from gensec_quiz.i18n import LOCALEDIR, translation

FRENCH_PO = LOCALEDIR / "fr" / "LC_MESSAGES" / "gensec_quiz.po"


def compile_french_catalogue() -> Path:
    """Compile the French .po into its .mo when the .mo is missing or older; forget the
    catalogues already loaded, so that the next `translation("fr")` reads it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mo = FRENCH_PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < FRENCH_PO.stat().st_mtime:
        with FRENCH_PO.open("rb") as source:
            catalog = read_po(source)
        partial = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        os.replace(partial, mo)
    translation.cache_clear()
    return mo
