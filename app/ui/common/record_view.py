"""A section that lists one kind of record: search, show retired, add, edit, retire, reinstate,
and undo.

Subclasses say how to read the rows and call their services (``load_rows``, ``make_editor``,
``save_values``, ``retire``, ``reinstate``); this class does the rest the same way everywhere,
so people, bodies and (later) risks behave alike. Records are retired, never deleted: they stay
in the minutes and in the trail.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.errors import show_error
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.common.undo import LatestRows, SavedChange

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


class RecordListView(QWidget):
    navigate_requested = Signal(str, dict)
    status_message = Signal(str)

    NOUN = "record"          # "person", "body": used in button labels and tips
    PLURAL = "records"
    MODEL: type[RowTableModel] = RowTableModel
    STRETCH_COLUMN = 0

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.undo_stack = QUndoStack(self)
        self.latest_rows = LatestRows()
        self.model = self.MODEL(self)
        self.proxy = SearchProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, f"{self.NOUN}Table")
        self.editor = None  # the editor dialog open now, if any
        self._build_actions()
        self._build_layout()
        self.proxy.set_predicate("active", lambda row: row.retired_on is None)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.refresh()
        fit_columns(self.table, self.STRETCH_COLUMN)

    # ---------------------------------------------------------------------------- building
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide, yet only the section on show answers: Qt ignores the shortcuts
            # of hidden widgets, so every section can use Ctrl+N for its own "add".
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        noun = self.NOUN
        self.add_action = self._action(f"Add {noun}…", self.add_record, "Ctrl+N",
                                       f"Add a {noun} (Ctrl+N)")
        self.edit_action = self._action("Edit…", self.edit_selected, None,
                                        f"Edit the selected {noun} (Enter or double-click)")
        self.retire_action = self._action("Retire", self.retire_selected, None,
                                          f"Retire the selected {noun}; the record is kept")
        self.reinstate_action = self._action("Reinstate", self.reinstate_selected)
        self.undo_action = self._stack_action("Undo", self.undo_stack.undo,
                                              self.undo_stack.canUndoChanged,
                                              self.undo_stack.undoTextChanged)
        self.redo_action = self._stack_action("Redo", self.undo_stack.redo,
                                              self.undo_stack.canRedoChanged,
                                              self.undo_stack.redoTextChanged)

    def _stack_action(self, verb: str, slot, can_changed, text_changed) -> QAction:
        """A short-named button for the stack; what it would undo shows in its tip (the
        stack's own actions put the whole description on the button and widen the bar)."""
        action = QAction(verb, self)
        action.setEnabled(False)
        action.triggered.connect(slot)
        can_changed.connect(action.setEnabled)
        text_changed.connect(lambda text: action.setToolTip(f"{verb} {text}".strip()))
        return action

    def _build_layout(self) -> None:
        self.search = QLineEdit(placeholderText=f"Search {self.PLURAL}…")
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_retired = QCheckBox("Show retired")
        self.show_retired.setObjectName("showRetired")
        self.show_retired.toggled.connect(self._on_show_retired_toggled)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_retired)
        for action in (self.add_action, self.edit_action, self.retire_action,
                       self.reinstate_action, self.undo_action, self.redo_action):
            bar.addWidget(tool_button(action))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.build_body(), 1)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def build_body(self) -> QWidget:
        """The table, or the table beside a detail panel (subclasses)."""
        return self.table

    def eventFilter(self, watched, event) -> bool:
        # Enter opens the selected record, as double-click does.
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------ rows
    def refresh(self) -> None:
        selected = self.selected_row()
        try:
            rows = self.load_rows()
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        if selected is not None:
            self.select_id(selected.id)
        self._on_selection_changed()

    def selected_row(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(indexes[0].row()) if indexes else None

    def select_id(self, record_id: int) -> bool:
        source_row = self.model.find(lambda r: r.id == record_id)
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

    def _on_show_retired_toggled(self, on: bool) -> None:
        self.proxy.set_predicate("active", None if on else lambda row: row.retired_on is None)

    def _on_selection_changed(self, *_args) -> None:
        row = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.retire_action.setEnabled(row is not None and row.retired_on is None)
        self.reinstate_action.setEnabled(row is not None and row.retired_on is not None)
        self.selection_changed(row)

    def selection_changed(self, row) -> None:
        """Subclasses update their detail panel here."""

    # ----------------------------------------------------------------------------- editing
    def add_record(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open_editor(row)

    def _open_editor(self, row) -> None:
        # open(), not exec(): the dialog is modal to this window but does not block, so the
        # window keeps painting and tests can fill the dialog in.
        self.editor = self.make_editor(row)
        self.editor.saved.connect(self._on_editor_saved)
        self.editor.finished.connect(self._on_editor_finished)
        self.editor.open()

    def _on_editor_finished(self, _result: int) -> None:
        self.editor = None

    def _on_editor_saved(self, before, after) -> None:
        if before is None:
            text = f"Add {self.describe(after)}"
            self.push_change(text, after, undo=self.retire, redo=self.reinstate)
        else:
            text = f"Edit {self.describe(after)}"
            self.push_change(text, after, undo=lambda cur: self.save_values(cur, before),
                             redo=lambda cur: self.save_values(cur, after))
        self.refresh()
        self.select_id(after.id)
        self.status_message.emit(f"Saved {self.describe(after)}.")

    def retire_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.retired_on is not None:
            return
        self._change_now(f"Retire {self.describe(row)}", row, self.retire, self.reinstate)

    def reinstate_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.retired_on is None:
            return
        self._change_now(f"Reinstate {self.describe(row)}", row, self.reinstate, self.retire)

    def _change_now(self, text: str, row, do, undo) -> None:
        try:
            after = do(row)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.push_change(text, after, undo=undo, redo=do)
        self.refresh()
        self.status_message.emit(f"{text}: done.")

    def push_change(self, text: str, row, *, undo, redo) -> None:
        self.latest_rows.remember(row)
        self.undo_stack.push(SavedChange(text, row, undo=self.latest_rows.tracked(undo),
                                         redo=self.latest_rows.tracked(redo),
                                         on_changed=self.refresh,
                                         on_error=lambda exc: show_error(self, exc)))

    # ------------------------------------------------------------------ subclass services
    def describe(self, row) -> str:
        return row.name

    def load_rows(self) -> list:
        raise NotImplementedError

    def make_editor(self, row):
        """A dialog with a ``saved(before, after)`` signal that saves through the services."""
        raise NotImplementedError

    def save_values(self, current, values):
        """Save ``values`` (a row) over the record as ``current`` left it; return the new row."""
        raise NotImplementedError

    def retire(self, row):
        raise NotImplementedError

    def reinstate(self, row):
        raise NotImplementedError
