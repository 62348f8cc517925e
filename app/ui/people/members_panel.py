"""The members of one body: who sits on it, in what role, whether they vote, and since when."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from app.domain.people import MEMBERSHIP_ROLES
from app.services import people
from app.ui.common.forms import (
    EditorDialog,
    OptionalDateEdit,
    date_edit,
    from_qdate,
    required,
)
from app.ui.common.record_view import RETIRED_COLOUR, fit_columns, make_table, tool_button
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.people.interest_text import has_ended


class MembersTableModel(RowTableModel):
    COLUMNS = (
        ("Person", lambda r: r.person),
        ("Kind", lambda r: r.person_kind),
        ("Role", lambda r: r.role),
        ("Voting", lambda r: r.voting),
        ("From", lambda r: r.from_date),
        ("To", lambda r: r.to_date),
    )
    COL_PERSON, COL_KIND, COL_ROLE, COL_VOTING, COL_FROM, COL_TO = range(6)
    DATE_COLUMNS = (COL_FROM, COL_TO)

    def foreground(self, row):
        return RETIRED_COLOUR if has_ended(row) else None


class MembershipDialog(EditorDialog):
    """Add a member to a body, or change a membership's role, vote or dates."""

    def __init__(self, ctx, committee, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.committee = committee
        self.setObjectName("membershipDialog")
        self.setWindowTitle(f"{row.person} on the {committee.name}" if row
                            else f"Add a member to the {committee.name}")
        self.person = QComboBox()
        if row is None:
            for p in ctx.run(people.list_people, include_retired=False):
                self.person.addItem(f"{p.name} ({p.kind})", p.id)
        else:
            self.person.addItem(row.person, row.person_id)
            self.person.setEnabled(False)  # a membership stays with its person
        self.role = QComboBox()
        self.role.addItems(MEMBERSHIP_ROLES)
        self.role.setCurrentText(row.role if row else "member")
        self.voting = QCheckBox("Votes on this body")
        self.voting.setChecked(row.voting if row else True)
        self.role.currentTextChanged.connect(self._on_role_changed)
        self.from_date = date_edit(row.from_date if row else dt.date.today())
        self.to_date = OptionalDateEdit("Ends on", row.to_date if row else None)
        self.errors.add_row(self.form, required("Person"), "person", self.person)
        self.errors.add_row(self.form, required("Role"), "role", self.role)
        self.errors.add_row(self.form, "Voting", "voting", self.voting)
        self.errors.add_row(self.form, required("From"), "from_date", self.from_date)
        self.errors.add_row(self.form, "To", "to_date", self.to_date)
        self.finish_layout()
        self.setMinimumWidth(440)

    def _on_role_changed(self, role: str) -> None:
        # People in attendance never vote; save the user a refused entry.
        if role == "in attendance":
            self.voting.setChecked(False)

    def values(self) -> dict:
        return {"role": self.role.currentText(), "voting": self.voting.isChecked(),
                "from_date": from_qdate(self.from_date.date()), "to_date": self.to_date.date()}

    def save(self):
        if self.row is None:
            return self.ctx.run(people.add_membership, person_id=self.person.currentData(),
                                committee_id=self.committee.id, **self.values())
        return self.ctx.run(people.update_membership, membership_id=self.row.id,
                            expected_version=self.row.version, **self.values())


class MembersPanel(QGroupBox):
    """The selected body's members, with add, edit and end."""

    add_requested = Signal()
    edit_requested = Signal(object)
    end_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__("Members", parent)
        self.setObjectName("membersPanel")
        self.model = MembersTableModel(self)
        self.proxy = SearchProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_predicate("current", lambda r: not has_ended(r))
        self.table = make_table(self.proxy, "membersTable")
        self.table.sortByColumn(MembersTableModel.COL_PERSON, self.table.horizontalHeader()
                                .sortIndicatorOrder())
        self.quorum = QLabel()
        self.quorum.setObjectName("quorumRule")
        self.quorum.setWordWrap(True)
        self.show_past = QCheckBox("Show past members")
        self.show_past.toggled.connect(self._on_show_past_toggled)
        self.add_action = QAction("Add member…", self)
        self.edit_action = QAction("Edit membership…", self)
        self.end_action = QAction("End membership", self)
        self.add_action.triggered.connect(self.add_requested)
        self.edit_action.triggered.connect(self._emit_for_selected(self.edit_requested))
        self.end_action.triggered.connect(self._emit_for_selected(self.end_requested))
        self.table.doubleClicked.connect(self._emit_for_selected(self.edit_requested))
        bar = QHBoxLayout()
        bar.addWidget(self.quorum, 1)
        bar.addWidget(self.show_past)
        for action in (self.add_action, self.edit_action, self.end_action):
            bar.addWidget(tool_button(action))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.show_body(None, [])

    def _emit_for_selected(self, signal):
        def emit(*_args):
            row = self.selected_row()
            if row is not None:
                signal.emit(row)
        return emit

    def selected_row(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(indexes[0].row()) if indexes else None

    def _on_show_past_toggled(self, on: bool) -> None:
        self.proxy.set_predicate("current", None if on else lambda r: not has_ended(r))

    def _update_actions(self, *_args) -> None:
        row = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.end_action.setEnabled(row is not None and row.to_date is None)

    def show_body(self, committee, members: list) -> None:
        self.add_action.setEnabled(committee is not None and committee.retired_on is None)
        if committee is None:
            self.setTitle("Members")
            self.quorum.setText("Select a body to see its members.")
        else:
            self.setTitle(f"Members of the {committee.name}")
            self.quorum.setText(f"Quorum: {quorum_rule(committee)}")
        self.model.set_rows(members)
        fit_columns(self.table, MembersTableModel.COL_PERSON)
        self._update_actions()


def quorum_rule(committee, *, brief: bool = False) -> str:
    """The quorum rule in words: '5 voting members, including a lay member and a clinical
    member', or briefly for a table: '5, incl. lay member, clinical member'."""
    if not committee.quorum_count and not committee.quorum_kinds:
        return "not set"
    if brief:
        kinds = ", ".join(committee.quorum_kinds)
        return f"{committee.quorum_count}" + (f", incl. {kinds}" if kinds else "")
    text = f"{committee.quorum_count} voting members"
    if committee.quorum_kinds:
        text += ", including " + " and ".join(_a(kind) for kind in committee.quorum_kinds)
    return text


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
