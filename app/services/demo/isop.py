"""The ISOP paper exactly as the Merton CCG governing body received it on 27 September 2012.

Every text below is copied verbatim from the cover sheet in
seeds/merton-ccg-governing-body-cover-sheet-2012.txt, including its spacing ("21 st
September"). It is agenda item 6.8 and ATTACHMENT 05 of that meeting. The opening of the paper
itself (``ISOP_DOCUMENT``) is also the seed's, for the PDF attached to the paper.
"""

from __future__ import annotations

MEETING_DATE_TEXT = "Thursday 27th September 2012"
AGENDA_NUMBER = "6.8"
ATTACHMENT_NUMBER = "ATTACHMENT 05"
REPORT_TO = "the Merton Clinical Commissioning Group Governing Body"

ISOP_COVER_SHEET = {
    "title": "Integrated Strategy & Operating Plan (ISOP)",
    "purpose": "approval",  # "Purpose of Report: For Approval"
    "report_author": "Mark Needham, Director of Commissioning",
    "lead_director": "Mark Needham",
    "contact_details": "Mark.needham@swlondon.nhs.uk",
    "executive_summary": (
        "This paper provides an update with regards to the progress of the ISOP document and "
        "the expected delivery timeframe for final submission to The Board. The Integrated "
        "Strategy & Operating Plan (ISOP) forms the combined Commissioning Strategy and "
        "Operating Plan for Merton CCG and is a key document for the achievement of CCG status "
        "as an authorised independent statutory body."),
    "key_sections": (
        "The strategy is currently in its first draft stage and has been circulated to the "
        "membership and core staff for comment and it is anticipated that this will then be "
        "circulated to the Merton Executive Team on 21 st September 2012. Submission of the "
        "draft ISOP is the 27 th September in readiness for the evidence upload as part of the "
        "CCG authorisation process."),
    "recommendations": (
        "The Merton Clinical Commissioning Group Governing Body is requested to agree to "
        "Chair's Action on the full document."),
    "previous_committees": "Merton Executive Management Team",
    "financial_implications": (
        "The submission and acceptance of the ISOP is fundamental to Merton CCG achieving "
        "financial balance in 2013/14 as a stand-alone CCG and as such is imperative to the "
        "future desired direction of Merton CCG as an autonomous body."),
    "other_bodies": "the Sutton and Merton Board or Joint PCT Boards",
    "other_bodies_implications": (
        "The strategy has implications in that it allows for the separation and creation of "
        "two independent CCGs within this geography, as is the explicit intention of both "
        "shadow organisations."),
    "other_implications": (
        "The ISOP document is key to the achievement of Merton CCG achieving accreditation as "
        "a standalone statutory body"),
    "equality_analysis": "N/A",
    "information_privacy": "N/A",
    "communication_plan": (
        "N/A as all individuals who require an input are being consulted with throughout the "
        "development of the ISOP."),
}
PAPER_VERSION = "Working Draft v1.0"

# The paper behind the cover sheet: its title block and introduction, from the seed.
ISOP_DOCUMENT = {
    "title": "Draft Integrated Strategy & Operating Plan (2012-2015) –",
    "subtitle": "Overview of Development Process & Approach",
    "version": "Working Draft v1.0",
    "author": "Mark Needham – Director of Commissioning",
    "report_to": "Report to Merton Clinical Commissioning Board",
    "introduction": [
        "Merton Clinical Commissioning Group will be responsible for publishing the Integrated "
        "Strategy & Operating Plan (2012-2015) (ISOP). This is particularly important as the "
        "ISOP will form part of the CCG's application for authorisation. This document outlines "
        "a proposed development process, whereby the ISOP will be developed during "
        "July-August for sign off in September, ahead of the submission of evidence as part of "
        "the authorisation process.",
        "The ISOP is a combination of the CCG's Commissioning Strategy Plan 2012/13-2014/15, "
        "Operating Plan (2012-13) and commissioning intentions (2013-14), which will notify "
        "service providers of the priorities for our strategic commissioning plans. The ISOP "
        "will be delivered by the CCG as part of a shared vision for health, social care and "
        "wellbeing with the London Borough of Merton. Merton CCG has developed a business plan "
        "for 2012-13 as well as draft commissioning intentions for 2013/14 as developed by the "
        "membership, which will form the basis of the ISOP with extensions required "
        "specifically for priorities and achieving health outcomes; strategic initiatives and "
        "QIPP.",
        "This paper is for review by the Merton Executive Management Team with agreement in "
        "key actions for development of the ISOP.",
    ],
    # "6. Governance and Engagement" timeline table from the seed.
    "engagement": [
        ("Membership Practices", "On-going and from June 2012 onwards"),
        ("Merton Executive Team", "On-going"),
        ("Clinical Leadership Group", "To agree MCCG vision and priorities. Held June 2012"),
        ("Draft submission of ISOP to Board with Chair's action", "27 th September"),
        ("Authorisation Process Submission & Upload", "28 th September"),
        ("Health & Wellbeing Board", "9 th October"),
        ("One Merton Group", "16 th October"),
        ("Board Review of next iteration of ISOP", "XX October"),
        ("Commissioning Intentions Released to Providers", "October"),
    ],
}
