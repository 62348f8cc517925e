"""Raising, editing, rescoring, reviewing and closing risks, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.domain.errors import Conflict, NotFound, ValidationError
from app.services import audit
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from app.services.risks.register import RiskFilter
from tests.services.risk_setup import RAISED, TODAY, make_register, raise_risk


@pytest.fixture
def reg(ctx):
    return ctx.run(make_register)


def _rescore(ctx, row, likelihood, consequence, rationale="Reviewed", on=None, **kw):
    return ctx.run(risks.rescore_risk, risk_id=row.id, expected_version=row.version,
                   likelihood=likelihood, consequence=consequence, rationale=rationale,
                   scored_on=on or dt.date(2012, 5, 1), today=TODAY, **kw)


# ---------------------------------------------------------------------------------- raising


def test_new_risks_get_the_next_reference_and_their_first_scores(ctx, reg):
    first = raise_risk(ctx, reg, target=(2, 4))
    second = raise_risk(ctx, reg, title="Second risk")
    assert (first.reference, second.reference) == ("CR-001", "CR-002")
    assert (first.current_score, first.current_band, first.inherent_score) == (12, "High", 20)
    assert (first.target_score, first.target_band) == (8, "High")
    assert (first.owner, first.committee, first.category) == (
        "Chief Finance Officer", "Governing Body", "Financial")
    assert first.next_review_on == dt.date(2012, 7, 2)  # raised + 3 months
    history = ctx.run(risk_register.score_history, risk_id=first.id)
    assert [(h.kind, h.score, h.source, h.scored_by) for h in history] == [
        ("inherent", 20, "raised", "test secretary"), ("current", 12, "raised", "test secretary"),
        ("target", 8, "raised", "test secretary")]


def test_reference_prefix_is_an_organisation_setting(ctx, reg):
    ctx.run(risk_settings.set_reference_prefix, prefix="qr")
    assert raise_risk(ctx, reg).reference == "QR-001"


def test_duplicate_reference_is_refused(ctx, reg):
    raise_risk(ctx, reg, reference="BAF-1")
    with pytest.raises(ValidationError) as err:
        raise_risk(ctx, reg, reference="baf-1", title="Another")
    assert err.value.for_field("reference") == [
        "baf-1 is already the reference of 'Financial targets not achieved'"]
    assert len(ctx.run(risk_register.list_risks)) == 1


def test_every_problem_with_a_new_risk_is_reported_and_nothing_saved(ctx, reg):
    with pytest.raises(ValidationError) as err:
        raise_risk(ctx, reg, title=" ", current=(6, 0), category_id=999,
                   target_likelihood=2, target_consequence=2)
    assert {p.field for p in err.value.problems} == {
        "title", "current_likelihood", "current_consequence", "category_id", "target_date"}
    assert ctx.run(risk_register.list_risks, filters=RiskFilter(status=None)) == []
    assert ctx.run(audit.list_events, record_type="risk") == []


def test_a_risk_raised_at_fifteen_or_more_is_escalated_at_once(ctx, reg):
    row = raise_risk(ctx, reg, current=(3, 5))
    assert row.on_corporate_register
    [event] = ctx.run(risk_register.escalation_history, risk_id=row.id)
    assert (event.direction, event.score, event.occurred_on) == ("escalated", 15, RAISED)


# -------------------------------------------------------------------------------- rescoring


def test_rescore_requires_a_rationale_and_changes_nothing_without_one(ctx, reg):
    row = raise_risk(ctx, reg)
    with pytest.raises(ValidationError) as err:
        _rescore(ctx, row, 4, 4, rationale="   ")
    assert err.value.for_field("rationale") == [
        "say why the score changed: a rationale is required"]
    assert ctx.run(risk_register.get_risk_row, risk_id=row.id).current_score == 12
    assert len(ctx.run(risk_register.score_history, risk_id=row.id, kind="current")) == 1


def test_rescore_keeps_who_when_why_and_source(ctx, reg):
    row = raise_risk(ctx, reg)
    after = _rescore(ctx, row, 2, 4, rationale="QIPP on plan", source="decision #12",
                     scored_by="Chief Finance Officer", consequence_domain="finance")
    assert (after.current_score, after.consequence_domain) == (8, "finance")
    latest = ctx.run(risk_register.score_history, risk_id=row.id)[-1]
    assert (latest.kind, latest.likelihood, latest.consequence, latest.scored_on) == (
        "current", 2, 4, dt.date(2012, 5, 1))
    assert (latest.rationale, latest.source, latest.scored_by) == (
        "QIPP on plan", "decision #12", "Chief Finance Officer")


def test_escalation_at_fifteen_and_de_escalation_are_recorded_and_filterable(ctx, reg):
    row = raise_risk(ctx, reg, current=(3, 4))
    up = _rescore(ctx, row, 3, 5, rationale="Forecast deteriorated", on=dt.date(2012, 5, 1))
    assert up.on_corporate_register and up.current_band == "Extreme"
    assert [r.reference for r in ctx.run(risk_register.escalated_risks, today=TODAY)] == [
        "CR-001"]
    down = _rescore(ctx, up, 2, 5, rationale="Recovery plan agreed", on=dt.date(2012, 5, 20))
    assert not down.on_corporate_register
    assert ctx.run(risk_register.escalated_risks, today=TODAY) == []
    events = ctx.run(risk_register.escalation_history, risk_id=row.id)
    assert [(e.direction, e.score, e.occurred_on) for e in events] == [
        ("escalated", 15, dt.date(2012, 5, 1)), ("de-escalated", 10, dt.date(2012, 5, 20))]
    assert "Recovery plan agreed" in events[1].reason
    only_down = ctx.run(risk_register.escalation_history, direction="de-escalated")
    assert [e.reference for e in only_down] == ["CR-001"]
    assert ctx.run(risk_register.escalation_history, since=dt.date(2012, 5, 2))[0].direction \
        == "de-escalated"


def test_rescoring_above_the_threshold_again_does_not_escalate_twice(ctx, reg):
    row = raise_risk(ctx, reg, current=(4, 4))
    again = _rescore(ctx, row, 4, 5, rationale="Worse still")
    assert again.on_corporate_register
    assert len(ctx.run(risk_register.escalation_history, risk_id=row.id)) == 1


def test_a_scoring_cannot_be_dated_before_the_last_one(ctx, reg):
    row = raise_risk(ctx, reg)
    row = _rescore(ctx, row, 3, 3, on=dt.date(2012, 5, 10))
    with pytest.raises(ValidationError, match="last recorded on 10 May 2012"):
        _rescore(ctx, row, 2, 3, on=dt.date(2012, 5, 9))


def test_target_rescoring_needs_a_date_and_sets_it(ctx, reg):
    row = raise_risk(ctx, reg)
    with pytest.raises(ValidationError) as err:
        _rescore(ctx, row, 2, 2, kind="target")
    assert err.value.for_field("target_date")
    after = _rescore(ctx, row, 2, 2, kind="target", target_date=dt.date(2013, 3, 31))
    assert (after.target_score, after.target_date) == (4, dt.date(2013, 3, 31))
    assert after.current_score == 12


# ---------------------------------------------------------------------------------- editing


def test_stale_edit_is_refused_and_the_newer_change_kept(ctx, reg):
    row = raise_risk(ctx, reg)
    ctx.run(risks.update_risk, risk_id=row.id, expected_version=row.version,
            title="Financial balance not achieved")
    with pytest.raises(Conflict, match="CR-001 was changed by someone else since you opened"):
        ctx.run(risks.update_risk, risk_id=row.id, expected_version=row.version,
                title="Something else")
    with pytest.raises(Conflict):
        _rescore(ctx, row, 1, 1)
    assert ctx.run(risk_register.get_risk_row, risk_id=row.id).title == \
        "Financial balance not achieved"


def test_update_changes_only_the_fields_given(ctx, reg):
    row = raise_risk(ctx, reg, cause="Growth of 2%")
    after = ctx.run(risks.update_risk, risk_id=row.id, expected_version=row.version,
                    owner_id=reg.nurse, committee_id=reg.quality_committee, today=TODAY)
    assert (after.owner, after.committee, after.cause, after.title) == (
        "Director of Quality", "Quality Committee", "Growth of 2%", row.title)
    assert after.version == row.version + 1


def test_scores_and_status_cannot_be_changed_by_update(ctx, reg):
    row = raise_risk(ctx, reg)
    with pytest.raises(ValidationError) as err:
        ctx.run(risks.update_risk, risk_id=row.id, expected_version=row.version,
                current_likelihood=1, status="closed")
    assert {p.field for p in err.value.problems} == {"current_likelihood", "status"}


def test_corporate_register_by_hand(ctx, reg):
    low = raise_risk(ctx, reg, current=(2, 4))
    placed = ctx.run(risks.update_risk, risk_id=low.id, expected_version=low.version,
                     on_corporate_register=True)
    assert placed.on_corporate_register
    # a lower score does not take off a risk the board put there by hand
    lower = _rescore(ctx, placed, 2, 3)
    assert lower.on_corporate_register
    high = raise_risk(ctx, reg, current=(4, 4))
    with pytest.raises(ValidationError, match="stays on the corporate register"):
        ctx.run(risks.update_risk, risk_id=high.id, expected_version=high.version,
                on_corporate_register=False)
    directions = [e.direction for e in ctx.run(risk_register.escalation_history)]
    assert directions == ["escalated", "escalated"]


# ------------------------------------------------------------------- reviews and closing


def test_review_done_sets_next_review_and_movement_baseline(ctx, reg):
    row = raise_risk(ctx, reg)
    assert not row.review_overdue and row.movement == "new"
    late = ctx.run(risk_register.get_risk_row, risk_id=row.id, today=dt.date(2012, 7, 3))
    assert late.review_overdue
    reviewed = ctx.run(risks.mark_review_done, risk_id=row.id, expected_version=row.version,
                       reviewed_on=dt.date(2012, 7, 3), today=dt.date(2012, 7, 3))
    assert (reviewed.last_reviewed_on, reviewed.next_review_on) == (
        dt.date(2012, 7, 3), dt.date(2012, 10, 3))
    assert not reviewed.review_overdue and reviewed.movement == "same"
    worse = _rescore(ctx, reviewed, 4, 4, on=dt.date(2012, 8, 1))
    assert (worse.movement, worse.score_at_last_review) == ("up", 12)


def test_closed_risks_are_not_rescored_reviewed_or_overdue_and_can_reopen(ctx, reg):
    row = raise_risk(ctx, reg)
    with pytest.raises(ValidationError, match="say why the risk is closed"):
        ctx.run(risks.close_risk, risk_id=row.id, expected_version=row.version, reason=" ")
    closed = ctx.run(risks.close_risk, risk_id=row.id, expected_version=row.version,
                     reason="Merged into CR-002", closed_on=dt.date(2012, 5, 1),
                     today=dt.date(2013, 1, 1))
    assert (closed.status, closed.closed_reason, closed.review_overdue) == (
        "closed", "Merged into CR-002", False)
    with pytest.raises(ValidationError, match="reopen it to rescore"):
        _rescore(ctx, closed, 1, 1)
    assert ctx.run(risk_register.list_risks) == []
    reopened = ctx.run(risks.reopen_risk, risk_id=row.id, expected_version=closed.version)
    assert (reopened.status, reopened.closed_on, reopened.closed_reason) == ("open", None, "")


def test_objectives_link_once_and_unlink(ctx, reg):
    row = raise_risk(ctx, reg)
    so1 = ctx.run(risk_settings.create_objective, code="SO1", title="Clinically led")
    ctx.run(risks.link_objective, risk_id=row.id, objective_id=so1.id)
    ctx.run(risks.link_objective, risk_id=row.id, objective_id=so1.id)
    detail = ctx.run(risks_detail.get_risk_detail, risk_id=row.id)
    assert [o.code for o in detail.objectives] == ["SO1"]
    assert ctx.run(risk_settings.list_objectives)[0].risks == 1
    ctx.run(risks.unlink_objective, risk_id=row.id, objective_id=so1.id)
    assert ctx.run(risks_detail.get_risk_detail, risk_id=row.id).objectives == ()
    with pytest.raises(NotFound):
        ctx.run(risks.link_objective, risk_id=row.id, objective_id=999)


# ------------------------------------------------------------------------------- the trail


def test_risk_changes_are_in_the_audit_trail(ctx, reg):
    row = raise_risk(ctx, reg)
    _rescore(ctx, row, 3, 5, rationale="Forecast deteriorated")
    risk_events = ctx.run(audit.list_events, record_type="risk", newest_first=False)
    assert [e.action for e in risk_events] == ["create", "update"]
    assert risk_events[1].changes["current_consequence"] == (4, 5)
    assert risk_events[1].changes["on_corporate_register"] == (False, True)
    scores = ctx.run(audit.list_events, record_type="risk_score", newest_first=False)
    assert json.dumps(scores[-1].changes["rationale"]) == '[null, "Forecast deteriorated"]'
    assert ctx.run(audit.list_events, record_type="risk_escalation")[0].actor == \
        "test secretary"
    assert ctx.run(audit.verify).ok
