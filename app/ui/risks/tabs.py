"""The risk editor's detail tabs: controls, assurances, gaps, actions, the score history with
escalations, and the strategic objectives the risk threatens (the board assurance framework).

Each list tab adds, edits and removes rows through the services; a removal asks first, and
the audit trail keeps what was removed. After any change the tabs say ``changed`` and the
editor reloads the risk.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.risks import detail as risks_detail
from app.services.risks import risks
from app.ui.common.errors import show_error
from app.ui.common.record_view import fit_columns, make_table
from app.ui.common.risk_grid import text_colour_on
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.risks.detail_dialogs import (
    ActionDialog,
    AssuranceDialog,
    ControlDialog,
    GapDialog,
    line_name,
)
from app.ui.risks.register_model import WARNING_COLOUR


class ControlsTableModel(RowTableModel):
    COLUMNS = (("Control", lambda r: r.description), ("Type", lambda r: r.control_type),
               ("Effectiveness", lambda r: r.effectiveness))


class AssurancesTableModel(RowTableModel):
    COLUMNS = (("Line of defence", lambda r: line_name(r.line_of_defence)),
               ("Assurance", lambda r: r.description),
               ("Positive or negative", lambda r: "Positive" if r.positive else "Negative"),
               ("Source", lambda r: r.source), ("Received", lambda r: r.received_on))
    DATE_COLUMNS = (4,)

    def foreground(self, row):
        return None if row.positive else WARNING_COLOUR


class GapsTableModel(RowTableModel):
    COLUMNS = (("Gap in", lambda r: r.kind), ("Gap", lambda r: r.description))


class ActionsTableModel(RowTableModel):
    COLUMNS = (("Action", lambda r: r.description), ("Owner", lambda r: r.owner),
               ("Due", lambda r: r.due_on),
               ("Status", lambda r: f"{r.status.capitalize()}{' — overdue' if r.overdue else ''}"),
               ("Completed", lambda r: r.completed_on))
    DATE_COLUMNS = (2, 4)

    def foreground(self, row):
        return WARNING_COLOUR if row.overdue else None


class HistoryTableModel(RowTableModel):
    COLUMNS = (("Date", lambda r: r.scored_on), ("Score", lambda r: r.kind.capitalize()),
               ("L", lambda r: r.likelihood), ("C", lambda r: r.consequence),
               ("L × C", lambda r: r.score), ("Band", lambda r: r.band),
               ("Who", lambda r: r.scored_by), ("Why", lambda r: r.rationale),
               ("Occasion", lambda r: r.source))
    DATE_COLUMNS = (0,)
    COL_BAND = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.colours: dict[str, QColor] = {}

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.COL_BAND and role in (
                Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colour = self.colours.get(self.row_at(index.row()).band)
            if colour is not None:
                return colour if role == Qt.ItemDataRole.BackgroundRole \
                    else text_colour_on(colour)
        return super().data(index, role)


class EscalationsTableModel(RowTableModel):
    COLUMNS = (("Date", lambda r: r.occurred_on), ("What", lambda r: r.direction.capitalize()),
               ("Score", lambda r: r.score), ("Who", lambda r: r.recorded_by),
               ("Why", lambda r: r.reason))
    DATE_COLUMNS = (0,)


class ObjectivesTableModel(RowTableModel):
    COLUMNS = (("Code", lambda r: r.code), ("Strategic objective", lambda r: r.title))


def table_for(model: RowTableModel, name: str, stretch: int):
    proxy = SearchProxyModel(model)
    proxy.setSourceModel(model)
    table = make_table(proxy, name)
    # The services' order (oldest first; assurances by line of defence) says something:
    # make_table sorts by the first column, so undo that.
    table.setSortingEnabled(False)
    proxy.sort(-1)
    table.stretch_column = stretch
    return table


class RowsTab(QWidget):
    """A list of one kind of row with Add, Edit and Remove."""

    changed = Signal()

    def __init__(self, ctx, noun: str, model: RowTableModel, dialog, remove, stretch: int,
                 parent=None):
        super().__init__(parent)
        self.ctx, self.noun, self.model = ctx, noun, model
        model.setParent(self)  # Qt, not Python's collector, decides when it goes
        self.make_dialog, self.remove_service = dialog, remove
        self.risk, self.detail, self.dialog, self.confirm = None, None, None, None
        self.table = table_for(model, f"{noun}Table", stretch)
        self.add_button = QPushButton(f"Add {noun}…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._on_selection_changed()

    def show_rows(self, detail, rows) -> None:
        self.risk, self.detail = detail.risk, detail
        self.model.set_rows(rows)
        fit_columns(self.table, self.table.stretch_column, widest=320)
        self._on_selection_changed()

    def selected(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.table.model().row_at(indexes[0].row()) if indexes else None

    def _on_selection_changed(self, *_args) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row)

    def _open(self, row) -> None:
        self.dialog = self.make_dialog(self.ctx, self.risk, row, self, self.detail)
        self.dialog.saved.connect(lambda _before, _after: self.changed.emit())
        self.dialog.open()

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question, f"Remove {self.noun}",
            f"Remove this {self.noun} from {self.risk.reference}?\n\n{row.description}\n\n"
            "The audit trail keeps a record of it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.confirm.setObjectName("confirmRemove")
        self.confirm.buttonClicked.connect(
            lambda button: self.confirm.standardButton(button) == QMessageBox.StandardButton.Yes
            and self._remove(row))
        self.confirm.open()

    def _remove(self, row) -> None:
        try:
            self.remove_service(self.ctx, row)
        except Exception as exc:
            show_error(self, exc)
        self.changed.emit()


def _remover(service, id_field: str):
    return lambda ctx, row: ctx.run(service, **{id_field: row.id},
                                    expected_version=row.version)


class HistoryTab(QWidget):
    """Every scoring, oldest first, and every move onto or off the corporate register."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history = HistoryTableModel(self)
        self.escalations = EscalationsTableModel(self)
        self.history_table = table_for(self.history, "historyTable", 7)
        self.escalations_table = table_for(self.escalations, "escalationsTable", 4)
        layout = QVBoxLayout(self)
        for title, table, stretch in (("Score history", self.history_table, 3),
                                      ("Escalations to the corporate register",
                                       self.escalations_table, 1)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, stretch)

    def show_detail(self, detail, scheme) -> None:
        self.history.colours = {b.name: QColor(b.colour) for b in scheme.bands}
        self.history.set_rows(detail.history)
        self.escalations.set_rows(detail.escalations)
        fit_columns(self.history_table, 7, widest=300)
        fit_columns(self.escalations_table, 4, widest=300)


class ObjectivesTab(QWidget):
    """The strategic objectives this risk is a principal risk to."""

    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx, self.risk = ctx, None
        self.model = ObjectivesTableModel(self)
        self.table = table_for(self.model, "objectiveTable", 1)
        self.choice = QComboBox()
        self.choice.setObjectName("objectiveChoice")
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.link_button = QPushButton("Link")
        self.unlink_button = QPushButton("Unlink selected")
        self.link_button.clicked.connect(self.link_chosen)
        self.unlink_button.clicked.connect(self.unlink_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.choice, 1)
        bar.addWidget(self.link_button)
        bar.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def show_detail(self, detail, objectives) -> None:
        self.risk = detail.risk
        self.model.set_rows(detail.objectives)
        fit_columns(self.table, 1, widest=500)
        linked = {o.id for o in detail.objectives}
        self.choice.clear()
        for o in objectives:
            if o.id not in linked:
                self.choice.addItem(f"{o.code} {o.title}", o.id)
        self.link_button.setEnabled(self.choice.count() > 0)

    def _act(self, service, objective_id) -> None:
        try:
            self.ctx.run(service, risk_id=self.risk.id, objective_id=objective_id)
        except Exception as exc:
            show_error(self, exc)
        self.changed.emit()

    def link_chosen(self) -> None:
        if self.choice.currentIndex() >= 0:
            self._act(risks.link_objective, self.choice.currentData())

    def unlink_selected(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if indexes:
            self._act(risks.unlink_objective, self.table.model().row_at(indexes[0].row()).id)


def _control_dialog(ctx, risk, row, parent, _detail):
    return ControlDialog(ctx, risk, row, parent)


def _assurance_dialog(ctx, risk, row, parent, detail):
    return AssuranceDialog(ctx, risk, row, parent, controls=detail.controls)


def _gap_dialog(ctx, risk, row, parent, _detail):
    return GapDialog(ctx, risk, row, parent)


def _action_dialog(ctx, risk, row, parent, detail):
    return ActionDialog(ctx, risk, row, parent, gaps=detail.gaps)


class RiskDetailTabs(QObject):
    """Builds the detail tabs into the editor's tab widget and fills them from a detail."""

    changed = Signal()

    def __init__(self, ctx, tabs: QTabWidget):
        super().__init__(tabs)
        d = risks_detail
        self.controls = RowsTab(ctx, "control", ControlsTableModel(), _control_dialog,
                                _remover(d.remove_control, "control_id"), 0)
        self.assurances = RowsTab(ctx, "assurance", AssurancesTableModel(), _assurance_dialog,
                                  _remover(d.remove_assurance, "assurance_id"), 1)
        self.gaps = RowsTab(ctx, "gap", GapsTableModel(), _gap_dialog,
                            _remover(d.remove_gap, "gap_id"), 1)
        self.actions = RowsTab(ctx, "action", ActionsTableModel(), _action_dialog,
                               _remover(d.remove_action, "action_id"), 0)
        self.history = HistoryTab()
        self.objectives = ObjectivesTab(ctx)
        self.pages = {"Controls": self.controls, "Assurances": self.assurances,
                      "Gaps": self.gaps, "Actions": self.actions,
                      "Score history": self.history, "Objectives (BAF)": self.objectives}
        for title, page in self.pages.items():
            tabs.addTab(page, title)
            if hasattr(page, "changed"):
                page.changed.connect(self.changed)

    def show_detail(self, detail, scheme, objectives) -> None:
        self.controls.show_rows(detail, detail.controls)
        self.assurances.show_rows(detail, detail.assurances)
        self.gaps.show_rows(detail, detail.gaps)
        self.actions.show_rows(detail, detail.actions)
        self.history.show_detail(detail, scheme)
        self.objectives.show_detail(detail, objectives)

    def counts(self, detail) -> dict[str, int]:
        return {"Controls": len(detail.controls), "Assurances": len(detail.assurances),
                "Gaps": len(detail.gaps), "Actions": len(detail.actions),
                "Score history": len(detail.history),
                "Objectives (BAF)": len(detail.objectives)}
