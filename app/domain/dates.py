"""Dates as a UK secretary types them, in a form, an imported file or on the command line.

``parse_date`` accepts 2012-11-29, 29/11/2012, 29/11/12, 29-11-2012, 29.11.2012, 29 Nov 2012,
29 November 2012, 29th November 2012, "Thursday 29th November, 2012", 29-Nov-12 and
Nov 29 2012. Numbers in day/month/year order are always read the UK way: 03/04/2013 is the
3rd of April, never March 4th. Anything else is refused with a ValueError naming the text.
"""

from __future__ import annotations

import datetime as dt
import re

FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d",
           "%d %b %Y", "%d %B %Y", "%d %b %y", "%d %B %y", "%d-%b-%Y", "%d-%b-%y",
           "%b %d %Y", "%B %d %Y")
_ORDINAL = re.compile(r"(\d)\s*(?:st|nd|rd|th)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|"
                      r"rsday|urday)?\b\.?", re.IGNORECASE)
_DATE_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[ T]\d\d:\d\d(:\d\d(\.\d+)?)?")
HINT = "write it like 31/03/2013, 2013-03-31 or 31 Mar 2013"


def parse_date(text: str) -> dt.date:
    """The date ``text`` names; ValueError (naming the text) when it names none."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    cleaned = _clean(str(text))
    for form in FORMATS:
        try:
            return dt.datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    raise ValueError(f"'{str(text).strip()}' is not a date; {HINT}")


def _clean(text: str) -> str:
    cleaned = text.strip()
    whole = _DATE_TIME.fullmatch(cleaned)
    if whole:
        return whole.group(1)  # a date-time written out by another program
    cleaned = _WEEKDAY.sub("", cleaned)
    cleaned = _ORDINAL.sub(r"\1", cleaned)
    return re.sub(r"[ ,]+", " ", cleaned).strip(" ,")

