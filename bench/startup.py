"""Start-up time: from process start to the first painted main window.

Boardbook on a demo database is measured against a bare PySide6 QMainWindow, the same way and
in the same run, so the ratio says what Boardbook itself adds on this machine. Each sample is a
fresh process (offscreen platform, empty settings); the parent times from just before it starts
the process to the moment the child reports its first paint of the main window.

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAINTED = "painted"


# ------------------------------------------------------------------------------ the child


def _watch_first_paint(app) -> None:
    """Print once when any part of a main window is first painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow, QWidget

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event):
            if (not self.seen and event.type() == QEvent.Type.Paint
                    and isinstance(watched, QWidget)
                    and isinstance(watched.window(), QMainWindow)):
                self.seen = True
                print(PAINTED, flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    app._first_paint = FirstPaint()
    app.installEventFilter(app._first_paint)


def child_bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    _watch_first_paint(app)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 760)
    window.show()
    return app.exec()


def child_boardbook(db: str) -> int:
    """The path ``python main.py --db …`` takes, less the venv check (a hash of one file)."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    _watch_first_paint(app)
    import main as entry

    return entry.main(["--db", db])


# ----------------------------------------------------------------------------- the parent


def make_demo(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from app.services.context import AppContext
    from app.services.demo.load import load_demo

    ctx = AppContext.open(path, actor="bench")
    ctx.run(load_demo)
    ctx.close()


def sample(kind: str, db: Path, settings: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(settings),
           "BOARDBOOK_NO_BOOTSTRAP": "1"}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(db)]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    for line in child.stdout:
        if line.strip() == PAINTED:
            elapsed = time.perf_counter() - start
            break
    else:
        child.wait()
        raise RuntimeError(f"{kind} never painted (exit status {child.returncode})")
    child.stdout.close()
    child.wait(timeout=30)
    return elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_bare() if args.child[0] == "bare" else child_boardbook(args.child[1])

    with tempfile.TemporaryDirectory(prefix="bb-startup-") as tmp:
        db = Path(tmp) / "demo.sqlite"
        make_demo(db)
        times: dict[str, list[float]] = {"bare": [], "boardbook": []}
        for run in range(args.runs + 1):  # the first round warms the file cache, uncounted
            for kind in times:
                settings = Path(tmp) / f"settings-{kind}-{run}"  # fresh, as on first start
                elapsed = sample(kind, db, settings)
                if run:
                    times[kind].append(elapsed)
        bare, board = (statistics.median(times[k]) for k in ("bare", "boardbook"))
        print(f"runs each: {args.runs} (after one warm-up), offscreen, demo database")
        for kind, values in times.items():
            print(f"{kind:>10}: median {statistics.median(values) * 1000:7.0f} ms   "
                  f"min {min(values) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms")
        print(f"     ratio: Boardbook / bare PySide6 = {board / bare:.2f}× "
              f"(+{(board - bare) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
