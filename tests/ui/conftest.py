"""GUI test helpers: settings kept away from the user's own, a hand for message boxes, and
the demo loaded once per session and copied for each test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture(autouse=True)
def test_settings(qapp, tmp_path):
    """QSettings in a temporary folder, under a test organisation name."""
    QCoreApplication.setOrganizationName("BoardbookTests")
    QCoreApplication.setApplicationName("BoardbookTests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


class MessageBoxes:
    """Answers every message box as soon as it shows and keeps its title and text.

    ``show_error`` runs a modal box with exec() when its parent is on screen; a timer closes it
    from inside that loop, as a user pressing OK would.
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.seen.append((widget.windowTitle(), widget.text()))
                widget.done(QMessageBox.StandardButton.Ok)

    @property
    def texts(self) -> list[str]:
        return [text for _title, text in self.seen]

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def message_boxes(qapp):
    boxes = MessageBoxes()
    yield boxes
    boxes.stop()


@pytest.fixture(scope="session")
def demo_template(sqlite_template, tmp_path_factory):
    """The demo organisation loaded once per session (it has grown to take seconds)."""
    import shutil

    from app.services.context import AppContext
    from app.services.demo.load import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="test secretary")
    ctx.run(load_demo)
    ctx.close()  # the last connection closing folds the WAL back into the file
    return path


@pytest.fixture
def demo_ctx(demo_template, sqlite_path):
    """A fresh copy of the demo for each test, at ``sqlite_path`` (tests may tamper with it)."""
    import shutil

    from app.services.context import AppContext

    shutil.copy(demo_template, sqlite_path)
    ctx = AppContext.open(sqlite_path, actor="test secretary")
    yield ctx
    ctx.close()
