"""The File menu: new, open and recent databases, whole-database JSON export and import, the
organisation's details, and quit.

Opening a database is the application's job (``app.ui.shell.app.Boardbook``): the menu only asks the
user and emits the window's ``database_change_requested``. The ``ask_*`` methods are the only
places that show a standard file dialog, so tests replace them and drive the rest directly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services import organisation
from app.ui.common.errors import show_error
from app.ui.common.progress import run_with_progress

DB_FILTER = "Boardbook databases (*.sqlite);;All files (*)"
JSON_FILTER = "Boardbook exchange files (*.json);;All files (*)"


class FileMenu(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx, self.runner = window.ctx, window.runner
        self.dialog = None  # the dialog open now (tests fill it in)
        menu = window.file_menu
        self.new_action = self._add(menu, "&New database…", self.new_database)
        self.open_action = self._add(menu, "&Open database…", self.open_database,
                                     QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        self.export_action = self._add(menu, "&Export whole database (JSON)…",
                                       self.export_json)
        self.import_action = self._add(menu, "&Import JSON into a new database…",
                                       self.import_json)
        self.scoring_pack_action = self._add(menu, "Open &scoring pack…", self.open_scoring_pack)
        menu.addSeparator()
        self.organisation_action = self._add(menu, "Or&ganisation…", self.edit_organisation)
        menu.addSeparator()
        self.quit_action = self._add(menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _open(self, target: str, remember: bool = False) -> None:
        self.window.database_change_requested.emit(target, remember)

    # ------------------------------------------------------------------ asking the user
    def ask_new_database_path(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "New Boardbook database", "boardbook.sqlite", DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        return path or None

    def ask_export_path(self) -> str | None:
        name = self._short_name() or "boardbook"
        suggested = f"{name} {dt.date.today():%Y-%m-%d}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export the whole database",
                                              suggested, JSON_FILTER)
        return path or None

    def ask_import_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Import a Boardbook exchange file",
                                              "", JSON_FILTER)
        return path or None

    def _short_name(self) -> str:
        try:
            return self.ctx.run(organisation.get_organisation).short_name
        except Exception:  # a name for a file is a nicety, not worth an error
            return ""

    def _refuse_existing(self, path: Path) -> bool:
        if path.exists() and path.stat().st_size > 0:
            QMessageBox.warning(self.window, "Not a new database",
                                f"{path} already exists. Boardbook does not overwrite a "
                                "database: choose a new file name.")
            return True
        return False

    # --------------------------------------------------------------------- databases
    def new_database(self) -> None:
        path = self.ask_new_database_path()
        if path and not self._refuse_existing(Path(path)):
            self._open(path)

    def make_open_dialog(self):
        from app.ui.shell.open_database_dialog import OpenDatabaseDialog

        return OpenDatabaseDialog(self.window)

    def open_database(self) -> None:
        self.dialog = dialog = self.make_open_dialog()
        dialog.saved.connect(lambda _before, _shown: self._open(dialog.target, dialog.remember))
        dialog.open()

    def _fill_recent(self) -> None:
        from app.ui.shell.recent import recent_databases

        self.recent_menu.clear()
        current = self.ctx.description
        for target in recent_databases():
            action = self.recent_menu.addAction(target)
            action.setEnabled(target != current)
            action.triggered.connect(lambda _checked=False, t=target: self._open(t))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # ---------------------------------------------------------------------- exchange
    def export_json(self) -> None:
        path = self.ask_export_path()
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):
        engine = self.ctx.engine

        def export(report, cancelled):
            from app.exchange.json_exchange import export_database

            return export_database(engine, path, progress=report)

        def done(counts) -> None:
            self.window.statusBar().showMessage(
                f"Exported {sum(counts.values())} records to {path}", 8000)

        return run_with_progress(self.window, self.runner, export, title="Export",
                                 label=f"Exporting to {path.name}…", on_done=done)

    def import_json(self) -> None:
        source = self.ask_import_file()
        if not source:
            return
        target = self.ask_new_database_path()
        if target and not self._refuse_existing(Path(target)):
            self.import_into(Path(source), Path(target))

    def import_into(self, source: Path, target: Path):
        """Make a new database at ``target`` from ``source``, then open it."""
        def import_(report, cancelled):
            from app.exchange.json_exchange import import_database
            from app.services.context import AppContext

            report(0, 1, "Creating the new database")
            ctx = AppContext.open(target, actor=self.ctx.actor)
            try:
                return import_database(ctx.engine, source, progress=report)
            finally:
                ctx.close()

        def remove_new_file(*_args) -> None:
            # Only the file this import created moments ago; nothing else is touched.
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)

        def done(counts) -> None:
            self.window.statusBar().showMessage(
                f"Imported {sum(counts.values())} records into {target}", 8000)
            self._open(str(target))

        return run_with_progress(self.window, self.runner, import_, title="Import",
                                 label=f"Importing {source.name}…", on_done=done,
                                 on_failed=remove_new_file, on_cancelled=remove_new_file)

    # ------------------------------------------------------------------ organisation
    def open_scoring_pack(self):
        from app.ui.scoring.window import open_pack_window

        return open_pack_window(self.window)

    def make_organisation_dialog(self):
        from app.ui.shell.organisation_dialog import OrganisationDialog

        return OrganisationDialog(self.ctx, self.window)

    def edit_organisation(self) -> None:
        try:
            self.dialog = self.make_organisation_dialog()
        except Exception as exc:
            show_error(self.window, exc)
            return
        self.dialog.saved.connect(lambda _before, row: self.window.statusBar().showMessage(
            f"Saved the details of {row.name}.", 8000))
        self.dialog.open()
