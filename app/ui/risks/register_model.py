"""The risk register as a table: one row per risk, score cells in their band's colours, and the
filters a board secretary uses (search, band, category, owner, committee, corporate register,
overdue review, above appetite, status, one heat map cell).

Built for large registers (10,000 risks): filtering is one pass over the rows with cheap
tests (the text searched is prepared once per load), and sorting is one keyed sort of the rows
rather than a Python comparison per pair.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app.domain.risk import DEFAULT_SCHEME, BandScheme
from app.services.risks.register import natural_key
from app.ui.common.forms import show_date
from app.ui.common.record_view import RETIRED_COLOUR
from app.ui.common.risk_grid import text_colour_on
from app.ui.common.table_model import RowTableModel

WARNING_COLOUR = QColor("#b00020")  # overdue dates; dark enough on white and on alternate rows
BETTER_COLOUR = QColor("#1b5e20")
MOVEMENT = {"up": "↑ Up", "down": "↓ Down", "same": "→ Same", "new": "New"}
MOVEMENT_ORDER = {"down": 0, "same": 1, "new": 2, "up": 3}  # better first, worse last
MOVEMENT_TIPS = {"up": "Worse than at the last review", "down": "Better than at the last review",
                 "same": "As at the last review", "new": "Not reviewed since it was raised"}


def scored(likelihood, consequence) -> str:
    """4 × 4 = 16, or nothing when there is no score (a risk without a target)."""
    if likelihood is None or consequence is None:
        return ""
    return f"{likelihood} × {consequence} = {likelihood * consequence}"


def flags(row) -> list[str]:
    """What needs the board's eye, in short words."""
    found = []
    if row.on_corporate_register:
        found.append("Corporate")
    if row.above_appetite:
        found.append("Above appetite")
    if row.review_overdue:
        found.append("Review overdue")
    if row.overdue_actions:
        found.append(f"{row.overdue_actions} action{'s' if row.overdue_actions != 1 else ''} "
                     "overdue")
    return found


def flag_tips(row) -> str:
    tips = []
    if row.on_corporate_register:
        tips.append("On the corporate risk register")
    if row.above_appetite:
        tips.append(f"Current score {row.current_score} is above the tolerance of "
                    f"{row.tolerance} the board set for {row.category} "
                    f"(appetite {row.appetite})")
    if row.review_overdue:
        tips.append(f"The review was due on {show_date(row.next_review_on)}")
    if row.overdue_actions:
        tips.append(f"{row.overdue_actions} of {row.open_actions} open actions are overdue")
    return "\n".join(tips)


def _date_key(value: dt.date | None):
    return (value is None, value or dt.date.min)


def _score_key(likelihood, consequence):
    if likelihood is None or consequence is None:
        return (1, 0, 0)
    return (0, likelihood * consequence, likelihood)


class RiskRegisterTableModel(RowTableModel):
    # Reference and title first, then the scores, so the picture of each risk is on screen
    # without scrolling; who and where follow.
    COLUMNS = (
        ("Ref", lambda r: r.reference),
        ("Title", lambda r: r.title),
        ("Inherent", lambda r: scored(r.inherent_likelihood, r.inherent_consequence)),
        ("Current", lambda r: scored(r.current_likelihood, r.current_consequence)),
        ("Band", lambda r: r.current_band),
        ("Target", lambda r: scored(r.target_likelihood, r.target_consequence)),
        ("Movement", lambda r: MOVEMENT.get(r.movement, r.movement)),
        ("Owner", lambda r: r.owner),
        ("Category", lambda r: r.category),
        ("Lead committee", lambda r: r.committee),
        ("Target date", lambda r: show_date(r.target_date)),
        ("Next review", lambda r: show_date(r.next_review_on)),
        ("Flags", lambda r: ", ".join(flags(r))),
    )
    (COL_REF, COL_TITLE, COL_INHERENT, COL_CURRENT, COL_BAND, COL_TARGET, COL_MOVEMENT,
     COL_OWNER, COL_CATEGORY, COL_COMMITTEE, COL_TARGET_DATE, COL_NEXT_REVIEW,
     COL_FLAGS) = range(13)
    ALWAYS_SHOWN = (COL_REF, COL_TITLE)  # the columns that say which risk a row is

    SORT_KEYS = {
        COL_REF: None,  # the reference key, cached by the model
        COL_TITLE: lambda r: r.title.lower(),
        COL_CATEGORY: lambda r: r.category.lower(),
        COL_OWNER: lambda r: (not r.owner, r.owner.lower()),
        COL_COMMITTEE: lambda r: (not r.committee, r.committee.lower()),
        COL_INHERENT: lambda r: _score_key(r.inherent_likelihood, r.inherent_consequence),
        COL_CURRENT: lambda r: _score_key(r.current_likelihood, r.current_consequence),
        COL_BAND: lambda r: _score_key(r.current_likelihood, r.current_consequence),
        COL_TARGET: lambda r: _score_key(r.target_likelihood, r.target_consequence),
        COL_TARGET_DATE: lambda r: _date_key(r.target_date),
        COL_MOVEMENT: lambda r: MOVEMENT_ORDER.get(r.movement, 9),
        COL_NEXT_REVIEW: lambda r: _date_key(r.next_review_on),
        COL_FLAGS: lambda r: -len(flags(r)),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scheme = DEFAULT_SCHEME
        self._colours: dict[str, tuple[QColor, QColor]] = {}
        self.haystack: dict[int, str] = {}  # risk id -> the text search looks in, lower case
        self._ref_keys: dict[int, tuple] = {}  # risk id -> natural sort key of its reference
        self.set_scheme(DEFAULT_SCHEME)

    def set_scheme(self, scheme: BandScheme) -> None:
        self.scheme = scheme
        self._colours = {}
        for band in scheme.bands:
            background = QColor(band.colour)
            self._colours[band.name] = (background, text_colour_on(background))

    def set_rows(self, rows) -> None:
        # The same fields the service searches, so the GUI and the command line agree.
        self.haystack = {r.id: "\x00".join((r.reference, r.title, r.cause, r.event,
                                            r.effect)).lower() for r in rows}
        self._ref_keys = {}
        super().set_rows(rows)

    def _index_text(self, row) -> None:
        self.haystack[row.id] = "\x00".join((row.reference, row.title, row.cause, row.event,
                                             row.effect)).lower()
        self._ref_keys.pop(row.id, None)

    def replace_row(self, row: int, new) -> None:
        self._index_text(new)
        super().replace_row(row, new)

    def insert_row(self, new, at: int | None = None) -> int:
        self._index_text(new)
        return super().insert_row(new, at)

    def sort_key(self, column: int):
        """The key :meth:`sort` orders rows by for ``column`` (None: it does not sort by it)."""
        if column not in self.SORT_KEYS:
            return None
        return self.SORT_KEYS[column] or self.ref_key

    def id_at(self, row: int) -> int:
        return self._rows[row].id

    def ref_key(self, row) -> tuple:
        """CR-2 before CR-10; worked out once per risk, as sorting asks for it often."""
        key = self._ref_keys.get(row.id)
        if key is None:
            key = self._ref_keys[row.id] = natural_key(row.reference)
        return key

    # ------------------------------------------------------------------------------ data
    def _band_of_cell(self, row, column: int) -> str:
        if column in (self.COL_CURRENT, self.COL_BAND):
            return row.current_band
        if column == self.COL_INHERENT:
            return row.inherent_band
        if column == self.COL_TARGET:
            return row.target_band
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(self._rows[index.row()], index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
                self.COL_INHERENT, self.COL_CURRENT, self.COL_TARGET):
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def _colour(self, row, column: int, role):
        band = self._colours.get(self._band_of_cell(row, column))
        if band is not None:
            return band[0] if role == Qt.ItemDataRole.BackgroundRole else band[1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return None
        if row.status != "open":
            return RETIRED_COLOUR
        if column in (self.COL_NEXT_REVIEW, self.COL_FLAGS) and row.review_overdue:
            return WARNING_COLOUR
        if column == self.COL_FLAGS and (row.above_appetite or row.overdue_actions):
            return WARNING_COLOUR
        if column == self.COL_MOVEMENT:
            return {"up": WARNING_COLOUR, "down": BETTER_COLOUR}.get(row.movement)
        return None

    def _tooltip(self, row, column: int) -> str | None:
        if column == self.COL_TITLE:
            parts = [f"Cause: {row.cause}" if row.cause else "",
                     f"Event: {row.event}" if row.event else "",
                     f"Effect: {row.effect}" if row.effect else ""]
            return "\n".join(p for p in [row.title, *parts] if p)
        band_name = self._band_of_cell(row, column)
        if band_name:
            band = self.scheme.band_named(band_name)
            return f"{band.name}: {band.action}\nOwned by: {band.owner}"
        if column == self.COL_MOVEMENT:
            was = f" (score then {row.score_at_last_review})" if row.score_at_last_review \
                else ""
            return MOVEMENT_TIPS.get(row.movement, "") + was
        if column == self.COL_FLAGS:
            return flag_tips(row) or None
        if row.status != "open":
            return f"Closed on {show_date(row.closed_on)}: {row.closed_reason}"
        if column in (self.COL_CATEGORY, self.COL_OWNER, self.COL_COMMITTEE):
            return self.display(row, column) or None  # the whole name, if the cell cuts it
        return None

    # ------------------------------------------------------------------------------ sort
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """One key per row (10,000 rows sort in milliseconds), keeping selections."""
        key = self.sort_key(column)
        if key is None:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_rows = [self._rows[index.row()] for index in kept]
        # Reference breaks ties, so equal keys keep a stable, sensible order.
        self._rows.sort(key=lambda r: (key(r), self.ref_key(r)),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        where = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(kept, [self.index(where[r.id], i.column())
                                              for r, i in zip(kept_rows, kept, strict=True)])
        self.layoutChanged.emit()


# ---------------------------------------------------------------------------------- filter


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows; every test is a cheap look at one row."""

    text: str = ""
    band: str | None = None  # band of the current score
    category_id: int | None = None
    owner_id: int | None = None
    committee_id: int | None = None
    corporate_only: bool = False
    overdue_review: bool = False
    above_appetite: bool = False
    overdue_actions: bool = False  # at least one action past its due date
    status: str | None = "open"  # "open", "closed", or None for every risk
    cell: tuple[str, int, int] | None = None  # ("current" or "target", likelihood, consequence)

    def accepts(self, row, haystack: str, *, ignore_cell: bool = False) -> bool:
        if self.status and row.status != self.status:
            return False
        if self.band and row.current_band != self.band:
            return False
        for value, wanted in ((row.category_id, self.category_id), (row.owner_id, self.owner_id),
                              (row.committee_id, self.committee_id)):
            if wanted is not None and value != wanted:
                return False
        if (self.corporate_only and not row.on_corporate_register) or \
                (self.overdue_review and not row.review_overdue) or \
                (self.above_appetite and not row.above_appetite) or \
                (self.overdue_actions and not row.overdue_actions):
            return False
        needle = self.text.strip().lower()
        if needle and needle not in haystack:
            return False
        return ignore_cell or self.cell is None or in_cell(row, *self.cell)

    def changed(self, **changes) -> RegisterFilter:
        return replace(self, **changes)


def in_cell(row, kind: str, likelihood: int, consequence: int) -> bool:
    return (getattr(row, f"{kind}_likelihood") == likelihood
            and getattr(row, f"{kind}_consequence") == consequence)


def cell_of(row, kind: str) -> tuple[int, int] | None:
    """The row's (likelihood, consequence) for its ``kind`` score, or None when unscored."""
    lik, con = getattr(row, f"{kind}_likelihood"), getattr(row, f"{kind}_consequence")
    return (lik, con) if lik and con else None


def cell_counts(rows, kind: str) -> list[list[int]]:
    """5×5 counts of ``rows`` by their ``kind`` score; rows without that score are left out."""
    counts = [[0] * 5 for _ in range(5)]
    for row in rows:
        cell = cell_of(row, kind)
        if cell is not None:
            counts[cell[0] - 1][cell[1] - 1] += 1
    return counts


def moved_counts(counts: list[list[int]], kind: str, old, new) -> list[list[int]]:
    """``counts`` after one row changed: ``old`` (the row as it was counted, or None when it
    was not) taken out of its cell, ``new`` (None when it no longer counts) added to its."""
    counts = [list(line) for line in counts]
    for row, step in ((old, -1), (new, 1)):
        cell = cell_of(row, kind) if row is not None else None
        if cell is not None:
            counts[cell[0] - 1][cell[1] - 1] += step
    return counts


class RiskFilterProxyModel(QSortFilterProxyModel):
    """Shows the rows a :class:`RegisterFilter` accepts; sorting is left to the source.

    Each change of filter or of all rows runs the filter once over every row in Python and
    keeps the ids it accepts; Qt's question per row is then a set lookup. A row changed or
    added alone is looked at alone.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = RegisterFilter()
        self._base: list | None = None  # rows accepted whatever their heat map cell
        self._accepted: set[int] | None = None

    def setSourceModel(self, model) -> None:
        # Connected before the base class connects: the cache is right before Qt asks.
        model.modelAboutToBeReset.connect(self._forget)
        model.dataChanged.connect(lambda top, bottom, *_: self._recheck(top.row(), bottom.row()))
        model.rowsInserted.connect(lambda _parent, first, last: self._recheck(first, last))
        model.rowsRemoved.connect(self._forget_base)
        super().setSourceModel(model)

    def _forget(self) -> None:
        self._base = self._accepted = None

    def _forget_base(self, *_args) -> None:
        self._base = None

    def _recheck(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` changed: decide for them alone."""
        if self._accepted is None:
            return  # worked out in full when Qt next asks
        model, state, cell = self.sourceModel(), self.state, self.state.cell
        for n in range(first, last + 1):
            row = model.row_at(n)
            if state.accepts(row, model.haystack.get(row.id, ""), ignore_cell=True) and (
                    cell is None or in_cell(row, *cell)):
                self._accepted.add(row.id)
            else:
                self._accepted.discard(row.id)
        self._base = None

    def _work_out(self) -> None:
        model, state = self.sourceModel(), self.state
        hay = model.haystack
        self._base = [r for r in model.rows()
                      if state.accepts(r, hay.get(r.id, ""), ignore_cell=True)]
        cell = state.cell
        self._accepted = {r.id for r in self._base if cell is None or in_cell(r, *cell)}

    def set_state(self, state: RegisterFilter) -> None:
        if state == self.state:
            return
        self.beginFilterChange()
        self.state = state
        self._forget()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, _parent=QModelIndex()) -> bool:
        if self._accepted is None:
            self._work_out()
        return self.sourceModel().id_at(source_row) in self._accepted

    def accepts_ignoring_cell(self, row) -> bool:
        """Whether the filter takes ``row`` whatever its heat map cell (what the heat map
        counts)."""
        return self.state.accepts(row, self.sourceModel().haystack.get(row.id, ""),
                                  ignore_cell=True)

    def matching_rows(self, *, ignore_cell: bool = False) -> list:
        """The source rows the filter accepts (optionally whatever their cell)."""
        if self._base is None:
            self._work_out()
        if ignore_cell:
            return list(self._base)
        return [r for r in self._base if r.id in self._accepted]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
        # Column -1 keeps the source's order; Descending there would reverse it again.
        super().sort(-1, Qt.SortOrder.AscendingOrder)

    def row_at(self, proxy_row: int):
        source = self.mapToSource(self.index(proxy_row, 0))
        return self.sourceModel().row_at(source.row())
