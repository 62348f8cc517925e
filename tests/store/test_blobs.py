import hashlib
import sqlite3

import pytest

from app.domain.errors import Conflict
from app.domain.fingerprint import DamagedFile
from app.store.blobs import read_blob, store_blob


def test_a_blob_reads_back_verified(sqlite_ctx):
    with sqlite_ctx.transaction() as s:
        digest = store_blob(s, b"the minutes")
        assert store_blob(s, b"the minutes") == digest  # kept once
    with sqlite_ctx.transaction() as s:
        assert read_blob(s, digest, what="minutes.pdf") == b"the minutes"
    assert digest == hashlib.sha256(b"the minutes").hexdigest()


def test_a_swapped_blob_is_refused_naming_the_record(sqlite_ctx, sqlite_path):
    with sqlite_ctx.transaction() as s:
        digest = store_blob(s, b"the paper the board considered")
    with sqlite3.connect(sqlite_path) as raw:  # behind Boardbook's back
        raw.execute("UPDATE blob SET data = ? WHERE sha256 = ?",
                    (b"a different paper", digest))
    with sqlite_ctx.transaction() as s, pytest.raises(DamagedFile) as refused:
        read_blob(s, digest, what="Finance report.pdf")
    assert isinstance(refused.value, Conflict)  # shown like every typed error
    assert "Finance report.pdf does not match its fingerprint" in str(refused.value)
