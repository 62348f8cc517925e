"""Rules for people, bodies and memberships. Pure: no database, no Qt."""

from __future__ import annotations

import datetime as dt
import re

from app.domain.errors import Problem

PERSON_KINDS = ("executive", "lay member", "clinical member", "officer", "attendee")
COMMITTEE_KINDS = ("governing body", "committee", "sub-committee", "joint committee")
MEMBERSHIP_ROLES = ("chair", "vice chair", "member", "in attendance")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def person_problems(*, name: str, email: str, kind: str) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("name", "a name is required"))
    if email.strip() and not _EMAIL.match(email.strip()):
        problems.append(Problem("email", f"'{email}' is not an email address"))
    if kind not in PERSON_KINDS:
        problems.append(Problem("kind", f"'{kind}' is not one of: {', '.join(PERSON_KINDS)}"))
    return problems


def committee_problems(*, name: str, kind: str, quorum_count: int,
                       quorum_kinds: list[str]) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("name", "a name is required"))
    if kind not in COMMITTEE_KINDS:
        problems.append(Problem("kind", f"'{kind}' is not one of: {', '.join(COMMITTEE_KINDS)}"))
    if quorum_count < 0:
        problems.append(Problem("quorum_count", "the quorum cannot be negative"))
    for k in quorum_kinds:
        if k not in PERSON_KINDS:
            problems.append(Problem("quorum_kinds", f"'{k}' is not a kind of member"))
    return problems


def membership_problems(*, role: str, voting: bool, from_date: dt.date | None,
                        to_date: dt.date | None) -> list[Problem]:
    problems = []
    if role not in MEMBERSHIP_ROLES:
        problems.append(Problem("role", f"'{role}' is not one of: {', '.join(MEMBERSHIP_ROLES)}"))
    if role == "in attendance" and voting:
        problems.append(Problem("voting", "people in attendance do not vote"))
    if from_date is None:
        problems.append(Problem("from_date", "a start date is required"))
    elif to_date is not None and to_date < from_date:
        problems.append(Problem("to_date", "the end date is before the start date"))
    return problems


def is_current(from_date: dt.date, to_date: dt.date | None, on: dt.date) -> bool:
    return from_date <= on and (to_date is None or on <= to_date)


def split_kinds(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]
