"""Slow work off the console's GUI thread (sealing a room, rendering a PDF), with its
outcome handed back on the GUI thread: the window never freezes, and the worker never
touches a widget."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """One job at a time: `run(work, done, failed)` calls `work()` on a worker thread, then
    `done(result)` or `failed(error)` on the thread this object lives on (the GUI's)."""

    _outcome = Signal(object, object)  # (the callback, its argument), queued across threads

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._worker: threading.Thread | None = None
        self._outcome.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[Exception], None]) -> None:
        def job() -> None:
            try:
                result = work()
            except Exception as exc:  # handed to `failed`: the caller words it
                self._outcome.emit(failed, exc)
            else:
                self._outcome.emit(done, result)

        self._worker = threading.Thread(target=job, name=self._name, daemon=True)
        self._worker.start()

    def _deliver(self, callback: Callable[[Any], None], value: object) -> None:
        callback(value)
