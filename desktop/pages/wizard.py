"""The first-run wizard: open the demo (as the county or as one of its schools), or create a
workspace for a bureau or for a school. Sets ``workspace_path`` when accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QRadioButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
                               QWizard, QWizardPage)

from eduplan_core.catalog.model import LEVEL_NAMES, OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
from eduplan_core.errors import EduPlanError
from eduplan_core.paths import user_data_dir
from eduplan_core.store.backup import DB_NAME
from eduplan_core.vocab import Role

from ..models import RED, term

DEMO, DEMO_SCHOOL, BUREAU, SCHOOL = "demo", "demo_school", "bureau", "school"
P_CHOICE, P_DEMO, P_DEMO_SCHOOL, P_BUREAU, P_SCHOOL = range(5)


def _catalog():
    from eduplan_core.catalog.load import get_catalog

    return get_catalog()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {RED.name()};")
    return label


class _FolderRow(QWidget):
    """A folder line edit with a browse button; follows a suggested default until edited."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.browse = QPushButton(self.tr("浏览(&B)…"))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)
        self.browse.clicked.connect(self._browse)
        self.edit.textEdited.connect(lambda _t: setattr(self, "touched", True))
        self.touched = False

    def suggest(self, name: str) -> None:
        if not self.touched:
            self.edit.setText(str(user_data_dir() / name))

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"),
                                                str(user_data_dir()))
        if path:
            self.edit.setText(path)
            self.touched = True


class ChoicePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("欢迎使用 EduPlan"))
        self.setSubTitle(self.tr("选择要打开的工作区。工作区是一个文件夹，保存一个单位的全部填报数据和备份。"))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for key, text, note in (
                (DEMO, self.tr("打开演示工作区（东川区教育体育局）(&D)"),
                 self.tr("39 所演示学校，2023—2025 年数据；可以随意试用。")),
                (DEMO_SCHOOL, self.tr("以演示学校的身份打开(&M)"),
                 self.tr("看学校一方的填报界面：从演示学校中选一所。")),
                (BUREAU, self.tr("新建教育行政部门工作区(&J)"),
                 self.tr("县（市、区）、州（市）或省级教育行政部门。")),
                (SCHOOL, self.tr("新建学校工作区(&X)"),
                 self.tr("学校在本机填报本校数据。"))):
            radio = QRadioButton(text)
            self.group.addButton(radio)
            self.radios[key] = radio
            layout.addWidget(radio)
            hint = QLabel(note)
            hint.setIndent(24)
            hint.setStyleSheet("color: #616161;")
            layout.addWidget(hint)
        self.radios[DEMO].setChecked(True)
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
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.operator.textChanged.connect(self._changed)
        for radio in self.radios.values():
            radio.toggled.connect(self._changed)
        self._changed()

    def choice(self) -> str:
        return next(k for k, r in self.radios.items() if r.isChecked())

    def _changed(self, *_):
        creating = self.choice() in (BUREAU, SCHOOL)
        self.operator_note.setText(
            self.tr("每一次修改都会记录操作员姓名。") if creating else
            self.tr("每一次修改都会记录操作员姓名；留空则沿用演示数据中的姓名。"))
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if self.choice() in (BUREAU, SCHOOL):
            return bool(self.operator.text().strip())
        return True

    def nextId(self) -> int:  # noqa: N802
        return {DEMO: P_DEMO, DEMO_SCHOOL: P_DEMO_SCHOOL, BUREAU: P_BUREAU,
                SCHOOL: P_SCHOOL}[self.choice()]


class DemoPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("打开演示工作区"))
        self.setSubTitle(self.tr("东川区教育体育局的演示工作区。"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "演示工作区含东川区 39 所演示学校 2023—2025 年的数据（其中 2 所为纸质报送，由区教育体育局"
            "代为录入），以及区级基表和里程碑完成情况。可以随意修改，不影响任何真实数据。\n\n"
            "第一次打开时需要生成演示数据，请稍候。"))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        from ..startup import ensure_demo

        return _open_prepared(self, ensure_demo)


def _first_run(page: QWizardPage) -> FirstRunWizard:
    wizard = page.wizard()
    assert isinstance(wizard, FirstRunWizard)  # every page belongs to it
    return wizard


def _open_prepared(page: DemoPage | DemoSchoolPage, prepare) -> bool:
    """Prepare a demo workspace (``prepare(parent) -> path``), set the operator name typed on
    the first page, and finish the wizard on it; a failure is shown on the page."""
    wizard = _first_run(page)
    try:
        path = prepare(wizard)
        wizard.set_operator_on(path, wizard.choice_page.operator.text())
    except EduPlanError as exc:
        page.error.setText(exc.message)
        return False
    wizard.workspace_path = path
    return True


class DemoSchoolPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("以演示学校的身份打开"))
        self.setSubTitle(self.tr("从东川区的演示学校中选一所；会为它建立一个学校工作区（含演示数据）。"))
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按名称或代码筛选"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        for org in sorted(_catalog().demo_schools.values(), key=lambda o: o.code):
            item = QListWidgetItem(f"{org.name}（{org.code}）· {org.type}"
                                   + (self.tr(" · 纸质报送") if org.paper else ""))
            item.setData(Qt.ItemDataRole.UserRole, org.code)
            self.list.addItem(item)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.error = _error_label()
        layout.addWidget(self.error)
        self.select("2153113101")

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return

    def code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None

    def _filter(self, text: str) -> None:
        text = text.strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(text) and text not in item.text())
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


class BureauPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("新建教育行政部门工作区"))
        self.setSubTitle(self.tr("选择本单位：县（市、区）、州（市）或省。"))
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("单位"), self.tr("级别"), self.tr("代码")])
        self.tree.setColumnWidth(0, 260)
        catalog = _catalog()
        from eduplan_core.orgtree import OrgTree

        tree = OrgTree(catalog)
        self.items: dict[str, QTreeWidgetItem] = {}
        for org in tree:
            if org.level == "school":
                continue
            item = QTreeWidgetItem([org.name, LEVEL_NAMES[org.level], org.code])
            item.setData(0, Qt.ItemDataRole.UserRole, org.code)
            self.items[org.code] = item
        for org in tree:
            found = self.items.get(org.code)
            if found is None:
                continue
            parent_item = self.items.get(org.parent) if org.parent else None
            if parent_item is not None:
                parent_item.addChild(found)
            else:
                self.tree.addTopLevelItem(found)
        self.tree.expandAll()
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.folder = _FolderRow()
        folder_label = QLabel(self.tr("工作区文件夹(&F)："))
        folder_label.setBuddy(self.folder.edit)
        form.addRow(folder_label, self.folder)
        layout.addLayout(form)
        self.chosen = QLabel()
        layout.addWidget(self.chosen)
        self.error = _error_label()
        layout.addWidget(self.error)
        self.tree.currentItemChanged.connect(self._picked)
        self.folder.edit.textChanged.connect(lambda *_: self.completeChanged.emit())

    def select(self, code: str) -> None:
        self.tree.setCurrentItem(self.items[code])

    def code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _picked(self, *_):
        code = self.code()
        if code:
            org = _catalog().orgs[code]
            self.chosen.setText(self.tr("将以“%1”的身份建立工作区。").replace(
                "%1", f"{org.name}（{term(Role(org.level))}）"))
            self.folder.suggest(f"workspace-{code}")
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.code() is not None and self.folder.path() is not None

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        from eduplan_core.store.workspace import Workspace

        wizard = _first_run(self)
        code, path = self.code(), self.folder.path()
        if code is None or path is None:
            return False
        org = _catalog().orgs[code]
        try:
            Workspace.create(path, org=org.code, role=org.level,
                             operator=wizard.choice_page.operator.text()).close()
        except EduPlanError as exc:
            self.error.setText(exc.message)
            return False
        wizard.workspace_path = path
        return True


class SchoolPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("新建学校工作区"))
        self.setSubTitle(self.tr("先选学校所在的县（市、区），再填写学校的基本信息。带 * 的为必填。"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        catalog = _catalog()
        self.county = QComboBox()
        for org in sorted(catalog.orgs.values(), key=lambda o: o.code):
            if org.level == "county":
                parent = catalog.orgs.get(org.parent)
                self.county.addItem(f"{parent.name if parent else ''} · {org.name}", org.code)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("10 位学校标识码"))
        self.code.setMaxLength(10)
        self.name = QLineEdit()
        self.type = QComboBox()
        self.type.addItems(list(SCHOOL_TYPES))
        self.type.setCurrentText("小学")
        self.ownership = QComboBox()
        self.ownership.addItems(list(OWNERSHIPS))
        self.urban_rural = QComboBox()
        self.urban_rural.addItems(list(URBAN_RURAL))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.folder = _FolderRow()
        for text, widget in ((self.tr("所在县（市、区）(&C) *"), self.county),
                             (self.tr("学校代码(&D) *"), self.code),
                             (self.tr("学校名称(&N) *"), self.name),
                             (self.tr("学校类型(&T) *"), self.type),
                             (self.tr("办学性质(&O) *"), self.ownership),
                             (self.tr("城乡类别(&U) *"), self.urban_rural),
                             (self.tr("联系人(&L)"), self.contact),
                             (self.tr("联系电话(&P)"), self.phone),
                             (self.tr("工作区文件夹(&F)"), self.folder)):
            label = QLabel(text)
            label.setBuddy(widget.edit if widget is self.folder else widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.code.textChanged.connect(self._changed)
        self.name.textChanged.connect(self._changed)
        self.folder.edit.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.folder.suggest("workspace-school")

    def _changed(self, *_):
        code = self.code.text().strip()
        if code:
            self.folder.suggest(f"workspace-{code}")
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.code.text().strip() and self.name.text().strip()
                    and self.folder.path() is not None)

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        from eduplan_core.orgtree import OrgTree
        from eduplan_core.store.orgs import SchoolInput, check_school
        from eduplan_core.store.workspace import Workspace

        wizard = _first_run(self)
        catalog = _catalog()
        school, errors = check_school(OrgTree(catalog), SchoolInput(
            code=self.code.text(), name=self.name.text(), parent=self.county.currentData(),
            type=self.type.currentText(), ownership=self.ownership.currentText(),
            urban_rural=self.urban_rural.currentText(), contact=self.contact.text(),
            phone=self.phone.text()))
        path = self.folder.path()
        if errors or school is None or path is None:
            self.error.setText("\n".join(errors))
            return False
        try:
            Workspace.create(path, org=school.code, role="school",
                             operator=wizard.choice_page.operator.text(), school=school,
                             catalog=catalog).close()
        except EduPlanError as exc:
            self.error.setText(exc.message)
            return False
        wizard.workspace_path = path
        return True


class FirstRunWizard(QWizard):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("EduPlan — 首次运行"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.workspace_path: Path | None = None
        self.choice_page = ChoicePage()
        self.demo_page = DemoPage()
        self.demo_school_page = DemoSchoolPage()
        self.bureau_page = BureauPage()
        self.school_page = SchoolPage()
        self.setPage(P_CHOICE, self.choice_page)
        self.setPage(P_DEMO, self.demo_page)
        self.setPage(P_DEMO_SCHOOL, self.demo_school_page)
        self.setPage(P_BUREAU, self.bureau_page)
        self.setPage(P_SCHOOL, self.school_page)
        self.setStartId(P_CHOICE)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("打开(&F)"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(720, 560)

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
