"""No database password in anything Boardbook writes or shows: the settings file, the witness,
the audit trail, the window, messages, logs, standard output and error, any file in the tests'
folders. The password goes to the system keychain only when the user ticks the box."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.services import organisation, passwords
from app.services.context import AppContext
from app.ui.common.tasks import ImmediateRunner
from app.ui.shell.app import Boardbook
from app.ui.shell.open_database_dialog import OpenDatabaseDialog
from app.ui.shell.recent import RECENT_KEY, recent_databases, remember_database
from tests.cli.helpers import bb
from tests.services.test_passwords import BARE, FAKE, SECRET, MemoryKeyring


@pytest.fixture
def ini_settings(tmp_path):
    """Settings in an INI file in the test's folder, where the test can read every byte."""
    before = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield Path(QSettings().fileName())
    QSettings().clear()
    QSettings.setDefaultFormat(before)


@pytest.fixture
def witness(tmp_path, monkeypatch):
    path = tmp_path / "witness.json"
    monkeypatch.setenv("BOARDBOOK_WITNESS", str(path))
    return path


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def files_holding(secret: str, *folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for path in Path(folder).rglob("*"):
            try:
                if path.is_file() and secret.encode() in path.read_bytes():
                    found.append(path)
            except OSError:
                pass
    return found


def shown_text() -> str:
    """Every window title, label, menu entry and status message on screen now."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMainWindow, QMenu

    parts = []
    for top in QApplication.topLevelWidgets():
        parts.append(top.windowTitle())
        if isinstance(top, QMainWindow):
            parts.append(top.statusBar().currentMessage())
        for label in top.findChildren(QLabel):
            parts.append(label.text())
        for button in top.findChildren(QAbstractButton):
            parts.append(button.text())
        for edit in top.findChildren(QLineEdit):
            if edit.echoMode() == QLineEdit.EchoMode.Normal:
                parts.append(edit.text())
        for menu in top.findChildren(QMenu):
            parts.extend(a.text() for a in menu.actions())
    return "\n".join(parts)


# ----------------------------------------------------------- without a server (always run)


def test_the_recent_list_keeps_no_password_and_cleans_an_old_one(qapp, ini_settings):
    QSettings().setValue(RECENT_KEY, [FAKE, "/data/merton.sqlite"])  # an older Boardbook's
    assert recent_databases() == [BARE, "/data/merton.sqlite"]
    remember_database(FAKE)
    remember_database("/data/sutton.sqlite")
    assert recent_databases() == ["/data/sutton.sqlite", BARE, "/data/merton.sqlite"]
    QSettings().sync()
    assert SECRET not in ini_settings.read_text()


def test_the_open_dialog_keeps_the_password_out_of_the_address(qtbot):
    dialog = OpenDatabaseDialog(current=FAKE)
    qtbot.addWidget(dialog)
    assert dialog.url.text() == BARE
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    dialog.password.setText(SECRET)
    dialog.remember_box.setChecked(True)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.accept()
    assert saved.args == [None, BARE]  # what is shown and passed on to be stored
    assert dialog.target == FAKE and dialog.remember  # what opens it, in memory only

    dialog = OpenDatabaseDialog(current=BARE)
    qtbot.addWidget(dialog)
    dialog.remember_box.setChecked(True)
    dialog.accept()
    assert dialog.target == BARE and not dialog.remember  # no password: nothing to keep


def test_a_refused_server_names_itself_without_the_password(qtbot, message_boxes, caplog):
    app = Boardbook(runner=ImmediateRunner(), actor="clerk")
    unreachable = f"postgresql+psycopg://clerk:{SECRET}@127.0.0.1:1/boardbook?connect_timeout=3"
    with caplog.at_level(logging.DEBUG):
        assert not app.open(unreachable)
    qtbot.waitUntil(lambda: bool(message_boxes.seen))
    assert "postgresql+psycopg://clerk@127.0.0.1:1/boardbook" in message_boxes.texts[0]
    assert SECRET not in "\n".join(message_boxes.texts) + caplog.text


# ----------------------------------------------------------- on the test server


@pytest.fixture
def secret_pg_url(pg_url):
    """The test server trusts its clients: a password in the URL is accepted and ignored."""
    ctx = AppContext.open(pg_url, actor="test secretary")
    ctx.run(organisation.set_up_organisation, name="NHS Merton CCG")
    ctx.close()
    return make_url(pg_url).set(password=SECRET).render_as_string(hide_password=False)


def test_no_password_in_anything_boardbook_writes(qtbot, tmp_path, tmp_path_factory, capsys,
                                                   caplog, ini_settings, witness,
                                                   memory_keyring, message_boxes, demo_ctx,
                                                   secret_pg_url):
    bare = passwords.without_password(secret_pg_url)
    assert SECRET in secret_pg_url and SECRET not in bare
    caplog.set_level(logging.DEBUG)
    seen = []

    # The window: the local file, then the server through File ▸ Open database…
    app = Boardbook(runner=ImmediateRunner(), actor="clerk")
    assert app.open(demo_ctx.description)
    menu = app.window.file_actions
    menu.open_action.trigger()
    dialog = menu.dialog
    dialog.use_server.setChecked(True)
    dialog.url.setText(bare)
    dialog.password.setText(SECRET)
    dialog.remember_box.setChecked(True)
    dialog.accept()
    assert app.ctx.description == bare
    assert app.window.windowTitle() == f"Boardbook — {bare}"
    assert memory_keyring.items == {("Boardbook", passwords.keychain_key(bare)): SECRET}
    menu = app.window.file_actions
    menu._fill_recent()
    seen.append(shown_text())

    # File ▸ Open recent: back to the file, then the server again, its password from the keychain
    entries = {a.text(): a for a in menu.recent_menu.actions()}
    assert set(entries) == {bare, demo_ctx.description}
    entries[demo_ctx.description].trigger()
    app.ask_password = lambda *_: pytest.fail("the keychain had it")
    menu = app.window.file_actions
    menu._fill_recent()
    {a.text(): a for a in menu.recent_menu.actions()}[bare].trigger()
    assert app.ctx.description == bare
    seen.append(shown_text())

    # and with no keychain at all: the trusting server needs none, so no one is asked
    keyring.set_keyring(fail.Keyring())
    app.window.file_actions._open(bare)
    assert app.ctx.description == bare
    seen.append(shown_text())
    app.window.close()
    app.ctx.close()

    # The command line, with the password typed in the URL
    status, out, err = bb(capsys, "--db", secret_pg_url, "info")
    assert status == 0 and bare in out
    status, out2, err2 = bb(capsys, "--db", secret_pg_url, "--as", "clerk", "people", "add",
                            "Ada Clerk", "--kind", "officer")
    assert status == 0, err2
    seen += [out, err, out2, err2]

    # Then look everywhere
    QSettings().sync()
    assert ini_settings.is_file() and bare in ini_settings.read_text()
    assert witness.is_file() and bare in witness.read_text()
    ctx = AppContext.open(secret_pg_url)
    try:
        with ctx.engine.connect() as conn:
            trail = "\n".join(" ".join(str(v) for v in row) for row in
                              conn.execute(text("SELECT * FROM audit_event")))
        assert "Ada Clerk" in trail
        seen.append(repr(ctx))
    finally:
        ctx.close()
    seen += [trail, caplog.text, *message_boxes.texts, *capsys.readouterr()]
    for i, shown in enumerate(seen):
        assert SECRET not in shown, f"shown or written text number {i}"
    assert files_holding(SECRET, tmp_path, tmp_path_factory.getbasetemp()) == []
