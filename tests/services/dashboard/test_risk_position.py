"""The dashboard's numbers equal the same counts worked out independently from the services
the other screens use (the register, the action log, papers, attendance and quorum), on the demo
organisation and on a generated register of a few hundred risks."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict

import pytest

from app.domain.meetings import PRESENT_STATUSES
from app.services.context import AppContext
from app.services.dashboard import governance
from app.services.dashboard import risk_position as dashboard
from app.services.decisions import corrections
from app.services.demo.load import load_demo
from app.services.meetings import actions, attendance, meetings, papers
from app.services.risks import register as risk_register
from app.services.risks.register import RiskFilter

TODAY = dt.date(2013, 1, 15)  # inside the demo's year: some reviews and actions overdue, some not
PERIOD = {"date_from": dt.date(2012, 4, 1), "date_to": dt.date(2013, 3, 31)}


def _database(template, folder, scale: int):
    path = folder / "dashboard.sqlite"
    shutil.copy(template, path)
    ctx = AppContext.open(path, actor="test secretary")
    ctx.run(load_demo, scale=scale)
    return ctx


@pytest.fixture(scope="module", params=[0, 300], ids=["demo", "generated"])
def data(request, sqlite_template, tmp_path_factory):
    """The demo (scale 0) and the demo with 300 generated risks; tests only read them."""
    ctx = _database(sqlite_template, tmp_path_factory.mktemp("dash"), request.param)
    yield ctx
    ctx.close()


@pytest.fixture
def demo(sqlite_template, tmp_path):
    """A demo of its own, for a test that changes it."""
    ctx = _database(sqlite_template, tmp_path, 0)
    yield ctx
    ctx.close()


def committees(ctx) -> list[int | None]:
    return [None] + [c.id for c in ctx.run(dashboard.committee_choices)]


def register(ctx, committee_id):
    return ctx.run(risk_register.list_risks, filters=RiskFilter(committee_id=committee_id),
                   today=TODAY)


def grid(rows, kind: str) -> list[list[int]]:
    counts = [[0] * 5 for _ in range(5)]
    for r in rows:
        lik, con = getattr(r, f"{kind}_likelihood"), getattr(r, f"{kind}_consequence")
        if lik is not None:
            counts[lik - 1][con - 1] += 1
    return counts


# ------------------------------------------------------------------------------------ risks


def test_heat_maps_count_the_register(data):
    for committee_id in committees(data):
        maps = data.run(dashboard.heat_maps, committee_id=committee_id, today=TODAY)
        rows = register(data, committee_id)
        assert maps.current == grid(rows, "current")
        assert maps.target == grid(rows, "target")
        assert maps.current == data.run(risk_register.heat_map_counts,
                                        filters=RiskFilter(committee_id=committee_id))
    assert sum(map(sum, data.run(dashboard.heat_maps).current)) > 0


def test_counts_equal_the_registers_flags(data):
    for committee_id in committees(data):
        counts = data.run(dashboard.risk_counts, committee_id=committee_id, today=TODAY)
        rows = register(data, committee_id)
        assert counts == dashboard.RiskCounts(
            open_risks=len(rows), above_appetite=sum(r.above_appetite for r in rows),
            reviews_overdue=sum(r.review_overdue for r in rows),
            actions_overdue=sum(r.overdue_actions for r in rows))


def test_breakdowns_by_category_and_owner_equal_the_register(data):
    scheme = data.run(dashboard.get_band_scheme)
    for committee_id in committees(data):
        rows = register(data, committee_id)
        for function, field in ((dashboard.risks_by_category, "category"),
                                (dashboard.risks_by_owner, "owner")):
            found = data.run(function, committee_id=committee_id)
            expected = Counter((getattr(r, field) or dashboard.NO_OWNER, r.current_band)
                               for r in rows)
            shown = {(label, band): n for label, counts in zip(found.labels, found.counts,
                                                               strict=True)
                     for band, n in zip(found.bands, counts, strict=True) if n}
            assert shown == dict(expected)
            assert found.bands == tuple(b.name for b in scheme.bands)
            totals = [found.total(i) for i in range(len(found.labels))]
            assert totals == sorted(totals, reverse=True)


def test_band_profile_is_the_registers_monthly_profile(data):
    for committee_id in (None, committees(data)[1]):
        profile = data.run(dashboard.band_profile, committee_id=committee_id, **PERIOD)
        months = data.run(risk_register.register_profile_by_month, start=PERIOD["date_from"],
                          end=PERIOD["date_to"], committee_id=committee_id)
        assert list(profile.months) == months
        assert len(months) == 12
        assert list(profile.corporate) == [m.counts["Extreme"] for m in months]


def test_score_movement_follows_the_history(data):
    worst = data.run(dashboard.risk_choices)[0]
    history = data.run(risk_register.score_history, risk_id=worst.id)
    points = data.run(dashboard.score_movement, risk_id=worst.id)
    assert sorted((p.kind, p.scored_on, p.score) for p in points) == sorted(
        (s.kind, s.scored_on, s.score) for s in history if s.kind in ("current", "target"))
    late = data.run(dashboard.score_movement, risk_id=worst.id, date_from=dt.date(2013, 1, 1))
    current = [p for p in late if p.kind == "current"]
    in_force = [s for s in history if s.kind == "current" and s.scored_on < dt.date(2013, 1, 1)]
    assert current[0].scored_on == dt.date(2013, 1, 1)
    assert current[0].score == in_force[-1].score


def test_risk_choices_are_worst_first_and_follow_the_committee(data):
    choices = data.run(dashboard.risk_choices)
    scores = [c.current_score for c in choices]
    assert scores == sorted(scores, reverse=True)
    committee_id = committees(data)[1]
    mine = {r.id for r in register(data, committee_id)}
    assert {c.id for c in data.run(dashboard.risk_choices, committee_id=committee_id)} == mine


# ------------------------------------------------------------------------------- governance


def test_actions_by_committee_equal_the_action_log(data):
    open_rows = data.run(actions.list_actions, open_only=True, today=TODAY)
    overdue = data.run(actions.list_actions, overdue=True, today=TODAY)
    found = data.run(governance.actions_by_committee, today=TODAY)
    assert {(a.committee, a.open, a.overdue) for a in found} == {
        (name, sum(r.committee == name for r in open_rows),
         sum(r.committee == name for r in overdue)) for name in {r.committee for r in open_rows}}
    assert sum(a.overdue for a in found) > 0


def test_late_papers_equal_the_papers_service(data):
    found = data.run(governance.papers_by_meeting, **PERIOD)
    for row in found:
        listed = data.run(papers.list_papers, meeting_id=row.meeting.id)
        assert (row.papers, row.late) == (
            len(listed), len(data.run(papers.late_papers, meeting_id=row.meeting.id)))
    held = data.run(meetings.list_meetings, from_date=PERIOD["date_from"],
                    to_date=PERIOD["date_to"])
    assert {r.meeting.id for r in found} == {
        m.id for m in held if data.run(papers.list_papers, meeting_id=m.id)}
    assert sum(r.late for r in found) >= 1


def _expected_attendance(ctx, committee_id=None):
    people, bodies = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for m in ctx.run(meetings.list_meetings, committee_id=committee_id,
                     from_date=PERIOD["date_from"], to_date=PERIOD["date_to"]):
        status = {a.person_id: a.status
                  for a in ctx.run(attendance.list_attendance, meeting_id=m.id)}
        if not status:
            continue
        for member in ctx.run(attendance.members_expected, meeting_id=m.id):
            if member.role == "in attendance":
                continue
            there = status.get(member.person_id) in PRESENT_STATUSES
            for tally, key in ((people, member.person), (bodies, m.committee_id)):
                tally[key][0] += 1
                tally[key][1] += there
    return ({k: tuple(v) for k, v in people.items()}, {k: tuple(v) for k, v in bodies.items()})


def test_attendance_rates_equal_attendance_records(data):
    for committee_id in (None, committees(data)[1]):
        members, bodies = data.run(governance.attendance_rates, committee_id=committee_id,
                                   **PERIOD)
        want_people, want_bodies = _expected_attendance(data, committee_id)
        assert {r.name: (r.expected, r.present) for r in members} == want_people
        assert {r.id: (r.expected, r.present) for r in bodies} == want_bodies
        assert [r.rate for r in members] == sorted(r.rate for r in members)


def _quorum_from_service(ctx):
    expected = {}
    for m in ctx.run(meetings.list_meetings, **{"from_date": PERIOD["date_from"],
                                                "to_date": PERIOD["date_to"]}):
        if not ctx.run(attendance.list_attendance, meeting_id=m.id):
            continue
        whole = ctx.run(attendance.quorum_now, meeting_id=m.id).quorate
        items = tuple(q.item_number for q in ctx.run(attendance.quorum_by_item, meeting_id=m.id)
                      if not q.quorate)
        if not whole or items:
            expected[m.id] = (whole, items)
    return expected


def test_quorum_failures_judge_as_the_attendance_service(demo):
    quorum = demo.run(governance.quorum_failures, **PERIOD)
    assert quorum.meetings_checked > 10
    before = {c.meeting.id: (c.quorate, c.inquorate_items) for c in quorum.failures}
    assert before == _quorum_from_service(demo)
    meeting = demo.run(meetings.list_meetings, committee_id=committees(demo)[2])[0]
    present = [a for a in demo.run(attendance.list_attendance, meeting_id=meeting.id)
               if a.voting and a.status == "present"]
    for a in present[: len(present) - 1]:  # one voting member left: inquorate throughout
        # the meeting's minutes are approved, so its record changes only by correction
        demo.run(corrections.correct_sealed_record, record_type="attendance", record_id=a.id,
                 fields={"status": "apologies"}, reason="Sent apologies; recorded as present",
                 requested_by="Board secretary")
    quorum = demo.run(governance.quorum_failures, **PERIOD)
    assert {c.meeting.id: (c.quorate, c.inquorate_items) for c in quorum.failures} == \
        _quorum_from_service(demo)
    assert quorum.meetings_inquorate == 1 and meeting.id not in before
    assert len(quorum.failures) == len(before) + 1


# ---------------------------------------------------------------------------------- summary


def test_summary_defaults_to_the_year_of_the_last_meeting(data):
    summary = data.run(dashboard.dashboard_summary)
    assert (summary.date_from, summary.date_to) == (dt.date(2012, 4, 1), dt.date(2013, 3, 28))
    assert summary.risk_id == summary.risk_choices[0].id
    assert summary.movement


def test_filters_change_the_figures(data):
    everything = data.run(dashboard.dashboard_summary, today=TODAY, **PERIOD)
    committee_id = committees(data)[1]
    one = data.run(dashboard.dashboard_summary, committee_id=committee_id, today=TODAY,
                   **PERIOD)
    assert one.counts.open_risks == len(register(data, committee_id))
    assert one.counts.open_risks < everything.counts.open_risks
    assert {m.meeting.committee_id for m in one.governance.papers_by_meeting} == {committee_id}
    autumn = data.run(dashboard.dashboard_summary, today=TODAY, date_from=dt.date(2012, 9, 1),
                      date_to=dt.date(2012, 11, 30))
    assert len(autumn.profile.months) == 3
    assert len(autumn.governance.papers_by_meeting) < len(everything.governance.papers_by_meeting)
    assert autumn.counts == everything.counts  # the register as it stands: no period


def test_decisions_by_meeting_count_recorded_outcomes(demo):
    from app.services.decisions import decisions
    from app.services.meetings import agenda

    def shown():
        return Counter({(m.meeting.id, o): n for m in demo.run(
            governance.decisions_by_meeting, **PERIOD) for o, n in m.outcomes.items()})

    before = shown()  # the demo's own decisions
    held = demo.run(meetings.list_meetings, **{"from_date": PERIOD["date_from"],
                                               "to_date": PERIOD["date_to"]})
    recorded = Counter()
    # decisions are recorded at meetings whose minutes are not approved yet (sealed ones refuse)
    for meeting in [m for m in held if m.status == "held"][:3]:
        for item in demo.run(agenda.list_agenda, meeting_id=meeting.id):
            outcome = {"information": "noted", "approval": "approved"}.get(item.purpose)
            if outcome is None:
                continue
            reasons = demo.run(decisions.override_needed_for, agenda_item_id=item.id)
            demo.run(decisions.record_decision, agenda_item_id=item.id, outcome=outcome,
                     resolution=f"The body {outcome} it.",
                     override_reason="Recorded for the test" if reasons else "")
            recorded[(meeting.id, outcome)] += 1
    assert recorded
    assert shown() == before + recorded
    standing = Counter((d.meeting_id, d.outcome) for d in demo.run(
        decisions.list_decisions, include_withdrawn=False)
        if PERIOD["date_from"] <= d.meeting_date <= PERIOD["date_to"])
    assert shown() == standing
    one = held[0].committee_id
    assert {m.meeting.committee_id for m in demo.run(
        governance.decisions_by_meeting, committee_id=one, **PERIOD)} <= {one}


def test_chairs_actions_awaiting_are_aged_from_the_day_taken(data, monkeypatch):
    from types import SimpleNamespace

    from app.services.decisions import chairs_actions

    pending = data.run(chairs_actions.list_chairs_actions, pending_only=True, today=TODAY)
    assert [(a.id, a.age_days) for a in data.run(governance.chairs_actions_awaiting,
                                                 today=TODAY)] == sorted(
        ((a.id, (TODAY - a.taken_on).days) for a in pending), key=lambda x: (-x[1], x[0]))
    taken = [SimpleNamespace(id=1, title="Sign the lease", committee="GB", committee_id=1,
                             taken_on=dt.date(2012, 12, 1), status="reported"),
             SimpleNamespace(id=2, title="Agree the contract", committee="GB", committee_id=1,
                             taken_on=dt.date(2012, 10, 1), status="taken")]
    asked = {}

    def fake(session, **kwargs):
        asked.update(kwargs)
        return taken

    monkeypatch.setattr(governance, "list_chairs_actions", fake)
    found = data.run(governance.chairs_actions_awaiting, committee_id=1, today=TODAY)
    assert asked == {"pending_only": True, "committee_id": 1, "today": TODAY}
    assert [(a.title, a.age_days) for a in found] == [("Agree the contract", 106),
                                                      ("Sign the lease", 45)]
