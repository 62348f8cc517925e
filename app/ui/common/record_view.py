"""A section that lists one kind of record: search, show retired, add, edit, retire, reinstate,
and undo.

Subclasses say how to read the rows and call their services (``load_rows``, ``make_editor``,
``save_values``, ``retire``, ``reinstate``); this class does the rest the same way everywhere,
so people, bodies and (later) risks behave alike. Records are retired, never deleted: they stay
in the minutes and in the trail.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from app.ui.common.errors import show_error
from app.ui.common.list_section import (  # noqa: F401  (shared helpers, imported from here too)
    RETIRED_COLOUR,
    ListSection,
    fit_columns,
    make_table,
    tool_button,
)
from app.ui.common.table_model import RowTableModel
from app.ui.common.undo import LatestRows, SavedChange


class RecordListView(ListSection):
    NOUN = "record"          # "person", "body": used in button labels and tips
    PLURAL = "records"
    MODEL: type[RowTableModel] = RowTableModel
    STRETCH_COLUMN = 0
    # The row type ``load_row`` reads: a step that saves one of these updates its row only;
    # any other (a membership shown beside a body) reloads the list. None: always reload.
    ROW: type | None = None

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.undo_stack = QUndoStack(self)
        self.latest_rows = LatestRows()
        self.init_list(self.MODEL(self), f"{self.NOUN}Table", search=f"Search {self.PLURAL}…")
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
    def rows_loaded(self) -> None:
        self._on_selection_changed()

    def load_row(self, record_id):
        return None if self.ROW is None else self.get_row(record_id)

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
        self._after_save(after)
        self.select_id(after.id)
        self.status_message.emit(f"Saved {self.describe(after)}.")

    def _after_save(self, row, *, select: bool = True) -> None:
        """``row`` was saved: update its row only when it is one of the list's own."""
        if self.ROW is not None and isinstance(row, self.ROW):
            self.update_row(row.id, select=select)
        else:
            self.refresh()

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
        self._after_save(after)
        self.status_message.emit(f"{text}: done.")

    def push_change(self, text: str, row, *, undo, redo) -> None:
        self.latest_rows.remember(row)
        self.undo_stack.push(SavedChange(text, row, undo=self.latest_rows.tracked(undo),
                                         redo=self.latest_rows.tracked(redo),
                                         on_changed=self.refresh,
                                         on_saved=lambda row: self._after_save(row, select=False),
                                         on_error=lambda exc: show_error(self, exc)))

    # ------------------------------------------------------------------ subclass services
    def describe(self, row) -> str:
        return row.name

    def get_row(self, record_id):
        """One record's row from the services (used when ``ROW`` is set)."""
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
