"""Settings → School server: where the learners' answers are kept when a school has a server.

The page shows and forwards; `application.server_settings` reads, saves and tests. "Test
connection" runs on a thread of its own (a server that does not answer takes five seconds to
say so), and its sentence comes back to the window through a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.server_settings import (
    DEFAULT_PORT,
    ConnectionCheck,
    PasswordVault,
    SchoolServerSettings,
    ServerFields,
    try_connection,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import N_, tr
from gensec_quiz.ui.context import AppContext

_log = logging.getLogger(__name__)

Tester = Callable[[ServerFields, str], ConnectionCheck]


class _Relay(QObject):
    """Carries a finished test's result from its thread to the window's thread."""

    finished = Signal(object)


class SchoolServerPage(QWidget):
    """Host, port, database, user and password; Test connection, Save, Use this PC only.

    A page of `settings.SettingsScreen` like its `SettingsPage`s (a title, `load()` and
    `save()`), without importing that module: it imports this one."""

    title = N_("School server")
    tester: Tester = staticmethod(try_connection)  # tests replace it

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None, *, environment_url: str | None = None,
                 vault: PasswordVault | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.server_settings = SchoolServerSettings(
            context.data_dir, vault=vault, environment_url=environment_url,
            in_use=context.server)
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._tested)
        layout = QVBoxLayout(self)
        intro = QLabel(tr(
            "A school with a PostgreSQL server can keep every PC's answers there, so that the "
            "class results show them all. Leave this empty to keep the answers on this PC."),
            self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._fields_box())
        buttons = QHBoxLayout()
        self.test_button = QPushButton(tr("Test connection"), self)
        self.test_button.setObjectName("testServer")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(tr("Save"), self)
        self.save_button.setObjectName("saveServer")
        self.save_button.clicked.connect(self.save_server)
        self.local_button = QPushButton(tr("Use this PC only"), self)
        self.local_button.setObjectName("useThisPcOnly")
        self.local_button.setToolTip(tr("Forget the school server and keep the answers on "
                                        "this PC"))
        self.local_button.clicked.connect(self.use_this_pc_only)
        for button in (self.test_button, self.save_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel("", self)
        self.status.setObjectName("serverStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("What happened"))
        layout.addWidget(self.status)
        self.notes = QLabel("", self)
        self.notes.setObjectName("serverNotes")
        self.notes.setProperty("role", "muted")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        layout.addStretch(1)

    def _fields_box(self) -> QGroupBox:
        box = QGroupBox(tr("School server (PostgreSQL)"), self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.host = QLineEdit(box)
        self.host.setPlaceholderText(tr("for example school-server or 192.168.1.10"))
        self.port = QSpinBox(box)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(box)
        self.user = QLineEdit(box)
        self.password = QLineEdit(box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for widget, label in ((self.host, tr("Host:")), (self.port, tr("Port:")),
                              (self.database, tr("Database:")), (self.user, tr("User:")),
                              (self.password, tr("Password:"))):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        return box

    # ------------------------------------------------------------ showing

    def load(self) -> None:
        """Show the saved server (or empty fields) and what the app uses now."""
        try:
            saved = self.server_settings.load()
        except InputError as error:
            saved = None
            self.status.setText(str(error))
        if saved is not None:
            self.host.setText(saved.fields.host)
            self.port.setValue(saved.fields.port)
            self.database.setText(saved.fields.database)
            self.user.setText(saved.fields.user)
            self.password.setText(saved.password)
        self._show_notes()

    def _show_notes(self) -> None:
        self.notes.setText(" ".join(self.server_settings.notes()))

    def save(self) -> None:
        """Leaving Settings saves nothing here: the server changes only on Save."""

    def _fields(self) -> ServerFields | None:
        try:
            return ServerFields.from_text(host=self.host.text(), port=str(self.port.value()),
                                          database=self.database.text(), user=self.user.text())
        except InputError as error:
            self.status.setText(" ".join(error.sentences()))
            return None

    # ------------------------------------------------------------ actions

    @Slot()
    def test_connection(self) -> None:
        """Try the server on a thread of its own; the window stays usable meanwhile."""
        fields = self._fields()
        if fields is None or self.testing():
            return
        self.test_button.setEnabled(False)
        self.status.setText(tr("Trying {server}…", server=fields.shown()))
        password, relay, tester = self.password.text(), self._relay, type(self).tester

        def run() -> None:
            try:
                result = tester(fields, password)
            except Exception as error:  # a bug in the test itself: still one sentence
                _log.exception("connection test failed")
                result = ConnectionCheck(False, tr("The test could not be run: {error}",
                                                   error=error))
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
                relay.finished.emit(result)

        self._thread = threading.Thread(target=run, name="gensec-quiz-server-test",
                                        daemon=True)
        self._thread.start()

    def testing(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @Slot(object)
    def _tested(self, result: object) -> None:
        self.test_button.setEnabled(True)
        if isinstance(result, ConnectionCheck):
            self.status.setText(result.sentence)

    @Slot()
    def save_server(self) -> None:
        fields = self._fields()
        if fields is None:
            return
        try:
            self.status.setText(self.server_settings.save(fields, self.password.text()))
        except OSError as error:
            self.status.setText(tr("The school server was not saved: {error}", error=error))
        self._show_notes()

    @Slot()
    def use_this_pc_only(self) -> None:
        try:
            sentence = self.server_settings.use_this_pc_only()
        except OSError as error:
            self.status.setText(tr("The school server was not forgotten: {error}",
                                   error=error))
            return
        for field in (self.host, self.database, self.user, self.password):
            field.clear()
        self.port.setValue(DEFAULT_PORT)
        self.status.setText(sentence)
        self._show_notes()
