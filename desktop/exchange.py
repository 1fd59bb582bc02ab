"""The 数据交换 menu of the main window and what the 数据交换 page shares with it: the
outcomes' names and colours, the fingerprint as it is read on the phone (desktop/fingerprint.py,
offered here too), this unit's keys (:class:`KeysView`, also the 本单位密钥 dialog) and an
import's table of outcomes (:class:`OutcomeTable`).

The menu's 本单位密钥… opens the dialog (the fingerprint large, for a phone check; keys made
there when there are none); 导出数据包… and 导入数据包… open the page
(desktop/exchange_page.py), which does the work in workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMenuBar,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from eduplan_core.exchange import keys
from eduplan_core.exchange.inbox import FileOutcome, ImportReport, Outcome

from .exchange_section import for_desktop
from .fingerprint import fingerprint_label, fingerprint_lines
from .models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, Column, RowsModel, words
from .pages.base import heading, setup_table
from .passphrase import PassphraseDialog
from .session import Session

# the outcomes' names (Outcome.zh), for the translation file
OUTCOME_NAMES = {
    Outcome.MERGED: QT_TRANSLATE_NOOP("ExchangeOutcome", "已合并"),
    Outcome.DUPLICATE: QT_TRANSLATE_NOOP("ExchangeOutcome", "重复（无变化）"),
    Outcome.STALE: QT_TRANSLATE_NOOP("ExchangeOutcome", "较旧（已保留，未采用）"),
    Outcome.PENDING: QT_TRANSLATE_NOOP("ExchangeOutcome", "待确认"),
    Outcome.CONFLICT: QT_TRANSLATE_NOOP("ExchangeOutcome", "有冲突"),
    Outcome.REJECTED: QT_TRANSLATE_NOOP("ExchangeOutcome", "已拒收"),
}
OUTCOME_COLORS = {Outcome.MERGED: (GREEN, None), Outcome.DUPLICATE: (GREY, None),
                  Outcome.STALE: (GREY, None), Outcome.PENDING: (AMBER_TEXT, AMBER_BG),
                  Outcome.CONFLICT: (AMBER_TEXT, AMBER_BG), Outcome.REJECTED: (RED, RED_BG)}


def outcome_name(outcome: Outcome) -> str:
    return QCoreApplication.translate("ExchangeOutcome", outcome.zh)


class KeysView(QWidget):
    """This unit's keys: the fingerprint, large; or, without keys, a button to make them.
    Shown in the 本单位密钥 dialog and on the 数据交换 page's 密钥 section."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._fingerprint = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # without keys
        self.none_page = none = QWidget()
        box = QVBoxLayout(none)
        box.setContentsMargins(0, 0, 0, 0)
        text = QLabel(self.tr("本工作区还没有密钥。\n\n密钥用来给报送的数据包加密、签名：只有上级能打开，"
                              "上级也能确认数据包确实来自本单位。建立密钥时请设置一个口令（至少 8 个字符）；"
                              "忘记口令将无法发送和接收数据。"))
        text.setWordWrap(True)
        box.addWidget(text)
        self.create_button = QPushButton(self.tr("建立密钥…"))
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(none)
        # with keys
        self.keys_page = shown = QWidget()
        box = QVBoxLayout(shown)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("本单位指纹：")))
        self.fingerprint = fingerprint_label()
        box.addWidget(self.fingerprint)
        hint = QLabel(self.tr("与上级或下级单位通电话时，请逐组读出、核对这 32 位数字；一致才说明对方收到的"
                              "是本单位的密钥。"))
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setStyleSheet(f"color: {GREY.name()};")
        box.addWidget(self.details)
        self.copy_button = QPushButton(self.tr("复制指纹"))
        self.buttons = QHBoxLayout()  # the page adds its own buttons here
        self.buttons.addWidget(self.copy_button)
        self.buttons.addStretch(1)
        box.addLayout(self.buttons)
        layout.addWidget(shown)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self._fingerprint))
        self.show_info(None)

    @property
    def has_keys(self) -> bool:
        return not self.keys_page.isHidden()

    def show_info(self, info: keys.KeyInfo | None) -> None:
        self.none_page.setHidden(info is not None)
        self.keys_page.setHidden(info is None)
        if info is None:
            self._fingerprint = ""
            return
        self._fingerprint = info.fingerprint
        self.fingerprint.setText(fingerprint_lines(info.fingerprint))
        cur = info.current
        self.details.setText(
            self.tr("第 {generation} 代密钥，建立于 {at}（{by}）\n私钥保护：{kdf}").format(
                generation=cur.generation, at=cur.created_at.replace("T", " ")[:19],
                by=cur.created_by, kdf=info.kdf.describe()))


class KeysDialog(QDialog):
    """本单位密钥: the fingerprint, large; or, without keys, a button to make them."""

    def __init__(self, org_name: str, info: keys.KeyInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("本单位密钥"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(org_name))
        self.view = KeysView(self)
        self.create_button = self.view.create_button
        self.fingerprint = self.view.fingerprint
        layout.addWidget(self.view)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self.show_info(info)

    @property
    def has_keys(self) -> bool:
        return self.view.has_keys

    def show_info(self, info: keys.KeyInfo | None) -> None:
        self.view.show_info(info)
        self.adjustSize()


def result_rows(report: ImportReport) -> list[dict[str, Any]]:
    """One row a file: file, sender, sequence, outcome, what changed and why."""
    rows = []
    for f in report.files:
        rows.append({"file": Path(f.file).name, "sender": f.sender_name or f.sender or "",
                     "sequence": f.sequence, "outcome": f.outcome,
                     "reason": _explanation(f), "item": f})
    return rows


def _explanation(f: FileOutcome) -> str:
    c = f.changes
    what = ""
    if f.outcome in (Outcome.MERGED, Outcome.CONFLICT):
        what = QCoreApplication.translate(
            "OutcomeTable", "学校 {schools}，表 {entries}，修改 {revisions}，提交 {submissions}，"
            "数值 {values}").format(schools=c.schools, entries=c.entries, revisions=c.revisions,
                                  submissions=c.submissions, values=c.values)
    return "；".join(x for x in (what, for_desktop(words(f.said))) if x)


class OutcomeTable(QWidget):
    """What happened to each file of an import: a count line, a row a file coloured by its
    outcome, the chosen row's whole explanation below (a held bundle's: the fingerprint to
    check)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.model = RowsModel([
            Column("file", self.tr("文件"), tooltip=lambda r: r["file"]),
            Column("sender", self.tr("发送单位")),
            Column("sequence", self.tr("序号"), fmt=lambda v: "" if v is None else str(v),
                   align_right=True),
            Column("outcome", self.tr("结果"), fmt=outcome_name),
            Column("reason", self.tr("说明"), tooltip=lambda r: r["reason"]),
        ], color=lambda r: OUTCOME_COLORS.get(r["outcome"]), parent=self)
        self.view = setup_table(QTableView(), resize_to_contents=True)
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3 + 8)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_detail(current.row()))

    def show_report(self, report: ImportReport, note: str = "") -> None:
        counts = self.tr("，").join(f"{outcome_name(o)} {report.count(o)}"
                                   for o in Outcome if report.count(o))
        self.summary.setText(self.tr("共 {n} 个文件：{counts}").format(
            n=len(report.files), counts=counts or self.tr("无")) + note)
        self.model.set_rows(result_rows(report))
        if self.model.rowCount():
            self.view.selectRow(0)
        self.show_detail(0)

    def show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        r = self.model.row(row)
        self.detail.setText(f"{r['file']}\n{outcome_name(r['outcome'])}"
                            + (f"：{r['reason']}" if r["reason"] else ""))


class ExchangeActions(QObject):
    """The 数据交换 menu: 本单位密钥… opens the keys dialog; 导出数据包… and 导入数据包… open
    the 数据交换 page (desktop/exchange_page.py), which does the work."""

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self.session = session
        self.window = window
        self.keys_action = QAction(self.tr("本单位密钥…"), window)
        self.export_action = QAction(self.tr("导出数据包…"), window)
        self.import_action = QAction(self.tr("导入数据包…"), window)
        self.keys_action.triggered.connect(self.show_keys)
        self.export_action.triggered.connect(self.export)
        self.import_action.triggered.connect(self.import_bundles)
        self.dialog: QDialog | None = None  # the keys dialog last opened

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("数据交换(&X)"))
        for action in (self.keys_action, self.export_action, self.import_action):
            menu.addAction(action)

    def page(self) -> Any:
        """The 数据交换 page, shown (an ExchangePage; None before the window has one)."""
        show = getattr(self.window, "show_page", None)
        return show("exchange") if show is not None else None

    @property
    def busy(self) -> bool:
        page = getattr(self.window, "pages", {}).get("exchange")
        return bool(page is not None and page.busy)

    @property
    def passphrase_dialog(self) -> PassphraseDialog | None:
        page = getattr(self.window, "pages", {}).get("exchange")
        return page.passphrase_dialog if page is not None else None

    def show_keys(self) -> None:
        ws = self.session.ws
        info = keys.key_info(ws) if keys.has_keys(ws) else None
        dialog = KeysDialog(ws.org.name, info, self.window)
        dialog.create_button.clicked.connect(lambda: self.create_keys(dialog))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()

    def create_keys(self, keys_dialog: KeysDialog) -> None:
        """Made by the page (a new passphrase, a worker); the dialog shows the fingerprint."""
        page = getattr(self.window, "pages", {}).get("exchange")
        if page is not None:
            page.keys_section.create_keys(keys_dialog, then=keys_dialog.show_info)

    def export(self) -> None:
        page = self.page()
        if page is not None:
            page.choose_export()

    def import_bundles(self) -> None:
        page = self.page()
        if page is not None:
            page.choose_files()
