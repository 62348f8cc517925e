"""The typed errors every layer raises and every front end knows how to show.

Services raise these; the GUI shows them in a dialog and the CLI prints them and exits
non-zero. No other exception is meant to reach a user.
"""

from __future__ import annotations

from dataclasses import dataclass


class BoardbookError(Exception):
    """Base of every error a user may be shown."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is and why."""

    field: str
    reason: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}{self.field}: {self.reason}"


class ValidationError(BoardbookError):
    """Input that breaks a rule. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | str, field: str = "", row: int | None = None):
        if isinstance(problems, str):
            problems = [Problem(field=field, reason=problems, row=row)]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def for_field(self, field: str) -> list[str]:
        return [p.reason for p in self.problems if p.field == field]


class NotFound(BoardbookError):
    """The record asked for does not exist."""


class Conflict(BoardbookError):
    """The record changed under us, or the change clashes with what is stored."""


class PermissionDenied(BoardbookError):
    """The signed-in person may not do this."""


class DatabaseRefused(BoardbookError):
    """A file or server that Boardbook will not open: foreign, newer, or damaged."""


class PasswordNeeded(DatabaseRefused):
    """The server asks for a password that was not given, or did not accept the one given."""


STALE_EDIT = (
    "{what} was changed by someone else since you opened it. "
    "Nothing was saved: reopen it to see their change, then make yours again."
)
