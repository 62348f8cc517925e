"""``meetings`` and ``actions``: list meetings, show one in full, export a calendar, the log.

  meetings list [--committee ID] [--from DATE] [--to DATE]
  meetings show ID        agenda with numbers, parts, purposes, presenters, times, papers and
                          attachment numbers; attendance; quorum; declarations; actions
  meetings ics FILE [--committee ID] [--from DATE] [--to DATE]
  actions list [--owner ID] [--overdue] [--committee ID] [--open]
"""

from __future__ import annotations

import argparse

from app.cli.options import add_period_options
from app.cli.table import print_table
from app.services.meetings import actions, meetings
from app.services.meetings.detail import get_meeting_detail


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("meetings", help="list meetings, show one, export a calendar")
    msub = m.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    ls = msub.add_parser("list", help="meetings in date order")
    add_period_options(ls, committee_help="only this body's meetings")
    ls.set_defaults(handler=list_meetings)
    show = msub.add_parser("show", help="one meeting: agenda, papers, attendance, quorum")
    show.add_argument("meeting_id", type=int)
    show.set_defaults(handler=show_meeting)
    ics = msub.add_parser("ics", help="write meetings to an .ics calendar file")
    ics.add_argument("file")
    add_period_options(ics, committee_help="only this body's meetings")
    ics.set_defaults(handler=write_ics)

    a = sub.add_parser("actions", help="the action log")
    asub = a.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    ls = asub.add_parser("list", help="actions by due date")
    ls.add_argument("--owner", type=int, metavar="PERSON_ID")
    ls.add_argument("--committee", type=int, metavar="ID")
    ls.add_argument("--overdue", action="store_true", help="only open actions past due")
    ls.add_argument("--open", action="store_true", help="only actions not closed")
    ls.set_defaults(handler=list_actions)


def list_meetings(args, ctx) -> int:
    rows = ctx.run(meetings.list_meetings, committee_id=args.committee,
                   from_date=args.from_date, to_date=args.to_date)
    print_table([[r.id, f"{r.starts_at:%Y-%m-%d %H:%M}", r.committee, r.title, r.status]
                 for r in rows], ["id", "when", "body", "title", "status"])
    return 0


def _agenda_lines(detail) -> list[list]:
    rows = []
    for item in detail.agenda:
        paper = detail.paper_for(item.id)
        paper_text = ""
        if paper is not None:
            paper_text = f"{item.attachment_number}" + (" (late)" if paper.late else "")
        indent = "  " if item.level else ""
        rows.append([f"{item.starts_at:%H:%M}", item.number, f"{indent}{item.title}",
                     item.part, item.purpose_label, item.presenter, paper_text])
    return rows


def _print_heading(m) -> None:
    print(f"{m.title} ({m.committee})")
    print(f"{m.starts_at:%A %d %B %Y, %H:%M}" + (f", {m.venue}" if m.venue else ""))
    if m.video_link:
        print(f"Online: {m.video_link}")
    print(f"Status: {m.status}; papers due {m.papers_due_on:%d %B %Y}")
    if m.minutes_approved_at:
        print(f"Minutes approved at: {m.minutes_approved_at}")
    if m.part2_reason:
        print(f"Part 2: {m.part2_reason}")


def _comings_and_goings(detail, a) -> str:
    numbers = {i.id: i.number for i in detail.agenda}
    notes = []
    if a.arrived_at_item_id:
        notes.append(f"arrived at item {numbers[a.arrived_at_item_id]}")
    if a.left_after_item_id:
        notes.append(f"left after item {numbers[a.left_after_item_id]}")
    return "; ".join(notes)


def _print_people(detail) -> None:
    print("\nAttendance")
    print_table([[a.person, a.role or "-", a.status, _comings_and_goings(detail, a)]
                 for a in detail.attendance], ["name", "role", "status", ""])
    print(f"\nQuorum: {detail.quorum.explanation}")
    for q in detail.item_quorum:
        if q.quorate != detail.quorum.quorate or q.not_counted:
            print(f"  item {q.item_number}: {q.explanation}")
    if detail.declarations:
        print("\nDeclarations of interest")
        print_table([[d.item_number or "all", d.person, d.description, d.action]
                     for d in detail.declarations], ["item", "name", "interest", "action"])
    undeclared = [f for f in detail.conflict_flags if not f.declared]
    if undeclared:
        print("\nPossible conflicts to ask about (items touching a registered interest)")
        print_table([[f.item_number, f.person, f.interest, ", ".join(f.matched)]
                     for f in undeclared], ["item", "name", "registered interest", "shared words"])


def _print_actions(detail) -> None:
    for title, rows in (("Actions carried forward", detail.actions_carried),
                        ("Actions raised", detail.actions_raised)):
        if rows:
            print(f"\n{title}")
            print_table([[a.id, a.description, a.owner, a.due_on or "", _status(a),
                          "overdue" if a.overdue else ""] for a in rows],
                        ["id", "action", "owner", "due", "status", ""])


def _status(action) -> str:
    return f"closed {action.closed_on:%Y-%m-%d}" if action.closed_on else action.status


def show_meeting(args, ctx) -> int:
    detail = ctx.run(get_meeting_detail, meeting_id=args.meeting_id)
    _print_heading(detail.meeting)
    print()
    print_table(_agenda_lines(detail),
                ["time", "no", "item", "part", "purpose", "presenter", "paper"])
    _print_people(detail)
    _print_actions(detail)
    return 0


def write_ics(args, ctx) -> int:
    from app.exchange.ics import export_ics  # icalendar only when a calendar is written

    count = ctx.run(export_ics, path=args.file, committee_id=args.committee,
                    from_date=args.from_date, to_date=args.to_date)
    print(f"Wrote {count} meeting{'s' if count != 1 else ''} to {args.file}")
    return 0


def list_actions(args, ctx) -> int:
    rows = ctx.run(actions.list_actions, owner_id=args.owner, committee_id=args.committee,
                   overdue=args.overdue, open_only=args.open)
    print_table([[r.id, r.committee, f"{r.meeting_date:%Y-%m-%d}", r.item_number,
                  r.description, r.owner, r.due_on or "", _status(r),
                  "overdue" if r.overdue else ""] for r in rows],
                ["id", "body", "raised", "item", "action", "owner", "due", "status", ""])
    return 0
