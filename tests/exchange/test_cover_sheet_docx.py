"""Cover sheets from Word: a .docx on the Merton layout is read into the paper's fields."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from app.exchange.cover_sheet_docx import export_cover_sheet, import_cover_sheet
from app.services.demo.isop import ISOP_COVER_SHEET as ISOP
from app.services.meetings import agenda, papers
from tests.services.meeting_setup import make_body, make_meeting

TABLE_ROWS = [
    (f"Title of Document: {ISOP['title']}", "Purpose of Report: For Approval"),
    (f"Report Author: {ISOP['report_author']}", f"Lead Director: {ISOP['lead_director']}"),
    (f"Contact details: {ISOP['contact_details']}", ""),
    (f"Executive Summary: {ISOP['executive_summary']}", None),
    ("Key sections for particular note (paragraph/page), areas of concern etc: "
     f"{ISOP['key_sections']}", None),
    (f"Recommendation(s): {ISOP['recommendations']}", None),
    ("Committees which have previously discussed/agreed the report: "
     f"{ISOP['previous_committees']}", None),
    ("Board Assurance Framework risks: BAF 3", None),  # a newer template's field
]
HEADINGS = [
    ("Financial Implications:", ISOP["financial_implications"]),
    ("Implications for the Sutton and Merton Board or Joint PCT Boards:",
     ISOP["other_bodies_implications"]),
    ("Other Implications: (including patient and public involvement/Legal/Governance/Risk/ "
     "Diversity/ Staffing)", ISOP["other_implications"]),
    ("Equality Analysis:", ISOP["equality_analysis"]),
    ("Information Privacy Issues:", ISOP["information_privacy"]),
    ("Communication Plan: (including any implications under the Freedom of Information Act or "
     "NHS Constitution).", ISOP["communication_plan"]),
]


def merton_docx(path):
    """The Merton CCG cover sheet as it would be typed into the Word template."""
    document = docx.Document()
    for line in ("Merton Clinical Commissioning Group",
                 "Report to the Merton Clinical Commissioning Group Governing Body",
                 "Date of Meeting: Thursday 27th September 2012", "Agenda No: 6.8",
                 "ATTACHMENT 05"):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    for left, right in TABLE_ROWS:
        cells = table.add_row().cells
        cells[0].text = left
        if right is None:
            cells[0].merge(cells[1])
        else:
            cells[1].text = right
    for heading, text in HEADINGS:
        document.add_paragraph(heading)
        document.add_paragraph("")
        document.add_paragraph(text)
    document.add_page_break()
    document.add_heading("Draft Integrated Strategy & Operating Plan (2012-2015) –", level=1)
    document.add_paragraph("Merton Clinical Commissioning Group will be responsible for "
                           "publishing the Integrated Strategy & Operating Plan.")
    document.save(path)
    return path


def test_merton_cover_sheet_is_read_field_by_field(tmp_path):
    result = import_cover_sheet(merton_docx(tmp_path / "isop.docx"))
    assert result.fields == ISOP
    assert result.meeting_date == dt.date(2012, 9, 27)
    assert result.meeting_date_text == "Thursday 27th September 2012"
    assert result.agenda_number == "6.8"
    assert result.attachment_number == "ATTACHMENT 05"
    assert result.report_to == "the Merton Clinical Commissioning Group Governing Body"
    assert result.unrecognised == ["Merton Clinical Commissioning Group",
                                   "Board Assurance Framework risks: BAF 3"]


def test_reads_from_bytes_and_reports_an_unknown_purpose(tmp_path):
    document = docx.Document()
    document.add_paragraph("Title of Report: Winter plan")
    document.add_paragraph("Purpose of Paper: For a chat")
    document.add_paragraph("Recommendations: Note the plan.")
    path = tmp_path / "winter.docx"
    document.save(path)
    result = import_cover_sheet(path.read_bytes())
    assert result.fields == {"title": "Winter plan", "recommendations": "Note the plan."}
    assert result.unrecognised == ["Purpose of Report: For a chat"]
    assert result.meeting_date is None


@pytest.fixture
def isop_paper(sqlite_ctx):
    with sqlite_ctx.transaction() as s:
        meeting = make_meeting(s, make_body(s))
        item = agenda.add_agenda_item(s, meeting_id=meeting.id, title="ISOP",
                                      purpose="approval")
        return papers.create_paper(s, agenda_item_id=item.id, **ISOP)


def test_an_exported_cover_sheet_reads_back_the_same(isop_paper, tmp_path, sqlite_ctx):
    path = export_cover_sheet(isop_paper, tmp_path / "out.docx",
                              organisation="Merton Clinical Commissioning Group",
                              report_to="the Merton Clinical Commissioning Group Governing Body")
    result = import_cover_sheet(path)
    assert result.fields == ISOP
    assert result.agenda_number == isop_paper.item_number
    assert result.attachment_number == "ATTACHMENT 01"
    assert result.meeting_date == dt.date(2012, 9, 27)
    assert result.unrecognised == ["Merton Clinical Commissioning Group"]
    # and the fields go straight into a new paper
    with sqlite_ctx.transaction() as s:
        item = agenda.add_agenda_item(s, meeting_id=isop_paper.meeting_id, title="Again")
        again = papers.create_paper(s, agenda_item_id=item.id, **result.fields)
    assert again.cover_sheet == isop_paper.cover_sheet


def test_labels_in_one_column_and_values_in_the_next(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for label, value in (("Title of Document:", "Winter plan"),
                         ("Purpose of Report:", "For Assurance"),
                         ("Strategic objective:", "SO2"),
                         ("Executive Summary:", "Beds and staffing for winter.")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("Note: figures are at month 6.")
    path = tmp_path / "columns.docx"
    document.save(path)
    result = import_cover_sheet(path)
    assert result.fields == {"title": "Winter plan", "purpose": "assurance",
                             "executive_summary": "Beds and staffing for winter.\n"
                                                  "Note: figures are at month 6."}
    assert result.unrecognised == ["Strategic objective:", "SO2"]
