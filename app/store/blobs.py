"""The content-addressed file store: bytes kept once under their SHA-256, read back verified.

Attachments and issued packs name their bytes by fingerprint; ``read_blob`` is the one way
to read them, and it refuses bytes that no longer match (``DamagedFile``, naming the record).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.errors import NotFound
from app.domain.fingerprint import sha256_of, verify
from app.store.papers import Blob


def store_blob(session: Session, data: bytes) -> str:
    """Keep the bytes once under their SHA-256; returns the digest."""
    digest = sha256_of(data)
    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, size=len(data), data=data))
        session.flush()
    return digest


def read_blob(session: Session, sha256: str, *, what: str) -> bytes:
    """The bytes stored under ``sha256``, checked against it; ``what`` names the record
    ("paper.pdf", "Full pack, version 2") in the error if they are missing or altered."""
    blob = session.get(Blob, sha256)
    if blob is None:
        raise NotFound(f"The stored copy of {what} is missing from the database.")
    return verify(bytes(blob.data), sha256, what)
