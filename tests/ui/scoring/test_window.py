"""The member's scoring screen, driven as a member would: click the matrix, comment, save,
reopen, return. It works on the pack file alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.exchange.scoring.pack import read_pack
from app.exchange.scoring.returns import export_packs
from app.ui.scoring.window import ScoringWindow
from tests.services.scoring_setup import make_round


@pytest.fixture
def pack_path(sqlite_ctx, tmp_path):
    setup = make_round(sqlite_ctx)
    return sqlite_ctx.run(export_packs, round_id=setup.round_id, folder=tmp_path)[0]


def _open(qtbot, path) -> ScoringWindow:
    window = ScoringWindow(read_pack(path), path)
    window.confirm = lambda *_a: True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _click(qtbot, window, likelihood, consequence):
    matrix = window.panel.matrix
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton,
                     pos=matrix.cell_rect(likelihood, consequence).center())


def test_scoring_saving_reopening_and_returning(qtbot, pack_path, tmp_path):
    window = _open(qtbot, pack_path)
    assert window.risk_list.count() == 2
    assert window.risk_list.item(0).text().startswith("○  CR-001\n")
    assert "Monthly budget review" in window.details.toPlainText()
    assert "No internal audit of QIPP" in window.details.toPlainText()
    _click(qtbot, window, 4, 3)
    assert window.panel.value() == (4, 3)
    assert window.risk_list.item(0).text().startswith("✓  CR-001\n")
    qtbot.keyClicks(window.comment, "QIPP is slipping")
    assert window.progress.text() == "1 of 2 scored" and window.windowTitle().startswith("*")
    window.save_button.click()
    assert not window.dirty
    window.close()

    again = _open(qtbot, pack_path)
    assert again.panel.value() == (4, 3)
    assert again.comment.toPlainText() == "QIPP is slipping"
    again.risk_list.setCurrentRow(1)
    assert again.panel.value() is None and again.comment.toPlainText() == ""
    _click(qtbot, again, 2, 2)
    returned = tmp_path / "returned.bbscore"
    again.ask_return_path = lambda: str(returned)
    assert again.return_scores()
    pack = read_pack(returned)
    assert pack.returned_at is not None and pack.digest_ok()
    assert pack.score_for("CR-001")["comment"] == "QIPP is slipping"
    assert (pack.score_for("CR-002")["likelihood"], pack.score_for("CR-002")["consequence"]) \
        == (2, 2)
    assert "returned" in again.progress.text()


def test_hovering_a_cell_says_what_it_means(qtbot, pack_path):
    window = _open(qtbot, pack_path)
    text = window.panel.matrix.tooltip_for(5, 5)
    assert "25 Extreme" in text and "Almost certain" in text


def test_a_tampered_pack_shows_a_warning(qtbot, pack_path):
    text = pack_path.read_text(encoding="utf-8").replace("Financial targets not achieved",
                                                         "Nothing to see")
    pack_path.write_text(text, encoding="utf-8")
    window = _open(qtbot, pack_path)
    assert window.warning.isVisible()


def test_returning_with_risks_unscored_asks_first(qtbot, pack_path):
    window = _open(qtbot, pack_path)
    window.confirm = lambda *_a: False
    window.ask_return_path = lambda: pytest.fail("asked for a path after No")
    assert not window.return_scores()
    assert read_pack(pack_path).returned_at is None


def test_main_window_file_menu_opens_a_scoring_pack(qtbot, sqlite_ctx, pack_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.ui.common.tasks import ImmediateRunner
    from app.ui.shell.main_window import MainWindow

    main = MainWindow(sqlite_ctx, ImmediateRunner())
    qtbot.addWidget(main)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(pack_path), "")))
    assert "scoring pack" in main.file_actions.scoring_pack_action.text()
    window = main.file_actions.open_scoring_pack()
    assert isinstance(window, ScoringWindow) and window.isVisible()
    assert window.pack.member["name"] == "Lay Member for Governance"
    window.dirty = False
    window.close()


@pytest.mark.parametrize("argv", [["score", "{pack}"], ["--as", "Lay Member", "score", "{pack}"]])
def test_main_hands_score_pack_to_the_members_window(pack_path, monkeypatch, argv):
    import main

    opened = []
    monkeypatch.setattr("app.ui.scoring.window.run_scoring_window",
                        lambda pack, path: opened.append((pack, path)) or 0)
    monkeypatch.setattr("app.services.context.AppContext.open",
                        lambda *a, **k: pytest.fail("score opened a database"))
    assert main.main([a.format(pack=pack_path) for a in argv]) == 0
    [(pack, path)] = opened
    assert str(path) == str(pack_path)
    assert pack.member["name"] == "Lay Member for Governance"
