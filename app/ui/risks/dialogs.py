"""Small dialogs the register opens on the selected risk: rescore it, close it.

Both save through the services when Save is pressed and stay open with the problem shown
beside its field when the service refuses (a rescoring without a rationale, a closure
without a reason).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.domain.risk import BandScheme
from app.services.risks import risks
from app.ui.common.forms import (
    EditorDialog,
    FieldErrors,
    OptionalDateEdit,
    date_edit,
    from_qdate,
    required,
)
from app.ui.common.risk_matrix import RiskMatrixPanel
from app.ui.risks.register_model import cell_of

SCORE_KINDS = {"current": "Current", "target": "Target", "inherent": "Inherent"}


class RiskFieldErrors(FieldErrors):
    """Problems beside their fields, where one field on screen holds several of the service's
    (a matrix holds both likelihood and consequence)."""

    def alias(self, field: str, shown_at: str) -> None:
        self._labels[field] = self._labels[shown_at]
        self._widgets[field] = self._widgets[shown_at]


def row_widget(layout) -> QWidget:
    """A layout as one form field."""
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box


def text_box(text: str = "", lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class RescoreDialog(EditorDialog):
    """Record a new score for one risk, with why, on what occasion and when."""

    def __init__(self, ctx, row, scheme: BandScheme, parent=None):
        super().__init__(ctx, row, parent)
        self.errors = RiskFieldErrors()
        self.setObjectName("rescoreDialog")
        self.setWindowTitle(f"Rescore {row.reference}")
        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        for kind, text in SCORE_KINDS.items():
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_buttons.buttons()[0].setChecked(True)
        self.kind_buttons.buttonToggled.connect(self._on_kind_toggled)
        self.panel = RiskMatrixPanel(f"{row.reference} {row.title}",
                                     "Click the cell that fits the risk now.")
        self.panel.set_scheme(scheme)
        self.panel.set_domain(row.consequence_domain)
        self.panel.set_value(cell_of(row, "current"))
        self.rationale = text_box(placeholder="What changed: new controls, an audit "
                                              "finding, a missed target…")
        self.source = QLineEdit("review", placeholderText="e.g. quarterly review")
        self.scored_on = date_edit()
        self.target_date = OptionalDateEdit("Reach it by", row.target_date)
        for label, field, widget in (
                ("Score", "kind", row_widget(kinds)), ("", "likelihood", self.panel),
                (required("Why it changed"), "rationale", self.rationale),
                ("Occasion", "source", self.source), ("Scored on", "scored_on", self.scored_on),
                ("Target date", "target_date", self.target_date)):
            self.errors.add_row(self.form, label, field, widget)
        self.errors.alias("consequence", "likelihood")
        self.target_row = self.form.rowCount() - 1
        self.form.setRowVisible(self.target_row, False)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Record score")
        self.setMinimumWidth(560)

    def kind(self) -> str:
        return self.kind_buttons.checkedButton().property("kind")

    def _on_kind_toggled(self, button, checked: bool) -> None:
        if checked:
            kind = button.property("kind")
            self.panel.set_value(cell_of(self.row, kind))
            self.form.setRowVisible(self.target_row, kind == "target")

    def save(self):
        cell = self.panel.value() or (None, None)
        return self.ctx.run(
            risks.rescore_risk, risk_id=self.row.id, expected_version=self.row.version,
            kind=self.kind(), likelihood=cell[0], consequence=cell[1],
            rationale=self.rationale.toPlainText(), source=self.source.text(),
            scored_on=from_qdate(self.scored_on.date()),
            target_date=self.target_date.date() if self.kind() == "target" else None)


class CloseRiskDialog(EditorDialog):
    """Close a risk that no longer threatens the organisation, saying why."""

    def __init__(self, ctx, row, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("closeRiskDialog")
        self.setWindowTitle(f"Close {row.reference}")
        self.reason = text_box(placeholder="e.g. The contract ended; the risk no longer applies")
        self.closed_on = date_edit()
        self.errors.add_row(self.form, required("Why it is closed"), "reason", self.reason)
        self.errors.add_row(self.form, "Closed on", "closed_on", self.closed_on)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Close risk")
        self.setMinimumWidth(460)

    def save(self):
        return self.ctx.run(risks.close_risk, risk_id=self.row.id,
                            expected_version=self.row.version,
                            reason=self.reason.toPlainText(),
                            closed_on=from_qdate(self.closed_on.date()))

