"""The changes the risk screens make, each as one transaction through the services, written so
undo can run them again: every function takes the risk as last saved (its version guards
against someone else's change in between) and returns the risk as newly saved.

A score is never rolled back: undoing a rescoring records another scoring back to the old
values, with "Undo of: …" as its rationale, so the score history stays true to what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack

from app.services.risks import editing, risks
from app.services.risks.register import RiskRow
from app.ui.common.undo import SavedChange, Step
from app.ui.risks.register_model import cell_of

UNDO_REASON = "Raised by mistake; taken back with Undo"


@dataclass(frozen=True)
class RiskEdit:
    """What one press of Save changes: fields (as ``update_risk`` names them) and scores."""

    fields: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)  # kind -> (likelihood, consequence)
    rationale: str = ""
    target_date: object = None  # sent with a target score, which needs a date

    def __bool__(self) -> bool:
        return bool(self.fields or self.scores)

    def describe(self, reference: str) -> str:
        parts = [*(f"{kind} score" for kind in self.scores)]
        if self.fields:
            parts.append("details")
        return f"Change {reference} {' and '.join(parts)}"


def reverse_edit(before: RiskRow, edit: RiskEdit) -> RiskEdit:
    """The edit that puts back what ``edit`` changed. A score the risk did not have (a new
    target) cannot be taken away again, so it stays."""
    fields = {name: getattr(before, name) for name in edit.fields}
    scores = {kind: cell_of(before, kind) for kind in edit.scores
              if cell_of(before, kind) is not None}
    return RiskEdit(fields, scores, f"Undo of: {edit.rationale}".strip(), before.target_date)


def save_edit(ctx, current: RiskRow, edit: RiskEdit, *, source: str = "review") -> RiskRow:
    return ctx.run(editing.edit_risk, risk_id=current.id, expected_version=current.version,
                   fields=edit.fields, scores=edit.scores, rationale=edit.rationale,
                   target_date=edit.target_date, source=source)


def undo_source(source: str) -> str:
    return f"undo ({source})" if source else "undo"


def rescore(ctx, current: RiskRow, kind: str, cell: tuple[int, int], rationale: str,
            source: str = "review") -> RiskRow:
    return ctx.run(risks.rescore_risk, risk_id=current.id, expected_version=current.version,
                   kind=kind, likelihood=cell[0], consequence=cell[1], rationale=rationale,
                   source=source)


def close(ctx, current: RiskRow, reason: str) -> RiskRow:
    return ctx.run(risks.close_risk, risk_id=current.id, expected_version=current.version,
                   reason=reason)


def reopen(ctx, current: RiskRow) -> RiskRow:
    return ctx.run(risks.reopen_risk, risk_id=current.id, expected_version=current.version)


def mark_reviewed(ctx, current: RiskRow) -> RiskRow:
    return ctx.run(risks.mark_review_done, risk_id=current.id,
                   expected_version=current.version)


class RiskUndoStack(QUndoStack):
    """The undo stack of the risk screens (the register and the risk editor share it).

    Undo and redo steps save through the services like any change. Each step starts from the
    risk as this stack last saved it, not as the command first saw it: two edits of one risk
    undone in turn would otherwise send a version the first undo has already moved on. A
    change by someone else in between still fails the version check, and the step is dropped.
    """

    changed = Signal()  # an undo or redo step saved (or was refused); reload what is shown
    failed = Signal(object)  # the error that refused a step
    row_saved = Signal(object)  # the risk as an undo or redo step saved it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._latest: dict[int, RiskRow] = {}

    def remember(self, row: RiskRow) -> None:
        """Note a risk as this user just saved it."""
        self._latest[row.id] = row

    def latest(self, row: RiskRow) -> RiskRow:
        return self._latest.get(row.id, row)

    def push_change(self, text: str, row: RiskRow, *, undo: Step, redo: Step) -> None:
        self.remember(row)
        self.push(SavedChange(text, row, undo=self._tracked(undo), redo=self._tracked(redo),
                              on_changed=self.changed.emit, on_error=self.failed.emit,
                              on_saved=self._saved))

    def _saved(self, row: RiskRow) -> None:
        self.row_saved.emit(row)
        self.changed.emit()

    def _tracked(self, step: Step) -> Step:
        def run(row: RiskRow) -> RiskRow:
            after = step(self.latest(row))
            self.remember(after)
            return after
        return run
