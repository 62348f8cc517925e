"""Opening the dashboard on a 10,000-risk register, against opening the risk register alone.

Each sample is a fresh process (offscreen platform): the clock starts just before the section's
module is imported and stops at the first paint after its data has arrived, so it counts the
import (pyqtgraph for the dashboard), building the section, the load on a worker thread (the
real TaskRunner) and putting the data on screen. Both sections are measured the same way, in
the same run, alternately; the ratio says what the dashboard costs next to the register.

    .venv/bin/python bench/dashboard.py [--runs 5] [--db bench/out/risks10k.sqlite]

The database is built once if missing (``main.py --db … demo --scale 10000``); bench/out is
ignored by git, and another bench may have built the same file already.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "bench" / "out" / "risks10k.sqlite"
SECTIONS = {"risks": lambda w: w.model.rowCount() > 0, "dashboard": lambda w: w.summary is not None}


# ------------------------------------------------------------------------------ the child


def child(key: str, db: str) -> int:
    """Open one section, print the milliseconds to its first paint with data, and quit."""
    sys.path.insert(0, str(ROOT))
    import importlib

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.services.context import AppContext
    from app.ui.common.tasks import TaskRunner
    from app.ui.shell.sections import SECTIONS as SPECS

    app = QApplication(sys.argv[:1])
    ctx, runner = AppContext.open(db, actor="bench"), TaskRunner()
    spec = next(s for s in SPECS if s.key == key)
    loaded = SECTIONS[key]
    state: dict = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            widget = state.get("widget")
            if (widget is not None and event.type() == QEvent.Type.Paint
                    and "done" not in state and loaded(widget)):
                state["done"] = time.perf_counter()
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    start = time.perf_counter()
    cls = getattr(importlib.import_module(spec.module), spec.class_name)
    widget = cls(ctx, runner)
    widget.resize(1200, 760)
    state["widget"] = widget
    widget.show()
    poll = QTimer()
    poll.timeout.connect(lambda: loaded(widget) and widget.update())
    poll.start(5)
    app.exec()
    print(f"{(state['done'] - start) * 1000:.1f}", flush=True)
    runner.wait()
    os._exit(0)  # skip pyqtgraph's and Qt's teardown: not part of opening


# ----------------------------------------------------------------------------- the parent


def ensure_database(db: Path) -> None:
    env = {**os.environ, "BOARDBOOK_NO_BOOTSTRAP": "1"}
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {db} (10,000 risks; takes a while)…", flush=True)
        subprocess.run([sys.executable, "main.py", "--db", str(db), "demo", "--scale", "10000"],
                       cwd=ROOT, env=env, check=True)
    # Opening upgrades an older schema once, here, rather than inside a timed sample.
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.');"
                    "from app.services.context import AppContext;"
                    f"AppContext.open({str(db)!r}).close()"], cwd=ROOT, env=env, check=True)


def sample(key: str, db: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BOARDBOOK_NO_BOOTSTRAP": "1"}
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", key,
                           str(db)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"{key} did not report (exit {done.returncode}): {done.stderr}")
    return float(lines[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    ensure_database(args.db)
    times: dict[str, list[float]] = {key: [] for key in SECTIONS}
    for run in range(args.runs + 1):  # the first round warms the file cache, uncounted
        for key in times:
            elapsed = sample(key, args.db)
            if run:
                times[key].append(elapsed)
    print(f"runs each: {args.runs} (after one warm-up), offscreen, {args.db.name}")
    for key, values in times.items():
        print(f"{key:>10}: median {statistics.median(values):7.0f} ms   "
              f"min {min(values):7.0f} ms   max {max(values):7.0f} ms")
    board, register = (statistics.median(times[k]) for k in ("dashboard", "risks"))
    print(f"     ratio: dashboard / risk register = {board / register:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
