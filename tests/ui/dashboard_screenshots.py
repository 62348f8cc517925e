"""Save PNGs of the dashboard on the demo data, to look at it as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.dashboard_screenshots [DEMO.sqlite]

Writes shots/dashboard/: the section in the main window, the whole scrolled content, one
committee's view, and each card as "Save as PNG…" saves it. Works on a copy of the database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.screenshots import ROOT, demo_copy, save, settle  # noqa: E402


def shoot(db: Path, out: Path) -> None:
    from app.services.context import AppContext
    from app.ui.common.tasks import ImmediateRunner
    from app.ui.shell.main_window import MainWindow

    ctx = AppContext.open(db, actor="board secretary")
    window = MainWindow(ctx, ImmediateRunner())
    window.resize(1400, 900)
    window.show()
    view = window.show_section("dashboard")
    save(window, out, "main_dashboard")
    content = view.content
    content.resize(1360, content.sizeHint().height())
    settle(QApplication.instance())
    save(content, out, "dashboard_all")
    for key, card in view.cards.items():
        card.save_png(str(out / f"card_{key}.png"))
    body = next(c.id for c in view.summary.committees if c.name.startswith("Merton CCG"))
    view.set_filters(committee_id=body)
    content.resize(1360, content.sizeHint().height())
    save(content, out, "dashboard_governing_body")
    ctx.close()


def main(argv: list[str]) -> int:
    QCoreApplication.setOrganizationName("BoardbookScreenshots")
    QApplication(sys.argv[:1])
    out = ROOT / "shots" / "dashboard"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shoot(demo_copy(argv[0] if argv else None, Path(tmp)), out)
    os._exit(0)  # pyqtgraph's teardown at exit is not worth waiting for


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
