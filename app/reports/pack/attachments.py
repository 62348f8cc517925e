"""Turning a paper's attachment into pages of the pack.

A PDF goes in as it is, once pypdf has read it; an image is placed on a page of its own; an
office document (DOCX, XLSX, ODT …) is converted by LibreOffice when it is installed. Anything
else, or a conversion that fails, becomes a placeholder page that says the file exists and
where it is held, and the build reports a warning, so a pack is never silently short a paper.
A damaged or password-protected PDF stops the build instead: issuing a pack without a paper
the body must consider is worse than not issuing it yet.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from app.domain.errors import ValidationError
from app.domain.fingerprint import matches
from app.domain.pack import PackAttachment, PackItem
from app.reports.pack.pages import (
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    NHS_BLUE,
    NHS_PALE_GREY,
    PAGE_HEIGHT,
    STYLES,
    text,
)

PDF, IMAGE, OFFICE, OTHER = "pdf", "image", "office", "other"
OFFICE_SUFFIXES = frozenset({".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods",
                             ".odp", ".rtf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
CONVERT_TIMEOUT_S = 120


@dataclass(frozen=True)
class PreparedAttachment:
    """An attachment ready for the pack: PDF pages to import, or flowables we render."""

    attachment: PackAttachment
    reader: PdfReader | None = None  # set for a PDF (given or converted)
    flowables: tuple[Flowable, ...] = ()  # set for an image or a placeholder
    warning: str = ""


def kind_of(attachment: PackAttachment) -> str:
    """What the file is, by its first bytes, then by its name and declared type."""
    head = attachment.data[:1024]
    suffix = Path(attachment.name).suffix.lower()
    if b"%PDF-" in head or suffix == ".pdf" or attachment.content_type == "application/pdf":
        return PDF
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8"):
        return IMAGE
    if suffix in OFFICE_SUFFIXES:
        return OFFICE
    if suffix in IMAGE_SUFFIXES:
        return IMAGE  # misnamed or damaged: reading it will say so
    return OTHER


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def conversion_problem(attachment: PackAttachment) -> str:
    """Why this file will not become PDF pages here, or "" when it should."""
    kind = kind_of(attachment)
    if kind == OFFICE and soffice_path() is None:
        return "LibreOffice (soffice) is not installed on this computer to convert it"
    if kind == OTHER:
        return "Boardbook cannot put a file of this type into a PDF"
    return ""


def prepare_attachment(attachment: PackAttachment, item: PackItem, *,
                       timeout: float = CONVERT_TIMEOUT_S) -> PreparedAttachment:
    # The pack is evidence of what the body considered: never issue bytes other than those
    # the record names.
    if not matches(attachment.data, attachment.sha256):
        raise _bad_file(describe(attachment, item), "does not match its recorded SHA-256")
    kind = kind_of(attachment)
    if kind == PDF:
        return PreparedAttachment(attachment, reader=open_pdf(attachment.data,
                                                              describe(attachment, item)))
    if kind == IMAGE:
        return PreparedAttachment(attachment, flowables=tuple(_image_page(attachment, item)))
    pdf, reason = (_convert(attachment, timeout) if kind == OFFICE
                   else (None, conversion_problem(attachment)))
    if pdf is not None:
        return PreparedAttachment(attachment, reader=open_pdf(pdf, describe(attachment, item)))
    warning = f"Item {item.number}: {attachment.name} is shown as a placeholder page ({reason})."
    return PreparedAttachment(attachment, flowables=tuple(placeholder_page(attachment)),
                              warning=warning)


def describe(attachment: PackAttachment, item: PackItem) -> str:
    """How an error names the file: "Paper 6.8 'ISOP': the attachment isop.pdf"."""
    return f"Paper {item.number} '{item.title}': the attachment {attachment.name}"


def _bad_file(what: str, why: str) -> ValidationError:
    return ValidationError(f"{what} {why}. Attach a good copy and build the pack again.",
                           field="attachments")


def open_pdf(data: bytes, what: str) -> PdfReader:
    """Read a PDF and touch every page, so damage shows now rather than half-way through.

    ``what`` names the file in the error, as ``describe`` words it.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _bad_file(what, "is password-protected")
        pages = reader.pages
        if len(pages) == 0:
            raise _bad_file(what, "has no pages")
        for page in pages:
            _ = page.mediabox
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a broken file; all mean "damaged"
        raise _bad_file(what, f"is not a readable PDF ({exc})") from exc
    return reader


def _image_page(attachment: PackAttachment, item: PackItem) -> list[Flowable]:
    try:
        width, height = ImageReader(io.BytesIO(attachment.data)).getSize()
    except Exception as exc:  # Pillow's errors vary by format; all mean "unreadable image"
        raise _bad_file(describe(attachment, item), f"is not a readable image ({exc})") from exc
    heading = Paragraph(text(attachment.name), STYLES["muted"])
    room_h = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 24
    scale = min(CONTENT_WIDTH / width, room_h / height, 1.0)  # shrink to fit, never blow up
    image = Image(io.BytesIO(attachment.data), width=width * scale, height=height * scale)
    return [heading, Spacer(1, 8), image]


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def placeholder_page(attachment: PackAttachment) -> list[Flowable]:
    """A framed notice in place of the file, so the pack says plainly what it lacks."""
    name = text(attachment.name)
    notice = [
        Paragraph("Attachment not shown in this PDF", STYLES["h2"]),
        Paragraph(f"This paper's attachment <b>{name}</b> ({human_size(attachment.size)}) is "
                  "held with the meeting papers but could not be converted to PDF here.",
                  STYLES["body"]),
        Paragraph("Members can ask the board secretary for a copy. The file's fingerprint "
                  "lets anyone check that the copy they receive is the one issued:",
                  STYLES["body"]),
        Paragraph(f"SHA-256 {attachment.sha256}", STYLES["mono"]),
    ]
    box = Table([[notice]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.9, NHS_BLUE), ("BACKGROUND", (0, 0), (-1, -1), NHS_PALE_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
    ]))
    return [Spacer(1, 40), box]


def _convert(attachment: PackAttachment, timeout: float) -> tuple[bytes | None, str]:
    """LibreOffice's PDF of an office file, or (None, why not)."""
    soffice = soffice_path()
    if soffice is None:
        return None, conversion_problem(attachment)
    with tempfile.TemporaryDirectory(prefix="boardbook-convert-") as tmp:
        # A fixed safe name: the stored name may hold characters a shell or LibreOffice dislikes.
        source = Path(tmp) / f"attachment{Path(attachment.name).suffix.lower()}"
        source.write_bytes(attachment.data)
        # A private profile: a second LibreOffice sharing the user's profile refuses to start.
        profile = (Path(tmp) / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), str(source)]
        why = _run(command, timeout)
        result = Path(tmp) / "out" / "attachment.pdf"
        if why or not result.exists():
            return None, why or "LibreOffice could not convert it"
        return result.read_bytes(), ""


def _run(command: list[str], timeout: float) -> str:
    try:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
    except OSError as exc:
        return f"LibreOffice could not be started: {exc}"
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return f"LibreOffice took longer than {timeout:.0f} seconds"
    return "" if proc.returncode == 0 else f"LibreOffice failed (exit code {proc.returncode})"


def _kill(proc: subprocess.Popen) -> None:
    """Kill LibreOffice and the helper it starts (its own session, so its process group)."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        proc.kill()
    proc.wait()
