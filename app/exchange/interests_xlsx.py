"""The published register of interests as an Excel workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.exchange.safe_cells import cell_value, keep_text
from app.files import PUBLIC, write_atomically

# heading, width in the workbook, value for the sheet
SHEET_COLUMNS = (
    ("Name", 34, lambda r: r.person),
    ("Kind of interest", 24, lambda r: r.kind),
    ("Description", 60, lambda r: r.description),
    ("Organisation", 34, lambda r: r.organisation),
    ("From", 12, lambda r: r.from_date),
    ("To", 12, lambda r: r.to_date),
    ("Declared on", 12, lambda r: r.declared_on),
    ("Declared late", 8, lambda r: "yes" if r.declared_late else ""),
    ("How it is managed", 60, lambda r: r.management),
)


def write_register_xlsx(path: Path, rows: list, title: str) -> None:
    """The register as a workbook: a title line would break sorting, so the sheet is the
    table alone (bold, frozen header, filters) and the title names the sheet and the file."""
    from openpyxl import Workbook  # heavy: only on export
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Register of interests"
    ws.append([name for name, _width, _value in SHEET_COLUMNS])
    for n, (_name, width, _value) in enumerate(SHEET_COLUMNS, start=1):
        cell = ws.cell(row=1, column=n)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    for row in rows:
        # Text never runs as a formula: the register is published and opened by anyone.
        ws.append([cell_value(value(row)) for _name, _width, value in SHEET_COLUMNS])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            keep_text(cell)
            if isinstance(cell.value, dt.date):
                cell.number_format = "d mmm yyyy"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.title = title
    # The register of interests is published: readable by all.
    write_atomically(path, wb.save, audience=PUBLIC)
