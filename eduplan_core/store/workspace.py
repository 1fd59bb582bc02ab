"""A workspace: a folder with one SQLite file, its backups, and who works in it."""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..catalog.load import get_catalog
from ..catalog.model import LEVEL_NAMES, Catalog, Org
from ..errors import NotAWorkspace, ReadOnlyStorage, UsageError, WorkspaceDamaged, WorkspaceError
from ..orgtree import OrgTree
from ..vocab import Role
from . import audit, backup
from .clock import now_iso
from .lock import LOCK_DIR, WorkspaceLock
from .migrations import migrations, names as migration_names
from .org_rows import insert_schools, read_registered_schools
from .tx import storage_error, write


@dataclass(frozen=True)
class WorkspaceInfo:
    path: str
    workspace_id: str
    org: str
    org_name: str
    role: str
    operator: str
    demo: bool
    created_at: str


class Workspace:
    """Open with :meth:`open` or create with :meth:`create`; close when done."""

    def __init__(self, path: Path, db: sqlite_utils.Database, catalog: Catalog):
        self.path = path
        self.db = db
        self.catalog = catalog
        self._meta = {r["key"]: r["value"] for r in db["meta"].rows}
        self._orgs: OrgTree | None = None
        self.backup_thread: threading.Thread | None = None
        self.lock: WorkspaceLock | None = None

    # -- opening ---------------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path) -> sqlite_utils.Database:
        """A connection in autocommit mode: transactions are only the explicit ones of
        :meth:`write` (and sqlite-utils' ``atomic()`` nested in them as savepoints)."""
        conn = sqlite3.connect(path / backup.DB_NAME, timeout=30, check_same_thread=False,
                               isolation_level=None)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 30000")
        db.enable_wal()
        return db

    @classmethod
    def open(cls, path: Path | str, *, catalog: Catalog | None = None,
             daily_backup: bool = True, migration_set=None, verify: bool = True,
             program: str = "cli") -> Workspace:
        """Open an existing workspace: make sure the file is an EduPlan workspace EduPlan may
        write to (an empty, foreign or newer file is refused and left as it is), integrity
        check, hold the shared lock, back up before pending migrations, migrate (alone), then
        (off the start-up path) the daily backup. ``verify=False`` skips the integrity check
        for a second connection to a workspace already checked this session."""
        path = Path(path)
        migration_set = migration_set or migrations
        db_file = path / backup.DB_NAME
        if not db_file.is_file():
            raise WorkspaceError(
                f"工作区“{path}”不存在或尚未初始化。请先运行 eduplan init（或 eduplan demo）。",
                f"no workspace at {path}; run eduplan init")
        foreign = backup.foreign_reason(db_file, migration_names(migration_set))
        ours = (path / LOCK_DIR).is_dir() or backup.backup_dir(path).is_dir()
        if foreign and ours and not foreign[1].startswith(("is another", "was made")):
            # a file EduPlan has worked with, overwritten or truncated: damaged, not foreign
            raise WorkspaceDamaged(_damaged_message(path, foreign[0]),
                                   f"workspace database is damaged: {foreign[1]}")
        if foreign:
            raise NotAWorkspace(f"“{db_file}”{foreign[0]}。EduPlan 不会改动它；"
                                "请换一个文件夹作为工作区。", f"{db_file} {foreign[1]}")
        _check_writable(path, db_file)
        problem = backup.check_database(db_file) if verify else None
        if problem:
            raise WorkspaceDamaged(_damaged_message(path, problem),
                                   f"workspace database is damaged: {problem}")
        lock = WorkspaceLock(path, program).acquire()
        db = None
        try:
            db = cls._connect(path)
            with lock.alone_if_possible() as alone:
                if alone:  # nobody else is writing a backup or restoring: leftovers are dead
                    backup.remove_leftovers(path)
            pending = migration_set.pending(db)
            if pending:
                with lock.exclusively("升级工作区数据结构"):
                    if "meta" in db.table_names():
                        backup.take_backup(path, "pre-migration")
                    migration_set.apply(db)
            if db["meta"].count == 0:
                raise WorkspaceError(f"工作区“{path}”尚未初始化，请运行 eduplan init。",
                                     "workspace is not initialised")
        except BaseException as exc:
            if db is not None:
                db.close()
            lock.release()
            if isinstance(exc, (sqlite3.Error, OSError)):
                raise (storage_error(exc, path, "未做任何修改", "nothing was changed")
                       or WorkspaceDamaged(_damaged_message(path, str(exc)), str(exc))) from None
            raise
        ws = cls(path, db, catalog or get_catalog())
        ws.lock = lock
        lock.set_operator(ws.operator)
        if daily_backup:
            ws.backup_thread = backup.start_daily_backup(path)
        return ws

    @classmethod
    def create(cls, path: Path | str, *, org: str, role: str, operator: str,
               demo: bool = False, school: Org | None = None,
               catalog: Catalog | None = None, program: str = "cli") -> Workspace:
        """Create a workspace for ``org`` in ``role``; ``school`` registers a new school first.
        All of it is one transaction: an interrupted create leaves no half workspace."""
        path = Path(path)
        catalog = catalog or get_catalog()
        if (path / backup.DB_NAME).exists():
            foreign = backup.foreign_reason(path / backup.DB_NAME,
                                            migration_names())
            if foreign:
                raise NotAWorkspace(f"“{path / backup.DB_NAME}”{foreign[0]}。EduPlan 不会改动"
                                    "它；请换一个文件夹建立工作区。",
                                    f"{path / backup.DB_NAME} {foreign[1]}")
            raise UsageError(f"“{path}”已经是一个工作区，不能重复初始化。",
                             f"{path} is already a workspace")
        if role not in tuple(Role):
            raise UsageError(f"角色“{role}”无效（可用：{'、'.join(Role)}）", f"bad role {role}")
        if not operator.strip():
            raise UsageError("请设置操作员姓名（--operator）", "operator name is required")
        tree = OrgTree(catalog, [school] if school else [], include_demo=demo)
        unit = tree.resolve(org)
        if unit.level != role:
            raise UsageError(
                f"{unit.name}是{LEVEL_NAMES[unit.level]}，不能以“{Role(role).zh}”角色建立工作区",
                f"{unit.name} is a {unit.level}; role {role} does not fit")
        lock = db = None
        try:
            path.mkdir(parents=True, exist_ok=True)
            _check_writable(path, None)
            lock = WorkspaceLock(path, program, operator.strip()).acquire()
            db = cls._connect(path)
            meta = {"workspace_id": str(uuid.uuid4()), "org": unit.code, "role": role,
                    "operator": operator.strip(), "demo": "1" if demo else "0",
                    "created_at": now_iso()}
            with write(db, path):
                migrations.apply(db)
                db.table("meta").insert_all([{"key": k, "value": v} for k, v in meta.items()])
                audit.record(db, meta["operator"], "init",
                             {"org": unit.code, "role": role, "workspace": meta["workspace_id"],
                              "demo": demo})
                if school is not None:
                    insert_schools(db, [school], operator.strip())
        except BaseException as exc:
            if db is not None:
                db.close()
            if lock is not None:
                lock.release()
            if isinstance(exc, (sqlite3.Error, OSError)):
                raise (storage_error(exc, path, "工作区未建立", "the workspace was not made")
                       or exc) from None
            raise
        ws = cls(path, db, catalog)
        ws.lock = lock
        return ws

    def write(self):
        """The one transaction of a user action: ``with ws.write(): ...``."""
        return write(self.db, self.path)

    def audit(self, action: str, detail: dict) -> int:
        """Append the action to the audit log (store/audit.py), inside the caller's
        ``ws.write()``."""
        return audit.record(self.db, self.operator, action, detail)

    def close(self, wait_for_backup: bool = True) -> None:
        """Close the connection; by default wait for a running daily backup (the CLI does, so
        the backup finishes before the process ends; the GUI lets it finish on its own)."""
        if self.backup_thread is not None and wait_for_backup:
            self.backup_thread.join()
        self.backup_thread = None
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- who and where ---------------------------------------------------------------------
    @property
    def org_code(self) -> str:
        return self._meta["org"]

    @property
    def role(self) -> str:
        return self._meta["role"]

    @property
    def operator(self) -> str:
        return self._meta["operator"]

    @property
    def is_demo(self) -> bool:
        return self._meta.get("demo") == "1"

    def set_operator(self, name: str) -> None:
        if not name.strip():
            raise UsageError("操作员姓名不能为空", "operator name is empty")
        with self.write():
            self.db.table("meta").upsert({"key": "operator", "value": name.strip()}, pk="key")
            audit.record(self.db, name.strip(), "operator",
                         {"from": self._meta["operator"], "to": name.strip()})
        self._meta["operator"] = name.strip()
        if self.lock is not None:
            self.lock.set_operator(name.strip())

    @property
    def orgs(self) -> OrgTree:
        if self._orgs is None:
            self._orgs = OrgTree(self.catalog, read_registered_schools(self.db),
                                 include_demo=self.is_demo)
        return self._orgs

    def invalidate_orgs(self) -> None:
        self._orgs = None

    @property
    def org(self) -> Org:
        org = self.orgs.get(self.org_code)
        assert org is not None  # a workspace's own org is always in its tree
        return org

    def info(self) -> WorkspaceInfo:
        org = self.org
        return WorkspaceInfo(path=str(self.path), workspace_id=self._meta["workspace_id"],
                             org=self.org_code, org_name=org.name if org else self.org_code,
                             role=self.role, operator=self.operator, demo=self.is_demo,
                             created_at=self._meta["created_at"])


def _check_writable(path: Path, db_file: Path | None) -> None:
    """A read-only folder or file is said as such (never as "damaged")."""
    if db_file is not None and db_file.exists() and not os.access(db_file, os.W_OK):
        raise ReadOnlyStorage(
            f"工作区数据文件“{db_file}”是只读的，不能保存修改，未做任何修改。"
            "请检查文件属性（只读）或权限，或把工作区复制到可写的位置。",
            f"{db_file} is read-only; nothing was changed")
    if not os.access(path, os.W_OK | os.X_OK):
        raise ReadOnlyStorage(
            f"工作区文件夹“{path}”不允许写入，未做任何修改。"
            "请检查文件夹权限，或选择一个可写的位置（如“文档”下的文件夹）。",
            f"the folder {path} is not writable; nothing was changed")


def _damaged_message(path: Path, problem: str) -> str:
    backups = backup.list_backups(path)
    hint = (f"最近的备份：{backups[0].name}（{backups[0].taken_at}）。恢复：eduplan backup restore "
            f"{backups[0].name} --workspace {path}" if backups else "没有可用的备份。")
    return (f"工作区数据文件已损坏，未做任何修改（{problem}）。\n"
            f"查看备份：eduplan backup list --workspace {path}\n{hint}")
