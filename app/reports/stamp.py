"""The running header and "Page n of N" footer, stamped on every page of a finished PDF.

The one page stamper: the board pack stamps its merged pages with it, and the risk register
and the decision trail stamp theirs (``stamp_pdf``), so every report numbers its pages alike.

Stamping is done by hand rather than by merging a reportlab overlay page into each page
(``PageObject.merge_page``): merging parses and rewrites every page's content, which on a
300-page pack costs more than building it. Here each page gets two small extra content
streams, one before its own content ("q", to save the graphics state) and one after ("Q",
restoring it, then our text), plus a reference to a standard font. The page's own content is
never decoded. Rotated pages and pages whose box does not start at 0,0 are handled, so the
words sit upright at the edges a reader sees.

The shared objects are added with pypdf's private ``PdfWriter._add_object`` (a content stream
must be an indirect object, and pypdf has no public call that adds one without decoding the
page). pyproject.toml pins pypdf to the tested minor release for this reason, and
tests/reports/test_stamp.py fails if the call goes away.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.pack.pages import FOOTER_Y, HEADER_Y, MARGIN_X

FONT_REGULAR = "/BbStampRegular"  # names no PDF of ours or theirs is likely to use
FONT_BOLD = "/BbStampBold"
SIZE = 7.5
GREY = (0.26, 0.33, 0.39)  # NHS dark grey
RED = (0.54, 0.08, 0.22)  # confidential


@dataclass(frozen=True)
class Stamp:
    """What goes on one page. An empty header leaves the top of the page alone."""

    header_left: str
    header_right: str
    footer_left: str
    footer_right: str  # "Page 3 of 120"
    confidential: bool = False


def page_of(number: int, total: int) -> str:
    """The footer's page number, worded the same in every report."""
    return f"Page {number} of {total}"


class Stamper:
    """Stamps pages of one writer, sharing the font objects and the "q" stream among them."""

    def __init__(self, writer: PdfWriter):
        self._writer = writer
        self._fonts = {name: writer._add_object(_font(base)) for name, base in
                       ((FONT_REGULAR, "/Helvetica"), (FONT_BOLD, "/Helvetica-Bold"))}
        self._save = writer._add_object(_stream(b"q\n"))

    def stamp(self, page: PageObject, stamp: Stamp) -> None:
        self._add_fonts(page)
        width, height, matrix = _geometry(page)
        ours = _stream(_content(stamp, width, height, matrix))
        contents = page.get("/Contents")
        existing = [] if contents is None else (
            list(contents) if isinstance(contents.get_object(), ArrayObject) else [contents])
        page[NameObject("/Contents")] = ArrayObject(
            [self._save, *existing, self._writer._add_object(ours)])

    def _add_fonts(self, page: PageObject) -> None:
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts = fonts.get_object()
        for name, ref in self._fonts.items():
            fonts[NameObject(name)] = ref


def stamp_pdf(pdf: bytes, stamp_for: Callable[[int, int], Stamp]) -> bytes:
    """``pdf`` with every page stamped; ``stamp_for(n, total)`` (``n`` from 1) says what goes
    on page ``n``. Bookmarks and document information are kept."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    stamper, total = Stamper(writer), len(writer.pages)
    for n, page in enumerate(writer.pages, start=1):
        stamper.stamp(page, stamp_for(n, total))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _font(base: str) -> DictionaryObject:
    font = DictionaryObject()
    font.update({NameObject("/Type"): NameObject("/Font"),
                 NameObject("/Subtype"): NameObject("/Type1"),
                 NameObject("/BaseFont"): NameObject(base),
                 NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    return font


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _geometry(page: PageObject) -> tuple[float, float, tuple[float, ...]]:
    """The visible width and height, and the matrix from visible to user-space coordinates."""
    box = page.cropbox
    x0, y0 = float(box.left), float(box.bottom)
    w, h = float(box.width), float(box.height)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    if rotate == 90:
        return h, w, (0, 1, -1, 0, x0 + w, y0)
    if rotate == 180:
        return w, h, (-1, 0, 0, -1, x0 + w, y0 + h)
    if rotate == 270:
        return h, w, (0, -1, 1, 0, x0, y0 + h)
    return w, h, (1, 0, 0, 1, x0, y0)


def _content(stamp: Stamp, width: float, height: float, matrix: tuple[float, ...]) -> bytes:
    head_colour = RED if stamp.confidential else GREY
    top, right = height - HEADER_Y, width - MARGIN_X
    parts = ["Q q", "{} {} {} {} {:.2f} {:.2f} cm".format(*matrix), "BT"]
    if stamp.header_left or stamp.header_right:
        parts += _colour(head_colour)
        parts += _text(FONT_BOLD if stamp.confidential else FONT_REGULAR,
                       stamp.header_left, MARGIN_X, top)
        parts += _text(FONT_REGULAR, stamp.header_right, right, top, align_right=True)
    parts += _colour(GREY)
    parts += _text(FONT_REGULAR, stamp.footer_left, MARGIN_X, FOOTER_Y)
    parts += _text(FONT_BOLD, stamp.footer_right, right, FOOTER_Y, align_right=True)
    parts += ["ET", "Q"]
    return ("\n".join(parts) + "\n").encode("latin-1")


def _colour(rgb: tuple[float, float, float]) -> list[str]:
    return ["{} {} {} rg".format(*rgb)]


def _text(font: str, words: str, x: float, y: float, *, align_right: bool = False) -> list[str]:
    if not words:
        return []
    encoded = _win_ansi(words)
    if align_right:
        base = "Helvetica-Bold" if font == FONT_BOLD else "Helvetica"
        x -= stringWidth(encoded.decode("cp1252"), base, SIZE)
    return [f"{font} {SIZE} Tf", f"1 0 0 1 {x:.2f} {y:.2f} Tm", f"({_escape(encoded)}) Tj"]


def _win_ansi(words: str) -> bytes:
    """The stamp's standard font only has Windows-1252 glyphs: "Łódź" → "?odz", never a box."""
    out = bytearray()
    for char in words:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            bare = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            out += bare.encode("cp1252", errors="replace")
    return bytes(out)


def _escape(data: bytes) -> str:
    """A PDF literal string; bytes above 127 as octal escapes so the stream stays ASCII."""
    out = []
    for byte in data:
        char = chr(byte)
        if char in "()\\":
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "".join(out)
