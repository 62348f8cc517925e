"""Demo part: decisions on the demo meetings, and the chair's actions of 2012/13.

The Merton seed's item 6.8 asks the governing body on 27 September 2012 "to agree to Chair's
Action on the full document" (the ISOP). Here the body agrees; the Chair takes the action on
28 September, the day the authorisation evidence upload closed, after consulting the Lay Member
for Governance and the Chief Officer (the accountable officer); it is reported to the next
governing body meeting, 29 November 2012, whose agenda already carries "Ratification of Chair's
Action: ISOP submission", and ratified there. A second chair's action, taken after the last
meeting of the year, still awaits ratification. Other decisions: approvals, a noting, an
assurance, a deferral, an inquorate remuneration decision taken with an override, and the
2013/14 operating plan, whose approval lowers a risk's score and raises actions.
Everything goes through the services. Adds to ``ids``: "decision:isop", "chairs_action:isop",
"chairs_action:operating plan".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.services import interests
from app.services.decisions import chairs_actions, decisions
from app.services.decisions.chairs_actions import NewConsultee
from app.services.meetings import agenda
from app.services.risks import register as risk_register

D = dt.date
GB = "Merton CCG Governing Body"
REMUNERATION = "Remuneration Committee"
SEPT, NOV, MARCH = D(2012, 9, 27), D(2012, 11, 29), D(2013, 3, 28)
ISOP_ITEM = "Integrated Strategy & Operating Plan (ISOP)"

# (body, date, item title, outcome, resolution, rationale)
SIMPLE = [
    (GB, SEPT, "Quality and performance report", "assured",
     "The Governing Body took assurance from the quality and performance report, subject to "
     "the actions on serious incidents.", "Trend data on serious incidents is to follow."),
    (GB, SEPT, "Federation agreement with Sutton CCG", "deferred",
     "Deferred to the November meeting.",
     "The Sutton CCG board had not yet considered the draft agreement."),
    (GB, SEPT, "Audit Committee: report of the meeting of 6 September 2012", "noted",
     "The Governing Body noted the Audit Committee's report.", ""),
    (GB, SEPT, "Community anticoagulation service: contract award", "approved",
     "The contract for the community anticoagulation service is awarded to the highest "
     "scoring bidder, as the evaluation panel recommends.",
     "The recommended bid scored highest on quality and price; the GP Member, Nelson "
     "locality withdrew, as a partner in a bidding practice."),
    (GB, NOV, "ISOP: next iteration", "approved with amendments",
     "The Governing Body approved the next iteration of the ISOP, with the Health and "
     "Wellbeing Board's comments reflected in the commissioning intentions.", ""),
]


def _item(session: Session, ids: dict, body: str, day: dt.date, title: str) -> int:
    meeting_id = ids[f"meeting:{body}:{day.isoformat()}"]
    return next(i.id for i in agenda.list_agenda(session, meeting_id=meeting_id)
                if i.title == title)


def _isop(session: Session, ids: dict) -> None:
    decision = decisions.record_decision(
        session, agenda_item_id=_item(session, ids, GB, SEPT, ISOP_ITEM), outcome="approved",
        resolution="The Governing Body agreed to Chair's Action on the full document: the "
                   "Chair to approve the final ISOP for the authorisation evidence upload, "
                   "after consulting a lay member and the Chief Officer.",
        rationale="The final document would not be ready before the evidence upload closed on "
                  "28 September 2012; the draft had been reviewed by the Merton Executive "
                  "Management Team on 21 September.")
    ids["decision:isop"] = decision.id
    ca = chairs_actions.create_chairs_action(
        session, committee_id=ids[GB], title="Integrated Strategy & Operating Plan: final "
        "document for the authorisation evidence upload",
        decision_text="Approved the final Integrated Strategy & Operating Plan (2012-2015) for "
                      "submission with the CCG's authorisation evidence.",
        urgency_reason="The evidence upload for CCG authorisation closed on 28 September 2012, "
                       "the day after the Governing Body met; the final document was not ready "
                       "for the meeting.",
        power="Chair's Action agreed by the Governing Body on 27 September 2012 (item 6.8)",
        standing_order_clause="Standing orders: urgent decisions (chair's action)",
        authorised_by_decision_id=decision.id, taken_by_id=ids["Clinical Chair"],
        taken_on=D(2012, 9, 28), paper_id=ids["paper:isop"],
        conflicts="None beyond the GP members' general interest as partners in member "
                  "practices.",
        if_not_ratified="The CCG would tell the NHS Commissioning Board Authority and submit "
                        "the ISOP as the Governing Body directs.",
        consultees=[NewConsultee(ids["Lay Member for Governance"], D(2012, 9, 28),
                                 "Agreed by email"),
                    NewConsultee(ids["Chief Officer"], D(2012, 9, 28),
                                 "Acting with the Chair as accountable officer")])
    ca = chairs_actions.take_chairs_action(
        session, chairs_action_id=ca.id, expected_version=ca.version,
        ratification_item_id=_item(session, ids, GB, NOV,
                                   "Ratification of Chair's Action: ISOP submission"))
    ids["chairs_action:isop"] = ca.id
    chairs_actions.ratify_chairs_action(
        session, chairs_action_id=ca.id, outcome="ratified", decided_on=NOV,
        resolution="The Governing Body ratified the Chair's Action of 28 September 2012 "
                   "approving the final ISOP for the authorisation evidence upload.")


def _awaiting(session: Session, ids: dict) -> None:
    ca = chairs_actions.create_chairs_action(
        session, committee_id=ids[GB], title="Operating plan 2013/14: final submission",
        decision_text="Approved the final 2013/14 operating plan for submission to the NHS "
                      "Commissioning Board, with the activity plan agreed with providers.",
        urgency_reason="The final plan was due with the NHS Commissioning Board on 5 April "
                       "2013, before the Governing Body next meets.",
        power="Standing orders: urgent decisions between meetings",
        standing_order_clause="Standing orders: urgent decisions (chair's action)",
        taken_by_id=ids["Clinical Chair"], taken_on=D(2013, 4, 3),
        if_not_ratified="The plan would be resubmitted as the Governing Body directs.",
        consultees=[NewConsultee(ids["Lay Member for Patient and Public Involvement"],
                                 D(2013, 4, 2)),
                    NewConsultee(ids["Chief Officer"], D(2013, 4, 3))])
    ca = chairs_actions.take_chairs_action(session, chairs_action_id=ca.id,
                                           expected_version=ca.version)
    ids["chairs_action:operating plan"] = ca.id


def _override(session: Session, ids: dict) -> None:
    """Remuneration, June 2012: with the Clinical Chair out and the Vice Chair taking no part,
    the committee is inquorate for the item and proceeds with an override."""
    day = D(2012, 6, 21)
    item = _item(session, ids, REMUNERATION, day, "Remuneration of governing body clinical "
                                                  "members")
    meeting = ids[f"meeting:{REMUNERATION}:{day.isoformat()}"]
    for person, text, action in (
            ("Clinical Chair", "A governing body clinical member whose pay the item sets",
             "withdrew"),
            ("Lay Member for Governance", "The paper proposes the Vice Chair's allowance",
             "took no part in the decision")):
        interests.declare_interest(session, meeting_id=meeting, person_id=ids[person],
                                   description=text, action=action, agenda_item_id=item,
                                   chair_ruling="Declared and minuted; see the action taken.")
    decisions.record_decision(
        session, agenda_item_id=item, outcome="approved",
        resolution="The committee agreed the sessional rates for governing body clinical "
                   "members, to be reported to the Governing Body.",
        override_reason="The rates had to be settled before the clinical members' contracts "
                        "began on 1 July 2012; the decision is reported to the Governing Body "
                        "for ratification.")


def _operating_plan(session: Session, ids: dict) -> None:
    risk = risk_register.get_risk_row(session, risk_id=ids["CR-002"]) if "CR-002" in ids \
        else None
    changes = [(risk.id, risk.version, max(1, risk.current_likelihood - 1),
                risk.current_consequence)] if risk else []
    decisions.record_decision(
        session, agenda_item_id=_item(session, ids, GB, MARCH, "Operating plan and budget "
                                                                 "2013/14"),
        outcome="approved", risk_changes=changes,
        resolution="The Governing Body approved the 2013/14 operating plan and budget, with "
                   "its engagement programme for the urgent care redesign.",
        rationale="The engagement programme, agreed with Healthwatch and the council, lowers "
                  "the likelihood that service changes stall in local engagement.",
        new_actions=[("Publish the engagement plan for the urgent care redesign",
                      ids["Chief Officer"], D(2013, 4, 30)),
                     ("Report the first quarter's engagement to the Governing Body",
                      ids["Mark Needham"], D(2013, 7, 25))])


def add_decisions(session: Session, ids: dict) -> None:
    """The demo part (registered in ``demo.DEMO_PARTS`` after the meetings)."""
    for body, day, title, outcome, resolution, rationale in SIMPLE:
        decisions.record_decision(session, agenda_item_id=_item(session, ids, body, day, title),
                                  outcome=outcome, resolution=resolution, rationale=rationale)
    _isop(session, ids)
    _override(session, ids)
    _operating_plan(session, ids)
    _awaiting(session, ids)
