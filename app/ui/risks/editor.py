"""The risk editor: one risk's fields, its three scores on clickable matrices, and its
controls, assurances, gaps, actions, score history and objectives.

Save sends everything that changed in one transaction: new scores first (each with the
rationale, which the service requires), then the fields. A refusal shows beside the field it
concerns and nothing is saved. The editor stays open after saving, so the person can go on to
the controls and actions; Undo takes a save back with further audited changes (a score is
rescored back, "Undo of: …"), and a raised risk is taken back by closing it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from app.domain.errors import ValidationError
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings
from app.ui.common.errors import show_error
from app.ui.risks.changes import (
    UNDO_REASON,
    RiskEdit,
    RiskUndoStack,
    close,
    reopen,
    reverse_edit,
    save_edit,
)
from app.ui.risks.dialogs import RiskFieldErrors
from app.ui.risks.form import RiskFieldsPage, RiskScoresPage
from app.ui.risks.tabs import RiskDetailTabs

FIELDS_TAB, SCORES_TAB = 0, 1
PROBLEM_COLOUR = QColor("#b00020")


def risk_heading(row) -> str:
    if row is None:
        return "<b>A new risk</b> — its reference is given when it is saved."
    flags = [f"{row.current_band} ({row.current_score})", row.status]
    if row.on_corporate_register:
        flags.append("<b>on the corporate risk register</b>")
    if row.above_appetite:
        flags.append(f"above appetite (tolerance {row.tolerance})")
    return f"<b>{row.reference}</b> {_html(row.title)} — {', '.join(flags)}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RiskEditorDialog(QDialog):
    risk_saved = Signal(object)  # the risk as saved (raised, edited, rescored, undone)

    def __init__(self, ctx, row=None, *, undo_stack: RiskUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.row, self.detail = ctx, row, None
        self.setObjectName("riskEditor")
        self.undo_stack = undo_stack if undo_stack is not None else RiskUndoStack(self)
        self.undo_stack.changed.connect(self._on_undo_step)
        if undo_stack is None:  # the register shows refusals when it owns the stack
            self.undo_stack.failed.connect(self._on_undo_failed)
        self.scheme = ctx.run(risk_settings.get_band_scheme)
        self.errors = RiskFieldErrors()
        self.heading = QLabel()
        self.heading.setObjectName("riskHeading")
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.fields = RiskFieldsPage(ctx, self.errors)
        self.scores = RiskScoresPage(self.errors, self.scheme)
        self.tabs.addTab(self.fields, "Risk")
        self.tabs.addTab(self.scores, "Scores")
        self.details = RiskDetailTabs(ctx, self.tabs)
        self.details.changed.connect(self._on_details_changed)
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.button_row)
        self.resize(1180, 720)
        self.load(row)

    def _build_buttons(self) -> None:
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        self._on_undo_text_changed()
        # Bound methods, not lambdas: the register's stack outlives this dialog, and Qt drops
        # a connection to a method of an object that has gone.
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_text_changed)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.button_row = QHBoxLayout()
        for widget in (self.undo_button, self.redo_button):
            self.button_row.addWidget(widget)
        self.button_row.addWidget(self.status, 1)
        self.button_row.addWidget(self.save_button)
        self.button_row.addWidget(self.close_button)

    def _on_undo_text_changed(self, *_args) -> None:
        self.undo_button.setToolTip(f"Undo {self.undo_stack.undoText()}".strip())
        self.redo_button.setToolTip(f"Redo {self.undo_stack.redoText()}".strip())

    # ----------------------------------------------------------------------------- loading
    def load(self, row) -> None:
        """Show ``row`` (None: a new risk) with its details."""
        self.row = row
        self.errors.clear()
        for index in (FIELDS_TAB, SCORES_TAB):
            self.tabs.tabBar().setTabTextColor(index, QColor())
        if row is not None:
            self.detail = self.ctx.run(risks_detail.get_risk_detail, risk_id=row.id)
            self.row = self.detail.risk
            self.fields.load(self.ctx, self.row)
            self.details.show_detail(self.detail, self.scheme,
                                     self.ctx.run(risk_settings.list_objectives))
        self.scores.load(self.row)
        self._show_state()

    def _show_state(self) -> None:
        row = self.row
        self.setWindowTitle(f"{row.reference} {row.title}" if row else "Raise a risk")
        self.heading.setText(risk_heading(row))
        self.save_button.setText("Raise risk" if row is None else "Save")
        closed = row is not None and row.status != "open"
        self.save_button.setEnabled(not closed)
        self.save_button.setToolTip("Reopen the risk in the register to change it" if closed
                                    else "")
        counts = self.details.counts(self.detail) if row is not None else {}
        for index in range(2, self.tabs.count()):
            page = self.tabs.widget(index)
            title = next(t for t, p in self.details.pages.items() if p is page)
            self.tabs.setTabEnabled(index, row is not None)
            self.tabs.setTabText(index, f"{title} ({counts[title]})" if counts else title)

    def reload(self) -> None:
        if self.row is not None:
            self.load(self.ctx.run(risk_register.get_risk_row, risk_id=self.row.id))

    def _on_undo_failed(self, exc) -> None:
        show_error(self, exc)

    def _on_undo_step(self) -> None:
        if not self.isVisible():
            return  # closed; the register's stack lives on, and the register reloads itself
        self.reload()
        if self.row is not None:
            self.risk_saved.emit(self.row)

    def _on_details_changed(self) -> None:
        self.reload()
        self.risk_saved.emit(self.row)

    # ------------------------------------------------------------------------------ saving
    def pending_edit(self) -> RiskEdit:
        """What Save would change on an existing risk."""
        values = self.fields.values()
        values["consequence_domain"] = self.scores.domain.currentData()
        changed = {name: value for name, value in values.items()
                   if value != getattr(self.row, name)}
        return RiskEdit(changed, self.scores.changed_scores(),
                        self.scores.rationale.toPlainText(), values["target_date"])

    def save(self) -> bool:
        """Raise or save; False (and the problems shown) when nothing was saved."""
        self.errors.clear()
        self.status.clear()
        try:
            after = self._create() if self.row is None else self._save_changes()
        except ValidationError as exc:
            self._show_problems(exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        if after is None:
            self.status.setText("Nothing has changed.")
            return True
        self.load(after)
        self.status.setText(f"Saved {after.reference}.")
        self.risk_saved.emit(after)
        return True

    def _create(self):
        values = self.fields.values()
        values["reference"] = values["reference"].strip() or None
        cells = {kind: self.scores.value(kind) or (None, None) for kind in self.scores.panels}
        after = self.ctx.run(
            risks.create_risk, **values, consequence_domain=self.scores.domain.currentData(),
            **{f"{kind}_{axis}": cells[kind][i] for kind in cells
               for i, axis in enumerate(("likelihood", "consequence"))},
            rationale=self.scores.rationale.toPlainText(), source=self.scores.source.text())
        self.undo_stack.push_change(f"Raise {after.reference}", after,
                                    undo=lambda cur: close(self.ctx, cur, UNDO_REASON),
                                    redo=lambda cur: reopen(self.ctx, cur))
        return after

    def _save_changes(self):
        edit = self.pending_edit()
        if not edit:
            return None
        before, source = self.row, self.scores.source.text()
        after = save_edit(self.ctx, before, edit, source=source)
        reverse = reverse_edit(before, edit)
        self.undo_stack.push_change(edit.describe(after.reference), after,
                                    undo=lambda cur: save_edit(self.ctx, cur, reverse,
                                                               source="undo"),
                                    redo=lambda cur: save_edit(self.ctx, cur, edit,
                                                               source=source))
        return after

    def _show_problems(self, exc: ValidationError) -> None:
        """Problems beside their fields, on the tab that holds the first of them; a tab with
        a problem on it has its name in red, so none goes unseen."""
        self.errors.show(exc)
        with_problems = []
        for problem in exc.problems:
            label = self.errors.label(problem.field)
            with_problems += [i for i in (FIELDS_TAB, SCORES_TAB)
                              if self.tabs.widget(i).isAncestorOf(label)]
        for index in (FIELDS_TAB, SCORES_TAB):
            self.tabs.tabBar().setTabTextColor(
                index, PROBLEM_COLOUR if index in with_problems else QColor())
        if with_problems:
            self.tabs.setCurrentIndex(with_problems[0])
