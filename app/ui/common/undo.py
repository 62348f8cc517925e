"""Undo for saved changes.

A change is saved (and audited) the moment the user makes it, so undoing it is not a rollback:
it is another ordinary, audited change through the same services — an edit is undone by saving
the previous values, an addition by retiring or ending the record, a retirement by reinstating.

Each command remembers the record as its last step left it, and sends that version with the
next step. If someone else has changed the record in between, the service refuses with the usual
"changed by someone else" message; the step is then dropped from the stack rather than
overwriting their work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

Step = Callable[[Any], Any]  # takes the record as last saved, returns it as newly saved


class SavedChange(QUndoCommand):
    """A change that has already been saved; undo and redo call services again."""

    def __init__(self, text: str, row: Any, *, undo: Step, redo: Step,
                 on_changed: Callable[[], None], on_error: Callable[[BaseException], None],
                 on_saved: Callable[[Any], None] | None = None):
        """``on_saved(row)``, when given, is told of a step that saved (a list then updates
        that one row); ``on_changed()`` follows every step, and alone a refused one."""
        super().__init__(text)
        self.row = row
        self._undo, self._redo = undo, redo
        self._on_changed, self._on_error, self._on_saved = on_changed, on_error, on_saved
        self._saved = True  # QUndoStack.push calls redo(); the change is already in the database

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self._step(self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def _step(self, step: Step) -> None:
        try:
            self.row = step(self.row)
        except Exception as exc:
            # The stack deletes an obsolete command, so a refused step cannot be retried on
            # top of someone else's change.
            self.setObsolete(True)
            self._on_error(exc)
            self._on_changed()
            return
        if self._on_saved is not None:
            self._on_saved(self.row)
        else:
            self._on_changed()


class LatestRows:
    """The newest copy of each record that a stack's steps have saved.

    Each step must start from the record as the stack last saved it, not as its own command
    first saw it: two edits of one record undone in turn would otherwise send a version the
    first undo has already moved on. A change by someone else still fails the version check.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple, Any] = {}

    @staticmethod
    def _key(row: Any) -> tuple:
        return type(row).__name__, getattr(row, "id", id(row))

    def remember(self, row: Any) -> Any:
        self._rows[self._key(row)] = row
        return row

    def latest(self, row: Any) -> Any:
        known = self._rows.get(self._key(row))
        newer = known is not None and getattr(known, "version", 0) >= getattr(row, "version", 0)
        return known if newer else row

    def tracked(self, step: Step) -> Step:
        """The step, started from the newest copy and remembering what it saves."""
        def run(row: Any) -> Any:
            return self.remember(step(self.latest(row)))
        return run
