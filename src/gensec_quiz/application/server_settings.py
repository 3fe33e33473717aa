"""The school server chosen in Settings: its fields, its password, and "Test connection".

What is saved: host, port, database and user in `school-server.json` in the data folder (0600,
its owner's only); the password in the system keyring (the `keyring` library) where there is
one, else in that same file (the page says so). `saved_server_url(root)` builds the address the
app opens at its next start; `GENSEC_QUIZ_DATABASE_URL`, when set, still wins over it.

Qt-free: the Settings page (`ui/screens/settings_server.py`) only shows and forwards. Nothing
here imports the ORM or the driver until a URL is built or a connection tried.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

_log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "school-server.json"
KEYRING_SERVICE = "GenSec Quiz school server"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5
FORMAT_VERSION = 1
PasswordPlace = Literal["keyring", "file", "none"]


@dataclass(frozen=True, slots=True)
class ServerFields:
    """Where the school server is and who GenSec Quiz signs in as (no password)."""

    host: str
    port: int
    database: str
    user: str

    @classmethod
    def from_text(cls, *, host: str, port: str, database: str, user: str) -> ServerFields:
        """The fields as typed on the page; each missing or wrong one told in a sentence."""
        problems: list[Problem] = []
        host, database, user = host.strip(), database.strip(), user.strip()
        for value, name in ((host, tr("Host")), (database, tr("Database")), (user, tr("User"))):
            if not value:
                problems.append(Problem(name, tr("this field is empty; fill it in.")))
        text = port.strip() or str(DEFAULT_PORT)
        number = int(text) if text.isdigit() else 0
        if not 1 <= number <= 65535:
            problems.append(Problem(tr("Port"), tr(
                "“{port}” is not a port number (a whole number from 1 to 65535; PostgreSQL's "
                "is usually 5432).", port=port.strip())))
        if " " in host or "/" in host:
            problems.append(Problem(tr("Host"), tr(
                "“{host}” is not a host name (write a name such as school-server or an "
                "address such as 192.168.1.10, without spaces or slashes).", host=host)))
        if problems:
            raise InputError(problems)
        return cls(host=host, port=number, database=database, user=user)

    @property
    def keyring_name(self) -> str:
        """The name the password is kept under in the keyring: one per server and user."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str) -> str:
        """The SQLAlchemy address (`postgresql+psycopg://...`) with the password in it."""
        from sqlalchemy import URL

        return URL.create("postgresql+psycopg", username=self.user, password=password or None,
                          host=self.host, port=self.port,
                          database=self.database).render_as_string(hide_password=False)

    def shown(self) -> str:
        """The address as shown to people: never the password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


class PasswordVault(Protocol):
    """Where a password is kept when not in the settings file (the system keyring)."""

    def available(self) -> bool: ...

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, password: str) -> None: ...

    def delete(self, name: str) -> None: ...


class SystemKeyring:
    """The system keyring through the `keyring` library (GNOME Keyring or KWallet through the
    Secret Service, the Windows Credential Manager, the macOS Keychain). `backend` is the
    library's own choice unless given (tests give one)."""

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def available(self) -> bool:
        """Whether a real keyring is there: the library's "fail" backend, or a chain of none,
        means there is nowhere safe to keep a password."""
        try:
            from keyring.backends import chainer, fail

            backend = self._keyring()
        except Exception:  # an import or a backend that breaks on this system: none to use
            _log.warning("no usable keyring", exc_info=True)
            return False
        if isinstance(backend, fail.Keyring):
            return False
        return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)

    def get(self, name: str) -> str | None:
        value = self._keyring().get_password(KEYRING_SERVICE, name)
        return None if value is None else str(value)

    def set(self, name: str, password: str) -> None:
        self._keyring().set_password(KEYRING_SERVICE, name, password)

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            self._keyring().delete_password(KEYRING_SERVICE, name)


@dataclass(frozen=True, slots=True)
class SavedServer:
    """The school server saved in Settings, with its password (empty when none was found)."""

    fields: ServerFields
    password: str
    password_place: PasswordPlace

    def url(self) -> str:
        return self.fields.url(self.password)


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """What "Test connection" found: whether the server was reached, in one sentence."""

    reached: bool
    sentence: str


class SchoolServerSettings:
    """Reads and writes the school server chosen in Settings for the data folder `root`.

    `environment_url` is `GENSEC_QUIZ_DATABASE_URL` as the entry point found it (it wins over
    what is saved here); `in_use` is the server the running app opened (None: this PC's file).
    """

    def __init__(self, root: Path, *, vault: PasswordVault | None = None,
                 environment_url: str | None = None, in_use: str | None = None) -> None:
        self.root = root
        self.vault: PasswordVault = vault if vault is not None else SystemKeyring()
        self.environment_url = (environment_url or "").strip() or None
        self.in_use = in_use

    @property
    def file(self) -> Path:
        return self.root / SETTINGS_FILE_NAME

    # ---------------------------------------------------------------- reading

    def load(self) -> SavedServer | None:
        """The saved server, or None for "this PC only"; a file that cannot be read is told
        in a sentence naming it."""
        try:
            text = self.file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._unreadable(error.strerror or str(error)) from None
        try:
            data = json.loads(text)
            fields = ServerFields(host=str(data["host"]), port=int(data["port"]),
                                  database=str(data["database"]), user=str(data["user"]))
            place = str(data.get("password_in", "none"))
        except (ValueError, KeyError, TypeError) as error:
            raise self._unreadable(tr("it is not a saved school server ({error})",
                                      error=error)) from None
        if place == "file":
            return SavedServer(fields, str(data.get("password", "")), "file")
        if place == "keyring":
            try:
                password = self.vault.get(fields.keyring_name) if self.vault.available() else None
            except Exception as error:  # a locked or broken keyring: said, the fields kept
                _log.warning("keyring read failed: %s", error)
                password = None
            return SavedServer(fields, password or "", "keyring" if password else "none")
        return SavedServer(fields, "", "none")

    def _unreadable(self, reason: str) -> InputError:
        return InputError([Problem(str(self.file), tr(
            "the school server settings could not be read ({reason}); save them again on the "
            "School server page.", reason=reason))])

    def keyring_available(self) -> bool:
        return self.vault.available()

    def notes(self) -> list[str]:
        """What the page says about the current state, one sentence each."""
        notes: list[str] = []
        if self.environment_url is not None:
            from gensec_quiz.storage.opening import server_url, shown_url

            try:
                shown = shown_url(server_url(self.environment_url))
            except InputError:
                shown = tr("an address that is not valid")
            notes.append(tr(
                "GENSEC_QUIZ_DATABASE_URL is set ({server}) and wins over what is saved here, "
                "as long as it is set.", server=shown))
        if self.in_use is not None:
            from gensec_quiz.storage.opening import server_url, shown_url

            try:
                shown = shown_url(server_url(self.in_use))
            except InputError:
                shown = self.in_use
            notes.append(tr("The app is using the school server {server} now.", server=shown))
        else:
            notes.append(tr("The app is using this PC's own data now."))
        if not self.vault.available():
            notes.append(tr(
                "This PC has no system keyring: a password saved here is kept in {file}, "
                "readable only by your account.", file=self.file))
        return notes

    # ---------------------------------------------------------------- writing

    def save(self, fields: ServerFields, password: str) -> str:
        """Keep the server (the password in the keyring when there is one); one sentence on
        what was done and when it takes effect."""
        place: PasswordPlace = "none"
        if password:
            place = "file"
            if self.vault.available():
                try:
                    self.vault.set(fields.keyring_name, password)
                    place = "keyring"
                except Exception as error:  # a keyring that refuses: the file, and said so
                    _log.warning("keyring write failed: %s", error)
        previous = self._previous_fields()
        data: dict[str, object] = {
            "format": FORMAT_VERSION, "host": fields.host, "port": fields.port,
            "database": fields.database, "user": fields.user, "password_in": place}
        if place == "file":
            data["password"] = password
        self._write(data)
        if previous is not None and previous != fields:
            self._forget_password(previous)
        if place != "keyring" and password == "":
            self._forget_password(fields)
        where = {
            "keyring": tr("the password is in the system keyring"),
            "file": tr("the password is in {file}, readable only by your account (this PC has "
                       "no system keyring to keep it in)", file=self.file),
            "none": tr("no password was given"),
        }[place]
        sentence = tr("Saved ({where}). GenSec Quiz will use the school server {server} from "
                      "its next start: close it and open it again.", where=where,
                      server=fields.shown())
        if self.environment_url is not None:
            sentence += " " + tr("While GENSEC_QUIZ_DATABASE_URL is set, that address is used "
                                 "instead.")
        return sentence

    def use_this_pc_only(self) -> str:
        """Forget the server (and its password); one sentence on when it takes effect."""
        previous = self._previous_fields()
        self.file.unlink(missing_ok=True)
        if previous is not None:
            self._forget_password(previous)
        sentence = tr("GenSec Quiz will keep its data on this PC from its next start: close it "
                      "and open it again. Nothing on the school server was deleted.")
        if self.environment_url is not None:
            sentence += " " + tr("While GENSEC_QUIZ_DATABASE_URL is set, that address is used "
                                 "instead.")
        return sentence

    def _previous_fields(self) -> ServerFields | None:
        try:
            saved = self.load()
        except InputError:
            return None
        return None if saved is None else saved.fields

    def _forget_password(self, fields: ServerFields) -> None:
        if not self.vault.available():
            return
        try:
            self.vault.delete(fields.keyring_name)
        except Exception as error:
            _log.warning("keyring delete failed: %s", error)

    def _write(self, data: dict[str, object]) -> None:
        """Written whole or not at all, 0600 from the start (never readable by others, even
        for a moment)."""
        import tempfile

        self.root.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=".school-server-", suffix=".tmp",
                                            dir=self.root)
        try:
            os.chmod(name, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, self.file)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


def saved_server_url(root: Path, *, vault: PasswordVault | None = None) -> str | None:
    """The address the app opens for the data folder `root` when GENSEC_QUIZ_DATABASE_URL is
    not set: the saved school server, or None (this PC's file). A settings file that cannot be
    read is logged and this PC's file used; the Settings page says why."""
    if not (root / SETTINGS_FILE_NAME).is_file():
        return None  # the usual case, without importing anything
    try:
        saved = SchoolServerSettings(root, vault=vault).load()
    except InputError as error:
        _log.warning("%s", error)
        return None
    return None if saved is None else saved.url()


def try_connection(fields: ServerFields, password: str, *,
                    timeout_s: int = CONNECT_TIMEOUT_S) -> ConnectionCheck:
    """Try to sign in to the server once, within `timeout_s` seconds (libpq waits at least 2);
    never raises. Run it off the window's thread: it can take that long."""
    import psycopg

    try:
        connection = psycopg.connect(host=fields.host, port=fields.port, dbname=fields.database,
                                     user=fields.user, password=password,
                                     connect_timeout=timeout_s, application_name="gensec-quiz")
    except psycopg.Error as error:
        return ConnectionCheck(False, _failure_sentence(fields, password, error, timeout_s))
    except (OSError, ValueError) as error:
        return ConnectionCheck(False, tr("{server} could not be reached: {reason}.",
                                         server=fields.shown(), reason=error))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('gensec_quiz_schema') IS NOT NULL")
            row = cursor.fetchone()
        ours = bool(row and row[0])
        major = connection.info.server_version // 10000
    except psycopg.Error as error:
        return ConnectionCheck(False, tr("{server} was reached but did not answer a query: "
                                         "{reason}.", server=fields.shown(),
                                         reason=_first_line(error, password)))
    finally:
        connection.close()
    if ours:
        return ConnectionCheck(True, tr(
            "Reached {server} (PostgreSQL {version}): it holds GenSec Quiz data.",
            server=fields.shown(), version=major))
    return ConnectionCheck(True, tr(
        "Reached {server} (PostgreSQL {version}): the database is empty, and GenSec Quiz will "
        "set it up when it first opens it.", server=fields.shown(), version=major))


def _first_line(error: BaseException, password: str) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text.replace(password, "***") if password else text


def _failure_sentence(fields: ServerFields, password: str, error: BaseException,
                      timeout_s: int) -> str:
    """One sentence for a failed sign-in, from what libpq said (its SQLSTATE is not given for
    a connection that never opened, so its words are read; unknown words are quoted)."""
    text = str(error)
    lowered = text.lower()
    server = fields.shown()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return tr("{server} was reached, but it refused the user “{user}” with this password: "
                  "check the user and the password.", server=server, user=fields.user)
    if "does not exist" in lowered and "database" in lowered:
        return tr("{server} was reached, but it has no database called “{database}”: check "
                  "the name, or ask who looks after the server to create it.",
                  server=server, database=fields.database)
    if "timeout" in lowered or "timed out" in lowered:
        return tr("{host} did not answer within {seconds} s: check the host name and the port, "
                  "and that this PC is on the school's network.", host=fields.host,
                  seconds=timeout_s)
    if "connection refused" in lowered:
        return tr("{host} refused the connection on port {port}: PostgreSQL is not running "
                  "there, or listens on another port.", host=fields.host, port=fields.port)
    if "resolve host" in lowered or "name or service not known" in lowered \
            or "nodename nor servname" in lowered or "translate host name" in lowered:
        return tr("No computer called “{host}” was found on the network: check the host name.",
                  host=fields.host)
    if "pg_hba.conf" in lowered:
        return tr("{server} was reached, but it does not let this PC sign in (its pg_hba.conf "
                  "has no entry for it): ask who looks after the server.", server=server)
    return tr("{server} could not be reached: {reason}.", server=server,
              reason=_first_line(error, password))
