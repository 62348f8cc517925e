"""The ``type=`` for every date option: the one date parser, with argparse's clear refusal."""

from __future__ import annotations

import argparse
import datetime as dt

from app.domain.dates import parse_date


def date_arg(text: str) -> dt.date:
    """29/11/2012, 2012-11-29, 29 Nov 2012 …; a bad date makes argparse print why and exit 2."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
