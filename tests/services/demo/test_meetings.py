"""The demo's meetings: the 27 September 2012 governing body with the seed's ISOP cover sheet,
and a year of meetings with an action log carried forward."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.services.context import AppContext
from app.services.demo.isop import ISOP_COVER_SHEET
from app.services.demo.load import load_demo
from app.services.meetings import actions, attachments, papers
from app.services.meetings.detail import get_meeting_detail
from app.store.audit import AuditEvent, verify_chain

SEED = Path(os.environ.get("BOARDBOOK_SEEDS", Path(__file__).resolve().parents[3] / "shared"
                           / "seeds")) / "merton-ccg-governing-body-cover-sheet-2012.txt"


@pytest.fixture(scope="module")
def demo(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("demo_meetings") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="demo")
    ids = ctx.run(load_demo)
    yield ctx, ids
    ctx.close()


def test_the_isop_paper_is_the_seed_cover_sheet(demo):
    ctx, ids = demo
    paper = ctx.run(papers.get_paper, paper_id=ids["paper:isop"])
    assert paper.meeting_date == dt.date(2012, 9, 27)
    assert paper.item_number == "6.8"
    assert paper.attachment_number == "ATTACHMENT 05"
    assert paper.purpose == "approval" and paper.purpose_label == "For Approval"
    for name, text in ISOP_COVER_SHEET.items():
        assert getattr(paper, name) == text, name
    assert paper.report_author == "Mark Needham, Director of Commissioning"
    assert paper.paper_version == "Working Draft v1.0"
    assert paper.late  # received 21 September, after the 20 September deadline


@pytest.mark.skipif(not SEED.exists(), reason="the seed papers are not beside the project")
def test_every_cover_sheet_field_is_verbatim_from_the_seed():
    seed = SEED.read_text(encoding="utf-8")
    labelled = {
        "title": "Title of Document: ", "report_author": "Report Author: ",
        "lead_director": "Lead Director: ", "contact_details": "Contact details: ",
        "executive_summary": "Executive Summary: ",
        "key_sections": "Key sections for particular note (paragraph/page), areas of concern "
                        "etc: ",
        "recommendations": "Recommendation(s): ",
        "previous_committees": "Committees which have previously discussed/agreed the "
                               "report: ",
        "financial_implications": "Financial Implications:\n\n",
        "other_bodies_implications": "Implications for the Sutton and Merton Board or Joint "
                                     "PCT Boards:\n\n",
        "other_implications": "Staffing)\n\n", "equality_analysis": "Equality Analysis:\n\n",
        "information_privacy": "Information Privacy Issues:\n\n",
        "communication_plan": "NHS Constitution).\n\n",
    }
    for name, label in labelled.items():
        assert label + ISOP_COVER_SHEET[name] in seed, name
    for line in ("Date of Meeting: Thursday 27th September 2012", "Agenda No: 6.8",
                 "ATTACHMENT 05", "Purpose of Report: For Approval"):
        assert line in seed


def test_the_isop_pdf_is_attached_with_its_history(demo):
    ctx, ids = demo
    paper = ctx.run(papers.get_paper, paper_id=ids["paper:isop"])
    (current,) = paper.attachments
    assert current.content_type == "application/pdf" and current.version_number == 2
    history = ctx.run(attachments.attachment_history, attachment_id=current.id)
    assert [a.version_number for a in history] == [1, 2] and history[0].superseded
    data = ctx.run(attachments.read_attachment, attachment_id=current.id)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Overview of Development Process & Approach" in text
    assert "Governance and Engagement" in text


def test_the_september_meeting(demo):
    ctx, ids = demo
    detail = ctx.run(get_meeting_detail, meeting_id=ids[
        "meeting:Merton CCG Governing Body:2012-09-27"])
    numbers = [i.number for i in detail.agenda]
    assert numbers[:5] == ["1", "2", "3", "4", "5"] and all(i.standing for i in detail.agenda[:5])
    assert "6.8" in numbers and numbers[-1] == "9"
    assert detail.agenda[-1].part == 2 and detail.meeting.part2_reason
    assert detail.quorum.quorate
    conflicted = next(q for q in detail.item_quorum if q.item_number == "9")
    assert conflicted.quorate and conflicted.not_counted == ("GP Member, Nelson locality",)
    assert {d.action for d in detail.declarations} == {"participated", "withdrew"}
    assert any(m.outcome.startswith("Approved: the Governing Body agreed to Chair's Action")
               for m in detail.minutes)
    assert detail.meeting.minutes_approved_at == "Merton CCG Governing Body, 29 Nov 2012"
    assert [p.attachment_number for p in detail.papers][:5] == [
        f"ATTACHMENT 0{n}" for n in range(1, 6)]
    assert detail.actions_carried and detail.actions_raised


def test_the_action_log_runs_through_the_year(demo):
    ctx, ids = demo
    everything = ctx.run(actions.list_actions, today=dt.date(2013, 4, 1))
    statuses = {a.status for a in everything}
    assert {"open", "in progress", "closed"} <= statuses
    late = ctx.run(actions.list_actions, overdue=True, today=dt.date(2013, 4, 1))
    assert late and all(a.status != "closed" for a in late)
    march = ctx.run(actions.carried_forward,
                    meeting_id=ids["meeting:Merton CCG Governing Body:2013-03-28"])
    assert any(a.meeting_date < dt.date(2013, 1, 1) for a in march)  # carried for months


def test_the_audit_trail_still_verifies(demo):
    ctx, _ = demo
    with ctx.engine.connect() as conn:
        report = verify_chain(conn)
        recorded = set(conn.scalars(select(AuditEvent.record_type).distinct()))
    assert report.ok
    assert {"meeting", "agenda_item", "paper", "attachment", "paper_risk", "attendance",
            "declaration", "interest", "minute_entry", "action_item", "action_update",
            "agenda_template", "template_item"} <= recorded
