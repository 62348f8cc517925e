"""The risk register in and out of spreadsheets: the one module the GUI and CLI import.

    preview = preview_register(path, sheet=None)            -> RegisterPreview
        the sheet and header row found, the guessed HeadingMap, the first rows, the headings
        not imported and what the register needs that no column holds
    mapping = preview.mapping.overridden({"Impact": "current_consequence", "K": "ignore"})
    result = import_register(session, path=path, mapping=mapping, skip_existing=False,
                             default_category=None, dry_run=False)     -> ImportResult
        all or nothing: ValidationError lists every problem, Problem(heading, reason, row)
    count = export_register(session, "register.xlsx", filters=RiskFilter(...))   # or .csv

How the pieces divide the work: ``risk_sheet`` reads workbooks and CSV files (merged cells,
title rows, encodings); ``risk_headings`` guesses what each column holds; ``risk_values``
and ``risk_cells`` read cells (levels, dates, lines of controls and actions);
``risk_rows`` turns rows into risks and problems; ``risk_history`` replays a score history;
``risk_import`` and ``risk_export`` are the two directions.
"""

from __future__ import annotations

from app.exchange.register.export import export_register
from app.exchange.register.headings import FIELDS, Column, HeadingMap, guess_field
from app.exchange.register.importer import (
    ImportResult,
    RegisterPreview,
    import_register,
    preview_register,
)

__all__ = ["FIELDS", "Column", "HeadingMap", "ImportResult", "RegisterPreview",
           "export_register", "guess_field", "import_register", "preview_register"]
