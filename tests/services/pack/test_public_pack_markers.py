"""Confidentiality belongs to the data: a marker in every field of a Part 2 item, of a
confidential Part 1 paper and of the records derived from them (an action raised at the Part 2
item, a chair's action taken on its paper and the item that puts it to the next meeting for
ratification, the Part 2 minute) never reaches the public pack of that meeting or of the next,
nor the calendar; the members' packs carry every one of them."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.domain.papers import TEXT_FIELDS
from app.exchange.ics import calendar_bytes
from app.reports.pack.render import render_board_pack
from app.services.decisions.chairs_actions import (
    NewConsultee,
    create_chairs_action,
    take_chairs_action,
)
from app.services.meetings.actions import add_action_update, create_action
from app.services.meetings.agenda import add_agenda_item
from app.services.meetings.meetings import create_meeting, list_meetings
from app.services.meetings.minutes import record_minute
from app.services.meetings.papers import create_paper
from app.services.pack.gather import gather_pack
from app.services.people import list_committees, list_people
from app.services.publication import CONFIDENTIAL_RATIFICATION

GOVERNING_BODY = "Merton CCG Governing Body"
HELD = dt.date(2013, 3, 28)  # the demo's last Governing Body meeting, held, not yet sealed
NEXT = dt.datetime(2013, 5, 30, 10, 0)


def marker(kind: str, field: str) -> str:
    return f"MARKER-{kind}-{field.upper().replace('_', '-')}-X"


# A Part 2 paper: every text field carries its marker.
P2_PAPER = {f: marker("P2", f) for f in TEXT_FIELDS}
# A confidential Part 1 paper: its title stays on the public agenda; the rest is withheld.
C1_TITLE = "Confidential Part 1 paper, title shown in public"
C1_PAPER = {f: marker("C1", f) for f in TEXT_FIELDS if f != "title"}
P2_ITEM = marker("P2", "item_title")
P2_ACTION = {"description": marker("P2", "action"), "update": marker("P2", "action_update")}
P2_MINUTE = {"discussion": marker("P2", "minute_discussion"),
             "outcome": marker("P2", "minute_outcome")}
P2_CHAIRS_ACTION = {f: marker("P2CA", f) for f in (
    "title", "decision_text", "urgency_reason", "power", "standing_order_clause",
    "if_not_ratified")}

PRIVATE_MARKERS = (list(P2_PAPER.values()) + list(C1_PAPER.values()) + [P2_ITEM]
                   + list(P2_ACTION.values()) + list(P2_MINUTE.values())
                   + list(P2_CHAIRS_ACTION.values()))


def _confidential_business(session) -> dict:
    people = {p.name: p.id for p in list_people(session)}
    body = next(c.id for c in list_committees(session) if c.name == GOVERNING_BODY)
    held = next(m for m in list_meetings(session, committee_id=body) if m.meeting_date == HELD)
    item = add_agenda_item(session, meeting_id=held.id, title=P2_ITEM, part=2,
                           purpose="decision", presenter_id=people["Chief Officer"])
    paper = create_paper(session, agenda_item_id=item.id, **P2_PAPER)
    c1_item = add_agenda_item(session, meeting_id=held.id, title=C1_TITLE, purpose="noting")
    create_paper(session, agenda_item_id=c1_item.id, title=C1_TITLE, confidential=True,
                 **C1_PAPER)
    action = create_action(session, meeting_id=held.id, description=P2_ACTION["description"],
                           owner_id=people["Chief Officer"], due_on=dt.date(2013, 6, 30),
                           agenda_item_id=item.id)
    add_action_update(session, action_id=action.id, text=P2_ACTION["update"],
                      on=dt.date(2013, 4, 20))
    record_minute(session, agenda_item_id=item.id, **P2_MINUTE)
    following = create_meeting(session, committee_id=body, title="Governing Body – May 2013",
                               starts_at=NEXT, part2_reason="")
    ca = create_chairs_action(
        session, committee_id=body, paper_id=paper.id, taken_by_id=people["Clinical Chair"],
        taken_on=dt.date(2013, 4, 10),
        consultees=[NewConsultee(people["Lay Member for Governance"], dt.date(2013, 4, 9)),
                    NewConsultee(people["Chief Officer"], dt.date(2013, 4, 10))],
        **P2_CHAIRS_ACTION)
    ca = take_chairs_action(session, chairs_action_id=ca.id, expected_version=ca.version,
                            today=dt.date(2013, 4, 10))
    assert ca.ratification_meeting_id == following.id
    return {"held": held.id, "next": following.id, "body": body}


@pytest.fixture(scope="module")
def built(tmp_path_factory, sqlite_template):
    """The demo with the confidential business added; both packs of both meetings."""
    from app.services.context import AppContext
    from app.services.demo.load import load_demo

    folder = tmp_path_factory.mktemp("markers")
    path = folder / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="test secretary")
    try:
        ctx.run(load_demo)
        ids = ctx.run(_confidential_business)
        texts = {}
        for which in ("held", "next"):
            for public in (True, False):
                pack = ctx.run(gather_pack, meeting_id=ids[which], public=public)
                out = folder / f"{which}-{'public' if public else 'full'}.pdf"
                render_board_pack(pack, out, public=public)
                texts[which, public] = (out, _squashed(
                    "\n".join(p.extract_text() or "" for p in PdfReader(out).pages)))
        ics = Calendar.from_ical(ctx.run(calendar_bytes, committee_id=ids["body"]))
        texts["ics"] = _squashed("\n".join(
            str(e.get(name, "")) for e in ics.walk("VEVENT")
            for name in ("summary", "description", "location")))
        yield texts
    finally:
        ctx.close()


def _squashed(text: str) -> str:
    """Without white space, so a marker that the layout wrapped is still found."""
    return "".join(text.split())


@pytest.mark.parametrize("which", ["held", "next"])
def test_no_confidential_marker_reaches_the_public_pack(built, which):
    _, text = built[which, True]
    leaked = [m for m in PRIVATE_MARKERS if m in text]
    assert not leaked


def test_the_members_packs_carry_every_marker(built):
    held, following = built["held", False][1], built["next", False][1]
    for m in list(P2_PAPER.values()) + list(C1_PAPER.values()) + [P2_ITEM]:
        assert m in held, m
    for m in (P2_ACTION["description"], P2_ACTION["update"], *P2_MINUTE.values(),
              P2_CHAIRS_ACTION["title"], P2_CHAIRS_ACTION["decision_text"],
              P2_CHAIRS_ACTION["urgency_reason"], P2_CHAIRS_ACTION["power"]):
        assert m in following, m


def test_the_public_pack_names_a_confidential_ratification_only_in_general_words(built):
    _, text = built["next", True]
    assert _squashed(CONFIDENTIAL_RATIFICATION) in text
    # the demo's own chair's action, on no paper, is reported in full
    assert _squashed("Operating plan 2013/14: final submission") in text


def test_the_public_pack_says_once_what_is_withheld_and_prints_the_resolution_once(built):
    _, text = built["held", True]
    assert _squashed(C1_TITLE) in text
    assert text.count(_squashed("Withheld from the public pack")) == 1
    assert "Implicationsfor" + marker("C1", "other_bodies") not in text
    assert text.count("befromtheremainderofthe") <= 1
    assert text.count("Resolution:") == 1


def test_the_calendar_keeps_the_confidential_chairs_action_out(built):
    text = built["ics"]
    assert not [m for m in PRIVATE_MARKERS if m in text]
    assert _squashed(CONFIDENTIAL_RATIFICATION) in text
