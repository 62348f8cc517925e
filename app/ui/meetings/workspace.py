"""One meeting at work: its agenda, who is there and what they declare, the minutes, and the
actions, each on a tab under a heading that says which meeting this is."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.services.meetings import meetings
from app.ui.common.choices import short_time
from app.ui.common.correction import seal_banner, show_seal
from app.ui.common.errors import show_error
from app.ui.common.forms import show_date


class MeetingWorkspace(QWidget):
    back_requested = Signal()
    status_message = Signal(str)

    def __init__(self, ctx, runner, meeting_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("meetingWorkspace")
        self.ctx, self.runner, self.meeting_id = ctx, runner, meeting_id
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold")
        back = QPushButton("◂ All meetings")
        back.setObjectName("backToMeetings")
        back.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.heading, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.seal = seal_banner()
        layout.addWidget(self.seal)
        layout.addWidget(self.tabs, 1)
        self._build_tabs()
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())
        self.refresh()

    def _build_tabs(self) -> None:
        from app.ui.meetings.actions_view import ActionsView
        from app.ui.meetings.agenda_builder import AgendaBuilder
        from app.ui.meetings.attendance_view import AttendanceView
        from app.ui.meetings.minutes_view import MinutesView
        self.agenda = AgendaBuilder(self.ctx, self.meeting_id, self)
        self.attendance = AttendanceView(self.ctx, self.meeting_id, self)
        self.minutes = MinutesView(self.ctx, self.meeting_id, self)
        self.actions = ActionsView(self.ctx, self.runner, self, meeting_id=self.meeting_id)
        for widget, title in ((self.agenda, "Agenda"),
                              (self.attendance, "Attendance && declarations"),
                              (self.minutes, "Minutes"), (self.actions, "Actions")):
            self.tabs.addTab(widget, title)
        self.minutes.approved.connect(self.refresh)

    def refresh(self) -> None:
        try:
            row = self.ctx.run(meetings.get_meeting, meeting_id=self.meeting_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.meeting = row
        self.heading.setText(f"{row.committee} — {show_date(row.meeting_date)} at "
                             f"{short_time(row.starts_at)}   ·   {row.venue or 'venue to be set'}"
                             f"   ·   {row.status}")
        show_seal(self.seal, row.sealed)
        self.tabs.currentWidget().refresh()
