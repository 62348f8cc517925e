"""The dashboard's cards: a titled frame with "Save as PNG…" around each chart, the big-number
tiles that open the register filtered, and the current and target heat maps side by side.
No pyqtgraph here: these hold whatever widget they are given."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BoardbookError
from app.files import PRIVATE, write_atomically
from app.ui.common.errors import show_error
from app.ui.common.heat_map import HeatMapGrid


def short(text: str, limit: int) -> str:
    """Text cut to ``limit`` characters with an ellipsis, for axis labels."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def png_bytes(widget: QWidget) -> bytes:
    """What the widget shows, as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class Card(QFrame):
    """A chart with its title, a line saying what it counts, and "Save as PNG…"."""

    def __init__(self, key: str, title: str, body: QWidget, note: str = "", parent=None):
        super().__init__(parent)
        self.key, self.title, self.body = key, title, body
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(f"<b>{title}</b>")
        self.heading.setObjectName("cardTitle")
        self.save_button = QToolButton()
        self.save_button.setText("Save as PNG…")
        self.save_button.setObjectName("savePng")
        self.save_button.setToolTip(f"Save “{title}” as a PNG picture")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.note = QLabel(note)
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    def png(self) -> bytes:
        """The card without its button: title, note and chart, as PNG."""
        self.save_button.hide()
        try:
            return png_bytes(self)
        finally:
            self.save_button.show()

    def save_png(self, path: str) -> None:
        # Not filtered by the publication rule (it counts every risk): owner only.
        write_atomically(path, self.png(), audience=PRIVATE)

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, f"Save {self.title}",
                                              f"{self.key}.png", "PNG pictures (*.png)")
        if path:
            try:
                self.save_png(path if path.lower().endswith(".png") else f"{path}.png")
            except BoardbookError as exc:
                show_error(self, exc)


class CountTile(QPushButton):
    """A big number with what it counts under it; clicking opens the risks it counts."""

    def __init__(self, key: str, caption: str, tip: str, parent=None):
        super().__init__(parent)
        self.key, self.caption = key, caption
        self.setObjectName(f"count_{key}")
        self.setToolTip(tip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(70)
        self.set_value(None)

    def set_value(self, value: int | None, warn: bool = False) -> None:
        self.value = value
        shown = "…" if value is None else f"{value:,}"
        self.setText(f"{shown}\n{self.caption}")
        colour = "#b00020" if warn and value else "#202020"
        self.setStyleSheet(f"QPushButton {{ font-size: 15pt; color: {colour}; "
                           "text-align: center; padding: 6px; }")


GRID_WIDTH = 380


class HeatMapPair(QWidget):
    """Current and target heat maps side by side, each with its total."""

    cell_clicked = Signal(str, int, int)  # kind, likelihood, consequence

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grids: dict[str, HeatMapGrid] = {}
        self.totals: dict[str, QLabel] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, kind in enumerate(("current", "target")):
            grid = HeatMapGrid()
            grid.setObjectName(f"heatMap_{kind}")
            grid.setMaximumWidth(GRID_WIDTH)  # a readable matrix, not a wall of colour
            grid.cell_clicked.connect(lambda lik, con, k=kind: self.cell_clicked.emit(k, lik, con))
            total = QLabel()
            total.setObjectName(f"heatMapTotal_{kind}")
            total.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(QLabel(f"<b>{kind.capitalize()} score</b>",
                                    alignment=Qt.AlignmentFlag.AlignCenter), 0, column)
            layout.addWidget(grid, 1, column)
            layout.addWidget(total, 2, column)
            layout.setColumnStretch(column, 1)
            self.grids[kind], self.totals[kind] = grid, total

    def set_data(self, scheme, current: list[list[int]], target: list[list[int]]) -> None:
        for kind, counts in (("current", current), ("target", target)):
            self.grids[kind].set_scheme(scheme)
            self.grids[kind].counts = counts
            self.grids[kind].update()
            total = sum(map(sum, counts))
            noun = "risk" if total == 1 else "risks"
            what = "with a target score" if kind == "target" else "open"
            self.totals[kind].setText(f"{total:,} {noun} {what}")

    def counts(self, kind: str) -> list[list[int]]:
        return self.grids[kind].counts
