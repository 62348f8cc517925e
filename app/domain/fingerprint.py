"""The SHA-256 fingerprint that names stored files, and the one check that bytes match it."""

from __future__ import annotations

import hashlib

from app.domain.errors import Conflict


class DamagedFile(Conflict):
    """Stored bytes that no longer match the fingerprint their record names."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"The stored copy of {what} does not match its fingerprint: "
                         "it has been damaged or altered outside Boardbook.")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def matches(data: bytes, sha256: str) -> bool:
    """Whether ``data`` is exactly the file fingerprinted ``sha256``."""
    return sha256_of(data) == sha256


def verify(data: bytes, sha256: str, what: str) -> bytes:
    """``data`` unchanged when it matches ``sha256``; DamagedFile naming ``what`` if not."""
    if not matches(data, sha256):
        raise DamagedFile(what)
    return data
