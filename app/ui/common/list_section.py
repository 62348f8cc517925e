"""The part every list section shares: a table over a :class:`RowTableModel` behind a
search/sort proxy, an optional search box, refresh that keeps the selection, selecting a
record by id, and narrow updates after one edit.

After a single-record edit a section calls :meth:`ListSection.update_row` with the record's
id: it asks the service for that one row (:meth:`load_row`) and puts it in the model
(``dataChanged`` for that row; a new record is inserted), so the proxy keeps its sort and
filter and 10,000 other rows are not read again. :meth:`refresh` still reloads everything.

Sections with records that are retired rather than deleted build on
:class:`app.ui.common.record_view.RecordListView`, which adds add/edit/retire/reinstate.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QToolButton

from app.ui.common.errors import show_error
from app.ui.common.section import SectionWidget
from app.ui.common.table_model import RowTableModel, SearchProxyModel

RETIRED_COLOUR = QColor("#808080")  # retired records and past memberships are dimmed


def make_table(proxy, name: str) -> QTableView:
    """A read-only, sortable, whole-row table as every section uses it."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    # Size columns from a sample of rows: measuring thousands of rows (the audit trail) asks
    # the model for every role of every cell and takes about a second.
    table.horizontalHeader().setResizeContentsPrecision(60)
    return table


def fit_columns(table: QTableView, stretch: int, widest: int = 260) -> None:
    """Columns as wide as their contents (up to ``widest``), one taking the spare width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column) + 8, widest))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(False)
    return button


def search_box(placeholder: str, name: str = "search") -> QLineEdit:
    box = QLineEdit(placeholderText=placeholder)
    box.setObjectName(name)
    box.setClearButtonEnabled(True)
    return box


class ListSection(SectionWidget):
    """A section whose heart is one table of records. Call :meth:`init_list` in ``__init__``;
    override :meth:`load_rows` (everything) and :meth:`load_row` (one record)."""

    model: RowTableModel
    proxy: QSortFilterProxyModel
    table: QTableView
    search: QLineEdit | None = None

    def init_list(self, model: RowTableModel, table_name: str, *,
                  proxy: QSortFilterProxyModel | None = None,
                  search: str | None = None) -> None:
        """The model, its proxy (a :class:`SearchProxyModel` unless given) and the table; with
        ``search`` a search box with that placeholder, wired to the proxy's text filter."""
        self.model = model
        self.proxy = proxy if proxy is not None else SearchProxyModel(self)
        self.proxy.setSourceModel(model)
        self.table = make_table(self.proxy, table_name)
        if search is not None:
            self.search = search_box(search)
            self.search.textChanged.connect(self.proxy.setFilterFixedString)

    # ------------------------------------------------------------------------------ rows
    def load_rows(self) -> list:
        """Every row the section shows, from the services."""
        raise NotImplementedError

    def load_row(self, record_id):
        """One record's row as the list shows it, or None to reload the whole list."""
        return None

    def keeps(self, row) -> bool:
        """Whether ``row`` still belongs in the list as its filters stand (an action closed
        while the list shows open ones does not)."""
        return True

    def rows_loaded(self) -> None:
        """After the rows changed (all of them, or one): update counts, buttons, details."""

    def refresh(self) -> None:
        """Reload every row, keeping the selection."""
        selected = self.selected_row()
        try:
            rows = self.load_rows()
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        if selected is not None:
            self.select_id(self.model.row_id(selected))
        self.rows_loaded()

    def update_row(self, record_id, *, select: bool = True) -> None:
        """One record changed: read its row again and put it in place of the old one."""
        try:
            row = self.load_row(record_id)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        if row is None:
            self.refresh()
            if select:
                self.select_id(record_id)
            return
        self.put_row(row, select=select)

    def put_row(self, row, *, select: bool = True) -> None:
        """``row`` as newly read: in place of its old row, added, or taken out when the
        list's filters no longer take it."""
        if not self.keeps(row):
            self.model.drop_id(self.model.row_id(row))
        else:
            self.model.put_row(row)
            if select:
                self.select_id(self.model.row_id(row))
        self.rows_loaded()

    # --------------------------------------------------------------------------- selection
    def selected_row(self):
        selection = self.table.selectionModel()
        indexes = selection.selectedRows() if selection is not None else []
        return self.proxy.row_at(indexes[0].row()) if indexes else None

    def select_id(self, record_id) -> bool:
        """Select the record's row (if the filters show it) and scroll to it."""
        source_row = self.model.position_of(record_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True
