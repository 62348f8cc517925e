"""The action log: what was agreed, who does it, by when. Pure.

An action is raised at a meeting and carried on that body's log, meeting after meeting (under
"matters arising and action log"), until it is closed. It is overdue when it is still open after
its due date.
"""

from __future__ import annotations

import datetime as dt

from app.domain.errors import Problem

ACTION_STATUSES = ("open", "in progress", "closed")


def is_overdue(due_on: dt.date | None, status: str, today: dt.date) -> bool:
    return status != "closed" and due_on is not None and due_on < today


def is_carried_to(raised_on: dt.date, closed_on: dt.date | None, meeting_date: dt.date) -> bool:
    """Whether an action is on the log of a later meeting held on ``meeting_date``.

    It was raised before that meeting and was still open going into it; an action closed on
    the day is still reported at that meeting, as closed.
    """
    return raised_on < meeting_date and (closed_on is None or closed_on >= meeting_date)


def action_problems(*, description: str, status: str, due_on: dt.date | None,
                    raised_on: dt.date | None, closed_on: dt.date | None) -> list[Problem]:
    problems = []
    if not description.strip():
        problems.append(Problem("description", "say what is to be done"))
    if status not in ACTION_STATUSES:
        problems.append(Problem("status", f"'{status}' is not one of: "
                                          f"{', '.join(ACTION_STATUSES)}"))
    if due_on and raised_on and due_on < raised_on:
        problems.append(Problem("due_on", "the action is due before the meeting that raised it"))
    if status == "closed" and closed_on is None:
        problems.append(Problem("closed_on", "a closed action needs the date it was closed"))
    if status != "closed" and closed_on is not None:
        problems.append(Problem("closed_on", "only a closed action has a closing date"))
    if closed_on and raised_on and closed_on < raised_on:
        problems.append(Problem("closed_on", "the action is closed before it was raised"))
    return problems
