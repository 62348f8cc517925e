"""The multi-line cells of a register: controls, assurances, gaps, actions, score history.

One item per line. Bullets and numbering ("•", "-", "1.", "(a)") are dropped. What Boardbook
records beside an item's words goes in square brackets at the end of its line, parts split
by semicolons, so a person reads it and an import gets it back exactly:

    Monthly finance report to the Governing Body [detective; effective]
    Internal audit review of budgetary control [line 3; positive; received 31 Dec 2012]
    Agree risk-sharing with the Council [Chief Officer; due 31 Mar 2013; in progress; gap C1]

A line without brackets is all words: a control then gets the defaults below, an assurance
the line of defence its words suggest ("internal audit" → 3, "committee" → 2, else 1), an
action no owner and no date. "gap C1" is the risk's first gap in control, "gap A2" its second
gap in assurance; "control 2" its second control. Score history lines (CSV only; a workbook
has a sheet for it) read ``2012-04-02 | current | 4 x 4 = 16 | finance | by | source | why``.

Each parser returns its item and the reasons it could not read (shown with row and column).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.domain import risk as rules
from app.exchange.register import values

DEFAULT_CONTROL_TYPE = "preventive"
# An unassessed control is not counted as working: claiming "effective" would overstate it.
DEFAULT_EFFECTIVENESS = "partially effective"
MARKUP = re.compile(r"^(.*?)\s*\[([^\[\]]*)\]\s*$", re.DOTALL)
BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣–—>]+|\(?\d{1,2}[.)]|\([a-zA-Z]\)|[a-zA-Z]\))\s+")
LINE_WORDS = {"management": 1, "oversight": 2, "independent": 3, "first line": 1,
              "second line": 2, "third line": 3, "1st line": 1, "2nd line": 2, "3rd line": 3}
THIRD_LINE = ("internal audit", "external audit", "auditor", "cqc", "care quality commission",
              "regulator", "monitor", "ofsted", "hse", "nhs england", "peer review",
              "independent", "accreditation", "inspection")
SECOND_LINE = ("committee", "board", "governing body", "compliance", "scrutiny", "council",
               "oversight", "assurance framework")
ACTION_WORDS = {"open": "open", "not started": "open", "in progress": "in progress",
                "ongoing": "in progress", "started": "in progress", "on track": "in progress",
                "done": "done", "complete": "done", "completed": "done",
                "cancelled": "cancelled", "canceled": "cancelled", "withdrawn": "cancelled"}
CONTROL_WORDS = {"preventative": "preventive", "corrective action": "corrective",
                 "partial": "partially effective", "partly effective": "partially effective",
                 "not effective": "ineffective"}


def lines(cell) -> list[str]:
    """The items of a cell: one per non-blank line, bullets and numbering dropped."""
    return [BULLET.sub("", line).strip() for line in values.text(cell).split("\n")
            if BULLET.sub("", line).strip()]


def one_line(words: str) -> str:
    """An item's words on one line, for export: a line break would make two items."""
    return " ".join(words.split())


def _split(line: str) -> tuple[str, list[str]]:
    found = MARKUP.match(line)
    if not found:
        return line.strip(), []
    return found.group(1).strip(), [p.strip() for p in found.group(2).split(";") if p.strip()]


def _markup(parts: list[str]) -> str:
    shown = [p for p in parts if p]
    return f" [{'; '.join(shown)}]" if shown else ""


# -------------------------------------------------------------------------------- controls


@dataclass(frozen=True)
class ControlItem:
    description: str
    control_type: str
    effectiveness: str
    defaulted: bool = False  # type or effectiveness not given


def format_control(c) -> str:
    return one_line(c.description) + _markup([c.control_type, c.effectiveness])


def parse_control(line: str) -> tuple[ControlItem, list[str]]:
    words, parts = _split(line)
    kind = effect = None
    reasons = []
    for part in parts:
        token = CONTROL_WORDS.get(part.lower(), part.lower())
        if token in rules.CONTROL_TYPES:
            kind = token
        elif token in rules.EFFECTIVENESS:
            effect = token
        else:
            reasons.append(f"'{part}' is not a control type ({', '.join(rules.CONTROL_TYPES)}) "
                           f"or effectiveness ({', '.join(rules.EFFECTIVENESS)})")
    return ControlItem(words, kind or DEFAULT_CONTROL_TYPE, effect or DEFAULT_EFFECTIVENESS,
                       kind is None or effect is None), reasons


# ------------------------------------------------------------------------------ assurances


@dataclass(frozen=True)
class AssuranceItem:
    description: str
    line_of_defence: int
    positive: bool
    source: str
    received_on: dt.date | None
    control_no: int | None  # 1-based among the risk's controls
    inferred: bool = False  # line of defence guessed from the words


def format_assurance(a, control_no: int | None) -> str:
    parts = [f"line {a.line_of_defence}", "positive" if a.positive else "negative",
             f"source {one_line(a.source)}" if a.source.strip() else "",
             f"received {values.short_date(a.received_on)}" if a.received_on else "",
             f"control {control_no}" if control_no else ""]
    return one_line(a.description) + _markup(parts)


def guess_line(words: str) -> int:
    lowered = words.lower()
    if any(w in lowered for w in THIRD_LINE):
        return 3
    if any(w in lowered for w in SECOND_LINE):
        return 2
    return 1


def parse_assurance(line: str) -> tuple[AssuranceItem, list[str]]:
    words, parts = _split(line)
    found: dict = {}
    reasons = []
    for part in parts:
        reason = _assurance_part(part, found)
        if reason:
            reasons.append(reason)
    line_no = found.get("line")
    return AssuranceItem(words, line_no or guess_line(words), found.get("positive", True),
                         found.get("source", ""), found.get("received"), found.get("control"),
                         line_no is None), reasons


def _assurance_part(part: str, found: dict) -> str | None:
    lowered = " ".join(part.lower().split())
    line = re.fullmatch(r"(?:line|l)\s*([1-3])", lowered)
    if line or lowered in LINE_WORDS:
        found["line"] = int(line.group(1)) if line else LINE_WORDS[lowered]
    elif lowered in ("positive", "negative"):
        found["positive"] = lowered == "positive"
    elif lowered.startswith("source "):
        found["source"] = part.strip()[7:].strip()
    elif lowered.startswith("received "):
        try:
            found["received"] = values.date(part.strip()[9:])
        except ValueError as exc:
            return str(exc)
    elif re.fullmatch(r"control\s*\d+", lowered):
        found["control"] = int(lowered[7:].strip())
    else:
        return (f"'{part}' is not understood; use line 1, 2 or 3, positive or negative, "
                "source …, received DATE or control N")
    return None


# ------------------------------------------------------------------------------------ gaps


def gap_label(kind: str, number: int) -> str:
    """"C1" for the first gap in control, "A2" for the second gap in assurance."""
    return f"{'C' if kind == 'control' else 'A'}{number}"


# --------------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class ActionItem:
    description: str
    owner_id: int | None
    due_on: dt.date | None
    status: str
    completed_on: dt.date | None
    gap: tuple[str, int] | None  # ("control", 1): the risk's first gap in control


def format_action(a, gap: str | None) -> str:
    parts = [a.owner, f"due {values.short_date(a.due_on)}" if a.due_on else "", a.status,
             f"completed {values.short_date(a.completed_on)}" if a.completed_on else "",
             f"gap {gap}" if gap else ""]
    return one_line(a.description) + _markup(parts)


Resolve = Callable[[str], tuple[int | None, str | None]]  # name -> (person id, problem)


def parse_action(line: str, person: Resolve) -> tuple[ActionItem, list[str]]:
    words, parts = _split(line)
    found: dict = {}
    reasons = []
    for part in parts:
        reason = _action_part(part, found, person)
        if reason:
            reasons.append(reason)
    status = found.get("status", "done" if found.get("completed") else "open")
    return ActionItem(words, found.get("owner"), found.get("due"), status,
                      found.get("completed"), found.get("gap")), reasons


def _action_part(part: str, found: dict, person: Resolve) -> str | None:
    lowered = " ".join(part.lower().split())
    dated = re.fullmatch(r"(due|by|completed|done)\s+(.+)", lowered)
    gap = re.fullmatch(r"gap\s*([ca])\s*(\d+)", lowered)
    try:
        if lowered in ACTION_WORDS:
            found["status"] = ACTION_WORDS[lowered]
        elif dated:
            key = "due" if dated.group(1) in ("due", "by") else "completed"
            found[key] = values.date(part.strip()[len(dated.group(1)):].strip())
        elif gap:
            found["gap"] = ("control" if gap.group(1) == "c" else "assurance", int(gap.group(2)))
        elif "owner" in found:
            return f"'{part}' is not understood: the action already has an owner"
        else:
            found["owner"], reason = person(part.strip())
            return reason
    except ValueError as exc:
        return str(exc)
    return None


# ---------------------------------------------------------------------------- objectives


def parse_codes(cell) -> list[str]:
    """"SO1, SO2" or one per line ("SO1 Develop a clinically led …"): the codes."""
    codes = []
    for item in re.split(r"[,;\n]", values.text(cell)):
        item = BULLET.sub("", item).strip()
        if item:
            codes.append(item.split()[0].rstrip(":.-"))
    return codes


# ------------------------------------------------------------------------- score history


@dataclass(frozen=True)
class ScoreItem:
    kind: str
    likelihood: int
    consequence: int
    consequence_domain: str
    scored_on: dt.date
    scored_by: str
    source: str
    rationale: str


def format_score(s) -> str:
    return " | ".join([s.scored_on.isoformat(), s.kind,
                       f"{s.likelihood} x {s.consequence} = {s.likelihood * s.consequence}",
                       s.consequence_domain, one_line(s.scored_by), one_line(s.source),
                       one_line(s.rationale)])


def parse_score(line: str) -> tuple[ScoreItem | None, list[str]]:
    parts = [p.strip() for p in line.split("|", 6)]
    if len(parts) != 7:
        return None, [f"'{line[:60]}' is not a score history line "
                      "(date | kind | L x C = score | domain | by | source | rationale)"]
    day, kind, product, domain, by, source, why = parts
    try:
        scored_on = values.date(day)
        _, pair = values.score(product)
        domain = values.domain_key(domain)
    except ValueError as exc:
        return None, [str(exc)]
    reasons = score_reasons(kind, pair, scored_on, why)
    if reasons:
        return None, reasons
    return ScoreItem(kind, pair[0], pair[1], domain, scored_on, by, source, why), []


def score_reasons(kind: str, pair, scored_on, rationale: str) -> list[str]:
    reasons = []
    if kind not in rules.SCORE_KINDS:
        reasons.append(f"'{kind}' is not one of: {', '.join(rules.SCORE_KINDS)}")
    if pair is None:
        reasons.append("give the likelihood and consequence, like 4 x 4 = 16")
    if scored_on is None:
        reasons.append("the date of the scoring is missing")
    if not rationale.strip():
        reasons.append("a rationale is required")
    return reasons
