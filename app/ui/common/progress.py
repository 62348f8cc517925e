"""Long work with a progress dialog and a Cancel button.

The work runs off the GUI thread through the task runner; it reports ``(done, total, label)``
and stops at its next report after the user presses Cancel (the runner raises ``Cancelled``
inside it, so a transaction in progress rolls back).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from app.ui.common.errors import show_error


def run_with_progress(parent, runner, fn, *, title: str, label: str, on_done,
                      on_failed=None, on_cancelled=None, write: bool = False):
    """Run ``fn(report, cancelled)`` with a window-modal progress dialog; returns the task."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # a quick job finishes before the dialog would flash up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.setValue(0)

    def close() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if text:
            dialog.setLabelText(text)

    def done(result) -> None:
        close()
        on_done(result)

    def failed(exc) -> None:
        close()
        if on_failed:
            on_failed(exc)
        show_error(parent, exc)

    def cancelled() -> None:
        close()
        if on_cancelled:
            on_cancelled()

    # Connected before the start: the task may finish (and the dialog go) before start returns.
    started = []
    dialog.canceled.connect(lambda: started and started[0].cancel())
    start = runner.run_write if write else runner.run
    started.append(start(fn, on_done=done, on_error=failed, on_progress=progress,
                         on_cancelled=cancelled))
    return started[0]
