"""Exporting the risk register as a workbook or a CSV file that imports back unchanged.

    export_register(session, "register.xlsx", filters=RiskFilter(corporate_only=True))

The workbook's "Risk register" sheet has one risk per row: every field, scores with their
bands (cells filled in the band's colour), and controls, assurances, gaps and actions as
lines in their cells (written as ``risk_cells`` reads them). Its "Score history" sheet lists
every scoring, so an import replays the history. A CSV file has the same columns, one risk
per row, with the history as lines of one last column (a CSV file has one table only).
Columns an import works out for itself (bands, appetite, movement, counts) are marked as such
by their headings and ignored when read back. Text in every cell is made safe from running as
a formula (``app.exchange.safe_cells``), and the import reads it back exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.domain.errors import ValidationError
from app.domain.risk_register import RiskDetail
from app.exchange.register import cells, values
from app.exchange.safe_cells import cell_value
from app.files import PUBLIC, write_atomically
from app.services.risks import detail as risks_detail
from app.services.risks.register import RiskFilter
from app.services.risks.settings import get_band_scheme

REGISTER_SHEET, HISTORY_SHEET = "Risk register", "Score history"


@dataclass(frozen=True)
class Col:
    heading: str
    value: Callable[[RiskDetail], object]
    width: int = 12  # characters
    band: bool = False  # filled with the colour of the band of the score it shows


def _score(kind: str):
    def value(d: RiskDetail):
        return getattr(d.risk, f"{kind}_score")
    return value


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _controls(d: RiskDetail) -> str:
    return "\n".join(cells.format_control(c) for c in d.controls)


def _assurances(d: RiskDetail) -> str:
    number = {c.id: n for n, c in enumerate(d.controls, start=1)}
    return "\n".join(cells.format_assurance(a, number.get(a.control_id)) for a in d.assurances)


def _gaps(kind: str):
    def value(d: RiskDetail) -> str:
        return "\n".join(cells.one_line(g.description) for g in d.gaps_in(kind))
    return value


def _actions(d: RiskDetail) -> str:
    labels = {}
    for kind in rules.GAP_KINDS:
        for n, g in enumerate(d.gaps_in(kind), start=1):
            labels[g.id] = cells.gap_label(kind, n)
    return "\n".join(cells.format_action(a, labels.get(a.gap_id)) for a in d.actions)


def _r(name: str):
    return lambda d: getattr(d.risk, name)


COLUMNS = (
    Col("Reference", _r("reference"), 10), Col("Title", _r("title"), 40),
    Col("Cause", _r("cause"), 40), Col("Event", _r("event"), 40),
    Col("Effect", _r("effect"), 40), Col("Category", _r("category"), 18),
    Col("Appetite", _r("appetite"), 10), Col("Tolerance", _r("tolerance"), 10),
    Col("Risk owner", _r("owner"), 22), Col("Lead committee", _r("committee"), 24),
    Col("Status", lambda d: d.risk.status.capitalize(), 8),
    Col("Date raised", _r("raised_on")), Col("Date closed", _r("closed_on")),
    Col("Reason closed", _r("closed_reason"), 24),
    Col("Consequence domain", lambda d: values.domain_name(d.risk.consequence_domain), 24),
    Col("Inherent likelihood", _r("inherent_likelihood"), 10),
    Col("Inherent consequence", _r("inherent_consequence"), 11),
    Col("Inherent score", _score("inherent"), 9, True),
    Col("Inherent band", _r("inherent_band"), 10, True),
    Col("Current likelihood", _r("current_likelihood"), 10),
    Col("Current consequence", _r("current_consequence"), 11),
    Col("Current score", _score("current"), 9, True),
    Col("Current band", _r("current_band"), 10, True),
    Col("Above appetite", lambda d: _yes(d.risk.above_appetite), 9),
    Col("Target likelihood", _r("target_likelihood"), 10),
    Col("Target consequence", _r("target_consequence"), 11),
    Col("Target score", _score("target"), 9, True),
    Col("Target band", _r("target_band"), 10, True),
    Col("Target date", _r("target_date")),
    Col("Corporate register", lambda d: _yes(d.risk.on_corporate_register), 10),
    Col("Movement", _r("movement"), 10),
    Col("Score at last review", _r("score_at_last_review"), 10),
    Col("Review frequency (months)", _r("review_frequency_months"), 10),
    Col("Last reviewed", _r("last_reviewed_on")), Col("Next review", _r("next_review_on")),
    Col("Review overdue", lambda d: _yes(d.risk.review_overdue), 9),
    Col("Strategic objectives", lambda d: ", ".join(o.code for o in d.objectives), 12),
    Col("Controls in place", _controls, 60), Col("Assurances", _assurances, 60),
    Col("Gaps in control", _gaps("control"), 40),
    Col("Gaps in assurance", _gaps("assurance"), 40),
    Col("Actions", _actions, 60), Col("Open actions", _r("open_actions"), 8),
    Col("Overdue actions", _r("overdue_actions"), 9),
)
HISTORY_COLUMNS = (("Reference", 10), ("Kind", 9), ("Scored on", 12), ("Likelihood", 10),
                   ("Consequence", 11), ("Score", 7), ("Band", 10),
                   ("Consequence domain", 24), ("Scored by", 24), ("Source", 28),
                   ("Rationale", 70))


def export_register(session: Session, path: str | Path, *, filters: RiskFilter | None = None,
                    today: dt.date | None = None) -> int:
    """Write the register (by default every risk, open and closed) to ``.xlsx`` or ``.csv``;
    returns how many risks were written. The file appears whole or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(f"{path.name}: export to a file ending .xlsx or .csv",
                              field="file")
    details = risks_detail.list_risk_details(session, filters=filters or RiskFilter(status=None),
                                             today=today)
    write = _write_xlsx if suffix == ".xlsx" else _write_csv
    scheme = get_band_scheme(session)
    # The risk register is published with the public board papers: readable by all.
    write_atomically(path, lambda out: write(out, details, scheme), audience=PUBLIC)
    return len(details)


def register_rows(details: list[RiskDetail]) -> list[list]:
    return [[c.value(d) for c in COLUMNS] for d in details]


def history_rows(details: list[RiskDetail]) -> list[list]:
    return [[d.risk.reference, s.kind, s.scored_on, s.likelihood, s.consequence, s.score,
             s.band, values.domain_name(s.consequence_domain), s.scored_by, s.source,
             s.rationale]
            for d in details for s in d.history]


# -------------------------------------------------------------------------------------- CSV


def _csv_value(value) -> str:
    """A CSV field: text made safe from running as a formula, numbers and dates as written."""
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()  # unambiguous, and Excel reads it as a date
    return str(value)


def _write_csv(stream: BinaryIO, details: list[RiskDetail], _scheme) -> None:
    # UTF-8 with a byte-order mark, so that Excel shows "£" and "–" rightly when opened.
    out = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(out)
    writer.writerow([_csv_value(c.heading) for c in COLUMNS] + [HISTORY_SHEET])
    for d, row in zip(details, register_rows(details), strict=True):
        history = "\n".join(cells.format_score(s) for s in d.history)
        writer.writerow([_csv_value(v) for v in [*row, history]])
    out.flush()
    out.detach()  # the stream is the atomic writer's to close


# ------------------------------------------------------------------------------------- xlsx


def _write_xlsx(stream: BinaryIO, details: list[RiskDetail], scheme: rules.BandScheme) -> None:
    from openpyxl import Workbook  # heavy: only on export

    from app.exchange.register.xlsx_style import write_sheet

    book = Workbook(write_only=True)
    write_sheet(book, REGISTER_SHEET, [c.heading for c in COLUMNS], register_rows(details),
                [c.width for c in COLUMNS], scheme,
                {i for i, c in enumerate(COLUMNS) if c.band}, freeze="C2")
    write_sheet(book, HISTORY_SHEET, [h for h, _ in HISTORY_COLUMNS], history_rows(details),
                [w for _, w in HISTORY_COLUMNS], scheme, {5, 6}, freeze="B2")
    book.save(stream)
