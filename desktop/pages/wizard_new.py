"""The workspace wizard's pages for a new workspace (desktop/pages/wizard.py): a bureau's,
picked from the tree of offices (a filter keeps the units that match, with the units above and
below them), or a school's, typed in with the county it is in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWizardPage)

from eduplan_core.catalog.model import OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
from eduplan_core.errors import EduPlanError
from eduplan_core.vocab import Role

from ..models import level_name, message_of, named, term, words
from .schools_dialogs import choice_box
from .wizard_parts import FolderRow, UnitPage, catalog, error_label, first_run, note

class BureauPage(UnitPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("新建教育行政部门工作区"))
        self.setSubTitle(self.tr("选择本单位：县（市、区）、州（市）或省。"))
        layout = QVBoxLayout(self)
        self.add_filter(layout, self.tr("按名称或代码筛选，例如：会泽"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("单位"), self.tr("级别"), self.tr("代码")])
        self.tree.setColumnWidth(0, 260)
        from eduplan_core.orgtree import OrgTree

        tree = OrgTree(catalog())
        self.items: dict[str, QTreeWidgetItem] = {}
        for org in tree:
            if org.level == "school":
                continue
            item = QTreeWidgetItem([org.name, level_name(org.level), org.code])
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
        self.tree.resizeColumnToContents(1)  # the level whole (English: County (city, …))
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.folder = FolderRow()
        self.folder.add_to(form)
        layout.addLayout(form)
        self.chosen = note()
        layout.addWidget(self.chosen)
        self.error = error_label()
        layout.addWidget(self.error)
        self.tree.currentItemChanged.connect(self._picked)
        self.folder.edit.textChanged.connect(lambda *_: self.completeChanged.emit())

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

    def describe(self, code: str) -> str:
        org = catalog().orgs[code]
        return self.tr("将以“%1”的身份建立工作区。").replace(
            "%1", named(org.name, term(Role(org.level))))

    def isComplete(self) -> bool:  # noqa: N802
        return self.code() is not None and self.folder.path() is not None

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        from eduplan_core.store.workspace import Workspace

        wizard = first_run(self)
        code, path = self.code(), self.folder.path()
        if code is None or path is None:
            return False
        org = catalog().orgs[code]
        try:
            Workspace.create(path, org=org.code, role=org.level,
                             operator=wizard.choice_page.operator.text()).close()
        except EduPlanError as exc:
            self.error.setText(message_of(exc))
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
        orgs = catalog().orgs
        self.county = QComboBox()
        for org in sorted(orgs.values(), key=lambda o: o.code):
            if org.level == "county":
                parent = orgs.get(org.parent)
                self.county.addItem(f"{parent.name if parent else ''} · {org.name}", org.code)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("10 位学校标识码"))
        self.code.setMaxLength(10)
        self.name = QLineEdit()
        # the core's words as data, each shown in the window's language
        self.type = choice_box(SCHOOL_TYPES, "小学")
        self.ownership = choice_box(OWNERSHIPS)
        self.urban_rural = choice_box(URBAN_RURAL)
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.folder = FolderRow()
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
        self.error = error_label()
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

        wizard = first_run(self)
        units = catalog()
        school, errors = check_school(OrgTree(units), SchoolInput(
            code=self.code.text(), name=self.name.text(), parent=self.county.currentData(),
            type=self.type.currentData(), ownership=self.ownership.currentData(),
            urban_rural=self.urban_rural.currentData(), contact=self.contact.text(),
            phone=self.phone.text()))
        path = self.folder.path()
        if errors or school is None or path is None:
            self.error.setText("\n".join(words(e) for e in errors))
            return False
        try:
            Workspace.create(path, org=school.code, role="school",
                             operator=wizard.choice_page.operator.text(), school=school,
                             catalog=units).close()
        except EduPlanError as exc:
            self.error.setText(message_of(exc))
            return False
        wizard.workspace_path = path
        return True

