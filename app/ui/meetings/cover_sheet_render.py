"""The cover sheet as it will print: drawn by the board pack's own renderer
(app.reports.pack.cover_sheet) into a one-sheet PDF, and its first page turned into an image
with QtPdf, so the preview is the printed sheet and not a likeness of it."""

from __future__ import annotations

import io

from PySide6.QtCore import QBuffer, QByteArray, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from app.domain.papers import TEXT_FIELDS


def cover_sheet_pdf(values: dict, *, organisation: str, committee: str, meeting_date,
                    item, risks: list[str]) -> bytes:
    """PDF bytes of the sheet filled in with ``values`` (what the editor shows now)."""
    from reportlab.platypus import SimpleDocTemplate

    from app.domain.pack import CoverSheet, PackInput, PackItem
    from app.reports.pack.cover_sheet import cover_sheet_flowables
    from app.reports.pack.pages import (
        MARGIN_BOTTOM,
        MARGIN_TOP,
        MARGIN_X,
        PAGE_HEIGHT,
        PAGE_WIDTH,
    )

    sheet = CoverSheet(**{k: values.get(k, "") or "" for k in TEXT_FIELDS},
                       purpose=values.get("purpose", "") or "", bears_on_risks=tuple(risks),
                       version=values.get("paper_version", ""),
                       status=values.get("status", "draft"), agenda_number=item.number,
                       attachment_number=item.attachment_number)
    pack_item = PackItem(number=item.number, title=item.title, part=item.part,
                         purpose=item.purpose, cover_sheet=sheet)
    pack = PackInput(organisation=organisation, short_name="", committee=committee,
                     meeting_title="", date=meeting_date)
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                                 rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                                 bottomMargin=MARGIN_BOTTOM)
    document.build(cover_sheet_flowables(sheet, item=pack_item, pack=pack, public=False))
    return out.getvalue()


def first_page_image(pdf: bytes, width: int = 820) -> QImage:
    """Page 1 of a PDF as an image ``width`` pixels wide (a null image if it cannot be read)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return QImage()
    page = document.pagePointSize(0)
    size = QSize(width, int(width * page.height() / page.width()))
    drawn = document.render(0, size)  # transparent where the page is blank
    document.close()
    page_image = QImage(size, QImage.Format.Format_RGB32)
    page_image.fill(QColor("white"))
    painter = QPainter(page_image)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return page_image
