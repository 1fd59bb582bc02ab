"""核对指纹并确认: a unit's key is confirmed only after its fingerprint was read out on the
phone and found equal to the one its bundle carried.

The fingerprint is shown large, in two lines of four groups. The user either types what the
other side reads (checked digit by digit as typed: a wrong group is named at once) or ticks
that every group matched; 确认密钥 waits for one of them, and a typed mismatch keeps it
disabled whatever is ticked. What the user checked goes to ``enrol.confirm`` as the
fingerprint, which compares it again.

Also: the parent's setup file for an existing workspace (its sender and fingerprint, for the
phone check) and a restore file's code, shown once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange.enrol import Peer
from eduplan_core.store.workspace import Workspace

from .fingerprint import fingerprint_label, fingerprint_lines, show_setup_sender
from .models import GREEN, GREY, RED, listed, message_of
from .pages.base import heading


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class ConfirmKeyDialog(QDialog):
    """After ``accepted``: :attr:`checked_fingerprint` is what the user checked."""

    def __init__(self, peer: Peer, contact: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对指纹并确认"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.peer = peer
        self.expected = digits(peer.fingerprint)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(peer.org_name))
        self.intro = intro = QLabel(self.tr(
            "请给{unit}打电话{contact}，请对方打开 EduPlan“数据交换 → 密钥”，逐组读出本单位指纹，"
            "与下面收到的指纹核对：").format(unit=peer.org_name, contact=contact))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.fingerprint = fingerprint_label()
        self.fingerprint.setText(fingerprint_lines(peer.fingerprint))
        layout.addWidget(self.fingerprint)
        form = QFormLayout()
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(self.tr("可输入对方读出的 32 位数字，逐位比对"))
        self.typed.textChanged.connect(self.validate)
        form.addRow(self.tr("对方读出的指纹："), self.typed)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        layout.addWidget(self.message)
        self.tick = QCheckBox(self.tr("我已在电话中逐组核对，对方读出的指纹与上面完全一致"))
        self.tick.toggled.connect(self.validate)
        layout.addWidget(self.tick)
        held = QLabel(self.tr("确认后，{unit}暂存的 {n} 个数据包随即合并。不一致时不要确认：数据包可能"
                              "不是该单位发出的，或途中被换过。").format(unit=peer.org_name,
                                                            n=peer.held_bundles))
        held.setWordWrap(True)
        held.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(held)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("确认密钥"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.validate()

    def _say(self, text: str, colour=GREY) -> None:
        self.message.setStyleSheet(f"color: {colour.name()};")
        self.message.setText(text)

    def validate(self) -> bool:
        typed = digits(self.typed.text())
        ok = False
        if typed:
            wrong = next((i for i, (a, b) in enumerate(zip(typed, self.expected)) if a != b),
                         None)
            if wrong is not None or len(typed) > len(self.expected):
                group = (wrong if wrong is not None else len(self.expected)) // 4 + 1
                self._say(self.tr("第 {group} 组不一致：不要确认，请联系对方查明。").format(
                    group=group), RED)
            elif len(typed) < len(self.expected):
                self._say(self.tr("已核对 {n} / 32 位，到此一致。").format(n=len(typed)))
            else:
                ok = True
                self._say(self.tr("✓ 32 位全部一致。"), GREEN)
        elif self.tick.isChecked():
            ok = True
            self._say(self.tr("已勾选：逐组核对一致。"), GREEN)
        else:
            self._say(self.tr("输入对方读出的指纹，或核对后勾选下面的方框。"))
        self.ok_button.setEnabled(ok)
        return ok

    @property
    def checked_fingerprint(self) -> str:
        """What was typed when typed, else the fingerprint shown (ticked as read)."""
        return self.typed.text().strip() or self.peer.fingerprint

    def accept(self) -> None:
        if self.validate():
            super().accept()


class ParentSetupDialog(QDialog):
    """文件 → 导入上级的设立文件…: the file's sender and its fingerprint, large, to be read back
    to the bureau over the phone (as the wizard's setup-file page shows them); what stops the
    file from being used here said before anything is asked. ``problem`` is None when 导入 may
    go on."""

    def __init__(self, path: Path, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入上级的设立文件"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.path = path
        self.statement: dict[str, Any] | None = None
        self.problem: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(ws.org.name))
        self.file = QLabel(str(path))
        self.file.setWordWrap(True)
        self.file.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(self.file)
        self.bureau = QLabel()
        font = self.bureau.font()
        font.setBold(True)
        self.bureau.setFont(font)
        self.bureau.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.bureau)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(self.summary)
        self.fingerprint_title = QLabel(self.tr("上级单位的指纹："))
        layout.addWidget(self.fingerprint_title)
        self.fingerprint = fingerprint_label()
        layout.addWidget(self.fingerprint)
        self.instruction = QLabel()
        self.instruction.setWordWrap(True)
        self.instruction.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.instruction)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {RED.name()};")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("指纹一致，导入(&I)"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self._load(ws)

    def _load(self, ws: Workspace) -> None:
        from eduplan_core.exchange.setup import read_setup

        try:
            statement = read_setup(self.path)
        except EduPlanError as exc:
            self._refuse(message_of(exc))
            for widget in (self.bureau, self.summary, self.fingerprint_title, self.fingerprint,
                           self.instruction):
                widget.hide()
            return
        self.statement = statement
        sender = statement["from"]
        names = statement.get("unit_names") or {}
        units = statement["units"]
        show_setup_sender(statement, self.bureau, self.summary, self.fingerprint,
                          self.instruction)
        if ws.org_code not in units:
            self._refuse(self.tr("这个设立文件是为{units}生成的，不包括本单位（{org}）。").format(
                units=listed(names.get(u, u) for u in units), org=ws.org.name))
        elif sender["org"] != ws.org.parent:
            self._refuse(self.tr("设立文件来自{sender}，不是本单位的上级单位。").format(
                sender=sender["name"]))
        elif statement.get("restore") is not None:
            self._refuse(self.tr("这是恢复文件，用于在新电脑上重建学校的工作区：请用“文件 → 新建工作区… → "
                                 "用上级发来的设立文件建立”，选择一个新的文件夹。"))

    def _refuse(self, text: str) -> None:
        self.problem = text
        self.error.setText(text)
        self.ok_button.setEnabled(False)

    def fingerprint_text(self) -> str:
        return " ".join(self.fingerprint.text().split())

    def accept(self) -> None:
        if self.problem is None:
            super().accept()


class RestoreCodeDialog(QDialog):
    """The restore code of a restore file just made, large, shown this once: read to the
    school over the phone, never sent with the file."""

    def __init__(self, school: str, code: str, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("恢复码"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(school))
        made = QLabel(self.tr("已生成恢复文件：{path}").format(path=path))
        made.setWordWrap(True)
        made.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(made)
        layout.addWidget(QLabel(self.tr("恢复码：")))
        self.code = fingerprint_label(2.4)
        groups = code.split()
        self.code.setText(" ".join(groups[:3]) + "\n" + " ".join(groups[3:]))
        layout.addWidget(self.code)
        warning = QLabel(self.tr("请通过电话把恢复码读给学校（不要和文件一起发送）；恢复码只显示这一次"))
        warning.setWordWrap(True)
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)
        warning.setStyleSheet(f"color: {RED.name()};")
        layout.addWidget(warning)
        hint = QLabel(self.tr("学校在新电脑上用“新建工作区 → 用上级发来的设立文件建立”选择这个文件，"
                              "再输入恢复码，本单位保存的该校全部数据就恢复到新的工作区。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {GREY.name()};")
        layout.addWidget(hint)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("已记下，关闭"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)

    def code_text(self) -> str:
        return " ".join(self.code.text().split())
