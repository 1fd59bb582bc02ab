"""The 数据交换 menu of the main window: this unit's keys (the fingerprint, large, for a phone
check; made here when there are none), a year's bundle for the parent office, bundles from the
units below. A full 数据交换 page comes later.

The core does the work (eduplan_core/exchange/), in workers (ops.Operation, each with its own
Workspace connection) behind a progress dialog; the passphrase comes from PassphraseDialog, or
from EDUPLAN_PASSPHRASE without a dialog. Dialogs and messages open without blocking; the last
one stays in :attr:`ExchangeActions.dialog` (for the tests and the screenshot tour)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QMenuBar, QMessageBox, QProgressDialog, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.errors import Cancelled, EduPlanError
from eduplan_core.exchange import keys
from eduplan_core.exchange.export import ExportResult, export_bundle, parent_peer
from eduplan_core.exchange.inbox import FileOutcome, ImportReport, Outcome, import_files

from .models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, Column, RowsModel
from .ops import Operation
from .pages.base import heading, setup_table
from .passphrase import PassphraseDialog, passphrase_from_environment
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


def fingerprint_lines(fingerprint: str) -> str:
    """The 8 groups of 4 digits on two lines of four, to be read out on the phone."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


class KeysDialog(QDialog):
    """本单位密钥: the fingerprint, large; or, without keys, a button to make them."""

    def __init__(self, org_name: str, info: keys.KeyInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("本单位密钥"))
        self._fingerprint = ""
        layout = QVBoxLayout(self)
        layout.addWidget(heading(org_name))
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
        self.fingerprint = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 2.2)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint.setStyleSheet("padding: 12px; background: #f5f5f5;")
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
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(shown)
        layout.addStretch(1)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self._fingerprint))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self.show_info(info)

    @property
    def has_keys(self) -> bool:
        return not self.keys_page.isHidden()

    def show_info(self, info: keys.KeyInfo | None) -> None:
        self.none_page.setHidden(info is not None)
        self.keys_page.setHidden(info is None)
        self.adjustSize()
        if info is None:
            return
        self._fingerprint = info.fingerprint
        self.fingerprint.setText(fingerprint_lines(info.fingerprint))
        cur = info.current
        self.details.setText(
            self.tr("第 {generation} 代密钥，建立于 {at}（{by}）\n私钥保护：{kdf}").format(
                generation=cur.generation, at=cur.created_at.replace("T", " ")[:19],
                by=cur.created_by, kdf=info.kdf.describe()))
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
            "ImportResultDialog", "学校 {schools}，表 {entries}，修改 {revisions}，提交 {submissions}，"
            "数值 {values}").format(schools=c.schools, entries=c.entries, revisions=c.revisions,
                                  submissions=c.submissions, values=c.values)
    return "；".join(x for x in (what, f.reason) if x)


class ImportResultDialog(QDialog):
    """What happened to each file of an import."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入结果"))
        layout = QVBoxLayout(self)
        counts = self.tr("，").join(f"{outcome_name(o)} {report.count(o)}"
                                   for o in Outcome if report.count(o))
        self.summary = QLabel(self.tr("共 {n} 个文件：{counts}").format(
            n=len(report.files), counts=counts or self.tr("无")))
        layout.addWidget(self.summary)
        self.model = RowsModel([
            Column("file", self.tr("文件"), tooltip=lambda r: r["file"]),
            Column("sender", self.tr("发送单位")),
            Column("sequence", self.tr("序号"), fmt=lambda v: "" if v is None else str(v),
                   align_right=True),
            Column("outcome", self.tr("结果"), fmt=outcome_name),
            Column("reason", self.tr("说明"), tooltip=lambda r: r["reason"]),
        ], color=lambda r: OUTCOME_COLORS.get(r["outcome"]), parent=self)
        self.model.set_rows(result_rows(report))
        self.view = setup_table(QTableView(), resize_to_contents=True)
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        # the chosen file's whole explanation (a held bundle's: the fingerprint to check)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3 + 8)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_detail(current.row()))
        if self.model.rowCount():
            self.view.selectRow(0)
            self.show_detail(0)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 360)

    def show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        r = self.model.row(row)
        self.detail.setText(f"{r['file']}\n{outcome_name(r['outcome'])}"
                            + (f"：{r['reason']}" if r["reason"] else ""))


class ExchangeActions(QObject):
    """The menu's three actions and the one operation they may have running."""

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self.session = session
        self.window = window
        self.keys_action = QAction(self.tr("本单位密钥…"), window)
        self.export_action = QAction(self.tr("导出数据包…"), window)
        self.import_action = QAction(self.tr("导入数据包…"), window)
        self.keys_action.triggered.connect(self.show_keys)
        self.export_action.triggered.connect(self.export)
        self.import_action.triggered.connect(lambda: self.import_bundles())
        self.dialog: QDialog | None = None  # the last dialog or message opened
        self.passphrase_dialog: PassphraseDialog | None = None
        self.progress: QProgressDialog | None = None
        self._op: Operation | None = None
        self._closing = False

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("数据交换(&X)"))
        for action in (self.keys_action, self.export_action, self.import_action):
            menu.addAction(action)

    @property
    def busy(self) -> bool:
        return self._op is not None

    # -- 本单位密钥 -----------------------------------------------------------------------------
    def show_keys(self) -> None:
        ws = self.session.ws
        info = keys.key_info(ws) if keys.has_keys(ws) else None
        dialog = KeysDialog(ws.org.name, info, self.window)
        dialog.create_button.clicked.connect(lambda: self.create_keys(dialog))
        self._open(dialog)

    def create_keys(self, keys_dialog: KeysDialog) -> None:
        """Ask a new passphrase, make the keys in a worker, show their fingerprint."""
        def make(secret: str) -> None:
            self._run(self.tr("正在建立密钥…"),
                      lambda ws, progress, cancelled: keys.init_keys(ws, secret),
                      keys_dialog.show_info)

        given = passphrase_from_environment()
        if given is not None:
            try:
                keys.check_new_passphrase(given)
            except EduPlanError as exc:
                self.show_error(exc)
                return
            make(given)
            return
        dialog = PassphraseDialog(
            keys_dialog, self.tr("设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。"
                                 "以后每次导出、导入数据包都要输入它。"), new=True)
        dialog.accepted.connect(lambda: make(dialog.passphrase))
        self.passphrase_dialog = dialog
        dialog.open()

    # -- 导出数据包 -----------------------------------------------------------------------------
    def export(self) -> None:
        """This unit's data of the session's year, sealed for the parent office."""
        if self._refuse_while_busy():
            return
        ws, year = self.session.ws, self.session.year
        try:
            parent_peer(ws)  # the parent's key unknown: said before anything is asked
            self._need_keys()
        except EduPlanError as exc:
            self.show_error(exc)
            return

        def run(secret: str, ring: keys.Keyring | None) -> None:
            self._run(self.tr("正在导出 {year} 年的数据包…").format(year=year),
                      lambda ws, progress, cancelled: export_bundle(ws, secret, year,
                                                                    progress=progress),
                      self._exported)

        self._with_passphrase(self.tr("导出 {year} 年的数据包：请输入本工作区的密钥口令。").format(
            year=year), run)

    def _exported(self, r: ExportResult) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "EduPlan", self.tr(
            "已生成数据包，报送{recipient}（{year} 年，第 {sequence} 号）。").format(
            recipient=r.recipient_name, year=r.year, sequence=r.sequence), parent=self.window)
        box.setInformativeText(self.tr(
            "文件：{name}\n位置：{folder}\n\n内容：学校 {schools} 所，表 {entries} 张，修改记录 "
            "{revisions} 条，提交 {submissions} 次。\n可用 U 盘、微信或电子邮件发送；只有{recipient}"
            "能打开。").format(
            name=Path(r.path).name, folder=Path(r.path).parent, schools=r.schools,
            entries=r.entries, revisions=r.revisions, submissions=r.submissions,
            recipient=r.recipient_name))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # wide enough for the file's name on one line
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 36em; }")
        folder = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(Path(r.path).parent))))
        self._open(box)

    # -- 导入数据包 -----------------------------------------------------------------------------
    def import_bundles(self, chosen: list[Path] | None = None) -> None:
        """Bundles chosen in a file dialog (or given); each file one outcome, in a table."""
        if self._refuse_while_busy():
            return
        try:
            self._need_keys()
        except EduPlanError as exc:
            self.show_error(exc)
            return
        if chosen is None:
            settings = QSettings()
            start = str(settings.value("exchange_dir", "") or Path.home())
            names, _ = QFileDialog.getOpenFileNames(
                self.window, self.tr("选择数据包"), start, self.tr("EduPlan 数据包 (*.eduplan)"))
            if not names:
                return
            chosen = [Path(p) for p in names]
            settings.setValue("exchange_dir", str(chosen[0].parent))
        paths = list(chosen)

        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled):
                opened = ring or keys.unlock(ws, secret)
                return import_files(ws, paths, opened,
                                    progress=lambda i, n, name: progress(i, n),
                                    cancelled=cancelled)

            self._run(self.tr("正在导入 {n} 个数据包…").format(n=len(paths)), work, self._imported,
                      cancellable=True, after=self.session.workers_saved,
                      step_text=lambda i, n: self.tr("正在导入第 {i} / {n} 个：{name}").format(
                          i=i + 1, n=n, name=paths[i].name) if i < n else "")

        self._with_passphrase(self.tr("导入 {n} 个数据包：请输入本工作区的密钥口令。").format(
            n=len(paths)), run)

    def _imported(self, report: ImportReport) -> None:
        self._open(ImportResultDialog(report, self.window))

    # -- shared --------------------------------------------------------------------------------
    def _need_keys(self) -> None:
        if not keys.has_keys(self.session.ws):
            raise keys.KeysMissing("本工作区还没有密钥。请先在“数据交换 → 本单位密钥…”中建立密钥。",
                                   "this workspace has no keys yet")

    def _refuse_while_busy(self) -> bool:
        if self._op is not None:
            self._open(QMessageBox(QMessageBox.Icon.Information, "EduPlan",
                                   self.tr("另一项数据交换正在进行，请等它完成。"),
                                   QMessageBox.StandardButton.Close, self.window))
            return True
        return False

    def _with_passphrase(self, prompt: str,
                         then: Callable[[str, keys.Keyring | None], None]) -> None:
        """``then(passphrase, keyring)``: from EDUPLAN_PASSPHRASE (the keyring None: the work
        unlocks, and a wrong passphrase fails it), else from the dialog (unlocked there: a
        wrong passphrase is asked again)."""
        given = passphrase_from_environment()
        if given is not None:
            then(given, None)
            return
        session = self.session

        def unlock(secret: str) -> keys.Keyring:
            ws = session.open_worker_ws()
            try:
                return keys.unlock(ws, secret)
            finally:
                ws.close()

        dialog = PassphraseDialog(self.window, prompt, check=unlock)
        dialog.accepted.connect(lambda: then(dialog.passphrase, dialog.value))
        self.passphrase_dialog = dialog
        dialog.open()

    def _run(self, text: str, fn: Callable[..., Any], done: Callable[[Any], None], *,
             cancellable: bool = False, after: Callable[[], None] | None = None,
             step_text: Callable[[int, int], str] | None = None) -> None:
        """``fn(ws, progress=, cancelled=)`` in a worker with its own Workspace, behind a
        progress dialog; ``after()`` then ``done(result)`` on the UI thread, or the error
        said (``after()`` runs then too: what a cancelled import finished is kept)."""
        session = self.session

        def work(progress, cancelled):
            ws = session.open_worker_ws()
            try:
                return fn(ws, progress=progress, cancelled=cancelled)
            finally:
                ws.close()

        progress = QProgressDialog(text, self.tr("取消") if cancellable else "", 0, 0,
                                   self.window)
        progress.setWindowTitle("EduPlan")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        if not cancellable:
            progress.setCancelButton(None)
        op = Operation(work, self)
        self._op, self.progress = op, progress
        self._enable(False)

        def step(done_: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done_)
            if step_text is not None and step_text(done_, total):
                progress.setLabelText(step_text(done_, total))

        def finish() -> None:
            self._op = None
            self.progress = None
            progress.close()
            self._enable(True)
            if after is not None:
                after()

        def ok(result: Any) -> None:
            finish()
            if not self._closing:
                done(result)

        def failed(exc: Exception) -> None:
            finish()
            if not self._closing:
                self.show_error(exc)

        def cancel() -> None:
            progress.setLabelText(self.tr("正在取消…（当前文件处理完即停止）"))
            op.cancel()

        op.progress.connect(step)
        op.succeeded.connect(ok)
        op.failed.connect(failed)
        if cancellable:
            progress.canceled.connect(cancel)
        progress.show()
        op.start()

    def _enable(self, enabled: bool) -> None:
        for action in (self.keys_action, self.export_action, self.import_action):
            action.setEnabled(enabled)

    def _open(self, dialog: QDialog) -> None:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()

    def show_error(self, exc: Exception) -> None:
        """A core error in its own words (Chinese); a cancel said as such; anything else
        logged."""
        if isinstance(exc, Cancelled):
            text = self.tr("已取消。已处理完的文件保留其结果，其余文件没有导入。")
            icon = QMessageBox.Icon.Information
        elif isinstance(exc, EduPlanError):
            text, icon = exc.message, QMessageBox.Icon.Warning
        else:
            logging.getLogger("eduplan").exception("internal error", exc_info=exc)
            text = QCoreApplication.translate("Page", "程序内部错误，已记录在日志中。未保存的内容不受影响。")
            icon = QMessageBox.Icon.Critical
        box = QMessageBox(icon, "EduPlan", text, QMessageBox.StandardButton.Close, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self._open(box)

    def shutdown(self, seconds: float = 60) -> None:
        """The window closes: ask a running import to stop, then wait for it (its results
        arrive on this thread, so events are processed meanwhile)."""
        self._closing = True
        if self._op is not None:
            self._op.cancel()
        end = time.monotonic() + seconds
        while self._op is not None and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
