"""The decision trail as a PDF for the audit committee.

Plain data in (``app.domain.trail.TrailExport``, gathered by ``trail_export``), no
session: a front page stating the filters, the audit chain head and whether the chain verified
when the file was produced; a summary table of every decision and chair's action; then each
one's chain (authority, quorum, conflicts, vote, evidence with SHA-256s, ratification, actions,
risk score changes and the audit events of every record in it). Styles are the board pack's
(app.reports.pack.pages).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.domain.trail import TrailChain, TrailEntry, TrailExport
from app.files import PRIVATE, write_atomically
from app.reports.pack.pages import (
    CONTENT_WIDTH,
    NHS_DARK_BLUE,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    PackDocTemplate,
    para,
    text,
)
from app.reports.stamp import Stamp, page_of, stamp_pdf

PASS_GREEN, FAIL_RED = "#007F3B", "#8A1538"  # NHS green; the pack's confidential red


def _d(day) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def _grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("GRID", (0, 0), (-1, -1), 0.25, NHS_PALE_BLUE),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), NHS_DARK_BLUE)]
        style += [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, NHS_PALE_GREY])]
    table.setStyle(TableStyle(style))
    return table


def _facts(pairs: list[tuple[str, object]]) -> Table:
    """Label / value rows; values may be text or flowables; empty values are left out."""
    rows = [[para(label, "label"), value if not isinstance(value, str) else para(value)]
            for label, value in pairs if value not in ("", None, ())]
    table = Table(rows or [[para(""), para("")]], colWidths=[38 * 2.835, CONTENT_WIDTH - 38 * 2.835])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, NHS_PALE_BLUE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


# ------------------------------------------------------------------------------ front page


def _front(x: TrailExport) -> list:
    verdict = (f"<font color='{PASS_GREEN}'>PASSED</font>" if x.verified
               else f"<font color='{FAIL_RED}'>FAILED</font>")
    decisions = sum(1 for e in x.entries if e.kind == "decision")
    return [
        Paragraph(text(x.organisation or "Boardbook"), STYLES["kicker"]),
        Paragraph("Decision trail", STYLES["front_title"]),
        Paragraph(text(f"Decisions and chair's actions: {x.filters}"), STYLES["front_sub"]),
        Spacer(1, 10),
        _facts([("Produced", f"{x.produced_at:%d %B %Y at %H:%M} UTC"),
                ("Contents", f"{decisions} decisions and {len(x.entries) - decisions} chair's "
                             "actions"),
                ("Audit chain head", Paragraph(x.chain_head, STYLES["mono"])),
                ("Audit verify", Paragraph(f"<b>{verdict}</b> when this file was produced: "
                                           f"{x.events} events checked"
                                           + (f"; {text(x.verify_problem)}"
                                              if x.verify_problem else ""), STYLES["cell"]))]),
        Spacer(1, 6),
        para("Each chain below shows what the body had before it (the paper version and the "
             "SHA-256 of each file), who was present and whether the meeting was quorate at "
             "that moment, declared interests and what each member did, the vote, any override "
             "and its reason, ratification of chair's actions, the actions raised and their "
             "progress, risk score changes, and the audit events of every record in the chain. "
             "To check this copy later, run 'audit verify' and compare the chain head."
             + (" Entries flagged Part 2 were taken with the public excluded: this copy is "
                "confidential." if any(e.part == 2 for e in x.entries) else ""), "muted"),
        Spacer(1, 12),
    ]


def _flags(e: TrailEntry) -> str:
    flags = ["Part 2"] if e.part == 2 else []
    if e.quorate is False:
        flags.append("inquorate")
    if e.overridden:
        flags.append("override")
    if e.status == "withdrawn":
        flags.append("withdrawn")
    flags += list(e.risk_refs)
    return ", ".join(flags)


def _summary(x: TrailExport) -> list:
    head = [para(h, "cell_head") for h in ("Date", "Kind", "Where", "Title", "Outcome", "Flags")]
    rows = [head] + [[para(_d(e.on)), para(e.kind), para(e.where), para(e.title),
                      para(e.outcome), para(_flags(e))] for e in x.entries]
    mm = 2.835
    widths = [19 * mm, 16 * mm, 42 * mm, 45 * mm, 26 * mm, CONTENT_WIDTH - 148 * mm]
    return [Paragraph("Summary", STYLES["h2"]), _grid(rows, widths)]


# ---------------------------------------------------------------------------------- chains


def _vote(d) -> str:
    v = d.vote
    if v.method == "none":
        return "No vote taken (by consensus)"
    words = f"For {d.vote.totals()[0]}, against {v.totals()[1]}, abstained {v.totals()[2]}"
    if v.method == "by name":
        words += ": " + "; ".join(f"{n} {c}" for n, c in sorted(v.by_name.items()))
    return words + (" — carried" if d.carried else " — not carried")


def _decision_facts(c: TrailChain) -> list[tuple[str, object]]:
    d = c.decision
    if d is None:  # a chair's action not yet ratified: its own rows say so
        return []
    conflicts = "; ".join(f"{x.person}: {x.description} — {x.action}"
                          + (f" (chair's ruling: {x.chair_ruling})" if x.chair_ruling else "")
                          for x in d.conflicts) or "None declared on this item"
    override = ""
    if d.override_reasons:
        override = f"Needed because {'; '.join(d.override_reasons)}. Reason given: " \
                   f"{d.override_reason}"
    now = c.quorum_now.explanation if c.quorum_now else ""
    present = ", ".join(a.person for a in c.attendance if a.status == "present")
    meeting = "Ratification meeting" if c.kind == "chair's action" else "Meeting"
    delegated = "; ".join(f"chair's action #{x.id} {x.title} ({x.status})" for x in c.delegated)
    return [
        (meeting, f"{d.meeting}, item {d.item_number}: {d.item_title}"),
        ("Resolution", d.resolution), ("Outcome", d.outcome + (" (withdrawn)" if
                                                               d.status == "withdrawn" else "")),
        ("Rationale", d.rationale), ("Decided on", _d(d.decided_on)),
        ("Present", present),
        ("Quorum at decision", d.quorum_explanation),
        ("Quorum now", now if now != d.quorum_explanation else ""),
        ("Conflicts", conflicts), ("Vote", _vote(d)), ("Override", override),
        ("Corrections", d.correction_note), ("Delegated by this decision", delegated),
    ]


def _evidence(c: TrailChain) -> list[tuple[str, object]]:
    d, p = c.decision, c.paper
    if p is None:
        return []
    snapshot = d is not None and d.paper_id == p.id
    if snapshot:
        rows = [f"{f.name} v{f.version_number} — SHA-256 {f.sha256}" for f in d.evidence]
        changed = {a.sha256 for a in c.attachments_now} - {f.sha256 for f in d.evidence}
    else:  # a chair's action relies on the paper as it stands
        rows = [f"{a.name} v{a.version_number} — SHA-256 {a.sha256}" for a in c.attachments_now]
        changed = set()
    cover = [(label, value) for label, value in p.cover_sheet
             if value and label in ("Purpose of Report", "Report Author", "Lead Director",
                                    "Recommendation(s)")]
    version = d.paper_version if snapshot else p.paper_version
    out = [("Paper", f"{p.title} ({p.attachment_number or 'no attachment number'})"
                     + (f", version {version}" if version else ""))]
    out += cover
    out.append(("Files considered", Paragraph("<br/>".join(text(r) for r in rows) or "none",
                                              STYLES["mono"])))
    if changed:
        out.append(("Since replaced", f"{len(changed)} file(s) on the paper now differ from "
                                      "the version considered"))
    return out


def _chairs_action_facts(c: TrailChain) -> list[tuple[str, object]]:
    ca = c.chairs_action
    if ca is None:
        return []
    consulted = "; ".join(f"{x.person} ({x.title or x.kind}"
                          + (", accountable officer" if x.is_accountable_officer
                             and "accountable officer" not in x.title.lower() else "")
                          + f") {_d(x.consulted_on)}" for x in ca.consultees)
    authority = ca.power + (f" — {ca.standing_order_clause}" if ca.standing_order_clause else "")
    if c.authorising_decision:
        a = c.authorising_decision
        authority += f" (delegated by {a.meeting}, item {a.item_number}: {a.resolution})"
    return [("Chair's action", f"#{ca.id} {ca.title} — {ca.status}"),
            ("Decision taken", ca.decision_text),
            ("Taken by", f"{ca.taken_by} ({ca.taker_role}) on {_d(ca.taken_on)}"),
            ("Chair unavailable", ca.chair_unavailable_reason),
            ("Why it could not wait", ca.urgency_reason), ("Authority", authority),
            ("Consulted", consulted), ("Conflicts", ca.conflicts),
            ("Ratification", _ratification(ca)),
            ("If not ratified", ca.if_not_ratified)]


def _ratification(ca) -> str:
    where = (f"{ca.ratification_meeting} item {ca.ratification_item_number}"
             if ca.ratification_item_id else "not yet on an agenda")
    waiting = f" — awaiting, {ca.days_awaiting} days since taken" if ca.days_awaiting else ""
    return where + waiting


def _follow_through(c: TrailChain) -> list:
    out = []
    updates = dict(c.action_updates)
    if c.actions:
        rows = [[para(h, "cell_head") for h in ("Action", "Owner", "Due", "Status", "Progress")]]
        for a in c.actions:
            progress = "; ".join(f"{_d(u.on)}: {u.text}" for u in updates.get(a.id, ()))
            rows.append([para(a.description), para(a.owner), para(_d(a.due_on)),
                         para(a.status + (" (overdue)" if a.overdue else "")), para(progress)])
        mm = 2.835
        out += [Spacer(1, 4), para("Actions", "label"),
                _grid(rows, [55 * mm, 30 * mm, 20 * mm, 20 * mm, CONTENT_WIDTH - 125 * mm])]
    if c.risk_changes:
        rows = [[para(h, "cell_head") for h in ("Risk", "Score", "On", "By", "Source")]]
        rows += [[para(f"{r.reference} {r.title}"), para(f"{r.likelihood}×{r.consequence} = "
                                                         f"{r.score} ({r.kind})"),
                  para(_d(r.scored_on)), para(r.scored_by), para(r.source)]
                 for r in c.risk_changes]
        mm = 2.835
        out += [Spacer(1, 4), para("Risk score changes", "label"),
                _grid(rows, [60 * mm, 30 * mm, 20 * mm, 35 * mm, CONTENT_WIDTH - 145 * mm])]
    return out


def _audit(c: TrailChain) -> list:
    if not c.audit_events:
        return []
    rows = [[para(h, "cell_head") for h in ("#", "When (UTC)", "Who", "What", "Fields")]]
    rows += [[para(str(ev.seq), "small"), para(ev.at[:19].replace("T", " "), "small"),
              para(ev.actor, "small"),
              para(f"{ev.action} {ev.record_type.replace('_', ' ')} {ev.record_id}", "small"),
              para(_changed(ev), "small")] for ev in c.audit_events]
    mm = 2.835
    return [Spacer(1, 4), para(f"Audit events ({len(c.audit_events)})", "label"),
            _grid(rows, [11 * mm, 32 * mm, 25 * mm, 47 * mm, CONTENT_WIDTH - 115 * mm])]


def _changed(ev) -> str:
    """Creates list no fields (the record is the chain above); updates name what changed."""
    if ev.action == "create":
        return f"new record, {len(ev.changes)} fields"
    if ev.action == "delete":
        return "removed"
    return ", ".join(f"{k}: {_short(b)} → {_short(a)}" for k, (b, a) in sorted(ev.changes.items()))


def _short(value) -> str:
    words = "—" if value in (None, "") else str(value)
    return words if len(words) <= 40 else words[:39] + "…"


def _chain(c: TrailChain) -> list:
    facts = _chairs_action_facts(c) + _decision_facts(c) + _evidence(c)
    return [CondPageBreak(60 * 2.835),
            KeepTogether([Paragraph(text(c.heading), STYLES["h2"]), _facts(facts[:4])]),
            _facts(facts[4:]), *_follow_through(c), *_audit(c), Spacer(1, 14)]


def trail_pdf_bytes(export: TrailExport) -> bytes:
    """The trail as PDF bytes, every page stamped with its title and "Page n of N"."""
    title = f"{export.organisation} — decision trail".strip(" —")
    buffer = io.BytesIO()
    doc = PackDocTemplate(buffer, title=title, author=export.organisation)
    story = _front(export) + _summary(export)
    if export.chains:
        story.append(PageBreak())
    for chain in export.chains:
        story += _chain(chain)
    doc.build(story)
    return stamp_pdf(buffer.getvalue(), lambda n, total: Stamp(
        header_left=title, header_right="", footer_left="", footer_right=page_of(n, total)))


def write_trail_pdf(export: TrailExport, path: str | Path) -> Path:
    """Write the trail to ``path`` (whole or not at all) and return it. The trail is for the
    board and the audit committee, Part 2 decisions included: readable by its owner only."""
    write_atomically(path, trail_pdf_bytes(export), audience=PRIVATE)
    return Path(path)

