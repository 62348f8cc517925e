"""Offline scoring rounds: open a round, collect members' scores, see where they differ,
adopt a consensus into the risk's history.

    open_round(session, *, title, question, deadline, risk_ids=None, risk_references=None,
               selection=None, member_ids, today=None)                          -> RoundRow
    list_rounds(session) / get_round(session, *, round_id)        -> RoundRow
    pack_contents(session, *, round_id)     the fixed part of each member's pack
    record_export(session, *, round_id, digests)
    record_return(session, *, round_id, returned: ReturnedScores, today) -> ImportResult
    round_view(session, *, round_id)                              -> RoundView
    adopt_consensus(session, *, round_id, risk_id, likelihood=None, consequence=None,
                    rationale=None, today=None)                   -> RiskRoundView
    adopt_consensus_for(session, *, round_id, reference, …)      the same, by risk reference
    leave_for_discussion(session, *, round_id, risk_id, note="")  -> RiskRoundView
    close_round(session, *, round_id)                             -> RoundRow
    round_report_data(session, *, round_id)                       -> RoundReportData

Pack files are read and written by ``app.exchange.scoring.returns`` (``export_packs``,
``import_returned_pack``), which hands plain data to the functions here.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import scoring as rules
from app.domain.errors import Problem, ValidationError
from app.services.common import raise_if
from app.services.organisation import get_organisation
from app.services.risks.register import RiskFilter, find_risk, list_risks
from app.services.risks.settings import get_band_scheme
from app.services.scoring.content import pack_fixed_content
from app.services.scoring.rows import (
    MemberRow,
    RoundRow,
    load_round,
    member_row,
    round_row,
)
from app.store.base import utcnow
from app.store.people import Person
from app.store.risks import Risk
from app.store.scoring import RoundMember, RoundRisk, ScoringRound

# ------------------------------------------------------------------------------ reading


def list_rounds(session: Session) -> list[RoundRow]:
    rounds = session.scalars(select(ScoringRound).order_by(ScoringRound.opened_at.desc(),
                                                           ScoringRound.id.desc()))
    return [round_row(r) for r in rounds]


def get_round(session: Session, *, round_id: int) -> RoundRow:
    return round_row(load_round(session, round_id))


# ------------------------------------------------------------------------------ opening


def _selected_risks(session: Session, risk_ids, selection) -> list[int]:
    if risk_ids is not None:
        return list(dict.fromkeys(risk_ids))
    if selection in ("all", "corporate"):
        rows = list_risks(session, filters=RiskFilter(corporate_only=selection == "corporate"))
        return [r.id for r in rows]
    if selection is None:
        return []
    raise ValidationError(f"'{selection}' is not a selection: say all or corporate",
                          field="risks")


def _existing(session: Session, model, ids: list[int], what: str) -> list[Problem]:
    found = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
    return [Problem(what, f"there is no {what[:-1]} with id {i}") for i in ids if i not in found]


def open_round(session: Session, *, title: str, question: str, deadline: dt.date | None,
               member_ids: list[int], risk_ids: list[int] | None = None,
               risk_references: list[str] | None = None, selection: str | None = None,
               today: dt.date | None = None) -> RoundRow:
    """Open a round on the given risks, by id or reference (or ``selection`` "all" /
    "corporate" open risks)."""
    today = today or dt.date.today()
    if risk_references is not None:
        risk_ids = [find_risk(session, reference=ref).id for ref in risk_references]
    ids = _selected_risks(session, risk_ids, selection)
    members = list(dict.fromkeys(member_ids))
    raise_if(rules.round_problems(title=title, deadline=deadline, question=question,
                                  risk_ids=ids, member_ids=members, today=today)
             + _existing(session, Risk, ids, "risks") + _existing(session, Person, members,
                                                                  "members"))
    closed = [r.reference for r in session.scalars(select(Risk).where(
        Risk.id.in_(ids), Risk.status != "open"))]
    if closed:
        raise ValidationError(f"closed risks cannot be scored: {', '.join(closed)}",
                              field="risks")
    rnd = ScoringRound(title=title.strip(), question=question, deadline=deadline,
                       status=rules.OPEN, opened_by=session.info.get("actor") or "unknown",
                       opened_at=utcnow())
    session.add(rnd)
    risks = {r.id: r for r in session.scalars(select(Risk).where(Risk.id.in_(ids)))}
    for n, risk_id in enumerate(ids, start=1):
        risk = risks[risk_id]
        session.add(RoundRisk(round=rnd, risk_id=risk_id, position=n, reference=risk.reference,
                              title=risk.title))
    for person_id in members:
        session.add(RoundMember(round=rnd, person_id=person_id, pack_id=str(uuid.uuid4())))
    session.flush()
    return round_row(rnd)


def close_round(session: Session, *, round_id: int) -> RoundRow:
    rnd = load_round(session, round_id)
    if rnd.status == rules.CLOSED:
        raise ValidationError(f"round #{rnd.id} is already closed", field="status")
    rnd.status, rnd.closed_at = rules.CLOSED, utcnow()
    session.flush()
    return round_row(rnd)


# ------------------------------------------------------------------------------- packs


def pack_contents(session: Session, *, round_id: int) -> list[tuple[MemberRow, dict]]:
    """Each member's pack, fixed part only: what ``export_packs`` writes."""
    rnd = load_round(session, round_id)
    if rnd.status != rules.OPEN:
        raise ValidationError(f"round #{rnd.id} is closed: its packs can no longer be sent",
                              field="status")
    organisation = get_organisation(session).name
    scheme = get_band_scheme(session)
    base = pack_fixed_content(session, rnd, organisation, scheme)
    return [(member_row(m), {**base, "member": {"id": m.person_id, "name": m.person.name},
                              "pack_id": m.pack_id}) for m in rnd.members]


def record_export(session: Session, *, round_id: int, digests: dict[str, str]) -> None:
    """Remember each pack's fixed digest (by pack_id), so a returned pack can be checked."""
    now = utcnow()
    for member in load_round(session, round_id).members:
        if member.pack_id in digests:
            member.fixed_digest, member.exported_at = digests[member.pack_id], now
    session.flush()
