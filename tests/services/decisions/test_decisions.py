"""Recording decisions: snapshots, outcome rules, overrides, risk changes, actions, corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.decisions import Vote
from app.domain.errors import Conflict, ValidationError
from app.services import interests
from app.services.decisions import decisions
from app.services.meetings import actions, attachments, attendance, papers
from app.services.risks import register as risk_register
from tests.services.decision_setup import make_setup


@pytest.fixture
def st(ctx):
    with ctx.transaction() as s:
        return make_setup(s)


def record(ctx, st, **kwargs):
    values = dict(agenda_item_id=st.item_id, resolution="Agreed to Chair's Action on the full "
                  "document", outcome="approved")
    values.update(kwargs)
    return ctx.run(decisions.record_decision, **values)


def test_decision_snapshots_quorum_paper_version_and_files(ctx, st):
    d = record(ctx, st, rationale="The upload closes tomorrow")
    assert (d.outcome, d.item_title, d.status) == ("approved", "Integrated Strategy & "
                                                   "Operating Plan (ISOP)", "recorded")
    assert d.quorate and d.quorum_explanation.startswith("quorate: 6 of 4")
    assert d.paper_id == st.paper_id and d.paper_version == "Working Draft v1.0"
    assert [(f.name, f.version_number, f.sha256) for f in d.evidence] == [
        ("isop.pdf", 1, st.attachment_sha)]
    assert not d.override_reasons and not d.overridden
    # A newer file later does not change what the body considered.
    current = ctx.run(attachments.current_attachments, paper_id=st.paper_id)[0]
    ctx.run(attachments.replace_attachment, attachment_id=current.id,
            expected_version=current.version, data=b"%PDF-1.4 final")
    again = ctx.run(decisions.get_decision, decision_id=d.id)
    assert again.evidence == d.evidence


def test_outcome_must_suit_the_items_purpose(ctx, st):
    with pytest.raises(ValidationError, match="can only be recorded as: noted"):
        record(ctx, st, agenda_item_id=st.info_item_id, outcome="approved")
    assert record(ctx, st, agenda_item_id=st.info_item_id, outcome="noted",
                  resolution="Noted").outcome == "noted"
    with pytest.raises(ValidationError) as err:
        record(ctx, st, resolution=" ", outcome="ratified")
    assert err.value.for_field("resolution") and err.value.for_field("outcome")


def test_inquorate_decision_needs_an_override_reason(ctx, st):
    lay = st.body.person["Lay Member"], st.body.person["Second Lay Member"]
    for pid in lay:
        ctx.run(attendance.record_attendance, meeting_id=st.meeting_id, person_id=pid,
                status="apologies")
    asked = ctx.run(decisions.override_needed_for, agenda_item_id=st.item_id)
    assert asked == ["the meeting was not quorate for this item"]
    with pytest.raises(ValidationError, match="needs an override with a reason: the meeting "
                                              "was not quorate"):
        record(ctx, st)
    d = record(ctx, st, override_reason="The upload deadline could not be moved")
    assert not d.quorate and d.overridden and "needs a lay member" in d.quorum_explanation
    assert d.override_reasons == ("the meeting was not quorate for this item",)
    listed = ctx.run(decisions.list_decisions, overridden_only=True)
    assert [r.id for r in listed] == [d.id]


def test_conflicted_member_voting_needs_an_override(ctx, st):
    gp = st.body.person["GP Member"]
    ctx.run(interests.declare_interest, meeting_id=st.meeting_id, person_id=gp,
            description="Partner in a bidding practice", action="withdrew",
            agenda_item_id=st.item_id, chair_ruling="To leave the room")
    vote = Vote("by name", by_name={"Chair": "for", "GP Member": "for", "Lay Member": "for",
                                    "Chief Officer": "against"})
    with pytest.raises(ValidationError, match="GP Member voted despite a declared interest"):
        record(ctx, st, vote=vote)
    d = record(ctx, st, vote=vote, override_reason="Recorded as minuted; the vote carries "
                                                   "without the GP member")
    assert d.overridden and d.carried and d.vote.totals() == (3, 1, 0)
    assert [(c.person, c.action) for c in d.conflicts] == [("GP Member", "withdrew")]
    # Someone who was not a voting member present cannot vote by name.
    with pytest.raises(ValidationError, match="Secretary was not a voting member present"):
        record(ctx, st, vote=Vote("by name", by_name={"Secretary": "for"}))


def test_a_counted_vote_is_kept(ctx, st):
    d = record(ctx, st, vote=Vote("count", 5, 1, 0))
    assert d.vote.method == "count" and d.carried and (d.vote.for_count, d.vote.against_count) \
        == (5, 1)


def test_risk_change_goes_into_the_risks_history_with_the_decision_as_rationale(ctx, st):
    risk = ctx.run(risk_register.get_risk_row, risk_id=st.risk_id)
    d = record(ctx, st, risk_changes=[(st.risk_id, risk.version, 3, 4)])
    history = ctx.run(risk_register.score_history, risk_id=st.risk_id, kind="current")
    latest = history[-1]
    assert (latest.likelihood, latest.consequence, latest.scored_on) == (3, 4, dt.date(2012, 9,
                                                                                       27))
    assert latest.source == f"decision #{d.id}" and latest.scored_by == "Governing Body"
    assert latest.rationale == ("Decision at Governing Body meeting item 5: Agreed to Chair's "
                                "Action on the full document")
    assert [(r.reference, r.score_id, r.score) for r in d.risk_changes] == [
        (risk.reference, latest.id, 12)]
    assert [r.id for r in ctx.run(decisions.list_decisions, risk_id=st.risk_id)] == [d.id]


def test_a_refused_risk_change_rolls_the_whole_decision_back(ctx, st):
    with pytest.raises(ValidationError, match="row 1, risk_changes: likelihood"):
        record(ctx, st, risk_changes=[(st.risk_id, None, 9, 4)])
    assert ctx.run(decisions.list_decisions) == []


def test_new_actions_go_on_the_action_log_linked_to_the_item(ctx, st):
    owner = st.body.person["Chief Officer"]
    d = record(ctx, st, new_actions=[("Circulate the final ISOP", owner, dt.date(2012, 10, 5))])
    (action_id,) = d.action_ids
    action = ctx.run(actions.get_action, action_id=action_id)
    assert (action.description, action.owner_id, action.agenda_item_id, action.status) == (
        "Circulate the final ISOP", owner, st.item_id, "open")
    assert [r.id for r in ctx.run(decisions.list_decisions, person_id=owner)] == [d.id]


def test_decision_cannot_predate_its_meeting(ctx, st):
    with pytest.raises(ValidationError, match="cannot be dated before its meeting"):
        record(ctx, st, decided_on=dt.date(2012, 9, 1))


def test_correct_and_withdraw_keep_the_record(ctx, st):
    d = record(ctx, st)
    with pytest.raises(ValidationError, match="say why"):
        ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=d.version,
                reason=" ", resolution="x")
    fixed = ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=d.version,
                    reason="Wording as approved in the minutes", outcome="approved with "
                    "amendments")
    assert fixed.outcome == "approved with amendments" and "Wording as approved" in \
        fixed.correction_note
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(decisions.withdraw_decision, decision_id=d.id, expected_version=d.version,
                reason="entered twice")
    gone = ctx.run(decisions.withdraw_decision, decision_id=d.id,
                   expected_version=fixed.version, reason="Entered against the wrong item")
    assert gone.status == "withdrawn" and "withdrawn: Entered" in gone.correction_note
    with pytest.raises(Conflict, match="withdrawn"):
        ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=None,
                reason="again", resolution="x")
    assert [r.status for r in ctx.run(decisions.list_decisions)] == ["withdrawn"]
    assert ctx.run(decisions.list_decisions, include_withdrawn=False) == []


def test_filters(ctx, st):
    a = record(ctx, st)
    b = record(ctx, st, agenda_item_id=st.info_item_id, outcome="noted", resolution="Noted",
               decided_on=dt.date(2012, 10, 1))
    ids = lambda **kw: [r.id for r in ctx.run(decisions.list_decisions, **kw)]  # noqa: E731
    assert ids() == [a.id, b.id]
    assert ids(date_from=dt.date(2012, 9, 28)) == [b.id]
    assert ids(date_to=dt.date(2012, 9, 27)) == [a.id]
    assert ids(outcome="noted") == [b.id]
    assert ids(committee_id=st.body.committee_id + 99) == []
    assert ids(person_id=st.body.person["Chair"]) == [a.id, b.id]  # present at the meeting
    paper = ctx.run(papers.get_paper, paper_id=st.paper_id)
    assert paper.title == "ISOP" and a.paper_title == "ISOP"
