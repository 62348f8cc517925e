"""Add or edit one control, assurance, gap or action of a risk.

Each dialog sends every field to the service (with the version it opened, so a change made by
someone else meanwhile is refused rather than overwritten) and shows a refusal beside the
field it concerns.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from app.domain.risk import (
    ACTION_STATUSES,
    CONTROL_TYPES,
    EFFECTIVENESS,
    GAP_KINDS,
    LINES_OF_DEFENCE,
)
from app.services import people
from app.services.risks import detail as risks_detail
from app.ui.common.forms import EditorDialog, OptionalDateEdit, required
from app.ui.risks.dialogs import text_box

NONE = 0  # "no one", "no gap": ids start at 1, and None must not go into Qt


def combo(items, current=None) -> QComboBox:
    """A choice of ``(value, text)`` pairs, showing ``current``; a value of None is kept as
    ``NONE`` (PySide6 6.12 loses a reference to None on each trip through a QVariant)."""
    box = QComboBox()
    # Long descriptions (a control, a gap) must not stretch the dialog off the screen.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    for value, text in items:
        box.addItem(text, NONE if value is None else value)
    box.setCurrentIndex(max(0, box.findData(NONE if current is None else current)))
    return box


def line_name(line: int) -> str:
    return f"{line} — {LINES_OF_DEFENCE[line]}"


class RiskPartDialog(EditorDialog):
    """Common ground: the risk it belongs to, a description, a title that says which."""

    NOUN = "record"

    def __init__(self, ctx, risk, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.risk = risk
        self.setObjectName(f"{self.NOUN}Dialog")
        self.setWindowTitle(f"Edit {self.NOUN} of {risk.reference}" if row
                            else f"Add a {self.NOUN} to {risk.reference}")
        self.description = text_box(row.description if row else "", lines=3)
        self.setMinimumWidth(520)

    def done_building(self, *rows) -> None:
        self.errors.add_row(self.form, required("Description"), "description", self.description)
        for label, field, widget in rows:
            self.errors.add_row(self.form, label, field, widget)
        self.finish_layout()


class ControlDialog(RiskPartDialog):
    NOUN = "control"

    def __init__(self, ctx, risk, row=None, parent=None):
        super().__init__(ctx, risk, row, parent)
        self.control_type = combo([(t, t) for t in CONTROL_TYPES], row and row.control_type)
        self.effectiveness = combo([(e, e) for e in EFFECTIVENESS], row and row.effectiveness)
        self.done_building(("Type", "control_type", self.control_type),
                           ("Effectiveness", "effectiveness", self.effectiveness))

    def save(self):
        values = dict(description=self.description.toPlainText(),
                      control_type=self.control_type.currentData(),
                      effectiveness=self.effectiveness.currentData())
        if self.row is None:
            return self.ctx.run(risks_detail.add_control, risk_id=self.risk.id, **values)
        return self.ctx.run(risks_detail.update_control, control_id=self.row.id,
                            expected_version=self.row.version, **values)


class AssuranceDialog(RiskPartDialog):
    NOUN = "assurance"

    def __init__(self, ctx, risk, row=None, parent=None, controls=()):
        super().__init__(ctx, risk, row, parent)
        self.line = combo([(n, line_name(n)) for n in LINES_OF_DEFENCE],
                          row.line_of_defence if row else 1)
        self.positive = combo([(True, "Positive: the control works"),
                               (False, "Negative: the control falls short")],
                              row.positive if row else True)
        self.source = QLineEdit(row.source if row else "",
                                placeholderText="e.g. Internal audit report 2012/07")
        self.received_on = OptionalDateEdit("Received", row.received_on if row else None)
        self.control = combo([(None, "— the risk as a whole —"),
                              *((c.id, c.description) for c in controls)],
                             row.control_id if row else None)
        self.done_building(("Line of defence", "line_of_defence", self.line),
                           ("Assurance", "positive", self.positive),
                           ("Source", "source", self.source),
                           ("Received", "received_on", self.received_on),
                           ("On control", "control_id", self.control))

    def save(self):
        values = dict(description=self.description.toPlainText(),
                      line_of_defence=self.line.currentData(),
                      positive=self.positive.currentData(), source=self.source.text(),
                      received_on=self.received_on.date(),
                      control_id=self.control.currentData() or None)
        if self.row is None:
            return self.ctx.run(risks_detail.add_assurance, risk_id=self.risk.id, **values)
        return self.ctx.run(risks_detail.update_assurance, assurance_id=self.row.id,
                            expected_version=self.row.version, **values)


class GapDialog(RiskPartDialog):
    NOUN = "gap"

    def __init__(self, ctx, risk, row=None, parent=None):
        super().__init__(ctx, risk, row, parent)
        self.kind = combo([(k, f"Gap in {k}") for k in GAP_KINDS], row and row.kind)
        self.done_building(("Kind", "kind", self.kind))

    def save(self):
        values = dict(kind=self.kind.currentData(), description=self.description.toPlainText())
        if self.row is None:
            return self.ctx.run(risks_detail.add_gap, risk_id=self.risk.id, **values)
        return self.ctx.run(risks_detail.update_gap, gap_id=self.row.id,
                            expected_version=self.row.version, **values)


class ActionDialog(RiskPartDialog):
    NOUN = "action"

    def __init__(self, ctx, risk, row=None, parent=None, gaps=()):
        super().__init__(ctx, risk, row, parent)
        owners = [(p.id, p.name) for p in ctx.run(people.list_people)
                  if p.retired_on is None or (row and p.id == row.owner_id)]
        self.owner = combo([(None, "— no one yet —"), *owners], row and row.owner_id)
        self.due_on = OptionalDateEdit("Due", row.due_on if row else None)
        self.status = combo([(s, s.capitalize()) for s in ACTION_STATUSES], row and row.status)
        self.completed_on = OptionalDateEdit("Completed", row.completed_on if row else None)
        self.gap = combo([(None, "— no particular gap —"),
                          *((g.id, f"{g.kind}: {g.description}") for g in gaps)],
                         row and row.gap_id)
        self.done_building(("Owner", "owner_id", self.owner), ("Due", "due_on", self.due_on),
                           ("Status", "status", self.status),
                           ("Completed", "completed_on", self.completed_on),
                           ("Closes gap", "gap_id", self.gap))

    def save(self):
        values = dict(description=self.description.toPlainText(),
                      owner_id=self.owner.currentData() or None, due_on=self.due_on.date(),
                      status=self.status.currentData(), completed_on=self.completed_on.date(),
                      gap_id=self.gap.currentData() or None)
        if self.row is None:
            return self.ctx.run(risks_detail.add_action, risk_id=self.risk.id, **values)
        return self.ctx.run(risks_detail.update_action, action_id=self.row.id,
                            expected_version=self.row.version, **values)
