"""Run core functions off the UI thread, with progress and cancel (after Anki's CollectionOp)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class _Worker(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], cancel_event: threading.Event):
        super().__init__()
        self._fn = fn
        self._cancel = cancel_event

    def run(self) -> None:
        try:
            result = self._fn(progress=lambda d, t: self.progress.emit(d, t),
                              cancelled=self._cancel.is_set)
        except Exception as exc:  # reported to the UI thread, shown as a message
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Operation(QObject):
    """``Operation(fn).start()``: ``fn(progress=..., cancelled=...)`` runs in a QThread; the
    signals arrive on the UI thread. No worker touches a widget."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(fn, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self._finish_ok)
        self._worker.failed.connect(self._finish_err)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait()

    def _finish_ok(self, result: Any) -> None:
        self._stop()
        self.succeeded.emit(result)

    def _finish_err(self, exc: Exception) -> None:
        self._stop()
        self.failed.emit(exc)
