"""The board pack of the demo's 27 September 2012 governing body meeting: gathered in the
services, drawn by the renderer, issued and kept."""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from collections import Counter

import pytest
from pypdf import PdfReader

from app.domain.errors import NotFound, ValidationError
from app.reports.pack.engine import warnings_for
from app.reports.pack.render import drawn_section, render_board_pack
from app.services.decisions.corrections import correct_sealed_record
from app.services.meetings.detail import get_meeting_detail
from app.services.meetings.meetings import list_meetings
from app.services.meetings.papers import list_papers
from app.services.pack.gather import gather_pack, gather_pack_for_issue
from app.services.pack.issued import (
    check_issued_pack,
    issued_pack_bytes,
    list_issued_packs,
    record_built_pack,
)
from tests.reports.pack.test_engine import agenda_pages, outline_titles, page_texts


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, sqlite_template):
    """The demo loaded once for this module; each test works on a copy."""
    from app.services.context import AppContext
    from app.services.demo.load import load_demo

    path = tmp_path_factory.mktemp("pack-demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="test secretary")
    ctx.run(load_demo)
    ctx.close()
    return path


@pytest.fixture
def demo_ctx(demo_file, sqlite_path):
    from app.services.context import AppContext

    shutil.copy(demo_file, sqlite_path)
    ctx = AppContext.open(sqlite_path, actor="test secretary")
    yield ctx
    ctx.close()


def issue_board_pack(ctx, *, meeting_id, public, out_path, issued_by=""):
    """What the CLI and the pack dialog do: gather, draw, record."""
    issue = ctx.run(gather_pack_for_issue, meeting_id=meeting_id, public=public,
                    issued_by=issued_by)
    result = render_board_pack(issue.pack, out_path, public=public)
    return ctx.run(record_built_pack, issue=issue, result=result)


def pack_warnings(ctx, *, meeting_id, public):
    return warnings_for(ctx.run(gather_pack, meeting_id=meeting_id, public=public),
                        public=public)


def september_meeting(ctx):
    return next(m for m in ctx.run(list_meetings) if m.committee == "Merton CCG Governing Body"
                and f"{m.meeting_date}" == "2012-09-27")


@pytest.fixture(scope="module")
def issued(demo_file, tmp_path_factory):
    """The full and public packs issued from one copy of the demo."""
    from app.services.context import AppContext

    folder = tmp_path_factory.mktemp("issued")
    shutil.copy(demo_file, folder / "db.sqlite")
    ctx = AppContext.open(folder / "db.sqlite", actor="Board Secretary")
    meeting = september_meeting(ctx)
    out = {"ctx": ctx, "meeting": meeting, "folder": folder,
           "papers": ctx.run(list_papers, meeting_id=meeting.id),
           "input": ctx.run(gather_pack, meeting_id=meeting.id, public=False)}
    for kind, public in (("full", False), ("public", True)):
        row = issue_board_pack(ctx, meeting_id=meeting.id, public=public,
                               out_path=folder / f"{kind}.pdf", issued_by="Board Secretary")
        reader = PdfReader(folder / f"{kind}.pdf")
        out[kind] = (row, reader, page_texts(reader))
    yield out
    ctx.close()


def first_page_with(texts: list[str], words: str) -> int:
    return next(n for n, t in enumerate(texts, start=1) if words in t)


# ------------------------------------------------------------------------------ gathering


def test_pack_input_has_the_agenda_in_order_with_papers_and_sections(issued):
    pack = issued["input"]
    numbers = [i.number for i in pack.items]
    assert numbers[:5] == ["1", "2", "3", "4", "5"] and numbers[-1] == "9"
    isop = next(i for i in pack.items if i.number == "6.8")
    assert isop.purpose == "For Approval" and isop.presenter == "Mark Needham"
    assert isop.start_time == "15:45" and isop.minutes == 20
    assert isop.cover_sheet.attachment_number == "ATTACHMENT 05"
    assert [a.name for a in isop.attachments] == ["ISOP development process and approach.pdf"]
    assert next(i for i in pack.items if i.number == "6").is_section_heading
    assert pack.part2_reason.startswith("That members of the public be excluded")
    placed = {s.kind: s.item_number for s in pack.sections}
    assert placed == {"minutes": "3", "action_log": "4", "interests": "2",
                      "risk_register": "7.3"}
    register = next(s for s in pack.sections if s.kind == "risk_register")
    assert register.title == "Corporate risk register" and register.report.details
    assert drawn_section(register).pdf.startswith(b"%PDF")
    assert re.fullmatch(r"[0-9a-f]{64}", pack.audit_head)


def test_cover_sheet_names_the_risks_the_paper_bears_on(demo_ctx):
    from app.services.risks.register import find_risk

    meeting = september_meeting(demo_ctx)
    paper = next(p for p in demo_ctx.run(list_papers, meeting_id=meeting.id)
                 if p.item_number == "6.8")
    risk = demo_ctx.run(find_risk, reference="CR-001")
    # the September meeting's minutes are approved: its record changes by a correction
    demo_ctx.run(correct_sealed_record, record_type="paper", record_id=paper.id,
                 fields={"risk_ids": [risk.id]}, reason="the paper bears on CR-001",
                 requested_by="Board Secretary")
    pack = demo_ctx.run(gather_pack, meeting_id=meeting.id, public=False)
    sheet = next(i for i in pack.items if i.number == "6.8").cover_sheet
    assert sheet.bears_on_risks == (f"CR-001 {risk.title}",)


def test_warnings_name_items_without_papers_or_purpose(demo_ctx):
    meeting = september_meeting(demo_ctx)
    warnings = pack_warnings(demo_ctx, meeting_id=meeting.id, public=True)
    assert any("6.1" in w and "no paper" in w for w in warnings)
    assert any("8.3" in w and "no purpose" in w for w in warnings)


def test_missing_meeting_is_not_found(demo_ctx, tmp_path):
    with pytest.raises(NotFound):
        issue_board_pack(demo_ctx, meeting_id=99999, public=False,
                         out_path=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------------------- the full pack


def test_page_count_and_outline_follow_the_agenda(issued):
    row, reader, texts = issued["full"]
    assert row.page_count == len(reader.pages) == len(texts)
    titles = outline_titles(reader)
    with_papers = [i.number for i in issued["input"].items if i.has_papers]
    found = [n for n in with_papers if any(t.startswith(f"{n} ") for t in titles)]
    assert found == with_papers
    positions = [next(k for k, t in enumerate(titles) if t.startswith(f"{n} "))
                 for n in with_papers]
    assert positions == sorted(positions)
    assert "Minutes of the meeting held on 26 July 2012" in titles


def test_agenda_page_numbers_are_where_items_start(issued):
    _, _, texts = issued["full"]
    printed = agenda_pages("\n".join(texts[1:3]))
    with_covers = [i.number for i in issued["input"].items if i.cover_sheet is not None]
    assert set(with_covers) <= set(printed)
    for number in with_covers:
        assert printed[number] == first_page_with(texts, f"Agenda No: {number}\n"), number


def test_isop_cover_sheet_and_its_attachment(issued):
    _, _, texts = issued["full"]
    page = first_page_with(texts, "Agenda No: 6.8")
    cover = texts[page - 1]
    for words in ("Integrated Strategy & Operating Plan (ISOP)", "ATTACHMENT 05", "For Approval",
                  "Mark Needham", "Executive Summary", "Recommendation(s)",
                  "Merton Executive Management Team"):
        assert words in cover, words
    assert "Overview of Development Process" in texts[page]  # the attached PDF follows


def test_standard_sections_are_in_the_pack(issued):
    _, _, texts = issued["full"]
    everything = "\n".join(texts)
    for words in ("Minutes of the meeting held on 26 July 2012", "Action log: Merton CCG",
                  "Register of interests: members of the Merton CCG"):
        assert words in everything, words


def test_issue_is_recorded_with_the_files_hash_and_bytes(issued):
    ctx, meeting = issued["ctx"], issued["meeting"]
    row, _, _ = issued["full"]
    data = (issued["folder"] / "full.pdf").read_bytes()
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    assert (row.kind, row.number, row.issued_by) == ("full", 1, "Board Secretary")
    assert ctx.run(issued_pack_bytes, pack_id=row.id) == data
    assert ctx.run(check_issued_pack, pack_id=row.id, path=issued["folder"] / "full.pdf").matches
    kinds = [(r.kind, r.number) for r in ctx.run(list_issued_packs, meeting_id=meeting.id)]
    assert ("full", 1) in kinds and ("public", 1) in kinds


def test_a_changed_file_is_not_the_issued_pack(issued, tmp_path):
    row, _, _ = issued["full"]
    changed = tmp_path / "changed.pdf"
    changed.write_bytes((issued["folder"] / "full.pdf").read_bytes() + b"\n%tampered")
    check = issued["ctx"].run(check_issued_pack, pack_id=row.id, path=changed)
    assert not check.matches and check.issued_sha256 == row.sha256


# --------------------------------------------------------------------------- the public pack


def test_public_pack_holds_nothing_from_part_2(issued):
    _, reader, texts = issued["public"]
    everything = "\n".join(texts) + "\n".join(outline_titles(reader))
    private = next(p for p in issued["papers"] if p.part == 2)
    assert private.title not in everything
    for words in (private.executive_summary, private.recommendations):
        assert words[:40] not in everything
    assert "Item 9 — taken in private" in "\n".join(texts[1:3])
    assert "Part 2 — CONFIDENTIAL" not in everything
    assert "Part 2 — CONFIDENTIAL" in "\n".join(issued["full"][2])


def test_confidential_paper_in_part_1_keeps_only_its_title_in_public(demo_ctx, tmp_path):
    meeting = september_meeting(demo_ctx)
    paper = next(p for p in demo_ctx.run(list_papers, meeting_id=meeting.id)
                 if p.item_number == "6.8")
    demo_ctx.run(correct_sealed_record, record_type="paper", record_id=paper.id,
                 fields={"confidential": True}, reason="the paper is commercially sensitive",
                 requested_by="Board Secretary")
    issue_board_pack(demo_ctx, meeting_id=meeting.id, public=True,
                     out_path=tmp_path / "public.pdf")
    everything = "\n".join(page_texts(PdfReader(tmp_path / "public.pdf")))
    assert paper.title in everything
    assert paper.executive_summary[:40] not in everything
    assert "Overview of Development Process" not in everything


def november_meeting(ctx):
    return next(m for m in ctx.run(list_meetings) if m.committee == "Merton CCG Governing Body"
                and f"{m.meeting_date}" == "2012-11-29")


def test_chairs_action_goes_under_its_ratification_item(demo_ctx):
    meeting = november_meeting(demo_ctx)
    pack = demo_ctx.run(gather_pack, meeting_id=meeting.id, public=False)
    section = next(s for s in pack.sections if s.kind == "chairs_actions")
    item = next(i for i in pack.items if i.number == section.item_number)
    assert "Ratification of Chair's Action" in item.title
    assert "Integrated Strategy & Operating Plan" in section.rows[0][1]
    assert next(s for s in pack.sections if s.kind == "risk_register").item_number == ""


def test_part_2_minutes_of_the_last_meeting_stay_out_of_the_public_pack(demo_ctx, tmp_path):
    meeting = november_meeting(demo_ctx)
    pack = demo_ctx.run(gather_pack, meeting_id=meeting.id, public=True)
    private = next(s for s in pack.sections if s.kind == "minutes" and s.part == 2)
    issue_board_pack(demo_ctx, meeting_id=meeting.id, public=True,
                     out_path=tmp_path / "public.pdf")
    everything = "\n".join(page_texts(PdfReader(tmp_path / "public.pdf")))
    assert private.title not in everything
    for row in private.rows:
        assert row[1] not in everything  # the Part 2 item's title


# ------------------------------------------------------------------------- reissue, damage


def test_reissue_gets_the_next_version(demo_ctx, tmp_path):
    meeting = september_meeting(demo_ctx)
    first = issue_board_pack(demo_ctx, meeting_id=meeting.id, public=False,
                             out_path=tmp_path / "v1.pdf")
    second = issue_board_pack(demo_ctx, meeting_id=meeting.id, public=False,
                              out_path=tmp_path / "v2.pdf")
    public = issue_board_pack(demo_ctx, meeting_id=meeting.id, public=True,
                              out_path=tmp_path / "p1.pdf")
    assert (first.number, second.number, public.number) == (1, 2, 1)
    assert "version 2" in page_texts(PdfReader(tmp_path / "v2.pdf"))[0]


def test_damaged_attachment_gives_a_clear_error_and_no_file(demo_ctx, tmp_path):
    from app.store.papers import Attachment, Blob

    meeting = september_meeting(demo_ctx)
    isop = next(p for p in demo_ctx.run(list_papers, meeting_id=meeting.id)
                if p.item_number == "6.8")
    with demo_ctx.transaction() as session:  # damage the stored bytes behind Boardbook
        attachment = session.get(Attachment, isop.attachments[0].id)
        session.get(Blob, attachment.sha256).data = b"%PDF-1.4 damaged"
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "pack.pdf"
    with pytest.raises(ValidationError) as caught:
        issue_board_pack(demo_ctx, meeting_id=meeting.id, public=False, out_path=out)
    message = str(caught.value)
    assert "6.8" in message and "ISOP development process and approach.pdf" in message
    assert "cannot be read" in message
    assert list((tmp_path / "out").iterdir()) == []  # not even a partial file
    assert demo_ctx.run(list_issued_packs, meeting_id=meeting.id) == []


# ------------------------------------------------------------------ agenda layouts, counted


@pytest.fixture
def layout_calls(monkeypatch):
    """How often each meeting's agenda layout is worked out, by meeting id: ``agenda_layout``
    is wrapped with a counter in every module that holds it."""
    from app.services.meetings import agenda

    real, calls = agenda.agenda_layout, Counter()

    def counted(session, meeting):
        calls[meeting.id] += 1
        return real(session, meeting)

    for name, module in list(sys.modules.items()):
        if name.startswith("app.") and getattr(module, "agenda_layout", None) is real:
            monkeypatch.setattr(module, "agenda_layout", counted)
    return calls


def test_meeting_detail_works_out_each_layout_once(demo_ctx, layout_calls):
    meeting = september_meeting(demo_ctx)
    detail = demo_ctx.run(get_meeting_detail, meeting_id=meeting.id)
    assert detail.actions_carried  # carried actions show their own meeting's item numbers
    assert layout_calls[meeting.id] == 1
    assert set(layout_calls.values()) == {1}  # and each other meeting's, once


def test_gathering_a_pack_works_out_each_layout_once(demo_ctx, layout_calls):
    meeting = september_meeting(demo_ctx)
    demo_ctx.run(gather_pack_for_issue, meeting_id=meeting.id, public=False)
    assert layout_calls[meeting.id] == 1
    # the previous meeting (its minutes), and the meetings the action log's actions were
    # raised at or chair's actions go to, once each
    assert len(layout_calls) > 1 and set(layout_calls.values()) == {1}
