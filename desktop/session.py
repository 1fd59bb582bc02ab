"""What the window is working on: the workspace, the year, the as-of date, the language.

The UI thread keeps one open Workspace (``ws``) for quick reads and for saving an entry (a few
milliseconds); long work opens its own Workspace inside a worker thread (SQLite connections are
not shared between threads)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from eduplan_core.errors import UsageError
from eduplan_core.inputs import read_year
from eduplan_core.store.reads import data_version
from eduplan_core.store.workspace import Workspace

YEARS = (2023, 2024, 2025, 2026)
WATCH_MS = 2000  # how often the window looks for saves made by another process


class Session(QObject):
    changed = Signal()  # workspace, year or as-of changed: pages refresh
    data_changed = Signal()  # values were saved: views that show them refresh

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        settings = QSettings()
        self.path = Path(path)
        self.ws = Workspace.open(self.path, program="desktop")
        assert self.ws.lock is not None  # Workspace.open holds it
        try:
            self.ws.lock.claim_desktop()  # one window per workspace: a second is refused
        except BaseException:
            self.ws.close(wait_for_backup=False)
            raise
        # saves by another process (the CLI beside the window) show up here
        self._data_version = self._read_data_version()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self.check_outside_changes)
        self._watch.start()
        try:  # a settings file edited by hand, or left by another version
            self.year = read_year(str(settings.value("year", 2024)))
        except UsageError:
            self.year = 2024
        as_of = settings.value("as_of", "")
        try:
            self.as_of = dt.date.fromisoformat(str(as_of)) if as_of else dt.date.today()
        except ValueError:  # a settings file edited by hand: today
            as_of = ""
            self.as_of = dt.date.today()
        self.as_of_is_today = not as_of

    def _read_data_version(self) -> int:
        return data_version(self.ws)

    def check_outside_changes(self) -> bool:
        """Refresh what is shown when another connection committed since the last look
        (``PRAGMA data_version``; this connection's own saves do not count)."""
        try:
            version = self._read_data_version()
        except Exception:  # closed or busy: look again next time
            return False
        if version == self._data_version:
            return False
        self._data_version = version
        self.ws.invalidate_orgs()
        self.data_changed.emit()
        return True

    def workers_saved(self) -> None:
        """A worker of this window saved through its own connection (an import): the views
        refresh now, not at the next look for outside changes."""
        if not self.check_outside_changes():
            self.ws.invalidate_orgs()
            self.data_changed.emit()

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
                              verify=False, program="desktop")

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
        self._watch.stop()
        self.ws.close(wait_for_backup=False)  # a running backup ends on its own thread
