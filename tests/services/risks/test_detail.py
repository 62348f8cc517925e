"""Controls, assurances, gaps, actions and whole-risk details, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services import audit
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from tests.services.risk_setup import TODAY, make_register, raise_risk


@pytest.fixture
def reg(ctx):
    return ctx.run(make_register)


@pytest.fixture
def risk(ctx, reg):
    return raise_risk(ctx, reg)


def test_a_risk_with_all_its_details(ctx, reg, risk):
    control = ctx.run(risks_detail.add_control, risk_id=risk.id,
                      description="Monthly finance report", control_type="detective",
                      effectiveness="effective")
    ctx.run(risks_detail.add_assurance, risk_id=risk.id, description="Internal audit review",
            line_of_defence=3, positive=False, source="Internal audit", control_id=control.id,
            received_on=dt.date(2012, 11, 1))
    ctx.run(risks_detail.add_assurance, risk_id=risk.id, description="Finance report to EMT",
            line_of_defence=1)
    gap = ctx.run(risks_detail.add_gap, risk_id=risk.id, kind="assurance",
                  description="No independent check of savings plans")
    ctx.run(risks_detail.add_action, risk_id=risk.id, description="Commission a review",
            owner_id=reg.cfo, due_on=dt.date(2012, 5, 1), gap_id=gap.id)
    detail = ctx.run(risks_detail.get_risk_detail, risk_id=risk.id, today=TODAY)
    assert detail.risk.reference == "CR-001"
    assert [c.description for c in detail.controls] == ["Monthly finance report"]
    assert [(a.line_of_defence, a.line_name, a.positive) for a in detail.assurances] == [
        (1, "management", True), (3, "independent", False)]
    assert detail.assurances_on_line(3)[0].control_id == control.id
    assert [g.description for g in detail.gaps_in("assurance")] == [
        "No independent check of savings plans"]
    [action] = detail.actions
    assert (action.owner, action.overdue, action.gap_id) == ("Chief Finance Officer", True,
                                                             gap.id)
    assert [h.kind for h in detail.history] == ["inherent", "current"]


def test_every_problem_with_a_detail_is_reported(ctx, reg, risk):
    with pytest.raises(ValidationError) as err:
        ctx.run(risks_detail.add_control, risk_id=risk.id, description=" ",
                control_type="hopeful", effectiveness="effective")
    assert {p.field for p in err.value.problems} == {"description", "control_type"}
    other = raise_risk(ctx, reg, title="Other")
    other_gap = ctx.run(risks_detail.add_gap, risk_id=other.id, kind="control",
                        description="x")
    with pytest.raises(ValidationError) as err:
        ctx.run(risks_detail.add_action, risk_id=risk.id, description="Act", owner_id=999,
                gap_id=other_gap.id, status="done")
    assert {p.field for p in err.value.problems} == {"owner_id", "gap_id", "completed_on"}


def test_edits_are_versioned(ctx, risk):
    control = ctx.run(risks_detail.add_control, risk_id=risk.id, description="Report",
                      control_type="detective", effectiveness="effective")
    changed = ctx.run(risks_detail.update_control, control_id=control.id,
                      expected_version=control.version, description="Report",
                      control_type="detective", effectiveness="ineffective")
    assert changed.version == control.version + 1
    with pytest.raises(Conflict, match="This control was changed by someone else"):
        ctx.run(risks_detail.update_control, control_id=control.id,
                expected_version=control.version, description="Report",
                control_type="detective", effectiveness="effective")


def test_removing_a_control_or_gap_keeps_what_referred_to_it(ctx, risk):
    control = ctx.run(risks_detail.add_control, risk_id=risk.id, description="Report",
                      control_type="detective", effectiveness="effective")
    ctx.run(risks_detail.add_assurance, risk_id=risk.id, description="Audit",
            line_of_defence=3, control_id=control.id)
    gap = ctx.run(risks_detail.add_gap, risk_id=risk.id, kind="control", description="Gap")
    ctx.run(risks_detail.add_action, risk_id=risk.id, description="Close it", gap_id=gap.id)
    ctx.run(risks_detail.remove_control, control_id=control.id,
            expected_version=control.version)
    ctx.run(risks_detail.remove_gap, gap_id=gap.id, expected_version=gap.version)
    detail = ctx.run(risks_detail.get_risk_detail, risk_id=risk.id)
    assert (detail.controls, detail.gaps) == ((), ())
    assert detail.assurances[0].control_id is None and detail.actions[0].gap_id is None
    removed = ctx.run(audit.list_events, record_type="risk_control", newest_first=False)
    assert [e.action for e in removed] == ["create", "delete"]


def test_update_and_remove_assurance_gap_and_action(ctx, reg, risk):
    assurance = ctx.run(risks_detail.add_assurance, risk_id=risk.id, description="EMT report",
                        line_of_defence=1)
    assurance = ctx.run(risks_detail.update_assurance, assurance_id=assurance.id,
                        expected_version=assurance.version, description="Committee review",
                        line_of_defence=2, positive=False)
    assert (assurance.line_name, assurance.positive) == ("oversight", False)
    gap = ctx.run(risks_detail.add_gap, risk_id=risk.id, kind="control", description="x")
    gap = ctx.run(risks_detail.update_gap, gap_id=gap.id, expected_version=gap.version,
                  kind="assurance", description="No audit yet")
    action = ctx.run(risks_detail.add_action, risk_id=risk.id, description="Plan")
    action = ctx.run(risks_detail.update_action, action_id=action.id,
                     expected_version=action.version, description="Plan", owner_id=reg.cfo,
                     status="cancelled")
    assert (action.status, action.owner) == ("cancelled", "Chief Finance Officer")
    for remove, key, row in ((risks_detail.remove_assurance, "assurance_id", assurance),
                             (risks_detail.remove_gap, "gap_id", gap),
                             (risks_detail.remove_action, "action_id", action)):
        ctx.run(remove, **{key: row.id, "expected_version": row.version})
    detail = ctx.run(risks_detail.get_risk_detail, risk_id=risk.id)
    assert (detail.assurances, detail.gaps, detail.actions) == ((), (), ())


def test_details_of_many_risks_come_in_register_order(ctx, reg):
    rows = [raise_risk(ctx, reg, title=f"Risk {n}") for n in range(3)]
    for row in rows:
        ctx.run(risks_detail.add_control, risk_id=row.id, description=f"Control {row.id}",
                control_type="preventive", effectiveness="effective")
    ctx.run(risks.rescore_risk, risk_id=rows[1].id, expected_version=rows[1].version,
            likelihood=4, consequence=4, rationale="Worse", scored_on=dt.date(2012, 5, 1))
    details = ctx.run(risks_detail.list_risk_details)
    assert [d.risk.reference for d in details] == ["CR-001", "CR-002", "CR-003"]
    assert [d.controls[0].description for d in details] == [f"Control {r.id}" for r in rows]
    assert [len(d.history) for d in details] == [2, 3, 2]
    assert [len(d.escalations) for d in details] == [0, 1, 0]
    assert ctx.run(risk_register.escalated_risks)[0].reference == "CR-002"
