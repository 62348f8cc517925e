"""Record decision…: what the body resolved on an agenda item.

At the top, read-only, the facts the services know now: the quorum for the item (after
conflicted members withdrew) and the interests declared on it. The outcome offers only what the
item's purpose allows. The vote is none, a count, or by name (the voting members present).
When ``override_needed_for`` says the decision needs an override (inquorate, a conflicted
member voting), an override box shows the reasons and asks why the body went ahead; saving
without a reason shows the service's problem in place. Risk score changes and new actions are
listed below and saved with the decision in one transaction.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.agenda import allowed_outcomes
from app.domain.decisions import VOTE_CHOICES, VOTE_METHODS, Vote
from app.services import interests
from app.services.decisions import decisions
from app.services.meetings import attendance
from app.services.risks import register as risk_register
from app.ui.common.choices import choice_box, people_choices
from app.ui.common.forms import EditorDialog, date_edit, from_qdate, required, show_date


def _text_edit(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _spin(low: int, high: int, value: int = 0) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class VoteEditor(QWidget):
    """None, a count for/against/abstain, or each voting member present by name."""

    def __init__(self, voters: list[str], parent=None):
        super().__init__(parent)
        self.method = choice_box([(m.capitalize(), m) for m in VOTE_METHODS])
        self.method.setObjectName("voteMethod")
        self.counts = [_spin(0, 99) for _ in VOTE_CHOICES]
        counts = QWidget()
        row = QHBoxLayout(counts)
        row.setContentsMargins(0, 0, 0, 0)
        for label, spin in zip(VOTE_CHOICES, self.counts, strict=True):
            row.addWidget(QLabel(label.capitalize()))
            row.addWidget(spin)
        row.addStretch(1)
        self.by_name: dict[str, QComboBox] = {}
        names = QWidget()
        grid = QVBoxLayout(names)
        grid.setContentsMargins(0, 0, 0, 0)
        for name in voters:
            line = QHBoxLayout()
            box = choice_box([("did not vote", "")] + [(c, c) for c in VOTE_CHOICES])
            self.by_name[name] = box
            line.addWidget(QLabel(name), 1)
            line.addWidget(box)
            grid.addLayout(line)
        if not voters:
            grid.addWidget(QLabel("No voting members are recorded as present."))
        self.pages = QStackedWidget()
        for page in (QWidget(), counts, names):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.method)
        layout.addWidget(self.pages)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self._on_method_changed(0)

    def _on_method_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.pages.setVisible(index > 0)  # no blank gap when no vote was taken

    def vote(self) -> Vote:
        method = self.method.currentData()
        if method == "count":
            return Vote("count", *(s.value() for s in self.counts))
        if method == "by name":
            return Vote("by name", by_name={n: b.currentData() for n, b in self.by_name.items()
                                            if b.currentData()})
        return Vote()


class DecisionDialog(EditorDialog):
    """``item`` is an ``AgendaItemRow``; ``meeting`` its ``MeetingRow``."""

    def __init__(self, ctx, item, meeting, parent=None):
        super().__init__(ctx, None, parent)
        self.setObjectName("decisionDialog")
        self.item, self.meeting = item, meeting
        self.setWindowTitle(f"Record decision — {item.number} {item.title}")
        self.risk_changes: list[tuple] = []
        self.new_actions: list[tuple] = []
        self.facts = QLabel(self._facts_html())
        self.facts.setObjectName("decisionFacts")
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("background: #f0f4f5; padding: 6px; border: 1px solid #d8dde0")
        self.layout_.addWidget(self.facts)
        self._build_form()
        self._build_override()
        self.finish_layout(self.override_box, self._risk_box(), self._action_box())
        self.vote.method.currentIndexChanged.connect(self.update_override)
        for box in self.vote.by_name.values():
            box.currentIndexChanged.connect(self.update_override)
        self.update_override()
        self.resize(640, 760)
        if getattr(meeting, "sealed", ""):
            self._seal()

    def _seal(self) -> None:
        """A sealed meeting takes no new decision; one recorded is changed by Correct…."""
        from PySide6.QtWidgets import QPushButton

        from app.ui.common.correction import (
            CorrectableField,
            CorrectDialog,
            seal_banner,
            show_seal,
        )
        banner = seal_banner()
        show_seal(banner, self.meeting.sealed)
        self.layout_.insertWidget(0, banner)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(False)
        recorded = [d for d in self.ctx.run(decisions.decisions_for_item,
                                            agenda_item_id=self.item.id)
                    if d.status == "recorded"]
        if not recorded:
            return
        d = recorded[0]
        correct = QPushButton("Correct…")
        correct.setObjectName("correctDecision")
        self.buttons.addButton(correct, self.buttons.ButtonRole.ActionRole)

        def open_correction() -> None:
            self.correct_dialog = CorrectDialog(
                self.ctx, record_type="decision", record_id=d.id,
                title=f"decision #{d.id}", parent=self,
                fields=[CorrectableField("resolution", "Resolution", d.resolution, long=True),
                        CorrectableField("rationale", "Rationale", d.rationale, long=True)])
            self.correct_dialog.accepted.connect(self.reject)
            self.correct_dialog.open()
        correct.clicked.connect(open_correction)

    # ------------------------------------------------------------------------------ facts
    def _facts_html(self) -> str:
        quorum = self.ctx.run(attendance.quorum_for_item, agenda_item_id=self.item.id)
        decls = [d for d in self.ctx.run(interests.list_declarations, meeting_id=self.meeting.id)
                 if d.agenda_item_id == self.item.id]
        state = "Quorate" if quorum.quorate else "<b style='color:#b00020'>Not quorate</b>"
        lines = [f"<b>Quorum for this item:</b> {state} — {html.escape(quorum.explanation)}"]
        if decls:
            lines.append("<b>Interests declared on this item:</b>")
            lines += [f"• {html.escape(d.person)}: {html.escape(d.description)} "
                      f"({html.escape(d.action)})" for d in decls]
        else:
            lines.append("<b>Interests declared on this item:</b> none")
        return "<br>".join(lines)

    def _voters(self) -> list[str]:
        return [a.person for a in self.ctx.run(attendance.list_attendance,
                                               meeting_id=self.meeting.id)
                if a.voting and a.status == "present"]

    # ------------------------------------------------------------------------------- form
    def _build_form(self) -> None:
        self.resolution = _text_edit(3)
        self.resolution.setObjectName("resolution")
        self.outcome = choice_box([(o, o) for o in allowed_outcomes(self.item.purpose)])
        self.outcome.setObjectName("outcome")
        self.rationale = _text_edit(2)
        self.rationale.setObjectName("rationale")
        self.vote = VoteEditor(self._voters())
        self.decided_on = date_edit(self.meeting.meeting_date)
        self.decided_on.setObjectName("decidedOn")
        self.errors.add_row(self.form, required("Resolution"), "resolution", self.resolution)
        self.errors.add_row(self.form, required(f"Outcome ({self.item.purpose_label})"),
                            "outcome", self.outcome)
        self.errors.add_row(self.form, "Rationale", "rationale", self.rationale)
        self.errors.add_row(self.form, "Vote", "vote", self.vote)
        self.errors.add_row(self.form, "Decided on", "decided_on", self.decided_on)

    def _build_override(self) -> None:
        self.override_box = QGroupBox("Override needed")
        self.override_box.setObjectName("overrideBox")
        self.override_box.setStyleSheet("QGroupBox { color: #b00020; font-weight: bold }")
        self.override_reasons = QLabel()
        self.override_reasons.setObjectName("overrideReasons")
        self.override_reasons.setWordWrap(True)
        self.override_reasons.setStyleSheet("font-weight: normal")
        self.override_reason = _text_edit(2)
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setPlaceholderText("Why the body went ahead (the trail shows it)")
        form = QFormLayout(self.override_box)
        form.addRow(self.override_reasons)
        self.errors.add_row(form, required("Reason"), "override_reason", self.override_reason)

    def update_override(self) -> None:
        try:
            reasons = self.ctx.run(decisions.override_needed_for, agenda_item_id=self.item.id,
                                   vote=self.vote.vote())
        except Exception:  # an incomplete vote: the service says so on save
            reasons = []
        self.override_reasons.setText("This decision needs an override with a reason:\n"
                                      + "\n".join(f"• {r}" for r in reasons))
        self.override_box.setVisible(bool(reasons))

    # ------------------------------------------------------------------ risks and actions
    def _risk_box(self) -> QGroupBox:
        box = QGroupBox("Risk score changes")
        self.risks = {r.id: r for r in self.ctx.run(risk_register.list_risks)}
        self.risk_pick = choice_box([(f"{r.reference} {r.title}", r.id)
                                     for r in self.risks.values()])
        self.risk_pick.setObjectName("riskPick")
        self.likelihood, self.consequence = _spin(1, 5, 3), _spin(1, 5, 3)
        add = QPushButton("Add change")
        add.setObjectName("addRiskChange")
        add.clicked.connect(self.add_risk_change)
        self.risk_list = QListWidget()
        self.risk_list.setObjectName("riskChanges")
        self.risk_list.setMaximumHeight(60)
        row = QHBoxLayout()
        for widget in (self.risk_pick, QLabel("L"), self.likelihood, QLabel("C"),
                       self.consequence, add):
            row.addWidget(widget)
        row.setStretch(0, 1)
        column = QVBoxLayout(box)
        column.addLayout(row)
        column.addWidget(self.risk_list)
        return box

    def add_risk_change(self) -> None:
        risk = self.risks.get(self.risk_pick.currentData())
        if risk is None:
            return
        lik, con = self.likelihood.value(), self.consequence.value()
        self.risk_changes.append((risk.id, risk.version, lik, con))
        self.risk_list.addItem(f"{risk.reference}: {risk.current_likelihood}×"
                               f"{risk.current_consequence} → {lik}×{con} = {lik * con}")

    def _action_box(self) -> QGroupBox:
        box = QGroupBox("New actions")
        self.action_text = QLineEdit(placeholderText="What is to be done")
        self.action_text.setObjectName("actionText")
        self.action_owner = choice_box(people_choices(self.ctx), "no owner yet")
        self.action_owner.setObjectName("actionOwner")
        self.action_due = date_edit(self.meeting.meeting_date)
        add = QPushButton("Add action")
        add.setObjectName("addAction")
        add.clicked.connect(self.add_action)
        self.action_list = QListWidget()
        self.action_list.setObjectName("newActions")
        self.action_list.setMaximumHeight(60)
        row = QHBoxLayout()
        for widget in (self.action_text, self.action_owner, self.action_due, add):
            row.addWidget(widget)
        row.setStretch(0, 1)
        column = QVBoxLayout(box)
        column.addLayout(row)
        column.addWidget(self.action_list)
        return box

    def add_action(self) -> None:
        text = self.action_text.text().strip()
        if not text:
            return
        due = from_qdate(self.action_due.date())
        self.new_actions.append((text, self.action_owner.currentData(), due))
        self.action_list.addItem(f"{text} — {self.action_owner.currentText()}, due "
                                 f"{show_date(due)}")
        self.action_text.clear()

    # ------------------------------------------------------------------------------- save
    def save(self):
        return self.ctx.run(
            decisions.record_decision, agenda_item_id=self.item.id,
            resolution=self.resolution.toPlainText(), outcome=self.outcome.currentData(),
            rationale=self.rationale.toPlainText(), vote=self.vote.vote(),
            override_reason=self.override_reason.toPlainText(),
            decided_on=from_qdate(self.decided_on.date()), risk_changes=self.risk_changes,
            new_actions=self.new_actions)
