"""The standard sections of a board pack, gathered for one meeting.

  minutes of the previous meeting of the body (per item: who presented, discussion, outcome;
      its Part 2 minutes as a separate Part 2 section)
  the action log (the body's actions raised before this meeting that are open, or were
      closed since its previous meeting; each with its status as it stands at issue)
  chair's actions reported to this meeting for ratification
  the register of interests of the body's members (interests current on the meeting's day)
  the risk register report (its data as it stands at issue, drawn by the renderer with
      app.reports.register.register_pdf; the corporate register when the standing item says
      "corporate")

Each goes after the agenda item that is its standing item (the minutes after "Minutes of the
last meeting", the action log after "Matters arising and action log", the register after
"Declarations of interest", the risk register after "Corporate risk register …"); without
such an item it goes under "Supporting papers" at the end.

Every maker takes the request's agenda layouts (``Layouts``), so a meeting's numbers are
worked out once for the whole pack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from app.domain.pack import (
    ACTION_LOG,
    CHAIRS_ACTIONS,
    INTERESTS,
    MINUTES,
    RISK_REGISTER,
    PackItem,
    StandardSection,
)
from app.services.decisions.chairs_actions import list_chairs_actions
from app.services.interests import list_interests
from app.services.meetings import actions as action_service
from app.services.meetings.agenda import Layouts
from app.services.meetings.detail import MeetingOutline
from app.services.meetings.meetings import MeetingRow, list_meetings
from app.services.meetings.minutes import MinuteRow, list_minutes
from app.services.meetings.sealing import corrections_to_note, record_part
from app.services.people import list_memberships
from app.services.publication import CONFIDENTIAL_RATIFICATION, confidential
from app.services.risks.report import register_report_data

# The standing item each section belongs under, by its title.
STANDING_ITEMS = {
    MINUTES: re.compile(r"\bminutes of the (last|previous) meeting", re.I),
    ACTION_LOG: re.compile(r"\baction log\b|\bmatters arising\b", re.I),
    CHAIRS_ACTIONS: re.compile(r"\bchair[’']?s['’]? actions?\b", re.I),
    INTERESTS: re.compile(r"\b(declarations?|registers?) of interests?\b", re.I),
    RISK_REGISTER: re.compile(r"\brisk register\b|\bassurance framework\b", re.I),
}


def standard_sections(session: Session, detail: MeetingOutline, items: Sequence[PackItem], *,
                      kinds: tuple[str, ...], layouts: Layouts) -> list[StandardSection]:
    makers = {MINUTES: _minutes, ACTION_LOG: _action_log, CHAIRS_ACTIONS: _chairs_actions,
              INTERESTS: _interests, RISK_REGISTER: _risk_register}
    out = []
    for kind in kinds:
        number = standing_item_number(kind, items)
        out += [s if s.item_number or not number else _under(s, number)
                for s in makers[kind](session, detail, layouts)]
    return out


def standing_item_number(kind: str, items: Sequence[PackItem]) -> str:
    """The number of the agenda item a section belongs under, or "" for supporting papers."""
    pattern = STANDING_ITEMS[kind]
    found = next((i for i in items if not i.is_section_heading and pattern.search(i.title)),
                 None)
    return found.number if found else ""


def _under(section: StandardSection, number: str) -> StandardSection:
    return replace(section, item_number=number)


# ------------------------------------------------------------------------------- minutes


def previous_meeting(session: Session, meeting: MeetingRow) -> MeetingRow | None:
    earlier = [m for m in list_meetings(session, committee_id=meeting.committee_id,
                                        to_date=meeting.meeting_date)
               if m.starts_at < meeting.starts_at]
    return earlier[-1] if earlier else None


MINUTE_COLUMNS = ("No.", "Item", "Presented by", "Discussion", "Outcome")


def _minutes(session: Session, detail: MeetingOutline,
             layouts: Layouts) -> list[StandardSection]:
    before = previous_meeting(session, detail.meeting)
    if before is None:
        return []
    rows = list_minutes(session, meeting_id=before.id, layouts=layouts)
    title = f"Minutes of the meeting held on {before.meeting_date:%-d %B %Y}"
    private = [r for r in rows if confidential(session, r)]
    sections = [StandardSection(title, MINUTES, columns=MINUTE_COLUMNS,
                                rows=_minute_rows([r for r in rows if r not in private]))]
    if private:
        sections.append(StandardSection(f"{title}: Part 2 (confidential)", MINUTES,
                                        columns=MINUTE_COLUMNS, rows=_minute_rows(private),
                                        part=2))
    return sections + _corrections(session, detail.meeting)


def _minute_rows(rows: list[MinuteRow]) -> list[tuple[str, ...]]:
    return [(r.item_number, r.item_title, r.presenter,
             r.discussion.strip() or ("" if r.outcome.strip() else "No minute recorded."),
             "\n".join(t for t in (r.outcome.strip(), r.corrected) if t)) for r in rows]


CORRECTION_COLUMNS = ("Meeting", "Record", "Change", "Correction")
CORRECTIONS_TITLE = "Corrections to approved minutes, for the meeting to note"


def _change_words(fields) -> str:
    return "; ".join(f"{name.replace('_', ' ')}: {before if before not in (None, '') else '—'}"
                     f" → {after if after not in (None, '') else '—'}"
                     for name, before, after in fields if name != "correction_note")


def _corrections(session: Session, meeting: MeetingRow) -> list[StandardSection]:
    """The corrections to the body's sealed records since they were last noted; those of
    Part 2 business in the members' pack only."""
    found = corrections_to_note(session, meeting_id=meeting.id)
    by_part: dict[int, list[tuple[str, ...]]] = {}
    for c in found:
        row = (c.meeting, f"{c.record_type.replace('_', ' ')} #{c.record_id}",
               _change_words(c.fields), f"{c.text}. Asked for by {c.requested_by}.")
        by_part.setdefault(record_part(session, c.record_type, c.record_id), []).append(row)
    return [StandardSection(CORRECTIONS_TITLE + (": Part 2 (confidential)" if part == 2 else ""),
                            MINUTES, columns=CORRECTION_COLUMNS, rows=rows, part=part)
            for part, rows in sorted(by_part.items())]


# ---------------------------------------------------------------------------- action log


ACTION_COLUMNS = ("Ref", "Raised", "Item", "Action", "Owner", "Due", "Status", "Latest update")


def _action_log(session: Session, detail: MeetingOutline,
                layouts: Layouts) -> list[StandardSection]:
    meeting = detail.meeting
    before = previous_meeting(session, meeting)
    since = before.meeting_date if before else meeting.meeting_date
    found = [a for a in action_service.list_actions(session, committee_id=meeting.committee_id,
                                                    today=meeting.meeting_date,
                                                    layouts=layouts)
             if a.meeting_date < meeting.meeting_date
             and (a.closed_on is None or a.closed_on >= since)]
    found.sort(key=lambda a: (a.meeting_date, a.id))
    # An action raised at a Part 2 item or on a confidential paper is confidential too: it is
    # logged in a Part 2 section, which the public pack leaves out.
    private = [a for a in found if confidential(session, a)]
    title = f"Action log: {meeting.committee}"
    sections = [StandardSection(title, ACTION_LOG, columns=ACTION_COLUMNS,
                                rows=_action_rows([a for a in found if a not in private]))]
    if private:
        sections.append(StandardSection(f"{title}: Part 2 (confidential)", ACTION_LOG,
                                        columns=ACTION_COLUMNS, rows=_action_rows(private),
                                        part=2))
    return sections


def _action_rows(found: list[action_service.ActionRow]) -> list[tuple[str, ...]]:
    return [(str(a.id), _day(a.meeting_date), a.item_number, a.description, a.owner,
             _day(a.due_on), _status(a), a.latest_update) for a in found]


def _day(day) -> str:
    """A date that does not wrap in a narrow column: 26/07/2012."""
    return f"{day:%d/%m/%Y}" if day else ""


def _status(a: action_service.ActionRow) -> str:
    if a.closed_on is not None:
        return f"closed {_day(a.closed_on)}"
    return f"{a.status} (overdue)" if a.overdue else a.status


# ------------------------------------------------------------------ register of interests


INTEREST_COLUMNS = ("Member", "Role", "Kind", "Interest", "Organisation", "From", "Management")


def _interests(session: Session, detail: MeetingOutline,
               layouts: Layouts) -> list[StandardSection]:
    meeting = detail.meeting
    members = {m.person_id: m for m in list_memberships(
        session, committee_id=meeting.committee_id, on=meeting.meeting_date)}
    found = [i for i in list_interests(session, current_on=meeting.meeting_date)
             if i.person_id in members]
    rows = [(i.person, members[i.person_id].role, i.kind, i.description, i.organisation,
             _day(i.from_date), i.management) for i in found]
    return [StandardSection(f"Register of interests: members of the {meeting.committee}",
                            INTERESTS, columns=INTEREST_COLUMNS, rows=rows)]


# ----------------------------------------------------------------------- chair's actions


CHAIRS_ACTION_COLUMNS = ("Taken on", "Chair's action", "Why it could not wait", "Taken by",
                         "Consulted", "Power", "Status")


def _chairs_actions(session: Session, detail: MeetingOutline,
                    layouts: Layouts) -> list[StandardSection]:
    """Chair's actions reported to this meeting for ratification, under their item."""
    meeting = detail.meeting
    found = [a for a in list_chairs_actions(session, committee_id=meeting.committee_id,
                                            today=meeting.meeting_date, layouts=layouts)
             if a.ratification_meeting_id == meeting.id]
    if not found:
        return []
    numbers = {a.ratification_item_number for a in found}
    number = numbers.pop() if len(numbers) == 1 else ""
    # One on a confidential matter keeps its place in Part 1 in those words only; its
    # particulars are in a Part 2 section, which the public pack leaves out.
    private = [a for a in found if confidential(session, a)]
    rows = [("", CONFIDENTIAL_RATIFICATION, "", "", "", "", a.status) if a in private
            else _chairs_action_row(a) for a in found]
    title = "Chair's actions for ratification"
    sections = [StandardSection(title, CHAIRS_ACTIONS, columns=CHAIRS_ACTION_COLUMNS,
                                rows=rows, item_number=number)]
    if private:
        sections.append(StandardSection(f"{title}: Part 2 (confidential)", CHAIRS_ACTIONS,
                                        columns=CHAIRS_ACTION_COLUMNS,
                                        rows=[_chairs_action_row(a) for a in private],
                                        item_number=number, part=2))
    return sections


def _chairs_action_row(a) -> tuple[str, ...]:
    return (_day(a.taken_on), f"{a.title}: {a.decision_text}".strip(": "), a.urgency_reason,
            f"{a.taken_by} ({a.taker_role})" if a.taker_role else a.taken_by,
            "; ".join(f"{c.person} {_day(c.consulted_on)}".strip() for c in a.consultees),
            " ".join(v for v in (a.power, a.standing_order_clause) if v), a.status)


# ------------------------------------------------------------------------- risk register


def _risk_register(session: Session, detail: MeetingOutline,
                   layouts: Layouts) -> list[StandardSection]:
    """The register report's data as it stands at issue (the renderer draws its pages): the
    corporate register when the agenda's standing item is about the corporate register, else
    the whole register."""
    item = next((i for i in detail.agenda if STANDING_ITEMS[RISK_REGISTER].search(i.title)),
                None)
    corporate = bool(item and re.search(r"\bcorporate\b", item.title, re.I))
    data = register_report_data(session, corporate_only=corporate)
    return [StandardSection(data.title, RISK_REGISTER, report=data)]
