"""A meeting's board pack, gathered from the record into the pack's plain values.

    pack = gather_pack(meeting_id=11, public=False, issued_by="Board Secretary") -> PackInput
        for the warnings before issuing (app.reports.pack.engine.warnings_for) or a preview
    issue = gather_pack_for_issue(meeting_id=11, public=True) -> PackToIssue
        the same, with the version number the issue will carry

Issuing is three steps, none of which holds a session while the PDF is drawn:

    issue = ctx.run(gather_pack_for_issue, meeting_id=…, public=…, issued_by=…)
    result = render_board_pack(issue.pack, out_path, public=issue.public, …)   (app.reports)
    row = ctx.run(record_built_pack, issue=issue, result=result)   (app.services.pack.issued)

The pack reads the organisation and its logo, the meeting, its agenda in order with numbers,
purposes, presenters and start times, each item's paper as a cover sheet (the risks it bears
on as "CR-001 title"), the current version of each attached file (checked against its
SHA-256), the standard sections (``app.services.pack.sections``) and the audit chain head.
One ``Layouts`` serves the whole gathering, so each meeting's agenda layout is worked out once,
and only the meeting's outline is read (``get_meeting_outline``: meeting, agenda, papers), not
the attendance, quorum and declarations of the full detail, which the pack does not show.

A paper flagged confidential on a Part 1 item keeps its title on the public agenda, but its
other cover sheet fields (and the bodies it names) are withheld: in the public pack their
values are not even gathered, and the renderer leaves out their rows. Its files are left out
of the public pack. A Part 2 item is left out of the public pack by the renderer. An item
that puts a confidential chair's action to the meeting for ratification is titled, in the
public pack, only in the words of ``app.services.publication`` (the rule for what the public
may see).

Errors: ``NotFound`` for a meeting that does not exist; ``ValidationError`` naming the item,
the paper and the file when a stored file cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy.orm import Session

from app.domain.errors import BoardbookError, ValidationError
from app.domain.pack import (
    COVER_SHEET_TEXT_FIELDS,
    DASHBOARD,
    SECTION_KINDS,
    CoverSheet,
    PackAttachment,
    PackInput,
    PackItem,
)
from app.services import organisation as org_service
from app.services.audit import chain_head
from app.services.meetings.agenda import AgendaItemRow, Layouts
from app.services.meetings.attachments import read_attachment
from app.services.meetings.detail import MeetingOutline, get_meeting_outline
from app.services.meetings.papers import PaperRow
from app.services.pack.issued import PackToIssue, next_pack_number
from app.services.pack.sections import standard_sections
from app.services.publication import CONFIDENTIAL_RATIFICATION, confidential
from app.services.risks.register import get_risk_row

# The sections gathered from the record; the dashboard's charts are drawn by the GUI and
# handed to the renderer as images.
GATHERED_SECTIONS = tuple(kind for kind in SECTION_KINDS if kind != DASHBOARD)

# Withheld from the public pack for a paper flagged confidential: all but its title, which
# the public agenda shows anyway.
# ``other_bodies`` names the bodies in a field's label ("Implications for …"), so it goes too.
CONFIDENTIAL_WHEN_FLAGGED = frozenset(
    COVER_SHEET_TEXT_FIELDS + ("bears_on_risks", "other_bodies")) - {"title"}


def gather_pack(session: Session, *, meeting_id: int, public: bool, issued_by: str = "",
                sections: Iterable[str] = GATHERED_SECTIONS, version: str = "") -> PackInput:
    """Everything the renderer needs for one meeting's pack (full or public)."""
    layouts = Layouts(session)
    detail = get_meeting_outline(session, meeting_id=meeting_id, layouts=layouts)
    meeting = detail.meeting
    org = org_service.get_organisation(session)
    items = tuple(_items(session, detail, public=public))
    return PackInput(
        organisation=org.name, short_name=org.short_name or org.name,
        committee=meeting.committee, meeting_title=meeting.title, date=meeting.meeting_date,
        time=_time_span(detail), venue=meeting.venue, video_link=meeting.video_link,
        part2_reason=meeting.part2_reason if any(i.part == 2 for i in items) else "",
        audit_head=chain_head(session), items=items,
        sections=tuple(standard_sections(session, detail, items, kinds=tuple(sections),
                                         layouts=layouts)),
        issued_by=issued_by, version=version, logo=org_service.get_logo(session))


def gather_pack_for_issue(session: Session, *, meeting_id: int, public: bool,
                          issued_by: str = "") -> PackToIssue:
    """The pack with the next version number of this meeting's full or public pack, issued
    by ``issued_by`` (the signed-in user when not given)."""
    number = next_pack_number(session, meeting_id=meeting_id, public=public)
    issued_by = issued_by or str(session.info.get("actor", ""))
    pack = gather_pack(session, meeting_id=meeting_id, public=public, issued_by=issued_by,
                       version=str(number))
    return PackToIssue(meeting_id=meeting_id, public=public, number=number, pack=pack)


def _time_span(detail: MeetingOutline) -> str:
    start = detail.meeting.starts_at
    return f"{start:%H:%M}–{detail.ends_at:%H:%M}"


def _items(session: Session, detail: MeetingOutline, *, public: bool) -> list[PackItem]:
    agenda = detail.agenda
    out = []
    for n, row in enumerate(agenda):
        following = agenda[n + 1] if n + 1 < len(agenda) else None
        paper = detail.paper_for(row.id)
        heading = (row.level == 0 and paper is None and following is not None
                   and following.level > 0)
        title = row.title
        if public and row.part == 1 and confidential(session, row):
            title = CONFIDENTIAL_RATIFICATION
        out.append(PackItem(
            number=row.number, title=title, part=row.part, purpose=row.purpose_label,
            presenter=row.presenter, start_time=f"{row.starts_at:%H:%M}",
            minutes=row.minutes_allocated, is_section_heading=heading,
            cover_sheet=_cover_sheet(session, paper, row, public=public) if paper else None,
            attachments=_attachments(session, paper, row, public=public) if paper else ()))
    return out


def _cover_sheet(session: Session, paper: PaperRow, item: AgendaItemRow, *,
                 public: bool) -> CoverSheet:
    fields = {name: getattr(paper, name) for name in COVER_SHEET_TEXT_FIELDS}
    fields["purpose"] = paper.purpose_label
    sheet = CoverSheet(
        **fields, bears_on_risks=tuple(_risk_labels(session, paper.risk_ids)),
        other_bodies=paper.other_bodies, version=paper.paper_version,
        status=paper.status.capitalize(), agenda_number=item.number,
        attachment_number=paper.attachment_number)
    if paper.confidential and paper.part == 1:
        sheet = replace(sheet, confidential_fields=CONFIDENTIAL_WHEN_FLAGGED)
        if public:  # the words never reach the public pack's renderer
            sheet = replace(sheet, bears_on_risks=(), **{
                name: "" for name in CONFIDENTIAL_WHEN_FLAGGED if name != "bears_on_risks"})
    return sheet


def _risk_labels(session: Session, risk_ids: tuple[int, ...]) -> list[str]:
    risks = [get_risk_row(session, risk_id=risk_id) for risk_id in risk_ids]
    return sorted(f"{r.reference} {r.title}" for r in risks)


def _attachments(session: Session, paper: PaperRow, item: AgendaItemRow, *,
                 public: bool) -> tuple[PackAttachment, ...]:
    if public and paper.confidential:
        return ()  # a confidential paper's files never go into the public pack
    return tuple(PackAttachment(name=a.name, content_type=a.content_type,
                                data=_read(session, a, paper, item), sha256=a.sha256)
                 for a in paper.attachments)


def _read(session: Session, attachment, paper: PaperRow, item: AgendaItemRow) -> bytes:
    try:
        return read_attachment(session, attachment_id=attachment.id)
    except BoardbookError as exc:
        raise ValidationError(
            f"Item {item.number} '{paper.title}': the file {attachment.name} cannot be read "
            f"({exc}). Replace the file on the paper, then build the pack again.",
            field="attachments") from None
