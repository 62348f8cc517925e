"""The risk editor: matrices, saving, rescoring with a rationale, the detail tabs, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.domain.risk_descriptors import LIKELIHOOD_IN_WORDS, consequence_descriptor
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from app.ui.risks.editor import RiskEditorDialog
from app.ui.risks.register_model import WARNING_COLOUR
from tests.ui.helpers import column_texts


def risk(ctx, reference):
    return ctx.run(risk_register.find_risk, reference=reference)


@pytest.fixture
def open_editor(qtbot, demo_ctx):
    def make(reference=None):
        row = risk(demo_ctx, reference) if reference else None
        editor = RiskEditorDialog(demo_ctx, row)
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        return editor
    return make


def click(qtbot, matrix, likelihood, consequence):
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton,
                     pos=matrix.cell_rect(likelihood, consequence).center())


def problem(editor, field) -> QLabel:
    return editor.findChild(QLabel, f"problem_{field}")


def tab_index(editor, title) -> int:
    return next(i for i in range(editor.tabs.count())
                if editor.tabs.tabText(i).startswith(title))


def test_clicking_a_matrix_cell_sets_the_score(open_editor, qtbot):
    editor = open_editor()
    editor.tabs.setCurrentIndex(1)
    panel = editor.scores.panels["current"]
    assert panel.value() is None and panel.score.text() == "Not scored"
    click(qtbot, panel.matrix, 4, 3)
    assert panel.value() == (4, 3)
    assert panel.score.text() == "4 × 3 = 12 High"
    click(qtbot, panel.matrix, 5, 4)
    assert panel.score.text() == "5 × 4 = 20 Extreme"


def test_hovering_a_cell_says_what_it_means(open_editor, qtbot):
    editor = open_editor("CR-001")  # consequence domain: finance
    editor.tabs.setCurrentIndex(1)
    matrix = editor.scores.panels["inherent"].matrix
    qtbot.mouseMove(matrix, matrix.cell_rect(2, 5).center())
    qtbot.waitUntil(lambda: matrix.hover == (2, 5))
    text = editor.scores.panels["inherent"].descriptor.text()
    assert LIKELIHOOD_IN_WORDS[1] in text and "at least annually" in text
    assert consequence_descriptor("finance", 5) in text
    assert matrix.toolTip().startswith("2 × 5 = 10 High")
    assert LIKELIHOOD_IN_WORDS[1] in matrix.toolTip()


def test_raising_a_risk(open_editor, qtbot, demo_ctx):
    editor = open_editor()
    editor.fields.title.setText("Loss of the community services contract")
    category = demo_ctx.run(risk_settings.find_category, name="Project")
    editor.fields.category.setCurrentIndex(editor.fields.category.findData(category.id))
    editor.scores.domain.setCurrentIndex(editor.scores.domain.findData("service"))
    for kind, cell in (("inherent", (4, 4)), ("current", (3, 4)), ("target", (2, 3))):
        click(qtbot, editor.scores.panels[kind].matrix, *cell)
    editor.fields.target_date.set_date(dt.date(2027, 3, 31))
    assert editor.save()

    saved = risk(demo_ctx, "CR-007")
    assert saved.title == "Loss of the community services contract"
    assert (saved.inherent_score, saved.current_score, saved.target_score) == (16, 12, 6)
    assert saved.consequence_domain == "service"
    assert editor.windowTitle().startswith("CR-007")
    assert editor.tabs.isTabEnabled(tab_index(editor, "Controls"))


def test_raising_without_scores_shows_problems_and_saves_nothing(open_editor, demo_ctx):
    editor = open_editor()
    editor.fields.title.setText("Unscored")
    assert not editor.save()
    assert problem(editor, "scores").isVisibleTo(editor)
    assert problem(editor, "scores").text() == ("The inherent score is required\n"
                                                "The current score is required")
    assert problem(editor, "category_id").text() == "Choose a category for the risk"
    assert len(demo_ctx.run(risk_register.list_risks)) == 6


def test_rescoring_without_a_rationale_shows_the_message_in_place(open_editor, qtbot,
                                                                   demo_ctx):
    editor = open_editor("CR-003")
    before = demo_ctx.run(risk_register.score_history, risk_id=editor.row.id)
    score = editor.row.current_score
    assert score != 16
    click(qtbot, editor.scores.panels["current"].matrix, 4, 4)
    assert editor.scores.rationale_label.text() == "Why the score changed *"
    assert not editor.save()
    assert editor.tabs.currentIndex() == 1  # the tab with the problem
    label = problem(editor, "rationale")
    assert label.isVisible()
    assert label.text() == "Say why the score changed: a rationale is required"
    assert risk(demo_ctx, "CR-003").current_score == score
    assert demo_ctx.run(risk_register.score_history, risk_id=editor.row.id) == before


def test_rescoring_with_a_rationale_records_it_and_escalates(open_editor, qtbot, demo_ctx):
    editor = open_editor("CR-003")
    assert not editor.fields.corporate.isChecked()
    click(qtbot, editor.scores.panels["current"].matrix, 4, 4)
    editor.scores.rationale.setPlainText("Three practices have left the locality groups")
    assert editor.save()

    saved = risk(demo_ctx, "CR-003")
    assert saved.current_score == 16 and saved.on_corporate_register
    last = demo_ctx.run(risk_register.score_history, risk_id=saved.id)[-1]
    assert (last.likelihood, last.consequence, last.rationale) == (
        4, 4, "Three practices have left the locality groups")
    assert editor.fields.corporate.isChecked()
    assert "corporate risk register" in editor.heading.text()
    history = editor.details.history
    assert column_texts(history.history_table, 7)[-1] == last.rationale
    assert column_texts(history.escalations_table, 1)[-1] == "Escalated"
    assert editor.scores.rationale.toPlainText() == ""  # ready for the next change


def test_adding_a_control_shows_in_its_tab(open_editor, demo_ctx):
    editor = open_editor("CR-002")
    tab = editor.details.controls
    before = len(column_texts(tab.table, 0))
    editor.tabs.setCurrentIndex(tab_index(editor, "Controls"))
    tab.add_button.click()
    dialog = tab.dialog
    dialog.description.setPlainText("Engagement plan signed off by the Governing Body")
    dialog.control_type.setCurrentIndex(dialog.control_type.findData("directive"))
    dialog.accept()
    assert not dialog.isVisible()
    assert "Engagement plan signed off by the Governing Body" in column_texts(tab.table, 0)
    assert len(column_texts(tab.table, 0)) == before + 1
    assert editor.tabs.tabText(tab_index(editor, "Controls")) == f"Controls ({before + 1})"
    detail = demo_ctx.run(risks_detail.get_risk_detail, risk_id=editor.row.id)
    assert detail.controls[-1].control_type == "directive"


def test_an_overdue_action_shows_in_red(open_editor, demo_ctx):
    editor = open_editor("CR-002")
    tab = editor.details.actions
    tab.add_button.click()
    tab.dialog.description.setPlainText("Publish the consultation response")
    tab.dialog.due_on.set_date(dt.date(2013, 1, 31))
    tab.dialog.accept()
    row = column_texts(tab.table, 0).index("Publish the consultation response")
    assert column_texts(tab.table, 3)[row] == "Open — overdue"
    index = tab.table.model().index(row, 0)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == WARNING_COLOUR


def test_assurance_gap_and_removal(open_editor, demo_ctx):
    editor = open_editor("CR-002")
    tab = editor.details.assurances
    tab.add_button.click()
    tab.dialog.description.setPlainText("Internal audit: engagement process")
    tab.dialog.line.setCurrentIndex(tab.dialog.line.findData(3))
    tab.dialog.positive.setCurrentIndex(tab.dialog.positive.findData(False))
    tab.dialog.accept()
    row = column_texts(tab.table, 1).index("Internal audit: engagement process")
    assert column_texts(tab.table, 0)[row] == "3 — independent"
    assert column_texts(tab.table, 2)[row] == "Negative"

    gaps = editor.details.gaps
    gaps.add_button.click()
    gaps.dialog.accept()  # no description
    assert gaps.dialog.isVisible() and problem(gaps.dialog, "description").isVisible()
    gaps.dialog.description.setPlainText("No patient view of the redesign")
    gaps.dialog.accept()
    gaps.table.selectRow(column_texts(gaps.table, 1).index("No patient view of the redesign"))
    gaps.remove_button.click()
    gaps.confirm.button(QMessageBox.StandardButton.Yes).click()
    assert "No patient view of the redesign" not in column_texts(gaps.table, 1)


def test_linking_an_objective(open_editor, demo_ctx):
    editor = open_editor("CR-002")
    tab = editor.details.objectives
    linked = column_texts(tab.table, 0)
    tab.choice.setCurrentIndex(0)
    code = tab.choice.currentText().split()[0]
    tab.link_button.click()
    assert column_texts(tab.table, 0) == sorted([*linked, code])
    tab.table.selectRow(column_texts(tab.table, 0).index(code))
    tab.unlink_button.click()
    assert column_texts(tab.table, 0) == linked


def test_undo_of_an_edit_restores_the_database(open_editor, demo_ctx):
    editor = open_editor("CR-006")
    editor.fields.title.setText("Strategy not delivered: capacity")
    assert editor.save()
    assert risk(demo_ctx, "CR-006").title == "Strategy not delivered: capacity"
    assert editor.undo_button.isEnabled()
    editor.undo_button.click()
    restored = risk(demo_ctx, "CR-006")
    assert restored.title.startswith("Strategy not delivered because the CCG")
    assert editor.fields.title.text() == restored.title
    editor.redo_button.click()
    assert risk(demo_ctx, "CR-006").title == "Strategy not delivered: capacity"


def test_undo_twice_after_two_saves(open_editor, demo_ctx, qtbot):
    editor = open_editor("CR-006")
    original, cell = editor.row.title, (editor.row.current_likelihood,
                                        editor.row.current_consequence)
    assert cell != (2, 4)
    editor.fields.title.setText("First change")
    editor.save()
    click(qtbot, editor.scores.panels["current"].matrix, 2, 4)
    editor.scores.rationale.setPlainText("Capacity review done")
    editor.save()
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    back = risk(demo_ctx, "CR-006")
    assert back.title == original
    assert (back.current_likelihood, back.current_consequence) == cell
    last = demo_ctx.run(risk_register.score_history, risk_id=back.id)[-1]
    assert last.rationale == "Undo of: Capacity review done"


def test_stale_edit_shows_the_conflict(open_editor, demo_ctx, message_boxes, qtbot):
    editor = open_editor("CR-001")
    row = risk(demo_ctx, "CR-001")
    demo_ctx.run(risks.update_risk, risk_id=row.id, expected_version=row.version,
                 title="Financial targets missed")
    editor.fields.title.setText("Financial targets not met")
    assert not editor.save()
    qtbot.waitUntil(lambda: bool(message_boxes.seen))
    assert "changed by someone else since you opened it" in message_boxes.texts[0]
    assert risk(demo_ctx, "CR-001").title == "Financial targets missed"
