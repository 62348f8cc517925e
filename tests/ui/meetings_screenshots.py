"""Save PNGs of the meeting screens, to look at them as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.meetings_screenshots [DEMO.sqlite] [OUT]

Works on a copy of the demo database (made if not given); pictures go to shots/meetings/.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate  # noqa: E402

from tests.ui.screenshots import demo_window, save  # noqa: E402

SEPT_27 = dt.date(2012, 9, 27)


def shoot_meetings(window, out: Path):
    view = window.show_section("meetings")
    view.calendar.setCurrentPage(2012, 9)
    view._on_calendar_clicked(QDate(2012, 9, 27))
    save(window, out, "meetings_list_calendar")
    return view


def shoot_workspace(view, out: Path) -> None:
    meeting = next(r for r in view.model.rows() if r.meeting_date == SEPT_27)
    workspace = view.open_meeting(meeting.id)
    builder = workspace.agenda
    save(view.window(), out, "agenda_builder")
    item = next(r for r in builder.model.items() if r.number == "6.8")
    builder.select_item(item.id)
    builder.open_cover_sheet()
    editor = builder.editor
    editor.resize(900, 900)
    save(editor, out, "cover_sheet_editor")
    editor.tabs.setCurrentIndex(1)
    save(editor, out, "cover_sheet_files")
    editor.tabs.setCurrentIndex(2)
    save(editor, out, "cover_sheet_preview")
    editor.reject()
    for index, name in ((1, "attendance"), (2, "minutes"), (3, "meeting_actions")):
        workspace.tabs.setCurrentIndex(index)
        if name == "attendance":
            people = workspace.attendance.declarations
            people.person.setCurrentIndex(people.person.findText("GP Member, Merton Healthcare"))
        save(view.window(), out, name)


def main(argv: list[str]) -> int:
    with demo_window(argv, "meetings", (1500, 860)) as (window, ctx, out):
        view = shoot_meetings(window, out)
        shoot_workspace(view, out)
        save(window.show_section("actions"), out, "action_log")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
