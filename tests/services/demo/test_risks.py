"""The demo risk register: the B&NES current risk issues, a trail that verifies, and a JSON
round trip that brings every risk row back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.exchange.json_exchange import export_database, import_database
from app.services import audit, organisation
from app.services.context import AppContext
from app.services.demo import load as demo
from app.services.demo import risks as demo_risks
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import settings as risk_settings
from app.store import dump
from app.store.risks import Risk, RiskScore

AS_OF = dt.date(2013, 5, 1)


def test_demo_has_the_six_current_risk_issues(demo_ctx):
    rows = demo_ctx.run(risk_register.list_risks, today=AS_OF)
    assert [r.reference for r in rows] == [f"CR-00{n}" for n in range(1, 7)]
    titles = " ".join(r.title for r in rows).lower()
    for words in ("financial targets", "engagement", "practices", "performance",
                  "commissioning support", "small"):
        assert words in titles
    assert all(r.owner and r.committee for r in rows)
    assert [r.reference for r in demo_ctx.run(risk_register.escalated_risks, today=AS_OF)] \
        == ["CR-005"]
    assert {r.movement for r in rows} >= {"up", "down", "same"}


def test_demo_objectives_categories_and_history(demo_ctx):
    assert [o.code for o in demo_ctx.run(risk_settings.list_objectives)] == [
        "SO1", "SO2", "SO3", "SO4"]
    assert len(demo_ctx.run(risk_settings.list_categories)) >= 6
    cr1 = demo_ctx.run(risk_register.find_risk, reference="CR-001")
    detail = demo_ctx.run(risks_detail.get_risk_detail, risk_id=cr1.id)
    assert {a.line_of_defence for a in detail.assurances} == {1, 2, 3}
    assert detail.gaps_in("control") and detail.gaps_in("assurance")
    current = [h for h in detail.history if h.kind == "current"]
    assert len(current) >= 4 and all(h.rationale for h in detail.history)
    assert {h.scored_on.year for h in current} == {2012, 2013}
    assert [e.direction for e in detail.escalations] == [
        "escalated", "de-escalated", "escalated", "de-escalated"]


def test_demo_trail_verifies(demo_ctx):
    report = demo_ctx.run(audit.verify)
    assert report.ok, report.problem
    assert demo_ctx.run(audit.list_events, record_type="risk_score")


def test_generated_risks_are_deterministic_and_follow_the_rules(sqlite_path, tmp_path):
    first = AppContext.open(sqlite_path, actor="demo")
    ids = first.run(demo.load_demo, scale=60)
    second = AppContext.open(tmp_path / "again.sqlite", actor="demo")
    second.run(demo.load_demo, scale=60)
    try:
        assert ids["generated_risks"] == 60
        rows = first.run(risk_register.list_risks, filters=risk_register.RiskFilter(status=None))
        again = second.run(risk_register.list_risks,
                           filters=risk_register.RiskFilter(status=None))
        assert len(rows) == 66 and rows[-1].reference == "CR-066"
        assert [(r.title, r.current_score) for r in rows] == [
            (r.title, r.current_score) for r in again]
        for r in rows:  # the corporate flag is what the escalation rule says
            if r.status == "open" and r.current_score >= 15:
                assert r.on_corporate_register, r.reference
        with first.transaction() as s:
            for risk in s.scalars(select(Risk)):
                last = s.scalars(select(RiskScore).where(
                    RiskScore.risk_id == risk.id, RiskScore.kind == "current")
                    .order_by(RiskScore.scored_on.desc(), RiskScore.id.desc())).first()
                assert (last.likelihood, last.consequence) == (
                    risk.current_likelihood, risk.current_consequence)
        assert first.run(audit.verify).ok
    finally:
        first.close()
        second.close()


def _risk_demo(path) -> AppContext:
    """The demo's people and risk register alone, so this test is about the risk tables."""
    ctx = AppContext.open(path, actor="demo")
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        demo.add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)
    return ctx


def test_demo_risks_round_trip_through_json(sqlite_path, tmp_path, sqlite_template):
    import shutil

    source = _risk_demo(sqlite_path)
    path = tmp_path / "merton.json"
    fresh_path = tmp_path / "fresh.sqlite"
    shutil.copy(sqlite_template, fresh_path)
    fresh = AppContext.open(fresh_path, actor="importer")
    try:
        counts = export_database(source.engine, path)
        assert counts["risk"] == 6 and counts["risk_score"] > 20
        assert import_database(fresh.engine, path) == counts
        with source.engine.connect() as a, fresh.engine.connect() as b:
            for table in dump.exchanged_tables():
                assert list(dump.read_rows(a, table)) == list(dump.read_rows(b, table)), \
                    table.name
        assert fresh.run(audit.verify).ok
        assert fresh.run(risk_register.list_risks, today=AS_OF) == \
            source.run(risk_register.list_risks, today=AS_OF)
    finally:
        source.close()
        fresh.close()
