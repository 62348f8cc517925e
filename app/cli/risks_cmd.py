"""``risks``: the risk register from the command line.

    risks list [--corporate] [--band X] [--category X] [--overdue] [--above-appetite]
               [--status open|closed|all] [--text WORDS]
    risks show REF
    risks rescore REF --likelihood L --consequence C --rationale TEXT [--source S] [--on DATE]
    risks bands

Each action is a leaf parser under ``risks`` with its own handler. Actions that read or write
files (import, export, report) are registered in ``register_file_actions`` below, so that
they live beside these and share ``--db``.
"""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli import print_table, risks_files_cmd
from app.services import risk_register, risk_settings, risks, risks_detail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("risks", help="list, show and rescore risks; show the band scheme")
    rsub = p.add_subparsers(dest="risks_command", metavar="ACTION", required=True)
    _add_list(rsub)
    show = rsub.add_parser("show", help="one risk with its controls, assurances and history")
    show.add_argument("reference")
    show.set_defaults(handler=show_risk)
    _add_rescore(rsub)
    bands = rsub.add_parser("bands", help="the organisation's bands and escalation threshold")
    bands.set_defaults(handler=show_bands)
    register_file_actions(rsub)


def register_file_actions(rsub: argparse._SubParsersAction) -> None:
    """``risks import``, ``risks export`` and ``risks report`` are added here."""
    risks_files_cmd.register_file_actions(rsub)


def _add_list(rsub: argparse._SubParsersAction) -> None:
    ls = rsub.add_parser("list", help="the register, filtered")
    ls.add_argument("--corporate", action="store_true", help="only the corporate register")
    ls.add_argument("--band", help="only risks whose current score is in this band")
    ls.add_argument("--category", help="only this category")
    ls.add_argument("--overdue", action="store_true", help="only risks overdue for review")
    ls.add_argument("--above-appetite", action="store_true",
                    help="only risks above the board's tolerance for their category")
    ls.add_argument("--status", choices=("open", "closed", "all"), default="open")
    ls.add_argument("--text", default="", help="words in the reference, title, cause, …")
    ls.set_defaults(handler=list_risks)


def _add_rescore(rsub: argparse._SubParsersAction) -> None:
    rescore = rsub.add_parser("rescore", help="record a new current score and why")
    rescore.add_argument("reference")
    rescore.add_argument("--likelihood", type=int, required=True, choices=range(1, 6),
                         metavar="1-5")
    rescore.add_argument("--consequence", type=int, required=True, choices=range(1, 6),
                         metavar="1-5")
    rescore.add_argument("--rationale", required=True, help="why the score changed")
    rescore.add_argument("--source", default="review", help='occasion, e.g. "decision #12"')
    rescore.add_argument("--on", type=dt.date.fromisoformat, default=None,
                         metavar="YYYY-MM-DD", help="date of the scoring (default today)")
    rescore.set_defaults(handler=rescore_risk)


# ---------------------------------------------------------------------------------- list


def _filters(args, session) -> risk_register.RiskFilter:
    category_id = None
    if args.category:
        category_id = risk_settings.find_category(session, name=args.category).id
    return risk_register.RiskFilter(
        band=args.band, category_id=category_id, corporate_only=args.corporate,
        overdue_review=args.overdue, above_appetite=args.above_appetite,
        status=None if args.status == "all" else args.status, text=args.text)


def _flags(r: risk_register.RiskRow) -> str:
    flags = []
    if r.on_corporate_register:
        flags.append("corporate")
    if r.above_appetite:
        flags.append("above appetite")
    if r.review_overdue:
        flags.append("review overdue")
    if r.overdue_actions:
        flags.append(f"{r.overdue_actions} action(s) overdue")
    return ", ".join(flags)


def list_risks(args, ctx) -> int:
    with ctx.transaction() as s:
        rows = risk_register.list_risks(s, filters=_filters(args, s))
    print_table([[r.reference, r.title[:50], r.category, r.owner,
                  f"{r.current_likelihood}x{r.current_consequence}={r.current_score}",
                  r.current_band, r.movement, r.next_review_on or "", _flags(r)] for r in rows],
                ["ref", "title", "category", "owner", "current", "band", "moved",
                 "next review", "flags"])
    print(f"{len(rows)} risk(s)")
    return 0


# ---------------------------------------------------------------------------------- show


def _score_text(likelihood, consequence, band: str) -> str:
    if likelihood is None:
        return "(none)"
    return f"{likelihood} x {consequence} = {likelihood * consequence} ({band})"


def show_risk(args, ctx) -> int:
    with ctx.transaction() as s:
        row = risk_register.find_risk(s, reference=args.reference)
        detail = risks_detail.get_risk_detail(s, risk_id=row.id)
    r = detail.risk
    print(f"{r.reference}  {r.title}  [{r.status}]")
    for label, value in (("cause", r.cause), ("event", r.event), ("effect", r.effect),
                         ("category", f"{r.category} (appetite {r.appetite}, tolerance "
                                      f"{r.tolerance})"),
                         ("owner", r.owner), ("committee", r.committee),
                         ("inherent", _score_text(r.inherent_likelihood,
                                                  r.inherent_consequence, r.inherent_band)),
                         ("current", _score_text(r.current_likelihood, r.current_consequence,
                                                 r.current_band)),
                         ("target", _score_text(r.target_likelihood, r.target_consequence,
                                                r.target_band)
                          + (f" by {r.target_date}" if r.target_date else "")),
                         ("next review", r.next_review_on or ""), ("flags", _flags(r))):
        print(f"  {label + ':':<12} {value}")
    _print_details(detail)
    return 0


def _print_details(detail: risks_detail.RiskDetail) -> None:
    sections = [
        ("Objectives", [f"{o.code} {o.title}" for o in detail.objectives]),
        ("Controls", [f"{c.description} ({c.control_type}, {c.effectiveness})"
                      for c in detail.controls]),
        ("Assurances", [f"line {a.line_of_defence}: {a.description} "
                        f"({'positive' if a.positive else 'negative'})"
                        for a in detail.assurances]),
        ("Gaps", [f"{g.kind}: {g.description}" for g in detail.gaps]),
        ("Actions", [f"{a.description} ({a.owner or 'no owner'}, due {a.due_on or '-'}, "
                     f"{a.status}{', OVERDUE' if a.overdue else ''})" for a in detail.actions]),
        ("Score history", [f"{h.scored_on} {h.kind} {h.likelihood}x{h.consequence}={h.score} "
                           f"by {h.scored_by} ({h.source}): {h.rationale}"
                           for h in detail.history]),
        ("Escalations", [f"{e.occurred_on} {e.direction} at {e.score}: {e.reason}"
                         for e in detail.escalations]),
    ]
    for title, lines in sections:
        if lines:
            print(f"\n{title}:")
            for line in lines:
                print(f"  - {line}")


# ------------------------------------------------------------------------------- rescore


def rescore_risk(args, ctx) -> int:
    with ctx.transaction() as s:
        row = risk_register.find_risk(s, reference=args.reference)
        before = row.current_score
        after = risks.rescore_risk(s, risk_id=row.id, expected_version=row.version,
                                   likelihood=args.likelihood, consequence=args.consequence,
                                   rationale=args.rationale, source=args.source,
                                   scored_on=args.on)
    print(f"{after.reference}: current score {before} -> {after.current_score} "
          f"({after.current_band})")
    if after.on_corporate_register != row.on_corporate_register:
        moved = "escalated to" if after.on_corporate_register else "de-escalated from"
        print(f"{after.reference} was {moved} the corporate risk register")
    return 0


# --------------------------------------------------------------------------------- bands


def show_bands(args, ctx) -> int:
    with ctx.transaction() as s:
        scheme = risk_settings.get_band_scheme(s)
    print_table([[b.name, f"{b.min}-{b.max}", b.colour, b.owner, b.action]
                 for b in scheme.bands], ["band", "scores", "colour", "owner", "action"])
    print(f"\nA current score of {scheme.escalation_threshold} or more escalates a risk to "
          "the corporate risk register.")
    print("Likelihood: " + ", ".join(f"{i} {n}" for i, n in
                                     enumerate(scheme.likelihood_names, start=1)))
    print("Consequence: " + ", ".join(f"{i} {n}" for i, n in
                                      enumerate(scheme.consequence_names, start=1)))
    return 0
