"""The 数据交换 page's 冲突: what an import kept for a person to decide, both sides side by
side, and 保留本单位的 / 采用收到的 with a required reason (eduplan_core/exchange/conflicts.py).

An **owner** conflict: a school sent values for a form this office holds as its own (a paper
school it entered for). Here: the entry's current values in this workspace (a decided one:
as they were when decided, kept with the decision); incoming: the values the school sent
(the conflict's detail). A decided conflict says who chose which side, when and why. A
**sequence** conflict: two different bundles with one sender and number; each side is the
bundle as it was received (number, when made, when received, its SHA-256)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from eduplan_core.catalog.model import Field
from eduplan_core.exchange import keys
from eduplan_core.exchange.conflicts import Conflict, list_conflicts, resolve
from eduplan_core.inputs import shown
from eduplan_core.numbers_fmt import typed, unit_suffix
from eduplan_core.store import exchange_rows
from eduplan_core.store.entries import current_values

from .exchange_section import Section, small_label, when
from .models import AMBER_BG, AMBER_TEXT, GREY, ROW_ROLE, Column, RowsModel
from .pages.base import setup_table


def _value(v: Any, field: Field | None = None) -> str:
    """A value as the form shows it: 是/否 for a yes-no field, a number with its unit."""
    if v is None or v == "":
        return ""
    if field is not None and field.type == "yesno" and v in (0, 1, "0", "1"):
        return QCoreApplication.translate("FormPage", "是" if str(v) == "1" else "否")
    return typed(v) + unit_suffix(field.unit if field is not None else "")


class ConflictSection(Section):
    def __init__(self, page):
        super().__init__(page)
        self.kinds = {"owner": self.tr("代填数据与学校报送不同"),
                      "sequence": self.tr("同一序号的两份数据包")}
        self.keep_names = {"here": self.tr("保留本单位的"), "incoming": self.tr("采用收到的")}
        self.layout_.addWidget(small_label(self.tr(
            "导入时发现的冲突不会被悄悄覆盖：请对照两边的数据，选择保留哪一边，并写明理由（记入修改记录）。")))
        top = QWidget()
        box = QVBoxLayout(top)
        box.setContentsMargins(0, 0, 0, 0)
        self.show_all = QCheckBox(self.tr("显示已处理的"))
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.empty = QLabel(self.tr("没有未处理的冲突。"))
        line = QHBoxLayout()
        line.addWidget(self.empty, 1)
        line.addWidget(self.show_all)
        box.addLayout(line)
        self.model = RowsModel([
            Column("id", self.tr("编号"), fmt=str, align_right=True),
            Column("kind", self.tr("类型"), fmt=lambda k: self.kinds.get(k, k)),
            Column("org_name", self.tr("单位")),
            Column("year", self.tr("年度"), fmt=str),
            Column("form", self.tr("表单"), fmt=self._form_name),
            Column("opened_at", self.tr("发现时间"), fmt=when),
            Column("resolution", self.tr("处理"), fmt=lambda v: self.keep_names.get(v, "")
                   if v else self.tr("未处理")),
        ], color=lambda c: None if c.resolved_at else (AMBER_TEXT, AMBER_BG), parent=self)
        self.view = setup_table(QTableView(), resize_to_contents=True)
        self.view.setModel(self.model)
        box.addWidget(self.view)
        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.only_different = QCheckBox(self.tr("只看不同的项"))
        self.only_different.setChecked(True)
        self.only_different.toggled.connect(lambda _on: self._show(self.selected()))
        line = QHBoxLayout()
        line.addWidget(self.explanation, 1)
        line.addWidget(self.only_different)
        box.addLayout(line)
        self.sides_model = RowsModel([
            Column("label", self.tr("项目"), tooltip=lambda r: r.get("code")),
            Column("here", self.tr("本单位的"), align_right=True),
            Column("incoming", self.tr("收到的"), align_right=True),
        ], color=lambda r: (AMBER_TEXT, AMBER_BG) if r["differs"] else (GREY, None),
            parent=self)
        self.sides = setup_table(QTableView(), resize_to_contents=True)
        self.sides.setModel(self.sides_model)
        for column in (1, 2):  # the two sides equally wide
            self.sides.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.sides, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.layout_.addWidget(splitter, 1)
        self.decision = QWidget()  # hidden for a conflict decided already
        row = QHBoxLayout(self.decision)
        row.setContentsMargins(0, 0, 0, 0)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("处理理由（必填，记入修改记录）"))
        self.reason.textChanged.connect(lambda _t: self.set_busy(self.page.busy))
        self.here_button = QPushButton(self.tr("保留本单位的(&H)"))
        self.incoming_button = QPushButton(self.tr("采用收到的(&I)"))
        self.here_button.clicked.connect(lambda: self.decide("here"))
        self.incoming_button.clicked.connect(lambda: self.decide("incoming"))
        row.addWidget(QLabel(self.tr("理由：")))
        row.addWidget(self.reason, 1)
        row.addWidget(self.here_button)
        row.addWidget(self.incoming_button)
        self.layout_.addWidget(self.decision)
        self.layout_.addWidget(self.result)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show(self.selected()))

    def _form_name(self, code: str | None) -> str:
        form = self.session.catalog.forms.get(code or "")
        return form.name if form is not None else (code or "")

    @property
    def count(self) -> int:
        """Open conflicts."""
        return sum(1 for c in self.model.rows if not c.resolved_at)

    def refresh(self) -> None:
        chosen = self.selected()
        items = list_conflicts(self.session.ws, open_only=not self.show_all.isChecked())
        items.sort(key=lambda c: (bool(c.resolved_at), c.id))
        self.model.set_rows(items)
        open_n = sum(1 for c in items if not c.resolved_at)
        self.empty.setText(self.tr("{n} 个未处理的冲突").format(n=open_n) if open_n
                           else self.tr("没有未处理的冲突。"))
        if items:
            keep = next((i for i, c in enumerate(items) if chosen and c.id == chosen.id), 0)
            self.view.selectRow(keep)
        self._show(self.selected())

    def selected(self) -> Conflict | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def set_busy(self, busy: bool) -> None:
        c = self.selected()
        self.decision.setHidden(c is not None and bool(c.resolved_at))
        can = not busy and c is not None and not c.resolved_at and bool(self.reason.text().strip())
        self.here_button.setEnabled(can)
        self.incoming_button.setEnabled(can)

    # -- both sides --------------------------------------------------------------------------
    def _show(self, c: Conflict | None) -> None:
        if c is None:
            self.explanation.clear()
            self.sides_model.set_rows([])
        else:
            rows = self.owner_rows(c) if c.kind == "owner" else self.sequence_rows(c)
            different = sum(1 for r in rows if r["differs"])
            text = self._explain(c, different)
            if self.only_different.isChecked():  # none differs: none listed, and said so
                if not different and rows:
                    text += "\n" + self.tr("两边的数值都相同；取消“只看不同的项”可看全部 %n 项。",
                                            "", len(rows))
                rows = [r for r in rows if r["differs"]]
            self.sides_model.set_rows(rows)
            self.explanation.setText(text)
        self.set_busy(self.page.busy)

    def _explain(self, c: Conflict, different: int) -> str:
        if c.resolved_at:
            return self._settled(c, different)
        if c.kind == "owner":
            text = self.tr("本单位为{unit}代填了 {year} 年“{form}”，{unit}又自行报送了这张表：{n} 项不同。"
                           "“采用收到的”把学校的数值记为新的修改；“保留本单位的”不改任何数值。").format(
                unit=shown(c.org_name), year=c.year, form=self._form_name(c.form), n=different)
        else:
            text = self.tr("{unit}的第 {sequence} 号数据包有两份内容不同的（例如同一工作区复制到了两台电脑）。"
                           "“采用收到的”把后来的一份也合并进来（两份的修改都保留，同一项以修改时间较晚的为准）；"
                           "“保留本单位的”只保留已合并的一份。").format(
                unit=shown(c.org_name), sequence=c.detail.get("sequence"))
        return text

    def _settled(self, c: Conflict, different: int) -> str:
        """A decided conflict: what differed then, who chose which side, when and why, and
        what it did; nothing of how to decide."""
        if c.kind == "owner":
            what = self.tr("本单位为{unit}代填了 {year} 年“{form}”，{unit}又自行报送了这张表；"
                           "处理时 {n} 项不同（下表是处理时两边的数值）。").format(
                unit=shown(c.org_name), year=c.year, form=self._form_name(c.form), n=different)
            done = self.tr("学校报送的数值已记为新的修改。") if c.resolution == "incoming" \
                else self.tr("本单位的数值没有改动。")
        else:
            what = self.tr("{unit}的第 {sequence} 号数据包有两份内容不同的。").format(
                unit=shown(c.org_name), sequence=c.detail.get("sequence"))
            done = self.tr("后来收到的一份也已合并。") if c.resolution == "incoming" \
                else self.tr("只保留了先合并的一份。")
        decided = self.tr("{at} 由{who}选择“{keep}”。理由：{reason}").format(
            who=shown(c.resolved_by or ""), at=when(c.resolved_at),
            keep=self.keep_names.get(c.resolution or "", c.resolution or ""),
            reason=shown(c.reason or ""))
        return "\n".join((what, decided, done))

    def owner_rows(self, c: Conflict) -> list[dict[str, Any]]:
        """Field by field: the value held here, the value the school sent. A field the
        school did not send stays as it is whichever side is kept: not a difference.

        Open: the value held here now. Decided: the values held here when it was decided,
        which the decision keeps with the conflict (eduplan_core.exchange.conflicts)."""
        ws = self.session.ws
        entry = exchange_rows.entry_rows(ws, c.org, c.year, c.form or "")
        here = {k: r["value"] for k, r in current_values(ws, entry[0]["id"]).items()} \
            if entry else {}
        incoming = c.detail.get("incoming", {})
        if c.resolved_at and isinstance(c.detail.get("here"), dict):
            here = c.detail["here"]
        form = self.session.catalog.forms.get(c.form or "")
        fields: list[Field | None] = list(form.input_fields) if form is not None else []
        known = {f.code for f in fields if f is not None}
        codes = [(f.code, f) for f in fields if f is not None] + \
            [(code, None) for code in sorted((set(here) | set(incoming)) - known)]
        not_sent = self.tr("（未报送）")
        out = []
        for code, f in codes:
            if here.get(code) is None and code not in incoming:
                continue
            a = _value(here.get(code), f)
            b = _value(incoming.get(code), f) if code in incoming else not_sent
            out.append({"code": code, "label": f.label if f is not None else code, "here": a,
                        "incoming": b, "differs": code in incoming and a != b})
        return out

    def sequence_rows(self, c: Conflict) -> list[dict[str, Any]]:
        """The two bundles as received: number, made, received, the file's and content's
        SHA-256 (shortened)."""
        ws = self.session.ws
        stored = exchange_rows.received(ws, str(c.detail.get("stored"))) or {}
        incoming = exchange_rows.received(ws, str(c.detail.get("incoming"))) or {}
        out = []
        for key, label, fmt in (
                ("sequence", self.tr("序号"), str),
                ("created_at", self.tr("生成时间"), when),
                ("received_at", self.tr("收到时间"), when),
                ("file_sha256", self.tr("文件 SHA-256"), lambda v: str(v)[:16] + "…"),
                ("payload_sha256", self.tr("内容 SHA-256"), lambda v: str(v)[:16] + "…")):
            a = fmt(stored[key]) if stored.get(key) is not None else ""
            b = fmt(incoming[key]) if incoming.get(key) is not None else ""
            out.append({"code": key, "label": label, "here": a, "incoming": b,
                        "differs": a != b})
        return out

    # -- deciding ----------------------------------------------------------------------------
    def decide(self, keep: str) -> None:
        c = self.selected()
        reason = self.reason.text().strip()
        if c is None or c.resolved_at:
            return
        if not reason:
            self.say(self.tr("请写明处理理由。"), "error")
            return

        def start(ring: keys.Keyring | None, secret: str | None) -> None:
            def work(ws, progress, cancelled):
                opened = ring
                if opened is None and secret is not None:
                    opened = keys.unlock(ws, secret)
                return resolve(ws, c.id, keep, reason, opened)

            self.run(self.tr("正在处理冲突 {id}…").format(id=c.id), work,
                     lambda result: self._resolved(result[0], keep),
                     after=self.session.workers_saved)

        if c.kind == "sequence" and keep == "incoming":  # the bundle is opened again
            self.with_passphrase(self.tr("采用收到的数据包：请输入本工作区的密钥口令。"),
                                 lambda secret, ring: start(ring, secret))
        else:
            start(None, None)

    def _resolved(self, c: Conflict, keep: str) -> None:
        self.reason.clear()
        self.say(self.tr("冲突 {id} 已处理：{keep}。").format(id=c.id, keep=self.keep_names[keep]),
                 "ok")
        self.page.refresh()
