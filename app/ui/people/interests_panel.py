"""A person's register of interests, in the People section: what they have declared, how each
is managed, which have ended (kept on the register, greyed) and which were declared late (more
than 28 days after the interest began, ⚑). Add, edit, end with a date, or delete an entry made
in error (the service refuses once the interest has been declared at a meeting)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.interests import DECLARE_WITHIN_DAYS, INTEREST_KINDS
from app.services import interests
from app.ui.common.errors import show_error
from app.ui.common.forms import (
    EditorDialog,
    OptionalDateEdit,
    date_edit,
    from_qdate,
    required,
    show_date,
)
from app.ui.common.record_view import RETIRED_COLOUR, fit_columns, make_table
from app.ui.common.table_model import RowTableModel
from app.ui.people.interest_text import (
    ENTRY_COLUMNS,
    declared_text,
    has_ended,
    interest_status,
    register_order,
)

LATE_COLOUR = QColor("#d5281b")  # as the meeting screens flag an undeclared conflict


class InterestsTableModel(RowTableModel):
    COLUMNS = ENTRY_COLUMNS
    # How each is managed, and the whole text, show under the table for the selected entry.
    COL_KIND, COL_DESCRIPTION, COL_ORGANISATION, COL_FROM, COL_TO, COL_DECLARED = range(6)
    DATE_COLUMNS = (COL_FROM, COL_TO)

    def display(self, row, column: int):
        if column == self.COL_DECLARED:
            return declared_text(row)
        return super().display(row, column)

    def foreground(self, row):
        return RETIRED_COLOUR if has_ended(row) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid():
            row = self.row_at(index.row())
            late_cell = index.column() == self.COL_DECLARED and row.declared_late
            if role == Qt.ItemDataRole.ForegroundRole and late_cell and not has_ended(row):
                return LATE_COLOUR
            if role == Qt.ItemDataRole.ToolTipRole:
                if late_cell:
                    days = (row.declared_on - row.from_date).days
                    return (f"Declared {days} days after it began; the guidance asks for "
                            f"declarations within {DECLARE_WITHIN_DAYS} days.")
                if index.column() == self.COL_TO and has_ended(row):
                    return interest_status(row)
                if index.column() in (self.COL_DESCRIPTION, self.COL_ORGANISATION):
                    return self.display(row, index.column()) or None
        return super().data(index, role)


def _text_box(text: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class InterestDialog(EditorDialog):
    """Add or edit one entry in a person's register. Problems show beside their fields."""

    def __init__(self, ctx, person_id: int, person_name: str, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.person_id = person_id
        self.setObjectName("interestDialog")
        self.setWindowTitle(f"Edit an interest of {person_name}" if row
                            else f"Add an interest for {person_name}")
        self.kind = QComboBox()
        self.kind.addItems(INTEREST_KINDS)
        if row:
            self.kind.setCurrentText(row.kind)
        self.description = _text_box(row.description if row else "", 3,
                                     "e.g. GP partner in a member practice")
        self.organisation = QLineEdit(row.organisation if row else "",
                                      placeholderText="the organisation concerned")
        self.from_date = OptionalDateEdit("on", row.from_date if row else None)
        self.to_date = OptionalDateEdit("on", row.to_date if row else None)
        self.declared_on = OptionalDateEdit("on", row.declared_on if row else dt.date.today())
        self.management = _text_box(row.management if row else "", 2,
                                    "e.g. withdraws from items on the practice's contract")
        self.late_note = QLabel()
        self.late_note.setObjectName("lateNote")
        self.late_note.setStyleSheet(f"color: {LATE_COLOUR.name()}")
        self.late_note.setWordWrap(True)
        self.errors.add_row(self.form, required("Kind"), "kind", self.kind)
        self.errors.add_row(self.form, required("Description"), "description", self.description)
        self.errors.add_row(self.form, "Organisation", "organisation", self.organisation)
        self.errors.add_row(self.form, "Began", "from_date", self.from_date)
        self.errors.add_row(self.form, "Ended", "to_date", self.to_date)
        self.errors.add_row(self.form, "Declared", "declared_on", self.declared_on)
        self.form.addRow("", self.late_note)
        self.errors.add_row(self.form, "How it is managed", "management", self.management)
        for edit in (self.from_date, self.declared_on):
            edit.changed.connect(self._update_late_note)
        self._update_late_note()
        self.finish_layout()
        self.setMinimumWidth(520)

    def _update_late_note(self) -> None:
        began, declared = self.from_date.date(), self.declared_on.date()
        late = began is not None and declared is not None \
            and (declared - began).days > DECLARE_WITHIN_DAYS
        self.late_note.setText(f"⚑ Declared {(declared - began).days} days after it began: "
                               f"more than the {DECLARE_WITHIN_DAYS} days the guidance allows."
                               if late else "")
        self.late_note.setVisible(late)

    def values(self) -> dict:
        return {"kind": self.kind.currentText(), "description": self.description.toPlainText(),
                "organisation": self.organisation.text(), "from_date": self.from_date.date(),
                "to_date": self.to_date.date(), "declared_on": self.declared_on.date(),
                "management": self.management.toPlainText()}

    def save(self):
        if self.row is None:
            return self.ctx.run(interests.add_interest, person_id=self.person_id,
                                **self.values())
        return self.ctx.run(interests.update_interest, interest_id=self.row.id,
                            expected_version=self.row.version, **self.values())


class EndInterestDialog(EditorDialog):
    """End an interest on a day: it stays on the register, with its end date."""

    def __init__(self, ctx, row, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("endInterestDialog")
        self.setWindowTitle("End an interest")
        about = QLabel(f"<b>{_html(row.kind)}</b>: {_html(row.description)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.on = date_edit(row.to_date or dt.date.today())
        self.errors.add_row(self.form, "Ended on", "to_date", self.on)
        self.finish_layout(marks_required=False)
        self.setMinimumWidth(420)

    def save(self):
        return self.ctx.run(interests.end_interest, interest_id=self.row.id,
                            expected_version=self.row.version, on=from_qdate(self.on.date()))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InterestsPanel(QWidget):
    """The selected person's register of interests with Add / Edit / End / Delete."""

    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("interestsPanel")
        self.ctx = ctx
        self.person_id: int | None = None
        self.person_name = ""
        self.editor: EditorDialog | None = None  # the dialog open now, if any
        self.model = InterestsTableModel(self)
        self.table = make_table(self.model, "interestTable")
        self.table.setSortingEnabled(False)  # current first, then ended, as the register reads
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Add an interest to this person's register")
        self.edit_button = QPushButton("Edit…")
        self.end_button = QPushButton("End…")
        self.end_button.setToolTip("The interest has ended: it stays on the register, greyed")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Only for an entry made in error; once declared at a "
                                      "meeting, end it instead")
        self.register_button = QPushButton("Whole register…")
        self.register_button.setObjectName("openInterestsRegister")
        self.register_button.setToolTip("The register of interests of a body or of everyone "
                                        "as at a date, to read or export")
        self.register_button.clicked.connect(self.open_register)
        self.register_dialog = None
        self.add_button.clicked.connect(self.add_interest)
        self.edit_button.clicked.connect(self.edit_selected)
        self.end_button.clicked.connect(self.end_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.summary = QLabel()
        self.summary.setObjectName("interestSummary")
        self.detail = QLabel()
        self.detail.setObjectName("interestDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # room for the whole entry even when the People panel is short (a wrapped label is
        # otherwise squeezed to one line by the table above it)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 4 + 4)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.register_button)
        bar.addSpacing(12)
        for button in (self.add_button, self.edit_button, self.end_button, self.delete_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.show_person(None)

    # ------------------------------------------------------------------------------ rows
    def show_person(self, row) -> None:
        """Show ``row``'s register (a PersonRow, or None for nobody selected)."""
        self.person_id = row.id if row is not None else None
        self.person_name = row.name if row is not None else ""
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        rows = []
        if self.person_id is not None:
            try:
                rows = self.ctx.run(interests.list_interests, person_id=self.person_id)
            except Exception as exc:
                show_error(self, exc)
        self.model.set_rows(register_order(rows))
        fit_columns(self.table, InterestsTableModel.COL_DESCRIPTION, widest=170)
        found = self.model.find(lambda r: r.id == select_id) if select_id is not None else 0
        if rows and found >= 0:
            self.table.selectRow(found)
        self._update_summary(rows)
        self._update_buttons()

    def _update_summary(self, rows: list) -> None:
        if self.person_id is None:
            self.summary.setText("<i>Select a person to see their register of interests.</i>")
            return
        if not rows:
            self.summary.setText("No interests on the register.")
            return
        current = sum(1 for r in rows if r.current)
        ended = sum(1 for r in rows if has_ended(r))
        late = sum(1 for r in rows if r.declared_late and not has_ended(r))
        parts = [f"{current} current", f"{ended} ended"] + ([f"⚑ {late} declared late"]
                                                            if late else [])
        self.summary.setText(", ".join(parts))

    def selected_row(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def rows(self) -> list:
        return self.model.rows()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self._show_detail(row)
        self.add_button.setEnabled(self.person_id is not None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and not has_ended(row))

    def _show_detail(self, row) -> None:
        """The selected entry in full: what, with whom, when, and how it is managed."""
        if row is None:
            self.detail.clear()
            return
        about = f"<b>{_html(row.kind)}</b>: {_html(row.description)}"
        if row.organisation:
            about += f" ({_html(row.organisation)})"
        managed = _html(row.management) if row.management else "<i>not recorded</i>"
        lines = [about, f"How it is managed: {managed}"]
        if has_ended(row):
            lines.append(f"<span style='color:{RETIRED_COLOUR.name()}'>Ended "
                         f"{show_date(row.to_date)}; kept on the register.</span>")
        elif row.declared_late:  # as the table flags it: only while the interest stands
            days = (row.declared_on - row.from_date).days
            lines.append(f"<span style='color:{LATE_COLOUR.name()}'>⚑ Declared {days} days "
                         f"after it began (the guidance asks for {DECLARE_WITHIN_DAYS}).</span>")
        self.detail.setText("<br>".join(lines))

    # ----------------------------------------------------------------------------- editing
    def add_interest(self) -> None:
        if self.person_id is not None:
            self._open(InterestDialog(self.ctx, self.person_id, self.person_name, None, self))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(InterestDialog(self.ctx, row.person_id, row.person, row, self))

    def end_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(EndInterestDialog(self.ctx, row, self))

    def open_register(self) -> None:
        from app.ui.people.interests_register_dialog import InterestsRegisterDialog

        self.register_dialog = InterestsRegisterDialog(self.ctx, self)
        self.register_dialog.open()

    def _open(self, dialog: EditorDialog) -> None:
        # open(), not exec(): modal to the window without blocking, so tests can fill it in
        self.editor = dialog
        dialog.saved.connect(self._on_saved)
        dialog.finished.connect(self._on_finished)
        dialog.open()

    def _on_finished(self, _result: int) -> None:
        self.editor = None

    def _on_saved(self, _before, after) -> None:
        self.refresh(select_id=after.id)
        self.changed.emit()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Delete an interest",
                          f"Delete this entry from {row.person}'s register?\n\n"
                          f"{row.kind}: {row.description}\n\nOnly for an entry made in error; "
                          "an interest that has ended should be ended, not deleted.",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("confirmDeleteInterest")
        box.button(QMessageBox.StandardButton.Ok).setText("Delete")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Ok:
            return
        try:
            self.ctx.run(interests.delete_interest, interest_id=row.id,
                         expected_version=row.version)
        except Exception as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()
