"""Generated risks for benchmarks and large-register testing (``demo --scale N``).

Deterministic (seeded), and bulk-friendly: rows are built as ORM objects following the same
rules the services apply (history rows for every score, escalations when the current score
crosses the threshold, next review from the frequency) and flushed in batches, so the audit
hook still writes an event for each. Going through ``create_risk`` one by one would flush and
query per risk; 10,000 risks would take minutes instead of seconds.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.services.risks.settings import get_band_scheme, get_reference_prefix
from app.store.people import Committee, Person
from app.store.risks import (
    Assurance,
    Control,
    Gap,
    Risk,
    RiskAction,
    RiskCategory,
    RiskEscalation,
    RiskObjective,
    RiskScore,
    StrategicObjective,
)

FIRST_RAISED = dt.date(2011, 4, 1)
LAST_DAY = dt.date(2013, 12, 31)
BATCH = 500

SUBJECTS = ["Urgent care", "Community nursing", "Mental health", "Maternity", "Prescribing",
            "Continuing healthcare", "Referral management", "End of life care", "Estates",
            "Information governance", "Safeguarding children", "Safeguarding adults",
            "Out of hours", "Patient transport", "Diabetes pathway", "Stroke services",
            "Winter resilience", "Primary care access", "Contract management", "QIPP scheme"]
EVENTS = ["activity exceeds plan", "provider fails to meet standards", "key staff leave",
          "savings not delivered", "data not available in time", "procurement delayed",
          "complaints rise", "service interrupted", "partner withdraws", "audit finds weakness"]
REASONS = {"up": "Position worsened since the last review", "down": "Actions taking effect",
           "same": "No material change; controls operating as expected"}
CONTROLS = [("Monthly performance report", "detective"), ("Contract monitoring meeting",
            "detective"), ("Policy and standard operating procedure", "directive"),
            ("Business continuity plan", "corrective"), ("Approval by the executive team",
            "preventive"), ("Training for staff", "preventive")]
ASSURANCE_SOURCES = {1: "Management report", 2: "Committee review", 3: "Internal audit"}


def _reference_numbers(session: Session) -> tuple[str, int]:
    prefix = get_reference_prefix(session)
    existing = session.scalars(select(Risk.reference).where(Risk.reference.like(f"{prefix}-%")))
    first = int(rules.next_reference(existing, prefix).rsplit("-", 1)[1])
    return prefix, first


class _Generator:
    def __init__(self, session: Session, seed: int):
        self.rng = random.Random(seed)
        self.scheme = get_band_scheme(session)
        self.people = list(session.execute(select(Person.id, Person.name).order_by(Person.id)))
        self.committees = list(session.scalars(select(Committee.id).order_by(Committee.id)))
        self.categories = list(session.scalars(select(RiskCategory.id).order_by(RiskCategory.id)))
        self.objectives = list(session.scalars(select(StrategicObjective.id)
                                               .order_by(StrategicObjective.id)))
        self.children: list[tuple[Risk, object]] = []  # written once their risk has an id

    def _child(self, risk: Risk, child) -> None:
        self.children.append((risk, child))

    def _step(self, level: int) -> int:
        return min(5, max(1, level + self.rng.choice((-1, 0, 0, 1))))

    def risk(self, reference: str) -> Risk:
        rng = self.rng
        owner_id, owner = rng.choice(self.people)
        raised = FIRST_RAISED + dt.timedelta(days=rng.randrange(0, 730))
        il, ic = rng.randint(2, 5), rng.randint(2, 5)
        cl, cc = max(1, il - rng.randint(0, 2)), max(1, ic - rng.randint(0, 1))
        tl, tc = max(1, cl - rng.randint(0, 2)), max(1, cc - rng.randint(0, 1))
        frequency = rng.choice((1, 3, 3, 6))
        risk = Risk(reference=reference, title=f"{rng.choice(SUBJECTS)}: "
                                               f"{rng.choice(EVENTS)}",
                    cause="Generated for testing", event="", effect="",
                    category_id=rng.choice(self.categories), owner_id=owner_id,
                    committee_id=rng.choice(self.committees), status="open",
                    raised_on=raised, consequence_domain=rng.choice(rules.DOMAIN_KEYS),
                    inherent_likelihood=il, inherent_consequence=ic, current_likelihood=cl,
                    current_consequence=cc, target_likelihood=tl, target_consequence=tc,
                    target_date=raised + dt.timedelta(days=365), review_frequency_months=frequency,
                    on_corporate_register=False)
        for kind, (lik, con) in zip(rules.SCORE_KINDS, ((il, ic), (cl, cc), (tl, tc)),
                                    strict=True):
            self._child(risk, self._score(kind, lik, con, raised, owner, "Assessed when raised",
                                          "raised"))
        self._escalate(risk, None, raised, owner, "Raised at this score")
        self._history(risk, raised, owner)
        self._details(risk, raised)
        return risk

    def _score(self, kind, lik, con, on, by, why, source) -> RiskScore:
        return RiskScore(kind=kind, likelihood=lik, consequence=con, scored_on=on, scored_by=by,
                         rationale=why, source=source, consequence_domain="")

    def _escalate(self, risk: Risk, before: int | None, on: dt.date, by: str, why: str) -> None:
        after = risk.current_likelihood * risk.current_consequence
        change = rules.corporate_register_change(risk.on_corporate_register, before, after,
                                                 self.scheme)
        if change:
            risk.on_corporate_register = change == rules.ESCALATED
            self._child(risk, RiskEscalation(direction=change, occurred_on=on, score=after,
                                             recorded_by=by, reason=why))

    def _history(self, risk: Risk, raised: dt.date, owner: str) -> None:
        on, before = raised, risk.current_likelihood * risk.current_consequence
        for _ in range(self.rng.randint(0, 5)):
            on += dt.timedelta(days=self.rng.randint(45, 120))
            if on > LAST_DAY:
                break
            before = risk.current_likelihood * risk.current_consequence
            risk.current_likelihood = self._step(risk.current_likelihood)
            risk.current_consequence = self._step(risk.current_consequence)
            after = risk.current_likelihood * risk.current_consequence
            why = REASONS[rules.movement(after, before)]
            self._child(risk, self._score("current", risk.current_likelihood,
                                           risk.current_consequence, on, owner, why, "review"))
            self._escalate(risk, before, on, owner, why)
        risk.last_reviewed_on = on if on > raised else None
        risk.score_at_last_review = before if on > raised else None
        risk.next_review_on = rules.next_review_date(on, risk.review_frequency_months)
        if self.rng.random() < 0.08:
            risk.status, risk.closed_on = "closed", min(on + dt.timedelta(days=30), LAST_DAY)
            risk.closed_reason = "Risk no longer applies"

    def _details(self, risk: Risk, raised: dt.date) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            text, kind = rng.choice(CONTROLS)
            self._child(risk, Control(description=text, control_type=kind,
                                         effectiveness=rng.choice(rules.EFFECTIVENESS)))
        for _ in range(rng.randint(0, 3)):
            line = rng.randint(1, 3)
            self._child(risk, Assurance(
                description=f"{ASSURANCE_SOURCES[line]} on the controls", source="",
                line_of_defence=line, positive=rng.random() < 0.8,
                received_on=raised + dt.timedelta(days=rng.randint(30, 300))))
        if rng.random() < 0.5:
            self._child(risk, Gap(kind=rng.choice(rules.GAP_KINDS),
                                 description="Gap found at review"))
        for _ in range(rng.randint(0, 2)):
            due = raised + dt.timedelta(days=rng.randint(30, 540))
            done = rng.random() < 0.5
            self._child(risk, RiskAction(
                description="Strengthen the controls", owner_id=rng.choice(self.people)[0],
                due_on=due, status="done" if done else rng.choice(("open", "in progress")),
                completed_on=due if done else None))
        if self.objectives and rng.random() < 0.05:
            self._child(risk, RiskObjective(objective_id=rng.choice(self.objectives)))


def generate_risks(session: Session, ids: dict, *, count: int, seed: int = 2012) -> None:
    """Add ``count`` generated risks with histories, flushed ``BATCH`` risks at a time."""
    generator = _Generator(session, seed)
    prefix, first = _reference_numbers(session)
    for start in range(0, count, BATCH):
        batch = [generator.risk(f"{prefix}-{first + n:03d}")
                 for n in range(start, min(start + BATCH, count))]
        session.add_all(batch)
        session.flush()
        # Setting ids directly, not through relationships, spares the unit of work much
        # bookkeeping; each row is still an ORM insert, so the audit hook records it.
        children = [child for _, child in generator.children]
        for risk, child in generator.children:
            child.risk_id = risk.id
        session.add_all(children)
        session.flush()
        for written in (*batch, *children):  # written and audited: keep memory flat
            session.expunge(written)
        generator.children.clear()
    ids["generated_risks"] = count
