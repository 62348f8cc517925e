"""Dashboard: the risk register and the governance of the bodies at a glance.

A filter bar (committee, period) above a grid of cards, every card following the filters. The
numbers come from app.services.dashboard.risk_position in one task off the GUI thread; until they arrive the
bar says "Loading…". Heat map cells and the count tiles open the register filtered to what they
count. Each card saves itself as PNG, and :func:`chart_images` renders every card to PNG bytes
for other documents (the board pack).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.dashboard import risk_position as dashboard
from app.ui.common.errors import show_error
from app.ui.common.section import SectionWidget
from app.ui.common.tasks import ImmediateRunner
from app.ui.dashboard.cards import Card, CountTile, HeatMapPair
from app.ui.dashboard.fill import fill_governance, fill_risks

ANY = 0  # the committee combo's "every committee"; None does not survive a trip through Qt

TILES = (  # key, caption, tip, register filters
    ("open", "open risks", "Open the register", {}),
    ("above_appetite", "above appetite", "Open risks whose current score is above the tolerance "
     "the board set for their category", {"above_appetite": True}),
    ("reviews_overdue", "reviews overdue", "Open risks whose next review date has passed",
     {"overdue_review": True}),
    # The register has no overdue-actions filter yet: it opens with its flags column saying
    # "n actions overdue"; the key is passed so the register can honour it once it has one.
    ("actions_overdue", "risk actions overdue", "Actions on open risks past their due date "
     "(the register's flags column shows which risks)", {"overdue_actions": True}),
)


def _date_edit(name: str, tip: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setToolTip(tip)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class DashboardView(SectionWidget):
    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.summary: dashboard.DashboardSummary | None = None
        # What the next load asks for; the widgets edit it. No period: the service's default.
        self.wanted: dict = {"committee_id": None, "date_from": None, "date_to": None}
        self._generation = 0
        self.cards: dict[str, Card] = {}
        self._pending = None  # a summary that arrived before the cards were built
        self._build_filters()
        self.refresh()  # loads on a worker while pyqtgraph is imported and the cards built
        self._build_cards()
        self._lay_out()
        if self._pending is not None:
            self._on_loaded(self._pending)

    # ---------------------------------------------------------------------------- building
    def _build_filters(self) -> None:
        self.committee = QComboBox()
        self.committee.setObjectName("dashboardCommittee")
        self.committee.setToolTip("Risks led by this committee, and its meetings")
        self.committee.addItem("Every committee", ANY)
        self.date_from = _date_edit("dashboardFrom", "First day of the period")
        self.date_to = _date_edit("dashboardTo", "Last day of the period")
        self.reset_button = QPushButton("Last 12 months")
        self.reset_button.setObjectName("dashboardResetPeriod")
        self.reset_button.setToolTip("The year up to today, or to the last meeting held")
        self.state = QLabel()
        self.state.setObjectName("dashboardState")
        self.committee.currentIndexChanged.connect(
            lambda _i: self.set_filters(committee_id=self.committee.currentData() or None))
        self.date_from.dateChanged.connect(
            lambda day: self.set_filters(date_from=day.toPython()))
        self.date_to.dateChanged.connect(lambda day: self.set_filters(date_to=day.toPython()))
        self.reset_button.clicked.connect(
            lambda: self.set_filters(date_from=None, date_to=None))
        self.risk_choice = QComboBox()
        self.risk_choice.setObjectName("dashboardRisk")
        self.risk_choice.setToolTip("The risk whose scores are drawn")
        self.risk_choice.currentIndexChanged.connect(self._on_risk_chosen)
        self.content = QWidget()
        self.content.setObjectName("dashboardContent")

    def _card(self, key: str, title: str, body: QWidget, note: str = "") -> Card:
        self.cards[key] = Card(key, title, body, note)
        return self.cards[key]

    def _build_cards(self) -> None:
        from app.ui.dashboard.charts import BarChart, MonthBarChart, ScoreChart

        self._bar_chart = BarChart
        self.heat_maps = HeatMapPair()
        self.heat_maps.cell_clicked.connect(self._on_heat_map_cell_clicked)
        self._card("heat_maps", "Heat maps", self.heat_maps,
                   "Open risks by likelihood × consequence. Click a cell to open its risks.")
        tiles = QWidget()
        grid = QGridLayout(tiles)
        grid.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, CountTile] = {}
        for n, (key, caption, tip, filters) in enumerate(TILES):
            tile = CountTile(key, caption, tip)
            tile.clicked.connect(lambda _=False, f=filters: self._open_register(**f))
            grid.addWidget(tile, 0, n)
            self.tiles[key] = tile
        self._card("counts", "Needs attention", tiles, "Click a number to open those risks.")
        self.profile = MonthBarChart(left="Open risks", bottom="Month end")
        self._card("profile", "Register profile by band", self.profile)
        self.movement = ScoreChart(left="Score", bottom="Date scored")
        movement = QWidget()
        box = QVBoxLayout(movement)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.risk_choice)
        box.addWidget(self.movement, 1)
        self._card("movement", "Score over time", movement)
        self.by_category = self._bar_card("by_category", "Open risks by category and band",
                                          "Open risks")
        self.by_owner = self._bar_card("by_owner", "Open risks by owner and band", "Open risks")
        self.actions = self._bar_card("actions", "Actions by committee", "Open actions",
                                      "Open and in-progress actions on each body's log today.")
        self.chairs = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.chairs.setObjectName("chairsActions")
        self.chairs.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._card("chairs_actions", "Chair's actions awaiting ratification", self.chairs)
        self.attendance_members = self._bar_card("attendance_members", "Attendance by member",
                                                 "Meetings attended (%)")
        self.attendance_committees = self._bar_card(
            "attendance_committees", "Attendance by committee", "Member attendance (%)")
        self.quorum = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.quorum.setObjectName("quorumFailures")
        self.quorum.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._card("quorum", "Quorum failures", self.quorum)
        self.decisions = self._bar_card("decisions", "Decisions by outcome", "Decisions")
        self.papers = self._bar_card("papers", "Late papers", "Papers",
                                     "Papers received after their meeting's papers deadline.")

    def _bar_card(self, key: str, title: str, axis: str, note: str = "") -> QWidget:
        chart = self._bar_chart(bottom=axis)  # the bars' labels say what each row is
        self._card(key, title, chart, note)
        return chart

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for widget in (QLabel("Committee"), self.committee, QLabel("From"), self.date_from,
                       QLabel("to"), self.date_to, self.reset_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.state)
        grid = QGridLayout(self.content)
        rows = (("counts",), ("heat_maps",), ("profile", "movement"), ("by_category", "by_owner"),
                ("governance",), ("actions", "chairs_actions"),
                ("attendance_members", "attendance_committees"), ("quorum", "decisions"),
                ("papers",))
        for row, keys in enumerate(rows):
            if keys == ("governance",):
                grid.addWidget(QLabel("<h3>Governance</h3>"), row, 0, 1, 2)
                continue
            for column, key in enumerate(keys):
                grid.addWidget(self.cards[key], row, column, 1, 2 if len(keys) == 1 else 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    # ----------------------------------------------------------------------------- loading
    def set_filters(self, **changes) -> None:
        """Change any of committee_id, date_from, date_to (None: the default) and reload."""
        unknown = set(changes) - set(self.wanted)
        if unknown:
            raise TypeError(f"unknown dashboard filters: {', '.join(sorted(unknown))}")
        self.wanted.update(changes)
        self.refresh()

    def show_filtered(self, **filters) -> None:
        """Other screens open the dashboard on one committee or period."""
        self.set_filters(**{k: v for k, v in filters.items() if k in self.wanted})

    def refresh(self) -> None:
        self._generation += 1
        generation, ctx, args = self._generation, self.ctx, dict(self.wanted)
        chosen = self.risk_choice.currentData()
        self.state.setText("Loading…")
        self.content.setEnabled(False)

        def load(report, cancelled):
            return generation, ctx.run(dashboard.dashboard_summary, risk_id=chosen, **args)

        self.runner.run(load, on_done=self._on_loaded, on_error=self._on_load_failed)

    def _on_load_failed(self, exc) -> None:
        self.state.setText("Could not load the dashboard")
        show_error(self, exc)

    def _on_loaded(self, result) -> None:
        generation, summary = result
        if generation != self._generation:
            return  # the filters changed again; a newer load is on its way
        if "papers" not in self.cards:
            self._pending = result
            return
        self._pending = None
        self.summary = summary
        self.wanted.update(date_from=summary.date_from, date_to=summary.date_to)
        self._show_filters(summary)
        fill_risks(self, summary)
        fill_governance(self, summary)
        self.content.setEnabled(True)
        self.state.setText(f"Counts as at {summary.today:%d %b %Y}")

    def _show_filters(self, summary: dashboard.DashboardSummary) -> None:
        widgets = (self.committee, self.date_from, self.date_to, self.risk_choice)
        for widget in widgets:
            widget.blockSignals(True)
        self.committee.clear()
        self.committee.addItem("Every committee", ANY)
        for choice in summary.committees:
            self.committee.addItem(choice.name, choice.id)
        self.committee.setCurrentIndex(max(0, self.committee.findData(summary.committee_id
                                                                      or ANY)))
        self.date_from.setDate(QDate(summary.date_from))
        self.date_to.setDate(QDate(summary.date_to))
        self.risk_choice.clear()
        for choice in summary.risk_choices:
            self.risk_choice.addItem(f"{choice.reference} ({choice.current_score}) "
                                     f"{choice.title}", choice.id)
        self.risk_choice.setCurrentIndex(max(0, self.risk_choice.findData(summary.risk_id)))
        for widget in widgets:
            widget.blockSignals(False)

    def _on_risk_chosen(self, _index: int) -> None:
        risk_id, summary = self.risk_choice.currentData(), self.summary
        if risk_id is None or summary is None:
            return
        ctx = self.ctx

        def load(report, cancelled):
            return ctx.run(dashboard.score_movement, risk_id=risk_id,
                           date_from=summary.date_from, date_to=summary.date_to)

        self.runner.run(load, on_done=lambda points: self._show_movement(risk_id, points),
                        on_error=lambda exc: show_error(self, exc))

    def _show_movement(self, risk_id: int, points) -> None:
        from app.ui.dashboard.fill import show_movement

        if self.risk_choice.currentData() == risk_id and self.summary is not None:
            show_movement(self, self.summary, points)

    # -------------------------------------------------------------------------- navigation
    def _committee_filter(self) -> dict:
        committee = self.summary.committee_id if self.summary else None
        return {"committee_id": committee} if committee else {}

    def _open_register(self, **filters) -> None:
        self.navigate_requested.emit("risks", {**self._committee_filter(), **filters})

    def _on_heat_map_cell_clicked(self, kind: str, likelihood: int, consequence: int) -> None:
        self._open_register(likelihood=likelihood, consequence=consequence, kind=kind)


def chart_images(ctx, *, committee_id: int | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, width: int = 1400) -> dict[str, bytes]:
    """Every card of the dashboard for these filters as PNG bytes, by card key (heat_maps,
    counts, profile, movement, by_category, …). Runs on the GUI thread of a running
    QApplication; nothing shows on screen."""
    if QApplication.instance() is None:
        raise RuntimeError("chart_images needs a QApplication")
    view = DashboardView(ctx, ImmediateRunner())
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(width, 900)
    view.show()
    view.set_filters(committee_id=committee_id, date_from=date_from, date_to=date_to)
    QApplication.processEvents()
    try:
        return {key: card.png() for key, card in view.cards.items()}
    finally:
        view.close()
        view.deleteLater()
