"""Issuing board packs and keeping what was issued.

Read model ``IssuedPackRow``: id, meeting_id, meeting_title, committee, meeting_date, kind
("full" or "public"), number (1, 2 … per meeting and kind), issued_at, issued_by, sha256,
page_count, size, file_name, audit_head, and, only on the row ``record_built_pack`` returns,
the build's warnings.

Issuing a pack: app.services.pack.gather.gather_pack_for_issue gathers it as a ``PackToIssue``
(the pack's values and the version it will carry), app.reports.pack.render draws the PDF (its
front page carries the version number and the audit chain head), then:
  record_built_pack(issue, result) -> IssuedPackRow   keeps the file the renderer wrote
      (Conflict if that version was issued meanwhile: gather and build again)
  next_pack_number(meeting_id, public) -> int   (a supplement or reissue gets the next one)
  record_issued_pack(meeting_id, public, number, data, sha256, page_count, file_name,
                     audit_head, issued_by, warnings=()) -> IssuedPackRow

Use cases:
  list_issued_packs(meeting_id) -> list[IssuedPackRow]   (oldest first)
  issued_pack_bytes(pack_id) -> bytes   (checked against its SHA-256)
  check_issued_pack(pack_id, path) -> PackCheck   whether a file is the pack as issued
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, ValidationError
from app.domain.fingerprint import matches, sha256_of
from app.domain.pack import PackInput, PackResult
from app.services.common import get_or_fail
from app.store.base import utcnow
from app.store.blobs import read_blob, store_blob
from app.store.meetings import Meeting
from app.store.packs import IssuedPack

FULL, PUBLIC = "full", "public"


@dataclass(frozen=True)
class IssuedPackRow:
    id: int
    meeting_id: int
    meeting_title: str
    committee: str
    meeting_date: dt.date
    kind: str
    number: int
    issued_at: dt.datetime
    issued_by: str
    sha256: str
    page_count: int
    size: int
    file_name: str
    audit_head: str
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{'Public' if self.kind == PUBLIC else 'Full'} pack, version {self.number}"


@dataclass(frozen=True)
class PackToIssue:
    """A pack gathered for issue: what the renderer draws, and the version it will carry."""

    meeting_id: int
    public: bool
    number: int
    pack: PackInput


@dataclass(frozen=True)
class PackCheck:
    pack_id: int
    path: str
    sha256: str  # of the file checked
    issued_sha256: str
    matches: bool


def _row(p: IssuedPack, warnings: tuple[str, ...] = ()) -> IssuedPackRow:
    m = p.meeting
    return IssuedPackRow(p.id, m.id, m.title, m.committee.name, m.meeting_date, p.kind,
                         p.number, p.issued_at, p.issued_by, p.sha256, p.page_count,
                         p.blob.size, p.file_name, p.audit_head, warnings)


def next_pack_number(session: Session, *, meeting_id: int, public: bool) -> int:
    """The version the next issue of this meeting's full or public pack gets (1, 2 …)."""
    get_or_fail(session, Meeting, meeting_id, "meeting")
    latest = session.scalar(select(func.max(IssuedPack.number)).where(
        IssuedPack.meeting_id == meeting_id, IssuedPack.kind == (PUBLIC if public else FULL)))
    return (latest or 0) + 1


def record_issued_pack(session: Session, *, meeting_id: int, public: bool, number: int,
                       data: bytes, sha256: str, page_count: int, file_name: str,
                       audit_head: str, issued_by: str,
                       warnings: tuple[str, ...] = ()) -> IssuedPackRow:
    """Keep an issued pack: its record, and its bytes in the content-addressed store."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    if not matches(data, sha256):
        raise Conflict(f"{file_name} changed while it was being recorded; build it again.")
    issued = IssuedPack(meeting=meeting, kind=PUBLIC if public else FULL, number=number,
                        issued_at=utcnow(), issued_by=issued_by,
                        sha256=store_blob(session, data), page_count=page_count,
                        file_name=file_name, audit_head=audit_head)
    session.add(issued)
    session.flush()
    return _row(issued, tuple(warnings))


def record_built_pack(session: Session, *, issue: PackToIssue,
                      result: PackResult) -> IssuedPackRow:
    """Keep the pack the renderer wrote for ``issue`` (its bytes are read back from the file
    and checked against the SHA-256 the renderer gave)."""
    if next_pack_number(session, meeting_id=issue.meeting_id, public=issue.public) != \
            issue.number:
        raise Conflict(f"Version {issue.number} of this pack was issued while it was being "
                       "built; build it again for the next version.")
    path = Path(result.path)
    return record_issued_pack(
        session, meeting_id=issue.meeting_id, public=issue.public, number=issue.number,
        data=path.read_bytes(), sha256=result.sha256, page_count=result.page_count,
        file_name=path.name, audit_head=issue.pack.audit_head,
        issued_by=issue.pack.issued_by, warnings=result.warnings)


def list_issued_packs(session: Session, *, meeting_id: int) -> list[IssuedPackRow]:
    get_or_fail(session, Meeting, meeting_id, "meeting")
    found = session.scalars(select(IssuedPack).where(IssuedPack.meeting_id == meeting_id)
                            .order_by(IssuedPack.issued_at, IssuedPack.id))
    return [_row(p) for p in found]


def get_issued_pack(session: Session, *, pack_id: int) -> IssuedPackRow:
    return _row(get_or_fail(session, IssuedPack, pack_id, "issued pack"))


def issued_pack_bytes(session: Session, *, pack_id: int) -> bytes:
    pack = get_or_fail(session, IssuedPack, pack_id, "issued pack")
    return read_blob(session, pack.sha256, what=pack.file_name)


def check_issued_pack(session: Session, *, pack_id: int, path: str | os.PathLike) -> PackCheck:
    pack = get_or_fail(session, IssuedPack, pack_id, "issued pack")
    file = Path(path)
    if not file.is_file():
        raise ValidationError(f"there is no file at {file}", field="path")
    digest = sha256_of(file.read_bytes())
    return PackCheck(pack.id, str(file), digest, pack.sha256, digest == pack.sha256)
