"""The desktop entry point: pick the workspace (argument, demo, last used, or the first-run
wizard), then open the main window on it."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from eduplan_core.errors import EduPlanError, WorkspaceDamaged
from eduplan_core.store.backup import DB_NAME

from .logs import setup_logging
from .startup import ensure_demo, ensure_demo_school

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def install_translator(app: QCoreApplication) -> QTranslator | None:
    """English when chosen (Chinese is the source language of every string)."""
    lang = QSettings().value("language", "zh_CN")
    if lang == "zh_CN":
        return None
    translator = QTranslator(app)
    if translator.load(str(RESOURCES / "translations" / f"eduplan_{lang}.qm")):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translator
    return None


def choose_workspace(args) -> Path | None:
    if args.workspace:
        return args.workspace
    if args.demo_school:
        return ensure_demo_school(args.demo_school)
    if args.demo:
        return ensure_demo()
    last = str(QSettings().value("workspace", "") or "")
    if last and (Path(last) / DB_NAME).exists():
        return Path(last)
    from .pages.wizard import FirstRunWizard

    wizard = FirstRunWizard()
    if wizard.exec() != wizard.DialogCode.Accepted:
        return None
    return wizard.workspace_path


def offer_restore(path: Path, exc: WorkspaceDamaged) -> bool:
    """A damaged workspace: say so, and offer its newest backup (the damaged file is kept)."""
    from eduplan_core.store import backup

    backups = backup.list_backups(path)
    if not backups:
        QMessageBox.critical(None, "EduPlan", exc.message)
        return False
    newest = backups[0]
    answer = QMessageBox.question(
        None, "EduPlan",
        exc.message + "\n\n" + QApplication.translate(
            "app", "用最近的备份（%s）恢复吗？损坏的文件会另存，不会删除。") % newest.taken_at)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    backup.restore(path, newest.name)
    return True


def open_window(path: Path):
    from .main_window import MainWindow
    from .session import Session

    session = Session(path)
    QSettings().setValue("workspace", str(path))
    window = MainWindow(session)
    window.show()
    return window


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eduplan-desktop")
    parser.add_argument("--workspace", type=Path, default=None, help="工作区目录")
    parser.add_argument("--demo", action="store_true", help="打开演示工作区（首次运行时生成）")
    parser.add_argument("--demo-school", default=None, metavar="CODE",
                        help="以演示学校的身份打开（例如 2153113101）")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("EduPlan")
    app.setApplicationName("EduPlan")
    log = setup_logging()
    logging.getLogger("eduplan").info("start; log at %s", log)
    install_translator(app)
    try:
        path = choose_workspace(args)
        if path is None:
            return 0
        try:
            window = open_window(path)
        except WorkspaceDamaged as exc:
            if not offer_restore(path, exc):
                return 2
            window = open_window(path)
    except EduPlanError as exc:
        QMessageBox.critical(None, "EduPlan", exc.message)
        return 2
    code = app.exec()
    window.deleteLater()  # the window goes before the interpreter shuts down
    del window
    QApplication.processEvents()
    return code


if __name__ == "__main__":
    sys.exit(main())
