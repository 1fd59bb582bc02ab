"""本校指标: the school's own indicators against every target that applies to it, each traced
to the sentence of the plan (or standard) that sets it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel,
                               QSplitter, QTableView, QTextBrowser)

from eduplan_core.indicators.evaluate import SEVERITY_ORDER, STATUS_NAMES
from eduplan_core.inputs import shown

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, Column, RowsModel,
                      num)
from .base import Page, heading, setup_table

GOOD = ("met", "on_track")
BAD = ("missed", "overdue")
LATE = ("behind", "done_late")
STATUS_ORDER = {"missed": 0, "overdue": 1, "behind": 2, "done_late": 3, "no_data": 4,
                "no_formula": 5, "pending": 6, "on_track": 7, "met": 8, "not_collected": 9}


def _status_color(f):
    if f.status in GOOD:
        return GREEN, GREEN_BG
    if f.status in BAD:
        return RED, RED_BG
    if f.status in LATE:
        return AMBER_TEXT, AMBER_BG
    return GREY, None


def _plain(v) -> str:
    """A target as the plan writes it: 0.9, 2,000, 99."""
    if v is None:
        return "—"
    if float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def _gap(f) -> str:
    if f.gap is None:
        return "—"
    sign = "+" if f.gap > 0 else ""
    return f"{sign}{num(f.gap)}"


class MyTargetsPage(Page):
    title = "本校指标"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.outer.addWidget(heading(self.tr("本校指标")))
        line = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        line.addWidget(self.summary, 1)
        self.only_gaps = QCheckBox(self.tr("只看未达标(&G)"))
        self.only_gaps.toggled.connect(self._fill)
        line.addWidget(self.only_gaps)
        self.outer.addLayout(line)
        # the cells come pre-formatted from _Row (a finding's actual, target and gap read
        # several of its attributes)
        self.model = RowsModel([
            Column("indicator_name", self.tr("指标"), tooltip=lambda r: r.indicator),
            Column("section", self.tr("学段"), fmt=lambda v: v or "—"),
            Column("actual", self.tr("实际"), align_right=True),
            Column("target_value", self.tr("目标"), align_right=True),
            Column("status", self.tr("状态"), fmt=lambda s: STATUS_NAMES.get(s, s)),
            Column("gap", self.tr("差距"), align_right=True),
            Column("close", self.tr("怎样补足"), fmt=lambda v: v or ""),
        ], color=_status_color, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, resize_to_contents=True)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setPlaceholderText(self.tr("选择一行，查看目标的原文和出处。"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.outer.addWidget(splitter, 1)
        self.result = None

    def refresh(self) -> None:
        session = self.session
        year, as_of, org = session.year, session.as_of, session.ws.org_code
        self.summary.setText(self.tr("正在核查……"))

        def work(ws, progress, cancelled):
            from eduplan_core.indicators.service import check_org  # pandas: only when needed

            return check_org(ws, org, year, as_of=as_of, progress=progress,
                             cancelled=cancelled)

        self.run(self.tr("正在核查本校指标……"), work, self._done)

    def _done(self, result) -> None:
        self.result = result
        counts = {}
        for f in result.findings:
            counts[f.status] = counts.get(f.status, 0) + 1
        if result.findings:
            parts = [f"{STATUS_NAMES[s]} {n}" for s, n in
                     sorted(counts.items(), key=lambda kv: STATUS_ORDER.get(kv[0], 99))]
            self.summary.setText(
                f"{result.org_name} · {result.year} {self.tr('年')} · "
                f"{self.tr('截至')} {result.as_of}：" + " · ".join(parts))
        else:
            self.summary.setText(f"{result.org_name} · {result.year} {self.tr('年')}：" +
                                 self.tr("没有适用于本校的目标，或本年尚无数据。"))
        self._fill()

    def _fill(self, *_):
        if self.result is None:
            return
        findings = list(self.result.findings)
        if self.only_gaps.isChecked():
            findings = [f for f in findings if f.is_shortfall or f.status == "no_data"]
        findings.sort(key=lambda f: (STATUS_ORDER.get(f.status, 99),
                                     SEVERITY_ORDER.get(f.severity, 3), f.indicator_name,
                                     f.section or ""))
        self.model.set_rows([_Row(f) for f in findings])
        if findings:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _show_detail(self, current, _previous=None) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        f = self.model.row(current.row()).f
        e = html.escape
        relation = {"own": self.tr("本级目标"), "inherited": self.tr("上级目标"),
                    "national": self.tr("国家标准")}.get(f.relation, f.relation)
        colour = _status_color(f)[0].name()
        parts = [
            f"<h3>{e(f.indicator_name)}{'（' + e(f.section) + '）' if f.section else ''}</h3>",
            f"<p><b>{self.tr('状态')}</b>：<span style='color:{colour}'>"
            f"{e(STATUS_NAMES.get(f.status, f.status))}</span>",
            f" &nbsp; <b>{self.tr('目标')}</b>：{f.target_year} {self.tr('年')} "
            f"{e(f.comparator)}{e(_plain(f.target_value))}{e(f.unit)}"
            f"（{e(f.plan_name)}，{relation}{'，' + self.tr('约束性') if f.binding else ''}）</p>",
        ]
        actual = self.tr("无数据") if f.actual is None else f"{num(f.actual)}{f.unit}"
        line = f"<p><b>{self.tr('实际')}</b>：{e(actual)}"
        if f.numerator is not None and f.denominator is not None:
            line += f" = {e(num(f.numerator))} / {e(num(f.denominator))}"
        if f.gap is not None:
            line += f" &nbsp; <b>{self.tr('差距')}</b>：{e(_gap(f))}"
        if f.change is not None:
            line += f" &nbsp; <b>{self.tr('较上年')}</b>：{'+' if f.change > 0 else ''}" \
                    f"{e(num(f.change))}"
        parts.append(line + "</p>")
        if f.expected_now is not None:
            parts.append(f"<p><b>{self.tr('按进度今年应达到')}</b>：{e(num(f.expected_now))}"
                         f"{e(f.unit)}</p>")
        if f.close:
            parts.append(f"<p><b>{self.tr('怎样补足')}</b>：{e(f.close)}</p>")
        if f.deadline:
            parts.append(f"<p><b>{self.tr('截止日期')}</b>：{e(f.deadline)}"
                         + (f"，{self.tr('完成于')} {e(f.done_on)}" if f.done_on else "")
                         + "</p>")
        if f.explanation:
            parts.append(f"<p><b>{self.tr('填报时的说明')}</b>：{e(shown(f.explanation))}</p>")
        if f.quote:
            parts.append(f"<p><b>{self.tr('原文')}</b>：</p><blockquote style='color:#333'>"
                         f"“{e(f.quote)}”</blockquote>")
        source = "，".join(x for x in (f.document, f.issuer, f.date) if x)
        if source:
            parts.append(f"<p style='color:{GREY.name()}'>{self.tr('出处')}：{e(source)}</p>")
        self.detail.setHtml("".join(parts))


class _Row:
    """A finding with its cells formatted (the model reads attributes)."""

    def __init__(self, f):
        self.f = f
        self.status = f.status
        self.indicator = f.indicator
        self.indicator_name = f.indicator_name
        self.section = f.section
        self.actual = "—" if f.actual is None else f"{num(f.actual)}{f.unit}"
        self.target_value = f"{f.comparator}{_plain(f.target_value)}{f.unit}（{f.target_year}）"
        self.gap = _gap(f)
        self.close = f.close
