"""The settings screen: appearance, the data folder and its backups, and About.

Each page declares its title and `load()`/`save()`; settings persist in a QSettings file kept in
the learner's data folder (or the QSettings passed in, as tests do).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.history import History
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import (
    LANGUAGE_KEY,
    LANGUAGES,
    N_,
    current_language,
    system_language,
    tr,
    tr_in,
)
from gensec_quiz.ui import theme
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import VerticalScrollArea
from gensec_quiz.ui.models.about import about_html
from gensec_quiz.ui.models.backups import backup_columns, local_time, reason_text
from gensec_quiz.ui.models.list_table import ROW_ROLE, ListTableModel
from gensec_quiz.ui.sound import SOUND_KEY, sound_enabled

if TYPE_CHECKING:
    from gensec_quiz.ui.screens.settings_server import SchoolServerPage

_log = logging.getLogger(__name__)


class RestoreConfirmation:
    """The question asked before a restore; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, taken: str, reason: str) -> bool:
        answer = QMessageBox.question(
            parent, tr("Restore a backup?"),
            tr("Replace all learners, sessions and answers with the backup taken {taken} "
               "({reason})? What is there now is backed up first, so this can be undone.",
               taken=taken, reason=reason),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)


# A language as a word in a sentence ("English", « français »), translated into that language.
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French")}


class SettingsPage(QWidget):
    """One page of settings: a title, and how it loads and saves its values."""

    title = ""

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings

    def load(self) -> None:
        """Show the saved values."""

    def save(self) -> None:
        """Keep the shown values."""


class AppearancePage(SettingsPage):
    """Theme and text size, applied as soon as they change."""

    title = N_("Appearance")
    applied = Signal(str, int)

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, settings, parent)
        self._loading = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        themes = QWidget(self)
        row = QVBoxLayout(themes)
        row.setContentsMargins(0, 0, 0, 0)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        for name, label in (("system", tr("Follow the system")), ("light", tr("Light")),
                            ("dark", tr("Dark")),
                            ("contrast", tr("High contrast (white on black)"))):
            button = QRadioButton(label, themes)
            button.setAccessibleName(tr("Theme: {name}", name=label))
            self.theme_group.addButton(button)
            self.theme_buttons[name] = button
            row.addWidget(button)
        self.theme_group.buttonToggled.connect(self._changed)
        self.text_size = QSpinBox(self)
        self.text_size.setRange(*theme.TEXT_SIZE_RANGE)
        self.text_size.setSuffix(tr(" pt"))
        self.text_size.setAccessibleName(tr("Text size in points"))
        self.text_size.valueChanged.connect(self._changed)
        self.preview = QLabel(tr("Yakov Sverdlov became Chairman of the Secretariat on "
                                 "8 March 1918."), self)
        self.preview.setWordWrap(True)
        self.preview.setObjectName("textPreview")
        # a wrapped label kept at its size hint in the form was given the height of one line:
        # the preview was clipped at first view and after a new text size. It now takes the
        # row's width, and its height follows from that width.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.preview.setSizePolicy(policy)
        self.sound = QCheckBox(tr("Play a sound for right and wrong answers"), self)
        self.sound.setObjectName("answerSounds")
        self.sound.setAccessibleDescription(tr("A short tune after each answer's feedback; "
                                               "none in exams"))
        self.sound.toggled.connect(self._sound_changed)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.setAccessibleName(tr("Language"))
        self.language.addItem(tr("Follow the system ({language})",
                                 language=LANGUAGES[system_language()]), "")
        for code, name in LANGUAGES.items():  # each language named in itself
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel("", self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        form.addRow(tr("Theme:"), themes)
        form.addRow(tr("Text size:"), self.text_size)
        form.addRow(tr("Preview:"), self.preview)
        form.addRow(self.sound)  # the whole row: its sentence needs no caption
        form.addRow(tr("&Language:"), self.language)
        form.addRow(self.language_note)

    def load(self) -> None:
        name, size = theme.saved_choice(self.settings)
        self._loading = True
        self.theme_buttons[name].setChecked(True)
        self.text_size.setValue(size)
        self.sound.setChecked(sound_enabled(self.settings))
        saved = str(self.settings.value(LANGUAGE_KEY, "") or "")
        self.language.setCurrentIndex(max(self.language.findData(
            saved if saved in LANGUAGES else ""), 0))
        self._loading = False

    def chosen_theme(self) -> str:
        return next((n for n, b in self.theme_buttons.items() if b.isChecked()), "system")

    def save(self) -> None:
        self.settings.setValue(theme.THEME_KEY, self.chosen_theme())
        self.settings.setValue(theme.TEXT_SIZE_KEY, self.text_size.value())
        self.settings.sync()

    def chosen_language(self) -> str:
        """The language chosen ("en", "fr"), or "" to follow the system."""
        return str(self.language.currentData() or "")

    @Slot(int)
    def _language_changed(self, _index: int) -> None:
        """Kept at once, spoken from the next start: the screens are built in one language."""
        if self._loading:
            return
        chosen = self.chosen_language()
        self.settings.setValue(LANGUAGE_KEY, chosen)
        self.settings.sync()
        speaks = chosen or system_language()
        if speaks == current_language():
            self.language_note.setVisible(False)
            return
        # said in the language chosen, which the learner reads best
        self.language_note.setText(tr_in(speaks, "GenSec Quiz will speak {language} the next "
                                                 "time it opens: close it and open it again.",
                                         language=tr_in(speaks, LANGUAGE_NAMES[speaks])))
        self.language_note.setVisible(True)

    @Slot(bool)
    def _sound_changed(self, on: bool) -> None:
        if not self._loading:
            self.settings.setValue(SOUND_KEY, on)
            self.settings.sync()

    @Slot()
    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.save()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, self.chosen_theme(), self.text_size.value())
        self.applied.emit(self.chosen_theme(), self.text_size.value())


class DataPage(SettingsPage):
    """Where the data lives, and its backups: list, back up now, restore."""

    title = N_("Data and backups")
    open_url = staticmethod(QDesktopServices.openUrl)

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, settings, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self._folder_box())
        layout.addWidget(self._pin_box())
        layout.addWidget(self._backups_box(), 1)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("What happened"))
        layout.addWidget(self.status)
        context.signals.store_ready.connect(self.load)
        context.signals.data_changed.connect(self.load)

    def _folder_box(self) -> QGroupBox:
        box = QGroupBox(tr("Data folder"), self)
        row = QHBoxLayout(box)
        # a read-only field: a long path (no spaces to wrap at) scrolls inside it instead of
        # widening the window, and can still be selected and copied
        self.folder = QLineEdit(str(self.context.data_dir), box)
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        self.folder.setAccessibleName(tr("Data folder"))
        self.folder.setToolTip(str(self.context.data_dir))
        self.open_button = QPushButton(theme.icon("folder"), tr("Open the folder"), box)
        self.open_button.setToolTip(tr("Show the data folder in the file manager"))
        self.open_button.clicked.connect(self.open_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_button)
        return box

    def _pin_box(self) -> QGroupBox:
        """The teacher PIN: change it (the current one asked first) or set a first one."""
        box = QGroupBox(tr("Teacher PIN"), self)
        row = QHBoxLayout(box)
        text = QLabel(tr("The PIN opens the Teacher area (answers, results, exam locks)."), box)
        text.setWordWrap(True)
        self.pin_button = QPushButton(tr("Change the teacher PIN…"), box)
        self.pin_button.setObjectName("changePin")
        self.pin_button.clicked.connect(self.change_pin)
        row.addWidget(text, 1)
        row.addWidget(self.pin_button)
        self.pin_dialog: QWidget | None = None
        return box

    @Slot()
    def change_pin(self) -> None:
        from gensec_quiz.ui.dialogs.teacher_pin import PinDialog, PinPurpose

        dialog = PinDialog(self.context.teacher_access, PinPurpose.CHANGE, self)
        dialog.accepted.connect(lambda: self.status.setText(
            tr("The teacher PIN is removed.") if dialog.removed
            else tr("The teacher PIN is changed.")))
        self.pin_dialog = dialog
        dialog.open()

    def _backups_box(self) -> QGroupBox:
        box = QGroupBox(tr("Backups"), self)
        layout = QVBoxLayout(box)
        self.model: ListTableModel[Any] = ListTableModel(backup_columns(), parent=self)
        self.table = QTableView(box)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Backups, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(theme.icon("backup"), tr("Back up now"), box)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(theme.icon("restore"), tr("Restore…"), box)
        self.restore_button.setToolTip(tr("Replace the data with the selected backup"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.note = QLabel("", box)
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        return box

    # ------------------------------------------------------------ actions

    @Slot()
    def load(self) -> None:
        """List the backups (or say why there are none to list)."""
        store = self.context.store
        ready = store is not None
        self.backup_button.setEnabled(ready)
        self.restore_button.setEnabled(ready)
        if store is None:
            self.model.set_rows([])
            self.note.setText(tr("The database is still opening; backups appear here soon."))
            return
        try:
            backups = History(store).backups()
        except (InputError, OSError) as error:
            backups = []
            self.note.setText(str(error))
        else:
            self.note.setText(tr("A backup is taken every 30 minutes of use, on closing, and "
                                 "before any merge, deletion or restore. Newest first.")
                              if not self.context.server else
                              tr("Backups of the school server are taken when you ask (Back up "
                                 "now) and before a restore, into this PC's data folder; the "
                                 "server's own scheduled backups are its keeper's. Newest "
                                 "first."))
        self.model.set_rows(backups)

    @Slot()
    def open_folder(self) -> None:
        self.context.data_dir.mkdir(parents=True, exist_ok=True)
        self.open_url(QUrl.fromLocalFile(str(self.context.data_dir)))

    @Slot()
    def back_up_now(self) -> None:
        store = self.context.store
        if store is None:
            return
        try:
            path = History(store).back_up_now()
        except (InputError, OSError) as error:
            self.status.setText(tr("The backup failed: {error}", error=error))
            return
        self.load()
        self.status.setText(tr("Backed up to {name}.", name=path.name))

    def selected_backup(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    @Slot()
    def restore_selected(self) -> None:
        store, backup = self.context.store, self.selected_backup()
        if store is None:
            return
        if backup is None:
            self.status.setText(tr("Select a backup in the list first."))
            return
        taken, reason = local_time(backup.taken_at), reason_text(backup.reason)
        if not RestoreConfirmation.ask(self, taken=taken, reason=reason):
            self.status.setText(tr("Nothing was restored."))
            return
        try:
            restored = History(store).restore_backup(
                backup.path, learner_id=self.context.learner_id)
        except (InputError, OSError) as error:
            self.status.setText(tr("The backup was not restored: {error}", error=error))
            return
        if not restored.learner_still_there:
            self.context.set_learner(None)
        self.context.signals.data_changed.emit()
        message = tr("Restored the backup taken {taken}.", taken=taken)
        if restored.kept_as is not None:
            message += " " + tr("What was there before is kept as {name}.",
                                name=restored.kept_as.name)
        self.status.setText(message)


class AboutPage(SettingsPage):
    """The version, the five source documents with their licences, and attribution."""

    title = N_("About")

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, settings, parent)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName(tr("About GenSec Quiz"))
        layout.addWidget(self.text)

    def load(self) -> None:
        try:
            records = self.context.records()
        except (InputError, OSError):
            records = None
        self.text.setHtml(about_html(records))


class SettingsScreen(QWidget):
    """The pages of settings as tabs."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings if settings is not None else theme.open_settings(
            context.data_dir)
        layout = QVBoxLayout(self)
        title = QLabel(tr("Settings"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.tabs = QTabWidget(self)
        self.appearance = AppearancePage(context, self.settings, self)
        self.data = DataPage(context, self.settings, self)
        self.about = AboutPage(context, self.settings, self)
        self.server = _school_server_page(context, self.settings, self)
        self.pages: list[SettingsPage | SchoolServerPage] = [
            self.appearance, self.data, self.server, self.about]
        # each page scrolls when the window is small for the text size (800x600 at 16 pt)
        self.tabs.setAccessibleName(tr("Settings pages"))
        self._scrollers = {id(page): VerticalScrollArea(page, self.tabs) for page in self.pages}
        for page in self.pages:
            self._scrollers[id(page)].setAccessibleName(tr(page.title))
            self.tabs.addTab(self._scrollers[id(page)], tr(page.title))
        layout.addWidget(self.tabs, 1)
        self._measure_timer = QTimer(self)  # dies with the screen, unlike a bare singleShot
        self._measure_timer.setSingleShot(True)
        self._measure_timer.setInterval(0)
        self._measure_timer.timeout.connect(self._measure_tabs)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """After a new text size the pages' tabs are measured again: hidden, this screen kept
        the width its tabs needed at the larger size (after 24 pt, 876 px at 11 pt), and the
        window, which holds every screen, could not be made 800 px wide."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # once every child has its new font: this screen's font changes before theirs
            self._measure_timer.start()

    @Slot()
    def _measure_tabs(self) -> None:
        self.tabs.tabBar().updateGeometry()
        self.tabs.updateGeometry()
        self.updateGeometry()  # hidden, this tells no one: the screens' stack is told below
        holder = self.parentWidget()
        stack = holder.layout() if holder is not None else None
        if stack is not None:
            stack.invalidate()
        top = self.window().layout()
        if top is not None:  # the window's minimum follows now, before it is next resized
            top.activate()

    def refresh(self) -> None:
        """Show the saved values and the current backups."""
        for page in self.pages:
            page.load()

    def show_page(self, name: str) -> None:
        """Bring a page forward: "appearance", "data", "server" or "about"."""
        page = {"appearance": self.appearance, "data": self.data, "server": self.server,
                "about": self.about}[name]
        self.refresh()
        self.tabs.setCurrentWidget(self._scrollers[id(page)])


def _school_server_page(context: AppContext, settings: QSettings,
                        parent: QWidget) -> SchoolServerPage:
    """Settings → School server (`settings_server.py`), told whether GENSEC_QUIZ_DATABASE_URL
    is set: that address wins over the page's while it is."""
    import os

    from gensec_quiz.paths import DATABASE_URL_VARIABLE
    from gensec_quiz.ui.screens.settings_server import SchoolServerPage

    return SchoolServerPage(context, settings, parent,
                            environment_url=os.environ.get(DATABASE_URL_VARIABLE))
