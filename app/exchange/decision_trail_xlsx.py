"""The decision trail as an .xlsx workbook, for the audit committee to sort and filter.

Plain data in (``app.domain.trail.TrailExport``). Sheets: "Decisions", "Chair's
actions", "Actions" (raised by the decisions, with progress), "Risk changes" (scores the
decisions changed) and "About" (filters, audit chain head and whether it verified). Each sheet
has a bold, frozen header row and an autofilter.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.domain.trail import TrailExport
from app.exchange.safe_cells import cell_value, keep_text
from app.files import PRIVATE, write_atomically

HEADER_FILL = PatternFill("solid", fgColor="003087")
HEADER_FONT = Font(bold=True, color="FFFFFF")

DECISION_COLUMNS = (
    ("Decision", 10), ("Decided on", 12), ("Body", 28), ("Meeting", 34), ("Item", 7), ("Part", 6),
    ("Item title", 40), ("Resolution", 60), ("Outcome", 16), ("Status", 11),
    ("Rationale", 40), ("Vote", 30), ("Quorate", 9), ("Quorum at decision", 45),
    ("Conflicts", 45), ("Override needed because", 40), ("Override reason", 40),
    ("Paper", 36), ("Paper version", 18), ("Files considered (SHA-256)", 70),
    ("Chair's action settled", 12), ("Risks changed", 16), ("Actions raised", 10),
    ("Corrections", 40))
CHAIRS_ACTION_COLUMNS = (
    ("Chair's action", 10), ("Taken on", 12), ("Body", 28), ("Title", 40), ("Decision", 60),
    ("Taken by", 24), ("Role", 11), ("Chair unavailable because", 30), ("Urgency", 45),
    ("Power", 40), ("Standing order", 18), ("Consulted", 50), ("Conflicts", 30),
    ("Status", 13), ("Ratification meeting", 34), ("Item", 7), ("Ratified on", 12),
    ("Outcome note", 40), ("If not ratified", 30), ("Days awaiting", 10))
ACTION_COLUMNS = (("Decision", 10), ("Action", 8), ("Description", 60), ("Owner", 24),
                  ("Due", 12), ("Status", 12), ("Overdue", 9), ("Closed on", 12),
                  ("Progress", 70))
RISK_COLUMNS = (("Decision", 10), ("Risk", 10), ("Title", 40), ("Kind", 9),
                ("Likelihood", 10), ("Consequence", 12), ("Score", 8), ("Scored on", 12),
                ("Scored by", 28), ("Source", 14), ("Rationale", 70))


def _sheet(wb: Workbook, title: str, columns, rows, first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append([name for name, _ in columns])
    for n, (_, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=n)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    for row in rows:
        ws.append([cell_value(v) for v in row])  # text never runs as a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return ws


def _vote(d) -> str:
    v = d.vote
    if v.method == "none":
        return "no vote"
    yes, no, abstain = v.totals()
    names = "; ".join(f"{n}: {c}" for n, c in sorted(v.by_name.items()))
    return f"{yes} for, {no} against, {abstain} abstained" + (f" ({names})" if names else "")


def _decision_rows(export: TrailExport):
    for chain in export.chains:
        d = chain.decision
        if chain.kind != "decision" or d is None:
            continue
        yield (d.id, d.decided_on, d.committee, d.meeting, d.item_number, d.part, d.item_title,
               d.resolution, d.outcome, d.status, d.rationale, _vote(d),
               "yes" if d.quorate else "no", d.quorum_explanation,
               "; ".join(f"{c.person}: {c.description} ({c.action})" for c in d.conflicts),
               "; ".join(d.override_reasons), d.override_reason, d.paper_title,
               d.paper_version,
               "; ".join(f"{f.name} v{f.version_number} {f.sha256}" for f in d.evidence),
               d.chairs_action_id, ", ".join(dict.fromkeys(r.reference
                                                           for r in d.risk_changes)),
               len(d.action_ids), d.correction_note)


def _chairs_action_rows(export: TrailExport):
    for chain in export.chains:
        ca = chain.chairs_action
        if chain.kind != "chair's action" or ca is None:
            continue
        consulted = "; ".join(f"{c.person} ({c.title or c.kind}) "
                              f"{c.consulted_on or ''}".strip() for c in ca.consultees)
        yield (ca.id, ca.taken_on, ca.committee, ca.title, ca.decision_text, ca.taken_by,
               ca.taker_role, ca.chair_unavailable_reason, ca.urgency_reason, ca.power,
               ca.standing_order_clause, consulted, ca.conflicts, ca.status,
               ca.ratification_meeting, ca.ratification_item_number, ca.ratified_on,
               ca.outcome_note, ca.if_not_ratified, ca.days_awaiting)


def _action_rows(export: TrailExport):
    seen = set()
    for chain in export.chains:
        updates = dict(chain.action_updates)
        for a in chain.actions:
            if (chain.decision.id, a.id) in seen:
                continue
            seen.add((chain.decision.id, a.id))
            progress = "; ".join(f"{u.on}: {u.text}" for u in updates.get(a.id, ()))
            yield (chain.decision.id, a.id, a.description, a.owner, a.due_on, a.status,
                   "yes" if a.overdue else "", a.closed_on, progress)


def _risk_rows(export: TrailExport):
    seen = set()
    for chain in export.chains:
        for r in chain.risk_changes:
            if r.score_id in seen:
                continue
            seen.add(r.score_id)
            yield (chain.decision.id, r.reference, r.title, r.kind, r.likelihood,
                   r.consequence, r.score, r.scored_on, r.scored_by, r.source, r.rationale)


def write_trail_xlsx(export: TrailExport, path: str | Path) -> Path:
    wb = Workbook()
    _sheet(wb, "Decisions", DECISION_COLUMNS, _decision_rows(export), first=True)
    _sheet(wb, "Chair's actions", CHAIRS_ACTION_COLUMNS, _chairs_action_rows(export))
    _sheet(wb, "Actions", ACTION_COLUMNS, _action_rows(export))
    _sheet(wb, "Risk changes", RISK_COLUMNS, _risk_rows(export))
    about = _sheet(wb, "About", (("Item", 24), ("Value", 90)), [
        ("Organisation", export.organisation), ("Trail", export.filters),
        ("Produced (UTC)", export.produced_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("Audit chain head", export.chain_head),
        ("Audit verify", ("passed" if export.verified else "FAILED: " + export.verify_problem)
         + f" ({export.events} events)")])
    about.auto_filter.ref = None
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                keep_text(cell)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if hasattr(cell.value, "isoformat"):
                    cell.number_format = "dd mmm yyyy"
    # For the board and the audit committee, Part 2 decisions included: owner only.
    return write_atomically(path, wb.save, audience=PRIVATE)
