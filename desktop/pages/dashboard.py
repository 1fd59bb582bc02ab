"""指标看板: every indicator of an org against its targets, 2023–2025, with drill-down.

One worker runs overview_org (each year's own check and values, the rounds read once) and
merges them into one row per indicator (and section): the actual value of each year coloured
by that year's finding (met / missed / behind), the binding target (★), numerator /
denominator and coverage. The units
directly below the org are listed beside it; activating one drills in, the breadcrumb goes back
up. Selecting an indicator shows its detail and a chart."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget)

from eduplan_core.catalog.model import LEVEL_NAMES
from eduplan_core.indicators.evaluate import Finding
from eduplan_core.inputs import shown
from eduplan_core.numbers_fmt import number, share, unit_suffix
from eduplan_core.vocab import Relation, Status

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, SORT_ROLE,
                      Column, RowsModel, status_names, term_names)
from .base import Page, heading, setup_table
from .chart import ChartData, ChartWidget

YEARS_SHOWN = (2023, 2024, 2025)
STATUS_COLOURS = {"missed": (RED, RED_BG), "overdue": (RED, RED_BG),
                  "behind": (AMBER_TEXT, AMBER_BG), "done_late": (AMBER_TEXT, AMBER_BG),
                  "below_standard": (AMBER_TEXT, None),
                  "met": (GREEN, GREEN_BG), "on_track": (GREEN, GREEN_BG),
                  "no_data": (GREY, None), "not_collected": (GREY, None),
                  "no_formula": (GREY, None)}


# -- the rows (built in the worker from typed core results; no Qt) ------------------------------
@dataclass
class YearCell:
    year: int
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    reported: int | None = None
    expected: int | None = None
    coverage: float | None = None
    partial: bool = False
    findings: list[Finding] = field(default_factory=list)
    status: str | None = None

    @property
    def binding(self) -> list[Finding]:
        return [f for f in self.findings if f.binding]


@dataclass
class IndicatorRow:
    indicator: str
    section: str | None
    name: str
    unit: str
    compute: str
    direction: str
    order: int
    cells: dict[int, YearCell]
    final: Finding | None = None  # the binding target with the latest target year
    status: str | None = None  # the latest year's status
    status_year: int | None = None
    target_count: int = 0

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.indicator, self.section)

    @property
    def status_rank(self) -> int:
        return Status.rank_of(self.status)

    @property
    def targets(self) -> list[Finding]:
        """Each target once (its latest finding), earliest target year first, binding first."""
        seen: dict[str, Finding] = {}
        for y in sorted(self.cells):
            for f in self.cells[y].findings:
                seen[f.target] = f
        return sorted(seen.values(), key=lambda f: (f.target_year, not f.binding))


def worst(findings: list[Finding]) -> Status | None:
    """The worst status among ``findings`` (the colour of a year)."""
    if not findings:
        return None
    return min(findings, key=lambda f: Status.rank_of(f.status)).status


def build_rows(catalog, org_code: str, checks: dict, computes: dict) -> list[IndicatorRow]:
    """Merge each year's CheckResult (findings of ``org_code`` only) and ComputeResult into one
    row per (indicator, section)."""
    order = {code: i for i, code in enumerate(catalog.indicators)}
    rows: dict[tuple, IndicatorRow] = {}

    def row_for(indicator: str, section: str | None) -> IndicatorRow:
        key = (indicator, section)
        if key not in rows:
            ind = catalog.indicators[indicator]
            name = ind.name + (f"（{section}）" if section else "")
            rows[key] = IndicatorRow(indicator, section, name, ind.unit, ind.compute,
                                     ind.direction, order.get(indicator, 10**6), {})
        return rows[key]

    years = sorted(set(checks) | set(computes))
    for y in years:
        comp = computes.get(y)
        for v in (comp.values if comp else ()):
            if v.value is None and v.expected == 0:
                continue
            row = row_for(v.indicator, v.section)
            row.cells[y] = YearCell(y, None if v.value is None else float(v.value),
                                    v.numerator, v.denominator, v.reported, v.expected,
                                    v.coverage, v.partial)
        chk = checks.get(y)
        for f in (chk.findings if chk else ()):
            if f.org != org_code:
                continue
            row = row_for(f.indicator, f.section)
            cell = row.cells.setdefault(y, YearCell(y))
            cell.findings.append(f)
            if cell.value is None and f.actual is not None:
                cell.value = float(f.actual)
                cell.numerator, cell.denominator = f.numerator, f.denominator
                cell.coverage, cell.partial = f.coverage, f.partial
    out = []
    for row in rows.values():
        if not any(c.value is not None or c.findings for c in row.cells.values()):
            continue
        codes: set[str] = set()
        for y in sorted(row.cells):
            cell = row.cells[y]
            codes.update(f.target for f in cell.findings)
            cell.status = worst(cell.binding) or worst(cell.findings)
            if cell.status is not None:
                row.status, row.status_year = cell.status, y
        row.target_count = len(codes)
        for y in sorted(row.cells, reverse=True):
            binding = row.cells[y].binding
            if binding:
                row.final = max(binding, key=lambda f: (f.target_year, f.relation == Relation.OWN))
                break
        out.append(row)
    out.sort(key=lambda r: (r.order, r.section or ""))
    return out


def chart_data(row: IndicatorRow) -> ChartData:
    """Actual by year, the binding target of each target year, the final target and the
    trajectory (the plan's yearly values, else the straight line the check uses)."""
    data = ChartData(title=row.name, unit=row.unit, years=list(YEARS_SHOWN),
                     lower_is_better=row.direction == "lower")
    for y, cell in row.cells.items():
        data.actual[y] = cell.value
        data.status[y] = cell.status
    seen = set()
    for y in sorted(row.cells):
        for b in row.cells[y].binding:
            if b.target in seen or b.kind in ("milestone", "not_collected"):
                continue
            seen.add(b.target)
            data.targets.setdefault(b.target_year, b.target_value)
    f = row.final
    if f is not None and f.kind not in ("milestone", "not_collected"):
        data.final = (f.target_year, f.target_value, f.comparator)
        first = next(((y, c.value) for y, c in sorted(row.cells.items())
                      if c.value is not None), None)
        # a national standard is a standing threshold, and a target already reached in the
        # first year needs no path to it: no trajectory then
        reached = first is not None and (first[1] <= f.target_value if f.direction == "lower"
                                         else first[1] >= f.target_value)
        if first is not None and first[0] < f.target_year and f.relation != Relation.NATIONAL and \
                not reached:
            traj = {first[0]: first[1], f.target_year: f.target_value}
            for y, cell in row.cells.items():
                for g in cell.findings:
                    if g.target == f.target and g.expected_now is not None and \
                            first[0] < y < f.target_year:
                        traj[y] = g.expected_now
            data.trajectory = sorted(traj.items())
    return data


# -- the models ---------------------------------------------------------------------------------
class IndicatorModel(RowsModel):
    """RowsModel with one coloured cell per year (the status of that year's finding). It also
    words the tooltips and the detail panel, so every text goes through ``tr``."""

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [Column("name", self.tr("指标")), Column("unit", self.tr("单位"))]
        self.columns += [Column(f"y{y}", str(y), align_right=True) for y in YEARS_SHOWN]
        self.columns += [Column("target", self.tr("目标（★约束性）")),
                         Column("status_rank", self.tr("最新状态"))]
        self.status_names = status_names()
        self.relation_names = term_names(Relation)

    def year_of(self, column: int) -> int | None:
        key = self.columns[column].key
        return int(key[1:]) if key.startswith("y") and key[1:].isdigit() else None

    # -- words ---------------------------------------------------------------------------------
    def status_name(self, status: str | None) -> str:
        return self.status_names.get(status, "") if status else ""

    def value_text(self, v: float | None, unit: str = "", kind: str = "") -> str:
        if v is not None and (unit == "是/否" or kind == "milestone"):
            return self.tr("是") if v >= 0.5 else self.tr("否")
        return number(v)

    def target_text(self, f: Finding) -> str:
        """What the target asks, as the check words it: ≥ 99%, 小学 ≥ 4.2 人, 截止 2024-09-30."""
        if f.kind == "milestone":
            return self.tr("截止 %s") % f.deadline if f.deadline else self.tr("%d年完成") % (
                f.target_year)
        return f.requirement or (f"{f.comparator}{self.value_text(f.target_value, f.unit)}"
                                 f"{unit_suffix(f.unit)}")

    def final_text(self, row: IndicatorRow) -> str:
        if row.final is None:
            return "—"
        f = row.final
        when = "" if f.kind == "milestone" else (
            self.tr("（国家标准，每年适用）") if f.relation == Relation.NATIONAL else
            self.tr("（%d年）") % f.target_year)
        text = "★ " + self.target_text(f) + when
        if len(row.targets) > 1:
            text += self.tr(" 等%d项") % len(row.targets)
        return text

    def row_status_text(self, row: IndicatorRow) -> str:
        if row.status is None:
            return "—" if not row.targets else ""
        return self.tr("%s（%d）") % (self.status_name(row.status), row.status_year)

    def cell_text(self, row: IndicatorRow, cell: YearCell | None) -> str:
        if cell is None:
            return ""
        if row.compute == "milestone":
            return self.status_name(cell.status)
        if cell.value is None:
            return self.status_name(cell.status) if cell.status in (
                "no_data", "not_collected") else "—"
        return self.value_text(cell.value, row.unit) + ("*" if cell.partial else "")

    def parts_lines(self, row: IndicatorRow, cell: YearCell) -> list[str]:
        """Numerator / denominator and coverage of a year's value."""
        lines = []
        if cell.numerator is not None and cell.denominator is not None:
            if row.compute == "cv":
                lines.append(self.tr("标准差 %s / 加权均值 %s") % (number(cell.numerator, 3),
                                                             number(cell.denominator, 3)))
            elif row.compute in ("ratio", "youzhi_share"):
                lines.append(self.tr("分子 %s / 分母 %s") % (number(cell.numerator),
                                                         number(cell.denominator)))
        lines.append(self.coverage_text(cell))
        return [x for x in lines if x]

    def coverage_text(self, cell: YearCell) -> str:
        if cell.expected:
            text = self.tr("覆盖 %d/%d 个单位（%.0f%%）") % (
                cell.reported or 0, cell.expected, 100 * (cell.reported or 0) / cell.expected)
            return text + (self.tr("，部分单位未报送") if cell.partial else "")
        if cell.coverage is not None:
            return self.tr("覆盖 %.0f%%") % (100 * cell.coverage)
        return ""

    def finding_line(self, f: Finding, with_year_status: bool = True) -> str:
        label = f.label or self.tr("%d年目标") % f.target_year
        text = ("★ " if f.binding else "   ") + self.tr("%s %s（%s：%s）") % (
            label, self.target_text(f), self.relation_names.get(f.relation, f.relation),
            f.plan_name)
        if with_year_status:
            text += self.tr("：%s") % (f.status_text if f.status == Status.BELOW_STANDARD
                                      else self.status_name(f.status))
            if f.expected_now is not None and f.status in (Status.BEHIND, Status.ON_TRACK):
                text += self.tr("，本年应达 %s") % self.value_text(f.expected_now, f.unit)
            for close in (f.close_pace, f.close_target):
                if close:
                    text += "；" + close
            if f.group_note:
                text += "\n      " + self.tr("与约束性目标的不同：%s") % f.group_note
        return text

    def cell_tooltip(self, row: IndicatorRow, cell: YearCell | None, year: int) -> str:
        if cell is None:
            return self.tr("%s · %d年：无数据") % (row.name, year)
        value = self.cell_text(row, cell) or "—"
        lines = [self.tr("%s · %d年：%s") % (row.name, year, value + unit_suffix(row.unit))]
        lines += self.parts_lines(row, cell)
        lines += [self.finding_line(f) for f in sorted(
            cell.findings, key=lambda f: (not f.binding, f.target_year))]
        if not cell.findings:
            lines.append(self.tr("本年没有适用的目标"))
        return "\n".join(lines)

    def targets_tooltip(self, row: IndicatorRow) -> str:
        if not row.targets:
            return self.tr("%s：没有规划目标") % row.name
        return "\n".join([row.name] + [self.finding_line(f, False) for f in row.targets]
                         + [self.tr("★ 约束性目标：本年判断同一指标的几项目标中最严格的一项")])

    def detail_html(self, row: IndicatorRow) -> str:
        e = html.escape
        direction = self.tr("越小越好") if row.direction == "lower" else self.tr("越大越好")
        out = [f"<h3>{e(row.name)}</h3>",
               "<p>" + e(self.tr("单位：%s；%s") % (row.unit or "—", direction)) + "</p>",
               "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse:"
               "collapse; border-color:#bdbdbd'><tr>"
               + "".join(f"<th>{e(h)}</th>" for h in (
                   self.tr("年份"), self.tr("实际值"), self.tr("分子 / 分母"), self.tr("覆盖"),
                   self.tr("状态")))
               + "</tr>"]
        for y in YEARS_SHOWN:
            cell = row.cells.get(y)
            if cell is None:
                out.append(f"<tr><td>{y}</td><td colspan='4'>{e(self.tr('无数据'))}</td></tr>")
                continue
            parts = "—"
            if cell.numerator is not None and cell.denominator is not None:
                if row.compute in ("ratio", "youzhi_share"):
                    parts = f"{number(cell.numerator)} / {number(cell.denominator)}"
                elif row.compute == "cv":
                    parts = f"{number(cell.numerator, 3)} / {number(cell.denominator, 3)}"
            cov = "—"
            if cell.expected:
                cov = f"{cell.reported}/{cell.expected}" + (
                    self.tr("（部分）") if cell.partial else "")
            elif cell.coverage is not None:
                cov = share(cell.coverage)
            colours = STATUS_COLOURS.get(cell.status or "")
            style = f" style='color:{colours[0].name()}'" if colours else ""
            out.append(f"<tr><td>{y}</td><td align='right'>{e(self.cell_text(row, cell) or '—')}"
                       f"</td><td align='right'>{e(parts)}</td><td>{e(cov)}</td>"
                       f"<td{style}>{e(self.status_name(cell.status) or '—')}</td></tr>")
        out.append("</table>")
        if not row.targets:
            out.append("<p>" + e(self.tr("本单位此指标没有规划目标。")) + "</p>")
            return "".join(out)
        out.append("<p><b>" + e(self.tr("目标")) + "</b> " + e(self.tr(
            "（★ 约束性目标：本年判断同一指标的几项目标中最严格的一项）")) + "</p><ul>")
        for f in row.targets:
            per_year, last = [], None
            for y in YEARS_SHOWN:
                cell = row.cells.get(y)
                g = next((g for g in cell.findings if g.target == f.target), None) if cell \
                    else None
                if g is None:
                    continue
                last = g
                s = f"{y}：{self.status_name(g.status)}"
                if g.expected_now is not None and g.status in (Status.BEHIND, Status.ON_TRACK):
                    s += self.tr("（应达 %s）") % self.value_text(g.expected_now, g.unit)
                per_year.append(s)
            out.append("<li>" + e(self.finding_line(f, False)) + "<br/>" + e("；".join(per_year)))
            if last is not None:
                for close in (last.close_pace, last.close_target):
                    if close:
                        out.append("<br/>" + e(close))
            if last is not None and last.explanation:
                out.append("<br/>" + e(self.tr("说明：%s") % shown(last.explanation)))
            if f.excerpt:  # a standard known from a summary: no table row as its text
                out.append(f"<br/><span style='color:{GREY.name()}'>"
                           + e(self.tr("%s；依据：%s") % (f.citation, f.excerpt)) + "</span>")
            elif f.quote:
                out.append(f"<br/><span style='color:{GREY.name()}'>"
                           + e(self.tr("原文：“%s”——%s") % (f.quote, f.citation or f.document))
                           + "</span>")
            out.append("</li>")
        out.append("</ul>")
        return "".join(out)

    # -- Qt ------------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row: IndicatorRow = self.rows[index.row()]
        key = self.columns[index.column()].key
        year = self.year_of(index.column())
        if role == ROW_ROLE:
            return row
        if year is not None:
            cell = row.cells.get(year)
            if role == Qt.ItemDataRole.DisplayRole:
                return self.cell_text(row, cell)
            if role == SORT_ROLE:
                return None if cell is None else cell.value
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
                return _brush(cell.status if cell else None, role)
            if role == Qt.ItemDataRole.FontRole and cell is not None and cell.partial:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.cell_tooltip(row, cell, year)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "target":
                return self.final_text(row)
            if key == "status_rank":
                return self.row_status_text(row)
            return getattr(row, key) or ""
        if role == SORT_ROLE:
            return row.status_rank if key in ("status_rank",) else getattr(row, key, None)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and \
                key == "status_rank":
            return _brush(row.status, role)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("target", "name"):
            return self.targets_tooltip(row)
        return None


def _brush(status: str | None, role):
    colours = STATUS_COLOURS.get(status or "")
    if not colours:
        return None
    fg, bg = colours
    chosen = fg if role == Qt.ItemDataRole.ForegroundRole else bg
    return QBrush(chosen) if chosen is not None else None


# -- the page -----------------------------------------------------------------------------------
class DashboardPage(Page):
    title = "指标看板"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.path: list[str] = []  # org codes from the workspace's org down to the current one
        self._cache: dict[tuple, list[IndicatorRow]] = {}
        self._all_rows: list[IndicatorRow] = []
        self._sort: tuple[int, bool] | None = None

        top = QHBoxLayout()
        self.heading = heading(self.tr("指标看板"))
        top.addWidget(self.heading)
        top.addStretch(1)
        self.outer.insertLayout(0, top)

        crumbs_row = QHBoxLayout()
        self.up_button = QPushButton(self.tr("↑ 上一级"))
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.setToolTip(self.tr("返回上一级单位（Alt+↑）"))
        self.up_button.clicked.connect(self.go_up)
        crumbs_row.addWidget(self.up_button)
        self.crumbs = QHBoxLayout()
        self.crumbs.setSpacing(2)
        crumbs_row.addLayout(self.crumbs)
        crumbs_row.addStretch(1)
        self.outer.addLayout(crumbs_row)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选指标名称…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.filter_box = QComboBox()
        for text in (self.tr("全部指标"), self.tr("有目标的指标"), self.tr("未达标、滞后或逾期"),
                     self.tr("已达标或进度正常"), self.tr("无数据")):
            self.filter_box.addItem(text)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.count_label = QLabel()
        filters.addWidget(QLabel(self.tr("指标：")))
        filters.addWidget(self.search, 2)
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.count_label)
        legend = QLabel(self.tr("颜色：红 未达标/逾期 · 黄 进度滞后 · 绿 达标/进度正常；"
                                "* 部分单位未报送；悬停单元格查看分子、分母和覆盖"))
        legend.setStyleSheet(f"color: {GREY.name()};")
        filters.addWidget(legend, 3)
        legend.setWordWrap(True)
        self.outer.addLayout(filters)

        # units below (left), indicators (right), detail and chart below
        self.units_model = RowsModel([Column("name", self.tr("下级单位")),
                                      Column("kind", self.tr("类型")),
                                      Column("code", self.tr("代码"))])
        self.units_view = QTableView()
        self.units_view.setModel(self.units_model)
        setup_table(self.units_view)
        self.units_view.activated.connect(self._unit_activated)
        self.units_view.setToolTip(self.tr("双击或按回车查看该单位的指标"))
        units_box = QWidget()
        ul = QVBoxLayout(units_box)
        ul.setContentsMargins(0, 0, 0, 0)
        self.units_label = QLabel(self.tr("下级单位（双击进入）"))
        ul.addWidget(self.units_label)
        ul.addWidget(self.units_view, 1)
        ul.addStretch(0)

        self.model = IndicatorModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText(self.tr("选择一个指标查看详情"))
        self.chart = ChartWidget()

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(units_box)
        upper.addWidget(self.view)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 4)
        upper.setSizes([340, 1000])
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.detail)
        lower.addWidget(self.chart)
        lower.setSizes([520, 520])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(upper)
        main.addWidget(lower)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        self.outer.addWidget(main, 1)

        self.setTabOrder(self.up_button, self.search)
        self.setTabOrder(self.search, self.filter_box)
        self.setTabOrder(self.filter_box, self.view)
        self.setTabOrder(self.view, self.units_view)
        self.setTabOrder(self.units_view, self.detail)
        session.data_changed.connect(self._forget)

    def _forget(self) -> None:
        """Values were saved somewhere: computed rows are stale."""
        self._cache.clear()


    # -- where we are ----------------------------------------------------------------------
    @property
    def org_code(self) -> str:
        if not self.path:
            self.path = [self.session.ws.org_code]
        return self.path[-1]

    def org_name(self, code: str) -> str:
        org = self.session.ws.orgs.get(code)
        if org is None:
            return code
        return org.attrs_at(self.session.year).name if org.is_school else org.name

    def refresh(self) -> None:
        root = self.session.ws.org_code
        if not self.path or self.path[0] != root:
            self.path = [root]
        self._show_place()
        key = (self.org_code, self.session.as_of)
        if key in self._cache:
            self._show_rows(key, self._cache[key])
            return
        org, as_of = self.org_code, self.session.as_of
        self.run(self.tr("正在计算 %s 2023—2025 年的指标…") % self.org_name(org),
                 load_dashboard(org, as_of), lambda rows: self._loaded(key, rows))

    def _loaded(self, key, rows) -> None:
        self._cache[key] = rows
        if key == (self.org_code, self.session.as_of):
            self._show_rows(key, rows)

    def _show_place(self) -> None:
        while self.crumbs.count():
            item = self.crumbs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for i, code in enumerate(self.path):
            if i:
                sep = QLabel("›")
                self.crumbs.addWidget(sep)
            name = self.org_name(code)
            if i == len(self.path) - 1:
                label = QLabel(f"<b>{html.escape(name)}</b>")
                self.crumbs.addWidget(label)
            else:
                button = QPushButton(name)
                button.setFlat(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolTip(self.tr("回到 %s") % name)
                button.clicked.connect(lambda _=False, n=i: self.go_to_level(n))
                self.crumbs.addWidget(button)
        self.up_button.setEnabled(len(self.path) > 1)
        self.heading.setText(self.tr("指标看板") + f" — {self.org_name(self.org_code)}")
        # the units directly below
        tree = self.session.ws.orgs
        year = self.session.year
        units = []
        for org in tree.children(self.org_code):
            if org.is_school:
                attrs = org.attrs_at(year)
                kind = attrs.type + ("（纸质）" if attrs.paper else "")
                if attrs.status != "在办":
                    kind += f"（{attrs.status}）"
                units.append({"code": org.code, "name": attrs.name, "kind": kind})
            else:
                units.append({"code": org.code, "name": org.name,
                              "kind": LEVEL_NAMES.get(org.level, org.level)})
        self.units_model.set_rows(units)
        self.units_view.resizeColumnsToContents()
        self.units_label.setText(self.tr("下级单位（%d，双击或回车进入）") % len(units)
                                 if units else self.tr("没有下级单位"))
        self.units_view.setVisible(bool(units))

    def drill_to(self, code: str) -> None:
        """Show the unit ``code`` (a unit directly below the current one)."""
        self.path.append(code)
        self.refresh()

    def go_to_level(self, n: int) -> None:
        del self.path[n + 1:]
        self.refresh()

    def go_up(self) -> None:
        if len(self.path) > 1:
            self.go_to_level(len(self.path) - 2)

    def screenshot_steps(self):
        """For desktop/screenshots.py: an indicator's chart, then one school below."""
        def chart():
            self.select(("gk_tier1_rate", None))

        def school():
            units = self.units_model.rows
            if units:
                self.drill_to(units[min(11, len(units) - 1)]["code"])

        return [("chart", chart), ("school", school)]

    def _unit_activated(self, index) -> None:
        row = self.units_model.data(index, ROW_ROLE)
        if row:
            self.drill_to(row["code"])

    # -- the table ---------------------------------------------------------------------------
    def _show_rows(self, key, rows: list[IndicatorRow]) -> None:
        self._all_rows = rows
        self._apply_filter()
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        if header.sectionSize(0) > 420:
            header.resizeSection(0, 420)

    def _visible(self, row: IndicatorRow) -> bool:
        text = self.search.text().strip()
        if text and text not in row.name and text not in row.indicator:
            return False
        choice = self.filter_box.currentIndex()
        if choice == 1:
            return row.target_count > 0
        if choice == 2:
            return row.status in (Status.MISSED, Status.BEHIND, Status.OVERDUE, Status.DONE_LATE)
        if choice == 3:
            return row.status in (Status.MET, Status.ON_TRACK)
        if choice == 4:
            return all(c.value is None for c in row.cells.values())
        return True

    def _apply_filter(self, *_):
        current = self.current_row()
        rows = [r for r in self._all_rows if self._visible(r)]
        if self._sort is not None:
            column, desc = self._sort
            rows = sorted_by(rows, self.model, column, desc)
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%d / %d 项") % (len(rows), len(self._all_rows)))
        if current is None or not self.select(current.key):
            if rows:
                self.select(rows[0].key)
            else:
                self._row_changed()

    def _sort_by(self, column: int) -> None:
        desc = self._sort is not None and self._sort[0] == column and not self._sort[1]
        self._sort = (column, desc)
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if desc
                                else Qt.SortOrder.AscendingOrder)
        self._apply_filter()

    def current_row(self) -> IndicatorRow | None:
        index = self.view.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def select(self, key: tuple[str, str | None]) -> bool:
        for i, row in enumerate(self.model.rows):
            if row.key == key:
                index = self.model.index(i, 0)
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(index)
                self._row_changed()
                return True
        return False

    def _row_changed(self, *_):
        row = self.current_row()
        if row is None:
            self.detail.clear()
            self.chart.clear()
            return
        self.detail.setHtml(self.model.detail_html(row))
        if row.compute in ("milestone", "none") and all(c.value is None
                                                          for c in row.cells.values()):
            self.chart.clear(self.tr("“%s”是里程碑或不采集的指标，没有可画的数值。") % row.name)
        else:
            self.chart.show_data(chart_data(row))


def sorted_by(rows: list[IndicatorRow], model: IndicatorModel, column: int,
              desc: bool) -> list[IndicatorRow]:
    """A keyed sort in Python on a column's raw value, missing values last."""
    key = model.columns[column].key
    year = model.year_of(column)

    def value(row: IndicatorRow):
        if year is not None:
            cell = row.cells.get(year)
            return None if cell is None else cell.value
        if key == "target":
            return None if row.final is None else row.final.target_year
        if key == "status_rank":
            return row.status_rank
        return getattr(row, key, None)

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    return sorted(present, key=value, reverse=desc) + missing


def load_dashboard(org: str, as_of: dt.date, years=YEARS_SHOWN):
    """The worker function: check and compute each year, merged into rows."""
    def fn(ws, progress=None, cancelled=None):
        from eduplan_core.indicators.service import overview_org

        view = overview_org(ws, org, tuple(years), as_of=as_of, progress=progress,
                            cancelled=cancelled)
        return build_rows(ws.catalog, view.org, view.checks, view.computes)
    return fn
