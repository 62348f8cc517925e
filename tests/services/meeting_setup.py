"""A small governing body to hold meetings with, shared by the meeting service tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services import organisation, people
from app.services.meetings import meetings

START = dt.date(2012, 4, 1)
MEMBERS = [
    # name, kind, role, voting
    ("Chair", "clinical member", "chair", True),
    ("Lay Member", "lay member", "vice chair", True),
    ("Second Lay Member", "lay member", "member", True),
    ("GP Member", "clinical member", "member", True),
    ("Chief Officer", "executive", "member", True),
    ("Chief Finance Officer", "executive", "member", True),
    ("Secretary", "officer", "in attendance", False),
]


@dataclass
class Body:
    committee_id: int
    person: dict[str, int] = field(default_factory=dict)


def make_body(session, name: str = "Governing Body", quorum: int = 4,
              kinds: tuple = ("lay member", "clinical member")) -> Body:
    if not organisation.is_set_up(session):
        organisation.set_up_organisation(session, name="NHS Test CCG", short_name="Test CCG")
    committee = people.create_committee(session, name=name, kind="governing body",
                                        quorum_count=quorum, quorum_kinds=list(kinds))
    body = Body(committee.id)
    for person_name, kind, role, voting in MEMBERS:
        existing = {p.name: p.id for p in people.list_people(session)}
        pid = existing.get(person_name) or people.create_person(
            session, name=person_name, kind=kind).id
        body.person[person_name] = pid
        people.add_membership(session, person_id=pid, committee_id=committee.id, role=role,
                              voting=voting, from_date=START)
    return body


def make_meeting(session, body: Body, when: dt.datetime = dt.datetime(2012, 9, 27, 14, 0),
                 title: str = "Governing Body meeting", **kwargs) -> meetings.MeetingRow:
    return meetings.create_meeting(session, committee_id=body.committee_id, title=title,
                                   starts_at=when, **kwargs)
