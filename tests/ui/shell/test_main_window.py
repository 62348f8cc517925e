"""The main window, the File and Edit menus, the first-run dialog and switching databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.services import organisation, people
from app.services.context import AppContext
from app.ui.common.tasks import ImmediateRunner
from app.ui.shell.app import Boardbook
from app.ui.shell.first_run import FirstRunDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.recent import recent_databases, remember_database
from app.ui.shell.sections import SECTIONS
from tests.ui.helpers import column_texts


@pytest.fixture
def window(qtbot, demo_ctx):
    win = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(win)
    win.show()
    return win


def test_status_bar_and_sections(window, demo_ctx):
    assert window.db_label.text() == f"Database: {demo_ctx.description}"
    assert window.user_label.text() == "Signed in as: test secretary"
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert {"People", "Committees", "Audit trail"} <= set(titles)
    assert window.current_section().objectName() == f"section_{SECTIONS[0].key}"

    window.nav.setCurrentRow(titles.index("Committees"))  # as a click in the list does
    committees = window.current_section()
    assert committees.objectName() == "section_committees"
    assert "Audit Committee" in column_texts(committees.table, 0)
    audit = window.show_section("audit", record_type="committee")
    assert window.current_section() is audit
    assert set(column_texts(audit.table, 4)) == {"committee"}


def test_edit_menu_undoes_in_the_section_on_show(window, demo_ctx):
    people_view = window.show_section("people")
    people_view.add_record()
    people_view.editor.name.setText("Head of Governance")
    people_view.editor.accept()
    assert window.undo_action.text() == "&Undo Add Head of Governance"

    window.show_section("committees")
    assert not window.undo_action.isEnabled()  # committees has nothing to undo
    window.show_section("people")
    window.undo_action.trigger()
    retired = [p for p in demo_ctx.run(people.list_people) if p.name == "Head of Governance"]
    assert retired[0].retired_on is not None
    assert window.redo_action.isEnabled()


def test_window_state_is_kept(qtbot, demo_ctx):
    first = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # inside the offscreen screen (800×600), which Qt keeps windows on
    first.show_section("committees")
    first.close()

    second = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(second)
    second.show()
    assert second.current_section().objectName() == "section_committees"
    assert (second.width(), second.height()) == (700, 500)


def test_switching_databases_replaces_the_window(qtbot, demo_ctx, tmp_path, sqlite_template):
    import shutil
    other = tmp_path / "other.sqlite"
    shutil.copy(sqlite_template, other)
    ctx = AppContext.open(other)
    ctx.run(organisation.set_up_organisation, name="NHS Sutton CCG")
    ctx.close()

    app = Boardbook(runner=ImmediateRunner(), actor="tester")
    assert app.open(demo_ctx.description)
    first = app.window
    first.file_actions._open(str(other))
    assert app.window is not first
    assert app.window.db_label.text() == f"Database: {other}"
    assert recent_databases()[:2] == [str(other), demo_ctx.description]
    app.window.close()


def test_first_run_sets_up_the_organisation(qtbot, sqlite_ctx):
    dialog = FirstRunDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.accept()  # no name yet
    assert dialog.message.text() == "Please give the organisation's name."
    assert not sqlite_ctx.run(organisation.is_set_up)
    dialog.name.setText("NHS Merton Clinical Commissioning Group")
    dialog.short_name.setText("Merton CCG")
    dialog.accept()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert sqlite_ctx.run(organisation.get_organisation).short_name == "Merton CCG"


def test_first_run_loads_the_demo(qtbot, sqlite_ctx):
    dialog = FirstRunDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.use_demo.setChecked(True)
    assert not dialog.name.isEnabled()
    dialog.accept()
    assert "Mark Needham" in [p.name for p in sqlite_ctx.run(people.list_people)]


def test_new_database_opens_with_the_first_run_dialog(qtbot, tmp_path):
    target = tmp_path / "new.sqlite"

    def fill_first_run():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, FirstRunDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, fill_first_run)
            return
        dialog.name.setText("NHS Kingston CCG")
        dialog.accept()

    QTimer.singleShot(20, fill_first_run)
    app = Boardbook(runner=ImmediateRunner())
    assert app.open(str(target))
    qtbot.addWidget(app.window)
    assert app.window.db_label.text() == f"Database: {target}"
    assert app.ctx.run(organisation.get_organisation).name == "NHS Kingston CCG"


# ----------------------------------------------------------------------------- File menu


def test_file_menu_has_its_actions(window):
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    assert texts == ["&New database…", "&Open database…", "Open &recent",
                     "&Export whole database (JSON)…", "&Import JSON into a new database…",
                     "Open &scoring pack…", "Or&ganisation…", "&Quit"]


def test_new_database_asks_for_a_file_and_refuses_an_existing_one(window, qtbot, tmp_path,
                                                                   message_boxes):
    menu = window.file_actions
    target = tmp_path / "fresh.sqlite"
    menu.ask_new_database_path = lambda: str(target)
    with qtbot.waitSignal(window.database_change_requested) as signal:
        menu.new_action.trigger()
    assert signal.args == [str(target), False]

    target.write_bytes(b"something already here")
    with qtbot.assertNotEmitted(window.database_change_requested):
        menu.new_action.trigger()
    assert "does not overwrite" in message_boxes.texts[0]


def test_open_database_dialog(window, qtbot, demo_ctx):
    menu = window.file_actions
    menu.open_action.trigger()
    dialog = menu.dialog
    dialog.use_server.setChecked(True)
    dialog.url.setText("mysql://nope")
    dialog.accept()
    assert dialog.isVisible()
    assert "postgresql+psycopg://" in dialog.errors.label("url").text()
    dialog.use_file.setChecked(True)
    dialog.path.setText(demo_ctx.description)
    with qtbot.waitSignal(window.database_change_requested) as signal:
        dialog.accept()
    assert signal.args == [demo_ctx.description, False]


def test_recent_menu_lists_remembered_databases(window, qtbot):
    remember_database("/data/merton.sqlite")
    remember_database("postgresql+psycopg://office/boardbook")
    window.file_actions._fill_recent()
    texts = [a.text() for a in window.file_actions.recent_menu.actions()]
    assert texts == ["postgresql+psycopg://office/boardbook", "/data/merton.sqlite"]
    with qtbot.waitSignal(window.database_change_requested) as signal:
        window.file_actions.recent_menu.actions()[1].trigger()
    assert signal.args == ["/data/merton.sqlite", False]


def test_export_then_import_into_a_new_database(window, qtbot, demo_ctx, tmp_path):
    menu = window.file_actions
    exported = tmp_path / "merton.json"
    menu.ask_export_path = lambda: str(exported)
    menu.export_action.trigger()
    assert exported.exists()
    assert window.statusBar().currentMessage().startswith("Exported ")

    target = tmp_path / "copy.sqlite"
    menu.ask_import_file = lambda: str(exported)
    menu.ask_new_database_path = lambda: str(target)
    with qtbot.waitSignal(window.database_change_requested) as signal:
        menu.import_action.trigger()
    assert signal.args == [str(target), False]
    copy = AppContext.open(target)
    try:
        assert [p.name for p in copy.run(people.list_people)] == \
            [p.name for p in demo_ctx.run(people.list_people)]
    finally:
        copy.close()


def test_failed_import_leaves_no_new_file(window, qtbot, tmp_path, message_boxes):
    bad = tmp_path / "not-boardbook.json"
    bad.write_text('{"hello": "world"}')
    target = tmp_path / "never.sqlite"
    with qtbot.assertNotEmitted(window.database_change_requested):
        window.file_actions.import_into(bad, target)
    qtbot.waitUntil(lambda: bool(message_boxes.seen))
    assert "is not a Boardbook exchange file" in message_boxes.texts[0]
    assert not target.exists()


def test_organisation_dialog_saves_name_and_logo(window, demo_ctx, tmp_path):
    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#005eb8"))
    assert image.save(str(logo))
    not_image = tmp_path / "notes.png"
    not_image.write_text("plain text")

    window.file_actions.organisation_action.trigger()
    dialog = window.file_actions.dialog
    assert dialog.name.text() == "NHS Merton Clinical Commissioning Group"
    assert dialog.preview.text() == "No logo"
    dialog.use_logo_file(Path(not_image))
    assert dialog.errors.label("logo").text() == "Notes.png is not an image Boardbook can read"
    dialog.use_logo_file(Path(logo))
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    dialog.short_name.setText("NHS Merton CCG")
    dialog.name.setText("")
    dialog.accept()
    assert dialog.errors.label("name").text() == "The organisation needs a name"
    dialog.name.setText("NHS Merton Clinical Commissioning Group")
    dialog.accept()
    assert not dialog.isVisible()
    assert demo_ctx.run(organisation.get_organisation).short_name == "NHS Merton CCG"
    assert demo_ctx.run(organisation.get_logo) == logo.read_bytes()


def test_quit_closes_the_window(window):
    window.file_actions.quit_action.trigger()
    assert not window.isVisible()


def test_export_runs_off_the_gui_thread_with_progress(qtbot, demo_ctx, tmp_path, monkeypatch):
    import threading

    from app.exchange import json_exchange
    from app.ui.common.tasks import TaskRunner

    original = json_exchange.export_database
    work_threads, reported = [], []

    def watched_export(engine, path, progress=None):
        work_threads.append(threading.get_ident())

        def report(done, total, label):
            reported.append((done, total, label))
            progress(done, total, label)

        return original(engine, path, progress=report)

    monkeypatch.setattr(json_exchange, "export_database", watched_export)
    runner = TaskRunner()
    win = MainWindow(demo_ctx, runner)
    qtbot.addWidget(win)
    target = tmp_path / "threaded.json"
    win.file_actions.export_to(target)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Exported"),
                    timeout=10000)
    runner.wait()
    assert target.exists()
    assert len(work_threads) == 1 and work_threads[0] != threading.get_ident()
    done = [d for d, _, _ in reported]
    total = reported[-1][1]
    assert total > 1 and len(reported) == total + 1
    assert done == list(range(total + 1))
    assert reported[0][2].startswith("Reading ") and reported[-1][2] == "Done"
