"""Importing a risk register from a workbook or CSV file, with a preview the user checks first.

Choose the file (and, in a workbook, the sheet): the dialog shows the row the headings were
found on, the first rows as the file has them, and what each heading will be read as, which
the user may change. "Check" reads every row and lists every problem with its row number and
heading, writing nothing; "Import" imports every row or none. Reading and importing run off
the GUI thread (``app.exchange.register.files`` does the work, in a transaction of its own).
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain.errors import ValidationError
from app.exchange.register.files import FIELDS, HeadingMap, import_register, preview_register
from app.exchange.register.importer import missing_columns
from app.services.risks import settings as risk_settings
from app.ui.common.errors import show_error
from app.ui.common.progress import run_with_progress
from app.ui.risks.import_rows import PreviewRowsTable

FILE_FILTER = "Risk registers (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv)"
IGNORE = "ignore"
NO_CATEGORY = "(none: every row gives its own)"
COL_LETTER, COL_HEADING, COL_FIELD, COL_EXAMPLE = range(4)
PROBLEM_TEXT = QColor("#b00020")


def problem_text(problem) -> str:
    """"Row 5 · Likelihood: must be 1 to 5, not 6" (no row: the whole file)."""
    where = f"Row {problem.row} · " if problem.row else ""
    return f"{where}{problem.field}: {problem.reason}" if problem.field else \
        f"{where}{problem.reason}"


class RiskImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult of a successful import

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.setObjectName("riskImportDialog")
        self.setWindowTitle("Import a risk register")
        self.ctx, self.runner = ctx, runner
        self.path: Path | None = None
        self.preview = None  # the RegisterPreview of the file and sheet chosen
        self._loading = False
        self._build()
        self._load_categories()
        self._update_state()
        self.resize(980, 760)

    # ---------------------------------------------------------------------------- building
    def _build(self) -> None:
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("Choose a workbook (.xlsx) or CSV file")
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumContentsLength(16)
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.currentTextChanged.connect(self._on_sheet_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("File:"))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addSpacing(12)
        top.addWidget(QLabel("Sheet:"))
        top.addWidget(self.sheet_combo)
        self.found_label = QLabel("No file chosen yet.")
        self.found_label.setObjectName("foundLabel")
        self.found_label.setWordWrap(True)

        self.rows_table = PreviewRowsTable()
        rows_box = self._box("First rows of the file", self.rows_table)

        self.map_table = QTableWidget(0, 4)
        self.map_table.setObjectName("mappingTable")
        self.map_table.setHorizontalHeaderLabels(["Col", "Heading in the file", "Read as",
                                                  "First value"])
        self.map_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.map_table.verticalHeader().hide()
        self.map_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.map_table.horizontalHeader()
        header.setSectionResizeMode(COL_LETTER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_HEADING, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(COL_HEADING, 220)
        header.resizeSection(COL_FIELD, 250)
        self.mapping_label = QLabel()
        self.mapping_label.setObjectName("mappingLabel")
        self.mapping_label.setWordWrap(True)
        map_box = self._box("What each column is read as (change any that are wrong)",
                            self.map_table, self.mapping_label)

        self.skip_existing = QCheckBox("Skip references already in the register")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("defaultCategory")
        self.category_combo.addItem(NO_CATEGORY, None)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._update_state())
        options = QFormLayout()
        options.addRow(self.skip_existing)
        options.addRow("Category for rows that give none:", self.category_combo)

        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.currentItemChanged.connect(self._on_problem_chosen)
        self.result_label = QLabel("Choose a file to see how it will be read.")
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        check_box = self._box("Check and import", self.result_label, self.problem_list)

        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget in (rows_box, map_box, check_box):
            splitter.addWidget(widget)
        splitter.setSizes([160, 330, 150])

        self.check_button = QPushButton("Check")
        self.check_button.setToolTip("Read every row and list every problem; nothing is written")
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton("Import")
        self.import_button.setToolTip("Import every row, or none if any has a problem")
        self.import_button.clicked.connect(self.import_)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.check_button, self.import_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.found_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(options)
        layout.addLayout(buttons)

    @staticmethod
    def _box(title: str, *widgets) -> QGroupBox:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        for widget in widgets:
            column.addWidget(widget)
        return box

    def _load_categories(self) -> None:
        try:
            names = [c.name for c in self.ctx.run(risk_settings.list_categories)]
        except Exception as exc:  # the dialog still works with categories from the file
            show_error(self, exc)
            return
        for name in names:
            self.category_combo.addItem(name, name)

    # ------------------------------------------------------------------------ the file
    def ask_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a risk register", "", FILE_FILTER)
        return path or None

    def choose_file(self) -> None:
        path = self.ask_file()
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path, sheet: str | None = None) -> None:
        """Read the file's headings and first rows off the GUI thread, then show them."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.found_label.setText(f"Reading {self.path.name}…")
        source = self.path

        def read(report, cancelled):
            return preview_register(source, sheet=sheet)

        self.runner.run(read, on_done=self._on_preview,
                        on_error=lambda exc: self._on_preview_failed(exc, sheet))

    def _on_preview_failed(self, exc, sheet: str | None) -> None:
        self.preview = None
        if sheet is None:  # the file itself, not one of its sheets
            self._loading = True
            self.sheet_combo.clear()
            self.sheet_combo.setEnabled(False)
            self._loading = False
        self.found_label.setText(f"Sheet '{sheet}' could not be read: choose another."
                                 if sheet else "This file could not be read.")
        self._show_preview()
        show_error(self, exc)

    def _on_sheet_changed(self, name: str) -> None:
        if not self._loading and self.path and name and (
                self.preview is None or name != self.preview.sheet):
            self.load_file(self.path, name)

    def _on_preview(self, preview) -> None:
        self.preview = preview
        self._loading = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(preview.sheets))
        self.sheet_combo.setCurrentText(preview.sheet)
        self.sheet_combo.setEnabled(len(preview.sheets) > 1)
        self._loading = False
        history = " Its 'Score history' sheet will be replayed." if preview.has_history else ""
        self.found_label.setText(f"Sheet '{preview.sheet}': headings found on row "
                                 f"{preview.header_row}.{history}")
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.preview
        columns = preview.mapping.columns if preview else ()
        rows = preview.rows if preview else ()
        self.rows_table.show_preview(preview)
        shown = [c for c in columns if c.heading]
        self.map_table.setRowCount(len(shown))
        for r, column in enumerate(shown):
            letter = QTableWidgetItem(column.letter)
            letter.setData(Qt.ItemDataRole.UserRole, column.index)
            self.map_table.setItem(r, COL_LETTER, letter)
            self.map_table.setItem(r, COL_HEADING, QTableWidgetItem(column.heading))
            first = next((cells[column.index] for _n, cells in rows
                          if column.index < len(cells) and cells[column.index]), "")
            self.map_table.setItem(r, COL_EXAMPLE, QTableWidgetItem(first.split("\n")[0]))
            self.map_table.setCellWidget(r, COL_FIELD, self._field_combo(column.field))
        self.problem_list.clear()
        self.result_label.setText("Press Check to read every row without importing."
                                  if preview else "Choose a file to see how it will be read.")
        self._update_state()
        self.check_button.setDefault(preview is not None)

    def _field_combo(self, field: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem("(ignore: not imported)", IGNORE)
        for key, label in FIELDS.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(field or IGNORE), 0))
        combo.setMaxVisibleItems(20)
        combo.currentIndexChanged.connect(lambda _i: self._on_mapping_changed())
        return combo

    # ------------------------------------------------------------------------- the map
    def field_combo(self, heading: str) -> QComboBox:
        """The "Read as" combo of the column with this heading (tests and the user's eye)."""
        for r in range(self.map_table.rowCount()):
            if self.map_table.item(r, COL_HEADING).text() == heading:
                return self.map_table.cellWidget(r, COL_FIELD)
        raise KeyError(heading)

    def set_field(self, heading: str, field: str) -> None:
        combo = self.field_combo(heading)
        combo.setCurrentIndex(combo.findData(field))

    def mapping(self) -> HeadingMap | None:
        """The map as the user has it now (the guess with their changes)."""
        if self.preview is None:
            return None
        # By position, not by heading or letter: a sheet may head a column "C" or
        # repeat a heading.
        chosen = {}
        for r in range(self.map_table.rowCount()):
            field = self.map_table.cellWidget(r, COL_FIELD).currentData()
            chosen[self.map_table.item(r, COL_LETTER).data(Qt.ItemDataRole.UserRole)] = \
                None if field == IGNORE else field
        return HeadingMap(tuple(replace(c, field=chosen.get(c.index, c.field))
                                for c in self.preview.mapping.columns))

    def _on_mapping_changed(self) -> None:
        self.problem_list.clear()
        self.rows_table.mark_problems([], self.preview.mapping)
        self.result_label.setText("The columns changed: press Check again.")
        self._update_state()

    def _update_state(self) -> None:
        mapping = self.mapping()
        ready = mapping is not None
        if ready:
            category = self.category_combo.currentData() is not None
            needed = mapping.problems() + missing_columns(mapping, category)
            unmapped = [c.heading for c in mapping.unmapped]
            lines = [f"<b>Not imported:</b> {escape(', '.join(unmapped))}" if unmapped else
                     "Every column is imported."]
            lines += [f"<span style='color:#b00020'><b>Needed:</b> {escape(str(p))}</span>"
                      for p in needed]
            self.mapping_label.setText("<br>".join(lines))
            self.rows_table.grey_ignored(mapping)
        else:
            self.mapping_label.setText("")
        for button in (self.check_button, self.import_button):
            button.setEnabled(ready)

    def _on_problem_chosen(self, item, _previous=None) -> None:
        """Choosing a problem shows its column's row of the map (and its cell, if shown)."""
        problem = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if problem is None or self.preview is None:
            return
        for r in range(self.map_table.rowCount()):
            if self.map_table.item(r, COL_HEADING).text() == problem.field:
                self.map_table.selectRow(r)
                self.map_table.scrollToItem(self.map_table.item(r, COL_HEADING))
        cell = self.rows_table.cell_of(problem, self.preview.mapping)
        if cell is not None:
            self.rows_table.setCurrentItem(cell)

    # ------------------------------------------------------------------ check and import
    def _run(self, *, dry_run: bool) -> None:
        mapping, path = self.mapping(), self.path
        if mapping is None:
            return
        ctx, sheet = self.ctx, self.preview.sheet
        skip, category = self.skip_existing.isChecked(), self.category_combo.currentData()

        def work(report, cancelled):
            report(0, 0, f"{'Checking' if dry_run else 'Importing'} {path.name}…")
            try:
                return ctx.run(import_register, path=path, mapping=mapping, sheet=sheet,
                               skip_existing=skip, default_category=category, dry_run=dry_run)
            except ValidationError as exc:
                return exc  # the problems are listed in the dialog, not a message box

        self.problem_list.clear()
        run_with_progress(self, self.runner, work, title="Import a risk register",
                          label=f"Reading {path.name}…", on_done=self._on_result,
                          write=not dry_run)

    def check(self) -> None:
        self._run(dry_run=True)

    def import_(self) -> None:
        self._run(dry_run=False)

    def problems(self) -> list[str]:
        return [self.problem_list.item(i).text() for i in range(self.problem_list.count())]

    def _on_result(self, result) -> None:
        self.problem_list.clear()
        self.rows_table.mark_problems(
            result.problems if isinstance(result, ValidationError) else [], self.mapping())
        if isinstance(result, ValidationError):
            for problem in result.problems:
                item = QListWidgetItem(problem_text(problem))
                item.setData(Qt.ItemDataRole.UserRole, problem)
                item.setForeground(PROBLEM_TEXT)
                self.problem_list.addItem(item)
            count = len(result.problems)
            self.result_label.setText(
                f"<span style='color:#b00020'><b>{count} problem{'s' if count != 1 else ''}"
                "</b></span>: nothing was imported. Correct the file or the columns, then "
                "check again.")
            return
        for note in result.notes:
            self.problem_list.addItem(f"Note: {note}")
        if result.skipped:
            self.problem_list.addItem(f"Skipped, already in the register: "
                                      f"{', '.join(result.skipped)}")
        count = len(result.created)
        risks = f"{count} risk{'s' if count != 1 else ''}"
        if result.dry_run:
            self.result_label.setText(f"<b>No problems.</b> {risks} would be imported "
                                      "(nothing has been written yet).")
            return
        self.result_label.setText(f"<b>Imported {risks}:</b> {escape(', '.join(result.created))}.")
        self.import_button.setEnabled(False)  # importing the same file twice is a mistake
        self.imported.emit(result)
