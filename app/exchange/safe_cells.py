"""Text in the spreadsheets Boardbook writes never runs as a formula (CSV or formula injection).

A spreadsheet program runs a cell as a formula when its text starts with ``=``, ``+``, ``-`` or
``@``, and some do after a leading tab or carriage return (OWASP's CSV-injection rule). So
every text value written to an .xlsx or .csv cell, in every column, goes through
:func:`cell_value`:

- text starting with one of ``= + - @ \\t \\r`` gets an apostrophe in front: ``'=HYPERLINK(…)``
  is shown as written, and nothing runs;
- text starting with an apostrophe gets one more (``'quoted`` is written ``''quoted``), so that
  reading back is exact;
- numbers, dates, booleans and blanks are written as themselves (numbers stay numbers).

Reading back (:func:`read_text`) removes the one apostrophe when it is followed by one of those
characters or by another apostrophe, and leaves every other text alone. The two are exact
inverses: ``read_text(safe_text(t)) == t`` for every text ``t``.

An .xlsx cell is also typed as text (:func:`keep_text`): openpyxl makes a string starting with
``=`` a formula and a string such as ``#N/A`` an error value.
"""

from __future__ import annotations

QUOTE = "'"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPED = (*TRIGGERS, QUOTE)  # what a written apostrophe may stand in front of


def safe_text(text: str) -> str:
    """Text as it is written to a cell: an apostrophe in front when it starts with a formula
    character or with an apostrophe."""
    return QUOTE + text if text[:1] in ESCAPED else text


def read_text(text: str) -> str:
    """Undo :func:`safe_text`: drop the apostrophe it put in front, nothing else."""
    return text[1:] if text[:1] == QUOTE and text[1:2] in ESCAPED else text


def cell_value(value):
    """A value for a cell: text made safe, anything else (numbers, dates, blanks) as is."""
    return safe_text(value) if isinstance(value, str) else value


def read_value(value):
    """A value read from a cell Boardbook may have written: text as it was before writing."""
    return read_text(value) if isinstance(value, str) else value


def keep_text(cell) -> None:
    """Type an openpyxl cell holding text as a string (never a formula or an error value)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
