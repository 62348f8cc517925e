"""The People section, driven as a board secretary would use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import people
from app.ui.common.tasks import ImmediateRunner
from app.ui.people.people_view import PeopleTableModel as M
from app.ui.people.people_view import PeopleView
from tests.ui.helpers import column_texts, row_where, select_text


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = PeopleView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def person(ctx, name):
    return next(p for p in ctx.run(people.list_people) if p.name == name)


def test_add_person_through_dialog_shows_row(view, qtbot, demo_ctx):
    view.add_action.trigger()
    dialog = view.editor
    assert dialog.windowTitle() == "Add a person"
    dialog.name.setText("Head of Corporate Affairs")
    dialog.title.setText("Head of Corporate Affairs and Governance")
    dialog.kind.setCurrentText("officer")
    dialog.email.setText("corporate.affairs@merton.nhs.uk")
    dialog.accept()

    assert not dialog.isVisible()
    cells = row_where(view.table, M.COL_NAME, "Head of Corporate Affairs")
    assert cells == ["Head of Corporate Affairs", "Head of Corporate Affairs and Governance",
                     "officer", "corporate.affairs@merton.nhs.uk", "Active"]
    assert person(demo_ctx, "Head of Corporate Affairs").kind == "officer"


def test_problems_show_beside_their_fields_and_nothing_is_saved(view, demo_ctx):
    before = len(demo_ctx.run(people.list_people))
    view.add_record()
    dialog = view.editor
    dialog.name.setText("   ")
    dialog.email.setText("not an address")
    dialog.accept()

    assert dialog.isVisible()  # stays open so the user can put it right
    name_problem = dialog.findChild(type(dialog.errors.general), "problem_name")
    email_problem = dialog.findChild(type(dialog.errors.general), "problem_email")
    assert name_problem.isVisible() and name_problem.text() == "A name is required"
    assert email_problem.isVisible()
    assert "'not an address' is not an email address" in email_problem.text()
    assert not dialog.findChild(type(dialog.errors.general), "problem_title").isVisible()
    assert len(demo_ctx.run(people.list_people)) == before

    dialog.name.setText("Deputy Board Secretary")
    dialog.email.setText("")
    dialog.accept()
    assert not dialog.isVisible()
    assert "Deputy Board Secretary" in column_texts(view.table, M.COL_NAME)


def test_required_fields_are_marked(view):
    view.add_record()
    labels = [view.editor.form.labelForField(view.editor.form.itemAt(i, view.editor.form
                                             .ItemRole.FieldRole).widget()).text()
              for i in range(view.editor.form.rowCount())]
    assert labels[0] == "Name *" and "Kind *" in labels and "Title" in labels


def test_edit_then_undo_restores_the_old_value(view, demo_ctx):
    select_text(view, M.COL_NAME, "Mark Needham")
    view.edit_action.trigger()
    dialog = view.editor
    assert dialog.title.text() == "Director of Commissioning"
    dialog.title.setText("Director of Commissioning and Planning")
    dialog.accept()
    assert row_where(view.table, M.COL_NAME, "Mark Needham")[M.COL_TITLE] == \
        "Director of Commissioning and Planning"

    assert view.undo_action.isEnabled()
    assert view.undo_action.toolTip() == "Undo Edit Mark Needham"
    view.undo_action.trigger()
    assert person(demo_ctx, "Mark Needham").title == "Director of Commissioning"
    assert row_where(view.table, M.COL_NAME, "Mark Needham")[M.COL_TITLE] == \
        "Director of Commissioning"

    view.redo_action.trigger()
    assert person(demo_ctx, "Mark Needham").title == "Director of Commissioning and Planning"


def test_two_edits_of_one_person_undo_in_turn(view, demo_ctx, message_boxes):
    for title in ("Director of Commissioning and Planning", "Director of Strategy"):
        select_text(view, M.COL_NAME, "Mark Needham")
        view.edit_action.trigger()
        view.editor.title.setText(title)
        view.editor.accept()
    view.undo_action.trigger()
    assert person(demo_ctx, "Mark Needham").title == "Director of Commissioning and Planning"
    view.undo_action.trigger()
    assert person(demo_ctx, "Mark Needham").title == "Director of Commissioning"
    view.redo_action.trigger()
    view.redo_action.trigger()
    assert person(demo_ctx, "Mark Needham").title == "Director of Strategy"


def test_undo_of_an_add_retires_the_person(view, demo_ctx):
    view.add_record()
    view.editor.name.setText("Interim Chief Nurse")
    view.editor.accept()
    view.undo_stack.undo()
    assert person(demo_ctx, "Interim Chief Nurse").retired_on is not None
    assert "Interim Chief Nurse" not in column_texts(view.table, M.COL_NAME)


def test_stale_edit_shows_the_conflict(view, demo_ctx, message_boxes, qtbot):
    select_text(view, M.COL_NAME, "Mark Needham")
    view.edit_selected()
    dialog = view.editor
    # Someone else saves a change while the dialog is open.
    mark = person(demo_ctx, "Mark Needham")
    demo_ctx.run(people.update_person, person_id=mark.id, expected_version=mark.version,
                 name=mark.name, kind=mark.kind, title="Director of Strategy")
    dialog.title.setText("Director of Commissioning (acting)")
    dialog.accept()

    qtbot.waitUntil(lambda: bool(message_boxes.seen))
    title, text = message_boxes.seen[0]
    assert title == "Not saved"
    assert "changed by someone else since you opened it" in text
    assert person(demo_ctx, "Mark Needham").title == "Director of Strategy"
    assert not view.undo_action.isEnabled()


def test_retire_hides_from_the_active_list_and_undo_puts_it_back(view, demo_ctx):
    select_text(view, M.COL_NAME, "Mark Needham")
    view.retire_action.trigger()
    assert "Mark Needham" not in column_texts(view.table, M.COL_NAME)
    mark = person(demo_ctx, "Mark Needham")
    assert mark.retired_on is not None
    ended = demo_ctx.run(people.list_memberships, person_id=mark.id)
    assert ended and all(m.to_date is not None for m in ended)

    view.show_retired.setChecked(True)
    status = row_where(view.table, M.COL_NAME, "Mark Needham")[M.COL_STATUS]
    assert status.startswith("Retired ")

    view.undo_stack.undo()
    assert row_where(view.table, M.COL_NAME, "Mark Needham")[M.COL_STATUS] == "Active"
    restored = demo_ctx.run(people.list_memberships, person_id=mark.id)
    assert all(m.to_date is None for m in restored)


def test_search_and_membership_panel(view):
    view.search.setText("lay member")
    assert column_texts(view.table, M.COL_NAME) == [
        "Lay Member for Governance", "Lay Member for Patient and Public Involvement"]
    select_text(view, M.COL_NAME, "Lay Member for Governance")
    assert "Lay Member for Governance" in view.panel.heading.text()
    bodies = column_texts(view.panel.table, 0)
    assert sorted(bodies) == ["Audit Committee", "Merton CCG Governing Body",
                              "Remuneration Committee"]
    roles = dict(zip(bodies, column_texts(view.panel.table, 1), strict=True))
    assert roles["Audit Committee"] == "chair"


def test_ctrl_n_adds_and_enter_edits(view, qtbot):
    view.activateWindow()
    qtbot.waitActive(view)
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.editor is not None and view.editor.windowTitle() == "Add a person"
    view.editor.reject()
    select_text(view, M.COL_NAME, "Board Secretary")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.editor.windowTitle() == "Edit Board Secretary"
    view.editor.reject()
    first = view.table.visualRect(view.proxy.index(0, M.COL_NAME)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert view.editor.windowTitle() == f"Edit {column_texts(view.table, M.COL_NAME)[0]}"
    view.editor.reject()


def test_history_button_asks_for_the_trail(view, qtbot):
    select_text(view, M.COL_NAME, "Board Secretary")
    with qtbot.waitSignal(view.navigate_requested) as signal:
        view.panel.history_button.click()
    key, filters = signal.args
    assert key == "audit" and filters["record_type"] == "person"


def test_undo_is_refused_when_someone_else_changed_the_record(view, demo_ctx, message_boxes,
                                                              qtbot):
    select_text(view, M.COL_NAME, "Board Secretary")
    view.edit_selected()
    view.editor.email.setText("board.secretary@merton.nhs.uk")
    view.editor.accept()
    secretary = person(demo_ctx, "Board Secretary")
    demo_ctx.run(people.update_person, person_id=secretary.id,
                 expected_version=secretary.version, name=secretary.name,
                 kind=secretary.kind, title="Head of Governance",
                 email=secretary.email)

    view.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.seen))
    assert "changed by someone else" in message_boxes.texts[0]
    kept = person(demo_ctx, "Board Secretary")
    assert (kept.title, kept.email) == ("Head of Governance", "board.secretary@merton.nhs.uk")
    assert not view.undo_action.isEnabled()  # the refused step is dropped, not retried
