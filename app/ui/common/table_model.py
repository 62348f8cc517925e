"""Qt table models over read models (frozen dataclass rows), and the shared filter proxy.

A model holds rows, never sessions. Subclasses declare ``COLUMNS``: (heading, function of a row)
pairs; ``COL_*`` constants name positions. ``set_rows`` replaces everything inside a model reset;
``put_row`` changes one record in place (``dataChanged`` for its row, or an insert for a new one),
so a view and its sort/filter proxy keep their state after one edit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from app.ui.common.forms import show_date


class RowTableModel(QAbstractTableModel):
    COLUMNS: ClassVar[Sequence[tuple[str, Callable[[Any], Any]]]] = ()
    # Columns holding a date, shown as a board secretary writes it (1 Apr 2012) and sorted
    # as a date.
    DATE_COLUMNS: ClassVar[tuple[int, ...]] = ()
    RowRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    # -- data in and out
    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row]

    def replace_row(self, row: int, new) -> None:
        """One row changed: tell the views about that row only."""
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_row(self, new, at: int | None = None) -> int:
        """A new row (at the end unless ``at`` says where); returns its position."""
        at = len(self._rows) if at is None else at
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, new)
        self.endInsertRows()
        return at

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def row_id(self, row) -> Any:
        """What identifies a row's record; rows with the same id are the same record."""
        return row.id

    def position_of(self, record_id) -> int:
        """The position of the record's row, or -1."""
        return self.find(lambda r: self.row_id(r) == record_id)

    def order_key(self, row) -> Any:
        """The key the service lists rows by, for a model shown in the service's order
        (the proxy left unsorted); None: no order to keep, a new row goes at the end."""
        return None

    def put_row(self, new) -> int:
        """The record as newly read: replaces its row, or adds it when it is not shown yet;
        with an :meth:`order_key`, a row whose key changed moves to its place in that order.
        Returns its position."""
        at = self.position_of(self.row_id(new))
        key = self.order_key(new)
        if at >= 0 and (key is None or self.order_key(self._rows[at]) == key):
            self.replace_row(at, new)
            return at
        if key is None:
            return self.insert_row(new)
        if at >= 0:
            self.remove_row(at)
        return self.insert_row(new, bisect_left(self._rows, key, key=self.order_key))

    def drop_id(self, record_id) -> bool:
        """Take the record's row out (it no longer belongs in the list)."""
        at = self.position_of(record_id)
        if at >= 0:
            self.remove_row(at)
        return at >= 0

    def find(self, predicate) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # -- Qt
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][0]
        return None

    def display(self, row, column: int):
        value = self.COLUMNS[column][1](row)
        if value is None:
            return ""
        if column in self.DATE_COLUMNS:
            return show_date(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == self.SortRole:
            value = self.COLUMNS[index.column()][1](row)
            return "" if value is None else value
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None

    def foreground(self, row):
        return None


class SearchProxyModel(QSortFilterProxyModel):
    """Text search over every column, plus any number of named row predicates."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(RowTableModel.SortRole)
        self._predicates: dict[str, Callable[[Any], bool]] = {}

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        self.begin_filter_change()
        if predicate is None:
            self._predicates.pop(name, None)
        else:
            self._predicates[name] = predicate
        self.end_filter_change()

    def begin_filter_change(self) -> None:
        # Qt 6.9 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def end_filter_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        row = model.row_at(source_row)
        if not all(p(row) for p in self._predicates.values()):
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left, right) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def row_at(self, proxy_row: int):
        source = self.mapToSource(self.index(proxy_row, 0))
        return self.sourceModel().row_at(source.row())
