"""Attendance in the meeting: members expected, each marked present, apologies, absent or in
attendance with one click; arrival and departure against items; quorum shown before business
starts and item by item. Declarations of interest sit beside it (declarations_panel)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.meetings import ATTENDANCE_STATUSES
from app.services.meetings import agenda, attendance, meetings
from app.ui.common.choices import BAD_COLOUR, GOOD_COLOUR, choice_box, item_choices
from app.ui.common.correction import CorrectableField, CorrectDialog
from app.ui.common.errors import show_error
from app.ui.common.record_view import RETIRED_COLOUR, fit_columns, make_table
from app.ui.common.table_model import RowTableModel
from app.ui.meetings.declarations_panel import DeclarationsPanel

NOT_MARKED = "not marked yet"


class AttendanceTableModel(RowTableModel):
    COLUMNS = (
        ("Name", lambda r: r.person),
        ("Role", lambda r: r.role or "not a member"),
        ("Votes", lambda r: r.voting),
        ("Status", lambda r: r.status if r.id is not None else NOT_MARKED),
        ("Arrived at item", lambda r: r.arrived),
        ("Left after item", lambda r: r.left),
    )
    COL_NAME, COL_ROLE, COL_VOTING, COL_STATUS, COL_ARRIVED, COL_LEFT = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.numbers: dict[int, str] = {}

    def display(self, row, column: int):
        if column == self.COL_ARRIVED:
            return self.numbers.get(row.arrived_at_item_id, "")
        if column == self.COL_LEFT:
            return self.numbers.get(row.left_after_item_id, "")
        return super().display(row, column)

    def foreground(self, row):
        return RETIRED_COLOUR if row.id is None else None


class ItemQuorumTableModel(RowTableModel):
    COLUMNS = (
        ("Item", lambda r: r.item_number),
        ("Quorate", lambda r: r.quorate),
        ("Counted", lambda r: f"{r.counted} of {r.needed}"),
        ("Why", lambda r: r.explanation),
    )

    def foreground(self, row):
        return GOOD_COLOUR if row.quorate else BAD_COLOUR


def merged_attendance(expected, recorded) -> list:
    """Members expected on the day, with what has been recorded for each, then anyone else
    recorded (people in attendance who are not members)."""
    by_person = {r.person_id: r for r in recorded}
    rows = [by_person.pop(e.person_id, e) for e in expected]
    return rows + list(by_person.values())


class AttendanceView(QWidget):
    """The "Attendance & declarations" tab of a meeting."""

    def __init__(self, ctx, meeting_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("attendanceView")
        self.ctx, self.meeting_id = ctx, meeting_id
        self.agenda = []
        self.sealed = ""
        self.mark_buttons: list[QPushButton] = []
        self.model = AttendanceTableModel(self)
        self.table = make_table(self.model, "attendanceTable")
        self.table.setSortingEnabled(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items_model = ItemQuorumTableModel(self)
        self.item_table = make_table(self.items_model, "itemQuorumTable")
        self.item_table.setSortingEnabled(False)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorumLabel")
        self.quorum.setWordWrap(True)
        self.declarations = DeclarationsPanel(ctx, meeting_id, self)
        self.declarations.changed.connect(self.refresh)
        self._build()
        self.refresh()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Mark selected:"))
        for status in ATTENDANCE_STATUSES:
            button = QPushButton(status.capitalize())
            button.setObjectName(f"mark_{status.replace(' ', '_')}")
            button.clicked.connect(lambda _=False, s=status: self.mark_selected(s))
            buttons.addWidget(button)
            self.mark_buttons.append(button)
        buttons.addStretch(1)
        self.correct_button = QPushButton("Correct…")
        self.correct_button.setObjectName("correctAttendance")
        self.correct_button.clicked.connect(self.correct)
        buttons.addWidget(self.correct_button)
        self.arrived = choice_box([], "from the start")
        self.left = choice_box([], "to the end")
        self.arrived.activated.connect(lambda _i: self._record_times())
        self.left.activated.connect(lambda _i: self._record_times())
        times = QHBoxLayout()
        for widget in (QLabel("Arrived at item"), self.arrived, QLabel("Left after item"),
                       self.left):
            times.addWidget(widget)
        times.addStretch(1)
        people = QGroupBox("Who is here")
        column = QVBoxLayout(people)
        column.addLayout(buttons)
        column.addWidget(self.table, 1)
        column.addLayout(times)
        column.addWidget(QLabel("Quorum item by item (conflicted members who withdrew or took "
                                "no part are not counted)"))
        column.addWidget(self.item_table)
        split = QSplitter()
        split.addWidget(people)
        split.addWidget(self.declarations)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------------------ reading
    def refresh(self) -> None:
        selected = [r.person_id for r in self.selected_rows()]
        try:
            expected = self.ctx.run(attendance.members_expected, meeting_id=self.meeting_id)
            recorded = self.ctx.run(attendance.list_attendance, meeting_id=self.meeting_id)
            quorum = self.ctx.run(attendance.quorum_now, meeting_id=self.meeting_id)
            by_item = self.ctx.run(attendance.quorum_by_item, meeting_id=self.meeting_id)
            self.agenda = self.ctx.run(agenda.list_agenda, meeting_id=self.meeting_id)
            self.sealed = self.ctx.run(meetings.get_meeting, meeting_id=self.meeting_id).sealed
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.numbers = {i.id: i.number for i in self.agenda}
        self.model.set_rows(merged_attendance(expected, recorded))
        self.items_model.set_rows(by_item)
        self._show_quorum(quorum)
        self._fill_item_boxes()
        for person_id in selected:
            self.select_person(person_id, add=True)
        fit_columns(self.table, AttendanceTableModel.COL_NAME)
        fit_columns(self.item_table, 3, widest=120)
        self.declarations.refresh()
        self._on_selection_changed()

    def _show_quorum(self, quorum) -> None:
        colour = GOOD_COLOUR if quorum.quorate else BAD_COLOUR
        word = "QUORATE" if quorum.quorate else "NOT QUORATE"
        self.quorum.setText(f"<b style='font-size:16pt'>{word}</b>&nbsp;&nbsp; "
                            f"{quorum.explanation}")
        self.quorum.setStyleSheet(f"background: {colour.name()}; color: white; padding: 8px; "
                                  "border-radius: 4px")

    def _fill_item_boxes(self) -> None:
        for box, none_text in ((self.arrived, "from the start"), (self.left, "to the end")):
            box.blockSignals(True)
            box.clear()
            box.addItem(none_text, None)
            for text, value in item_choices(self.agenda):
                box.addItem(text, value)
            box.blockSignals(False)

    def selected_rows(self) -> list:
        model = self.table.selectionModel()
        return [self.model.row_at(i.row()) for i in model.selectedRows()] if model else []

    def select_person(self, person_id: int, add: bool = False) -> None:
        from PySide6.QtCore import QItemSelectionModel
        row = self.model.find(lambda r: r.person_id == person_id)
        if row < 0:
            return
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select if add
            else QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.selectionModel().select(self.model.index(row, 0), flags)

    def _on_selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        one = len(rows) == 1 and rows[0].id is not None
        for box, attr in ((self.arrived, "arrived_at_item_id"), (self.left, "left_after_item_id")):
            box.setEnabled(one and not self.sealed)
            if rows:
                box.setCurrentIndex(max(box.findData(getattr(rows[0], attr)), 0))
        for button in self.mark_buttons:  # a sealed meeting's attendance is read-only
            button.setEnabled(not self.sealed)
        self.correct_button.setVisible(bool(self.sealed))
        self.correct_button.setEnabled(one)
        self.correct_button.setToolTip(rows[0].corrected if one and rows[0].corrected else "")

    def correct(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].id is None:
            return
        row = rows[0]
        self.correct_dialog = CorrectDialog(
            self.ctx, record_type="attendance", record_id=row.id,
            title=f"the attendance of {row.person}", parent=self,
            fields=[CorrectableField("status", "Status", row.status, ATTENDANCE_STATUSES),
                    CorrectableField("notes", "Notes", row.notes)])
        self.correct_dialog.accepted.connect(self.refresh)
        self.correct_dialog.open()

    # ------------------------------------------------------------------------------ marking
    def mark(self, row, status: str, arrived=None, left=None) -> None:
        self.ctx.run(attendance.record_attendance, meeting_id=self.meeting_id,
                     person_id=row.person_id, status=status, arrived_at_item_id=arrived,
                     left_after_item_id=left, notes=row.notes, expected_version=row.version)

    def mark_selected(self, status: str) -> None:
        try:
            for row in self.selected_rows():
                self.mark(row, status, row.arrived_at_item_id, row.left_after_item_id)
        except Exception as exc:
            show_error(self, exc)
        self.refresh()

    def mark_person(self, name: str, status: str) -> None:
        """Mark one person by name (as a click on their row and the status button)."""
        row = self.model.find(lambda r: r.person == name)
        self.table.selectRow(row)
        self.mark_selected(status)

    def _record_times(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].id is None:
            return
        try:
            self.mark(rows[0], rows[0].status, self.arrived.currentData(),
                      self.left.currentData())
        except Exception as exc:
            show_error(self, exc)
        self.refresh()
