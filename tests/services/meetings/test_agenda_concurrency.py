"""Concurrent additions to one agenda: eight writers at once never share a position."""

from __future__ import annotations

import threading

from app.services.meetings import agenda
from tests.services.meeting_setup import make_body, make_meeting

WRITERS = 8
EACH = 3


def test_concurrent_additions_get_distinct_positions(ctx):
    with ctx.transaction() as s:
        meeting = make_meeting(s, make_body(s))
    start, errors = threading.Barrier(WRITERS), []

    def writer(n: int) -> None:
        try:
            start.wait()
            for k in range(EACH):
                ctx.run(agenda.add_agenda_item, meeting_id=meeting.id, title=f"Item {n}.{k}")
        except Exception as exc:  # collected and reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with ctx.transaction() as s:
        from sqlalchemy import select

        from app.store.meetings import AgendaItem

        stored = sorted(s.scalars(select(AgendaItem.position)
                                  .where(AgendaItem.meeting_id == meeting.id)))
    assert stored == list(range(1, WRITERS * EACH + 1))
    rows = ctx.run(agenda.list_agenda, meeting_id=meeting.id)
    assert [r.number for r in rows] == [str(n) for n in range(1, WRITERS * EACH + 1)]
