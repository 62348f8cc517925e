"""The register of interests as published: the interests current on a day of everyone, or of
the members of one body on that day, with "Export…" to an .xlsx workbook (bold, frozen
header) for the website and the annual confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.exchange.interests_xlsx import write_register_xlsx
from app.services import interests, people
from app.ui.common.errors import show_error
from app.ui.common.forms import date_edit, from_qdate, show_date
from app.ui.common.record_view import fit_columns, make_table
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.people.interest_text import ENTRY_COLUMNS, declared_text

XLSX_FILTER = "Excel workbook (*.xlsx)"

class RegisterTableModel(RowTableModel):
    COLUMNS = (
        ("Name", lambda r: r.person),
        *ENTRY_COLUMNS,
        ("How it is managed", lambda r: r.management),
    )
    (COL_NAME, COL_KIND, COL_DESCRIPTION, COL_ORGANISATION, COL_FROM, COL_TO, COL_DECLARED,
     COL_MANAGEMENT) = range(8)
    DATE_COLUMNS = (COL_FROM, COL_TO)

    def display(self, row, column: int):
        if column == self.COL_DECLARED:
            return declared_text(row)
        return super().display(row, column)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.display(self.row_at(index.row()), index.column()) or None
        return super().data(index, role)


class InterestsRegisterDialog(QDialog):
    """Choose a body (or everyone) and a day; see and export the register as it stood."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("interestsRegisterDialog")
        self.setWindowTitle("Register of interests")
        self.ctx = ctx
        self.body = QComboBox()
        self.body.setObjectName("registerBody")
        self.body.addItem("Everyone", None)
        for committee in ctx.run(people.list_committees, include_retired=False):
            self.body.addItem(committee.name, committee.id)
        self.on = date_edit(dt.date.today())
        self.on.setObjectName("registerOn")
        self.count = QLabel()
        self.count.setObjectName("registerCount")
        self.model = RegisterTableModel(self)
        self.proxy = SearchProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "registerTable")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save the register shown as an Excel workbook")
        self.export_button.clicked.connect(self.ask_export)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Body"))
        choose.addWidget(self.body, 1)
        choose.addWidget(QLabel("as at"))
        choose.addWidget(self.on)
        choose.addWidget(self.count, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.body.currentIndexChanged.connect(lambda _i: self.refresh())
        self.on.dateChanged.connect(lambda _d: self.refresh())
        self.table.sortByColumn(RegisterTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.resize(1280, 600)
        self.refresh()

    def day(self) -> dt.date:
        return from_qdate(self.on.date())

    def title(self) -> str:
        return f"Register of interests: {self.body.currentText()}, {show_date(self.day())}"

    def refresh(self) -> None:
        day, committee_id = self.day(), self.body.currentData()
        try:
            rows = self.ctx.run(interests.register_of_interests, on=day,
                                committee_id=committee_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        fit_columns(self.table, RegisterTableModel.COL_DESCRIPTION, widest=165)
        who = len({r.person_id for r in rows})
        self.count.setText(f"{len(rows)} interest(s) of {who} person(s)")
        self.export_button.setEnabled(bool(rows))

    def rows(self) -> list:
        return [self.proxy.row_at(n) for n in range(self.proxy.rowCount())]

    def ask_export(self) -> None:
        suggested = f"{self.title().replace(':', ' -').replace(',', '')}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Export the register of interests",
                                              suggested, XLSX_FILTER)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        try:
            write_register_xlsx(path, self.rows(), self.title())
        except Exception as exc:
            show_error(self, exc)
            return False
        return True
