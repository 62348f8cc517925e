"""Reading the risk register: rows for the table, heat maps, histories and profiles.

``list_risks(session, *, filters=RiskFilter(), today=None) -> list[RiskRow]``
    The register, one query (risks joined to category, owner, committee and an aggregate of
    their actions), sorted by reference in natural order (CR-2 before CR-10). ``today`` decides
    what is overdue (default: the real today). Filters combine with AND; see :class:`RiskFilter`.
``get_register_contents(session, *, today=None) -> RegisterContents``: every risk, open and
closed, with the band scheme and the categories, for the register screen.
``list_register(session, *, filters=RiskFilter(), category="", today=None)``: the same, with
the category named rather than given by id (a name that matches none is a ``NotFound``).
``get_risk_row(session, *, risk_id, today=None)``, ``find_risk(session, *, reference, today=None)``
``heat_map_counts(session, *, kind="current", filters=RiskFilter(), today=None)``
    ``counts[likelihood - 1][consequence - 1]`` for the same risks ``list_risks`` returns
    (kind "current", "inherent" or "target"; risks without a target score are not counted).
``escalated_risks(session, *, today=None)``: open risks on the corporate register, worst first.
``escalation_history(session, *, risk_id=None, direction=None, since=None, until=None)``
``score_history(session, *, risk_id, kind=None) -> list[ScoreRow]`` oldest first.
``register_profile_by_month(session, *, start, end, category_id=None, committee_id=None,
owner_id=None) -> list[MonthProfile]``: risks open at each month end, counted per band of the
current score they had then (from the score history).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain import risk as rules
from app.domain.errors import NotFound, ValidationError
from app.domain.risk_register import EscalationRow, RiskRow, ScoreRow
from app.services.risks.settings import find_category, get_band_scheme, list_categories
from app.store.people import Committee, Person
from app.store.risks import Risk, RiskAction, RiskCategory, RiskEscalation, RiskObjective, RiskScore


@dataclass(frozen=True)
class RiskFilter:
    band: str | None = None  # band name of the current score ("Extreme")
    category_id: int | None = None
    owner_id: int | None = None
    committee_id: int | None = None
    objective_id: int | None = None  # principal risks to one strategic objective
    corporate_only: bool = False  # on the corporate risk register
    overdue_review: bool = False  # next review date has passed
    above_appetite: bool = False  # current score above its category's tolerance
    status: str | None = "open"  # "open", "closed" or None for both
    text: str = ""  # in reference, title, cause, event or effect


@dataclass(frozen=True)
class MonthProfile:
    month_end: dt.date
    counts: dict[str, int]  # band name -> open risks in it, every band present
    total: int


# ------------------------------------------------------------------------------ the query

CURRENT = Risk.current_likelihood * Risk.current_consequence
_Owner = aliased(Person)


@dataclass(frozen=True)
class RegisterContents:
    """Everything the register screen loads at once; its filters then work in memory."""

    rows: list[RiskRow]  # every risk, open and closed
    scheme: rules.BandScheme
    categories: list[tuple[int, str]]  # (id, name)


def _conditions(filters: RiskFilter, scheme: rules.BandScheme, today: dt.date) -> list:
    where = []
    if filters.status:
        where.append(Risk.status == filters.status)
    if filters.band:
        try:
            band = scheme.band_named(filters.band)
        except KeyError as exc:
            raise ValidationError(str(exc.args[0]), field="band") from None
        where.append(CURRENT.between(band.min, band.max))
    for column, value in ((Risk.category_id, filters.category_id),
                          (Risk.owner_id, filters.owner_id),
                          (Risk.committee_id, filters.committee_id)):
        if value is not None:
            where.append(column == value)
    if filters.objective_id is not None:
        where.append(Risk.id.in_(select(RiskObjective.risk_id).where(
            RiskObjective.objective_id == filters.objective_id)))
    if filters.corporate_only:
        where.append(Risk.on_corporate_register.is_(True))
    if filters.overdue_review:
        where += [Risk.status == "open", Risk.next_review_on < today]
    if filters.above_appetite:
        where.append(CURRENT > RiskCategory.tolerance)
    if filters.text.strip():
        needle = filters.text.strip().lower()
        where.append(or_(*(func.lower(c).contains(needle, autoescape=True) for c in (
            Risk.reference, Risk.title, Risk.cause, Risk.event, Risk.effect))))
    return where


def _action_counts(today: dt.date, risk_id: int | None = None):
    """Open and overdue actions per risk (of one risk only, when ``risk_id`` is given: the
    counts of every other risk would be worked out and thrown away)."""
    still_open = RiskAction.status.in_(rules.ACTION_STILL_OPEN)
    overdue = and_(still_open, RiskAction.due_on < today)
    query = select(RiskAction.risk_id,
                   func.sum(case((still_open, 1), else_=0)).label("open_actions"),
                   func.sum(case((overdue, 1), else_=0)).label("overdue_actions"))
    if risk_id is not None:
        query = query.where(RiskAction.risk_id == risk_id)
    return query.group_by(RiskAction.risk_id).subquery()


def _register_query(where: list, today: dt.date, risk_id: int | None = None):
    actions = _action_counts(today, risk_id)
    return (select(Risk.__table__, RiskCategory.name.label("category_name"),
                   RiskCategory.appetite_level, RiskCategory.tolerance,
                   _Owner.name.label("owner_name"), Committee.name.label("committee_name"),
                   actions.c.open_actions, actions.c.overdue_actions)
            .join(RiskCategory, Risk.category_id == RiskCategory.id)
            .outerjoin(_Owner, Risk.owner_id == _Owner.id)
            .outerjoin(Committee, Risk.committee_id == Committee.id)
            .outerjoin(actions, actions.c.risk_id == Risk.id)
            .where(*where))


def _score(likelihood, consequence) -> int | None:
    return None if likelihood is None or consequence is None else likelihood * consequence


def _to_row(r, scheme: rules.BandScheme, today: dt.date) -> RiskRow:
    inherent = r.inherent_likelihood * r.inherent_consequence
    current = r.current_likelihood * r.current_consequence
    target = _score(r.target_likelihood, r.target_consequence)
    band = scheme.band_for(current)
    return RiskRow(
        r.id, r.reference, r.title, r.cause, r.event, r.effect, r.category_id, r.category_name,
        rules.appetite_name(r.appetite_level), r.tolerance, r.owner_id, r.owner_name or "",
        r.committee_id, r.committee_name or "", r.status, r.raised_on, r.closed_on,
        r.closed_reason, r.consequence_domain, r.inherent_likelihood, r.inherent_consequence,
        inherent, scheme.band_for(inherent).name, r.current_likelihood, r.current_consequence,
        current, band.name, band.colour, r.target_likelihood, r.target_consequence, target,
        scheme.band_for(target).name if target else "", r.target_date,
        rules.above_appetite(current, r.tolerance), rules.above_appetite(target, r.tolerance),
        bool(r.on_corporate_register), r.score_at_last_review,
        rules.movement(current, r.score_at_last_review), r.review_frequency_months,
        r.last_reviewed_on, r.next_review_on,
        rules.review_overdue(r.next_review_on, today, r.status),
        int(r.open_actions or 0), int(r.overdue_actions or 0), r.version)


def natural_key(reference: str) -> tuple:
    """CR-2 sorts before CR-10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower())
                 for p in re.split(r"(\d+)", reference))


def list_risks(session: Session, *, filters: RiskFilter | None = None,
               today: dt.date | None = None) -> list[RiskRow]:
    filters, today = filters or RiskFilter(), today or dt.date.today()
    scheme = get_band_scheme(session)
    query = _register_query(_conditions(filters, scheme, today), today)
    rows = [_to_row(r, scheme, today) for r in session.execute(query)]
    rows.sort(key=lambda row: natural_key(row.reference))
    return rows


def list_register(session: Session, *, filters: RiskFilter | None = None, category: str = "",
                  today: dt.date | None = None) -> list[RiskRow]:
    """``list_risks`` with the category given by its name, as a command line gives it."""
    filters = filters or RiskFilter()
    if category:
        filters = replace(filters, category_id=find_category(session, name=category).id)
    return list_risks(session, filters=filters, today=today)


def get_register_contents(session: Session, *,
                          today: dt.date | None = None) -> RegisterContents:
    return RegisterContents(list_risks(session, filters=RiskFilter(status=None), today=today),
                            get_band_scheme(session),
                            [(c.id, c.name) for c in list_categories(session)])


def get_risk_row(session: Session, *, risk_id: int, today: dt.date | None = None) -> RiskRow:
    today = today or dt.date.today()
    found = session.execute(_register_query([Risk.id == risk_id], today, risk_id)).first()
    if found is None:
        raise NotFound(f"There is no risk with id {risk_id}.")
    return _to_row(found, get_band_scheme(session), today)


def find_risk(session: Session, *, reference: str, today: dt.date | None = None) -> RiskRow:
    """A risk by its reference, ignoring case and surrounding spaces."""
    risk_id = session.scalar(select(Risk.id).where(
        func.lower(Risk.reference) == reference.strip().lower()))
    if risk_id is None:
        raise NotFound(f"There is no risk with the reference {reference.strip()}.")
    return get_risk_row(session, risk_id=risk_id, today=today)


def heat_map_counts(session: Session, *, kind: str = "current",
                    filters: RiskFilter | None = None,
                    today: dt.date | None = None) -> list[list[int]]:
    """5×5 counts: ``counts[likelihood - 1][consequence - 1]``."""
    if kind not in rules.SCORE_KINDS:
        raise ValidationError(f"'{kind}' is not one of: {', '.join(rules.SCORE_KINDS)}",
                              field="kind")
    filters, today = filters or RiskFilter(), today or dt.date.today()
    lik = getattr(Risk, f"{kind}_likelihood")
    con = getattr(Risk, f"{kind}_consequence")
    query = (select(lik, con, func.count()).select_from(Risk)
             .join(RiskCategory, Risk.category_id == RiskCategory.id)
             .where(*_conditions(filters, get_band_scheme(session), today),
                    lik.is_not(None), con.is_not(None))
             .group_by(lik, con))
    counts = [[0] * 5 for _ in range(5)]
    for likelihood, consequence, n in session.execute(query):
        counts[likelihood - 1][consequence - 1] = n
    return counts


def escalated_risks(session: Session, *, today: dt.date | None = None) -> list[RiskRow]:
    """Open risks on the corporate risk register, highest current score first."""
    rows = list_risks(session, filters=RiskFilter(corporate_only=True), today=today)
    return sorted(rows, key=lambda r: -r.current_score)


# ------------------------------------------------------------------------------ histories


def escalation_history(session: Session, *, risk_id: int | None = None,
                       direction: str | None = None, since: dt.date | None = None,
                       until: dt.date | None = None) -> list[EscalationRow]:
    """Escalations and de-escalations, oldest first."""
    query = (select(RiskEscalation, Risk.reference, Risk.title)
             .join(Risk, RiskEscalation.risk_id == Risk.id)
             .order_by(RiskEscalation.occurred_on, RiskEscalation.id))
    if risk_id is not None:
        query = query.where(RiskEscalation.risk_id == risk_id)
    if direction is not None:
        query = query.where(RiskEscalation.direction == direction)
    if since is not None:
        query = query.where(RiskEscalation.occurred_on >= since)
    if until is not None:
        query = query.where(RiskEscalation.occurred_on <= until)
    return [EscalationRow(e.id, e.risk_id, ref, title, e.direction, e.occurred_on, e.score,
                          e.recorded_by, e.reason) for e, ref, title in session.execute(query)]


def score_row(s: RiskScore, scheme: rules.BandScheme) -> ScoreRow:
    value = s.likelihood * s.consequence
    return ScoreRow(s.id, s.risk_id, s.kind, s.likelihood, s.consequence, value,
                    scheme.band_for(value).name, s.consequence_domain, s.scored_on, s.scored_by,
                    s.rationale, s.source)


def score_history(session: Session, *, risk_id: int, kind: str | None = None) -> list[ScoreRow]:
    query = (select(RiskScore).where(RiskScore.risk_id == risk_id)
             .order_by(RiskScore.scored_on, RiskScore.id))
    if kind:
        query = query.where(RiskScore.kind == kind)
    scheme = get_band_scheme(session)
    return [score_row(s, scheme) for s in session.scalars(query)]


def _month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    ends, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        ends.append(rules.month_end(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


def register_profile_by_month(session: Session, *, start: dt.date, end: dt.date,
                              category_id: int | None = None, committee_id: int | None = None,
                              owner_id: int | None = None) -> list[MonthProfile]:
    """How many risks were open in each band at each month end from ``start`` to ``end``."""
    filters = RiskFilter(status=None, category_id=category_id, committee_id=committee_id,
                         owner_id=owner_id)
    scheme = get_band_scheme(session)
    where = _conditions(filters, scheme, end)
    risks = session.execute(select(Risk.id, Risk.raised_on, Risk.closed_on).where(*where)).all()
    history = defaultdict(list)
    for risk_id, scored_on, value in session.execute(
            select(RiskScore.risk_id, RiskScore.scored_on,
                   RiskScore.likelihood * RiskScore.consequence)
            .join(Risk, RiskScore.risk_id == Risk.id)
            .where(RiskScore.kind == "current", RiskScore.scored_on <= end, *where)
            .order_by(RiskScore.risk_id, RiskScore.scored_on, RiskScore.id)):
        history[risk_id].append((scored_on, value))
    ends = _month_ends(start, end)
    band_of = {value: scheme.band_for(value).name for value in range(1, 26)}
    counts = [dict.fromkeys((b.name for b in scheme.bands), 0) for _ in ends]
    for risk in risks:
        for month, value in _score_at_each(history[risk.id], ends):
            if value is not None and risk.raised_on <= ends[month] and not (
                    risk.closed_on and risk.closed_on <= ends[month]):
                counts[month][band_of[value]] += 1
    return [MonthProfile(e, c, sum(c.values())) for e, c in zip(ends, counts, strict=True)]


def _score_at_each(scores: list[tuple[dt.date, int]], days: list[dt.date]):
    """(index, score in force on that day) for each of ``days`` (ascending), in one pass."""
    value, i = None, 0
    for index, day in enumerate(days):
        while i < len(scores) and scores[i][0] <= day:
            value, i = scores[i][1], i + 1
        yield index, value
