"""The 5×5 rules: every cell of the matrix, bands, escalation, appetite, reviews, validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import risk
from app.domain.risk import DEFAULT_SCHEME, Band, BandScheme
from app.domain.risk_descriptors import (
    CONSEQUENCE_DOMAINS,
    CONSEQUENCE_NAMES,
    LIKELIHOOD_NAMES,
    consequence_descriptor,
    likelihood_descriptor,
)

levels = st.integers(min_value=1, max_value=5)

# The B&NES matrix (seed section 11.3), row by row from consequence 5 down to 1, and the band
# the seed's delegation table gives each product.
SEED_MATRIX = {
    5: (5, 10, 15, 20, 25),
    4: (4, 8, 12, 16, 20),
    3: (3, 6, 9, 12, 15),
    2: (2, 4, 6, 8, 10),
    1: (1, 2, 3, 4, 5),
}
SEED_BAND = {1: "Low", 2: "Low", 3: "Low", 4: "Moderate", 5: "Moderate", 6: "Moderate",
             8: "High", 9: "High", 10: "High", 12: "High", 15: "Extreme", 16: "Extreme",
             20: "Extreme", 25: "Extreme"}


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("consequence", range(1, 6))
def test_every_cell_has_the_seed_score_and_band(likelihood, consequence):
    value = risk.score(likelihood, consequence)
    assert value == SEED_MATRIX[consequence][likelihood - 1]
    assert risk.band_for(value).name == SEED_BAND[value]


def test_only_fourteen_products_occur():
    assert risk.POSSIBLE_SCORES == (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25)
    assert set(risk.POSSIBLE_SCORES) == set(SEED_BAND)


def test_band_counts_over_the_25_cells():
    names = [risk.band_for(risk.score(lik, con)).name for lik in range(1, 6)
             for con in range(1, 6)]
    assert {n: names.count(n) for n in set(names)} == {"Low": 5, "Moderate": 7, "High": 7,
                                                       "Extreme": 6}


def test_default_bands_are_the_seeds_delegation_table():
    low, moderate, high, extreme = DEFAULT_SCHEME.bands
    assert (low.name, low.min, low.max, low.owner) == ("Low", 1, 3,
                                                        "Individuals and Team Managers")
    assert low.action.startswith("Managed through normal local control measures. Acceptable")
    assert (moderate.min, moderate.max, moderate.owner) == (4, 6, "Managers")
    assert (high.min, high.max, high.owner) == (8, 12, "Senior Manager")
    assert (extreme.min, extreme.max, extreme.owner) == (15, 25, "'Risk' Committee")
    assert "Corporate Risk Register" in extreme.action
    assert [b.colour for b in DEFAULT_SCHEME.bands] == ["#92D050", "#FFFF00", "#FFC000",
                                                        "#FF0000"]
    assert DEFAULT_SCHEME.escalation_threshold == 15
    assert risk.scheme_problems(DEFAULT_SCHEME) == []


@pytest.mark.parametrize("bad", [(0, 3), (6, 1), (3, 6), (1, None)])
def test_levels_outside_one_to_five_have_no_score(bad):
    with pytest.raises(ValueError, match="1 to 5"):
        risk.score(*bad)


@pytest.mark.parametrize(("value", "band"), [(7, "Moderate"), (13, "High"), (14, "High")])
def test_numbers_no_product_reaches_fall_to_the_band_below(value, band):
    assert risk.band_for(value).name == band


@given(levels, levels)
def test_score_is_symmetric_and_in_range(lik, con):
    assert risk.score(lik, con) == risk.score(con, lik)
    assert 1 <= risk.score(lik, con) <= 25


@given(levels, levels)
def test_escalated_exactly_from_fifteen(lik, con):
    value = risk.score(lik, con)
    assert risk.is_escalated(value) == (value >= 15)
    assert risk.is_escalated(value) == (risk.band_for(value).name == "Extreme")


def test_escalation_thresholds():
    assert risk.escalation_change(12, 15) == risk.ESCALATED
    assert risk.escalation_change(15, 12) == risk.DE_ESCALATED
    assert risk.escalation_change(16, 20) is None
    assert risk.escalation_change(9, 12) is None
    assert risk.escalation_change(None, 16) == risk.ESCALATED
    assert risk.escalation_change(None, 12) is None
    other = replace(DEFAULT_SCHEME, escalation_threshold=9)
    assert risk.escalation_change(8, 9, other) == risk.ESCALATED


@given(st.one_of(st.none(), st.sampled_from(risk.POSSIBLE_SCORES)),
       st.sampled_from(risk.POSSIBLE_SCORES))
def test_escalation_change_agrees_with_the_threshold(before, after):
    change = risk.escalation_change(before, after)
    was = before is not None and before >= 15
    assert (change == risk.ESCALATED) == (after >= 15 and not was)
    assert (change == risk.DE_ESCALATED) == (was and after < 15)


def test_corporate_register_change():
    assert risk.corporate_register_change(False, 12, 16) == risk.ESCALATED
    assert risk.corporate_register_change(True, 12, 16) is None  # already there
    assert risk.corporate_register_change(True, 16, 12) == risk.DE_ESCALATED
    # placed there by hand below the threshold: stays until someone takes it off
    assert risk.corporate_register_change(True, 12, 9) is None
    # the threshold was lowered: the next rescoring puts it on even without a crossing
    assert risk.corporate_register_change(False, 12, 12,
                                          replace(DEFAULT_SCHEME,
                                                  escalation_threshold=12)) == risk.ESCALATED


# ------------------------------------------------------------------------------- schemes


def _scheme_from_cuts(cuts: list[int]) -> BandScheme:
    edges = [1, *cuts, 26]
    bands = tuple(Band(f"B{i}", lo, hi - 1, "#123456", "owner", "action")
                  for i, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False)))
    return BandScheme(bands=bands)


@given(st.lists(st.integers(min_value=2, max_value=25), max_size=6, unique=True).map(sorted))
def test_contiguous_schemes_are_valid_and_band_every_product_once(cuts):
    scheme = _scheme_from_cuts(cuts)
    assert risk.scheme_problems(scheme) == []
    for value in risk.POSSIBLE_SCORES:
        assert [b for b in scheme.bands if b.contains(value)] == [scheme.band_for(value)]
    assert BandScheme.from_dict(scheme.to_dict()) == scheme


@given(st.sampled_from(risk.POSSIBLE_SCORES), st.sampled_from(risk.POSSIBLE_SCORES))
def test_bands_never_go_down_as_the_score_goes_up(a, b):
    order = [band.name for band in DEFAULT_SCHEME.bands]
    low, high = sorted((a, b))
    assert order.index(risk.band_for(low).name) <= order.index(risk.band_for(high).name)


def test_scheme_with_a_gap_over_a_product_is_refused():
    low, moderate, high, extreme = DEFAULT_SCHEME.bands
    gap = replace(DEFAULT_SCHEME, bands=(low, replace(moderate, max=5), high, extreme))
    assert "a score of 6 is in no band" in [p.reason for p in risk.scheme_problems(gap)]


def test_overlapping_bands_are_refused():
    low, moderate, high, extreme = DEFAULT_SCHEME.bands
    overlap = replace(DEFAULT_SCHEME, bands=(low, replace(moderate, max=9), high, extreme))
    reasons = " ".join(p.reason for p in risk.scheme_problems(overlap))
    assert "Moderate (4–9) and High (8–12) overlap" in reasons


def test_bad_colour_name_threshold_and_level_names_are_all_reported():
    low, *rest = DEFAULT_SCHEME.bands
    bad = BandScheme(bands=(replace(low, name=" ", colour="green"), *rest),
                     escalation_threshold=30, consequence_names=("Insignificant",) * 4)
    fields = {p.field for p in risk.scheme_problems(bad)}
    assert {"name", "colour", "escalation_threshold", "consequence_names"} <= fields


def test_the_seeds_certain_is_just_a_name():
    seed_words = replace(DEFAULT_SCHEME, likelihood_names=LIKELIHOOD_NAMES[:4] + ("Certain",))
    assert risk.scheme_problems(seed_words) == []
    assert LIKELIHOOD_NAMES[4] == "Almost certain"
    assert CONSEQUENCE_NAMES == ("Negligible", "Minor", "Moderate", "Major", "Catastrophic")


# ---------------------------------------------------------------------------- descriptors


def test_descriptors_cover_eight_domains_and_five_levels():
    assert len(CONSEQUENCE_DOMAINS) == 8
    assert all(len(d.descriptors) == 5 for d in CONSEQUENCE_DOMAINS)
    assert consequence_descriptor("harm", 5) == "Death or multiple permanent injuries"
    assert "£1 million" in consequence_descriptor("finance", 5)
    assert "at least daily" in likelihood_descriptor(5)
    assert "under 0.1%" in likelihood_descriptor(1)
    with pytest.raises(KeyError):
        consequence_descriptor("weather", 1)


# ------------------------------------------------------------------------------- appetite


def test_appetite_levels_and_tolerance():
    assert risk.APPETITE_LEVELS == ("Avoid", "Minimal", "Cautious", "Open", "Seek", "Mature")
    assert [risk.default_tolerance(level) for level in range(6)] == [3, 6, 9, 12, 16, 20]
    assert risk.above_appetite(12, 9) and not risk.above_appetite(9, 9)
    assert not risk.above_appetite(None, 9)
    fields = {p.field for p in risk.category_problems(name="", appetite_level=6, tolerance=0)}
    assert fields == {"name", "appetite_level", "tolerance"}


# -------------------------------------------------------------------- reviews and movement


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
       st.integers(min_value=0, max_value=36))
def test_add_months_lands_in_the_right_month_and_never_overshoots(day, months):
    later = risk.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


def test_add_months_clamps_to_the_month_end():
    assert risk.add_months(dt.date(2013, 1, 31), 1) == dt.date(2013, 2, 28)
    assert risk.next_review_date(dt.date(2012, 11, 30), 3) == dt.date(2013, 2, 28)


def test_review_overdue_only_for_open_risks_after_the_due_date():
    due, today = dt.date(2013, 3, 1), dt.date(2013, 3, 2)
    assert risk.review_overdue(due, today)
    assert not risk.review_overdue(due, due)
    assert not risk.review_overdue(due, today, status="closed")
    assert not risk.review_overdue(None, today)


def test_action_overdue():
    today = dt.date(2013, 3, 2)
    assert risk.action_overdue(dt.date(2013, 3, 1), "open", today)
    assert risk.action_overdue(dt.date(2013, 3, 1), "in progress", today)
    assert not risk.action_overdue(dt.date(2013, 3, 1), "done", today)
    assert not risk.action_overdue(dt.date(2013, 3, 2), "open", today)
    assert not risk.action_overdue(None, "open", today)


@given(st.sampled_from(risk.POSSIBLE_SCORES), st.sampled_from(risk.POSSIBLE_SCORES))
def test_movement_is_antisymmetric(a, b):
    opposite = {"up": "down", "down": "up", "same": "same"}
    assert risk.movement(a, b) == opposite[risk.movement(b, a)]
    assert risk.movement(a, None) == "new"


# ----------------------------------------------------------------------------- validation


def _fields(**overrides) -> set[str]:
    values = dict(title="Financial targets", inherent=(4, 5), current=(4, 4), target=None,
                  target_date=None, raised_on=dt.date(2012, 4, 1))
    values.update(overrides)
    return {p.field for p in risk.validate_risk_fields(**values)}


def test_a_complete_risk_has_no_problems():
    assert _fields() == set()
    assert _fields(target=(2, 4), target_date=dt.date(2013, 3, 31)) == set()


def test_validation_names_each_problem():
    assert _fields(title="  ") == {"title"}
    assert _fields(current=(0, 4)) == {"current_likelihood"}
    assert _fields(inherent=(4, 6)) == {"inherent_consequence"}
    assert _fields(current=None) == {"current_likelihood"}
    assert _fields(target=(2, 4)) == {"target_date"}
    assert _fields(target=(2, 4), target_date=dt.date(2012, 1, 1)) == {"target_date"}
    assert _fields(review_frequency_months=0) == {"review_frequency_months"}
    assert _fields(consequence_domain="weather") == {"consequence_domain"}
    assert _fields(reference=" ") == {"reference"}
    everything = _fields(title="", current=(9, 9), target=(1, 1))
    assert everything == {"title", "current_likelihood", "current_consequence", "target_date"}


def test_rationale_and_detail_rules():
    assert [p.field for p in risk.rationale_problems("  ")] == ["rationale"]
    assert risk.rationale_problems("QIPP on plan") == []
    assert {p.field for p in risk.control_problems(description="", control_type="magic",
                                                   effectiveness="great")} == {
        "description", "control_type", "effectiveness"}
    assert [p.field for p in risk.assurance_problems(description="x", line_of_defence=4)] == [
        "line_of_defence"]
    assert [p.field for p in risk.gap_problems(kind="money", description="x")] == ["kind"]
    assert [p.field for p in risk.action_problems(description="x", status="done", due_on=None,
                                                  completed_on=None)] == ["completed_on"]


# ----------------------------------------------------------------------------- references


def test_next_reference():
    assert risk.next_reference([]) == "CR-001"
    assert risk.next_reference(["CR-001", "CR-009", "BAF-77", "cr-010"]) == "CR-011"
    assert risk.next_reference(["CR-999"]) == "CR-1000"
    assert risk.next_reference(["DR-4"], prefix="DR") == "DR-005"


@given(st.sets(st.integers(min_value=1, max_value=5000), max_size=30))
def test_next_reference_is_never_in_use_and_follows_the_highest(numbers):
    existing = [f"CR-{n:03d}" for n in numbers]
    new = risk.next_reference(existing)
    assert new not in existing
    assert int(new.split("-")[1]) == max(numbers, default=0) + 1
