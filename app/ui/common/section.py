"""What the main window expects of a section, and the small base every section derives from.

A section is a QWidget built as ``cls(ctx, runner, parent)``. The main window reloads it with
``refresh()``, opens it on a subset with ``show_filtered(**filters)``, follows its
``navigate_requested(key, filters)`` to open another section, shows its ``status_message``
in the status bar, and makes its ``undo_stack`` (None when it has none) the active one in the
Edit menu. :class:`SectionWidget` gives each of these a default, so the window asks no
questions of a section before using it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget


@runtime_checkable
class Section(Protocol):
    navigate_requested: SignalInstance  # (section key, filters)
    status_message: SignalInstance  # (text)
    undo_stack: QUndoStack | None

    def refresh(self) -> None: ...

    def show_filtered(self, **filters) -> None: ...


class SectionWidget(QWidget):
    """Defaults for :class:`Section`: no undo stack, nothing to reload, no filters."""

    navigate_requested = Signal(str, dict)
    status_message = Signal(str)
    undo_stack: QUndoStack | None = None

    def refresh(self) -> None:
        """Read again what the section shows."""

    def show_filtered(self, **filters) -> None:
        """Show the subset ``filters`` name; a section without filters ignores them."""
