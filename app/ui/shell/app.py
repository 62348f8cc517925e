"""Starting the GUI: open the database, run the first-run dialog if needed, show the window,
and switch databases when the user opens another."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.services import organisation
from app.services.context import AppContext
from app.ui.common.errors import error_text
from app.ui.common.tasks import TaskRunner
from app.ui.shell.recent import remember_database


class Boardbook:
    """Owns the open database and its main window; replaces both when another is opened."""

    def __init__(self, runner: TaskRunner | None = None, actor: str | None = None):
        self.runner = runner or TaskRunner()
        self.actor = actor
        self.ctx: AppContext | None = None
        self.window = None

    def open(self, path_or_url: str | None, *, parent=None) -> bool:
        """Open a database and show its window. False (with the reason shown) if refused."""
        try:
            ctx = AppContext.open(path_or_url, actor=self.actor)
        except Exception as exc:
            title, message = error_text(exc)
            QMessageBox.warning(parent or self.window, title, message)
            return False
        if not ctx.run(organisation.is_set_up):
            from app.ui.shell.first_run import FirstRunDialog

            if FirstRunDialog(ctx, parent or self.window).exec() != FirstRunDialog.DialogCode.Accepted:
                ctx.close()
                return False
        self._show(ctx)
        remember_database(path_or_url or ctx.description)
        if ctx.witness_warning:
            QMessageBox.warning(self.window, "The history of this database changed",
                                ctx.witness_warning)
        return True

    def _show(self, ctx: AppContext) -> None:
        from app.ui.shell.main_window import MainWindow

        old_ctx, old_window = self.ctx, self.window
        if old_window is not None:
            old_window.save_state()  # so the new window opens where the old one was
        self.ctx = ctx
        self.window = MainWindow(ctx, self.runner)
        self.window.database_change_requested.connect(self._on_database_change_requested)
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None:
            old_ctx.close()

    def _on_database_change_requested(self, path_or_url: str) -> None:
        self.open(path_or_url)


def ask_for_database(parent=None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open a Boardbook database", "",
                                          "Boardbook databases (*.sqlite *.db);;All files (*)")
    return path or None


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("Boardbook")
    QCoreApplication.setApplicationName("Boardbook")
    return app


def run_gui(path_or_url: str | None, actor: str | None = None) -> int:
    app = make_application()
    boardbook = Boardbook(actor=actor)
    target = path_or_url
    while not boardbook.open(target):
        # The default database was refused (damaged, newer) or set-up was cancelled.
        target = ask_for_database()
        if target is None:
            return 1
    return app.exec()
