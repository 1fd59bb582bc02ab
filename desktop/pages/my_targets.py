"""本校指标: the school's own indicators against every target that applies to it, each traced
to the sentence of the plan (or standard) that sets it — worded as ``eduplan check`` words them:
国家标准（每年适用） and the section's value in words, the school rule's note (低于标准) where the
school meets the rule, what closes this year's pace and what closes the target, the other
targets of the same indicator and why they differ. The selected row's detail is the same widget
as the dashboard's and the shortfall list's (finding_detail.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSplitter, QTableView

from eduplan_core.numbers_fmt import quantity, signed
from eduplan_core.texts import join
from eduplan_core.vocab import Severity, Status

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, Column, RowsModel,
                      status_names, term)
from .base import Page, heading, setup_table
from .finding_detail import FindingDetail

GOOD = (Status.MET, Status.ON_TRACK)
BAD = (Status.MISSED, Status.OVERDUE)
LATE = (Status.BEHIND, Status.DONE_LATE)


def _status_color(f):
    if f.status in GOOD:
        return GREEN, GREEN_BG
    if f.status in BAD:
        return RED, RED_BG
    if f.status in LATE:
        return AMBER_TEXT, AMBER_BG
    if f.status == Status.BELOW_STANDARD:  # a note: the school meets the rule
        return AMBER_TEXT, None
    return GREY, None


def _gap(f) -> str:
    return signed(f.gap)


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
            Column("target_value", self.tr("目标"), align_right=True,
                   tooltip=lambda r: r.target_value),  # the cell may end in "…"
            Column("status", self.tr("状态"), fmt=lambda s: term(Status(s))),
            Column("gap", self.tr("差距"), align_right=True),
            Column("close", self.tr("怎样补足"), fmt=lambda v: v or "",
                   tooltip=lambda r: r.close or ""),
        ], color=_status_color, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = FindingDetail(placeholder=self.tr("选择一行，查看目标的原文和出处。"))
        self.detail.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 340])  # the detail readable at 1024×700
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
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.status] = counts.get(f.status, 0) + 1
        if result.findings:
            names = status_names()
            parts = [f"{names.get(s, s)} {n}" for s, n in
                     sorted(counts.items(), key=lambda kv: Status.rank_of(kv[0]))]
            self.summary.setText(self.tr("{org} · {year} 年 · 截至 {as_of}：{counts}").format(
                org=result.org_name, year=result.year, as_of=result.as_of,
                counts=" · ".join(parts)))
        else:
            self.summary.setText(self.tr("{org} · {year} 年：没有适用于本校的目标，或本年尚无数据。")
                                 .format(org=result.org_name, year=result.year))
        self._fill()

    def _fill(self, *_):
        if self.result is None:
            return
        findings = list(self.result.findings)
        if self.only_gaps.isChecked():
            findings = [f for f in findings if f.is_notable or f.status == Status.NO_DATA]
        findings.sort(key=lambda f: (Status.rank_of(f.status), Severity.rank_of(f.severity),
                                     f.indicator_name, f.section or ""))
        self.model.set_rows([_Row(f) for f in findings])
        self._fit_columns()
        if findings:
            self.table.selectRow(0)
        else:
            self.detail.show_finding(None)

    def _fit_columns(self) -> None:
        """Columns as wide as their contents, but the indicator at most 22 "M"s and the target
        at most 18 (their ends "…", the detail below has them whole), so that at 1024 px the
        status, the gap and what closes it are seen."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        em = self.table.fontMetrics().horizontalAdvance("M")
        for column, most in ((0, 22), (3, 18)):
            if header.sectionSize(column) > most * em:
                header.resizeSection(column, most * em)

    def _show_detail(self, current, _previous=None) -> None:
        if not current.isValid() or self.result is None:
            self.detail.show_finding(None)
            return
        f = self.model.row(current.row()).f
        others = [g for g in self.result.findings if g.group == f.group and g is not f] \
            if f.group else []
        ind = self.session.catalog.indicators.get(f.indicator)
        self.detail.show_finding(f, milestone_form=ind is not None and ind.compute == "milestone",
                                 group=others)


class _Row:
    """A finding with its cells formatted (the model reads attributes)."""

    def __init__(self, f):
        self.f = f
        self.status = f.status
        self.indicator = f.indicator
        self.indicator_name = f.indicator_name
        self.section = f.section
        self.actual = quantity(f.actual, f.unit)
        if f.kind == "milestone":  # its state, not "1是/否"
            self.actual = term(Status(f.status))
        self.target_value = join([f.requirement, f.label], " · ")  # words() shows it
        self.gap = _gap(f)
        self.close = join([x for x in (f.close_pace, f.close_target) if x], "；", "; ") \
            or f.close
