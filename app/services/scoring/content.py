"""What a scoring pack may carry: the round, the band scheme and wording, and the selected
risks' description, scores, controls, assurances, gaps and score history. Nothing else of the
database goes into a pack; this is the one place that decides what does."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.domain import risk_descriptors as words
from app.domain.risk import BandScheme
from app.services.risks.detail import RiskDetail, get_risk_detail
from app.store.scoring import ScoringRound


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def descriptors() -> dict:
    return {
        "likelihood_in_words": list(words.LIKELIHOOD_IN_WORDS),
        "likelihood_frequency": list(words.LIKELIHOOD_FREQUENCY),
        "likelihood_probability": list(words.LIKELIHOOD_PROBABILITY),
        "consequence_domains": [{"key": d.key, "name": d.name,
                                 "descriptors": list(d.descriptors)}
                                for d in words.CONSEQUENCE_DOMAINS],
    }


def _score(likelihood, consequence) -> dict | None:
    if likelihood is None:
        return None
    return {"likelihood": likelihood, "consequence": consequence,
            "score": likelihood * consequence}


def risk_content(reference: str, d: RiskDetail) -> dict:
    r = d.risk
    return {
        "reference": reference, "title": r.title, "cause": r.cause, "event": r.event,
        "effect": r.effect, "category": r.category, "consequence_domain": r.consequence_domain,
        "current": _score(r.current_likelihood, r.current_consequence),
        "target": _score(r.target_likelihood, r.target_consequence),
        "target_date": _iso(r.target_date),
        "controls": [{"description": c.description, "type": c.control_type,
                      "effectiveness": c.effectiveness} for c in d.controls],
        "assurances": [{"description": a.description, "source": a.source,
                        "line_of_defence": a.line_of_defence, "line": a.line_name,
                        "positive": a.positive, "received_on": _iso(a.received_on)}
                       for a in d.assurances],
        "gaps": [{"kind": g.kind, "description": g.description} for g in d.gaps],
        "history": [{"kind": s.kind, "likelihood": s.likelihood, "consequence": s.consequence,
                     "score": s.score, "band": s.band, "scored_on": _iso(s.scored_on),
                     "scored_by": s.scored_by, "rationale": s.rationale, "source": s.source}
                    for s in d.history],
    }


def pack_fixed_content(session: Session, rnd: ScoringRound, organisation: str,
                       scheme: BandScheme) -> dict:
    """The fixed part common to every member's pack (member and pack_id are added per pack)."""
    return {
        "round": {"id": rnd.id, "title": rnd.title, "question": rnd.question,
                  "deadline": rnd.deadline.isoformat()},
        "organisation": organisation,
        "scheme": scheme.to_dict(),
        "descriptors": descriptors(),
        "risks": [risk_content(rr.reference, get_risk_detail(session, risk_id=rr.risk_id))
                  for rr in rnd.risks],
    }
