"""Dialogs of the chair's actions register: the draft (with what standing orders would refuse,
worked out as the form is filled in) and the body's ratification decision."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import chairs_actions as rules
from app.services import people
from app.services.decisions import chairs_actions
from app.services.decisions.chairs_actions import NewConsultee, is_accountable_officer
from app.services.meetings import meetings, papers
from app.ui.common.choices import choice_box, committee_choices, select_value
from app.ui.common.forms import (
    ERROR_STYLE,
    EditorDialog,
    OptionalDateEdit,
    date_edit,
    from_qdate,
    required,
)


def text_edit(lines: int = 2) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class ConsulteeTable(QTableWidget):
    """Who was consulted, when, with a note; one row each."""

    def __init__(self, person_choices, parent=None):
        super().__init__(0, 3, parent)
        self.setObjectName("consultees")
        self.person_choices = person_choices
        self.setHorizontalHeaderLabels(["Person", "Consulted on", "Note"])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setMaximumHeight(120)

    def add(self, person_id=None, on: dt.date | None = None, note: str = "") -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setCellWidget(row, 0, choice_box(self.person_choices, current=person_id))
        self.setCellWidget(row, 1, date_edit(on or dt.date.today()))
        self.setCellWidget(row, 2, QLineEdit(note))
        self.resizeColumnToContents(0)

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def values(self) -> list[NewConsultee]:
        return [NewConsultee(self.cellWidget(r, 0).currentData(),
                             from_qdate(self.cellWidget(r, 1).date()),
                             self.cellWidget(r, 2).text()) for r in range(self.rowCount())]


class ChairsActionDialog(EditorDialog):
    """New or edit a draft chair's action (``row`` is a ``ChairsActionRow`` or None)."""

    def __init__(self, ctx, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("chairsActionDialog")
        self.setWindowTitle("Edit chair's action" if row else "New chair's action")
        self.people = {p.id: p for p in ctx.run(people.list_people, include_retired=False)}
        self._build_form(row)
        self.problems = QLabel()
        self.problems.setObjectName("takingProblems")
        self.problems.setWordWrap(True)
        self.finish_layout(self.problems)
        self._on_body_changed()
        self._connect_live()
        self.update_problems()
        self.resize(660, 780)

    def _build_form(self, row) -> None:
        get = (lambda name, default="": getattr(row, name)) if row else \
            (lambda name, default="": default)
        self.body = choice_box(committee_choices(self.ctx), current=get("committee_id", None))
        self.body.setEnabled(row is None)
        self.title_edit = QLineEdit(get("title"))
        self.decision_text, self.urgency = text_edit(3), text_edit(2)
        self.decision_text.setPlainText(get("decision_text"))
        self.urgency.setPlainText(get("urgency_reason"))
        self.power, self.clause = QLineEdit(get("power")), QLineEdit(get("standing_order_clause"))
        self.taken_by = choice_box([], "choose the chair or vice chair")
        self.taken_on = OptionalDateEdit("taken", get("taken_on", None))
        self.unavailable = QLineEdit(get("chair_unavailable_reason"))
        self.paper = choice_box([], "no paper")
        self.conflicts = text_edit(2)
        self.conflicts.setPlainText(get("conflicts"))
        self.consultees = ConsulteeTable([(p.name, p.id) for p in self.people.values()])
        for c in get("consultees", ()):
            self.consultees.add(c.person_id, c.consulted_on, c.note)
        self._rows(row)

    def _rows(self, row) -> None:
        add = self.errors.add_row
        add(self.form, "Body", "committee_id", self.body)
        add(self.form, required("Title"), "title", self.title_edit)
        add(self.form, "What was decided", "decision", self.decision_text)
        add(self.form, "Why it could not wait", "urgency_reason", self.urgency)
        add(self.form, "Power used", "power", self.power)
        add(self.form, "Standing-order clause", "standing_order_clause", self.clause)
        add(self.form, "Taken by", "taken_by", self.taken_by)
        add(self.form, "Taken on", "taken_on", self.taken_on)
        add(self.form, "Chair unavailable because", "chair_unavailable_reason", self.unavailable)
        add(self.form, "Consulted", "consulted", self._consultee_editor())
        add(self.form, "Paper relied on", "paper_id", self.paper)
        add(self.form, "Conflicts", "conflicts", self.conflicts)
        self.body.currentIndexChanged.connect(self._on_body_changed)
        self._initial = (row.taken_by_id, row.paper_id) if row else (None, None)

    def _consultee_editor(self) -> QWidget:
        box = QWidget()
        add, remove = QPushButton("Add consultee"), QPushButton("Remove")
        add.setObjectName("addConsultee")
        add.clicked.connect(lambda: (self.consultees.add(on=self.taken_on.date()),
                                     self._connect_consultees(),
                                     self.update_problems()))
        remove.clicked.connect(lambda: (self.consultees.remove_current(),
                                        self.update_problems()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.consultees)
        column.addLayout(buttons)
        return box

    # ---------------------------------------------------------------- body-dependent lists
    def _on_body_changed(self, *_args) -> None:
        body = self.body.currentData()
        taker, paper = (self.taken_by.currentData() or self._initial[0],
                        self.paper.currentData() or self._initial[1])
        self.roles = {m.person_id: m.role for m in self.ctx.run(
            people.list_memberships, committee_id=body) if m.role in rules.TAKER_ROLES} \
            if body else {}
        _refill(self.taken_by, [(f"{self.people[p].name} ({r})" if p in self.people else r, p)
                                for p, r in self.roles.items()], taker)
        _refill(self.paper, self._papers(body), paper)

    def _papers(self, body) -> list[tuple[str, int]]:
        found = []
        for m in self.ctx.run(meetings.list_meetings):
            if m.committee_id == body:
                found += [(f"{p.title} ({m.meeting_date:%d %b %Y})", p.id)
                          for p in self.ctx.run(papers.list_papers, meeting_id=m.id)]
        return found

    # ------------------------------------------------------------------------ live problems
    def _connect_live(self) -> None:
        for edit in (self.decision_text, self.urgency):
            edit.textChanged.connect(self.update_problems)
        self.unavailable.textChanged.connect(self.update_problems)
        self.taken_by.currentIndexChanged.connect(self.update_problems)
        self.taken_on.changed.connect(self.update_problems)
        self._connect_consultees()

    def _connect_consultees(self) -> None:
        for r in range(self.consultees.rowCount()):
            box = self.consultees.cellWidget(r, 0)
            box.currentIndexChanged.connect(self.update_problems)

    def taking_problems(self) -> list:
        taker = self.taken_by.currentData()
        consulted = tuple(rules.Consultee(p.name, p.kind, is_accountable_officer(p))
                          for p in (self.people.get(c.person_id)
                                    for c in self.consultees.values())
                          if p is not None and p.id != taker)
        facts = rules.TakingFacts(self.decision_text.toPlainText(), self.urgency.toPlainText(),
                                  self.taken_on.date(), self.roles.get(taker, ""),
                                  self.unavailable.text(), consulted)
        return rules.taking_problems(facts)

    def update_problems(self, *_args) -> None:
        problems = self.taking_problems()
        self.problems.setStyleSheet(ERROR_STYLE if problems else "color: #007f3b")
        self.problems.setText(
            "Before it can be taken, standing orders need:\n"
            + "\n".join(f"• {p.reason}" for p in problems) if problems
            else "✔ Ready to be taken under standing orders.")

    # -------------------------------------------------------------------------------- save
    def values(self) -> dict:
        return dict(title=self.title_edit.text(), decision_text=self.decision_text.toPlainText(),
                    urgency_reason=self.urgency.toPlainText(), power=self.power.text(),
                    standing_order_clause=self.clause.text(),
                    taken_by_id=self.taken_by.currentData(), taken_on=self.taken_on.date(),
                    chair_unavailable_reason=self.unavailable.text(),
                    paper_id=self.paper.currentData(), conflicts=self.conflicts.toPlainText(),
                    consultees=self.consultees.values())

    def save(self):
        if self.row is None:
            return self.ctx.run(chairs_actions.create_chairs_action,
                                committee_id=self.body.currentData(), **self.values())
        return self.ctx.run(chairs_actions.update_chairs_action, chairs_action_id=self.row.id,
                            expected_version=self.row.version, **self.values())


def _refill(box, choices, current) -> None:
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, value in choices:
        box.addItem(text, value)
    box.setCurrentIndex(0)
    select_value(box, current)
    box.blockSignals(False)


class RatifyDialog(EditorDialog):
    """The body's decision on a reported chair's action: ratified, not ratified or deferred."""

    OUTCOMES = ("ratified", "not ratified", "deferred")

    def __init__(self, ctx, row, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("ratifyDialog")
        self.setWindowTitle(f"Ratify — {row.title}")
        self.form.addRow(QLabel(f"On the agenda of {row.ratification_meeting}, item "
                                f"{row.ratification_item_number}"))
        self.outcome = choice_box([(o.capitalize(), o) for o in self.OUTCOMES])
        self.outcome.setObjectName("outcome")
        self.resolution, self.rationale = text_edit(3), text_edit(2)
        self.resolution.setObjectName("resolution")
        self.errors.add_row(self.form, required("Outcome"), "outcome", self.outcome)
        self.errors.add_row(self.form, required("Resolution"), "resolution", self.resolution)
        self.errors.add_row(self.form, "Rationale", "rationale", self.rationale)
        self.override = QLineEdit(placeholderText="Only if the meeting was not quorate")
        self.errors.add_row(self.form, "Override reason", "override_reason", self.override)
        self.finish_layout()
        self.resize(560, 360)

    def save(self):
        return self.ctx.run(chairs_actions.ratify_chairs_action, chairs_action_id=self.row.id,
                            outcome=self.outcome.currentData(),
                            resolution=self.resolution.toPlainText(),
                            rationale=self.rationale.toPlainText(),
                            override_reason=self.override.text())
