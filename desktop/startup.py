"""Getting a workspace ready before a window opens: the demo (built on first run) and the
demo as one of its schools, behind a progress dialog with cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QProgressDialog

from eduplan_core.paths import demo_workspace_dir, user_data_dir
from eduplan_core.store.backup import DB_NAME

from .ops import Operation


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


