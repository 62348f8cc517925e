"""One meeting as a whole: what the meeting screen, the CLI and the board pack show.

``get_meeting_detail(meeting_id, today=None, layouts=None) -> MeetingDetail`` with:
  meeting (MeetingRow), agenda (AgendaItemRow, agenda order), papers (PaperRow, agenda order),
  attendance (AttendanceRow), quorum (QuorumRow for the meeting), item_quorum (QuorumRow per
  item, agenda order), declarations (DeclarationRow), conflict_flags (ConflictFlagRow),
  minutes (MinuteRow per item), actions_raised (ActionRow raised at this meeting),
  actions_carried (ActionRow brought forward from earlier meetings), late_papers (PaperRow),
  ends_at (the meeting's end: as stored, or the start plus the time allocated to items).

``get_meeting_outline(meeting_id, layouts=None) -> MeetingOutline``: only the meeting, its
agenda and its papers (what the board pack needs), with the same ``ends_at`` and
``paper_for``; a ``MeetingDetail`` is a ``MeetingOutline`` with the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.services import interests as interest_service
from app.services.interests import ConflictFlagRow, DeclarationRow
from app.services.meetings import actions as action_log
from app.services.meetings import agenda as agenda_service
from app.services.meetings import attendance as attendance_service
from app.services.meetings import minutes as minute_service
from app.services.meetings import papers as paper_service
from app.services.meetings.actions import ActionRow
from app.services.meetings.agenda import AgendaItemRow, Layouts, layouts_for
from app.services.meetings.attendance import AttendanceRow, QuorumRow
from app.services.meetings.meetings import MeetingRow, get_meeting
from app.services.meetings.minutes import MinuteRow
from app.services.meetings.papers import PaperRow


@dataclass(frozen=True)
class MeetingOutline:
    meeting: MeetingRow
    agenda: tuple[AgendaItemRow, ...]
    papers: tuple[PaperRow, ...]

    @property
    def late_papers(self) -> tuple[PaperRow, ...]:
        return tuple(p for p in self.papers if p.late)

    @property
    def ends_at(self) -> dt.datetime:
        if self.meeting.ends_at is not None:
            return self.meeting.ends_at
        minutes_total = sum(i.minutes_allocated for i in self.agenda)
        return self.meeting.starts_at + dt.timedelta(minutes=minutes_total)

    def paper_for(self, agenda_item_id: int) -> PaperRow | None:
        return next((p for p in self.papers if p.agenda_item_id == agenda_item_id), None)


@dataclass(frozen=True)
class MeetingDetail(MeetingOutline):
    attendance: tuple[AttendanceRow, ...]
    quorum: QuorumRow
    item_quorum: tuple[QuorumRow, ...]
    declarations: tuple[DeclarationRow, ...]
    conflict_flags: tuple[ConflictFlagRow, ...]
    minutes: tuple[MinuteRow, ...]
    actions_raised: tuple[ActionRow, ...]
    actions_carried: tuple[ActionRow, ...]


def get_meeting_outline(session: Session, *, meeting_id: int,
                        layouts: Layouts | None = None) -> MeetingOutline:
    layouts = layouts_for(session, layouts)
    on = {"session": session, "meeting_id": meeting_id, "layouts": layouts}
    return MeetingOutline(meeting=get_meeting(session, meeting_id=meeting_id),
                          agenda=tuple(agenda_service.list_agenda(**on)),
                          papers=tuple(paper_service.list_papers(**on)))


def get_meeting_detail(session: Session, *, meeting_id: int, today: dt.date | None = None,
                       layouts: Layouts | None = None) -> MeetingDetail:
    """``layouts``: the request's agenda layouts (``Layouts``); each meeting's layout is
    worked out once and shared by every part of the detail."""
    meeting = get_meeting(session, meeting_id=meeting_id)
    layouts = layouts_for(session, layouts)
    on = {"session": session, "meeting_id": meeting_id, "layouts": layouts}
    return MeetingDetail(
        meeting=meeting,
        agenda=tuple(agenda_service.list_agenda(**on)),
        papers=tuple(paper_service.list_papers(**on)),
        attendance=tuple(attendance_service.list_attendance(session, meeting_id=meeting_id)),
        quorum=attendance_service.quorum_now(**on),
        item_quorum=tuple(attendance_service.quorum_by_item(**on)),
        declarations=tuple(interest_service.list_declarations(**on)),
        conflict_flags=tuple(interest_service.conflict_flags(**on)),
        minutes=tuple(minute_service.list_minutes(**on)),
        actions_raised=tuple(action_log.list_actions(**on, today=today)),
        actions_carried=tuple(action_log.carried_forward(**on, today=today)),
    )
