"""What changed since a point: every later change by record, in a committee member's words,
with the verdict on the history up to the point; from the CLI, with a PDF."""

from __future__ import annotations

import sqlite3

from pypdf import PdfReader

from app.services import audit, people
from app.services.audit_changes import changes_since
from tests.cli.helpers import bb


def test_changes_since_a_head_are_grouped_by_record_in_words(ctx):
    first = ctx.run(people.create_person, name="Lay Member", kind="lay member")
    head = ctx.run(audit.chain_head)
    ctx.run(people.update_person, person_id=first.id, expected_version=first.version,
            name="Lay Member", kind="lay member", email="lay.member@nhs.net")
    ctx.run(people.create_person, name="Chief Nurse", kind="executive")
    report = ctx.run(changes_since, head=head)
    assert report.history_holds
    assert report.verdict.startswith("The history up to that point is unchanged: ")
    assert "2 later events follow it, changing 2 records." in report.verdict
    lay, nurse = report.records
    assert (lay.kind, lay.record_id, lay.description) == ("Person", str(first.id), "Lay Member")
    assert [(f.label, f.before, f.after) for f in lay.changes[0].fields] == [
        ("Email", "—", "lay.member@nhs.net")]
    assert lay.changes[0].action == "changed" and lay.changes[0].actor == "test secretary"
    assert nurse.changes[0].action == "added"
    assert ("Kind", "—", "executive") in [(f.label, f.before, f.after)
                                          for f in nurse.changes[0].fields]


def test_a_head_not_in_the_chain_is_said_to_not_hold(ctx):
    ctx.run(people.create_person, name="Lay Member", kind="lay member")
    report = ctx.run(changes_since, head="ab" * 32)
    assert not report.history_holds and report.records == ()
    assert "is not in the chain" in report.verdict


def test_audit_changes_since_a_pack_from_the_cli_with_a_pdf(demo_ctx, sqlite_path, capsys,
                                                            tmp_path):
    con = sqlite3.connect(sqlite_path)
    seq, head = con.execute("SELECT max(seq) - 2, (SELECT hash FROM audit_event WHERE seq = "
                            "(SELECT max(seq) - 2 FROM audit_event)) FROM audit_event").fetchone()
    con.close()
    demo_ctx.run(people.create_person, name="New Lay Member", kind="lay member")
    pdf = tmp_path / "changes.pdf"
    code, out, _err = bb(capsys, "--db", sqlite_path, "audit", "changes", "--since", head,
                         "--pdf", pdf)
    assert code == 0
    assert f"The history up to that point is unchanged: {seq:,} events. 3 later events" in out
    assert "Person" in out and "New Lay Member" in out and "Name: — → New Lay Member" in out
    text = " ".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "what changed in the record" in text and "New Lay Member" in text
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    code, _out, err = bb(capsys, "--db", sqlite_path, "audit", "changes", "--since-pack", 999)
    assert code == 2 and "There is no issued pack #999." in err
