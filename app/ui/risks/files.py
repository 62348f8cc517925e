"""The Risks section's files: import a register, export it, and the register report as a PDF.

``RiskFiles(view)`` makes the three actions the view puts on its toolbar. The ``ask_*``
methods are the only places that show a standard file dialog, so tests replace them. The
export takes the filters the register shows now; the work runs off the GUI thread with a
progress dialog (``app.ui.common.progress``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from app.services.risks.register import RiskFilter
from app.ui.common.progress import run_with_progress

EXPORT_FILTERS = {"Excel workbook (*.xlsx)": ".xlsx", "CSV file (*.csv)": ".csv"}
PDF_FILTER = "PDF files (*.pdf)"
# What the register can filter by that an export cannot (it would export more rows).
NOT_EXPORTED = {"cell": "heat map cell", "overdue_actions": "overdue actions"}


def with_suffix(path: str, chosen_filter: str, suffixes: dict[str, str]) -> Path:
    """The path with the suffix of the filter chosen, unless it already ends with one."""
    p = Path(path)
    if p.suffix.lower() in suffixes.values():
        return p
    return p.with_name(p.name + suffixes.get(chosen_filter, next(iter(suffixes.values()))))


def export_filters(state) -> tuple[RiskFilter, list[str]]:
    """The service's filter for what the register shows, and what it cannot say."""
    fields = ("text", "band", "category_id", "owner_id", "committee_id", "corporate_only",
              "overdue_review", "above_appetite", "status")
    left_out = [label for name, label in NOT_EXPORTED.items() if getattr(state, name)]
    return RiskFilter(**{name: getattr(state, name) for name in fields}), left_out


class RiskFiles(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.ctx, self.runner = view.ctx, view.runner
        self.dialog = None  # the import dialog or PDF preview open now
        self.last_written: Path | None = None
        self.import_action = self._action("Import…", self.open_import,
                                          "Import risks from a workbook (.xlsx) or CSV file, "
                                          "with a preview and a check first")
        self.export_action = self._action("Export…", self.export,
                                          "Export the risks shown to .xlsx or .csv")
        self.report_action = self._action("Report PDF", lambda: None,
                                          "The register report as a PDF")
        menu = QMenu(view)
        self.whole_action = menu.addAction("Whole register…")
        self.whole_action.triggered.connect(lambda _c=False: self.report(corporate_only=False))
        self.corporate_action = menu.addAction("Corporate register only…")
        self.corporate_action.triggered.connect(lambda _c=False: self.report(corporate_only=True))
        self.report_action.setMenu(menu)

    def _action(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self.view)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def buttons(self) -> list[QToolButton]:
        from app.ui.common.record_view import tool_button

        out = [tool_button(a) for a in (self.import_action, self.export_action,
                                        self.report_action)]
        out[-1].setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return out

    def _say(self, text: str) -> None:
        self.view.status_message.emit(text)

    # ---------------------------------------------------------------------- asking the user
    def ask_export_path(self) -> Path | None:
        path, chosen = QFileDialog.getSaveFileName(
            self.view, "Export the risk register", f"Risk register {dt.date.today()}.xlsx",
            ";;".join(EXPORT_FILTERS))
        return with_suffix(path, chosen, EXPORT_FILTERS) if path else None

    def ask_report_path(self, corporate_only: bool) -> Path | None:
        name = "Corporate risk register" if corporate_only else "Risk register"
        path, _ = QFileDialog.getSaveFileName(self.view, f"{name} report",
                                              f"{name} {dt.date.today()}.pdf", PDF_FILTER)
        return with_suffix(path, PDF_FILTER, {PDF_FILTER: ".pdf"}) if path else None

    # ------------------------------------------------------------------------------ import
    def open_import(self):
        from app.ui.risks.import_dialog import RiskImportDialog

        self.dialog = RiskImportDialog(self.ctx, self.runner, self.view)
        self.dialog.imported.connect(self._on_imported)
        self.dialog.open()
        return self.dialog

    def _on_imported(self, result) -> None:
        count = len(result.created)
        self.view.refresh()
        self._say(f"Imported {count} risk{'s' if count != 1 else ''} into the register.")

    # ------------------------------------------------------------------------------ export
    def export(self):
        path = self.ask_export_path()
        return self.export_to(path) if path else None

    def export_to(self, path: Path):
        filters, left_out = export_filters(self.view.proxy.state)
        ctx = self.ctx

        def work(report, cancelled):
            from app.exchange.register.files import export_register

            report(0, 0, f"Writing {path.name}…")
            return ctx.run(export_register, path=path, filters=filters)

        def done(count: int) -> None:
            self.last_written = path
            note = f" (the {' and '.join(left_out)} filter is not applied to exports)" \
                if left_out else ""
            self._say(f"Exported {count} risk{'s' if count != 1 else ''} to {path}{note}")

        return run_with_progress(self.view, self.runner, work, title="Export the register",
                                 label=f"Exporting to {path.name}…", on_done=done)

    # ------------------------------------------------------------------------------ report
    def report(self, *, corporate_only: bool = False):
        path = self.ask_report_path(corporate_only)
        return self.report_to(path, corporate_only=corporate_only) if path else None

    def report_to(self, path: Path, *, corporate_only: bool = False):
        ctx = self.ctx

        def work(report, cancelled):
            from app.reports.register.register_pdf import build_register_report
            from app.services.risks.report import register_report_data

            report(0, 2, "Gathering the register…")
            data = ctx.run(register_report_data, corporate_only=corporate_only)
            report(1, 2, f"Writing {path.name}…")
            return data.title, len(data.details), build_register_report(
                data.details, path, **data.report_options())

        def done(result) -> None:
            title, risks, pages = result
            self.last_written = path
            self._say(f"{title}: {risks} risk(s), {pages} page(s), written to {path}")
            self.show_pdf(path, title)

        return run_with_progress(self.view, self.runner, work, title="Register report",
                                 label=f"Writing {path.name}…", on_done=done)

    def show_pdf(self, path: Path, title: str) -> None:
        from app.ui.common.pdf_preview import PdfPreviewDialog

        self.dialog = PdfPreviewDialog(path, f"{title}: {path}", self.view)
        self.dialog.setModal(False)
        self.dialog.show()
