"""The scoring pack file on its own: written, scored, saved, read back, refused when foreign."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import ValidationError
from app.domain.risk import DEFAULT_SCHEME
from app.domain.scoring import fixed_digest
from app.exchange.scoring.pack import FORMAT, read_pack, write_pack


def _fixed() -> dict:
    risk = {"reference": "CR-001", "title": "Financial targets not achieved", "cause": "",
            "event": "", "effect": "", "consequence_domain": "finance",
            "current": {"likelihood": 3, "consequence": 4, "score": 12}, "target": None,
            "controls": [], "assurances": [], "gaps": [], "history": []}
    return {"round": {"id": 4, "title": "Q1", "question": "current", "deadline": "2012-06-15"},
            "member": {"id": 9, "name": "Clinical Chair"}, "pack_id": "abc",
            "organisation": "Test CCG", "scheme": DEFAULT_SCHEME.to_dict(),
            "descriptors": {}, "risks": [risk, {**risk, "reference": "CR-002"}]}


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "pack.bbscore"
    write_pack(target, _fixed())
    return target


def test_written_pack_reads_back_with_its_digest(path):
    pack = read_pack(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == 1
    assert data["digest"] == fixed_digest(_fixed()) and pack.digest_ok()
    assert pack.scores == {} and pack.returned_at is None
    assert pack.scheme == DEFAULT_SCHEME


def test_scores_are_kept_and_saving_leaves_no_temporary_file(path):
    pack = read_pack(path)
    pack.set_score("CR-002", 2, 5, "  Could be catastrophic  ")
    pack.save(path)
    again = read_pack(path)
    assert again.score_for("CR-002")["comment"] == "Could be catastrophic"
    assert again.is_done("CR-002") and not again.is_done("CR-001") and again.done_count == 1
    again.mark_returned()
    again.save(path)
    assert read_pack(path).returned_at is not None
    assert [p.name for p in path.parent.iterdir()] == ["pack.bbscore"]
    assert read_pack(path).digest_ok()  # scoring never touches the fixed part


def test_set_score_refuses_bad_levels_and_unknown_risks(path):
    pack = read_pack(path)
    with pytest.raises(ValidationError, match="CR-001 likelihood: 6 is not 1 to 5"):
        pack.set_score("CR-001", 6, 1)
    with pytest.raises(ValidationError, match="CR-404 is not one of this pack's risks"):
        pack.set_score("CR-404", 1, 1)


def test_score_problems_name_risk_and_field(path):
    pack = read_pack(path)
    pack.scores["CR-001"] = {"likelihood": 3, "consequence": "x"}
    assert [str(p) for p in pack.score_problems()] == ["CR-001 consequence: 'x' is not 1 to 5"]


@pytest.mark.parametrize("content, reason", [
    (b"\x89PNG\r\n", "not JSON text"),
    (b"[1, 2]", "is not a Boardbook scoring pack"),
    (json.dumps({"format": "boardbook-exchange"}).encode(), "is not a Boardbook scoring pack"),
    (json.dumps({"format": FORMAT, "format_version": 2}).encode(), "version 2"),
    (json.dumps({"format": FORMAT, "format_version": 1, "fixed": {}}).encode(), "damaged"),
])
def test_foreign_damaged_or_newer_files_are_refused(tmp_path, content, reason):
    path = tmp_path / "x.bbscore"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=reason):
        read_pack(path)


def test_tampering_shows_in_the_digest(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fixed"]["risks"][0]["title"] = "Nothing to see"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not read_pack(path).digest_ok()
