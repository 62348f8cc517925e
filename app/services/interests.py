"""The register of interests, declarations at meetings, and agenda conflict flags.

Read models:
  ``InterestRow``: id, person_id, person, kind, description, organisation, from_date, to_date,
  declared_on, management, current (today), declared_late (more than 28 days after it began),
  version.
  ``DeclarationRow``: id, meeting_id, agenda_item_id, item_number ("" for the whole meeting),
  item_title, person_id, person, interest_id, interest (its description), description,
  action (withdrew / took no part in the decision / participated), chair_ruling,
  counts_towards_quorum, version.
  ``ConflictFlagRow``: agenda_item_id, item_number, item_title, person_id, person, interest_id,
  interest, matched (the shared words), declared (a declaration is recorded for it).

Use cases:
  list_interests(person_id=None, current_on=None) -> list[InterestRow]
  register_of_interests(on, committee_id=None) -> list[InterestRow]   (a body's members only)
  add_interest(person_id, kind, description, organisation="", from_date=None, to_date=None,
               declared_on=None, management="") -> InterestRow
  update_interest(interest_id, expected_version, ...same fields) -> InterestRow
  end_interest(interest_id, expected_version, on=None) -> InterestRow
  delete_interest(interest_id, expected_version) -> None   (only if never declared against)
  interests_to_declare(meeting_id, person_id) -> list[InterestRow]  (current on the day)
  declare_interest(meeting_id, person_id, description, action, agenda_item_id=None,
                   interest_id=None, chair_ruling="") -> DeclarationRow
  update_declaration(declaration_id, expected_version, description, action,
                     agenda_item_id=None, interest_id=None, chair_ruling="") -> DeclarationRow
  remove_declaration(declaration_id, expected_version) -> None
  list_declarations(meeting_id) -> list[DeclarationRow]   (agenda order)
  conflict_flags(meeting_id) -> list[ConflictFlagRow]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import interests as rules
from app.domain.errors import Conflict, ValidationError
from app.services import people
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.agenda import Layouts, agenda_layout, layouts_for
from app.services.meetings.attendance import memberships_on_day
from app.services.meetings.sealing import check_not_sealed, correction_text
from app.store.interests import Declaration, Interest
from app.store.meetings import AgendaItem, Attendance, Meeting
from app.store.organisation import Organisation
from app.store.papers import Paper
from app.store.people import Person


@dataclass(frozen=True)
class InterestRow:
    id: int
    person_id: int
    person: str
    kind: str
    description: str
    organisation: str
    from_date: dt.date | None
    to_date: dt.date | None
    declared_on: dt.date | None
    management: str
    current: bool
    declared_late: bool
    version: int


@dataclass(frozen=True)
class DeclarationRow:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    item_number: str
    item_title: str
    person_id: int
    person: str
    interest_id: int | None
    interest: str
    description: str
    action: str
    chair_ruling: str
    counts_towards_quorum: bool
    version: int
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


@dataclass(frozen=True)
class ConflictFlagRow:
    agenda_item_id: int
    item_number: str
    item_title: str
    person_id: int
    person: str
    interest_id: int
    interest: str
    matched: tuple[str, ...]
    declared: bool


def _interest_row(i: Interest) -> InterestRow:
    return InterestRow(i.id, i.person_id, i.person.name, i.kind, i.description, i.organisation,
                       i.from_date, i.to_date, i.declared_on, i.management,
                       rules.is_current(i.from_date, i.to_date, dt.date.today()),
                       rules.declared_late(i.from_date, i.declared_on), i.version)


# -------------------------------------------------------------------------------- register


def list_interests(session: Session, *, person_id: int | None = None,
                   current_on: dt.date | None = None) -> list[InterestRow]:
    query = select(Interest).join(Interest.person).order_by(Person.name, Interest.id)
    if person_id is not None:
        query = query.where(Interest.person_id == person_id)
    found = session.scalars(query)
    if current_on is not None:
        found = [i for i in found if rules.is_current(i.from_date, i.to_date, current_on)]
    return [_interest_row(i) for i in found]


def register_of_interests(session: Session, *, on: dt.date,
                          committee_id: int | None = None) -> list[InterestRow]:
    """The interests current on a day, of everyone or only of a body's members that day."""
    rows = list_interests(session, current_on=on)
    if committee_id is None:
        return rows
    members = {m.person_id for m in people.list_memberships(session, committee_id=committee_id,
                                                              on=on)}
    return [r for r in rows if r.person_id in members]


def _set_interest(interest: Interest, *, kind: str, description: str, organisation: str,
                  from_date, to_date, declared_on, management: str) -> None:
    raise_if(rules.interest_problems(kind=kind, description=description, from_date=from_date,
                                     to_date=to_date))
    interest.kind, interest.description = kind, description.strip()
    interest.organisation, interest.management = organisation.strip(), management.strip()
    interest.from_date, interest.to_date, interest.declared_on = from_date, to_date, declared_on


def add_interest(session: Session, *, person_id: int, kind: str, description: str,
                 organisation: str = "", from_date: dt.date | None = None,
                 to_date: dt.date | None = None, declared_on: dt.date | None = None,
                 management: str = "") -> InterestRow:
    get_or_fail(session, Person, person_id, "person")
    interest = Interest(person_id=person_id)
    _set_interest(interest, kind=kind, description=description, organisation=organisation,
                  from_date=from_date, to_date=to_date, declared_on=declared_on,
                  management=management)
    session.add(interest)
    session.flush()
    return _interest_row(interest)


def update_interest(session: Session, *, interest_id: int, expected_version: int | None,
                    kind: str, description: str, organisation: str = "",
                    from_date: dt.date | None = None, to_date: dt.date | None = None,
                    declared_on: dt.date | None = None, management: str = "") -> InterestRow:
    interest = get_or_fail(session, Interest, interest_id, "interest")
    check_version(interest, expected_version, "This entry in the register of interests")
    _set_interest(interest, kind=kind, description=description, organisation=organisation,
                  from_date=from_date, to_date=to_date, declared_on=declared_on,
                  management=management)
    session.flush()
    return _interest_row(interest)


def end_interest(session: Session, *, interest_id: int, expected_version: int | None,
                 on: dt.date | None = None) -> InterestRow:
    """An interest that has ended stays on the register, with its end date."""
    interest = get_or_fail(session, Interest, interest_id, "interest")
    check_version(interest, expected_version, "This entry in the register of interests")
    on = on or dt.date.today()
    if interest.from_date and on < interest.from_date:
        raise ValidationError("the interest ends before it starts", field="to_date")
    interest.to_date = on
    session.flush()
    return _interest_row(interest)


def delete_interest(session: Session, *, interest_id: int, expected_version: int | None) -> None:
    """Only for an entry made in error: one that has been declared against must be ended."""
    interest = get_or_fail(session, Interest, interest_id, "interest")
    check_version(interest, expected_version, "This entry in the register of interests")
    used = session.scalar(select(func.count()).select_from(Declaration).where(
        Declaration.interest_id == interest_id))
    if used:
        raise Conflict("This interest has been declared at meetings: end it rather than "
                       "delete it, so the minutes still make sense.")
    session.delete(interest)
    session.flush()


# ---------------------------------------------------------------------------- declarations


def _declaration_row(d: Declaration, numbers: dict) -> DeclarationRow:
    item = d.agenda_item
    return DeclarationRow(
        d.id, d.meeting_id, d.agenda_item_id, numbers.get(d.agenda_item_id, ""),
        item.title if item else "", d.person_id, d.person.name, d.interest_id,
        d.interest.description if d.interest else "", d.description, d.action, d.chair_ruling,
        rules.counts_towards_quorum(d.action), d.version, correction_text(d))


def interests_to_declare(session: Session, *, meeting_id: int,
                         person_id: int) -> list[InterestRow]:
    """The person's registered interests current on the meeting's day."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    return list_interests(session, person_id=person_id, current_on=meeting.meeting_date)


def _set_declaration(session: Session, d: Declaration, *, description: str, action: str,
                     agenda_item_id: int | None, interest_id: int | None,
                     chair_ruling: str) -> None:
    raise_if(rules.declaration_problems(action=action, description=description,
                                        has_item=agenda_item_id is not None))
    if agenda_item_id is not None:
        item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
        if item.meeting_id != d.meeting_id:
            raise ValidationError("that item is on another meeting's agenda",
                                  field="agenda_item_id")
    if interest_id is not None:
        interest = get_or_fail(session, Interest, interest_id, "interest")
        if interest.person_id != d.person_id:
            raise ValidationError("that interest is registered to someone else",
                                  field="interest_id")
    d.description, d.action, d.chair_ruling = description.strip(), action, chair_ruling.strip()
    d.agenda_item_id, d.interest_id = agenda_item_id, interest_id


def _numbers(session: Session, meeting_id: int) -> dict:
    return agenda_layout(session, session.get(Meeting, meeting_id)).numbers


def declare_interest(session: Session, *, meeting_id: int, person_id: int, description: str,
                     action: str, agenda_item_id: int | None = None,
                     interest_id: int | None = None, chair_ruling: str = "") -> DeclarationRow:
    check_not_sealed(session, get_or_fail(session, Meeting, meeting_id, "meeting"),
                     "its declarations of interest")
    get_or_fail(session, Person, person_id, "person")
    d = Declaration(meeting_id=meeting_id, person_id=person_id)
    _set_declaration(session, d, description=description, action=action,
                     agenda_item_id=agenda_item_id, interest_id=interest_id,
                     chair_ruling=chair_ruling)
    session.add(d)
    session.flush()
    return _declaration_row(d, _numbers(session, meeting_id))


def update_declaration(session: Session, *, declaration_id: int, expected_version: int | None,
                       description: str, action: str, agenda_item_id: int | None = None,
                       interest_id: int | None = None, chair_ruling: str = "") -> DeclarationRow:
    d = get_or_fail(session, Declaration, declaration_id, "declaration")
    check_not_sealed(session, d.meeting, "its declarations of interest")
    check_version(d, expected_version, "This declaration")
    _set_declaration(session, d, description=description, action=action,
                     agenda_item_id=agenda_item_id, interest_id=interest_id,
                     chair_ruling=chair_ruling)
    session.flush()
    return _declaration_row(d, _numbers(session, d.meeting_id))


def remove_declaration(session: Session, *, declaration_id: int,
                       expected_version: int | None) -> None:
    d = get_or_fail(session, Declaration, declaration_id, "declaration")
    check_not_sealed(session, d.meeting, "its declarations of interest")
    check_version(d, expected_version, "This declaration")
    session.delete(d)
    session.flush()


def list_declarations(session: Session, *, meeting_id: int,
                      layouts: Layouts | None = None) -> list[DeclarationRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    layout = layouts_for(session, layouts).of(meeting)
    order = {it.id: n for n, it in enumerate(layout.items)}
    found = session.scalars(select(Declaration).where(Declaration.meeting_id == meeting_id))
    rows = [_declaration_row(d, layout.numbers) for d in found]
    return sorted(rows, key=lambda r: (order.get(r.agenda_item_id, -1), r.person, r.id))


# ---------------------------------------------------------------------------- conflict flags


def _people_at(session: Session, meeting: Meeting) -> set[int]:
    """Members on the day, anyone recorded as attending, and presenters; not those who sent
    apologies or were absent."""
    recorded = dict(session.execute(select(Attendance.person_id, Attendance.status).where(
        Attendance.meeting_id == meeting.id)).all())
    people = set(memberships_on_day(session, meeting)) | set(recorded)
    people |= {p for p in session.scalars(select(AgendaItem.presenter_id).where(
        AgendaItem.meeting_id == meeting.id)) if p is not None}
    return {p for p in people if recorded.get(p) not in ("apologies", "absent")}


def _item_text(item: AgendaItem, paper: Paper | None) -> str:
    parts = [item.title, item.notes]
    if paper is not None:
        parts += [paper.title, paper.executive_summary, paper.recommendations]
    return "\n".join(parts)


def _ignored_words(session: Session, meeting: Meeting) -> list[str]:
    org = session.scalar(select(Organisation).limit(1))
    names = [meeting.committee.name] + ([org.name, org.short_name] if org else [])
    return " ".join(names).split()


def conflict_flags(session: Session, *, meeting_id: int,
                   layouts: Layouts | None = None) -> list[ConflictFlagRow]:
    """Items that touch a registered interest of someone at the meeting: a prompt to the chair
    and secretary to expect a declaration, not a finding."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    layout = layouts_for(session, layouts).of(meeting)
    people = _people_at(session, meeting)
    interests = {i.id: i for i in session.scalars(select(Interest).where(
        Interest.person_id.in_(people))) if rules.is_current(i.from_date, i.to_date,
                                                             meeting.meeting_date)}
    registered = [rules.RegisteredInterest(i.id, i.person_id, f"{i.description} {i.organisation}")
                  for i in interests.values()]
    declared = {(d.agenda_item_id, d.person_id) for d in session.scalars(
        select(Declaration).where(Declaration.meeting_id == meeting_id))}
    ignore = _ignored_words(session, meeting)
    flags = []
    for item in layout.items:
        paper = session.get(Paper, layout.papers[item.id]) if item.id in layout.papers else None
        for hit in rules.possible_conflicts(_item_text(item, paper), registered, ignore):
            interest = interests[hit.interest]
            flags.append(ConflictFlagRow(
                item.id, layout.numbers[item.id], item.title, interest.person_id,
                interest.person.name, interest.id, interest.description, hit.matched,
                (item.id, interest.person_id) in declared))
    return flags
