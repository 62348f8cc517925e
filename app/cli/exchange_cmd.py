"""``export-json`` and ``import-json``: the whole database as one file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-json", help="write every record to a JSON exchange file")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=export_json)
    p = sub.add_parser("import-json", help="fill an empty database from a JSON exchange file")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=import_json)


def export_json(args, ctx) -> int:
    from app.exchange.json_exchange import export_database

    counts = export_database(ctx.engine, args.file)
    print(f"Exported {sum(counts.values())} records from {ctx.description} to {args.file}")
    return 0


def import_json(args, ctx) -> int:
    from app.exchange.json_exchange import import_database

    counts = import_database(ctx.engine, args.file)
    print(f"Imported {sum(counts.values())} records into {ctx.description}")
    return 0
