"""The 5×5 risk matrix as Boardbook draws it everywhere: likelihood along the bottom and
consequence up the side, as the NPSA and B&NES matrices print it, each cell in the colour of
its band. The heat map (counts) and the risk editor's matrices (a choice) build on it.

Colours come from the organisation's band scheme, so the text on a cell is black or white,
whichever reads better on that colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.risk import DEFAULT_SCHEME, LEVELS, BandScheme

BLACK, WHITE = QColor("#000000"), QColor("#ffffff")
GAP = 6  # between the grid and its labels


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """Relative luminance as WCAG defines it (0 black .. 1 white)."""
    return (0.2126 * _channel(colour.red()) + 0.7152 * _channel(colour.green())
            + 0.0722 * _channel(colour.blue()))


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever has the higher contrast on ``background``."""
    lum = luminance(background)
    return BLACK if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else WHITE


def band_colour(scheme: BandScheme, value: int) -> QColor:
    return QColor(scheme.band_for(value).colour)


class RiskGrid(QWidget):
    """A painted 5×5 grid; subclasses say what goes in a cell and what a tooltip says."""

    cell_clicked = Signal(int, int)  # likelihood, consequence
    hovered = Signal(int, int)  # (0, 0) when the pointer leaves the grid

    def __init__(self, parent=None, *, cell: int = 40):
        super().__init__(parent)
        self.scheme = DEFAULT_SCHEME
        self.min_cell = cell
        self.hover: tuple[int, int] | None = None
        self._pressed: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_scheme(self, scheme: BandScheme) -> None:
        self.scheme = scheme
        self.update()

    # ----------------------------------------------------------------------------- geometry
    def label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        return font

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.label_font())

    def _left(self) -> int:
        """Room for the axis title (turned on its side) and the consequence names."""
        fm = self._metrics()
        widest = max(fm.horizontalAdvance(f"{n} {name}") for n, name in
                     zip(LEVELS, self.scheme.consequence_names, strict=True))
        return fm.height() + GAP + widest + GAP

    def _bottom(self) -> int:
        """The level number, a name over up to two lines, then the axis title."""
        return GAP + self._metrics().height() * 4 + GAP

    def smallest_cell(self) -> int:
        """Wide enough for the longest word of a likelihood name under its column."""
        fm = self._metrics()
        words = [w for name in self.scheme.likelihood_names for w in name.split()]
        return max(self.min_cell, max(fm.horizontalAdvance(w) for w in words) + 8)

    def _cell_for(self, width: int, height: int | None = None) -> int:
        room = (width - self._left() - GAP) // 5
        if height is not None:
            room = min(room, (height - self._bottom() - GAP) // 5)
        return max(self.smallest_cell(), room)

    def cell_size(self) -> int:
        return self._cell_for(self.width(), self.height())

    def _origin(self) -> QPoint:
        """Top-left of the grid, centred in the room left of the labels."""
        size = self.cell_size()
        spare = self.width() - self._left() - GAP - 5 * size
        return QPoint(self._left() + max(0, spare // 2), GAP)

    def cell_rect(self, likelihood: int, consequence: int) -> QRect:
        size, origin = self.cell_size(), self._origin()
        return QRect(origin.x() + (likelihood - 1) * size, origin.y() + (5 - consequence) * size,
                     size, size)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        for likelihood in LEVELS:
            for consequence in LEVELS:
                if self.cell_rect(likelihood, consequence).contains(pos):
                    return likelihood, consequence
        return None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # Square cells: as tall as the width allows, never a stretched grid.
        return 5 * self._cell_for(width) + self._bottom() + GAP

    def sizeHint(self) -> QSize:
        width = self._left() + 5 * int(self.smallest_cell() * 1.2) + GAP
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._left() + 5 * self.smallest_cell() + GAP
        return QSize(width, self.heightForWidth(width))

    # ----------------------------------------------------------------------------- painting
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for likelihood in LEVELS:
            for consequence in LEVELS:
                rect = self.cell_rect(likelihood, consequence)
                colour = band_colour(self.scheme, likelihood * consequence)
                painter.fillRect(rect, colour)
                painter.setPen(QPen(WHITE, 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(text_colour_on(colour))
                self.paint_cell(painter, rect, likelihood, consequence)
        self._paint_axes(painter)
        self.paint_marks(painter)
        painter.end()

    def _paint_axes(self, painter: QPainter) -> None:
        painter.setFont(self.label_font())
        painter.setPen(self.palette().windowText().color())
        fm, size, origin = self._metrics(), self.cell_size(), self._origin()
        flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for level, name in zip(LEVELS, self.scheme.consequence_names, strict=True):
            row = self.cell_rect(1, level)
            painter.drawText(QRect(0, row.top(), row.left() - GAP, row.height()), flags,
                             f"{level} {name}")
        under = origin.y() + 5 * size + GAP
        wrap = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        for level, name in zip(LEVELS, self.scheme.likelihood_names, strict=True):
            col = self.cell_rect(level, 1)
            painter.drawText(QRect(col.left(), under, col.width(), fm.height() * 3), wrap,
                             f"{level}\n{name}")
        bold = QFont(self.label_font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRect(origin.x(), under + fm.height() * 3, 5 * size, fm.height()),
                         Qt.AlignmentFlag.AlignCenter, "Likelihood")
        painter.save()
        painter.translate(0, origin.y() + 5 * size)
        painter.rotate(-90)
        painter.drawText(QRect(0, 0, 5 * size, fm.height()), Qt.AlignmentFlag.AlignCenter,
                         "Consequence")
        painter.restore()

    def paint_cell(self, painter: QPainter, rect: QRect, likelihood: int,
                   consequence: int) -> None:
        """Draw what the cell holds; the pen is already the readable text colour."""

    def paint_marks(self, painter: QPainter) -> None:
        """Draw outlines over the grid (the hovered cell here; choices in subclasses)."""
        if self.hover is not None:
            outline(painter, self.cell_rect(*self.hover), 2, Qt.PenStyle.DashLine)

    # -------------------------------------------------------------------------------- mouse
    def tooltip_for(self, likelihood: int, consequence: int) -> str:
        return ""

    def mouseMoveEvent(self, event) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell != self.hover:
            self.hover = cell
            self.setToolTip(self.tooltip_for(*cell) if cell else "")
            self.hovered.emit(*(cell or (0, 0)))
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self.hover is not None:
            self.hover = None
            self.setToolTip("")
            self.hovered.emit(0, 0)
            self.update()
        super().leaveEvent(event)

    def event(self, event) -> bool:
        # The tip belongs to one cell: Qt hides it as soon as the pointer leaves that cell.
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(*cell), self,
                                  self.cell_rect(*cell))
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.cell_at(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and cell and cell == self._pressed:
            self.cell_clicked.emit(*cell)
        self._pressed = None
        super().mouseReleaseEvent(event)


def outline(painter: QPainter, rect: QRect, width: int,
            style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
    """A dark line with a white one inside it, visible on every band colour."""
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(BLACK, width, style))
    inner = rect.adjusted(width // 2, width // 2, -(width + 1) // 2, -(width + 1) // 2)
    painter.drawRect(inner)
    painter.setPen(QPen(WHITE, 1, style))
    painter.drawRect(inner.adjusted(width, width, -width, -width))
    painter.restore()


def level_name(names, level: int) -> str:
    return f"{level} {names[level - 1]}"
