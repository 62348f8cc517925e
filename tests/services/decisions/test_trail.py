"""The decision trail: entries in time order with filters, and each chain linking every step
from the paper to the risk scores, with the audit events of every record in it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.decisions import Vote
from app.services import audit, interests
from app.services.decisions import chairs_actions, decisions
from app.services.decisions import trail as decision_trail
from app.services.decisions.chairs_actions import NewConsultee
from app.services.decisions.trail import TrailFilter
from app.services.meetings import actions, attendance, minutes
from tests.services.decision_setup import hold, make_setup, next_meeting


@pytest.fixture
def story(ctx):
    """27 Sep: the body agrees to chair's action (a risk change and an action follow); 28 Sep:
    the chair acts; 29 Nov: ratified; plus an inquorate decision taken with an override."""
    with ctx.transaction() as s:
        st = make_setup(s)
        nov = next_meeting(s, st.body)
        for row in attendance.members_expected(s, meeting_id=nov.id):
            attendance.record_attendance(s, meeting_id=nov.id, person_id=row.person_id,
                                         status=row.status)
        interests.declare_interest(s, meeting_id=st.meeting_id,
                                   person_id=st.body.person["GP Member"],
                                   description="Practice partner", action="participated",
                                   agenda_item_id=st.item_id, chair_ruling="May take part")
        minutes.record_minute(s, agenda_item_id=st.item_id, discussion="Presented",
                              outcome="Agreed to Chair's Action")
        p = st.body.person
        d = decisions.record_decision(
            s, agenda_item_id=st.item_id, outcome="approved",
            resolution="Agreed to Chair's Action on the full document",
            risk_changes=[(st.risk_id, None, 3, 4)],
            new_actions=[("Circulate the final ISOP", p["Chief Officer"], dt.date(2012, 10, 5))])
        actions.add_action_update(s, action_id=d.action_ids[0], text="Circulated",
                                  on=dt.date(2012, 10, 3))
        ca = chairs_actions.create_chairs_action(
            s, committee_id=st.body.committee_id, title="ISOP final",
            decision_text="Approved the final ISOP", urgency_reason="Upload closes 28 Sep",
            taken_by_id=p["Chair"], taken_on=dt.date(2012, 9, 28), paper_id=st.paper_id,
            authorised_by_decision_id=d.id,
            consultees=[NewConsultee(p["Second Lay Member"], dt.date(2012, 9, 28)),
                        NewConsultee(p["Chief Officer"], dt.date(2012, 9, 28))])
        ca = chairs_actions.take_chairs_action(s, chairs_action_id=ca.id,
                                               expected_version=ca.version)
        hold(s, nov.id)
        ratified = chairs_actions.ratify_chairs_action(s, chairs_action_id=ca.id,
                                                       outcome="ratified", resolution="Ratified")
        for name in ("Lay Member", "Second Lay Member"):
            attendance.record_attendance(s, meeting_id=st.meeting_id, person_id=p[name],
                                         status="apologies",
                                         expected_version=None)
        inquorate = decisions.record_decision(
            s, agenda_item_id=st.info_item_id, outcome="noted", resolution="Noted",
            vote=Vote("count", 4, 0, 0), override_reason="Information only; no lay member left")
    return dict(st=st, decision=d, ca=ca, ratified=ratified, inquorate=inquorate)


def entries(ctx, **filters):
    rows = ctx.run(decision_trail.trail_entries, filters=TrailFilter(**filters))
    return [(e.kind, e.id) for e in rows]


def test_entries_in_time_order_with_every_filter(ctx, story):
    d, ca, r, q = story["decision"], story["ca"], story["ratified"], story["inquorate"]
    assert entries(ctx) == [("decision", d.id), ("decision", q.id), ("chair's action", ca.id),
                            ("decision", r.id)]
    assert entries(ctx, date_from=dt.date(2012, 9, 28)) == [("chair's action", ca.id),
                                                             ("decision", r.id)]
    assert entries(ctx, date_to=dt.date(2012, 9, 27)) == [("decision", d.id),
                                                           ("decision", q.id)]
    assert entries(ctx, outcome="ratified") == [("chair's action", ca.id), ("decision", r.id)]
    assert entries(ctx, overridden_only=True) == [("decision", q.id)]
    risk = story["st"].risk_id
    # The risk: the decision that rescored it, and the chair's action on the same paper's item.
    assert ("decision", d.id) in entries(ctx, risk_id=risk)
    consultee = story["st"].body.person["Second Lay Member"]
    assert ("chair's action", ca.id) in entries(ctx, person_id=consultee)
    assert entries(ctx, committee_id=story["st"].body.committee_id + 99) == []


def test_the_trail_shows_an_override(ctx, story):
    row = next(e for e in ctx.run(decision_trail.trail_entries) if e.id == story["inquorate"].id
               and e.kind == "decision")
    assert row.quorate is False and row.overridden
    assert row.override_reason == "Information only; no lay member left"
    chain = ctx.run(decision_trail.trail_chain, kind="decision", id=row.id)
    assert chain.decision.override_reasons == ("the meeting was not quorate for this item",)
    assert not chain.quorum_now.quorate


def test_a_decision_chain_links_every_step(ctx, story):
    d = story["decision"]
    chain = ctx.run(decision_trail.trail_chain, kind="decision", id=d.id)
    assert chain.paper.title == "ISOP" and dict(chain.paper.cover_sheet)["Title of Document"]
    assert [a.sha256 for a in chain.attachments_now] == [story["st"].attachment_sha]
    assert chain.meeting.id == story["st"].meeting_id and chain.attendance
    assert [(x.person, x.action) for x in chain.declarations] == [("GP Member", "participated")]
    assert chain.minute.outcome == "Agreed to Chair's Action"
    assert [a.description for a in chain.actions] == ["Circulate the final ISOP"]
    assert [u.text for _, ups in chain.action_updates for u in ups] == ["Circulated"]
    assert [r.source for r in chain.risk_changes] == [f"decision #{d.id}"]
    assert [c.id for c in chain.delegated] == [story["ca"].id]
    kinds = {ev.record_type for ev in chain.audit_events}
    assert {"decision", "decision_risk", "decision_action", "risk_score", "action_item",
            "action_update", "attachment", "paper", "agenda_item", "meeting", "attendance",
            "declaration", "minute_entry", "chairs_action"} <= kinds
    seqs = [ev.seq for ev in chain.audit_events]
    assert seqs == sorted(set(seqs))


def test_a_chairs_action_chain_shows_authority_consultation_and_ratification(ctx, story):
    ca, r = story["ca"], story["ratified"]
    chain = ctx.run(decision_trail.trail_chain, kind="chair's action", id=ca.id)
    assert chain.chairs_action.status == "ratified"
    assert [c.is_accountable_officer for c in chain.chairs_action.consultees] == [False, True]
    assert chain.authorising_decision.id == story["decision"].id
    assert chain.decision.id == r.id and chain.meeting.id == r.meeting_id
    assert chain.paper.id == story["st"].paper_id  # the paper the chair relied on
    kinds = {(ev.record_type, ev.action) for ev in chain.audit_events}
    assert {("chairs_action", "create"), ("chairs_action", "update"),
            ("chairs_action_consultee", "create"), ("decision", "create")} <= kinds
    updates = [ev.changes for ev in chain.audit_events
               if ev.record_type == "chairs_action" and ev.action == "update"]
    assert any(c.get("status") == ("reported", "ratified") for c in updates)


def test_export_states_the_chain_head_and_verification(ctx, story):
    export = ctx.run(decision_trail.trail_export,
                     filters=TrailFilter(committee_id=story["st"].body.committee_id))
    assert export.verified and export.verify_problem == ""
    assert export.chain_head == ctx.run(audit.chain_head)
    assert len(export.chains) == len(export.entries) == 4
    assert export.filters == "Governing Body" and export.organisation == "NHS Test CCG"


def test_unknown_kind_is_refused(ctx, story):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="is not one of"):
        ctx.run(decision_trail.trail_chain, kind="resolution", id=1)
