"""Building blocks for editor dialogs: problems shown beside their fields, optional dates.

The services do the validation. A dialog sends what was typed, and when a ``ValidationError``
comes back, ``FieldErrors`` puts each problem under the field it names, so the user sees what
to fix where they are looking; a problem about a field the dialog does not show goes in a
message at the foot of the form.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.ui.common.errors import show_error

ERROR_STYLE = "color: #b00020"
DATE_FORMAT = "d MMM yyyy"


def required(text: str) -> str:
    """A field label marked as required (the form says what * means)."""
    return f"{text} *"


def required_note() -> QLabel:
    note = QLabel("* required")
    note.setObjectName("requiredNote")
    note.setStyleSheet("color: palette(mid)")
    return note


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def show_date(value: dt.date | None) -> str:
    """A date as a board secretary writes it: 1 Apr 2012."""
    return f"{value.day} {value:%b %Y}" if value else ""


def date_edit(value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be left out: a tick box switches the date on and off."""

    changed = Signal()

    def __init__(self, check_text: str, value: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = date_edit(value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.set_date(value)

    def date(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_date(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class FieldErrors:
    """Problem labels under a form's fields, filled from a ``ValidationError``."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.general = self._make_label("general")

    @staticmethod
    def _make_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"problem_{name}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> None:
        """Add a form row whose problems (for service field ``field``) show beneath it."""
        problem = self._make_label(field)
        self._labels[field] = problem
        self._widgets[field] = widget
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        form.addRow(label, box)

    def label(self, field: str) -> QLabel:
        return self._labels.get(field, self.general)

    def clear(self) -> None:
        for label in [*self._labels.values(), self.general]:
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> None:
        self.clear()
        texts: dict[QLabel, list[str]] = {}
        for problem in error.problems:
            target = self._labels.get(problem.field, self.general)
            reason = problem.reason if target is not self.general else str(problem)
            texts.setdefault(target, []).append(_sentence(reason))
        for label, lines in texts.items():
            label.setText("\n".join(lines))
            label.show()

        self._focus_first_problem()

    def _focus_first_problem(self) -> None:
        for field, label in self._labels.items():
            if not label.isHidden():
                self._widgets[field].setFocus()
                return


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class EditorDialog(QDialog):
    """A dialog that saves through a service when OK is pressed and stays open on a problem.

    Subclasses build ``self.form`` with ``self.errors.add_row(...)`` and implement ``save()``,
    which calls the service and returns the saved row. ``saved(before, after)`` tells the view
    what changed (``before`` is None for a new record) so it can offer undo.
    """

    saved = Signal(object, object)

    def __init__(self, ctx, row=None, parent=None):
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self, *extra: QWidget, marks_required: bool = True) -> None:
        """Form, then any extra widgets, then the problems, the * note and the buttons."""
        self.layout_.addLayout(self.form)
        for widget in extra:
            self.layout_.addWidget(widget)
        self.layout_.addWidget(self.errors.general)
        foot = QHBoxLayout()
        if marks_required:
            foot.addWidget(required_note())
        foot.addStretch(1)
        foot.addWidget(self.buttons)
        self.layout_.addLayout(foot)

    def save(self):
        raise NotImplementedError

    def accept(self) -> None:
        self.errors.clear()
        try:
            after = self.save()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.saved.emit(self.row, after)
        super().accept()
