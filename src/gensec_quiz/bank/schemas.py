"""The JSON Schemas in `docs/schemas/`, written from the formats' pydantic models.

`python -m gensec_quiz.bank.schemas [FOLDER]` rewrites them (FOLDER defaults to `docs/schemas`);
a test checks that the committed files are what the models give.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gensec_quiz.bank.question_set_model import question_set_schema
from gensec_quiz.bank.record_set_model import records_schema
from gensec_quiz.bank.textfiles import write_text_atomically

# File name in docs/schemas → the schema.
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "question-set.schema.json": question_set_schema,
    "records.schema.json": records_schema,
}


def schema_text(name: str) -> str:
    """The file's text: two-space indented JSON, keys in the models' order, a final newline."""
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; the paths written."""
    written = []
    for name in SCHEMAS:
        path = folder / name
        write_text_atomically(path, schema_text(name))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else Path("docs") / "schemas"
    for path in write_schemas(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
