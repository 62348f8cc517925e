"""Record decision…: from the agenda tab, outcomes limited by the item's purpose, the quorum and
interests shown, and an override with a reason when the item is inquorate."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from app.domain.agenda import allowed_outcomes
from app.services.decisions import decisions
from app.services.decisions import trail as decision_trail
from app.services.decisions.trail import TrailFilter
from app.services.meetings import actions, agenda, attendance, meetings
from app.ui.decisions.decision_dialog import DecisionDialog
from app.ui.meetings.agenda_builder import AgendaBuilder, AgendaTableModel
from tests.ui.helpers import column_texts

TITLE, DECISION = AgendaTableModel.COL_TITLE, AgendaTableModel.COL_DECISION


def meeting_on(ctx, day: dt.date):
    return next(m for m in ctx.run(meetings.list_meetings) if m.meeting_date == day)


def item_titled(ctx, meeting_id: int, title: str):
    return next(i for i in ctx.run(agenda.list_agenda, meeting_id=meeting_id)
                if i.title.startswith(title))


def dialog_for(qtbot, ctx, day: dt.date, title: str) -> DecisionDialog:
    meeting = meeting_on(ctx, day)
    dialog = DecisionDialog(ctx, item_titled(ctx, meeting.id, title), meeting)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def inquorate_audit(demo_ctx):
    """The March 2013 Audit Committee with its lay members sending apologies."""
    meeting = meeting_on(demo_ctx, dt.date(2013, 3, 7))
    for row in demo_ctx.run(attendance.list_attendance, meeting_id=meeting.id):
        if row.person_kind == "lay member":
            demo_ctx.run(attendance.record_attendance, meeting_id=meeting.id,
                         person_id=row.person_id, status="apologies",
                         expected_version=row.version)
    return meeting


def test_record_a_decision_from_the_agenda_tab(qtbot, demo_ctx):
    meeting = meeting_on(demo_ctx, dt.date(2013, 3, 28))
    builder = AgendaBuilder(demo_ctx, meeting.id)
    qtbot.addWidget(builder)
    titles = [t.strip() for t in column_texts(builder.table, TITLE)]
    builder.table.selectRow(titles.index("Finance report: month 11 2012/13"))
    builder.decision_action.trigger()
    dialog = builder.editor
    assert isinstance(dialog, DecisionDialog)
    assert "Quorate" in dialog.facts.text()
    assert dialog.override_box.isHidden()
    dialog.resolution.setPlainText("The Governing Body took assurance from the month 11 report.")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("assured"))
    dialog.vote.method.setCurrentIndex(dialog.vote.method.findData("count"))
    dialog.vote.counts[0].setValue(7)
    dialog.decided_on.setDate(QDate(2013, 6, 30))  # after the risks' latest scoring
    dialog.risk_pick.setCurrentIndex(0)
    dialog.likelihood.setValue(2)
    dialog.consequence.setValue(4)
    dialog.add_risk_change()
    dialog.action_text.setText("Report the year-end position")
    dialog.add_action()
    dialog.accept()
    item = item_titled(demo_ctx, meeting.id, "Finance report")
    [row] = demo_ctx.run(decisions.decisions_for_item, agenda_item_id=item.id)
    assert (row.outcome, row.vote.totals(), row.quorate) == ("assured", (7, 0, 0), True)
    assert [(r.likelihood, r.consequence) for r in row.risk_changes] == [(2, 4)]
    # The action raised in the dialog, beside the one the action log already had at the item.
    raised = [demo_ctx.run(actions.get_action, action_id=a).description for a in row.action_ids]
    assert "Report the year-end position" in raised and len(raised) == 2
    flags = dict(zip([t.strip() for t in column_texts(builder.table, TITLE)],
                     column_texts(builder.table, DECISION), strict=True))
    assert flags["Finance report: month 11 2012/13"] == "✔ assured"


@pytest.mark.parametrize("title", ["Internal audit plan", "Annual accounts 2012/13",
                                   "Chair's actions 2012/13"])
def test_outcomes_are_limited_by_the_purpose(qtbot, demo_ctx, title):
    dialog = dialog_for(qtbot, demo_ctx, dt.date(2013, 3, 7), title)
    shown = [dialog.outcome.itemData(i) for i in range(dialog.outcome.count())]
    assert shown == list(allowed_outcomes(dialog.item.purpose))


def test_an_inquorate_item_needs_an_override_reason(qtbot, demo_ctx, inquorate_audit):
    dialog = dialog_for(qtbot, demo_ctx, dt.date(2013, 3, 7), "Internal audit plan")
    assert "Not quorate" in dialog.facts.text()
    assert not dialog.override_box.isHidden()
    assert "not quorate" in dialog.override_reasons.text()
    dialog.resolution.setPlainText("The committee approved the internal audit plan.")
    dialog.accept()
    problem = dialog.findChild(type(dialog.facts), "problem_override_reason")
    assert not problem.isHidden() and "override with a reason" in problem.text()
    item = dialog.item
    assert demo_ctx.run(decisions.decisions_for_item, agenda_item_id=item.id) == []
    dialog.override_reason.setPlainText("The plan had to start on 1 April; the lay members "
                                        "agreed it by email.")
    dialog.accept()
    [row] = demo_ctx.run(decisions.decisions_for_item, agenda_item_id=item.id)
    assert row.overridden and not row.quorate
    overridden = demo_ctx.run(decision_trail.trail_entries,
                              filters=TrailFilter(overridden_only=True))
    assert ("decision", row.id) in [(e.kind, e.id) for e in overridden]


def test_a_by_name_vote_lists_the_voting_members_present(qtbot, demo_ctx):
    dialog = dialog_for(qtbot, demo_ctx, dt.date(2013, 3, 28), "Standing orders")
    names = list(dialog.vote.by_name)
    assert names
    dialog.vote.method.setCurrentIndex(dialog.vote.method.findData("by name"))
    dialog.vote.by_name[names[0]].setCurrentIndex(1)  # for
    dialog.resolution.setPlainText("Approved the standing orders.")
    dialog.accept()
    [row] = demo_ctx.run(decisions.decisions_for_item, agenda_item_id=dialog.item.id)
    assert row.vote.by_name == {names[0]: "for"}
