"""What the window is working on: the workspace, the year, the as-of date, the language; and the
workspaces used lately (the 文件 menu's list, the one ``make run`` opens again).

The UI thread keeps one open Workspace (``ws``) for quick reads and for saving an entry (a few
milliseconds); long work opens its own Workspace inside a worker thread (SQLite connections are
not shared between threads).

The year and the as-of date on opening (eduplan_core/rounds.py): a real workspace opens on the
round being reported by its as-of date (today, or the date the user set: from September the new
year's round), never on a year it already submitted; the demo opens on its latest year with data
and on the as-of date it was made for (:data:`DEMO_AS_OF`). The years offered run from the first
year with data to the current round plus one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from eduplan_core.demo import AS_OF as DEMO_AS_OF
from eduplan_core.rounds import current_round, opening_round, round_choices
from eduplan_core.store.backup import DB_NAME
from eduplan_core.store.entries import entry_years
from eduplan_core.store.reads import data_version
from eduplan_core.store.workspace import Workspace, WorkspaceInfo

# the rounds offered where a page has no session at hand (the 上报 section's own year box)
YEARS = tuple(round_choices(dt.date.today()))
WATCH_MS = 2000  # how often the window looks for saves made by another process
RECENT = "recent_workspaces"  # QSettings: the list of the 文件 menu, newest first (JSON)
LAST = "workspace"  # QSettings: the workspace ``make run`` opens again
RECENT_MAX = 8


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
        self.demo = self.ws.is_demo
        self.years_with_data = frozenset(entry_years(self.ws))
        if self.demo:  # the date it was made for, whatever was chosen elsewhere
            self.as_of, self.as_of_is_today = DEMO_AS_OF, False
        else:
            as_of = str(settings.value("as_of", "") or "")
            try:
                self.as_of = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
            except ValueError:  # a settings file edited by hand: today
                as_of = ""
                self.as_of = dt.date.today()
            self.as_of_is_today = not as_of
        self.year = opening_round(self.as_of, self.years_with_data, demo=self.demo)

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
        self._years_changed()
        self.data_changed.emit()
        return True

    @property
    def years(self) -> list[int]:
        """The years to offer: from the first with data to the current round plus one (by the
        as-of date, or by today when the as-of date is earlier: looking back at a deadline
        does not hide the rounds of today), and the chosen year whatever it is."""
        later = max(self.as_of, dt.date.today())
        offered = {*round_choices(later, self.years_with_data), self.year}
        return list(range(min(offered), max(offered) + 1))

    @property
    def current_round(self) -> int:
        return current_round(self.as_of)

    def _years_changed(self) -> None:
        self.years_with_data = frozenset(entry_years(self.ws))

    def workers_saved(self) -> None:
        """A worker of this window saved through its own connection (an import): the views
        refresh now, not at the next look for outside changes."""
        if not self.check_outside_changes():
            self.ws.invalidate_orgs()
            self._years_changed()
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
            self.changed.emit()

    def set_as_of(self, day: dt.date | None) -> None:
        """The as-of date (None: today); kept for the next start of a real workspace (the
        demo always opens on its own)."""
        self.as_of = day or dt.date.today()
        self.as_of_is_today = day is None
        if not self.demo:
            QSettings().setValue("as_of", "" if day is None else day.isoformat())
        self.changed.emit()

    def close(self) -> None:
        self._watch.stop()
        self.ws.close(wait_for_backup=False)  # a running backup ends on its own thread


# -- the workspaces used lately --------------------------------------------------------------
def recent_workspaces() -> list[dict]:
    """The workspaces opened lately, newest first, that are still there: each a dict with
    path, org_name, role and demo (as they were when last opened)."""
    try:
        stored = json.loads(str(QSettings().value(RECENT, "") or "[]"))
    except ValueError:  # a settings file edited by hand
        return []
    if not isinstance(stored, list):
        return []
    out = []
    for item in stored:
        if isinstance(item, dict) and isinstance(item.get("path"), str) \
                and (Path(item["path"]) / DB_NAME).exists():
            out.append(item)
    return out


def remember_workspace(info: WorkspaceInfo) -> None:
    """``info``'s workspace was opened: first in the recent list, and the one to open next."""
    path = str(Path(info.path).resolve())
    entry = {"path": path, "org_name": info.org_name, "role": info.role, "demo": info.demo}
    rest = [r for r in recent_workspaces() if Path(r["path"]).resolve() != Path(path)]
    settings = QSettings()
    settings.setValue(RECENT, json.dumps([entry, *rest][:RECENT_MAX], ensure_ascii=False))
    settings.setValue(LAST, path)


def last_workspace() -> Path | None:
    """The workspace opened last (it may no longer be there), or None on a first run."""
    last = str(QSettings().value(LAST, "") or "")
    return Path(last) if last else None
