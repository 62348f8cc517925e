"""The read models of scoring rounds, shared by opening, returns and the round view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain import scoring as rules
from app.services.common import get_or_fail
from app.store.scoring import RoundMember, ScoringRound

FOR_DISCUSSION, ADOPTED = "for discussion", "adopted"


@dataclass(frozen=True)
class RoundRow:
    id: int
    title: str
    question: str
    deadline: dt.date
    status: str
    opened_by: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    risk_count: int
    member_count: int
    returned_count: int
    version: int


@dataclass(frozen=True)
class MemberRow:
    id: int
    person_id: int
    name: str
    pack_id: str
    exported_at: dt.datetime | None
    returned_at: dt.datetime | None
    late: bool


@dataclass(frozen=True)
class AdoptionRow:
    likelihood: int
    consequence: int
    score: int
    band: str
    adopted_by: str
    adopted_at: dt.datetime
    rationale: str
    source: str


@dataclass(frozen=True)
class RiskRoundView:
    risk_id: int
    reference: str
    title: str
    scores: tuple[rules.MemberScore, ...]  # in member order
    summary: rules.RiskSummary
    not_scored: tuple[str, ...]  # members whose returned pack has no score for it
    outcome: str  # "", "adopted", "for discussion"
    note: str
    adoption: AdoptionRow | None

    @property
    def suggested(self) -> tuple[int, int] | None:
        return self.summary.suggested()


@dataclass(frozen=True)
class RoundView:
    round: RoundRow
    members: tuple[MemberRow, ...]
    risks: tuple[RiskRoundView, ...]
    not_returned: tuple[str, ...]
    score_colours: dict  # score 1..25 -> its band's colour "#rrggbb"


@dataclass(frozen=True)
class ReturnedScores:
    """What a returned pack says, read by the exchange layer; nothing of the file itself."""

    file_name: str
    round_id: int
    pack_id: str
    member_id: int
    member_name: str
    computed_digest: str  # of the fixed part as it is now
    scores_digest: str  # of the scores part and returned_at
    scores: dict  # reference -> {likelihood, consequence, comment, scored_at}
    returned_at: str | None


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    member: str
    changed: bool
    late: bool
    scored: int
    message: str


def load_round(session: Session, round_id: int) -> ScoringRound:
    return get_or_fail(session, ScoringRound, round_id, "scoring round")


def round_row(r: ScoringRound) -> RoundRow:
    returned = sum(1 for m in r.members if m.last_imported_at is not None)
    return RoundRow(r.id, r.title, r.question, r.deadline, r.status, r.opened_by, r.opened_at,
                    r.closed_at, len(r.risks), len(r.members), returned, r.version)


def member_row(m: RoundMember) -> MemberRow:
    return MemberRow(m.id, m.person_id, m.person.name, m.pack_id, m.exported_at,
                     m.last_imported_at, m.returned_late)
