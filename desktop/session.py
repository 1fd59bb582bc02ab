"""What the window is working on: the workspace, the year, the as-of date, the language.

The UI thread keeps one open Workspace (``ws``) for quick reads and for saving an entry (a few
milliseconds); long work opens its own Workspace inside a worker thread (SQLite connections are
not shared between threads)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from eduplan_core.store.workspace import Workspace

YEARS = (2023, 2024, 2025, 2026)


class Session(QObject):
    changed = Signal()  # workspace, year or as-of changed: pages refresh
    data_changed = Signal()  # values were saved: views that show them refresh

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        settings = QSettings()
        self.path = Path(path)
        self.ws = Workspace.open(self.path)
        self.year = int(settings.value("year", 2024))
        as_of = settings.value("as_of", "")
        self.as_of = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        self.as_of_is_today = not as_of

    @property
    def info(self):
        return self.ws.info()

    @property
    def catalog(self):
        return self.ws.catalog

    @property
    def is_school(self) -> bool:
        return self.ws.role == "school"

    def open_worker_ws(self) -> Workspace:
        """A Workspace for a worker thread (its own connection, no backup thread)."""
        return Workspace.open(self.path, catalog=self.ws.catalog, daily_backup=False,
                              verify=False)

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.year = year
            QSettings().setValue("year", year)
            self.changed.emit()

    def set_as_of(self, day: dt.date | None) -> None:
        self.as_of = day or dt.date.today()
        self.as_of_is_today = day is None
        QSettings().setValue("as_of", "" if day is None else day.isoformat())
        self.changed.emit()

    def close(self) -> None:
        self.ws.close(wait_for_backup=False)  # a running backup ends on its own thread
