"""The agenda builder: drag and drop, move up/down and indent renumber the agenda at once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.services.meetings import agenda, meetings
from app.ui.meetings.agenda_builder import AgendaBuilder, AgendaTableModel
from tests.ui.helpers import column_texts

NUMBER, TITLE = AgendaTableModel.COL_NUMBER, AgendaTableModel.COL_TITLE


@pytest.fixture
def open_meeting(demo_ctx):
    """The March 2013 governing body: held, minutes not yet approved, so its agenda can change."""
    return next(m for m in demo_ctx.run(meetings.list_meetings)
                if m.meeting_date == dt.date(2013, 3, 28))


@pytest.fixture
def builder(qtbot, demo_ctx, open_meeting):
    widget = AgendaBuilder(demo_ctx, open_meeting.id)
    qtbot.addWidget(widget)
    return widget


def numbered(builder) -> dict[str, str]:
    """Title → number, as the table shows them."""
    titles = [t.strip() for t in column_texts(builder.table, TITLE)]
    return dict(zip(titles, column_texts(builder.table, NUMBER), strict=True))


def row_of(builder, title: str) -> int:
    return [t.strip() for t in column_texts(builder.table, TITLE)].index(title)


def test_parts_are_shown_as_headings(builder):
    first = builder.model.index(0, 0).data()
    assert first == "Part 1 — business in public"
    headings = [builder.model.index(r, 0).data() for r in builder.model.heading_rows()]
    assert all(h.startswith("Part") for h in headings)


def test_dropping_an_item_renumbers_the_agenda(builder):
    items = builder.model.items()
    last_part1 = [i for i in items if i.part == 1 and i.level == 0][-1]
    first = items[0]
    assert numbered(builder)[first.title] == "1"
    source = builder.model.index(row_of(builder, last_part1.title), 0)
    mime = builder.model.mimeData([source])
    # drop it just under the Part 1 heading: it becomes item 1
    assert builder.model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    after = numbered(builder)
    assert after[last_part1.title] == "1"
    assert after[first.title] == "2"


def test_move_rows_path_moves_an_item_down(builder):
    first = builder.model.items()[0]
    second = builder.model.items()[1]
    source_row = row_of(builder, first.title)
    assert builder.model.moveRows(QModelIndex(), source_row, 1, QModelIndex(), source_row + 2)
    after = numbered(builder)
    assert after[second.title] == "1"
    assert after[first.title] == "2"


def test_move_up_down_and_indent_change_numbering(builder):
    first, second = builder.model.items()[:2]
    builder.select_item(second.id)
    builder.up_action.trigger()
    assert numbered(builder)[second.title] == "1"
    assert builder.selected_item().id == second.id  # the selection follows the item
    builder.down_action.trigger()
    assert numbered(builder)[second.title] == "2"
    builder.indent_action.trigger()
    assert numbered(builder)[second.title] == "1.1"
    builder.outdent_action.trigger()
    assert numbered(builder)[second.title] == "2"


def test_added_item_shows_with_its_time(qtbot, builder):
    builder.add_item()
    dialog = builder.editor
    dialog.title.setText("Winter resilience plan")
    dialog.minutes.setValue(15)
    dialog.accept()
    assert "Winter resilience plan" in numbered(builder)
    row = row_of(builder, "Winter resilience plan")
    assert builder.model.index(row, AgendaTableModel.COL_MINUTES).data() == "15"


def test_removing_an_item_with_a_paper_is_refused_and_said(builder, message_boxes, qtbot):
    with_paper = next(i for i in builder.model.items() if i.paper_id is not None)
    builder.select_item(with_paper.id)
    builder.remove_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.seen), timeout=2000)
    assert "has a paper" in message_boxes.texts[0]
    assert with_paper.title in numbered(builder)


def test_standing_items_apply_to_a_new_meeting(qtbot, demo_ctx, open_meeting):
    new = demo_ctx.run(meetings.create_meeting, committee_id=open_meeting.committee_id,
                       title="Governing Body – May 2013",
                       starts_at=dt.datetime(2013, 5, 30, 14, 0))
    widget = AgendaBuilder(demo_ctx, new.id)
    qtbot.addWidget(widget)
    widget.standing_action.trigger()
    template = demo_ctx.run(agenda.get_agenda_template, committee_id=new.committee_id)
    titles = list(numbered(widget))
    # The demo's chair's action still awaiting ratification was placed on the new meeting.
    assert titles[-1].startswith("Chair's action for ratification: Operating plan")
    assert titles[1:-1] == [t.title for t in template]


def test_flags_show_conflicts_and_late_papers(qtbot, demo_ctx):
    sept = next(m for m in demo_ctx.run(meetings.list_meetings)
                if m.meeting_date == dt.date(2012, 9, 27))
    widget = AgendaBuilder(demo_ctx, sept.id)
    qtbot.addWidget(widget)
    flags = dict(zip(column_texts(widget.table, NUMBER),
                     column_texts(widget.table, AgendaTableModel.COL_FLAGS), strict=True))
    assert flags["6.8"] == "late paper"
    assert flags["7.1"] == "⚑ Secondary Care Doctor (declared)"
    assert "(not declared)" in flags["9"]
    part2 = widget.model.index(widget.model.heading_rows()[1], 0).data()
    assert part2.startswith("Part 2 — public excluded: That members of the public")
    # the minutes of that meeting are approved: its agenda is a closed record
    widget.select_item(widget.model.items()[0].id)
    assert not widget.add_action.isEnabled() and not widget.up_action.isEnabled()
    assert widget.cover_action.isEnabled()
