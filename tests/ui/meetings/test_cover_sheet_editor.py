"""The cover sheet editor: required fields, problems in place, Word import, files, preview."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.meetings import agenda, attachments, meetings, papers
from app.ui.meetings.cover_sheet_editor import CoverSheetDialog

SEPT_27 = dt.date(2012, 9, 27)


def _meeting(ctx, day):
    return next(m for m in ctx.run(meetings.list_meetings) if m.meeting_date == day)


@pytest.fixture
def open_meeting(demo_ctx):
    return _meeting(demo_ctx, dt.date(2013, 3, 28))


def editor_for(qtbot, ctx, meeting, item):
    dialog = CoverSheetDialog(ctx, item, meeting)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def blank(qtbot, demo_ctx, open_meeting):
    """The sheet of a new item that has no paper yet."""
    item = demo_ctx.run(agenda.add_agenda_item, meeting_id=open_meeting.id,
                        title="Winter resilience plan", purpose="approval")
    return editor_for(qtbot, demo_ctx, open_meeting, item)


def test_isop_sheet_shows_the_merton_fields(qtbot, demo_ctx):
    meeting = _meeting(demo_ctx, SEPT_27)
    item = next(i for i in demo_ctx.run(agenda.list_agenda, meeting_id=meeting.id)
                if i.number == "6.8")
    dialog = editor_for(qtbot, demo_ctx, meeting, item)
    heading = dialog.findChild(type(dialog.unrecognised), "coverSheetHeading").text()
    assert "ATTACHMENT 05" in heading and "Agenda No: 6.8" in heading
    assert dialog.field("title") == "Integrated Strategy & Operating Plan (ISOP)"
    assert dialog.field("purpose") == "approval"
    dialog.tabs.setCurrentWidget(dialog.preview)
    page = dialog.preview_page.pixmap()
    assert not page.isNull() and page.height() > page.width()  # an A4 page, portrait
    printed = _pdf_text(dialog.preview_pdf)
    assert "Report to the Merton CCG Governing Body" in printed
    assert "ATTACHMENT 05" in printed and "Executive Summary" in printed
    assert "Integrated Strategy & Operating Plan (ISOP)" in printed


def test_html_likeness_of_the_sheet(qtbot, demo_ctx):
    meeting = _meeting(demo_ctx, SEPT_27)
    item = next(i for i in demo_ctx.run(agenda.list_agenda, meeting_id=meeting.id)
                if i.number == "6.8")
    dialog = editor_for(qtbot, demo_ctx, meeting, item)
    dialog.preview_html.setHtml(dialog.sheet_html())
    shown = dialog.preview_html.toPlainText()
    assert "ATTACHMENT 05" in shown and "Executive Summary:" in shown


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_required_for_final_fields_are_marked(blank):
    labels = {w.text() for w in blank.findChildren(type(blank.unrecognised))}
    for label in ("Title of Document *", "Purpose of Report *", "Report Author *",
                  "Lead Director *", "Executive Summary *", "Recommendation(s) *"):
        assert label in labels
    assert "Contact details" in labels


def test_final_without_required_fields_shows_problems_in_place(blank, demo_ctx):
    blank.status.setCurrentIndex(blank.status.findData("final"))
    blank.accept()
    for field in ("report_author", "lead_director", "executive_summary", "recommendations"):
        problem = blank.errors.label(field)
        assert not problem.isHidden(), field
        assert "before the paper is final" in problem.text()
    assert blank.isVisible() is False or blank.result() == 0
    assert demo_ctx.run(papers.paper_for_item, agenda_item_id=blank.item.id) is None


def test_draft_saves_with_risks(blank, demo_ctx):
    blank.risks.item(0).setCheckState(blank.risks.item(0).checkState().Checked)
    blank.accept()
    paper = demo_ctx.run(papers.paper_for_item, agenda_item_id=blank.item.id)
    assert paper.title == "Winter resilience plan" and paper.status == "draft"
    assert len(paper.risk_ids) == 1


def _cover_sheet_docx(path):
    import docx

    document = docx.Document()
    document.add_paragraph("Draft for the chair's eyes only")
    document.add_paragraph("Date of Meeting: Thursday 30th May 2013")
    table = document.add_table(rows=4, cols=1)
    table.cell(0, 0).text = "Title of Document: Winter Resilience Plan 2013/14"
    table.cell(1, 0).text = "Purpose of Report: For Approval"
    table.cell(2, 0).text = "Report Author: Director of Quality"
    table.cell(3, 0).text = "Executive Summary: How the system copes with winter pressures."
    document.add_paragraph("Financial Implications:")
    document.add_paragraph("Within the agreed budget.")
    document.save(path)


def test_word_import_fills_the_fields(blank, tmp_path):
    path = tmp_path / "cover.docx"
    _cover_sheet_docx(path)
    blank.import_from_word(str(path))
    assert blank.field("title") == "Winter Resilience Plan 2013/14"
    assert blank.field("purpose") == "approval"
    assert blank.field("report_author") == "Director of Quality"
    assert "winter pressures" in blank.field("executive_summary")
    assert "Within the agreed budget." in blank.field("financial_implications")
    assert not blank.unrecognised.isHidden()
    assert "Not recognised" in blank.unrecognised.text()
    assert "Draft for the chair's eyes only" in blank.unrecognised.text()


def test_files_are_added_and_replaced_keeping_the_old_version(blank, demo_ctx, tmp_path):
    assert not blank.files.add_button.isEnabled()  # no paper yet
    blank.accept()
    paper = demo_ctx.run(papers.paper_for_item, agenda_item_id=blank.item.id)
    panel = blank.files
    panel.set_paper(paper.id)
    first, second = tmp_path / "plan.pdf", tmp_path / "plan-v2.pdf"
    first.write_bytes(b"%PDF-1.4 first")
    second.write_bytes(b"%PDF-1.4 second version")
    panel.add_files([str(first)])
    assert [r.name for r in panel.model.rows()] == ["plan.pdf"]
    assert panel.model.index(0, 2).data() == panel.model.row_at(0).sha256[:12]
    panel.table.selectRow(0)
    panel.replace_selected(str(second))
    assert [(r.name, r.version_number) for r in panel.model.rows()] == [("plan-v2.pdf", 2)]
    panel.show_all.setChecked(True)
    states = sorted(panel.model.index(r, 5).data() for r in range(panel.model.rowCount()))
    assert states == ["current", "superseded"]
    old = next(r for r in panel.model.rows() if r.superseded)
    assert demo_ctx.run(attachments.read_attachment, attachment_id=old.id) == b"%PDF-1.4 first"


def test_files_dropped_from_the_desktop_are_attached(blank, demo_ctx, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    blank.accept()
    paper = demo_ctx.run(papers.paper_for_item, agenda_item_id=blank.item.id)
    panel = blank.files
    panel.set_paper(paper.id)
    dropped = tmp_path / "minutes.docx"
    dropped.write_bytes(b"PK fake docx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    assert [r.name for r in panel.model.rows()] == ["minutes.docx"]
    assert panel.model.index(0, 3).data() == "1"
