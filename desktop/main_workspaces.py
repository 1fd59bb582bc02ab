"""The main window's 文件 menu: switching workspaces in place (新建工作区… — the wizard —,
打开工作区…, the recent ones, the demo county and the demo school), 导入上级的设立文件…, and
帮助 → 诊断信息. A part of MainWindow (main_window.py), which builds and closes the pages
(``_attach``, ``_detach``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMainWindow, QMenu,
                               QMenuBar, QMessageBox, QPlainTextEdit, QVBoxLayout)

from eduplan_core.errors import EduPlanError
from eduplan_core.vocab import Role

from .models import message_of, term
from .session import Session, recent_workspaces, remember_workspace

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from .main_window import MainWindow

    _Window = QMainWindow
else:
    _Window = object


class WorkspaceMenu(_Window):
    """The 文件 menu's actions of MainWindow (a mixin: ``self`` is the window)."""

    # what the class uses of the window or page (annotations only: after a def nested here
    # pyside6-lupdate loses this class, its strings get no context)
    if TYPE_CHECKING:
        session: Session
        wizard: Any
        parent_setup: Any
        workspace_switched: SignalInstance
        _attach: Callable[[Session], None]  # the window's: its pages and menus for a session
        _detach: Callable[[], None]

    def _file_menu(self, bar: QMenuBar) -> QMenu:
        """文件: new, open, the recent ones, the demos, the parent's setup file, quit."""
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.new_action = QAction(self.tr("新建工作区(&N)…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_workspace)
        self.open_action = QAction(self.tr("打开工作区(&O)…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_workspace)
        self.recent_menu = QMenu(self.tr("最近使用的工作区(&R)"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.demo_action = QAction(self.tr("打开演示工作区（东川区）(&D)"), self)
        self.demo_action.triggered.connect(self.open_demo)
        self.demo_school_action = QAction(self.tr("以演示学校身份打开（东川区第一小学）(&M)"), self)
        self.demo_school_action.triggered.connect(self.open_demo_school)
        self.parent_setup_action = QAction(self.tr("导入上级的设立文件(&I)…"), self)
        self.parent_setup_action.triggered.connect(self.import_parent_setup)
        self.parent_setup_action.setEnabled(bool(self.session.ws.org.parent))
        quit_act = QAction(self.tr("退出"), self)
        quit_act.setShortcut(QKeySequence.StandardKey.Quit)
        quit_act.triggered.connect(self.close)
        for action in (self.new_action, self.open_action):
            file_menu.addAction(action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.demo_action)
        file_menu.addAction(self.demo_school_action)
        file_menu.addSeparator()
        file_menu.addAction(self.parent_setup_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_act)
        self.file_menu = file_menu
        self._fill_recent()
        return file_menu

    # -- switching ---------------------------------------------------------------------------
    def same_workspace(self, path: Path) -> bool:
        try:
            return Path(path).resolve() == self.session.path.resolve()
        except OSError:
            return False

    def switch_to(self, path: Path) -> bool:
        """Show the workspace at ``path`` in this window (no restart); the one shown is closed
        only once the other has opened. Why not is said in a message; False then."""
        from .startup import open_session, workspace_problem

        path = Path(path)
        if self.same_workspace(path):
            self.statusBar().showMessage(self.tr("这个工作区已经打开。"), 5000)
            return True
        problem = workspace_problem(path)
        try:
            if problem is not None:
                raise EduPlanError(problem, problem)
            session = open_session(path, self)
        except EduPlanError as exc:
            QMessageBox.warning(self, "EduPlan", message_of(exc))
            return False
        if session is None:  # damaged, not restored
            return False
        self._detach()
        self._attach(session)
        remember_workspace(session.info)
        self.workspace_switched.emit()
        return True

    # -- the recent ones -----------------------------------------------------------------------
    def _fill_recent(self) -> None:
        """The workspaces used lately that are still there, the one shown ticked."""
        self.recent_menu.clear()
        recent = recent_workspaces()
        names = [self._recent_name(item) for item in recent]
        for n, (item, name) in enumerate(zip(recent, names, strict=True), 1):
            label = (f"&{n} " if n < 10 else "") + name
            if names.count(name) > 1:  # the same unit twice: which folder tells them apart
                label += f" — {_short_path(Path(item['path']))}"
            act = self.recent_menu.addAction(label)
            act.setData(item["path"])
            act.setToolTip(item["path"])
            act.setStatusTip(item["path"])
            act.setCheckable(True)
            act.setChecked(self.same_workspace(Path(item["path"])))
            act.triggered.connect(lambda _=False, p=item["path"]: self.switch_to(Path(p)))
        if not recent:
            none = self.recent_menu.addAction(self.tr("（还没有）"))
            none.setEnabled(False)
        self.recent_menu.setToolTipsVisible(True)

    def _recent_name(self, item: dict) -> str:
        name = item.get("org_name") or "?"
        if item.get("demo"):
            name += self.tr("（演示）")
        if item.get("role") in {r.value for r in Role}:
            name += f" · {term(Role(item['role']))}"
        return name

    def recent_actions(self) -> list[QAction]:
        self._fill_recent()
        return [a for a in self.recent_menu.actions() if a.data()]

    # -- new, open, the demos ------------------------------------------------------------------
    def new_workspace(self) -> None:
        """The wizard (a bureau's new workspace preselected, the operator's name filled in);
        the workspace it makes or chooses is shown here."""
        from .pages.wizard import BUREAU, FirstRunWizard

        wizard = FirstRunWizard(self, choice=BUREAU, first_run=False,
                                operator=self.session.ws.operator)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.accepted.connect(lambda: self._wizard_done(wizard))
        wizard.finished.connect(wizard.deleteLater)
        self.wizard = wizard
        wizard.open()

    def _wizard_done(self, wizard) -> None:
        if wizard.workspace_path is not None:
            self.switch_to(wizard.workspace_path)

    def _open_workspace(self) -> None:
        start = str(self.session.path.parent)
        path = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"), start)
        if path:
            self.switch_to(Path(path))

    def open_demo(self) -> bool:
        """The demo county (built the first time, with progress)."""
        from .startup import ensure_demo

        return self._open_prepared(lambda: ensure_demo(self))

    def open_demo_school(self) -> bool:
        """The demo as its school 东川区第一小学 (made from the demo county the first time)."""
        from .startup import DEMO_SCHOOL, ensure_demo_school

        return self._open_prepared(lambda: ensure_demo_school(DEMO_SCHOOL, self))

    def _open_prepared(self, prepare) -> bool:
        try:
            path = prepare()
        except EduPlanError as exc:
            QMessageBox.warning(self, "EduPlan", message_of(exc))
            return False
        return path is not None and self.switch_to(path)

    def import_parent_setup(self) -> None:
        """文件 → 导入上级的设立文件…: the parent's key and the schools, for this workspace."""
        from .exchange_setup import ParentSetupImport

        self.parent_setup = ParentSetupImport(cast("MainWindow", self))  # self: the window
        self.parent_setup.choose()

    # -- 语言 and 帮助 → 诊断信息 ----------------------------------------------------------------
    def _set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        QMessageBox.information(self, "EduPlan",
                                "语言设置将在重新启动后生效。\nThe language applies after a restart.")

    def show_diagnostics(self) -> None:
        from .logs import diagnostics

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("诊断信息"))
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit(diagnostics(self.session.path))
        text.setReadOnly(True)
        layout.addWidget(QLabel(self.tr("以下信息不含任何填报数据，可保存后发送给技术支持。")))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)

        def save():
            path, _ = QFileDialog.getSaveFileName(dialog, self.tr("保存诊断信息"),
                                                  "eduplan-diagnostics.txt")
            if path:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text.toPlainText())
                dialog.accept()

        buttons.accepted.connect(save)
        layout.addWidget(buttons)
        dialog.resize(720, 480)
        dialog.open()
        self._diagnostics_dialog = dialog


def _short_path(path: Path) -> str:
    """A folder as a menu can show it: its last two parts (…/demo-school/2153113101)."""
    parts = path.parts
    return str(path) if len(parts) <= 3 else "…/" + "/".join(parts[-2:])
