"""A key's fingerprint as it is read out on the phone: the 32 digits large, fixed-width, bold
and selectable, in two lines of four groups. One label for every place that shows one: this
unit's keys (desktop/exchange.py), the exchange dialogs, the setup wizard's pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel

from .models import listed


def fingerprint_lines(fingerprint: str) -> str:
    """The 8 groups of 4 digits on two lines of four, to be read out on the phone."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


def fingerprint_label(scale: float = 2.2, padding: int = 12) -> QLabel:
    """The label for a fingerprint (set with :func:`fingerprint_lines`): ``scale`` times the
    fixed font (at least 10 points), bold, selectable, centred on a light grey ground with
    ``padding`` pixels round it."""
    label = QLabel()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"padding: {padding}px; background: #f5f5f5;")
    return label


def shown_fingerprint(label: QLabel) -> str:
    """The fingerprint ``label`` shows, on one line."""
    return " ".join(label.text().split())


def show_setup_sender(statement: dict[str, Any], bureau: QLabel, summary: QLabel,
                      fingerprint: QLabel, instruction: QLabel) -> None:
    """A setup file's sender (name and code), what it sets up, the sender's fingerprint and
    what to do with it on the phone — for the wizard's setup-file page and for 文件 → 导入上级的
    设立文件… alike."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("SetupSender", text)

    sender = statement["from"]
    names = statement.get("unit_names") or {}
    bureau.setText(tr("发出单位：%1（%2）").replace("%1", sender["name"])
                   .replace("%2", sender["org"]))
    summary.setText(tr("设立单位：{units}；学校 {schools} 所；截止日期：{due}").format(
        units=listed(names.get(u, u) for u in statement["units"]),
        schools=len(statement["schools"]), due=statement.get("due") or tr("未设")))
    fingerprint.setText(fingerprint_lines(sender["fingerprint"]))
    instruction.setText(tr(
        "请给%1打电话，把上面的 32 位数字逐组读给对方，请对方与其 EduPlan“数据交换 → 本单位密钥…”"
        "中的指纹核对。一致才继续；不一致说明文件不是上级发出的，或途中被换过，不要使用它。")
        .replace("%1", sender["name"]))
