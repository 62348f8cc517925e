"""The action log: actions raised at meetings, their updates, and what each meeting carries.

An action stays on its body's log, coming back to each later meeting as a matter arising,
until it is closed. Overdue is worked out on the day (open or in progress after the due date).

Read models:
  ``ActionRow``: id, description, owner_id, owner, due_on, status, closed_on, overdue,
  meeting_id, meeting_title, meeting_date (raised at), committee_id, committee,
  agenda_item_id, item_number, latest_update (text or ""), updates, version.
  ``ActionUpdateRow``: id, action_id, on, text, meeting_id, version.

Use cases:
  list_actions(owner_id=None, committee_id=None, overdue=False, status=None, open_only=False,
               meeting_id=None, today=None) -> list[ActionRow]   (by due date)
  get_action(action_id, today=None) -> ActionRow
  create_action(meeting_id, description, owner_id=None, due_on=None, agenda_item_id=None)
      -> ActionRow
  update_action(action_id, expected_version, description, owner_id, due_on, status,
                closed_on=None) -> ActionRow
  close_action(action_id, expected_version, on=None, note="") -> ActionRow
  delete_action(action_id, expected_version) -> None   (only one with no updates)
  add_action_update(action_id, text, on=None, meeting_id=None) -> ActionUpdateRow
  list_action_updates(action_id) -> list[ActionUpdateRow]
  carried_forward(meeting_id, today=None) -> list[ActionRow]
      (the body's actions from earlier meetings still open going into this one: its
      matters arising and action log; overdue is judged on the meeting's day unless ``today``
      is given)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import actions as rules
from app.domain.errors import Conflict, ValidationError
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.agenda import Layouts, layouts_for
from app.services.meetings.sealing import check_not_sealed, correction_text
from app.store.actions import ActionItem, ActionUpdate
from app.store.meetings import AgendaItem, Meeting
from app.store.people import Person


@dataclass(frozen=True)
class ActionRow:
    id: int
    description: str
    owner_id: int | None
    owner: str
    due_on: dt.date | None
    status: str
    closed_on: dt.date | None
    overdue: bool
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    committee_id: int
    committee: str
    agenda_item_id: int | None
    item_number: str
    latest_update: str
    updates: int
    version: int
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


@dataclass(frozen=True)
class ActionUpdateRow:
    id: int
    action_id: int
    on: dt.date
    text: str
    meeting_id: int | None
    version: int


class _Numbers:
    """Item numbers per meeting, each meeting's layout worked out once per request."""

    def __init__(self, session: Session, layouts: Layouts | None = None):
        self.layouts = layouts_for(session, layouts)

    def of(self, a: ActionItem) -> str:
        if a.agenda_item_id is None:
            return ""
        return self.layouts.of(a.meeting).numbers.get(a.agenda_item_id, "")


def _row(a: ActionItem, numbers: _Numbers, today: dt.date) -> ActionRow:
    m = a.meeting
    return ActionRow(
        a.id, a.description, a.owner_id, a.owner.name if a.owner else "", a.due_on, a.status,
        a.closed_on, rules.is_overdue(a.due_on, a.status, today), m.id, m.title,
        m.meeting_date, m.committee_id, m.committee.name, a.agenda_item_id, numbers.of(a),
        a.updates[-1].text if a.updates else "", len(a.updates), a.version, correction_text(a))


def _update_row(u: ActionUpdate) -> ActionUpdateRow:
    return ActionUpdateRow(u.id, u.action_id, u.on, u.text, u.meeting_id, u.version)


def list_actions(session: Session, *, owner_id: int | None = None,
                 committee_id: int | None = None, overdue: bool = False,
                 status: str | None = None, open_only: bool = False,
                 meeting_id: int | None = None, today: dt.date | None = None,
                 layouts: Layouts | None = None) -> list[ActionRow]:
    today = today or dt.date.today()
    query = select(ActionItem).join(ActionItem.meeting)
    if owner_id is not None:
        query = query.where(ActionItem.owner_id == owner_id)
    if committee_id is not None:
        query = query.where(Meeting.committee_id == committee_id)
    if meeting_id is not None:
        query = query.where(ActionItem.meeting_id == meeting_id)
    if status is not None:
        query = query.where(ActionItem.status == status)
    if open_only or overdue:
        query = query.where(ActionItem.status != "closed")
    numbers = _Numbers(session, layouts)
    rows = [_row(a, numbers, today) for a in session.scalars(query.order_by(ActionItem.id))]
    if overdue:
        rows = [r for r in rows if r.overdue]
    return sorted(rows, key=lambda r: (r.due_on or dt.date.max, r.id))


def get_action(session: Session, *, action_id: int, today: dt.date | None = None) -> ActionRow:
    action = get_or_fail(session, ActionItem, action_id, "action")
    return _row(action, _Numbers(session), today or dt.date.today())


def _check_links(session: Session, meeting: Meeting, owner_id: int | None,
                 agenda_item_id: int | None) -> None:
    if owner_id is not None:
        get_or_fail(session, Person, owner_id, "person")
    if agenda_item_id is not None:
        item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
        if item.meeting_id != meeting.id:
            raise ValidationError("that item is on another meeting's agenda",
                                  field="agenda_item_id")


def create_action(session: Session, *, meeting_id: int, description: str,
                  owner_id: int | None = None, due_on: dt.date | None = None,
                  agenda_item_id: int | None = None) -> ActionRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    check_not_sealed(session, meeting, "the actions raised at it")
    raise_if(rules.action_problems(description=description, status="open", due_on=due_on,
                                   raised_on=meeting.meeting_date, closed_on=None))
    _check_links(session, meeting, owner_id, agenda_item_id)
    action = ActionItem(meeting_id=meeting_id, description=description.strip(),
                        owner_id=owner_id, due_on=due_on, status="open",
                        agenda_item_id=agenda_item_id)
    session.add(action)
    session.flush()
    return get_action(session, action_id=action.id)


def update_action(session: Session, *, action_id: int, expected_version: int | None,
                  description: str, owner_id: int | None, due_on: dt.date | None, status: str,
                  closed_on: dt.date | None = None) -> ActionRow:
    action = get_or_fail(session, ActionItem, action_id, "action")
    if (description.strip(), owner_id) != (action.description, action.owner_id):
        check_not_sealed(session, action.meeting, "what its actions say and who owns them")
    check_version(action, expected_version, "This action")
    raise_if(rules.action_problems(description=description, status=status, due_on=due_on,
                                   raised_on=action.meeting.meeting_date, closed_on=closed_on))
    _check_links(session, action.meeting, owner_id, None)
    action.description, action.owner_id, action.due_on = description.strip(), owner_id, due_on
    action.status, action.closed_on = status, closed_on
    session.flush()
    return get_action(session, action_id=action_id)


def close_action(session: Session, *, action_id: int, expected_version: int | None,
                 on: dt.date | None = None, note: str = "") -> ActionRow:
    action = get_or_fail(session, ActionItem, action_id, "action")
    row = update_action(session, action_id=action_id, expected_version=expected_version,
                        description=action.description, owner_id=action.owner_id,
                        due_on=action.due_on, status="closed", closed_on=on or dt.date.today())
    if note.strip():
        add_action_update(session, action_id=action_id, text=note, on=row.closed_on)
        row = get_action(session, action_id=action_id)
    return row


def delete_action(session: Session, *, action_id: int, expected_version: int | None) -> None:
    """Only for an action entered in error: one with reported progress is closed instead."""
    action = get_or_fail(session, ActionItem, action_id, "action")
    check_not_sealed(session, action.meeting, "the actions raised at it")
    check_version(action, expected_version, "This action")
    if action.updates:
        raise Conflict("Progress has been reported on this action: close it rather than "
                       "delete it, so the log still makes sense.")
    session.delete(action)
    session.flush()


def add_action_update(session: Session, *, action_id: int, text: str, on: dt.date | None = None,
                      meeting_id: int | None = None) -> ActionUpdateRow:
    action = get_or_fail(session, ActionItem, action_id, "action")
    if not text.strip():
        raise ValidationError("say what has happened", field="text")
    if meeting_id is not None:
        get_or_fail(session, Meeting, meeting_id, "meeting")
    update = ActionUpdate(action=action, on=on or dt.date.today(), text=text.strip(),
                          meeting_id=meeting_id)
    session.add(update)
    session.flush()
    return _update_row(update)


def list_action_updates(session: Session, *, action_id: int) -> list[ActionUpdateRow]:
    action = get_or_fail(session, ActionItem, action_id, "action")
    return [_update_row(u) for u in action.updates]


def carried_forward(session: Session, *, meeting_id: int, today: dt.date | None = None,
                    layouts: Layouts | None = None) -> list[ActionRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    earlier = session.scalars(select(ActionItem).join(ActionItem.meeting).where(
        Meeting.committee_id == meeting.committee_id,
        Meeting.meeting_date < meeting.meeting_date))
    numbers = _Numbers(session, layouts)
    today = today or meeting.meeting_date
    rows = [_row(a, numbers, today) for a in earlier
            if rules.is_carried_to(a.meeting.meeting_date, a.closed_on, meeting.meeting_date)]
    return sorted(rows, key=lambda r: (r.meeting_date, r.id))
