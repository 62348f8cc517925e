"""The pack's front page and its agenda table.

The agenda shows the page on which each item's papers start. Those pages are not known
while the agenda is laid out (they depend on the agenda's own length, and on the cover sheets
that follow it), so a row may carry a *reference* instead of a number: its page cell draws a
form XObject that ``define_page_numbers`` fills in once the whole document is laid out. A page
number never wraps, so filling it in cannot change the agenda's length, and one layout pass
is always enough. In the public pack a Part 2 item is only "Item N — taken in private",
under the resolution that excludes the public.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import TopPadder

from app.domain.pack import PackInput
from app.reports.pack.pages import (
    CONFIDENTIAL_RED,
    CONTENT_WIDTH,
    NHS_BLUE,
    NHS_DARK_BLUE,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    long_date,
    text,
)

ITEM, HEADING, PRIVATE, BANNER, SUPPORTING = "item", "heading", "private", "banner", "supporting"
RESOLUTION = ("That representatives of the press and other members of the public be excluded "
              "from the remainder of this meeting, having regard to the confidential nature of "
              "the business to be transacted, publicity on which would be prejudicial to the "
              "public interest (section 1(2), Public Bodies (Admission to Meetings) Act 1960).")
PUBLIC_LABEL = "Part 1 — public meeting"
FULL_LABEL = "Confidential — Part 2 / full pack for members"
AGENDA_WIDTHS = (0.08, 0.45, 0.14, 0.17, 0.08, 0.08)
CELL_PADDING = 4
PAGE_CELL_WIDTH = AGENDA_WIDTHS[-1] * CONTENT_WIDTH - 2 * CELL_PADDING


@dataclass(frozen=True)
class AgendaRow:
    kind: str  # ITEM, HEADING, PRIVATE, BANNER or SUPPORTING
    number: str = ""
    title: str = ""
    purpose: str = ""
    presenter: str = ""
    time: str = ""
    minutes: int = 0  # time allowed, shown under the start time
    page: int | str | None = None  # a number, a reference to fill in later, or None: "Verbal"
    note: str = ""  # "ATTACHMENT 05" under the title


def front_page(pack: PackInput, *, public: bool) -> tuple[list[Flowable], str]:
    """The front page's flowables, and a warning ("" if none) about an unusable logo."""
    band, warning = _band(pack)
    facts = [("Date", long_date(pack.date)), ("Time", pack.time), ("Venue", pack.venue),
             ("Joining online", pack.video_link)]
    story: list[Flowable] = [band, Spacer(1, 16 * mm),
                             Paragraph(text(pack.committee), STYLES["kicker"]), Spacer(1, 4),
                             Paragraph(text(pack.meeting_title), STYLES["front_title"]),
                             Spacer(1, 8), _facts_table([f for f in facts if f[1]]),
                             Spacer(1, 14 * mm), _part_box(public), Spacer(1, 12 * mm)]
    story += [TopPadder(_issue_block(pack)), NextPageTemplate("page"), PageBreak()]
    return story, warning


def _band(pack: PackInput) -> tuple[Table, str]:
    """Organisation's name in white on the blue band, the logo (if any) on a white tile."""
    logo, warning = _logo(pack.logo)
    name = Paragraph(text(pack.organisation), STYLES["front_org"])
    cells = [[name, logo or ""]]
    table = Table(cells, colWidths=[CONTENT_WIDTH - 48 * mm, 48 * mm], rowHeights=[40 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table, warning


def _logo(data: bytes | None) -> tuple[Flowable | None, str]:
    if not data:
        return None, ""
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception as exc:  # Pillow's errors vary by format; the pack goes out without it
        return None, f"The organisation's logo could not be read ({exc}); the pack has none."
    scale = min(40 * mm / width, 24 * mm / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    tile = Table([[image]], colWidths=[width * scale + 6 * mm],
                 rowHeights=[height * scale + 6 * mm])
    tile.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), "white"),
                              ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    tile.hAlign = "RIGHT"
    return tile, ""


def _facts_table(facts: list[tuple[str, str]]) -> Table:
    rows = [[Paragraph(text(k), STYLES["label"]), Paragraph(text(v), STYLES["front_fact"])]
            for k, v in facts]
    table = Table(rows or [["", ""]], colWidths=[32 * mm, CONTENT_WIDTH - 32 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, NHS_PALE_BLUE),
    ]))
    return table


def _part_box(public: bool) -> Table:
    label = PUBLIC_LABEL if public else FULL_LABEL
    note = ("Papers for business taken in private (Part 2) are confidential and are not in "
            "this pack." if public else
            "This pack holds the confidential Part 2 papers. It is for members and those in "
            "attendance only: do not forward, print for others or publish it.")
    box = Table([[Paragraph(text(label), STYLES["part_label"])],
                 [Paragraph(text(note), STYLES["part_note"])]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), NHS_BLUE if public else CONFIDENTIAL_RED),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, 0), 9), ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ]))
    return box


def _issue_block(pack: PackInput) -> Table:
    """Who issued the pack, which version, and the audit chain's head when it was issued:
    with it anyone can later show the record has not changed since (at the page's foot)."""
    issued = " · ".join(s for s in (
        f"Issued by {pack.issued_by}" if pack.issued_by else "",
        f"Pack version {pack.version}" if pack.version else "") if s)
    head = pack.audit_head or "not given"
    lines = [Paragraph(text(issued), STYLES["muted"])] if issued else []
    lines.append(Paragraph(f"Audit trail head at issue: {text(head)}", STYLES["mono"]))
    block = Table([[lines]], colWidths=[CONTENT_WIDTH])
    block.setStyle(TableStyle([
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, NHS_BLUE), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return block


# --------------------------------------------------------------------------------- agenda


def agenda(pack: PackInput, rows: list[AgendaRow], *, public: bool) -> list[Flowable]:
    intro = " · ".join(s for s in (long_date(pack.date), pack.time, pack.venue) if s)
    story: list[Flowable] = [Paragraph("Agenda", STYLES["h1"]),
                             Paragraph(text(pack.meeting_title), STYLES["h2"]),
                             Paragraph(text(intro), STYLES["muted"]), Spacer(1, 8)]
    story.append(_agenda_table(rows, part2_reason=pack.part2_reason, public=public))
    return story


def _agenda_table(rows: list[AgendaRow], *, part2_reason: str, public: bool) -> Table:
    head = [Paragraph(h, STYLES["cell_head"]) for h in
            ("No.", "Item", "Purpose", "Presenter", "Time")]
    head.append(Paragraph("Page", STYLES["cell_head_right"]))
    data: list[list] = [head]
    style: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, NHS_PALE_BLUE),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for row in rows:
        at = len(data)
        data.append(_row_cells(row, part2_reason=part2_reason, public=public))
        style += _row_style(row.kind, at, public=public)
    table = Table(data, colWidths=[w * CONTENT_WIDTH for w in AGENDA_WIDTHS], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _row_cells(row: AgendaRow, *, part2_reason: str, public: bool) -> list:
    if row.kind == BANNER:
        return [_banner(part2_reason, public=public), "", "", "", "", ""]
    if row.kind == PRIVATE:
        return [Paragraph(text(row.number), STYLES["cell"]),
                Paragraph(f"Item {text(row.number)} — taken in private", STYLES["withheld"]),
                "", "", "", ""]
    bold = row.kind in (HEADING, SUPPORTING) and row.page is None
    title = f"<b>{text(row.title)}</b>" if bold else text(row.title)
    if row.note:
        title += f"<br/><font size=7 color='#425563'>{text(row.note)}</font>"
    return [Paragraph(text(row.number), STYLES["cell_bold" if bold else "cell"]),
            Paragraph(title, STYLES["cell"]), Paragraph(text(row.purpose), STYLES["cell"]),
            Paragraph(text(row.presenter), STYLES["cell"]),
            Paragraph(_time(row), STYLES["cell"]), _page_cell(row)]


def _time(row: AgendaRow) -> str:
    allowed = f"<br/><font size=7 color='#425563'>{row.minutes} min</font>" if row.minutes else ""
    return text(row.time) + allowed


def _page_cell(row: AgendaRow) -> Flowable | str:
    if row.kind in (HEADING, SUPPORTING):
        return ""
    if row.page is None:
        return Paragraph("Verbal", STYLES["withheld_right"])
    if isinstance(row.page, str):
        return PageRef(row.page)
    return Paragraph(str(row.page), STYLES["cell_right"])


class PageRef(Flowable):
    """A page number drawn later: the cell draws a form that is defined at the end."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, avail_width, avail_height):
        return avail_width, STYLES["cell_right"].leading

    def draw(self) -> None:
        # The form's text sits on the baseline a Paragraph in this cell would use.
        self.canv.doForm(form_name(self.key))


def form_name(key: str) -> str:
    return "pageref" + key.encode().hex()


def define_page_numbers(canvas, numbers: dict[str, int]) -> None:
    """Fill in every page reference the agenda drew; ``numbers`` maps reference → page."""
    style = STYLES["cell_right"]
    baseline = style.leading - style.fontSize  # as a one-line Paragraph sets it
    for key, page in numbers.items():
        canvas.beginForm(form_name(key))
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(PAGE_CELL_WIDTH, baseline, str(page))
        canvas.endForm()


def _banner(part2_reason: str, *, public: bool) -> Paragraph:
    lead = ("Part 2 — business taken in private" if public
            else "Part 2 — CONFIDENTIAL business, public excluded")
    # A meeting's reason written as its resolution ("That members of the public be excluded
    # …") is the resolution; a bare reason follows the standard words. Either way the
    # resolution is printed once.
    reason = part2_reason.strip()
    if re.match(r"that\b", reason, re.I):
        words = text(reason)
    else:
        words = text(RESOLUTION) + (f"<br/><b>Reason:</b> {text(reason)}" if reason else "")
    return Paragraph(f"<b>{lead}</b><br/><b>Resolution:</b> {words}", STYLES["cell"])


def _row_style(kind: str, at: int, *, public: bool) -> list[tuple]:
    if kind == BANNER:
        colour = NHS_PALE_BLUE if public else CONFIDENTIAL_RED
        style = [("SPAN", (0, at), (-1, at)), ("BOX", (0, at), (-1, at), 1, colour),
                 ("TOPPADDING", (0, at), (-1, at), 7), ("BOTTOMPADDING", (0, at), (-1, at), 8)]
        return style + [("BACKGROUND", (0, at), (-1, at), NHS_PALE_GREY)]
    if kind in (HEADING, SUPPORTING):
        return [("BACKGROUND", (0, at), (-1, at), NHS_PALE_GREY),
                ("TEXTCOLOR", (0, at), (-1, at), NHS_DARK_BLUE)]
    return []

