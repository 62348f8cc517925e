"""Risks: the register with its filters and heat map, and what a board secretary does to one
risk from it — open it, rescore it, mark it reviewed, close or reopen it — with undo where
undoing makes sense (a review is a fact that happened, so it is not undone).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QSplitter,
    QVBoxLayout,
)

from app.domain.risk import BandScheme
from app.services.risks import register as risk_register
from app.ui.common.errors import show_error
from app.ui.common.forms import show_date
from app.ui.common.heat_map import HeatMapWidget
from app.ui.common.list_section import ListSection, tool_button
from app.ui.risks.changes import RiskUndoStack, close, mark_reviewed, reopen, rescore
from app.ui.risks.files import RiskFiles
from app.ui.risks.filter_bar import RiskFilterBar
from app.ui.risks.register_model import (
    RegisterFilter,
    RiskFilterProxyModel,
    RiskRegisterTableModel,
    cell_counts,
    cell_of,
    moved_counts,
)

M = RiskRegisterTableModel
# Each column is as wide as a typical value (or its heading); measuring 10,000 rows is not
# an option, and the user can drag any column wider.
WIDTH_SAMPLES = {
    M.COL_REF: "CR-0000", M.COL_TITLE: "Financial targets not achieved by the",
    M.COL_CATEGORY: "Organisational", M.COL_OWNER: "Chief Finance Officer",
    M.COL_COMMITTEE: "Governing Body", M.COL_INHERENT: "4 × 5 = 20",
    M.COL_CURRENT: "4 × 5 = 20", M.COL_BAND: "Moderate", M.COL_TARGET: "4 × 5 = 20",
    M.COL_TARGET_DATE: "30 Sep 2013", M.COL_MOVEMENT: "→ Same",
    M.COL_NEXT_REVIEW: "30 Sep 2013", M.COL_FLAGS: "Corporate, Above appetite",
}
HIDDEN_KEY = "risks/hiddenColumns"


@dataclass(frozen=True)
class RegisterPage:
    generation: int
    rows: list
    scheme: BandScheme
    categories: list  # (id, name)


def _pairs(rows, id_field: str, name_field: str) -> list[tuple[int, str]]:
    found = {getattr(r, id_field): getattr(r, name_field) for r in rows
             if getattr(r, id_field) is not None}
    return sorted(found.items(), key=lambda pair: pair[1].lower())


def _who(row) -> tuple:
    return row.owner_id, row.owner, row.committee_id, row.committee


def stack_action(parent, verb: str, slot, can_changed, text_changed) -> QAction:
    """A short-named Undo or Redo button; what it would undo shows in its tip."""
    action = QAction(verb, parent)
    action.setEnabled(False)
    action.triggered.connect(slot)
    can_changed.connect(action.setEnabled)
    text_changed.connect(lambda text: action.setToolTip(f"{verb} {text}".strip()))
    return action


class RisksView(ListSection):
    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.undo_stack = RiskUndoStack(self)
        # An undo or redo step changes one risk: its row is read again, not the register.
        self.undo_stack.row_saved.connect(lambda row: self.update_row(row.id, select=False))
        self.undo_stack.failed.connect(self._on_undo_failed)
        self.init_list(RiskRegisterTableModel(self), "riskTable", proxy=RiskFilterProxyModel(self))
        self._categories: list = []  # (id, name), as the last full load found them
        self.filters = RiskFilterBar()
        self.heat_map = HeatMapWidget()
        self.editor = None  # the dialog open now, if any
        self._closed_dialog = None  # the last one closed; deleted when the next one closes
        self._generation = 0
        self._build_actions()
        self._build_layout()
        self._tune_table()
        self.refresh()

    # ---------------------------------------------------------------------------- building
    def _action(self, text: str, slot, tip: str, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("New risk…", self.new_risk, "Raise a new risk (Ctrl+N)",
                                       "Ctrl+N")
        self.open_action = self._action("Open…", self.open_selected,
                                        "Open the selected risk (Enter or double-click)")
        self.rescore_action = self._action("Rescore…", self.rescore_selected,
                                           "Record a new score for the selected risk, with why")
        self.review_action = self._action("Mark reviewed", self.mark_selected_reviewed,
                                          "Record that the risk was reviewed today; the next "
                                          "review falls due after its review frequency")
        self.close_action = self._action("Close risk…", self.close_or_reopen_selected,
                                         "Close the selected risk, or reopen a closed one")
        self.settings_action = self._action("Settings…", self.open_settings,
                                            "Bands, categories and appetite, strategic "
                                            "objectives")
        stack = self.undo_stack
        self.undo_action = stack_action(self, "Undo", stack.undo, stack.canUndoChanged,
                                        stack.undoTextChanged)
        self.redo_action = stack_action(self, "Redo", stack.redo, stack.canRedoChanged,
                                        stack.redoTextChanged)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        for action in (self.new_action, self.open_action, self.rescore_action,
                       self.review_action, self.close_action, self.undo_action,
                       self.redo_action):
            bar.addWidget(tool_button(action))
        bar.addStretch(1)
        self.files = RiskFiles(self)  # Import…, Export…, Report PDF
        for button in self.files.buttons():
            bar.addWidget(button)
        bar.addWidget(tool_button(self.settings_action))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("risksSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.heat_map)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([1000, 300])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self._apply)
        self.heat_map.cell_changed.connect(self._on_heat_map_cell_changed)
        self.heat_map.kind_changed.connect(lambda _kind: self._apply(
            self.proxy.state.changed(cell=None)))
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _tune_table(self) -> None:
        # Fixed row heights: Qt never measures rows, whatever the size of the register.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)  # reference and title stay first
        metrics = self.table.fontMetrics()
        for column, sample in WIDTH_SAMPLES.items():
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                             metrics.horizontalAdvance(heading) + 12) + 16)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        for column in QSettings().value(HIDDEN_KEY, [], type=list) or []:
            if int(column) not in M.ALWAYS_SHOWN:
                self.table.setColumnHidden(int(column), True)
        self.table.sortByColumn(M.COL_REF, Qt.SortOrder.AscendingOrder)

    def _on_header_menu(self, pos) -> None:
        """Hide or show columns; reference and title always stay, to say which risk is which."""
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column not in M.ALWAYS_SHOWN)
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def set_column_shown(self, column: int, shown: bool) -> None:
        if column in M.ALWAYS_SHOWN:
            return
        self.table.setColumnHidden(column, not shown)
        hidden = [c for c in range(self.model.columnCount()) if self.table.isColumnHidden(c)]
        QSettings().setValue(HIDDEN_KEY, hidden)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_selected()
            return True
        return super().eventFilter(watched, event)

    # ----------------------------------------------------------------------------- loading
    def refresh(self) -> None:
        """Load the whole register (open and closed) off the GUI thread; filters then work
        on the rows in memory, so changing one costs no query."""
        self._generation += 1
        generation, ctx = self._generation, self.ctx

        def load(report, cancelled) -> RegisterPage:
            found = ctx.run(risk_register.get_register_contents)
            return RegisterPage(generation, found.rows, found.scheme, found.categories)

        self.runner.run(load, on_done=self._on_loaded, on_error=self._on_load_failed)

    def _on_undo_failed(self, exc) -> None:
        show_error(self, exc)
        self.refresh()  # someone else changed the risk: show it as it is now

    def _on_load_failed(self, exc) -> None:
        show_error(self, exc)

    def _on_loaded(self, page: RegisterPage) -> None:
        if page.generation != self._generation:
            return  # a newer load is on its way
        selected = self.selected_row()
        keep = selected.id if selected else None
        self.model.set_scheme(page.scheme)
        self.heat_map.set_scheme(page.scheme)
        self.model.set_rows(page.rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._categories = page.categories
        self._fill_choices()
        if keep is not None:
            self.select_id(keep)
        self._after_filter()

    def _fill_choices(self) -> None:
        rows = self.model.rows()
        self.filters.fill_choices([b.name for b in self.model.scheme.bands], self._categories,
                                  _pairs(rows, "owner_id", "owner"),
                                  _pairs(rows, "committee_id", "committee"))

    # ------------------------------------------------------------------------- one risk
    def load_row(self, record_id: int):
        return self.ctx.run(risk_register.get_risk_row, risk_id=record_id)

    def put_row(self, row, *, select: bool = True) -> None:
        """One risk as newly saved: its row changes in place; the register is sorted again
        only if the risk's place in the order moved, and the owner and committee choices
        are worked out again only if the risk's own changed."""
        at = self.model.position_of(row.id)
        old = self.model.row_at(at) if at >= 0 else None
        counted = old if old is not None and self.proxy.accepts_ignoring_cell(old) else None
        super().put_row(row, select=select)
        # The heat map moves this one risk from its old cell to its new one; counting every
        # row again took as long as the rest of the update together.
        kind = self.heat_map.kind()
        self.heat_map.set_counts(moved_counts(
            self.heat_map.counts(), kind, counted,
            row if self.proxy.accepts_ignoring_cell(row) else None))
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        key = self.model.sort_key(column)
        if key is not None and (old is None or key(old) != key(row)):
            self.model.sort(column, order)
        if old is None or _who(old) != _who(row):
            self._fill_choices()

    def rows_loaded(self) -> None:
        self._after_filter(recount=False)  # put_row moves the one row's heat map count

    # ----------------------------------------------------------------------------- filters
    def _apply(self, state: RegisterFilter) -> None:
        self.proxy.set_state(state)
        self.filters.set_state(state)
        if state.cell is not None:
            self.heat_map.set_kind(state.cell[0])
        self.heat_map.set_cell(state.cell[1:] if state.cell else None)
        self._after_filter()

    def _on_heat_map_cell_changed(self, cell) -> None:
        self._apply(self.proxy.state.changed(
            cell=(self.heat_map.kind(), *cell) if cell else None))

    def _after_filter(self, *, recount: bool = True) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.filters.count.setText(f"{shown:,} of {total:,} risk{'s' if total != 1 else ''}")
        if recount:
            rows = self.proxy.matching_rows(ignore_cell=True)
            self.heat_map.set_counts(cell_counts(rows, self.heat_map.kind()))
        self._on_selection_changed()

    def show_filtered(self, *, likelihood: int | None = None, consequence: int | None = None,
                      kind: str = "current", risk_id: int | None = None, **filters) -> None:
        """Show only the risks other screens ask for (the dashboard's "overdue reviews", a
        heat map cell of a report); every filter not named is cleared."""
        known = {k: v for k, v in filters.items() if k in RegisterFilter.__dataclass_fields__}
        cell = (kind, likelihood, consequence) if likelihood and consequence else None
        if cell is None:
            self.heat_map.set_kind(kind)
        self._apply(RegisterFilter(**{**known, "cell": cell}))
        if risk_id is not None:
            self.select_id(risk_id)

    # --------------------------------------------------------------------------- selection
    def _on_selection_changed(self, *_args) -> None:
        row = self.selected_row()
        is_open = row is not None and row.status == "open"
        self.open_action.setEnabled(row is not None)
        self.rescore_action.setEnabled(is_open)
        self.review_action.setEnabled(is_open)
        self.close_action.setEnabled(row is not None)
        self.close_action.setText("Reopen risk" if row is not None and not is_open
                                  else "Close risk…")

    # ------------------------------------------------------------------------------- acts
    def new_risk(self) -> None:
        self._open_editor(None)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open_editor(row)

    def _open_editor(self, row) -> None:
        from app.ui.risks.editor import RiskEditorDialog

        # open(), not exec(): modal to the window, yet the window keeps painting.
        self.editor = RiskEditorDialog(self.ctx, row, undo_stack=self.undo_stack, parent=self)
        self.editor.risk_saved.connect(self._on_risk_saved)
        self.editor.finished.connect(self._on_editor_finished)
        self.editor.open()

    def _on_editor_finished(self, _result: int) -> None:
        # Kept until the next one closes (tests and slots may still look at it), so closed
        # dialogs do not pile up under the view.
        if self._closed_dialog is not None:
            self._closed_dialog.deleteLater()
        self._closed_dialog, self.editor = self.editor, None

    def _on_risk_saved(self, row) -> None:
        self.update_row(row.id)
        self.status_message.emit(f"Saved {row.reference}.")

    def open_settings(self) -> None:
        from app.ui.risks.settings_dialog import RiskSettingsDialog

        self.editor = RiskSettingsDialog(self.ctx, self)
        self.editor.settings_changed.connect(self.refresh)
        self.editor.finished.connect(self._on_editor_finished)
        self.editor.open()

    def _open_dialog(self, dialog, on_saved) -> None:
        self.editor = dialog
        dialog.saved.connect(on_saved)
        dialog.finished.connect(self._on_editor_finished)
        dialog.open()

    def rescore_selected(self) -> None:
        from app.ui.risks.dialogs import RescoreDialog

        row = self.selected_row()
        if row is not None and row.status == "open":
            self._open_dialog(RescoreDialog(self.ctx, row,
                                            self.model.scheme, self), self._on_rescored)

    def _on_rescored(self, before, after) -> None:
        dialog = self.editor
        kind, why = dialog.kind(), dialog.rationale.toPlainText().strip()
        old, new = cell_of(before, kind), cell_of(after, kind)
        text = f"Rescore {after.reference} ({kind} {new[0]} × {new[1]})"
        undo = (lambda cur: rescore(self.ctx, cur, kind, old, f"Undo of: {why}")) if old \
            else (lambda cur: cur)  # a first target score cannot be taken away
        self.undo_stack.push_change(text, after, undo=undo,
                                    redo=lambda cur: rescore(self.ctx, cur, kind, new, why))
        self._on_risk_saved(after)

    def mark_selected_reviewed(self) -> None:
        row = self.selected_row()
        if row is None or row.status != "open":
            return
        try:
            after = mark_reviewed(self.ctx, row)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.undo_stack.remember(after)
        self._on_risk_saved(after)
        self.status_message.emit(f"{after.reference} reviewed; next review due "
                                 f"{show_date(after.next_review_on)}.")

    def close_or_reopen_selected(self) -> None:
        from app.ui.risks.dialogs import CloseRiskDialog

        row = self.selected_row()
        if row is None:
            return
        if row.status == "open":
            self._open_dialog(CloseRiskDialog(self.ctx, row, self), self._on_closed)
            return
        try:
            after = reopen(self.ctx, row)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        reason = row.closed_reason
        self.undo_stack.push_change(f"Reopen {after.reference}", after,
                                    undo=lambda cur: close(self.ctx, cur, reason),
                                    redo=lambda cur: reopen(self.ctx, cur))
        self._on_risk_saved(after)

    def _on_closed(self, _before, after) -> None:
        reason = after.closed_reason
        self.undo_stack.push_change(f"Close {after.reference}", after,
                                    undo=lambda cur: reopen(self.ctx, cur),
                                    redo=lambda cur: close(self.ctx, cur, reason))
        self._on_risk_saved(after)
