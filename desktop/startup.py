"""Getting a workspace ready before a window shows it: the demo (built on first run) and the
demo as one of its schools, behind a progress dialog with cancel; a folder checked before it is
opened (gone, or not a workspace: said in the desktop's words); a damaged one offered its newest
backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from eduplan_core.errors import WorkspaceDamaged
from eduplan_core.paths import demo_workspace_dir, user_data_dir
from eduplan_core.store.backup import DB_NAME

from .models import message_of
from .ops import Operation

if TYPE_CHECKING:
    from .session import Session

DEMO_SCHOOL = "2153113101"  # 东川区第一小学: the demo school of 文件 → 以演示学校身份打开


def run_with_progress(parent, text: str, fn):
    """Run ``fn(progress=, cancelled=)`` in a worker behind a modal progress dialog; return its
    result (None when cancelled); raise what it raised."""
    dialog = QProgressDialog(text, QApplication.translate("app", "取消"), 0, 0, parent)
    dialog.setWindowTitle("EduPlan")
    dialog.setMinimumDuration(0)
    op = Operation(fn)
    outcome: dict = {}
    loop = QEventLoop()
    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(key: str, value: object) -> None:
        outcome.setdefault(key, value)
        loop.quit()

    op.progress.connect(progress)
    op.succeeded.connect(lambda r: finished("result", r))
    op.failed.connect(lambda e: finished("error", e))
    dialog.canceled.connect(op.cancel)
    op.start()
    loop.exec()
    dialog.close()
    if "error" in outcome:
        from eduplan_core.errors import Cancelled

        if isinstance(outcome["error"], Cancelled):
            return None
        raise outcome["error"]
    return outcome.get("result")


def ensure_demo(parent=None) -> Path:
    from eduplan_core.store.staging import remove_stale_builds

    path = demo_workspace_dir()
    remove_stale_builds(path)  # what a killed build left beside it
    if not (path / DB_NAME).exists():
        from eduplan_core.demo import build_demo

        run_with_progress(parent, QApplication.translate("app", "首次运行：正在生成演示工作区（东川区）…"),
                          lambda progress, cancelled: build_demo(
                              path, progress=progress, cancelled=cancelled))
    return path


def ensure_demo_school(code: str, parent=None) -> Path:
    from eduplan_core.demo import build_demo_school

    demo = ensure_demo(parent)
    path = user_data_dir() / f"demo-school-{code}"
    if not (path / DB_NAME).exists():
        run_with_progress(parent, QApplication.translate("app", "正在生成演示学校工作区…"),
                          lambda progress, cancelled: build_demo_school(
                              path, code, demo, progress=progress, cancelled=cancelled))
    return path




def workspace_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a workspace, before trying (None: try it)."""
    if not path.exists():
        return QApplication.translate("app", "工作区“%s”已不存在（可能已被移走或删除）。") % path
    if not (path / DB_NAME).exists():
        return QApplication.translate(
            "app", "“%s”不是 EduPlan 工作区（文件夹中没有 eduplan.sqlite）。") % path
    return None


def offer_restore(path: Path, exc: WorkspaceDamaged, parent: QWidget | None = None) -> bool:
    """A damaged workspace: say so, and offer its newest backup (the damaged file is kept)."""
    from eduplan_core.store import backup

    backups = backup.list_backups(path)
    if not backups:
        QMessageBox.critical(parent, "EduPlan", message_of(exc))
        return False
    newest = backups[0]
    answer = QMessageBox.question(
        parent, "EduPlan",
        message_of(exc) + "\n\n" + QApplication.translate(
            "app", "用最近的备份（%s）恢复吗？损坏的文件会另存，不会删除。") % newest.taken_at)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    backup.restore(path, newest.name)
    return True


def open_session(path: Path, parent: QWidget | None = None) -> Session | None:
    """The Session of the workspace at ``path``; a damaged one is offered its newest backup
    first (None: not restored). Other refusals are raised (EduPlanError: in use by another
    window, read-only, newer than this EduPlan…)."""
    from .session import Session

    try:
        return Session(path)
    except WorkspaceDamaged as exc:
        if not offer_restore(path, exc, parent):
            return None
    return Session(path)
