"""The demo organisation: Merton CCG as its 2012 board papers show it.

People are named by their role (apart from those the source papers name), so the demo never
puts words in the mouth of a real person who does not appear in the papers. Each capability adds
its own part to ``DEMO_PARTS``; ``load_demo`` runs them in order in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from app.domain.errors import Conflict
from app.services import organisation, people
from app.services.demo import decisions as demo_decisions
from app.services.demo import meetings as demo_meetings
from app.services.demo import risks as demo_risks

GOVERNING_BODY = "Merton CCG Governing Body"
AUDIT_COMMITTEE = "Audit Committee"
START = dt.date(2012, 4, 1)

# name, title, kind, email
PEOPLE = [
    ("Clinical Chair", "Chair of the Governing Body (GP)", "clinical member", ""),
    ("Chief Officer", "Chief Officer and Accountable Officer", "executive", ""),
    ("Chief Finance Officer", "Chief Finance Officer", "executive", ""),
    ("Mark Needham", "Director of Commissioning", "executive", "Mark.needham@swlondon.nhs.uk"),
    ("Director of Quality", "Director of Quality and Chief Nurse", "executive", ""),
    ("Lay Member for Governance", "Lay Member (Governance), Vice Chair", "lay member", ""),
    ("Lay Member for Patient and Public Involvement", "Lay Member (PPI)", "lay member", ""),
    ("Secondary Care Doctor", "Secondary Care Specialist Doctor", "clinical member", ""),
    ("Registered Nurse Member", "Governing Body Nurse", "clinical member", ""),
    ("GP Member, Nelson locality", "Clinical Lead, The Nelson Commissioning Group",
     "clinical member", ""),
    ("GP Member, Merton Healthcare", "Clinical Lead, Merton Healthcare", "clinical member", ""),
    ("GP Member, IPCCG", "Clinical Lead, Integrated Primary Care Commissioning Group",
     "clinical member", ""),
    ("Director of Public Health", "Director of Public Health, London Borough of Merton",
     "attendee", ""),
    ("Board Secretary", "Governing Body Secretary", "officer", ""),
    ("Internal Audit Manager", "Internal Audit (in attendance)", "attendee", ""),
]

# committee, kind, reports to, quorum count, quorum kinds, terms of reference
COMMITTEES = [
    (GOVERNING_BODY, "governing body", None, 5, ["lay member", "clinical member"],
     "Leads the CCG: sets strategy, approves plans and holds the executive to account."),
    (AUDIT_COMMITTEE, "committee", GOVERNING_BODY, 2, ["lay member"],
     "Reviews internal control, risk management and the decision trail; guardian of conflicts "
     "of interest."),
    ("Remuneration Committee", "committee", GOVERNING_BODY, 2, ["lay member"],
     "Advises on pay and terms of the executive and governing body members."),
    ("Quality and Performance Committee", "committee", GOVERNING_BODY, 3, ["clinical member"],
     "Assures the quality and safety of commissioned services and their performance."),
    ("Merton Executive Management Team", "committee", GOVERNING_BODY, 3, [],
     "Runs the CCG day to day and prepares business for the governing body."),
]

# committee -> [(person, role, voting)]
MEMBERSHIPS = {
    GOVERNING_BODY: [
        ("Clinical Chair", "chair", True), ("Lay Member for Governance", "vice chair", True),
        ("Chief Officer", "member", True), ("Chief Finance Officer", "member", True),
        ("Mark Needham", "member", True), ("Director of Quality", "member", True),
        ("Lay Member for Patient and Public Involvement", "member", True),
        ("Secondary Care Doctor", "member", True), ("Registered Nurse Member", "member", True),
        ("GP Member, Nelson locality", "member", True),
        ("GP Member, Merton Healthcare", "member", True), ("GP Member, IPCCG", "member", True),
        ("Director of Public Health", "in attendance", False),
        ("Board Secretary", "in attendance", False),
    ],
    AUDIT_COMMITTEE: [
        ("Lay Member for Governance", "chair", True),
        ("Lay Member for Patient and Public Involvement", "member", True),
        ("Secondary Care Doctor", "member", True),
        ("Chief Finance Officer", "in attendance", False),
        ("Internal Audit Manager", "in attendance", False),
        ("Board Secretary", "in attendance", False),
    ],
    "Remuneration Committee": [
        ("Lay Member for Patient and Public Involvement", "chair", True),
        ("Lay Member for Governance", "member", True), ("Clinical Chair", "member", True),
    ],
    "Quality and Performance Committee": [
        ("Registered Nurse Member", "chair", True), ("Director of Quality", "member", True),
        ("Secondary Care Doctor", "member", True), ("GP Member, Nelson locality", "member", True),
        ("Lay Member for Patient and Public Involvement", "member", True),
    ],
    "Merton Executive Management Team": [
        ("Chief Officer", "chair", True), ("Chief Finance Officer", "member", True),
        ("Mark Needham", "member", True), ("Director of Quality", "member", True),
        ("Board Secretary", "in attendance", False),
    ],
}


def add_people_and_bodies(session: Session, ids: dict) -> None:
    for name, title, kind, email in PEOPLE:
        ids[name] = people.create_person(session, name=name, title=title, kind=kind,
                                         email=email).id
    for name, kind, parent, count, kinds, tor in COMMITTEES:
        ids[name] = people.create_committee(
            session, name=name, kind=kind, reports_to_id=ids.get(parent) if parent else None,
            quorum_count=count, quorum_kinds=kinds, terms_of_reference=tor,
            short_name="GB" if kind == "governing body" else "").id
    for committee, members in MEMBERSHIPS.items():
        for person, role, voting in members:
            people.add_membership(session, person_id=ids[person], committee_id=ids[committee],
                                  role=role, voting=voting, from_date=START)


# Each part takes the session and a dict of names to ids that earlier parts filled, and may
# read ``scale`` from it (python main.py demo --scale N).
DEMO_PARTS: list[Callable[[Session, dict], None]] = [add_people_and_bodies,
                                                   demo_risks.add_risk_register,
                                                   demo_meetings.add_meetings,
                                                   demo_decisions.add_decisions,
                                                   demo_meetings.approve_past_minutes]


def load_demo(session: Session, *, scale: int = 0) -> dict:
    """Fill an empty database with the demo organisation. Refuses a database in use."""
    if organisation.is_set_up(session):
        raise Conflict("The demo only fills an empty database, and this one already has an "
                       "organisation. Create a new database for the demo.")
    organisation.set_up_organisation(session, name="NHS Merton Clinical Commissioning Group",
                                     short_name="Merton CCG")
    ids: dict = {"scale": scale}
    for part in DEMO_PARTS:
        part(session, ids)
    return ids
