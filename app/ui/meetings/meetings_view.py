"""Meetings: the list of meetings by body, date and status beside a month calendar; plan a
meeting, move it through its statuses, export the calendar, and open a meeting's workspace."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelection, QItemSelectionModel, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.meetings import MEETING_STATUSES
from app.services.meetings import meetings
from app.ui.common.choices import choice_box, committee_choices, short_time
from app.ui.common.errors import show_error
from app.ui.common.forms import (
    EditorDialog,
    OptionalDateEdit,
    date_edit,
    from_qdate,
    required,
)
from app.ui.common.list_section import ListSection, fit_columns, tool_button
from app.ui.common.table_model import RowTableModel

MEETING_DAY_COLOUR = QColor("#cfe2f3")


class MeetingsTableModel(RowTableModel):
    COLUMNS = (
        ("Date", lambda r: r.meeting_date),
        ("Time", lambda r: r.starts_at),
        ("Body", lambda r: r.committee),
        ("Meeting", lambda r: r.title),
        ("Venue", lambda r: r.venue),
        ("Status", lambda r: r.status),
        ("Papers due", lambda r: r.papers_due_on),
    )
    COL_DATE, COL_TIME, COL_BODY, COL_TITLE, COL_VENUE, COL_STATUS, COL_DUE = range(7)
    DATE_COLUMNS = (COL_DATE, COL_DUE)

    def display(self, row, column: int):
        if column == self.COL_TIME:
            return short_time(row.starts_at)
        return super().display(row, column)


def _qtime(value: dt.datetime | None) -> QTime:
    return QTime(value.hour, value.minute) if value else QTime(14, 0)


class MeetingDialog(EditorDialog):
    """Plan a meeting or change one (its body is fixed once planned)."""

    def __init__(self, ctx, row=None, parent=None, committee_id=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("meetingDialog")
        self.setWindowTitle(f"Edit {row.title}" if row else "New meeting")
        self.committee = choice_box(committee_choices(ctx),
                                    current=row.committee_id if row else committee_id)
        self.committee.setEnabled(row is None)
        self.title = QLineEdit(row.title if row else "", placeholderText="e.g. Governing Body – "
                               "September 2012")
        self.date = date_edit(row.meeting_date if row else dt.date.today())
        self.start = QTimeEdit(_qtime(row.starts_at if row else None))
        self.has_end = QCheckBox("Ends at")
        self.end = QTimeEdit(_qtime(row.ends_at if row else None))
        self.has_end.setChecked(bool(row and row.ends_at))
        self.end.setEnabled(self.has_end.isChecked())
        self.has_end.toggled.connect(self.end.setEnabled)
        self.venue = QLineEdit(row.venue if row else "")
        self.video = QLineEdit(row.video_link if row else "", placeholderText="https://…")
        self.part2 = QLineEdit(row.part2_reason if row else "", placeholderText="Why the public "
                               "is excluded from Part 2 (needed if there is Part 2 business)")
        self.papers_due = OptionalDateEdit("Papers due by", row.papers_due_on if row else None)
        times = QWidget()
        line = QHBoxLayout(times)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in (self.start, self.has_end, self.end):
            line.addWidget(widget)
        line.addStretch(1)
        for label, field, widget in (
                (required("Body"), "committee_id", self.committee),
                (required("Title"), "title", self.title), (required("Date"), "starts_at", self.date),
                ("Starts at", "ends_at", times), ("Venue", "venue", self.venue),
                ("Video link", "video_link", self.video),
                ("Part 2 reason", "part2_reason", self.part2),
                ("Papers deadline", "papers_due_on", self.papers_due)):
            self.errors.add_row(self.form, label, field, widget)
        self.finish_layout()
        self.resize(560, self.sizeHint().height())

    def _at(self, time: QTime) -> dt.datetime:
        return dt.datetime.combine(from_qdate(self.date.date()), dt.time(time.hour(), time.minute()))

    def values(self) -> dict:
        return dict(title=self.title.text(), starts_at=self._at(self.start.time()),
                    ends_at=self._at(self.end.time()) if self.has_end.isChecked() else None,
                    venue=self.venue.text(), video_link=self.video.text(),
                    part2_reason=self.part2.text(), papers_due_on=self.papers_due.date())

    def save(self):
        if self.row is None:
            return self.ctx.run(meetings.create_meeting, committee_id=self.committee.currentData(),
                                **self.values())
        return self.ctx.run(meetings.update_meeting, meeting_id=self.row.id,
                            expected_version=self.row.version, **self.values())


class MeetingsView(ListSection):
    """The "Meetings" section: the list and calendar, or one meeting's workspace."""

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.editor = None
        self.workspace = None
        self._calendar_rows: list = []  # every meeting the filters name, whatever its status
        self.init_list(MeetingsTableModel(self), "meetingTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list_page())
        QVBoxLayout(self).addWidget(self.stack)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.refresh()
        fit_columns(self.table, MeetingsTableModel.COL_TITLE, widest=190)
        self.table.sortByColumn(MeetingsTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)

    # ----------------------------------------------------------------------------- building
    def _build_list_page(self) -> QWidget:
        buttons = self._build_buttons()
        self.committee = choice_box(committee_choices(self.ctx), "All bodies")
        self.from_date = OptionalDateEdit("From")
        self.to_date = OptionalDateEdit("To")
        self.status = choice_box([(s.capitalize(), s) for s in MEETING_STATUSES], "Any status")
        for box in (self.committee, self.status):
            box.currentIndexChanged.connect(self.refresh)
        for edit in (self.from_date, self.to_date):
            edit.changed.connect(self.refresh)
        filters = QHBoxLayout()
        for widget in (QLabel("Body"), self.committee, self.status):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("meetingCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.setMaximumWidth(330)
        side = QWidget()
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        note = QLabel("Meeting days are shaded; click one to select its meetings.")
        note.setWordWrap(True)
        side_column.addWidget(note)
        side_column.addWidget(self.calendar, 10)
        side_column.addWidget(self.from_date)
        side_column.addWidget(self.to_date)
        side_column.addWidget(tool_button(self.export_action))
        side_column.addStretch(1)
        self.calendar.setMaximumHeight(280)
        side.setMaximumWidth(330)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return page

    def _build_buttons(self) -> QHBoxLayout:
        from PySide6.QtGui import QAction

        def act(text, slot, tip=""):
            action = QAction(text, self)
            action.setToolTip(tip or text)
            action.triggered.connect(slot)
            return action
        self.new_action = act("New meeting…", self.new_meeting)
        self.edit_action = act("Edit…", self.edit_selected)
        self.advance_action = act("Advance status", lambda: self.advance_status(),
                                  "Planned → agenda issued → held")
        self.open_action = act("Open meeting", self.open_selected,
                               "Agenda, attendance and declarations, minutes, actions")
        self.export_action = act("Export to calendar (.ics)…", lambda: self.export_calendar())
        bar = QHBoxLayout()
        for action in (self.new_action, self.edit_action, self.advance_action, self.open_action):
            bar.addWidget(tool_button(action))
        bar.addStretch(1)
        return bar

    # --------------------------------------------------------------------------------- rows
    def filters(self) -> dict:
        return dict(committee_id=self.committee.currentData(), from_date=self.from_date.date(),
                    to_date=self.to_date.date())

    def refresh(self, *_args) -> None:  # also a slot of the filters, which send a value
        super().refresh()
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            self.workspace.refresh()

    def load_rows(self) -> list:
        self._calendar_rows = self.ctx.run(meetings.list_meetings, **self.filters())
        return [r for r in self._calendar_rows if self._has_status(r)]

    def load_row(self, record_id: int):
        return self.ctx.run(meetings.get_meeting, meeting_id=record_id)

    def _has_status(self, row) -> bool:
        status = self.status.currentData()
        return status is None or row.status == status

    def _in_range(self, row) -> bool:
        filters = self.filters()
        return (filters["committee_id"] in (None, row.committee_id)
                and (filters["from_date"] is None or row.meeting_date >= filters["from_date"])
                and (filters["to_date"] is None or row.meeting_date <= filters["to_date"]))

    def keeps(self, row) -> bool:
        return self._in_range(row) and self._has_status(row)

    def put_row(self, row, *, select: bool = True) -> None:
        """One meeting saved: its row, and its day on the calendar."""
        others = [r for r in self._calendar_rows if r.id != row.id]
        self._calendar_rows = [*others, row] if self._in_range(row) else others
        super().put_row(row, select=select)

    def rows_loaded(self) -> None:
        self._mark_calendar(self._calendar_rows)
        self._on_selection_changed()

    def _mark_calendar(self, rows) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every date
        marked = QTextCharFormat()
        marked.setBackground(QBrush(MEETING_DAY_COLOUR))
        marked.setFontWeight(700)
        for row in rows:
            day = row.meeting_date
            qdate = QDate(day.year, day.month, day.day)
            marked.setToolTip(row.title)
            self.calendar.setDateTextFormat(qdate, marked)
        self._show_month_with_meetings(rows)

    def _show_month_with_meetings(self, rows) -> None:
        """Open the calendar on this month if it has meetings, else the next or latest one."""
        if not rows:
            return
        today = dt.date.today()
        shown = (self.calendar.yearShown(), self.calendar.monthShown())
        if any((r.meeting_date.year, r.meeting_date.month) == shown for r in rows):
            return
        days = sorted(r.meeting_date for r in rows)
        day = next((d for d in days if d >= today), days[-1])
        self.calendar.setCurrentPage(day.year, day.month)

    def selected_rows(self) -> list:
        return [self.proxy.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        day = from_qdate(qdate)
        selection = QItemSelection()
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).meeting_date == day:
                index = self.proxy.index(proxy_row, 0)
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect \
            | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if not selection.isEmpty():
            self.table.scrollTo(selection.indexes()[0])

    def _on_selection_changed(self, *_args) -> None:
        row = self.selected_row()
        for action in (self.edit_action, self.open_action):
            action.setEnabled(row is not None)
        nxt = row.next_statuses if row else ()
        self.advance_action.setEnabled(bool(nxt))
        self.advance_action.setText(f"Mark {nxt[0]}" if nxt else "Advance status")
        if row is not None:
            day = row.meeting_date
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    # ------------------------------------------------------------------------------ actions
    def new_meeting(self) -> None:
        self._open_editor(MeetingDialog(self.ctx, None, self,
                                        committee_id=self.committee.currentData()))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open_editor(MeetingDialog(self.ctx, row, self))

    def _open_editor(self, dialog) -> None:
        self.editor = dialog
        dialog.saved.connect(self._on_saved)
        dialog.finished.connect(lambda _r: setattr(self, "editor", None))
        dialog.open()

    def _on_saved(self, _before, after) -> None:
        self.put_row(after)
        self.status_message.emit(f"Saved {after.title}.")

    def advance_status(self, status: str | None = None) -> None:
        row = self.selected_row()
        if row is None:
            return
        status = status or (row.next_statuses[0] if row.next_statuses else "minutes approved")
        try:
            after = self.ctx.run(meetings.set_meeting_status, meeting_id=row.id, status=status,
                                 expected_version=row.version)
        except Exception as exc:
            show_error(self, exc)
            return
        self.put_row(after)
        self.status_message.emit(f"{after.title}: {after.status}.")

    def export_calendar(self, path: str | None = None) -> int | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export meetings to a calendar",
                                                  "meetings.ics", "Calendar (*.ics)")
            if not path:
                return None
        from app.exchange import ics
        filters = self.filters()
        try:
            count = self.ctx.run(ics.export_ics, path=path, **filters)
        except Exception as exc:
            show_error(self, exc)
            return None
        self.status_message.emit(f"Exported {count} meetings to {path}.")
        return count

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_meeting(row.id)

    def open_meeting(self, meeting_id: int):
        from app.ui.meetings.workspace import MeetingWorkspace
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
        self.workspace = MeetingWorkspace(self.ctx, self.runner, meeting_id, self)
        self.workspace.back_requested.connect(self.show_list)
        self.workspace.status_message.connect(self.status_message)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        return self.workspace

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()

    def show_filtered(self, meeting_id: int | None = None, **_filters) -> None:
        if meeting_id is not None:
            self.open_meeting(meeting_id)
