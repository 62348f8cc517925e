"""One press of Save in the risk editor as one service call, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services.risks import register as risk_register
from app.services.risks.editing import edit_risk
from tests.services.risk_setup import TODAY, make_register, raise_risk


@pytest.fixture
def reg(ctx):
    return ctx.run(make_register)


def _edit(ctx, row, **kw):
    return ctx.run(edit_risk, risk_id=row.id, expected_version=row.version, today=TODAY, **kw)


def test_scores_are_written_before_the_fields(ctx, reg):
    # at 16 the risk is held on the corporate register; only after the new score of 6 may
    # the same Save take it off by hand
    high = raise_risk(ctx, reg, current=(4, 4))
    assert high.on_corporate_register
    after = _edit(ctx, high, scores={"current": (2, 3)}, rationale="Recovery plan agreed",
                  fields={"on_corporate_register": False, "title": "Financial balance at risk"})
    assert (after.current_score, after.on_corporate_register, after.title) == (
        6, False, "Financial balance at risk")
    latest = ctx.run(risk_register.score_history, risk_id=high.id)[-1]
    assert (latest.kind, latest.score, latest.rationale, latest.source) == (
        "current", 6, "Recovery plan agreed", "review")


def test_each_score_kind_and_the_target_date_are_saved(ctx, reg):
    row = raise_risk(ctx, reg)
    after = _edit(ctx, row, scores={"current": (2, 4), "target": (1, 4)}, rationale="Reviewed",
                  target_date=dt.date(2013, 3, 31), source="audit committee",
                  fields={"consequence_domain": "finance"})
    assert (after.current_score, after.target_score, after.target_date) == (
        8, 4, dt.date(2013, 3, 31))
    assert after.consequence_domain == "finance"
    history = ctx.run(risk_register.score_history, risk_id=row.id)
    assert [(h.kind, h.score, h.source) for h in history[-2:]] == [
        ("current", 8, "audit committee"), ("target", 4, "audit committee")]


def test_a_bad_field_after_a_good_score_saves_nothing(ctx, reg):
    row = raise_risk(ctx, reg)
    with pytest.raises(ValidationError):
        _edit(ctx, row, scores={"current": (1, 1)}, rationale="Reviewed",
              fields={"title": "  "})
    kept = ctx.run(risk_register.get_risk_row, risk_id=row.id, today=TODAY)
    assert (kept.current_score, kept.title, kept.version) == (12, row.title, row.version)


def test_a_stale_edit_is_refused(ctx, reg):
    row = raise_risk(ctx, reg)
    _edit(ctx, row, fields={"title": "Financial balance not achieved"})
    with pytest.raises(Conflict, match="changed by someone else"):
        _edit(ctx, row, scores={"current": (1, 1)}, rationale="Reviewed")
    with pytest.raises(Conflict, match="changed by someone else"):
        _edit(ctx, row, fields={"title": "Something else"})
    assert ctx.run(risk_register.get_risk_row, risk_id=row.id).title == \
        "Financial balance not achieved"


def test_an_empty_edit_changes_nothing(ctx, reg):
    row = raise_risk(ctx, reg)
    assert _edit(ctx, row) == ctx.run(risk_register.get_risk_row, risk_id=row.id, today=TODAY)
    assert ctx.run(risk_register.get_risk_row, risk_id=row.id).version == row.version
