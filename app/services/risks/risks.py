"""Changing risks: raising, editing, rescoring, reviewing, closing, and linking to objectives.

The risk services are split by what they do; all take ``session`` first and keyword arguments:

- here: ``create_risk``, ``update_risk``, ``rescore_risk``, ``mark_review_done``,
  ``close_risk``, ``reopen_risk`` (each returns the risk's ``RiskRow``), ``link_objective``,
  ``unlink_objective``; ``rescore_by_reference`` (a ``Rescored``: before and after).
- ``risk_register``: the read side (``RiskFilter``, ``RiskRow``, ``list_risks``,
  ``get_risk_row``, ``find_risk``, ``heat_map_counts``, ``escalated_risks``,
  ``escalation_history``, ``score_history``, ``register_profile_by_month``).
- ``risks_detail``: controls, assurances, gaps and actions, and ``RiskDetail``
  (``get_risk_detail``, ``list_risk_details``).
- ``risk_settings``: band scheme, reference prefix, categories and appetite, objectives.

``today`` arguments say which day "overdue" is judged on (default: the real today).

Scores change only through ``rescore_risk``, which keeps a history row with a required
rationale and records escalation to (or de-escalation from) the corporate register whenever
the current score crosses the organisation's threshold. Decisions and scoring rounds call it
with their own ``source`` ("decision #12", "scoring round 3").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.domain.errors import Problem, ValidationError
from app.services.common import check_version, get_or_fail, raise_if
from app.services.risks import register as risk_register
from app.services.risks.register import RiskRow
from app.services.risks.settings import get_band_scheme, get_reference_prefix
from app.store.people import Committee, Person
from app.store.risks import (
    Risk,
    RiskCategory,
    RiskEscalation,
    RiskObjective,
    RiskScore,
    StrategicObjective,
)

# Fields update_risk may change; scores change through rescore_risk so each has a rationale.
EDITABLE = ("reference", "title", "cause", "event", "effect", "category_id", "owner_id",
            "committee_id", "raised_on", "consequence_domain", "target_date",
            "review_frequency_months", "next_review_on", "on_corporate_register")


def _actor(session: Session) -> str:
    return session.info.get("actor") or "unknown"


def _refers_to(session: Session, category_id, owner_id, committee_id) -> list[Problem]:
    problems = []
    for field, model, value, what in (("category_id", RiskCategory, category_id, "category"),
                                      ("owner_id", Person, owner_id, "person"),
                                      ("committee_id", Committee, committee_id, "committee")):
        if value is not None and session.get(model, value) is None:
            problems.append(Problem(field, f"there is no {what} with id {value}"))
    if category_id is None:
        problems.append(Problem("category_id", "choose a category for the risk"))
    return problems


def _reference_problems(session: Session, reference: str, risk_id: int | None) -> list[Problem]:
    clash = session.execute(select(Risk.id, Risk.title).where(
        func.lower(Risk.reference) == reference.strip().lower())).first()
    if clash is not None and clash.id != risk_id:
        return [Problem("reference", f"{reference.strip()} is already the reference of "
                                     f"'{clash.title}'")]
    return []


def _new_reference(session: Session) -> str:
    prefix = get_reference_prefix(session)
    existing = session.scalars(select(Risk.reference).where(Risk.reference.like(f"{prefix}-%")))
    return rules.next_reference(existing, prefix)


def _set_corporate(session: Session, risk: Risk, direction: str | None, on: dt.date,
                   by: str, reason: str) -> None:
    """Move a risk onto or off the corporate register, recording the event."""
    wanted = direction == rules.ESCALATED
    if direction is None or risk.on_corporate_register == wanted:
        return
    risk.on_corporate_register = wanted
    session.add(RiskEscalation(risk=risk, direction=direction, occurred_on=on, recorded_by=by,
                               reason=reason,
                               score=risk.current_likelihood * risk.current_consequence))


def _apply_escalation_rule(session: Session, risk: Risk, scheme: rules.BandScheme,
                           before: int | None, on: dt.date, by: str, why: str) -> None:
    after = risk.current_likelihood * risk.current_consequence
    change = rules.corporate_register_change(risk.on_corporate_register, before, after, scheme)
    threshold = scheme.escalation_threshold
    if change == rules.ESCALATED:
        reason = f"Current score {after} is at or above the escalation threshold ({threshold})"
    else:
        reason = f"Current score {after} fell below the escalation threshold ({threshold})"
    _set_corporate(session, risk, change, on, by, f"{reason}. {why}".strip())


# --------------------------------------------------------------------------------- raising


def _pair(likelihood, consequence) -> tuple | None:
    if likelihood is None and consequence is None:
        return None
    return likelihood, consequence


def create_risk(session: Session, *, title: str, category_id: int, inherent_likelihood: int,
                inherent_consequence: int, current_likelihood: int, current_consequence: int,
                target_likelihood: int | None = None, target_consequence: int | None = None,
                target_date: dt.date | None = None, reference: str | None = None,
                cause: str = "", event: str = "", effect: str = "", owner_id: int | None = None,
                committee_id: int | None = None, raised_on: dt.date | None = None,
                review_frequency_months: int = 3, next_review_on: dt.date | None = None,
                consequence_domain: str = "", on_corporate_register: bool = False,
                rationale: str = "", scored_by: str | None = None, source: str = "raised",
                today: dt.date | None = None) -> RiskRow:
    """Raise a risk. Without a reference it gets the next one (CR-007). Its first scores go
    into the history; a current score at or above the threshold escalates it at once."""
    values = dict(
        title=title, reference=reference, cause=cause, event=event, effect=effect,
        category_id=category_id, owner_id=owner_id, committee_id=committee_id,
        raised_on=raised_on or dt.date.today(), consequence_domain=consequence_domain,
        inherent_likelihood=inherent_likelihood, inherent_consequence=inherent_consequence,
        current_likelihood=current_likelihood, current_consequence=current_consequence,
        target_likelihood=target_likelihood, target_consequence=target_consequence,
        target_date=target_date, review_frequency_months=review_frequency_months)
    raise_if(_field_problems(session, values, None))
    scheme = get_band_scheme(session)  # read before adding: one INSERT, no UPDATE after it
    risk = Risk(**{**values, "title": title.strip(),
                   "reference": (reference or "").strip() or _new_reference(session)},
                status="open", on_corporate_register=False,
                next_review_on=next_review_on or rules.next_review_date(
                    values["raised_on"], review_frequency_months))
    session.add(risk)
    by = (scored_by or _actor(session)).strip()
    _first_scores(session, risk, by, rationale.strip() or "Assessed when the risk was raised",
                  source)
    if on_corporate_register:
        _set_corporate(session, risk, rules.ESCALATED, risk.raised_on, by,
                       "Placed on the corporate register when raised")
    _apply_escalation_rule(session, risk, scheme, None, risk.raised_on, by, "")
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk.id, today=today)


def _first_scores(session: Session, risk: Risk, by: str, why: str, source: str) -> None:
    for kind in rules.SCORE_KINDS:
        if getattr(risk, f"{kind}_likelihood") is not None:
            session.add(RiskScore(risk=risk, kind=kind, scored_on=risk.raised_on, scored_by=by,
                                  likelihood=getattr(risk, f"{kind}_likelihood"),
                                  consequence=getattr(risk, f"{kind}_consequence"),
                                  consequence_domain=risk.consequence_domain, rationale=why,
                                  source=source))


def _field_problems(session: Session, v: dict, risk_id: int | None) -> list[Problem]:
    """Every problem with a risk's own fields and the records they refer to."""
    problems = rules.validate_risk_fields(
        title=v["title"], reference=v["reference"],
        inherent=(v["inherent_likelihood"], v["inherent_consequence"]),
        current=(v["current_likelihood"], v["current_consequence"]),
        target=_pair(v["target_likelihood"], v["target_consequence"]),
        target_date=v["target_date"], raised_on=v["raised_on"],
        review_frequency_months=v["review_frequency_months"],
        consequence_domain=v["consequence_domain"])
    problems += _refers_to(session, v["category_id"], v["owner_id"], v["committee_id"])
    if v["reference"] and v["reference"].strip():
        problems += _reference_problems(session, v["reference"], risk_id)
    return problems


# --------------------------------------------------------------------------------- editing


def update_risk(session: Session, *, risk_id: int, expected_version: int | None,
                today: dt.date | None = None, **changes) -> RiskRow:
    """Change any of ``EDITABLE``; fields not given keep their value.

    Taking a risk off the corporate register by hand is refused while its current score is at
    or above the escalation threshold.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError([Problem(f, "cannot be changed here (scores change by "
                                          "rescoring, status by closing or reopening)")
                               for f in unknown])
    risk = get_or_fail(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, f"Risk {risk.reference}")
    merged = {f: changes.get(f, getattr(risk, f)) for f in EDITABLE}
    raise_if(_update_problems(session, risk, merged))
    corporate = bool(merged.pop("on_corporate_register"))
    merged["reference"], merged["title"] = merged["reference"].strip(), merged["title"].strip()
    for field, value in merged.items():
        setattr(risk, field, value)
    direction = rules.ESCALATED if corporate else rules.DE_ESCALATED
    _set_corporate(session, risk, direction, today or dt.date.today(), _actor(session),
                   "Placed on the corporate register by hand" if corporate
                   else "Taken off the corporate register by hand")
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk_id, today=today)


def _update_problems(session: Session, risk: Risk, merged: dict) -> list[Problem]:
    scores = {f"{k}_{axis}": getattr(risk, f"{k}_{axis}") for k in rules.SCORE_KINDS
              for axis in ("likelihood", "consequence")}
    problems = _field_problems(session, {**merged, **scores}, risk.id)
    scheme = get_band_scheme(session)
    current = risk.current_likelihood * risk.current_consequence
    if not merged["on_corporate_register"] and rules.is_escalated(current, scheme):
        problems.append(Problem("on_corporate_register", f"a current score of {current} is at "
                                f"or above the escalation threshold "
                                f"({scheme.escalation_threshold}): the risk stays on the "
                                "corporate register until its score falls"))
    return problems


# ------------------------------------------------------------------------------- rescoring


def _rescore_problems(session: Session, risk: Risk, *, kind: str, likelihood: int,
                      consequence: int, rationale: str, scored_on: dt.date,
                      consequence_domain: str | None, target_date: dt.date | None) -> list:
    if kind not in rules.SCORE_KINDS:
        return [Problem("kind", f"'{kind}' is not one of: {', '.join(rules.SCORE_KINDS)}")]
    problems = rules.rationale_problems(rationale)
    for field, value in (("likelihood", likelihood), ("consequence", consequence)):
        if value not in rules.LEVELS:
            problems.append(Problem(field, f"the {field} must be 1 to 5, not {value!r}"))
    if risk.status != "open":
        problems.append(Problem("status", f"{risk.reference} is closed: reopen it to rescore"))
    latest = session.scalar(select(func.max(RiskScore.scored_on)).where(
        RiskScore.risk_id == risk.id, RiskScore.kind == kind))
    if latest is not None and scored_on < latest:
        problems.append(Problem("scored_on", f"the {kind} score was last recorded on "
                                f"{latest:%d %b %Y}; a scoring cannot be dated before it"))
    if kind == "target" and target_date is None and risk.target_date is None:
        problems.append(Problem("target_date", "a target score needs a date to reach it by"))
    if consequence_domain and consequence_domain not in rules.DOMAIN_KEYS:
        problems.append(Problem("consequence_domain",
                                f"'{consequence_domain}' is not a consequence domain"))
    return problems


def rescore_risk(session: Session, *, risk_id: int, expected_version: int | None,
                 likelihood: int, consequence: int, rationale: str, source: str = "review",
                 scored_by: str | None = None, scored_on: dt.date | None = None,
                 kind: str = "current", consequence_domain: str | None = None,
                 target_date: dt.date | None = None, today: dt.date | None = None) -> RiskRow:
    """Record a new score (current by default) with why, who, when and on what occasion.

    A blank rationale is refused. A current score crossing the escalation threshold moves the
    risk onto or off the corporate register and records the escalation. ``scored_by`` defaults
    to whoever is acting; ``scored_on`` to today, and may not be earlier than the last scoring.
    """
    risk = get_or_fail(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, f"Risk {risk.reference}")
    scored_on = scored_on or dt.date.today()
    raise_if(_rescore_problems(session, risk, kind=kind, likelihood=likelihood,
                               consequence=consequence, rationale=rationale, scored_on=scored_on,
                               consequence_domain=consequence_domain, target_date=target_date))
    domain = risk.consequence_domain if consequence_domain is None else consequence_domain
    by = (scored_by or _actor(session)).strip()
    scheme = get_band_scheme(session)  # read before changing anything: one UPDATE, one event
    before = risk.current_likelihood * risk.current_consequence
    session.add(RiskScore(risk=risk, kind=kind, likelihood=likelihood, consequence=consequence,
                          consequence_domain=domain, scored_on=scored_on, scored_by=by,
                          rationale=rationale.strip(), source=source.strip()))
    setattr(risk, f"{kind}_likelihood", likelihood)
    setattr(risk, f"{kind}_consequence", consequence)
    if kind == "target" and target_date is not None:
        risk.target_date = target_date
    if kind == "current":
        risk.consequence_domain = domain
        _apply_escalation_rule(session, risk, scheme, before, scored_on, by, rationale.strip())
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk_id, today=today)


@dataclass(frozen=True)
class Rescored:
    """A risk as it stood before a rescoring and as it stands after it."""

    before: RiskRow
    after: RiskRow

    @property
    def moved_register(self) -> bool:
        return self.before.on_corporate_register != self.after.on_corporate_register


def rescore_by_reference(session: Session, *, reference: str, likelihood: int,
                         consequence: int, rationale: str, source: str = "review",
                         scored_on: dt.date | None = None) -> Rescored:
    """``rescore_risk`` for the risk with this reference, as it stands now."""
    before = risk_register.find_risk(session, reference=reference)
    after = rescore_risk(session, risk_id=before.id, expected_version=before.version,
                         likelihood=likelihood, consequence=consequence, rationale=rationale,
                         source=source, scored_on=scored_on)
    return Rescored(before, after)


# ------------------------------------------------------------------ reviews, closing, links


def mark_review_done(session: Session, *, risk_id: int, expected_version: int | None,
                     reviewed_on: dt.date | None = None, next_review_on: dt.date | None = None,
                     today: dt.date | None = None) -> RiskRow:
    """Record that the risk was reviewed. The current score becomes the baseline for the
    movement arrow, and the next review falls due after the review frequency (or as given)."""
    risk = get_or_fail(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, f"Risk {risk.reference}")
    reviewed_on = reviewed_on or dt.date.today()
    if risk.status != "open":
        raise ValidationError(f"{risk.reference} is closed; closed risks are not reviewed",
                              field="status")
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise ValidationError("the next review must be after this one", field="next_review_on")
    risk.last_reviewed_on = reviewed_on
    risk.score_at_last_review = risk.current_likelihood * risk.current_consequence
    risk.next_review_on = next_review_on or rules.next_review_date(
        reviewed_on, risk.review_frequency_months)
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk_id, today=today)


def close_risk(session: Session, *, risk_id: int, expected_version: int | None, reason: str,
               closed_on: dt.date | None = None, today: dt.date | None = None) -> RiskRow:
    risk = get_or_fail(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, f"Risk {risk.reference}")
    if risk.status == "closed":
        raise ValidationError(f"{risk.reference} is already closed", field="status")
    if not reason.strip():
        raise ValidationError("say why the risk is closed", field="reason")
    risk.status, risk.closed_reason = "closed", reason.strip()
    risk.closed_on = closed_on or dt.date.today()
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk_id, today=today)


def reopen_risk(session: Session, *, risk_id: int, expected_version: int | None,
                today: dt.date | None = None) -> RiskRow:
    """Open a closed risk again; the audit trail keeps why and when it had been closed."""
    risk = get_or_fail(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, f"Risk {risk.reference}")
    if risk.status == "open":
        raise ValidationError(f"{risk.reference} is already open", field="status")
    risk.status, risk.closed_on, risk.closed_reason = "open", None, ""
    session.flush()
    return risk_register.get_risk_row(session, risk_id=risk_id, today=today)


def link_objective(session: Session, *, risk_id: int, objective_id: int) -> None:
    """Make the risk a principal risk to the objective (the BAF). Linking twice is harmless."""
    get_or_fail(session, Risk, risk_id, "risk")
    get_or_fail(session, StrategicObjective, objective_id, "strategic objective")
    if session.get(RiskObjective, (risk_id, objective_id)) is None:
        session.add(RiskObjective(risk_id=risk_id, objective_id=objective_id))
        session.flush()


def unlink_objective(session: Session, *, risk_id: int, objective_id: int) -> None:
    link = session.get(RiskObjective, (risk_id, objective_id))
    if link is not None:
        session.delete(link)
        session.flush()
