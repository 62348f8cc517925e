"""Dashboard charts as PDF pages, so the board pack can carry them as a standard section."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

MARGIN = 18 * mm
GAP = 8 * mm


def charts_pdf(images: dict[str, bytes]) -> bytes:
    """Each chart scaled to the page width, as many to a page as fit, in the order given."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    width, height = A4
    usable = width - 2 * MARGIN
    top = height - MARGIN - 10 * mm  # room for the pack's running header
    y = top
    for png in images.values():
        image = ImageReader(io.BytesIO(png))
        w, h = image.getSize()
        scale = min(usable / w, (top - MARGIN) / h)
        draw_w, draw_h = w * scale, h * scale
        if y - draw_h < MARGIN + 8 * mm and y != top:  # keep clear of the page-number footer
            canvas.showPage()
            y = top
        canvas.drawImage(image, MARGIN, y - draw_h, draw_w, draw_h)
        y -= draw_h + GAP
    canvas.showPage()
    canvas.save()
    return out.getvalue()
