"""Agenda use cases: items with live numbers and timings, moves, parts, standing-item templates.

Read model: ``AgendaItemRow`` — id, meeting_id, number ("6.8"), position (1.. in agenda order),
level (0 section/item, 1 sub-item), part (1 public, 2 public excluded), title, purpose,
purpose_label ("For Approval"), presenter_id, presenter, minutes_allocated, starts_at (local,
Europe/London), standing, notes, paper_id, attachment_number ("ATTACHMENT 05" or ""), version.

Use cases (keyword arguments; each returns rows in agenda order unless said):
  list_agenda(meeting_id) -> list[AgendaItemRow]
  get_agenda_item(item_id) -> AgendaItemRow
  add_agenda_item(meeting_id, title, purpose="", part=1, level=0, at=None, presenter_id=None,
                  minutes_allocated=0, standing=False, notes="") -> AgendaItemRow
      ``at`` is the index in agenda order (0 = first); None puts it at the end of its part.
  add_agenda_items(meeting_id, items: list[NewAgendaItem], at=None) -> list[AgendaItemRow]
  update_agenda_item(item_id, expected_version, title, purpose, presenter_id,
                     minutes_allocated, notes) -> AgendaItemRow
  move_agenda_item(item_id, to, level=None) -> list[AgendaItemRow]    (stays within its part)
  set_item_part(item_id, part, expected_version) -> list[AgendaItemRow]
  remove_agenda_item(item_id, expected_version) -> list[AgendaItemRow]
  apply_template(meeting_id) -> list[AgendaItemRow]   (standing items the agenda lacks, first)
  get_agenda_template(committee_id) -> list[StandingItem]
  save_agenda_template(committee_id, items: list[StandingItem]) -> list[StandingItem]
Every change renumbers the whole agenda at once (numbers are derived, never stored).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from app.domain import agenda as rules
from app.domain.errors import Conflict, Problem, ValidationError
from app.domain.meetings import local
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.sealing import check_not_sealed, correction_text
from app.store.actions import ActionItem
from app.store.interests import Declaration
from app.store.locking import lock_for_update
from app.store.meetings import AgendaItem, AgendaTemplate, Meeting, MinuteEntry, TemplateItem
from app.store.papers import Paper
from app.store.people import Committee, Person


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    meeting_id: int
    number: str
    position: int
    level: int
    part: int
    title: str
    purpose: str
    purpose_label: str
    presenter_id: int | None
    presenter: str
    minutes_allocated: int
    starts_at: dt.datetime
    standing: bool
    notes: str
    paper_id: int | None
    attachment_number: str
    version: int
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


@dataclass(frozen=True)
class StandingItem:
    """An item of a body's agenda template."""

    title: str
    purpose: str = ""
    minutes_allocated: int = 0
    level: int = 0
    part: int = 1


@dataclass(frozen=True)
class NewAgendaItem:
    """An item to add (add_agenda_items)."""

    title: str
    purpose: str = ""
    part: int = 1
    level: int = 0
    presenter_id: int | None = None
    minutes_allocated: int = 0
    standing: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Layout:
    """Where each item of a meeting falls: number, start time, attachment number."""

    items: tuple[AgendaItem, ...]  # in agenda order
    numbers: dict
    starts: dict
    attachments: dict
    papers: dict  # item id -> paper id

    def position(self, item_id: int) -> int:
        return next(i for i, it in enumerate(self.items, start=1) if it.id == item_id)


# ------------------------------------------------------------------------ reading the agenda


def _stored_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                .order_by(AgendaItem.part, AgendaItem.position, AgendaItem.id)))


def _slot(item: AgendaItem, papers: dict) -> rules.Slot:
    return rules.Slot(item.id, item.part, item.level, item.minutes_allocated, item.id in papers)


def agenda_layout(session: Session, meeting: Meeting) -> Layout:
    """Numbers, timings and attachment numbers of a meeting's agenda, for every service."""
    items = _stored_items(session, meeting.id)
    papers = dict(session.execute(select(Paper.agenda_item_id, Paper.id).where(
        Paper.agenda_item_id.in_([i.id for i in items]))).all()) if items else {}
    slots = [_slot(i, papers) for i in items]
    return Layout(tuple(items), rules.numbers(slots),
                  rules.start_times(local(meeting.starts_at), slots),
                  rules.attachment_numbers(slots), papers)


class Layouts:
    """The agenda layouts of one request, each meeting's worked out once.

    A read that needs several services' views of the same meeting (``get_meeting_detail``,
    gathering a board pack) makes one and passes it down as ``layouts=``; each service
    called without one makes its own. Not kept between requests: an agenda change must be
    seen by the next read.
    """

    def __init__(self, session: Session):
        self.session, self._found = session, {}

    def of(self, meeting: Meeting) -> Layout:
        if meeting.id not in self._found:
            self._found[meeting.id] = agenda_layout(self.session, meeting)
        return self._found[meeting.id]


def layouts_for(session: Session, layouts: Layouts | None) -> Layouts:
    """The request's layouts, or a fresh cache for a call made on its own."""
    return layouts if layouts is not None else Layouts(session)


def _row(item: AgendaItem, layout: Layout) -> AgendaItemRow:
    return AgendaItemRow(
        item.id, item.meeting_id, layout.numbers[item.id], layout.position(item.id), item.level,
        item.part, item.title, item.purpose, rules.purpose_label(item.purpose),
        item.presenter_id, item.presenter.name if item.presenter else "",
        item.minutes_allocated, layout.starts[item.id], item.standing, item.notes,
        layout.papers.get(item.id), layout.attachments.get(item.id, ""), item.version,
        correction_text(item))


def _rows(session: Session, meeting: Meeting,
          layouts: Layouts | None = None) -> list[AgendaItemRow]:
    layout = layouts_for(session, layouts).of(meeting)
    return [_row(item, layout) for item in layout.items]


def list_agenda(session: Session, *, meeting_id: int,
                layouts: Layouts | None = None) -> list[AgendaItemRow]:
    return _rows(session, get_or_fail(session, Meeting, meeting_id, "meeting"), layouts)


def get_agenda_item(session: Session, *, item_id: int) -> AgendaItemRow:
    item = get_or_fail(session, AgendaItem, item_id, "agenda item")
    layout = agenda_layout(session, item.meeting)
    return _row(item, layout)


# ------------------------------------------------------------------------ changing the agenda


def _apply_order(session: Session, order: list[rules.Slot]) -> None:
    """Store a new order: positions 1..n, and each item's part and level as the order has it.
    Slots are keyed by the items themselves; only rows that actually change are touched, so
    the audit trail shows just the move."""
    for position, slot in enumerate(order, start=1):
        item = slot.key
        if (item.position, item.part, item.level) != (position, slot.part, slot.level):
            item.position, item.part, item.level = position, slot.part, slot.level
    session.flush()


def _object_slot(item: AgendaItem) -> rules.Slot:
    return rules.Slot(item, item.part, item.level, item.minutes_allocated)


def _current_slots(session: Session, meeting: Meeting) -> list[rules.Slot]:
    return [_object_slot(i) for i in _stored_items(session, meeting.id)]


def _check_presenter(session: Session, presenter_id: int | None) -> None:
    if presenter_id is not None:
        get_or_fail(session, Person, presenter_id, "person")


def _check_open(meeting: Meeting) -> None:
    check_not_sealed(object_session(meeting), meeting, "its agenda")


def add_agenda_item(session: Session, *, meeting_id: int, title: str, purpose: str = "",
                    part: int = 1, level: int = 0, at: int | None = None,
                    presenter_id: int | None = None, minutes_allocated: int = 0,
                    standing: bool = False, notes: str = "") -> AgendaItemRow:
    new = NewAgendaItem(title, purpose, part, level, presenter_id, minutes_allocated,
                        standing, notes)
    _, (item,) = _add(session, meeting_id, [new], at)
    return get_agenda_item(session, item_id=item.id)


def _new_item(session: Session, meeting_id: int, new: NewAgendaItem, row: int | None):
    problems = rules.item_problems(title=new.title, purpose=new.purpose, part=new.part,
                                   level=new.level, minutes=new.minutes_allocated)
    raise_if([Problem(p.field, p.reason, row) for p in problems])
    _check_presenter(session, new.presenter_id)
    return AgendaItem(meeting_id=meeting_id, title=new.title.strip(), purpose=new.purpose,
                      part=new.part, level=new.level, position=0, presenter_id=new.presenter_id,
                      standing=new.standing, minutes_allocated=new.minutes_allocated,
                      notes=new.notes)


def _add(session: Session, meeting_id: int, items: list[NewAgendaItem],
         at: int | None) -> tuple[Meeting, list[AgendaItem]]:
    # Concurrent additions: the positions are read only once the meeting is locked for writing.
    lock_for_update(session, Meeting, meeting_id)
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    _check_open(meeting)
    many = len(items) > 1
    added = [_new_item(session, meeting_id, new, n if many else None)
             for n, new in enumerate(items, start=1)]
    order = _current_slots(session, meeting)
    for n, item in enumerate(added):
        order = rules.insert(order, _object_slot(item), None if at is None else at + n)
    session.add_all(added)
    _apply_order(session, order)
    return meeting, added


def add_agenda_items(session: Session, *, meeting_id: int, items: list[NewAgendaItem],
                     at: int | None = None) -> list[AgendaItemRow]:
    """Add several items in one go, in the order given, starting at index ``at`` (None: each
    at the end of its part). Returns the whole agenda."""
    meeting, _ = _add(session, meeting_id, items, at)
    return _rows(session, meeting)


def update_agenda_item(session: Session, *, item_id: int, expected_version: int | None,
                       title: str, purpose: str = "", presenter_id: int | None = None,
                       minutes_allocated: int = 0, notes: str = "") -> AgendaItemRow:
    item = get_or_fail(session, AgendaItem, item_id, "agenda item")
    check_version(item, expected_version, f"Agenda item '{item.title}'")
    _check_open(item.meeting)
    raise_if(rules.item_problems(title=title, purpose=purpose, part=item.part,
                                 level=item.level, minutes=minutes_allocated))
    _check_presenter(session, presenter_id)
    item.title, item.purpose, item.presenter_id = title.strip(), purpose, presenter_id
    item.minutes_allocated, item.notes = minutes_allocated, notes
    session.flush()
    return get_agenda_item(session, item_id=item_id)


def move_agenda_item(session: Session, *, item_id: int, to: int,
                     level: int | None = None) -> list[AgendaItemRow]:
    """Move an item to index ``to`` in agenda order, within its own part (see set_item_part)."""
    item = get_or_fail(session, AgendaItem, item_id, "agenda item")
    _check_open(item.meeting)
    if level is not None and level not in rules.LEVELS:
        raise ValidationError("an item is a section (0) or a sub-item (1)", field="level")
    order = rules.move(_current_slots(session, item.meeting), item, to, level)
    _apply_order(session, order)
    return _rows(session, item.meeting)


def set_item_part(session: Session, *, item_id: int, part: int,
                  expected_version: int | None) -> list[AgendaItemRow]:
    """Move an item between Part 1 and Part 2 (to the end of Part 1 or the start of Part 2)."""
    item = get_or_fail(session, AgendaItem, item_id, "agenda item")
    check_version(item, expected_version, f"Agenda item '{item.title}'")
    _check_open(item.meeting)
    if part not in rules.PARTS:
        raise ValidationError("an item is in Part 1 (public) or Part 2 (private)", field="part")
    if part != item.part:
        order = rules.set_part(_current_slots(session, item.meeting), item, part)
        _apply_order(session, order)
    return _rows(session, item.meeting)


def _uses_of(session: Session, item_id: int) -> list[str]:
    checks = [(Paper, Paper.agenda_item_id, "a paper"),
              (MinuteEntry, MinuteEntry.agenda_item_id, "minutes"),
              (Declaration, Declaration.agenda_item_id, "declarations of interest"),
              (ActionItem, ActionItem.agenda_item_id, "actions")]
    found = []
    for model, column, what in checks:
        count = session.scalar(select(func.count()).select_from(model).where(column == item_id))
        if count:
            found.append(what)
    return found


def remove_agenda_item(session: Session, *, item_id: int,
                       expected_version: int | None) -> list[AgendaItemRow]:
    """Remove an item that nothing hangs from yet; the rest are renumbered."""
    item = get_or_fail(session, AgendaItem, item_id, "agenda item")
    check_version(item, expected_version, f"Agenda item '{item.title}'")
    meeting = item.meeting
    _check_open(meeting)
    uses = _uses_of(session, item_id)
    if uses:
        raise Conflict(f"Agenda item '{item.title}' has {' and '.join(uses)}; move or remove "
                       "them first. Nothing was changed.")
    session.delete(item)
    session.flush()
    _apply_order(session, _current_slots(session, meeting))
    return _rows(session, meeting)


# ------------------------------------------------------------------------------- templates


def get_agenda_template(session: Session, *, committee_id: int) -> list[StandingItem]:
    """The body's standing items, or the usual four if it has no template of its own."""
    get_or_fail(session, Committee, committee_id, "committee")
    template = session.scalar(select(AgendaTemplate).where(
        AgendaTemplate.committee_id == committee_id))
    if template is None:
        return [StandingItem(t, p, m) for t, p, m in rules.STANDING_ITEMS]
    return [StandingItem(i.title, i.purpose, i.minutes_allocated, i.level, i.part)
            for i in template.items]


def save_agenda_template(session: Session, *, committee_id: int,
                         items: list[StandingItem]) -> list[StandingItem]:
    get_or_fail(session, Committee, committee_id, "committee")
    problems = []
    for n, it in enumerate(items, start=1):
        problems += [Problem(p.field, p.reason, n) for p in rules.item_problems(
            title=it.title, purpose=it.purpose, part=it.part, level=it.level,
            minutes=it.minutes_allocated)]
    raise_if(problems)
    template = session.scalar(select(AgendaTemplate).where(
        AgendaTemplate.committee_id == committee_id))
    if template is None:
        template = AgendaTemplate(committee_id=committee_id)
        session.add(template)
    template.items = [TemplateItem(position=n, title=it.title.strip(), purpose=it.purpose,
                                   minutes_allocated=it.minutes_allocated, level=it.level,
                                   part=it.part) for n, it in enumerate(items, start=1)]
    session.flush()
    return get_agenda_template(session, committee_id=committee_id)


def apply_template(session: Session, *, meeting_id: int) -> list[AgendaItemRow]:
    """Put the body's standing items at the top of the agenda, skipping any already there."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    have = {i.title.strip().lower() for i in _stored_items(session, meeting_id)}
    missing = [NewAgendaItem(t.title, t.purpose, t.part, t.level, None, t.minutes_allocated,
                             standing=True)
               for t in get_agenda_template(session, committee_id=meeting.committee_id)
               if t.title.strip().lower() not in have]
    return add_agenda_items(session, meeting_id=meeting_id, items=missing, at=0)
