"""The audit trail: every change to a governed record, who made it and when, what it changed,
and proof that nobody has altered the history since."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from app.services import audit
from app.ui.common.errors import show_error
from app.ui.common.forms import OptionalDateEdit
from app.ui.common.list_section import ListSection, fit_columns, make_table
from app.ui.common.table_model import RowTableModel, SearchProxyModel

LIMIT = 5000  # newest events shown; narrower filters reach older ones
OK_STYLE = "color: #1b5e20; font-weight: bold"
BROKEN_STYLE = "color: #b00020; font-weight: bold"


def when(at: str) -> str:
    """'2024-05-01T12:34:56.123456Z' as '2024-05-01 12:34:56'."""
    return at[:19].replace("T", " ")


class AuditTableModel(RowTableModel):
    COLUMNS = (
        ("Seq", lambda r: r.seq),
        ("When (UTC)", lambda r: when(r.at)),
        ("Who", lambda r: r.actor),
        ("Action", lambda r: r.action),
        ("Record type", lambda r: r.record_type),
        ("Record id", lambda r: r.record_id),
        ("Fields changed", lambda r: r.summary),
    )
    COL_SEQ, COL_WHEN, COL_WHO, COL_ACTION, COL_TYPE, COL_ID, COL_FIELDS = range(7)

    def row_id(self, row):
        return row.seq

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows with one key per row, keeping selections on their rows.

        Thousands of events sorted by the proxy cost a Python ``lessThan`` call per
        comparison; a keyed sort here takes milliseconds.
        """
        if not 0 <= column < len(self.COLUMNS):
            return
        value = self.COLUMNS[column][1]
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_rows = [self._rows[index.row()] for index in kept]
        self._rows.sort(key=lambda r: _sort_key(value(r)),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            kept, [self.index(where[id(r)], i.column()) for r, i in zip(kept_rows, kept,
                                                                         strict=True)])
        self.layoutChanged.emit()


def _sort_key(value):
    return (value is None, value if isinstance(value, int) else str(value or ""))


class SourceSortProxyModel(SearchProxyModel):
    """Filters here, but leaves sorting to the source model (see ``AuditTableModel.sort``)."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
        # Column -1 keeps the source's order; Descending there would reverse it again.
        super().sort(-1, Qt.SortOrder.AscendingOrder)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


def shown_value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ChangesTableModel(RowTableModel):
    COLUMNS = (
        ("Field", lambda r: r.field),
        ("Before", lambda r: shown_value(r.before)),
        ("After", lambda r: shown_value(r.after)),
    )


@dataclass(frozen=True)
class LoadedTrail:
    generation: int  # which refresh asked for it
    page: audit.TrailPage


class AuditTrailView(ListSection):
    """Loads its page off the GUI thread, so :meth:`refresh` is its own; the table, the
    selection and :meth:`select_seq` are the list section's."""

    def __init__(self, ctx, runner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self._generation = 0  # only the newest load may fill the table
        self._select_after_load: int | None = None
        self.head = ""
        self._build_filters()
        self._build_tables()
        self._build_footer()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self.footer)
        self._reload_timer = QTimer(self, singleShot=True, interval=250)
        self._reload_timer.timeout.connect(self.refresh)
        self.refresh()

    # ---------------------------------------------------------------------------- layout
    def _build_filters(self) -> None:
        self.record_type = QComboBox()
        self.record_type.setObjectName("recordTypeFilter")
        self.record_type.addItem("All records", None)
        self.record_id = QLineEdit(placeholderText="any")
        self.record_id.setObjectName("recordIdFilter")
        self.record_id.setMaximumWidth(90)
        self.actor = QComboBox()
        self.actor.setObjectName("actorFilter")
        self.actor.addItem("Anyone", None)
        self.date_from = OptionalDateEdit("From")
        self.date_to = OptionalDateEdit("To")
        clear = QPushButton("Clear filters")
        clear.clicked.connect(self.clear_filters)
        self.filter_bar = QHBoxLayout()
        for label, widget in (("Record", self.record_type), ("Id", self.record_id),
                              ("Who", self.actor)):
            self.filter_bar.addWidget(QLabel(label))
            self.filter_bar.addWidget(widget)
        self.filter_bar.addWidget(self.date_from)
        self.filter_bar.addWidget(self.date_to)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(clear)
        self.record_type.currentIndexChanged.connect(self.refresh)
        self.actor.currentIndexChanged.connect(self.refresh)
        self.record_id.textChanged.connect(lambda _text: self._reload_timer.start())
        self.date_from.changed.connect(self.refresh)
        self.date_to.changed.connect(self.refresh)

    def _build_tables(self) -> None:
        self.init_list(AuditTableModel(self), "auditTable", proxy=SourceSortProxyModel(self))
        self.table.sortByColumn(AuditTableModel.COL_SEQ, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.changes = ChangesTableModel(self)
        self.changes_table = make_table(self.changes, "changesTable")
        self.changes_table.setSortingEnabled(False)
        self.changes_table.setWordWrap(True)
        self.detail_title = QLabel("Select an event to see what it changed.")
        self.detail_title.setObjectName("eventTitle")
        self.detail_title.setWordWrap(True)
        self.detail_hash = QLabel()
        self.detail_hash.setObjectName("eventHash")
        self.detail_hash.setWordWrap(True)
        self.detail_hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QGroupBox("What the event changed")
        column = QVBoxLayout(detail)
        column.addWidget(self.detail_title)
        column.addWidget(self.changes_table, 1)
        column.addWidget(self.detail_hash)
        # The detail goes under the list, where long before/after values have room.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    def _build_footer(self) -> None:
        self.note = QLabel()
        self.note.setObjectName("trailNote")
        self.head_label = QLabel()
        self.head_label.setObjectName("chainHead")
        self.head_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the head hash: keep it to prove later that the "
                                    "history up to now was not rewritten")
        self.copy_button.clicked.connect(self.copy_head)
        self.verify_button = QPushButton("Verify chain")
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify)
        self.changes_button = QPushButton("What changed since…")
        self.changes_button.setObjectName("changesButton")
        self.changes_button.setToolTip("Every change after the head printed on an issued pack, "
                                       "or a head you were given, for the audit committee")
        self.changes_button.clicked.connect(self.show_changes)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("verifyResult")
        self.verify_result.setWordWrap(True)
        self.footer = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.head_label)
        row.addWidget(self.copy_button)
        row.addWidget(self.verify_button)
        row.addWidget(self.changes_button)
        self.footer.addLayout(row)
        self.footer.addWidget(self.verify_result)

    # ---------------------------------------------------------------------------- filters
    def filters(self) -> dict:
        return {"record_type": self.record_type.currentData(),
                "record_id": self.record_id.text().strip() or None,
                "actor": self.actor.currentData(),
                "date_from": self.date_from.date(), "date_to": self.date_to.date()}

    def show_filtered(self, *, record_type=None, record_id=None, actor=None, **_ignored) -> None:
        for combo, value in ((self.record_type, record_type), (self.actor, actor)):
            combo.blockSignals(True)
            if value is not None and combo.findData(value) < 0:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.record_id.blockSignals(True)
        self.record_id.setText("" if record_id is None else str(record_id))
        self.record_id.blockSignals(False)
        self.refresh()

    def clear_filters(self) -> None:
        for widget in (self.date_from, self.date_to):
            widget.blockSignals(True)
            widget.set_date(None)
            widget.blockSignals(False)
        self.show_filtered()

    # ---------------------------------------------------------------------------- loading
    def refresh(self) -> None:
        """Load the newest events that match the filters, off the GUI thread."""
        self._generation += 1
        generation, filters, ctx = self._generation, self.filters(), self.ctx
        self.note.setText("Loading…")

        def load(report, cancelled) -> LoadedTrail:
            return LoadedTrail(generation, ctx.run(audit.get_trail_page, limit=LIMIT, **filters))

        # Bound methods, not lambdas: Qt drops the call if this view has gone meanwhile.
        self.runner.run(load, on_done=self._on_loaded, on_error=self._on_load_failed)

    def _on_load_failed(self, exc) -> None:
        self.note.clear()
        show_error(self, exc)

    def _on_loaded(self, loaded: LoadedTrail) -> None:
        if loaded.generation != self._generation:
            return  # the filters changed while this was loading
        page = loaded.page
        self._fill_combo(self.record_type, "All records", page.record_types)
        self._fill_combo(self.actor, "Anyone", page.actors)
        selected = self.selected_row()
        self.model.set_rows(page.events)  # newest first, as the service lists them
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != \
                (AuditTableModel.COL_SEQ, Qt.SortOrder.DescendingOrder):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        fit_columns(self.table, AuditTableModel.COL_FIELDS)
        seq = self._select_after_load or (selected.seq if selected else None)
        self._select_after_load = None
        if seq is not None:
            self.select_seq(seq)
        self._on_selection_changed()
        self.head = page.head
        self.head_label.setText(f"Head of the chain: {page.head[:16]}…")
        self.head_label.setToolTip(page.head)
        count = len(page.events)
        self.note.setText(
            f"Showing the newest {count} events; narrow the filters to see older ones."
            if page.truncated else f"{count} event{'s' if count != 1 else ''}.")

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, values: list) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        if current is not None and combo.findData(current) < 0:
            combo.addItem(current, current)  # keep a filter the trail has no events for
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # ----------------------------------------------------------------------------- detail
    def select_seq(self, seq: int) -> bool:
        return self.select_id(seq)

    def _on_selection_changed(self, *_args) -> None:
        event = self.selected_row()
        if event is None:
            self.detail_title.setText("Select an event to see what it changed.")
            self.detail_hash.clear()
            self.changes.set_rows([])
            return
        self.detail_title.setText(
            f"<b>Event {event.seq}</b>: {event.actor} — {event.action} {event.record_type} "
            f"{event.record_id}, {when(event.at)} UTC")
        self.changes.set_rows([FieldChange(name, *event.changes[name])
                               for name in sorted(event.changes)])
        fit_columns(self.changes_table, 2, widest=360)
        self.detail_hash.setText(f"<small>Hash {event.hash}</small>")

    # ------------------------------------------------------------------------ chain proof
    def copy_head(self) -> None:
        QGuiApplication.clipboard().setText(self.head)
        self.status_message.emit("Head hash copied.")

    def show_changes(self) -> None:
        from app.ui.audit_changes_dialog import AuditChangesDialog

        self.changes_dialog = AuditChangesDialog(self.ctx, self.runner, self)
        self.changes_dialog.open()

    def verify(self) -> None:
        """Walk the whole chain, then every record against it, off the GUI thread, and say
        whether both hold."""
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText("Checking every event in the trail…")
        ctx = self.ctx
        self.runner.run(lambda report, cancelled: ctx.run(audit.verify_everything),
                        on_done=self._on_verified, on_error=self._on_verify_failed)

    def _on_verified(self, verification) -> None:
        self.verify_button.setEnabled(True)
        report, records = verification.chain, verification.records
        if verification.ok:
            self.verify_result.setStyleSheet(OK_STYLE)
            self.verify_result.setText(
                f"✔ The trail is intact: {report.events} events, each linked to the one "
                f"before, and all {records.records} records and {records.files} stored files "
                f"match it. Head hash {report.head}")
        elif report.ok:
            self.verify_result.setStyleSheet(BROKEN_STYLE)
            shown = "; ".join(str(p) for p in records.problems[:5])
            more = len(records.problems) - 5
            self.verify_result.setText(
                f"✘ The trail is intact, but {len(records.problems)} "
                f"{'thing does' if len(records.problems) == 1 else 'things do'} not match it: "
                f"{shown}{f'; and {more} more (audit verify lists them all)' if more > 0 else ''}.")
        else:
            self.verify_result.setStyleSheet(BROKEN_STYLE)
            self.verify_result.setText(
                f"✘ The trail is broken: {report.problem}. The {report.events} events before "
                f"it verify (last good hash {report.head[:16]}…).")
            # Reload, so the list shows what is stored now, and point at the failing event.
            self._select_after_load = report.broken_seq
            self.refresh()

    def _on_verify_failed(self, exc) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.clear()
        show_error(self, exc)
