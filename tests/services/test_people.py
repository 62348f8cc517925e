"""People, committees and memberships, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import Conflict, NotFound, ValidationError
from app.services import organisation, people
from app.store.people import Person


def test_add_and_list_people(ctx):
    ctx.run(people.create_person, name="  Chief Finance Officer ", kind="executive")
    ctx.run(people.create_person, name="Audit Chair", kind="lay member", email="a@nhs.net")
    names = [p.name for p in ctx.run(people.list_people)]
    assert names == ["Audit Chair", "Chief Finance Officer"]


def test_every_problem_is_reported_and_nothing_saved(ctx):
    with pytest.raises(ValidationError) as err:
        ctx.run(people.create_person, name=" ", kind="trustee", email="not-an-email")
    assert {p.field for p in err.value.problems} == {"name", "kind", "email"}
    assert ctx.run(people.list_people) == []


def test_stale_edit_is_refused_and_nothing_overwritten(ctx):
    p = ctx.run(people.create_person, name="Chief Nurse", kind="executive")
    ctx.run(people.update_person, person_id=p.id, expected_version=p.version,
            name="Chief Nurse", kind="executive", title="Director of Quality")
    with pytest.raises(Conflict, match="changed by someone else since you opened it"):
        ctx.run(people.update_person, person_id=p.id, expected_version=p.version,
                name="Chief Nurse", kind="executive", title="Deputy")
    assert ctx.run(people.get_person, person_id=p.id).title == "Director of Quality"


def test_concurrent_edits_from_two_sessions_cannot_both_win(ctx):
    p = ctx.run(people.create_person, name="Lay Member", kind="lay member")
    first, second = ctx.session_factory(), ctx.session_factory()
    a = first.get(Person, p.id)
    b = second.get(Person, p.id)
    a.title = "from the first"
    first.commit()
    b.title = "from the second"
    with pytest.raises(StaleDataError):
        second.commit()
    first.close()
    second.close()
    assert ctx.run(people.get_person, person_id=p.id).title == "from the first"


def test_retiring_ends_memberships(ctx):
    p = ctx.run(people.create_person, name="GP Member", kind="clinical member")
    c = ctx.run(people.create_committee, name="Governing Body", kind="governing body")
    ctx.run(people.add_membership, person_id=p.id, committee_id=c.id, role="member",
            voting=True, from_date=dt.date(2012, 4, 1))
    ctx.run(people.retire_person, person_id=p.id, expected_version=p.version,
            on=dt.date(2013, 3, 31))
    assert ctx.run(people.list_people, include_retired=False) == []
    assert ctx.run(people.list_memberships, committee_id=c.id, on=dt.date(2013, 6, 1)) == []
    assert len(ctx.run(people.list_memberships, committee_id=c.id, on=dt.date(2012, 6, 1))) == 1


def test_committee_cannot_report_to_itself_round_a_loop(ctx):
    gb = ctx.run(people.create_committee, name="Governing Body", kind="governing body")
    audit = ctx.run(people.create_committee, name="Audit Committee", kind="committee",
                    reports_to_id=gb.id)
    with pytest.raises(ValidationError, match="cannot report to itself"):
        ctx.run(people.update_committee, committee_id=gb.id, expected_version=gb.version,
                name="Governing Body", kind="governing body", reports_to_id=audit.id)
    assert ctx.run(people.get_committee, committee_id=audit.id).reports_to == "Governing Body"


def test_duplicate_committee_name_is_refused(ctx):
    ctx.run(people.create_committee, name="Audit Committee", kind="committee")
    with pytest.raises(ValidationError, match="already a body called"):
        ctx.run(people.create_committee, name="Audit Committee", kind="committee")


def test_membership_rules(ctx):
    p = ctx.run(people.create_person, name="Board Secretary", kind="officer")
    c = ctx.run(people.create_committee, name="Governing Body", kind="governing body")
    with pytest.raises(ValidationError) as err:
        ctx.run(people.add_membership, person_id=p.id, committee_id=c.id, role="in attendance",
                voting=True, from_date=dt.date(2012, 4, 1), to_date=dt.date(2012, 1, 1))
    assert {pr.field for pr in err.value.problems} == {"voting", "to_date"}
    with pytest.raises(NotFound):
        ctx.run(people.add_membership, person_id=999, committee_id=c.id, role="member",
                voting=True, from_date=dt.date(2012, 4, 1))


def test_organisation_set_up_once_and_settings(ctx):
    assert not ctx.run(organisation.is_set_up)
    org = ctx.run(organisation.set_up_organisation, name="NHS Merton CCG", short_name="Merton")
    with pytest.raises(Conflict):
        ctx.run(organisation.set_up_organisation, name="Another")
    ctx.run(organisation.set_setting, key="escalation_threshold", value=12)
    assert ctx.run(organisation.get_setting, key="escalation_threshold") == 12
    assert ctx.run(organisation.get_organisation).version == org.version + 1


def test_reinstating_puts_back_the_memberships_retiring_cut_short(ctx):
    p = ctx.run(people.create_person, name="GP Member", kind="clinical member")
    gb = ctx.run(people.create_committee, name="Governing Body", kind="governing body")
    qc = ctx.run(people.create_committee, name="Quality Committee", kind="committee")
    ac = ctx.run(people.create_committee, name="Audit Committee", kind="committee")
    open_ended = ctx.run(people.add_membership, person_id=p.id, committee_id=gb.id,
                         role="member", voting=True, from_date=dt.date(2012, 4, 1))
    fixed = ctx.run(people.add_membership, person_id=p.id, committee_id=qc.id, role="member",
                    voting=True, from_date=dt.date(2012, 4, 1), to_date=dt.date(2014, 3, 31))
    past = ctx.run(people.add_membership, person_id=p.id, committee_id=ac.id, role="member",
                   voting=False, from_date=dt.date(2012, 4, 1), to_date=dt.date(2012, 9, 30))
    ends = {m.id: m.to_date for m in ctx.run(people.list_memberships, person_id=p.id)}
    retired = ctx.run(people.retire_person, person_id=p.id, expected_version=p.version,
                      on=dt.date(2013, 3, 31))
    back = ctx.run(people.reinstate_person_with_memberships, person_id=p.id,
                   expected_version=retired.version, membership_ends=ends)
    assert back.retired_on is None
    after = {m.id: m.to_date for m in ctx.run(people.list_memberships, person_id=p.id)}
    assert after == {open_ended.id: None, fixed.id: dt.date(2014, 3, 31),
                     past.id: dt.date(2012, 9, 30)}


def test_a_stale_reinstatement_changes_no_membership(ctx):
    p = ctx.run(people.create_person, name="GP Member", kind="clinical member")
    gb = ctx.run(people.create_committee, name="Governing Body", kind="governing body")
    m = ctx.run(people.add_membership, person_id=p.id, committee_id=gb.id, role="member",
                voting=True, from_date=dt.date(2012, 4, 1))
    ctx.run(people.retire_person, person_id=p.id, expected_version=p.version,
            on=dt.date(2013, 3, 31))
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(people.reinstate_person_with_memberships, person_id=p.id,
                expected_version=p.version, membership_ends={m.id: None})
    assert ctx.run(people.get_person, person_id=p.id).retired_on == dt.date(2013, 3, 31)
    assert ctx.run(people.list_memberships, person_id=p.id)[0].to_date == dt.date(2013, 3, 31)
