"""Cover sheets in Word (.docx): read one written on the usual template, write one out.

Reading recognises the labels of the Merton CCG template (2012) and their common variants,
wherever they stand: in a table cell ("Title of Document: Integrated …") or as a paragraph
heading with the text in the paragraphs below ("Financial Implications:" then the text). A
field's text runs until the next label, a page break (the end of the cover sheet; the paper
itself follows) or the end of the document. Text that belongs to no label is handed back as
``unrecognised`` so the secretary can see what was left behind.

  import_cover_sheet(source: path | bytes) -> CoverSheetImport
      .fields: dict for app.services.meetings.papers.create_paper(**fields) (title, purpose as a code
      such as "approval", report_author, … other_bodies, communication_plan)
      .meeting_date, .meeting_date_text, .agenda_number ("6.8"), .attachment_number
      ("ATTACHMENT 05"), .report_to ("the Merton … Governing Body"), .unrecognised (list)
  export_cover_sheet(paper: PaperRow, path, organisation="", report_to="") -> Path
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.domain.agenda import purpose_from_text
from app.domain.dates import parse_date
from app.files import PRIVATE, PUBLIC, write_atomically

_PAREN = r"(?:\s*\([^)]*\)\.?)?"
# (field, pattern matching the label at the start of a block, up to and including its colon)
LABELS: tuple[tuple[str, str], ...] = (
    ("meeting_date", r"date of (?:the )?meeting\s*:"),
    ("agenda_number", r"agenda (?:no\.?|number|item)\s*:?\s*(?=\d)"),
    ("attachment_number", r"(?=attachment\s+\w+\s*$)"),
    ("report_to", r"report to\b"),
    ("title", r"title of (?:document|report|paper)\s*:"),
    ("purpose", r"purpose of (?:the )?(?:report|paper)\s*:"),
    ("report_author", r"(?:report )?author\s*:"),
    ("lead_director", r"lead (?:director|executive|officer)\s*:"),
    ("contact_details", r"contact details\s*:"),
    ("executive_summary", r"executive summary\s*:"),
    ("key_sections", r"key sections for particular note[^:]*:"),
    ("recommendations", r"recommendations?(?:\(s\))?\s*:"),
    ("previous_committees", r"committees which have previously[^:]*:"),
    ("financial_implications", r"financial implications\s*:"),
    ("other_bodies_implications", r"implications for (?P<bodies>[^:]+):"),
    ("other_implications", r"other implications\s*:" + _PAREN),
    ("equality_analysis", r"equality (?:analysis|impact assessment)\s*:"),
    ("information_privacy", r"information privacy(?: issues)?\s*:"),
    ("communication_plan", r"communication(?:s)? plan\s*:" + _PAREN),
)
_COMPILED = [(name, re.compile(r"^\s*" + pattern + r"\s*", re.IGNORECASE))
             for name, pattern in LABELS]
META_FIELDS = ("meeting_date", "agenda_number", "attachment_number", "report_to")


@dataclass
class CoverSheetImport:
    fields: dict[str, str] = field(default_factory=dict)
    meeting_date: dt.date | None = None
    meeting_date_text: str = ""
    agenda_number: str = ""
    attachment_number: str = ""
    report_to: str = ""
    unrecognised: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------- reading the document


@dataclass(frozen=True)
class _Block:
    text: str
    page_break: bool = False  # a page break follows (or stands in) this block
    heading: bool = False  # styled as a heading: the paper itself has begun
    cell_start: bool = False  # the first text of a table cell: a new field or a value


def _breaks_page(paragraph) -> bool:
    xml = paragraph._p.xml
    return 'w:type="page"' in xml or "<w:pageBreakBefore" in xml or "<w:sectPr" in xml


def _is_heading(paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith(("Heading", "Title"))


def _paragraph_blocks(paragraph) -> Iterator[_Block]:
    # a tab separates the two halves of a two-column line in documents saved from tables
    pieces = paragraph.text.split("\t")
    breaks, heading = _breaks_page(paragraph), _is_heading(paragraph)
    for n, piece in enumerate(pieces):
        yield _Block(piece.strip(), breaks and n == len(pieces) - 1, heading)


def _table_blocks(table) -> Iterator[_Block]:
    seen = []  # the cells' XML elements (kept alive, so identity is reliable)
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # a merged cell comes once per column
                continue
            seen.append(cell._tc)
            first = True
            for paragraph in cell.paragraphs:
                for block in _paragraph_blocks(paragraph):
                    if first and block.text:
                        block, first = replace(block, cell_start=True), False
                    yield block
            for inner in cell.tables:
                yield from _table_blocks(inner)


def _blocks(document) -> Iterator[_Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield from _paragraph_blocks(Paragraph(child, document))
        elif tag == "tbl":
            yield from _table_blocks(Table(child, document))


# ----------------------------------------------------------------------- recognising labels


def _match_label(text: str) -> tuple[str, str, re.Match] | None:
    for name, pattern in _COMPILED:
        match = pattern.match(text)
        if match:
            return name, text[match.end():].strip(), match
    return None


# A cell opening "Something: …", or a short paragraph that is just "Something:": a label we
# do not know (a newer template's field). Body text with a colon inside is left alone.
_LABEL_OPENING = re.compile(r"^[A-Z][^:.]{2,60}:(\s|$)")
_LABEL_ALONE = re.compile(r"^[A-Z][^:.]{2,60}:$")


def _unknown_label(block: _Block) -> bool:
    return bool((_LABEL_OPENING if block.cell_start else _LABEL_ALONE).match(block.text))

def parse_meeting_date(text: str) -> dt.date | None:
    """ "Thursday 27th September 2012" → 2012-09-27 (the weekday is not checked)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


class _Reader:
    """Walks the blocks, giving each text to the field whose label came last."""

    def __init__(self) -> None:
        self.result = CoverSheetImport()
        self.values: dict[str, list[str]] = {}
        self.current: str | None = None
        self.finished = False

    def feed(self, block: _Block) -> None:
        if block.heading and "communication_plan" in self.values:
            self.finished = True  # the paper's own first heading: the cover sheet is over
        if self.finished or not block.text:
            self._end_if(block)
            return
        found = _match_label(block.text)
        if found:
            self._start(*found)
        elif self._takes_more(block):
            self.values[self.current].append(block.text)
        else:
            self.result.unrecognised.append(block.text)
            self.current = None  # an unknown field: what follows belongs to it, not ours
        self._end_if(block)

    def _takes_more(self, block: _Block) -> bool:
        """Fields run on over paragraphs, except into a new table cell or an unknown label;
        a label standing alone (in its own cell, or one-line details such as the date) takes
        the next text as its value."""
        if self.current is None:
            return False
        waiting = not self.values[self.current]
        if _unknown_label(block):
            return False
        if block.cell_start:
            return waiting
        return self.current not in META_FIELDS or waiting

    def _start(self, name: str, rest: str, match: re.Match) -> None:
        if name == "attachment_number":
            rest = match.string.strip().upper()
        if name == "other_bodies_implications":
            self.result.fields["other_bodies"] = match.group("bodies").strip()
        self.values.setdefault(name, [])
        if rest:
            self.values[name].append(rest)
        self.current = name

    def _end_if(self, block: _Block) -> None:
        # the cover sheet is one page: a page break after its last field ends it
        if block.page_break and "communication_plan" in self.values:
            self.finished, self.current = True, None

    def finish(self) -> CoverSheetImport:
        result = self.result
        for name, texts in self.values.items():
            text = "\n".join(texts).strip()
            if name == "meeting_date":
                result.meeting_date_text = text
                result.meeting_date = parse_meeting_date(text)
            elif name in META_FIELDS:
                setattr(result, name, text)
            else:
                result.fields[name] = text
        self._purpose(result)
        return result

    @staticmethod
    def _purpose(result: CoverSheetImport) -> None:
        if "purpose" in result.fields:
            words = result.fields.pop("purpose")
            purpose = purpose_from_text(words)
            if purpose:
                result.fields["purpose"] = purpose
            elif words:
                result.unrecognised.append(f"Purpose of Report: {words}")


def import_cover_sheet(source: Path | str | bytes) -> CoverSheetImport:
    import docx

    stream = io.BytesIO(source) if isinstance(source, bytes) else str(Path(source).expanduser())
    document = docx.Document(stream)
    reader = _Reader()
    for block in _blocks(document):
        reader.feed(block)
    result = reader.finish()
    if result.meeting_date is None and result.meeting_date_text:
        result.unrecognised.append(f"Date of Meeting: {result.meeting_date_text}")
    return result


# ----------------------------------------------------------------------- writing a cover sheet

TABLE_FIELDS = (("title", "purpose"), ("report_author", "lead_director"),
                ("contact_details", None), ("executive_summary", None), ("key_sections", None),
                ("recommendations", None), ("previous_committees", None))
HEADING_FIELDS = ("financial_implications", "other_bodies_implications", "other_implications",
                  "equality_analysis", "information_privacy", "communication_plan")


def _labelled(paper) -> dict[str, tuple[str, str]]:
    from app.domain.papers import COVER_SHEET_FIELDS

    names = [name for name, _ in COVER_SHEET_FIELDS]
    return dict(zip(names, paper.cover_sheet, strict=True))


def _with_colon(label: str) -> str:
    """ "Financial Implications" → "Financial Implications:"; a label that already has its
    colon before an explanation ("Other Implications: (including …)") stays as it is."""
    return label if ":" in label else f"{label}:"


def _cell_text(label: str, text: str) -> str:
    return f"{_with_colon(label)} {text}".rstrip()


def export_cover_sheet(paper, path: Path | str, *, organisation: str = "",
                       report_to: str = "") -> Path:
    """Write the paper's cover sheet as a .docx on the Merton layout; returns the path."""
    import docx

    labelled = _labelled(paper)
    document = docx.Document()
    for line in (organisation, f"Report to {report_to}" if report_to else "",
                 f"Date of Meeting: {paper.meeting_date:%A %d %B %Y}",
                 f"Agenda No: {paper.item_number}", paper.attachment_number):
        if line:
            document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for left, right in TABLE_FIELDS:
        cells = table.add_row().cells
        cells[0].text = _cell_text(*labelled[left])
        if right:
            cells[1].text = _cell_text(*labelled[right])
    for name in HEADING_FIELDS:
        label, text = labelled[name]
        document.add_paragraph(_with_colon(label))
        document.add_paragraph(text)
    # A Part 2 or confidential paper's cover sheet stays with its owner; others are public.
    private = getattr(paper, "part", 2) == 2 or getattr(paper, "confidential", True)
    return write_atomically(path, document.save, audience=PRIVATE if private else PUBLIC)
