"""Setup files (eduplan_core/exchange/setup.py; the words of ``eduplan setup export`` and
``setup import``):

- the 数据交换 page's 设立下级: setup files for the units directly below (a bureau's), one file
  a unit, with the round's due date; for a school whose computer was lost or broken, its
  restore file (its data as this bureau holds them, sealed to a 24-digit restore code shown
  once, to be read to the school over the phone);
- 文件 → 导入上级的设立文件… (:class:`ParentSetupImport`): the parent's setup file for a workspace
  that exists — its key (after the phone check of its fingerprint) and the schools below this
  unit; this unit's keys made when it has none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QSettings, Qt
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton)

from eduplan_core.exchange import keys
from eduplan_core.exchange.enrol import peers
from eduplan_core.exchange.setup import SetupFile, SetupResult, export_setup, import_setup
from eduplan_core.inputs import shown

from .exchange_dialogs import ParentSetupDialog, RestoreCodeDialog
from .exchange_section import Section, file_safe, small_label
from .passphrase import ENV_PASSPHRASE

if TYPE_CHECKING:
    from .main_window import MainWindow

CODE_ROLE = Qt.ItemDataRole.UserRole


class SetupSection(Section):
    """Setup files for the units directly below: one file a unit, the due date of the round."""

    def __init__(self, page):
        super().__init__(page)
        self.layout_.addWidget(small_label(self.tr(
            "为直属下级单位生成设立文件：下级据此建立工作区（学校名册、本单位公钥、本轮截止日期）。"
            "设立文件不加密，不含填报数据；每个单位一个文件。")))
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按单位名称或代码筛选…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.all_button = QPushButton(self.tr("全选"))
        self.none_button = QPushButton(self.tr("全不选"))
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.all_button)
        bar.addWidget(self.none_button)
        self.layout_.addLayout(bar)
        self.units = QListWidget()
        self.units.itemChanged.connect(lambda _item: self._sync())
        self.layout_.addWidget(self.units, 1)
        row = QHBoxLayout()
        self.due_check = QCheckBox(self.tr("本轮截止日期："))
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setEnabled(False)
        today = dt.date.today()
        self.due_edit.setDate(QDate(today.year, today.month, today.day).addDays(30))
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.save_button = QPushButton(self.tr("保存设立文件(&S)…"))
        self.save_button.clicked.connect(self.choose_and_save)
        self.chosen_label = QLabel()
        row.addWidget(self.due_check)
        row.addWidget(self.due_edit)
        row.addStretch(1)
        row.addWidget(self.chosen_label)
        row.addWidget(self.save_button)
        self.layout_.addLayout(row)
        restore = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("学校电脑丢失或损坏：生成恢复文件(&R)…"))
        self.restore_button.setToolTip(self.tr(
            "只勾选一所学校：生成它的恢复文件，含本单位保存的该校全部数据，用一个 24 位恢复码加密；"
            "学校在新电脑上用它重建工作区。"))
        self.restore_button.clicked.connect(self.choose_and_save_restore)
        restore.addStretch(1)
        restore.addWidget(self.restore_button)
        self.layout_.addLayout(restore)
        self.layout_.addWidget(self.result)
        self._codes: list[str] = []
        self.restore_dialog: RestoreCodeDialog | None = None  # the last one shown

    def refresh(self) -> None:
        ws = self.session.ws
        units = ws.orgs.children(ws.org_code)
        codes = [u.code for u in units]
        if codes != self._codes:  # the list rebuilt only when the units changed (ticks kept)
            ticked = set(self.checked())
            self._codes = codes
            self.units.blockSignals(True)
            self.units.clear()
            for u in units:
                item = QListWidgetItem()
                item.setData(CODE_ROLE, u.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if u.code in ticked
                                   else Qt.CheckState.Unchecked)
                self.units.addItem(item)
            self.units.blockSignals(False)
        known = {p.org: p.status for p in peers(ws) if p.relation == "child"}
        marks = {"confirmed": self.tr("已确认密钥"), "pending": self.tr("密钥待确认")}
        self.units.blockSignals(True)
        for i in range(self.units.count()):
            item = self.units.item(i)
            unit = ws.orgs.get(item.data(CODE_ROLE))
            if unit is None:
                continue
            text = self.tr("%s（%s）") % (unit.name, unit.code)  # a unit and its code
            if unit.paper:
                text += " · " + self.tr("纸质报送")
            if known.get(unit.code) in marks:
                text += " · " + marks[known[unit.code]]
            item.setText(text)
        self.units.blockSignals(False)
        self._filter(self.search.text())
        self._sync()

    def _filter(self, text: str) -> None:
        text = text.strip()
        for i in range(self.units.count()):
            item = self.units.item(i)
            item.setHidden(bool(text) and text not in item.text())

    def _check_all(self, on: bool) -> None:
        self.units.blockSignals(True)
        for i in range(self.units.count()):
            item = self.units.item(i)
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.units.blockSignals(False)
        self._sync()

    def checked(self) -> list[str]:
        return [self.units.item(i).data(CODE_ROLE) for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, codes: list[str]) -> None:
        for i in range(self.units.count()):
            item = self.units.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in codes
                               else Qt.CheckState.Unchecked)

    def _sync(self) -> None:
        n = len(self.checked())
        self.chosen_label.setText(self.tr("已选 {n} 个单位").format(n=n))
        self.set_busy(self.page.busy)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and bool(self.checked()))
        self.restore_button.setEnabled(not busy and self.restore_school() is not None)

    def restore_school(self) -> str | None:
        """The one school ticked (a restore file is for one school), else None."""
        codes = self.checked()
        if len(codes) != 1:
            return None
        unit = self.session.ws.orgs.get(codes[0])
        return unit.code if unit is not None and unit.is_school else None

    @property
    def due(self) -> dt.date | None:
        if not self.due_check.isChecked():
            return None
        q = self.due_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def choose_and_save(self) -> None:
        """One unit: a save dialog; several: a folder, a file each (named after the unit)."""
        ws = self.session.ws
        codes = self.checked()
        if not codes:
            self.say(self.tr("请先勾选要设立的下级单位。"), "error")
            return
        if not self.has_keys():
            return
        names = {c: (ws.orgs.get(c).name if ws.orgs.get(c) else c) for c in codes}
        if len(codes) == 1:
            path = self.save_path(self.tr("保存设立文件"),
                                  Path(f"{file_safe(names[codes[0]])}.eduplan-setup"),
                                  self.tr("EduPlan 设立文件 (*.eduplan-setup)"), ".eduplan-setup")
            if path is None:
                return
            outs = [(codes[0], path)]
        else:
            settings = QSettings()
            start = str(settings.value("exchange_save_dir", "") or Path.home())
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("选择保存设立文件的文件夹"), start)
            if not folder:
                return
            settings.setValue("exchange_save_dir", folder)
            outs = [(c, Path(folder) / f"{file_safe(names[c])}.eduplan-setup") for c in codes]
        self.save_to(outs)

    def save_to(self, outs: list[tuple[str, Path]]) -> None:
        there = [p for _c, p in outs if p.exists()]
        if there:
            self.say(self.tr("文件“{path}”已存在，不会覆盖；请换一个文件名。").format(
                path="”“".join(shown(str(p)) for p in there)), "error")
            return
        due = self.due

        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled) -> tuple[list[SetupFile], bool]:
                made: list[SetupFile] = []
                opened = ring or keys.unlock(ws, secret)  # one derivation for every file
                for i, (code, out) in enumerate(outs):
                    if cancelled():
                        return made, True
                    progress(i, len(outs))
                    made.append(export_setup(ws, opened, [code], out, due))
                progress(len(outs), len(outs))
                return made, False

            self.run(self.tr("正在生成 {n} 个设立文件…").format(n=len(outs)), work, self._saved,
                     cancellable=len(outs) > 1, step_text=lambda i, n: self.tr(
                         "正在生成第 {i} / {n} 个设立文件").format(i=min(i + 1, n), n=n))

        self.with_passphrase(self.tr("生成设立文件：请输入本工作区的密钥口令。"), run)

    def _saved(self, result: tuple[list[SetupFile], bool]) -> None:
        made, cancelled = result
        if not made:
            self.say(self.tr("已取消，没有生成设立文件。"), "info")
            return
        first = made[0]
        files = "\n".join(shown(m.path) for m in made[:5]) + (
            self.tr("\n等 {n} 个文件").format(n=len(made)) if len(made) > 5 else "")
        self.say(self.tr("已生成设立文件：\n{files}\n截止日期：{due}\n本单位指纹：{fingerprint}\n"
                         "下级导入后会看到这个指纹，请通电话逐组核对。").format(
            files=files, due=first.due or self.tr("未设"), fingerprint=first.fingerprint)
            + (self.tr("\n已取消：其余单位没有生成。") if cancelled else ""), "ok")

    # -- a school's restore file ---------------------------------------------------------------
    def choose_and_save_restore(self) -> None:
        code = self.restore_school()
        if code is None:
            self.say(self.tr("恢复文件只能为一所学校生成：请只勾选这所学校。"), "error")
            return
        if not self.has_keys():
            return
        unit = self.session.ws.orgs.get(code)
        name = unit.name if unit is not None else code
        path = self.save_path(self.tr("保存恢复文件"),
                              Path(f"{file_safe(name)}-恢复文件.eduplan-setup"),
                              self.tr("EduPlan 设立文件 (*.eduplan-setup)"), ".eduplan-setup")
        if path is not None:
            self.save_restore(code, path)

    def save_restore(self, code: str, out: Path) -> None:
        if out.exists():
            self.say(self.tr("文件“{path}”已存在，不会覆盖；请换一个文件名。").format(
                path=shown(str(out))), "error")
            return
        due = self.due

        def run(secret: str, ring: keys.Keyring | None) -> None:
            def work(ws, progress, cancelled) -> SetupFile:
                return export_setup(ws, ring or keys.unlock(ws, secret), [code], out, due,
                                    restore=True)

            self.run(self.tr("正在生成恢复文件…"), work, self._restore_saved)

        self.with_passphrase(self.tr("生成恢复文件：请输入本工作区的密钥口令。"), run)

    def _restore_saved(self, made: SetupFile) -> None:
        ws = self.session.ws
        unit = ws.orgs.get(made.units[0])
        name = unit.name if unit is not None else made.units[0]
        self.say(self.tr("已生成{school}的恢复文件：{path}（含 {n} 张表）。恢复码只显示这一次，请通过电话"
                         "读给学校。").format(school=name, path=shown(made.path),
                                      n=made.restored_entries), "ok")
        dialog = RestoreCodeDialog(name, made.restore_code or "", made.path, self)
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()


class ParentSetupImport(QObject):
    """文件 → 导入上级的设立文件…: choose the file; see its sender and fingerprint (the phone
    check) in :class:`ParentSetupDialog`; a new passphrase when this workspace has no keys yet;
    then ``import_setup`` in the 数据交换 page's worker (it opens the workspace itself, beside the
    window's: a second open in one process shares the workspace lock; the window's own desktop
    lock is not asked for); the result said on the page's 上报 section (密钥 for a province)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: ParentSetupDialog | None = None
        self.result: SetupResult | None = None

    def section(self) -> Any:
        page = self.window.show_page("exchange")
        if page is None:
            return None
        key = "send" if page.send is not None else "keys"
        return page.show_section(key)

    def choose(self) -> None:
        start = str(QSettings().value("exchange_dir", "") or Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("选择上级发来的设立文件"), start,
            self.tr("EduPlan 设立文件 (*.eduplan-setup);;所有文件 (*)"))
        if name:
            QSettings().setValue("exchange_dir", str(Path(name).parent))
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """The dialog on ``path``; 导入 goes on."""
        dialog = ParentSetupDialog(path, self.session.ws, self.window)
        dialog.accepted.connect(lambda: self.start(path))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def start(self, path: Path) -> None:
        section = self.section()
        if section is None:
            return
        if not section.free():
            return
        if keys.has_keys(self.session.ws):
            self._run(section, path, None)
            return
        section.page.ask_new_passphrase(section, self.tr(
            "本工作区还没有密钥：设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。"
            "以后每次导出、导入数据包都要输入它。"), ENV_PASSPHRASE,
            lambda secret: self._run(section, path, secret))

    def _run(self, section: Any, path: Path, secret: str | None) -> None:
        session = self.session
        org, operator = session.ws.org_code, session.ws.operator

        def work(ws, progress, cancelled) -> SetupResult:
            return import_setup(path, session.path, org, operator, secret)

        section.run(self.tr("正在导入上级的设立文件…"), work,
                    lambda result: self._done(section, result, secret is not None),
                    after=session.workers_saved)

    def _done(self, section: Any, r: SetupResult, keys_made: bool) -> None:
        self.result = r
        lines = [self.tr("已导入{parent}的设立文件：已记下上级的公钥（指纹 {fingerprint}）。").format(
            parent=r.parent_name, fingerprint=r.parent_fingerprint)]
        if r.schools_added:
            lines.append(self.tr("学校名册：新增 %n 所学校", "", r.schools_added))
        lines.append(self.tr("截止日期：{due}").format(due=r.due or self.tr("未设")))
        if keys_made:
            lines.append(self.tr("已为本单位建立密钥，本单位指纹：{fingerprint}。上级首次收到本单位的数据包时，"
                                 "会请你读出这个指纹。").format(fingerprint=r.fingerprint))
        section.say("\n".join(lines), "ok")
        section.page.refresh()
