"""Asking for a server's password when neither its URL nor the system keychain gives one that
the server accepts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

REMEMBER_TEXT = "Remember the password in the system keychain"


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setObjectName("password")
    return edit


class PasswordDialog(QDialog):
    """``password`` and ``remember`` once accepted; nothing is stored by the dialog itself."""

    def __init__(self, database: str, reason: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle("Password")
        layout = QVBoxLayout(self)
        intro = QLabel(f"The server asks for a password to open<br><b>{database}</b>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if reason:
            why = QLabel(reason)
            why.setWordWrap(True)
            layout.addWidget(why)
        form = QFormLayout()
        self.password_edit = password_edit()
        form.addRow("Password", self.password_edit)
        layout.addLayout(form)
        self.remember_box = QCheckBox(REMEMBER_TEXT)
        layout.addWidget(self.remember_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @property
    def password(self) -> str:
        return self.password_edit.text()

    @property
    def remember(self) -> bool:
        return self.remember_box.isChecked()
