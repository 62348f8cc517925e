"""The Scoring rounds section, driven as a board secretary would: a round, packs out, packs
back (some refused), the members' scores side by side, consensus adopted, report."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.exchange.scoring.pack import read_pack
from app.services.risks import register as risk_register
from app.services.scoring import view as scoring_view
from app.ui.common.tasks import ImmediateRunner
from app.ui.scoring.view import ScoringView
from tests.services.scoring_setup import OPENED, make_round

SCORES = [{"CR-001": (3, 4, "Budget holds"), "CR-002": (2, 3, "")},
          {"CR-001": (4, 4, "QIPP slipping"), "CR-002": (2, 3, "")},
          {"CR-001": (2, 2, ""), "CR-002": (3, 3, "")}]


@pytest.fixture
def setup(sqlite_ctx):
    return make_round(sqlite_ctx)


@pytest.fixture
def view(qtbot, sqlite_ctx, setup):
    widget = ScoringView(sqlite_ctx, ImmediateRunner())
    widget.confirm = lambda *_a: True
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def _cells(view, row: int) -> list[str]:
    model = view.scores
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _export_and_score(view, tmp_path, which=(0, 1, 2)):
    view.ask_folder = lambda: str(tmp_path / "packs")
    view.export_action.trigger()
    paths = sorted((tmp_path / "packs").glob("*.bbscore"))
    by_member = {read_pack(p).member["name"]: p for p in paths}
    ordered = [by_member[n] for n in ("Lay Member for Governance", "Clinical Chair",
                                      "Chief Nurse")]
    for n in which:
        pack = read_pack(ordered[n])
        for ref, (lik, con, comment) in SCORES[n].items():
            pack.set_score(ref, lik, con, comment)
        pack.mark_returned()
        pack.save(ordered[n])
    return ordered


def test_round_view_shows_members_scores_and_aggregates(view, tmp_path, sqlite_ctx, setup):
    assert view.rounds.rowCount() == 1 and view.selected_round().title == "Q1 risk scoring"
    paths = _export_and_score(view, tmp_path)
    assert "Exported 3 pack(s)" in view.log.toPlainText()
    view.ask_pack_files = lambda: [str(p) for p in paths]
    view.import_action.trigger()
    assert view.log.toPlainText().count("Imported") == 3
    headings = [view.scores.headerData(c, Qt.Orientation.Horizontal)
                for c in range(view.scores.columnCount())]
    assert headings == ["Risk", "Title", "Lay Member for Governance", "Clinical Chair",
                        "Chief Nurse", "Median", "Range", "Bands apart", "Outcome"]
    assert _cells(view, 0)[2:8] == ["3×4=12 ✎", "4×4=16 ✎", "2×2=4", "12", "4–16",
                                    "Divergent"]
    assert _cells(view, 1)[5:8] == ["6", "6–9", ""]
    assert view.scores.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == \
        "Clinical Chair: QIPP slipping"
    assert view.scores.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.scores.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Every member has returned" in view.heading.text()


def test_refused_packs_are_listed_with_reasons(view, tmp_path, sqlite_ctx, setup):
    paths = _export_and_score(view, tmp_path)
    data = json.loads(paths[1].read_text(encoding="utf-8"))
    data["fixed"]["risks"][0]["title"] = "Nothing to worry about"
    paths[1].write_text(json.dumps(data), encoding="utf-8")
    junk = tmp_path / "notes.bbscore"
    junk.write_text("hello", encoding="utf-8")
    view.ask_pack_files = lambda: [str(paths[0]), str(paths[1]), str(junk), str(paths[0])]
    view.import_action.trigger()
    log = view.log.toPlainText().splitlines()[-4:]
    assert log[0].startswith("Imported")
    assert log[1].startswith("REFUSED") and "altered outside Boardbook" in log[1]
    assert log[2].startswith("REFUSED notes.bbscore") and "not a Boardbook scoring pack" in log[2]
    assert log[3].startswith("Unchanged") and "nothing changed" in log[3]
    assert "Not returned: Clinical Chair, Chief Nurse" in view.heading.text()


def test_adopt_discuss_close_and_report(view, tmp_path, sqlite_ctx, setup, qtbot):
    paths = _export_and_score(view, tmp_path)
    view.ask_pack_files = lambda: [str(p) for p in paths]
    view.import_action.trigger()
    view.scores_table.selectRow(0)
    view.adopt_action.trigger()
    dialog = view.dialog
    assert dialog.panel.value() == (3, 4)
    dialog.panel.matrix.choose((3, 5))
    dialog.accept()
    assert _cells(view, 0)[-1] == "Adopted 3 × 5 = 15 Extreme"
    history = sqlite_ctx.run(risk_register.score_history, risk_id=setup.risks[0].id)
    assert history[-1].source == f"scoring round #{setup.round_id}"
    view.scores_table.selectRow(1)
    view.ask_note = lambda _ref: "Needs the finance committee's view"
    view.discuss_action.trigger()
    assert _cells(view, 1)[-1] == "For discussion"
    view.close_action.trigger()
    assert view.selected_round().status == "closed"
    assert not view.import_action.isEnabled()
    pdf = tmp_path / "round.pdf"
    view.ask_pdf_path = lambda: str(pdf)
    view.report_action.trigger()
    assert pdf.read_bytes().startswith(b"%PDF")


def test_new_round_dialog(view, sqlite_ctx, setup):
    view.new_round(today=OPENED)
    dialog = view.dialog
    dialog.accept()  # nothing filled in: problems shown, dialog stays open
    assert dialog.isVisible()
    dialog.title.setText("Corporate register check")
    dialog.selection.button(2).setChecked(True)
    dialog.risks.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.members.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert not dialog.isVisible()
    assert view.selected_round().title == "Corporate register check"
    rnd = sqlite_ctx.run(scoring_view.round_view, round_id=view.selected_round().id)
    assert [r.reference for r in rnd.risks] == ["CR-003"] and len(rnd.members) == 1


def test_closing_a_round_changes_its_row_only(view, setup):
    resets, changed = [], []
    view.rounds.modelReset.connect(lambda: resets.append(1))
    view.rounds.dataChanged.connect(lambda top, bottom, *_: changed.append(
        (top.row(), bottom.row())))
    view.select_round(setup.round_id)
    at = view.rounds.position_of(setup.round_id)
    view.close_action.trigger()
    assert not resets and changed == [(at, at)]
    assert view.selected_round().status == "closed"
    assert "closed" in view.heading.text() and not view.close_action.isEnabled()
