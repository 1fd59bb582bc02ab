"""The head of a form: its title and state, the buttons that act on the whole form, a banner
for what an action did, and what still stops a submission."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eduplan_core.inputs import shown

from ..models import AMBER_TEXT, GREEN, RED, RED_BG


class FormHeader(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("请选择要填写的表单"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label = QLabel()
        head.addWidget(self.title)
        head.addWidget(self.state_label)
        head.addStretch(1)
        self.carry_button = QPushButton(self.tr("沿用上年数据(&L)"))
        self.carry_button.setToolTip(self.tr("把上年的值填入本年尚未填写的字段（标记为“沿用”，请逐项核实）"))
        self.history_button = QPushButton(self.tr("字段历史(&H)"))
        self.history_button.setToolTip(self.tr("当前字段的每一次修改（Ctrl+H）"))
        self.submit_button = QPushButton(self.tr("提交(&S)"))
        self.submit_button.setToolTip(self.tr("冻结当前数据并提交；有错误、未说明的警告或必填项未填时不能提交"))
        self.edit_button = QPushButton(self.tr("修改(&E)"))
        self.edit_button.setToolTip(self.tr("已提交的表是只读的：退回草稿以修改（记录在审计日志中），改完需要重新提交"))
        self.edit_button.hide()
        for b in (self.edit_button, self.carry_button, self.history_button, self.submit_button):
            head.addWidget(b)
        outer.addLayout(head)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        outer.addWidget(self.banner)
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        outer.addWidget(self.blockers)

    def show_problems(self, counts: tuple[int, int, int], submitted: bool) -> None:
        """What stops a submission (errors, warnings to explain, required fields not filled:
        the core's review), else that it can be submitted or is submitted."""
        n_err, n_warn, n_missing = counts
        if n_err or n_warn or n_missing:
            parts = []
            if n_err:
                parts.append(self.tr("改正 %n 处错误", "", n_err))
            if n_warn:
                parts.append(self.tr("说明 %n 条警告", "", n_warn))
            if n_missing:
                parts.append(self.tr("填写 %n 个必填项", "", n_missing))
            set_label(self.blockers, self.tr("提交前需要：") + "，".join(parts),
                      AMBER_TEXT.name())
        elif submitted:
            set_label(self.blockers, self.tr("已提交，数据已冻结（只读）；如需修改，请点“修改”。"),
                      GREEN.name())
        else:
            set_label(self.blockers, self.tr("没有待处理的问题，可以提交。"), GREEN.name())

    def set_banner(self, text: str, kind: str = "info") -> None:
        """``kind``: error (red), ok (green) or info; an empty text hides the banner."""
        if not text:
            self.banner.hide()
            self.banner.clear()
            return
        fg, bg = {"error": (RED, RED_BG), "ok": (GREEN, None), "info": (None, None)}.get(
            kind, (None, None))
        style = "padding: 4px;"
        if fg is not None:
            style += f" color: {fg.name()};"
        if bg is not None:
            style += f" background: {bg.name()};"
        self.banner.setStyleSheet(style)
        self.banner.setText(shown(text, keep_newlines=True))
        self.banner.show()


def set_label(label: QLabel, text: str, colour: str = "") -> None:
    """Change a label only when its text or colour changes (no needless repaints)."""
    style = f"color: {colour};" if colour else ""
    if label.styleSheet() != style:
        label.setStyleSheet(style)
    if label.text() != text:
        label.setText(text)
