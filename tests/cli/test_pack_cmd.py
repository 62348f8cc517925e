"""``pack MEETING_ID --out FILE`` and ``packs MEETING_ID`` on the demo."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from pypdf import PdfReader

from app.services.context import AppContext
from app.services.demo.load import load_demo
from app.services.meetings import meetings
from tests.cli.helpers import bb


@pytest.fixture(scope="module")
def demo_file(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("pack_cli") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="demo")
    ctx.run(load_demo)
    ctx.close()
    return path


@pytest.fixture
def db(demo_file, tmp_path):
    path = tmp_path / "db.sqlite"
    shutil.copy(demo_file, path)
    ctx = AppContext.open(path, actor="demo")
    meeting = next(m for m in ctx.run(meetings.list_meetings)
                   if m.committee == "Merton CCG Governing Body"
                   and f"{m.meeting_date}" == "2012-09-27")
    ctx.close()
    return str(path), meeting.id




def test_pack_is_written_with_pages_hash_and_version(db, capsys, tmp_path):
    path, meeting_id = db
    out_file = tmp_path / "pack.pdf"
    status, out, err = bb(capsys, "--db", path, "pack", str(meeting_id), "--out", str(out_file))
    assert status == 0, err
    digest = hashlib.sha256(out_file.read_bytes()).hexdigest()
    pages = len(PdfReader(out_file).pages)
    assert f"pages: {pages}" in out
    assert f"sha256: {digest}" in out
    assert "version: 1" in out
    assert "Writing the pack" in err  # progress goes to stderr
    assert "Traceback" not in err


def test_public_reissue_and_listing_and_check(db, capsys, tmp_path):
    path, meeting_id = db
    for n in (1, 2):
        status, out, _ = bb(capsys, "--db", path, "pack", str(meeting_id), "--public",
                            "--out", str(tmp_path / f"public{n}.pdf"))
        assert status == 0 and f"version: {n}" in out and "Public pack" in out
    status, out, _ = bb(capsys, "--db", path, "packs", str(meeting_id))
    assert status == 0
    rows = [line.split() for line in out.splitlines()[2:]]
    assert [(r[1], r[2]) for r in rows] == [("public", "1"), ("public", "2")]
    first_id = rows[0][0]
    status, out, _ = bb(capsys, "--db", path, "packs", str(meeting_id), "--check", first_id,
                        str(tmp_path / "public1.pdf"))
    assert status == 0 and "exactly" in out
    status, out, _ = bb(capsys, "--db", path, "packs", str(meeting_id), "--check", first_id,
                        str(tmp_path / "public2.pdf"))
    assert status == 1 and "NOT" in out


def test_missing_meeting_exits_non_zero_with_a_message(db, capsys, tmp_path):
    path, _ = db
    out_file = tmp_path / "pack.pdf"
    status, _, err = bb(capsys, "--db", path, "pack", "99999", "--out", str(out_file))
    assert status == 2
    assert "no meeting with id 99999" in err
    assert "Traceback" not in err
    assert not out_file.exists()


def test_unreadable_paper_exits_non_zero_naming_it(db, capsys, tmp_path):
    from app.services.meetings.papers import list_papers
    from app.store.papers import Attachment, Blob

    path, meeting_id = db
    ctx = AppContext.open(path, actor="test")
    isop = next(p for p in ctx.run(list_papers, meeting_id=meeting_id) if p.item_number == "6.8")
    with ctx.transaction() as session:
        attachment = session.get(Attachment, isop.attachments[0].id)
        session.get(Blob, attachment.sha256).data = b"damaged"
    ctx.close()
    out_file = tmp_path / "pack.pdf"
    status, _, err = bb(capsys, "--db", path, "pack", str(meeting_id), "--out", str(out_file))
    assert status == 2
    assert "the board pack was not built" in err
    assert "ISOP development process and approach.pdf" in err
    assert "Traceback" not in err
    assert not out_file.exists()
