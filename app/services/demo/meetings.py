"""Demo part: a year of Merton CCG meetings, April 2012 to March 2013.

The governing body meets every other month, the audit committee quarterly, the quality and
performance committee every other month, the remuneration committee twice and the executive
team monthly from August. Each meeting has its standing items, business, papers with cover
sheets, attendance, minutes and actions; each meeting's minutes are approved at the next. The
action log runs through the year: some actions closed on time, some late, some still open.

The 27 September 2012 governing body meeting (app.services.demo.merton_sept) carries the seed's
ISOP cover sheet verbatim as item 6.8, ATTACHMENT 05, with the paper attached as a PDF.
Everything goes through the services, so the audit trail records it like any user's work.
Adds to ``ids``: "meeting:<body>:<yyyy-mm-dd>" for each meeting and "paper:isop".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.services import interests, people
from app.services.demo import meetings_data as data
from app.services.demo import merton_sept as september
from app.services.demo.documents import isop_pdf
from app.services.demo.isop import ISOP_COVER_SHEET, PAPER_VERSION
from app.services.meetings import (
    actions,
    agenda,
    attachments,
    attendance,
    meetings,
    minutes,
    papers,
)
from app.services.meetings.agenda import NewAgendaItem, StandingItem

RECOMMENDATION = {
    "approval": "is asked to approve the {what}.",
    "decision": "is asked to decide on the {what}.",
    "ratification": "is asked to ratify the {what}.",
    "assurance": "is asked to take assurance from the {what}.",
    "discussion": "is asked to discuss and comment on the {what}.",
    "information": "is asked to note the {what}.",
    "noting": "is asked to note the {what}.",
}
OUTCOME = {"approval": "Approved.", "decision": "Approved.", "ratification": "Ratified.",
           "assurance": "Assured.", "discussion": "Discussed; comments to be reflected.",
           "information": "Noted.", "noting": "Noted.", "": "Noted."}


def _key(committee: str, day: dt.date) -> str:
    return f"meeting:{committee}:{day.isoformat()}"


# ---------------------------------------------------------------------- register, templates


def _add_interests(session: Session, ids: dict) -> None:
    for person, kind, text, org, start, end, declared, managed in data.INTERESTS:
        interests.add_interest(session, person_id=ids[person], kind=kind, description=text,
                               organisation=org, from_date=start, to_date=end,
                               declared_on=declared, management=managed)


def _save_template(session: Session, ids: dict) -> None:
    items = [StandingItem(t, p, m) for t, p, m in data.GOVERNING_BODY_TEMPLATE]
    agenda.save_agenda_template(session, committee_id=ids[data.GOVERNING_BODY], items=items)


# ---------------------------------------------------------------------------------- papers


def _title_of(session: Session, ids: dict, name: str) -> str:
    return people.get_person(session, person_id=ids[name]).title if name else ""


def _cover(session: Session, ids: dict, item: agenda.AgendaItemRow, body: str) -> dict:
    """A plain cover sheet for a paper the demo has no particular words for."""
    author = _title_of(session, ids, item.presenter) or "Governing Body Secretary"
    what = "report" if item.purpose in ("assurance", "noting", "information") else "paper"
    return dict(title=item.title, purpose=item.purpose or "noting", report_author=author,
                lead_director=author, executive_summary=f"{item.title}: the {what} for the "
                f"{body}'s meeting of {item.starts_at:%d %B %Y}.",
                recommendations=f"The {body} " + RECOMMENDATION[item.purpose or "noting"]
                .format(what=what))


def _received(meeting: meetings.MeetingRow, n: int) -> dt.date:
    # most papers arrive a day or two before the deadline
    return meeting.papers_due_on - dt.timedelta(days=1 + n % 2)


def _add_paper(session: Session, meeting: meetings.MeetingRow, item_id: int, cover: dict,
               received: dt.date) -> papers.PaperRow:
    return papers.create_paper(session, agenda_item_id=item_id, status="final",
                               received_on=received, **cover)


def _standing_papers(session: Session, ids: dict, meeting, items, body: str) -> None:
    titles = {"Minutes of the last meeting": "Minutes of the previous meeting",
              "Matters arising and action log": "Action log",
              "Chief Officer's report": "Chief Officer's report"}
    for n, item in enumerate(items):
        if item.title in titles:
            cover = _cover(session, ids, item, body)
            cover.update(title=titles[item.title], report_author="Governing Body Secretary")
            _add_paper(session, meeting, item.id, cover, _received(meeting, n))


# ---------------------------------------------------------------------------------- agenda


def _add_items(session: Session, ids: dict, meeting_id: int, rows: list[tuple]) -> None:
    items = [NewAgendaItem(title, purpose, part, level, ids[who] if who else None, allocated)
             for title, purpose, who, allocated, level, part in rows]
    agenda.add_agenda_items(session, meeting_id=meeting_id, items=items)


def _business_agenda(session: Session, ids: dict, meeting, body: str, key) -> None:
    business = data.BUSINESS[key]
    _add_items(session, ids, meeting.id, [(t, p, who, m, 0, part)
                                          for t, p, who, m, _, part in business])
    _add_items(session, ids, meeting.id, [("Any other business", "", "", 5, 0, 1)])
    with_papers = {t for t, _, _, _, paper, _ in business if paper}
    items = agenda.list_agenda(session, meeting_id=meeting.id)
    _standing_papers(session, ids, meeting, items, body)
    for n, item in enumerate(items):
        if item.title in with_papers:
            _add_paper(session, meeting, item.id, _cover(session, ids, item, body),
                       _received(meeting, n))


def _september_agenda(session: Session, ids: dict, meeting, body: str) -> None:
    _add_items(session, ids, meeting.id, [row[:6] for row in september.AGENDA])
    items = agenda.list_agenda(session, meeting_id=meeting.id)
    _standing_papers(session, ids, meeting, items, body)
    keys = {row[0]: row[6] for row in september.AGENDA if row[6]}
    for n, item in enumerate(items):
        key = keys.get(item.title)
        if key is None:
            continue
        cover = ISOP_COVER_SHEET if key == "isop" else september.PAPERS[key]
        received = september.RECEIVED.get(key, _received(meeting, n))
        paper = _add_paper(session, meeting, item.id, dict(cover), received)
        ids[f"paper:{key}"] = paper.id
    isop = ids["paper:isop"]
    papers.update_paper(session, paper_id=isop, expected_version=None,
                        paper_version=PAPER_VERSION)
    _attach_isop(session, isop)
    _link_risks(session, ids)


def _attach_isop(session: Session, paper_id: int) -> None:
    first = attachments.add_attachment(
        session, paper_id=paper_id, name="ISOP development process and approach.pdf",
        data=isop_pdf(), description="Working Draft v1.0, as circulated to the membership")
    attachments.replace_attachment(session, attachment_id=first.id,
                                   expected_version=first.version,
                                   data=isop_pdf(with_engagement_timeline=True))


def _link_risks(session: Session, ids: dict) -> None:
    """The finance report bears on the financial risk; the register on all the corporate risks
    (when the risk register's demo part has run)."""
    corporate = [v for k, v in ids.items() if isinstance(k, str) and k.startswith("CR-")]
    if "CR-001" in ids:
        papers.link_paper_to_risk(session, paper_id=ids["paper:finance"], risk_id=ids["CR-001"])
    for risk_id in corporate:
        papers.link_paper_to_risk(session, paper_id=ids["paper:risks"], risk_id=risk_id)


# ------------------------------------------------------------------------------ the meeting


def _item_ids(session: Session, meeting_id: int) -> dict[str, int]:
    return {i.title: i.id for i in agenda.list_agenda(session, meeting_id=meeting_id)}


def _attendance(session: Session, ids: dict, meeting, key) -> None:
    absent = set(data.APOLOGIES.get(key, []))
    moves = september.COMINGS_AND_GOINGS if key == data.SEPTEMBER_BOARD else {}
    items = _item_ids(session, meeting.id)
    for row in attendance.members_expected(session, meeting_id=meeting.id):
        arrived, left = moves.get(row.person, (None, None))
        attendance.record_attendance(
            session, meeting_id=meeting.id, person_id=row.person_id,
            status="apologies" if row.person in absent else row.status,
            arrived_at_item_id=items.get(arrived), left_after_item_id=items.get(left))


def _declarations(session: Session, ids: dict, meeting) -> None:
    items = _item_ids(session, meeting.id)
    for person, item, text, action, ruling in september.DECLARATIONS:
        registered = interests.interests_to_declare(session, meeting_id=meeting.id,
                                                    person_id=ids[person])
        interests.declare_interest(
            session, meeting_id=meeting.id, person_id=ids[person], description=text,
            action=action, agenda_item_id=items.get(item) if item else None,
            interest_id=registered[0].id if registered else None, chair_ruling=ruling)


def _apologies_text(key) -> str:
    names = data.APOLOGIES.get(key, [])
    return f"Apologies were received from {', '.join(names)}." if names else (
        "There were no apologies.")


def _generic_minute(item: minutes.MinuteRow, key) -> tuple[str, str]:
    standing = {
        "Welcome and apologies for absence": ("The Chair welcomed members.",
                                              _apologies_text(key)),
        "Declarations of interest": ("No interests were declared beyond those on the "
                                     "register.", "Noted."),
        "Minutes of the last meeting": ("The minutes of the previous meeting were reviewed.",
                                        "Approved as a true record."),
        "Matters arising and action log": ("The action log was reviewed.", "Noted."),
        "Any other business": ("There was no other business.", "Noted."),
    }
    if item.item_title in standing:
        return standing[item.item_title]
    who = item.presenter or "The lead"
    return f"{who} presented the item; members asked questions.", OUTCOME[item.purpose]


def _minutes(session: Session, meeting, key) -> None:
    for item in minutes.list_minutes(session, meeting_id=meeting.id):
        if key == data.SEPTEMBER_BOARD:
            if item.item_title not in september.MINUTES:
                continue
            discussion, outcome = september.MINUTES[item.item_title]
        else:
            discussion, outcome = _generic_minute(item, key)
        minutes.record_minute(session, agenda_item_id=item.agenda_item_id,
                              discussion=discussion, outcome=outcome)


def _advance(session: Session, meeting_id: int, status: str) -> None:
    row = meetings.get_meeting(session, meeting_id=meeting_id)
    meetings.set_meeting_status(session, meeting_id=meeting_id, status=status,
                                expected_version=row.version)


def _hold_meeting(session: Session, ids: dict, key) -> int:
    committee, day = key
    body, start, venue = data.SETTINGS[committee]
    private = any(row[5] == 2 for row in data.BUSINESS[key]) or key == data.SEPTEMBER_BOARD
    why = (september.PART2_WHY if key == data.SEPTEMBER_BOARD
           else "personal information about identifiable members of staff")
    meeting = meetings.create_meeting(
        session, committee_id=ids[committee], title=f"{body} – {day:%B %Y}",
        starts_at=dt.datetime.combine(day, start), venue=venue,
        part2_reason=data.PRIVATE_REASON.format(why=why) if private else "")
    agenda.apply_template(session, meeting_id=meeting.id)
    if key == data.SEPTEMBER_BOARD:
        _september_agenda(session, ids, meeting, body)
    else:
        _business_agenda(session, ids, meeting, body, key)
    _advance(session, meeting.id, "agenda issued")
    _attendance(session, ids, meeting, key)
    if key == data.SEPTEMBER_BOARD:
        _declarations(session, ids, meeting)
    _minutes(session, meeting, key)
    _advance(session, meeting.id, "held")
    return meeting.id


# ------------------------------------------------------------------------------ the year


def approve_past_minutes(session: Session, ids: dict) -> None:
    """The demo's last part: each meeting's minutes are approved at the body's next meeting.
    Approval seals a meeting's record, so it comes after every part that records business."""
    by_body: dict[str, list[dt.date]] = {}
    for committee, day in sorted(data.BUSINESS, key=lambda k: k[1]):
        by_body.setdefault(committee, []).append(day)
    for committee, days in by_body.items():
        for earlier, later in zip(days, days[1:], strict=False):
            corrections = ("Item 6.4: 'month 7' for 'month 6'."
                           if (committee, earlier) == (data.GOVERNING_BODY, dt.date(2012, 11, 29))
                           else "")
            minutes.approve_minutes(session, meeting_id=ids[_key(committee, earlier)],
                                    at_meeting_id=ids[_key(committee, later)],
                                    corrections=corrections)


def _meeting_on(ids: dict, committee: str, day: dt.date) -> int | None:
    return ids.get(_key(committee, day))


def _raise_action(session: Session, ids: dict, committee: str, day: dt.date, spec) -> None:
    item, text, owner, due, closed, updates = spec
    meeting_id = ids[_key(committee, day)]
    row = actions.create_action(session, meeting_id=meeting_id, description=text,
                                owner_id=ids[owner], due_on=due,
                                agenda_item_id=_item_ids(session, meeting_id).get(item))
    for on, note in updates:
        actions.add_action_update(session, action_id=row.id, text=note, on=on,
                                  meeting_id=_meeting_on(ids, committee, on))
    row = actions.get_action(session, action_id=row.id)
    if closed is not None:
        actions.close_action(session, action_id=row.id, expected_version=row.version, on=closed)
    elif updates:
        actions.update_action(session, action_id=row.id, expected_version=row.version,
                              description=row.description, owner_id=row.owner_id,
                              due_on=row.due_on, status="in progress")


def _add_actions(session: Session, ids: dict) -> None:
    for committee, day, *spec in data.ACTIONS:
        _raise_action(session, ids, committee, day, spec)
    for spec in september.ACTIONS:
        _raise_action(session, ids, *data.SEPTEMBER_BOARD, spec)


def _keep_loaded_rows(session: Session) -> None:
    """Hold every row this session loads until it ends. The session forgets rows nobody
    refers to, and the demo's many small service calls would read the same people, meetings
    and items again and again; one transaction of a few thousand rows fits in memory."""
    kept = session.info.setdefault("demo_rows", [])
    event.listen(session, "loaded_as_persistent", lambda _s, obj: kept.append(obj))
    event.listen(session, "pending_to_persistent", lambda _s, obj: kept.append(obj))


def add_meetings(session: Session, ids: dict) -> None:
    """The demo part: register of interests, templates, the year's meetings and action log."""
    _keep_loaded_rows(session)
    _add_interests(session, ids)
    _save_template(session, ids)
    for key in sorted(data.BUSINESS, key=lambda k: (k[1], k[0])):
        ids[_key(*key)] = _hold_meeting(session, ids, key)
    _add_actions(session, ids)
