"""The risk settings' two lists: categories with the board's appetite and tolerance, and the
strategic objectives of the board assurance framework. Each is a table with Add, Edit and
Remove; every change is one audited service call, saved at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import risk as rules
from app.services.risks import settings as risk_settings
from app.ui.common.errors import show_error
from app.ui.common.forms import EditorDialog, required


def appetite_combo(level: int = 2) -> QComboBox:
    """Avoid (0) … Mature (5), each with what it means as its tip."""
    combo = QComboBox()
    combo.setObjectName("appetite")
    for n, (name, meaning) in enumerate(zip(rules.APPETITE_LEVELS, rules.APPETITE_MEANINGS,
                                            strict=True)):
        combo.addItem(f"{n} {name}", n)
        combo.setItemData(n, meaning, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(level)
    return combo


def description_edit(text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setObjectName("description")
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(70)
    return edit


class CategoryDialog(EditorDialog):
    """A category: its name, the board's appetite for it and the highest score tolerated.

    The tolerance follows the appetite (Cautious 9, Open 12, …) until it is changed by hand.
    """

    def __init__(self, ctx, row=None, scheme=rules.DEFAULT_SCHEME, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("categoryDialog")
        self.setWindowTitle("Edit category" if row else "New category")
        self.scheme = scheme
        self.name = QLineEdit(row.name if row else "")
        self.name.setObjectName("name")
        self.appetite = appetite_combo(row.appetite_level if row else 2)
        self.tolerance = QSpinBox()
        self.tolerance.setObjectName("tolerance")
        self.tolerance.setRange(1, 25)
        self.tolerance.setValue(row.tolerance if row else
                                rules.default_tolerance(self.appetite.currentData()))
        self.tolerance_band = QLabel()
        self.meaning = QLabel(wordWrap=True)
        self.meaning.setStyleSheet("color: palette(mid)")
        self._tolerance_set_by_hand = row is not None
        self.description = description_edit(row.description if row else "")
        tolerance_box = QWidget()
        line = QHBoxLayout(tolerance_box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.tolerance)
        line.addWidget(self.tolerance_band, 1)
        self.errors.add_row(self.form, required("Name"), "name", self.name)
        self.errors.add_row(self.form, "Appetite", "appetite_level", self.appetite)
        self.form.addRow("", self.meaning)
        self.errors.add_row(self.form, "Tolerance (highest score)", "tolerance", tolerance_box)
        self.errors.add_row(self.form, "Description", "description", self.description)
        self.finish_layout()
        self.appetite.currentIndexChanged.connect(self._on_appetite_changed)
        self.tolerance.valueChanged.connect(self._show_tolerance_band)
        self.tolerance.editingFinished.connect(self._on_tolerance_edited)
        self._show_meaning()
        self._show_tolerance_band()
        self.setMinimumWidth(480)

    def _on_appetite_changed(self) -> None:
        if not self._tolerance_set_by_hand:
            self.tolerance.setValue(rules.default_tolerance(self.appetite.currentData()))
        self._show_meaning()

    def _on_tolerance_edited(self) -> None:
        default = rules.default_tolerance(self.appetite.currentData())
        self._tolerance_set_by_hand = self.tolerance.value() != default

    def _show_meaning(self) -> None:
        self.meaning.setText(rules.APPETITE_MEANINGS[self.appetite.currentData()])

    def _show_tolerance_band(self) -> None:
        value = self.tolerance.value()
        try:
            band = self.scheme.band_for(value).name
        except ValueError:
            band = "no band"
        self.tolerance_band.setText(f"{band}: scores above {value} are above appetite")

    def save(self):
        fields = dict(name=self.name.text(), appetite_level=self.appetite.currentData(),
                      tolerance=self.tolerance.value(),
                      description=self.description.toPlainText().strip())
        if self.row is None:
            return self.ctx.run(risk_settings.create_category, **fields)
        return self.ctx.run(risk_settings.update_category, category_id=self.row.id,
                            expected_version=self.row.version, **fields)


class ObjectiveDialog(EditorDialog):
    def __init__(self, ctx, row=None, parent=None):
        super().__init__(ctx, row, parent)
        self.setObjectName("objectiveDialog")
        self.setWindowTitle("Edit objective" if row else "New strategic objective")
        self.code = QLineEdit(row.code if row else "", placeholderText="e.g. SO5")
        self.code.setObjectName("code")
        self.code.setMaximumWidth(120)
        self.title = QLineEdit(row.title if row else "")
        self.title.setObjectName("title")
        self.description = description_edit(row.description if row else "")
        self.errors.add_row(self.form, required("Code"), "code", self.code)
        self.errors.add_row(self.form, required("Title"), "title", self.title)
        self.errors.add_row(self.form, "Description", "description", self.description)
        self.finish_layout()
        self.setMinimumWidth(560)

    def save(self):
        fields = dict(code=self.code.text(), title=self.title.text(),
                      description=self.description.toPlainText().strip())
        if self.row is None:
            return self.ctx.run(risk_settings.create_objective, **fields)
        return self.ctx.run(risk_settings.update_objective, objective_id=self.row.id,
                            expected_version=self.row.version, **fields)


class SettingsList(QWidget):
    """A read-only table of rows with Add…, Edit… and Remove; subclasses fill in the rest."""

    changed = Signal()
    NOUN = "record"
    HEADINGS: tuple[str, ...] = ()
    STRETCH: tuple[int, ...] = (0,)
    NUMBERS: tuple[int, ...] = ()  # columns of counts and scores, centred
    FIXED: dict[int, int] = {}  # column: width, for a second column of prose

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx, self.rows, self.editor = ctx, [], None
        self.table = QTableWidget(0, len(self.HEADINGS))
        self.table.setObjectName(f"{self.NOUN}Table")
        self.table.setHorizontalHeaderLabels(list(self.HEADINGS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in self.STRETCH:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in self.FIXED.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # Wrapped rows fit their text once the stretched columns have their real width (after
        # the layout settles, hence the timer).
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_args: self._fit_rows.start())
        self.table.verticalHeader().setMinimumSectionSize(26)
        self.add_button = QPushButton(f"Add {self.NOUN}…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._on_selection)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)
        self.refresh()

    # subclasses -----------------------------------------------------------------------
    def load(self) -> list:
        raise NotImplementedError

    def cells(self, row) -> list[str]:
        raise NotImplementedError

    def make_editor(self, row) -> EditorDialog:
        raise NotImplementedError

    def remove(self, row) -> None:
        raise NotImplementedError

    # ---------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        self.rows = self.load()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(self.cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c in self.NUMBERS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            if row.id == select_id:
                self.table.selectRow(r)
        self.table.resizeRowsToContents()
        self._on_selection()

    def selected_row(self):
        indexes = self.table.selectionModel().selectedRows()
        return self.rows[indexes[0].row()] if indexes else None

    def select_text(self, column: int, text: str) -> None:
        """Select the row showing ``text`` in ``column``, as a user clicking it."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, column).text() == text:
                self.table.selectRow(r)
                return
        raise LookupError(text)

    def _on_selection(self) -> None:
        chosen = self.selected_row() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add(self) -> None:
        self._open(self.make_editor(None))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._open(self.make_editor(row))

    def _open(self, dialog: EditorDialog) -> None:
        self.editor = dialog
        dialog.saved.connect(self._on_saved)
        dialog.open()

    def _on_saved(self, _before, after) -> None:
        self.refresh(select_id=after.id)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self.remove(row)
        except Exception as exc:
            show_error(self, exc)
            self.refresh(select_id=row.id)
            return
        self.refresh()
        self.changed.emit()


class CategoriesList(SettingsList):
    NOUN = "category"
    HEADINGS = ("Category", "Appetite", "Tolerance", "Risks", "Description")
    COL_NAME, COL_APPETITE, COL_TOLERANCE, COL_RISKS, COL_DESCRIPTION = range(5)
    STRETCH = (COL_DESCRIPTION,)
    NUMBERS = (COL_TOLERANCE, COL_RISKS)

    def __init__(self, ctx, parent=None):
        self.scheme = rules.DEFAULT_SCHEME
        super().__init__(ctx, parent)
        note = QLabel("The tolerance is the highest current score the board accepts in a "
                      "category; risks scoring above it are flagged “above appetite”. A "
                      "category in use by any risk cannot be removed.")
        note.setWordWrap(True)
        self.layout_.insertWidget(0, note)

    def load(self) -> list:
        found = self.ctx.run(risk_settings.get_category_settings)
        self.scheme = found.scheme
        return found.categories

    def cells(self, row) -> list[str]:
        return [row.name, f"{row.appetite_level} {row.appetite}", str(row.tolerance),
                str(row.risks), row.description]

    def make_editor(self, row) -> EditorDialog:
        return CategoryDialog(self.ctx, row, self.scheme, self)

    def remove(self, row) -> None:
        self.ctx.run(risk_settings.remove_category, category_id=row.id,
                     expected_version=row.version)


class ObjectivesList(SettingsList):
    NOUN = "objective"
    HEADINGS = ("Code", "Strategic objective", "Description", "Principal risks")
    COL_CODE, COL_TITLE, COL_DESCRIPTION, COL_RISKS = range(4)
    STRETCH = (COL_TITLE,)
    FIXED = {COL_DESCRIPTION: 280}  # noqa: RUF012 (read only)
    NUMBERS = (COL_RISKS,)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        note = QLabel("The board assurance framework: the organisation's strategic objectives, "
                      "to which principal risks are linked (in each risk's Objectives tab).")
        note.setWordWrap(True)
        self.layout_.insertWidget(0, note)

    def load(self) -> list:
        return self.ctx.run(risk_settings.list_objectives)

    def cells(self, row) -> list[str]:
        return [row.code, row.title, row.description, str(row.risks)]

    def make_editor(self, row) -> EditorDialog:
        return ObjectiveDialog(self.ctx, row, self)

    def remove(self, row) -> None:
        self.ctx.run(risk_settings.remove_objective, objective_id=row.id,
                     expected_version=row.version)
