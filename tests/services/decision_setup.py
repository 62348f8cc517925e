"""A governing body with a held meeting, a paper, a risk and a later meeting, shared by the
decision, chair's action and decision trail tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services import people
from app.services.meetings import agenda, attachments, attendance, meetings, papers
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from tests.services.meeting_setup import Body, make_body, make_meeting

SEPT = dt.datetime(2012, 9, 27, 14, 0)
NOV = dt.datetime(2012, 11, 29, 14, 0)
PDF = b"%PDF-1.4 the draft ISOP, working draft v1.0"


@dataclass
class Setup:
    body: Body
    meeting_id: int
    item_id: int  # for decision, with a paper and an attachment
    info_item_id: int  # for information
    paper_id: int
    attachment_sha: str
    risk_id: int


def make_setup(session, *, with_next_meeting: bool = False) -> Setup:
    body = make_body(session)
    # The chief officer is the accountable officer (standing orders ask for them).
    co = people.get_person(session, person_id=body.person["Chief Officer"])
    people.update_person(session, person_id=co.id, expected_version=co.version,
                         name=co.name, kind=co.kind, title="Chief Officer and Accountable Officer")
    meeting = make_meeting(session, body, SEPT)
    agenda.apply_template(session, meeting_id=meeting.id)
    item = agenda.add_agenda_item(session, meeting_id=meeting.id, purpose="approval",
                                  title="Integrated Strategy & Operating Plan (ISOP)")
    info = agenda.add_agenda_item(session, meeting_id=meeting.id, purpose="information",
                                  title="Engagement update")
    agenda.add_agenda_item(session, meeting_id=meeting.id, title="Any other business")
    paper = papers.create_paper(session, agenda_item_id=item.id, title="ISOP",
                                purpose="approval", paper_version="Working Draft v1.0")
    att = attachments.add_attachment(session, paper_id=paper.id, name="isop.pdf", data=PDF)
    for row in attendance.members_expected(session, meeting_id=meeting.id):
        attendance.record_attendance(session, meeting_id=meeting.id, person_id=row.person_id,
                                     status=row.status)
    hold(session, meeting.id)
    cat = risk_settings.create_category(session, name="Financial", appetite_level=2).id
    risk = risks.create_risk(session, title="Financial targets not achieved", category_id=cat,
                             owner_id=body.person["Chief Finance Officer"],
                             committee_id=body.committee_id, raised_on=dt.date(2012, 4, 2),
                             inherent_likelihood=4, inherent_consequence=5,
                             current_likelihood=4, current_consequence=4,
                             today=dt.date(2012, 9, 1))
    if with_next_meeting:
        next_meeting(session, body)
    return Setup(body, meeting.id, item.id, info.id, paper.id, att.sha256, risk.id)


def hold(session, meeting_id: int) -> None:
    """Issue the agenda and mark the meeting held: decisions are recorded on held meetings."""
    for status in ("agenda issued", "held"):
        row = meetings.get_meeting(session, meeting_id=meeting_id)
        if status in row.next_statuses:
            meetings.set_meeting_status(session, meeting_id=meeting_id, status=status,
                                        expected_version=row.version)


def next_meeting(session, body: Body, when: dt.datetime = NOV):
    meeting = make_meeting(session, body, when, title="Governing Body – November 2012")
    agenda.apply_template(session, meeting_id=meeting.id)
    agenda.add_agenda_item(session, meeting_id=meeting.id, title="Finance report",
                           purpose="assurance")
    agenda.add_agenda_item(session, meeting_id=meeting.id, title="Any other business")
    return meeting
