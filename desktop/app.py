"""The desktop entry point: pick the workspace (argument, demo, last used, or the first-run
wizard with the demo preselected), then open the main window on it. The window switches to
other workspaces itself (文件 menu: desktop/main_window.py)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from eduplan_core.errors import EduPlanError

from .logs import setup_logging
from .models import message_of
from .startup import (ensure_demo, ensure_demo_school, offer_restore, open_session,
                      workspace_problem)

__all__ = ["main", "offer_restore", "open_window", "start_window"]

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def install_translator(app: QCoreApplication) -> QTranslator | None:
    """English when chosen (Chinese is the source language of every string). In Chinese, Qt's
    own words (a message box's Yes/No, OK, Cancel, the file dialog, the wizard's buttons) are
    Chinese too, and the locale is Chinese whatever the system's is (phrases of the core follow
    it: desktop.models.words). The translator installed (EduPlan's English or Qt's Chinese),
    None when the file is missing."""
    lang = QSettings().value("language", "zh_CN")
    if lang == "zh_CN":
        QLocale.setDefault(CHINESE)
        return install_qt_chinese(app)
    translator = QTranslator(app)
    if translator.load(str(RESOURCES / "translations" / f"eduplan_{lang}.qm")):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translator
    return None


def install_qt_chinese(app: QCoreApplication) -> QTranslator | None:
    """Qt's own translation (qtbase_zh_CN.qm, shipped with PySide6) installed: without it a
    Chinese question shows English Yes/No buttons."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(CHINESE, "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def run_wizard(reason: str = "") -> Path | None:
    """The first-run wizard (the demo preselected; ``reason``: why the last workspace did not
    open); the workspace it made or chose, or None when cancelled."""
    from .pages.wizard import FirstRunWizard

    wizard = FirstRunWizard(reason=reason)
    if wizard.exec() != wizard.DialogCode.Accepted:
        return None
    return wizard.workspace_path


def open_window(path: Path):
    """A window on the workspace at ``path`` (raises what opening it raised)."""
    from .session import Session

    return show_window(Session(path))


def show_window(session):
    from .main_window import MainWindow
    from .session import remember_workspace

    remember_workspace(session.info)
    window = MainWindow(session)
    window.show()
    return window


def start_window(args):
    """The window at start: on the workspace of the arguments (--workspace, --demo,
    --demo-school), else on the last one used, else on the one the wizard makes or chooses. A
    last workspace that is gone or cannot be opened: the wizard, saying why. None: nothing
    opened (the wizard cancelled, a damaged workspace not restored)."""
    from .session import last_workspace

    if args.workspace or args.demo or args.demo_school:
        path = (args.workspace if args.workspace else ensure_demo_school(args.demo_school)
                if args.demo_school else ensure_demo())
        session = open_session(path)
        return None if session is None else show_window(session)
    reason = ""
    last = last_workspace()
    if last is not None:
        problem = workspace_problem(last)
        if problem is None:
            try:
                session = open_session(last)
            except EduPlanError as exc:
                problem = message_of(exc)
            else:
                if session is not None:
                    return show_window(session)
                problem = QApplication.translate("app", "工作区“%s”已损坏，没有恢复。") % last
        reason = QApplication.translate("app", "上次使用的工作区没有打开：%s") % problem
    while True:
        path = run_wizard(reason)
        if path is None:
            return None
        try:
            session = open_session(path)
        except EduPlanError as exc:
            reason = message_of(exc)
            continue
        if session is not None:
            return show_window(session)


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
        window = start_window(args)
    except EduPlanError as exc:
        QMessageBox.critical(None, "EduPlan", message_of(exc))
        return 2
    if window is None:
        return 0
    code = app.exec()
    window.deleteLater()  # the window goes before the interpreter shuts down
    del window
    QApplication.processEvents()
    return code


if __name__ == "__main__":
    sys.exit(main())
