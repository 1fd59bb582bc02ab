"""核对指纹并确认: a unit's key is confirmed only after its fingerprint was read out on the
phone and found equal to the one its bundle carried.

The fingerprint is shown large, in two lines of four groups. The user either types what the
other side reads (checked digit by digit as typed: a wrong group is named at once) or ticks
that every group matched; 确认密钥 waits for one of them, and a typed mismatch keeps it
disabled whatever is ticked. What the user checked goes to ``enrol.confirm`` as the
fingerprint, which compares it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from eduplan_core.exchange.enrol import Peer

from .exchange import fingerprint_label, fingerprint_lines
from .models import GREEN, GREY, RED
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
