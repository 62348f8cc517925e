"""What goes into a pack, in what order, and where it lands.

A pack after its front page and agenda is a run of *segments*: an item's cover sheet, each of
its attachments, each standard section. A segment is either pages we render (flowables) or
pages we import (a PDF reader). Each starts on a new page, so once every segment's length is
known the page on which each item starts follows by adding up; the agenda is then drawn
with those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PdfReader
from reportlab.platypus import Flowable

from app.domain.pack import PackInput, PackItem, StandardSection
from app.reports.pack.front import BANNER, HEADING, ITEM, PRIVATE, SUPPORTING, AgendaRow
from app.reports.pack.pages import purpose_words


@dataclass(eq=False)
class Segment:
    """A run of pages starting on a new page. ``start`` is its 0-based page in the pack."""

    key: str
    title: str  # the bookmark under its item; "" for the cover sheet (the item's own bookmark)
    part: int
    item_number: str = ""  # "" for a supporting paper that belongs to no item
    flowables: list[Flowable] | None = None
    reader: PdfReader | None = None
    pages: int = 0
    start: int = 0
    body_start: int = 0  # for rendered segments: 0-based page in the body document
    ref: str = ""  # "Item 6.8 · Attachment 05", at the top right of each of its pages


@dataclass
class Plan:
    """The items and sections this pack (public or full) carries, in agenda order."""

    items: list[PackItem]  # every item, for the agenda
    included: list[PackItem]  # items whose papers are in this pack
    sections: dict[str, list[StandardSection]] = field(default_factory=dict)  # by item number
    supporting: list[StandardSection] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


def make_plan(pack: PackInput, *, public: bool) -> Plan:
    # Part 1 always comes before Part 2; a stable sort keeps the given order within each part.
    items = sorted(pack.items, key=lambda i: i.part)
    included = [i for i in items if not (public and i.part == 2)]
    numbers = {i.number: i for i in included}
    private = {i.number for i in items if i.part == 2}
    plan = Plan(items=items, included=included)
    for section in pack.sections:
        if public and (section.part == 2 or section.item_number in private):
            continue
        if section.item_number in numbers:
            plan.sections.setdefault(section.item_number, []).append(section)
        else:
            plan.supporting.append(section)
    return plan


def item_ref(item: PackItem) -> str:
    sheet = item.cover_sheet
    attachment = sheet.attachment_number.strip().capitalize() if sheet else ""
    return " · ".join(s for s in (f"Item {item.number}", attachment) if s)


def place(segments: list[Segment], first_page: int) -> None:
    """Give each segment its start, the first one on ``first_page`` (0-based)."""
    at = first_page
    for segment in segments:
        segment.start = at
        at += segment.pages


def item_starts(segments: list[Segment]) -> dict[str, int]:
    """Item number → 1-based page on which its papers start."""
    starts: dict[str, int] = {}
    for segment in segments:
        if segment.item_number and segment.item_number not in starts:
            starts[segment.item_number] = segment.start + 1
    return starts


def page_numbers(segments: list[Segment]) -> dict[str, int]:
    """Every page reference the agenda may hold (see ``agenda_rows``) → 1-based page."""
    numbers = {item_key(n): page for n, page in item_starts(segments).items()}
    numbers.update({s.key: s.start + 1 for s in segments if not s.item_number})
    return numbers


def item_key(number: str) -> str:
    return f"item:{number}"


# --------------------------------------------------------------------------------- agenda


def agenda_rows(plan: Plan, segments: list[Segment], *, public: bool) -> list[AgendaRow]:
    """The agenda's rows; the page of an item with papers is a reference (``page_numbers``)."""
    with_papers = {s.item_number for s in segments}
    rows: list[AgendaRow] = []
    for item in plan.items:
        if item.part == 2 and not any(r.kind == BANNER for r in rows):
            rows.append(AgendaRow(BANNER))
        page = item_key(item.number) if item.number in with_papers else None
        rows.append(_agenda_row(item, public=public, page=page))
    supporting = [s for s in segments if not s.item_number]
    if supporting:
        rows.append(AgendaRow(SUPPORTING, title="Supporting papers"))
        rows += [AgendaRow(ITEM, title=s.title, page=s.key) for s in supporting]
    return rows


def _agenda_row(item: PackItem, *, public: bool, page: str | None) -> AgendaRow:
    if public and item.part == 2:
        return AgendaRow(PRIVATE, number=item.number)
    if item.is_section_heading:
        return AgendaRow(HEADING, number=item.number, title=item.title, time=item.start_time)
    note = item.cover_sheet.attachment_number if item.cover_sheet else ""
    return AgendaRow(ITEM, number=item.number, title=item.title,
                     purpose=purpose_words(item.purpose), presenter=item.presenter,
                     time=item.start_time, minutes=item.minutes, page=page, note=note)


# -------------------------------------------------------------------------------- outline


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based
    children: tuple[Bookmark, ...] = ()


def outline(plan: Plan, segments: list[Segment], *, agenda_page: int) -> list[Bookmark]:
    """Agenda; each item (sub-items under their section heading) with its attachments and
    sections under it; then the supporting papers. An item with no papers points at the
    agenda, where it is listed."""
    by_item: dict[str, list[Segment]] = {}
    for segment in segments:
        by_item.setdefault(segment.item_number, []).append(segment)
    marks = [Bookmark("Agenda", agenda_page)]
    heading: PackItem | None = None
    under: list[Bookmark] = []
    for item in plan.included:
        if item.is_section_heading or (heading and not _within(item, heading)):
            marks += _close(heading, under, agenda_page)
            heading, under = (item, []) if item.is_section_heading else (None, [])
            if item.is_section_heading:
                continue
        mark = _item_mark(item, by_item.get(item.number, []), agenda_page)
        (under if heading else marks).append(mark)
    marks += _close(heading, under, agenda_page)
    marks += [Bookmark(s.title, s.start) for s in by_item.get("", [])]
    return marks


def _within(item: PackItem, heading: PackItem) -> bool:
    return item.number.startswith(heading.number + ".")


def _close(heading: PackItem | None, under: list[Bookmark], agenda_page: int) -> list[Bookmark]:
    if heading is None:
        return []
    page = next((m.page for m in under if m.page != agenda_page), agenda_page)
    return [Bookmark(f"{heading.number} {heading.title}", page, tuple(under))]


def _item_mark(item: PackItem, segments: list[Segment], agenda_page: int) -> Bookmark:
    children = tuple(Bookmark(s.title, s.start) for s in segments if s.title)
    page = segments[0].start if segments else agenda_page
    return Bookmark(f"{item.number} {item.title}", page, children)


def flatten(marks: list[Bookmark] | tuple[Bookmark, ...]) -> list[str]:
    """Titles depth first, as a reader meets them going down the bookmarks pane."""
    titles: list[str] = []
    for mark in marks:
        titles.append(mark.title)
        titles += flatten(mark.children)
    return titles
