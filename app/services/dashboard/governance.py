"""The dashboard's governance figures: how the bodies are run, over a period.

Meetings count when their date falls in the period (both ends inclusive) and, given
``committee_id``, when they are that body's. Open and overdue actions are the action log as it
stands today (an action raised before the period and still open is the one to chase), per body.

Attendance rate: at each meeting with attendance recorded, every member on the day (chair,
vice chair, member; not those who are only "in attendance") is expected; present or in
attendance counts as there. Quorum failures are judged as app.services.meetings.attendance judges them,
for the meeting as a whole and item by item. A paper is late when received after its meeting's
papers deadline (app.domain.meetings.is_late).

Decisions and chair's actions come from app.services.decisions.decisions and
app.services.decisions.chairs_actions when those exist; until then their figures are ``None`` ("no data
yet" on screen).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.domain.interests import counts_towards_quorum
from app.domain.meetings import PRESENT_STATUSES, is_late, is_present_for, papers_deadline
from app.domain.people import is_current, split_kinds
from app.domain.quorum import Attendee, QuorumRule, assess
from app.services.decisions.chairs_actions import list_chairs_actions
from app.services.decisions.decisions import list_decisions
from app.services.meetings import attendance as attendance_service
from app.services.meetings.agenda import agenda_layout
from app.store.actions import ActionItem
from app.store.interests import Declaration
from app.store.meetings import AgendaItem, Attendance, Meeting
from app.store.papers import Paper
from app.store.people import Committee, Membership, Person

NOT_MEMBER_ROLES = ("in attendance",)


@dataclass(frozen=True)
class CommitteeActions:
    committee_id: int
    committee: str
    open: int  # open or in progress
    overdue: int  # of those, past their due date


@dataclass(frozen=True)
class AttendanceRate:
    id: int
    name: str
    expected: int
    present: int

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


@dataclass(frozen=True)
class MeetingRef:
    id: int
    committee_id: int
    committee: str
    title: str
    meeting_date: dt.date

    @property
    def label(self) -> str:
        return f"{self.committee} {self.meeting_date:%d %b %Y}"


@dataclass(frozen=True)
class QuorumCheck:
    meeting: MeetingRef
    quorate: bool  # the meeting as a whole, everyone present
    inquorate_items: tuple[str, ...]  # item numbers


@dataclass(frozen=True)
class QuorumFailures:
    meetings_checked: int  # meetings in the period with attendance recorded
    meetings_inquorate: int
    items_inquorate: int
    failures: tuple[QuorumCheck, ...]  # meetings inquorate as a whole or for an item


@dataclass(frozen=True)
class MeetingPapers:
    meeting: MeetingRef
    papers: int
    late: int


@dataclass(frozen=True)
class MeetingDecisions:
    meeting: MeetingRef
    outcomes: dict[str, int]  # outcome -> decisions


@dataclass(frozen=True)
class AwaitingRatification:
    id: int
    title: str
    committee: str
    taken_on: dt.date
    age_days: int
    status: str


@dataclass(frozen=True)
class GovernanceFigures:
    actions_by_committee: tuple[CommitteeActions, ...]
    attendance_by_member: tuple[AttendanceRate, ...]
    attendance_by_committee: tuple[AttendanceRate, ...]
    quorum: QuorumFailures
    papers_by_meeting: tuple[MeetingPapers, ...]
    decisions_by_meeting: tuple[MeetingDecisions, ...]
    chairs_actions_awaiting: tuple[AwaitingRatification, ...]

    @property
    def late_papers(self) -> int:
        return sum(m.late for m in self.papers_by_meeting)


# ---------------------------------------------------------------------------------- meetings


def meetings_in_period(session: Session, *, committee_id: int | None = None,
                       date_from: dt.date | None = None,
                       date_to: dt.date | None = None) -> list[MeetingRef]:
    query = (select(Meeting.id, Meeting.committee_id,
                    func.coalesce(func.nullif(Committee.short_name, ""), Committee.name),
                    Meeting.title, Meeting.meeting_date)
             .join(Committee, Meeting.committee_id == Committee.id)
             .order_by(Meeting.meeting_date, Meeting.id))
    if committee_id is not None:
        query = query.where(Meeting.committee_id == committee_id)
    if date_from is not None:
        query = query.where(Meeting.meeting_date >= date_from)
    if date_to is not None:
        query = query.where(Meeting.meeting_date <= date_to)
    return [MeetingRef(*row) for row in session.execute(query)]


def actions_by_committee(session: Session, *, committee_id: int | None = None,
                         today: dt.date | None = None) -> list[CommitteeActions]:
    """Open and overdue actions on each body's log today, bodies with open actions only."""
    today = today or dt.date.today()
    still_open = ActionItem.status != "closed"
    overdue = still_open & ActionItem.due_on.is_not(None) & (ActionItem.due_on < today)
    query = (select(Committee.id, Committee.name,
                    func.sum(case((still_open, 1), else_=0)),
                    func.sum(case((overdue, 1), else_=0)))
             .select_from(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
             .join(Committee, Meeting.committee_id == Committee.id)
             .group_by(Committee.id, Committee.name).order_by(Committee.name))
    if committee_id is not None:
        query = query.where(Meeting.committee_id == committee_id)
    return [CommitteeActions(cid, name, int(n or 0), int(late or 0))
            for cid, name, n, late in session.execute(query) if n]


# -------------------------------------------------------------------------------- attendance


def _attended(session: Session, meeting_ids: list[int]) -> dict[int, dict[int, str]]:
    """meeting -> person -> attendance status, for meetings with attendance recorded."""
    found: dict[int, dict[int, str]] = defaultdict(dict)
    if meeting_ids:
        for meeting_id, person_id, status in session.execute(
                select(Attendance.meeting_id, Attendance.person_id, Attendance.status)
                .where(Attendance.meeting_id.in_(meeting_ids))):
            found[meeting_id][person_id] = status
    return found


def _members(session: Session, committee_ids: set[int]) -> dict[int, list]:
    found = defaultdict(list)
    if committee_ids:
        for row in session.execute(
                select(Membership.committee_id, Membership.person_id, Person.name,
                       Membership.role, Membership.from_date, Membership.to_date)
                .join(Person, Membership.person_id == Person.id)
                .where(Membership.committee_id.in_(committee_ids),
                       Membership.role.not_in(NOT_MEMBER_ROLES))):
            found[row.committee_id].append(row)
    return found


def attendance_rates(session: Session, *, committee_id: int | None = None,
                     date_from: dt.date | None = None, date_to: dt.date | None = None,
                     ) -> tuple[list[AttendanceRate], list[AttendanceRate]]:
    """(per member, per committee), each with the meetings they were expected at."""
    meetings = meetings_in_period(session, committee_id=committee_id, date_from=date_from,
                                  date_to=date_to)
    attended = _attended(session, [m.id for m in meetings])
    members = _members(session, {m.committee_id for m in meetings})
    people: dict[int, list] = {}
    bodies: dict[int, list] = {}
    for meeting in (m for m in meetings if attended.get(m.id)):
        for member in members[meeting.committee_id]:
            if not is_current(member.from_date, member.to_date, meeting.meeting_date):
                continue
            there = attended[meeting.id].get(member.person_id) in PRESENT_STATUSES
            for tally, key, name in ((people, member.person_id, member.name),
                                     (bodies, meeting.committee_id, meeting.committee)):
                entry = tally.setdefault(key, [name, 0, 0])
                entry[1] += 1
                entry[2] += there
    return _rates(people), _rates(bodies)


def _rates(tally: dict[int, list]) -> list[AttendanceRate]:
    rates = [AttendanceRate(key, name, expected, present)
             for key, (name, expected, present) in tally.items()]
    return sorted(rates, key=lambda r: (r.rate, r.name.lower()))


# ------------------------------------------------------------------------- quorum and papers


def _meeting_quorum(session: Session, meeting: Meeting) -> QuorumCheck | None:
    """Quorum for the meeting as a whole and each item, with attendance, memberships and
    declarations read once per meeting (app.services.meetings.attendance reads them once per item)."""
    attended = list(session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id)))
    if not attended:
        return None
    members = attendance_service.memberships_on_day(session, meeting)
    layout = agenda_layout(session, meeting)
    positions = {it.id: n for n, it in enumerate(layout.items, start=1)}
    withdrew: dict[int, set[int]] = defaultdict(set)
    for item_id, person_id, action in session.execute(
            select(Declaration.agenda_item_id, Declaration.person_id, Declaration.action)
            .where(Declaration.meeting_id == meeting.id)):
        if item_id is not None and not counts_towards_quorum(action):
            withdrew[item_id].add(person_id)
    rule = QuorumRule(meeting.committee.quorum_count,
                      tuple(split_kinds(meeting.committee.quorum_kinds)))

    def present(position: int | None) -> list[Attendee]:
        return [Attendee(a.person_id, a.person.name, a.person.kind,
                         bool(members.get(a.person_id) and members[a.person_id].voting)
                         and a.status == "present")
                for a in attended if a.status in PRESENT_STATUSES and (
                    position is None or is_present_for(
                        position, positions.get(a.arrived_at_item_id),
                        positions.get(a.left_after_item_id)))]

    items = tuple(layout.numbers[it.id] for it in layout.items
                  if not assess(rule, present(positions[it.id]), withdrew[it.id]).quorate)
    ref = MeetingRef(meeting.id, meeting.committee_id,
                     meeting.committee.short_name or meeting.committee.name, meeting.title,
                     meeting.meeting_date)
    return QuorumCheck(ref, assess(rule, present(None)).quorate, items)


def quorum_failures(session: Session, *, committee_id: int | None = None,
                    date_from: dt.date | None = None,
                    date_to: dt.date | None = None) -> QuorumFailures:
    """Meetings in the period with attendance recorded, and which were inquorate as a whole
    or for an item (the same judgement as app.services.meetings.attendance.quorum_by_item)."""
    ids = [m.id for m in meetings_in_period(session, committee_id=committee_id,
                                            date_from=date_from, date_to=date_to)]
    meetings = session.scalars(select(Meeting).where(Meeting.id.in_(ids))
                               .order_by(Meeting.meeting_date, Meeting.id)) if ids else []
    checks = [c for c in (_meeting_quorum(session, m) for m in meetings) if c is not None]
    failures = tuple(c for c in checks if not c.quorate or c.inquorate_items)
    return QuorumFailures(len(checks), sum(not c.quorate for c in checks),
                          sum(len(c.inquorate_items) for c in checks), failures)


def papers_by_meeting(session: Session, *, committee_id: int | None = None,
                      date_from: dt.date | None = None,
                      date_to: dt.date | None = None) -> list[MeetingPapers]:
    """Papers and late papers for each meeting in the period that has papers."""
    meetings = {m.id: m for m in meetings_in_period(
        session, committee_id=committee_id, date_from=date_from, date_to=date_to)}
    tally = {meeting_id: [0, 0] for meeting_id in meetings}
    if meetings:
        for meeting_id, received_on, due_on in session.execute(
                select(AgendaItem.meeting_id, Paper.received_on, Meeting.papers_due_on)
                .join(AgendaItem, Paper.agenda_item_id == AgendaItem.id)
                .join(Meeting, AgendaItem.meeting_id == Meeting.id)
                .where(AgendaItem.meeting_id.in_(list(meetings)))):
            deadline = papers_deadline(meetings[meeting_id].meeting_date, due_on)
            tally[meeting_id][0] += 1
            tally[meeting_id][1] += is_late(received_on, deadline)
    return [MeetingPapers(meetings[i], n, late) for i, (n, late) in tally.items() if n]


# ------------------------------------------------------------- decisions and chair's actions


def decisions_by_meeting(session: Session, *, committee_id: int | None = None,
                         date_from: dt.date | None = None, date_to: dt.date | None = None,
                         ) -> list[MeetingDecisions]:
    """Decisions standing (not withdrawn) per meeting in the period, by outcome."""
    meetings = {m.id: m for m in meetings_in_period(
        session, committee_id=committee_id, date_from=date_from, date_to=date_to)}
    outcomes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for decision in list_decisions(session, committee_id=committee_id, date_from=date_from,
                                   date_to=date_to, include_withdrawn=False):
        if decision.meeting_id in meetings:
            outcomes[decision.meeting_id][decision.outcome] += 1
    return [MeetingDecisions(meeting, dict(outcomes[i])) for i, meeting in meetings.items()
            if i in outcomes]


def chairs_actions_awaiting(session: Session, *, committee_id: int | None = None,
                            today: dt.date | None = None) -> list[AwaitingRatification]:
    """Chair's actions taken and not yet ratified, oldest first, with their age in days from
    the day taken (today, not the period: they are waiting now)."""
    today = today or dt.date.today()
    found = [AwaitingRatification(a.id, a.title, a.committee, a.taken_on,
                                  (today - a.taken_on).days, a.status)
             for a in list_chairs_actions(session, pending_only=True, committee_id=committee_id,
                                          today=today) if a.taken_on is not None]
    return sorted(found, key=lambda a: (-a.age_days, a.id))


def governance_figures(session: Session, *, committee_id: int | None = None,
                       date_from: dt.date | None = None, date_to: dt.date | None = None,
                       today: dt.date | None = None) -> GovernanceFigures:
    period = {"committee_id": committee_id, "date_from": date_from, "date_to": date_to}
    members, bodies = attendance_rates(session, **period)
    decisions = decisions_by_meeting(session, **period)
    chairs = chairs_actions_awaiting(session, committee_id=committee_id, today=today)
    return GovernanceFigures(
        tuple(actions_by_committee(session, committee_id=committee_id, today=today)),
        tuple(members), tuple(bodies), quorum_failures(session, **period),
        tuple(papers_by_meeting(session, **period)),
        tuple(decisions), tuple(chairs))
