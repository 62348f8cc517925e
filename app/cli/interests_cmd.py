"""``interests``: the register of interests from the command line — list, add, end."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli.dates import date_arg
from app.cli.table import print_table
from app.domain.interests import INTEREST_KINDS
from app.services import interests


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("interests", help="the register of interests: list, add, end")
    isub = p.add_subparsers(dest="interests_command", metavar="ACTION", required=True)
    ls = isub.add_parser("list", help="the register, or one person's entries")
    ls.add_argument("--person", type=int, metavar="PERSON_ID", default=None)
    ls.add_argument("--on", type=date_arg, metavar="DATE", default=None,
                    help="only the interests current on this day")
    ls.set_defaults(handler=list_interests)
    add = isub.add_parser("add", help="add an interest to a person's register")
    add.add_argument("person_id", type=int)
    add.add_argument("--kind", required=True, choices=INTEREST_KINDS)
    add.add_argument("--description", required=True, metavar="TEXT")
    add.add_argument("--organisation", default="", metavar="TEXT")
    add.add_argument("--from", dest="from_date", type=date_arg,
                     metavar="YYYY-MM-DD", default=None, help="when the interest began")
    add.add_argument("--declared", dest="declared_on", type=date_arg,
                     metavar="YYYY-MM-DD", default=None,
                     help="when it was declared (default: today)")
    add.add_argument("--management", default="", metavar="TEXT",
                     help="how the interest is managed")
    add.set_defaults(handler=add_interest)
    end = isub.add_parser("end", help="end an interest; it stays on the register")
    end.add_argument("interest_id", type=int)
    end.add_argument("--on", type=date_arg, metavar="DATE", default=None,
                     help="the day it ended (default: today)")
    end.set_defaults(handler=end_interest)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def list_interests(args, ctx) -> int:
    rows = ctx.run(interests.list_interests, person_id=args.person, current_on=args.on)
    print_table([[r.id, r.person, r.kind, r.description, r.organisation, _date(r.from_date),
                  _date(r.to_date), _date(r.declared_on) + (" (late)" if r.declared_late else ""),
                  r.management] for r in rows],
                ["id", "person", "kind", "description", "organisation", "from", "to",
                 "declared", "managed"])
    print(f"{len(rows)} interest(s)" + (f" current on {args.on.isoformat()}" if args.on else ""))
    return 0


def add_interest(args, ctx) -> int:
    row = ctx.run(interests.add_interest, person_id=args.person_id, kind=args.kind,
                  description=args.description, organisation=args.organisation,
                  from_date=args.from_date, declared_on=args.declared_on or dt.date.today(),
                  management=args.management)
    late = " (declared late: more than 28 days after it began)" if row.declared_late else ""
    print(f"Added interest {row.id} to {row.person}'s register{late}")
    return 0


def end_interest(args, ctx) -> int:
    row = ctx.run(interests.end_interest, interest_id=args.interest_id, expected_version=None,
                  on=args.on)
    print(f"Ended interest {row.id} of {row.person} on {_date(row.to_date)}")
    return 0
