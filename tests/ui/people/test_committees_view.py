"""The Committees section: bodies, where they report, and their members."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import people
from app.ui.common.forms import show_date
from app.ui.common.tasks import ImmediateRunner
from app.ui.people.committees_view import CommitteesTableModel as C
from app.ui.people.committees_view import CommitteesView
from app.ui.people.members_panel import MembersTableModel as M
from tests.ui.helpers import column_texts, row_where, select_text


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = CommitteesView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def body(ctx, name):
    return next(c for c in ctx.run(people.list_committees) if c.name == name)


def test_add_body_that_reports_to_the_governing_body_then_add_members(view, demo_ctx):
    view.add_action.trigger()
    dialog = view.editor
    dialog.name.setText("Primary Care Commissioning Committee")
    dialog.short_name.setText("PCCC")
    dialog.kind.setCurrentText("committee")
    dialog.reports_to.setCurrentText("Merton CCG Governing Body")
    dialog.terms.setPlainText("Commissions primary medical services under delegation.")
    dialog.quorum_count.setValue(3)
    dialog.kinds["lay member"].setChecked(True)
    dialog.accept()
    assert not dialog.isVisible()

    cells = row_where(view.table, C.COL_NAME, "Primary Care Commissioning Committee")
    assert cells[C.COL_SHORT] == "PCCC"
    assert cells[C.COL_REPORTS_TO] == "Merton CCG Governing Body"
    assert cells[C.COL_QUORUM] == "3, incl. lay member"
    # the new body is selected and its (empty) members panel is on show
    assert view.members.title() == "Members of the Primary Care Commissioning Committee"
    assert view.members.quorum.text() == "Quorum: 3 voting members, including a lay member"
    assert column_texts(view.members.table, M.COL_PERSON) == []

    view.members.add_action.trigger()
    member = view.editor
    member.person.setCurrentIndex(member.person.findText("GP Member, IPCCG (clinical member)"))
    member.role.setCurrentText("chair")
    member.from_date.setDate(member.from_date.date().addDays(-30))
    member.accept()
    view.members.add_action.trigger()
    attendee = view.editor
    attendee.person.setCurrentIndex(attendee.person.findText("Board Secretary (officer)"))
    attendee.role.setCurrentText("in attendance")
    assert not attendee.voting.isChecked()  # people in attendance do not vote
    attendee.accept()

    assert sorted(column_texts(view.members.table, M.COL_PERSON)) == [
        "Board Secretary", "GP Member, IPCCG"]
    gp = row_where(view.members.table, M.COL_PERSON, "GP Member, IPCCG")
    assert gp[M.COL_ROLE] == "chair" and gp[M.COL_VOTING] == "Yes" and gp[M.COL_TO] == ""
    stored = demo_ctx.run(people.list_memberships,
                          committee_id=body(demo_ctx, "Primary Care Commissioning Committee").id)
    assert {m.person for m in stored} == {"Board Secretary", "GP Member, IPCCG"}


def test_a_body_cannot_report_round_a_loop(view, demo_ctx):
    select_text(view, C.COL_NAME, "Merton CCG Governing Body")
    view.edit_selected()
    dialog = view.editor
    dialog.reports_to.setCurrentText("Audit Committee")
    dialog.accept()
    problem = dialog.errors.label("reports_to")
    assert dialog.isVisible() and problem.isVisible()
    assert "cannot report to itself" in problem.text()
    assert body(demo_ctx, "Merton CCG Governing Body").reports_to_id is None


def test_member_problem_shows_beside_the_date(view):
    select_text(view, C.COL_NAME, "Audit Committee")
    view.add_member()
    dialog = view.editor
    dialog.to_date.set_date(dt.date(2000, 1, 1))
    dialog.accept()
    assert dialog.errors.label("to_date").text() == "The end date is before the start date"


def test_end_membership_and_undo(view, demo_ctx):
    select_text(view, C.COL_NAME, "Audit Committee")
    view.members.table.selectRow(
        column_texts(view.members.table, M.COL_PERSON).index("Internal Audit Manager"))
    view.members.end_action.trigger()
    ended = row_where(view.members.table, M.COL_PERSON, "Internal Audit Manager")
    assert ended[M.COL_TO] == show_date(dt.date.today())  # a member until the end of today

    view.undo_stack.undo()
    again = row_where(view.members.table, M.COL_PERSON, "Internal Audit Manager")
    assert again[M.COL_TO] == ""


def test_edit_membership_then_undo(view, demo_ctx):
    select_text(view, C.COL_NAME, "Audit Committee")
    view.members.table.selectRow(
        column_texts(view.members.table, M.COL_PERSON).index("Secondary Care Doctor"))
    view.members.edit_action.trigger()
    view.editor.role.setCurrentText("vice chair")
    view.editor.accept()
    assert row_where(view.members.table, M.COL_PERSON, "Secondary Care Doctor")[M.COL_ROLE] \
        == "vice chair"
    view.undo_stack.undo()
    assert row_where(view.members.table, M.COL_PERSON, "Secondary Care Doctor")[M.COL_ROLE] \
        == "member"


def test_retire_body_and_undo_add(view, demo_ctx):
    select_text(view, C.COL_NAME, "Remuneration Committee")
    view.retire_action.trigger()
    assert "Remuneration Committee" not in column_texts(view.table, C.COL_NAME)
    assert body(demo_ctx, "Remuneration Committee").retired_on is not None
    view.undo_stack.undo()
    assert row_where(view.table, C.COL_NAME, "Remuneration Committee")[C.COL_STATUS] == "Active"

    view.add_record()
    view.editor.name.setText("Finance Committee")
    view.editor.accept()
    view.undo_stack.undo()  # taking back an addition retires the body
    assert body(demo_ctx, "Finance Committee").retired_on is not None
    assert "Finance Committee" not in column_texts(view.table, C.COL_NAME)


def test_open_on_one_body(view):
    view.show_filtered(committee_id=2)
    assert view.selected_row().id == 2


def test_past_members_are_hidden_until_asked_for(view, demo_ctx):
    audit_committee = body(demo_ctx, "Audit Committee")
    nurse = next(m for m in demo_ctx.run(people.list_memberships,
                                         committee_id=audit_committee.id)
                 if m.person == "Secondary Care Doctor")
    demo_ctx.run(people.end_membership, membership_id=nurse.id,
                 expected_version=nurse.version, on=dt.date(2013, 3, 31))
    select_text(view, C.COL_NAME, "Audit Committee")
    assert "Secondary Care Doctor" not in column_texts(view.members.table, M.COL_PERSON)
    view.members.show_past.setChecked(True)
    assert row_where(view.members.table, M.COL_PERSON, "Secondary Care Doctor")[M.COL_TO] \
        == "31 Mar 2013"


def test_renaming_a_body_changes_its_row_and_those_reporting_to_it_only(view, demo_ctx):
    gb = body(demo_ctx, "Merton CCG Governing Body")
    reporting = {c.id for c in demo_ctx.run(people.list_committees) if c.reports_to_id == gb.id}
    assert reporting
    changed, resets = set(), []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.dataChanged.connect(lambda top, bottom, *_: changed.update(
        view.model.row_at(n).id for n in range(top.row(), bottom.row() + 1)))
    select_text(view, C.COL_NAME, "Merton CCG Governing Body")
    view.edit_action.trigger()
    view.editor.name.setText("Merton CCG Board")
    view.editor.accept()
    assert not resets and changed == {gb.id, *reporting}
    for committee_id in reporting:
        at = view.model.position_of(committee_id)
        assert view.model.row_at(at).reports_to == "Merton CCG Board"
    assert {c.reports_to for c in demo_ctx.run(people.list_committees)
            if c.id in reporting} == {"Merton CCG Board"}
    view.undo_action.trigger()  # the undo step saves through the service: the same rows
    assert not resets
    assert row_where(view.table, C.COL_NAME, "Merton CCG Governing Body")
