"""The register of interests, declarations at meetings and agenda conflict flags."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services import interests, people
from app.services.meetings import agenda, papers
from tests.services.meeting_setup import make_body, make_meeting


@pytest.fixture
def setting(ctx):
    with ctx.transaction() as s:
        body = make_body(s)
        meeting = make_meeting(s, body)
        agenda.apply_template(s, meeting_id=meeting.id)
        item = agenda.add_agenda_item(s, meeting_id=meeting.id,
                                      title="Local enhanced services 2013/14",
                                      purpose="approval")
        papers.create_paper(s, agenda_item_id=item.id, title="Local enhanced services",
                            executive_summary="Payments to member practices, including the "
                                              "Nelson Medical Practice, for anticoagulation.")
        gp = body.person["GP Member"]
        interest = interests.add_interest(
            s, person_id=gp, kind="financial", description="Partner, Nelson Medical Practice",
            organisation="Nelson Medical Practice", from_date=dt.date(2010, 1, 1),
            declared_on=dt.date(2012, 4, 2),
            management="Withdraws from items about payments to the practice")
        interests.add_interest(s, person_id=gp, kind="non-financial personal",
                               description="Former governor of a local school",
                               from_date=dt.date(2005, 1, 1), to_date=dt.date(2011, 12, 31))
    return {"body": body, "meeting": meeting, "item": item, "gp": gp, "interest": interest}


def test_register_lists_current_interests(ctx, setting):
    all_rows = ctx.run(interests.list_interests, person_id=setting["gp"])
    assert len(all_rows) == 2
    current = ctx.run(interests.interests_to_declare, meeting_id=setting["meeting"].id,
                      person_id=setting["gp"])
    assert [r.description for r in current] == ["Partner, Nelson Medical Practice"]
    assert current[0].declared_late  # registered years after it began


def test_agenda_building_flags_items_touching_an_interest(ctx, setting):
    flags = ctx.run(interests.conflict_flags, meeting_id=setting["meeting"].id)
    assert [(f.item_number, f.person, f.declared) for f in flags] == [("5", "GP Member", False)]
    assert "nelson" in flags[0].matched
    ctx.run(interests.declare_interest, meeting_id=setting["meeting"].id,
            person_id=setting["gp"], agenda_item_id=setting["item"].id,
            interest_id=setting["interest"].id, description="Partner in a practice paid under "
            "the scheme", action="took no part in the decision",
            chair_ruling="May speak but takes no part in the decision")
    flags = ctx.run(interests.conflict_flags, meeting_id=setting["meeting"].id)
    assert flags[0].declared


def test_declarations_are_listed_in_agenda_order(ctx, setting):
    meeting_id = setting["meeting"].id
    first = ctx.run(interests.declare_interest, meeting_id=meeting_id, person_id=setting["gp"],
                    description="GP partner in Merton", action="participated")
    second = ctx.run(interests.declare_interest, meeting_id=meeting_id,
                     person_id=setting["gp"], agenda_item_id=setting["item"].id,
                     interest_id=setting["interest"].id, description="Partner",
                     action="withdrew")
    rows = ctx.run(interests.list_declarations, meeting_id=meeting_id)
    assert [(r.id, r.item_number) for r in rows] == [(first.id, ""), (second.id, "5")]
    assert not second.counts_towards_quorum and second.interest.startswith("Partner")
    changed = ctx.run(interests.update_declaration, declaration_id=second.id,
                      expected_version=second.version, description="Partner",
                      action="participated", agenda_item_id=setting["item"].id,
                      chair_ruling="Minor interest")
    assert changed.counts_towards_quorum and changed.interest_id is None


def test_declaration_rules(ctx, setting):
    with pytest.raises(ValidationError, match="say which item"):
        ctx.run(interests.declare_interest, meeting_id=setting["meeting"].id,
                person_id=setting["gp"], description="Partner", action="withdrew")
    chair = setting["body"].person["Chair"]
    with pytest.raises(ValidationError, match="registered to someone else"):
        ctx.run(interests.declare_interest, meeting_id=setting["meeting"].id, person_id=chair,
                description="x", action="participated", interest_id=setting["interest"].id)


def test_an_interest_declared_against_is_ended_not_deleted(ctx, setting):
    interest = setting["interest"]
    ctx.run(interests.declare_interest, meeting_id=setting["meeting"].id,
            person_id=setting["gp"], description="Partner", action="participated",
            interest_id=interest.id)
    with pytest.raises(Conflict, match="end it rather than delete it"):
        ctx.run(interests.delete_interest, interest_id=interest.id,
                expected_version=interest.version)
    ended = ctx.run(interests.end_interest, interest_id=interest.id,
                    expected_version=interest.version, on=dt.date(2013, 3, 31))
    assert ended.to_date == dt.date(2013, 3, 31)
    assert ctx.run(interests.list_interests, current_on=dt.date(2013, 4, 1)) == []


def test_register_of_a_body_lists_only_its_members_on_the_day(ctx, setting):
    day, body = dt.date(2012, 9, 27), setting["body"]
    adviser = ctx.run(people.create_person, name="Independent adviser", kind="officer")
    former = ctx.run(people.create_person, name="Former lay member", kind="lay member")
    ctx.run(people.add_membership, person_id=former.id, committee_id=body.committee_id,
            role="member", voting=True, from_date=dt.date(2011, 4, 1),
            to_date=dt.date(2012, 6, 30))
    for person, what in ((adviser, "Director, Acme Consulting"),
                         (former, "Trustee, local hospice")):
        ctx.run(interests.add_interest, person_id=person.id, kind="financial",
                description=what, from_date=dt.date(2011, 1, 1))
    of_body = ctx.run(interests.register_of_interests, on=day, committee_id=body.committee_id)
    assert [r.description for r in of_body] == ["Partner, Nelson Medical Practice"]
    everyone = ctx.run(interests.register_of_interests, on=day)
    assert [r.description for r in everyone] == [
        "Trustee, local hospice", "Partner, Nelson Medical Practice",
        "Director, Acme Consulting"]  # by person's name; the ended interest is not listed
    earlier = ctx.run(interests.register_of_interests, on=dt.date(2012, 6, 1),
                      committee_id=body.committee_id)
    assert [r.description for r in earlier] == ["Trustee, local hospice",
                                                "Partner, Nelson Medical Practice"]
