"""``people`` and ``committees``: list and add from the command line."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli.dates import date_arg
from app.cli.table import print_table
from app.domain.people import COMMITTEE_KINDS, MEMBERSHIP_ROLES, PERSON_KINDS
from app.services import people


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("people", help="list or add people")
    psub = p.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    ls = psub.add_parser("list", help="everyone, with their kind and whether retired")
    ls.set_defaults(handler=list_people)
    add = psub.add_parser("add", help="add a person")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=PERSON_KINDS)
    add.add_argument("--title", default="")
    add.add_argument("--email", default="")
    add.set_defaults(handler=add_person)

    c = sub.add_parser("committees", help="list committees and their members")
    csub = c.add_subparsers(dest="committees_command", metavar="ACTION", required=True)
    ls = csub.add_parser("list", help="every body, whom it reports to and its quorum")
    ls.set_defaults(handler=list_committees)
    add = csub.add_parser("add", help="add a committee or other body")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=COMMITTEE_KINDS)
    add.add_argument("--reports-to", type=int, metavar="COMMITTEE_ID")
    add.add_argument("--quorum", type=int, default=0)
    add.set_defaults(handler=add_committee)
    m = csub.add_parser("members", help="current members of one body")
    m.add_argument("committee_id", type=int)
    m.set_defaults(handler=list_members)
    j = csub.add_parser("join", help="add a person to a body")
    j.add_argument("committee_id", type=int)
    j.add_argument("person_id", type=int)
    j.add_argument("--role", choices=MEMBERSHIP_ROLES, default="member")
    j.add_argument("--non-voting", action="store_true")
    j.add_argument("--from", dest="from_date", type=date_arg, default=None)
    j.set_defaults(handler=join)


def list_people(args, ctx) -> int:
    rows = ctx.run(people.list_people)
    print_table([[r.id, r.name, r.title, r.kind, r.retired_on or ""] for r in rows],
                ["id", "name", "title", "kind", "retired"])
    return 0


def add_person(args, ctx) -> int:
    row = ctx.run(people.create_person, name=args.name, kind=args.kind, title=args.title,
                  email=args.email)
    print(f"Added {row.name} (id {row.id})")
    return 0


def list_committees(args, ctx) -> int:
    rows = ctx.run(people.list_committees)
    print_table([[r.id, r.name, r.kind, r.reports_to, r.quorum_count, ", ".join(r.quorum_kinds)]
                 for r in rows], ["id", "name", "kind", "reports to", "quorum", "must include"])
    return 0


def add_committee(args, ctx) -> int:
    row = ctx.run(people.create_committee, name=args.name, kind=args.kind,
                  reports_to_id=args.reports_to, quorum_count=args.quorum)
    print(f"Added {row.name} (id {row.id})")
    return 0


def list_members(args, ctx) -> int:
    rows = ctx.run(people.list_memberships, committee_id=args.committee_id, on=dt.date.today())
    print_table([[r.person_id, r.person, r.role, "yes" if r.voting else "no", r.from_date]
                 for r in rows], ["person", "name", "role", "voting", "since"])
    return 0


def join(args, ctx) -> int:
    row = ctx.run(people.add_membership, committee_id=args.committee_id,
                  person_id=args.person_id, role=args.role, voting=not args.non_voting,
                  from_date=args.from_date or dt.date.today())
    print(f"{row.person} joined {row.committee} as {row.role}")
    return 0
