"""The chair's actions register: draft with live standing-order problems, take (placed on the
next meeting), ratify, and refused moves shown with the service's reason."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import people
from app.services.decisions import chairs_actions
from app.services.meetings import agenda, meetings
from app.ui.common.tasks import ImmediateRunner
from app.ui.decisions.chairs_action_dialogs import ChairsActionDialog, RatifyDialog
from app.ui.decisions.chairs_actions_view import ChairsActionsModel, ChairsActionsView
from tests.ui.helpers import column_texts, row_where, select_text

TITLE = ChairsActionsModel.COL_TITLE
NEW_TITLE = "Urgent GP IT contract extension"


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = ChairsActionsView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def next_meeting(demo_ctx):
    body = next(c for c in demo_ctx.run(people.list_committees)
                if c.name == "Merton CCG Governing Body")
    return demo_ctx.run(meetings.create_meeting, committee_id=body.id,
                        title="Governing Body – May 2013",
                        starts_at=dt.datetime(2013, 5, 30, 14, 0))


def person_id(ctx, name: str) -> int:
    return next(p.id for p in ctx.run(people.list_people) if p.name == name)


def fill_draft(dialog: ChairsActionDialog, ctx) -> None:
    dialog.body.setCurrentIndex(dialog.body.findText("Merton CCG Governing Body"))
    dialog.title_edit.setText(NEW_TITLE)
    dialog.decision_text.setPlainText("Extended the GP IT contract by three months.")
    dialog.urgency.setPlainText("The contract ended on 30 April, before the next meeting.")
    dialog.taken_by.setCurrentIndex(dialog.taken_by.findData(person_id(ctx, "Clinical Chair")))
    dialog.taken_on.set_date(dt.date(2013, 4, 20))


def test_the_register_shows_the_demo_and_highlights_a_long_wait(view):
    titles = column_texts(view.table, TITLE)
    assert any(t.startswith("Integrated Strategy") for t in titles)
    waiting = row_where(view.table, TITLE, "Operating plan 2013/14: final submission")
    assert waiting[ChairsActionsModel.COL_STATUS] == "taken"
    assert int(waiting[ChairsActionsModel.COL_DAYS]) > 60
    row = column_texts(view.table, TITLE).index("Operating plan 2013/14: final submission")
    assert view.proxy.index(row, 0).data(8) is not None  # BackgroundRole: highlighted
    view.pending.setChecked(True)
    assert column_texts(view.table, TITLE) == ["Operating plan 2013/14: final submission"]


def test_draft_take_ratify(qtbot, view, demo_ctx, next_meeting, message_boxes):
    view.new_action.trigger()
    dialog = view.editor
    assert isinstance(dialog, ChairsActionDialog)
    fill_draft(dialog, demo_ctx)
    assert "consulted" in dialog.problems.text()  # nobody consulted yet: said at once
    for name in ("Lay Member for Patient and Public Involvement", "Chief Officer"):
        dialog.consultees.add(person_id(demo_ctx, name), dt.date(2013, 4, 19))
    dialog.update_problems()
    assert "Ready to be taken" in dialog.problems.text()
    dialog.accept()
    select_text(view, TITLE, NEW_TITLE)
    assert view.selected_row().status == "draft"
    view.take_action.trigger()
    row = view.selected_row()
    assert row.status == "reported" and row.ratification_meeting_id == next_meeting.id
    assert "Governing Body, 30 May 2013" in view.last_message
    items = demo_ctx.run(agenda.list_agenda, meeting_id=next_meeting.id)
    assert any(NEW_TITLE in i.title and i.purpose == "ratification" for i in items)
    for status in ("agenda issued", "held"):  # decided at the meeting, once it is held
        meeting = demo_ctx.run(meetings.get_meeting, meeting_id=next_meeting.id)
        demo_ctx.run(meetings.set_meeting_status, meeting_id=meeting.id, status=status,
                     expected_version=meeting.version)
    view.ratify_action.trigger()
    ratify = view.editor
    assert isinstance(ratify, RatifyDialog)
    ratify.resolution.setPlainText("Ratified the chair's action.")
    ratify.override.setText("Attendance not yet recorded for the May meeting")
    ratify.accept()
    assert view.selected_row().status == "ratified"
    assert row_where(view.table, TITLE, NEW_TITLE)[ChairsActionsModel.COL_STATUS] == "ratified"


def test_taking_and_ratifying_move_one_row_into_the_services_order(
        qtbot, view, demo_ctx, next_meeting, message_boxes):
    view.new_action.trigger()
    fill_draft(view.editor, demo_ctx)
    for name in ("Lay Member for Patient and Public Involvement", "Chief Officer"):
        view.editor.consultees.add(person_id(demo_ctx, name), dt.date(2013, 4, 19))
    view.editor.accept()
    resets, moved = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.rowsInserted.connect(lambda *_: moved.append(1))

    def service_order():
        return [r.id for r in demo_ctx.run(chairs_actions.list_chairs_actions)]

    select_text(view, TITLE, NEW_TITLE)
    view.take_action.trigger()
    assert [r.id for r in view.model.rows()] == service_order()
    assert column_texts(view.table, TITLE) == [
        r.title for r in demo_ctx.run(chairs_actions.list_chairs_actions)]
    assert view.selected_row().title == NEW_TITLE
    for status in ("agenda issued", "held"):  # decided at the meeting, once it is held
        meeting = demo_ctx.run(meetings.get_meeting, meeting_id=next_meeting.id)
        demo_ctx.run(meetings.set_meeting_status, meeting_id=meeting.id, status=status,
                     expected_version=meeting.version)
    view.ratify_action.trigger()
    view.editor.resolution.setPlainText("Ratified the chair's action.")
    view.editor.override.setText("Attendance not yet recorded for the May meeting")
    view.editor.accept()
    assert view.selected_row().status == "ratified"
    assert [r.id for r in view.model.rows()] == service_order()
    assert not resets


def test_a_row_whose_order_key_changed_moves_to_its_place(qtbot):
    from dataclasses import dataclass

    from app.ui.common.table_model import RowTableModel

    @dataclass(frozen=True)
    class Row:
        id: int
        on: int

    class Ordered(RowTableModel):
        COLUMNS = (("On", lambda r: r.on),)

        def order_key(self, row):
            return (row.on, row.id)

    model = Ordered()
    model.set_rows([Row(1, 10), Row(2, 20), Row(3, 30)])
    model.put_row(Row(3, 15))
    model.put_row(Row(4, 25))
    model.put_row(Row(2, 20))  # same key: replaced in place
    assert [(r.id, r.on) for r in model.rows()] == [(1, 10), (3, 15), (2, 20), (4, 25)]


def test_a_refused_take_is_shown_with_the_reason(qtbot, view, demo_ctx, message_boxes):
    view.new_action.trigger()
    dialog = view.editor
    fill_draft(dialog, demo_ctx)
    dialog.accept()
    select_text(view, TITLE, NEW_TITLE)
    assert "Before it can be taken" in view.detail.text()
    view.show()  # show_error runs its box modally when the view is on screen
    view.take_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.seen), timeout=3000)
    assert "consulted" in message_boxes.texts[0]
    assert view.selected_row().status == "draft"


def test_a_ratified_action_cannot_be_taken_again(qtbot, view, message_boxes):
    select_text(view, TITLE, next(t for t in column_texts(view.table, TITLE)
                                  if t.startswith("Integrated Strategy")))
    assert not view.take_action.isEnabled()
    view.show()
    view.take_action.trigger()  # as if the button were pressed anyway
    assert not message_boxes.seen  # a disabled action does nothing
    view.take_selected()
    qtbot.waitUntil(lambda: bool(message_boxes.seen), timeout=3000)
    assert "ratified cannot become taken" in message_boxes.texts[0]


def test_withdraw_a_draft_with_a_reason(qtbot, view, demo_ctx):
    row = demo_ctx.run(chairs_actions.create_chairs_action, committee_id=1, title="Mistake")
    view.refresh()
    select_text(view, TITLE, "Mistake")
    view.withdraw_action.trigger()
    view.reason_dialog.setTextValue("Entered in error")
    view.reason_dialog.accept()
    assert demo_ctx.run(chairs_actions.get_chairs_action,
                        chairs_action_id=row.id).status == "withdrawn"

