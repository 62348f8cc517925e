"""The Risks section: the register, its filters, and what can be done to a risk from it."""

from __future__ import annotations

import dataclasses
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.domain.risk import DEFAULT_SCHEME
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from app.services.risks.register import RiskFilter
from app.ui.common.tasks import ImmediateRunner
from app.ui.risks.register_model import RiskRegisterTableModel as M
from app.ui.risks.register_view import RegisterPage, RisksView
from tests.ui.helpers import column_texts, row_where, select_text


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = RisksView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def risk(ctx, reference):
    return ctx.run(risk_register.find_risk, reference=reference)


def refs(ctx, **filters) -> list[str]:
    return [r.reference for r in ctx.run(risk_register.list_risks,
                                         filters=RiskFilter(**filters))]


@pytest.fixture
def varied(demo_ctx):
    """The demo with one risk reviewed (so not every review is overdue) and one closed."""
    cr2 = risk(demo_ctx, "CR-002")
    demo_ctx.run(risks.mark_review_done, risk_id=cr2.id, expected_version=cr2.version)
    cr4 = risk(demo_ctx, "CR-004")
    demo_ctx.run(risks.close_risk, risk_id=cr4.id, expected_version=cr4.version,
                 reason="Performance now managed through the contract")
    for action in demo_ctx.run(risks_detail.get_risk_detail, risk_id=cr2.id).actions:
        demo_ctx.run(risks_detail.complete_action, action_id=action.id,
                     expected_version=action.version)
    return demo_ctx


def test_register_shows_the_demo_risks_with_their_bands(view, demo_ctx):
    expected = demo_ctx.run(risk_register.list_risks)
    assert column_texts(view.table, M.COL_REF) == [f"CR-00{n}" for n in range(1, 7)]
    assert column_texts(view.table, M.COL_BAND) == [r.current_band for r in expected]
    assert view.filters.count.text() == "6 of 6 risks"
    cells = row_where(view.table, M.COL_REF, "CR-005")
    assert cells[M.COL_CURRENT] == "4 × 4 = 16" and cells[M.COL_BAND] == "Extreme"
    assert "Corporate" in cells[M.COL_FLAGS]
    band = view.proxy.index(column_texts(view.table, M.COL_REF).index("CR-005"), M.COL_BAND)
    extreme = QColor(DEFAULT_SCHEME.band_named("Extreme").colour)
    assert band.data(Qt.ItemDataRole.BackgroundRole) == extreme
    assert band.data(Qt.ItemDataRole.ForegroundRole) == QColor("#000000")


def test_search_narrows_as_the_service_does(view, demo_ctx):
    view.filters.search.setText("practice")
    assert column_texts(view.table, M.COL_REF) == refs(demo_ctx, text="practice")
    assert view.proxy.rowCount() >= 1
    view.filters.search.setText("no such words anywhere")
    assert view.proxy.rowCount() == 0
    assert view.filters.count.text() == "0 of 6 risks"


def _choose(combo, text):
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def _category_id(ctx, name):
    return ctx.run(risk_settings.find_category, name=name).id


@pytest.mark.parametrize("widget, value, filters", [
    ("band", "High", lambda ctx: {"band": "High"}),
    ("category", "Organisational", lambda ctx: {"category_id": _category_id(ctx,
                                                                            "Organisational")}),
    ("owner", "Chief Officer", lambda ctx: {"owner_id": risk(ctx, "CR-005").owner_id}),
    ("committee", "Merton CCG Governing Body",
     lambda ctx: {"committee_id": risk(ctx, "CR-001").committee_id}),
    ("status", "Closed risks", lambda ctx: {"status": "closed"}),
    ("status", "Open and closed", lambda ctx: {"status": None}),
    ("corporate", True, lambda ctx: {"corporate_only": True}),
    ("overdue", True, lambda ctx: {"overdue_review": True}),
    ("appetite", True, lambda ctx: {"above_appetite": True}),
])
def test_each_filter_shows_what_the_service_lists(qtbot, varied, widget, value, filters):
    view = RisksView(varied, ImmediateRunner())
    qtbot.addWidget(view)
    control = getattr(view.filters, widget)
    if isinstance(value, bool):
        control.setChecked(value)
    else:
        _choose(control, value)
    expected = refs(varied, **filters(varied))
    assert column_texts(view.table, M.COL_REF) == expected
    assert view.filters.count.text() == f"{len(expected)} of 6 risks"
    assert 0 < len(expected) < 6 or filters(varied) == {"status": None}


def test_actions_overdue_as_the_dashboard_asks(qtbot, varied):
    view = RisksView(varied, ImmediateRunner())
    qtbot.addWidget(view)
    governing_body = risk(varied, "CR-001").committee_id
    view.show_filtered(overdue_actions=True, committee_id=governing_body)
    expected = [r.reference for r in varied.run(risk_register.list_risks)
                if r.overdue_actions and r.committee_id == governing_body]
    assert column_texts(view.table, M.COL_REF) == expected
    assert "CR-002" not in expected and len(expected) >= 2
    assert view.filters.late_actions.isChecked()
    assert view.filters.committee.currentText() == "Merton CCG Governing Body"


def test_filters_combine_and_clear(view, demo_ctx):
    _choose(view.filters.category, "Organisational")
    _choose(view.filters.band, "High")
    organisational = _category_id(demo_ctx, "Organisational")
    assert column_texts(view.table, M.COL_REF) == refs(demo_ctx, band="High",
                                                       category_id=organisational)
    view.filters.clear_button.click()
    assert view.proxy.rowCount() == 6
    assert view.filters.band.currentText() == "Any band"


def test_show_filtered_from_another_screen(view, demo_ctx):
    view.show_filtered(band="Extreme", corporate_only=True)
    assert column_texts(view.table, M.COL_REF) == refs(demo_ctx, band="Extreme",
                                                       corporate_only=True)
    assert view.filters.corporate.isChecked() and view.filters.band.currentText() == "Extreme"
    view.show_filtered(likelihood=3, consequence=4)
    assert view.heat_map.cell() == (3, 4) and not view.filters.corporate.isChecked()
    assert view.proxy.rowCount() == demo_ctx.run(risk_register.heat_map_counts)[2][3]
    view.show_filtered(likelihood=2, consequence=3, kind="target")
    assert view.heat_map.kind() == "target"
    expected = [r.reference for r in demo_ctx.run(risk_register.list_risks)
                if (r.target_likelihood, r.target_consequence) == (2, 3)]
    assert column_texts(view.table, M.COL_REF) == expected


def test_sorting_by_current_score(view):
    view.table.sortByColumn(M.COL_CURRENT, Qt.SortOrder.DescendingOrder)
    assert column_texts(view.table, M.COL_REF)[0] == "CR-005"
    view.table.sortByColumn(M.COL_REF, Qt.SortOrder.AscendingOrder)
    assert column_texts(view.table, M.COL_REF) == [f"CR-00{n}" for n in range(1, 7)]


def test_reference_and_title_cannot_be_hidden(view):
    view.set_column_shown(M.COL_REF, False)
    view.set_column_shown(M.COL_TITLE, False)
    view.set_column_shown(M.COL_COMMITTEE, False)
    assert not view.table.isColumnHidden(M.COL_REF)
    assert not view.table.isColumnHidden(M.COL_TITLE)
    assert view.table.isColumnHidden(M.COL_COMMITTEE)


def test_rescore_from_the_register_and_undo_it(view, demo_ctx):
    select_text(view, M.COL_REF, "CR-003")
    was = risk(demo_ctx, "CR-003")
    assert (was.current_likelihood, was.current_consequence) != (2, 3)
    view.rescore_action.trigger()
    dialog = view.editor
    dialog.panel.matrix.choose((2, 3))
    dialog.accept()  # no rationale
    problem = dialog.findChild(type(dialog.errors.general), "problem_rationale")
    assert dialog.isVisible() and problem.isVisible()
    assert risk(demo_ctx, "CR-003").current_score == was.current_score

    dialog.rationale.setPlainText("Practice engagement plan agreed at the locality meetings")
    dialog.accept()
    assert not dialog.isVisible()
    assert row_where(view.table, M.COL_REF, "CR-003")[M.COL_CURRENT] == "2 × 3 = 6"

    view.undo_action.trigger()
    after = risk(demo_ctx, "CR-003")
    assert (after.current_likelihood, after.current_consequence) == (
        was.current_likelihood, was.current_consequence)
    last = demo_ctx.run(risk_register.score_history, risk_id=after.id)[-1]
    assert last.rationale.startswith("Undo of: Practice engagement plan")
    view.redo_action.trigger()
    assert risk(demo_ctx, "CR-003").current_score == 6


def test_close_and_reopen_with_undo(view, demo_ctx):
    select_text(view, M.COL_REF, "CR-006")
    view.close_action.trigger()
    view.editor.reason.setPlainText("Merged into CR-005")
    view.editor.accept()
    assert "CR-006" not in column_texts(view.table, M.COL_REF)
    assert risk(demo_ctx, "CR-006").status == "closed"
    view.undo_action.trigger()
    assert risk(demo_ctx, "CR-006").status == "open"
    _choose(view.filters.status, "Open and closed")
    view.redo_action.trigger()
    select_text(view, M.COL_REF, "CR-006")
    assert view.close_action.text() == "Reopen risk"
    view.close_action.trigger()
    assert risk(demo_ctx, "CR-006").status == "open"


def test_mark_reviewed(view, demo_ctx):
    select_text(view, M.COL_REF, "CR-001")
    view.review_action.trigger()
    row = risk(demo_ctx, "CR-001")
    assert not row.review_overdue and row.last_reviewed_on is not None
    assert "Review overdue" not in row_where(view.table, M.COL_REF, "CR-001")[M.COL_FLAGS]


def test_enter_opens_the_editor(view, qtbot):
    select_text(view, M.COL_REF, "CR-002")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.editor.windowTitle().startswith("CR-002")
    view.editor.reject()


def test_the_main_window_lists_risks(qtbot, demo_ctx):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(window)
    section = window.show_section("risks", band="Extreme")
    assert column_texts(section.table, M.COL_REF) == ["CR-005"]


# ------------------------------------------------------------------------- a large register

@pytest.fixture(scope="module")
def ten_thousand(demo_template):
    """10,000 register rows made from the demo's, with scores and owners spread about."""
    from app.services.context import AppContext

    ctx = AppContext.open(demo_template, actor="test")
    template = ctx.run(risk_register.list_risks)[0]
    ctx.close()
    rng = random.Random(2012)
    rows = []
    for n in range(10_000):
        lik, con = rng.randint(1, 5), rng.randint(1, 5)
        band = DEFAULT_SCHEME.band_for(lik * con)
        rows.append(dataclasses.replace(
            template, id=n + 1, reference=f"CR-{n + 1:05d}", title=f"Generated risk {n + 1}",
            current_likelihood=lik, current_consequence=con, current_score=lik * con,
            current_band=band.name, current_colour=band.colour, owner_id=n % 7,
            owner=f"Owner {n % 7}", status="open" if n % 10 else "closed",
            on_corporate_register=lik * con >= 15))
    return rows


def test_ten_thousand_rows_filter_and_count(view, ten_thousand):
    """Not a timing test: with a register this size the filters still give the right count
    (the smoothness comes from the design: one pass, fixed row heights, a keyed sort)."""
    view._on_loaded(RegisterPage(view._generation, ten_thousand, DEFAULT_SCHEME, []))
    open_rows = [r for r in ten_thousand if r.status == "open"]
    assert view.filters.count.text() == f"{len(open_rows):,} of 10,000 risks"

    _choose(view.filters.band, "Extreme")
    extreme = [r for r in open_rows if r.current_band == "Extreme"]
    assert view.filters.count.text() == f"{len(extreme):,} of 10,000 risks"
    counts = view.heat_map.counts()
    assert sum(map(sum, counts)) == len(extreme) and counts[0][0] == 0

    view.filters.search.setText("risk 99")
    wanted = [r for r in extreme if "risk 99" in r.title.lower()]
    assert view.proxy.rowCount() == len(wanted)
    view.table.sortByColumn(M.COL_REF, Qt.SortOrder.DescendingOrder)
    assert column_texts(view.table, M.COL_REF)[0] == max(r.reference for r in wanted)
    assert view.table.verticalHeader().sectionResizeMode(0).name == "Fixed"


def test_editing_one_risk_changes_its_row_only(view, demo_ctx, qtbot):
    view.table.sortByColumn(M.COL_TITLE, Qt.SortOrder.AscendingOrder)
    cr3 = risk(demo_ctx, "CR-003")
    at = view.model.position_of(cr3.id)
    resets, changed = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.dataChanged.connect(lambda top, bottom, *_: changed.append(
        (top.row(), bottom.row())))
    after = demo_ctx.run(risks.update_risk, risk_id=cr3.id, expected_version=cr3.version,
                         title="Aaa: first by title now")
    view._on_risk_saved(after)
    assert not resets
    assert changed == [(at, at)]  # then sorted again, as its title moved it
    # The table shows the new title, in its place by title, and the risk stays selected.
    assert column_texts(view.table, M.COL_TITLE)[0] == "Aaa: first by title now"
    assert view.selected_row().id == cr3.id
    assert view.filters.count.text() == "6 of 6 risks"


def test_undo_of_a_risk_edit_updates_its_row_only(view, demo_ctx, qtbot):
    view.table.sortByColumn(M.COL_REF, Qt.SortOrder.AscendingOrder)
    cr2 = risk(demo_ctx, "CR-002")
    after = demo_ctx.run(risks.update_risk, risk_id=cr2.id, expected_version=cr2.version,
                         title="Renamed")
    old_title = cr2.title
    view.undo_stack.push_change("Rename CR-002", after,
                                undo=lambda cur: demo_ctx.run(
                                    risks.update_risk, risk_id=cur.id,
                                    expected_version=cur.version, title=old_title),
                                redo=lambda cur: cur)
    view._on_risk_saved(after)
    assert row_where(view.table, M.COL_REF, "CR-002")[M.COL_TITLE] == "Renamed"
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.undo_stack.undo()
    assert not resets
    assert row_where(view.table, M.COL_REF, "CR-002")[M.COL_TITLE] == old_title


def test_a_rescored_risk_moves_one_count_on_the_heat_map(view, demo_ctx, monkeypatch):
    cr3 = risk(demo_ctx, "CR-003")
    was = (cr3.current_likelihood, cr3.current_consequence)
    new = (1, 1) if was != (1, 1) else (5, 5)
    before = [list(line) for line in view.heat_map.counts()]
    recounts = []
    monkeypatch.setattr(view.proxy, "matching_rows",
                        lambda **kw: recounts.append(kw) or [])  # a recount would show
    after = demo_ctx.run(risks.rescore_risk, risk_id=cr3.id, expected_version=cr3.version,
                         kind="current", likelihood=new[0], consequence=new[1],
                         rationale="Moved for the test")
    view.update_row(after.id)
    assert not recounts
    expected = [list(line) for line in before]
    expected[was[0] - 1][was[1] - 1] -= 1
    expected[new[0] - 1][new[1] - 1] += 1
    assert view.heat_map.counts() == expected
    monkeypatch.undo()
    view.refresh()  # a full reload counts every row again, and agrees
    assert view.heat_map.counts() == expected


def test_a_risk_the_filter_drops_leaves_the_heat_map(view, demo_ctx):
    cr3 = risk(demo_ctx, "CR-003")
    view.filters.search.setText(cr3.title)
    cell = (cr3.current_likelihood, cr3.current_consequence)
    assert view.heat_map.counts()[cell[0] - 1][cell[1] - 1] == 1
    after = demo_ctx.run(risks.update_risk, risk_id=cr3.id, expected_version=cr3.version,
                         title="Something else entirely")
    view.update_row(after.id)
    assert sum(map(sum, view.heat_map.counts())) == 0
