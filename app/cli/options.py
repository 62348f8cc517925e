"""Options several commands share, written once so that they read and behave alike."""

from __future__ import annotations

import argparse

from app.cli.dates import date_arg


def add_period_options(parser: argparse.ArgumentParser, *,
                       committee_help: str = "only this body") -> None:
    """``--committee ID``, ``--from DATE`` and ``--to DATE`` (as ``from_date``, ``to_date``)."""
    parser.add_argument("--committee", type=int, metavar="ID", help=committee_help)
    parser.add_argument("--from", dest="from_date", type=date_arg, metavar="DATE",
                        help="from this day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="to_date", type=date_arg, metavar="DATE",
                        help="up to this day (YYYY-MM-DD)")
