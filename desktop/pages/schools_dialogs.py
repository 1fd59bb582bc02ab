"""学校名录's dialogs: 添加学校 (checked as `orgs add` checks, every reason shown at once) and
修改 (what changes from a chosen year on — renamed, 停办/撤并, ownership, 纸质报送, 优质学校,
教学点 — and, not by year, the contact and phone).

The dialogs only gather and check (eduplan_core.store.orgs: check_school, check_school_change,
check_contact against the window's workspace); the page stores what they return in a worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QFrame, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from eduplan_core.catalog.model import OWNERSHIPS, SCHOOL_STATUS, SCHOOL_TYPES, URBAN_RURAL, Org
from eduplan_core.inputs import YEAR_MAX, YEAR_MIN
from eduplan_core.store.orgs import (TEACHING_POINT_TYPE, SchoolInput, check_contact,
                                     check_school, check_school_change)

from ..models import GREY, RED, value_name, words
from .base import heading




def choice_box(values: tuple[str, ...], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for v in values:
        box.addItem(value_name(v), v)
    if current is not None and box.findData(current) >= 0:
        box.setCurrentIndex(box.findData(current))
    return box


def select(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    box.setCurrentIndex(index if index >= 0 else 0)


def reasons_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"color: {RED.name()};")
    return label


def schools_of(ws, year: int, county: str | None = None, but: str | None = None
               ) -> list[tuple[str, str]]:
    """(code, name as of the year) of the bureau's schools — those of ``county`` when given —
    that are not 教学点 themselves, for choosing a 教学点's school or a merger's."""
    out = []
    for org in ws.orgs.descendants(ws.org_code):
        if not org.is_school or org.code == but:
            continue
        if county is not None and org.parent != county:
            continue
        attrs = org.attrs_at(year)
        if not attrs.teaching_point:
            out.append((org.code, attrs.name))
    return sorted(out, key=lambda x: x[1])


def school_box(schools: list[tuple[str, str]], none_text: str) -> QComboBox:
    box = QComboBox()
    box.addItem(none_text, None)
    for code, name in schools:
        box.addItem(f"{name}（{code}）", code)
    return box


class AddSchoolDialog(QDialog):
    """After ``accepted``: :attr:`school` is the checked school (an Org) to register."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        ws = session.ws
        self.school: Org | None = None
        self.setWindowTitle(self.tr("添加学校"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("添加学校")))
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("10 位学校标识码"))
        self.name = QLineEdit()
        self.county = QComboBox()
        me = ws.org
        counties = [me] if me.level == "county" else [
            o for o in ws.orgs.descendants(me.code) if o.level == "county"]
        for c in counties:
            self.county.addItem(c.name, c.code)
        self.type = choice_box(SCHOOL_TYPES, "小学")
        self.ownership = choice_box(OWNERSHIPS, "公办")
        self.urban_rural = choice_box(URBAN_RURAL, "乡村")
        self.paper = QCheckBox(self.tr("纸质报送（由本局代为录入）"))
        self.point = QCheckBox(self.tr("教学点"))
        # what a 教学点 means, wrapped under it (one line of it was wider than the dialog)
        point_note = QLabel(self.tr("教学点登记为小学，填报小学基表。"))
        point_note.setWordWrap(True)
        point_note.setStyleSheet(f"color: {GREY.name()};")
        self.point.setToolTip(point_note.text())
        point_row = QWidget()
        point_box = QVBoxLayout(point_row)
        point_box.setContentsMargins(0, 0, 0, 0)
        point_box.setSpacing(0)
        point_box.addWidget(self.point)
        point_box.addWidget(point_note)
        self.parent_school = QComboBox()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        form.addRow(self.tr("学校代码："), self.code)
        form.addRow(self.tr("学校名称："), self.name)
        form.addRow(self.tr("所属县（市、区）："), self.county)
        form.addRow(self.tr("学校类型："), self.type)
        form.addRow(self.tr("办学性质："), self.ownership)
        form.addRow(self.tr("城乡类别："), self.urban_rural)
        form.addRow(self.tr("报送方式："), self.paper)
        form.addRow(self.tr("教学点："), point_row)
        form.addRow(self.tr("所属学校："), self.parent_school)
        form.addRow(self.tr("联系人："), self.contact)
        form.addRow(self.tr("联系电话："), self.phone)
        layout.addLayout(form)
        self.reasons = reasons_label()
        layout.addWidget(self.reasons)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("登记(&R)"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.county.currentIndexChanged.connect(self._fill_schools)
        self.point.toggled.connect(self._point_toggled)
        self._fill_schools()
        self._point_toggled(False)
        self.setMinimumWidth(480)

    def _fill_schools(self, *_) -> None:
        self.parent_school.clear()
        self.parent_school.addItem(self.tr("（不指定）"), None)
        for code, name in schools_of(self.session.ws, self.session.year,
                                     self.county.currentData()):
            self.parent_school.addItem(f"{name}（{code}）", code)

    def _point_toggled(self, on: bool) -> None:
        self.parent_school.setEnabled(on)
        if on:
            select(self.type, TEACHING_POINT_TYPE)  # a 教学点 fills the 小学 form
        else:
            self.parent_school.setCurrentIndex(0)

    def given(self) -> SchoolInput:
        return SchoolInput(
            code=self.code.text().strip(), name=self.name.text().strip(),
            parent=self.county.currentData() or "", type=self.type.currentData(),
            ownership=self.ownership.currentData(), urban_rural=self.urban_rural.currentData(),
            contact=self.contact.text(), phone=self.phone.text(),
            paper=self.paper.isChecked(), teaching_point=self.point.isChecked(),
            parent_school=(self.parent_school.currentData() or "")
            if self.point.isChecked() else "")

    def check(self) -> list[str]:
        ws = self.session.ws
        school, reasons = check_school(ws.orgs, self.given(), within=ws.org_code)
        self.school = school if not reasons else None
        self.reasons.setText("\n".join("• " + words(r) for r in reasons))
        return reasons

    def accept(self) -> None:
        if not self.check():
            super().accept()


# the yearly attributes the dialog offers, in the order they are shown
YEARLY = ("name", "type", "ownership", "urban_rural", "status", "merged_into", "paper",
          "quality", "teaching_point", "parent_school")


class ChangeSchoolDialog(QDialog):
    """After ``accepted``: :attr:`year`, :attr:`changes` (attribute → value from that year on)
    and :attr:`contact` / :attr:`phone` (None: unchanged)."""

    def __init__(self, session, org: Org, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.org = org
        self.year = session.year
        self.changes: dict[str, Any] = {}
        self.contact: str | None = None
        self.phone: str | None = None
        ws = session.ws
        self.setWindowTitle(self.tr("修改学校"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.title = heading(f"{org.attrs_at(session.year).name}（{org.code}）")
        layout.addWidget(self.title)
        intro = QLabel(self.tr("改名、停办、撤并、办学性质、报送方式等按年记录：自所选年份起生效，"
                               "之前各年保持原样（例如 2025 年起改名，2024 年仍显示原名）。"))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(intro)
        form = QFormLayout()
        self.year_box = QSpinBox()
        self.year_box.setRange(YEAR_MIN, YEAR_MAX)
        self.year_box.setValue(session.year)
        self.year_box.setSuffix(self.tr(" 年起"))
        self.name = QLineEdit()
        self.type = choice_box(SCHOOL_TYPES)
        self.ownership = choice_box(OWNERSHIPS)
        self.urban_rural = choice_box(URBAN_RURAL)
        self.status = choice_box(SCHOOL_STATUS)
        others = schools_of(ws, session.year, but=org.code)
        self.merged_into = school_box(others, self.tr("（未指定）"))
        self.paper = QCheckBox(self.tr("纸质报送（由本局代为录入）"))
        self.quality = QCheckBox(self.tr("优质学校（本年度认定）"))
        self.point = QCheckBox(self.tr("教学点"))
        self.parent_school = school_box(
            [s for s in others if ws.orgs.get(s[0]) is not None and
             ws.orgs.get(s[0]).parent == org.parent], self.tr("（不指定）"))
        form.addRow(self.tr("生效年份："), self.year_box)
        form.addRow(self.tr("学校名称："), self.name)
        form.addRow(self.tr("学校类型："), self.type)
        form.addRow(self.tr("办学性质："), self.ownership)
        form.addRow(self.tr("城乡类别："), self.urban_rural)
        form.addRow(self.tr("办学状态："), self.status)
        form.addRow(self.tr("并入学校："), self.merged_into)
        form.addRow(self.tr("报送方式："), self.paper)
        form.addRow(self.tr("优质学校："), self.quality)
        form.addRow(self.tr("教学点："), self.point)
        form.addRow(self.tr("所属学校："), self.parent_school)
        layout.addLayout(form)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        contact_note = QLabel(self.tr("联系人和电话不按年记录：改正后即为现在的联系方式。"))
        contact_note.setWordWrap(True)
        contact_note.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(contact_note)
        contacts = QFormLayout()
        self.contact_edit = QLineEdit(org.contact or "")
        self.phone_edit = QLineEdit(org.phone or "")
        contacts.addRow(self.tr("联系人："), self.contact_edit)
        contacts.addRow(self.tr("联系电话："), self.phone_edit)
        layout.addLayout(contacts)
        self.reasons = reasons_label()
        layout.addWidget(self.reasons)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("保存修改(&S)"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._sync_enabled)
        self.point.toggled.connect(self._sync_enabled)
        self.year_box.valueChanged.connect(self.load)
        self.load()
        self.setMinimumWidth(520)

    def load(self, *_) -> None:
        """The fields as they stand in the chosen year."""
        a = self.org.attrs_at(self.year_box.value())
        self.name.setText(a.name)
        select(self.type, a.type)
        select(self.ownership, a.ownership)
        select(self.urban_rural, a.urban_rural)
        select(self.status, a.status)
        select(self.merged_into, a.merged_into)
        self.paper.setChecked(a.paper)
        self.quality.setChecked(a.quality)
        self.point.setChecked(a.teaching_point)
        select(self.parent_school, a.parent_school)
        self._sync_enabled()
        self.reasons.setText("")

    def _sync_enabled(self, *_) -> None:
        self.merged_into.setEnabled(self.status.currentData() == "撤并")
        self.parent_school.setEnabled(self.point.isChecked())

    def wanted(self) -> dict[str, Any]:
        """Every yearly attribute as the dialog shows it."""
        merged = self.status.currentData() == "撤并"
        return {"name": self.name.text().strip(), "type": self.type.currentData(),
                "ownership": self.ownership.currentData(),
                "urban_rural": self.urban_rural.currentData(),
                "status": self.status.currentData(),
                "merged_into": self.merged_into.currentData() if merged else None,
                "paper": self.paper.isChecked(), "quality": self.quality.isChecked(),
                "teaching_point": self.point.isChecked(),
                "parent_school": self.parent_school.currentData()
                if self.point.isChecked() else None}

    def check(self) -> list[str]:
        """The changes against the chosen year, checked; every reason shown at once."""
        year = self.year_box.value()
        now = self.org.attrs_at(year)
        wanted = self.wanted()
        changes = {k: v for k, v in wanted.items() if getattr(now, k) != v}
        contact = self.contact_edit.text().strip()
        phone = self.phone_edit.text().strip()
        contact_changed = (contact, phone) != ((self.org.contact or ""), (self.org.phone or ""))
        _, reasons = check_school_change(self.session.ws.orgs, self.org.code, year, changes)
        if contact_changed:
            reasons += check_contact(contact, phone)
        if not changes and not contact_changed:
            reasons = [self.tr("没有修改。")]
        self.year, self.changes = year, changes
        self.contact = contact if contact_changed else None
        self.phone = phone if contact_changed else None
        self.reasons.setText("\n".join("• " + words(r) for r in reasons))
        return reasons

    def accept(self) -> None:
        if not self.check():
            super().accept()
