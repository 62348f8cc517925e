import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.reports.stamp import Stamp, page_of, stamp_pdf


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for n in range(pages):
        canvas.drawString(100, 400, f"body {n + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_every_page_gets_page_n_of_total():
    stamped = stamp_pdf(_pdf(3), lambda n, total: Stamp("Trust · Register", "As at 1 Apr",
                                                        "Generated", page_of(n, total)))
    pages = PdfReader(io.BytesIO(stamped)).pages
    assert len(pages) == 3
    for n, page in enumerate(pages, start=1):
        words = page.extract_text()
        assert f"Page {n} of 3" in words
        assert f"body {n}" in words
        assert "Trust · Register" in words


def test_the_private_pypdf_call_the_stamper_relies_on_is_still_there():
    # pyproject.toml pins pypdf's minor release because of this call; if an upgrade removes
    # it, this fails before a pack does.
    assert callable(getattr(PdfWriter, "_add_object", None))
