"""Compile the translation catalogues (`.po` -> `.mo`) when the package is built.

The `.mo` files are build products (git-ignored): a wheel ships them through `force_include`, and
an editable install finds them in the source tree, where this hook writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "gensec_quiz" / "locale"


def compile_catalogues(root: Path) -> list[Path]:
    """Write `X.mo` beside every `X.po` under the package's locale folder; return the `.mo` files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        written.append(mo)
    return written


class CatalogueBuildHook(BuildHookInterface):
    PLUGIN_NAME = "catalogues"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogues(root):
            if version != "editable":
                inside = mo.relative_to(root / "src").as_posix()
                build_data["force_include"][str(mo)] = inside
