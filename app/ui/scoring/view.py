"""Scoring rounds: open a round, send each member a pack, take the returned packs in, see where
the members differ, adopt a consensus or leave a risk for discussion, close, report.

Files are chosen through the ``ask_*`` methods (tests replace them). Importing packs runs off
the GUI thread; each refused file is listed with its reason in the log under the table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BoardbookError
from app.exchange.scoring.returns import export_packs, import_returned_pack
from app.services.scoring import rounds as scoring
from app.services.scoring import view as scoring_view
from app.ui.common.errors import show_error
from app.ui.common.forms import show_date
from app.ui.common.list_section import ListSection, fit_columns, make_table, tool_button
from app.ui.common.tasks import Cancelled
from app.ui.scoring.dialogs import AdoptDialog, NewRoundDialog
from app.ui.scoring.round_model import RoundScoresModel, RoundsTableModel

PACK_FILTER = "Boardbook scoring packs (*.bbscore);;All files (*)"


def import_packs(ctx, round_id: int, paths: list[str], report, cancelled) -> list[str]:
    """Import each file in its own transaction; one line per file, refusals with reasons."""
    lines = []
    for n, path in enumerate(paths):
        if cancelled():
            raise Cancelled()
        report(n, len(paths), Path(path).name)
        try:
            result = ctx.run(import_returned_pack, round_id=round_id, path=path)
        except BoardbookError as exc:
            lines.append(f"REFUSED {Path(path).name}: {exc}")
            continue
        lines.append(f"{'Imported' if result.changed else 'Unchanged'} {Path(path).name}: "
                     f"{result.message}")
    report(len(paths), len(paths), "")
    return lines


class ScoringView(ListSection):
    """The list is the rounds; the chosen round's scores show under it. A change to one
    round (closed, packs out or in, a risk decided) updates that round's row only."""

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.setObjectName("scoringView")
        self.view = None  # the chosen round's RoundView
        self.dialog = None
        self.init_list(RoundsTableModel(self), "roundsTable")
        self.rounds, self.rounds_proxy, self.rounds_table = self.model, self.proxy, self.table
        self.rounds_table.selectionModel().selectionChanged.connect(self._on_round_chosen)
        self.scores = RoundScoresModel(self)
        self.scores_table = make_table(self.scores, "roundScoresTable")
        self.scores_table.setSortingEnabled(False)
        self.scores_table.selectionModel().selectionChanged.connect(self._enable)
        self.heading = QLabel()
        self.heading.setObjectName("roundHeading")
        self.heading.setWordWrap(True)
        self.log = QPlainTextEdit()
        self.log.setObjectName("importLog")
        self.log.setReadOnly(True)
        self.log.setPlaceholderText("What happened to each imported pack shows here.")
        self.log.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self._build()
        self.refresh()

    # -------------------------------------------------------------------------- building
    def _action(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _c=False: slot())
        return action

    def _build(self) -> None:
        self.new_action = self._action("New round…", self.new_round, "Open a scoring round")
        self.export_action = self._action("Export packs…", self.export_packs,
                                          "Write one scoring pack per member into a folder")
        self.import_action = self._action("Import returned packs…", self.import_packs,
                                          "Take in the packs members sent back")
        self.close_action = self._action("Close round", self.close_round,
                                         "Close the round: packs returned later are refused")
        self.report_action = self._action("Report PDF…", self.report_pdf,
                                          "The round report for the board pack")
        self.adopt_action = self._action("Adopt consensus…", self.adopt_selected,
                                         "Record the agreed score in the risk's history")
        self.discuss_action = self._action("Leave for discussion…", self.discuss_selected,
                                           "Adopt nothing now: discuss it at the meeting")
        top = QHBoxLayout()
        for action in (self.new_action, self.export_action, self.import_action,
                       self.close_action, self.report_action):
            top.addWidget(tool_button(action))
        top.addStretch(1)
        risk_bar = QHBoxLayout()
        risk_bar.addWidget(self.heading, 1)
        risk_bar.addWidget(tool_button(self.adopt_action))
        risk_bar.addWidget(tool_button(self.discuss_action))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(risk_bar)
        lower_layout.addWidget(self.scores_table, 1)
        lower_layout.addWidget(self.log)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.rounds_table)
        split.addWidget(lower)
        split.setSizes([130, 470])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # --------------------------------------------------------------------------- showing
    def refresh(self) -> None:
        super().refresh()
        fit_columns(self.rounds_table, RoundsTableModel.COL_TITLE)

    def load_rows(self) -> list:
        return self.ctx.run(scoring.list_rounds)

    def load_row(self, record_id: int):
        return self.ctx.run(scoring.get_round, round_id=record_id)

    def rows_loaded(self) -> None:
        if self.selected_row() is None and self.rounds.rowCount():
            self.rounds_table.selectRow(0)
        self._show_round()

    def selected_round(self):
        return self.selected_row()

    def select_round(self, round_id: int) -> None:
        self.select_id(round_id)

    def _on_round_chosen(self, *_args) -> None:
        self._show_round()

    def _show_round(self) -> None:
        chosen = self.selected_round()
        self.view = None if chosen is None else self.ctx.run(scoring_view.round_view,
                                                             round_id=chosen.id)
        if self.view is None:
            self.scores.set_rows([])
            self.heading.setText("Open a round to collect members' scores.")
        else:
            self.scores.set_view(self.view)
            fit_columns(self.scores_table, 1, widest=200)
            self.heading.setText(self._heading_text())
        self._enable()

    def _heading_text(self) -> str:
        r, v = self.view.round, self.view
        waiting = (f" Not returned: {', '.join(v.not_returned)}." if v.not_returned
                   else " Every member has returned their pack.")
        late = [m.name for m in v.members if m.late]
        late_text = f" Returned late: {', '.join(late)}." if late else ""
        return (f"<b>#{r.id} {r.title}</b> — {r.question} scores, deadline "
                f"{show_date(r.deadline)}, {r.status}.{waiting}{late_text} Pink rows: "
                "members more than one band apart; hover a score for its comment.")

    def selected_risk(self):
        rows = self.scores_table.selectionModel().selectedRows()
        return rows[0].data(RoundScoresModel.RowRole) if rows else None

    def _enable(self, *_args) -> None:
        chosen, risk = self.selected_round(), self.selected_risk()
        is_open = chosen is not None and chosen.status == "open"
        for action in (self.export_action, self.import_action, self.close_action):
            action.setEnabled(is_open)
        self.report_action.setEnabled(chosen is not None)
        undecided = risk is not None and risk.outcome != "adopted"
        self.adopt_action.setEnabled(undecided)
        self.discuss_action.setEnabled(undecided and risk.outcome != "for discussion")

    # --------------------------------------------------------------------- asking the user
    def ask_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, "Export scoring packs into") or None

    def ask_pack_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import returned scoring packs", "",
                                                PACK_FILTER)
        return paths

    def ask_pdf_path(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the round report", "round.pdf",
                                              "PDF (*.pdf)")
        return path or None

    def ask_note(self, reference: str) -> str | None:
        note, ok = QInputDialog.getText(self, "Leave for discussion",
                                        f"Why {reference} goes to the meeting (optional):")
        return note if ok else None

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _tell(self, text: str) -> None:
        self.log.appendPlainText(text)

    # --------------------------------------------------------------------------- actions
    def new_round(self, *, today: dt.date | None = None) -> None:
        self.dialog = NewRoundDialog(self.ctx, self, today=today)
        self.dialog.saved.connect(lambda _b, row: self.put_row(row))
        self.dialog.open()

    def export_packs(self) -> None:
        chosen, folder = self.selected_round(), self.ask_folder()
        if chosen is None or folder is None:
            return
        try:
            paths = self.ctx.run(export_packs, round_id=chosen.id, folder=folder)
        except Exception as exc:
            show_error(self, exc)
            return
        self._tell(f"Exported {len(paths)} pack(s) into {folder}: "
                   + ", ".join(p.name for p in paths))
        self.update_row(chosen.id)

    def import_packs(self) -> None:
        chosen, paths = self.selected_round(), self.ask_pack_files()
        if chosen is None or not paths:
            return
        self.import_action.setEnabled(False)

        def work(report, cancelled):
            return import_packs(self.ctx, chosen.id, list(paths), report, cancelled)

        def done(lines) -> None:
            for line in lines:
                self._tell(line)
            self.update_row(chosen.id)

        def failed(exc) -> None:
            show_error(self, exc)
            self._enable()

        self.runner.run_write(work, on_done=done, on_error=failed)

    def close_round(self) -> None:
        chosen = self.selected_round()
        if chosen is None or not self.confirm(
                "Close round", f"Close round #{chosen.id} '{chosen.title}'? Packs returned "
                               "after this are refused."):
            return
        self._run(chosen.id, scoring.close_round, round_id=chosen.id)

    def adopt_selected(self) -> None:
        risk = self.selected_risk()
        if risk is None or self.view is None:
            return
        self.dialog = AdoptDialog(self.ctx, self.view.round.id, risk, self,
                                  question=self.view.round.question)
        round_id = self.view.round.id
        self.dialog.saved.connect(lambda *_: self.update_row(round_id))
        self.dialog.open()

    def discuss_selected(self) -> None:
        risk = self.selected_risk()
        if risk is None or self.view is None:
            return
        note = self.ask_note(risk.reference)
        if note is not None:
            self._run(self.view.round.id, scoring_view.leave_for_discussion,
                      round_id=self.view.round.id,
                      risk_id=risk.risk_id, note=note)

    def report_pdf(self) -> None:
        chosen = self.selected_round()
        path = self.ask_pdf_path() if chosen is not None else None
        if path is None:
            return

        def work(_report, _cancelled):
            from app.reports.scoring_round_pdf import write_round_report

            data = self.ctx.run(scoring_view.round_report_data, round_id=chosen.id)
            return write_round_report(data, path)

        self.runner.run(work, on_done=lambda p: self._tell(f"Report written to {p}"),
                        on_error=lambda exc: show_error(self, exc))

    def _run(self, changed: int, service, **kwargs) -> None:
        """Call ``service``, then show round ``changed`` as it is now."""
        try:
            self.ctx.run(service, **kwargs)
        except Exception as exc:
            show_error(self, exc)
        self.update_row(changed)
