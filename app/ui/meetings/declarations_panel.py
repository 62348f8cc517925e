"""Declarations of interest at a meeting: pick a person to see their registered interests,
record a declaration against an item with the action taken and the chair's ruling, and see
the conflicts the register suggests for the agenda."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app.domain.interests import DECLARATION_ACTIONS
from app.services import interests
from app.services.meetings import agenda, meetings
from app.ui.common.choices import FLAG_COLOUR, choice_box, item_choices, people_choices
from app.ui.common.correction import CorrectableField, CorrectDialog
from app.ui.common.errors import show_error
from app.ui.common.forms import FieldErrors
from app.ui.common.record_view import fit_columns, make_table
from app.ui.common.table_model import RowTableModel


class DeclarationsTableModel(RowTableModel):
    COLUMNS = (
        ("Item", lambda r: r.item_number or "whole meeting"),
        ("Who", lambda r: r.person),
        ("Interest", lambda r: r.description),
        ("Action", lambda r: r.action),
        ("Chair's ruling", lambda r: r.chair_ruling),
    )


class ConflictFlagsTableModel(RowTableModel):
    COLUMNS = (
        ("Item", lambda r: r.item_number),
        ("Who", lambda r: r.person),
        ("Interest on the register", lambda r: r.interest),
        ("Declared", lambda r: r.declared),
    )

    def foreground(self, row):
        return None if row.declared else FLAG_COLOUR


class DeclarationsPanel(QGroupBox):
    changed = Signal()

    def __init__(self, ctx, meeting_id: int, parent=None):
        super().__init__("Declarations of interest", parent)
        self.setObjectName("declarationsPanel")
        self.ctx, self.meeting_id = ctx, meeting_id
        self.errors = FieldErrors()
        self.person = choice_box(people_choices(ctx), "(choose a person)")
        self.person.currentIndexChanged.connect(lambda _i: self.show_interests())
        self.interest_list = QListWidget()
        self.interest_list.setObjectName("interestList")
        self.interest_list.setFixedHeight(90)
        self.interest_list.setWordWrap(True)
        self.interest_list.currentItemChanged.connect(self._on_interest_chosen)
        self.item = choice_box([], "whole meeting")
        self.action = choice_box([(a, a) for a in DECLARATION_ACTIONS])
        self.description = QLineEdit(placeholderText="the interest as declared")
        self.ruling = QLineEdit(placeholderText="e.g. withdrew for the item; did not vote")
        record = QPushButton("Record declaration")
        record.setObjectName("recordDeclaration")
        record.clicked.connect(self.record)
        self.record_button = record
        self.correct_button = QPushButton("Correct selected…")
        self.correct_button.setObjectName("correctDeclaration")
        self.correct_button.clicked.connect(self.correct)
        self.correct_button.hide()
        form = QFormLayout()
        form.addRow("Person", self.person)
        form.addRow("Registered interests", self.interest_list)
        self.errors.add_row(form, "Item", "agenda_item_id", self.item)
        self.errors.add_row(form, "Interest declared", "description", self.description)
        self.errors.add_row(form, "Action", "action", self.action)
        self.errors.add_row(form, "Chair's ruling", "chair_ruling", self.ruling)
        form.addRow("", record)
        self.declared = make_table(DeclarationsTableModel(self), "declarationTable")
        self.flags = make_table(ConflictFlagsTableModel(self), "conflictFlagTable")
        for table in (self.declared, self.flags):
            table.setSortingEnabled(False)  # agenda order, as the service gives it
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(QLabel("Declared at this meeting"))
        layout.addWidget(self.declared, 1)
        layout.addWidget(self.correct_button)
        layout.addWidget(QLabel("Possible conflicts from the register (⚑ until declared)"))
        layout.addWidget(self.flags, 1)

    def refresh(self) -> None:
        items = self.ctx.run(agenda.list_agenda, meeting_id=self.meeting_id)
        current = self.item.currentData()
        self.item.clear()
        self.item.addItem("whole meeting", None)
        for text, value in item_choices(items):
            self.item.addItem(text, value)
        self.item.setCurrentIndex(max(self.item.findData(current), 0))
        self.declared.model().set_rows(
            self.ctx.run(interests.list_declarations, meeting_id=self.meeting_id))
        self.flags.model().set_rows(
            self.ctx.run(interests.conflict_flags, meeting_id=self.meeting_id))
        for table in (self.declared, self.flags):
            fit_columns(table, 2, widest=140)
        sealed = bool(self.ctx.run(meetings.get_meeting, meeting_id=self.meeting_id).sealed)
        self.record_button.setEnabled(not sealed)  # a sealed meeting's declarations stand
        self.correct_button.setVisible(sealed)

    def correct(self) -> None:
        indexes = self.declared.selectionModel().selectedRows()
        if not indexes:
            return
        row = self.declared.model().row_at(indexes[0].row())
        self.correct_dialog = CorrectDialog(
            self.ctx, record_type="declaration", record_id=row.id,
            title=f"the declaration of {row.person}", parent=self,
            fields=[CorrectableField("description", "Interest declared", row.description),
                    CorrectableField("action", "Action", row.action, DECLARATION_ACTIONS),
                    CorrectableField("chair_ruling", "Chair's ruling", row.chair_ruling)])
        self.correct_dialog.accepted.connect(self.changed.emit)
        self.correct_dialog.open()

    def show_interests(self) -> None:
        self.interest_list.clear()
        person_id = self.person.currentData()
        if person_id is None:
            return
        rows = self.ctx.run(interests.interests_to_declare, meeting_id=self.meeting_id,
                            person_id=person_id)
        for row in rows:
            entry = QListWidgetItem(f"{row.kind}: {row.description}"
                                    + (f" ({row.organisation})" if row.organisation else ""))
            entry.setData(Qt.ItemDataRole.UserRole, row)
            self.interest_list.addItem(entry)
        if not rows:
            self.interest_list.addItem("No interests on the register for the meeting's day")

    def interest_texts(self) -> list[str]:
        return [self.interest_list.item(n).text() for n in range(self.interest_list.count())]

    def _on_interest_chosen(self, current, _previous) -> None:
        row = current.data(Qt.ItemDataRole.UserRole) if current else None
        if row is not None:
            self.description.setText(row.description)

    def record(self) -> None:
        from app.domain.errors import ValidationError
        chosen = self.interest_list.currentItem()
        interest = chosen.data(Qt.ItemDataRole.UserRole) if chosen else None
        self.errors.clear()
        try:
            self.ctx.run(interests.declare_interest, meeting_id=self.meeting_id,
                         person_id=self.person.currentData(),
                         description=self.description.text(),
                         action=self.action.currentData(),
                         agenda_item_id=self.item.currentData(),
                         interest_id=interest.id if interest else None,
                         chair_ruling=self.ruling.text())
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.description.clear()
        self.ruling.clear()
        self.changed.emit()
