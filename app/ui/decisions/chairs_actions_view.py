"""The chair's actions register: urgent decisions taken between meetings, and their road to
ratification. New drafts, Take (which puts the action on the body's next meeting), Withdraw a
draft, and Ratify / Not ratify on the ratification item; every move the services refuse is
shown with their reason. Actions waiting long for ratification are highlighted."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
)

from app.domain.chairs_actions import AWAITING
from app.services.decisions import chairs_actions
from app.ui.common.choices import BAD_COLOUR, choice_box, committee_choices
from app.ui.common.errors import show_error
from app.ui.common.forms import show_date
from app.ui.common.list_section import ListSection, fit_columns, tool_button
from app.ui.common.table_model import RowTableModel
from app.ui.decisions.chairs_action_dialogs import ChairsActionDialog, RatifyDialog

LONG_WAIT_DAYS = 60  # longer than the gap between two bi-monthly meetings
LONG_WAIT_BACKGROUND = QColor("#fde8e8")


def _ratification(r) -> str:
    if not r.ratification_meeting:
        return ""
    return f"{r.ratification_meeting}, item {r.ratification_item_number}"


class ChairsActionsModel(RowTableModel):
    COLUMNS = (
        ("Title", lambda r: r.title),
        ("Body", lambda r: r.committee),
        ("Taken by", lambda r: f"{r.taken_by} ({r.taker_role})" if r.taker_role
         else r.taken_by),
        ("Taken on", lambda r: r.taken_on),
        ("Status", lambda r: r.status),
        ("Ratification meeting / item", _ratification),
        ("Days awaiting", lambda r: r.days_awaiting),
    )
    COL_TITLE, COL_BODY, COL_TAKEN_BY, COL_TAKEN_ON, COL_STATUS, COL_RATIFICATION, \
        COL_DAYS = range(7)
    DATE_COLUMNS = (COL_TAKEN_ON,)

    def foreground(self, row):
        return BAD_COLOUR if (row.days_awaiting or 0) > LONG_WAIT_DAYS else None

    def order_key(self, row):
        return (row.taken_on or dt.date.max, row.id)  # list_chairs_actions: drafts last

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            days = self.row_at(index.row()).days_awaiting or 0
            return LONG_WAIT_BACKGROUND if days > LONG_WAIT_DAYS else None
        return super().data(index, role)


class ChairsActionsView(ListSection):
    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.editor = None  # the dialog open now, if any
        self.reason_dialog = None
        self.last_message = ""
        self.init_list(ChairsActionsModel(self), "chairsActionsTable")
        self.proxy.sort(-1)  # the services' order: by date taken, drafts last
        self._build()
        self.refresh()
        fit_columns(self.table, ChairsActionsModel.COL_TITLE, widest=300)

    # ---------------------------------------------------------------------------- building
    def _action(self, text: str, slot, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        self.new_action = self._action("New…", self.new_draft, "Record a new draft")
        self.edit_action = self._action("Edit…", self.edit_selected, "Edit the draft")
        self.take_action = self._action("Take", self.take_selected, "Record the action as "
                                        "taken; it goes to the body's next meeting")
        self.withdraw_action = self._action("Withdraw…", self.withdraw_selected)
        self.ratify_action = self._action("Ratify / Not ratify…", self.ratify_selected)
        self.pending = QCheckBox("Awaiting ratification only")
        self.pending.setObjectName("pendingOnly")
        self.pending.toggled.connect(self.refresh)
        self.body = choice_box(committee_choices(self.ctx), "All bodies")
        self.body.setObjectName("bodyFilter")
        self.body.currentIndexChanged.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.pending)
        bar.addWidget(self.body)
        bar.addStretch(1)
        for action in (self.new_action, self.edit_action, self.take_action,
                       self.withdraw_action, self.ratify_action):
            bar.addWidget(tool_button(action))
        self.detail = QLabel()
        self.detail.setObjectName("chairsActionDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([400, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------------------- rows
    def refresh(self, *_args) -> None:  # also a slot of the filters, which send a value
        super().refresh()

    def load_rows(self) -> list:
        return self.ctx.run(chairs_actions.list_chairs_actions,
                            pending_only=self.pending.isChecked(),
                            committee_id=self.body.currentData())

    def load_row(self, record_id: int):
        return self.ctx.run(chairs_actions.get_chairs_action, chairs_action_id=record_id)

    def keeps(self, row) -> bool:
        body = self.body.currentData()
        return (body is None or row.committee_id == body) and (
            not self.pending.isChecked() or row.status in AWAITING)

    def rows_loaded(self) -> None:
        self._on_selection_changed()

    def show_filtered(self, pending_only: bool = False, committee_id=None, **_ignored) -> None:
        self.pending.setChecked(pending_only)
        index = self.body.findData(committee_id)
        self.body.setCurrentIndex(max(index, 0))
        self.refresh()

    def _on_selection_changed(self, *_args) -> None:
        row = self.selected_row()
        status = row.status if row else None
        self.edit_action.setEnabled(status == "draft")
        self.take_action.setEnabled(status == "draft")
        self.withdraw_action.setEnabled(status == "draft")
        self.ratify_action.setEnabled(status == "reported")
        self.detail.setText(_detail_html(row) if row else "")

    # ---------------------------------------------------------------------------- changing
    def new_draft(self) -> None:
        self._open(ChairsActionDialog(self.ctx, None, self))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.status == "draft":
            self._open(ChairsActionDialog(self.ctx, row, self))

    def ratify_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(RatifyDialog(self.ctx, row, self))

    def _open(self, dialog) -> None:
        self.editor = dialog
        dialog.saved.connect(lambda _b, after: self._after_save(after))
        dialog.finished.connect(lambda _r: setattr(self, "editor", None))
        dialog.open()

    def _after_save(self, after) -> None:
        # A draft saved gives its row; a ratification gives the decision that settled it.
        # Either way only that chair's action changed.
        ca_id = getattr(after, "chairs_action_id", None)
        self.update_row(after.id if ca_id is None else ca_id)
        self.status_message.emit("Saved.")

    def take_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            after = self.ctx.run(chairs_actions.take_chairs_action, chairs_action_id=row.id,
                                 expected_version=row.version)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.put_row(after)  # taken now: it moves to its place by date taken
        if after.ratification_meeting:
            self.tell(f"'{after.title}' is recorded as taken and put to "
                      f"{after.ratification_meeting}, item {after.ratification_item_number}, "
                      "for ratification.")
        else:
            self.tell(f"'{after.title}' is recorded as taken. No meeting of "
                      f"{after.committee} is open yet: it will be placed on the next one.")

    def withdraw_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("withdrawReason")
        dialog.setWindowTitle("Withdraw draft")
        dialog.setLabelText(f"Why is '{row.title}' withdrawn?")
        dialog.textValueSelected.connect(lambda text: self.withdraw(row, text))
        dialog.finished.connect(lambda _r: setattr(self, "reason_dialog", None))
        self.reason_dialog = dialog
        dialog.open()

    def withdraw(self, row, reason: str) -> None:
        try:
            self.ctx.run(chairs_actions.withdraw_chairs_action, chairs_action_id=row.id,
                         expected_version=row.version, reason=reason)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.update_row(row.id)

    def tell(self, text: str) -> None:
        self.last_message = text
        self.status_message.emit(text)
        box = QMessageBox(QMessageBox.Icon.Information, "Chair's action", text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("chairsActionMessage")
        box.open()


def _detail_html(r) -> str:
    from html import escape

    consulted = "; ".join(f"{escape(c.person)} ({escape(c.kind)}"
                          f"{', accountable officer' if c.is_accountable_officer else ''}"
                          f"{', ' + show_date(c.consulted_on) if c.consulted_on else ''})"
                          for c in r.consultees) or "nobody recorded"
    parts = [f"<b>{escape(r.title)}</b> — {escape(r.status)}",
             f"<b>Decided:</b> {escape(r.decision_text)}",
             f"<b>Why it could not wait:</b> {escape(r.urgency_reason)}",
             f"<b>Power:</b> {escape(r.power)} · {escape(r.standing_order_clause)}",
             f"<b>Consulted:</b> {consulted}"]
    if r.paper_title:
        parts.append(f"<b>Paper relied on:</b> {escape(r.paper_title)}")
    if r.outcome_note:
        parts.append(f"<b>Outcome:</b> {escape(r.outcome_note)}")
    if r.problems:
        parts.append("<span style='color:#b00020'><b>Before it can be taken:</b> "
                     + "; ".join(escape(p.reason) for p in r.problems) + "</span>")
    return "<br>".join(parts)
