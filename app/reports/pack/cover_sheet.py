"""A paper's cover sheet as PDF flowables, laid out like the Merton governing body's sheet.

At the top the body, the meeting date and the agenda number on the left and the attachment
number on the right; below, one bordered table of label and value rows in the order of the
sheet. Long answers wrap inside their cell and a row may run on to the next page, so an
executive summary of any length fits. In the public pack a confidential field is left out,
label and value (a label may carry words of its own: "Implications for <the bodies named>"),
and one closing row says that the rest of the sheet is withheld.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.pack import CoverSheet, PackInput, PackItem
from app.domain.papers import COVER_SHEET_FIELDS, other_bodies_label
from app.reports.pack.pages import (
    CONTENT_WIDTH,
    NHS_BLUE,
    NHS_MID_GREY,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    long_date,
    purpose_words,
    text,
)

# Labels as printed on the Merton sheet, in its order, plus the newer templates' risk line.
LABELS: tuple[tuple[str, str], ...] = COVER_SHEET_FIELDS + (
    ("bears_on_risks", "Risks on the board assurance framework or corporate risk register "
                       "this paper bears on"),
)
WITHHELD = ("Withheld from the public pack: the rest of this cover sheet is confidential.")
LABEL_WIDTH = 0.34 * CONTENT_WIDTH


def cover_sheet_flowables(sheet: CoverSheet, *, item: PackItem, pack: PackInput,
                          public: bool) -> list[Flowable]:
    """The whole cover sheet: heading block, then the table of fields."""
    return [_heading(sheet, item, pack), Spacer(1, 10),
            _fields_table(sheet, item, public=public)]


def _heading(sheet: CoverSheet, item: PackItem, pack: PackInput) -> Table:
    left = [Paragraph(text(pack.organisation), STYLES["kicker"]),
            Paragraph(f"Report to the {text(pack.committee)}", STYLES["body"]),
            Paragraph(f"<b>Date of Meeting:</b> {text(long_date(pack.date))}", STYLES["body"]),
            Paragraph(f"<b>Agenda No:</b> {text(sheet.agenda_number or item.number)}",
                      STYLES["body"])]
    right = [Paragraph(text(sheet.attachment_number), STYLES["attachment_no"])]
    status = " · ".join(s for s in (f"Version {sheet.version}" if sheet.version else "",
                                    sheet.status.capitalize()) if s)
    if status:
        right.append(Paragraph(text(status), STYLES["muted_right"]))
    if item.part == 2:
        right.append(Paragraph("CONFIDENTIAL — PART 2", STYLES["confidential_right"]))
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH * 0.64, CONTENT_WIDTH * 0.36])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.6, NHS_BLUE),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
    ]))
    return table


def _fields_table(sheet: CoverSheet, item: PackItem, *, public: bool) -> Table:
    # A long answer runs on to the next page inside its row; the running header
    # ("Item 7 · Attachment 06") says whose sheet a continuation page belongs to.
    rows = []
    withheld = public and bool(sheet.confidential_fields)
    for name, label in LABELS:
        if public and name in sheet.confidential_fields:
            continue
        if name == "other_bodies_implications":
            label = other_bodies_label(sheet.other_bodies)
        rows.append([Paragraph(text(label), STYLES["label"]), _value(sheet, item, name)])
    if withheld:
        rows.append([Paragraph(WITHHELD, STYLES["withheld"]), ""])
    table = Table(rows, colWidths=[LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH], splitInRow=1)
    span = [("SPAN", (0, -1), (-1, -1)), ("BACKGROUND", (0, -1), (-1, -1), NHS_PALE_GREY)] \
        if withheld else []
    table.setStyle(TableStyle(span + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), NHS_PALE_GREY),
        ("BOX", (0, 0), (-1, -1), 0.9, NHS_BLUE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, NHS_PALE_BLUE),
        ("LINEAFTER", (0, 0), (0, -1), 0.6, NHS_MID_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _value(sheet: CoverSheet, item: PackItem, name: str) -> list[Flowable]:
    if name == "bears_on_risks":
        return [Paragraph(f"• {text(r)}", STYLES["cell"]) for r in sheet.bears_on_risks] \
            or [Paragraph("None named.", STYLES["withheld"])]
    value = getattr(sheet, name)
    if name == "title":
        return [Paragraph(text(value or item.title), STYLES["cell_bold"])]
    if name == "purpose":
        value = purpose_words(value or item.purpose)
    return _paragraphs(value)


def _paragraphs(value: str) -> list[Flowable]:
    """One Paragraph per paragraph of the answer, so a long answer can break between them."""
    chunks = [c for c in value.replace("\r\n", "\n").split("\n\n") if c.strip()]
    if not chunks:
        return [Paragraph("—", STYLES["withheld"])]
    return [Paragraph(text(c), STYLES["cell_para"]) for c in chunks]
