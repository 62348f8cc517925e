"""The demo risk register: the six "current risk issues" of the B&NES CCG 2012 plan (seed
section 11.4) as CR-001 to CR-006, with categories and appetite, the four Merton CCG
organisational objectives as the board assurance framework, controls, assurances on three
lines of defence, gaps, actions and a score history across 2012-13.

Scores, controls and assurances are illustrative: the seed names the risks, not their scores.
Owners are demo people, named by role. Adds to ``ids``: each reference ("CR-001") and each
objective code ("SO1") with its id, and "category:<name>" for each category.
With ``ids["scale"] = N`` it then generates N more risks (``demo_risks_generated``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.services.demo import risks_generated as demo_risks_generated
from app.services.risks import detail as risks_detail
from app.services.risks import risks
from app.services.risks import settings as risk_settings

D = dt.date
GOVERNING_BODY = "Merton CCG Governing Body"

# name, appetite level (0 Avoid .. 5 Mature), description
CATEGORIES = [
    ("Financial", 2, "Financial targets, value for money and the use of public money"),
    ("Organisational", 3, "Capacity, capability, structure and partnerships of the CCG"),
    ("Clinical and quality", 1, "Safety, effectiveness and experience of commissioned care"),
    ("Project", 3, "Delivery of service redesign and QIPP programmes"),
    ("Reputational", 2, "Confidence of patients, the public, practices and partners"),
    ("Compliance and regulation", 1, "Statutory duties, authorisation conditions, regulators"),
    ("Innovation", 4, "New models of care and ways of commissioning"),
]

# From the Merton CCG governing body paper: its four organisational objectives.
OBJECTIVES = [
    ("SO1", "Develop a clinically led and managerially efficient membership organisation"),
    ("SO2", "Implement an achievable vision for patient centred care by making 'Better "
            "Healthcare Closer to Home' a real possibility for local population outcomes"),
    ("SO3", "Understand patient needs to shape services and their experiences to drive "
            "performance improvement"),
    ("SO4", "Deliver an integrated system of care through sustainable partnerships via primary, "
            "secondary, community, mental health and social care, as well as the "
            "voluntary-independent sector"),
]

# Each risk: its fields, then a story of ("score", date, L, C, why, source) and
# ("review", date) steps in date order, then controls, assurances, gaps and actions.
RISKS = [
    dict(
        title="Financial targets not achieved",
        cause="Growth of no more than 2% a year, the need to identify significant cash release "
              "and deteriorating financial forecasts",
        event="The CCG does not achieve its financial targets",
        effect="Loss of financial control, intervention by the Commissioning Board and less "
               "money to invest in local services",
        category="Financial", owner="Chief Finance Officer", committee=GOVERNING_BODY,
        domain="finance", inherent=(4, 5), current=(4, 4), target=(2, 4),
        target_date=D(2013, 3, 31), objectives=["SO1"],
        story=[("score", D(2012, 7, 25), 4, 4, "Month 3 forecast holds the deficit risk; QIPP "
                "plans not yet risk-adjusted", "quarterly review"),
               ("review", D(2012, 7, 25)),
               ("score", D(2012, 10, 24), 3, 4, "QIPP delivery at 85% of plan and 0.5% "
                "contingency held uncommitted", "quarterly review"),
               ("review", D(2012, 10, 24)),
               ("score", D(2013, 1, 23), 4, 4, "Month 9 forecast deteriorated: acute activity "
                "over plan", "quarterly review"),
               ("review", D(2013, 1, 23)),
               ("score", D(2013, 4, 24), 3, 4, "2012/13 control total met; 2013/14 savings "
                "plans risk-adjusted", "Governing Body 24 April 2013")],
        controls=[("Monthly finance and QIPP delivery report to the Governing Body", "detective",
                   "effective"),
                  ("An appropriate level of recurring contingency held", "preventive",
                   "effective"),
                  ("Savings plans risk-adjusted to the realistically deliverable value",
                   "directive", "partially effective")],
        assurances=[(1, "Monthly finance report to the Executive Management Team", True),
                    (2, "Audit Committee review of financial controls", True),
                    (3, "Internal audit review of budgetary control", True)],
        gaps=[("control", "Savings schemes for 2013/14 not yet fully identified"),
              ("assurance", "No independent check of the risk adjustment of savings plans")],
        actions=[("Identify future year savings schemes which can be accelerated if required",
                  "Chief Finance Officer", D(2012, 12, 31), "done", D(2012, 12, 14)),
                 ("Agree risk-sharing arrangements with the Council and partner CCGs",
                  "Chief Officer", D(2013, 3, 31), "in progress", None)],
    ),
    dict(
        title="Complex service changes through local engagement",
        cause="Highly complex issues, including the redesign of the local urgent care system "
              "and the future of services now provided by the RNHRD",
        event="Local engagement processes fail to reach agreement in time",
        effect="Delayed redesign, public opposition and damage to the CCG's reputation",
        category="Reputational", owner="Mark Needham", committee=GOVERNING_BODY,
        domain="reputation", inherent=(4, 4), current=(3, 4), target=(2, 3),
        target_date=D(2013, 9, 30), objectives=["SO2", "SO3"],
        story=[("review", D(2012, 7, 25)),
               ("score", D(2012, 9, 26), 4, 4, "Public concern over urgent care proposals; "
                "local media coverage", "Governing Body 26 September 2012"),
               ("review", D(2012, 10, 24)),
               ("score", D(2013, 1, 23), 3, 4, "Engagement plan agreed with Healthwatch and "
                "the Council; early engagement under way", "quarterly review"),
               ("review", D(2013, 1, 23))],
        controls=[("Early and broad engagement with the public and service users",
                   "preventive", "partially effective"),
                  ("Engagement plan for each major service change", "directive", "effective")],
        assurances=[(1, "Engagement reports to the Executive Management Team", True),
                    (2, "Health overview and scrutiny committee briefing", False)],
        gaps=[("assurance", "No independent review of engagement on the RNHRD services")],
        actions=[("Publish the urgent care engagement report", "Mark Needham",
                  D(2013, 2, 28), "done", D(2013, 2, 20)),
                 ("Agree the options for RNHRD services with partners", "Mark Needham",
                  D(2013, 6, 30), "open", None)],
    ),
    dict(
        title="Disengagement of local practices and clinicians",
        cause="Mounting pressure on practices and clinicians",
        event="Practices and local clinicians disengage from, or feel disempowered by, the CCG",
        effect="Loss of clinical leadership of commissioning and of member support",
        category="Organisational", owner="Clinical Chair", committee=GOVERNING_BODY,
        domain="objectives", inherent=(3, 4), current=(3, 3), target=(2, 3),
        target_date=D(2013, 6, 30), objectives=["SO1"],
        story=[("review", D(2012, 7, 25)),
               ("score", D(2012, 10, 24), 4, 3, "Lower attendance at locality meetings over "
                "the summer", "quarterly review"),
               ("review", D(2012, 10, 24)),
               ("score", D(2013, 2, 27), 3, 3, "Practice level working arrangements agreed "
                "with each locality", "Governing Body 27 February 2013")],
        controls=[("Locality meetings with clinical leads each month", "preventive",
                   "effective"),
                  ("Organisational development plan for cluster and practice working",
                   "directive", "partially effective")],
        assurances=[(1, "Locality attendance and engagement reports", True),
                    (2, "Member practice survey reported to the Governing Body", True)],
        gaps=[("control", "Benefits to practices of cluster working not yet clear")],
        actions=[("Set out the benefits of cluster working to practices and patients",
                  "Clinical Chair", D(2013, 3, 31), "in progress", None)],
    ),
    dict(
        title="Reporting performance rather than managing it",
        cause="A focus on performance reporting rather than performance management",
        event="The CCG cannot intervene to improve key areas of concern",
        effect="Poorer quality and outcomes for patients in areas of concern",
        category="Clinical and quality", owner="Director of Quality",
        committee="Quality and Performance Committee", domain="quality", inherent=(4, 3),
        current=(3, 3), target=(2, 3), target_date=D(2013, 3, 31), objectives=["SO3"],
        story=[("review", D(2012, 7, 18)),
               ("score", D(2012, 10, 17), 3, 3, "Intervening for Success reviews held jointly "
                "with the Council every two months", "Quality and Performance Committee"),
               ("review", D(2012, 10, 17)),
               ("review", D(2013, 1, 16)),
               ("score", D(2013, 4, 17), 2, 3, "Exception reports now lead to agreed remedial "
                "plans with providers", "Quality and Performance Committee")],
        controls=[("'Intervening for Success' performance management system", "detective",
                   "effective"),
                  ("Monthly exception reporting of QIPP and performance", "detective",
                   "effective")],
        assurances=[(1, "Bi-monthly joint performance reviews with the Council", True),
                    (2, "Quality and Performance Committee scrutiny", True),
                    (3, "Internal audit review of performance reporting", False)],
        gaps=[("control", "Levers over providers outside the main acute contract are weak")],
        actions=[("Extend performance review to children's services", "Director of Quality",
                  D(2013, 3, 31), "open", None)],
    ),
    dict(
        title="Loss of direction and memory in the move to new commissioning support",
        cause="Transition to new commissioning support arrangements",
        event="Key members of PCT staff move out of the system",
        effect="Loss of direction and corporate memory; commissioning work stalls",
        category="Organisational", owner="Chief Officer",
        committee="Merton Executive Management Team", domain="staffing", inherent=(4, 4),
        current=(4, 4), target=(2, 4), target_date=D(2013, 6, 30), objectives=["SO1", "SO4"],
        story=[("review", D(2012, 7, 11)),
               ("score", D(2012, 10, 10), 3, 4, "Service level agreement with the commissioning "
                "support service signed", "Executive Management Team"),
               ("review", D(2012, 10, 10)),
               ("score", D(2013, 3, 13), 4, 4, "Three senior PCT staff leave before transfer; "
                "handover incomplete", "Executive Management Team"),
               ("review", D(2013, 3, 13))],
        controls=[("Handover and knowledge transfer plan for each PCT function", "preventive",
                   "partially effective"),
                  ("Clear audit trail of decisions and agreements with partners", "directive",
                   "effective")],
        assurances=[(1, "Transition checklist reviewed by the Executive Management Team", True),
                    (2, "Audit Committee review of the transition risk log", False)],
        gaps=[("control", "No named successor for some PCT commissioning leads"),
              ("assurance", "Commissioning support service performance not yet reported")],
        actions=[("Market test outsourced commissioning support services", "Chief Officer",
                  D(2013, 9, 30), "open", None),
                 ("Complete the legacy document for each transferring function",
                  "Board Secretary", D(2013, 3, 31), "open", None)],
    ),
    dict(
        title="Strategy not delivered because the CCG is small",
        cause="The small size of the CCG and its restricted clinical and managerial "
              "commissioning capacity",
        event="The CCG cannot deliver its strategy",
        effect="Plans slip and local health outcomes do not improve",
        category="Organisational", owner="Chief Officer", committee=GOVERNING_BODY,
        domain="objectives", inherent=(4, 4), current=(3, 4), target=(3, 3),
        target_date=D(2013, 12, 31), objectives=["SO1", "SO2"],
        story=[("review", D(2012, 7, 25)),
               ("review", D(2012, 10, 24)),
               ("score", D(2013, 1, 23), 3, 3, "Shared posts agreed with neighbouring CCGs",
                "quarterly review"),
               ("review", D(2013, 1, 23)),
               ("score", D(2013, 4, 24), 3, 4, "One shared post withdrawn by a partner CCG",
                "quarterly review")],
        controls=[("Senior clinical and managerial support for each work programme", "directive",
                   "partially effective")],
        assurances=[(1, "Work programme reports to the Executive Management Team", True)],
        gaps=[("control", "Capacity plan for 2013/14 not yet agreed")],
        actions=[("Agree the 2013/14 capacity plan with the Governing Body", "Chief Officer",
                  D(2013, 5, 31), "open", None)],
    ),
]


def _categories_and_objectives(session: Session, ids: dict) -> None:
    for name, level, description in CATEGORIES:
        ids[f"category:{name}"] = risk_settings.create_category(
            session, name=name, appetite_level=level, description=description).id
    for code, title in OBJECTIVES:
        ids[code] = risk_settings.create_objective(session, code=code, title=title).id


def _raise(session: Session, ids: dict, spec: dict) -> int:
    """Raise the risk as it was first assessed, link its objectives; returns its id."""
    (il, ic), (cl, cc), (tl, tc) = spec["inherent"], spec["current"], spec["target"]
    row = risks.create_risk(
        session, title=spec["title"], cause=spec["cause"], event=spec["event"],
        effect=spec["effect"], category_id=ids[f"category:{spec['category']}"],
        owner_id=ids[spec["owner"]], committee_id=ids[spec["committee"]],
        consequence_domain=spec["domain"], raised_on=D(2012, 4, 2),
        inherent_likelihood=il, inherent_consequence=ic, current_likelihood=cl,
        current_consequence=cc, target_likelihood=tl, target_consequence=tc,
        target_date=spec["target_date"], scored_by=spec["owner"],
        rationale="Assessed for the 2012/13 integrated plan")
    for code in spec["objectives"]:
        risks.link_objective(session, risk_id=row.id, objective_id=ids[code])
    ids[row.reference] = row.id
    return row.id


def _tell_story(session: Session, risk_id: int, spec: dict) -> None:
    for step in spec["story"]:
        if step[0] == "review":
            risks.mark_review_done(session, risk_id=risk_id, expected_version=None,
                                   reviewed_on=step[1])
        else:
            _, on, likelihood, consequence, why, source = step
            risks.rescore_risk(session, risk_id=risk_id, expected_version=None,
                               likelihood=likelihood, consequence=consequence, rationale=why,
                               source=source, scored_by=spec["owner"], scored_on=on)


def _details(session: Session, ids: dict, risk_id: int, spec: dict) -> None:
    for description, kind, effectiveness in spec["controls"]:
        risks_detail.add_control(session, risk_id=risk_id, description=description,
                                 control_type=kind, effectiveness=effectiveness)
    for line, description, positive in spec["assurances"]:
        risks_detail.add_assurance(session, risk_id=risk_id, description=description,
                                   line_of_defence=line, positive=positive,
                                   received_on=D(2012, 12, 31))
    gap_ids = [risks_detail.add_gap(session, risk_id=risk_id, kind=kind,
                                    description=description).id
               for kind, description in spec["gaps"]]
    for description, owner, due, status, done_on in spec["actions"]:
        risks_detail.add_action(session, risk_id=risk_id, description=description,
                                owner_id=ids[owner], due_on=due, status=status,
                                completed_on=done_on, gap_id=gap_ids[0] if gap_ids else None)


def add_risk_register(session: Session, ids: dict) -> None:
    """The demo part for the risk register (registered in ``demo.DEMO_PARTS``)."""
    _categories_and_objectives(session, ids)
    for spec in RISKS:
        risk_id = _raise(session, ids, spec)
        _tell_story(session, risk_id, spec)
        _details(session, ids, risk_id, spec)
    if ids.get("scale"):
        demo_risks_generated.generate_risks(session, ids, count=ids["scale"])
