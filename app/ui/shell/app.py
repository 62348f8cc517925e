"""Starting the GUI: open the database, run the first-run dialog if needed, show the window,
and switch databases when the user opens another."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.services import organisation, passwords
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
        self._remember_asked = False

    def ask_password(self, database: str, reason: str) -> str | None:
        """The password a server asks for, or None if the user cancels (tests replace it)."""
        from app.ui.shell.password_dialog import PasswordDialog

        dialog = PasswordDialog(database, reason, self.window)
        if dialog.exec() != PasswordDialog.DialogCode.Accepted:
            return None
        self._remember_asked = dialog.remember
        return dialog.password

    def open(self, path_or_url: str | None, *, parent=None, remember: bool = False) -> bool:
        """Open a database and show its window. False (with the reason shown) if refused.
        ``remember``: keep the password that opened it in the system keychain."""
        self._remember_asked = False
        try:
            ctx, password = passwords.open_context(path_or_url, actor=self.actor,
                                                   ask=self.ask_password)
        except Exception as exc:
            title, message = error_text(exc)
            QMessageBox.warning(parent or self.window, title, message)
            return False
        kept = None
        if password and (remember or self._remember_asked):
            kept = passwords.remember_password(path_or_url, password)
        if not ctx.run(organisation.is_set_up):
            from app.ui.shell.first_run import FirstRunDialog

            if FirstRunDialog(ctx, parent or self.window).exec() != FirstRunDialog.DialogCode.Accepted:
                ctx.close()
                return False
        self._show(ctx)
        remember_database(path_or_url or ctx.description)
        if kept is False:
            self.window.statusBar().showMessage(
                "This computer has no system keychain, so the password was not kept: "
                "Boardbook will ask for it next time.", 15000)
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

    def _on_database_change_requested(self, path_or_url: str, remember: bool) -> None:
        self.open(path_or_url, remember=remember)


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
