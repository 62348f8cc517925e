"""A register with three risks and three members, and a round on two of the risks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services import people
from app.services.risks import detail as risks_detail
from app.services.scoring import rounds as svc
from tests.services.risk_setup import make_register, raise_risk

OPENED = dt.date(2012, 6, 1)
DEADLINE = dt.date(2012, 6, 15)


@dataclass
class Setup:
    risks: list  # RiskRow: CR-001, CR-002, CR-003 (CR-003 not in the round)
    members: list[int]
    round_id: int


def make_round(ctx, *, members: int = 3) -> Setup:
    reg = ctx.run(make_register)
    first = raise_risk(ctx, reg, title="Financial targets not achieved", current=(3, 4),
                       cause="Rising prescribing costs", event="Overspend",
                       effect="Deficit carried forward")
    second = raise_risk(ctx, reg, title="Practices disengage from commissioning",
                        current=(2, 3))
    third = raise_risk(ctx, reg, title="Secret merger talks with a neighbour", current=(2, 2))
    ctx.run(risks_detail.add_control, risk_id=first.id, description="Monthly budget review",
            control_type="detective", effectiveness="effective")
    ctx.run(risks_detail.add_gap, risk_id=first.id, kind="assurance",
            description="No internal audit of QIPP yet")
    names = ["Lay Member for Governance", "Clinical Chair", "Chief Nurse", "GP Member"]
    ids = [ctx.run(people.create_person, name=n, kind="lay member").id for n in names[:members]]
    rnd = ctx.run(svc.open_round, title="Q1 risk scoring", question="current",
                  deadline=DEADLINE, risk_ids=[first.id, second.id], member_ids=ids,
                  today=OPENED)
    return Setup([first, second, third], ids, rnd.id)
