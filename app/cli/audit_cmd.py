"""``audit verify``, ``audit head``, ``audit list`` and ``audit changes``: proving the record was
not altered, and saying what changed since a point."""

from __future__ import annotations

import argparse
import sys

from app.cli.dates import date_arg
from app.cli.table import print_table
from app.services import audit
from app.services.integrity import check_integrity


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="verify, show the head of, or list the audit trail")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    v = asub.add_parser("verify", help="check the whole hash chain; non-zero if broken")
    v.add_argument("--head", metavar="HASH",
                   help="also prove the history up to this earlier head was not rewritten")
    v.set_defaults(handler=verify)

    h = asub.add_parser("head", help="print the latest hash of the chain")
    h.set_defaults(handler=head)

    ls = asub.add_parser("list", help="list audit events, newest first")
    ls.add_argument("--record-type")
    ls.add_argument("--record-id")
    ls.add_argument("--actor")
    ls.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE")
    ls.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE")
    ls.add_argument("--limit", type=int, default=50)
    ls.set_defaults(handler=list_events)

    ch = asub.add_parser("changes", help="what changed since a chain head or an issued pack, "
                                         "by record, for the audit committee")
    since = ch.add_mutually_exclusive_group(required=True)
    since.add_argument("--since", metavar="HASH", help="a chain head given earlier")
    since.add_argument("--since-pack", metavar="PACK_ID", type=int,
                       help="the head printed on this issued pack (see `packs MEETING_ID`)")
    ch.add_argument("--pdf", metavar="FILE.pdf", help="also write the report as a PDF")
    ch.set_defaults(handler=changes)


def verify(args, ctx) -> int:
    if damage := ctx.run(check_integrity):  # the file itself first: every page and index
        print(f"database file DAMAGED: {'; '.join(damage[:3])}", file=sys.stderr)
        return 1
    check = ctx.run(audit.verify_with_head, head=args.head)
    report, records = check.verification.chain, check.verification.records
    earlier, later = check.earlier, check.later_events
    if not report.ok:
        print(f"audit trail BROKEN: {report.problem}", file=sys.stderr)
        print(f"events verified before the break: {report.events}", file=sys.stderr)
        return 1
    if earlier is not None and not earlier.ok:
        print(f"audit trail BROKEN: {earlier.problem}", file=sys.stderr)
        return 1
    if not records.ok:
        print(f"records DO NOT MATCH their history ({len(records.problems)} problem"
              f"{'s' if len(records.problems) != 1 else ''}"
              f"{', the first 200' if len(records.problems) >= 200 else ''}):", file=sys.stderr)
        for problem in records.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if earlier is not None:
        print(f"The history up to {args.head} is unchanged: {earlier.events} events, "
              f"and {later} later event{'s' if later != 1 else ''} follow it.")
    print(f"audit trail verified: {report.events} events, head {report.head}")
    print(f"records verified against their history: {records.records} records, "
          f"{records.files} stored files")
    return 0


def head(args, ctx) -> int:
    print(ctx.run(audit.chain_head))
    return 0


def list_events(args, ctx) -> int:
    rows = ctx.run(audit.list_events, record_type=args.record_type, record_id=args.record_id,
                   actor=args.actor, date_from=args.date_from, date_to=args.date_to,
                   limit=args.limit)
    print_table([[r.seq, r.at[:19].replace("T", " "), r.actor, r.action, r.record_type,
                  r.record_id, r.summary] for r in rows],
                ["#", "when (UTC)", "who", "action", "record", "id", "fields"])
    return 0


def changes(args, ctx) -> int:
    from app.services.audit_changes import changes_since

    report = ctx.run(changes_since, head=args.since, pack_id=args.since_pack)
    print(f"Since {report.since}:")
    print(report.verdict)
    for record in report.records:
        name = f": {record.description}" if record.description else ""
        print(f"\n{record.kind} {record.record_id}{name}")
        for change in record.changes:
            print(f"  event {change.seq}, {change.at}, {change.action} by {change.actor}")
            for field in change.fields:
                print(f"    {field.label}: {field.before} → {field.after}")
    if args.pdf:
        from app.files import PRIVATE, write_atomically
        from app.reports.audit_changes_pdf import changes_report_bytes

        # the changes include confidential business, so the report is its reader's alone
        write_atomically(args.pdf, changes_report_bytes(report), audience=PRIVATE)
        print(f"\nwritten: {args.pdf}")
    return 0 if report.history_holds else 1
