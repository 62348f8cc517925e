"""Board pack build time against doing the same work by hand with reportlab and pypdf.

    .venv/bin/python bench/pack.py

Makes 40 papers, each with a cover sheet and an attached PDF of several pages (generated
with reportlab in a temporary folder), and builds a ~300-page members' pack with
``build_board_pack``. The baseline renders the same Boardbook pages (front page, agenda,
cover sheets) in one reportlab document and appends the same attachments with a plain pypdf
``PdfWriter.append``: what any pack costs before page numbering, the agenda's page numbers,
bookmarks, checks and the atomic write. The ratio is the price of those.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import PageBreak  # noqa: E402

from app.domain.pack import CoverSheet, PackAttachment, PackInput, PackItem  # noqa: E402
from app.reports.pack.cover_sheet import cover_sheet_flowables  # noqa: E402
from app.reports.pack.engine import build_board_pack  # noqa: E402
from app.reports.pack.front import AgendaRow, agenda, front_page  # noqa: E402
from app.reports.pack.pages import PackDocTemplate  # noqa: E402

PAPERS = 40
RUNS = 5
PAGES_PER_ATTACHMENT = (5, 6, 7, 8)
LOREM = ("The committee received the report and noted the position on delivery against plan, "
         "the risks to the financial position and the actions proposed to recover it. ")


def attachment_pdf(n: int, pages: int) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for page in range(pages):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, f"Paper {n} — page {page + 1} of {pages}")
        c.setFont("Helvetica", 10)
        for line in range(40):
            c.drawString(72, 740 - line * 16, f"{line + 1:>2}. {LOREM[:90]}")
        c.rect(72, 60, 450, 20)
        c.showPage()
    c.save()
    return buffer.getvalue()


def make_pack(folder: Path) -> PackInput:
    items = []
    for n in range(1, PAPERS + 1):
        data = attachment_pdf(n, PAGES_PER_ATTACHMENT[n % len(PAGES_PER_ATTACHMENT)])
        (folder / f"paper-{n:02d}.pdf").write_bytes(data)
        sheet = CoverSheet(
            title=f"Paper {n}: delivery against plan", purpose="assurance",
            report_author="Director of Performance", lead_director="Chief Officer",
            executive_summary=LOREM * 6, key_sections=LOREM * 2, recommendations=LOREM,
            financial_implications=LOREM, other_implications=LOREM,
            bears_on_risks=("CR-001 Financial balance",), attachment_number=f"ATTACHMENT {n:02d}")
        items.append(PackItem(
            number=f"{n + 4}", title=f"Paper {n}: delivery against plan", purpose="assurance",
            presenter="Director of Performance", start_time="10:00", cover_sheet=sheet,
            part=2 if n > PAPERS - 4 else 1,
            attachments=(PackAttachment(f"paper-{n:02d}.pdf", "application/pdf",
                                        (folder / f"paper-{n:02d}.pdf").read_bytes()),)))
    return PackInput(organisation="Example Integrated Care Board", short_name="Example ICB",
                     committee="Board", meeting_title="Meeting of the Board",
                     date=dt.date(2025, 3, 27), time="10:00", venue="Boardroom",
                     part2_reason="Commercial confidentiality", audit_head="ab" * 32,
                     items=tuple(items), issued_by="Board secretary", version="1")


def baseline(pack: PackInput, out: Path) -> int:
    """The same pages with plain reportlab, the same attachments with plain pypdf."""
    rows = [AgendaRow("item", number=i.number, title=i.title, purpose=i.purpose,
                      presenter=i.presenter, time=i.start_time, page=1) for i in pack.items]
    front, _ = front_page(pack, public=False)
    story = front + agenda(pack, rows, public=False)
    for item in pack.items:
        story += [PageBreak()] + cover_sheet_flowables(item.cover_sheet, item=item, pack=pack,
                                                         public=False)
    buffer = io.BytesIO()
    PackDocTemplate(buffer, title=pack.meeting_title, front=True).build(story)
    writer = PdfWriter()
    writer.append(io.BytesIO(buffer.getvalue()))
    for item in pack.items:
        writer.append(io.BytesIO(item.attachments[0].data))
    with out.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="boardbook-bench-") as tmp:
        folder = Path(tmp)
        made, pack = timed(make_pack, folder)
        print(f"generated {PAPERS} attachments in {made:.2f} s")
        # One warm-up of each, so imports and font loading count against neither; then the
        # best of several runs, taken in turn, so a busy machine skews neither side.
        baseline(pack, folder / "warm.pdf")
        build_board_pack(pack, folder / "warm.pdf", public=False)
        base_times, pack_times = [], []
        for _ in range(RUNS):
            t, pages = timed(baseline, pack, folder / "baseline.pdf")
            base_times.append(t)
            t, result = timed(build_board_pack, pack, folder / "pack.pdf", public=False)
            pack_times.append(t)
        base, ours = min(base_times), min(pack_times)
        print(f"baseline (reportlab + pypdf append): {base:.2f} s, {pages} pages")
        print(f"build_board_pack:                    {ours:.2f} s, {result.page_count} pages, "
              f"{len(result.outline)} bookmarks")
        print(f"ratio: {ours / base:.2f}")


if __name__ == "__main__":
    main()
