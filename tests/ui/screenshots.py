"""Save a PNG of every window and dialog of the foundation, to look at them as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screenshots [DEMO.sqlite] [OUT_DIR]

Works on a copy of the demo database (made if not given), so nothing real is touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def save(widget, out: Path, name: str) -> None:
    settle(QApplication.instance())
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def demo_copy(source: str | None, tmp: Path) -> Path:
    from app.services.context import AppContext
    from app.services.demo.load import load_demo

    target = tmp / "demo.sqlite"
    if source:
        shutil.copy(source, target)
    else:
        ctx = AppContext.open(target, actor="board secretary")
        ctx.run(load_demo)
        ctx.close()
    return target


@contextmanager
def demo_window(argv: list[str], folder: str, size: tuple[int, int] = (1500, 860)):
    """A main window on a copy of the demo, with throwaway settings; yields (window, ctx, out)."""
    sys.path.insert(0, str(ROOT))
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "shots" / folder
    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        QCoreApplication.setOrganizationName("BoardbookShots")
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp))
        from app.services.context import AppContext
        from app.ui.common.tasks import ImmediateRunner
        from app.ui.shell.main_window import MainWindow

        ctx = AppContext.open(demo_copy(argv[0] if argv else None, tmp), actor="board secretary")
        window = MainWindow(ctx, ImmediateRunner())
        window.resize(*size)
        window.show()
        try:
            yield window, ctx, out
        finally:
            window.close()
            ctx.close()


def logo_file(tmp: Path) -> Path:
    image = QImage(300, 90, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(180, 10, 110, 70, QColor("#005eb8"))
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setPointSize(26)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(192, 60, "NHS")
    painter.end()
    path = tmp / "logo.png"
    image.save(str(path))
    return path


def shoot_sections(window, out: Path) -> None:
    people_view = window.show_section("people")
    people_view.select_id(4)
    save(window, out, "main_people")
    committees = window.show_section("committees")
    committees.select_id(2)
    save(window, out, "main_committees")
    trail = window.show_section("audit")
    trail.select_seq(20)
    trail.verify()
    save(window, out, "main_audit")


def shoot_dialogs(window, out: Path, tmp: Path) -> None:
    from app.ui.people.committees_view import CommitteeDialog
    from app.ui.people.members_panel import MembershipDialog
    from app.ui.people.people_view import PersonDialog

    ctx = window.ctx
    people_view = window.section("people")
    dialog = PersonDialog(ctx, None, window)
    dialog.name.setText(" ")
    dialog.email.setText("mark.needham at swlondon")
    dialog.show()
    dialog.accept()  # shows the problems beside the fields
    save(dialog, out, "person_dialog_problems")
    dialog.close()
    people_view.select_id(4)
    dialog = PersonDialog(ctx, people_view.selected_row(), window)
    dialog.show()
    save(dialog, out, "person_dialog_edit")
    dialog.close()

    committees = window.section("committees")
    committees.select_id(2)
    body = committees.selected_row()
    dialog = CommitteeDialog(ctx, body, window)
    dialog.show()
    save(dialog, out, "committee_dialog")
    dialog.reports_to.setCurrentIndex(dialog.reports_to.findData(body.id) + 1)
    dialog.close()
    member = MembershipDialog(ctx, body, None, window)
    member.role.setCurrentText("in attendance")
    member.show()
    save(member, out, "membership_dialog")
    member.close()

    menu = window.file_actions
    menu.open_database()
    menu.dialog.use_server.setChecked(True)
    menu.dialog.url.setText("mysql://server/boardbook")
    menu.dialog.accept()
    save(menu.dialog, out, "open_database_dialog")
    menu.dialog.reject()
    menu.edit_organisation()
    menu.dialog.use_logo_file(logo_file(tmp))
    save(menu.dialog, out, "organisation_dialog")
    menu.dialog.reject()


def shoot_progress(window, out: Path) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from app.ui.common.progress import run_with_progress

    def work(report, cancelled):
        report(7, 19, "Reading membership")
        dialog = window.findChild(QProgressDialog, "progressDialog")
        dialog.show()
        save(dialog, out, "progress_dialog")
        return {}

    run_with_progress(window, window.runner, work, title="Export",
                      label="Exporting to merton.json…", on_done=lambda _r: None)


def shoot_first_run(out: Path, tmp: Path) -> None:
    from app.services.context import AppContext
    from app.ui.shell.first_run import FirstRunDialog

    ctx = AppContext.open(tmp / "empty.sqlite")
    dialog = FirstRunDialog(ctx)
    dialog.show()
    save(dialog, out, "first_run_dialog")
    dialog.close()
    ctx.close()


def shoot_broken_trail(window, db: Path, out: Path) -> None:
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 3")
    con.commit()
    con.close()
    trail = window.show_section("audit")
    trail.verify()
    save(window, out, "main_audit_broken")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "shots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        QCoreApplication.setOrganizationName("BoardbookShots")
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp))
        from app.services.context import AppContext
        from app.ui.common.tasks import ImmediateRunner
        from app.ui.shell.main_window import MainWindow

        db = demo_copy(argv[0] if argv else None, tmp)
        ctx = AppContext.open(db, actor="board secretary")
        window = MainWindow(ctx, ImmediateRunner())
        window.show()
        shoot_sections(window, out)
        shoot_dialogs(window, out, tmp)
        shoot_progress(window, out)
        shoot_first_run(out, tmp)
        shoot_broken_trail(window, db, out)
        window.close()
        ctx.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
