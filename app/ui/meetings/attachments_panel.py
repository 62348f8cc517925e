"""The files a paper carries: drop files here from the desktop, replace one with a newer
version (the earlier version is kept and shown on request), see size and fingerprint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.meetings import attachments
from app.ui.common.errors import show_error
from app.ui.common.record_view import RETIRED_COLOUR, fit_columns, make_table
from app.ui.common.table_model import RowTableModel


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} MB"


class AttachmentsTableModel(RowTableModel):
    COLUMNS = (
        ("File", lambda r: r.name),
        ("Size", lambda r: r.size),
        ("SHA-256", lambda r: r.sha256[:12]),
        ("Version", lambda r: r.version_number),
        ("Added", lambda r: r.added_at),
        ("State", lambda r: "superseded" if r.superseded else "current"),
    )
    COL_NAME, COL_SIZE, COL_SHA, COL_VERSION, COL_ADDED, COL_STATE = range(6)

    def display(self, row, column: int):
        if column == self.COL_SIZE:
            return human_size(row.size)
        if column == self.COL_ADDED:
            return f"{row.added_at:%d %b %Y %H:%M}"
        return super().display(row, column)

    def foreground(self, row):
        return RETIRED_COLOUR if row.superseded else None


class AttachmentsPanel(QWidget):
    """Files of one paper; drop files on it to attach them."""

    changed = Signal()

    def __init__(self, ctx, paper_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.ctx, self.paper_id = ctx, paper_id
        self.setAcceptDrops(True)
        self.model = AttachmentsTableModel(self)
        self.table = make_table(self.model, "attachmentTable")
        self.hint = QLabel()
        self.hint.setObjectName("dropHint")
        self.hint.setStyleSheet("border: 2px dashed palette(mid); padding: 10px; "
                                "color: palette(dark)")
        self.show_all = QCheckBox("Show earlier versions")
        self.show_all.toggled.connect(self.refresh)
        self.add_button = QPushButton("Add file…")
        self.add_button.clicked.connect(lambda: self.add_files())
        self.replace_button = QPushButton("Replace…")
        self.replace_button.setToolTip("Attach a newer version; the earlier one is kept")
        self.replace_button.clicked.connect(lambda: self.replace_selected())
        bar = QHBoxLayout()
        for widget in (self.add_button, self.replace_button, self.show_all):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.refresh()

    def set_paper(self, paper_id: int | None) -> None:
        self.paper_id = paper_id
        self.refresh()

    def refresh(self) -> None:
        ready = self.paper_id is not None
        self.add_button.setEnabled(ready)
        self.replace_button.setEnabled(ready)
        self.hint.setText("Drop files here from the desktop to attach them to this paper."
                          if ready else "Save the cover sheet first; then attach its files.")
        rows = self.ctx.run(attachments.list_attachments, paper_id=self.paper_id,
                            include_superseded=self.show_all.isChecked()) if ready else []
        self.model.set_rows(rows)
        fit_columns(self.table, AttachmentsTableModel.COL_NAME)

    # -- dropping files from the desktop
    def dragEnterEvent(self, event) -> None:
        if self.paper_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- adding and replacing
    def add_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, "Attach files to this paper")
        try:
            for path in paths:
                file = Path(path)
                self.ctx.run(attachments.add_attachment, paper_id=self.paper_id,
                             name=file.name, data=file.read_bytes())
        except Exception as exc:
            show_error(self, exc)
        self.refresh()
        self.changed.emit()

    def selected(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def replace_selected(self, path: str | None = None) -> None:
        row = self.selected()
        if row is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, f"Replace {row.name}")
            if not path:
                return
        file = Path(path)
        try:
            self.ctx.run(attachments.replace_attachment, attachment_id=row.id,
                         expected_version=row.version, data=file.read_bytes(), name=file.name)
        except Exception as exc:
            show_error(self, exc)
        self.refresh()
        self.changed.emit()
