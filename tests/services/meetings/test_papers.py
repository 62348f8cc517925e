"""Papers and their files: cover sheets, draft and final, late papers, versioned attachments."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from app.domain.errors import Conflict, NotFound, ValidationError
from app.services.meetings import agenda, attachments, papers
from app.store.audit import AuditEvent
from app.store.papers import Blob
from tests.services.meeting_setup import make_body, make_meeting

COVER = dict(
    report_author="Mark Needham, Director of Commissioning", lead_director="Mark Needham",
    executive_summary="This paper provides an update with regards to the progress of the ISOP.",
    recommendations="The Governing Body is requested to agree to Chair's Action on the full "
                    "document.",
    other_bodies="the Sutton and Merton Board or Joint PCT Boards",
    other_bodies_implications="The strategy has implications.",
)


@pytest.fixture
def items(ctx):
    with ctx.transaction() as s:
        meeting = make_meeting(s, make_body(s))
        agenda.apply_template(s, meeting_id=meeting.id)
        minutes = agenda.list_agenda(s, meeting_id=meeting.id)[2]
        isop = agenda.add_agenda_item(s, meeting_id=meeting.id, title="ISOP",
                                      purpose="approval")
        private = agenda.add_agenda_item(s, meeting_id=meeting.id, title="Contract", part=2,
                                         purpose="decision")
    return {"meeting": meeting, "minutes": minutes, "isop": isop, "private": private}


def test_a_paper_carries_its_cover_sheet(ctx, items):
    row = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id,
                  title="Integrated Strategy & Operating Plan (ISOP)", purpose="approval",
                  received_on=dt.date(2012, 9, 19), **COVER)
    assert row.item_number == "5" and row.attachment_number == "ATTACHMENT 01"
    assert row.status == "draft" and not row.late and row.in_public_pack
    sheet = dict(row.cover_sheet)
    assert sheet["Purpose of Report"] == "For Approval"
    assert sheet["Report Author"] == "Mark Needham, Director of Commissioning"
    assert sheet["Implications for the Sutton and Merton Board or Joint PCT Boards"] == (
        "The strategy has implications.")
    assert ctx.run(papers.paper_for_item, agenda_item_id=items["isop"].id) == row


def test_attachment_numbers_follow_the_agenda(ctx, items):
    later = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP")
    earlier = ctx.run(papers.create_paper, agenda_item_id=items["minutes"].id,
                      title="Minutes of 26 July 2012")
    private = ctx.run(papers.create_paper, agenda_item_id=items["private"].id, title="Award")
    listed = ctx.run(papers.list_papers, meeting_id=items["meeting"].id)
    assert [(p.id, p.attachment_number) for p in listed] == [
        (earlier.id, "ATTACHMENT 01"), (later.id, "ATTACHMENT 02"),
        (private.id, "ATTACHMENT 03")]
    assert private.confidential and not private.in_public_pack


def test_final_needs_the_required_fields(ctx, items):
    with pytest.raises(ValidationError) as err:
        ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP",
                status="final")
    assert {p.field for p in err.value.problems} == {
        "purpose", "report_author", "lead_director", "executive_summary", "recommendations"}
    draft = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP",
                    purpose="approval", **COVER)
    final = ctx.run(papers.update_paper, paper_id=draft.id, expected_version=draft.version,
                    status="final", paper_version="Working Draft v1.0")
    assert final.status == "final" and final.paper_version == "Working Draft v1.0"
    assert final.report_author == COVER["report_author"]
    with pytest.raises(ValidationError, match="is needed before the paper is final"):
        ctx.run(papers.update_paper, paper_id=final.id, expected_version=final.version,
                recommendations="")
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(papers.update_paper, paper_id=final.id, expected_version=draft.version,
                title="x")
    with pytest.raises(ValidationError, match="is not a field"):
        ctx.run(papers.update_paper, paper_id=final.id, expected_version=final.version,
                colour="blue")


def test_late_papers(ctx, items):
    on_time = ctx.run(papers.create_paper, agenda_item_id=items["minutes"].id, title="Minutes",
                      received_on=dt.date(2012, 9, 20))
    late = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP",
                   received_on=dt.date(2012, 9, 25))
    assert not on_time.late and late.late and late.papers_due_on == dt.date(2012, 9, 20)
    assert [p.id for p in ctx.run(papers.late_papers, meeting_id=items["meeting"].id)] == [
        late.id]


def test_one_paper_per_item(ctx, items):
    ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP")
    with pytest.raises(Conflict, match="already has a paper"):
        ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="Again")


def test_replacing_a_file_keeps_the_history(ctx, items):
    paper = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP")
    first = ctx.run(attachments.add_attachment, paper_id=paper.id, name="isop-v1.pdf",
                    data=b"%PDF-1.4 first")
    assert first.content_type == "application/pdf" and first.version_number == 1
    second = ctx.run(attachments.replace_attachment, attachment_id=first.id,
                     expected_version=first.version, data=b"%PDF-1.4 second")
    assert second.version_number == 2 and not second.superseded
    assert [a.id for a in ctx.run(papers.get_paper, paper_id=paper.id).attachments] == [
        second.id]
    history = ctx.run(attachments.attachment_history, attachment_id=second.id)
    assert [(a.version_number, a.superseded) for a in history] == [(1, True), (2, False)]
    assert ctx.run(attachments.read_attachment, attachment_id=first.id) == b"%PDF-1.4 first"
    assert ctx.run(attachments.read_attachment, attachment_id=second.id) == b"%PDF-1.4 second"
    with pytest.raises(Conflict, match="already been replaced"):
        ctx.run(attachments.replace_attachment, attachment_id=first.id, expected_version=None,
                data=b"third")
    with pytest.raises(ValidationError, match="same as version 2"):
        ctx.run(attachments.replace_attachment, attachment_id=second.id,
                expected_version=None, data=b"%PDF-1.4 second")
    listed = ctx.run(attachments.list_attachments, paper_id=paper.id, include_superseded=True)
    assert len(listed) == 2


def test_the_same_file_is_stored_once(ctx, items):
    a = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP")
    b = ctx.run(papers.create_paper, agenda_item_id=items["minutes"].id, title="Minutes")
    data = b"the same appendix"
    one = ctx.run(attachments.add_attachment, paper_id=a.id, name="appendix.txt", data=data)
    ctx.run(attachments.add_attachment, paper_id=b.id, name="appendix.txt", data=data)
    assert one.sha256 == hashlib.sha256(data).hexdigest() and one.size == len(data)
    with ctx.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 1
        events = s.scalars(select(AuditEvent).where(AuditEvent.record_type == "attachment"))
        assert all(one.sha256 in e.changes for e in events)


def test_an_empty_file_is_refused(ctx, items):
    paper = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="ISOP")
    with pytest.raises(ValidationError, match="empty"):
        ctx.run(attachments.add_attachment, paper_id=paper.id, name="x.pdf", data=b"")


def test_a_paper_is_linked_to_the_risks_it_bears_on(ctx, items):
    from app.services.risks import risks
    from app.services.risks import settings as risk_settings

    with ctx.transaction() as s:
        category = risk_settings.create_category(s, name="Financial", appetite_level=2).id
        risk_ids = [risks.create_risk(s, title=title, category_id=category,
                                      inherent_likelihood=4, inherent_consequence=4,
                                      current_likelihood=3, current_consequence=4,
                                      raised_on=dt.date(2012, 4, 2)).id
                    for title in ("Financial targets not achieved", "QIPP under-delivery")]
    paper = ctx.run(papers.create_paper, agenda_item_id=items["isop"].id, title="Finance")
    ctx.run(papers.link_paper_to_risk, paper_id=paper.id, risk_id=risk_ids[1])
    linked = ctx.run(papers.link_paper_to_risk, paper_id=paper.id, risk_id=risk_ids[0])
    assert linked.risk_ids == tuple(sorted(risk_ids))
    assert ctx.run(papers.link_paper_to_risk, paper_id=paper.id,
                   risk_id=risk_ids[0]).risk_ids == linked.risk_ids  # linking twice is harmless
    unlinked = ctx.run(papers.unlink_paper_from_risk, paper_id=paper.id, risk_id=risk_ids[1])
    assert unlinked.risk_ids == (risk_ids[0],)
    with pytest.raises(NotFound):
        ctx.run(papers.link_paper_to_risk, paper_id=paper.id, risk_id=9999)
