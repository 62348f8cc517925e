"""The audit trail section: filters, before and after, and proof of the chain."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt

from app.services import people
from app.ui import audit_view
from app.ui.audit_view import AuditTableModel as A
from app.ui.audit_view import AuditTrailView
from app.ui.common.tasks import ImmediateRunner
from tests.ui.helpers import column_texts, row_texts


@pytest.fixture
def mark(demo_ctx):
    """Mark Needham's title changed by the board secretary, then by the chair."""
    row = next(p for p in demo_ctx.run(people.list_people) if p.name == "Mark Needham")
    demo_ctx.actor = "board secretary"
    row = demo_ctx.run(people.update_person, person_id=row.id, expected_version=row.version,
                       name=row.name, kind=row.kind, title="Director of Strategy",
                       email=row.email)
    demo_ctx.actor = "clinical chair"
    demo_ctx.run(people.update_person, person_id=row.id, expected_version=row.version,
                 name=row.name, kind=row.kind, title="Director of Strategy and Planning",
                 email=row.email)
    return row


def make_view(qtbot, ctx):
    widget = AuditTrailView(ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_filter_by_record_and_see_before_and_after(qtbot, demo_ctx, mark):
    view = make_view(qtbot, demo_ctx)
    record_types = [view.record_type.itemText(i) for i in range(view.record_type.count())]
    assert record_types[0] == "All records" and record_types[1:] == sorted(record_types[1:])
    assert {"committee", "membership", "organisation", "person"} <= set(record_types)

    view.record_type.setCurrentText("person")
    view.record_id.setText(str(mark.id))
    view.refresh()  # as the typing pause would
    assert column_texts(view.table, A.COL_ACTION) == ["update", "update", "create"]
    assert set(column_texts(view.table, A.COL_TYPE)) == {"person"}
    assert view.note.text() == "3 events."

    view.table.selectRow(1)  # the secretary's edit
    cells = row_texts(view.table, 1)
    assert cells[A.COL_WHO] == "board secretary" and cells[A.COL_FIELDS] == "title"
    assert "board secretary" in view.detail_title.text()
    assert row_texts(view.changes_table, 0) == ["title", "Director of Commissioning",
                                                "Director of Strategy"]


def test_filter_by_person_and_dates(qtbot, demo_ctx, mark):
    view = make_view(qtbot, demo_ctx)
    view.actor.setCurrentText("clinical chair")
    assert column_texts(view.table, A.COL_WHO) == ["clinical chair"]
    view.table.selectRow(0)
    assert row_texts(view.changes_table, 0) == ["title", "Director of Strategy",
                                                "Director of Strategy and Planning"]

    view.date_to.set_date(dt.date.today() - dt.timedelta(days=2))
    assert column_texts(view.table, A.COL_WHO) == []
    assert view.note.text() == "0 events."
    view.date_to.set_date(None)  # "no date": the filter is off again
    assert column_texts(view.table, A.COL_WHO) == ["clinical chair"]
    view.clear_filters()
    assert len(column_texts(view.table, A.COL_SEQ)) > 40


def test_note_says_when_the_list_is_cut_short(qtbot, demo_ctx, monkeypatch):
    monkeypatch.setattr(audit_view, "LIMIT", 10)
    view = make_view(qtbot, demo_ctx)
    assert len(column_texts(view.table, A.COL_SEQ)) == 10
    assert view.note.text().startswith("Showing the newest 10 events")


def test_open_filtered_from_another_section(qtbot, demo_ctx, mark):
    view = make_view(qtbot, demo_ctx)
    view.show_filtered(record_type="person", record_id=str(mark.id))
    assert view.record_type.currentText() == "person"
    assert len(column_texts(view.table, A.COL_SEQ)) == 3


def test_verify_says_ok_then_names_the_break(qtbot, demo_ctx, sqlite_path):
    view = make_view(qtbot, demo_ctx)
    head = view.head
    assert view.head_label.text() == f"Head of the chain: {head[:16]}…"
    view.copy_button.click()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == head

    view.verify_button.click()
    assert view.verify_result.text().startswith("✔ The trail is intact")
    assert head in view.verify_result.text()
    assert "1b5e20" in view.verify_result.styleSheet()

    tamper(sqlite_path, "UPDATE audit_event SET actor = 'someone else' WHERE seq = 3")
    view.verify_button.click()
    text = view.verify_result.text()
    assert text.startswith("✘ The trail is broken: event 3 was altered after it was written")
    assert "b00020" in view.verify_result.styleSheet()
    # the list now shows the event as stored, selected
    assert "someone else" in view.detail_title.text() and "Event 3" in view.detail_title.text()


def test_verify_names_a_record_edited_behind_boardbooks_back(qtbot, demo_ctx, sqlite_path):
    view = make_view(qtbot, demo_ctx)
    con = sqlite3.connect(sqlite_path)
    risk_id, = con.execute("SELECT min(id) FROM risk").fetchone()
    con.execute("UPDATE risk SET current_likelihood = 1, current_consequence = 1 WHERE id = ?",
                [risk_id])
    con.commit()
    con.close()
    view.verify_button.click()
    text = view.verify_result.text()
    assert text.startswith("✘ The trail is intact, but 2 things do not match it:")
    assert f"risk {risk_id}, field current_likelihood: stored 1 but the trail gives" in text
    assert "b00020" in view.verify_result.styleSheet()


def tamper(path, statement: str) -> None:
    """What someone with the file and sqlite3 could do: drop the guard and edit history."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute(statement)
    con.commit()
    con.close()


def test_loads_and_verifies_off_the_gui_thread(qtbot, demo_ctx):
    from app.ui.common.tasks import TaskRunner

    runner = TaskRunner()
    view = AuditTrailView(demo_ctx, runner)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.note.text().endswith("events."), timeout=10000)
    assert len(column_texts(view.table, A.COL_SEQ)) > 40
    view.verify_button.click()
    assert not view.verify_button.isEnabled()  # while the check runs
    qtbot.waitUntil(lambda: view.verify_result.text().startswith("✔"), timeout=10000)
    runner.wait()


def test_sorting_by_a_column_keeps_the_selected_event(qtbot, demo_ctx, mark):
    view = make_view(qtbot, demo_ctx)
    view.select_seq(5)
    view.table.sortByColumn(A.COL_WHO, Qt.SortOrder.AscendingOrder)  # a click on "Who"
    who = column_texts(view.table, A.COL_WHO)
    assert who == sorted(who) and who[0] == "board secretary"
    assert "Event 5" in view.detail_title.text()
    assert view.table.selectionModel().selectedRows()[0].data() == "5"
    view.table.sortByColumn(A.COL_SEQ, Qt.SortOrder.DescendingOrder)
    seqs = [int(s) for s in column_texts(view.table, A.COL_SEQ)]
    assert seqs == sorted(seqs, reverse=True)


def test_what_changed_since_a_head_shows_the_changes_and_saves_a_pdf(qtbot, demo_ctx, tmp_path):
    from pypdf import PdfReader

    from app.services import people

    view = make_view(qtbot, demo_ctx)
    head = view.head
    demo_ctx.run(people.create_person, name="New Lay Member", kind="lay member")
    view.changes_button.click()
    dialog = view.changes_dialog
    assert dialog.isVisible() and dialog.pack.currentData() is None
    dialog.head.setText(head)
    dialog.show_button.click()
    html = dialog.result.toPlainText()
    assert "The history up to that point is unchanged" in html
    assert "1 later event follows it, changing 1 record." in html
    assert "Person" in html and "New Lay Member" in html
    out = tmp_path / "changes.pdf"
    dialog.ask_pdf_path = lambda: str(out)
    dialog.save_button.click()
    assert "New Lay Member" in PdfReader(out).pages[0].extract_text()
    assert dialog.status.text() == f"Saved {out}"
    dialog.head.setText("ab" * 32)
    dialog.show_button.click()
    assert "does not hold" in dialog.result.toPlainText()
