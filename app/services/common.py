"""Small helpers every service uses: fetching a record, checking the version it was read at."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from app.domain.errors import STALE_EDIT, Conflict, NotFound, Problem, ValidationError

T = TypeVar("T")


def get_or_fail(session: Session, model: type[T], record_id: int, what: str) -> T:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFound(f"There is no {what} with id {record_id}.")
    return obj


def check_version(obj, expected_version: int | None, what: str) -> None:
    """Refuse an edit made from a copy older than what is stored."""
    if expected_version is not None and obj.version != expected_version:
        raise Conflict(STALE_EDIT.format(what=what))


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
