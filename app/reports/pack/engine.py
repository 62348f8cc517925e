"""The board pack: one PDF with the front page, the agenda and every paper, in agenda order.

    result = build_board_pack(pack_input, "pack.pdf", public=True)

The public pack leaves out Part 2 (its items appear on the agenda only as "Item N — taken in
private") and every cover sheet field marked confidential; the full pack is for members.

How it is built: attachments are read (PDF), placed (images) or converted (office files);
then everything we draw — front page, agenda, cover sheets, image pages, placeholders,
standard sections — is laid out once in one reportlab document, with markers noting where
each run of pages begins. At the end of that layout every length is known, so the agenda's
page cells, drawn as references, are filled in with the pages on which items really start
(``pack_front``). pypdf then puts our pages and the attachments' pages together in agenda
order, every page is stamped with the running header and "Page n of N" (``pack_stamp``),
the bookmarks are added, and the file is written under a temporary name and renamed, so a
cancelled or failed build never leaves half a pack behind.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.platypus import Flowable, PageBreakIfNotEmpty

from app.domain.errors import ValidationError
from app.domain.fingerprint import sha256_of
from app.domain.pack import PackInput, PackItem, PackResult
from app.files import PRIVATE, PUBLIC, write_atomically
from app.reports.pack.attachments import conversion_problem, open_pdf, prepare_attachment
from app.reports.pack.cover_sheet import cover_sheet_flowables
from app.reports.pack.front import agenda, define_page_numbers, front_page
from app.reports.pack.layout import (
    Bookmark,
    Plan,
    Segment,
    agenda_rows,
    flatten,
    item_ref,
    item_starts,
    make_plan,
    outline,
    page_numbers,
    place,
)
from app.reports.pack.pages import PackDocTemplate, short_date
from app.reports.pack.sections import section_flowables
from app.reports.stamp import Stamp, Stamper, page_of

Progress = Callable[[int, int, str], None]

# Purposes for which the body is asked to act on a paper; such an item without one is a gap.
PAPER_PURPOSES = ("approval", "decision", "ratification", "assurance")
AGENDA = "agenda"  # the marker at the top of the agenda


class PackCancelled(Exception):
    """The build stopped because ``cancelled()`` said so. Nothing was written."""


def warnings_for(pack: PackInput, *, public: bool = False) -> list[str]:
    """What a secretary should know before issuing: gaps the pack would go out with."""
    return _item_warnings(pack, public=public) + [
        f"Item {item.number}: {att.name} will be a placeholder page: {problem}."
        for item in _items(pack, public=public) for att in item.attachments
        if (problem := conversion_problem(att))]


def build_board_pack(pack_input: PackInput, out_path: str | os.PathLike, *, public: bool,
                     progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> PackResult:
    out = Path(out_path)
    if not out.parent.is_dir():
        raise ValidationError(f"the folder {out.parent} does not exist", field="path")
    plan = make_plan(pack_input, public=public)
    steps = _Steps(progress, cancelled, total=_step_count(plan))
    warnings = _item_warnings(pack_input, public=public)
    segments = _prepare(plan, pack_input, public=public, steps=steps, warnings=warnings)
    pages = _render(plan, segments, pack_input, public=public, steps=steps, warnings=warnings)
    writer = _assemble(pages, segments, steps)
    _stamp_all(writer, segments, pages.preamble_pages, pack_input, public, steps)
    titles = _add_outline(writer, outline(plan, segments, agenda_page=pages.agenda_page))
    writer.add_metadata({"/Title": f"{pack_input.meeting_title} — {pack_input.committee}",
                         "/Author": pack_input.organisation, "/Creator": "Boardbook"})
    steps.step("Writing the pack")
    digest = _write(writer, out, public=public)
    return PackResult(path=str(out), page_count=len(writer.pages),
                      item_pages=item_starts(segments), outline=tuple(titles), sha256=digest,
                      warnings=tuple(warnings))


# ------------------------------------------------------------------------------- progress


class _Steps:
    """Reports progress and stops the build at the next step once cancelled."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None, *,
                 total: int):
        self._progress, self._cancelled, self.total, self.done = progress, cancelled, total, 0

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise PackCancelled("the board pack was cancelled; no file was written")

    def step(self, label: str) -> None:
        self.check()
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total, label)


def _step_count(plan: Plan) -> int:
    files = sum(len(i.attachments) for i in plan.included)
    sections = len(plan.supporting) + sum(len(s) for s in plan.sections.values())
    covers = sum(1 for i in plan.included if i.cover_sheet is not None)
    # read each file and section; lay out; add each cover sheet, file and section; stamp; write
    return 2 * (files + sections) + covers + 3


# ------------------------------------------------------------------------------ segments


def _items(pack: PackInput, *, public: bool) -> list[PackItem]:
    return [i for i in pack.items if not (public and i.part == 2)]


def _item_warnings(pack: PackInput, *, public: bool) -> list[str]:
    warnings = []
    with_sections = {s.item_number for s in pack.sections}
    for item in _items(pack, public=public):
        if item.is_section_heading:
            continue
        purpose = item.purpose.lower().removeprefix("for ").strip()
        if not purpose:
            warnings.append(f"Item {item.number} '{item.title}' has no purpose "
                            "(approval, decision, assurance, …).")
        elif purpose in PAPER_PURPOSES and not (item.has_papers or item.number in with_sections):
            warnings.append(f"Item {item.number} '{item.title}' is for {purpose} but has no "
                            "paper.")
    return warnings


def _prepare(plan: Plan, pack: PackInput, *, public: bool, steps: _Steps,
             warnings: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    for item in plan.included:
        item_segments = []
        if item.cover_sheet is not None:
            flow = cover_sheet_flowables(item.cover_sheet, item=item, pack=pack, public=public)
            item_segments.append(Segment(f"cover:{item.number}", "", item.part, item.number,
                                         flow))
        for n, att in enumerate(item.attachments):
            steps.step(f"Reading {item.number} {att.name}")
            ready = prepare_attachment(att, item)
            if ready.warning:
                warnings.append(ready.warning)
            item_segments.append(Segment(f"file:{item.number}:{n}", att.name, item.part,
                                         item.number, list(ready.flowables) or None,
                                         ready.reader))
        item_segments += _section_segments(plan, item, steps)
        for segment in item_segments:
            segment.ref = item_ref(item)
        segments += item_segments
    segments += _section_segments(plan, None, steps)
    return segments


def _section_segments(plan: Plan, item: PackItem | None, steps: _Steps) -> list[Segment]:
    sections = plan.sections.get(item.number, []) if item else plan.supporting
    number, part = (item.number, item.part) if item else ("", 1)
    out = []
    for n, section in enumerate(sections):
        steps.step(f"Preparing {section.title}")
        key = f"section:{number}:{n}"
        if section.pdf is not None:
            reader = open_pdf(section.pdf, f"The {section.title}")
            out.append(Segment(key, section.title, max(part, section.part), number,
                               reader=reader))
        else:
            out.append(Segment(key, section.title, max(part, section.part), number,
                               section_flowables(section)))
    return out


class _Marker(Flowable):
    """Draws nothing; tells the document template on which page a segment begins."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def draw(self) -> None:
        pass


def _render(plan: Plan, segments: list[Segment], pack: PackInput, *, public: bool,
            steps: _Steps, warnings: list[str]) -> _Pages:
    """Lay out the front page, the agenda and every segment we draw, in one document.

    Markers note where the agenda and each segment begin. Once all is laid out, and before
    the file is written, the segments are placed among the imported ones and the agenda's
    page references are filled in (``_Pages.number_agenda``).
    """
    steps.step("Laying out the agenda and cover sheets")
    for s in segments:
        if s.reader is not None:
            s.pages = len(s.reader.pages)
    pages = _Pages([s for s in segments if s.flowables], segments, steps)
    front, logo_warning = front_page(pack, public=public)
    if logo_warning:
        warnings.append(logo_warning)
    story = front + [_Marker(AGENDA)] + agenda(
        pack, agenda_rows(plan, segments, public=public), public=public)
    for s in pages.own:
        # Not a plain PageBreak: a segment that ends at the foot of a page leaves no blank.
        story += [PageBreakIfNotEmpty(), _Marker(s.key)] + s.flowables
    buffer = io.BytesIO()
    PackDocTemplate(buffer, title=pack.meeting_title, front=True, on_flowable=pages.noted,
                    before_save=pages.number_agenda).build(story)
    pages.document = PdfReader(buffer)
    return pages


class _Pages:
    """Where things fell in the document we render: the agenda, each of our segments."""

    def __init__(self, own: list[Segment], segments: list[Segment], steps: _Steps):
        self.own, self._segments, self._steps = own, segments, steps
        self.starts: dict[str, int] = {}  # marker key → 1-based page in our document
        self.preamble_pages = 0
        self.document: PdfReader | None = None

    @property
    def agenda_page(self) -> int:
        return self.starts[AGENDA] - 1

    def noted(self, flowable: Flowable, page: int) -> None:
        if isinstance(flowable, _Marker):
            self.starts[flowable.key] = page
            self._steps.check()

    def number_agenda(self, canvas, page_count: int) -> None:
        ends = [self.starts[s.key] for s in self.own] + [page_count + 1]
        for s, end in zip(self.own, ends[1:], strict=True):
            s.body_start, s.pages = self.starts[s.key] - 1, end - self.starts[s.key]
        self.preamble_pages = ends[0] - 1
        place(self._segments, self.preamble_pages)
        define_page_numbers(canvas, page_numbers(self._segments))


def _assemble(pages: _Pages, segments: list[Segment], steps: _Steps) -> PdfWriter:
    writer = PdfWriter()
    own = pages.document
    for n in range(pages.preamble_pages):
        writer.add_page(own.pages[n])
    for s in segments:
        steps.step(f"Adding {s.title or 'cover sheet ' + s.item_number}")
        if s.reader is not None:
            writer.append(s.reader, import_outline=False)
        else:
            for n in range(s.body_start, s.body_start + s.pages):
                writer.add_page(own.pages[n])
    return writer


def _stamp_all(writer: PdfWriter, segments: list[Segment], preamble_pages: int,
               pack: PackInput, public: bool, steps: _Steps) -> None:
    steps.step("Numbering pages")
    total = len(writer.pages)
    owners = [(0, pack.short_name)] * preamble_pages
    for s in segments:
        owners += [(s.part, s.ref or pack.short_name)] * s.pages
    stamper = Stamper(writer)
    for index, page in enumerate(writer.pages):
        part, ref = owners[index]
        stamper.stamp(page, _stamp_for(pack, public, part, ref, index, total))


def _stamp_for(pack: PackInput, public: bool, part: int, ref: str, index: int,
               total: int) -> Stamp:
    day = short_date(pack.date)
    which = {0: "Part 1 (public)" if public else "Parts 1 and 2 (confidential)",
             1: "Part 1 (public)", 2: "Part 2 — CONFIDENTIAL"}[part]
    pack_name = "Public pack" if public else "Members' pack — contains Part 2"
    version = f" · version {pack.version}" if pack.version else ""
    header = "" if index == 0 else f"{pack.committee} · {day} · {which}"
    return Stamp(header_left=header, header_right="" if index == 0 else ref,
                 footer_left=f"{pack_name}{version}", footer_right=page_of(index + 1, total),
                 confidential=part == 2)


def _add_outline(writer: PdfWriter, marks: list[Bookmark], parent=None) -> list[str]:
    for mark in marks:
        ref = writer.add_outline_item(title=mark.title, page_number=mark.page, parent=parent,
                                      is_open=False)
        _add_outline(writer, list(mark.children), parent=ref)
    return flatten(marks)


def _write(writer: PdfWriter, out: Path, *, public: bool) -> str:
    """Write the pack whole or not at all; returns the SHA-256 of the bytes written. The
    public pack is readable by all, the members' pack (with Part 2) by its owner only."""
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    write_atomically(out, data, audience=PUBLIC if public else PRIVATE)
    return sha256_of(data)
