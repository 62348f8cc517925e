"""``scoring``: offline scoring rounds, and ``score``: the member's scoring window.

    scoring open --title T --question current|target --deadline YYYY-MM-DD
                 [--risks all|corporate|CR-001,CR-002] --members ID,ID
    scoring export ROUND_ID --folder DIR
    scoring import ROUND_ID PACK [PACK …]
    scoring list
    scoring show ROUND_ID
    scoring adopt ROUND_ID REF [--likelihood L --consequence C] [--rationale TEXT]
    scoring close ROUND_ID
    scoring report ROUND_ID FILE.pdf
    score PACK          (opens the member's window on the pack alone; no database)

``score`` is listed here for ``--help`` only: main.py hands ``score PACK`` to the GUI
(app.ui.scoring.window.run_score) before the command line is parsed, as it does the main window.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.dates import date_arg
from app.cli.table import print_table
from app.domain.errors import BoardbookError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scoring", help="offline scoring rounds: open, export packs, import "
                                       "returned packs, adopt the consensus")
    s = p.add_subparsers(dest="scoring_command", metavar="ACTION", required=True)
    o = s.add_parser("open", help="open a round")
    o.add_argument("--title", required=True)
    o.add_argument("--question", choices=("current", "target"), default="current")
    o.add_argument("--deadline", required=True, type=date_arg, metavar="DATE")
    o.add_argument("--risks", default="all", help="all, corporate or references CR-001,CR-002")
    o.add_argument("--members", required=True, help="people's ids, comma separated")
    o.set_defaults(handler=open_round)
    e = s.add_parser("export", help="write one pack per member into a folder")
    e.add_argument("round_id", type=int)
    e.add_argument("--folder", required=True)
    e.set_defaults(handler=export)
    i = s.add_parser("import", help="take in returned packs (any order, again is harmless)")
    i.add_argument("round_id", type=int)
    i.add_argument("packs", nargs="+")
    i.set_defaults(handler=import_packs)
    s.add_parser("list", help="every round").set_defaults(handler=list_rounds)
    show = s.add_parser("show", help="a round's scores per risk")
    show.add_argument("round_id", type=int)
    show.set_defaults(handler=show_round)
    a = s.add_parser("adopt", help="adopt the consensus for a risk (default: the median)")
    a.add_argument("round_id", type=int)
    a.add_argument("reference")
    a.add_argument("--likelihood", type=int, choices=range(1, 6), metavar="1-5")
    a.add_argument("--consequence", type=int, choices=range(1, 6), metavar="1-5")
    a.add_argument("--rationale", default=None)
    a.set_defaults(handler=adopt)
    c = s.add_parser("close", help="close a round: later packs are refused")
    c.add_argument("round_id", type=int)
    c.set_defaults(handler=close)
    r = s.add_parser("report", help="the round report as PDF")
    r.add_argument("round_id", type=int)
    r.add_argument("file")
    r.set_defaults(handler=report)
    score = sub.add_parser("score", help="score the risks of a scoring pack (.bbscore) in "
                                         "the member's window; needs no database",
                           usage="python main.py score PACK",
                           description="Opens the member's scoring window on PACK alone. "
                                       "Run it as: python main.py score PACK")
    score.add_argument("pack")
    score.set_defaults(handler=score_pack, needs_db=False)


def _risks(risks: str) -> dict:
    if risks in ("all", "corporate"):
        return {"selection": risks}
    return {"risk_references": [r.strip() for r in risks.split(",") if r.strip()]}


def _ids(text: str) -> list[int]:
    try:
        return [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        from app.domain.errors import ValidationError

        raise ValidationError("give members as people's ids, e.g. 3,5,8",
                              field="members") from None


def open_round(args, ctx) -> int:
    from app.services.scoring import rounds as scoring

    row = ctx.run(scoring.open_round, title=args.title, question=args.question,
                  deadline=args.deadline, member_ids=_ids(args.members), **_risks(args.risks))
    print(f"opened round #{row.id} '{row.title}': {row.risk_count} risks, "
          f"{row.member_count} members, deadline {row.deadline:%d %b %Y}")
    return 0


def export(args, ctx) -> int:
    from app.exchange.scoring.returns import export_packs

    for path in ctx.run(export_packs, round_id=args.round_id, folder=args.folder):
        print(path)
    return 0


def import_packs(args, ctx) -> int:
    from app.exchange.scoring.returns import import_returned_pack

    refused = 0
    for pack in args.packs:
        try:
            result = ctx.run(import_returned_pack, round_id=args.round_id, path=pack)
        except BoardbookError as exc:
            refused += 1
            print(f"refused: {exc}", file=sys.stderr)
            continue
        print(f"{'imported' if result.changed else 'unchanged'}: {result.message}")
    return 2 if refused else 0


def list_rounds(args, ctx) -> int:
    from app.services.scoring import rounds as scoring

    rows = [[r.id, r.title, r.question, f"{r.deadline:%d %b %Y}", r.status, r.risk_count,
             f"{r.returned_count}/{r.member_count}"] for r in ctx.run(scoring.list_rounds)]
    print_table(rows, ["id", "title", "question", "deadline", "status", "risks", "returned"])
    return 0


def show_round(args, ctx) -> int:
    from app.services.scoring import view as scoring_view

    view = ctx.run(scoring_view.round_view, round_id=args.round_id)
    rows = []
    for r in view.risks:
        s = r.summary
        rows.append([r.reference, r.title[:40], " ".join(str(m.score) for m in r.scores),
                     "" if s.median_score is None else f"{s.median_score:g}", s.range_text,
                     "DIVERGENT" if s.divergent else "", r.outcome])
    print_table(rows, ["risk", "title", "scores", "median", "range", "", "outcome"])
    if view.not_returned:
        print(f"not returned: {', '.join(view.not_returned)}")
    return 0


def adopt(args, ctx) -> int:
    from app.services.scoring import view as scoring_view

    result = ctx.run(scoring_view.adopt_consensus_for, round_id=args.round_id,
                     reference=args.reference, likelihood=args.likelihood,
                     consequence=args.consequence, rationale=args.rationale)
    a = result.adoption
    print(f"{result.reference}: adopted {a.likelihood} × {a.consequence} = {a.score} {a.band}")
    return 0


def close(args, ctx) -> int:
    from app.services.scoring import rounds as scoring

    row = ctx.run(scoring.close_round, round_id=args.round_id)
    print(f"closed round #{row.id} '{row.title}' ({row.returned_count} of "
          f"{row.member_count} packs returned)")
    return 0


def report(args, ctx) -> int:
    from app.reports.scoring_round_pdf import write_round_report
    from app.services.scoring import view as scoring_view

    data = ctx.run(scoring_view.round_report_data, round_id=args.round_id)
    write_round_report(data, args.file)
    print(args.file)
    return 0


def score_pack(args, _ctx) -> int:
    """Reached only when ``score`` is given options main.py does not hand to the window."""
    print(f"error: the scoring window takes the pack alone: python main.py score {args.pack}",
          file=sys.stderr)
    return 2
