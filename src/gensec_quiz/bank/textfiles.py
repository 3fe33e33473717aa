"""Safe reading of a user's text file: size limit, binary check, BOM-aware decoding."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import tempfile
from pathlib import Path

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

MAX_BYTES = 5 * 1024 * 1024

# Longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_user_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's text with any BOM removed and line ends made `\\n`; InputError otherwise.

    UTF-8 with or without a BOM is read; UTF-16 and UTF-32 only when a BOM says so.
    """
    data = read_user_bytes(path, max_bytes=max_bytes)
    return normalise_newlines(decode_user_bytes(data, where=str(path)))


def read_user_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, refused when missing, unreadable or over `max_bytes`."""
    where = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem(where, tr("no such file"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(where, tr("is a folder, not a file"))]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError([Problem(where, tr("cannot be read ({reason})", reason=reason))]) from None
    if len(data) > max_bytes:
        raise InputError([Problem(where, tr(
            "is larger than the {limit} limit; split it into smaller files",
            limit=human_size(max_bytes)))])
    return data


def decode_user_bytes(data: bytes, *, where: str) -> str:
    """Decode by BOM, else as UTF-8; binary data and bad bytes are refused with their lines."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom):], encoding, where)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError([Problem(f"{where}:{line}: (file)", tr(
            "contains NUL bytes, so it is a binary file, not text"))])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(_utf8_problems(data, where)) from None


def _decode_with_bom(body: bytes, encoding: str, where: str) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.removesuffix("-le").removesuffix("-be").upper()
        line = body[: error.start].decode(encoding, errors="ignore").count("\n") + 1
        raise InputError([Problem(f"{where}:{line}: (encoding)", tr(
            "the file starts with a {name} byte-order mark but is not valid {name} here",
            name=name))]) from None


def _utf8_problems(data: bytes, where: str) -> list[Problem]:
    """One problem per line that is not UTF-8, naming the first bad byte."""
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = raw[error.start]
            problems.append(Problem(f"{where}:{number}: (encoding)", tr(
                "byte 0x{byte:02X} at position {column} is not UTF-8; "
                "save the file as UTF-8 (or UTF-16 with a byte-order mark)",
                byte=byte, column=error.start + 1)))
    return problems


# Invisible characters that reorder or hide text on a terminal, in the window or in an export.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")


def text_problem(value: str) -> str | None:
    """Why a text from a user's file may not be shown or exported, or None when it may.

    Refused: control characters other than line breaks and tabs (an ESC sequence would reach the
    terminal; XML cannot hold them), lone surrogates (not text: no UTF-8 for them) and the
    direction controls that reorder what is shown."""
    for index, char in enumerate(value):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return tr("holds a lone surrogate (U+{code:04X}) at character {at}, which is not text",
                      code=code, at=index + 1)
        if (code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F:
            return tr("holds the control character U+{code:04X} at character {at}; remove it",
                      code=code, at=index + 1)
        if char in _BIDI_CONTROLS:
            return tr("holds the invisible direction control U+{code:04X} at character {at}; "
                      "remove it", code=code, at=index + 1)
    return None


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and a lone `\\r` become `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def human_size(size: int) -> str:
    """`5 MB`, `512 KB` or `900 bytes`."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` as UTF-8 so that `path` is either the old file or the whole new one, even
    after a crash or a power cut (a temporary file, flushed to disk, then renamed over it).

    The temporary file has a short name of its own, so a long file name fails once, with the
    operating system's error, and nothing is left behind."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".gensec-", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


# The files of the data folder an export must never overwrite (see docs/data.md).
_LEARNER_FILE = re.compile(r"^gensec-quiz(\.sqlite3.*|\.lock|\.log)$")


def learner_file_problem(target: Path | str | None, root: Path) -> Problem | None:
    """Why `target` may not be written: it is the learner database of the data folder `root`,
    its `-wal`, `-shm` or journal, a damaged copy, a backup, the lock or the log; else None."""
    if target is None or str(target) == "-":
        return None
    path = Path(target).expanduser()
    try:
        resolved, folder = path.resolve(), root.expanduser().resolve()
    except (OSError, RuntimeError):
        return None
    protected = resolved.parent == folder and _LEARNER_FILE.match(resolved.name) is not None
    protected = protected or folder / "backups" in resolved.parents
    if not protected:
        database = folder / "gensec-quiz.sqlite3"
        with contextlib.suppress(OSError):  # a name too long to exist, for one
            protected = path.exists() and database.exists() and path.samefile(database)
    if not protected:
        return None
    return Problem(str(target), tr(
        "is part of the learners' data ({folder}) and is never overwritten; choose another "
        "file", folder=folder))


def refuse_learner_files(target: Path | str | None, root: Path) -> None:
    """Raise `InputError` when `target` is one of the learners' data files (see above)."""
    problem = learner_file_problem(target, root)
    if problem is not None:
        raise InputError([problem])
