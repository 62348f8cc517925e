"""Taking in a member's returned scores (read from their pack by the exchange layer).

Every check runs before anything is written, so a refused pack changes nothing: another
round's pack, a pack id not issued in this round or issued to someone else, fixed content
altered since export, a return after the round closed, and invalid scores (named by risk and
field). A pack returned after the deadline while the round is still open is accepted and
flagged late. Importing the same content again changes nothing and says so.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import scoring as rules
from app.domain.errors import Problem, ValidationError
from app.services.common import get_or_fail
from app.services.scoring.rows import ImportResult
from app.store.base import utcnow
from app.store.scoring import MemberScoreRecord, RoundMember, ScoringRound


def _refuse(name: str, why: str) -> ValidationError:
    return ValidationError(f"{name} was refused: {why}. Nothing was imported.", field="pack")


def _member(session: Session, rnd: ScoringRound, returned) -> RoundMember:
    name = returned.file_name
    if returned.round_id != rnd.id:
        raise _refuse(name, f"it is a pack of round #{returned.round_id}, not of round "
                            f"#{rnd.id} '{rnd.title}'")
    member = session.scalar(select(RoundMember).where(RoundMember.round_id == rnd.id,
                                                      RoundMember.pack_id == returned.pack_id))
    if member is None:
        raise _refuse(name, f"its pack id was not issued to any member of round #{rnd.id} "
                            f"('{returned.member_name}' is not a member of this round)")
    if member.person_id != returned.member_id:
        raise _refuse(name, f"the pack was issued to {member.person.name}, but the file says "
                            f"it is {returned.member_name}'s")
    if not member.fixed_digest:
        raise _refuse(name, "no pack has been exported for this member yet")
    if returned.computed_digest != member.fixed_digest:
        raise _refuse(name, "its fixed content (the round, the member or the risks) differs "
                            "from the pack Boardbook exported: it was altered outside "
                            "Boardbook, or it comes from an earlier export")
    if rnd.status == rules.CLOSED:
        closed = f" on {rnd.closed_at:%d %b %Y}" if rnd.closed_at else ""
        raise _refuse(name, f"round #{rnd.id} closed{closed}; scores returned after the round "
                            "closed are not taken")
    return member


def _score_problems(returned, known: dict[str, int]) -> list[Problem]:
    problems = []
    for ref, entry in returned.scores.items():
        if ref not in known:
            problems.append(Problem(ref, "is not one of this round's risks"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(f"{ref} score", "is not a likelihood and consequence"))
            continue
        for p in rules.score_problems(entry.get("likelihood"), entry.get("consequence")):
            problems.append(Problem(f"{ref} {p.field}", p.reason))
        if not isinstance(entry.get("comment", "") or "", str):
            problems.append(Problem(f"{ref} comment", "is not text"))
    return problems


def _parse_time(value) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _write_scores(session: Session, member: RoundMember, returned, known: dict) -> None:
    existing = {s.risk_id: s for s in member.scores}
    wanted = {known[ref]: entry for ref, entry in returned.scores.items()}
    for risk_id, record in existing.items():
        if risk_id not in wanted:
            session.delete(record)
    for risk_id, entry in wanted.items():
        record = existing.get(risk_id)
        if record is None:
            record = MemberScoreRecord(member=member, risk_id=risk_id)
            session.add(record)
        values = dict(likelihood=entry["likelihood"], consequence=entry["consequence"],
                      comment=(entry.get("comment") or "").strip(),
                      scored_at=_parse_time(entry.get("scored_at")))
        for field, value in values.items():
            if getattr(record, field) != value:
                setattr(record, field, value)


def record_return(session: Session, *, round_id: int, returned, today: dt.date | None = None):
    today = today or dt.date.today()
    rnd = get_or_fail(session, ScoringRound, round_id, "scoring round")
    member = _member(session, rnd, returned)
    known = {rr.reference: rr.risk_id for rr in rnd.risks}
    problems = _score_problems(returned, known)
    if problems:
        raise ValidationError([Problem(f"{returned.file_name}: {p.field}", p.reason)
                               for p in problems])
    name, count = member.person.name, len(returned.scores)
    if member.last_import_digest == returned.scores_digest:
        return ImportResult(returned.file_name, name, False, member.returned_late, count,
                            f"{name}'s scores were already imported; nothing changed")
    late = today > rnd.deadline
    _write_scores(session, member, returned, known)
    member.last_import_digest, member.last_imported_at = returned.scores_digest, utcnow()
    if late and not member.returned_late:
        member.returned_late = True
    session.flush()
    message = f"{name}: {count} of {len(known)} risks scored"
    if late:
        message += f" (returned late: the deadline was {rnd.deadline:%d %b %Y})"
    return ImportResult(returned.file_name, name, True, late, count, message)
