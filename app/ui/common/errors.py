"""Showing errors: typed errors as a clear dialog, anything else without a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import (
    BoardbookError,
    Conflict,
    DatabaseRefused,
    NotFound,
    PermissionDenied,
    ValidationError,
)

log = logging.getLogger(__name__)

TITLES = {
    ValidationError: "Please check the entry",
    Conflict: "Not saved",
    NotFound: "Not found",
    PermissionDenied: "Not allowed",
    DatabaseRefused: "Database not opened",
}


def error_text(exc: BaseException) -> tuple[str, str]:
    """Title and message for an error, as the user should read them."""
    if isinstance(exc, ValidationError):
        lines = "\n".join(f"• {p}" for p in exc.problems)
        return TITLES[ValidationError], f"Nothing was saved.\n\n{lines}"
    for kind, title in TITLES.items():
        if isinstance(exc, kind):
            return title, str(exc)
    if isinstance(exc, BoardbookError):
        return "Boardbook", str(exc)
    log.exception("unexpected error", exc_info=exc)
    return "Something went wrong", (f"Boardbook could not finish this: {exc}.\n\nNothing was "
                                    "saved. If this happens again, please report it.")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    title, message = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorDialog")
    box.open() if parent is not None and not parent.isVisible() else box.exec()
