"""The 数据交换 page's 上报 (a year's bundle for the parent office) and 密钥 (this unit's keys,
their backup and passphrase; the keys it knows). The words of what is done are the CLI's
(eduplan_core/cli/bundle_cmds.py, exchange_cmds.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange import keys
from eduplan_core.exchange.enrol import peers
from eduplan_core.exchange.export import (ExportResult, default_name, export_bundle,
                                          next_sequence, parent_peer)
from eduplan_core.inputs import shown
from eduplan_core.store import exchange_rows

from .exchange import KeysView
from .fingerprint import fingerprint_label
from .exchange_section import Section, file_safe, for_desktop, none_yet, small_label, when
from .models import GREY, Column, RowsModel, message_of
from .pages.base import setup_table
from .passphrase import ENV_BACKUP_PASSPHRASE, ENV_NEW_PASSPHRASE, ENV_PASSPHRASE
from .session import YEARS


# -- 上报 ------------------------------------------------------------------------------------
class SendSection(Section):
    """This unit's data of a year, sealed for its parent office, saved where the user says."""

    def __init__(self, page):
        super().__init__(page)
        self._year_seen: int | None = None
        self._last_folder: Path | None = None
        form = QFormLayout()
        self.unit = QLabel()
        self.parent_name = QLabel()
        self.parent_fingerprint = fingerprint_label(1.2)
        self.parent_fingerprint.setAlignment(Qt.AlignmentFlag.AlignLeft
                                             | Qt.AlignmentFlag.AlignVCenter)
        self.parent_fingerprint.setStyleSheet("padding: 4px 8px; background: #f5f5f5;")
        self.parent_problem = QLabel()
        self.parent_problem.setWordWrap(True)
        self.parent_problem.setTextFormat(Qt.TextFormat.PlainText)
        key = QWidget()  # the fingerprint with a word on it, or why there is none
        box = QVBoxLayout(key)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.parent_fingerprint)
        box.addWidget(self.parent_problem)
        self.year_box = QComboBox()
        for y in YEARS:
            self.year_box.addItem(str(y), y)
        year = QHBoxLayout()
        year.addWidget(self.year_box)
        year.addStretch(1)
        form.addRow(self.tr("本单位："), self.unit)
        form.addRow(self.tr("报送给："), self.parent_name)
        form.addRow(self.tr("上级指纹："), key)
        form.addRow(self.tr("年度："), year)
        self.layout_.addLayout(form)
        self.layout_.addWidget(small_label(self.tr(
            "数据包包含本单位这一年的全部数据（含每一次修改和提交的记录、已合并的下级数据），加密后只有上级"
            "能打开。可以直接保存到 U 盘，也可以用微信或电子邮件发送。")))
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出到(&E)…"))
        self.export_button.clicked.connect(self.choose_and_export)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.folder_button.clicked.connect(self._open_folder)
        self.folder_button.hide()
        row.addWidget(self.export_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.result)
        self.layout_.addWidget(QLabel(self.tr("已导出的数据包：")))
        self.sent_model = RowsModel([
            Column("sequence", self.tr("序号"), fmt=str, align_right=True),
            Column("year", self.tr("年度"), fmt=str),
            Column("recipient_name", self.tr("报送给")),
            Column("created_at", self.tr("生成时间"), fmt=when),
            Column("operator", self.tr("操作员")),
            Column("file_name", self.tr("文件名"), tooltip=lambda r: r["file_name"]),
        ], parent=self)
        self.sent_view = setup_table(QTableView(), resize_to_contents=True)
        self.sent_view.setModel(self.sent_model)
        self.layout_.addWidget(self.sent_view, 1)
        self.sent_none = none_yet(self.tr("还没有导出过数据包。"))
        self.layout_.addWidget(self.sent_none, 1)
        self._parent_ok = False

    def refresh(self) -> None:
        ws = self.session.ws
        if self._year_seen != self.session.year:  # the toolbar's year, until changed here
            self._year_seen = self.session.year
            index = self.year_box.findData(self.session.year)
            if index >= 0:
                self.year_box.setCurrentIndex(index)
        named = self.tr("%s（%s）")  # a unit and its code
        self.unit.setText(named % (ws.org.name, ws.org_code))
        parent = ws.orgs.get(ws.org.parent or "")
        self.parent_name.setText(named % (parent.name, parent.code) if parent else "")
        try:
            peer = parent_peer(ws)
        except EduPlanError as exc:
            self._parent_ok = False
            self.parent_fingerprint.hide()
            self.parent_problem.setText(for_desktop(message_of(exc)))
            self.parent_problem.setStyleSheet("color: #c62828;")
        else:
            self._parent_ok = True
            self.parent_fingerprint.setText(peer["fingerprint"])
            self.parent_fingerprint.show()
            self.parent_problem.setText(self.tr("与上级通电话时核对过的指纹（来自上级的设立文件）。"))
            self.parent_problem.setStyleSheet(f"color: {GREY.name()};")
        names = {o.code: o.name for o in (ws.orgs.get(r["recipient"]) for r in
                                          exchange_rows.sent_bundles(ws)) if o}
        self.sent_model.set_rows([{**r, "recipient_name": names.get(r["recipient"],
                                                                    r["recipient"])}
                                  for r in reversed(exchange_rows.sent_bundles(ws))])
        self.sent_view.setHidden(not self.sent_model.rowCount())
        self.sent_none.setHidden(bool(self.sent_model.rowCount()))
        self.set_busy(self.page.busy)

    def set_busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy and self._parent_ok)

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    def choose_and_export(self) -> None:
        """The save dialog (the default name the CLI gives), then the passphrase, then the
        bundle written in a worker."""
        ws = self.session.ws
        if not self.free():
            return
        if not self.has_keys():
            return
        try:
            peer = parent_peer(ws)  # the parent's key unknown: said before anything is asked
        except EduPlanError as exc:
            self.fail(exc)
            return
        year = self.year
        default = Path(default_name(ws, peer["org"], year, next_sequence(ws)))
        path = self.save_path(self.tr("导出数据包"), default,
                              self.tr("EduPlan 数据包 (*.eduplan)"), ".eduplan")
        if path is not None:
            self.export_to(path, year)

    def export_to(self, path: Path, year: int) -> None:
        if path.exists():
            self.say(self.tr("文件“{path}”已存在，不会覆盖；请换一个文件名。").format(
                path=shown(str(path))), "error")
            return

        def run(secret: str, ring: keys.Keyring | None) -> None:
            self.run(self.tr("正在导出 {year} 年的数据包…").format(year=year),
                     lambda ws, progress, cancelled: export_bundle(
                         ws, ring or secret, year, out=path, progress=progress),
                     self._exported, after=self.session.workers_saved)

        self.with_passphrase(self.tr("导出 {year} 年的数据包：请输入本工作区的密钥口令。").format(
            year=year), run)

    def _exported(self, r: ExportResult) -> None:
        self._last_folder = Path(r.path).parent
        self.folder_button.show()
        self.say(self.tr(
            "已生成数据包：{path}\n报送：{recipient}；{year} 年；第 {sequence} 号\n"
            "内容：学校 {schools} 所，表 {entries} 张，修改记录 {revisions} 条，提交 {submissions} 次；"
            "{size} 字节\n可用 U 盘、微信或电子邮件发送；只有{recipient}能打开。").format(
            path=shown(r.path), recipient=shown(r.recipient_name), year=r.year,
            sequence=r.sequence, schools=r.schools, entries=r.entries, revisions=r.revisions,
            submissions=r.submissions, size=f"{r.size:,}"), "ok")
        self.refresh()

    def _open_folder(self) -> None:
        if self._last_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_folder)))


# -- 密钥 ------------------------------------------------------------------------------------
class KeysSection(Section):
    """This unit's fingerprint (large), 建立密钥… when there are none, 备份密钥…, 更换口令…;
    the keys of the parent and the units below that this workspace knows."""

    def __init__(self, page):
        super().__init__(page)
        self.view = KeysView(self)
        self.backup_button = QPushButton(self.tr("备份密钥(&B)…"))
        self.passphrase_button = QPushButton(self.tr("更换口令(&P)…"))
        self.view.buttons.insertWidget(1, self.backup_button)
        self.view.buttons.insertWidget(2, self.passphrase_button)
        self.view.create_button.clicked.connect(lambda: self.create_keys(self))
        self.backup_button.clicked.connect(self.backup)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.layout_.addWidget(self.view)
        self.layout_.addWidget(self.result)
        self.layout_.addWidget(QLabel(self.tr("已知的密钥（上级与下级单位）：")))
        status = {"confirmed": self.tr("已确认"), "pending": self.tr("待确认"),
                  "retired": self.tr("已停用")}
        relation = {"parent": self.tr("上级"), "child": self.tr("下级")}
        self.peers_model = RowsModel([
            Column("org_name", self.tr("单位")),
            Column("org", self.tr("代码")),
            Column("relation", self.tr("关系"), fmt=lambda v: relation.get(v, v)),
            Column("fingerprint", self.tr("指纹")),
            Column("status", self.tr("状态"), fmt=lambda v: status.get(v, v)),
            Column("confirmed_at", self.tr("确认时间"), fmt=when),
        ], parent=self)
        self.peers_view = setup_table(QTableView(), resize_to_contents=True)
        self.peers_view.setModel(self.peers_model)
        self.layout_.addWidget(self.peers_view, 1)
        self.peers_none = none_yet(self.tr("还没有其他单位的密钥：导入上级的设立文件、或收到下级的数据包后，"
                                           "它们的密钥列在这里。"))
        self.layout_.addWidget(self.peers_none, 1)

    def refresh(self) -> None:
        ws = self.session.ws
        self.view.show_info(keys.key_info(ws) if keys.has_keys(ws) else None)
        self.peers_model.set_rows(peers(ws))
        self.peers_view.setHidden(not self.peers_model.rowCount())
        self.peers_none.setHidden(bool(self.peers_model.rowCount()))
        self.set_busy(self.page.busy)

    def set_busy(self, busy: bool) -> None:
        for button in (self.view.create_button, self.backup_button, self.passphrase_button):
            button.setEnabled(not busy)

    def create_keys(self, parent: QWidget, then=None) -> None:
        """A new passphrase (typed twice), then the keys made in a worker; ``then(info)``."""
        if not self.free():
            return

        def made(info: keys.KeyInfo) -> None:
            self.refresh()
            self.say(self.tr("已建立密钥。请牢记口令：忘记口令将无法发送和接收数据，请及时备份密钥。"),
                     "ok")
            if then is not None:
                then(info)

        def make(secret: str) -> None:
            self.run(self.tr("正在建立密钥…"),
                     lambda ws, progress, cancelled: keys.init_keys(ws, secret), made)

        self.page.ask_new_passphrase(
            self, self.tr("设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。"
                          "以后每次导出、导入数据包都要输入它。"), ENV_PASSPHRASE, make, parent)

    def backup(self) -> None:
        """Where to (a new file), the passphrase, the backup file's own passphrase."""
        if not self.has_keys():
            return
        ws = self.session.ws
        default = Path(f"{file_safe(ws.org.name)}-密钥备份-{dt.date.today():%Y%m%d}"
                       ".eduplan-keys")
        path = self.save_path(self.tr("备份密钥"), default,
                              self.tr("EduPlan 密钥备份 (*.eduplan-keys)"), ".eduplan-keys")
        if path is None:
            return
        if path.exists():
            self.say(self.tr("文件“{path}”已存在，不会覆盖；请换一个文件名。").format(
                path=shown(str(path))), "error")
            return

        def done(result: keys.BackupInfo) -> None:
            self.say(self.tr("已备份密钥：{path}\n指纹：{fingerprint}\n"
                             "请把文件和它的口令分开保管（例如文件存 U 盘，口令记在纸上锁在柜里）。").format(
                path=shown(result.path), fingerprint=result.fingerprint), "ok")

        def with_backup_secret(secret: str) -> None:
            def write(backup_secret: str) -> None:
                self.run(self.tr("正在备份密钥…"), lambda ws, progress, cancelled:
                         keys.backup_keys(ws, secret, path, backup_secret), done)

            self.page.ask_new_passphrase(
                self, self.tr("设置备份文件的口令（至少 8 个字符）。恢复密钥时要用它；请与备份文件分开保管。"),
                ENV_BACKUP_PASSPHRASE, write)

        self.with_passphrase(self.tr("备份密钥：请输入本工作区的密钥口令。"),
                             lambda secret, ring: with_backup_secret(secret))

    def change_passphrase(self) -> None:
        """The passphrase in use (checked first), then the new one typed twice."""
        if not self.has_keys():
            return

        def done(info: keys.KeyInfo) -> None:
            self.refresh()
            self.say(self.tr("已更换口令。指纹不变：{fingerprint}").format(
                fingerprint=info.fingerprint), "ok")

        def with_old(old: str) -> None:
            def change(new: str) -> None:
                self.run(self.tr("正在更换口令…"), lambda ws, progress, cancelled:
                         keys.change_passphrase(ws, old, new), done)

            self.page.ask_new_passphrase(self, self.tr("设置新的口令（至少 8 个字符）。"),
                                         ENV_NEW_PASSPHRASE, change)

        self.with_passphrase(self.tr("更换口令：请输入现在的口令。"),
                             lambda old, ring: with_old(old))
