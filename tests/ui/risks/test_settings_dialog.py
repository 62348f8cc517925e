"""Risk settings: bands with a live preview, categories with the board's appetite, and the
strategic objectives, opened from the register's Settings… button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from app.domain.risk import DEFAULT_SCHEME, default_tolerance
from app.services.risks import settings as risk_settings
from app.ui.common.tasks import ImmediateRunner
from app.ui.risks.register_model import RiskRegisterTableModel as M
from app.ui.risks.register_view import RisksView
from app.ui.risks.settings_dialog import COL_COLOUR, COL_MIN, COL_NAME, NO_BAND
from app.ui.risks.settings_lists import CategoriesList, ObjectivesList
from tests.ui.helpers import column_texts, row_where


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = RisksView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


@pytest.fixture
def dialog(view):
    view.settings_action.trigger()
    return view.editor


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_settings_button_opens_the_dialog_with_the_schemes_bands(dialog):
    assert dialog.objectName() == "riskSettingsDialog" and dialog.isVisible()
    table = dialog.bands.table
    assert [table.item(r, COL_NAME).text() for r in range(table.rowCount())] == \
        [b.name for b in DEFAULT_SCHEME.bands]
    assert table.item(3, COL_COLOUR).text() == "#FF0000"
    assert table.item(3, COL_COLOUR).background().color() == QColor("#FF0000")
    assert dialog.bands.threshold.value() == 15 and dialog.bands.prefix.text() == "CR"


def test_rename_a_band_and_change_its_colour(dialog, view, demo_ctx, monkeypatch):
    tab = dialog.bands
    tab.table.item(1, COL_NAME).setText("Medium")
    monkeypatch.setattr(QColorDialog, "getColor",
                        staticmethod(lambda *args, **kwargs: QColor("#00b0f0")))
    tab.table.cellDoubleClicked.emit(1, COL_COLOUR)
    assert tab.table.item(1, COL_COLOUR).text() == "#00B0F0"
    assert tab.preview.scheme.band_for(4).colour.upper() == "#00B0F0"  # preview follows
    tab.save_button.click()
    assert tab.problem_text() == ""
    scheme = demo_ctx.run(risk_settings.get_band_scheme)
    medium = scheme.bands[1]
    assert (medium.name, medium.min, medium.max, medium.colour.upper()) == \
        ("Medium", 4, 6, "#00B0F0")
    assert scheme.bands[0] == DEFAULT_SCHEME.bands[0]
    # The register reloaded: CR-004 (current 2 × 3 = 6 in the demo) is now Medium.
    assert row_where(view.table, M.COL_REF, "CR-004")[M.COL_BAND] == "Medium"
    assert "Medium" in combo_texts(view.filters.band)
    assert "Moderate" not in combo_texts(view.filters.band)


def test_overlapping_bands_show_the_problem_in_place_and_save_nothing(dialog, demo_ctx):
    tab = dialog.bands
    tab.table.item(1, 2).setText("9")  # Moderate 4–9 overlaps High 8–12
    tab.prefix.setText("BR")  # valid, but saved only with valid bands
    tab.save_button.click()
    text = tab.problem_text()
    assert "Rows 2, 3" in text and "Moderate (4–9) and High (8–12) overlap" in text
    assert tab.table.item(1, COL_NAME).background().color() == QColor("#f8d7da")
    assert tab.table.item(0, COL_NAME).background().style() == Qt.BrushStyle.NoBrush  # Low
    with demo_ctx.transaction() as s:
        assert risk_settings.get_band_scheme(s) == DEFAULT_SCHEME
        assert risk_settings.get_reference_prefix(s) == "CR"


def test_a_gap_shows_grey_in_the_preview_and_a_bad_prefix_shows_under_it(dialog, demo_ctx):
    tab = dialog.bands
    tab.table.item(1, COL_MIN).setText("5")  # 4 is now in no band
    assert tab.preview.scheme.band_for(4).colour == NO_BAND
    tab.prefix.setText("C R!")
    tab.save_button.click()
    assert "A score of 4 is in no band" in tab.problem_text()
    prefix_problem = tab.findChild(type(tab.note), "problem_prefix")
    assert not prefix_problem.isHidden() and "letters or digits" in prefix_problem.text()
    assert demo_ctx.run(risk_settings.get_band_scheme) == DEFAULT_SCHEME


def test_not_a_number_names_its_row(dialog):
    tab = dialog.bands
    tab.table.item(2, COL_MIN).setText("eight")
    tab.save_button.click()
    assert "Row 3 (High): High: From must be a whole number" in tab.problem_text()


def test_reset_puts_back_the_defaults_after_a_change(dialog, demo_ctx):
    tab = dialog.bands
    tab.table.item(0, COL_NAME).setText("Green")
    tab.threshold.setValue(12)
    tab.save_button.click()
    assert demo_ctx.run(risk_settings.get_band_scheme).escalation_threshold == 12
    tab.reset_button.click()
    assert tab.table.item(0, COL_NAME).text() == "Low" and tab.threshold.value() == 15
    tab.save_button.click()
    assert demo_ctx.run(risk_settings.get_band_scheme) == DEFAULT_SCHEME


def test_add_a_category_whose_tolerance_follows_its_appetite(dialog, view, demo_ctx):
    cats: CategoriesList = dialog.categories
    cats.add_button.click()
    editor = cats.editor
    editor.name.setText("Estates")
    editor.appetite.setCurrentIndex(3)  # Open
    assert editor.tolerance.value() == default_tolerance(3)
    editor.appetite.setCurrentIndex(editor.appetite.findText("2 Cautious"))
    assert editor.tolerance.value() == default_tolerance(2) == 9
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert not editor.isVisible()
    row = demo_ctx.run(risk_settings.find_category, name="Estates")
    assert (row.appetite, row.tolerance) == ("Cautious", 9)
    assert "Estates" in [cats.table.item(r, 0).text() for r in range(cats.table.rowCount())]
    assert "Estates" in combo_texts(view.filters.category)


def test_a_problem_with_a_category_shows_under_its_field(dialog):
    cats = dialog.categories
    cats.add()
    cats.editor.name.setText("financial")  # the demo has Financial
    cats.editor.accept()
    problem = cats.editor.findChild(type(cats.editor.meaning), "problem_name")
    assert "already a category called 'financial'" in problem.text()


def test_removing_a_category_in_use_is_refused_with_the_message(qtbot, dialog, demo_ctx,
                                                                message_boxes):
    cats = dialog.categories
    dialog.tabs.setCurrentWidget(cats)
    cats.select_text(CategoriesList.COL_NAME, "Financial")
    cats.remove_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.texts), timeout=2000)
    assert any("used by 1 risk(s)" in text for text in message_boxes.texts)
    assert "Financial" in [c.name for c in demo_ctx.run(risk_settings.list_categories)]
    cats.select_text(CategoriesList.COL_NAME, "Innovation")  # used by none
    cats.remove_button.click()
    assert "Innovation" not in [c.name for c in demo_ctx.run(risk_settings.list_categories)]


def test_add_and_edit_an_objective(dialog, demo_ctx):
    objs: ObjectivesList = dialog.objectives
    changed = []
    dialog.settings_changed.connect(lambda: changed.append(True))
    objs.add_button.click()
    objs.editor.code.setText("SO5")
    objs.editor.title.setText("Commission safe, sustainable estates")
    objs.editor.description.setPlainText("From the 2013/14 strategy")
    objs.editor.accept()
    rows = {o.code: o for o in demo_ctx.run(risk_settings.list_objectives)}
    assert rows["SO5"].title == "Commission safe, sustainable estates"
    assert rows["SO5"].description == "From the 2013/14 strategy"
    assert "SO5" in column_texts(objs.table, ObjectivesList.COL_CODE)
    assert changed
    objs.select_text(ObjectivesList.COL_CODE, "SO5")
    objs.edit_button.click()
    objs.editor.title.setText("Safe and sustainable estates")
    objs.editor.accept()
    assert {o.code: o.title for o in demo_ctx.run(risk_settings.list_objectives)}["SO5"] == \
        "Safe and sustainable estates"
