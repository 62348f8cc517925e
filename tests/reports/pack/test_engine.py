"""The board pack PDF: read back with pypdf and checked as a member (or the public) would.

Part 2 material and confidential fields carry distinctive marker words, so "nothing private
in the public pack" is a search of the whole document's text and bookmarks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.errors import ValidationError
from app.domain.pack import (
    ACTION_LOG,
    CoverSheet,
    PackAttachment,
    PackInput,
    PackItem,
    StandardSection,
)
from app.reports.pack import attachments as attachments_module
from app.reports.pack.engine import PackCancelled, build_board_pack, warnings_for

PRIVATE = "ZEBRAPRIVATE"  # in every Part 2 title, field and attachment
SECRET_FIELD = "OCELOTCONFIDENTIAL"  # in a Part 1 field marked confidential
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_pdf(label: str, pages: int) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for n in range(pages):
        c.drawString(72, 760, f"{label} sheet {n + 1}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def pdf_attachment(name: str, label: str, pages: int, rotate: int = 0) -> PackAttachment:
    data = make_pdf(label, pages)
    if rotate:  # a landscape table saved sideways: the stamp must still land on the page
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page.rotate(rotate))
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    return PackAttachment(name, "application/pdf", data)


def sheet(title: str, **fields) -> CoverSheet:
    base = dict(purpose="approval", report_author="Director of Commissioning",
                lead_director="Chief Officer", executive_summary=f"Summary of {title}.",
                recommendations="The governing body is asked to approve the plan.")
    return CoverSheet(title=title, **{**base, **fields})


def sample_pack(**overrides) -> PackInput:
    isop = sheet("Integrated Strategy & Operating Plan", agenda_number="6.1",
                 attachment_number="ATTACHMENT 05", contact_details="isop@example.nhs.uk",
                 financial_implications="Balance in 2013/14 depends on it.",
                 information_privacy=f"{SECRET_FIELD} named patients in annex",
                 bears_on_risks=["CR-001 Financial balance"], version="1.0", status="final",
                 confidential_fields={"information_privacy"})
    items = [
        PackItem("1", "Welcome and apologies", purpose="information", start_time="09:30"),
        PackItem("2", "Minutes of the last meeting", purpose="approval", start_time="09:35"),
        PackItem("6", "Strategy", is_section_heading=True, start_time="09:45"),
        PackItem("6.1", "Integrated Strategy & Operating Plan", purpose="approval",
                 presenter="Director of Commissioning", start_time="09:45", minutes=25,
                 cover_sheet=isop,
                 attachments=[pdf_attachment("isop.pdf", "ISOPTEXT", 3)]),
        PackItem("6.2", "Quality report", purpose="assurance", presenter="Chief Nurse",
                 start_time="10:10", cover_sheet=sheet("Quality report"),
                 attachments=[pdf_attachment("quality.pdf", "QUALITYTEXT", 2)]),
        PackItem("7", "Estates update", purpose="information", start_time="10:30",
                 attachments=[pdf_attachment("estates.pdf", "ESTATESTEXT", 1, rotate=90)]),
        PackItem("8", f"{PRIVATE} Procurement of community services", part=2,
                 purpose="decision", presenter="Chief Finance Officer", start_time="10:45",
                 cover_sheet=sheet(f"{PRIVATE} Procurement",
                                   executive_summary=f"{PRIVATE} tender scores"),
                 attachments=[pdf_attachment("tender.pdf", f"{PRIVATE}TENDER", 2)]),
    ]
    sections = [
        StandardSection("Minutes of the meeting held on 26 July", "minutes",
                        text="MINUTESTEXT the minutes were agreed.", item_number="2"),
        StandardSection("Action log", ACTION_LOG, columns=("Ref", "Action", "Status"),
                        rows=[("A-1", "ACTIONTEXT circulate the plan", "Open")]),
        StandardSection(f"{PRIVATE} Part 2 minutes", "minutes", text=f"{PRIVATE} minutes",
                        part=2),
    ]
    values = dict(organisation="Merton Clinical Commissioning Group", short_name="Merton CCG",
                  committee="Governing Body", meeting_title="Meeting in public",
                  date=dt.date(2012, 9, 27), time="09:30", venue="Civic Centre",
                  part2_reason="Commercially sensitive information", audit_head="ab12" * 16,
                  items=items, sections=sections, issued_by="Board secretary", version="2")
    return PackInput(**{**values, **overrides})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("packs")
    pack = sample_pack()
    full = build_board_pack(pack, folder / "full.pdf", public=False)
    public = build_board_pack(pack, folder / "public.pdf", public=True)
    return {"full": (full, PdfReader(folder / "full.pdf")),
            "public": (public, PdfReader(folder / "public.pdf"))}


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline_titles(reader: PdfReader, marks=None) -> list[str]:
    titles = []
    for mark in reader.outline if marks is None else marks:
        if isinstance(mark, list):
            titles += outline_titles(reader, mark)
        else:
            titles.append(mark.title)
    return titles


def agenda_pages(text: str) -> dict[str, int]:
    """Item number → page printed in the agenda row (number … time, page on the next line)."""
    lines = [line.strip() for line in text.splitlines()
             if not re.fullmatch(r"\d+ min", line.strip())]  # time allowed, under the time
    pages = {}
    for i, line in enumerate(lines):
        if re.fullmatch(r"\d+(\.\d+)?", line) and i + 1 < len(lines) and \
                not re.fullmatch(r"\d+(\.\d+)?", lines[i + 1]):
            for j in range(i + 1, min(i + 8, len(lines) - 1)):
                if re.fullmatch(r"\d{2}:\d{2}", lines[j]):
                    if re.fullmatch(r"\d+", lines[j + 1]):
                        pages[line] = int(lines[j + 1])
                    break
    return pages


# --------------------------------------------------------------------------- structure


def test_page_count_is_front_agenda_cover_sheets_and_attachments(built):
    result, reader = built["full"]
    # front 1, agenda 1; 2: minutes 1; 6.1: sheet 1 + 3; 6.2: sheet 1 + 2; 7: 1;
    # 8: sheet 1 + 2; supporting: action log 1, Part 2 minutes 1
    assert result.page_count == len(reader.pages) == 2 + 1 + 4 + 3 + 1 + 3 + 2


def test_outline_follows_the_agenda_with_attachments_under_their_item(built):
    result, reader = built["full"]
    expected = ["Agenda", "1 Welcome and apologies", "2 Minutes of the last meeting",
                "Minutes of the meeting held on 26 July", "6 Strategy",
                "6.1 Integrated Strategy & Operating Plan", "isop.pdf", "6.2 Quality report",
                "quality.pdf", "7 Estates update", "estates.pdf",
                f"8 {PRIVATE} Procurement of community services", "tender.pdf", "Action log",
                f"{PRIVATE} Part 2 minutes"]
    assert outline_titles(reader) == expected
    assert list(result.outline) == expected
    top = [m.title for m in reader.outline if not isinstance(m, list)]
    assert "6.1 Integrated Strategy & Operating Plan" not in top  # nested under "6 Strategy"
    assert "isop.pdf" not in top


def test_bookmarks_point_at_the_pages_where_items_start(built):
    result, reader = built["full"]
    marks = {m.title: reader.get_destination_page_number(m) + 1
             for m in _walk(reader.outline)}
    assert marks["6.1 Integrated Strategy & Operating Plan"] == result.item_pages["6.1"]
    assert marks["isop.pdf"] == result.item_pages["6.1"] + 1
    assert marks["6 Strategy"] == result.item_pages["6.1"]


def _walk(marks):
    for mark in marks:
        if isinstance(mark, list):
            yield from _walk(mark)
        else:
            yield mark


@pytest.mark.parametrize("which", ["full", "public"])
def test_agenda_page_numbers_are_where_items_really_start(built, which):
    result, reader = built[which]
    texts = page_texts(reader)
    printed = agenda_pages(texts[1])
    expected = {"2", "6.1", "6.2", "7"} | ({"8"} if which == "full" else set())
    assert set(printed) == expected
    assert printed == result.item_pages
    for number, page in printed.items():
        start = texts[page - 1]
        assert f"Item {number}" in start  # the running header names the item
    assert "Agenda No: 6.1" in texts[printed["6.1"] - 1]
    assert "25 min" in texts[1]
    assert "ESTATESTEXT sheet 1" in texts[printed["7"] - 1]  # no cover sheet: its file first
    assert "MINUTESTEXT" in texts[printed["2"] - 1]


def test_long_agenda_still_numbers_items_correctly(tmp_path):
    items = [PackItem(str(n), f"Paper number {n}", purpose="assurance", start_time="10:00",
                      presenter="Director", cover_sheet=sheet(f"Paper {n}"),
                      attachments=[pdf_attachment(f"p{n}.pdf", f"PAPER{n}TEXT", 1 + n % 3)])
             for n in range(1, 61)]
    result = build_board_pack(sample_pack(items=items, sections=()), tmp_path / "long.pdf",
                              public=True)
    texts = page_texts(PdfReader(tmp_path / "long.pdf"))
    printed = {}
    for text in texts[1:5]:
        printed.update(agenda_pages(text))
    assert len(printed) == 60
    assert printed == result.item_pages
    first_item_page = min(printed.values())
    assert first_item_page > 3  # the agenda ran to more than one page
    for number, page in printed.items():
        assert f"Agenda No: {number}" in texts[page - 1]
        assert f"PAPER{number}TEXT sheet 1" in texts[page]


def test_cover_sheet_fields_are_in_the_pack(built):
    _, reader = built["full"]
    text = page_texts(reader)[built["full"][0].item_pages["6.1"] - 1]
    for words in ("Merton Clinical Commissioning Group", "Date of Meeting",
                  "Thursday 27 September 2012", "Agenda No: 6.1", "ATTACHMENT 05",
                  "Title of Document", "Integrated Strategy & Operating Plan",
                  "Purpose of Report", "For Approval", "Report Author",
                  "Director of Commissioning", "Lead Director", "Chief Officer",
                  "isop@example.nhs.uk", "Executive Summary", "Recommendation(s)",
                  "The governing body is asked to approve the plan.",
                  "Balance in 2013/14 depends on it.", "Equality Analysis",
                  "Communication Plan", "CR-001 Financial balance", "Version 1.0"):
        assert words in text, words


def test_attachment_pages_follow_their_cover_sheet(built):
    result, reader = built["full"]
    texts = page_texts(reader)
    start = result.item_pages["6.1"]
    for n in range(3):
        assert f"ISOPTEXT sheet {n + 1}" in texts[start + n]
    assert "QUALITYTEXT sheet 2" in texts[result.item_pages["6.2"] + 1]


@pytest.mark.parametrize("which", ["full", "public"])
def test_every_page_says_page_n_of_total(built, which):
    result, reader = built[which]
    total = len(reader.pages)
    for n, text in enumerate(page_texts(reader), start=1):
        assert f"Page {n} of {total}" in text


def test_front_page_states_part_and_audit_head(built):
    public = " ".join(page_texts(built["public"][1])[0].split())
    full = " ".join(page_texts(built["full"][1])[0].split())
    assert "Part 1 — public meeting" in public
    assert "Confidential — Part 2 / full pack for members" in full
    for text in (public, full):
        assert f"Audit trail head at issue: {'ab12' * 16}" in text
        assert "Merton Clinical Commissioning Group" in text


# ------------------------------------------------------------------------ public pack


def test_public_pack_holds_nothing_from_part_2(built):
    result, reader = built["public"]
    everything = "\n".join(page_texts(reader)) + "\n".join(outline_titles(reader))
    everything += str(reader.metadata)
    assert PRIVATE not in everything
    assert "8" not in result.item_pages
    agenda = page_texts(reader)[1]
    assert "Item 8 — taken in private" in agenda
    assert "Commercially sensitive information" in agenda
    assert "Public Bodies (Admission to Meetings) Act 1960" in agenda
    assert "Chief Finance Officer" not in everything


def test_full_pack_holds_part_2(built):
    _, reader = built["full"]
    everything = "\n".join(page_texts(reader))
    for words in (f"{PRIVATE} tender scores", f"{PRIVATE}TENDER sheet 2",
                  f"{PRIVATE} minutes", "Part 2 — CONFIDENTIAL"):
        assert words in everything


def test_confidential_fields_are_withheld_from_the_public_pack_only(built):
    public = "\n".join(page_texts(built["public"][1]))
    full = "\n".join(page_texts(built["full"][1]))
    assert SECRET_FIELD not in public
    assert "Withheld from the public pack" in public
    assert SECRET_FIELD in full


def test_result_hash_is_the_files(built, tmp_path_factory):
    result, _ = built["full"]
    assert result.sha256 == hashlib.sha256(Path(result.path).read_bytes()).hexdigest()


# ----------------------------------------------------------------------- bad attachments


def _with_attachment(attachment: PackAttachment) -> PackInput:
    return sample_pack(items=[PackItem("5", "Finance report", purpose="assurance",
                                       start_time="10:00", cover_sheet=sheet("Finance report"),
                                       attachments=[attachment])], sections=())


def test_damaged_pdf_names_the_paper_and_file_and_writes_nothing(tmp_path):
    damaged = make_pdf("X", 2)[:300]
    pack = _with_attachment(PackAttachment("month-9-finance.pdf", "application/pdf", damaged))
    with pytest.raises(ValidationError) as caught:
        build_board_pack(pack, tmp_path / "pack.pdf", public=True)
    message = str(caught.value)
    assert "month-9-finance.pdf" in message and "Paper 5" in message
    assert "Finance report" in message
    assert list(tmp_path.iterdir()) == []


def test_attachment_whose_bytes_do_not_match_its_hash_is_refused(tmp_path):
    good = make_pdf("GOOD", 1)
    pack = _with_attachment(PackAttachment("paper.pdf", "application/pdf", good,
                                           sha256=hashlib.sha256(b"other").hexdigest()))
    with pytest.raises(ValidationError, match="paper.pdf does not match its recorded SHA-256"):
        build_board_pack(pack, tmp_path / "pack.pdf", public=True)


def test_password_protected_pdf_is_refused(tmp_path):
    writer = PdfWriter()
    writer.append(io.BytesIO(make_pdf("LOCKED", 1)))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    pack = _with_attachment(PackAttachment("locked.pdf", "application/pdf", buffer.getvalue()))
    with pytest.raises(ValidationError, match="locked.pdf is password-protected"):
        build_board_pack(pack, tmp_path / "pack.pdf", public=True)


def test_docx_without_libreoffice_becomes_a_placeholder_page_and_a_warning(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(attachments_module.shutil, "which", lambda name: None)
    pack = _with_attachment(PackAttachment("budget.docx", DOCX, b"PK\x03\x04" + b"x" * 2044))
    predicted = warnings_for(pack)
    assert any("budget.docx" in w and "LibreOffice" in w for w in predicted)
    result = build_board_pack(pack, tmp_path / "pack.pdf", public=True)
    texts = page_texts(PdfReader(tmp_path / "pack.pdf"))
    placeholder = texts[result.item_pages["5"]]
    assert ("This paper's attachment budget.docx (2 KB) is held with the meeting papers but "
            "could not be converted to PDF here") in " ".join(placeholder.split())
    assert any("budget.docx" in w and "placeholder" in w for w in result.warnings)


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in soffice is a #! script")
def test_docx_is_converted_when_libreoffice_is_there(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import sys
        from pathlib import Path
        from reportlab.pdfgen import canvas
        args = sys.argv[1:]
        out = Path(args[args.index("--outdir") + 1])
        out.mkdir(parents=True, exist_ok=True)
        source = Path(args[-1])
        c = canvas.Canvas(str(out / (source.stem + ".pdf")))
        c.drawString(72, 720, "CONVERTEDDOCX from " + source.suffix)
        c.showPage()
        c.save()
        """))
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    pack = _with_attachment(PackAttachment("budget.docx", DOCX, b"PK\x03\x04 docx"))
    assert warnings_for(pack) == []
    result = build_board_pack(pack, tmp_path / "pack.pdf", public=True)
    texts = page_texts(PdfReader(tmp_path / "pack.pdf"))
    assert "CONVERTEDDOCX from .docx" in texts[result.item_pages["5"]]
    assert result.warnings == ()


def test_png_attachment_is_placed_on_a_page(tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (0, 94, 184)).save(buffer, "PNG")
    pack = _with_attachment(PackAttachment("chart.png", "image/png", buffer.getvalue()))
    result = build_board_pack(pack, tmp_path / "pack.pdf", public=True)
    reader = PdfReader(tmp_path / "pack.pdf")
    assert result.page_count == 4  # front, agenda, cover sheet, the image
    assert "chart.png" in reader.pages[3].extract_text()
    assert "/XObject" in reader.pages[3]["/Resources"]


# ------------------------------------------------------------------- progress and cancel


def test_progress_runs_to_its_total(tmp_path):
    seen = []
    build_board_pack(sample_pack(), tmp_path / "pack.pdf", public=False,
                     progress=lambda done, total, label: seen.append((done, total, label)))
    dones = [d for d, _, _ in seen]
    assert dones == sorted(dones) and dones[-1] == seen[-1][1]
    assert any("isop.pdf" in label for _, _, label in seen)


@pytest.mark.parametrize("after", [1, 6, 12, 20, 25])  # reading, layout, joining, writing
def test_cancelled_build_leaves_no_file(tmp_path, after):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > after

    with pytest.raises(PackCancelled):
        build_board_pack(sample_pack(), tmp_path / "pack.pdf", public=False,
                         cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_cancelled_rebuild_keeps_the_pack_already_issued(tmp_path):
    out = tmp_path / "pack.pdf"
    first = build_board_pack(sample_pack(), out, public=True)
    with pytest.raises(PackCancelled):
        build_board_pack(sample_pack(version="3"), out, public=True, cancelled=lambda: True)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == first.sha256
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


# ------------------------------------------------------------------------------ warnings


def test_warnings_name_items_without_purpose_or_paper():
    items = [PackItem("3", "Finance report", purpose="approval", start_time="10:00"),
             PackItem("4", "Any other business", start_time="10:30"),
             PackItem("5", "Verbal update", purpose="information"),
             PackItem("6", "Budget", purpose="approval",
                      attachments=[PackAttachment("budget.zip", "application/zip", b"PK")])]
    warnings = warnings_for(sample_pack(items=items, sections=()))
    assert any("Item 3" in w and "no paper" in w for w in warnings)
    assert any("Item 4" in w and "no purpose" in w for w in warnings)
    assert not any("Item 5" in w for w in warnings)
    assert any("budget.zip" in w for w in warnings)


def test_minutes_given_as_a_section_count_as_the_items_paper():
    warnings = warnings_for(sample_pack())
    assert not any("Item 2" in w for w in warnings)


def test_pack_engine_needs_no_database_and_no_qt():
    code = ("import sys, app.reports.pack.engine; "
            "bad = [m for m in sys.modules if m.startswith(('app.store', 'app.services', "
            "'PySide6', 'sqlalchemy'))]; print(bad); sys.exit(1 if bad else 0)")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
