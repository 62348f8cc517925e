"""The dashboard's charts, drawn with pyqtgraph (imported here, so only when the dashboard
opens). Each chart keeps what it shows in ``self.shown`` (tests read it) and says "No data yet"
when there is nothing to draw. The mouse does not pan or zoom: these are read, not explored.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.dashboard.cards import short

pg.setConfigOptions(antialias=True)

BACKGROUND = "#ffffff"
FOREGROUND = "#202020"
GRID_ALPHA = 0.25
LABEL_CHARS = 40  # longer names are shortened on an axis; the tooltip-free chart stays legible
ROW_HEIGHT = 24  # per bar of a horizontal chart
MIN_ROWS = 5  # a chart of fewer bars keeps their thickness and leaves the rest blank


def legend_html(entries: list[tuple[str, str, str]]) -> str:
    """``(mark, colour, name)`` entries as one line of coloured marks and names."""
    return "&nbsp;&nbsp; ".join(  # a line may break between entries, never inside one
        f"<span style='color:{colour}; font-size:14pt'>{mark}</span>&nbsp;"
        f"{escape(name).replace(' ', '&nbsp;')}" for mark, colour, name in entries)


class Chart(QWidget):
    """A plot with fixed axes (no pan, zoom or context menu), axis titles, and its legend as
    a line of text above it, where it never covers a bar."""

    def __init__(self, parent=None, *, left: str = "", bottom: str = "", **axes):
        super().__init__(parent)
        self.setObjectName("chart")
        self.plot = pg.PlotWidget(background=BACKGROUND, **axes)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(FOREGROUND)
            axis.setTextPen(FOREGROUND)
        if left:
            self.plot.setLabel("left", left, color=FOREGROUND)
        self.plot.setLabel("bottom", bottom, color=FOREGROUND)
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        self.shown: dict = {}
        self.setMinimumHeight(240)

    def axis(self, name: str):
        return self.plot.getPlotItem().getAxis(name)

    def reset(self, legend: list[tuple[str, str, str]] | None = None) -> None:
        self.plot.getPlotItem().clear()
        self.legend.setText(legend_html(legend or []))
        self.legend.setVisible(bool(legend))
        self.shown = {}

    def fit_left_axis(self, labels: list[str]) -> None:
        """Room for the longest tick label (pyqtgraph widens only after a first paint)."""
        metrics = QFontMetrics(self.axis("left").style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
        self.axis("left").setWidth(widest + 14 + (metrics.height() + 4
                                                  if self.axis("left").label.isVisible() else 0))

    def show_message(self, text: str) -> None:
        """Say there is nothing to draw, in the middle of an empty plot."""
        self.reset()
        self.shown = {"message": text}
        label = pg.TextItem(text, color="#666666", anchor=(0.5, 0.5))
        font = QFont()
        font.setPointSize(11)
        label.setFont(font)
        self.plot.addItem(label)
        label.setPos(0.5, 0.5)
        self.plot.setXRange(0, 1, padding=0)
        self.plot.setYRange(0, 1, padding=0)
        self.plot.getPlotItem().showGrid(x=False, y=False)
        for name in ("left", "bottom"):
            self.axis(name).setTicks([[]])
        self.axis("left").setWidth(None)


def whole_steps(axis, top: float | None) -> None:
    """Ticks at whole numbers for small counts (no "0.5 risks"); automatic otherwise."""
    if top is not None and top <= 10:
        axis.setTickSpacing(1, 1)
    else:
        axis.setTickSpacing()


def _brush(colour: str):
    return pg.mkBrush(QColor(colour))


SQUARE, LINE, DOTTED_LINE, DASHED = "■", "━━", "━●━", "╍╍"


class BarChart(Chart):
    """Horizontal stacked bars: one row per label (first at the top), one colour per series."""

    def set_data(self, labels: list[str], series: list[tuple[str, str, list[float]]], *,
                 empty: str = "No data yet", x_max: float | None = None) -> None:
        if not labels or not any(any(values) for _name, _colour, values in series):
            self.show_message(empty)
            return
        self.reset([(SQUARE, c, name) for name, c, _v in series] if len(series) > 1 else None)
        self.shown = {"labels": list(labels),
                      "series": {name: list(values) for name, _c, values in series}}
        rows = len(labels)
        ys = [rows - 1 - i for i in range(rows)]
        left = [0.0] * rows
        for _name, colour, values in series:
            self.plot.addItem(pg.BarGraphItem(x0=left, y=ys, height=0.7, width=values,
                                              brush=_brush(colour),
                                              pen=pg.mkPen("#ffffff", width=0.5)))
            left = [a + b for a, b in zip(left, values, strict=True)]
        ticks = [short(label, LABEL_CHARS) for label in labels]
        self.axis("left").setTicks([list(zip(ys, ticks, strict=True))])
        self.axis("bottom").setTicks(None)
        self.fit_left_axis(ticks)
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=GRID_ALPHA)
        top = x_max if x_max is not None else max(left)
        whole_steps(self.axis("bottom"), top if x_max is None else None)
        self.plot.setXRange(0, max(top, 1) * 1.05, padding=0)
        # Room for at least MIN_ROWS bars, so one or two bars stay bars, not blocks.
        self.plot.setYRange(rows - max(rows, MIN_ROWS) - 0.6, rows - 0.4, padding=0)
        self.setMinimumHeight(max(240, ROW_HEIGHT * rows + 110))


class MonthBarChart(Chart):
    """Vertical stacked bars per month end, one colour per series, and a line over them."""

    def set_data(self, months: list[dt.date], series: list[tuple[str, str, list[int]]],
                 line: tuple[str, list[int]] | None = None) -> None:
        if not months:
            self.show_message("No months in the period")
            return
        self.reset([(SQUARE, c, name) for name, c, _v in series]
                   + ([(DOTTED_LINE, "#1a1a1a", line[0])] if line else []))
        self.shown = {"months": list(months),
                      "series": {name: list(values) for name, _c, values in series},
                      "line": dict([line]) if line else {}}
        xs = list(range(len(months)))
        bottom = [0] * len(months)
        for _name, colour, values in series:
            self.plot.addItem(pg.BarGraphItem(x=xs, y0=bottom, height=values, width=0.7,
                                              brush=_brush(colour),
                                              pen=pg.mkPen("#ffffff", width=0.5)))
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        if line is not None:
            self.plot.addItem(pg.PlotDataItem(xs, line[1], pen=pg.mkPen("#1a1a1a", width=2.5),
                                              symbol="o", symbolSize=7,
                                              symbolBrush="#1a1a1a"))
        step = max(1, -(-len(months) // 7))  # at most seven labels: they never touch
        self.axis("bottom").setTicks(
            [[(x, f"{m:%b %y}") for x, m in zip(xs, months, strict=True) if x % step == 0]])
        self.axis("left").setTicks(None)
        whole_steps(self.axis("left"), max(bottom, default=1))
        self.plot.getPlotItem().showGrid(x=False, y=True, alpha=GRID_ALPHA)
        self.plot.setXRange(-0.6, len(months) - 0.4, padding=0)
        self.plot.setYRange(0, max(max(bottom, default=1), 1) * 1.08, padding=0)


class ScoreChart(Chart):
    """A risk's current and target scores as steps over dates, on the bands' colours."""

    def __init__(self, parent=None, **kwargs):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")},
                         **kwargs)

    def set_data(self, points: list, bands: list[tuple[int, int, str, str]],
                 date_from: dt.date, date_to: dt.date) -> None:
        """``points`` are ScorePoints; ``bands`` (min, max, colour, name) shade the score axis, each
        band up to where the next begins."""
        if not points:
            self.show_message("Choose a risk with a score history")
            return
        self.reset([(LINE, "#1a1a1a", "Current score"), (DASHED, "#1a1a1a", "Target score")]
                   + [(SQUARE, colour, f"{name} {low}–{high}") for low, high, colour, name in bands])
        start, end = _stamp(date_from), _stamp(date_to + dt.timedelta(days=1))
        edges = [band[0] - 0.5 for band in bands] + [bands[-1][1] + 0.5]
        for (_low, _high, colour, _name), bottom, top in zip(bands, edges, edges[1:], strict=False):
            shade = QColor(colour)
            shade.setAlpha(80)
            self.plot.addItem(pg.LinearRegionItem((bottom, top), orientation="horizontal",
                                                  brush=pg.mkBrush(shade), pen=pg.mkPen(None),
                                                  movable=False))
        for kind, style in (("current", Qt.PenStyle.SolidLine), ("target", Qt.PenStyle.DashLine)):
            mine = [p for p in points if p.kind == kind]
            if mine:
                self.shown[kind] = [(p.scored_on, p.score) for p in mine]
                xs = [_stamp(p.scored_on) for p in mine] + [end]
                self.plot.addItem(pg.PlotDataItem(xs, [p.score for p in mine], stepMode="center",
                                                  pen=pg.mkPen("#1a1a1a", width=2.5,
                                                               style=style)))
        self.axis("left").setTicks([[(v, str(v)) for v in (1, 4, 8, 12, 16, 20, 25)]])
        self.axis("left").setWidth(None)
        self.plot.setXRange(start, end, padding=0.02)
        self.plot.setYRange(0, 26, padding=0)


def _stamp(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
