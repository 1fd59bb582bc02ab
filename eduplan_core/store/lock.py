"""Who has a workspace open: OS file locks that die with their process (portalocker: flock on
POSIX, LockFileEx on Windows).

Every process that opens a workspace holds a *shared* lock on ``locks/workspace.lock`` for as
long as it has it open, and an exclusive lock on a holder file of its own beside a small JSON
note (operator, program, process, since when). Restoring a backup, running migrations and
replacing a demo need the workspace lock *exclusively* and are refused, naming the holders,
while anyone else has it open. A desktop window also holds ``locks/desktop.lock`` exclusively,
so a second window on the same workspace is refused. Readers and writers never wait on these
locks: SQLite's own locking serialises the writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import portalocker

from ..errors import WorkspaceInUse

LOCK_DIR = "locks"
WORKSPACE_LOCK = "workspace.lock"
DESKTOP_LOCK = "desktop.lock"
PROGRAM_NAMES = {"cli": "命令行 eduplan", "desktop": "EduPlan 桌面程序", "demo": "演示数据生成",
                 "test": "测试"}

_SH = portalocker.LockFlags.SHARED | portalocker.LockFlags.NON_BLOCKING
_EX = portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING


@dataclass(frozen=True)
class Holder:
    pid: int
    program: str
    operator: str
    since: str
    host: str

    def describe(self) -> str:
        name = PROGRAM_NAMES.get(self.program, self.program)
        who = f"{self.operator}，" if self.operator else ""
        return f"{who}{name}（进程 {self.pid}，{self.since} 起）"


def lock_dir(workspace: Path) -> Path:
    return Path(workspace) / LOCK_DIR


def _open(path: Path) -> IO:
    path.parent.mkdir(exist_ok=True)
    return open(path, "a+b")


def _try(fh: IO, flags) -> bool:
    try:
        portalocker.lock(fh, flags)
        return True
    except portalocker.exceptions.LockException:
        return False


def holders(workspace: Path) -> list[Holder]:
    """The processes that have the workspace open now (this one included); notes left by
    processes that died are removed on the way (EduPlan made them)."""
    folder = lock_dir(workspace)
    out: list[Holder] = []
    if not folder.is_dir():
        return out
    for note in sorted(folder.glob("holder-*.json")):
        lockfile = note.with_suffix(".lock")
        try:
            fh = open(lockfile, "a+b") if lockfile.exists() else None  # noqa: SIM115 (with below)
        except OSError:
            continue
        if fh is not None:
            with fh:
                alive = not _try(fh, _EX)
                if not alive:
                    portalocker.unlock(fh)
        else:
            alive = False
        if not alive:
            for p in (note, lockfile):
                with contextlib.suppress(OSError):
                    p.unlink()
            continue
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            out.append(Holder(int(data["pid"]), str(data["program"]), str(data["operator"]),
                              str(data["since"]), str(data.get("host", ""))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def _in_use_message(others: list[Holder], doing: str) -> str:
    names = "；".join(h.describe() for h in others) or "另一个程序"
    return f"工作区正在被使用：{names}。请先关闭它，再{doing}。"


class WorkspaceLock:
    """The shared lock of one open workspace, and the note that names its holder."""

    def __init__(self, workspace: Path, program: str = "cli", operator: str = ""):
        self.workspace = Path(workspace)
        self.program = program
        self.operator = operator
        self._fh: IO | None = None
        self._holder_fh: IO | None = None
        self._note: Path | None = None
        self._desktop_fh: IO | None = None

    def acquire(self) -> WorkspaceLock:
        fh = _open(lock_dir(self.workspace) / WORKSPACE_LOCK)
        if not _try(fh, _SH):
            fh.close()
            others = holders(self.workspace)
            raise WorkspaceInUse(
                "工作区正在恢复备份或升级，暂时不能打开：" +
                ("；".join(h.describe() for h in others) or "另一个程序") + "。请稍后再试。",
                "The workspace is being restored or upgraded; try again later.", others)
        self._fh = fh
        self._write_note()
        return self

    def _write_note(self) -> None:
        token = f"holder-{os.getpid()}-{secrets.token_hex(4)}"
        folder = lock_dir(self.workspace)
        self._holder_fh = _open(folder / f"{token}.lock")
        portalocker.lock(self._holder_fh, _EX)
        self._note = folder / f"{token}.json"
        self._note.write_text(json.dumps({
            "pid": os.getpid(), "program": self.program, "operator": self.operator,
            "since": dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
            "host": socket.gethostname()}, ensure_ascii=False), encoding="utf-8")

    def set_operator(self, operator: str) -> None:
        self.operator = operator
        if self._note is not None:
            data = json.loads(self._note.read_text(encoding="utf-8"))
            data["operator"] = operator
            self._note.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @contextlib.contextmanager
    def exclusively(self, doing: str) -> Iterator[None]:
        """Hold the workspace alone for a moment (migrations); refused while others have it."""
        assert self._fh is not None
        if not _try(self._fh, _EX):
            _try(self._fh, _SH)
            others = [h for h in holders(self.workspace) if h.pid != os.getpid()]
            raise WorkspaceInUse(_in_use_message(others, doing),
                                 "The workspace is open elsewhere.", others)
        try:
            yield
        finally:
            portalocker.lock(self._fh, portalocker.LockFlags.SHARED)

    @contextlib.contextmanager
    def alone_if_possible(self) -> Iterator[bool]:
        """True inside when nobody else has the workspace open (for tidying up after killed
        work); never waits."""
        assert self._fh is not None
        alone = _try(self._fh, _EX)
        try:
            yield alone
        finally:
            if alone:
                portalocker.lock(self._fh, portalocker.LockFlags.SHARED)

    def claim_desktop(self) -> None:
        """One desktop window per workspace: refused, naming the other window, when held."""
        fh = _open(lock_dir(self.workspace) / DESKTOP_LOCK)
        if not _try(fh, _EX):
            fh.close()
            others = [h for h in holders(self.workspace) if h.program == "desktop"]
            names = "；".join(h.describe() for h in others) or "另一个 EduPlan 窗口"
            raise WorkspaceInUse(f"该工作区已在另一个 EduPlan 窗口中打开：{names}。"
                                 "请切换到那个窗口，或先关闭它。",
                                 "This workspace is already open in another EduPlan window.",
                                 others)
        self._desktop_fh = fh

    def release(self) -> None:
        for attr in ("_desktop_fh", "_holder_fh", "_fh"):
            fh = getattr(self, attr)
            if fh is not None:
                with contextlib.suppress(OSError, portalocker.exceptions.LockException):
                    portalocker.unlock(fh)
                fh.close()
                setattr(self, attr, None)
        if self._note is not None:
            for p in (self._note, self._note.with_suffix(".lock")):
                with contextlib.suppress(OSError):
                    p.unlink()
            self._note = None


@contextlib.contextmanager
def exclusive(workspace: Path, doing: str) -> Iterator[None]:
    """Hold the workspace alone (restore, replacing a demo): refused, naming who has it open,
    while any other process — or another connection of this one — has it."""
    fh = _open(lock_dir(workspace) / WORKSPACE_LOCK)
    try:
        if not _try(fh, _EX):
            others = holders(workspace)
            raise WorkspaceInUse(_in_use_message(others, doing),
                                 "The workspace is open elsewhere.", others)
        try:
            yield
        finally:
            portalocker.unlock(fh)
    finally:
        fh.close()
