"""A small organisation with a risk register, shared by the risk service tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services import organisation, people
from app.services.risks import risks
from app.services.risks import settings as risk_settings

RAISED = dt.date(2012, 4, 2)
TODAY = dt.date(2012, 6, 1)  # the day "overdue" is judged on in these tests


@dataclass
class Register:
    finance: int  # category, appetite Cautious, tolerance 9
    quality: int  # category, appetite Minimal, tolerance 6
    cfo: int
    nurse: int
    governing_body: int
    quality_committee: int


def make_register(session) -> Register:
    organisation.set_up_organisation(session, name="Test CCG")
    finance = risk_settings.create_category(session, name="Financial", appetite_level=2).id
    quality = risk_settings.create_category(session, name="Clinical and quality",
                                            appetite_level=1).id
    cfo = people.create_person(session, name="Chief Finance Officer", kind="executive").id
    nurse = people.create_person(session, name="Director of Quality", kind="executive").id
    gb = people.create_committee(session, name="Governing Body", kind="governing body").id
    qc = people.create_committee(session, name="Quality Committee", kind="committee").id
    return Register(finance, quality, cfo, nurse, gb, qc)


def raise_risk(ctx, reg: Register, *, current=(3, 4), inherent=(4, 5), target=None,
               **fields) -> risks.RiskRow:
    values = dict(title="Financial targets not achieved", category_id=reg.finance,
                  owner_id=reg.cfo, committee_id=reg.governing_body, raised_on=RAISED,
                  inherent_likelihood=inherent[0], inherent_consequence=inherent[1],
                  current_likelihood=current[0], current_consequence=current[1], today=TODAY)
    if target:
        values.update(target_likelihood=target[0], target_consequence=target[1],
                      target_date=dt.date(2013, 3, 31))
    values.update(fields)
    return ctx.run(risks.create_risk, **values)
