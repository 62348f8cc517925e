"""The first rows of a register being imported, as the file has them.

Columns the import leaves out are grey; after a check, each cell with a problem is filled
pale red with the problem as its tip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

PROBLEM_FILL, IGNORED_TEXT = QColor("#fbe3e6"), QColor("#8a8a8a")
WIDEST = 260  # pixels: a long description is cut, the tip and the map show it whole


def column_index(mapping, heading: str) -> int | None:
    """The 0-based column with this heading (as a Problem names it), or None."""
    return next((c.index for c in mapping.columns if c.heading == heading), None)


class PreviewRowsTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("previewRows")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.numbers: list[int] = []  # the spreadsheet's number of each row shown

    def show_preview(self, preview) -> None:
        columns = preview.mapping.columns if preview else ()
        rows = preview.rows if preview else ()
        self.clear()
        self.setColumnCount(len(columns))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels([c.heading or c.letter for c in columns])
        self.numbers = [n for n, _cells in rows]
        self.setVerticalHeaderLabels([str(n) for n in self.numbers])
        for r, (_n, cells) in enumerate(rows):
            for c, text in enumerate(cells[:len(columns)]):
                item = QTableWidgetItem(text.replace("\n", " ⏎ "))
                item.setToolTip(text if len(text) > 40 else "")
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        for c in range(len(columns)):
            self.setColumnWidth(c, min(self.columnWidth(c), WIDEST))

    def _items(self):
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                if item is not None:
                    yield c, item

    def grey_ignored(self, mapping) -> None:
        ignored = {c.index for c in mapping.columns if c.field is None}
        for c, item in self._items():
            item.setData(Qt.ItemDataRole.ForegroundRole,
                         QBrush(IGNORED_TEXT) if c in ignored else None)

    def mark_problems(self, problems, mapping) -> None:
        for _c, item in self._items():
            if item.background().color() == PROBLEM_FILL:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                item.setToolTip("")
        for problem in problems:
            item = self.cell_of(problem, mapping)
            if item is not None:
                item.setBackground(PROBLEM_FILL)
                item.setToolTip(problem.reason)

    def cell_of(self, problem, mapping) -> QTableWidgetItem | None:
        column = column_index(mapping, problem.field)
        if problem.row not in self.numbers or column is None:
            return None
        return self.item(self.numbers.index(problem.row), column)
