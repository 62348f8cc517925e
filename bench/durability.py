"""The price of durable commits: N small service writes with synchronous=NORMAL and with FULL.

    .venv/bin/python bench/durability.py [N]

Boardbook's SQLite files run in WAL mode. With ``synchronous=NORMAL`` a commit is written to the
WAL but not synced, so a power cut (not a killed process) can lose the last commits; with
``FULL`` every commit syncs the WAL. This creates two fresh databases in bench/out (a real disk,
not a RAM-backed /tmp), then times N ``create_person`` calls, each its own transaction as the
screens make them, alternately in rounds on each setting so a busy machine weighs on both alike.
Prints the time per write for each and the ratio FULL / NORMAL.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BOARDBOOK_NO_BOOTSTRAP", "1")

ROUNDS = 5


def timed_writes(ctx, n: int, start: int) -> float:
    from app.services import people

    began = time.perf_counter()
    for i in range(start, start + n):
        ctx.run(people.create_person, name=f"Bench Person {i}", kind="officer")
    return time.perf_counter() - began


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from app.services.context import AppContext
    from app.store import engine

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as folder:
        contexts = {}
        for level in ("NORMAL", "FULL"):
            engine.SYNCHRONOUS = level  # read by each new connection
            contexts[level] = AppContext.open(Path(folder) / f"{level.lower()}.sqlite",
                                              actor="bench")
            with contexts[level].engine.connect() as conn:
                got = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            assert got == {"NORMAL": 1, "FULL": 2}[level], got
        per_round = max(1, n // ROUNDS)
        times: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
        for r in range(ROUNDS):
            for level, ctx in contexts.items():
                times[level].append(timed_writes(ctx, per_round, r * per_round))
        for ctx in contexts.values():
            ctx.close()
    total = per_round * ROUNDS
    ms = {level: 1000 * sum(t) / total for level, t in times.items()}
    spread = {level: 1000 * statistics.pstdev(t) / per_round for level, t in times.items()}
    print(f"{total} create_person writes, each its own transaction, {ROUNDS} rounds")
    for level in ("NORMAL", "FULL"):
        print(f"  synchronous={level:<6} {ms[level]:7.2f} ms per write "
              f"(round-to-round spread {spread[level]:.2f} ms)")
    print(f"  ratio FULL / NORMAL: {ms['FULL'] / ms['NORMAL']:.2f}x")


if __name__ == "__main__":
    main()
