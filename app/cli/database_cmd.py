"""Database commands: info, init, demo."""

from __future__ import annotations

import argparse

from app.services import organisation
from app.services.database import get_database_summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="which database is open, its organisation and its trail")
    p.set_defaults(handler=info)

    p = sub.add_parser("init", help="set up the organisation in a new database")
    p.add_argument("name", help="the organisation's full name")
    p.add_argument("--short-name", default="")
    p.set_defaults(handler=init)

    p = sub.add_parser("demo", help="fill an empty database with the demo organisation")
    p.add_argument("--scale", type=int, default=0, metavar="N",
                   help="also generate N risks with histories (for benchmarks)")
    p.set_defaults(handler=load_demo)


def info(args, ctx) -> int:
    summary = ctx.run(get_database_summary)
    print(f"database:     {ctx.description}")
    print(f"organisation: {summary.organisation or '(not set up)'}")
    print(f"audit events: {summary.audit_events}")
    print(f"chain head:   {summary.chain_head}")
    return 0


def init(args, ctx) -> int:
    org = ctx.run(organisation.set_up_organisation, name=args.name, short_name=args.short_name)
    print(f"Set up {org.name} in {ctx.description}")
    return 0


def load_demo(args, ctx) -> int:
    from app.services.demo import load as demo

    ctx.run(demo.load_demo, scale=args.scale)
    print(f"Loaded the demo organisation into {ctx.description}")
    return 0
