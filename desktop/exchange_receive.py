"""The 数据交换 page's 接收 (bundles of the units below: files, a folder or dropped on the
window; a row a file with its outcome; 重新处理暂存的数据包 takes up again the bundles held — a
form version this EduPlan did not know before an update, a key confirmed whose bundles were
not merged then) and 待确认 (keys waiting for a phone check; confirming
one merges what its unit sent)."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableView

from eduplan_core.errors import Cancelled, EduPlanError
from eduplan_core.exchange import keys
from eduplan_core.exchange.enrol import Peer, confirm, peers
from eduplan_core.exchange.inbox import (Changes, FileOutcome, ImportReport, Outcome,
                                         bundle_files, held)
from eduplan_core.exchange.inbox import import_files, retry_held
from eduplan_core.inputs import shown

from .exchange import OutcomeTable
from .exchange_dialogs import ConfirmKeyDialog
from .exchange_section import Section, for_desktop, small_label, when
from .models import AMBER_BG, AMBER_TEXT, ROW_ROLE, Column, RowsModel, words
from .pages.base import setup_table


def import_one_by_one(ws, paths: list[Path], ring: keys.Keyring, progress, cancelled
                      ) -> tuple[ImportReport, bool]:
    """``import_files`` a file at a time, so that a cancel keeps the outcomes of the files
    done (each file is its own transaction in the core; a cancel inside one undoes it)."""
    done: list[FileOutcome] = []
    for i, path in enumerate(paths):
        if cancelled():
            return ImportReport(tuple(done)), True
        progress(i, len(paths))
        try:
            done += import_files(ws, [path], ring, cancelled=cancelled).files
        except Cancelled:
            return ImportReport(tuple(done)), True
    progress(len(paths), len(paths))
    return ImportReport(tuple(done)), False


# -- 接收 ------------------------------------------------------------------------------------
class ReceiveSection(Section):
    def __init__(self, page):
        super().__init__(page)
        self.layout_.addWidget(small_label(self.tr(
            "导入下级单位报送的数据包（.eduplan）：选择文件或整个文件夹（如 U 盘），也可以把文件或文件夹"
            "拖到窗口上。每个文件单独处理并给出结果；同一批文件导入多少次结果都一样。")))
        row = QHBoxLayout()
        self.files_button = QPushButton(self.tr("选择文件(&F)…"))
        self.folder_button = QPushButton(self.tr("选择文件夹(&D)…"))
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.retry_button = QPushButton()
        self.retry_button.setToolTip(self.tr(
            "暂存的数据包：使用了本程序当时不认识的表单版本（更新 EduPlan 后重新处理），或发送单位的密钥"
            "还待确认（确认后即合并）。"))
        self.retry_button.clicked.connect(self.retry)
        row.addWidget(self.files_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(self.retry_button)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.result)
        self.table = OutcomeTable(self)
        self.layout_.addWidget(self.table, 1)
        self.table.summary.setText(self.tr("还没有导入。"))
        self.held = 0

    def refresh(self) -> None:
        self.held = len(held(self.session.ws))
        self.retry_button.setText(self.tr("重新处理暂存的数据包（{n}）").format(n=self.held))
        self.set_busy(self.page.busy)

    def set_busy(self, busy: bool) -> None:
        self.files_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        self.retry_button.setEnabled(not busy and self.held > 0)

    def retry(self) -> None:
        """The bundles held, taken up again in a worker (oldest first); the table shows what
        became of each."""
        if not self.free():
            return
        if not self.has_keys():
            return

        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled):
                return retry_held(ws, ring or keys.unlock(ws, secret), cancelled=cancelled)

            self.run(self.tr("正在重新处理暂存的数据包…"), work,
                     lambda report: self._imported(report, False, len(report.files)),
                     after=self.session.workers_saved)

        self.with_passphrase(self.tr("重新处理暂存的数据包：请输入本工作区的密钥口令。"), run)

    def _start(self) -> str:
        return str(QSettings().value("exchange_dir", "") or Path.home())

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("选择数据包"), self._start(),
                                                self.tr("EduPlan 数据包 (*.eduplan)"))
        if names:
            QSettings().setValue("exchange_dir", str(Path(names[0]).parent))
            self.import_paths([Path(p) for p in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放数据包的文件夹"),
                                                  self._start())
        if folder:
            QSettings().setValue("exchange_dir", folder)
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Files and folders (a folder's *.eduplan files): the passphrase, then each file in
        a worker, with progress and cancel; then the table."""
        if not self.free():
            return
        if not self.has_keys():
            return
        try:
            files = bundle_files(paths)
        except EduPlanError as exc:
            self.fail(exc)
            return
        if not files:
            self.say(self.tr("所选位置没有 EduPlan 数据包（.eduplan 文件）。"), "error")
            return

        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled):
                opened = ring or keys.unlock(ws, secret)
                return import_one_by_one(ws, files, opened, progress, cancelled)

            self.run(self.tr("正在导入 {n} 个数据包…").format(n=len(files)), work,
                     lambda result: self._imported(result[0], result[1], len(files)),
                     cancellable=True, after=self.session.workers_saved,
                     step_text=lambda i, n: self.tr("正在导入第 {i} / {n} 个：{name}").format(
                         i=i + 1, n=n, name=files[i].name) if i < n else "")

        self.with_passphrase(self.tr("导入 {n} 个数据包：请输入本工作区的密钥口令。").format(
            n=len(files)), run)

    def _imported(self, report: ImportReport, cancelled: bool, total: int) -> None:
        note = ""
        if cancelled:
            note = self.tr("；已取消，其余 {n} 个没有导入").format(n=total - len(report.files))
        self.table.show_report(report, note)
        text = self.what_next(report)
        if cancelled:
            self.say(self.tr("已取消。已处理完的文件保留其结果，其余文件没有导入。")
                     + ("\n" + text if text else ""), "info")
        elif report.count(Outcome.REJECTED) or report.count(Outcome.PENDING) or \
                report.count(Outcome.CONFLICT):
            self.say(text, "plain")
        else:
            self.say(self.tr("导入完成。"), "ok")
        self.page.refresh()

    def what_next(self, report: ImportReport, in_table: bool = True) -> str:
        """What the user has to do after an import, a line an outcome that asks for it: the
        pending keys, the conflicts, the rejected files (why: in the table's 说明, or, when
        ``in_table`` is False, a line a file)."""
        lines = []
        held_files = [f for f in report.files if f.outcome == Outcome.PENDING]
        for_key = [f for f in held_files if f.fingerprint]  # the others: a form unknown
        if for_key:
            lines.append(self.tr("{n} 个数据包待确认：请到“待确认”电话核对指纹后确认，暂存的数据包随即"
                                 "合并。").format(n=len(for_key)))
        if len(held_files) > len(for_key):
            lines.append(self.tr("{n} 个数据包使用了本程序不认识的表单版本，已暂存：更新 EduPlan 后在"
                                 "“接收”点“重新处理暂存的数据包”。").format(
                n=len(held_files) - len(for_key)))
        conflicts = [f for f in report.files if f.outcome == Outcome.CONFLICT]
        if conflicts and any(astuple(f.changes) != astuple(Changes()) for f in conflicts):
            lines.append(self.tr("{n} 个数据包有冲突：其余数据已合并，冲突请到“冲突”处理。").format(
                n=len(conflicts)))
        elif conflicts:  # two bundles of one number: nothing merged until decided
            lines.append(self.tr("{n} 个数据包有冲突：请到“冲突”对照两边后处理。").format(
                n=len(conflicts)))
        rejected = [f for f in report.files if f.outcome == Outcome.REJECTED]
        if rejected and in_table:
            lines.append(self.tr("{n} 个文件已拒收，什么也没有改变：原因见表中“说明”；文件已移入工作区的"
                                 "隔离文件夹（inbox/quarantine）。").format(n=len(rejected)))
        elif rejected:
            lines.append(self.tr("{n} 个数据包已拒收，什么也没有改变；文件已移入工作区的隔离文件夹"
                                 "（inbox/quarantine）。").format(n=len(rejected)))
            lines += [self.tr("第 {sequence} 号：{reason}").format(
                sequence=f.sequence, reason=for_desktop(words(f.said))) for f in rejected]
        return "\n".join(lines)


# -- 待确认 ------------------------------------------------------------------------------------
class PendingSection(Section):
    def __init__(self, page):
        super().__init__(page)
        self.dialog: ConfirmKeyDialog | None = None  # the last one opened
        self.layout_.addWidget(small_label(self.tr(
            "下级单位第一次报送（或更换了密钥）时，它的数据包暂存在这里。请给该单位打电话核对指纹，"
            "一致后确认：暂存的数据包随即合并。")))
        self.model = RowsModel([
            Column("org_name", self.tr("单位")),
            Column("org", self.tr("代码")),
            Column("fingerprint", self.tr("收到的指纹")),
            Column("held_bundles", self.tr("暂存数据包"), fmt=str, align_right=True),
            Column("added_at", self.tr("首次收到"), fmt=when),
        ], color=lambda _r: (AMBER_TEXT, AMBER_BG), parent=self)
        self.view = setup_table(QTableView(), resize_to_contents=True)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda _index: self.check_and_confirm())
        self.layout_.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("核对指纹并确认(&C)…"))
        self.confirm_button.clicked.connect(self.check_and_confirm)
        row.addWidget(self.confirm_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.result)
        self.view.selectionModel().currentRowChanged.connect(
            lambda *_: self.set_busy(self.page.busy))
        self.empty = QLabel(self.tr("没有待确认的密钥。"))  # shown instead of an empty table
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.layout_.insertWidget(1, self.empty, 1)

    @property
    def count(self) -> int:
        return self.model.rowCount()

    def refresh(self) -> None:
        chosen = self.selected()
        rows = [p for p in peers(self.session.ws)
                if p.relation == "child" and p.status == "pending"]
        self.model.set_rows(rows)
        self.empty.setHidden(bool(rows))
        self.view.setHidden(not rows)
        if rows:
            keep = next((i for i, p in enumerate(rows) if chosen and p.org == chosen.org
                         and p.fingerprint == chosen.fingerprint), 0)
            self.view.selectRow(keep)
        self.set_busy(self.page.busy)

    def selected(self) -> Peer | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy and self.selected() is not None)

    def check_and_confirm(self) -> None:
        peer = self.selected()
        if peer is None or self.page.busy:
            return
        org = self.session.ws.orgs.get(peer.org)
        contact = ""
        if org is not None and (org.contact or org.phone):
            contact = self.tr("（联系人：{contact}，电话：{phone}）").format(
                contact=org.contact or "—", phone=org.phone or "—")
        dialog = ConfirmKeyDialog(peer, contact, self)
        dialog.accepted.connect(lambda: self._confirm(peer, dialog.checked_fingerprint))
        self.dialog = dialog
        dialog.open()

    def _confirm(self, peer: Peer, fingerprint: str) -> None:
        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled):
                return confirm(ws, ring or keys.unlock(ws, secret), peer.org, fingerprint)

            self.run(self.tr("正在确认{unit}的密钥并合并暂存的数据包…").format(unit=peer.org_name),
                     work, self._confirmed, after=self.session.workers_saved)

        self.with_passphrase(self.tr("确认{unit}的密钥：请输入本工作区的密钥口令。").format(
            unit=peer.org_name), run)

    def _confirmed(self, result: tuple[Peer, ImportReport]) -> None:
        """What became of the bundles held for the key, each outcome said once: merged,
        the same as before, older; then what is asked of the user (ReceiveSection.what_next)."""
        peer, report = result
        lines = [self.tr("已确认{unit}的密钥（指纹 {fingerprint}）。").format(
            unit=shown(peer.org_name), fingerprint=peer.fingerprint)]
        settled = all(f.outcome in (Outcome.MERGED, Outcome.DUPLICATE) for f in report.files)
        if report.count(Outcome.MERGED):
            lines.append(self.tr("{n} 个暂存的数据包已合并。").format(
                n=report.count(Outcome.MERGED)))
        if report.count(Outcome.DUPLICATE):
            lines.append(self.tr("{n} 个暂存的数据包与已导入的相同，没有变化。").format(
                n=report.count(Outcome.DUPLICATE)))
        if report.count(Outcome.STALE):
            lines.append(self.tr("{n} 个暂存的数据包比已合并的旧，已保留在历史中，未采用。").format(
                n=report.count(Outcome.STALE)))
        if self.page.receive is not None:
            lines.append(self.page.receive.what_next(report, in_table=False))
        self.say("\n".join(x for x in lines if x), "ok" if settled else "plain")
        self.page.refresh()
