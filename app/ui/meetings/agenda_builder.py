"""The agenda builder: the meeting's agenda as a table in Part 1 and Part 2 groups, reordered
by drag and drop (or Move up/down and Indent/Outdent from the keyboard). Every change goes
through the agenda services and the agenda is read back, so numbers and start times update
at once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QVBoxLayout, QWidget

from app.services.decisions import decisions
from app.services.meetings import agenda
from app.services.meetings.detail import get_meeting_detail
from app.ui.common.choices import FLAG_COLOUR, short_time
from app.ui.common.correction import CorrectableField, CorrectDialog
from app.ui.common.errors import show_error
from app.ui.common.record_view import fit_columns, make_table, tool_button
from app.ui.common.table_model import RowTableModel
from app.ui.meetings.agenda_dialogs import AgendaItemDialog, StandingItemsDialog

MIME_TYPE = "application/x-boardbook-agenda-item"
HEADING_BACKGROUND = QColor("#e8edee")


@dataclass(frozen=True)
class PartHeading:
    """A group heading row: "Part 1 — in public" or "Part 2 — … (reason)"."""

    part: int
    text: str


def part_heading(part: int, reason: str) -> PartHeading:
    if part == 1:
        return PartHeading(1, "Part 1 — business in public")
    why = f": {reason}" if reason else " (no reason recorded yet)"
    return PartHeading(2, f"Part 2 — public excluded{why}")


class AgendaTableModel(RowTableModel):
    """Agenda items under their part headings; items can be dragged to a new place."""

    COLUMNS = (
        ("No.", lambda r: r.number),
        ("Title", lambda r: r.title),
        ("Part", lambda r: r.part),
        ("Purpose", lambda r: r.purpose_label),
        ("Presenter", lambda r: r.presenter),
        ("Mins", lambda r: r.minutes_allocated),
        ("Starts", lambda r: short_time(r.starts_at)),
        ("Paper", lambda r: r.attachment_number),
        ("Flags", lambda r: ""),
        ("Decision", lambda r: ""),
    )
    COL_NUMBER, COL_TITLE, COL_PART, COL_PURPOSE, COL_PRESENTER, COL_MINUTES, COL_STARTS, \
        COL_PAPER, COL_FLAGS, COL_DECISION = range(10)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.flags_by_item: dict[int, str] = {}
        self.decision_by_item: dict[int, str] = {}  # item id -> the outcome recorded
        self.move_handler = None  # called with (item_id, to) when an item is dropped

    def set_agenda(self, items, part2_reason: str, flags: dict[int, str]) -> None:
        self.flags_by_item = flags
        rows: list = []
        for part in (1, 2):
            in_part = [i for i in items if i.part == part]
            if in_part or part == 1:
                rows.append(part_heading(part, part2_reason))
            rows.extend(in_part)
        self.set_rows(rows)

    def items(self) -> list:
        return [r for r in self._rows if not isinstance(r, PartHeading)]

    def heading_rows(self) -> list[int]:
        return [n for n, r in enumerate(self._rows) if isinstance(r, PartHeading)]

    # -- display
    def display(self, row, column: int):
        if isinstance(row, PartHeading):
            return row.text if column == 0 else ""
        if column == self.COL_FLAGS:
            return self.flags_by_item.get(row.id, "")
        if column == self.COL_DECISION:
            return self.decision_by_item.get(row.id, "")
        if column == self.COL_TITLE and row.level == 1:
            return f"    {row.title}"
        return super().display(row, column)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self._rows[index.row()] if index.isValid() else None
        if row is not None and role == Qt.ItemDataRole.ToolTipRole:
            return self.display(row, index.column()).strip() or None
        if isinstance(row, PartHeading):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return HEADING_BACKGROUND
            if role == self.SortRole:
                return ""
        elif row is not None and role == Qt.ItemDataRole.FontRole and row.level == 0:
            font = QFont()
            font.setBold(True)
            return font
        elif row is not None and role == Qt.ItemDataRole.ForegroundRole \
                and index.column() == self.COL_FLAGS:
            return FLAG_COLOUR
        return super().data(index, role)

    # -- drag and drop
    def flags(self, index):
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid() and not isinstance(self._rows[index.row()], PartHeading):
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        rows = [self._rows[i.row()] for i in indexes if i.isValid()]
        items = [r for r in rows if not isinstance(r, PartHeading)]
        if items:
            mime.setData(MIME_TYPE, QByteArray(str(items[0].id).encode()))
        return mime

    def target_index(self, item_id: int, model_row: int) -> int:
        """Where in agenda order (0-based, the moving item left out) a drop at ``model_row``
        puts the item."""
        before = self._rows[:max(model_row, 0)]
        return sum(1 for r in before if not isinstance(r, PartHeading) and r.id != item_id)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(MIME_TYPE) or self.move_handler is None:
            return False
        item_id = int(bytes(data.data(MIME_TYPE)).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.move_handler(item_id, self.target_index(item_id, row))
        return True

    def moveRows(self, source_parent, source_row, count, dest_parent, dest_child) -> bool:
        moving = self._rows[source_row]
        if count != 1 or isinstance(moving, PartHeading) or self.move_handler is None:
            return False
        self.move_handler(moving.id, self.target_index(moving.id, dest_child))
        return True


class AgendaBuilder(QWidget):
    """The Agenda tab of a meeting."""

    def __init__(self, ctx, meeting_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("agendaBuilder")
        self.ctx, self.meeting_id = ctx, meeting_id
        self.meeting = None
        self.editor = None
        self.model = AgendaTableModel(self)
        self.model.move_handler = self.move_item
        self.table = make_table(self.model, "agendaTable")
        self.table.setSortingEnabled(False)  # the agenda's order is the order
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._build()
        self.refresh()
        fit_columns(self.table, AgendaTableModel.COL_TITLE, widest=300)
        # the part headings span the row and would otherwise widen the number column
        self.table.horizontalHeader().resizeSection(AgendaTableModel.COL_NUMBER, 56)

    def _action(self, text, slot, shortcut=None, tip="") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip or text} ({shortcut})"
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build(self) -> None:
        self.add_action = self._action("Add item…", self.add_item, "Ctrl+N")
        self.edit_action = self._action("Edit…", self.edit_selected)
        self.remove_action = self._action("Remove", self.remove_selected)
        self.up_action = self._action("Move up", lambda: self.shift(-1), "Ctrl+Up")
        self.down_action = self._action("Move down", lambda: self.shift(1), "Ctrl+Down")
        self.indent_action = self._action("Indent", lambda: self.set_level(1), "Ctrl+Right",
                                          "Make a sub-item (6 → 5.1)")
        self.outdent_action = self._action("Outdent", lambda: self.set_level(0), "Ctrl+Left",
                                           "Make a section or item of its own")
        self.part_action = self._action("Move to other part", self.toggle_part)
        self.standing_action = self._action("Apply standing items", self.apply_standing_items)
        self.template_action = self._action("Standing items…", self.edit_template)
        self.cover_action = self._action("Cover sheet…", self.open_cover_sheet,
                                         tip="The paper for this item: cover sheet and files")
        self.decision_action = self._action("Record decision…", self.record_decision)
        self.correct_action = self._action("Correct…", self.correct_selected,
                                           tip="Correct this item of an approved record")
        bar = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.remove_action, self.up_action,
                       self.down_action, self.indent_action, self.outdent_action,
                       self.part_action, self.cover_action, self.decision_action,
                       self.correct_action):
            bar.addWidget(tool_button(action))
        bar.addStretch(1)
        bar.addWidget(tool_button(self.standing_action))
        bar.addWidget(tool_button(self.template_action))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # --------------------------------------------------------------------------- reading
    def refresh(self) -> None:
        selected = self.selected_item()
        try:
            detail = self.ctx.run(get_meeting_detail, meeting_id=self.meeting_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.meeting = detail.meeting
        self.model.decision_by_item = {
            d.agenda_item_id: f"✔ {d.outcome}" for d in self.ctx.run(
                decisions.list_decisions, meeting_id=self.meeting_id, include_withdrawn=False)}
        self.model.set_agenda(detail.agenda, detail.meeting.part2_reason, _flags(detail))
        self.table.clearSpans()
        for row in self.model.heading_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())
        if selected is not None:
            self.select_item(selected.id)
        self._on_selection_changed()

    def selected_item(self):
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not indexes:
            return None
        row = self.model.row_at(indexes[0].row())
        return None if isinstance(row, PartHeading) else row

    def select_item(self, item_id: int) -> None:
        row = self.model.find(lambda r: not isinstance(r, PartHeading) and r.id == item_id)
        if row >= 0:
            self.table.selectRow(row)

    def closed(self) -> bool:
        """Once the minutes are approved the agenda is sealed: corrected, never edited."""
        return self.meeting is not None and bool(self.meeting.sealed)

    def correct_selected(self) -> None:
        item = self.selected_item()
        if item is None or not self.closed():
            return
        self.correct_dialog = CorrectDialog(
            self.ctx, record_type="agenda_item", record_id=item.id,
            title=f"item {item.number}", parent=self,
            fields=[CorrectableField("title", "Title", item.title),
                    CorrectableField("notes", "Notes", item.notes, long=True)])
        self.correct_dialog.accepted.connect(self.refresh)
        self.correct_dialog.open()

    def _on_selection_changed(self, *_args) -> None:
        item = None if self.closed() else self.selected_item()
        self.add_action.setEnabled(not self.closed())
        self.standing_action.setEnabled(not self.closed())
        self.cover_action.setEnabled(self.selected_item() is not None)
        self.decision_action.setEnabled(self.selected_item() is not None)
        self.correct_action.setVisible(self.closed())
        self.correct_action.setEnabled(self.selected_item() is not None)
        for action in (self.edit_action, self.remove_action, self.up_action, self.down_action,
                       self.indent_action, self.outdent_action, self.part_action):
            action.setEnabled(item is not None)
        if item is not None:
            self.part_action.setText("Move to Part 1" if item.part == 2 else "Move to Part 2")

    # -------------------------------------------------------------------------- changing
    def _change(self, service, keep: int | None = None, **kwargs) -> bool:
        try:
            self.ctx.run(service, **kwargs)
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return False
        self.refresh()
        if keep is not None:
            self.select_item(keep)
        return True

    def move_item(self, item_id: int, to: int, level: int | None = None) -> bool:
        return self._change(agenda.move_agenda_item, keep=item_id, item_id=item_id, to=to,
                            level=level)

    def shift(self, step: int) -> None:
        item = self.selected_item()
        if item is not None:
            self.move_item(item.id, max(item.position - 1 + step, 0))

    def set_level(self, level: int) -> None:
        item = self.selected_item()
        if item is not None and item.level != level:
            self.move_item(item.id, item.position - 1, level)

    def toggle_part(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._change(agenda.set_item_part, keep=item.id, item_id=item.id,
                         part=2 if item.part == 1 else 1, expected_version=item.version)

    def remove_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._change(agenda.remove_agenda_item, item_id=item.id,
                         expected_version=item.version)

    def apply_standing_items(self) -> None:
        self._change(agenda.apply_template, meeting_id=self.meeting_id)

    def add_item(self) -> None:
        self._open(AgendaItemDialog(self.ctx, self.meeting_id, None, self))

    def edit_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._open(AgendaItemDialog(self.ctx, self.meeting_id, item, self))

    def edit_template(self) -> None:
        self._open(StandingItemsDialog(self.ctx, self.meeting.committee_id,
                                       self.meeting.committee, self))

    def open_cover_sheet(self) -> None:
        from app.ui.meetings.cover_sheet_editor import CoverSheetDialog
        item = self.selected_item()
        if item is not None:
            self._open(CoverSheetDialog(self.ctx, item, self.meeting, self))

    def record_decision(self) -> None:
        from app.ui.decisions.decision_dialog import DecisionDialog
        item = self.selected_item()
        if item is not None:
            self._open(DecisionDialog(self.ctx, item, self.meeting, self))

    def _open(self, dialog) -> None:
        self.editor = dialog
        dialog.saved.connect(lambda _before, after: self._after_save(after))
        dialog.finished.connect(lambda _r: setattr(self, "editor", None))
        dialog.open()

    def _after_save(self, after) -> None:
        self.refresh()
        if isinstance(after, agenda.AgendaItemRow):
            self.select_item(after.id)


def _flags(detail) -> dict[int, str]:
    """Per item: conflicts of interest the register suggests, and a late paper."""
    flags: dict[int, list[str]] = {}
    for flag in detail.conflict_flags:
        state = "declared" if flag.declared else "not declared"
        flags.setdefault(flag.agenda_item_id, []).append(f"⚑ {flag.person} ({state})")
    for paper in detail.late_papers:
        flags.setdefault(paper.agenda_item_id, []).append("late paper")
    return {item_id: "; ".join(texts) for item_id, texts in flags.items()}
