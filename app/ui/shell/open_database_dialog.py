"""Choosing a database to open: a file on this computer, or a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.passwords import (
    is_server_address,
    password_in,
    with_password,
    without_password,
)
from app.ui.common.forms import EditorDialog
from app.ui.shell.password_dialog import REMEMBER_TEXT, password_edit

FILE_FILTER = "Boardbook databases (*.sqlite *.db);;All files (*)"
URL_EXAMPLE = "postgresql+psycopg://user@server/boardbook"


class OpenDatabaseDialog(EditorDialog):
    """Returns the chosen path or URL in ``target`` when accepted (a URL with the password
    typed, held in memory only), and in ``remember`` whether to keep that password in the
    system keychain once the server has accepted it; opens nothing itself."""

    def __init__(self, parent=None, current: str = ""):
        super().__init__(None, None, parent)
        self.setObjectName("openDatabaseDialog")
        self.setWindowTitle("Open a database")
        self.target = ""
        self.remember = False
        self.use_file = QRadioButton("A file on this computer")
        self.use_server = QRadioButton("A shared PostgreSQL server")
        self.path = QLineEdit(placeholderText="/path/to/boardbook.sqlite")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.url = QLineEdit(placeholderText=URL_EXAMPLE)
        self.password = password_edit()
        self.password.setPlaceholderText("if the server asks for one")
        self.remember_box = QCheckBox(REMEMBER_TEXT)
        hint = QLabel("Your office's IT team can give you the server address. Everyone who "
                      "opens the same server works on the same record.")
        hint.setWordWrap(True)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.addRow(self.use_file)
        self.errors.add_row(self.form, "File", "file", file_row)
        self.form.addRow(self.use_server)
        self.errors.add_row(self.form, "Server", "url", self.url)
        self.errors.add_row(self.form, "Password", "password", self.password)
        self.form.addRow("", self.remember_box)
        self.form.addRow(hint)
        self.finish_layout(marks_required=False)
        self.buttons.button(self.buttons.StandardButton.Save).setText("Open")
        self.use_file.toggled.connect(self._on_kind_toggled)
        is_url = "://" in current
        (self.url if is_url else self.path).setText(without_password(current))
        (self.use_server if is_url else self.use_file).setChecked(True)
        self._on_kind_toggled()
        self.setMinimumWidth(560)

    def _on_kind_toggled(self, *_args) -> None:
        self.path.setEnabled(self.use_file.isChecked())
        for widget in (self.url, self.password, self.remember_box):
            widget.setEnabled(self.use_server.isChecked())

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Boardbook database",
                                              self.path.text(), FILE_FILTER)
        if path:
            self.path.setText(path)

    def save(self) -> str:
        """Check the choice (opening it is the caller's job, with its own clear refusals)."""
        if self.use_file.isChecked():
            text = self.path.text().strip()
            if not text:
                raise ValidationError("choose a database file", field="file")
            if not Path(text).expanduser().is_file():
                raise ValidationError(f"there is no file {text}", field="file")
        else:
            text = self.url.text().strip()
            if not text.startswith(("postgresql://", "postgresql+")):
                raise ValidationError(f"a server address looks like {URL_EXAMPLE}",
                                      field="url")
            # A password typed into the address moves to the password field's place: the
            # address itself is what is kept and shown.
            if not is_server_address(text):
                raise ValidationError(f"{without_password(text)} is not a server address "
                                      f"Boardbook can read; it looks like {URL_EXAMPLE}",
                                      field="url")
            password = self.password.text() or password_in(text)
            text = with_password(text, password) if password else without_password(text)
            self.remember = bool(password) and self.remember_box.isChecked()
        self.target = text
        return without_password(text)
