"""What a board pack is made of, as plain values.

The services gather them (``app.services.pack.gather``: a meeting, its agenda, its papers and
the standard sections); the pack renderer (``app.reports.pack.render`` and its engine) reads
only these dataclasses, so it runs without a database, from the CLI, a worker thread or a
test. They sit below both layers so that neither imports the other. Sequences passed as lists
are kept as tuples so a value, once made, cannot change under the engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

# The cover sheet's text fields in the order of the Merton sheet (newer templates add the
# risks a paper bears on); ``confidential_fields`` may name any of these.
COVER_SHEET_TEXT_FIELDS = (
    "title", "purpose", "report_author", "lead_director", "contact_details",
    "executive_summary", "key_sections", "recommendations", "previous_committees",
    "financial_implications", "other_bodies_implications", "other_implications",
    "equality_analysis", "information_privacy", "communication_plan",
)
CONFIDENTIAL_FIELD_NAMES = frozenset(COVER_SHEET_TEXT_FIELDS + ("bears_on_risks", "other_bodies"))

# Standard sections a pack may carry besides the papers.
MINUTES = "minutes"
ACTION_LOG = "action_log"
CHAIRS_ACTIONS = "chairs_actions"
INTERESTS = "interests"
RISK_REGISTER = "risk_register"
DASHBOARD = "dashboard"
SECTION_KINDS = (MINUTES, ACTION_LOG, CHAIRS_ACTIONS, INTERESTS, RISK_REGISTER, DASHBOARD)


def _freeze(obj: object, name: str) -> None:
    """Turn a list given for ``name`` into a tuple (frozen dataclasses need object.__setattr__)."""
    value = getattr(obj, name)
    if not isinstance(value, tuple):
        object.__setattr__(obj, name, tuple(value))


@dataclass(frozen=True)
class PackAttachment:
    """A file attached to a paper. ``sha256`` is worked out from ``data`` when not given."""

    name: str
    content_type: str
    data: bytes = field(repr=False)
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class CoverSheet:
    """A paper's cover sheet, field for field as on the Merton governing body's sheet."""

    title: str
    purpose: str = ""
    report_author: str = ""
    lead_director: str = ""
    contact_details: str = ""
    executive_summary: str = ""
    key_sections: str = ""
    recommendations: str = ""
    previous_committees: str = ""
    financial_implications: str = ""
    other_bodies_implications: str = ""
    other_implications: str = ""
    equality_analysis: str = ""
    information_privacy: str = ""
    communication_plan: str = ""
    bears_on_risks: tuple[str, ...] = ()  # "CR-001 Financial balance in 2013/14"
    other_bodies: str = ""  # names the bodies in "Implications for …"
    version: str = ""
    status: str = ""
    agenda_number: str = ""
    attachment_number: str = ""  # "ATTACHMENT 05"
    confidential_fields: frozenset[str] = frozenset()  # left out of the public pack

    def __post_init__(self) -> None:
        _freeze(self, "bears_on_risks")
        object.__setattr__(self, "confidential_fields", frozenset(self.confidential_fields))
        unknown = self.confidential_fields - CONFIDENTIAL_FIELD_NAMES
        if unknown:
            raise ValueError(f"not cover sheet fields: {', '.join(sorted(unknown))}")


@dataclass(frozen=True)
class PackItem:
    """One agenda item. A section heading ("6 Strategy") has no papers and no pages."""

    number: str
    title: str
    part: int = 1
    purpose: str = ""  # "approval" or "For Approval"
    presenter: str = ""
    start_time: str = ""  # "10:40"
    minutes: int = 0
    cover_sheet: CoverSheet | None = None
    attachments: tuple[PackAttachment, ...] = ()
    is_section_heading: bool = False

    def __post_init__(self) -> None:
        _freeze(self, "attachments")
        if self.part not in (1, 2):
            raise ValueError(f"item {self.number}: part must be 1 or 2")

    @property
    def has_papers(self) -> bool:
        return self.cover_sheet is not None or bool(self.attachments)


@dataclass(frozen=True)
class StandardSection:
    """Minutes, action log, chair's actions, register of interests or risk register report.

    Give ``columns`` and ``rows`` for a table, ``text`` for prose (paragraphs split on blank
    lines), ``pdf`` for a ready-made document, or ``report`` for a report the renderer draws
    into one: the risk register section carries the services' register report data
    (``app.domain.risk_register.RegisterReportData``, gathered by
    ``app.services.risks.report.register_report_data``) and the renderer turns it into the
    register report's pages. ``item_number``
    places it after that agenda item's papers ("3" for the minutes); without one it goes at
    the end of the pack under "Supporting papers". A section placed under a Part 2 item, or
    with ``part=2``, stays out of the public pack.
    """

    title: str
    kind: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    text: str = ""
    pdf: bytes | None = field(default=None, repr=False)
    item_number: str = ""
    part: int = 1
    report: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in SECTION_KINDS:
            raise ValueError(f"section kind must be one of: {', '.join(SECTION_KINDS)}")
        _freeze(self, "columns")
        object.__setattr__(self, "rows", tuple(tuple(str(c) for c in r) for r in self.rows))


@dataclass(frozen=True)
class PackInput:
    """Everything a pack shows, for one meeting."""

    organisation: str
    short_name: str
    committee: str
    meeting_title: str
    date: dt.date
    time: str = ""
    venue: str = ""
    video_link: str = ""
    part2_reason: str = ""
    audit_head: str = ""
    items: tuple[PackItem, ...] = ()
    sections: tuple[StandardSection, ...] = ()
    issued_by: str = ""
    version: str = ""
    logo: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _freeze(self, "items")
        _freeze(self, "sections")
        numbers = [i.number for i in self.items]
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:  # numbers key the agenda's page references and the bookmarks
            raise ValueError(f"agenda numbers used twice: {', '.join(repeated)}")


@dataclass(frozen=True)
class PackResult:
    """What was written. Pages count from 1, as a reader sees them."""

    path: str
    page_count: int
    item_pages: dict[str, int]  # item number → page on which its papers start
    outline: tuple[str, ...]  # bookmark titles, depth first, in document order
    sha256: str
    warnings: tuple[str, ...] = ()
