"""Meetings to .ics: read the file back with icalendar and check what a calendar would see."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from app.exchange.ics import calendar_bytes, export_ics
from app.services.meetings import agenda, meetings
from tests.services.meeting_setup import make_body, make_meeting

LONDON = ZoneInfo("Europe/London")


def _events(data: bytes) -> list:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def _setup(ctx):
    with ctx.transaction() as s:
        body = make_body(s)
        other = make_body(s, name="Audit Committee", quorum=2, kinds=("lay member",))
        gb = make_meeting(s, body, venue="Merton Civic Centre",
                          video_link="https://meet.example.org/gb-sept")
        agenda.apply_template(s, meeting_id=gb.id)
        agenda.add_agenda_item(s, meeting_id=gb.id, title="Integrated Strategy & Operating "
                               "Plan (ISOP)", purpose="approval", minutes_allocated=20)
        agenda.add_agenda_item(s, meeting_id=gb.id, title="Contract award (confidential)",
                               part=2, purpose="decision", minutes_allocated=15)
        audit = make_meeting(s, other, when=dt.datetime(2012, 12, 6, 10), title="Audit")
    return body, gb, audit


def test_meetings_read_back_with_times_place_and_public_agenda(ctx, tmp_path):
    body, gb, audit = _setup(ctx)
    path = tmp_path / "meetings.ics"
    assert ctx.run(export_ics, path=path) == 2
    events = {str(e["summary"]): e for e in _events(path.read_bytes())}
    event = events["Governing Body meeting"]
    start = event.decoded("dtstart")
    assert start == dt.datetime(2012, 9, 27, 14, 0, tzinfo=LONDON)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtend") - start == dt.timedelta(minutes=25 + 20 + 15)
    assert str(event["location"]) == "Merton Civic Centre"
    assert str(event["url"]) == "https://meet.example.org/gb-sept"
    description = str(event["description"])
    assert "14:25  5  Integrated Strategy & Operating Plan (ISOP) (For Approval)" in description
    assert "Contract award" not in description  # Part 2 stays out of invitations
    assert "Part 2" in description
    winter = events["Audit"].decoded("dtstart")
    assert winter.utcoffset() == dt.timedelta(0)  # GMT in December
    assert events["Audit"].decoded("dtend") - winter == dt.timedelta(hours=1)


def test_uid_is_stable_and_sequence_follows_changes(ctx):
    _, gb, _ = _setup(ctx)
    first = {str(e["uid"]): int(e["sequence"]) for e in _events(ctx.run(calendar_bytes))}
    ctx.run(meetings.update_meeting, meeting_id=gb.id, expected_version=gb.version,
            title=gb.title, starts_at=dt.datetime(2012, 9, 27, 15, 0))
    second = {str(e["uid"]): int(e["sequence"]) for e in _events(ctx.run(calendar_bytes))}
    assert first.keys() == second.keys()
    uid = next(u for u in first if u.startswith(f"meeting-{gb.id}."))
    assert second[uid] == first[uid] + 1


def test_one_body_only(ctx):
    body, gb, _ = _setup(ctx)
    events = _events(ctx.run(calendar_bytes, committee_id=body.committee_id))
    assert [str(e["summary"]) for e in events] == ["Governing Body meeting"]
    assert _events(ctx.run(calendar_bytes, from_date=dt.date(2013, 1, 1))) == []
