"""The register's filters: a search box, choices of band, category, owner, lead committee and
status, and tick boxes for what needs attention. The bar edits a ``RegisterFilter`` and says
when it changed; the heat map cell travels in the same filter but is chosen on the heat map.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.ui.risks.register_model import RegisterFilter

STATUSES = (("Open risks", "open"), ("Closed risks", "closed"), ("Open and closed", ""))
ANY = ""  # the data of an "any" entry; None does not survive a round trip through Qt


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumContentsLength(10)
    return combo


class RiskFilterBar(QWidget):
    changed = Signal(object)  # the new RegisterFilter

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = RegisterFilter()
        self.search = QLineEdit(placeholderText="Search reference, title, cause, event, effect…")
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.band = _combo("bandFilter", "Band of the current score")
        self.category = _combo("categoryFilter", "Category of risk")
        self.owner = _combo("ownerFilter", "Who owns the risk")
        self.committee = _combo("committeeFilter", "The committee that oversees the risk")
        self.status = _combo("statusFilter", "Open, closed, or both")
        for text, value in STATUSES:
            self.status.addItem(text, value)
        self.corporate = QCheckBox("Corporate register only")
        self.corporate.setObjectName("corporateFilter")
        self.overdue = QCheckBox("Review overdue")
        self.overdue.setObjectName("overdueFilter")
        self.appetite = QCheckBox("Above appetite")
        self.appetite.setObjectName("appetiteFilter")
        self.appetite.setToolTip("Current score above the tolerance the board set for the "
                                 "risk's category")
        self.late_actions = QCheckBox("Actions overdue")
        self.late_actions.setObjectName("actionsFilter")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.count = QLabel()
        self.count.setObjectName("riskCount")
        self._lay_out()
        self._connect()
        self.fill_choices([], [], [], [])

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        for label, combo in (("Band", self.band), ("Category", self.category),
                             ("Owner", self.owner), ("Committee", self.committee)):
            top.addWidget(QLabel(label))
            top.addWidget(combo, 1)
        top.addWidget(self.status)
        bottom = QHBoxLayout()
        for widget in (self.corporate, self.overdue, self.appetite, self.late_actions,
                       self.clear_button):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        self.count.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        bottom.addWidget(self.count)
        grid.addLayout(top, 0, 0)
        grid.addLayout(bottom, 1, 0)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda text: self._change(text=text))
        for combo, field in ((self.band, "band"), (self.category, "category_id"),
                             (self.owner, "owner_id"), (self.committee, "committee_id"),
                             (self.status, "status")):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, f=field: self._change(**{f: _value(c)}))
        for box, field in ((self.corporate, "corporate_only"), (self.overdue, "overdue_review"),
                           (self.appetite, "above_appetite"),
                           (self.late_actions, "overdue_actions")):
            box.toggled.connect(lambda on, f=field: self._change(**{f: on}))
        self.clear_button.clicked.connect(lambda: self._change(**vars(RegisterFilter())))

    def _change(self, **changes) -> None:
        state = self.state.changed(**changes)
        if state != self.state:
            self.set_state(state)
            self.changed.emit(state)

    # ----------------------------------------------------------------------------- state
    def set_state(self, state: RegisterFilter) -> None:
        """Show ``state`` without announcing it."""
        self.state = state
        widgets = (self.search, self.band, self.category, self.owner, self.committee,
                   self.status, self.corporate, self.overdue, self.appetite, self.late_actions)
        for widget in widgets:
            widget.blockSignals(True)
        if self.search.text() != state.text:
            self.search.setText(state.text)
        for combo, value in ((self.band, state.band), (self.category, state.category_id),
                             (self.owner, state.owner_id), (self.committee, state.committee_id),
                             (self.status, state.status)):
            _choose(combo, value)
        self.corporate.setChecked(state.corporate_only)
        self.overdue.setChecked(state.overdue_review)
        self.appetite.setChecked(state.above_appetite)
        self.late_actions.setChecked(state.overdue_actions)
        for widget in widgets:
            widget.blockSignals(False)

    def fill_choices(self, bands: list[str], categories: list, owners: list,
                     committees: list) -> None:
        """Refill the choices (``(id, name)`` pairs), keeping what is chosen."""
        for combo, anything, items in (
                (self.band, "Any band", [(b, b) for b in bands]),
                (self.category, "Any category", categories),
                (self.owner, "Anyone", owners),
                (self.committee, "Any committee", committees)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, ANY)
            for value, name in items:
                combo.addItem(name, value)
            combo.blockSignals(False)
        self.set_state(self.state)


def _value(combo: QComboBox):
    value = combo.currentData()
    return None if value == ANY else value


def _choose(combo: QComboBox, value) -> None:
    wanted = ANY if value is None else value
    index = combo.findData(wanted)
    if index < 0:  # a filter from elsewhere (the dashboard) for something not listed
        combo.addItem(f"#{value}", wanted)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
