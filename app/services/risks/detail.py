"""A risk's controls, assurances, gaps and actions.

Each kind has ``add_…(session, *, risk_id, …)``, ``update_…(session, *, <kind>_id,
expected_version, …)`` (every field given again, as a form sends them) and
``remove_…(session, *, <kind>_id, expected_version)``; each returns its row, removal None.

    add_control(…, description, control_type, effectiveness)          -> ControlRow
    add_assurance(…, description, line_of_defence, positive=True, source="",
                  received_on=None, control_id=None)                   -> AssuranceRow
    add_gap(…, kind, description)                                      -> GapRow
    add_action(…, description, owner_id=None, due_on=None, status="open",
               completed_on=None, gap_id=None)                         -> ActionRow
    complete_action(…, action_id, expected_version, completed_on=None) -> ActionRow
    list_risk_actions(session, *, overdue_only=False, owner_id=None, today=None)
        every risk action in the register (for dashboards and owners' lists)

A whole risk for a detail view, a report or an export:

    get_risk_detail(session, *, risk_id, today=None)                   -> RiskDetail
    find_risk_detail(session, *, reference, today=None)                -> RiskDetail
    list_risk_details(session, *, filters=None, today=None)           -> list[RiskDetail]
        (the same risks as risk_register.list_risks, with their details in a few queries)

Choices (control types, effectiveness, lines of defence, gap kinds, action statuses) are in
``app.domain.risk``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.domain import risk as rules
from app.domain.errors import Problem
from app.domain.risk_register import (
    ActionRow,
    AssuranceRow,
    ControlRow,
    EscalationRow,
    GapRow,
    RiskDetail,
    RiskRow,
)
from app.services.common import check_version, get_or_fail, raise_if
from app.services.risks.register import (
    RiskFilter,
    find_risk,
    get_risk_row,
    list_risks,
    score_row,
)
from app.services.risks.settings import get_band_scheme, list_objectives
from app.store.people import Person
from app.store.risks import (
    Assurance,
    Control,
    Gap,
    Risk,
    RiskAction,
    RiskEscalation,
    RiskObjective,
    RiskScore,
)


def control_row(c: Control) -> ControlRow:
    return ControlRow(c.id, c.risk_id, c.description, c.control_type, c.effectiveness, c.version)


def assurance_row(a: Assurance) -> AssuranceRow:
    return AssuranceRow(a.id, a.risk_id, a.control_id, a.description, a.source,
                        a.line_of_defence, rules.LINES_OF_DEFENCE.get(a.line_of_defence, ""),
                        a.positive, a.received_on, a.version)


def gap_row(g: Gap) -> GapRow:
    return GapRow(g.id, g.risk_id, g.kind, g.description, g.version)


def action_row(a: RiskAction, today: dt.date, reference: str | None = None) -> ActionRow:
    reference = a.risk.reference if reference is None else reference
    return ActionRow(a.id, a.risk_id, reference, a.gap_id, a.description, a.owner_id,
                     a.owner.name if a.owner else "", a.due_on, a.status, a.completed_on,
                     rules.action_overdue(a.due_on, a.status, today), a.version)


def _risk(session: Session, risk_id: int) -> Risk:
    return get_or_fail(session, Risk, risk_id, "risk")


def _belongs(session: Session, model, record_id: int | None, risk_id: int,
             field: str, what: str) -> list[Problem]:
    """A control or gap referred to must be one of the same risk's."""
    if record_id is None:
        return []
    found = session.get(model, record_id)
    if found is None or found.risk_id != risk_id:
        return [Problem(field, f"that {what} is not one of this risk's")]
    return []


# -------------------------------------------------------------------------------- controls


def add_control(session: Session, *, risk_id: int, description: str, control_type: str,
                effectiveness: str) -> ControlRow:
    _risk(session, risk_id)
    raise_if(rules.control_problems(description=description, control_type=control_type,
                                    effectiveness=effectiveness))
    control = Control(risk_id=risk_id, description=description.strip(),
                      control_type=control_type, effectiveness=effectiveness)
    session.add(control)
    session.flush()
    return control_row(control)


def update_control(session: Session, *, control_id: int, expected_version: int | None,
                   description: str, control_type: str, effectiveness: str) -> ControlRow:
    control = get_or_fail(session, Control, control_id, "control")
    check_version(control, expected_version, "This control")
    raise_if(rules.control_problems(description=description, control_type=control_type,
                                    effectiveness=effectiveness))
    control.description, control.control_type = description.strip(), control_type
    control.effectiveness = effectiveness
    session.flush()
    return control_row(control)


def remove_control(session: Session, *, control_id: int, expected_version: int | None) -> None:
    """Assurances on the control stay with the risk, no longer tied to the control."""
    control = get_or_fail(session, Control, control_id, "control")
    check_version(control, expected_version, "This control")
    for assurance in session.scalars(select(Assurance).where(Assurance.control_id == control_id)):
        assurance.control_id = None
    session.flush()
    session.delete(control)
    session.flush()


# ------------------------------------------------------------------------------ assurances


def add_assurance(session: Session, *, risk_id: int, description: str, line_of_defence: int,
                  positive: bool = True, source: str = "", received_on: dt.date | None = None,
                  control_id: int | None = None) -> AssuranceRow:
    _risk(session, risk_id)
    raise_if(rules.assurance_problems(description=description, line_of_defence=line_of_defence)
             + _belongs(session, Control, control_id, risk_id, "control_id", "control"))
    assurance = Assurance(risk_id=risk_id, description=description.strip(),
                          line_of_defence=line_of_defence, positive=positive,
                          source=source.strip(), received_on=received_on, control_id=control_id)
    session.add(assurance)
    session.flush()
    return assurance_row(assurance)


def update_assurance(session: Session, *, assurance_id: int, expected_version: int | None,
                     description: str, line_of_defence: int, positive: bool = True,
                     source: str = "", received_on: dt.date | None = None,
                     control_id: int | None = None) -> AssuranceRow:
    assurance = get_or_fail(session, Assurance, assurance_id, "assurance")
    check_version(assurance, expected_version, "This assurance")
    raise_if(rules.assurance_problems(description=description, line_of_defence=line_of_defence)
             + _belongs(session, Control, control_id, assurance.risk_id, "control_id",
                        "control"))
    assurance.description, assurance.line_of_defence = description.strip(), line_of_defence
    assurance.positive, assurance.source = positive, source.strip()
    assurance.received_on, assurance.control_id = received_on, control_id
    session.flush()
    return assurance_row(assurance)


def remove_assurance(session: Session, *, assurance_id: int,
                     expected_version: int | None) -> None:
    assurance = get_or_fail(session, Assurance, assurance_id, "assurance")
    check_version(assurance, expected_version, "This assurance")
    session.delete(assurance)
    session.flush()


# ------------------------------------------------------------------------------------ gaps


def add_gap(session: Session, *, risk_id: int, kind: str, description: str) -> GapRow:
    _risk(session, risk_id)
    raise_if(rules.gap_problems(kind=kind, description=description))
    gap = Gap(risk_id=risk_id, kind=kind, description=description.strip())
    session.add(gap)
    session.flush()
    return gap_row(gap)


def update_gap(session: Session, *, gap_id: int, expected_version: int | None, kind: str,
               description: str) -> GapRow:
    gap = get_or_fail(session, Gap, gap_id, "gap")
    check_version(gap, expected_version, "This gap")
    raise_if(rules.gap_problems(kind=kind, description=description))
    gap.kind, gap.description = kind, description.strip()
    session.flush()
    return gap_row(gap)


def remove_gap(session: Session, *, gap_id: int, expected_version: int | None) -> None:
    """Actions that were closing the gap stay with the risk."""
    gap = get_or_fail(session, Gap, gap_id, "gap")
    check_version(gap, expected_version, "This gap")
    for action in session.scalars(select(RiskAction).where(RiskAction.gap_id == gap_id)):
        action.gap_id = None
    session.flush()
    session.delete(gap)
    session.flush()


# --------------------------------------------------------------------------------- actions


def _action_problems(session: Session, risk_id: int, *, description: str, status: str,
                     due_on, completed_on, owner_id, gap_id) -> list[Problem]:
    problems = rules.action_problems(description=description, status=status, due_on=due_on,
                                     completed_on=completed_on)
    if owner_id is not None and session.get(Person, owner_id) is None:
        problems.append(Problem("owner_id", f"there is no person with id {owner_id}"))
    return problems + _belongs(session, Gap, gap_id, risk_id, "gap_id", "gap")


def add_action(session: Session, *, risk_id: int, description: str,
               owner_id: int | None = None, due_on: dt.date | None = None,
               status: str = "open", completed_on: dt.date | None = None,
               gap_id: int | None = None, today: dt.date | None = None) -> ActionRow:
    _risk(session, risk_id)
    raise_if(_action_problems(session, risk_id, description=description, status=status,
                              due_on=due_on, completed_on=completed_on, owner_id=owner_id,
                              gap_id=gap_id))
    action = RiskAction(risk_id=risk_id, description=description.strip(), owner_id=owner_id,
                        due_on=due_on, status=status, completed_on=completed_on, gap_id=gap_id)
    session.add(action)
    session.flush()
    return action_row(action, today or dt.date.today())


def update_action(session: Session, *, action_id: int, expected_version: int | None,
                  description: str, owner_id: int | None = None, due_on: dt.date | None = None,
                  status: str = "open", completed_on: dt.date | None = None,
                  gap_id: int | None = None, today: dt.date | None = None) -> ActionRow:
    action = get_or_fail(session, RiskAction, action_id, "action")
    check_version(action, expected_version, "This action")
    raise_if(_action_problems(session, action.risk_id, description=description, status=status,
                              due_on=due_on, completed_on=completed_on, owner_id=owner_id,
                              gap_id=gap_id))
    action.description, action.owner_id, action.due_on = description.strip(), owner_id, due_on
    action.status, action.completed_on, action.gap_id = status, completed_on, gap_id
    session.flush()
    return action_row(action, today or dt.date.today())


def complete_action(session: Session, *, action_id: int, expected_version: int | None,
                    completed_on: dt.date | None = None) -> ActionRow:
    action = get_or_fail(session, RiskAction, action_id, "action")
    check_version(action, expected_version, "This action")
    action.status, action.completed_on = "done", completed_on or dt.date.today()
    session.flush()
    return action_row(action, dt.date.today())


def remove_action(session: Session, *, action_id: int, expected_version: int | None) -> None:
    action = get_or_fail(session, RiskAction, action_id, "action")
    check_version(action, expected_version, "This action")
    session.delete(action)
    session.flush()


def list_risk_actions(session: Session, *, overdue_only: bool = False,
                      owner_id: int | None = None, include_closed: bool = False,
                      today: dt.date | None = None) -> list[ActionRow]:
    """Risk actions across the register, soonest due first (undated last)."""
    today = today or dt.date.today()
    query = select(RiskAction).join(RiskAction.risk)
    if not include_closed:
        query = query.where(RiskAction.status.in_(rules.ACTION_STILL_OPEN))
    if overdue_only:
        query = query.where(RiskAction.status.in_(rules.ACTION_STILL_OPEN),
                            RiskAction.due_on < today)
    if owner_id is not None:
        query = query.where(RiskAction.owner_id == owner_id)
    query = query.options(joinedload(RiskAction.risk), joinedload(RiskAction.owner))
    rows = [action_row(a, today) for a in session.scalars(query)]
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or dt.date.max, r.id))


# ------------------------------------------------------------------ a risk with its details


_PARTS = ("controls", "assurances", "gaps", "actions", "history", "escalations", "objectives")


def _queries(chunk: list[int]) -> list[tuple[str, object]]:
    return [
        ("controls", select(Control).where(Control.risk_id.in_(chunk)).order_by(Control.id)),
        ("assurances", select(Assurance).where(Assurance.risk_id.in_(chunk))
         .order_by(Assurance.line_of_defence, Assurance.id)),
        ("gaps", select(Gap).where(Gap.risk_id.in_(chunk)).order_by(Gap.id)),
        ("actions", select(RiskAction).where(RiskAction.risk_id.in_(chunk))
         .options(joinedload(RiskAction.owner)).order_by(RiskAction.id)),
        ("history", select(RiskScore).where(RiskScore.risk_id.in_(chunk))
         .order_by(RiskScore.scored_on, RiskScore.id)),
        ("escalations", select(RiskEscalation).where(RiskEscalation.risk_id.in_(chunk))
         .order_by(RiskEscalation.occurred_on, RiskEscalation.id)),
        ("objectives", select(RiskObjective).where(RiskObjective.risk_id.in_(chunk))
         .order_by(RiskObjective.objective_id)),
    ]


def _children(session: Session, rows: dict[int, RiskRow], today: dt.date) -> dict:
    """Every risk's details in seven queries per 500 risks, never one per risk."""
    scheme = get_band_scheme(session)
    objectives = {o.id: o for o in list_objectives(session)}
    convert = {
        "controls": lambda c, _r: control_row(c),
        "assurances": lambda a, _r: assurance_row(a),
        "gaps": lambda g, _r: gap_row(g),
        "actions": lambda a, r: action_row(a, today, r.reference),
        "history": lambda s, _r: score_row(s, scheme),
        "escalations": lambda e, r: EscalationRow(e.id, e.risk_id, r.reference, r.title,
                                                  e.direction, e.occurred_on, e.score,
                                                  e.recorded_by, e.reason),
        "objectives": lambda link, _r: objectives[link.objective_id],
    }
    found = {risk_id: {part: [] for part in _PARTS} for risk_id in rows}
    ids = list(rows)
    for start in range(0, len(ids), 500):
        for part, query in _queries(ids[start:start + 500]):
            for obj in session.scalars(query):
                found[obj.risk_id][part].append(convert[part](obj, rows[obj.risk_id]))
    return found


def _detail(row: RiskRow, children: dict) -> RiskDetail:
    return RiskDetail(row, *(tuple(children[part]) for part in _PARTS))


def list_risk_details(session: Session, *, filters: RiskFilter | None = None,
                      today: dt.date | None = None) -> list[RiskDetail]:
    """Risks with everything that hangs off them, in register order (for reports, export)."""
    today = today or dt.date.today()
    rows = list_risks(session, filters=filters, today=today)
    children = _children(session, {r.id: r for r in rows}, today)
    return [_detail(r, children[r.id]) for r in rows]


def get_risk_detail(session: Session, *, risk_id: int,
                    today: dt.date | None = None) -> RiskDetail:
    today = today or dt.date.today()
    row = get_risk_row(session, risk_id=risk_id, today=today)
    return _detail(row, _children(session, {row.id: row}, today)[row.id])


def find_risk_detail(session: Session, *, reference: str,
                     today: dt.date | None = None) -> RiskDetail:
    """A whole risk found by its reference ("CR-7")."""
    today = today or dt.date.today()
    row = find_risk(session, reference=reference, today=today)
    return _detail(row, _children(session, {row.id: row}, today)[row.id])
