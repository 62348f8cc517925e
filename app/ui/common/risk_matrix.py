"""Scoring a risk by clicking the 5×5 matrix.

``RiskMatrixWidget`` is the clickable grid: a click chooses likelihood × consequence and the
chosen cell is outlined; the arrow keys move the choice. Hovering a cell says what its levels
mean (the likelihood in words, as a frequency and as a probability; the consequence in the
domain the risk threatens), so the person scoring compares against the NPSA wording rather
than guessing. ``RiskMatrixPanel`` puts a title, the score and band, and that wording around it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.domain.risk import DEFAULT_SCHEME, BandScheme
from app.domain.risk_descriptors import (
    DOMAIN_KEYS,
    LIKELIHOOD_FREQUENCY,
    LIKELIHOOD_IN_WORDS,
    LIKELIHOOD_PROBABILITY,
    consequence_descriptor,
    consequence_domain,
)
from app.ui.common.risk_grid import RiskGrid, band_colour, level_name, outline, text_colour_on

Cell = tuple[int, int] | None


def likelihood_words(scheme: BandScheme, level: int) -> str:
    i = level - 1
    return (f"Likelihood {level_name(scheme.likelihood_names, level)}: {LIKELIHOOD_IN_WORDS[i]}; "
            f"{LIKELIHOOD_FREQUENCY[i].lower()}; probability {LIKELIHOOD_PROBABILITY[i]}.")


def consequence_words(scheme: BandScheme, domain: str, level: int) -> str:
    name = level_name(scheme.consequence_names, level)
    if domain not in DOMAIN_KEYS:
        return f"Consequence {name} (choose a consequence domain to see what it means)."
    return (f"Consequence {name} for {consequence_domain(domain).name.lower()}: "
            f"{consequence_descriptor(domain, level)}.")


def score_words(scheme: BandScheme, likelihood: int, consequence: int) -> str:
    value = likelihood * consequence
    return f"{likelihood} × {consequence} = {value} {scheme.band_for(value).name}"


def describe_cell(scheme: BandScheme, domain: str, likelihood: int, consequence: int) -> str:
    """What a cell of the matrix means, as the tooltip and the label under a matrix say it."""
    return "\n".join((score_words(scheme, likelihood, consequence),
                      likelihood_words(scheme, likelihood),
                      consequence_words(scheme, domain, consequence)))


class RiskMatrixWidget(RiskGrid):
    """A 5×5 grid to choose likelihood × consequence by clicking."""

    chosen_changed = Signal(object)  # (likelihood, consequence) or None

    def __init__(self, parent=None, *, cell: int = 36):
        super().__init__(parent, cell=cell)
        self.chosen: Cell = None
        self.domain = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.cell_clicked.connect(lambda lik, con: self.choose((lik, con)))

    def choose(self, cell: Cell) -> None:
        if cell != self.chosen:
            self.chosen = cell
            self.update()
            self.chosen_changed.emit(cell)

    def set_chosen(self, cell: Cell) -> None:
        """Show a score without announcing it (loading a risk is not a change)."""
        self.chosen = cell
        self.update()

    def set_domain(self, domain: str) -> None:
        self.domain = domain or ""

    def paint_cell(self, painter: QPainter, rect: QRect, likelihood: int,
                   consequence: int) -> None:
        font = QFont(self.label_font())
        font.setBold((likelihood, consequence) == self.chosen)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(likelihood * consequence))

    def paint_marks(self, painter: QPainter) -> None:
        super().paint_marks(painter)
        if self.chosen is not None:
            outline(painter, self.cell_rect(*self.chosen), 4)

    def tooltip_for(self, likelihood: int, consequence: int) -> str:
        return describe_cell(self.scheme, self.domain, likelihood, consequence)

    def keyPressEvent(self, event) -> None:
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        if event.key() not in moves or not self.isEnabled():
            super().keyPressEvent(event)
            return
        lik, con = self.chosen or (3, 3)
        d_lik, d_con = moves[event.key()]
        self.choose((min(5, max(1, lik + d_lik)), min(5, max(1, con + d_con))))


class RiskMatrixPanel(QWidget):
    """One score (inherent, current or target): its matrix, the score, what the levels mean."""

    changed = Signal(object)  # (likelihood, consequence) or None

    def __init__(self, title: str, explanation: str, *, can_clear: bool = False, parent=None):
        super().__init__(parent)
        self.scheme = DEFAULT_SCHEME
        self.saved: Cell = None  # the score as stored, to say what a new choice changes
        self.title = QLabel(f"<b>{title}</b><br><small>{explanation}</small>")
        self.title.setWordWrap(True)
        self.matrix = RiskMatrixWidget()
        self.matrix.setAccessibleName(f"{title} score")
        self.score = QLabel()
        self.score.setObjectName("scoreLabel")
        self.score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.descriptor = QLabel()
        self.descriptor.setObjectName("descriptorLabel")
        self.descriptor.setWordWrap(True)
        self.descriptor.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for the longest wording, so the matrices do not jump as the pointer moves.
        self.descriptor.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.descriptor.setSizePolicy(QSizePolicy.Policy.Preferred,
                                      QSizePolicy.Policy.Minimum)
        self.clear_button = QPushButton("No target score")
        self.clear_button.setVisible(can_clear)
        self.clear_button.clicked.connect(lambda: self.matrix.choose(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.matrix)
        layout.addWidget(self.score)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.descriptor)
        layout.addStretch(1)
        self.matrix.chosen_changed.connect(self._on_chosen_changed)
        self.matrix.hovered.connect(self._on_hovered)
        self._show_score()

    def value(self) -> Cell:
        return self.matrix.chosen

    def set_value(self, cell: Cell, *, saved: bool = True) -> None:
        """Show ``cell``; ``saved`` says it is the score as stored (not a new choice)."""
        if saved:
            self.saved = cell
        self.matrix.set_chosen(cell)
        self._show_score()

    def set_domain(self, domain: str) -> None:
        self.matrix.set_domain(domain)
        self._show_descriptor(self.matrix.chosen)

    def set_scheme(self, scheme: BandScheme) -> None:
        self.scheme = scheme
        self.matrix.set_scheme(scheme)
        self._show_score()

    def _on_chosen_changed(self, cell: Cell) -> None:
        self._show_score()
        self.changed.emit(cell)

    def _on_hovered(self, likelihood: int, consequence: int) -> None:
        self._show_descriptor((likelihood, consequence) if likelihood else self.matrix.chosen)

    def _show_score(self) -> None:
        cell = self.matrix.chosen
        if cell is None:
            self.score.setText("Not scored")
            self.score.setStyleSheet("")
        else:
            background = band_colour(self.scheme, cell[0] * cell[1])
            was = f" (was {self.saved[0]} × {self.saved[1]})" \
                if self.saved and self.saved != cell else ""
            self.score.setText(score_words(self.scheme, *cell) + was)
            self.score.setStyleSheet(
                f"background: {background.name()}; color: {text_colour_on(background).name()};"
                " font-weight: bold; padding: 3px; border-radius: 3px")
        self._show_descriptor(cell)

    def _show_descriptor(self, cell: Cell) -> None:
        if cell is None:
            self.descriptor.setText("Point at a cell to see what its likelihood and "
                                    "consequence mean; click it to choose it.")
            return
        lik, con = cell
        self.descriptor.setText(f"{likelihood_words(self.scheme, lik)}\n"
                                f"{consequence_words(self.scheme, self.matrix.domain, con)}")
