"""Choosing a database to open: a file on this computer, or a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
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
from app.ui.common.forms import EditorDialog

FILE_FILTER = "Boardbook databases (*.sqlite *.db);;All files (*)"
URL_EXAMPLE = "postgresql+psycopg://user@server/boardbook"


class OpenDatabaseDialog(EditorDialog):
    """Returns the chosen path or URL in ``target`` when accepted; opens nothing itself."""

    def __init__(self, parent=None, current: str = ""):
        super().__init__(None, None, parent)
        self.setObjectName("openDatabaseDialog")
        self.setWindowTitle("Open a database")
        self.target = ""
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
        hint = QLabel("Your office's IT team can give you the server address. Everyone who "
                      "opens the same server works on the same record.")
        hint.setWordWrap(True)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.addRow(self.use_file)
        self.errors.add_row(self.form, "File", "file", file_row)
        self.form.addRow(self.use_server)
        self.errors.add_row(self.form, "Server", "url", self.url)
        self.form.addRow(hint)
        self.finish_layout(marks_required=False)
        self.buttons.button(self.buttons.StandardButton.Save).setText("Open")
        self.use_file.toggled.connect(self._on_kind_toggled)
        is_url = "://" in current
        (self.url if is_url else self.path).setText(current)
        (self.use_server if is_url else self.use_file).setChecked(True)
        self._on_kind_toggled()
        self.setMinimumWidth(560)

    def _on_kind_toggled(self, *_args) -> None:
        self.path.setEnabled(self.use_file.isChecked())
        self.url.setEnabled(self.use_server.isChecked())

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
        self.target = text
        return text
