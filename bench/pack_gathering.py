"""Gathering a board pack: agenda layouts worked out, and time against raw reads.

    .venv/bin/python bench/pack_gathering.py

Loads the demo into a temporary database and gathers the members' pack of its 27 September
2012 governing body meeting (``gather_pack_for_issue``), as the CLI and the pack dialog do
before drawing it. ``agenda_layout`` is wrapped with a counter in every module that holds it.

Three ways are measured in the same run:
  before       the code as it was: the pack read the whole meeting detail (attendance, quorum
               per item, declarations, …) and each service worked out its own layouts
               (``layouts_for`` is made to ignore the one it is given)
  one Layouts  the whole detail still, with one ``Layouts`` passed down
  after        the code as it stands: one ``Layouts``, and only the meeting's outline
               (meeting, agenda, papers), which is all the pack shows The raw baseline reads the same rows with plain queries
in one session (the meeting's agenda, papers and attached files, the previous meeting's
minutes, the body's actions, the interests and the risks with their scores) and numbers,
checks and shapes nothing: the floor under any gathering.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app.services.context import AppContext  # noqa: E402
from app.services.demo.load import load_demo  # noqa: E402
from app.services.meetings import agenda  # noqa: E402
from app.services.meetings.detail import get_meeting_detail  # noqa: E402
from app.services.meetings.meetings import list_meetings  # noqa: E402
from app.services.pack import gather as gather_module  # noqa: E402
from app.services.pack.gather import gather_pack_for_issue  # noqa: E402
from app.store.actions import ActionItem  # noqa: E402
from app.store.interests import Interest  # noqa: E402
from app.store.meetings import AgendaItem, Meeting, MinuteEntry  # noqa: E402
from app.store.papers import Attachment, Paper  # noqa: E402
from app.store.risks import Risk, RiskScore  # noqa: E402

RUNS = 5


@contextmanager
def counted_layouts():
    """Count agenda_layout calls by meeting id while the block runs."""
    real, calls = agenda.agenda_layout, Counter()

    def counted(session, meeting):
        calls[meeting.id] += 1
        return real(session, meeting)

    holders = [m for n, m in list(sys.modules.items())
               if n.startswith("app.") and getattr(m, "agenda_layout", None) is real]
    for module in holders:
        module.agenda_layout = counted
    try:
        yield calls
    finally:
        for module in holders:
            module.agenda_layout = real


@contextmanager
def layouts_per_service():
    """Every service works out its own layouts, ignoring the request's (the code before)."""
    real = agenda.layouts_for

    def fresh(session, layouts):
        return agenda.Layouts(session)

    holders = [m for n, m in list(sys.modules.items())
               if n.startswith("app.") and getattr(m, "layouts_for", None) is real]
    for module in holders:
        module.layouts_for = fresh
    try:
        yield
    finally:
        for module in holders:
            module.layouts_for = real


@contextmanager
def whole_detail():
    """The pack reads the whole meeting detail, as it did before the outline."""
    real = gather_module.get_meeting_outline

    def detail(session, *, meeting_id, layouts=None):
        return get_meeting_detail(session, meeting_id=meeting_id, layouts=layouts)

    gather_module.get_meeting_outline = detail
    try:
        yield
    finally:
        gather_module.get_meeting_outline = real


@contextmanager
def way(name: str):
    with whole_detail() if name != "after" else _nothing():
        with layouts_per_service() if name == "before" else _nothing():
            yield


@contextmanager
def _nothing():
    yield


WAYS = ("before", "one Layouts", "after")


def raw_reads(session, meeting_id: int) -> int:
    """The same rows with plain queries: how many objects were read."""
    meeting = session.get(Meeting, meeting_id)
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
    papers = list(session.scalars(select(Paper).where(
        Paper.agenda_item_id.in_([i.id for i in items]))))
    files = [bytes(a.blob.data) for p in papers for a in session.scalars(
        select(Attachment).where(Attachment.paper_id == p.id))]
    before = session.scalar(select(Meeting).where(
        Meeting.committee_id == meeting.committee_id, Meeting.starts_at < meeting.starts_at)
        .order_by(Meeting.starts_at.desc()).limit(1))
    minutes = list(session.scalars(select(MinuteEntry).join(MinuteEntry.agenda_item).where(
        AgendaItem.meeting_id == before.id))) if before else []
    actions = list(session.scalars(select(ActionItem).join(ActionItem.meeting).where(
        Meeting.committee_id == meeting.committee_id)))
    interests = list(session.scalars(select(Interest)))
    risks = list(session.scalars(select(Risk)))
    scores = list(session.scalars(select(RiskScore)))
    return (len(items) + len(papers) + len(files) + len(minutes) + len(actions)
            + len(interests) + len(risks) + len(scores))


def best(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="boardbook-bench-") as tmp:
        ctx = AppContext.open(Path(tmp) / "demo.sqlite", actor="Board Secretary")
        ctx.run(load_demo)
        meeting = next(m for m in ctx.run(list_meetings)
                       if m.committee == "Merton CCG Governing Body"
                       and f"{m.meeting_date}" == "2012-09-27")

        def gather():
            return ctx.run(gather_pack_for_issue, meeting_id=meeting.id, public=False)

        def raw():
            return ctx.run(raw_reads, meeting_id=meeting.id)

        gather()  # warm-up: imports, the first queries
        print(f"demo meeting {meeting.id} ({meeting.committee}, {meeting.meeting_date}):")
        for name in WAYS:
            with way(name), counted_layouts() as calls:
                gather()
            print(f"  agenda_layout calls, {name:11}: {sum(calls.values()):2} in all, "
                  f"{calls[meeting.id]:2} for the meeting itself, {len(calls)} meetings: "
                  f"{dict(sorted(calls.items()))}")
        rows = raw()
        # taken in turn, best of several, so a busy machine skews no side
        times = {name: [] for name in ("raw", *WAYS)}
        for _ in range(RUNS):
            times["raw"].append(best(raw, 1))
            for name in WAYS:
                with way(name):
                    times[name].append(best(gather, 1))
        base = min(times["raw"])
        print(f"  raw reads (baseline):     {base * 1000:7.1f} ms ({rows} rows and files)")
        for name in WAYS:
            t = min(times[name])
            print(f"  gathering, {name:11}:   {t * 1000:7.1f} ms ({t / base:.1f}× raw)")
        ctx.close()


if __name__ == "__main__":
    main()
