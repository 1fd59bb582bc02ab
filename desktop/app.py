"""The desktop entry point. Until the desktop issue lands this is a placeholder window that opens
a workspace (by default the demo, created on first run) and shows what it holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.paths import demo_workspace_dir
from eduplan_core.store.backup import DB_NAME

from .ops import Operation


def workspace_summary(path: Path) -> str:
    """Text shown in the placeholder window: who the workspace is for and what it holds."""
    from eduplan_core.store.workspace import ROLE_NAMES, Workspace

    with Workspace.open(path, daily_backup=False) as ws:
        info = ws.info()
        schools = sum(1 for o in ws.orgs.descendants(ws.org_code) if o.is_school)
        entries = ws.db["entries"].count
        submitted = ws.db["entries"].count_where("state = 'submitted'")
        values = ws.db["current_values"].count
    return (f"<h2>{info.org_name}</h2>"
            f"<p>{ROLE_NAMES[info.role]} · 操作员：{info.operator}"
            f"{' · 演示数据' if info.demo else ''}</p>"
            f"<p>下属学校 {schools} 所 · 表单 {entries} 份（已提交 {submitted}）· 数值 {values} 个</p>"
            f"<p style='color:#666'>工作区：{info.path}</p>"
            "<p>完整的填报与指标界面即将提供；现在可用命令行 <code>eduplan</code> 完成全部操作。</p>")


class MainWindow(QMainWindow):
    def __init__(self, workspace: Path, build_demo: bool):
        super().__init__()
        self.setWindowTitle("EduPlan 教育高质量发展三年行动计划 · 填报与目标核查")
        self.resize(760, 420)
        self.workspace = workspace
        body = QWidget()
        layout = QVBoxLayout(body)
        self.label = QLabel("正在打开工作区…")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.bar = QProgressBar()
        self.bar.hide()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.hide()
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setCentralWidget(body)
        self.op = None
        if build_demo and not (workspace / DB_NAME).exists():
            self._build_demo()
        else:
            self.show_summary()

    def _build_demo(self) -> None:
        from eduplan_core.demo import build_demo

        self.label.setText("首次运行：正在生成演示工作区（东川区）…")
        self.bar.show()
        self.cancel_button.show()
        self.op = Operation(lambda progress, cancelled: build_demo(
            self.workspace, progress=progress, cancelled=cancelled), self)
        self.op.progress.connect(lambda d, t: (self.bar.setMaximum(t), self.bar.setValue(d)))
        self.op.succeeded.connect(lambda _: self.show_summary())
        self.op.failed.connect(self._failed)
        self.cancel_button.clicked.connect(self.op.cancel)
        self.op.start()

    def _failed(self, exc: Exception) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        message = exc.message if isinstance(exc, EduPlanError) else str(exc)
        self.label.setText(f"<p>未能打开工作区：</p><p>{message}</p>")

    def show_summary(self) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        try:
            self.label.setText(workspace_summary(self.workspace))
            from eduplan_core.store.backup import start_daily_backup

            start_daily_backup(self.workspace)  # its own thread; never on the UI thread
        except EduPlanError as exc:
            self.label.setText(f"<p>未能打开工作区：</p><pre>{exc.message}</pre>")

    def closeEvent(self, event) -> None:
        if self.op is not None:
            self.op.cancel()
            self.op.wait()
        super().closeEvent(event)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eduplan-desktop")
    parser.add_argument("--workspace", type=Path, default=None, help="工作区目录")
    parser.add_argument("--demo", action="store_true", help="打开演示工作区（首次运行时生成）")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    if args.workspace is None and not args.demo:
        from eduplan_core.paths import default_workspace_dir

        args.demo = not (default_workspace_dir() / DB_NAME).exists()
        args.workspace = None if args.demo else default_workspace_dir()
    workspace = args.workspace or demo_workspace_dir()
    window = MainWindow(workspace, build_demo=args.demo)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
