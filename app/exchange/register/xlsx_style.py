"""Writing a register sheet in its look: the board pack's NHS blue header, frozen and bold;
columns sized to their content; rows tall enough for their lines; score and band cells
filled in the band's colour.

The workbook is written in openpyxl's write-only mode, and each cell takes a copy of a styled
prototype's style rather than having its alignment, border, font and fill set one by one:
openpyxl hashes every style object on each assignment, which for a 10,000-risk register (half
a million cells) took minutes and most of a gigabyte; this takes seconds.
"""

from __future__ import annotations

import datetime as dt
import math
from copy import copy

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.domain import risk as rules
from app.exchange.safe_cells import cell_value, keep_text

NHS_BLUE = "005EB8"  # the pack's heading colour (app.reports.pack.pages.NHS_BLUE)
PALE = "E8EDEE"
DATE_FORMAT = "dd/mm/yyyy"
LINE = 15  # points per line of 11-point text
MOST = 409  # the tallest row Excel allows


def text_colour(fill: str) -> str:
    """Black on light bands (green, yellow, amber), white on dark ones (red)."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "FFFFFF"


def band_of(value, scheme: rules.BandScheme) -> rules.Band | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return scheme.band_for(value)
    if isinstance(value, str) and value.strip():
        try:
            return scheme.band_named(value)
        except KeyError:
            return None
    return None


class _Styles:
    """One styled prototype cell per look; cells copy a prototype's style."""

    def __init__(self, sheet, scheme: rules.BandScheme):
        self.sheet, self.scheme = sheet, scheme
        top = Alignment(wrap_text=True, vertical="top")
        rule = Border(bottom=Side(style="thin", color=PALE))
        self.looks = {
            "head": self._proto(font=Font(bold=True, color="FFFFFF"), alignment=top,
                                fill=PatternFill("solid", fgColor=NHS_BLUE)),
            "text": self._proto(alignment=top, border=rule),
            "date": self._proto(alignment=top, border=rule, number_format=DATE_FORMAT),
        }
        middle = Alignment(wrap_text=True, vertical="top", horizontal="center")
        for band in scheme.bands:
            self.looks[band.name] = self._proto(
                alignment=middle, border=rule,
                fill=PatternFill("solid", fgColor=band.colour.lstrip("#").upper()),
                font=Font(bold=True, color=text_colour(band.colour)))

    def _proto(self, **styles):
        cell = WriteOnlyCell(self.sheet)
        for name, value in styles.items():
            setattr(cell, name, value)
        return cell._style

    def cell(self, value, look: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, cell_value(value))  # text never runs as a formula
        keep_text(cell)
        cell._style = copy(self.looks[look])
        return cell

    def look(self, value, banded: bool) -> str:
        band = band_of(value, self.scheme) if banded else None
        if band is not None:
            return band.name
        return "date" if isinstance(value, dt.date) else "text"


def write_sheet(book, title: str, headings: list[str], rows: list[list], widths: list[int],
                scheme: rules.BandScheme, banded: set[int], *, freeze: str) -> None:
    """Add a formatted sheet; ``banded`` are the 0-based columns showing a score or a band."""
    sheet = book.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = freeze
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
    styles = _Styles(sheet, scheme)
    sheet.row_dimensions[1].height = 3 * LINE  # the long headings wrap
    sheet.append([styles.cell(h, "head") for h in headings])
    for number, values in enumerate(rows, start=2):
        # Each row as tall as its longest cell: not every program fits rows to wrapped text
        # when it opens a file, and a one-line row would hide the controls and actions.
        lines = max(_lines(v, widths[i]) for i, v in enumerate(values))
        sheet.row_dimensions[number].height = min(MOST, LINE * lines)
        sheet.append([styles.cell(v, styles.look(v, i in banded))
                      for i, v in enumerate(values)])


def _lines(value, width: int) -> int:
    """Lines a cell wraps to: a width of N fits about N + 2 characters of ordinary text."""
    if not isinstance(value, str):
        return 1
    return sum(max(1, math.ceil(len(part) / (width + 2))) for part in value.split("\n"))
