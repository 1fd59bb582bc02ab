"""One transaction per user action, and honest messages when the disk says no.

Every write to a workspace goes through :func:`write`: ``BEGIN IMMEDIATE`` (the write lock is
taken before anything is read, so validation sees what the save will change, and a second
writer waits on the busy timeout instead of interleaving), then ``COMMIT``. sqlite-utils 4.2
nests its own ``atomic()`` blocks inside as savepoints, so nothing commits halfway. Any failure
rolls the whole action back and becomes a :class:`~eduplan_core.errors.StorageError` (or
subclass) whose message says what happened and that this action was not saved.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import DiskFull, EduPlanError, ReadOnlyStorage, StorageError, WorkspaceDamaged

# primary result codes (extended codes carry them in the low byte)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def storage_error(exc: BaseException, where: Path | str, what: str = "本次修改未保存",
                  what_en: str = "this change was not saved") -> EduPlanError | None:
    """The user's message for a failure of the file system or SQLite under ``where``, or None
    when ``exc`` is not one (a bug of ours is left to surface as such)."""
    code = None
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        text = str(exc).lower()
        if not code:  # messages without a code (older SQLite builds)
            code = (SQLITE_FULL if "disk is full" in text else
                    SQLITE_READONLY if "readonly" in text else
                    SQLITE_BUSY if "locked" in text else
                    SQLITE_IOERR if "disk i/o" in text else
                    SQLITE_NOTADB if "not a database" in text else
                    SQLITE_CORRUPT if "malformed" in text else
                    SQLITE_CANTOPEN if "unable to open" in text else None)
    elif isinstance(exc, OSError):
        code = {errno.ENOSPC: SQLITE_FULL, errno.EDQUOT: SQLITE_FULL,
                errno.EROFS: SQLITE_READONLY, errno.EACCES: SQLITE_READONLY,
                errno.EPERM: SQLITE_READONLY, errno.EIO: SQLITE_IOERR}.get(exc.errno or 0)
    if code == SQLITE_FULL:
        return DiskFull(f"磁盘空间不足，{what}。请清理“{where}”所在磁盘后重试。",
                        f"The disk is full; {what_en}.")
    if code == SQLITE_READONLY:
        return ReadOnlyStorage(
            f"工作区“{where}”是只读的（文件或文件夹不允许写入），{what}。"
            "请检查文件属性或权限，或把工作区复制到可写的位置。",
            f"The workspace is read-only; {what_en}.")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(f"工作区正被另一个程序写入，等待超时，{what}。请稍后重试。",
                            f"The workspace is busy; {what_en}.")
    if code == SQLITE_IOERR:
        return StorageError(f"读写磁盘出错（{exc}），{what}。请检查磁盘或 U 盘是否已拔出。",
                            f"Disk I/O error; {what_en}.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return WorkspaceDamaged(f"工作区数据文件已损坏（{exc}），{what}。",
                                f"The workspace file is damaged; {what_en}.")
    if code == SQLITE_CANTOPEN:
        return StorageError(f"无法打开工作区文件“{where}”（{exc}），{what}。",
                            f"Cannot open the workspace file; {what_en}.")
    return None


_commits = 0


def commits() -> int:
    """How many transactions this process has committed (so an error message can say truly
    whether anything was saved)."""
    return _commits


@contextlib.contextmanager
def write(db, where: Path | str = "") -> Iterator[None]:
    """One all-or-nothing transaction. Nested use joins the outer transaction (as a savepoint
    through sqlite-utils), so a helper can write inside a caller's action."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise (storage_error(exc, where) or exc) from None
    global _commits
    try:
        yield
        conn.execute("COMMIT")
        _commits += 1
    except BaseException as exc:
        if conn.in_transaction:
            # SQLite may already have rolled back (e.g. after SQLITE_FULL)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        mapped = storage_error(exc, where) if isinstance(exc, (sqlite3.Error, OSError)) else None
        if mapped is not None:
            raise mapped from None
        raise
