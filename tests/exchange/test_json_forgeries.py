"""A forged exchange file is refused with its first problems named and nothing written: records
edited without their events, no audit trail, duplicate ids, wrong types, out-of-range scores,
text too long, references to rows the file does not hold, a file laid out wrongly."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import ValidationError
from app.exchange.json_exchange import export_database, import_database
from app.services.context import AppContext
from app.services.demo import load as demo
from app.store import dump


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exchange")
    ctx = AppContext.open(folder / "demo.sqlite", actor="secretary")
    ctx.run(demo.load_demo)
    path = folder / "demo.json"
    export_database(ctx.engine, path)
    ctx.close()
    return json.loads(path.read_text())


def _forge(document, tmp_path, change) -> tuple[str, AppContext]:
    forged = json.loads(json.dumps(document))
    change(forged["tables"])
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(forged))
    target = AppContext.open(tmp_path / "target.sqlite")
    with pytest.raises(ValidationError) as refused:
        import_database(target.engine, path)
    with target.engine.connect() as conn:
        assert dump.is_empty(conn)  # nothing was written
    return str(refused.value), target


def _set(tables, table, field, value, row=0):
    block = tables[table]
    block["rows"][row][block["columns"].index(field)] = value


def test_the_export_imports_whole(exported, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(exported))
    target = AppContext.open(tmp_path / "target.sqlite")
    counts = import_database(target.engine, path)
    assert counts["risk"] == len(exported["tables"]["risk"]["rows"])


def test_a_record_edited_without_its_event_is_refused(exported, tmp_path):
    message, _ = _forge(exported, tmp_path, lambda t: _set(t, "risk", "current_likelihood", 1))
    assert "risk 1, field current_likelihood: stored 1 but the trail gives" in message
    assert "the records do not match their audit trail; nothing was imported" in message


def test_a_file_with_no_audit_trail_is_refused(exported, tmp_path):
    message, _ = _forge(exported, tmp_path, lambda t: t.pop("audit_event"))
    assert "present in the database but the trail has no record of it being created" in message


def test_duplicate_ids_wrong_types_ranges_lengths_and_references_are_named(exported, tmp_path):
    def forge(tables):
        people = tables["person"]
        people["rows"].append(list(people["rows"][0]))              # the same id twice
        _set(tables, "risk", "current_likelihood", "high")          # not a number
        _set(tables, "risk", "inherent_likelihood", 9, row=1)       # out of range
        _set(tables, "risk", "reference", "X" * 500, row=2)         # too long
        _set(tables, "risk", "owner_id", 9999, row=3)               # nobody
        _set(tables, "meeting", "starts_at", "the 31st of June")    # not a date
    message, _ = _forge(exported, tmp_path, forge)
    assert "person.id: 1 appears twice" in message
    assert "row 1, risk.current_likelihood: must be a whole number, not 'high'" in message
    assert "row 2, risk.inherent_likelihood: the inherent likelihood must be 1 to 5" in message
    assert "row 3, risk.reference: is 500 characters long; at most 20 fit" in message
    assert "row 4, risk.owner_id: refers to person 9999, which the file does not hold" in message


def test_a_date_that_is_not_a_date_is_named(exported, tmp_path):
    message, _ = _forge(exported, tmp_path,
                        lambda t: _set(t, "meeting", "starts_at", "the 31st of June"))
    assert "row 1, meeting.starts_at: cannot be read: Invalid isoformat string" in message


@pytest.mark.parametrize("layout", [[], {"columns": "id", "rows": []}, {"rows": [7]}])
def test_a_table_laid_out_wrongly_is_named(exported, tmp_path, layout):
    message, _ = _forge(exported, tmp_path, lambda t: t.__setitem__("person", layout))
    assert "person" in message
