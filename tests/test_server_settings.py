"""The school server saved in Settings (application layer): fields, password place, the URL the
app opens, and Test connection against an unreachable port, a silent one and the real server."""

from __future__ import annotations

import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from gensec_quiz.application.server_settings import (
    SchoolServerSettings,
    ServerFields,
    SystemKeyring,
    saved_server_url,
    try_connection,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.paths import DATABASE_URL_VARIABLE, DataFolder

SERVER_URL = os.environ.get("GENSEC_QUIZ_TEST_DATABASE_URL", "")


class MemoryKeyring:
    """A keyring kept in a dict: what the system keyring would hold."""

    def __init__(self, *, available: bool = True) -> None:
        self.passwords: dict[str, str] = {}
        self._available = available

    def available(self) -> bool:
        return self._available

    def get(self, name: str) -> str | None:
        return self.passwords.get(name)

    def set(self, name: str, password: str) -> None:
        self.passwords[name] = password

    def delete(self, name: str) -> None:
        self.passwords.pop(name, None)


FIELDS = ServerFields(host="school-server", port=5432, database="gensec", user="room12")


def test_a_saved_password_goes_to_the_keyring_and_never_into_the_file(data_dir: Path) -> None:
    vault = MemoryKeyring()
    settings = SchoolServerSettings(data_dir, vault=vault)
    sentence = settings.save(FIELDS, "s3cret")
    assert "keyring" in sentence and "next start" in sentence
    assert vault.passwords == {"room12@school-server:5432/gensec": "s3cret"}
    assert "s3cret" not in settings.file.read_text(encoding="utf-8")
    saved = settings.load()
    assert saved is not None and saved.password == "s3cret" and saved.password_place == "keyring"
    assert saved_server_url(data_dir, vault=vault) == (
        "postgresql+psycopg://room12:s3cret@school-server:5432/gensec")


def test_with_no_keyring_the_password_is_kept_in_a_file_only_its_owner_reads(
        data_dir: Path) -> None:
    settings = SchoolServerSettings(data_dir, vault=SystemKeyring(fail.Keyring()))
    assert not settings.keyring_available()
    assert any("no system keyring" in note for note in settings.notes())
    sentence = settings.save(FIELDS, "p@ss:/word")
    assert "no system keyring" in sentence
    assert stat.S_IMODE(settings.file.stat().st_mode) == 0o600
    saved = settings.load()
    assert saved is not None and saved.password_place == "file"
    # a password with URL characters in it comes back whole through the address
    from sqlalchemy import make_url

    url = saved_server_url(data_dir, vault=SystemKeyring(fail.Keyring()))
    assert url is not None and make_url(url).password == "p@ss:/word"


def test_the_saved_server_is_what_the_app_opens_unless_the_variable_is_set(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    assert DataFolder.default().server is None
    SchoolServerSettings(data_dir, vault=SystemKeyring(fail.Keyring())).save(FIELDS, "pw")
    assert DataFolder.default().server == "postgresql+psycopg://room12:pw@school-server:5432/gensec"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "postgresql://other@elsewhere/db")
    assert DataFolder.default().server == "postgresql://other@elsewhere/db"
    told = SchoolServerSettings(data_dir, vault=MemoryKeyring(),
                                environment_url="postgresql://other:hidden@elsewhere/db")
    notes = " ".join(told.notes())
    assert "GENSEC_QUIZ_DATABASE_URL is set" in notes and "hidden" not in notes


def test_use_this_pc_only_forgets_the_server_and_its_password(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    vault = MemoryKeyring()
    settings = SchoolServerSettings(data_dir, vault=vault)
    settings.save(FIELDS, "pw")
    assert "this PC" in settings.use_this_pc_only()
    assert settings.load() is None and vault.passwords == {}
    assert DataFolder.default().server is None


def test_saving_another_server_forgets_the_old_ones_password(data_dir: Path) -> None:
    vault = MemoryKeyring()
    settings = SchoolServerSettings(data_dir, vault=vault)
    settings.save(FIELDS, "old")
    settings.save(ServerFields("school-server", 5432, "gensec", "room13"), "new")
    assert vault.passwords == {"room13@school-server:5432/gensec": "new"}


def test_each_wrong_field_is_told_with_its_name() -> None:
    with pytest.raises(InputError) as raised:
        ServerFields.from_text(host="", port="99999", database="gensec", user="")
    told = raised.value.sentences()
    assert [s.split(":")[0] for s in told] == ["Host", "User", "Port"]
    assert "65535" in told[2]
    assert ServerFields.from_text(host=" h ", port="", database="d", user="u").port == 5432


def test_a_damaged_settings_file_is_named_and_the_app_keeps_this_pcs_data(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    data_dir.mkdir(parents=True)
    (data_dir / "school-server.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"school-server\.json"):
        SchoolServerSettings(data_dir, vault=MemoryKeyring()).load()
    assert DataFolder.default().server is None


def test_an_unreachable_port_is_told_in_one_sentence() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = try_connection(ServerFields("127.0.0.1", port, "gensec", "room12"), "pw")
    assert not result.reached
    assert result.sentence == (f"127.0.0.1 refused the connection on port {port}: PostgreSQL "
                               "is not running there, or listens on another port.")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers (a server that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.slow
def test_a_server_that_does_not_answer_is_given_up_on_in_time(silent_server: int) -> None:
    started = time.monotonic()
    result = try_connection(ServerFields("127.0.0.1", silent_server, "gensec", "u"), "pw",
                            timeout_s=2)
    assert time.monotonic() - started < 4
    assert not result.reached and result.sentence.startswith("127.0.0.1 did not answer within 2 s")


def test_an_unknown_host_is_told_as_such() -> None:
    result = try_connection(ServerFields("no-such-host.invalid", 5432, "gensec", "u"), "pw")
    assert not result.reached and "No computer called “no-such-host.invalid”" in result.sentence


needs_server = pytest.mark.skipif(not SERVER_URL, reason="needs GENSEC_QUIZ_TEST_DATABASE_URL "
                                  "(make test-server)")


def _server_fields() -> tuple[ServerFields, str]:
    from sqlalchemy import make_url

    url = make_url(SERVER_URL)
    fields = ServerFields(url.host or "127.0.0.1", url.port or 5432, url.database or "",
                          url.username or "")
    return fields, url.password or ""


@needs_server
def test_the_real_server_is_reached() -> None:
    fields, password = _server_fields()
    result = try_connection(fields, password)
    assert result.reached and result.sentence.startswith(f"Reached {fields.shown()}")


@needs_server
def test_a_wrong_password_and_a_missing_database_are_told_apart() -> None:
    fields, password = _server_fields()
    wrong = try_connection(fields, password + "-wrong")
    assert not wrong.reached and "refused the user" in wrong.sentence
    assert password + "-wrong" not in wrong.sentence
    missing = ServerFields(fields.host, fields.port, "no_such_database", fields.user)
    result = try_connection(missing, password)
    assert not result.reached and "no database called “no_such_database”" in result.sentence
