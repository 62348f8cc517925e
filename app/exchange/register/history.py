"""A register's score history: read from the workbook's "Score history" sheet (or the CSV's
"Score history" column), checked against the register, and turned into the order in which
the risk services replay it.

Replaying, rather than writing history rows directly, keeps every rule the services apply:
each scoring is audited, and crossing the escalation threshold records the escalation on the
day it happened, as it did when the risk was scored the first time. The last review is
placed among the scorings so that the score it recorded (the register's "Score at last
review", which the movement arrow compares with) comes out the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.errors import Problem
from app.exchange.register import values
from app.exchange.register.cells import ScoreItem, score_reasons
from app.exchange.register.headings import normalise
from app.exchange.register.rows import RiskSpec
from app.exchange.register.sheet import Sheet

COLUMNS = {
    "reference": ("reference", "ref", "risk ref"), "kind": ("kind", "score kind"),
    "scored_on": ("scored on", "date", "date scored"), "likelihood": ("likelihood", "l"),
    "consequence": ("consequence", "c", "impact"), "score": ("score",),
    "consequence_domain": ("consequence domain", "domain"), "scored_by": ("scored by", "by"),
    "source": ("source", "occasion"), "rationale": ("rationale", "reason", "why"),
}


def _columns(headings: list) -> dict[str, int]:
    found = {}
    for index, heading in enumerate(headings):
        for name, aliases in COLUMNS.items():
            if normalise(values.text(heading)) in aliases and name not in found:
                found[name] = index
    return found


def read_history_sheet(sheet: Sheet, specs: dict[str, RiskSpec],
                       skipped: set[str]) -> list[Problem]:
    """Add each scoring on the sheet to its risk's ``history``; the problems found."""
    header = next((i for i, (_, cells) in enumerate(sheet.rows[:10])
                   if {"reference", "kind", "likelihood"} <= set(_columns(cells))), None)
    if header is None:
        return [Problem(sheet.name, "the sheet has no Reference, Kind, Likelihood and "
                                    "Consequence headings")]
    columns = _columns(sheet.rows[header][1])
    headings = {name: values.text(sheet.rows[header][1][i]) for name, i in columns.items()}
    problems = []
    for number, cells in sheet.data_rows(header):
        def cell(name: str, cells=cells):
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        def problem(name: str, reason: str, number=number) -> None:
            problems.append(Problem(f"{sheet.name}: {headings.get(name, name)}", reason, number))

        _history_row(cell, problem, specs, skipped)
    return problems


PARSERS = {"scored_on": values.date, "likelihood": lambda v: values.level(v, (), {}),
           "consequence": lambda v: values.level(v, (), {}),
           "score": lambda v: values.score(v)[0], "consequence_domain": values.domain_key}


def _history_row(cell, problem, specs: dict[str, RiskSpec], skipped: set[str]) -> None:
    reference = values.text(cell("reference"))
    if reference.lower() in skipped:
        return
    spec = specs.get(reference.lower())
    if spec is None:
        problem("reference", f"'{reference}' is not a risk on the register sheet")
        return
    found, failed = {}, False
    for name, parse in PARSERS.items():
        try:
            found[name] = parse(cell(name))
        except ValueError as exc:
            problem(name, str(exc))
            failed = True
    if failed:
        return
    lik, con, kind = found["likelihood"], found["consequence"], values.text(cell("kind"))
    pair = (lik, con) if lik and con else None
    reasons = score_reasons(kind, pair, found["scored_on"], values.text(cell("rationale")))
    if pair and found["score"] is not None and found["score"] != lik * con:
        reasons.append(f"{found['score']} is not {lik} × {con}")
    for reason in reasons:
        problem("kind", reason)
    if not reasons:
        spec.history.append(ScoreItem(kind, lik, con, found["consequence_domain"],
                                      found["scored_on"], values.text(cell("scored_by")),
                                      values.text(cell("source")),
                                      values.text(cell("rationale"))))


# ---------------------------------------------------------------------- checks and replay


def history_problems(spec: RiskSpec) -> list[Problem]:
    """A history must start when the risk was raised and end at the register's scores."""
    if not spec.history:
        return []
    problems = []
    for kind in ("inherent", "current", "target"):
        items = [s for s in spec.history if s.kind == kind]
        wanted = getattr(spec, kind)
        if kind != "target" and (not items or items[0].scored_on != spec.raised_on):
            problems.append(f"the {kind} score's history must start on the date the risk was "
                            f"raised ({values.short_date(spec.raised_on)})")
        elif items and (items[-1].likelihood, items[-1].consequence) != wanted:
            shown = f"{wanted[0]} × {wanted[1]}" if wanted else "none"
            problems.append(f"the last {kind} score in the history "
                            f"({items[-1].likelihood} × {items[-1].consequence}) is not the "
                            f"register's ({shown})")
    label = spec.reference or spec.title[:30]
    return [Problem("Score history", f"{label}: {p}", spec.row) for p in problems]


@dataclass(frozen=True)
class Replay:
    """How to raise the risk and which scorings and review to record after, in order."""

    first: ScoreItem  # the first current scoring: who, why and on what occasion it was raised
    created: dict[str, tuple[int, int] | None]  # kind -> the score it was raised with
    steps: tuple[ScoreItem | dt.date, ...]  # a date is the last review


def plan(spec: RiskSpec) -> Replay:
    history = sorted(enumerate(spec.history), key=lambda p: (p[1].scored_on, p[0]))
    items = [item for _, item in history]
    created: dict[str, tuple[int, int] | None] = {"target": None}
    used = set()
    for kind in ("inherent", "current", "target"):
        first = next((i for i, s in enumerate(items) if s.kind == kind), None)
        if first is not None and items[first].scored_on == spec.raised_on:
            created[kind] = (items[first].likelihood, items[first].consequence)
            used.add(first)
    first_current = next(s for s in items if s.kind == "current")
    later = [s for i, s in enumerate(items) if i not in used]
    return Replay(first_current, created, tuple(_with_review(spec, created, later)))


def _with_review(spec: RiskSpec, created: dict, later: list[ScoreItem]) -> list:
    """The scorings with the last review among them: after that day's scorings, unless only
    before them does the current score match the register's score at the last review."""
    day = spec.last_reviewed_on
    if day is None:
        return later
    before = sum(1 for s in later if s.scored_on < day)
    after = sum(1 for s in later if s.scored_on <= day)
    for position in (after, before):
        if spec.score_at_last_review in (None, _current_at(created, later[:position])):
            return later[:position] + [day] + later[position:]
    return later[:after] + [day] + later[after:]


def _current_at(created: dict, steps: list[ScoreItem]) -> int:
    lik, con = created["current"]
    for s in steps:
        if s.kind == "current":
            lik, con = s.likelihood, s.consequence
    return lik * con
