"""The action log: every action raised at meetings, its owner, due date and progress, until it
is closed. A section of its own (all bodies) and a tab of a meeting (that meeting's actions).
Overdue actions show in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.domain.actions import ACTION_STATUSES
from app.services.meetings import actions, agenda, meetings
from app.ui.common.choices import (
    BAD_COLOUR,
    choice_box,
    committee_choices,
    item_choices,
    people_choices,
)
from app.ui.common.errors import show_error
from app.ui.common.forms import EditorDialog, OptionalDateEdit, required, show_date
from app.ui.common.list_section import ListSection, fit_columns, tool_button
from app.ui.common.table_model import RowTableModel


class ActionsTableModel(RowTableModel):
    COLUMNS = (
        ("Due", lambda r: r.due_on),
        ("Action", lambda r: r.description),
        ("Owner", lambda r: r.owner),
        ("Status", lambda r: "overdue" if r.overdue else r.status),
        ("Body", lambda r: r.committee),
        ("Raised at", lambda r: r.meeting_date),
        ("Item", lambda r: r.item_number),
        ("Latest update", lambda r: r.latest_update),
    )
    COL_DUE, COL_ACTION, COL_OWNER, COL_STATUS, COL_BODY, COL_RAISED, COL_ITEM, \
        COL_UPDATE = range(8)
    DATE_COLUMNS = (COL_DUE, COL_RAISED)

    def foreground(self, row):
        return BAD_COLOUR if row.overdue else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.display(self._rows[index.row()], index.column()) or None
        return super().data(index, role)


class ActionDialog(EditorDialog):
    """Raise an action at a meeting, or change one."""

    def __init__(self, ctx, row=None, parent=None, meeting_id=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle("Edit action" if row else "New action")
        choices = [(f"{m.committee}, {show_date(m.meeting_date)}", m.id)
                   for m in reversed(ctx.run(meetings.list_meetings))]
        self.meeting = choice_box(choices, current=row.meeting_id if row else meeting_id)
        self.meeting.setEnabled(row is None and meeting_id is None)
        self.item = choice_box([], "(no particular item)")
        self.meeting.currentIndexChanged.connect(lambda _i: self._fill_items())
        self._fill_items()
        self.description = QPlainTextEdit(row.description if row else "")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.owner = choice_box(people_choices(ctx), "(no owner yet)",
                                row.owner_id if row else None)
        self.due = OptionalDateEdit("Due by", row.due_on if row else None)
        self.status = choice_box([(s, s) for s in ACTION_STATUSES],
                                 current=row.status if row else "open")
        self.status.setEnabled(row is not None)
        for label, field, widget in (("Raised at", "meeting_id", self.meeting),
                                     ("Item", "agenda_item_id", self.item),
                                     (required("Action"), "description", self.description),
                                     ("Owner", "owner_id", self.owner),
                                     ("Due", "due_on", self.due),
                                     ("Status", "status", self.status)):
            self.errors.add_row(self.form, label, field, widget)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def _fill_items(self) -> None:
        meeting_id = self.meeting.currentData()
        self.item.clear()
        self.item.addItem("(no particular item)", None)
        if meeting_id is not None:
            for text, value in item_choices(self.ctx.run(agenda.list_agenda,
                                                         meeting_id=meeting_id)):
                self.item.addItem(text, value)
        if self.row is not None:
            self.item.setCurrentIndex(max(self.item.findData(self.row.agenda_item_id), 0))
        self.item.setEnabled(self.row is None)

    def save(self):
        common = dict(description=self.description.toPlainText(),
                      owner_id=self.owner.currentData(), due_on=self.due.date())
        if self.row is None:
            return self.ctx.run(actions.create_action, meeting_id=self.meeting.currentData(),
                                agenda_item_id=self.item.currentData(), **common)
        return self.ctx.run(actions.update_action, action_id=self.row.id,
                            expected_version=self.row.version, status=self.status.currentData(),
                            closed_on=self.row.closed_on, **common)


class ActionUpdateDialog(EditorDialog):
    """Say what has happened on an action since it was last reported."""

    def __init__(self, ctx, row, parent=None, meeting_id=None):
        super().__init__(ctx, row, parent)
        self.meeting_id = meeting_id
        self.setObjectName("actionUpdateDialog")
        self.setWindowTitle("Add an update")
        self.text = QLineEdit(placeholderText="e.g. Draft circulated to members 3 Oct")
        self.form.addRow(QLabel(row.description))
        self.errors.add_row(self.form, required("Update"), "text", self.text)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def save(self):
        self.ctx.run(actions.add_action_update, action_id=self.row.id, text=self.text.text(),
                     meeting_id=self.meeting_id)
        return self.ctx.run(actions.get_action, action_id=self.row.id)


class ActionsView(ListSection):
    """The action log: the "Actions" section, or one meeting's actions (``meeting_id``)."""

    def __init__(self, ctx, runner, parent=None, meeting_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("actionsView")
        self.ctx, self.runner, self.meeting_id = ctx, runner, meeting_id
        self.editor = None
        self.init_list(ActionsTableModel(self), "actionTable", search="Search actions…")
        self._build()
        self.refresh()
        fit_columns(self.table, ActionsTableModel.COL_ACTION, widest=220)
        self.table.sortByColumn(ActionsTableModel.COL_DUE, Qt.SortOrder.AscendingOrder)

    def _build(self) -> None:
        self.owner = choice_box(people_choices(self.ctx), "Any owner")
        self.committee = choice_box(committee_choices(self.ctx), "All bodies")
        self.committee.setVisible(self.meeting_id is None)
        self.overdue = QCheckBox("Overdue only")
        self.open_only = QCheckBox("Open only")
        self.open_only.setChecked(self.meeting_id is None)
        for box in (self.owner, self.committee):
            box.currentIndexChanged.connect(self.refresh)
        for check in (self.overdue, self.open_only):
            check.toggled.connect(self.refresh)
        filters = QHBoxLayout()
        for widget in (self.search, self.owner, self.committee, self.overdue, self.open_only):
            filters.addWidget(widget)
        self.add_action = self._act("New action…", self.add_action_item)
        self.edit_action = self._act("Edit…", self.edit_selected)
        self.close_action = self._act("Close", self.close_selected)
        self.update_action = self._act("Add update…", self.add_update)
        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.close_action, self.update_action):
            buttons.addWidget(tool_button(action))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _act(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------------------ reading
    def filters(self) -> dict:
        return dict(owner_id=self.owner.currentData(), overdue=self.overdue.isChecked(),
                    open_only=self.open_only.isChecked(), meeting_id=self.meeting_id,
                    committee_id=None if self.meeting_id else self.committee.currentData())

    def load_rows(self) -> list:
        return self.ctx.run(actions.list_actions, **self.filters())

    def load_row(self, record_id: int):
        return self.ctx.run(actions.get_action, action_id=record_id)

    def keeps(self, row) -> bool:
        wanted = self.filters()
        if self.meeting_id is not None and row.meeting_id != self.meeting_id:
            return False
        for field in ("owner_id", "committee_id"):
            if wanted[field] is not None and getattr(row, field) != wanted[field]:
                return False
        if (wanted["open_only"] or wanted["overdue"]) and row.status == "closed":
            return False
        return not wanted["overdue"] or row.overdue

    def rows_loaded(self) -> None:
        self._on_selection_changed()

    def show_filtered(self, **filters) -> None:
        if "overdue" in filters:
            self.overdue.setChecked(bool(filters["overdue"]))

    def _on_selection_changed(self, *_args) -> None:
        row = self.selected_row()
        for action in (self.edit_action, self.update_action):
            action.setEnabled(row is not None)
        self.close_action.setEnabled(row is not None and row.status != "closed")

    # ------------------------------------------------------------------------------ changing
    def add_action_item(self) -> None:
        self._open(ActionDialog(self.ctx, None, self, meeting_id=self.meeting_id))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(ActionDialog(self.ctx, row, self))

    def add_update(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(ActionUpdateDialog(self.ctx, row, self, meeting_id=self.meeting_id))

    def close_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self.ctx.run(actions.close_action, action_id=row.id, expected_version=row.version)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.update_row(row.id)
        self.status_message.emit(f"Closed: {row.description[:60]}")

    def _open(self, dialog) -> None:
        self.editor = dialog
        dialog.saved.connect(lambda _b, after: self.update_row(after.id))
        dialog.finished.connect(lambda _r: setattr(self, "editor", None))
        dialog.open()
