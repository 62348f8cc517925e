"""Meeting rules: the status a meeting moves through, attendance, late papers. Pure.

A meeting is planned, its agenda is issued (papers go out), it is held, and its minutes are
approved at a later meeting. An issued agenda may be withdrawn to planned again to be reissued;
no other step may be skipped or undone, because each one is something the record relies on.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.domain.errors import Problem

LOCAL_ZONE = ZoneInfo("Europe/London")

MEETING_STATUSES = ("planned", "agenda issued", "held", "minutes approved")
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "planned": ("agenda issued",),
    "agenda issued": ("held", "planned"),
    "held": ("minutes approved",),
    "minutes approved": (),
}

ATTENDANCE_STATUSES = ("present", "apologies", "absent", "in attendance")
PRESENT_STATUSES = frozenset({"present", "in attendance"})

# Papers are due with the agenda, typically a week before the meeting.
PAPERS_DUE_DAYS = 7


def local(moment: dt.datetime) -> dt.datetime:
    """A moment as a clock in the meeting room reads it. A naive time is taken as local."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LOCAL_ZONE)
    return moment.astimezone(LOCAL_ZONE)


def status_change_problems(current: str, new: str, *, has_part2: bool = False,
                           part2_reason: str = "") -> list[Problem]:
    if new not in MEETING_STATUSES:
        return [Problem("status", f"'{new}' is not one of: {', '.join(MEETING_STATUSES)}")]
    if new not in NEXT_STATUSES.get(current, ()):
        allowed = " or ".join(NEXT_STATUSES.get(current, ())) or "nothing further"
        return [Problem("status", f"a meeting whose status is '{current}' can move to "
                                  f"{allowed}, not to '{new}'")]
    if new == "agenda issued" and has_part2 and not part2_reason.strip():
        return [Problem("part2_reason", "the agenda has Part 2 items: state the reason for "
                                        "excluding the public before issuing it")]
    return []


def meeting_problems(*, title: str, starts_at: dt.datetime | None,
                     ends_at: dt.datetime | None) -> list[Problem]:
    problems = []
    if not title.strip():
        problems.append(Problem("title", "a meeting needs a title"))
    if starts_at is None:
        problems.append(Problem("starts_at", "a meeting needs a date and start time"))
    elif ends_at is not None and local(ends_at) <= local(starts_at):
        problems.append(Problem("ends_at", "the meeting ends before it starts"))
    return problems


def papers_deadline(meeting_date: dt.date, papers_due_on: dt.date | None = None) -> dt.date:
    return papers_due_on or meeting_date - dt.timedelta(days=PAPERS_DUE_DAYS)


def is_late(received_on: dt.date | None, deadline: dt.date) -> bool:
    """A paper received after the deadline is late; one not yet received is not (yet) late."""
    return received_on is not None and received_on > deadline


def is_present_for(position: int, arrived_at: int | None, left_after: int | None) -> bool:
    """Whether someone was in the room for the item at ``position`` in agenda order, given the
    positions of the item they arrived at and the item after which they left (None: all)."""
    return (arrived_at is None or arrived_at <= position) and (
        left_after is None or position <= left_after)
