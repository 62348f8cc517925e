"""The dashboard: its cards show the service's numbers, follow the filters, open the register
filtered, load off the GUI thread, and save as PNG."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from app.services.dashboard import risk_position as dashboard
from app.ui.common.tasks import ImmediateRunner, Task
from app.ui.dashboard.view import DashboardView, chart_images
from app.ui.shell.main_window import MainWindow

PNG = b"\x89PNG\r\n\x1a\n"


class HeldRunner(ImmediateRunner):
    """Keeps each task until the test lets it run, as a busy pool would."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Task] = []

    def _start(self, pool, fn, on_done, on_error, on_progress, on_cancelled) -> Task:
        task = Task(fn)
        for signal, slot in ((task.signals.done, on_done), (task.signals.failed, on_error)):
            if slot:
                signal.connect(slot)
        self.held.append(task)
        return task

    def run_all(self) -> None:
        while self.held:
            self.held.pop(0).run()


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = DashboardView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def committee_id(ctx, name: str) -> int:
    return next(c.id for c in ctx.run(dashboard.committee_choices) if c.name == name)


def test_cards_show_the_services_numbers(view, demo_ctx):
    summary = demo_ctx.run(dashboard.dashboard_summary)
    assert view.state.text().startswith("Counts as at")
    assert view.tiles["open"].value == summary.counts.open_risks
    assert view.tiles["above_appetite"].value == summary.counts.above_appetite
    assert view.tiles["reviews_overdue"].value == summary.counts.reviews_overdue
    assert view.tiles["actions_overdue"].value == summary.counts.actions_overdue
    assert f"{summary.counts.above_appetite}\nabove appetite" == view.tiles["above_appetite"].text()
    assert view.heat_maps.counts("current") == summary.heat_maps.current
    assert view.heat_maps.counts("target") == summary.heat_maps.target
    assert view.by_category.shown["labels"] == list(summary.by_category.labels)
    assert view.by_category.shown["series"]["High"] == [
        row[summary.by_category.bands.index("High")] for row in summary.by_category.counts]
    assert view.profile.shown["series"]["Extreme"] == [
        m.counts["Extreme"] for m in summary.profile.months]
    assert view.movement.shown["current"] == [
        (p.scored_on, p.score) for p in summary.movement if p.kind == "current"]
    assert view.actions.shown["series"]["Overdue"] == [
        a.overdue for a in summary.governance.actions_by_committee]
    assert view.papers.shown["series"]["Late"] == [
        m.late for m in summary.governance.papers_by_meeting]
    assert view.decisions.shown  # a chart or its "no decisions" message
    assert "meetings inquorate" in view.quorum.text()


def test_loading_happens_off_the_gui_thread_with_a_loading_state(qtbot, demo_ctx):
    runner = HeldRunner()
    widget = DashboardView(demo_ctx, runner)
    qtbot.addWidget(widget)
    assert widget.state.text() == "Loading…"
    assert not widget.content.isEnabled()
    assert widget.tiles["open"].value is None
    runner.run_all()
    assert widget.content.isEnabled()
    assert widget.tiles["open"].value == demo_ctx.run(dashboard.risk_counts).open_risks


def test_committee_and_period_filters_change_the_charts(view, demo_ctx):
    before = dict(view.by_category.shown)
    months_before = len(view.profile.shown["months"])
    papers_before = view.papers.shown["labels"]
    body = committee_id(demo_ctx, "Quality and Performance Committee")
    view.committee.setCurrentIndex(view.committee.findData(body))  # as the user picks it
    counts = demo_ctx.run(dashboard.risk_counts, committee_id=body)
    assert view.tiles["open"].value == counts.open_risks < demo_ctx.run(
        dashboard.risk_counts).open_risks
    assert view.by_category.shown != before
    assert all(label.startswith("Quality and Performance") for label in view.papers.shown["labels"])
    assert view.committee.currentData() == body  # the choice survives the reload

    view.date_from.setDate(QDate(2012, 10, 1))
    assert len(view.profile.shown["months"]) < months_before
    assert view.profile.shown["months"][0] == dt.date(2012, 10, 31)
    assert len(view.papers.shown["labels"]) < len(papers_before)
    view.reset_button.click()
    assert view.summary.date_from == dt.date(2012, 4, 1)


def test_choosing_a_risk_draws_its_scores(view, demo_ctx):
    second = view.risk_choice.itemData(1)
    view.risk_choice.setCurrentIndex(1)
    history = demo_ctx.run(dashboard.score_movement, risk_id=second,
                           date_from=view.summary.date_from, date_to=view.summary.date_to)
    assert view.movement.shown["current"] == [
        (p.scored_on, p.score) for p in history if p.kind == "current"]


def click_cell(qtbot, grid, likelihood: int, consequence: int) -> None:
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton,
                     pos=grid.cell_rect(likelihood, consequence).center())


def test_clicking_a_heat_map_cell_asks_for_the_register_filtered(qtbot, view, demo_ctx):
    with qtbot.waitSignal(view.navigate_requested) as blocker:
        click_cell(qtbot, view.heat_maps.grids["target"], 2, 3)
    assert blocker.args == ["risks", {"likelihood": 2, "consequence": 3, "kind": "target"}]
    body = committee_id(demo_ctx, "Merton CCG Governing Body")
    view.set_filters(committee_id=body)
    with qtbot.waitSignal(view.navigate_requested) as blocker:
        view.tiles["above_appetite"].click()
    assert blocker.args == ["risks", {"committee_id": body, "above_appetite": True}]


def test_inside_the_main_window_a_cell_opens_the_risks_filtered(qtbot, demo_ctx):
    window = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    board = window.show_section("dashboard")
    counts = board.heat_maps.counts("current")
    likelihood, consequence = next((lik + 1, con + 1) for lik in range(5) for con in range(5)
                                   if counts[lik][con])
    click_cell(qtbot, board.heat_maps.grids["current"], likelihood, consequence)
    risks = window.current_section()
    assert risks.objectName() == "section_risks"
    assert risks.proxy.state.cell == ("current", likelihood, consequence)
    assert risks.proxy.rowCount() == counts[likelihood - 1][consequence - 1]

    board = window.show_section("dashboard")
    board.tiles["above_appetite"].click()
    assert window.current_section() is risks
    assert risks.proxy.state.above_appetite and risks.proxy.state.cell is None
    assert risks.proxy.rowCount() == board.tiles["above_appetite"].value


def test_save_as_png_writes_a_real_png(qtbot, view, tmp_path, monkeypatch):
    target = tmp_path / "profile"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    view.cards["profile"].save_button.click()
    saved = tmp_path / "profile.png"
    assert saved.read_bytes().startswith(PNG)
    image = QImage(str(saved))
    assert image.width() > 300 and image.height() > 200


def test_chart_images_gives_every_card_as_png(qapp, demo_ctx):
    images = chart_images(demo_ctx, committee_id=None, date_from=dt.date(2012, 4, 1),
                          date_to=dt.date(2013, 3, 31))
    assert {"heat_maps", "profile", "movement", "by_category", "papers"} <= set(images)
    for data in images.values():
        assert data.startswith(PNG)
        assert not QImage.fromData(data).isNull()
