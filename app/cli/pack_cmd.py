"""``pack`` and ``packs``: issue a meeting's board pack, list the packs issued.

  pack MEETING_ID --out FILE.pdf [--public]   build and issue the pack (members' pack with
                                              Part 2, or the public pack); progress on stderr
  packs MEETING_ID                            the packs issued for a meeting, with versions
  packs MEETING_ID --check PACK_ID FILE       whether FILE is that pack exactly as issued
"""

from __future__ import annotations

import argparse
import sys

from app.cli.table import print_table
from app.domain.errors import ValidationError

# The pack engine (reportlab, pypdf) and the services are imported by the handlers, so that
# building the parser for every other command stays quick.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pack", help="build and issue a meeting's board pack (PDF)")
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the pack")
    p.add_argument("--public", action="store_true",
                   help="the public pack: no Part 2, no confidential cover sheet fields")
    p.set_defaults(handler=issue_pack)
    ls = sub.add_parser("packs", help="the board packs issued for a meeting")
    ls.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    ls.add_argument("--check", nargs=2, metavar=("PACK_ID", "FILE"),
                    help="say whether FILE is the issued pack PACK_ID, byte for byte")
    ls.set_defaults(handler=list_packs)


def _progress(done: int, total: int, label: str) -> None:
    print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)


def issue_pack(args, ctx) -> int:
    from app.reports.pack.render import render_board_pack
    from app.services.pack.gather import gather_pack_for_issue
    from app.services.pack.issued import record_built_pack

    try:
        issue = ctx.run(gather_pack_for_issue, meeting_id=args.meeting_id, public=args.public,
                        issued_by=ctx.actor)
        result = render_board_pack(issue.pack, args.out, public=issue.public,
                                   progress=_progress)
        row = ctx.run(record_built_pack, issue=issue, result=result)
    except ValidationError as exc:
        print("error: the board pack was not built:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.reason}", file=sys.stderr)
        return 2
    for warning in row.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{row.label} of {row.committee}, {row.meeting_date:%d %B %Y}: {args.out}")
    print(f"pages: {row.page_count}")
    print(f"sha256: {row.sha256}")
    print(f"version: {row.number}")
    print(f"issued pack id: {row.id}")
    return 0


def list_packs(args, ctx) -> int:
    from app.services.pack.issued import list_issued_packs

    if args.check:
        return _check(args, ctx)
    rows = ctx.run(list_issued_packs, meeting_id=args.meeting_id)
    print_table([[r.id, r.kind, r.number, f"{r.issued_at:%Y-%m-%d %H:%M} UTC", r.issued_by,
                  r.page_count, r.file_name, r.sha256[:16]] for r in rows],
                ["id", "kind", "version", "issued", "by", "pages", "file", "sha256"])
    return 0


def _check(args, ctx) -> int:
    from app.services.pack.issued import check_issued_pack

    pack_id, path = args.check
    if not pack_id.isdigit():
        print(f"error: PACK_ID must be a number, not {pack_id!r}", file=sys.stderr)
        return 2
    check = ctx.run(check_issued_pack, pack_id=int(pack_id), path=path)
    if check.matches:
        print(f"{path} is issued pack {pack_id} exactly (sha256 {check.sha256}).")
        return 0
    print(f"{path} is NOT issued pack {pack_id}: its sha256 is {check.sha256}, the pack "
          f"issued had {check.issued_sha256}.")
    return 1
