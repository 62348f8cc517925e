"""A round's results: every member's score per risk, the median, range and divergence; and
what the round decides per risk (adopt a consensus into the risk's history, or leave it for
discussion). ``round_report_data`` is the same in plain data for the PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import scoring as rules
from app.domain.errors import ValidationError
from app.services.common import get_or_fail
from app.services.organisation import get_organisation
from app.services.risks import risks as risk_service
from app.services.risks.register import find_risk
from app.services.risks.settings import get_band_scheme
from app.services.scoring.rows import (
    AdoptionRow,
    RiskRoundView,
    RoundView,
    member_row,
    round_row,
)
from app.store.base import utcnow
from app.store.risks import Risk, RiskScore
from app.store.scoring import ConsensusAdoption, RoundMember, RoundRisk, ScoringRound


def _round(session: Session, round_id: int) -> ScoringRound:
    rnd = session.scalar(select(ScoringRound).where(ScoringRound.id == round_id).options(
        selectinload(ScoringRound.members).selectinload(RoundMember.scores),
        selectinload(ScoringRound.members).selectinload(RoundMember.person),
        selectinload(ScoringRound.risks)))
    if rnd is None:
        return get_or_fail(session, ScoringRound, round_id, "scoring round")
    return rnd


def _adoptions(session: Session, round_id: int, scheme):

    found = {}
    for a in session.scalars(select(ConsensusAdoption).where(
            ConsensusAdoption.round_id == round_id).options(
            selectinload(ConsensusAdoption.risk_score))):
        s = a.risk_score
        value = s.likelihood * s.consequence
        found[a.risk_id] = AdoptionRow(s.likelihood, s.consequence, value,
                                       scheme.band_for(value).name, a.adopted_by,
                                       a.adopted_at, s.rationale, s.source)
    return found


def _risk_view(rr: RoundRisk, rnd: ScoringRound, scheme, adoptions):

    scores, missing = [], []
    for m in rnd.members:
        record = next((s for s in m.scores if s.risk_id == rr.risk_id), None)
        if record is not None:
            scores.append(rules.MemberScore(m.person.name, record.likelihood,
                                            record.consequence, record.comment))
        elif m.last_imported_at is not None:
            missing.append(m.person.name)
    return RiskRoundView(rr.risk_id, rr.reference, rr.title, tuple(scores),
                         rules.summarise(scores, scheme), tuple(missing), rr.outcome, rr.note,
                         adoptions.get(rr.risk_id))


def round_view(session: Session, *, round_id: int) -> RoundView:

    rnd = _round(session, round_id)
    scheme = get_band_scheme(session)
    adoptions = _adoptions(session, round_id, scheme)
    risks = tuple(_risk_view(rr, rnd, scheme, adoptions) for rr in rnd.risks)
    waiting = tuple(m.person.name for m in rnd.members if m.last_imported_at is None)
    colours = {v: scheme.band_for(v).colour for v in range(1, 26)}
    return RoundView(round_row(rnd), tuple(member_row(m) for m in rnd.members), risks,
                     waiting, colours)


def _round_risk(rnd: ScoringRound, risk_id: int) -> RoundRisk:
    for rr in rnd.risks:
        if rr.risk_id == risk_id:
            return rr
    raise ValidationError(f"risk {risk_id} is not in round #{rnd.id}", field="risk_id")


def _number(value: float) -> str:
    return f"{value:g}"


def consensus_rationale(title: str, summary: rules.RiskSummary, likelihood: int,
                        consequence: int) -> str:
    if summary.count == 0:
        return (f"Consensus of scoring round '{title}': no member scores returned; "
                f"adopted {likelihood} × {consequence} = {likelihood * consequence}.")
    median = (f"median {_number(summary.median_likelihood)} × "
              f"{_number(summary.median_consequence)} (score {_number(summary.median_score)})")
    text = (f"Consensus of scoring round '{title}': {median}; {summary.count} member"
            f"{'s' if summary.count != 1 else ''}; range {summary.range_text}")
    if summary.divergent:
        text += f"; scores were more than one band apart ({', '.join(summary.bands)})"
    return f"{text}. Adopted {likelihood} × {consequence} = {likelihood * consequence}."


def adopt_consensus(session: Session, *, round_id: int, risk_id: int,
                    likelihood: int | None = None, consequence: int | None = None,
                    rationale: str | None = None, today: dt.date | None = None):
    """Record the round's consensus as the risk's new score (the round's question: current or
    target), with the round as its source. Without levels, the median suggestion is used."""
    rnd = _round(session, round_id)
    rr = _round_risk(rnd, risk_id)
    if rr.outcome == "adopted":
        raise ValidationError(f"a consensus for {rr.reference} was already adopted in this "
                              "round", field="risk_id")
    scheme = get_band_scheme(session)
    view = _risk_view(rr, rnd, scheme, {})
    if likelihood is None or consequence is None:
        if view.suggested is None:
            raise ValidationError(f"no member has scored {rr.reference}: give the likelihood "
                                  "and consequence to adopt", field="likelihood")
        likelihood, consequence = view.suggested
    why = (rationale or "").strip() or consensus_rationale(rnd.title, view.summary, likelihood,
                                                           consequence)
    risk = session.get(Risk, risk_id)
    by = session.info.get("actor") or "unknown"
    risk_service.rescore_risk(session, risk_id=risk_id, expected_version=risk.version,
                              likelihood=likelihood, consequence=consequence, rationale=why,
                              source=f"scoring round #{rnd.id}", scored_by=by,
                              scored_on=today or dt.date.today(), kind=rnd.question,
                              today=today)
    score_id = session.scalar(select(RiskScore.id).where(
        RiskScore.risk_id == risk_id, RiskScore.kind == rnd.question)
        .order_by(RiskScore.id.desc()).limit(1))
    session.add(ConsensusAdoption(round_id=rnd.id, risk_id=risk_id, risk_score_id=score_id,
                                  adopted_by=by, adopted_at=utcnow()))
    rr.outcome = "adopted"
    session.flush()
    return round_view(session, round_id=round_id).risks[rnd.risks.index(rr)]


def adopt_consensus_for(session: Session, *, round_id: int, reference: str,
                        likelihood: int | None = None, consequence: int | None = None,
                        rationale: str | None = None, today: dt.date | None = None):
    """``adopt_consensus`` for the risk with this reference ("CR-7")."""
    risk = find_risk(session, reference=reference)
    return adopt_consensus(session, round_id=round_id, risk_id=risk.id, likelihood=likelihood,
                           consequence=consequence, rationale=rationale, today=today)


def leave_for_discussion(session: Session, *, round_id: int, risk_id: int, note: str = ""):
    """Adopt nothing for this risk now: it goes to the meeting for discussion."""
    rnd = _round(session, round_id)
    rr = _round_risk(rnd, risk_id)
    if rr.outcome == "adopted":
        raise ValidationError(f"a consensus for {rr.reference} was already adopted",
                              field="risk_id")
    rr.outcome, rr.note = "for discussion", note.strip()
    session.flush()
    return round_view(session, round_id=round_id).risks[rnd.risks.index(rr)]


# ------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class RoundReportData:
    organisation: str
    title: str
    question: str
    deadline: dt.date
    status: str
    members: tuple[tuple[str, str], ...]  # (name, "returned 3 Dec 2026" / "not returned")
    risks: tuple  # RiskRoundView
    score_colours: dict  # score 1..25 -> its band's colour
    generated_on: dt.date


def _return_words(m) -> str:
    if m.returned_at is None:
        return "not returned"
    return f"returned {m.returned_at:%d %b %Y}" + (" (late)" if m.late else "")


def round_report_data(session: Session, *, round_id: int,
                      today: dt.date | None = None) -> RoundReportData:
    view = round_view(session, round_id=round_id)
    r = view.round
    return RoundReportData(get_organisation(session).name, r.title, r.question, r.deadline,
                           r.status, tuple((m.name, _return_words(m)) for m in view.members),
                           view.risks, view.score_colours, today or dt.date.today())
