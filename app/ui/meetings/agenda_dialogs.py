"""Dialogs of the agenda builder: an agenda item, and the body's standing items."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.agenda import PURPOSES, purpose_label
from app.services.meetings import agenda
from app.ui.common.choices import choice_box, people_choices
from app.ui.common.forms import EditorDialog, required

PURPOSE_CHOICES = [(purpose_label(p), p) for p in PURPOSES]


class AgendaItemDialog(EditorDialog):
    """Add an item to the agenda (at the end of its part) or change one."""

    def __init__(self, ctx, meeting_id: int, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.meeting_id = meeting_id
        self.setObjectName("agendaItemDialog")
        self.setWindowTitle(f"Edit item {row.number}" if row else "Add an agenda item")
        self.title = QLineEdit(row.title if row else "")
        self.purpose = choice_box(PURPOSE_CHOICES, "(none)", row.purpose if row else None)
        self.part = choice_box([("Part 1 (public)", 1), ("Part 2 (public excluded)", 2)],
                               current=row.part if row else 1)
        self.part.setEnabled(row is None)
        self.presenter = choice_box(people_choices(ctx), "(nobody named)",
                                    row.presenter_id if row else None)
        self.minutes = QSpinBox(maximum=600, suffix=" min", singleStep=5)
        self.minutes.setValue(row.minutes_allocated if row else 10)
        self.notes = QPlainTextEdit(row.notes if row else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        for label, field, widget in ((required("Title"), "title", self.title),
                                     ("Purpose", "purpose", self.purpose),
                                     ("Part", "part", self.part),
                                     ("Presenter", "presenter_id", self.presenter),
                                     ("Time allowed", "minutes", self.minutes),
                                     ("Notes", "notes", self.notes)):
            self.errors.add_row(self.form, label, field, widget)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict:
        return dict(title=self.title.text(), purpose=self.purpose.currentData() or "",
                    presenter_id=self.presenter.currentData(),
                    minutes_allocated=self.minutes.value(), notes=self.notes.toPlainText())

    def save(self):
        if self.row is None:
            return self.ctx.run(agenda.add_agenda_item, meeting_id=self.meeting_id,
                                part=self.part.currentData(), **self.values())
        return self.ctx.run(agenda.update_agenda_item, item_id=self.row.id,
                            expected_version=self.row.version, **self.values())


class StandingItemsDialog(EditorDialog):
    """The body's standing items: what "Apply standing items" puts at the top of an agenda."""

    HEADINGS = ("Title", "Purpose", "Minutes")

    def __init__(self, ctx, committee_id: int, committee: str, parent=None):
        super().__init__(ctx, None, parent)
        self.committee_id = committee_id
        self.setObjectName("standingItemsDialog")
        self.setWindowTitle(f"Standing items — {committee}")
        self.table = QTableWidget(0, len(self.HEADINGS))
        self.table.setObjectName("standingItems")
        self.table.setHorizontalHeaderLabels(self.HEADINGS)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 300)
        for item in ctx.run(agenda.get_agenda_template, committee_id=committee_id):
            self.add_line(item.title, item.purpose, item.minutes_allocated)
        add, remove = QPushButton("Add line"), QPushButton("Remove line")
        add.clicked.connect(lambda: self.add_line("", "", 5))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QWidget()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(add)
        line.addWidget(remove)
        line.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addWidget(buttons)
        self.finish_layout(box, marks_required=False)
        self.resize(620, 360)

    def add_line(self, title: str, purpose: str, minutes: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(title))
        self.table.setCellWidget(row, 1, choice_box(PURPOSE_CHOICES, "(none)", purpose or None))
        spin = QSpinBox(maximum=600, singleStep=5)
        spin.setValue(minutes)
        self.table.setCellWidget(row, 2, spin)

    def items(self) -> list[agenda.StandingItem]:
        return [agenda.StandingItem((self.table.item(r, 0) or QTableWidgetItem()).text(),
                                    self.table.cellWidget(r, 1).currentData() or "",
                                    self.table.cellWidget(r, 2).value())
                for r in range(self.table.rowCount())]

    def save(self):
        return self.ctx.run(agenda.save_agenda_template, committee_id=self.committee_id,
                            items=self.items())
