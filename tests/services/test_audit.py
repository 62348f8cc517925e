"""What the audit trail screen loads at once, on SQLite and PostgreSQL."""

from __future__ import annotations

from app.services import audit, organisation, people


def _make_events(ctx):
    ctx.run(organisation.set_up_organisation, name="NHS Test CCG")
    for name in ("Audit Chair", "Chief Nurse", "Lay Member"):
        ctx.run(people.create_person, name=name, kind="lay member")
    ctx.actor = "second secretary"
    ctx.run(people.create_committee, name="Audit Committee", kind="committee")


def test_a_trail_page_holds_the_newest_events_and_the_filters_choices(ctx):
    _make_events(ctx)
    every = ctx.run(audit.list_events)
    page = ctx.run(audit.get_trail_page, limit=3)
    assert page.events == every[:3] and page.truncated
    assert page.head == ctx.run(audit.chain_head) == every[0].hash
    assert page.record_types == ctx.run(audit.record_types)
    assert {"committee", "organisation", "person"} <= set(page.record_types)
    assert page.actors == ["second secretary", "test secretary"]


def test_a_trail_page_applies_the_filters(ctx):
    _make_events(ctx)
    page = ctx.run(audit.get_trail_page, limit=10, record_type="person",
                   actor="test secretary")
    assert not page.truncated
    assert len(page.events) == 3
    assert {(e.record_type, e.actor, e.action) for e in page.events} == {
        ("person", "test secretary", "create")}
    assert page.actors == ["second secretary", "test secretary"]  # choices are not filtered
    exact = ctx.run(audit.get_trail_page, limit=3, record_type="person")
    assert len(exact.events) == 3 and not exact.truncated
