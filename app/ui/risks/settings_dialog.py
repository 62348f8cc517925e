"""Risk settings: the organisation's bands (names, score ranges, colours, owners and what
must happen), the escalation threshold and reference prefix; the categories with the board's
appetite; and the strategic objectives of the board assurance framework.

The bands are edited in a table and saved together, because a scheme is only valid whole
(each possible score in exactly one band); ``set_band_scheme`` judges it and its problems
show under the table, with the rows they concern marked. A 5×5 preview follows the edits.
Categories and objectives are saved one by one (``app/ui/risks/settings_lists.py``).
``settings_changed`` tells the register to reload.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import risk as rules
from app.domain.errors import Problem, ValidationError
from app.services.risks import settings as risk_settings
from app.ui.common.errors import show_error
from app.ui.common.forms import ERROR_STYLE, FieldErrors
from app.ui.common.risk_grid import RiskGrid, text_colour_on
from app.ui.risks.settings_lists import CategoriesList, ObjectivesList

COLUMNS = ("Band", "From", "To", "Colour", "Who owns it", "What happens")
COL_NAME, COL_MIN, COL_MAX, COL_COLOUR, COL_OWNER, COL_ACTION = range(6)
NO_BAND = "#D0D0D0"  # preview cells whose score is in no band
PROBLEM_ROW = QColor("#f8d7da")


class BandPreview(RiskGrid):
    """The 5×5 matrix coloured by the bands being edited, valid or not: a score in no band
    is grey, so a gap shows where it is."""

    def __init__(self, parent=None):
        super().__init__(parent, cell=36)
        self.setObjectName("bandPreview")
        self.setCursor(Qt.CursorShape.ArrowCursor)

    def show_bands(self, bands: list[rules.Band], base: rules.BandScheme) -> None:
        usable = [b for b in bands if rules.HEX_COLOUR.match(b.colour) and b.min <= b.max]
        fill = [rules.Band("", v, v, NO_BAND, "", "") for v in range(1, 26)
                if not any(b.contains(v) for b in usable)]
        self.set_scheme(rules.BandScheme(bands=tuple(usable + fill),
                                         escalation_threshold=base.escalation_threshold,
                                         likelihood_names=base.likelihood_names,
                                         consequence_names=base.consequence_names))

    def paint_cell(self, painter: QPainter, rect, likelihood: int, consequence: int) -> None:
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(likelihood * consequence))

    def tooltip_for(self, likelihood: int, consequence: int) -> str:
        value = likelihood * consequence
        band = self.scheme.band_for(value)
        return f"{value}: {band.name or 'in no band'}"


class BandsTab(QWidget):
    saved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        stored = ctx.run(risk_settings.get_register_settings)
        self.scheme, prefix = stored.scheme, stored.prefix
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("bandTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (COL_NAME, COL_MIN, COL_MAX, COL_COLOUR, COL_OWNER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        self.threshold = QSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(1, 25)
        self.threshold.setMaximumWidth(100)
        self.threshold.setToolTip("A current score at or above this puts a risk on the "
                                  "corporate risk register")
        self.prefix = QLineEdit(prefix)
        self.prefix.setObjectName("prefix")
        self.prefix.setMaximumWidth(100)
        self.prefix_example = QLabel()
        self.preview = BandPreview()
        self.errors = FieldErrors()
        self.errors.general.setObjectName("bandProblems")
        self.note = QLabel()
        self.note.setObjectName("bandNote")
        self._lay_out()
        self.fill(self.scheme)
        self.table.itemChanged.connect(self._on_edited)
        self.table.cellDoubleClicked.connect(self._on_double_clicked)
        self.prefix.textChanged.connect(self._show_prefix_example)
        self._show_prefix_example()

    # ---------------------------------------------------------------------------- layout
    def _lay_out(self) -> None:
        self.add_button = QPushButton("Add band")
        self.add_button.clicked.connect(self.add_band)
        self.remove_button = QPushButton("Remove band")
        self.remove_button.clicked.connect(self.remove_band)
        self.reset_button = QPushButton("Reset to the B&&NES defaults")  # && shows one &
        self.reset_button.setObjectName("resetBands")
        self.reset_button.clicked.connect(self.reset_to_defaults)
        self.save_button = QPushButton("Save bands")
        self.save_button.setObjectName("saveBands")
        self.save_button.clicked.connect(self.save)
        table_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.reset_button):
            table_buttons.addWidget(button)
        table_buttons.addStretch(1)
        hint = QLabel("Edit a cell to change it; double-click a colour to choose another. "
                      "Bands go lowest first, and every score a 5×5 matrix can give (1–6, 8–10, "
                      "12, 15, 16, 20, 25) must fall in exactly one band.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid)")
        form = QFormLayout()
        prefix_box = QWidget()
        line = QHBoxLayout(prefix_box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.prefix)
        line.addWidget(self.prefix_example, 1)
        self.errors.add_row(form, "Escalate to the corporate register at", "escalation_threshold",
                            self.threshold)
        self.errors.add_row(form, "Reference prefix", "prefix", prefix_box)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.errors.general)
        left.addWidget(hint)
        left.addLayout(table_buttons)
        left.addLayout(form)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Preview</b>"))
        right.addWidget(self.preview)
        right.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(right)
        foot = QHBoxLayout()
        foot.addWidget(self.note, 1)
        foot.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(foot)

    # ------------------------------------------------------------------------------ table
    def fill(self, scheme: rules.BandScheme) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for band in scheme.bands:
            self._append(band)
        self.table.blockSignals(False)
        self.threshold.setValue(scheme.escalation_threshold)
        self._mark_rows(set())
        self.table.resizeRowsToContents()
        self._update_preview()

    def _append(self, band: rules.Band) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for column, value in ((COL_NAME, band.name), (COL_MIN, band.min), (COL_MAX, band.max),
                              (COL_OWNER, band.owner), (COL_ACTION, band.action)):
            item = QTableWidgetItem(str(value))
            if column in (COL_MIN, COL_MAX):
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, column, item)
        colour = QTableWidgetItem()
        colour.setFlags(colour.flags() & ~Qt.ItemFlag.ItemIsEditable)
        colour.setToolTip("Double-click to choose the colour")
        self.table.setItem(r, COL_COLOUR, colour)
        self.set_colour(r, band.colour)

    def set_colour(self, row: int, colour: str) -> None:
        """Show ``colour`` as the row's swatch (its hex code on the colour itself)."""
        item = self.table.item(row, COL_COLOUR)
        item.setText(colour.upper())
        qcolour = QColor(colour)
        if qcolour.isValid():
            item.setBackground(qcolour)
            item.setForeground(text_colour_on(qcolour))
        self._on_edited()

    def _on_double_clicked(self, row: int, column: int) -> None:
        if column == COL_COLOUR:
            self.choose_colour(row)

    def choose_colour(self, row: int) -> None:
        current = QColor(self.table.item(row, COL_COLOUR).text())
        chosen = QColorDialog.getColor(current, self, f"Colour of {self._text(row, COL_NAME)}")
        if chosen.isValid():
            self.set_colour(row, chosen.name())

    def add_band(self) -> None:
        top = self._int(self.table.rowCount() - 1, COL_MAX) if self.table.rowCount() else 0
        start = min((top or 0) + 1, 25)
        self.table.blockSignals(True)
        self._append(rules.Band("New band", start, 25, "#808080", "", ""))
        self.table.blockSignals(False)
        self.table.selectRow(self.table.rowCount() - 1)
        self._on_edited()

    def remove_band(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())
            self._on_edited()

    def reset_to_defaults(self) -> None:
        """Put the B&NES CCG bands in the table; nothing is stored until Save."""
        self.fill(rules.DEFAULT_SCHEME)
        self.errors.clear()
        self.note.setText("The B&NES defaults are shown; press Save bands to use them.")

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _int(self, row: int, column: int) -> int | None:
        try:
            return int(self._text(row, column))
        except ValueError:
            return None

    def edited_bands(self) -> tuple[list[rules.Band], list[Problem]]:
        """The bands as the table shows them, and any number that is not a whole number."""
        bands, problems = [], []
        for r in range(self.table.rowCount()):
            name = self._text(r, COL_NAME)
            ends = []
            for column, word in ((COL_MIN, "From"), (COL_MAX, "To")):
                value = self._int(r, column)
                if value is None:
                    problems.append(Problem("range", f"{name}: {word} must be a whole number "
                                                     f"from 1 to 25", r + 1))
                ends.append(value or 0)
            bands.append(rules.Band(name, ends[0], ends[1], self._text(r, COL_COLOUR),
                                    self._text(r, COL_OWNER), self._text(r, COL_ACTION)))
        return bands, problems

    def edited_scheme(self) -> tuple[rules.BandScheme, list[Problem]]:
        bands, problems = self.edited_bands()
        return rules.BandScheme(bands=tuple(bands), escalation_threshold=self.threshold.value(),
                                likelihood_names=self.scheme.likelihood_names,
                                consequence_names=self.scheme.consequence_names), problems

    def _on_edited(self, *_args) -> None:
        self.note.clear()
        self.table.resizeRowsToContents()
        self._update_preview()

    def _update_preview(self) -> None:
        bands, _ = self.edited_bands()
        self.preview.show_bands(bands, self.scheme)

    def _show_prefix_example(self) -> None:
        prefix = self.prefix.text().strip().upper() or "?"
        self.prefix_example.setText(f"new risks are numbered {prefix}-001, {prefix}-002, …")

    # ------------------------------------------------------------------------------- save
    def save(self) -> bool:
        """Store the bands, threshold and prefix together, or none of them; problems show
        in place."""
        self.errors.clear()
        self._mark_rows(set())
        scheme, problems = self.edited_scheme()
        try:
            if problems:
                raise ValidationError(problems)
            self.ctx.run(risk_settings.save_register_settings, scheme=scheme,
                         prefix=self.prefix.text())
        except ValidationError as exc:
            self._show_problems(exc, scheme)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self.scheme = scheme
        self.prefix.setText(self.prefix.text().strip().upper())
        self.note.setText("Saved. The register now uses these bands.")
        self.saved.emit()
        return True

    def _show_problems(self, error: ValidationError, scheme: rules.BandScheme) -> None:
        """Problems about the threshold or prefix go under them; problems about the bands go
        under the table, each naming its row, and those rows are marked."""
        rows, lines, others = set(), [], []
        names = [b.name for b in scheme.bands]
        for problem in error.problems:
            if problem.field in ("escalation_threshold", "prefix"):
                others.append(problem)
                continue
            if problem.row is not None:
                rows.add(problem.row - 1)
                name = names[problem.row - 1] or "(no name)"
                lines.append(f"Row {problem.row} ({name}): {problem.reason}")
                continue
            named = [i for i, n in enumerate(names) if n and f"{n} (" in problem.reason]
            rows.update(named)
            where = ", ".join(f"{i + 1}" for i in named)
            prefix = f"Row{'s' if len(named) > 1 else ''} {where}: " if named else ""
            lines.append(prefix + problem.reason[:1].upper() + problem.reason[1:])
        if others:
            self.errors.show(ValidationError(others))
        if lines:
            self.errors.general.setText("Not saved:\n" + "\n".join(f"• {t}" for t in lines))
            self.errors.general.show()
        self._mark_rows(rows)

    def _mark_rows(self, rows: set[int]) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for column in (COL_NAME, COL_MIN, COL_MAX):
                item = self.table.item(r, column)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole,
                                 PROBLEM_ROW if r in rows else None)
        self.table.blockSignals(False)

    def problem_text(self) -> str:
        return self.errors.general.text() if not self.errors.general.isHidden() else ""


class RiskSettingsDialog(QDialog):
    """Bands, categories and appetite, and strategic objectives, each on a tab."""

    settings_changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("riskSettingsDialog")
        self.setWindowTitle("Risk settings")
        self.ctx = ctx
        self.bands = BandsTab(ctx)
        self.categories = CategoriesList(ctx)
        self.objectives = ObjectivesList(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.bands, "Bands")
        self.tabs.addTab(self.categories, "Categories and appetite")
        self.tabs.addTab(self.objectives, "Strategic objectives (BAF)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.bands.saved.connect(self._on_bands_saved)
        self.categories.changed.connect(self.settings_changed)
        self.objectives.changed.connect(self.settings_changed)
        self.bands.errors.general.setStyleSheet(ERROR_STYLE)
        self.resize(1100, 600)

    def _on_bands_saved(self) -> None:
        self.categories.refresh()  # tolerances are described by band
        self.settings_changed.emit()
