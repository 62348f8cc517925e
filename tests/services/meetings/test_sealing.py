"""Approved means sealed: every record of a meeting whose minutes are approved refuses an
edit with a clear message, and takes a correction, which is audited and shown."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services import audit, interests
from app.services.decisions import decisions, trail
from app.services.decisions.corrections import correct_sealed_record
from app.services.meetings import (
    actions,
    agenda,
    attachments,
    attendance,
    meetings,
    minutes,
    papers,
    sealing,
)
from app.store.meetings import Attendance
from app.store.packs import IssuedPack
from tests.services.meeting_setup import make_body, make_meeting

SEALED = "is sealed: its minutes were approved on 29 Nov 2012"


@pytest.fixture
def sealed(ctx):
    """A September meeting with one of everything, its minutes approved in November."""
    with ctx.transaction() as s:
        gb = make_body(s)
        first = make_meeting(s, gb, when=dt.datetime(2012, 9, 27, 14), title="GB September")
        later = make_meeting(s, gb, when=dt.datetime(2012, 11, 29, 14), title="GB November")
        item = agenda.add_agenda_item(s, meeting_id=first.id, title="QIPP plan",
                                      purpose="approval")
        for name, pid in gb.person.items():
            attendance.record_attendance(s, meeting_id=first.id, person_id=pid,
                                         status="in attendance" if name == "Secretary"
                                         else "present")
        decl = interests.declare_interest(s, meeting_id=first.id,
                                          person_id=gb.person["GP Member"],
                                          description="Partner in a local practice",
                                          action="participated", agenda_item_id=item.id)
        paper = papers.create_paper(s, agenda_item_id=item.id, title="QIPP plan 2013/14",
                                    executive_summary="The plan for the year.")
        att = attachments.add_attachment(s, paper_id=paper.id, name="qipp.pdf",
                                         data=b"%PDF-1.4 qipp plan")
        minute = minutes.record_minute(s, agenda_item_id=item.id, discussion="Discussed.",
                                       outcome="Approved.")
        for status in ("agenda issued", "held"):
            m = meetings.get_meeting(s, meeting_id=first.id)
            meetings.set_meeting_status(s, meeting_id=m.id, status=status,
                                        expected_version=m.version)
        decision = decisions.record_decision(s, agenda_item_id=item.id, outcome="approved",
                                             resolution="The QIPP plan is approved")
        action = actions.create_action(s, meeting_id=first.id, description="Publish the plan",
                                       owner_id=gb.person["Chief Officer"],
                                       agenda_item_id=item.id)
        minutes.approve_minutes(s, meeting_id=first.id, at_meeting_id=later.id)
        cfo = next(a for a in attendance.list_attendance(s, meeting_id=first.id)
                   if a.person == "Chief Finance Officer")
    return dict(gb=gb, meeting=first, later=later, item=item, decl=decl, paper=paper,
                attachment=att, minute=minute, decision=decision, action=action, cfo=cfo)


EDITS = {
    "meeting": lambda s, r: meetings.update_meeting(
        s, meeting_id=r["meeting"].id, expected_version=None, title="Renamed",
        starts_at=dt.datetime(2012, 9, 27, 14)),
    "agenda_item": lambda s, r: agenda.update_agenda_item(
        s, item_id=r["item"].id, expected_version=None, title="Other"),
    "agenda (adding)": lambda s, r: agenda.add_agenda_item(
        s, meeting_id=r["meeting"].id, title="Late item"),
    "attendance": lambda s, r: attendance.record_attendance(
        s, meeting_id=r["meeting"].id, person_id=r["cfo"].person_id, status="apologies"),
    "attendance (removing)": lambda s, r: attendance.remove_attendance(
        s, attendance_id=r["cfo"].id, expected_version=None),
    "declaration": lambda s, r: interests.update_declaration(
        s, declaration_id=r["decl"].id, expected_version=None, description="Other",
        action="withdrew", agenda_item_id=r["item"].id),
    "declaration (adding)": lambda s, r: interests.declare_interest(
        s, meeting_id=r["meeting"].id, person_id=r["gb"].person["Chair"],
        description="New", action="withdrew", agenda_item_id=r["item"].id),
    "paper": lambda s, r: papers.update_paper(
        s, paper_id=r["paper"].id, expected_version=None, executive_summary="Rewritten"),
    "attachment": lambda s, r: attachments.replace_attachment(
        s, attachment_id=r["attachment"].id, expected_version=None, data=b"%PDF-1.4 other"),
    "minute_entry": lambda s, r: minutes.record_minute(
        s, agenda_item_id=r["item"].id, discussion="Rewritten", outcome="Rejected."),
    "decision": lambda s, r: decisions.correct_decision(
        s, decision_id=r["decision"].id, expected_version=None, reason="reworded later",
        resolution="Something else"),
    "decision (withdrawing)": lambda s, r: decisions.withdraw_decision(
        s, decision_id=r["decision"].id, expected_version=None, reason="years later"),
    "decision (new)": lambda s, r: decisions.record_decision(
        s, agenda_item_id=r["item"].id, outcome="noted", resolution="Another"),
    "action_item": lambda s, r: actions.update_action(
        s, action_id=r["action"].id, expected_version=None, description="Something else",
        owner_id=r["action"].owner_id, due_on=None, status="open"),
    "action (new)": lambda s, r: actions.create_action(
        s, meeting_id=r["meeting"].id, description="Raised afterwards"),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_an_edit_of_a_sealed_record_is_refused_with_a_clear_message(ctx, sealed, kind):
    with pytest.raises(Conflict, match=SEALED) as refused:
        with ctx.transaction() as s:
            EDITS[kind](s, sealed)
    assert "Record a correction instead." in str(refused.value)
    assert "Merton" not in str(refused.value) and "Governing Body, 27 Sep 2012" in str(
        refused.value)


def test_the_hook_refuses_a_change_that_bypasses_the_services(ctx, sealed):
    with pytest.raises(Conflict, match=SEALED):
        with ctx.transaction() as s:
            s.get(Attendance, sealed["cfo"].id).status = "absent"
    with ctx.transaction() as s:
        assert s.get(Attendance, sealed["cfo"].id).status == "present"


def test_an_actions_progress_is_still_recorded(ctx, sealed):
    a = sealed["action"]
    with ctx.transaction() as s:
        actions.add_action_update(s, action_id=a.id, text="Published on the website")
        row = actions.close_action(s, action_id=a.id, expected_version=None,
                                   on=dt.date(2013, 1, 10))
    assert row.status == "closed"


def _read(s, kind, r):
    """The record's read model text that shows its corrections."""
    m = r["meeting"].id
    if kind == "meeting":
        return meetings.get_meeting(s, meeting_id=m).corrected
    if kind == "agenda_item":
        return agenda.get_agenda_item(s, item_id=r["item"].id).corrected
    if kind == "attendance":
        return next(a for a in attendance.list_attendance(s, meeting_id=m)
                    if a.id == r["cfo"].id).corrected
    if kind == "declaration":
        return interests.list_declarations(s, meeting_id=m)[0].corrected
    if kind == "paper":
        return papers.get_paper(s, paper_id=r["paper"].id).corrected
    if kind == "minute_entry":
        return minutes.list_minutes(s, meeting_id=m)[0].corrected
    if kind == "decision":
        return decisions.get_decision(s, decision_id=r["decision"].id).correction_note
    if kind == "action_item":
        return actions.get_action(s, action_id=r["action"].id).corrected
    return "\n".join(c.text for c in sealing.list_corrections(
        s, record_type=kind, record_id=r["attachment"].id))


CORRECTIONS = {
    "meeting": ("meeting", {"venue": "Room 2"}),
    "agenda_item": ("item", {"title": "QIPP plan 2013/14"}),
    "attendance": ("cfo", {"status": "apologies"}),
    "declaration": ("decl", {"action": "withdrew"}),
    "paper": ("paper", {"executive_summary": "The plan for 2013/14."}),
    "attachment": ("attachment", {"description": "Appendix A"}),
    "minute_entry": ("minute", {"outcome": "Approved with amendments."}),
    "decision": ("decision", {"resolution": "The QIPP plan is approved as amended",
                              "votes_for": 5}),
    "action_item": ("action", {"description": "Publish the plan by January"}),
}


@pytest.mark.parametrize("kind", list(CORRECTIONS))
def test_a_correction_is_accepted_audited_and_shown(ctx, sealed, kind):
    key, fields = CORRECTIONS[kind]
    record_id = sealed[key].id
    reason = f"the {kind.replace('_', ' ')} was recorded wrongly"
    with ctx.transaction() as s:
        row = correct_sealed_record(s, record_type=kind, record_id=record_id, fields=fields,
                                    reason=reason, requested_by="Chair")
    assert row.record_type == kind and row.record_id == record_id
    assert row.made_by == "test secretary" and row.requested_by == "Chair"
    changed = {name: after for name, _before, after in row.fields}
    for name, value in fields.items():
        assert changed[name] == value
    assert row.text.startswith(f"Corrected on {dt.date.today().day} ") and reason in row.text
    with ctx.transaction() as s:
        assert reason in _read(s, kind, sealed)
        events = audit.list_events(s, record_type="correction", record_id=str(row.id),
                                   limit=None, newest_first=False)
        assert [e.action for e in events] == ["create"]
        noted = sealing.corrections_to_note(s, meeting_id=sealed["later"].id)
        assert [c.id for c in noted] == [row.id]
        # the record stays sealed for the next edit
        if kind in EDITS:
            with pytest.raises(Conflict, match=SEALED):
                EDITS[kind](s, sealed)


def test_a_correction_needs_a_reason_and_someone_asking_and_a_sealed_record(ctx, sealed):
    with pytest.raises(ValidationError) as refused:
        ctx.run(correct_sealed_record, record_type="attendance", record_id=sealed["cfo"].id,
                fields={"status": "apologies", "person_id": 1}, reason=" ", requested_by="")
    assert {p.field for p in refused.value.problems} == {"reason", "requested_by",
                                                          "person_id"}
    with pytest.raises(ValidationError, match="is not one of"):
        ctx.run(correct_sealed_record, record_type="attendance", record_id=sealed["cfo"].id,
                fields={"status": "asleep"}, reason="typo", requested_by="Chair")
    with ctx.transaction() as s:
        item = agenda.add_agenda_item(s, meeting_id=sealed["later"].id, title="Open item")
    with pytest.raises(Conflict, match="not sealed"):
        ctx.run(correct_sealed_record, record_type="agenda_item", record_id=item.id,
                fields={"title": "x"}, reason="typo", requested_by="Chair")


def test_corrections_are_in_the_decision_trail_and_noted_when_the_next_minutes_are_approved(
        ctx, sealed):
    with ctx.transaction() as s:
        fix = correct_sealed_record(s, record_type="attendance", record_id=sealed["cfo"].id,
                                    fields={"status": "apologies"},
                                    reason="the Chief Finance Officer sent apologies",
                                    requested_by="Chief Finance Officer")
        chain = trail.trail_chain(s, kind="decision", id=sealed["decision"].id)
        assert [c.id for c in chain.corrections] == [fix.id]
        assert any(e.record_type == "correction" for e in chain.audit_events)
        third = make_meeting(s, sealed["gb"], when=dt.datetime(2013, 1, 31, 14), title="Jan")
        later = meetings.get_meeting(s, meeting_id=sealed["later"].id)
        for status in ("agenda issued", "held"):
            later = meetings.set_meeting_status(s, meeting_id=later.id, status=status,
                                                expected_version=later.version)
        minutes.approve_minutes(s, meeting_id=later.id, at_meeting_id=third.id)
        assert [c.noted_at for c in sealing.corrections_to_note(s, meeting_id=later.id)] == [
            "Governing Body, 29 Nov 2012"]
        assert sealing.corrections_to_note(s, meeting_id=third.id) == []


def test_the_meeting_read_model_says_it_is_sealed(ctx, sealed):
    row = ctx.run(meetings.get_meeting, meeting_id=sealed["meeting"].id)
    assert row.sealed == "Sealed: minutes approved at Governing Body on 29 Nov 2012."
    assert ctx.run(meetings.get_meeting, meeting_id=sealed["later"].id).sealed == ""


def test_an_issued_pack_is_never_changed(ctx, sealed):
    import hashlib

    from app.services.pack.issued import record_issued_pack

    data = b"%PDF-1.4 pack"
    pack = ctx.run(record_issued_pack, meeting_id=sealed["later"].id, public=False, number=1,
                   data=data, sha256=hashlib.sha256(data).hexdigest(), page_count=1,
                   file_name="pack.pdf", audit_head="0" * 64, issued_by="Secretary")
    with pytest.raises(Conflict, match="never changed"):
        with ctx.transaction() as s:
            s.get(IssuedPack, pack.id).file_name = "other.pdf"
    with pytest.raises(Conflict, match="never changed"):
        with ctx.transaction() as s:
            s.delete(s.get(IssuedPack, pack.id))


def test_the_next_packs_minutes_print_the_corrections(ctx, sealed):
    from app.services.pack import sections

    with ctx.transaction() as s:
        correct_sealed_record(s, record_type="minute_entry", record_id=sealed["minute"].id,
                              fields={"outcome": "Approved with amendments."},
                              reason="the amendments were left out", requested_by="Chair")
        later = meetings.get_meeting(s, meeting_id=sealed["later"].id)
        found = sections._corrections(s, later)
        minute_rows = sections._minute_rows(minutes.list_minutes(
            s, meeting_id=sealed["meeting"].id))
    assert [x.title for x in found] == [sections.CORRECTIONS_TITLE]
    assert "Corrected on" in found[0].rows[0][3] and "amendments were left out" in \
        found[0].rows[0][3]
    assert "outcome: Approved. → Approved with amendments." in found[0].rows[0][2]
    assert "because the amendments were left out" in minute_rows[0][4]


def test_a_ratified_chairs_action_is_sealed_and_takes_a_correction(ctx):
    from app.services.decisions import chairs_actions
    from app.store.decisions import ChairsAction
    from tests.services.decision_setup import make_setup, next_meeting
    from tests.services.decisions.test_chairs_actions import draft, everyone_present, held, take

    with ctx.transaction() as s:
        st = make_setup(s)
        nov = next_meeting(s, st.body)
    everyone_present(ctx, nov.id)
    ca = take(ctx, draft(ctx, st))
    held(ctx, nov.id)
    ctx.run(decisions.record_decision, agenda_item_id=ca.ratification_item_id,
            outcome="ratified", resolution="Ratified the Chair's action")
    with pytest.raises(Conflict, match="is sealed: the body settled it"):
        ctx.run(chairs_actions.withdraw_chairs_action, chairs_action_id=ca.id,
                expected_version=None, reason="afterthought")
    with pytest.raises(Conflict, match="is sealed: the body settled it"):
        with ctx.transaction() as s:
            s.get(ChairsAction, ca.id).decision_text = "Something else"
    row = ctx.run(correct_sealed_record, record_type="chairs_action", record_id=ca.id,
                  fields={"outcome_note": "Ratified, with the amendment noted"},
                  reason="the amendment was not recorded", requested_by="Chair")
    assert row.meeting_id == nov.id
    assert dict((n, a) for n, _b, a in row.fields)["outcome_note"] == (
        "Ratified, with the amendment noted")
