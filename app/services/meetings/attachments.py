"""Files attached to papers: add, replace (keeping every earlier version), read back.

The bytes are stored once per content (SHA-256), so attaching the same PDF twice costs nothing
and the audit trail records which exact file a paper carried. Replacing a file adds version
n+1 and marks version n superseded; nothing is overwritten, so the record keeps the version
the body considered.

Read model ``AttachmentRow``: id, paper_id, name, content_type, sha256, size, version_number,
added_at, superseded, replaced_by_id, description, version.

Use cases:
  add_attachment(paper_id, name, data, content_type=None, description="") -> AttachmentRow
  replace_attachment(attachment_id, expected_version, data, name=None, content_type=None)
      -> AttachmentRow (the new version)
  list_attachments(paper_id, include_superseded=False) -> list[AttachmentRow]
  attachment_history(attachment_id) -> list[AttachmentRow]   (version 1 first)
  read_attachment(attachment_id) -> bytes   (checked against its SHA-256)
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, ValidationError
from app.services.common import check_version, get_or_fail
from app.services.meetings.sealing import check_not_sealed
from app.store.base import utcnow
from app.store.blobs import read_blob, store_blob
from app.store.papers import Attachment, Paper


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    paper_id: int
    name: str
    content_type: str
    sha256: str
    size: int
    version_number: int
    added_at: dt.datetime
    superseded: bool
    replaced_by_id: int | None
    description: str
    version: int


def _row(a: Attachment) -> AttachmentRow:
    return AttachmentRow(a.id, a.paper_id, a.name, a.content_type, a.sha256, a.blob.size,
                         a.version_number, a.added_at, a.superseded, a.replaced_by_id,
                         a.description, a.version)


def _content_type(name: str, given: str | None) -> str:
    return given or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _check_file(name: str, data: bytes) -> None:
    if not name.strip():
        raise ValidationError("the file needs a name", field="name")
    if not data:
        raise ValidationError(f"{name} is empty", field="data")


def add_attachment(session: Session, *, paper_id: int, name: str, data: bytes,
                   content_type: str | None = None, description: str = "") -> AttachmentRow:
    paper = get_or_fail(session, Paper, paper_id, "paper")
    check_not_sealed(session, paper.agenda_item.meeting, f"the files of '{paper.title}'")
    _check_file(name, data)
    attachment = Attachment(paper_id=paper_id, name=name.strip(), sha256=store_blob(session, data),
                            content_type=_content_type(name, content_type), version_number=1,
                            added_at=utcnow(), description=description)
    session.add(attachment)
    session.flush()
    return _row(attachment)


def replace_attachment(session: Session, *, attachment_id: int, expected_version: int | None,
                       data: bytes, name: str | None = None,
                       content_type: str | None = None) -> AttachmentRow:
    old = get_or_fail(session, Attachment, attachment_id, "attachment")
    check_not_sealed(session, old.paper.agenda_item.meeting, f"the file {old.name}")
    check_version(old, expected_version, f"The file {old.name}")
    if old.superseded:
        raise Conflict(f"Version {old.version_number} of {old.name} has already been replaced; "
                       "replace the current version.")
    name = name or old.name
    _check_file(name, data)
    digest = store_blob(session, data)
    if digest == old.sha256:
        raise ValidationError(f"the file is the same as version {old.version_number}: nothing "
                              "to replace", field="data")
    new = Attachment(paper_id=old.paper_id, name=name.strip(), sha256=digest,
                     content_type=_content_type(name, content_type or (
                         old.content_type if name == old.name else None)),
                     version_number=old.version_number + 1, added_at=utcnow(),
                     description=old.description)
    session.add(new)
    session.flush()
    old.replaced_by_id = new.id
    session.flush()
    return _row(new)


def current_attachments(session: Session, paper_id: int) -> list[AttachmentRow]:
    return list_attachments(session, paper_id=paper_id)


def list_attachments(session: Session, *, paper_id: int,
                     include_superseded: bool = False) -> list[AttachmentRow]:
    query = select(Attachment).where(Attachment.paper_id == paper_id)
    if not include_superseded:
        query = query.where(Attachment.replaced_by_id.is_(None))
    return [_row(a) for a in session.scalars(query.order_by(Attachment.id))]


def attachment_history(session: Session, *, attachment_id: int) -> list[AttachmentRow]:
    """Every version of the file this attachment is a version of, oldest first."""
    attachment = get_or_fail(session, Attachment, attachment_id, "attachment")
    while True:  # back to version 1
        earlier = session.scalar(select(Attachment).where(
            Attachment.replaced_by_id == attachment.id))
        if earlier is None:
            break
        attachment = earlier
    chain = [attachment]
    while chain[-1].replaced_by_id is not None:
        chain.append(session.get(Attachment, chain[-1].replaced_by_id))
    return [_row(a) for a in chain]


def read_attachment(session: Session, *, attachment_id: int) -> bytes:
    attachment = get_or_fail(session, Attachment, attachment_id, "attachment")
    return read_blob(session, attachment.sha256, what=attachment.name)
