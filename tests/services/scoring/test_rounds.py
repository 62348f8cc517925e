"""Scoring rounds end to end: packs out, scores back in any order, refusals, the round view,
adoption into the risk's history."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from app.domain.errors import ValidationError
from app.exchange.scoring.pack import read_pack
from app.exchange.scoring.returns import export_packs, import_returned_pack
from app.services.risks import register as risk_register
from app.services.scoring import rounds as svc
from app.services.scoring import view as scoring_view
from tests.services.scoring_setup import DEADLINE, OPENED, make_round

SCORES = {  # member index -> {reference: (likelihood, consequence, comment)}
    0: {"CR-001": (3, 4, "Budget holds so far"), "CR-002": (2, 3, "")},
    1: {"CR-001": (4, 4, "QIPP slipping badly"), "CR-002": (2, 3, "")},
    2: {"CR-001": (2, 2, "Reserves cover it"), "CR-002": (3, 3, "")},
}


def _events(ctx) -> int:
    with ctx.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM audit_event")).scalar()


def _score_packs(paths, which=(0, 1, 2)):
    for n in which:
        pack = read_pack(paths[n])
        for ref, (lik, con, comment) in SCORES[n].items():
            pack.set_score(ref, lik, con, comment)
        pack.mark_returned()
        pack.save(paths[n])


@pytest.fixture
def scored(ctx, tmp_path):
    setup = make_round(ctx)
    paths = ctx.run(export_packs, round_id=setup.round_id, folder=tmp_path / "out")
    _score_packs(paths)
    return setup, paths


def _import(ctx, setup, path, today=OPENED):
    return ctx.run(import_returned_pack, round_id=setup.round_id, path=path, today=today)


def _refusal(ctx, setup, path, today=OPENED) -> str:
    before = _events(ctx)
    with pytest.raises(ValidationError) as exc:
        _import(ctx, setup, path, today)
    assert _events(ctx) == before  # nothing half-written
    return str(exc.value)


def test_packs_are_named_after_member_and_round_and_hold_only_the_selected_risks(ctx, tmp_path):
    setup = make_round(ctx)
    paths = ctx.run(export_packs, round_id=setup.round_id, folder=tmp_path)
    assert [p.name for p in paths] == [
        f"round-{setup.round_id}-Q1-risk-scoring-Lay-Member-for-Governance.bbscore",
        f"round-{setup.round_id}-Q1-risk-scoring-Clinical-Chair.bbscore",
        f"round-{setup.round_id}-Q1-risk-scoring-Chief-Nurse.bbscore"]
    content = paths[0].read_text(encoding="utf-8")
    assert "Financial targets not achieved" in content
    assert "Monthly budget review" in content and "No internal audit of QIPP" in content
    assert "Secret merger" not in content and "Clinical Chair" not in content
    pack = read_pack(paths[0])
    assert [r["reference"] for r in pack.risks] == ["CR-001", "CR-002"]
    assert pack.member["name"] == "Lay Member for Governance" and pack.digest_ok()
    assert pack.fixed["organisation"] == "Test CCG"


def test_round_end_to_end_in_any_order_with_aggregates(ctx, scored):
    setup, paths = scored
    for n in (2, 0, 1):
        assert _import(ctx, setup, paths[n]).changed
    view = ctx.run(scoring_view.round_view, round_id=setup.round_id)
    assert view.not_returned == ()
    first, second = view.risks
    assert [(s.member, s.score) for s in first.scores] == [
        ("Lay Member for Governance", 12), ("Clinical Chair", 16), ("Chief Nurse", 4)]
    assert first.summary.median_score == 12 and first.summary.range_text == "4–16"
    assert first.summary.divergent and first.suggested == (3, 4)
    assert first.scores[1].comment == "QIPP slipping badly"
    assert second.summary.median_score == 6 and second.summary.range_text == "6–9"
    assert not second.summary.divergent
    assert ctx.run(svc.get_round, round_id=setup.round_id).returned_count == 3


def test_who_has_not_returned(ctx, scored):
    setup, paths = scored
    _import(ctx, setup, paths[0])
    view = ctx.run(scoring_view.round_view, round_id=setup.round_id)
    assert view.not_returned == ("Clinical Chair", "Chief Nurse")
    assert view.risks[0].summary.count == 1


def test_repeated_import_changes_nothing_and_says_so(ctx, scored):
    setup, paths = scored
    _import(ctx, setup, paths[0])
    before = _events(ctx)
    again = _import(ctx, setup, paths[0])
    assert not again.changed and "already imported; nothing changed" in again.message
    assert _events(ctx) == before


def test_a_rescored_pack_replaces_the_members_scores(ctx, scored):
    setup, paths = scored
    _import(ctx, setup, paths[0])
    pack = read_pack(paths[0])
    pack.set_score("CR-001", 5, 5, "Worse than we thought")
    pack.save(paths[0])
    assert _import(ctx, setup, paths[0]).changed
    first = ctx.run(scoring_view.round_view, round_id=setup.round_id).risks[0]
    assert [(s.score, s.comment) for s in first.scores] == [(25, "Worse than we thought")]


def test_pack_from_another_round_is_refused(ctx, scored, tmp_path):
    setup, _paths = scored
    other = ctx.run(svc.open_round, title="Another round", question="current",
                    deadline=DEADLINE, risk_ids=[setup.risks[0].id],
                    member_ids=setup.members[:1], today=OPENED)
    foreign = ctx.run(export_packs, round_id=other.id, folder=tmp_path / "other")[0]
    message = _refusal(ctx, setup, foreign)
    assert f"a pack of round #{other.id}, not of round #{setup.round_id}" in message


def _edit(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_pack_claiming_another_member_is_refused(ctx, scored):
    setup, paths = scored
    _edit(paths[0], lambda d: d["fixed"]["member"].update(id=setup.members[1],
                                                          name="Clinical Chair"))
    message = _refusal(ctx, setup, paths[0])
    assert "issued to Lay Member for Governance" in message and "Clinical Chair's" in message


def test_pack_of_someone_not_in_the_round_is_refused(ctx, scored):
    setup, paths = scored
    _edit(paths[0], lambda d: d["fixed"].update(pack_id="00000000-0000-0000-0000-000000000000"))
    assert "not a member of this round" in _refusal(ctx, setup, paths[0])


def test_tampered_fixed_content_is_refused(ctx, scored):
    setup, paths = scored
    _edit(paths[0], lambda d: d["fixed"]["risks"][0].update(title="Nothing to worry about"))
    assert "altered outside Boardbook" in _refusal(ctx, setup, paths[0])


def test_invalid_scores_name_the_risk_and_field(ctx, scored):
    setup, paths = scored
    _edit(paths[0], lambda d: d["scores"]["CR-002"].update(likelihood=7))
    message = _refusal(ctx, setup, paths[0])
    assert "CR-002 likelihood: 7 is not 1 to 5" in message


def test_late_pack_is_accepted_and_flagged_but_refused_after_close(ctx, scored):
    setup, paths = scored
    late = _import(ctx, setup, paths[0], today=DEADLINE + dt.timedelta(days=2))
    assert late.changed and late.late and "returned late" in late.message
    ctx.run(svc.close_round, round_id=setup.round_id)
    assert "closed" in _refusal(ctx, setup, paths[1])
    members = ctx.run(scoring_view.round_view, round_id=setup.round_id).members
    assert [m.late for m in members] == [True, False, False]


def test_foreign_file_is_refused_clearly(ctx, scored, tmp_path):
    setup, _paths = scored
    bogus = tmp_path / "minutes.bbscore"
    bogus.write_text("not json at all", encoding="utf-8")
    assert "is not a Boardbook scoring pack" in _refusal(ctx, setup, bogus)


def test_adopting_the_consensus_records_the_round_in_the_risks_history(ctx, scored):
    setup, paths = scored
    for path in paths:
        _import(ctx, setup, path)
    adopted = ctx.run(scoring_view.adopt_consensus, round_id=setup.round_id,
                      risk_id=setup.risks[0].id, today=OPENED)
    assert adopted.outcome == "adopted" and adopted.adoption.score == 12
    history = ctx.run(risk_register.score_history, risk_id=setup.risks[0].id, kind="current")
    last = history[-1]
    assert last.source == f"scoring round #{setup.round_id}"
    assert last.rationale.startswith("Consensus of scoring round 'Q1 risk scoring': median "
                                     "3 × 4 (score 12); 3 members; range 4–16")
    with pytest.raises(ValidationError, match="already adopted"):
        ctx.run(scoring_view.adopt_consensus, round_id=setup.round_id, risk_id=setup.risks[0].id,
                today=OPENED)


def test_adopting_an_edited_score_and_leaving_one_for_discussion(ctx, scored):
    setup, paths = scored
    _import(ctx, setup, paths[0])
    ctx.run(scoring_view.adopt_consensus, round_id=setup.round_id, risk_id=setup.risks[1].id,
            likelihood=3, consequence=3, today=OPENED)
    row = ctx.run(risk_register.get_risk_row, risk_id=setup.risks[1].id)
    assert (row.current_likelihood, row.current_consequence) == (3, 3)
    left = ctx.run(scoring_view.leave_for_discussion, round_id=setup.round_id,
                   risk_id=setup.risks[0].id, note="Views differ widely")
    assert left.outcome == "for discussion" and left.note == "Views differ widely"


def test_open_round_reports_every_problem(ctx):
    setup = make_round(ctx)
    with pytest.raises(ValidationError) as exc:
        ctx.run(svc.open_round, title=" ", question="inherent", deadline=dt.date(2000, 1, 1),
                risk_ids=[], member_ids=[], today=OPENED)
    assert {p.field for p in exc.value.problems} == {"title", "question", "deadline", "risks",
                                                    "members"}
    everything = ctx.run(svc.open_round, title="All", question="target", deadline=DEADLINE,
                         selection="all", member_ids=setup.members, today=OPENED)
    assert everything.risk_count == 3 and everything.member_count == 3


def test_report_data(ctx, scored):
    setup, paths = scored
    _import(ctx, setup, paths[0])
    data = ctx.run(scoring_view.round_report_data, round_id=setup.round_id)
    assert data.organisation == "Test CCG" and data.members[1] == ("Clinical Chair",
                                                                    "not returned")
    assert data.members[0][1].startswith("returned ")
