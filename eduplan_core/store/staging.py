"""Building a workspace beside its place and moving it in when done (the demo workspaces).

An interrupted build leaves a ``.NAME-building-*`` folder that the next build removes; a
replaced workspace is removed only when it is a demo EduPlan made and its folder holds nothing
but what EduPlan makes. A user's workspace, or any other file, is never deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import portalocker

from ..errors import UsageError
from .backup import BACKUP_DIR, DB_NAME, foreign_reason, read_only_query
from .lock import LOCK_DIR, exclusive
from .migrations import names as migration_names

T = TypeVar("T")
BUILD_LOCK = "building.lock"
STALE_AFTER = 120  # seconds: a building folder without a held lock older than this is dead

# what EduPlan makes in a workspace folder (anything else is the user's and stops a replace)
_TOP = {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + ".restoring"}
_IN_BACKUPS = re.compile(r"^(eduplan-.*\.sqlite(\.part)?|replaced-.*\.sqlite(-wal|-shm)?)$")
_IN_LOCKS = re.compile(
    r"^(workspace\.lock|desktop\.lock|building\.lock|holder-[\w-]+\.(lock|json))$")


def foreign_files(path: Path) -> list[str]:
    """Files and folders in a workspace folder that EduPlan did not make."""
    out = []
    for p in sorted(Path(path).iterdir()):
        if p.name in _TOP and p.is_file():
            continue
        if p.name in (BACKUP_DIR, LOCK_DIR) and p.is_dir() and not p.is_symlink():
            pattern = _IN_BACKUPS if p.name == BACKUP_DIR else _IN_LOCKS
            out += [f"{p.name}/{q.name}" for q in sorted(p.iterdir())
                    if not (q.is_file() and pattern.match(q.name))]
            continue
        out.append(p.name)
    return out


def is_demo_workspace(path: Path) -> bool:
    db = Path(path) / DB_NAME
    if foreign_reason(db, migration_names()):
        return False
    try:
        rows = read_only_query(db, "SELECT value FROM meta WHERE key = 'demo'")[0]
    except sqlite3.DatabaseError:
        return False
    row = rows[0] if rows else None
    return row is not None and row[0] == "1"


def remove_stale_builds(path: Path) -> list[str]:
    """Remove ``.NAME-building-*`` folders beside ``path`` left by builds that were killed:
    no live process holds their build lock, and they hold only what EduPlan makes."""
    path = Path(path)
    removed: list[str] = []
    if not path.parent.is_dir():
        return removed
    for stage in path.parent.glob(f".{path.name}-building-*"):
        if not stage.is_dir() or stage.is_symlink() or foreign_files(stage):
            continue
        lockfile = stage / LOCK_DIR / BUILD_LOCK
        if lockfile.exists():
            with open(lockfile, "a+b") as fh:
                try:
                    portalocker.lock(fh, portalocker.LockFlags.EXCLUSIVE |
                                     portalocker.LockFlags.NON_BLOCKING)
                except portalocker.exceptions.LockException:
                    continue  # a build running now
                portalocker.unlock(fh)
        elif time.time() - stage.stat().st_mtime < STALE_AFTER:
            continue  # just made, its lock not taken yet
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage.name)
    return removed


def build_in_place(path: Path, force: bool, build: Callable[[Path], T]) -> T:
    """Run ``build(stage)`` in a new folder beside ``path``, then put it at ``path``.
    ``force`` replaces an existing *demo* workspace there, and only that."""
    path = Path(path)
    _check_target(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(path)
    stage = Path(tempfile.mkdtemp(prefix=f".{path.name}-building-", dir=path.parent))
    (stage / LOCK_DIR).mkdir()
    build_lock = open(stage / LOCK_DIR / BUILD_LOCK, "a+b")  # noqa: SIM115 (held while building)
    portalocker.lock(build_lock, portalocker.LockFlags.EXCLUSIVE)
    try:
        try:
            result = build(stage)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # only what this build created
            raise
        _check_target(path, force)  # again: something may have appeared meanwhile
        if (path / DB_NAME).exists():
            with exclusive(path, "重建演示工作区"):
                old = path.with_name(f".{path.name}-replaced-{os.getpid()}")
                os.replace(path, old)
            os.replace(stage, path)
            shutil.rmtree(old, ignore_errors=True)  # a demo and EduPlan's own files only
        else:
            if path.exists():
                path.rmdir()  # an empty folder
            os.replace(stage, path)
    finally:
        portalocker.unlock(build_lock)
        build_lock.close()
        with contextlib.suppress(OSError):
            (path / LOCK_DIR / BUILD_LOCK).unlink()
    return result


def _check_target(path: Path, force: bool) -> None:
    if (path / DB_NAME).exists():
        if not force:
            raise UsageError(f"“{path}”已存在工作区（用 --force 重建）",
                             f"{path} already holds a workspace (use --force)")
        if not is_demo_workspace(path):
            raise UsageError(f"“{path}”中的工作区不是演示工作区，不会被替换或删除。"
                             "请换一个文件夹生成演示数据。",
                             f"{path} holds a workspace that is not a demo; it is never replaced")
        others = foreign_files(path)
        if others:
            raise UsageError(f"“{path}”中有不是 EduPlan 生成的文件（{'、'.join(others[:5])}），"
                             "不会替换这个文件夹。请换一个文件夹生成演示数据。",
                             f"{path} holds files EduPlan did not make; not replaced")
    elif path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"“{path}”不是空文件夹，也不是工作区，不会在其中生成演示数据",
                         f"{path} is not empty and not a workspace")
