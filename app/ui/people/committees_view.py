"""Committees: the governing body and the bodies that report to it, with their members."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QWidget,
)

from app.domain.people import COMMITTEE_KINDS, PERSON_KINDS
from app.services import people
from app.ui.common.errors import show_error
from app.ui.common.forms import EditorDialog, required, show_date
from app.ui.common.record_view import RETIRED_COLOUR, RecordListView
from app.ui.common.table_model import RowTableModel
from app.ui.people.members_panel import MembershipDialog, MembersPanel, quorum_rule


def body_status(row) -> str:
    return "Active" if row.retired_on is None else f"Retired {show_date(row.retired_on)}"


class CommitteesTableModel(RowTableModel):
    COLUMNS = (
        ("Name", lambda r: r.name),
        ("Short name", lambda r: r.short_name),
        ("Kind", lambda r: r.kind),
        ("Reports to", lambda r: r.reports_to),
        ("Quorum", lambda r: quorum_rule(r, brief=True)),
        ("Status", body_status),
    )
    COL_NAME, COL_SHORT, COL_KIND, COL_REPORTS_TO, COL_QUORUM, COL_STATUS = range(6)

    def foreground(self, row):
        return RETIRED_COLOUR if row.retired_on is not None else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.row_at(index.row())
            return f"Quorum: {quorum_rule(row)}\n\n{row.terms_of_reference}".strip()
        return super().data(index, role)


class CommitteeDialog(EditorDialog):
    """Add or edit a body: its name, where it reports, its terms of reference and quorum."""

    def __init__(self, ctx, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("committeeDialog")
        self.setWindowTitle(f"Edit the {row.name}" if row else "Add a body")
        self.name = QLineEdit(row.name if row else "",
                              placeholderText="e.g. Audit Committee")
        self.short_name = QLineEdit(row.short_name if row else "", placeholderText="e.g. AC")
        self.kind = QComboBox()
        self.kind.addItems(COMMITTEE_KINDS)
        self.kind.setCurrentText(row.kind if row else "committee")
        self.reports_to = self._reports_to_combo()
        self.terms = QPlainTextEdit(row.terms_of_reference if row else "")
        self.terms.setTabChangesFocus(True)
        self.terms.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.quorum_count = QSpinBox()
        self.quorum_count.setRange(0, 99)
        self.quorum_count.setSuffix(" voting members")
        self.quorum_count.setValue(row.quorum_count if row else 0)
        self.kinds = {kind: QCheckBox(kind) for kind in PERSON_KINDS}
        for kind, box in self.kinds.items():
            box.setChecked(bool(row) and kind in row.quorum_kinds)
        for label, field, widget in (
                (required("Name"), "name", self.name), ("Short name", "short_name",
                                                        self.short_name),
                (required("Kind"), "kind", self.kind), ("Reports to", "reports_to",
                                                        self.reports_to),
                ("Terms of reference", "terms_of_reference", self.terms),
                ("Quorum", "quorum_count", self.quorum_count),
                ("Quorum must include", "quorum_kinds", self._kinds_grid())):
            self.errors.add_row(self.form, label, field, widget)
        self.finish_layout()
        self.setMinimumWidth(560)

    def _reports_to_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem("— reports to no other body —", None)
        current = self.row.reports_to_id if self.row else None
        for body in self.ctx.run(people.list_committees):
            if self.row and body.id == self.row.id:
                continue
            if body.retired_on is None or body.id == current:
                combo.addItem(body.name, body.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _kinds_grid(self) -> QWidget:
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.kinds.values()):
            grid.addWidget(box, n // 3, n % 3)
        return grid_box

    def values(self) -> dict:
        return {"name": self.name.text(), "kind": self.kind.currentText(),
                "short_name": self.short_name.text(),
                "reports_to_id": self.reports_to.currentData(),
                "terms_of_reference": self.terms.toPlainText(),
                "quorum_count": self.quorum_count.value(),
                "quorum_kinds": [k for k, box in self.kinds.items() if box.isChecked()]}

    def save(self):
        if self.row is None:
            return self.ctx.run(people.create_committee, **self.values())
        return self.ctx.run(people.update_committee, committee_id=self.row.id,
                            expected_version=self.row.version, **self.values())


def committee_values(row) -> dict:
    return {"name": row.name, "kind": row.kind, "short_name": row.short_name,
            "reports_to_id": row.reports_to_id, "terms_of_reference": row.terms_of_reference,
            "quorum_count": row.quorum_count, "quorum_kinds": list(row.quorum_kinds)}


def membership_values(row, **changes) -> dict:
    values = {"role": row.role, "voting": row.voting, "from_date": row.from_date,
              "to_date": row.to_date}
    values.update(changes)
    return values


class CommitteesView(RecordListView):
    NOUN = "body"
    PLURAL = "bodies"
    MODEL = CommitteesTableModel
    STRETCH_COLUMN = CommitteesTableModel.COL_QUORUM
    ROW = people.CommitteeRow

    def build_body(self) -> QWidget:
        self.members = MembersPanel()
        self.members.add_requested.connect(self.add_member)
        self.members.edit_requested.connect(self.edit_member)
        self.members.end_requested.connect(self.end_member)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("committeesSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.members)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def load_rows(self) -> list:
        return self.ctx.run(people.list_committees)

    def get_row(self, record_id):
        return self.ctx.run(people.get_committee, committee_id=record_id)

    def _after_save(self, row, *, select: bool = True) -> None:
        """A body saved: its row, and the rows of the bodies reporting to it when its name
        changed (their "Reports to" shows it); no other row."""
        super()._after_save(row, select=select)
        if not isinstance(row, people.CommitteeRow):
            return
        for other in self.model.rows():
            if other.reports_to_id == row.id and other.reports_to != row.name:
                self.model.put_row(dataclasses.replace(other, reports_to=row.name))

    def selection_changed(self, row) -> None:
        members = []
        if row is not None:
            members = self.ctx.run(people.list_memberships, committee_id=row.id)
        self.members.show_body(row, members)
        self.members.setToolTip(row.terms_of_reference if row else "")

    def show_filtered(self, *, committee_id: int | None = None, **_filters) -> None:
        if committee_id is not None:
            row = self.ctx.run(people.get_committee, committee_id=committee_id)
            if row.retired_on is not None:
                self.show_retired.setChecked(True)
            self.search.clear()
            self.select_id(committee_id)

    # --------------------------------------------------------------------- bodies
    def describe(self, row) -> str:
        return getattr(row, "name", None) or f"{row.person} on the {row.committee}"

    def make_editor(self, row):
        return CommitteeDialog(self.ctx, row, self)

    def save_values(self, current, values):
        return self.ctx.run(people.update_committee, committee_id=current.id,
                            expected_version=current.version, **committee_values(values))

    def retire(self, row):
        return self.ctx.run(people.retire_committee, committee_id=row.id,
                            expected_version=row.version)

    def reinstate(self, row):
        return self.ctx.run(people.reinstate_committee, committee_id=row.id,
                            expected_version=row.version)

    # ---------------------------------------------------------------- memberships
    def add_member(self) -> None:
        body = self.selected_row()
        if body is not None:
            self._open_member_editor(body, None)

    def edit_member(self, membership) -> None:
        body = self.selected_row()
        if body is not None:
            self._open_member_editor(body, membership)

    def make_member_editor(self, body, membership) -> MembershipDialog:
        return MembershipDialog(self.ctx, body, membership, self)

    def _open_member_editor(self, body, membership) -> None:
        self.editor = self.make_member_editor(body, membership)
        self.editor.saved.connect(self._on_membership_saved)
        self.editor.finished.connect(self._on_editor_finished)
        self.editor.open()

    def _on_membership_saved(self, before, after) -> None:
        what = self.describe(after)
        if before is None:
            # Memberships are never deleted (the minutes name their members), so taking back
            # an addition ends it; doing it again restores the dates that were entered.
            self.push_change(f"Add {what}", after, undo=self._end_now,
                             redo=lambda cur: self._save_membership(cur, after))
        else:
            self.push_change(f"Edit {what}", after,
                             undo=lambda cur: self._save_membership(cur, before),
                             redo=lambda cur: self._save_membership(cur, after))
        self.refresh()

    def end_member(self, membership) -> None:
        try:
            after = self._end_now(membership)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.push_change(f"End {self.describe(after)}", after,
                         undo=lambda cur: self._save_membership(cur, membership),
                         redo=self._end_now)
        self.refresh()

    def _end_now(self, membership):
        # Today, unless the membership already ends sooner; never before it began.
        on = min(dt.date.today(), membership.to_date or dt.date.today())
        on = max(on, membership.from_date)
        return self.ctx.run(people.end_membership, membership_id=membership.id,
                            expected_version=membership.version, on=on)

    def _save_membership(self, current, values):
        return self.ctx.run(people.update_membership, membership_id=current.id,
                            expected_version=current.version, **membership_values(values))
