"""The decision trail PDF of the demo year, read back with pypdf."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from app.reports.decision_trail_pdf import write_trail_pdf
from app.services.context import AppContext
from app.services.decisions import trail as decision_trail
from app.services.decisions.trail import TrailFilter
from app.services.demo.load import load_demo


@pytest.fixture(scope="module")
def demo_export(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("trail_pdf") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="demo")
    ids = ctx.run(load_demo)
    export = ctx.run(decision_trail.trail_export)
    gb_only = ctx.run(decision_trail.trail_export, filters=TrailFilter(
        committee_id=ids["Merton CCG Governing Body"]))
    ctx.close()
    return export, gb_only


def _text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_front_states_chain_head_and_verification_and_every_entry_is_there(demo_export,
                                                                          tmp_path):
    export, _ = demo_export
    path = write_trail_pdf(export, tmp_path / "trail.pdf")
    text, pages = _text(path)
    flat = " ".join(text.split())
    assert export.chain_head in flat.replace(" ", "") or export.chain_head in text
    assert "PASSED when this file was produced" in flat
    assert f"{export.events} events checked" in flat
    assert f"Page 1 of {pages}" in flat and f"Page {pages} of {pages}" in flat
    for entry in export.entries:
        label = "Decision" if entry.kind == "decision" else "Chair's action"
        assert f"{label} #{entry.id}:" in flat
    assert "agreed to Chair's Action on the full document" in flat
    assert "Needed because the meeting was not quorate for this item" in flat
    assert "Audit events" in flat and "SHA-256" in flat


def test_a_failed_verification_is_stated(demo_export, tmp_path):
    from dataclasses import replace

    _, gb_only = demo_export
    broken = replace(gb_only, verified=False, verify_problem="event 7 was altered")
    text, _ = _text(write_trail_pdf(broken, tmp_path / "broken.pdf"))
    flat = " ".join(text.split())
    assert "FAILED when this file was produced" in flat and "event 7 was altered" in flat
    assert "Remuneration Committee" not in flat.split("Summary")[1].split("Decision #")[0]
