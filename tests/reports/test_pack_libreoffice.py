"""Word and Excel papers converted by a real LibreOffice, where one is installed."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from app.domain.pack import PackAttachment, PackItem
from app.reports.pack.attachments import prepare_attachment, soffice_path

pytestmark = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ITEM = PackItem(number="7.2", title="Finance report")


def test_a_word_paper_becomes_pdf_pages_with_its_text():
    document = docx.Document()
    document.add_heading("Finance report: month 5", 1)
    document.add_paragraph("Forecast outturn: break-even against the resource limit.")
    data = io.BytesIO()
    document.save(data)
    prepared = prepare_attachment(PackAttachment("finance.docx", WORD, data.getvalue()), ITEM,
                                  timeout=180)
    assert prepared.warning == ""
    assert "break-even against the resource limit" in prepared.reader.pages[0].extract_text()


def test_an_excel_paper_becomes_pdf_pages():
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "QIPP savings", 1486
    data = io.BytesIO()
    book.save(data)
    prepared = prepare_attachment(PackAttachment("qipp.xlsx", EXCEL, data.getvalue()), ITEM,
                                  timeout=180)
    assert prepared.warning == "" and len(prepared.reader.pages) >= 1
    assert "1486" in prepared.reader.pages[0].extract_text()
