"""The workspace wizard (the first run, and 文件 → 新建工作区…): open the demo (as the county
— the first page's 打开, so that Enter opens it — or as one of its schools), create a
workspace for a bureau or for a school, or make this unit's workspace from the setup file its
bureau sent (eduplan_core/exchange/setup.py, as ``eduplan setup import`` does): the file's
sender and fingerprint, to be read back to the bureau over the phone; this unit when the file
sets up several; the folder; a new passphrase for the keys; the workspace made in a worker;
then this unit's own fingerprint. The lists of units have a filter that selects the one match
left, so that Enter opens it. Sets ``workspace_path`` when accepted."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QRadioButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from eduplan_core.catalog.model import LEVEL_NAMES, OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
from eduplan_core.errors import EduPlanError
from eduplan_core.paths import user_data_dir
from eduplan_core.store.backup import DB_NAME
from eduplan_core.vocab import Role

from ..models import GREY, RED, term

DEMO, DEMO_SCHOOL, BUREAU, SCHOOL, SETUP = "demo", "demo_school", "bureau", "school", "setup"
CREATING = (BUREAU, SCHOOL, SETUP)  # the choices that make a workspace: an operator is needed
(P_CHOICE, P_DEMO_SCHOOL, P_BUREAU, P_SCHOOL, P_SETUP_FILE, P_SETUP_UNIT,
 P_SETUP_DONE) = range(7)


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
    """What to open or make. The demo opens from here (the Next button reads 打开: Enter opens
    it); the other choices go on to their page. ``reason``: why the workspace used last did
    not open, said at the top."""

    def __init__(self, parent=None, choice: str = DEMO, reason: str = ""):
        super().__init__(parent)
        self.setTitle(self.tr("欢迎使用 EduPlan"))
        self.setSubTitle(self.tr("选择要打开的工作区。工作区是一个文件夹，保存一个单位的全部填报数据和备份。"))
        layout = QVBoxLayout(self)
        self.opened = False  # the demo, opened from here
        self.reason = _error_label()
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
            _first_run(self).accept()
        return False


def _first_run(page: QWizardPage) -> FirstRunWizard:
    wizard = page.wizard()
    assert isinstance(wizard, FirstRunWizard)  # every page belongs to it
    return wizard


def _open_prepared(page: ChoicePage | DemoSchoolPage, prepare) -> bool:
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


def _filter_list(items: QListWidget, text: str) -> None:
    """Hide the items without ``text``; the one item left is selected (Enter opens it)."""
    text = text.strip()
    shown = []
    for i in range(items.count()):
        item = items.item(i)
        item.setHidden(bool(text) and text not in item.text())
        if not item.isHidden():
            shown.append(item)
    if len(shown) == 1:
        items.setCurrentItem(shown[0])


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
        _filter_list(self.list, text)
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
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按名称或代码筛选，例如：会泽"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
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
        self.filter.textChanged.connect(self._filter)

    def select(self, code: str) -> None:
        self.tree.setCurrentItem(self.items[code])

    def _filter(self, text: str) -> None:
        """Units whose name or code holds ``text``, with the units above and below them; the
        one match left is selected (Enter opens it)."""
        text = text.strip()
        matches = [item for item in self.items.values()
                   if not text or text in item.text(0) or text in item.text(2)]
        shown = set()
        for item in matches:
            up: QTreeWidgetItem | None = item
            while up is not None:
                shown.add(id(up))
                up = up.parent()
            below = [item]
            while below:
                child = below.pop()
                shown.add(id(child))
                below += [c for i in range(child.childCount())
                          if (c := child.child(i)) is not None]
        for item in self.items.values():
            item.setHidden(id(item) not in shown)
        if text and len(matches) == 1:
            self.tree.setCurrentItem(matches[0])
        self._picked()  # a chosen unit filtered out: none chosen (code() is None)

    def code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None

    def _picked(self, *_):
        code = self.code()
        if code:
            org = _catalog().orgs[code]
            self.chosen.setText(self.tr("将以“%1”的身份建立工作区。").replace(
                "%1", f"{org.name}（{term(Role(org.level))}）"))
            self.folder.suggest(f"workspace-{code}")
        else:
            self.chosen.clear()
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


# -- from a setup file sent by the bureau ----------------------------------------------------
def _fingerprint_label() -> QLabel:
    """The 32 digits large, in two lines of four groups, to be read out on the phone."""
    label = QLabel()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) * 2.2)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("padding: 8px; background: #f5f5f5;")
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _has_keys(path: Path) -> bool:
    from eduplan_core.exchange import keys
    from eduplan_core.store.workspace import Workspace

    ws = Workspace.open(path, daily_backup=False)
    try:
        return keys.has_keys(ws)
    finally:
        ws.close()


class SetupFilePage(QWizardPage):
    """The setup file: who made it and the fingerprint of its key, to be read back to the
    bureau over the phone. A broken or altered file is said here; nothing is changed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("用上级发来的设立文件建立"))
        self.setSubTitle(self.tr("设立文件由上级教育行政部门用 EduPlan 生成（扩展名 .eduplan-setup），"
                                 "可以通过 U 盘、微信或电子邮件收到。"))
        self.path: Path | None = None
        self.statement: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("还没有选择文件"))
        self.choose = QPushButton(self.tr("选择设立文件(&O)…"))
        row.addWidget(self.file, 1)
        row.addWidget(self.choose)
        layout.addLayout(row)
        self.details = QWidget()
        box = QVBoxLayout(self.details)
        box.setContentsMargins(0, 4, 0, 0)
        self.bureau = _note()
        font = self.bureau.font()
        font.setBold(True)
        self.bureau.setFont(font)
        box.addWidget(self.bureau)
        self.summary = _note()
        self.summary.setStyleSheet(f"color: {GREY.name()};")
        box.addWidget(self.summary)
        box.addWidget(QLabel(self.tr("上级单位的指纹：")))
        self.fingerprint = _fingerprint_label()
        box.addWidget(self.fingerprint)
        self.instruction = _note()
        box.addWidget(self.instruction)
        layout.addWidget(self.details)
        self.details.hide()
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.choose.clicked.connect(self._choose)

    def _choose(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择设立文件"), start,
            self.tr("EduPlan 设立文件 (*.eduplan-setup);;所有文件 (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check ``path``; show its sender and fingerprint, or why it cannot be used."""
        from eduplan_core.exchange.setup import read_setup

        from ..exchange import fingerprint_lines

        self.path = path
        self.file.setText(str(path))
        self.statement = None
        self.details.hide()
        self.error.clear()
        try:
            statement = read_setup(path)
        except EduPlanError as exc:
            self.error.setText(exc.message)
            self.completeChanged.emit()
            return
        self.statement = statement
        sender = statement["from"]
        names = statement.get("unit_names") or {}
        self.bureau.setText(self.tr("发出单位：%1（%2）").replace("%1", sender["name"])
                            .replace("%2", sender["org"]))
        self.summary.setText(
            self.tr("设立单位：{units}；学校 {schools} 所；截止日期：{due}").format(
                units="、".join(names.get(u, u) for u in statement["units"]),
                schools=len(statement["schools"]), due=statement.get("due") or self.tr("未设")))
        self.fingerprint.setText(fingerprint_lines(sender["fingerprint"]))
        self.instruction.setText(self.tr(
            "请给%1打电话，把上面的 32 位数字逐组读给对方，请对方与其 EduPlan“数据交换 → 本单位密钥…”"
            "中的指纹核对。一致才继续；不一致说明文件不是上级发出的，或途中被换过，不要使用它。")
            .replace("%1", sender["name"]))
        self.details.show()
        self.completeChanged.emit()

    def fingerprint_text(self) -> str:
        return " ".join(self.fingerprint.text().split())

    def isComplete(self) -> bool:  # noqa: N802
        return self.statement is not None

    def nextId(self) -> int:  # noqa: N802
        return P_SETUP_UNIT


class SetupUnitPage(QWizardPage):
    """This unit (when the file sets up several: a list with a filter), the folder, then the
    workspace made in a worker after a new passphrase for its keys (the commit)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("本单位与工作区文件夹"))
        self.setSubTitle(self.tr("确认本单位和工作区文件夹。建立时会为本单位生成密钥，需要设置一个口令。"))
        self.setCommitPage(True)
        self.made: Any = None  # the SetupResult, once made
        self._op: Any = None
        self.passphrase_dialog: Any = None
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按名称或代码筛选"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.folder = _FolderRow()
        folder_label = QLabel(self.tr("工作区文件夹(&F)："))
        folder_label.setBuddy(self.folder.edit)
        form.addRow(folder_label, self.folder)
        self.restore_code = QLineEdit()
        self.restore_code.setPlaceholderText(self.tr("0000 0000 0000 0000 0000 0000"))
        self.restore_label = QLabel(self.tr("恢复码(&R)："))
        self.restore_label.setBuddy(self.restore_code)
        self.restore_label.setToolTip(self.tr("这是恢复文件（学校电脑丢失或损坏后由上级生成），"
                                              "请输入上级电话告知的 24 位数字"))
        form.addRow(self.restore_label, self.restore_code)
        layout.addLayout(form)
        self.chosen = _note()
        layout.addWidget(self.chosen)
        self.note = _note(self.tr("密钥用来给报送的数据包加密、签名。口令至少 8 个字符；以后每次导出、导入数据包"
                                  "都要输入它，忘记口令将无法发送和接收数据。"))
        self.note.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(self.note)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = _note()
        layout.addWidget(self.status)
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addStretch(0)  # takes the room only while the list is hidden (one unit)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._picked)
        self.folder.edit.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.restore_code.textChanged.connect(lambda *_: self.completeChanged.emit())

    @property
    def busy(self) -> bool:
        return self._op is not None

    def initializePage(self) -> None:  # noqa: N802
        """The units of the file chosen on the previous page (one: already selected)."""
        statement = _first_run(self).setup_file_page.statement or {}
        names = statement.get("unit_names") or {}
        types = {s.get("code"): s.get("school_type") for s in statement.get("schools", [])}
        self.list.clear()
        self.filter.clear()
        for code in statement.get("units", []):
            text = f"{names.get(code, code)}（{code}）"
            if types.get(code):
                text += f" · {types[code]}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        several = self.list.count() > 1
        self.filter.setVisible(several)
        self.list.setVisible(several)  # one unit: said below, nothing to pick
        self.setSubTitle(self.tr("这个设立文件包含 %n 个单位，请选择本单位。", "", self.list.count())
                         if several else
                         self.tr("确认本单位和工作区文件夹。建立时会为本单位生成密钥，需要设置一个口令。"))
        if not several and self.list.count():
            self.list.setCurrentRow(0)
        restore = self.is_restore()
        self.restore_code.setVisible(restore)
        self.restore_label.setVisible(restore)
        if restore:
            self.setSubTitle(self.tr("这是恢复文件：上级保存的本校全部数据将恢复到新的工作区。请输入上级"
                                     "电话告知的 24 位恢复码，并选择一个新的文件夹。"))
        self.error.clear()
        self.completeChanged.emit()

    def is_restore(self) -> bool:
        statement = _first_run(self).setup_file_page.statement or {}
        return statement.get("restore") is not None

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return

    def code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None

    def _filter(self, text: str) -> None:
        _filter_list(self.list, text)
        self._picked()

    def _picked(self, *_) -> None:
        code = self.code()
        if code:
            statement = _first_run(self).setup_file_page.statement or {}
            name = (statement.get("unit_names") or {}).get(code, code)
            self.chosen.setText(self.tr("将以“%1”的身份建立工作区，上级单位：%2。")
                                .replace("%1", name)
                                .replace("%2", statement.get("from", {}).get("name", "")))
            self.folder.suggest(f"workspace-{code}")
        else:
            self.chosen.clear()
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        code_ok = not self.is_restore() or sum(
            ch.isdigit() for ch in self.restore_code.text()) == 24
        return (self.code() is not None and self.folder.path() is not None and not self.busy
                and code_ok)

    def nextId(self) -> int:  # noqa: N802
        return P_SETUP_DONE

    def validatePage(self) -> bool:  # noqa: N802
        """Made: on to the last page. Else check the folder, ask a new passphrase (when the
        keys are to be made), and start the worker; its end comes back here."""
        from ..passphrase import PassphraseDialog, passphrase_from_environment

        if self.made is not None:
            return True
        code, path = self.code(), self.folder.path()
        if self.busy or code is None or path is None:
            return False
        self.error.clear()
        problem = self.folder_problem(path)
        if problem:
            self.error.setText(problem)
            return False
        try:
            need = not (path / DB_NAME).exists() or not _has_keys(path)
        except EduPlanError as exc:
            self.error.setText(exc.message)
            return False
        if not need:
            self._create(code, path, None)
            return False
        secret = passphrase_from_environment()
        if secret is not None:
            self._create(code, path, secret)
            return False
        dialog = PassphraseDialog(self, self.tr(
            "设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。以后每次导出、导入数据包"
            "都要输入它。"), new=True)
        self.passphrase_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(lambda: self._create(code, path, dialog.passphrase))
        dialog.open()
        return False

    def folder_problem(self, path: Path) -> str | None:
        """Why a workspace cannot go into ``path``: a file, or a folder that holds other things
        (an empty folder, or an EduPlan workspace of this unit, will do)."""
        if not path.exists():
            return None
        if not path.is_dir():
            return self.tr("“%1”是一个文件，不是文件夹；请换一个文件夹。").replace("%1", str(path))
        if (path / DB_NAME).exists():
            return None
        try:
            empty = next(path.iterdir(), None) is None
        except OSError:
            empty = False
        if not empty:
            return self.tr("文件夹“%1”已存在，而且不是 EduPlan 工作区；EduPlan 不会在其中建立工作区。请换一个"
                           "文件夹，或选一个空文件夹。").replace("%1", str(path))
        return None

    def _create(self, code: str, path: Path, secret: str | None) -> None:
        from eduplan_core.exchange.setup import import_setup

        from ..ops import Operation

        wizard = _first_run(self)
        source = wizard.setup_file_page.path
        operator = wizard.choice_page.operator.text().strip()
        assert source is not None  # the first page is complete
        restore_code = self.restore_code.text() if self.is_restore() else None
        op = Operation(lambda progress, cancelled: import_setup(
            source, path, code, operator, secret, restore_code=restore_code), self)
        self._op = op
        self._busy(True)
        op.succeeded.connect(self._created)
        op.failed.connect(self._failed)
        op.start()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.status.setText(self.tr("正在建立工作区、生成本单位的密钥…") if busy else "")
        for widget in (self.filter, self.list, self.folder, self.restore_code):
            widget.setEnabled(not busy)
        self.completeChanged.emit()  # the wizard sets its buttons again: then these
        wizard = self.wizard()
        if wizard is not None:
            for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
                if busy:
                    wizard.button(button).setEnabled(False)
                elif button == QWizard.WizardButton.CancelButton:
                    wizard.button(button).setEnabled(True)

    def _created(self, result: Any) -> None:
        self._op = None
        self.made = result
        self._busy(False)
        wizard = _first_run(self)
        wizard.workspace_path = Path(result.path)
        wizard.next()

    def _failed(self, exc: Exception) -> None:
        self._op = None
        self._busy(False)
        if isinstance(exc, EduPlanError):
            self.error.setText(exc.message)
        else:
            logging.getLogger("eduplan").exception("internal error", exc_info=exc)
            self.error.setText(self.tr("程序内部错误，已记录在日志中。"))


class SetupDonePage(QWizardPage):
    """Made: this unit's own fingerprint, which the bureau asks for with the first bundle."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("工作区已建立"))
        self.setSubTitle(self.tr("点“打开”开始使用本单位的工作区。"))
        layout = QVBoxLayout(self)
        self.unit = _note()
        font = self.unit.font()
        font.setBold(True)
        self.unit.setFont(font)
        layout.addWidget(self.unit)
        self.summary = _note()
        self.summary.setStyleSheet(f"color: {GREY.name()};")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("本单位指纹：")))
        self.fingerprint = _fingerprint_label()
        layout.addWidget(self.fingerprint)
        layout.addWidget(_note(self.tr("上级首次收到本单位的数据包时，会请你读出这个指纹。以后也可以在"
                                       "“数据交换 → 本单位密钥…”中查看。")))
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        from ..exchange import fingerprint_lines

        wizard = _first_run(self)
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)  # made: only open it
        r = wizard.setup_unit_page.made
        if r is None:
            return
        self.setTitle(self.tr("工作区已建立") if r.created else self.tr("工作区已更新"))
        self.unit.setText(self.tr("本单位：%1（%2）").replace("%1", r.org_name).replace("%2", r.org))
        lines = [self.tr("上级单位：{parent}，已记下其公钥（指纹 {fingerprint}）").format(
            parent=r.parent_name, fingerprint=r.parent_fingerprint)]
        if r.schools_added:
            lines.append(self.tr("学校名册：新增 %n 所学校", "", r.schools_added))
        lines.append(self.tr("截止日期：{due}").format(due=r.due or self.tr("未设")))
        lines.append(self.tr("工作区文件夹：{path}").format(path=r.path))
        self.summary.setText("\n".join(lines))
        self.fingerprint.setText(fingerprint_lines(r.fingerprint))

    def fingerprint_text(self) -> str:
        return " ".join(self.fingerprint.text().split())

    def nextId(self) -> int:  # noqa: N802
        return -1


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
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("打开(&F)"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("建立工作区(&C)"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(720, 560)

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
