"""The heat map: how many risks sit in each cell of the 5×5 matrix, for current or target
scores. Clicking a cell asks the register to show only those risks; clicking it again shows
them all."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.risk import BandScheme
from app.ui.common.risk_grid import RiskGrid, level_name, outline

KINDS = {"current": "Current", "target": "Target"}


def empty_counts() -> list[list[int]]:
    return [[0] * 5 for _ in range(5)]


class HeatMapGrid(RiskGrid):
    """The painted grid: a count in each cell, the chosen cell outlined."""

    def __init__(self, parent=None):
        super().__init__(parent, cell=44)
        self.setObjectName("heatMapGrid")
        self.counts = empty_counts()  # counts[likelihood - 1][consequence - 1]
        self.selected: tuple[int, int] | None = None

    def paint_cell(self, painter: QPainter, rect: QRect, likelihood: int,
                   consequence: int) -> None:
        count = self.counts[likelihood - 1][consequence - 1]
        if not count:
            return
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{count:,}")

    def paint_marks(self, painter: QPainter) -> None:
        super().paint_marks(painter)
        if self.selected is not None:
            outline(painter, self.cell_rect(*self.selected), 4)

    def tooltip_for(self, likelihood: int, consequence: int) -> str:
        value = likelihood * consequence
        band = self.scheme.band_for(value).name
        count = self.counts[likelihood - 1][consequence - 1]
        what = f"{count:,} risk{'s' if count != 1 else ''}"
        hint = ("Click again to show every risk" if self.selected == (likelihood, consequence)
                else "Click to show only these risks")
        return (f"Likelihood {level_name(self.scheme.likelihood_names, likelihood)} × "
                f"consequence {level_name(self.scheme.consequence_names, consequence)} "
                f"= {value} ({band})\n{what}. {hint}.")


class HeatMapWidget(QWidget):
    """The heat map panel: a current/target choice above the grid and a line of help."""

    cell_changed = Signal(object)  # (likelihood, consequence), or None for every cell
    kind_changed = Signal(str)  # "current" or "target"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.grid = HeatMapGrid()
        self.grid.cell_clicked.connect(self._on_grid_cell_clicked)
        self.kind_buttons = QButtonGroup(self)
        heading = QHBoxLayout()
        title = QLabel("<b>Heat map</b>")
        heading.addWidget(title)
        heading.addStretch(1)
        for kind, text in KINDS.items():
            button = QRadioButton(text)
            button.setObjectName(f"heatMap_{kind}")
            button.setToolTip(f"Count risks by their {kind} score")
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button)
            heading.addWidget(button)
        self.kind_buttons.buttons()[0].setChecked(True)
        self.kind_buttons.buttonToggled.connect(self._on_kind_toggled)
        self.note = QLabel()
        self.note.setObjectName("heatMapNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.grid)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._show_note()

    # ---------------------------------------------------------------------------- state
    def kind(self) -> str:
        return self.kind_buttons.checkedButton().property("kind")

    def set_kind(self, kind: str) -> None:
        """Choose current or target without telling anyone (the caller filters itself)."""
        for button in self.kind_buttons.buttons():
            if button.property("kind") == kind:
                self.kind_buttons.blockSignals(True)
                button.setChecked(True)
                self.kind_buttons.blockSignals(False)

    def cell(self) -> tuple[int, int] | None:
        return self.grid.selected

    def set_cell(self, cell: tuple[int, int] | None) -> None:
        self.grid.selected = cell
        self.grid.update()
        self._show_note()

    def set_counts(self, counts: list[list[int]]) -> None:
        self.grid.counts = counts
        self.grid.update()
        self._show_note()

    def set_scheme(self, scheme: BandScheme) -> None:
        self.grid.set_scheme(scheme)

    def counts(self) -> list[list[int]]:
        return self.grid.counts

    # ---------------------------------------------------------------------------- slots
    def _on_grid_cell_clicked(self, likelihood: int, consequence: int) -> None:
        cell = (likelihood, consequence)
        self.set_cell(None if self.grid.selected == cell else cell)
        self.cell_changed.emit(self.grid.selected)

    def _on_kind_toggled(self, button, checked: bool) -> None:
        if checked:
            self.set_cell(None)  # a cell of the other matrix means something else
            self.kind_changed.emit(button.property("kind"))

    def _show_note(self) -> None:
        total = sum(map(sum, self.grid.counts))
        kind = self.kind()
        if self.grid.selected is None:
            self.note.setText(f"{total:,} risks by {kind} score. Click a cell to show only "
                              "its risks.")
        else:
            lik, con = self.grid.selected
            self.note.setText(f"Showing {kind} {lik} × {con} = {lik * con}. Click the cell "
                              "again to show every risk.")
