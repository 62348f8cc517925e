"""Save PNGs of the decision screens, to look at them as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.decisions_screenshots [DEMO.sqlite] [OUT]

Works on a copy of the demo database (made if not given); pictures go to shots/decisions/.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from tests.ui.screenshots import demo_window, save  # noqa: E402


def shoot_trail(window, out: Path) -> None:
    view = window.show_section("trail")
    isop = next(e for e in view.entries() if e.kind == "chair's action"
                and e.title.startswith("Integrated Strategy"))
    view.select_entry(isop.kind, isop.id)
    save(window, out, "trail_isop_chairs_action")
    view.overridden.setChecked(True)
    entry = view.entries()[0]
    view.select_entry(entry.kind, entry.id)
    save(window, out, "trail_overridden")
    view.overridden.setChecked(False)


def shoot_register(window, out: Path) -> None:
    view = window.show_section("chairs_actions")
    view.select_id(2)
    save(window, out, "chairs_actions_register")
    view.new_action.trigger()
    dialog = view.editor
    dialog.body.setCurrentIndex(dialog.body.findText("Merton CCG Governing Body"))
    dialog.title_edit.setText("Urgent GP IT contract extension")
    dialog.decision_text.setPlainText("Extended the GP IT contract by three months.")
    dialog.taken_on.set_date(dt.date(2013, 4, 20))
    dialog.consultees.add()
    dialog.update_problems()
    save(dialog, out, "chairs_action_draft")
    dialog.reject()


def shoot_dialog(window, out: Path, ctx) -> None:
    from app.services.meetings import attendance, meetings
    from app.ui.decisions.decision_dialog import DecisionDialog

    meeting = next(m for m in ctx.run(meetings.list_meetings)
                   if m.meeting_date == dt.date(2013, 3, 7))
    for row in ctx.run(attendance.list_attendance, meeting_id=meeting.id):
        if row.person_kind == "lay member":
            ctx.run(attendance.record_attendance, meeting_id=meeting.id, person_id=row.person_id,
                    status="apologies", expected_version=row.version)
    view = window.show_section("meetings")
    workspace = view.open_meeting(meeting.id)
    builder = workspace.agenda
    item = next(r for r in builder.model.items() if r.title.startswith("Internal audit"))
    builder.select_item(item.id)
    save(window, out, "agenda_with_record_decision")
    builder.record_decision()
    dialog = builder.editor
    assert isinstance(dialog, DecisionDialog)
    dialog.resolution.setPlainText("The committee approved the internal audit plan 2013/14.")
    dialog.accept()  # no override reason: the problem shows in place
    save(dialog, out, "decision_dialog_override")
    dialog.reject()


def main(argv: list[str]) -> int:
    with demo_window(argv, "decisions", (1500, 860)) as (window, ctx, out):
        shoot_trail(window, out)
        shoot_register(window, out)
        shoot_dialog(window, out, ctx)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
