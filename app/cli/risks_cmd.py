"""``risks``: the risk register from the command line.

    risks list [--corporate] [--band X] [--category X] [--overdue] [--above-appetite]
               [--status open|closed|all] [--text WORDS]
    risks show REF
    risks rescore REF --likelihood L --consequence C --rationale TEXT [--source S] [--on DATE]
    risks bands [--threshold N]
    risks categories | category-add NAME --appetite LEVEL [--tolerance N] [--description T]
    risks objectives | objective-add CODE TITLE [--description T]

Each action is a leaf parser under ``risks`` with its own handler. Actions that read or write
files (import, export, report) are registered in ``register_file_actions`` below, so that
they live beside these and share ``--db``.
"""

from __future__ import annotations

import argparse

from app.cli import risks_files_cmd
from app.cli.dates import date_arg
from app.cli.table import print_table
from app.domain import risk as rules
from app.domain.errors import ValidationError
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("risks", help="list, show and rescore risks; show the band scheme")
    rsub = p.add_subparsers(dest="risks_command", metavar="ACTION", required=True)
    _add_list(rsub)
    show = rsub.add_parser("show", help="one risk with its controls, assurances and history")
    show.add_argument("reference")
    show.set_defaults(handler=show_risk)
    _add_rescore(rsub)
    bands = rsub.add_parser("bands", help="the organisation's bands and escalation threshold")
    bands.add_argument("--threshold", type=int, metavar="N",
                       help="set the score (1-25) at or above which a risk is escalated to "
                            "the corporate register; the bands stay as they are")
    bands.set_defaults(handler=show_bands)
    _add_settings(rsub)
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
    rescore.add_argument("--on", type=date_arg, default=None,
                         metavar="YYYY-MM-DD", help="date of the scoring (default today)")
    rescore.set_defaults(handler=rescore_risk)


# ---------------------------------------------------------------------------------- list


def _filters(args) -> risk_register.RiskFilter:
    return risk_register.RiskFilter(
        band=args.band, corporate_only=args.corporate,
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
    rows = ctx.run(risk_register.list_register, filters=_filters(args),
                   category=args.category or "")
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
    detail = ctx.run(risks_detail.find_risk_detail, reference=args.reference)
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
    rescored = ctx.run(risks.rescore_by_reference, reference=args.reference,
                       likelihood=args.likelihood, consequence=args.consequence,
                       rationale=args.rationale, source=args.source, scored_on=args.on)
    after = rescored.after
    print(f"{after.reference}: current score {rescored.before.current_score} -> "
          f"{after.current_score} ({after.current_band})")
    if rescored.moved_register:
        moved = "escalated to" if after.on_corporate_register else "de-escalated from"
        print(f"{after.reference} was {moved} the corporate risk register")
    return 0


# --------------------------------------------------------------------------------- bands


def show_bands(args, ctx) -> int:
    if args.threshold is None:
        scheme = ctx.run(risk_settings.get_band_scheme)
    else:
        scheme = ctx.run(risk_settings.set_escalation_threshold, threshold=args.threshold)
        print(f"Escalation threshold set to {scheme.escalation_threshold}.\n")
    print_table([[b.name, f"{b.min}-{b.max}", b.colour, b.owner, b.action]
                 for b in scheme.bands], ["band", "scores", "colour", "owner", "action"])
    print(f"\nA current score of {scheme.escalation_threshold} or more escalates a risk to "
          "the corporate risk register.")
    print("Likelihood: " + ", ".join(f"{i} {n}" for i, n in
                                     enumerate(scheme.likelihood_names, start=1)))
    print("Consequence: " + ", ".join(f"{i} {n}" for i, n in
                                      enumerate(scheme.consequence_names, start=1)))
    return 0


# ------------------------------------------------------------------ categories, objectives


def _add_settings(rsub: argparse._SubParsersAction) -> None:
    levels = ", ".join(f"{n} {name}" for n, name in enumerate(rules.APPETITE_LEVELS))
    cats = rsub.add_parser("categories", help="risk categories with the board's appetite")
    cats.set_defaults(handler=list_categories)
    add = rsub.add_parser("category-add", help="add a risk category")
    add.add_argument("name")
    add.add_argument("--appetite", required=True, metavar="LEVEL",
                     help=f"the board's appetite: {levels} (name or number)")
    add.add_argument("--tolerance", type=int, metavar="N",
                     help="highest current score accepted (default: from the appetite)")
    add.add_argument("--description", default="")
    add.set_defaults(handler=add_category)
    objs = rsub.add_parser("objectives", help="strategic objectives (board assurance framework)")
    objs.set_defaults(handler=list_objectives)
    add = rsub.add_parser("objective-add", help="add a strategic objective")
    add.add_argument("code", help="short code, e.g. SO5")
    add.add_argument("title")
    add.add_argument("--description", default="")
    add.set_defaults(handler=add_objective)


def appetite_level(text: str) -> int:
    """An appetite level from its name (any case) or number: "Cautious" or "2"."""
    names = [n.lower() for n in rules.APPETITE_LEVELS]
    word = text.strip().lower()
    if word.isdigit() and int(word) < len(names):
        return int(word)
    if word in names:
        return names.index(word)
    raise ValidationError(f"'{text}' is not an appetite level; use one of "
                          f"{', '.join(rules.APPETITE_LEVELS)} (or 0 to 5)", field="appetite")


def list_categories(args, ctx) -> int:
    rows = ctx.run(risk_settings.list_categories)
    print_table([[c.name, f"{c.appetite_level} {c.appetite}", c.tolerance, c.risks,
                  c.description] for c in rows],
                ["category", "appetite", "tolerance", "risks", "description"])
    print(f"{len(rows)} categor{'y' if len(rows) == 1 else 'ies'}")
    return 0


def add_category(args, ctx) -> int:
    row = ctx.run(risk_settings.create_category, name=args.name,
                  appetite_level=appetite_level(args.appetite), tolerance=args.tolerance,
                  description=args.description)
    print(f"Added category {row.name}: appetite {row.appetite_level} {row.appetite}, "
          f"tolerance {row.tolerance}")
    return 0


def list_objectives(args, ctx) -> int:
    rows = ctx.run(risk_settings.list_objectives)
    print_table([[o.code, o.title, o.risks] for o in rows],
                ["code", "strategic objective", "risks"])
    print(f"{len(rows)} objective(s)")
    return 0


def add_objective(args, ctx) -> int:
    row = ctx.run(risk_settings.create_objective, code=args.code, title=args.title,
                  description=args.description)
    print(f"Added objective {row.code}: {row.title}")
    return 0
