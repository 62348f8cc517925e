"""Risk categories with appetite, strategic objectives and the band setting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.errors import Conflict, ValidationError
from app.domain.risk import DEFAULT_SCHEME
from app.services import audit, organisation
from app.services.risks import settings as risk_settings
from tests.services.risk_setup import make_register, raise_risk


def test_categories_take_their_tolerance_from_the_appetite(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    for name, level in (("Reputational", 2), ("Innovation", 4), ("Compliance", 0)):
        ctx.run(risk_settings.create_category, name=name, appetite_level=level)
    rows = ctx.run(risk_settings.list_categories)
    assert [(c.name, c.appetite, c.tolerance) for c in rows] == [
        ("Compliance", "Avoid", 3), ("Innovation", "Seek", 16), ("Reputational", "Cautious", 9)]
    assert ctx.run(risk_settings.find_category, name=" innovation ").appetite_level == 4
    with pytest.raises(ValidationError, match="the categories are: Compliance, Innovation"):
        ctx.run(risk_settings.find_category, name="Weather")


def test_category_problems_and_duplicates(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    ctx.run(risk_settings.create_category, name="Financial")
    with pytest.raises(ValidationError) as err:
        ctx.run(risk_settings.create_category, name="financial", appetite_level=2,
                tolerance=30)
    assert {p.field for p in err.value.problems} == {"name", "tolerance"}


def test_a_category_in_use_is_not_removed(ctx):
    reg = ctx.run(make_register)
    raise_risk(ctx, reg)
    finance = ctx.run(risk_settings.get_category, category_id=reg.finance)
    assert finance.risks == 1
    with pytest.raises(Conflict, match="used by 1 risk"):
        ctx.run(risk_settings.remove_category, category_id=finance.id,
                expected_version=finance.version)
    quality = ctx.run(risk_settings.get_category, category_id=reg.quality)
    ctx.run(risk_settings.remove_category, category_id=quality.id,
            expected_version=quality.version)
    assert [c.name for c in ctx.run(risk_settings.list_categories)] == ["Financial"]


def test_objectives(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    so1 = ctx.run(risk_settings.create_objective, code="SO1", title="Clinically led")
    with pytest.raises(ValidationError, match="the code SO1 is already used"):
        ctx.run(risk_settings.create_objective, code="SO1", title="Again")
    so1 = ctx.run(risk_settings.update_objective, objective_id=so1.id,
                  expected_version=so1.version, code="SO1",
                  title="A clinically led membership organisation")
    assert ctx.run(risk_settings.list_objectives)[0].title == \
        "A clinically led membership organisation"
    ctx.run(risk_settings.remove_objective, objective_id=so1.id, expected_version=so1.version)
    assert ctx.run(risk_settings.list_objectives) == []


def test_the_band_scheme_is_kept_in_the_audited_organisation_settings(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    scheme = ctx.run(risk_settings.get_band_scheme)
    ctx.run(risk_settings.set_band_scheme, scheme=scheme)
    stored = ctx.run(organisation.get_organisation).settings["risk_bands"]
    assert stored["escalation_threshold"] == 15
    assert [b["name"] for b in stored["bands"]] == ["Low", "Moderate", "High", "Extreme"]
    event = ctx.run(audit.list_events, record_type="organisation")[0]  # newest first
    assert event.action == "update"
    assert event.changes["settings"][1]["risk_bands"]["bands"][3]["min"] == 15


def test_register_settings_are_read_and_saved_together(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    first = ctx.run(risk_settings.get_register_settings)
    assert (first.scheme, first.prefix) == (DEFAULT_SCHEME, "CR")
    lower = replace(DEFAULT_SCHEME, escalation_threshold=12)
    saved = ctx.run(risk_settings.save_register_settings, scheme=lower, prefix=" baf ")
    assert (saved.scheme.escalation_threshold, saved.prefix) == (12, "BAF")
    again = ctx.run(risk_settings.get_register_settings)
    assert (again.scheme, again.prefix) == (lower, "BAF")


def test_register_settings_with_a_bad_prefix_save_no_bands_either(ctx):
    ctx.run(organisation.set_up_organisation, name="Test CCG")
    with pytest.raises(ValidationError) as err:
        ctx.run(risk_settings.save_register_settings,
                scheme=replace(DEFAULT_SCHEME, escalation_threshold=30), prefix="C-R")
    assert {p.field for p in err.value.problems} == {"escalation_threshold", "prefix"}
    with pytest.raises(ValidationError) as err:
        ctx.run(risk_settings.save_register_settings,
                scheme=replace(DEFAULT_SCHEME, escalation_threshold=12), prefix="C-R")
    assert [p.field for p in err.value.problems] == ["prefix"]
    kept = ctx.run(risk_settings.get_register_settings)
    assert (kept.scheme, kept.prefix) == (DEFAULT_SCHEME, "CR")


def test_category_settings_give_the_categories_with_the_scheme(ctx):
    reg = ctx.run(make_register)
    raise_risk(ctx, reg)
    lower = replace(DEFAULT_SCHEME, escalation_threshold=12)
    ctx.run(risk_settings.set_band_scheme, scheme=lower)
    found = ctx.run(risk_settings.get_category_settings)
    assert found.scheme == lower
    assert [(c.name, c.risks) for c in found.categories] == [
        ("Clinical and quality", 0), ("Financial", 1)]
