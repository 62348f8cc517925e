"""The dashboard's numbers: the risk register and the governance of the bodies at a glance.

Every figure is one function taking the same filters, ``committee_id`` (the lead committee of a
risk, the body of a meeting) and the period ``date_from``..``date_to`` (both inclusive), applied
where they mean something: risk counts and heat maps are the register as it stands today (the
period does not apply), the band profile and a risk's score movement cover the period, and the
governance figures (app.services.dashboard.governance) count the meetings held in it.
Risk figures are aggregated in SQL (GROUP BY), so a 10,000-risk register costs a few queries.

``dashboard_summary(session, *, committee_id=None, date_from=None, date_to=None, risk_id=None,
today=None) -> DashboardSummary`` bundles them all; a missing period is
:func:`default_period`: the year up to today, or up to the last meeting when none was held in
the past year (a register restored from an archive still shows its year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.services.dashboard import governance
from app.services.risks.register import (
    CURRENT,
    MonthProfile,
    RiskFilter,
    heat_map_counts,
    register_profile_by_month,
    score_history,
)
from app.services.risks.settings import get_band_scheme
from app.store.meetings import Meeting
from app.store.people import Committee, Person
from app.store.risks import Risk, RiskAction, RiskCategory

NO_OWNER = "No owner"
CHOICES_LIMIT = 500  # the risk combo lists the worst risks first; nobody scrolls 10,000


@dataclass(frozen=True)
class HeatMaps:
    current: list[list[int]]  # counts[likelihood - 1][consequence - 1]
    target: list[list[int]]


@dataclass(frozen=True)
class BandProfile:
    bands: tuple[str, ...]
    months: tuple[MonthProfile, ...]
    corporate: tuple[int, ...]  # open risks at or above the escalation threshold each month end


@dataclass(frozen=True)
class Breakdown:
    """Open risks per label (category, owner) and band of the current score."""

    labels: tuple[str, ...]
    ids: tuple[int | None, ...]
    bands: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[label][band]

    def total(self, label_index: int) -> int:
        return sum(self.counts[label_index])


@dataclass(frozen=True)
class RiskCounts:
    open_risks: int
    above_appetite: int
    reviews_overdue: int
    actions_overdue: int  # open actions past due, on open risks


@dataclass(frozen=True)
class RiskChoice:
    id: int
    reference: str
    title: str
    current_score: int


@dataclass(frozen=True)
class ScorePoint:
    scored_on: dt.date
    kind: str  # current or target
    score: int
    band: str


@dataclass(frozen=True)
class CommitteeChoice:
    id: int
    name: str


@dataclass(frozen=True)
class DashboardSummary:
    committee_id: int | None
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    scheme: rules.BandScheme
    committees: tuple[CommitteeChoice, ...]
    heat_maps: HeatMaps
    profile: BandProfile
    by_category: Breakdown
    by_owner: Breakdown
    counts: RiskCounts
    risk_choices: tuple[RiskChoice, ...]
    risk_id: int | None  # the risk whose movement is shown
    movement: tuple[ScorePoint, ...]
    governance: governance.GovernanceFigures


# ------------------------------------------------------------------------------------ period


def default_period(session: Session, *, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or dt.date.today()
    year_ago = today - dt.timedelta(days=365)
    recent = session.scalar(select(func.max(Meeting.meeting_date)).where(
        Meeting.meeting_date.between(year_ago, today)))
    last = session.scalar(select(func.max(Meeting.meeting_date))) or today
    end = today if recent is not None else min(last, today)
    return _year_to(end), end


def _year_to(end: dt.date) -> dt.date:
    """The first day of the month eleven months before ``end``: twelve whole month ends."""
    month = end.month - 11
    year = end.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


# ----------------------------------------------------------------------------- risk figures


def _open(committee_id: int | None) -> list:
    where = [Risk.status == "open"]
    if committee_id is not None:
        where.append(Risk.committee_id == committee_id)
    return where


def heat_maps(session: Session, *, committee_id: int | None = None,
              today: dt.date | None = None) -> HeatMaps:
    filters = RiskFilter(committee_id=committee_id)
    return HeatMaps(*(heat_map_counts(session, kind=kind, filters=filters, today=today)
                      for kind in ("current", "target")))


def band_profile(session: Session, *, date_from: dt.date, date_to: dt.date,
                 committee_id: int | None = None) -> BandProfile:
    scheme = get_band_scheme(session)
    months = register_profile_by_month(session, start=date_from, end=date_to,
                                       committee_id=committee_id)
    high = [b.name for b in scheme.bands if b.min >= scheme.escalation_threshold]
    corporate = tuple(sum(m.counts[name] for name in high) for m in months)
    return BandProfile(tuple(b.name for b in scheme.bands), tuple(months), corporate)


def _breakdown(session: Session, key, table, committee_id: int | None) -> Breakdown:
    scheme = get_band_scheme(session)
    bands = tuple(b.name for b in scheme.bands)
    query = (select(key, table.name, CURRENT, func.count()).select_from(Risk)
             .outerjoin(table, key == table.id))
    rows = session.execute(query.where(*_open(committee_id))
                           .group_by(key, table.name, CURRENT)).all()
    found: dict[int | None, tuple[str, list[int]]] = {}
    for label_id, label, value, count in rows:
        entry = found.setdefault(label_id, (label or NO_OWNER, [0] * len(bands)))
        entry[1][bands.index(scheme.band_for(value).name)] += count
    ordered = sorted(found.items(), key=lambda kv: (-sum(kv[1][1]), kv[1][0].lower()))
    return Breakdown(tuple(v[0] for _, v in ordered), tuple(k for k, _ in ordered), bands,
                     tuple(tuple(v[1]) for _, v in ordered))


def risks_by_category(session: Session, *, committee_id: int | None = None) -> Breakdown:
    """Open risks per category and band, most risks first."""
    return _breakdown(session, Risk.category_id, RiskCategory, committee_id)


def risks_by_owner(session: Session, *, committee_id: int | None = None) -> Breakdown:
    """Open risks per owner and band, most risks first; risks without one under "No owner"."""
    return _breakdown(session, Risk.owner_id, Person, committee_id)


def risk_counts(session: Session, *, committee_id: int | None = None,
                today: dt.date | None = None) -> RiskCounts:
    today = today or dt.date.today()
    where = _open(committee_id)
    count = select(func.count()).select_from(Risk)
    overdue_actions = (select(func.count()).select_from(RiskAction)
                       .join(Risk, RiskAction.risk_id == Risk.id)
                       .where(*where, RiskAction.status.in_(rules.ACTION_STILL_OPEN),
                              RiskAction.due_on < today))
    return RiskCounts(
        open_risks=session.scalar(count.where(*where)),
        above_appetite=session.scalar(count.join(RiskCategory, Risk.category_id == RiskCategory.id)
                                      .where(*where, CURRENT > RiskCategory.tolerance)),
        reviews_overdue=session.scalar(count.where(*where, Risk.next_review_on < today)),
        actions_overdue=session.scalar(overdue_actions))


def risk_choices(session: Session, *, committee_id: int | None = None,
                 limit: int = CHOICES_LIMIT) -> list[RiskChoice]:
    """Open risks for the score-movement chart's choice: worst current score first."""
    query = (select(Risk.id, Risk.reference, Risk.title, CURRENT.label("score"))
             .where(*_open(committee_id)).order_by(CURRENT.desc(), Risk.id).limit(limit))
    return [RiskChoice(*row) for row in session.execute(query)]


def score_movement(session: Session, *, risk_id: int, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> list[ScorePoint]:
    """The current and target scores of one risk over the period, oldest first. The score in
    force when the period starts is given as of ``date_from``, so each line starts there."""
    points = []
    for kind in ("current", "target"):
        history = score_history(session, risk_id=risk_id, kind=kind)
        before = [s for s in history if date_from and s.scored_on < date_from]
        if before:
            points.append(ScorePoint(date_from, kind, before[-1].score, before[-1].band))
        points += [ScorePoint(s.scored_on, kind, s.score, s.band) for s in history
                   if (not date_from or s.scored_on >= date_from)
                   and (not date_to or s.scored_on <= date_to)]
    return sorted(points, key=lambda p: (p.kind, p.scored_on))


def committee_choices(session: Session) -> list[CommitteeChoice]:
    query = select(Committee.id, Committee.name).where(
        Committee.retired_on.is_(None)).order_by(Committee.name)
    return [CommitteeChoice(*row) for row in session.execute(query)]


# ---------------------------------------------------------------------------------- summary


def dashboard_summary(session: Session, *, committee_id: int | None = None,
                      date_from: dt.date | None = None, date_to: dt.date | None = None,
                      risk_id: int | None = None, today: dt.date | None = None,
                      ) -> DashboardSummary:
    today = today or dt.date.today()
    if date_from is None or date_to is None:
        start, end = default_period(session, today=today)
        date_from, date_to = date_from or start, date_to or end
    choices = risk_choices(session, committee_id=committee_id)
    if risk_id not in {c.id for c in choices}:  # none chosen, or not under this committee
        risk_id = choices[0].id if choices else None
    movement = score_movement(session, risk_id=risk_id, date_from=date_from,
                              date_to=date_to) if risk_id is not None else []
    return DashboardSummary(
        committee_id, date_from, date_to, today, get_band_scheme(session),
        tuple(committee_choices(session)),
        heat_maps(session, committee_id=committee_id, today=today),
        band_profile(session, date_from=date_from, date_to=date_to, committee_id=committee_id),
        risks_by_category(session, committee_id=committee_id),
        risks_by_owner(session, committee_id=committee_id),
        risk_counts(session, committee_id=committee_id, today=today), tuple(choices), risk_id,
        tuple(movement),
        governance.governance_figures(session, committee_id=committee_id, date_from=date_from,
                                      date_to=date_to, today=today))
