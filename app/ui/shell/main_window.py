"""The main window: navigation on the left, the current section on the right, a status bar
that says which database is open and who is acting."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app.ui.common.errors import show_error
from app.ui.common.section import Section, SectionWidget
from app.ui.shell.sections import SECTIONS, SectionSpec


class MainWindow(QMainWindow):
    # A path or URL the user chose to open (a URL may carry the password just typed, held in
    # memory only), and whether to keep that password in the system keychain.
    database_change_requested = Signal(str, bool)

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Boardbook — {ctx.description}")
        self._sections: dict[str, SectionWidget] = {}
        self._build()
        self._restore_state()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(220)
        for spec in SECTIONS:
            icon = self.style().standardIcon(getattr(QStyle.StandardPixmap, spec.icon))
            item = QListWidgetItem(icon, spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        # Without sizes the splitter gives the list more than its maximum width, leaving a
        # blank strip between the list and the section.
        self.splitter.setSizes([200, 1000])
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        self.db_label = QLabel(f"Database: {self.ctx.description}")
        self.user_label = QLabel(f"Signed in as: {self.ctx.actor}")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        self.resize(1200, 760)

    def _build_menus(self) -> None:
        from app.ui.shell.file_menu import FileMenu

        self.file_menu = self.menuBar().addMenu("&File")
        self.file_actions = FileMenu(self)
        self._build_edit_menu()
        self.view_menu = self.menuBar().addMenu("&View")
        refresh = QAction("&Refresh", self, shortcut=QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_current)
        self.view_menu.addAction(refresh)
        for n, spec in enumerate(SECTIONS[:10]):
            # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth, as the digits run on a keyboard
            act = QAction(spec.title, self, shortcut=QKeySequence(f"Ctrl+{(n + 1) % 10}"))
            act.triggered.connect(lambda _=False, key=spec.key: self.show_section(key))
            self.view_menu.addAction(act)
        self.meeting_menu = self.menuBar().addMenu("&Meeting")
        self.pack_action = QAction("Board &pack…", self)
        self.pack_action.triggered.connect(self._on_board_pack)
        self.meeting_menu.addAction(self.pack_action)
        self.help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Boardbook", self)
        about.triggered.connect(self._on_about)
        self.help_menu.addAction(about)

    def _build_edit_menu(self) -> None:
        """Undo and Redo act on the section on show: each section keeps its own stack."""
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in keys:  # Windows says Ctrl+Y; offer both
            keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(keys)
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)

    # --------------------------------------------------------------- sections
    def section(self, key: str) -> Section:
        """The section's widget, built on first use."""
        if key not in self._sections:
            spec = self._spec(key)
            cls = getattr(importlib.import_module(spec.module), spec.class_name)
            widget = cls(self.ctx, self.runner, self)
            widget.setObjectName(f"section_{key}")
            self._sections[key] = widget
            self.stack.addWidget(widget)
            widget.navigate_requested.connect(self._on_navigate_requested)
            if widget.undo_stack is not None:
                self.undo_group.addStack(widget.undo_stack)
            widget.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        return self._sections[key]

    def _spec(self, key: str) -> SectionSpec:
        return next(s for s in SECTIONS if s.key == key)

    def show_section(self, key: str, **filters) -> Section:
        row = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # builds and shows it via the slot
        widget = self.section(key)
        if filters:
            widget.show_filtered(**filters)
        return widget

    def current_section(self) -> Section | None:
        return self.stack.currentWidget()

    def refresh_current(self) -> None:
        widget = self.current_section()
        if widget is not None:
            widget.refresh()

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = SECTIONS[row].key
        first_time = key not in self._sections
        try:
            widget = self.section(key)
        except Exception as exc:
            show_error(self, exc)
            return
        self.stack.setCurrentWidget(widget)
        self.undo_group.setActiveStack(widget.undo_stack)
        if not first_time:
            widget.refresh()

    def _on_navigate_requested(self, key: str, filters: dict) -> None:
        self.show_section(key, **filters)

    def _on_board_pack(self) -> None:
        from app.ui.meetings.pack_dialog import choose_meeting_and_open

        self.pack_dialog = choose_meeting_and_open(self.ctx, self.runner, self)

    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Boardbook",
                          "<b>Boardbook</b><p>Meetings, papers, decisions, chair's actions and "
                          "the 5×5 risk register for governing bodies and their committees.</p>"
                          f"<p>Database: {self.ctx.description}</p>")

    # ------------------------------------------------------------ window state
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        last = settings.value("main/section", SECTIONS[0].key)
        keys = [s.key for s in SECTIONS]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        row = self.nav.currentRow()
        if row >= 0:
            settings.setValue("main/section", SECTIONS[row].key)

    def closeEvent(self, event) -> None:
        self.save_state()
        self.runner.wait(5000)
        super().closeEvent(event)
