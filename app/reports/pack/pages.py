"""The look of a Boardbook PDF: page size, margins, colours, type styles and page templates.

Every page the pack renders itself is drawn on these templates. The running header and the
"Page n of N" footer are not drawn here: they are stamped afterwards on every page, ours and
the attachments' alike (``pack_stamp``), because only then is the total known. The templates
leave room for them and draw the quiet rules that frame them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
HEADER_Y = 12 * mm  # baseline of the running header, from the top edge
FOOTER_Y = 10 * mm  # baseline of the footer, from the bottom edge
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

NHS_BLUE = colors.HexColor("#005EB8")
NHS_DARK_BLUE = colors.HexColor("#003087")
NHS_PALE_BLUE = colors.HexColor("#E8EDEE")
NHS_PALE_GREY = colors.HexColor("#F0F4F5")
NHS_MID_GREY = colors.HexColor("#768692")
NHS_DARK_GREY = colors.HexColor("#425563")
NHS_TEXT = colors.HexColor("#212B32")
CONFIDENTIAL_RED = colors.HexColor("#8A1538")

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_MONO = "Courier"  # only for hashes, which are ASCII


def _register_fonts() -> tuple[str, str, str]:
    """DejaVu Sans Condensed when shipped (names such as Łukasz or Ștefan need more than
    Latin-1; condensed sets about as tight as Arial, the NHS's everyday face); Helvetica,
    which needs no embedding, when the font files are missing."""
    files = {"BbSans": "DejaVuSansCondensed.ttf", "BbSans-Bold": "DejaVuSansCondensed-Bold.ttf",
             "BbSans-Oblique": "DejaVuSansCondensed-Oblique.ttf"}
    if not all((FONTS_DIR / f).is_file() for f in files.values()):
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    if "BbSans" not in pdfmetrics.getRegisteredFontNames():
        for name, file in files.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
        # So that <b> and <i> in Paragraph markup pick the right faces.
        pdfmetrics.registerFontFamily("BbSans", normal="BbSans", bold="BbSans-Bold",
                                      italic="BbSans-Oblique", boldItalic="BbSans-Bold")
    return "BbSans", "BbSans-Bold", "BbSans-Oblique"


FONT, FONT_BOLD, FONT_ITALIC = _register_fonts()


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 12.5, "textColor": NHS_TEXT}
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", spaceAfter=4),
    "small": _style("small", fontSize=8, leading=10),
    "muted": _style("muted", fontSize=8, leading=10, textColor=NHS_DARK_GREY),
    "muted_right": _style("muted_right", fontSize=8, leading=10, textColor=NHS_DARK_GREY,
                          alignment=TA_RIGHT),
    "confidential_right": _style("confidential_right", fontName=FONT_BOLD, fontSize=9,
                                 leading=12, textColor=CONFIDENTIAL_RED, alignment=TA_RIGHT),
    "label": _style("label", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=NHS_DARK_BLUE),
    "cell": _style("cell", fontSize=8.5, leading=11),
    "cell_para": _style("cell_para", fontSize=8.5, leading=11, spaceAfter=4),
    "cell_bold": _style("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=11),
    "cell_head": _style("cell_head", fontName=FONT_BOLD, fontSize=8.5, leading=11,
                        textColor=colors.white),
    "cell_right": _style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT),
    "cell_head_right": _style("cell_head_right", fontName=FONT_BOLD, fontSize=8.5, leading=11,
                              textColor=colors.white, alignment=TA_RIGHT),
    "withheld": _style("withheld", fontName=FONT_ITALIC, fontSize=8.5, leading=11,
                       textColor=NHS_MID_GREY),
    "withheld_right": _style("withheld_right", fontName=FONT_ITALIC, fontSize=8.5, leading=11,
                             textColor=NHS_MID_GREY, alignment=TA_RIGHT),
    "h1": _style("h1", fontName=FONT_BOLD, fontSize=18, leading=22, textColor=NHS_BLUE,
                 spaceAfter=6),
    "h2": _style("h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=NHS_DARK_BLUE,
                 spaceBefore=4, spaceAfter=4),
    "kicker": _style("kicker", fontName=FONT_BOLD, fontSize=9, leading=12, textColor=NHS_BLUE),
    "attachment_no": _style("attachment_no", fontName=FONT_BOLD, fontSize=13, leading=16,
                            alignment=TA_RIGHT, textColor=NHS_DARK_BLUE),
    "front_org": _style("front_org", fontName=FONT_BOLD, fontSize=22, leading=27,
                        textColor=colors.white),
    "front_title": _style("front_title", fontName=FONT_BOLD, fontSize=24, leading=30,
                          textColor=NHS_DARK_BLUE, spaceAfter=4),
    "part_label": _style("part_label", fontName=FONT_BOLD, fontSize=15, leading=19,
                         textColor=colors.white),
    "part_note": _style("part_note", fontSize=9.5, leading=12.5, textColor=colors.white),
    "front_sub": _style("front_sub", fontSize=14, leading=19, textColor=NHS_DARK_GREY),
    "front_fact": _style("front_fact", fontSize=11, leading=15, alignment=TA_LEFT),
    "mono": _style("mono", fontName=FONT_MONO, fontSize=7.5, leading=9.5,
                   textColor=NHS_DARK_GREY),
}


def text(value: str) -> str:
    """Plain text as Paragraph markup: escaped, with line breaks kept."""
    return escape(value.strip()).replace("\n", "<br/>")


def para(value: str, style: str = "cell") -> Paragraph:
    return Paragraph(text(value), STYLES[style])


def long_date(day: dt.date | str) -> str:
    """"Thursday 27 September 2012", as a board secretary writes it."""
    if isinstance(day, str):
        return day
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date | str) -> str:
    """"27 September 2012", for the running header."""
    return day if isinstance(day, str) else f"{day.day} {day:%B %Y}"


def purpose_words(purpose: str) -> str:
    """"approval" → "For Approval"; a purpose already in words is kept."""
    purpose = purpose.strip()
    if not purpose or " " in purpose:
        return purpose
    return f"For {purpose.capitalize()}"


def _decorate(canvas, _doc) -> None:
    """Thin NHS blue rules under the header and above the footer the stamp will fill."""
    canvas.saveState()
    canvas.setStrokeColor(NHS_BLUE)
    canvas.setLineWidth(0.6)
    y_top = PAGE_HEIGHT - HEADER_Y - 3.5
    canvas.line(MARGIN_X, y_top, PAGE_WIDTH - MARGIN_X, y_top)
    canvas.setStrokeColor(NHS_PALE_BLUE)
    canvas.line(MARGIN_X, FOOTER_Y + 9, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 9)
    canvas.restoreState()


def _front_band(canvas, doc) -> None:
    """The front page's NHS blue band; its words are flowables drawn over it."""
    canvas.saveState()
    canvas.setFillColor(NHS_BLUE)
    canvas.rect(0, PAGE_HEIGHT - 62 * mm, PAGE_WIDTH, 62 * mm, stroke=0, fill=1)
    canvas.restoreState()
    _decorate_footer_only(canvas, doc)


def _decorate_footer_only(canvas, _doc) -> None:
    canvas.saveState()
    canvas.setStrokeColor(NHS_PALE_BLUE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, FOOTER_Y + 9, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 9)
    canvas.restoreState()


class PackDocTemplate(BaseDocTemplate):
    """A4 with the pack's margins; ``front=True`` starts with the front page's template.

    ``on_flowable(flowable, page)`` tells where each flowable fell; ``before_save`` is
    called once every page is laid out (see ``_endBuild``).
    """

    def __init__(self, filename, *, title: str, author: str = "", front: bool = False,
                 on_flowable: Callable[[object, int], None] | None = None,
                 before_save: Callable[[object, int], None] | None = None, **kw):
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                         author=author, creator="Boardbook", **kw)
        body = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH,
                     PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        front_frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH,
                      PAGE_HEIGHT - 14 * mm - MARGIN_BOTTOM, id="front",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate(id="page", frames=[body], onPage=_decorate),
                     PageTemplate(id="front", frames=[front_frame], onPage=_front_band)]
        # The first template is the first page's: the front page when there is one.
        self.addPageTemplates(templates[::-1] if front else templates)
        self._on_flowable = on_flowable
        self._before_save = before_save

    def _endBuild(self) -> None:  # noqa: N802 (reportlab's name)
        """Let ``before_save(canvas, page_count)`` define forms the pages refer to (the
        agenda's page numbers), after the last page and before the file is written."""
        if self._before_save is None:
            return super()._endBuild()
        self._doSave = 0
        super()._endBuild()
        self._before_save(self.canv, self.canv.getPageNumber() - 1)
        self.canv.save()

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        if self._on_flowable is not None:
            self._on_flowable(flowable, self.page)
