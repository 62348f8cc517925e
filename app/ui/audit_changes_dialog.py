""""What changed since…": for the audit committee, every change after the head printed on an
issued pack (or a head they were given), by record, with the verdict on the history up to it;
saved as a PDF for the committee's papers."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from app.domain.errors import BoardbookError
from app.files import PRIVATE, write_atomically
from app.services.audit_changes import changes_since, pack_choices
from app.ui.common.errors import show_error


def report_html(report) -> str:
    colour = "#1b5e20" if report.history_holds else "#b00020"
    parts = [f"<p style='color:{colour}'><b>{escape(report.verdict)}</b></p>"]
    for record in report.records:
        name = f": {escape(record.description)}" if record.description else ""
        parts.append(f"<h3>{escape(record.kind)} {escape(record.record_id)}{name}</h3>")
        for change in record.changes:
            parts.append(f"<p style='color:#555555'>Event {change.seq}: {escape(change.action)} "
                         f"by {escape(change.actor)}, {escape(change.at)}</p>")
            rows = "".join(f"<tr><td>{escape(f.label)}</td><td>{escape(f.before)}</td>"
                           f"<td>{escape(f.after)}</td></tr>" for f in change.fields)
            parts.append("<table cellpadding='3'><tr><th align='left'>Field</th>"
                         "<th align='left'>Before</th><th align='left'>After</th></tr>"
                         f"{rows}</table>")
    if report.history_holds and not report.records:
        parts.append("<p>Nothing has changed since then.</p>")
    return "".join(parts)


class AuditChangesDialog(QDialog):
    def __init__(self, ctx, runner, parent=None, *, head: str = ""):
        super().__init__(parent)
        self.setWindowTitle("What changed since…")
        self.resize(900, 640)
        self.ctx, self.runner, self.report = ctx, runner, None
        self.pack = QComboBox()
        self.pack.setObjectName("sincePack")
        self.pack.addItem("A chain head I was given", None)
        for label, pack_id in ctx.run(pack_choices):
            self.pack.addItem(label, pack_id)
        self.head = QLineEdit(head)
        self.head.setObjectName("sinceHead")
        self.head.setPlaceholderText("the 64-character head hash")
        self.pack.currentIndexChanged.connect(
            lambda _i: self.head.setEnabled(self.pack.currentData() is None))
        self.show_button = QPushButton("Show changes")
        self.show_button.setObjectName("showChanges")
        self.show_button.clicked.connect(self.show_changes)
        self.result = QTextBrowser()
        self.result.setObjectName("changesReport")
        self.status = QLabel()
        form = QFormLayout()
        form.addRow("Since the head printed on", self.pack)
        form.addRow("or since the head", self.head)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.show_button)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def show_changes(self) -> None:
        pack_id = self.pack.currentData()
        head = None if pack_id is not None else self.head.text().strip()
        ctx = self.ctx
        self.show_button.setEnabled(False)
        self.status.setText("Checking the trail…")
        self.runner.run(lambda report, cancelled: ctx.run(changes_since, head=head,
                                                          pack_id=pack_id),
                        on_done=self._on_done, on_error=self._on_error)

    def _on_done(self, report) -> None:
        self.report = report
        self.show_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.setText(f"Since {report.since}.")
        self.result.setHtml(report_html(report))

    def _on_error(self, exc) -> None:
        self.show_button.setEnabled(True)
        self.status.clear()
        show_error(self, exc)

    def ask_pdf_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the changes as PDF",
                                              "changes-since.pdf", "PDF (*.pdf)")
        return path

    def save_pdf(self) -> None:
        from app.reports.audit_changes_pdf import changes_report_bytes

        path = self.ask_pdf_path()
        if not path or self.report is None:
            return
        try:
            # the changes include confidential business: the report is its reader's alone
            write_atomically(Path(path), changes_report_bytes(self.report), audience=PRIVATE)
        except BoardbookError as exc:  # a folder that is not there or not writable
            show_error(self, exc)
            return
        self.status.setText(f"Saved {path}")
