"""``decisions`` and ``chairs-actions``: the decision register and the trail for audit.

  decisions list [--committee ID] [--from DATE] [--to DATE] [--overridden]
  decisions show ID          the decision's whole chain: meeting, quorum, conflicts, vote,
                             evidence, actions, risk changes, audit events
  decisions trail FILE.pdf|FILE.xlsx [--committee ID] [--from DATE] [--to DATE]
                  [--kind KIND ...]   (decision, chair's action, written resolution; written
                                       resolutions are not recorded yet, so none are shown)
  chairs-actions list [--pending] [--committee ID] [--from DATE] [--to DATE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.options import add_period_options
from app.cli.table import print_table
from app.domain.errors import ValidationError
from app.services.decisions import chairs_actions, decisions
from app.services.decisions import trail as decision_trail


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("decisions", help="decisions recorded at meetings, and the trail")
    dsub = d.add_subparsers(dest="decisions_command", metavar="ACTION", required=True)
    ls = dsub.add_parser("list", help="decisions in date order")
    add_period_options(ls)
    ls.add_argument("--overridden", action="store_true",
                    help="only decisions taken with an override")
    ls.set_defaults(handler=list_decisions)
    show = dsub.add_parser("show", help="one decision and its whole chain")
    show.add_argument("decision_id", type=int)
    show.set_defaults(handler=show_decision)
    trail = dsub.add_parser("trail", help="write the decision trail to a .pdf or .xlsx file")
    trail.add_argument("file")
    add_period_options(trail)
    trail.add_argument("--kind", dest="kinds", action="append", metavar="KIND",
                       choices=decision_trail.FILTER_KINDS,
                       help="only this kind (repeat for more): "
                            + ", ".join(decision_trail.FILTER_KINDS))
    trail.set_defaults(handler=write_trail)

    c = sub.add_parser("chairs-actions", help="chair's actions and their ratification")
    csub = c.add_subparsers(dest="chairs_actions_command", metavar="ACTION", required=True)
    ls = csub.add_parser("list", help="chair's actions by date taken")
    ls.add_argument("--pending", action="store_true", help="only those awaiting ratification")
    add_period_options(ls)
    ls.set_defaults(handler=list_chairs_actions)


def list_decisions(args, ctx) -> int:
    rows = ctx.run(decisions.list_decisions, committee_id=args.committee,
                   date_from=args.from_date, date_to=args.to_date,
                   overridden_only=args.overridden)
    print_table([[r.id, f"{r.decided_on:%Y-%m-%d}", r.committee, r.item_number,
                  _cut(r.item_title, 40), r.outcome + (" (withdrawn)" if r.status == "withdrawn"
                                                     else ""),
                  "override" if r.overridden else ("" if r.quorate else "inquorate")]
                 for r in rows], ["id", "decided", "body", "item", "title", "outcome", "flags"])
    return 0


def _cut(words: str, width: int) -> str:
    return words if len(words) <= width else words[:width - 1] + "…"


def _print_decision(d) -> None:
    print(f"Decision #{d.id} ({d.status}): {d.meeting}, item {d.item_number} {d.item_title}")
    print(f"Resolved: {d.resolution}")
    print(f"Outcome: {d.outcome}; decided {d.decided_on:%d %B %Y}")
    if d.rationale:
        print(f"Rationale: {d.rationale}")
    print(f"Quorum at decision: {d.quorum_explanation}")
    for c in d.conflicts:
        print(f"Interest: {c.person}: {c.description} — {c.action}")
    v = d.vote
    if v.method != "none":
        yes, no, abstain = v.totals()
        print(f"Vote ({v.method}): {yes} for, {no} against, {abstain} abstained")
    if d.override_reasons:
        print(f"Override needed: {'; '.join(d.override_reasons)}")
        print(f"Override reason: {d.override_reason}")
    if d.paper_id:
        print(f"Paper: {d.paper_title} {d.paper_version}".rstrip())
        for f in d.evidence:
            print(f"  {f.name} v{f.version_number} sha256 {f.sha256}")
    if d.chairs_action_id:
        print(f"Settles chair's action #{d.chairs_action_id}")
    if d.correction_note:
        print(f"Corrections: {d.correction_note}")


def show_decision(args, ctx) -> int:
    chain = ctx.run(decision_trail.trail_chain, kind="decision", id=args.decision_id)
    _print_decision(chain.decision)
    for ca in chain.delegated:
        print(f"Delegated: chair's action #{ca.id} {ca.title} ({ca.status})")
    for a in chain.actions:
        print(f"Action #{a.id}: {a.description} — {a.owner or 'no owner'}, due "
              f"{a.due_on or '—'}, {a.status}")
    for r in chain.risk_changes:
        print(f"Risk {r.reference}: now {r.likelihood}×{r.consequence} = {r.score} "
              f"({r.source})")
    print(f"Audit events: {len(chain.audit_events)}")
    for ev in chain.audit_events:
        print(f"  #{ev.seq} {ev.at[:19]} {ev.actor}: {ev.action} {ev.record_type} "
              f"{ev.record_id}")
    return 0


def write_trail(args, ctx) -> int:
    path = Path(args.file)
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise ValidationError("the trail is written to a .pdf or a .xlsx file", field="file")
    filters = decision_trail.TrailFilter(committee_id=args.committee, date_from=args.from_date,
                                         date_to=args.to_date, kinds=tuple(args.kinds or ()))
    export = ctx.run(decision_trail.trail_export, filters=filters)
    if path.suffix.lower() == ".pdf":
        from app.reports.decision_trail_pdf import write_trail_pdf

        write_trail_pdf(export, path)
    else:
        from app.exchange.decision_trail_xlsx import write_trail_xlsx

        write_trail_xlsx(export, path)
    verdict = "passed" if export.verified else f"FAILED ({export.verify_problem})"
    print(f"Wrote {len(export.entries)} entries to {path}; audit chain head "
          f"{export.chain_head[:16]}…, verify {verdict}")
    return 0


def list_chairs_actions(args, ctx) -> int:
    rows = ctx.run(chairs_actions.list_chairs_actions, pending_only=args.pending,
                   committee_id=args.committee, date_from=args.from_date,
                   date_to=args.to_date)
    print_table([[r.id, f"{r.taken_on:%Y-%m-%d}" if r.taken_on else "", r.committee,
                  _cut(r.title, 40), r.taken_by, r.status,
                  r.ratification_meeting + (f" item {r.ratification_item_number}"
                                            if r.ratification_item_number else ""),
                  "" if r.days_awaiting is None else r.days_awaiting]
                 for r in rows], ["id", "taken", "body", "title", "taken by", "status",
                                  "ratification", "days waiting"])
    return 0
