"""The Merton CCG governing body meeting of Thursday 27 September 2012.

Item 6.8, the Integrated Strategy & Operating Plan, carries the seed's cover sheet word for
word and is ATTACHMENT 05; the rest of the agenda is the business such a body had that
autumn. Items 1 to 5 are the governing body's standing items (its template); papers on items
3, 4, 5 and 6.4 are attachments 01 to 04, so the ISOP falls to 05 as it did.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

# After the standing items: (title, purpose, presenter, minutes, level, part, paper key)
AGENDA = [
    ("Strategy and planning", "", "", 0, 0, 1, None),
    ("CCG authorisation: progress towards the evidence upload", "assurance", "Chief Officer",
     10, 1, 1, None),
    ("Better Services, Better Value review: pre-consultation update", "discussion",
     "Chief Officer", 10, 1, 1, None),
    ("Merton Health and Wellbeing Strategy 2013/14", "discussion",
     "Director of Public Health", 10, 1, 1, None),
    ("Commissioning intentions 2013/14", "discussion", "Mark Needham", 15, 1, 1, "intentions"),
    ("Federation agreement with Sutton CCG", "discussion", "Chief Officer", 10, 1, 1, None),
    ("Patient and public engagement: update", "information", "Lay Member for Governance", 5,
     1, 1, None),
    ("QIPP 2012/13: delivery to month 5", "assurance", "Chief Finance Officer", 10, 1, 1,
     None),
    ("Integrated Strategy & Operating Plan (ISOP)", "approval", "Mark Needham", 20, 1, 1,
     "isop"),
    ("Quality, performance and finance", "", "", 0, 0, 1, None),
    ("Quality and performance report", "assurance", "Director of Quality", 15, 1, 1,
     "quality"),
    ("Finance report: month 5 2012/13", "assurance", "Chief Finance Officer", 15, 1, 1,
     "finance"),
    ("Corporate risk register and board assurance framework", "assurance",
     "Chief Finance Officer", 10, 1, 1, "risks"),
    ("Governance", "", "", 0, 0, 1, None),
    ("Audit Committee: report of the meeting of 6 September 2012", "noting",
     "Lay Member for Governance", 5, 1, 1, "audit"),
    ("Quality and Performance Committee: minutes of 13 September 2012", "noting",
     "Director of Quality", 5, 1, 1, "qpc"),
    ("Any other business", "", "Clinical Chair", 5, 1, 1, None),
    ("Community anticoagulation service: contract award", "decision",
     "Chief Finance Officer", 15, 0, 2, "anticoagulation"),
]

PART2_WHY = "the award of a contract, whose terms are commercially confidential until it is signed"

# paper key -> cover sheet (the ISOP's is app.services.demo.isop.ISOP_COVER_SHEET)
PAPERS = {
    "intentions": dict(
        title="Commissioning intentions 2013/14", purpose="discussion",
        report_author="Mark Needham, Director of Commissioning", lead_director="Mark Needham",
        executive_summary="The draft commissioning intentions for 2013/14 set out, for each "
        "strategic initiative, the changes the CCG intends to make to the services it buys. "
        "They will be shared with providers in October 2012 and form part of the ISOP.",
        recommendations="The Governing Body is asked to comment on the draft commissioning "
        "intentions before they are issued to providers.",
        previous_committees="Merton Executive Management Team"),
    "quality": dict(
        title="Quality and performance report", purpose="assurance",
        report_author="Head of Quality", lead_director="Director of Quality and Chief Nurse",
        executive_summary="Performance of the main providers to the end of August 2012, "
        "including St George's Healthcare NHS Trust and Epsom and St Helier University "
        "Hospitals NHS Trust: A&E four-hour waits, referral to treatment times, healthcare "
        "associated infections and serious incidents.",
        recommendations="The Governing Body is asked to take assurance from the report and "
        "note the areas of concern.",
        previous_committees="Quality and Performance Committee, 13 September 2012"),
    "finance": dict(
        title="Finance report: month 5 2012/13", purpose="assurance",
        report_author="Deputy Chief Finance Officer", lead_director="Chief Finance Officer",
        executive_summary="At month 5 the CCG forecasts delivery of its control total. Acute "
        "activity is above plan and QIPP delivery is behind plan; the contingency remains "
        "uncommitted.",
        recommendations="The Governing Body is asked to note the month 5 position and the "
        "actions to recover QIPP delivery.",
        financial_implications="As set out in the report."),
    "risks": dict(
        title="Corporate risk register and board assurance framework", purpose="assurance",
        report_author="Governing Body Secretary", lead_director="Chief Finance Officer",
        executive_summary="The quarterly review of the corporate risks and of the principal "
        "risks to the CCG's four organisational objectives.",
        recommendations="The Governing Body is asked to review the risks scored 15 or more and "
        "take assurance on the controls in place."),
    "audit": dict(
        title="Audit Committee: report of the meeting of 6 September 2012", purpose="noting",
        report_author="Lay Member (Governance), Chair of the Audit Committee",
        lead_director="Chief Finance Officer",
        executive_summary="The Audit Committee received internal audit's progress report, "
        "approved the risk management framework and reviewed the register of interests.",
        recommendations="The Governing Body is asked to note the report."),
    "qpc": dict(
        title="Quality and Performance Committee: minutes of 13 September 2012",
        purpose="noting", report_author="Governing Body Secretary",
        lead_director="Director of Quality and Chief Nurse",
        executive_summary="The minutes of the committee's September meeting.",
        recommendations="The Governing Body is asked to note the minutes."),
    "anticoagulation": dict(
        title="Community anticoagulation service: contract award", purpose="decision",
        report_author="Head of Contracting", lead_director="Chief Finance Officer",
        executive_summary="Three bids were received for the community anticoagulation "
        "service, including one from a consortium of Nelson locality practices. The "
        "evaluation panel recommends the highest scoring bid.",
        recommendations="The Governing Body is asked to award the contract as the evaluation "
        "panel recommends.",
        financial_implications="Within the 2012/13 budget for the service."),
}

# Papers that arrived after the deadline (20 September): the ISOP went to the executive team
# on 21 September first, as its cover sheet says.
RECEIVED = {"isop": D(2012, 9, 21)}

# item title -> (discussion, outcome)
MINUTES = {
    "Welcome and apologies for absence": (
        "The Chair welcomed members and those attending.",
        "Apologies were received from the Lay Member for Patient and Public Involvement, the "
        "Registered Nurse Member and the GP Member, IPCCG. The meeting was quorate."),
    "Declarations of interest": (
        "GP members reminded the meeting of their interests as partners in member practices. "
        "The Secondary Care Doctor declared employment by St George's Healthcare NHS Trust "
        "(item 7.1). The GP Member, Nelson locality declared an interest in item 9.",
        "Noted. The Chair's rulings are recorded at each item."),
    "Minutes of the last meeting": (
        "The minutes of the meeting held on 26 July 2012 were reviewed.",
        "Approved as a true record."),
    "Matters arising and action log": (
        "The action log was reviewed. The QIPP scheme-level report remains open and will come "
        "with the month 7 finance report.",
        "Noted."),
    "Chief Officer's report": (
        "The Chief Officer reported on the authorisation timetable and the transition from "
        "NHS South West London.",
        "Noted."),
    "Commissioning intentions 2013/14": (
        "Members asked that the intentions make clearer the shift of care closer to home.",
        "Discussed; comments to be reflected before issue to providers in October."),
    "Integrated Strategy & Operating Plan (ISOP)": (
        "The Director of Commissioning presented the draft ISOP, circulated to the membership "
        "and to the Merton Executive Team on 21 September, and due for the evidence upload on "
        "28 September.",
        "Approved: the Governing Body agreed to Chair's Action on the full document."),
    "Quality and performance report": (
        "Members discussed A&E waits and the serious incident trend at the acute trusts.",
        "Assured, subject to the actions on serious incidents."),
    "Finance report: month 5 2012/13": (
        "The Chief Finance Officer presented the month 5 position.",
        "Noted; the Governing Body took assurance on the forecast."),
    "Corporate risk register and board assurance framework": (
        "Members reviewed the risks scored 15 or more.",
        "Assured."),
    "Community anticoagulation service: contract award": (
        "The GP Member, Nelson locality withdrew for this item. The Chief Finance Officer "
        "presented the evaluation.",
        "Approved: the contract is awarded as the evaluation panel recommends."),
}

# (person, item title or None for the whole meeting, what is declared, action, chair's ruling)
DECLARATIONS = [
    ("Clinical Chair", None, "GP partner in a Merton member practice", "participated",
     "A general interest shared by GP members; no item concerns the practice."),
    ("Secondary Care Doctor", "Quality and performance report",
     "Consultant physician employed by St George's Healthcare NHS Trust", "participated",
     "The item is for assurance and involves no decision on the trust's contract: may take "
     "part."),
    ("GP Member, Nelson locality", "Community anticoagulation service: contract award",
     "Partner in a practice in the Nelson locality consortium, one of the bidders",
     "withdrew", "To leave the meeting for the item."),
]

# person -> (arrived at item title, left after item title)
COMINGS_AND_GOINGS = {
    "GP Member, Merton Healthcare": ("Better Services, Better Value review: pre-consultation "
                                     "update", None),
    "Director of Public Health": (None, "Merton Health and Wellbeing Strategy 2013/14"),
}

# Actions raised: (item title, description, owner, due, closed on, updates)
ACTIONS = [
    ("Integrated Strategy & Operating Plan (ISOP)",
     "Circulate the ISOP as signed off under Chair's Action to governing body members",
     "Mark Needham", D(2012, 10, 5), D(2012, 10, 3), []),
    ("Integrated Strategy & Operating Plan (ISOP)",
     "Bring the next iteration of the ISOP, with the Health and Wellbeing Board's comments",
     "Mark Needham", D(2012, 11, 29), D(2012, 11, 29), []),
    ("Quality and performance report",
     "Add serious incident trends at St George's and Epsom and St Helier to the quality report",
     "Director of Quality", D(2012, 11, 29), None,
     [(D(2012, 11, 29), "Trend data agreed with the trusts; first report due in the new "
                        "year"),
      (D(2013, 1, 31), "Delayed: the trusts' data definitions differ")]),
    ("Community anticoagulation service: contract award",
     "Report the outcome of the anticoagulation contract award in public once signed",
     "Chief Finance Officer", D(2012, 11, 29), D(2012, 11, 29), []),
]
