"""The workspace wizard's pages around a setup file sent by the bureau (desktop/pages/wizard.py;
eduplan_core/exchange/setup.py): first the file — its sender and the fingerprint of its key, to
be read back to the bureau over the phone; last, once the workspace is made
(desktop/pages/wizard_setup_unit.py), this unit's own fingerprint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from eduplan_core.errors import EduPlanError

from ..models import message_of
from ..fingerprint import (fingerprint_label, fingerprint_lines, show_setup_sender,
                           shown_fingerprint)
from .wizard_parts import P_SETUP_UNIT, error_label, first_run, note

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
        self.bureau = note(bold=True)
        box.addWidget(self.bureau)
        self.summary = note(grey=True)
        box.addWidget(self.summary)
        box.addWidget(note(self.tr("上级单位的指纹：")))
        self.fingerprint = fingerprint_label(padding=8)
        box.addWidget(self.fingerprint)
        self.instruction = note()
        box.addWidget(self.instruction)
        layout.addWidget(self.details)
        self.details.hide()
        self.error = error_label()
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

        self.path = path
        self.file.setText(str(path))
        self.statement = None
        self.details.hide()
        self.error.clear()
        try:
            statement = read_setup(path)
        except EduPlanError as exc:
            self.error.setText(message_of(exc))
            self.completeChanged.emit()
            return
        self.statement = statement
        show_setup_sender(statement, self.bureau, self.summary, self.fingerprint,
                          self.instruction)
        self.details.show()
        self.completeChanged.emit()

    def fingerprint_text(self) -> str:
        return shown_fingerprint(self.fingerprint)

    def isComplete(self) -> bool:  # noqa: N802
        return self.statement is not None

    def nextId(self) -> int:  # noqa: N802
        return P_SETUP_UNIT


class SetupDonePage(QWizardPage):
    """Made: this unit's own fingerprint, which the bureau asks for with the first bundle."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("工作区已建立"))
        self.setSubTitle(self.tr("点“打开”开始使用本单位的工作区。"))
        layout = QVBoxLayout(self)
        self.unit = note(bold=True)
        layout.addWidget(self.unit)
        self.summary = note(grey=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(note(self.tr("本单位指纹：")))
        self.fingerprint = fingerprint_label(padding=8)
        layout.addWidget(self.fingerprint)
        layout.addWidget(note(self.tr("上级首次收到本单位的数据包时，会请你读出这个指纹。以后也可以在"
                                       "“数据交换 → 本单位密钥…”中查看。")))
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        wizard = first_run(self)
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
        return shown_fingerprint(self.fingerprint)

    def nextId(self) -> int:  # noqa: N802
        return -1

