"""The decision trail, for the audit committee: every decision and chair's action in time order,
filtered by body, dates, person, risk, outcome or overrides; the selected entry's whole chain in
a detail pane; and the filtered trail exported as PDF or Excel off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from app.domain import chairs_actions as ca_rules
from app.domain.agenda import OUTCOMES
from app.services.decisions import trail as decision_trail
from app.services.decisions.trail import TrailFilter
from app.services.risks import register as risk_register
from app.ui.common.choices import BAD_COLOUR, choice_box, committee_choices, people_choices
from app.ui.common.errors import show_error
from app.ui.common.forms import OptionalDateEdit
from app.ui.common.list_section import ListSection, fit_columns
from app.ui.common.progress import run_with_progress
from app.ui.common.table_model import RowTableModel
from app.ui.decisions.trail_html import chain_html


class DecisionTrailModel(RowTableModel):
    COLUMNS = (
        ("Date", lambda e: e.on),
        ("Kind", lambda e: e.kind),
        ("Where", lambda e: e.where),
        ("Title", lambda e: e.title),
        ("Outcome", lambda e: e.outcome),
        ("Quorate", lambda e: e.quorate),
        ("Overridden", lambda e: "override" if e.overridden else ""),
        ("Paper", lambda e: e.paper),
        ("Ratification", lambda e: e.ratification),
    )
    COL_DATE, COL_KIND, COL_WHERE, COL_TITLE, COL_OUTCOME, COL_QUORATE, COL_OVERRIDDEN, \
        COL_PAPER, COL_RATIFICATION = range(9)
    DATE_COLUMNS = (COL_DATE,)

    def display(self, row, column: int):
        if column == self.COL_QUORATE and row.quorate is None:
            return ""
        return super().display(row, column)

    def foreground(self, row):
        return BAD_COLOUR if row.overridden or row.quorate is False else None

    def row_id(self, row):
        return (row.kind, row.id)  # a decision and a chair's action may share an id


class DecisionTrailView(ListSection):
    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.chain = None
        self.last_export: Path | None = None
        self.preview = None
        self.init_list(DecisionTrailModel(self), "trailTable")
        self.table.setSortingEnabled(False)  # time order is the order
        self.proxy.sort(-1)
        self.detail = QTextBrowser()
        self.detail.setObjectName("trailChain")
        self.detail.setOpenLinks(False)
        self._build()
        self.refresh()
        fit_columns(self.table, DecisionTrailModel.COL_TITLE, widest=220)

    # ---------------------------------------------------------------------------- building
    def _build_filters(self) -> QHBoxLayout:
        self.committee = choice_box(committee_choices(self.ctx), "All bodies")
        self.date_from = OptionalDateEdit("from")
        self.date_to = OptionalDateEdit("to")
        self.person = choice_box(people_choices(self.ctx), "Anyone")
        risks = self.ctx.run(risk_register.list_risks)
        self.risk = choice_box([(f"{r.reference} {r.title}", r.id) for r in risks], "Any risk")
        outcomes = dict.fromkeys([*OUTCOMES, *ca_rules.AWAITING, ca_rules.RATIFIED,
                                  ca_rules.NOT_RATIFIED])
        self.outcome = choice_box([(o, o) for o in outcomes], "Any outcome")
        self.overridden = QCheckBox("Overridden only")
        self.kind = choice_box([("Decisions", decision_trail.DECISION),
                                ("Chair's actions", decision_trail.CHAIRS_ACTION),
                                ("Written resolutions", decision_trail.WRITTEN_RESOLUTION)],
                               "All kinds")
        bar = QHBoxLayout()
        for name, widget in (("kindFilter", self.kind),
                             ("committeeFilter", self.committee), ("dateFrom", self.date_from),
                             ("dateTo", self.date_to), ("personFilter", self.person),
                             ("riskFilter", self.risk), ("outcomeFilter", self.outcome),
                             ("overriddenOnly", self.overridden)):
            widget.setObjectName(name)
            bar.addWidget(widget)
        for box in (self.kind, self.committee, self.person, self.risk, self.outcome):
            box.currentIndexChanged.connect(self.refresh)
        for dates in (self.date_from, self.date_to):
            dates.changed.connect(self.refresh)
        self.overridden.toggled.connect(self.refresh)
        bar.addStretch(1)
        return bar

    def _build(self) -> None:
        self.pdf_button = QPushButton("Export PDF…")
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.xlsx_button = QPushButton("Export Excel…")
        self.xlsx_button.setObjectName("exportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export_xlsx())
        top = self._build_filters()
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([560, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------------------- rows
    def filters(self) -> TrailFilter:
        return TrailFilter(committee_id=self.committee.currentData(),
                           date_from=self.date_from.date(), date_to=self.date_to.date(),
                           person_id=self.person.currentData(), risk_id=self.risk.currentData(),
                           outcome=self.outcome.currentData(),
                           overridden_only=self.overridden.isChecked(),
                           kinds=(self.kind.currentData(),) if self.kind.currentData() else ())

    def refresh(self, *_args) -> None:  # also a slot of the filters, which send a value
        super().refresh()

    def load_rows(self) -> list:
        return self.ctx.run(decision_trail.trail_entries, filters=self.filters())

    def rows_loaded(self) -> None:
        if self.selected_row() is None:  # an entry selected again has shown its chain
            self._on_selection_changed()

    def show_filtered(self, kind: str | None = None, id: int | None = None,  # noqa: A002
                      **_ignored) -> None:
        self.refresh()
        if kind and id is not None:
            self.select_entry(kind, id)

    def entries(self) -> list:
        return self.model.rows()

    def selected_entry(self):
        return self.selected_row()

    def select_entry(self, kind: str, entry_id: int) -> bool:
        return self.select_id((kind, entry_id))

    def _on_selection_changed(self, *_args) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.chain = None
            self.detail.setHtml("<p style='color:gray'>Select a decision or chair's action to "
                                "see its whole chain.</p>")
            return
        try:
            self.chain = self.ctx.run(decision_trail.trail_chain, kind=entry.kind, id=entry.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.detail.setHtml(chain_html(self.chain))

    # ---------------------------------------------------------------------------- exports
    def _ask_path(self, title: str, suffix: str, pattern: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, f"decision-trail{suffix}", pattern)
        if not name:
            return None
        return Path(name if name.endswith(suffix) else name + suffix)

    def export_pdf(self, path: str | Path | None = None):
        from app.reports.decision_trail_pdf import write_trail_pdf

        path = Path(path) if path else self._ask_path("Export the trail as PDF", ".pdf",
                                                      "PDF (*.pdf)")
        return path and self._export(write_trail_pdf, path, self._offer_preview)

    def export_xlsx(self, path: str | Path | None = None):
        from app.exchange.decision_trail_xlsx import write_trail_xlsx

        path = Path(path) if path else self._ask_path("Export the trail to Excel", ".xlsx",
                                                      "Excel workbook (*.xlsx)")
        return path and self._export(write_trail_xlsx, path, self._exported)

    def _export(self, writer, path: Path, on_done):
        filters, ctx = self.filters(), self.ctx

        def work(report, cancelled):
            report(0, 3, "Gathering the trail and verifying the audit chain…")
            export = ctx.run(decision_trail.trail_export, filters=filters)
            report(1, 3, f"Writing {path.name}…")
            writer(export, path)
            report(3, 3, "Done")
            return path

        return run_with_progress(self, self.runner, work, title="Decision trail",
                                 label="Exporting the decision trail…", on_done=on_done)

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.status_message.emit(f"Saved the decision trail to {path}.")

    def _offer_preview(self, path: Path) -> None:
        self._exported(path)
        box = QMessageBox(QMessageBox.Icon.Question, "Decision trail",
                          f"Saved {path.name}. Open it in the preview?",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                          self)
        box.setObjectName("previewOffer")
        box.finished.connect(lambda result: result == QMessageBox.StandardButton.Open.value
                             and self.open_preview(path))
        box.open()

    def open_preview(self, path: Path) -> None:
        from app.ui.common.pdf_preview import PdfPreviewDialog

        self.preview = PdfPreviewDialog(path, "Decision trail", self)
        self.preview.open()
