""""Build board pack…": choose full or public, read the warnings, choose the file, build.

The meetings screen opens it with ``open_pack_dialog(ctx, runner, meeting_id, parent)``; the
main window's Meeting menu asks which meeting first (``MeetingChooser``). Building runs off
the GUI thread with a progress dialog and Cancel; a cancelled build leaves no file. A built
pack is recorded as issued (its version, SHA-256 and bytes) and shown in a preview.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.pack.engine import PackCancelled, warnings_for
from app.reports.pack.render import render_board_pack
from app.services.meetings.meetings import get_meeting, list_meetings
from app.services.pack.gather import gather_pack, gather_pack_for_issue
from app.services.pack.issued import record_built_pack
from app.ui.common.errors import show_error
from app.ui.common.pdf_preview import PdfPreviewDialog
from app.ui.common.progress import run_with_progress
from app.ui.common.tasks import Cancelled


def default_file_name(meeting, public: bool) -> str:
    kind = "public" if public else "members"
    body = "".join(c if c.isalnum() else "-" for c in meeting.committee).strip("-")
    return f"{body}-{meeting.meeting_date:%Y-%m-%d}-{kind}-pack.pdf"


class PackDialog(QDialog):
    def __init__(self, ctx, runner, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.meeting_id = ctx, runner, meeting_id
        self.meeting = ctx.run(get_meeting, meeting_id=meeting_id)
        self.issued = None  # the IssuedPackRow once built
        self.preview: PdfPreviewDialog | None = None
        self.setObjectName("packDialog")
        self.setWindowTitle("Build board pack")
        self._build()
        self.refresh_warnings()

    # ----------------------------------------------------------------------- layout
    def _build(self) -> None:
        m = self.meeting
        heading = QLabel(f"<b>{m.title}</b><br>{m.committee} · {m.starts_at:%A %d %B %Y, %H:%M}")
        self.full_radio = QRadioButton("Members' pack (Parts 1 and 2, confidential)")
        self.public_radio = QRadioButton("Public pack (Part 1 only, confidential fields "
                                         "withheld)")
        self.full_radio.setChecked(True)
        self.kind = QButtonGroup(self)
        for button in (self.full_radio, self.public_radio):
            self.kind.addButton(button)
        self.kind.buttonToggled.connect(self._on_kind_toggled)
        self.charts_box = QCheckBox("Include the dashboard charts (risk position and "
                                    "governance health of this body over the past year)")
        self.charts_box.setObjectName("includeCharts")
        self.warnings_label = QLabel("Before you issue:")
        self.warnings = QListWidget()
        self.warnings.setObjectName("packWarnings")
        self.warnings.setWordWrap(True)
        self.path_edit = QLineEdit(str(Path.home() / default_file_name(m, public=False)))
        self.path_edit.setObjectName("packPath")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel("Save as:"))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.status = QLabel()
        self.status.setObjectName("packStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.build_button = self.buttons.addButton("Build pack",
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.build_button.setObjectName("buildPack")
        self.build_button.clicked.connect(self.build)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, self.full_radio, self.public_radio, self.charts_box,
                       self.warnings_label):
            layout.addWidget(widget)
        layout.addWidget(self.warnings, 1)
        layout.addLayout(path_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(680, 480)

    @property
    def public(self) -> bool:
        return self.public_radio.isChecked()

    # --------------------------------------------------------------------- warnings
    def refresh_warnings(self) -> None:
        self.warnings.clear()
        self.warnings.addItem("Checking the papers…")
        public = self.public

        def work(report, cancelled):
            pack = self.ctx.run(gather_pack, meeting_id=self.meeting_id, public=public)
            return warnings_for(pack, public=public)

        self.runner.run(work, on_done=self._show_warnings, on_error=self._warnings_failed)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warnings.clear()
        for text in warnings:
            self.warnings.addItem(QListWidgetItem(text))
        if not warnings:
            self.warnings.addItem("No gaps found: every item has its purpose and papers.")

    def _warnings_failed(self, exc: Exception) -> None:
        self.warnings.clear()
        self.warnings.addItem(f"The pack cannot be built as it stands: {exc}")

    def warning_texts(self) -> list[str]:
        return [self.warnings.item(i).text() for i in range(self.warnings.count())]

    def _on_kind_toggled(self, button, checked: bool) -> None:
        if not checked:
            return
        path = Path(self.path_edit.text())
        self.path_edit.setText(str(path.with_name(default_file_name(self.meeting, self.public))))
        self.refresh_warnings()

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the board pack as",
                                              self.path_edit.text(), "PDF files (*.pdf)")
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    # ------------------------------------------------------------------------ build
    def build(self) -> None:
        out, public = self.path_edit.text().strip(), self.public
        if not out:
            self.status.setText("Choose where to save the pack first.")
            return
        ctx, meeting_id = self.ctx, self.meeting_id
        charts = self.chart_images() if self.charts_box.isChecked() else None

        def work(report, cancelled):
            # gather (one read), draw (no session held), then record the issue (one write)
            issue = ctx.run(gather_pack_for_issue, meeting_id=meeting_id, public=public,
                            issued_by=ctx.actor)
            try:
                result = render_board_pack(issue.pack, out, public=public,
                                           chart_images=charts, progress=report,
                                           cancelled=cancelled)
            except PackCancelled:
                raise Cancelled() from None
            return ctx.run(record_built_pack, issue=issue, result=result)

        self.build_button.setEnabled(False)
        self.status.setText("Building…")
        self.task = run_with_progress(
            self, self.runner, work, title="Board pack", label="Building the board pack…",
            on_done=self._built, on_failed=self._failed, on_cancelled=self._cancelled,
            write=True)

    def chart_images(self) -> dict[str, bytes]:
        """The body's dashboard for the year to the meeting, drawn here on the GUI thread
        (charts need it); the worker only places the images."""
        from app.ui.dashboard.view import chart_images

        day = self.meeting.meeting_date
        return chart_images(self.ctx, committee_id=self.meeting.committee_id,
                            date_from=day - dt.timedelta(days=365), date_to=day, width=1100)

    def _built(self, row) -> None:
        self.issued = row
        self.build_button.setEnabled(True)
        self.status.setText(f"{row.label} issued: {row.page_count} pages, "
                            f"SHA-256 {row.sha256[:16]}…, saved as {self.path_edit.text()}")
        self.show_preview()

    def _failed(self, exc: Exception) -> None:
        self.build_button.setEnabled(True)
        self.status.setText("The pack was not built.")

    def _cancelled(self) -> None:
        self.build_button.setEnabled(True)
        self.status.setText("Cancelled: no file was written and nothing was recorded.")

    def show_preview(self) -> None:
        try:
            self.preview = PdfPreviewDialog(self.path_edit.text(), self.issued.label, self)
        except Exception as exc:  # a preview that fails must not hide the built pack
            show_error(self, exc)
            return
        self.preview.show()


def open_pack_dialog(ctx, runner, meeting_id: int, parent: QWidget | None = None) -> PackDialog:
    """Show the board pack dialog for one meeting (not modal); returns it."""
    dialog = PackDialog(ctx, runner, meeting_id, parent)
    dialog.show()
    return dialog


class MeetingChooser(QDialog):
    """Which meeting's pack: the meetings, newest first."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("meetingChooser")
        self.setWindowTitle("Board pack: which meeting?")
        self.list = QListWidget()
        for m in reversed(ctx.run(list_meetings)):
            item = QListWidgetItem(f"{m.starts_at:%d %b %Y}  {m.committee}: {m.title}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def meeting_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def choose_meeting_and_open(ctx, runner, parent: QWidget | None = None) -> PackDialog | None:
    chooser = MeetingChooser(ctx, parent)
    if chooser.exec() != QDialog.DialogCode.Accepted or chooser.meeting_id() is None:
        return None
    return open_pack_dialog(ctx, runner, chooser.meeting_id(), parent)
