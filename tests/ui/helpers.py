"""Reading widgets as a user sees them."""

from __future__ import annotations


def column_texts(table, column: int) -> list[str]:
    """The text shown in one column of a table view, top to bottom."""
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def row_texts(table, row: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for column in range(model.columnCount())]


def row_where(table, column: int, text: str) -> list[str]:
    """The cells of the first row whose ``column`` shows ``text``."""
    return row_texts(table, column_texts(table, column).index(text))


def select_text(view, column: int, text: str) -> None:
    """Click the row showing ``text`` in ``column`` (as a user selecting it)."""
    table = view.table
    row = column_texts(table, column).index(text)
    table.selectRow(row)
