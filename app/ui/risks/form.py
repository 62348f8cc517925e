"""The first two pages of the risk editor: the risk's own fields, and its three scores.

Each page loads a ``RiskRow`` and gives back values named as the services name them, so a
problem the service reports appears beside the field that holds it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.risk import SCORE_KINDS, BandScheme
from app.domain.risk_descriptors import CONSEQUENCE_DOMAINS
from app.services import people
from app.services.risks import settings as risk_settings
from app.ui.common.forms import OptionalDateEdit, date_edit, from_qdate, required, to_qdate
from app.ui.common.risk_matrix import RiskMatrixPanel
from app.ui.risks.dialogs import RiskFieldErrors, row_widget, text_box
from app.ui.risks.register_model import cell_of

SCORE_TITLES = {
    "inherent": ("Inherent", "Before any controls."),
    "current": ("Current", "With the controls in place today."),
    "target": ("Target", "After the planned actions, by the target date."),
}


def _form(parent: QWidget | None) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


NONE = 0  # "no one", "no category": record ids start at 1, and None must not go into Qt


def _choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(0, combo.findData(NONE if value is None else value)))


def _chosen(combo: QComboBox):
    return combo.currentData() or None


class RiskFieldsPage(QWidget):
    """What the risk is, who owns it, and when it is next reviewed.

    The cause, event and effect boxes are ``*_box``: ``self.event`` would hide
    ``QWidget.event``, which Qt calls for every event.
    """

    def __init__(self, ctx, errors: RiskFieldErrors, parent=None):
        super().__init__(parent)
        self.reference = QLineEdit(placeholderText="Given when the risk is saved, e.g. CR-007")
        self.title = QLineEdit(placeholderText="e.g. Financial targets not achieved")
        self.cause_box = text_box(lines=2, placeholder="Because of… (the cause)")
        self.event_box = text_box(lines=2, placeholder="…there is a risk that… (the event)")
        self.effect_box = text_box(lines=2, placeholder="…which would lead to… (the effect)")
        self.category, self.owner, self.committee = QComboBox(), QComboBox(), QComboBox()
        self.raised_on = date_edit()
        self.review_every = QSpinBox()
        self.review_every.setRange(1, 24)
        self.review_every.setValue(3)
        self.review_every.valueChanged.connect(
            lambda n: self.review_every.setSuffix(" month" if n == 1 else " months"))
        self.review_every.setSuffix(" months")
        self.next_review = OptionalDateEdit("Due on")
        self.next_review.setToolTip("Left out, it falls due one review period after raising")
        self.target_date = OptionalDateEdit("Reach the target by")
        self.corporate = QCheckBox("On the corporate risk register")
        self.corporate.setToolTip("A current score at or above the escalation threshold puts "
                                  "a risk on the corporate register and keeps it there")
        self._fill_choices(ctx, None)
        page = QVBoxLayout(self)
        form = _form(None)
        page.addLayout(form)
        page.addStretch(1)  # spare height below the fields, not between them
        for label, field, widget in (
                ("Reference", "reference", self.reference),
                (required("Title"), "title", self.title), ("Cause", "cause", self.cause_box),
                ("Event", "event", self.event_box), ("Effect", "effect", self.effect_box),
                (required("Category"), "category_id", self.category),
                ("Owner", "owner_id", self.owner),
                ("Lead committee", "committee_id", self.committee),
                ("Raised on", "raised_on", self.raised_on),
                ("Review every", "review_frequency_months", self.review_every),
                ("Next review", "next_review_on", self.next_review),
                ("Target date", "target_date", self.target_date),
                ("Corporate register", "on_corporate_register", self.corporate)):
            errors.add_row(form, label, field, widget)

    def _fill_choices(self, ctx, row) -> None:
        """Categories, people and bodies; a retired owner or body of this risk stays listed."""
        self.category.clear()
        self.category.addItem("— choose a category —", NONE)
        for c in ctx.run(risk_settings.list_categories):
            self.category.addItem(f"{c.name} (appetite {c.appetite}, tolerance {c.tolerance})",
                                  c.id)
        for combo, rows, keep in (
                (self.owner, ctx.run(people.list_people), row and row.owner_id),
                (self.committee, ctx.run(people.list_committees), row and row.committee_id)):
            combo.clear()
            combo.addItem("— none —", NONE)
            for r in rows:
                if r.retired_on is None or r.id == keep:
                    combo.addItem(r.name, r.id)

    def load(self, ctx, row) -> None:
        self._fill_choices(ctx, row)
        self.reference.setText(row.reference)
        self.title.setText(row.title)
        for box, text in ((self.cause_box, row.cause), (self.event_box, row.event),
                          (self.effect_box, row.effect)):
            box.setPlainText(text)
        _choose(self.category, row.category_id)
        _choose(self.owner, row.owner_id)
        _choose(self.committee, row.committee_id)
        self.raised_on.setDate(to_qdate(row.raised_on))
        self.review_every.setValue(row.review_frequency_months)
        self.next_review.set_date(row.next_review_on)
        self.target_date.set_date(row.target_date)
        self.corporate.setChecked(row.on_corporate_register)

    def values(self) -> dict:
        return {"reference": self.reference.text(), "title": self.title.text(),
                "cause": self.cause_box.toPlainText(), "event": self.event_box.toPlainText(),
                "effect": self.effect_box.toPlainText(), "category_id": _chosen(self.category),
                "owner_id": _chosen(self.owner), "committee_id": _chosen(self.committee),
                "raised_on": from_qdate(self.raised_on.date()),
                "review_frequency_months": self.review_every.value(),
                "next_review_on": self.next_review.date(),
                "target_date": self.target_date.date(),
                "on_corporate_register": self.corporate.isChecked()}


class RiskScoresPage(QWidget):
    """The consequence domain, the inherent, current and target matrices, and why a score
    changed (required as soon as one does)."""

    scores_changed = Signal()

    def __init__(self, errors: RiskFieldErrors, scheme: BandScheme, parent=None):
        super().__init__(parent)
        self.row = None
        self.domain = QComboBox()
        self.domain.addItem("— choose the domain the risk threatens —", "")
        for domain in CONSEQUENCE_DOMAINS:
            self.domain.addItem(domain.name, domain.key)
        self.domain.currentIndexChanged.connect(self._on_domain_changed)
        self.panels = {kind: RiskMatrixPanel(*SCORE_TITLES[kind], can_clear=kind == "target")
                       for kind in SCORE_KINDS}
        matrices = QHBoxLayout()
        matrices.setSpacing(18)
        for panel in self.panels.values():
            panel.set_scheme(scheme)
            panel.changed.connect(self._on_score_changed)
            matrices.addWidget(panel, 1)
        self.rationale = text_box(lines=3, placeholder="What changed: new controls, an audit "
                                                       "finding, a missed target…")
        self.rationale_label = QLabel("Why the score changed")
        self.source = QLineEdit("review", placeholderText="e.g. quarterly review")
        top, middle, bottom = QFormLayout(), QFormLayout(), QFormLayout()
        errors.add_row(top, "Consequence domain", "consequence_domain", self.domain)
        # The matrices get the page's whole width: no label column beside them.
        errors.add_row(middle, "", "scores", row_widget(matrices))
        for field in ("likelihood", "consequence", "kind", "scored_on", *(
                f"{k}_{axis}" for k in SCORE_KINDS for axis in ("likelihood", "consequence"))):
            errors.alias(field, "scores")
        errors.add_row(bottom, self.rationale_label, "rationale", self.rationale)
        errors.add_row(bottom, "Occasion", "source", self.source)
        layout = QVBoxLayout(self)
        for form in (top, middle, bottom):
            layout.addLayout(form)
        layout.addStretch(1)
        self._show_rationale_need()

    def load(self, row) -> None:
        self.row = row
        self.domain.blockSignals(True)
        _choose(self.domain, row.consequence_domain if row else "")
        self.domain.blockSignals(False)
        for kind, panel in self.panels.items():
            panel.set_value(cell_of(row, kind) if row else None)
            panel.clear_button.setVisible(row is None and kind == "target")
        self._on_domain_changed()
        self.rationale.clear()
        self._show_rationale_need()

    def value(self, kind: str):
        return self.panels[kind].value()

    def changed_scores(self) -> dict:
        """Scores that differ from the risk as loaded (a target cannot be taken away)."""
        if self.row is None:
            return {}
        return {kind: panel.value() for kind, panel in self.panels.items()
                if panel.value() is not None and panel.value() != cell_of(self.row, kind)}

    def _on_domain_changed(self, *_args) -> None:
        for panel in self.panels.values():
            panel.set_domain(self.domain.currentData())

    def _on_score_changed(self, _cell) -> None:
        self._show_rationale_need()
        self.scores_changed.emit()

    def _show_rationale_need(self) -> None:
        """The rationale turns required when an existing risk's score changes."""
        needed = bool(self.changed_scores())
        if self.row is None:
            label, hint = "Basis of the scores", ("Optional: the evidence behind the scores "
                                                  "(otherwise 'Assessed when the risk was "
                                                  "raised')")
        elif needed:
            label, hint = required("Why the score changed"), "Required: say why the score " \
                                                              "changed"
        else:
            label, hint = "Why the score changed", ("Needed when you change a score: new "
                                                    "controls, an audit finding, a missed "
                                                    "target…")
        self.rationale_label.setText(label)
        self.rationale_label.setStyleSheet("font-weight: bold" if needed else "")
        self.rationale.setPlaceholderText(hint)
