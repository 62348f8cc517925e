"""People: everyone who sits on or attends a body, with their memberships beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.people import PERSON_KINDS
from app.services import people
from app.ui.common.forms import EditorDialog, required, show_date
from app.ui.common.record_view import RETIRED_COLOUR, RecordListView, fit_columns, make_table
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.people.interests_panel import InterestsPanel


def person_status(row) -> str:
    return "Active" if row.retired_on is None else f"Retired {show_date(row.retired_on)}"


class PeopleTableModel(RowTableModel):
    COLUMNS = (
        ("Name", lambda r: r.name),
        ("Title", lambda r: r.title),
        ("Kind", lambda r: r.kind),
        ("Email", lambda r: r.email),
        ("Status", person_status),
    )
    COL_NAME, COL_TITLE, COL_KIND, COL_EMAIL, COL_STATUS = range(5)

    def foreground(self, row):
        return RETIRED_COLOUR if row.retired_on is not None else None


class PersonMembershipsTableModel(RowTableModel):
    COLUMNS = (
        ("Body", lambda r: r.committee),
        ("Role", lambda r: r.role),
        ("Voting", lambda r: r.voting),
        ("From", lambda r: r.from_date),
        ("To", lambda r: r.to_date),
    )
    COL_BODY, COL_ROLE, COL_VOTING, COL_FROM, COL_TO = range(5)
    DATE_COLUMNS = (COL_FROM, COL_TO)


class PersonDialog(EditorDialog):
    """Add or edit one person. The service checks the entry; problems show beside the fields."""

    def __init__(self, ctx, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("personDialog")
        self.setWindowTitle(f"Edit {row.name}" if row else "Add a person")
        self.name = QLineEdit(row.name if row else "")
        self.title = QLineEdit(row.title if row else "",
                               placeholderText="e.g. Chief Finance Officer")
        self.kind = QComboBox()
        self.kind.addItems(PERSON_KINDS)
        if row:
            self.kind.setCurrentText(row.kind)
        self.email = QLineEdit(row.email if row else "", placeholderText="name@nhs.net")
        self.notes = QPlainTextEdit(row.notes if row else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.errors.add_row(self.form, required("Name"), "name", self.name)
        self.errors.add_row(self.form, "Title", "title", self.title)
        self.errors.add_row(self.form, required("Kind"), "kind", self.kind)
        self.errors.add_row(self.form, "Email", "email", self.email)
        self.errors.add_row(self.form, "Notes", "notes", self.notes)
        self.finish_layout()
        self.setMinimumWidth(460)

    def values(self) -> dict:
        return {"name": self.name.text(), "kind": self.kind.currentText(),
                "title": self.title.text(), "email": self.email.text(),
                "notes": self.notes.toPlainText()}

    def save(self):
        if self.row is None:
            return self.ctx.run(people.create_person, **self.values())
        return self.ctx.run(people.update_person, person_id=self.row.id,
                            expected_version=self.row.version, **self.values())


class PersonPanel(QWidget):
    """The selected person's details beside the bodies they sit on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("personHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("personDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton("Show history in the audit trail")
        self.model = PersonMembershipsTableModel(self)
        self.proxy = SearchProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table: QTableView = make_table(self.proxy, "membershipTable")
        self.table.setToolTip("Double-click a body to open it")
        about = QWidget()
        about.setFixedWidth(320)
        column = QVBoxLayout(about)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.details, 1)
        column.addWidget(self.history_button)
        self.tabs = QTabWidget()  # memberships beside the register of interests (PeopleView)
        self.tabs.setObjectName("personTabs")
        self.tabs.addTab(self.table, "Memberships")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(about)
        layout.addWidget(self.tabs, 1)
        self.show_person(None, [])

    def show_person(self, row, memberships: list) -> None:
        self.history_button.setEnabled(row is not None)
        if row is None:
            self.heading.setText("<i>Select a person to see their details and memberships.</i>")
            self.details.clear()
            self.model.set_rows([])
            return
        self.heading.setText(f"<b style='font-size:large'>{_html(row.name)}</b>")
        lines = [row.title, row.kind, row.email, person_status(row), row.notes]
        self.details.setText("\n".join(line for line in lines if line))
        self.model.set_rows(memberships)
        fit_columns(self.table, PersonMembershipsTableModel.COL_BODY)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PeopleView(RecordListView):
    NOUN = "person"
    PLURAL = "people"
    MODEL = PeopleTableModel
    STRETCH_COLUMN = PeopleTableModel.COL_TITLE
    ROW = people.PersonRow

    def build_body(self) -> QWidget:
        self.panel = PersonPanel()
        self.panel.table.doubleClicked.connect(self._on_membership_double_clicked)
        self.panel.history_button.clicked.connect(self._on_history_clicked)
        self.interests = InterestsPanel(self.ctx)
        self.panel.tabs.addTab(self.interests, "Register of interests")
        # One above the other: the list needs its width for five columns.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("peopleSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def load_rows(self) -> list:
        return self.ctx.run(people.list_people)

    def get_row(self, record_id):
        return self.ctx.run(people.get_person, person_id=record_id)

    def selection_changed(self, row) -> None:
        memberships = []
        if row is not None:
            memberships = self.ctx.run(people.list_memberships, person_id=row.id)
        self.panel.show_person(row, memberships)
        self.interests.show_person(row)

    def _on_membership_double_clicked(self, index) -> None:
        membership = self.panel.proxy.row_at(index.row())
        self.navigate_requested.emit("committees", {"committee_id": membership.committee_id})

    def _on_history_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.navigate_requested.emit("audit", {"record_type": "person",
                                                   "record_id": str(row.id)})

    def show_filtered(self, *, person_id: int | None = None, **_filters) -> None:
        if person_id is not None:
            row = self.ctx.run(people.get_person, person_id=person_id)
            if row.retired_on is not None:
                self.show_retired.setChecked(True)
            self.search.clear()
            self.select_id(person_id)

    # ------------------------------------------------------------------- services
    def make_editor(self, row):
        return PersonDialog(self.ctx, row, self)

    def save_values(self, current, values):
        return self.ctx.run(people.update_person, person_id=current.id,
                            expected_version=current.version, name=values.name,
                            kind=values.kind, title=values.title, email=values.email,
                            notes=values.notes)

    def retire(self, row):
        return self.ctx.run(people.retire_person, person_id=row.id,
                            expected_version=row.version)

    def reinstate(self, row):
        return self.ctx.run(people.reinstate_person, person_id=row.id,
                            expected_version=row.version)

    def retire_selected(self) -> None:
        """Retiring ends the person's memberships too; undo puts those back as they were."""
        row = self.selected_row()
        if row is None or row.retired_on is not None:
            return
        before = {m.id: m for m in self.ctx.run(people.list_memberships, person_id=row.id)}
        self._change_now(f"Retire {row.name}", row, self.retire,
                         lambda cur: self._reinstate_with_memberships(cur, before))

    def _reinstate_with_memberships(self, current, before: dict):
        return self.ctx.run(people.reinstate_person_with_memberships, person_id=current.id,
                            expected_version=current.version,
                            membership_ends={m.id: m.to_date for m in before.values()})
