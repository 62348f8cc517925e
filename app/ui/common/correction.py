"""Sealed records on screen: the banner that says a meeting's record is sealed, and the
Correct… dialog that changes a sealed record through a correction (a reason is required).

The dialog shows the fields it may correct, filled with the record's values, and sends only
those changed to app.services.decisions.corrections.correct_sealed_record.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.services.decisions.corrections import correct_sealed_record
from app.ui.common.errors import show_error


@dataclass(frozen=True)
class CorrectableField:
    name: str
    label: str
    value: str
    choices: tuple[str, ...] = ()
    long: bool = False


def seal_banner(text: str = "") -> QLabel:
    """A strip above a sealed meeting's record; hidden while the record is open."""
    banner = QLabel(text)
    banner.setObjectName("sealBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #5b4a1f; color: white; padding: 6px; border-radius: 4px")
    banner.setVisible(bool(text))
    return banner


def show_seal(banner: QLabel, text: str) -> None:
    banner.setText(f"{text} Its record changes only by a correction (Correct…)."
                   if text else "")
    banner.setVisible(bool(text))


class CorrectDialog(QDialog):
    """Correct one sealed record: the corrected values, who asks for it, and why."""

    def __init__(self, ctx, *, record_type: str, record_id: int, title: str,
                 fields: list[CorrectableField], parent=None):
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(f"Correct {title}")
        self.ctx, self.record_type, self.record_id = ctx, record_type, record_id
        self.fields = fields
        self.result_row = None
        self.editors = {}
        form = QFormLayout()
        for f in fields:
            if f.choices:
                editor = QComboBox()
                editor.addItems(list(f.choices))
                editor.setCurrentText(f.value)
            elif f.long:
                editor = QPlainTextEdit(f.value)
                editor.setMinimumHeight(70)
            else:
                editor = QLineEdit(f.value)
            editor.setObjectName(f"correct_{f.name}")
            self.editors[f.name] = editor
            form.addRow(f.label, editor)
        self.requested_by = QLineEdit()
        self.requested_by.setObjectName("correctRequestedBy")
        self.requested_by.setPlaceholderText("who asks for the correction")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("correctReason")
        self.reason.setPlaceholderText("why the approved record is wrong (required)")
        self.reason.setMaximumHeight(80)
        form.addRow("Asked for by", self.requested_by)
        form.addRow("Reason", self.reason)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record correction")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel("The minutes of this meeting are approved. A correction is kept with the "
                      "record, shown wherever it is shown, and listed for the body's next "
                      "meeting to note.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _value(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text()

    def changes(self) -> dict:
        return {f.name: self._value(f.name) for f in self.fields
                if self._value(f.name) != f.value}

    def save(self) -> None:
        if not self.reason.toPlainText().strip():
            self.problem.setText("Say why the approved record is being corrected.")
            return
        try:
            self.result_row = self.ctx.run(
                correct_sealed_record, record_type=self.record_type, record_id=self.record_id,
                fields=self.changes(), reason=self.reason.toPlainText(),
                requested_by=self.requested_by.text() or self.ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
