"""The workspace wizard (the first run, and 文件 → 新建工作区…): open the demo (as the county
— the first page's 打开, so that Enter opens it — or as one of its schools), create a
workspace for a bureau or for a school, or make this unit's workspace from the setup file its
bureau sent (eduplan_core/exchange/setup.py, as ``eduplan setup import`` does): the file's
sender and fingerprint, to be read back to the bureau over the phone; this unit when the file
sets up several; the folder; a new passphrase for the keys; the workspace made in a worker;
then this unit's own fingerprint. The lists of units have a filter that selects the one match
left, so that Enter opens it. Sets ``workspace_path`` when accepted.

Here: the wizard, the first page (the choice) and the demo school's page. The pages of a new
workspace are in wizard_new.py, those of a setup file in wizard_setup.py and
wizard_setup_unit.py, what they share in wizard_parts.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QFormLayout, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout, QWizard, QWizardPage)

from eduplan_core.errors import EduPlanError
from eduplan_core.store.backup import DB_NAME

from ..models import message_of, named, value_name
from .wizard_new import BureauPage, SchoolPage
from .wizard_parts import (P_BUREAU, P_CHOICE, P_DEMO_SCHOOL, P_SCHOOL, P_SETUP_DONE,
                           P_SETUP_FILE, P_SETUP_UNIT, UnitPage, catalog, error_label,
                           first_run)
from .wizard_setup import SetupDonePage, SetupFilePage
from .wizard_setup_unit import SetupUnitPage

__all__ = ["BUREAU", "CREATING", "DEMO", "DEMO_SCHOOL", "P_BUREAU", "P_CHOICE", "P_DEMO_SCHOOL",
           "P_SCHOOL", "P_SETUP_DONE", "P_SETUP_FILE", "P_SETUP_UNIT", "SCHOOL", "SETUP",
           "BureauPage", "ChoicePage", "DemoSchoolPage", "FirstRunWizard", "SchoolPage",
           "SetupDonePage", "SetupFilePage", "SetupUnitPage"]

DEMO, DEMO_SCHOOL, BUREAU, SCHOOL, SETUP = "demo", "demo_school", "bureau", "school", "setup"
CREATING = (BUREAU, SCHOOL, SETUP)  # the choices that make a workspace: an operator is needed


class ChoicePage(QWizardPage):
    """What to open or make. The demo opens from here (the Next button reads 打开: Enter opens
    it); the other choices go on to their page. ``reason``: why the workspace used last did
    not open, said at the top."""

    def __init__(self, parent=None, choice: str = DEMO, reason: str = ""):
        super().__init__(parent)
        self.setTitle(self.tr("欢迎使用 EduPlan"))
        self.setSubTitle(self.tr("选择要打开的工作区。工作区是一个文件夹，保存一个单位的全部填报数据和备份。"))
        layout = QVBoxLayout(self)
        self.opened = False  # the demo, opened from here
        self.reason = error_label()
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        layout.addWidget(self.reason)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for key, text, note in (
                (DEMO, self.tr("打开演示工作区（东川区教育体育局）(&D)"),
                 self.tr("39 所演示学校，2023—2025 年数据；可以随意试用。")),
                (DEMO_SCHOOL, self.tr("以演示学校的身份打开(&M)"),
                 self.tr("看学校一方的填报界面：从演示学校中选一所。")),
                (SETUP, self.tr("用上级发来的设立文件建立(&S)"),
                 self.tr("上级教育行政部门用 EduPlan 生成的设立文件：建立本单位的工作区，记下上级的公钥，"
                         "学校名册随之导入。")),
                (BUREAU, self.tr("新建教育行政部门工作区(&J)"),
                 self.tr("县（市、区）、州（市）或省级教育行政部门。")),
                (SCHOOL, self.tr("新建学校工作区(&X)"),
                 self.tr("学校在本机填报本校数据。"))):
            radio = QRadioButton(text)
            self.group.addButton(radio)
            self.radios[key] = radio
            layout.addWidget(radio)
            hint = QLabel(note)
            hint.setWordWrap(True)  # English: a long hint fits 1024×700
            hint.setIndent(24)
            hint.setStyleSheet("color: #616161;")
            layout.addWidget(hint)
        self.radios[choice].setChecked(True)
        layout.addSpacing(12)
        form = QFormLayout()
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(self.tr("例如：张三"))
        self.operator_label = QLabel(self.tr("操作员姓名(&N)："))
        self.operator_label.setBuddy(self.operator)
        form.addRow(self.operator_label, self.operator)
        layout.addLayout(form)
        self.operator_note = QLabel()
        self.operator_note.setWordWrap(True)
        self.operator_note.setStyleSheet("color: #616161;")
        layout.addWidget(self.operator_note)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.operator.textChanged.connect(self._changed)
        for radio in self.radios.values():
            radio.toggled.connect(self._changed)
        self._changed()

    def choice(self) -> str:
        return next(k for k, r in self.radios.items() if r.isChecked())

    def _changed(self, *_):
        creating = self.choice() in CREATING
        self.operator_note.setText(
            self.tr("每一次修改都会记录操作员姓名。") if creating else
            self.tr("每一次修改都会记录操作员姓名；留空则沿用演示数据中的姓名。"))
        self.error.clear()
        self._name_next()
        self.completeChanged.emit()

    def _name_next(self) -> None:
        """This page's Next button: 打开 for the demo (it opens from here)."""
        self.setButtonText(QWizard.WizardButton.NextButton,
                           self.tr("打开(&O)") if self.choice() == DEMO
                           else self.tr("下一步(&N) >"))

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if self.choice() in CREATING:
            return bool(self.operator.text().strip())
        return True

    def nextId(self) -> int:  # noqa: N802
        # the demo never goes on (validatePage opens it and ends the wizard); a page id keeps
        # the button a Next button, which QWizard decides only when a page is entered
        return {DEMO: P_DEMO_SCHOOL, DEMO_SCHOOL: P_DEMO_SCHOOL, BUREAU: P_BUREAU,
                SCHOOL: P_SCHOOL, SETUP: P_SETUP_FILE}[self.choice()]

    def validatePage(self) -> bool:  # noqa: N802
        """The demo: built on first use, then opened (the wizard accepted here)."""
        if self.choice() != DEMO or self.opened:  # opened: the wizard's check on accepting
            return True
        from ..startup import ensure_demo

        if _open_prepared(self, ensure_demo):
            self.opened = True
            first_run(self).accept()
        return False


def _open_prepared(page: ChoicePage | DemoSchoolPage, prepare) -> bool:
    """Prepare a demo workspace (``prepare(parent) -> path``), set the operator name typed on
    the first page, and finish the wizard on it; a failure is shown on the page."""
    wizard = first_run(page)
    try:
        path = prepare(wizard)
        wizard.set_operator_on(path, wizard.choice_page.operator.text())
    except EduPlanError as exc:
        page.error.setText(message_of(exc))
        return False
    wizard.workspace_path = path
    return True


class DemoSchoolPage(UnitPage):
    """One of the demo's schools, opened as a school's workspace of its own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("以演示学校的身份打开"))
        self.setSubTitle(self.tr("从东川区的演示学校中选一所；会为它建立一个学校工作区（含演示数据）。"))
        layout = QVBoxLayout(self)
        self.add_list(layout, self.tr("按名称或代码筛选"))
        for org in sorted(catalog().demo_schools.values(), key=lambda o: o.code):
            self.add_unit(f"{named(org.name, org.code)} · {value_name(org.type)}"
                          + (self.tr(" · 纸质报送") if org.paper else ""), org.code)
        self.error = error_label()
        layout.addWidget(self.error)
        self.select("2153113101")

    def _picked(self, *_) -> None:
        """Only the 打开 button follows the pick (no sentence, no folder, the error kept)."""
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.code() is not None

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        from ..startup import ensure_demo_school

        code = self.code()
        if code is None:
            return False
        return _open_prepared(self, lambda parent: ensure_demo_school(code, parent))


class FirstRunWizard(QWizard):
    """``choice``: the one preselected (the demo on a first run); ``reason``: why the workspace
    used last did not open; ``first_run`` False: opened from the 文件 menu of a window."""

    def __init__(self, parent=None, *, choice: str = DEMO, reason: str = "",
                 first_run: bool = True, operator: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("EduPlan — 首次运行") if first_run
                            else self.tr("EduPlan — 新建或打开工作区"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.workspace_path: Path | None = None
        self.choice_page = ChoicePage(choice=choice, reason=reason)
        self.choice_page.operator.setText(operator)
        self.demo_school_page = DemoSchoolPage()
        self.bureau_page = BureauPage()
        self.school_page = SchoolPage()
        self.setup_file_page = SetupFilePage()
        self.setup_unit_page = SetupUnitPage()
        self.setup_done_page = SetupDonePage()
        self.setPage(P_CHOICE, self.choice_page)
        self.setPage(P_DEMO_SCHOOL, self.demo_school_page)
        self.setPage(P_BUREAU, self.bureau_page)
        self.setPage(P_SCHOOL, self.school_page)
        self.setPage(P_SETUP_FILE, self.setup_file_page)
        self.setPage(P_SETUP_UNIT, self.setup_unit_page)
        self.setPage(P_SETUP_DONE, self.setup_done_page)
        self.setStartId(P_CHOICE)
        self.currentIdChanged.connect(self._name_finish)
        self._name_finish(P_CHOICE)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("建立工作区(&C)"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(720, 560)

    def _name_finish(self, page: int) -> None:
        """建立并打开 where finishing makes a workspace (a new bureau or school), else 打开."""
        self.setButtonText(QWizard.WizardButton.FinishButton,
                           self.tr("建立并打开(&F)") if page in (P_BUREAU, P_SCHOOL)
                           else self.tr("打开(&F)"))

    def reject(self) -> None:
        """Not while a workspace is being made; once made (the last page), it is opened."""
        if self.setup_unit_page.busy:
            return
        if self.currentId() == P_SETUP_DONE and self.workspace_path is not None:
            self.accept()
            return
        super().reject()

    @staticmethod
    def set_operator_on(path: Path, name: str) -> None:
        """Record ``name`` as the operator of an existing workspace (blank: leave it)."""
        if not name.strip() or not (Path(path) / DB_NAME).exists():
            return
        from eduplan_core.store.workspace import Workspace

        ws = Workspace.open(path, daily_backup=False)
        try:
            ws.set_operator(name)
        finally:
            ws.close()
