"""What `audit verify` costs at 200,000 events: the chain, then every record against its folded
history, against the raw baseline of hashing the same events with hashlib alone.

    python3 bench/audit_verify.py [--events 200000]

Builds a throwaway SQLite file of people, each created and then edited three times, with a
correct chain (as Boardbook writes it), then times, in the same run:
  baseline   read every event and SHA-256 its canonical content (hashlib only)
  chain      app.store.audit.verify_chain alone
  verify     what `audit verify` does: one walk that checks the chain and folds each event
             into its record, then every record compared with its folded state
and prints each (CPU seconds) and the ratio of verify to the baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from app.services.context import AppContext  # noqa: E402
from app.store.audit import GENESIS, AuditEvent, canonical, event_hash  # noqa: E402
from app.store.audit_records import Fold, check_records  # noqa: E402
from app.store.people import Person  # noqa: E402


def build(path: Path, events: int) -> None:
    ctx = AppContext.open(str(path), actor="bench")
    people, seq, prev = events // 4, 0, GENESIS
    at = "2026-01-01T09:00:00.000000Z"
    with ctx.transaction() as session:
        connection = session.connection()
        persons, rows = [], []
        for n in range(1, people + 1):
            fields = {"id": n, "name": f"Member {n}", "title": "", "email": "",
                      "kind": "lay member", "notes": ""}
            history = [("create", {k: [None, v] for k, v in fields.items()})]
            for edit in range(3):
                before, fields["email"] = fields["email"], f"m{n}.{edit}@nhs.net"
                history.append(("update", {"email": [before or None, fields["email"]]}))
            for action, changes in history:
                seq += 1
                row = {"seq": seq, "at": at, "actor": "bench", "action": action,
                       "record_type": "person", "record_id": str(n),
                       "changes": canonical(changes), "prev_hash": prev}
                row["hash"] = prev = event_hash(**row)
                rows.append(row)
            persons.append({**fields, "retired_on": None, "version": 4})
        connection.execute(Person.__table__.insert(), persons)
        connection.execute(AuditEvent.__table__.insert(), rows)
    ctx.close()


def baseline(connection) -> int:
    count = 0
    for ev in connection.execute(text("SELECT seq, at, actor, action, record_type, record_id, "
                                      "changes, prev_hash FROM audit_event ORDER BY seq")):
        content = json.dumps({"seq": ev.seq, "at": ev.at, "actor": ev.actor,
                              "action": ev.action, "record_type": ev.record_type,
                              "record_id": ev.record_id, "changes": ev.changes,
                              "prev": ev.prev_hash}, sort_keys=True, separators=(",", ":"))
        hashlib.sha256(content.encode()).hexdigest()
        count += 1
    return count


def timed(fn):
    # CPU seconds of this process: the work is all in this process, and on a shared machine
    # wall time mostly measures the neighbours.
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    from app.store.audit import verify_chain

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        build(path, args.events)
        ctx = AppContext.open(str(path))
        with ctx.transaction() as session:
            connection = session.connection()
            raw, count = timed(lambda: baseline(connection))
            chain, report = timed(lambda: verify_chain(connection))

            def verify():
                fold = Fold()
                return verify_chain(connection, visit=fold), check_records(connection, fold)

            full, (report, (checked, problems)) = timed(verify)
        assert report.ok and not problems, (report, problems[:3])
        print(f"{count} events, {checked} records")
        print(f"baseline (hashlib over every event):   {raw:.2f} s")
        print(f"chain alone:                           {chain:.2f} s ({chain / raw:.2f}x)")
        print(f"verify (chain, then records, one walk): {full:.2f} s ({full / raw:.2f}x)")


if __name__ == "__main__":
    main()
