"""Attendance and quorum.

Who was there is recorded once per person per meeting; arrival and departure are recorded
against items (minutes say "joined at item 6.3", "left after item 7.1"). Quorum is worked out
from the body's rule (app.domain.quorum): voting members present, with the kinds the rule
requires among them, leaving out members who declared an interest on the item and withdrew or
took no part.

Read models:
  ``AttendanceRow``: id, meeting_id, person_id, person, person_kind, role (the membership role
  on the day, or "" for a non-member), voting, status (present, apologies, absent, in
  attendance), arrived_at_item_id, left_after_item_id, notes, version.
  ``QuorumRow``: meeting_id, agenda_item_id (None for the meeting as a whole), item_number,
  quorate, counted, needed, missing_kinds, not_counted (names), explanation.

Use cases:
  record_attendance(meeting_id, person_id, status, arrived_at_item_id=None,
                    left_after_item_id=None, notes="", expected_version=None) -> AttendanceRow
      (adds or changes the person's line for that meeting)
  remove_attendance(attendance_id, expected_version) -> None
  list_attendance(meeting_id) -> list[AttendanceRow]   (chair, vice chair, members,
      in attendance, others; by name)
  members_expected(meeting_id) -> list[AttendanceRow]   (members on the day, without ids)
  quorum_now(meeting_id) -> QuorumRow        (everyone marked present, no item conflicts)
  quorum_for_item(agenda_item_id) -> QuorumRow
  quorum_by_item(meeting_id) -> list[QuorumRow]   (agenda order)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import meetings as rules
from app.domain.errors import ValidationError
from app.domain.interests import counts_towards_quorum
from app.domain.people import is_current, split_kinds
from app.domain.quorum import Attendee, QuorumRule, assess
from app.services.common import check_version, get_or_fail
from app.services.meetings.agenda import Layout, Layouts, agenda_layout, layouts_for
from app.services.meetings.sealing import check_not_sealed, correction_text
from app.store.interests import Declaration
from app.store.meetings import AgendaItem, Attendance, Meeting
from app.store.people import Membership, Person

# How minutes list those present: the chair first, people in attendance last.
ROLE_ORDER = {"chair": 0, "vice chair": 1, "member": 2, "in attendance": 3}


@dataclass(frozen=True)
class AttendanceRow:
    id: int | None
    meeting_id: int
    person_id: int
    person: str
    person_kind: str
    role: str
    voting: bool
    status: str
    arrived_at_item_id: int | None
    left_after_item_id: int | None
    notes: str
    version: int | None
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


@dataclass(frozen=True)
class QuorumRow:
    meeting_id: int
    agenda_item_id: int | None
    item_number: str
    quorate: bool
    counted: int
    needed: int
    missing_kinds: tuple[str, ...]
    not_counted: tuple[str, ...]
    explanation: str


def memberships_on_day(session: Session, meeting: Meeting) -> dict[int, Membership]:
    """The body's memberships current on the meeting's day, by person."""
    found = session.scalars(select(Membership).where(
        Membership.committee_id == meeting.committee_id))
    return {m.person_id: m for m in found
            if is_current(m.from_date, m.to_date, meeting.meeting_date)}


def _row(a: Attendance, members: dict[int, Membership]) -> AttendanceRow:
    m = members.get(a.person_id)
    return AttendanceRow(a.id, a.meeting_id, a.person_id, a.person.name, a.person.kind,
                         m.role if m else "", bool(m and m.voting), a.status,
                         a.arrived_at_item_id, a.left_after_item_id, a.notes, a.version,
                         correction_text(a))


def _attendances(session: Session, meeting_id: int) -> list[Attendance]:
    return list(session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)))


def list_attendance(session: Session, *, meeting_id: int) -> list[AttendanceRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    members = memberships_on_day(session, meeting)
    rows = [_row(a, members) for a in _attendances(session, meeting_id)]
    return sorted(rows, key=lambda r: (ROLE_ORDER.get(r.role, len(ROLE_ORDER)), r.person))


def members_expected(session: Session, *, meeting_id: int) -> list[AttendanceRow]:
    """Everyone who is a member on the day, as a starting list to mark present or apologies."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    rows = [AttendanceRow(None, meeting_id, m.person_id, m.person.name, m.person.kind, m.role,
                          m.voting, "in attendance" if m.role == "in attendance" else "present",
                          None, None, "", None)
            for m in memberships_on_day(session, meeting).values()]
    return sorted(rows, key=lambda r: (ROLE_ORDER[r.role], r.person))


def _check_item(session: Session, meeting_id: int, item_id: int | None, field: str) -> None:
    if item_id is not None:
        item = get_or_fail(session, AgendaItem, item_id, "agenda item")
        if item.meeting_id != meeting_id:
            raise ValidationError("that item is on another meeting's agenda", field=field)


def record_attendance(session: Session, *, meeting_id: int, person_id: int, status: str,
                      arrived_at_item_id: int | None = None,
                      left_after_item_id: int | None = None, notes: str = "",
                      expected_version: int | None = None) -> AttendanceRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    check_not_sealed(session, meeting, "its attendance")
    get_or_fail(session, Person, person_id, "person")
    if status not in rules.ATTENDANCE_STATUSES:
        raise ValidationError(f"'{status}' is not one of: {', '.join(rules.ATTENDANCE_STATUSES)}",
                              field="status")
    _check_item(session, meeting_id, arrived_at_item_id, "arrived_at_item_id")
    _check_item(session, meeting_id, left_after_item_id, "left_after_item_id")
    attendance = session.scalar(select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.person_id == person_id))
    if attendance is None:
        attendance = Attendance(meeting_id=meeting_id, person_id=person_id)
        session.add(attendance)
    else:
        check_version(attendance, expected_version, "This attendance record")
    attendance.status, attendance.notes = status, notes
    attendance.arrived_at_item_id, attendance.left_after_item_id = (arrived_at_item_id,
                                                                    left_after_item_id)
    session.flush()
    return _row(attendance, memberships_on_day(session, meeting))


def remove_attendance(session: Session, *, attendance_id: int,
                      expected_version: int | None) -> None:
    attendance = get_or_fail(session, Attendance, attendance_id, "attendance record")
    check_not_sealed(session, session.get(Meeting, attendance.meeting_id), "its attendance")
    check_version(attendance, expected_version, "This attendance record")
    session.delete(attendance)
    session.flush()


# ------------------------------------------------------------------------------------ quorum


def _rule(meeting: Meeting) -> QuorumRule:
    committee = meeting.committee
    return QuorumRule(committee.quorum_count, tuple(split_kinds(committee.quorum_kinds)))


def _present(session: Session, meeting: Meeting, layout: Layout,
             item_id: int | None) -> list[Attendee]:
    members = memberships_on_day(session, meeting)
    positions = {it.id: n for n, it in enumerate(layout.items, start=1)}
    present = []
    for a in _attendances(session, meeting.id):
        if a.status not in rules.PRESENT_STATUSES:
            continue
        if item_id is not None and not rules.is_present_for(
                positions[item_id], positions.get(a.arrived_at_item_id),
                positions.get(a.left_after_item_id)):
            continue
        m = members.get(a.person_id)
        voting = bool(m and m.voting) and a.status == "present"
        present.append(Attendee(a.person_id, a.person.name, a.person.kind, voting))
    return present


def conflicted_on(session: Session, item_id: int) -> set[int]:
    """People who withdrew from the item or took no part in its decision."""
    found = session.scalars(select(Declaration).where(Declaration.agenda_item_id == item_id))
    return {d.person_id for d in found if not counts_towards_quorum(d.action)}


def _quorum(session: Session, meeting: Meeting, layout: Layout,
            item_id: int | None) -> QuorumRow:
    conflicted = conflicted_on(session, item_id) if item_id is not None else set()
    result = assess(_rule(meeting), _present(session, meeting, layout, item_id), conflicted)
    number = layout.numbers[item_id] if item_id is not None else ""
    return QuorumRow(meeting.id, item_id, number, result.quorate, result.counted, result.needed,
                     result.missing_kinds, result.not_counted, result.explanation)


def quorum_now(session: Session, *, meeting_id: int,
               layouts: Layouts | None = None) -> QuorumRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    return _quorum(session, meeting, layouts_for(session, layouts).of(meeting), None)


def quorum_for_item(session: Session, *, agenda_item_id: int) -> QuorumRow:
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    return _quorum(session, item.meeting, agenda_layout(session, item.meeting), item.id)


def quorum_by_item(session: Session, *, meeting_id: int,
                   layouts: Layouts | None = None) -> list[QuorumRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    layout = layouts_for(session, layouts).of(meeting)
    return [_quorum(session, meeting, layout, it.id) for it in layout.items]
