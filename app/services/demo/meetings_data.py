"""The demo's year of meetings, April 2012 to March 2013: what each body met about, who sent
apologies, the action log and the register of interests.

Business is what a shadow CCG's governing body and committees dealt with that year
(authorisation, the ISOP, QIPP, the Francis report, handover from the PCT cluster). People are
named by role, as in app.services.demo.load. The 27 September 2012 governing body meeting, whose
ISOP cover sheet is the seed, is described in app.services.demo.merton_sept.
"""

from __future__ import annotations

import datetime as dt

D = dt.date
# The names app.services.demo.load gives the bodies (not imported: demo imports this part).
GOVERNING_BODY = "Merton CCG Governing Body"
AUDIT_COMMITTEE = "Audit Committee"
QUALITY = "Quality and Performance Committee"
REMUNERATION = "Remuneration Committee"
EXECUTIVE = "Merton Executive Management Team"
SEPTEMBER_BOARD = (GOVERNING_BODY, D(2012, 9, 27))

CIVIC_CENTRE = "Merton Civic Centre, London Road, Morden SM4 5DX"
CCG_OFFICES = "Merton CCG offices, Wimbledon"

# body -> (short title, start time, venue)
SETTINGS = {
    GOVERNING_BODY: ("Governing Body", dt.time(14, 0), CIVIC_CENTRE),
    AUDIT_COMMITTEE: ("Audit Committee", dt.time(10, 0), CCG_OFFICES),
    QUALITY: ("Quality and Performance Committee", dt.time(13, 30), CCG_OFFICES),
    REMUNERATION: ("Remuneration Committee", dt.time(12, 30), CCG_OFFICES),
    EXECUTIVE: ("Executive Management Team", dt.time(9, 0), CCG_OFFICES),
}

# The governing body's agenda template: the four usual standing items and the Chief Officer's
# report, so every meeting's business starts at item 6.
GOVERNING_BODY_TEMPLATE = [
    ("Welcome and apologies for absence", "information", 5),
    ("Declarations of interest", "noting", 5),
    ("Minutes of the last meeting", "approval", 5),
    ("Matters arising and action log", "discussion", 10),
    ("Chief Officer's report", "information", 10),
]

# (body, date) -> business after the standing items:
# (title, purpose, presenter, minutes, has paper, part)
BUSINESS: dict[tuple[str, dt.date], list[tuple]] = {
    (GOVERNING_BODY, D(2012, 5, 24)): [
        ("CCG authorisation: application and timetable", "discussion", "Chief Officer", 20,
         False, 1),
        ("Operating plan 2012/13", "approval", "Chief Finance Officer", 20, True, 1),
        ("Finance report: 2011/12 outturn", "assurance", "Chief Finance Officer", 15, True, 1),
        ("Clinical leadership and locality arrangements", "approval", "Clinical Chair", 15,
         True, 1)],
    (GOVERNING_BODY, D(2012, 7, 26)): [
        ("Draft constitution", "approval", "Chief Officer", 20, True, 1),
        ("ISOP: development process and approach", "discussion", "Mark Needham", 20, True, 1),
        ("Finance report: month 3 2012/13", "assurance", "Chief Finance Officer", 15, True, 1),
        ("Quality and performance report", "assurance", "Director of Quality", 15, True, 1)],
    (GOVERNING_BODY, D(2012, 11, 29)): [
        ("Ratification of Chair's Action: ISOP submission", "ratification", "Clinical Chair",
         10, True, 1),
        ("ISOP: next iteration", "approval", "Mark Needham", 25, True, 1),
        ("Authorisation: site visit feedback", "information", "Chief Officer", 10, False, 1),
        ("Finance report: month 7 2012/13", "assurance", "Chief Finance Officer", 15, True, 1)],
    (GOVERNING_BODY, D(2013, 1, 31)): [
        ("Authorisation outcome", "information", "Chief Officer", 10, False, 1),
        ("Operating plan 2013/14: first draft", "discussion", "Mark Needham", 25, True, 1),
        ("Finance report: month 9 2012/13", "assurance", "Chief Finance Officer", 15, True, 1),
        ("Board assurance framework: quarter 3 review", "assurance", "Board Secretary", 15,
         True, 1)],
    (GOVERNING_BODY, D(2013, 3, 28)): [
        ("Operating plan and budget 2013/14", "approval", "Chief Finance Officer", 25, True, 1),
        ("Standing orders, scheme of reservation and delegation and prime financial policies",
         "approval", "Board Secretary", 15, True, 1),
        ("Handover from NHS South West London: legacy and closedown", "information",
         "Chief Officer", 10, True, 1),
        ("Finance report: month 11 2012/13", "assurance", "Chief Finance Officer", 15, True, 1)],
    (AUDIT_COMMITTEE, D(2012, 6, 7)): [
        ("Internal audit: annual report and head of internal audit opinion 2011/12",
         "assurance", "Internal Audit Manager", 20, True, 1),
        ("Conflicts of interest policy and register", "approval", "Board Secretary", 15, True,
         1),
        ("Counter fraud annual report", "noting", "Chief Finance Officer", 10, True, 1)],
    (AUDIT_COMMITTEE, D(2012, 9, 6)): [
        ("Internal audit progress report", "assurance", "Internal Audit Manager", 20, True, 1),
        ("Risk management framework", "approval", "Board Secretary", 15, True, 1),
        ("Register of interests: review", "assurance", "Board Secretary", 10, True, 1)],
    (AUDIT_COMMITTEE, D(2012, 12, 6)): [
        ("Internal audit progress report", "assurance", "Internal Audit Manager", 20, True, 1),
        ("Board assurance framework: review of the process", "assurance", "Board Secretary",
         15, True, 1),
        ("Losses and special payments", "noting", "Chief Finance Officer", 10, True, 1)],
    (AUDIT_COMMITTEE, D(2013, 3, 7)): [
        ("Internal audit plan 2013/14", "approval", "Internal Audit Manager", 20, True, 1),
        ("Annual accounts 2012/13: timetable and closedown", "noting", "Chief Finance Officer",
         10, True, 1),
        ("Chair's actions 2012/13: review against standing orders", "assurance",
         "Board Secretary", 15, True, 1)],
    (QUALITY, D(2012, 5, 10)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("Safeguarding children and adults: annual report", "assurance", "Director of Quality",
         15, True, 1)],
    (QUALITY, D(2012, 7, 12)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("Mixed-sex accommodation breaches at acute providers", "discussion",
         "Director of Quality", 15, True, 1)],
    (QUALITY, D(2012, 9, 13)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("Serious incidents report", "assurance", "Director of Quality", 15, True, 1)],
    (QUALITY, D(2012, 11, 8)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("Winter plan and urgent care resilience", "discussion", "Director of Quality", 20,
         True, 1)],
    (QUALITY, D(2013, 1, 10)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("CQUIN schemes 2013/14", "approval", "Director of Quality", 15, True, 1)],
    (QUALITY, D(2013, 3, 14)): [
        ("Quality dashboard", "assurance", "Director of Quality", 20, True, 1),
        ("Francis report: implications for commissioners", "discussion", "Director of Quality",
         25, True, 1)],
    (REMUNERATION, D(2012, 6, 21)): [
        ("Remuneration of governing body clinical members", "decision", "Chief Officer", 30,
         True, 2)],
    (REMUNERATION, D(2013, 1, 17)): [
        ("Executive pay framework 2013/14", "decision", "Chief Officer", 30, True, 2)],
    (EXECUTIVE, D(2012, 8, 17)): [
        ("ISOP: development process and approach", "approval", "Mark Needham", 30, True, 1),
        ("QIPP delivery: month 4", "assurance", "Chief Finance Officer", 20, True, 1)],
    (EXECUTIVE, D(2012, 9, 21)): [
        ("Draft ISOP: review before the Governing Body", "approval", "Mark Needham", 40, True,
         1)],
    (EXECUTIVE, D(2012, 10, 19)): [
        ("Commissioning intentions 2013/14: issue to providers", "approval", "Mark Needham",
         30, True, 1)],
    (EXECUTIVE, D(2012, 11, 16)): [
        ("QIPP recovery plan", "decision", "Chief Finance Officer", 30, True, 1)],
    SEPTEMBER_BOARD: [],  # its own agenda: app.services.demo.merton_sept
}

PRIVATE_REASON = (
    "That members of the public be excluded from the remainder of the meeting because "
    "publicity would be prejudicial to the public interest by reason of the confidential nature "
    "of the business: {why} (section 1(2) of the Public Bodies (Admission to Meetings) Act "
    "1960).")

# (body, date) -> members who sent apologies
APOLOGIES = {
    (GOVERNING_BODY, D(2012, 5, 24)): ["Secondary Care Doctor"],
    (GOVERNING_BODY, D(2012, 7, 26)): ["GP Member, IPCCG", "Director of Quality"],
    SEPTEMBER_BOARD: ["Lay Member for Patient and Public Involvement",
                      "Registered Nurse Member", "GP Member, IPCCG"],
    (GOVERNING_BODY, D(2012, 11, 29)): ["Chief Finance Officer"],
    (GOVERNING_BODY, D(2013, 1, 31)): ["GP Member, Merton Healthcare"],
    (AUDIT_COMMITTEE, D(2012, 12, 6)): ["Secondary Care Doctor"],
    (QUALITY, D(2012, 9, 13)): ["GP Member, Nelson locality"],
    (QUALITY, D(2013, 1, 10)): ["Secondary Care Doctor"],
    (EXECUTIVE, D(2012, 10, 19)): ["Director of Quality"],
}

# The action log. Raised at (body, date, item title or None): description, owner, due,
# closed on (None: still open), and updates as (date, text, reported at body's meeting?).
ACTIONS = [
    (GOVERNING_BODY, D(2012, 5, 24), "Declarations of interest",
     "Publish the register of interests of governing body members on the CCG website",
     "Board Secretary", D(2012, 6, 30), D(2012, 7, 20),
     [(D(2012, 7, 20), "Published on the website; late because two entries awaited "
                       "confirmation")]),
    (GOVERNING_BODY, D(2012, 5, 24), "CCG authorisation: application and timetable",
     "Bring the draft constitution to the July meeting", "Chief Officer", D(2012, 7, 26),
     D(2012, 7, 26), []),
    (GOVERNING_BODY, D(2012, 7, 26), "ISOP: development process and approach",
     "Circulate the ISOP development timetable to member practices", "Mark Needham",
     D(2012, 8, 31), D(2012, 8, 29), []),
    (GOVERNING_BODY, D(2012, 7, 26), "Finance report: month 3 2012/13",
     "Report QIPP delivery by scheme, with recovery plans for schemes behind plan",
     "Chief Finance Officer", D(2012, 9, 27), D(2012, 11, 29),
     [(D(2012, 9, 27), "Verbal update at item 6.7; scheme-level report to follow with month 7"),
      (D(2012, 11, 29), "Reported with the month 7 finance report")]),
    (GOVERNING_BODY, D(2012, 7, 26), "Quality and performance report",
     "Arrange a governing body development session on the authorisation site visit",
     "Board Secretary", D(2012, 10, 31), D(2012, 10, 15), []),
    (GOVERNING_BODY, D(2012, 11, 29), "Authorisation: site visit feedback",
     "Update the board assurance framework for the authorisation conditions",
     "Board Secretary", D(2013, 1, 31), D(2013, 3, 28),
     [(D(2013, 1, 31), "Awaiting the final authorisation letter before updating")]),
    (GOVERNING_BODY, D(2012, 11, 29), "Finance report: month 7 2012/13",
     "Present the winter plan and urgent care resilience funding", "Director of Quality",
     D(2013, 1, 31), D(2013, 1, 31), []),
    (GOVERNING_BODY, D(2013, 1, 31), "Operating plan 2013/14: first draft",
     "Bring the 2013/14 operating plan and budget for approval in March",
     "Chief Finance Officer", D(2013, 3, 28), D(2013, 3, 28), []),
    (GOVERNING_BODY, D(2013, 1, 31), "Authorisation outcome",
     "Complete the handover of legacy documents from NHS South West London", "Chief Officer",
     D(2013, 3, 31), None,
     [(D(2013, 3, 28), "Handover schedule agreed; contract files still to transfer")]),
    (GOVERNING_BODY, D(2013, 3, 28), "Standing orders, scheme of reservation and delegation "
     "and prime financial policies",
     "Publish the 2013/14 register of interests and confirm every member's entry",
     "Board Secretary", D(2013, 4, 30), None, []),
    (GOVERNING_BODY, D(2013, 3, 28), "Finance report: month 11 2012/13",
     "Report the month 12 outturn against the 2012/13 control total", "Chief Finance Officer",
     D(2013, 5, 23), None, []),
    (AUDIT_COMMITTEE, D(2012, 6, 7), "Conflicts of interest policy and register",
     "Internal audit to review how the register of interests is kept",
     "Internal Audit Manager", D(2012, 9, 6), D(2012, 9, 6), []),
    (AUDIT_COMMITTEE, D(2012, 9, 6), "Risk management framework",
     "Report losses and special payments to each meeting", "Chief Finance Officer",
     D(2012, 12, 6), D(2012, 12, 6), []),
    (AUDIT_COMMITTEE, D(2012, 12, 6), "Board assurance framework: review of the process",
     "Review chair's actions taken in 2012/13 against standing orders", "Board Secretary",
     D(2013, 3, 7), D(2013, 3, 7), []),
    (AUDIT_COMMITTEE, D(2013, 3, 7), "Annual accounts 2012/13: timetable and closedown",
     "Draft the annual governance statement 2012/13", "Chief Finance Officer", D(2013, 5, 31),
     None, [(D(2013, 3, 7), "First draft in preparation")]),
    (QUALITY, D(2012, 7, 12), "Mixed-sex accommodation breaches at acute providers",
     "Obtain the acute trusts' action plans on mixed-sex accommodation breaches",
     "Director of Quality", D(2012, 9, 13), D(2012, 11, 8),
     [(D(2012, 9, 13), "One trust's plan received; the other chased")]),
    (QUALITY, D(2013, 3, 14), "Francis report: implications for commissioners",
     "Map the Francis report recommendations against the CCG's quality assurance",
     "Director of Quality", D(2013, 5, 9), None, []),
    (EXECUTIVE, D(2012, 9, 21), "Draft ISOP: review before the Governing Body",
     "Finalise the ISOP draft for the Governing Body on 27 September", "Mark Needham",
     D(2012, 9, 26), D(2012, 9, 25), []),
]

# The register of interests: person, kind, description, organisation, from, to, declared on,
# how it is managed.
INTERESTS = [
    ("Clinical Chair", "financial", "GP partner in a Merton member practice",
     "member practice", D(2009, 4, 1), None, D(2012, 4, 2),
     "Declared at each meeting; the vice chair chairs items on primary care payments"),
    ("GP Member, Nelson locality", "financial",
     "GP partner in a Nelson locality practice; the practice belongs to a locality consortium "
     "that bids for community services", "Nelson locality practices consortium",
     D(2011, 10, 1), None, D(2012, 4, 2),
     "Withdraws from items on services the consortium provides or bids for"),
    ("GP Member, Merton Healthcare", "financial", "GP partner in a Merton Healthcare practice",
     "Merton Healthcare", D(2008, 1, 1), None, D(2012, 4, 2), "Declared at each meeting"),
    ("GP Member, IPCCG", "non-financial professional",
     "Clinical lead for diabetes for the Integrated Primary Care Commissioning Group",
     "Integrated Primary Care Commissioning Group", D(2011, 4, 1), None, D(2012, 4, 2), ""),
    ("Secondary Care Doctor", "financial",
     "Consultant physician employed by St George's Healthcare NHS Trust",
     "St George's Healthcare NHS Trust", D(2012, 6, 1), None, D(2012, 7, 20),
     "Takes no part in decisions on the trust's contract"),
    ("Registered Nurse Member", "non-financial professional",
     "Employed as a matron by Epsom and St Helier University Hospitals NHS Trust",
     "Epsom and St Helier University Hospitals NHS Trust", D(2005, 9, 1), D(2012, 3, 31),
     D(2012, 4, 2), "Ended before appointment; kept on the register for a year"),
    ("Lay Member for Patient and Public Involvement", "non-financial personal",
     "Trustee of a Merton carers' charity", "carers' charity", D(2010, 1, 1), None,
     D(2012, 4, 2), ""),
    ("Lay Member for Governance", "indirect", "Spouse employed by the London Borough of Merton",
     "London Borough of Merton", D(2007, 1, 1), None, D(2012, 4, 2),
     "Declared on items of joint commissioning with the council"),
]
