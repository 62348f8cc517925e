"""Use cases for people, committees and memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import people as rules
from app.domain.errors import Problem, ValidationError
from app.services.common import check_version, get_or_fail, raise_if
from app.store.people import Committee, Membership, Person


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    title: str
    email: str
    kind: str
    retired_on: dt.date | None
    notes: str
    version: int

    @property
    def active(self) -> bool:
        return self.retired_on is None


@dataclass(frozen=True)
class CommitteeRow:
    id: int
    name: str
    short_name: str
    kind: str
    reports_to_id: int | None
    reports_to: str
    terms_of_reference: str
    quorum_count: int
    quorum_kinds: tuple[str, ...]
    retired_on: dt.date | None
    version: int


@dataclass(frozen=True)
class MembershipRow:
    id: int
    person_id: int
    person: str
    person_kind: str
    committee_id: int
    committee: str
    role: str
    voting: bool
    from_date: dt.date
    to_date: dt.date | None
    version: int


def _person_row(p: Person) -> PersonRow:
    return PersonRow(p.id, p.name, p.title, p.email, p.kind, p.retired_on, p.notes, p.version)


def _committee_row(c: Committee) -> CommitteeRow:
    return CommitteeRow(c.id, c.name, c.short_name, c.kind, c.reports_to_id,
                        c.reports_to.name if c.reports_to else "", c.terms_of_reference,
                        c.quorum_count, tuple(rules.split_kinds(c.quorum_kinds)), c.retired_on,
                        c.version)


def _membership_row(m: Membership) -> MembershipRow:
    return MembershipRow(m.id, m.person_id, m.person.name, m.person.kind, m.committee_id,
                         m.committee.name, m.role, m.voting, m.from_date, m.to_date, m.version)


# ------------------------------------------------------------------------------- people


def list_people(session: Session, *, include_retired: bool = True) -> list[PersonRow]:
    query = select(Person).order_by(Person.name)
    if not include_retired:
        query = query.where(Person.retired_on.is_(None))
    return [_person_row(p) for p in session.scalars(query)]


def get_person(session: Session, *, person_id: int) -> PersonRow:
    return _person_row(get_or_fail(session, Person, person_id, "person"))


def create_person(session: Session, *, name: str, kind: str, title: str = "", email: str = "",
                  notes: str = "") -> PersonRow:
    raise_if(rules.person_problems(name=name, email=email, kind=kind))
    person = Person(name=name.strip(), kind=kind, title=title.strip(), email=email.strip(),
                    notes=notes)
    session.add(person)
    session.flush()
    return _person_row(person)


def update_person(session: Session, *, person_id: int, expected_version: int | None, name: str,
                  kind: str, title: str = "", email: str = "", notes: str = "") -> PersonRow:
    person = get_or_fail(session, Person, person_id, "person")
    check_version(person, expected_version, f"{person.name}'s record")
    raise_if(rules.person_problems(name=name, email=email, kind=kind))
    person.name, person.kind, person.title = name.strip(), kind, title.strip()
    person.email, person.notes = email.strip(), notes
    session.flush()
    return _person_row(person)


def retire_person(session: Session, *, person_id: int, expected_version: int | None,
                  on: dt.date | None = None) -> PersonRow:
    """Retire rather than delete: the record stays for the minutes and the trail."""
    person = get_or_fail(session, Person, person_id, "person")
    check_version(person, expected_version, f"{person.name}'s record")
    on = on or dt.date.today()
    person.retired_on = on
    for m in session.scalars(select(Membership).where(Membership.person_id == person_id)):
        if m.to_date is None or m.to_date > on:
            m.to_date = max(on, m.from_date)
    session.flush()
    return _person_row(person)


def reinstate_person(session: Session, *, person_id: int,
                     expected_version: int | None) -> PersonRow:
    person = get_or_fail(session, Person, person_id, "person")
    check_version(person, expected_version, f"{person.name}'s record")
    person.retired_on = None
    session.flush()
    return _person_row(person)


def reinstate_person_with_memberships(session: Session, *, person_id: int,
                                      expected_version: int | None,
                                      membership_ends: Mapping[int, dt.date | None]
                                      ) -> PersonRow:
    """Reinstate a person and put back the end dates their memberships had before retiring
    cut them short (``membership_ends``: membership id -> end date, ``None`` for open-ended).
    Memberships not named keep the dates they have now."""
    row = reinstate_person(session, person_id=person_id, expected_version=expected_version)
    for m in session.scalars(select(Membership).where(Membership.person_id == person_id)):
        if m.id in membership_ends and membership_ends[m.id] != m.to_date:
            update_membership(session, membership_id=m.id, expected_version=m.version,
                              role=m.role, voting=m.voting, from_date=m.from_date,
                              to_date=membership_ends[m.id])
    return row


# ---------------------------------------------------------------------------- committees


def list_committees(session: Session, *, include_retired: bool = True) -> list[CommitteeRow]:
    query = select(Committee).order_by(Committee.name)
    if not include_retired:
        query = query.where(Committee.retired_on.is_(None))
    return [_committee_row(c) for c in session.scalars(query)]


def get_committee(session: Session, *, committee_id: int) -> CommitteeRow:
    return _committee_row(get_or_fail(session, Committee, committee_id, "committee"))


def _check_reports_to(session: Session, committee_id: int | None,
                      reports_to_id: int | None) -> None:
    """A body cannot report to itself, directly or round a loop."""
    seen = {committee_id}
    current = reports_to_id
    while current is not None:
        if current in seen:
            raise ValidationError("a committee cannot report to itself, directly or through "
                                  "another body", field="reports_to")
        seen.add(current)
        current = get_or_fail(session, Committee, current, "committee").reports_to_id


def _unique_committee_name(session: Session, name: str, committee_id: int | None) -> None:
    clash = session.scalar(select(Committee.id).where(Committee.name == name.strip()))
    if clash is not None and clash != committee_id:
        raise ValidationError(f"there is already a body called '{name.strip()}'", field="name")


def create_committee(session: Session, *, name: str, kind: str, short_name: str = "",
                     reports_to_id: int | None = None, terms_of_reference: str = "",
                     quorum_count: int = 0, quorum_kinds: list[str] | tuple = ()) -> CommitteeRow:
    raise_if(rules.committee_problems(name=name, kind=kind, quorum_count=quorum_count,
                                      quorum_kinds=list(quorum_kinds)))
    _unique_committee_name(session, name, None)
    _check_reports_to(session, None, reports_to_id)
    committee = Committee(name=name.strip(), kind=kind, short_name=short_name.strip(),
                          reports_to_id=reports_to_id, terms_of_reference=terms_of_reference,
                          quorum_count=quorum_count, quorum_kinds=", ".join(quorum_kinds))
    session.add(committee)
    session.flush()
    return _committee_row(committee)


def update_committee(session: Session, *, committee_id: int, expected_version: int | None,
                     name: str, kind: str, short_name: str = "", reports_to_id: int | None = None,
                     terms_of_reference: str = "", quorum_count: int = 0,
                     quorum_kinds: list[str] | tuple = ()) -> CommitteeRow:
    committee = get_or_fail(session, Committee, committee_id, "committee")
    check_version(committee, expected_version, f"The {committee.name}")
    raise_if(rules.committee_problems(name=name, kind=kind, quorum_count=quorum_count,
                                      quorum_kinds=list(quorum_kinds)))
    _unique_committee_name(session, name, committee_id)
    _check_reports_to(session, committee_id, reports_to_id)
    committee.name, committee.kind, committee.short_name = name.strip(), kind, short_name.strip()
    committee.reports_to_id, committee.terms_of_reference = reports_to_id, terms_of_reference
    committee.quorum_count, committee.quorum_kinds = quorum_count, ", ".join(quorum_kinds)
    session.flush()
    return _committee_row(committee)


def retire_committee(session: Session, *, committee_id: int, expected_version: int | None,
                     on: dt.date | None = None) -> CommitteeRow:
    committee = get_or_fail(session, Committee, committee_id, "committee")
    check_version(committee, expected_version, f"The {committee.name}")
    committee.retired_on = on or dt.date.today()
    session.flush()
    return _committee_row(committee)


def reinstate_committee(session: Session, *, committee_id: int,
                        expected_version: int | None) -> CommitteeRow:
    committee = get_or_fail(session, Committee, committee_id, "committee")
    check_version(committee, expected_version, f"The {committee.name}")
    committee.retired_on = None
    session.flush()
    return _committee_row(committee)


# --------------------------------------------------------------------------- memberships


def list_memberships(session: Session, *, committee_id: int | None = None,
                     person_id: int | None = None,
                     on: dt.date | None = None) -> list[MembershipRow]:
    query = select(Membership).join(Membership.person).order_by(Person.name)
    if committee_id is not None:
        query = query.where(Membership.committee_id == committee_id)
    if person_id is not None:
        query = query.where(Membership.person_id == person_id)
    rows = [_membership_row(m) for m in session.scalars(query)]
    if on is not None:
        rows = [r for r in rows if rules.is_current(r.from_date, r.to_date, on)]
    return rows


def add_membership(session: Session, *, person_id: int, committee_id: int, role: str,
                   voting: bool, from_date: dt.date,
                   to_date: dt.date | None = None) -> MembershipRow:
    person = get_or_fail(session, Person, person_id, "person")
    get_or_fail(session, Committee, committee_id, "committee")
    problems = rules.membership_problems(role=role, voting=voting, from_date=from_date,
                                         to_date=to_date)
    if person.retired_on is not None:
        problems.append(Problem("person", f"{person.name} has been retired"))
    raise_if(problems)
    membership = Membership(person_id=person_id, committee_id=committee_id, role=role,
                            voting=voting, from_date=from_date, to_date=to_date)
    session.add(membership)
    session.flush()
    return _membership_row(membership)


def update_membership(session: Session, *, membership_id: int, expected_version: int | None,
                      role: str, voting: bool, from_date: dt.date,
                      to_date: dt.date | None = None) -> MembershipRow:
    membership = get_or_fail(session, Membership, membership_id, "membership")
    check_version(membership, expected_version, "This membership")
    raise_if(rules.membership_problems(role=role, voting=voting, from_date=from_date,
                                       to_date=to_date))
    membership.role, membership.voting = role, voting
    membership.from_date, membership.to_date = from_date, to_date
    session.flush()
    return _membership_row(membership)


def end_membership(session: Session, *, membership_id: int, expected_version: int | None,
                   on: dt.date | None = None) -> MembershipRow:
    membership = get_or_fail(session, Membership, membership_id, "membership")
    check_version(membership, expected_version, "This membership")
    on = on or dt.date.today()
    if on < membership.from_date:
        raise ValidationError("the end date is before the start date", field="to_date")
    membership.to_date = on
    session.flush()
    return _membership_row(membership)
