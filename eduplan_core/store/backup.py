"""Rotating backups with SQLite's backup API, kept in the workspace's backups/ folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, WorkspaceError

DB_NAME = "eduplan.sqlite"
BACKUP_DIR = "backups"
KEEP = 10
MIN_KEEP = 3  # generations kept whatever their size
SIZE_BUDGET = 512 * 1024 * 1024  # bytes for all backups together
DAILY = dt.timedelta(hours=24)


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: str
    taken_at: str
    reason: str
    size: int
    order: int = 0  # file modification time (ns): orders backups taken in the same second


@dataclass(frozen=True)
class RestoreResult:
    restored: str
    previous_saved_as: str | None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def backup_dir(workspace: Path) -> Path:
    return Path(workspace) / BACKUP_DIR


def take_backup(workspace: Path, reason: str) -> BackupInfo:
    """Copy the workspace database with the backup API (a consistent copy, WAL included)."""
    workspace = Path(workspace)
    folder = backup_dir(workspace)
    folder.mkdir(exist_ok=True)
    stamp = _now().strftime("%Y%m%dT%H%M%S")
    name = f"eduplan-{stamp}-{reason}.sqlite"
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"eduplan-{stamp}-{reason}-{n}.sqlite"
    tmp = folder / (name + ".part")
    src = sqlite3.connect(workspace / DB_NAME, timeout=30)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, folder / name)
    info = _info(folder / name)
    rotate(workspace)
    return info


def _info(path: Path) -> BackupInfo:
    parts = path.stem.split("-", 2)
    stamp = dt.datetime.strptime(parts[1], "%Y%m%dT%H%M%S")
    st = path.stat()
    return BackupInfo(name=path.name, path=str(path), taken_at=stamp.isoformat(sep=" "),
                      reason=parts[2] if len(parts) > 2 else "", size=st.st_size,
                      order=st.st_mtime_ns)


def list_backups(workspace: Path) -> list[BackupInfo]:
    """Newest first."""
    folder = backup_dir(workspace)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob("eduplan-*.sqlite"):
        try:
            out.append(_info(p))
        except (ValueError, IndexError, OSError):
            continue
    return sorted(out, key=lambda b: (b.taken_at, b.order, b.name), reverse=True)


def rotate(workspace: Path, keep: int = KEEP, budget: int = SIZE_BUDGET,
           minimum: int = MIN_KEEP) -> list[str]:
    """Keep the newest ``keep`` backups within ``budget`` bytes, but never fewer than
    ``minimum`` whatever their size: at province size (hundreds of MB) three generations
    still stand."""
    removed = []
    total = 0
    kept = 0
    for b in list_backups(workspace):
        total += b.size
        if kept < minimum or (kept < keep and total <= budget):
            kept += 1
            continue
        Path(b.path).unlink(missing_ok=True)
        removed.append(b.name)
    return removed


def daily_backup_due(workspace: Path, now: dt.datetime | None = None) -> bool:
    now = now or _now()
    latest = list_backups(workspace)
    if not latest:
        return True
    return now - dt.datetime.fromisoformat(latest[0].taken_at) >= DAILY


def start_daily_backup(workspace: Path) -> threading.Thread | None:
    """Take the daily backup in a background thread (off the start-up path) when one is due."""
    if not daily_backup_due(workspace):
        return None

    def run():
        # a failed backup must never stop the user's work
        with contextlib.suppress(sqlite3.Error, OSError):
            take_backup(workspace, "daily")

    thread = threading.Thread(target=run, name="eduplan-daily-backup", daemon=False)
    thread.start()
    return thread


SQLITE_HEADER = b"SQLite format 3\x00"


def read_only_query(path: Path, *queries: str) -> list[list[tuple]]:
    """The rows of each query, read without writing anything: not even a -wal or -shm file
    appears beside a file that has none (it is complete then, and read as immutable)."""
    flags = "mode=ro" if Path(str(path) + "-wal").exists() else "mode=ro&immutable=1"
    con = sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=30)
    try:
        return [con.execute(q).fetchall() for q in queries]
    finally:
        con.close()


def check_database(path: Path) -> str | None:
    """None when the file is a sound SQLite database, else the reason it is not."""
    try:
        rows = read_only_query(path, "PRAGMA quick_check")[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows != [("ok",)]:
        return "; ".join(r[0] for r in rows[:5])
    return None


def foreign_reason(path: Path, known_migrations) -> tuple[str, str] | None:
    """Why the file at ``path`` is not an EduPlan workspace EduPlan may write to (Chinese,
    English), or None when it is one. Read only: the file is left byte-identical."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(16)
    except PermissionError:
        return None  # said as "read-only"/"cannot open" by the caller, not as foreign
    if size == 0:
        return "是一个空文件，不是 EduPlan 工作区", "is an empty file, not an EduPlan workspace"
    if header != SQLITE_HEADER:
        return ("不是 EduPlan 工作区数据文件（不是 SQLite 数据库）",
                "is not an EduPlan workspace (not an SQLite database)")
    try:
        tables = {r[0] for r in read_only_query(
            path, "SELECT name FROM sqlite_master WHERE type = 'table'")[0]}
        applied = set()
        if "_sqlite_migrations" in tables:
            applied = {r[0] for r in read_only_query(
                path, "SELECT name FROM _sqlite_migrations WHERE migration_set = 'eduplan'")[0]}
    except sqlite3.DatabaseError:
        return None  # damaged: quick_check says so
    if not applied or "meta" not in tables:
        return ("是其他程序的 SQLite 数据库，不是 EduPlan 工作区",
                "is another program's SQLite database, not an EduPlan workspace")
    newer = sorted(applied - set(known_migrations))
    if newer:
        return (f"由更新版本的 EduPlan 建立（数据库结构 {newer[-1]}），请升级 EduPlan 后再打开",
                f"was made by a newer EduPlan ({newer[-1]}); upgrade EduPlan to open it")
    return None


def restore(workspace: Path, name: str) -> RestoreResult:
    """Put backup ``name`` in place; the file it replaces is kept beside the backups under a
    name of its own. Refused, naming who, while any process has the workspace open: the file
    is never swapped under a running program."""
    from .lock import exclusive

    workspace = Path(workspace)
    source = backup_dir(workspace) / name
    if not source.is_file() or source.parent != backup_dir(workspace):
        raise UsageError(f"找不到备份“{name}”（用 eduplan backup list 查看）", f"no backup {name}")
    problem = check_database(source)
    if problem:
        raise WorkspaceError(f"备份“{name}”已损坏，不能恢复：{problem}", "backup is damaged")
    db = workspace / DB_NAME
    with exclusive(workspace, "恢复备份"):
        saved = None
        try:
            if db.exists():
                saved_path = _unique(backup_dir(workspace),
                                     f"replaced-{_now().strftime('%Y%m%dT%H%M%S')}")
                for suffix in ("-wal", "-shm", ""):  # the WAL may hold the latest saves
                    side = Path(str(db) + suffix)
                    if side.exists():
                        shutil.copy2(side, Path(str(saved_path) + suffix))
                saved = saved_path.name
            tmp = workspace / (DB_NAME + ".restoring")
            shutil.copy2(source, tmp)
            for suffix in ("-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            os.replace(tmp, db)
            _audit_restore(db, name, saved)
        except OSError as exc:
            from .tx import storage_error

            raise (storage_error(exc, workspace, "备份未恢复", "the backup was not restored")
                   or exc) from None
    return RestoreResult(restored=name, previous_saved_as=saved)


def _audit_restore(db_file: Path, name: str, saved: str | None) -> None:
    """The restore is the first row the restored audit chain gets (a backup made before the
    audit log existed gets it on its migration's first write)."""
    import sqlite_utils

    from . import audit
    from .tx import write

    conn = sqlite3.connect(db_file, isolation_level=None)
    try:
        db = sqlite_utils.Database(conn)
        if "audit_log" not in db.table_names():
            return
        operator = (db.execute("SELECT value FROM meta WHERE key = 'operator'").fetchone()
                    or ["?"])[0]
        with write(db):
            audit.record(db, operator, "restore", {"backup": name, "replaced_saved_as": saved})
    finally:
        conn.close()


def _unique(folder: Path, stem: str) -> Path:
    """``folder/stem.sqlite``, or ``stem-2.sqlite``… when taken (two restores in one second)."""
    path, n = folder / f"{stem}.sqlite", 1
    while path.exists() or Path(str(path) + "-wal").exists():
        n += 1
        path = folder / f"{stem}-{n}.sqlite"
    return path


def remove_leftovers(workspace: Path) -> list[str]:
    """Remove what killed work of EduPlan's left in the workspace: ``.part`` backups, a
    ``.restoring`` copy, and the exchange's temporary folders (``.import-*`` holds a
    decrypted payload: it must not outlive a killed import) and half-written copies
    (``inbox/*/.*.part``, ``outbox/.*.part``, ``exchange/sequence.*.part``). Call it only while
    holding the workspace alone (nobody else can be writing them then)."""
    workspace = Path(workspace)
    removed = []
    candidates = list(backup_dir(workspace).glob("eduplan-*.sqlite.part"))
    candidates.append(workspace / (DB_NAME + ".restoring"))
    candidates += workspace.glob("inbox/*/.*.part")
    candidates += workspace.glob("outbox/.*.part")
    candidates += workspace.glob("exchange/sequence.*.part")
    for p in candidates:
        if p.is_file():
            with contextlib.suppress(OSError):
                p.unlink()
                removed.append(p.name)
    for prefix in (".import-", ".export-", ".restore-"):
        for d in workspace.glob(prefix + "*"):
            if d.is_dir() and not d.is_symlink():
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d.name)
    return removed
