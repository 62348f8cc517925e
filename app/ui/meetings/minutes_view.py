"""Minutes, item by item: the items on the left, the discussion and outcome of the chosen item
on the right. Saving sends the version read, so two people cannot overwrite each other, and
each save can be undone. "Approve minutes at…" records their approval at a later meeting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.meetings import meetings, minutes
from app.ui.common.choices import choice_box
from app.ui.common.correction import CorrectableField, CorrectDialog
from app.ui.common.errors import show_error
from app.ui.common.forms import show_date
from app.ui.common.record_view import fit_columns, make_table
from app.ui.common.table_model import RowTableModel
from app.ui.common.undo import SavedChange


class MinutesTableModel(RowTableModel):
    COLUMNS = (
        ("No.", lambda r: r.item_number),
        ("Item", lambda r: r.item_title),
        ("Written", lambda r: "✓" if r.id is not None else ""),
    )


class ApproveMinutesDialog(QDialog):
    """Choose the later meeting of the same body that approved these minutes."""

    def __init__(self, ctx, meeting, parent=None):
        super().__init__(parent)
        self.setObjectName("approveMinutesDialog")
        self.setWindowTitle(f"Approve the minutes of {meeting.title}")
        later = [m for m in ctx.run(meetings.list_meetings, committee_id=meeting.committee_id,
                                    from_date=meeting.meeting_date) if m.id != meeting.id
                 and m.starts_at > meeting.starts_at]
        self.at = choice_box([(f"{m.title} ({show_date(m.meeting_date)})", m.id) for m in later])
        self.corrections = QPlainTextEdit(placeholderText="Corrections agreed, if any")
        form = QFormLayout(self)
        form.addRow("Approved at", self.at)
        form.addRow("Corrections", self.corrections)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class MinutesView(QWidget):
    """The Minutes tab of a meeting."""

    approved = Signal()

    def __init__(self, ctx, meeting_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("minutesView")
        self.ctx, self.meeting_id = ctx, meeting_id
        self.undo_stack = QUndoStack(self)
        self.model = MinutesTableModel(self)
        self.table = make_table(self.model, "minutesItems")
        self.table.setSortingEnabled(False)
        self.heading = QLabel()
        self.heading.setObjectName("minuteHeading")
        self.heading.setWordWrap(True)
        self.discussion = QPlainTextEdit(placeholderText="The discussion in brief")
        self.discussion.setObjectName("discussion")
        self.outcome = QPlainTextEdit(placeholderText="The outcome: what was agreed, noted or "
                                                      "decided")
        self.outcome.setObjectName("outcome")
        self.outcome.setMaximumHeight(140)
        self.approval = QLabel()
        self.approval.setObjectName("approvalNote")
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.save_button = QPushButton("Save minute")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        undo, redo = QPushButton("Undo"), QPushButton("Redo")
        undo.clicked.connect(self.undo_stack.undo)
        redo.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.correct_button = QPushButton("Correct…")
        self.correct_button.setObjectName("correctMinute")
        self.correct_button.clicked.connect(self.correct)
        self.corrected = QLabel()
        self.corrected.setObjectName("minuteCorrected")
        self.corrected.setWordWrap(True)
        self.corrected.setStyleSheet("color: #5b4a1f; font-style: italic")
        self.approve_button = QPushButton("Approve minutes at…")
        self.approve_button.clicked.connect(self.approve)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.heading)
        column.addWidget(QLabel("Discussion"))
        column.addWidget(self.discussion, 1)
        column.addWidget(QLabel("Outcome"))
        column.addWidget(self.outcome)
        column.addWidget(self.corrected)
        bar = QHBoxLayout()
        for widget in (self.save_button, self.correct_button, undo, redo):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.approve_button)
        column.addLayout(bar)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([340, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.approval)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def refresh(self) -> None:
        current = self.current()
        try:
            self.meeting = self.ctx.run(meetings.get_meeting, meeting_id=self.meeting_id)
            rows = self.ctx.run(minutes.list_minutes, meeting_id=self.meeting_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        fit_columns(self.table, 1, widest=300)
        approved = self.meeting.minutes_approved_at
        self.approval.setText(f"Approved as a true record at {approved}." if approved else
                              "Minutes not yet approved.")
        self.approve_button.setEnabled(not approved)
        self.select_item(current.agenda_item_id if current else rows[0].agenda_item_id
                         if rows else None)

    def current(self):
        model = self.table.selectionModel()
        indexes = model.selectedRows() if model else []
        return self.model.row_at(indexes[0].row()) if indexes else None

    def select_item(self, agenda_item_id) -> None:
        row = self.model.find(lambda r: r.agenda_item_id == agenda_item_id)
        if row >= 0:
            self.table.selectRow(row)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args) -> None:
        row = self.current()
        self.heading.setText(f"<b>{row.item_number} {row.item_title}</b>  —  "
                             f"{row.presenter or 'no presenter named'}" if row else "")
        self.discussion.setPlainText(row.discussion if row else "")
        self.outcome.setPlainText(row.outcome if row else "")
        editable = row is not None and not self.meeting.sealed
        for widget in (self.discussion, self.outcome):
            widget.setReadOnly(not editable)
            widget.setEnabled(row is not None)
        self.save_button.setEnabled(editable)
        self.correct_button.setVisible(bool(self.meeting.sealed))
        self.correct_button.setEnabled(row is not None and row.id is not None)
        self.corrected.setText(row.corrected if row else "")
        self.corrected.setVisible(bool(row and row.corrected))

    def correct(self) -> None:
        row = self.current()
        if row is None or row.id is None:
            return
        self.correct_dialog = CorrectDialog(
            self.ctx, record_type="minute_entry", record_id=row.id,
            title=f"the minute of item {row.item_number}", parent=self,
            fields=[CorrectableField("discussion", "Discussion", row.discussion, long=True),
                    CorrectableField("outcome", "Outcome", row.outcome, long=True)])
        self.correct_dialog.accepted.connect(self.refresh)
        self.correct_dialog.open()

    # ------------------------------------------------------------------------------ saving
    def _write(self, row, discussion: str, outcome: str):
        return self.ctx.run(minutes.record_minute, agenda_item_id=row.agenda_item_id,
                            discussion=discussion, outcome=outcome,
                            expected_version=row.version)

    def save(self) -> None:
        before = self.current()
        if before is None:
            return
        try:
            after = self._write(before, self.discussion.toPlainText(), self.outcome.toPlainText())
        except Exception as exc:
            show_error(self, exc)
            return
        self.undo_stack.push(SavedChange(
            f"minute of item {before.item_number}", after,
            undo=lambda cur: self._write(cur, before.discussion, before.outcome),
            redo=lambda cur: self._write(cur, after.discussion, after.outcome),
            on_changed=self.refresh, on_error=lambda exc: show_error(self, exc)))
        self.refresh()

    def approve(self) -> None:
        self.dialog = ApproveMinutesDialog(self.ctx, self.meeting, self)
        self.dialog.accepted.connect(self._on_approve_accepted)
        self.dialog.open()

    def _on_approve_accepted(self) -> None:
        try:
            self.ctx.run(minutes.approve_minutes, meeting_id=self.meeting_id,
                         at_meeting_id=self.dialog.at.currentData(),
                         corrections=self.dialog.corrections.toPlainText(),
                         expected_version=self.meeting.version)
        except Exception as exc:
            show_error(self, exc)
        self.refresh()
        self.approved.emit()
