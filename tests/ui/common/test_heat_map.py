"""The heat map: counts per cell as the service counts them, and clicking a cell to filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.domain.risk import DEFAULT_SCHEME
from app.services.risks import register as risk_register
from app.services.risks.register import RiskFilter
from app.ui.common.heat_map import HeatMapWidget
from app.ui.common.risk_grid import BLACK, WHITE, text_colour_on
from app.ui.common.tasks import ImmediateRunner
from app.ui.risks.register_model import RiskRegisterTableModel as M
from app.ui.risks.register_view import RisksView
from tests.ui.helpers import column_texts


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = RisksView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_cell(qtbot, grid, likelihood: int, consequence: int) -> None:
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton,
                     pos=grid.cell_rect(likelihood, consequence).center())


def refs(ctx, **filters) -> list[str]:
    return [r.reference for r in ctx.run(risk_register.list_risks,
                                         filters=RiskFilter(**filters))]


def test_counts_are_the_services_counts(view, demo_ctx):
    assert view.heat_map.counts() == demo_ctx.run(risk_register.heat_map_counts)
    assert sum(map(sum, view.heat_map.counts())) == 6


def test_target_counts_after_the_toggle(view, demo_ctx):
    view.heat_map.findChild(type(view.heat_map.kind_buttons.buttons()[0]),
                            "heatMap_target").click()
    assert view.heat_map.kind() == "target"
    assert view.heat_map.counts() == demo_ctx.run(risk_register.heat_map_counts, kind="target")


def fullest_cell(ctx) -> tuple[int, int, int]:
    """The cell holding most risks: likelihood, consequence, count."""
    counts = ctx.run(risk_register.heat_map_counts)
    return max(((lik + 1, con + 1, n) for lik, row in enumerate(counts)
                for con, n in enumerate(row)), key=lambda cell: cell[2])


def test_clicking_a_cell_filters_the_register_and_clicking_again_clears(view, qtbot,
                                                                        demo_ctx):
    grid = view.heat_map.grid
    lik, con, count = fullest_cell(demo_ctx)
    assert count >= 2
    click_cell(qtbot, grid, lik, con)
    expected = [r.reference for r in demo_ctx.run(risk_register.list_risks)
                if (r.current_likelihood, r.current_consequence) == (lik, con)]
    assert len(expected) == count
    assert column_texts(view.table, M.COL_REF) == expected
    assert set(column_texts(view.table, M.COL_CURRENT)) == {f"{lik} × {con} = {lik * con}"}
    assert view.filters.count.text() == f"{count} of 6 risks"
    assert view.heat_map.cell() == (lik, con)
    assert "Click the cell again" in view.heat_map.note.text()

    click_cell(qtbot, grid, lik, con)
    assert view.heat_map.cell() is None
    assert column_texts(view.table, M.COL_REF) == refs(demo_ctx)


def test_cell_filter_combines_with_the_other_filters(view, qtbot, demo_ctx):
    lik, con, _count = fullest_cell(demo_ctx)
    click_cell(qtbot, view.heat_map.grid, lik, con)
    view.filters.corporate.setChecked(True)
    assert column_texts(view.table, M.COL_REF) == [
        r.reference for r in demo_ctx.run(risk_register.list_risks,
                                          filters=RiskFilter(corporate_only=True))
        if (r.current_likelihood, r.current_consequence) == (lik, con)]
    # The counts show every cell for the other filters, so the user sees where to go.
    assert view.heat_map.counts() == demo_ctx.run(risk_register.heat_map_counts,
                                                  filters=RiskFilter(corporate_only=True))


def test_an_empty_cell_filters_to_nothing(view, qtbot):
    click_cell(qtbot, view.heat_map.grid, 1, 1)
    assert view.proxy.rowCount() == 0
    assert view.filters.count.text() == "0 of 6 risks"


def test_tooltip_names_the_cell_and_its_count(view, demo_ctx):
    tip = view.heat_map.grid.tooltip_for(3, 4)
    assert tip.startswith("Likelihood 3 Possible × consequence 4 Major = 12 (High)")
    count = demo_ctx.run(risk_register.heat_map_counts)[2][3]
    assert f"\n{count} risk{'s' if count != 1 else ''}." in tip


def test_grid_geometry_likelihood_along_the_bottom_consequence_up_the_side(qtbot):
    widget = HeatMapWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 480)
    widget.show()
    grid = widget.grid
    for lik in range(1, 6):
        for con in range(1, 6):
            assert grid.cell_at(grid.cell_rect(lik, con).center()) == (lik, con)
    assert grid.cell_rect(5, 1).left() > grid.cell_rect(1, 1).left()
    assert grid.cell_rect(1, 5).top() < grid.cell_rect(1, 1).top()
    counts = [[0] * 5 for _ in range(5)]
    counts[4][4] = 7
    widget.set_counts(counts)
    image = widget.grab().toImage()
    centre = grid.mapTo(widget, grid.cell_rect(1, 1).topLeft()) + grid.cell_rect(1, 1).center() \
        - grid.cell_rect(1, 1).topLeft()
    low = QColor(DEFAULT_SCHEME.band_for(1).colour)
    assert image.pixelColor(centre.x() + 6, centre.y() + 6).name() == low.name()


def test_text_is_black_or_white_whichever_reads_better():
    assert text_colour_on(QColor("#FFFF00")) == BLACK
    assert text_colour_on(QColor("#92D050")) == BLACK
    assert text_colour_on(QColor("#003087")) == WHITE
