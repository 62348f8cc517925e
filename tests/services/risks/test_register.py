"""Reading the register: filters, flags, heat maps and profiles, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import event

from app.domain.errors import ValidationError
from app.domain.risk import DEFAULT_SCHEME
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from app.services.risks.register import RiskFilter
from tests.services.risk_setup import TODAY, make_register, raise_risk


@pytest.fixture
def reg(ctx):
    return ctx.run(make_register)


@pytest.fixture
def register(ctx, reg):
    """Five risks across bands, categories, owners and committees; CR-005 is closed."""
    raise_risk(ctx, reg, title="Financial targets", current=(4, 4))  # 16 Extreme, corporate
    raise_risk(ctx, reg, title="Savings slip", current=(3, 4))  # 12 High, above tolerance 9
    raise_risk(ctx, reg, title="Infection control", current=(2, 3), category_id=reg.quality,
               owner_id=reg.nurse, committee_id=reg.quality_committee)  # 6 Moderate
    raise_risk(ctx, reg, title="Complaints backlog", current=(1, 3), category_id=reg.quality,
               owner_id=reg.nurse, next_review_on=dt.date(2012, 5, 1))  # 3 Low, overdue
    closed = raise_risk(ctx, reg, title="Old contract", current=(2, 2))
    ctx.run(risks.close_risk, risk_id=closed.id, expected_version=closed.version,
            reason="Contract ended", closed_on=dt.date(2012, 5, 1))
    return reg


def _refs(ctx, **filters) -> list[str]:
    rows = ctx.run(risk_register.list_risks, filters=RiskFilter(**filters), today=TODAY)
    return [r.reference for r in rows]


def test_filters(ctx, register):
    reg = register
    assert _refs(ctx) == ["CR-001", "CR-002", "CR-003", "CR-004"]
    assert _refs(ctx, status=None) == ["CR-001", "CR-002", "CR-003", "CR-004", "CR-005"]
    assert _refs(ctx, status="closed") == ["CR-005"]
    assert _refs(ctx, band="extreme") == ["CR-001"]
    assert _refs(ctx, band="Moderate") == ["CR-003"]
    assert _refs(ctx, category_id=reg.quality) == ["CR-003", "CR-004"]
    assert _refs(ctx, owner_id=reg.nurse) == ["CR-003", "CR-004"]
    assert _refs(ctx, committee_id=reg.quality_committee) == ["CR-003"]
    assert _refs(ctx, corporate_only=True) == ["CR-001"]
    assert _refs(ctx, overdue_review=True) == ["CR-004"]
    assert _refs(ctx, above_appetite=True) == ["CR-001", "CR-002"]
    assert _refs(ctx, text="SAVINGS") == ["CR-002"]
    assert _refs(ctx, text="100%") == []  # % is a character, not a wildcard
    assert _refs(ctx, category_id=reg.finance, band="High") == ["CR-002"]


def test_unknown_band_is_a_clear_error(ctx, register):
    with pytest.raises(ValidationError, match="there is no band called 'Red'"):
        _refs(ctx, band="Red")


def test_references_sort_in_natural_order(ctx, reg):
    for ref in ("CR-10", "CR-9", "CR-100"):
        raise_risk(ctx, reg, reference=ref)
    assert _refs(ctx) == ["CR-9", "CR-10", "CR-100"]


def test_appetite_flag_follows_the_category_tolerance(ctx, register):
    row = ctx.run(risk_register.find_risk, reference="cr-002", today=TODAY)
    assert (row.above_appetite, row.appetite, row.tolerance) == (True, "Cautious", 9)
    finance = ctx.run(risk_settings.get_category, category_id=register.finance)
    ctx.run(risk_settings.update_category, category_id=finance.id,
            expected_version=finance.version, name="Financial", appetite_level=3, tolerance=12)
    row = ctx.run(risk_register.find_risk, reference="CR-002", today=TODAY)
    assert (row.above_appetite, row.appetite) == (False, "Open")
    assert _refs(ctx, above_appetite=True) == ["CR-001"]


def test_target_above_appetite(ctx, reg):
    row = raise_risk(ctx, reg, current=(3, 4), target=(2, 5))
    assert row.target_above_appetite and row.above_appetite


def test_action_counts_and_overdue(ctx, register):
    row = ctx.run(risk_register.find_risk, reference="CR-001", today=TODAY)
    late = ctx.run(risks_detail.add_action, risk_id=row.id, description="Recovery plan",
                   due_on=dt.date(2012, 5, 1), today=TODAY)
    ctx.run(risks_detail.add_action, risk_id=row.id, description="Contingency",
            due_on=dt.date(2012, 12, 1))
    ctx.run(risks_detail.add_action, risk_id=row.id, description="Done already",
            status="done", due_on=dt.date(2012, 4, 1), completed_on=dt.date(2012, 4, 20))
    assert late.overdue
    row = ctx.run(risk_register.find_risk, reference="CR-001", today=TODAY)
    assert (row.open_actions, row.overdue_actions) == (2, 1)
    ctx.run(risks_detail.complete_action, action_id=late.id, expected_version=late.version)
    row = ctx.run(risk_register.find_risk, reference="CR-001", today=TODAY)
    assert (row.open_actions, row.overdue_actions) == (1, 0)
    overdue = ctx.run(risks_detail.list_risk_actions, overdue_only=True,
                      today=dt.date(2013, 1, 1))
    assert [(a.risk_reference, a.description) for a in overdue] == [("CR-001", "Contingency")]


@pytest.mark.parametrize("filters", [
    {}, {"status": None}, {"band": "High"}, {"above_appetite": True}, {"corporate_only": True},
    {"overdue_review": True}, {"text": "o"}, {"status": "closed"},
])
def test_heat_map_counts_the_same_risks_as_the_list(ctx, register, filters):
    rows = ctx.run(risk_register.list_risks, filters=RiskFilter(**filters), today=TODAY)
    counts = ctx.run(risk_register.heat_map_counts, filters=RiskFilter(**filters), today=TODAY)
    assert sum(map(sum, counts)) == len(rows)
    for r in rows:
        assert counts[r.current_likelihood - 1][r.current_consequence - 1] >= 1
    expected = [[0] * 5 for _ in range(5)]
    for r in rows:
        expected[r.current_likelihood - 1][r.current_consequence - 1] += 1
    assert counts == expected


def test_heat_map_of_inherent_and_target_scores(ctx, reg):
    raise_risk(ctx, reg, inherent=(5, 5), target=(2, 2))
    raise_risk(ctx, reg, inherent=(5, 5))  # no target: not on the target map
    assert ctx.run(risk_register.heat_map_counts, kind="inherent")[4][4] == 2
    target = ctx.run(risk_register.heat_map_counts, kind="target")
    assert target[1][1] == 1 and sum(map(sum, target)) == 1
    with pytest.raises(ValidationError):
        ctx.run(risk_register.heat_map_counts, kind="residual")


def test_the_register_costs_two_queries_however_many_risks(ctx, reg):
    def statements_for_list() -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(ctx.engine, "before_cursor_execute", listener)
        try:
            ctx.run(risk_register.list_risks, today=TODAY)
        finally:
            event.remove(ctx.engine, "before_cursor_execute", listener)
        return len(seen)

    raise_risk(ctx, reg)
    few = statements_for_list()
    for n in range(12):
        row = raise_risk(ctx, reg, owner_id=reg.nurse if n % 2 else reg.cfo)
        ctx.run(risks_detail.add_action, risk_id=row.id, description="Act")
    assert statements_for_list() == few == 2  # the band scheme setting, then the register


def test_band_scheme_setting_changes_bands_and_the_threshold(ctx, reg):
    scheme = ctx.run(risk_settings.get_band_scheme)
    assert scheme == DEFAULT_SCHEME
    low, moderate, high, extreme = scheme.bands
    other = replace(scheme, bands=(replace(low, name="Green", max=4),
                                   replace(moderate, name="Amber", min=5, max=12),
                                   replace(high, name="Red", min=15, max=25)),
                    escalation_threshold=9)
    with pytest.raises(ValidationError):
        ctx.run(risk_settings.set_band_scheme, scheme=replace(other, bands=other.bands[:2]))
    ctx.run(risk_settings.set_band_scheme, scheme=other)
    assert ctx.run(risk_settings.get_band_scheme) == other
    row = raise_risk(ctx, reg, current=(3, 3))
    assert (row.current_band, row.on_corporate_register) == ("Amber", True)
    assert ctx.run(risk_settings.reset_band_scheme) == DEFAULT_SCHEME


def test_profile_by_month_counts_open_risks_per_band(ctx, reg):
    row = raise_risk(ctx, reg, current=(4, 4), raised_on=dt.date(2012, 4, 2))
    ctx.run(risks.rescore_risk, risk_id=row.id, expected_version=row.version, likelihood=3,
            consequence=4, rationale="Recovery plan", scored_on=dt.date(2012, 5, 15))
    other = raise_risk(ctx, reg, current=(1, 2), raised_on=dt.date(2012, 5, 20))
    ctx.run(risks.close_risk, risk_id=other.id, expected_version=other.version,
            reason="Gone", closed_on=dt.date(2012, 6, 10))
    profile = ctx.run(risk_register.register_profile_by_month, start=dt.date(2012, 3, 1),
                      end=dt.date(2012, 6, 30))
    assert [p.month_end for p in profile] == [dt.date(2012, 3, 31), dt.date(2012, 4, 30),
                                              dt.date(2012, 5, 31), dt.date(2012, 6, 30)]
    assert [p.counts for p in profile] == [
        {"Low": 0, "Moderate": 0, "High": 0, "Extreme": 0},
        {"Low": 0, "Moderate": 0, "High": 0, "Extreme": 1},
        {"Low": 1, "Moderate": 0, "High": 1, "Extreme": 0},
        {"Low": 0, "Moderate": 0, "High": 1, "Extreme": 0}]
    assert [p.total for p in profile] == [0, 1, 2, 1]
    finance_only = ctx.run(risk_register.register_profile_by_month, start=dt.date(2012, 5, 1),
                           end=dt.date(2012, 5, 31), category_id=reg.quality)
    assert finance_only[0].total == 0


def test_register_contents_hold_every_risk_the_scheme_and_the_categories(ctx, register):
    found = ctx.run(risk_register.get_register_contents, today=TODAY)
    assert [r.reference for r in found.rows] == ["CR-001", "CR-002", "CR-003", "CR-004",
                                                 "CR-005"]  # closed ones too
    assert found.rows == ctx.run(risk_register.list_risks, filters=RiskFilter(status=None),
                                 today=TODAY)
    assert found.scheme == DEFAULT_SCHEME
    assert found.categories == [(register.quality, "Clinical and quality"),
                                (register.finance, "Financial")]
