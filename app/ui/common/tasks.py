"""One way to run work off the GUI thread.

``TaskRunner.run(fn, on_done=…, on_error=…, on_progress=…)`` runs ``fn(report, cancelled)`` on a
pool thread; ``report(done, total, label)`` reports progress and ``cancelled()`` says whether the
user pressed Cancel. Results come back on the GUI thread by signal. Database writes go through
``run_write``, which keeps them on one thread in order. Tests use ``ImmediateRunner``, which runs
tasks at once on the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside a task that saw the cancel flag; reported as neither success nor error."""


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, fn: Callable):
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int, label: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total, label)

    def run(self) -> None:
        try:
            result = self.fn(self._report, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user by on_error
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def _connect(task: Task, on_done, on_error, on_progress, on_cancelled) -> None:
    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    if on_cancelled:
        task.signals.cancelled.connect(on_cancelled)


class TaskRunner:
    def __init__(self) -> None:
        self.pool = QThreadPool.globalInstance()
        self.writer = QThreadPool()
        self.writer.setMaxThreadCount(1)  # writes in order, one at a time
        self._live: set[Task] = set()

    def _start(self, pool: QThreadPool, fn, on_done, on_error, on_progress, on_cancelled) -> Task:
        task = Task(fn)
        task.setAutoDelete(False)
        _connect(task, on_done, on_error, on_progress, on_cancelled)
        self._live.add(task)
        for sig in (task.signals.done, task.signals.failed, task.signals.cancelled):
            sig.connect(lambda *_: self._live.discard(task))
        pool.start(task)
        return task

    def run(self, fn, *, on_done=None, on_error=None, on_progress=None, on_cancelled=None) -> Task:
        return self._start(self.pool, fn, on_done, on_error, on_progress, on_cancelled)

    def run_write(self, fn, *, on_done=None, on_error=None, on_progress=None,
                  on_cancelled=None) -> Task:
        return self._start(self.writer, fn, on_done, on_error, on_progress, on_cancelled)

    def wait(self, msecs: int = 30000) -> None:
        self.pool.waitForDone(msecs)
        self.writer.waitForDone(msecs)


class ImmediateRunner(TaskRunner):
    """Runs every task at once on the calling thread (tests)."""

    def __init__(self) -> None:
        self._live = set()
        self.pool = self.writer = None  # run() and run_write() pass these to _start

    def _start(self, pool, fn, on_done, on_error, on_progress, on_cancelled) -> Task:
        task = Task(fn)
        _connect(task, on_done, on_error, on_progress, on_cancelled)
        task.run()
        return task

    def wait(self, msecs: int = 0) -> None:
        pass
