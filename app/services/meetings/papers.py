"""Paper use cases: cover sheets, draft and final, late papers, links to risks.

Read model ``PaperRow``: id, agenda_item_id, meeting_id, meeting_title, meeting_date,
committee, item_number ("6.8"), attachment_number ("ATTACHMENT 05"), part; the cover sheet
fields of app.domain.papers.COVER_SHEET_FIELDS (title, purpose, report_author, lead_director,
contact_details, executive_summary, key_sections, recommendations, previous_committees,
financial_implications, other_bodies, other_bodies_implications, other_implications,
equality_analysis, information_privacy, communication_plan); purpose_label ("For Approval"),
paper_version, status (draft/final), confidential (as stored), in_public_pack (not
confidential and in Part 1), received_on, papers_due_on, late, risk_ids, attachments (current
versions, ``AttachmentRow``), version. ``cover_sheet`` gives (label, text) pairs in sheet order.

Use cases:
  create_paper(agenda_item_id, title, purpose="", status="draft", confidential=False,
               received_on=None, paper_version="", **cover_fields) -> PaperRow
  update_paper(paper_id, expected_version, **changes) -> PaperRow   (any of the above fields)
  get_paper(paper_id) / paper_for_item(agenda_item_id) -> PaperRow | None
  list_papers(meeting_id) -> list[PaperRow]  (agenda order)
  late_papers(meeting_id) -> list[PaperRow]  (received after the papers deadline)
  link_paper_to_risk(paper_id, risk_id) / unlink_paper_from_risk(paper_id, risk_id) -> PaperRow
A final paper needs title, purpose, report author, lead director, executive summary and
recommendations. Files: app.services.meetings.attachments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import papers as rules
from app.domain.agenda import purpose_label
from app.domain.errors import Conflict, Problem
from app.domain.meetings import is_late, papers_deadline
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.agenda import Layout, Layouts, agenda_layout, layouts_for
from app.services.meetings.attachments import AttachmentRow, current_attachments
from app.services.meetings.sealing import check_not_sealed, correction_text
from app.store.meetings import AgendaItem, Meeting
from app.store.papers import Paper, PaperRisk
from app.store.risks import Risk

SETTABLE = rules.TEXT_FIELDS + ("purpose", "status", "confidential", "received_on",
                                "paper_version")


@dataclass(frozen=True)
class PaperRow:
    id: int
    agenda_item_id: int
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    committee: str
    item_number: str
    attachment_number: str
    part: int
    title: str
    purpose: str
    purpose_label: str
    report_author: str
    lead_director: str
    contact_details: str
    executive_summary: str
    key_sections: str
    recommendations: str
    previous_committees: str
    financial_implications: str
    other_bodies: str
    other_bodies_implications: str
    other_implications: str
    equality_analysis: str
    information_privacy: str
    communication_plan: str
    paper_version: str
    status: str
    confidential: bool
    in_public_pack: bool
    received_on: dt.date | None
    papers_due_on: dt.date
    late: bool
    risk_ids: tuple[int, ...]
    attachments: tuple[AttachmentRow, ...]
    version: int
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each

    @property
    def cover_sheet(self) -> tuple[tuple[str, str], ...]:
        """(label, text) in the order of the sheet, purpose in words ("For Approval")."""
        lines = []
        for name, label in rules.COVER_SHEET_FIELDS:
            if name == "purpose":
                lines.append((label, self.purpose_label))
            elif name == "other_bodies_implications":
                lines.append((rules.other_bodies_label(self.other_bodies), getattr(self, name)))
            else:
                lines.append((label, getattr(self, name)))
        return tuple(lines)


def _row(session: Session, p: Paper, layout: Layout | None = None) -> PaperRow:
    item = p.agenda_item
    meeting = item.meeting
    layout = layout or agenda_layout(session, meeting)
    deadline = papers_deadline(meeting.meeting_date, meeting.papers_due_on)
    risk_ids = tuple(session.scalars(select(PaperRisk.risk_id).where(
        PaperRisk.paper_id == p.id).order_by(PaperRisk.risk_id)))
    cover = {name: getattr(p, name) for name in rules.TEXT_FIELDS}
    return PaperRow(
        id=p.id, agenda_item_id=item.id, meeting_id=meeting.id, meeting_title=meeting.title,
        meeting_date=meeting.meeting_date, committee=meeting.committee.name,
        item_number=layout.numbers[item.id], attachment_number=layout.attachments.get(item.id, ""),
        part=item.part, purpose=p.purpose, purpose_label=purpose_label(p.purpose),
        paper_version=p.paper_version, status=p.status, confidential=p.confidential,
        in_public_pack=not p.confidential and item.part == 1, received_on=p.received_on,
        papers_due_on=deadline, late=is_late(p.received_on, deadline), risk_ids=risk_ids,
        attachments=tuple(current_attachments(session, p.id)), version=p.version,
        corrected=correction_text(p), **cover)


def _validate(values: dict) -> None:
    fields_only = {k: v for k, v in values.items() if k in rules.TEXT_FIELDS + ("purpose",)}
    raise_if(rules.paper_problems(fields_only, status=values["status"]))


def _unknown(changes: dict) -> None:
    raise_if([Problem(k, "is not a field of a paper") for k in changes if k not in SETTABLE])


def create_paper(session: Session, *, agenda_item_id: int, title: str, purpose: str = "",
                 status: str = "draft", confidential: bool = False,
                 received_on: dt.date | None = None, paper_version: str = "",
                 **cover_fields: str) -> PaperRow:
    """A paper on an item. On a Part 2 item it is confidential whatever is asked."""
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    check_not_sealed(session, item.meeting, "its papers")
    _unknown(cover_fields)
    if session.scalar(select(Paper.id).where(Paper.agenda_item_id == agenda_item_id)):
        raise Conflict(f"Item '{item.title}' already has a paper; edit that one instead.")
    values = {"title": title, "purpose": purpose, "status": status, **cover_fields}
    _validate(values)
    paper = Paper(agenda_item_id=agenda_item_id, confidential=confidential or item.part == 2,
                  received_on=received_on, paper_version=paper_version,
                  **{k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()})
    for name in rules.TEXT_FIELDS:
        if getattr(paper, name) is None:
            setattr(paper, name, "")
    session.add(paper)
    session.flush()
    return _row(session, paper)


def update_paper(session: Session, *, paper_id: int, expected_version: int | None,
                 **changes) -> PaperRow:
    """Change any fields of a paper (those not named keep their value)."""
    paper = get_or_fail(session, Paper, paper_id, "paper")
    check_not_sealed(session, paper.agenda_item.meeting, f"the paper '{paper.title}'")
    check_version(paper, expected_version, f"The paper '{paper.title}'")
    _unknown(changes)
    values = {name: getattr(paper, name) for name in SETTABLE}
    values.update(changes)
    _validate(values)
    for name, value in changes.items():
        setattr(paper, name, value.strip() if isinstance(value, str) else value)
    if paper.agenda_item.part == 2:
        paper.confidential = True
    session.flush()
    return _row(session, paper)


def get_paper(session: Session, *, paper_id: int) -> PaperRow:
    return _row(session, get_or_fail(session, Paper, paper_id, "paper"))


def paper_for_item(session: Session, *, agenda_item_id: int) -> PaperRow | None:
    paper = session.scalar(select(Paper).where(Paper.agenda_item_id == agenda_item_id))
    return _row(session, paper) if paper else None


def list_papers(session: Session, *, meeting_id: int,
                layouts: Layouts | None = None) -> list[PaperRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    layout = layouts_for(session, layouts).of(meeting)
    papers = {p.agenda_item_id: p for p in session.scalars(
        select(Paper).where(Paper.agenda_item_id.in_(list(layout.papers))))} \
        if layout.papers else {}
    return [_row(session, papers[i.id], layout) for i in layout.items if i.id in papers]


def late_papers(session: Session, *, meeting_id: int) -> list[PaperRow]:
    return [p for p in list_papers(session, meeting_id=meeting_id) if p.late]


def link_paper_to_risk(session: Session, *, paper_id: int, risk_id: int) -> PaperRow:
    paper = get_or_fail(session, Paper, paper_id, "paper")
    check_not_sealed(session, paper.agenda_item.meeting, f"the paper '{paper.title}'")
    get_or_fail(session, Risk, risk_id, "risk")
    if session.get(PaperRisk, (paper_id, risk_id)) is None:
        session.add(PaperRisk(paper_id=paper_id, risk_id=risk_id))
        session.flush()
    return _row(session, paper)


def unlink_paper_from_risk(session: Session, *, paper_id: int, risk_id: int) -> PaperRow:
    paper = get_or_fail(session, Paper, paper_id, "paper")
    check_not_sealed(session, paper.agenda_item.meeting, f"the paper '{paper.title}'")
    link = session.get(PaperRisk, (paper_id, risk_id))
    if link is not None:
        session.delete(link)
        session.flush()
    return _row(session, paper)

