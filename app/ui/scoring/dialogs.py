"""Dialogs of the Scoring rounds section: a new round, and adopting a consensus."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.services import people
from app.services.risks import register as risk_register
from app.services.risks.settings import get_band_scheme
from app.services.scoring import rounds as scoring
from app.services.scoring import view as scoring_view
from app.ui.common.forms import EditorDialog, date_edit, from_qdate, required
from app.ui.common.risk_matrix import RiskMatrixPanel

SELECTIONS = (("all", "All open risks"), ("corporate", "The corporate register"),
              ("selection", "These risks:"))


def checked_ids(widget: QListWidget) -> list[int]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def _check_list(name: str, rows: list[tuple[int, str]]) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    for record_id, label in rows:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def set_checked(widget: QListWidget, ids: list[int]) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids \
            else Qt.CheckState.Unchecked
        item.setCheckState(state)


class NewRoundDialog(EditorDialog):
    """Open a round: what to score, which risks, who scores them, by when."""

    def __init__(self, ctx, parent=None, *, today: dt.date | None = None):
        super().__init__(ctx, None, parent)
        self.setObjectName("newRoundDialog")
        self.setWindowTitle("New scoring round")
        self.today = today or dt.date.today()
        self.title = QLineEdit(placeholderText="e.g. Quarter 3 risk scoring")
        self.question = QComboBox()
        self.question.addItem("Current score (with today's controls)", "current")
        self.question.addItem("Target score (after planned actions)", "target")
        self.deadline = date_edit(self.today + dt.timedelta(days=14))
        self.selection = QButtonGroup(self)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        for n, (_key, label) in enumerate(SELECTIONS):
            button = QRadioButton(label)
            self.selection.addButton(button, n)
            row.addWidget(button)
        self.selection.button(0).setChecked(True)
        risks = ctx.run(risk_register.list_risks)
        self.risks = _check_list("roundRisks", [(r.id, f"{r.reference}  {r.title}")
                                                for r in risks])
        self.risks.setEnabled(False)
        self.selection.idToggled.connect(lambda n, on: on and self.risks.setEnabled(n == 2))
        members = ctx.run(people.list_people, include_retired=False)
        self.members = _check_list("roundMembers", [(p.id, f"{p.name}" + (
            f" — {p.title}" if p.title else "")) for p in members])
        self.errors.add_row(self.form, required("Title"), "title", self.title)
        self.errors.add_row(self.form, required("Score"), "question", self.question)
        self.errors.add_row(self.form, required("Deadline"), "deadline", self.deadline)
        self.errors.add_row(self.form, required("Risks"), "risks", choice)
        self.form.addRow("", self.risks)
        self.errors.add_row(self.form, required("Members"), "members", self.members)
        self.finish_layout()
        self.resize(620, 640)

    def selection_key(self) -> str:
        return SELECTIONS[self.selection.checkedId()][0]

    def values(self) -> dict:
        values = dict(title=self.title.text(), question=self.question.currentData(),
                      deadline=from_qdate(self.deadline.date()),
                      member_ids=checked_ids(self.members), today=self.today)
        if self.selection_key() == "selection":
            values["risk_ids"] = checked_ids(self.risks)
        else:
            values["selection"] = self.selection_key()
        return values

    def save(self):
        return self.ctx.run(scoring.open_round, **self.values())


class AdoptDialog(EditorDialog):
    """Adopt the round's consensus for one risk: the median suggestion, which may be changed."""

    def __init__(self, ctx, round_id: int, risk, parent=None, *, question: str = "current"):
        super().__init__(ctx, None, parent)
        self.setObjectName("adoptDialog")
        self.round_id, self.risk = round_id, risk
        self.setWindowTitle(f"Adopt a consensus for {risk.reference}")
        s = risk.summary
        median = "no scores" if s.median_score is None else (
            f"median {s.median_likelihood:g} × {s.median_consequence:g} "
            f"(score {s.median_score:g}), range {s.range_text}, {s.count} member(s)")
        intro = QLabel(f"<b>{risk.reference} {risk.title}</b><br>{median}"
                       + ("<br><b>Members were more than one band apart.</b>"
                          if s.divergent else ""))
        intro.setWordWrap(True)
        self.panel = RiskMatrixPanel(f"Adopted {question} score",
                                     "Pre-filled with the median; click to change it.")
        self.panel.set_scheme(ctx.run(get_band_scheme))
        self.panel.set_value(risk.suggested)
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText("Leave blank for the round's own rationale (median, "
                                          "members, range)")
        self.rationale.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(self.panel)
        self.errors.add_row(self.form, "Rationale", "rationale", self.rationale)
        self.finish_layout(marks_required=False)

    def save(self):
        cell = self.panel.value()
        likelihood, consequence = cell if cell else (None, None)
        return self.ctx.run(scoring_view.adopt_consensus, round_id=self.round_id,
                            risk_id=self.risk.risk_id, likelihood=likelihood,
                            consequence=consequence,
                            rationale=self.rationale.toPlainText() or None)
