"""The dashboard's table: one row per indicator (eduplan_core.indicators.dashboard's
IndicatorRow), a column per year shown, each year's cell coloured by that year's finding; the
words of the cells and their tooltips; the chart's data in the desktop's ChartData."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from eduplan_core.indicators.dashboard import IndicatorRow, YearCell, chart_series
from eduplan_core.indicators.evaluate import Finding
from eduplan_core.numbers_fmt import number, unit_suffix
from eduplan_core.texts import Text
from eduplan_core.vocab import Relation, Status

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, SORT_ROLE,
                      Column, RowsModel, status_names, term_names, words)
from .chart import ChartData

SEMICOLON = Text("；", "; ")  # between phrases, in the window's language (words)
STATUS_COLOURS = {"missed": (RED, RED_BG), "overdue": (RED, RED_BG),
                  "behind": (AMBER_TEXT, AMBER_BG), "done_late": (AMBER_TEXT, AMBER_BG),
                  "below_standard": (AMBER_TEXT, None),
                  "met": (GREEN, GREEN_BG), "on_track": (GREEN, GREEN_BG),
                  "no_data": (GREY, None), "not_collected": (GREY, None),
                  "no_formula": (GREY, None)}


class IndicatorModel(RowsModel):
    """RowsModel with one coloured cell per year shown (the status of that year's finding). It
    also words the cells and their tooltips, so every text goes through ``tr``. The years come
    with the rows (:meth:`set_data`): the selected year and the years before it."""

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.years: tuple[int, ...] = ()
        self.columns = self._columns(())
        self.status_names = status_names()
        self.relation_names = term_names(Relation)

    def _columns(self, years: tuple[int, ...]) -> list[Column]:
        columns = [Column("name", self.tr("指标")), Column("unit", self.tr("单位"))]
        columns += [Column(f"y{y}", str(y), align_right=True) for y in years]
        # the status before the target's words: at 1024 px the last column is the one cut
        return columns + [Column("status_rank", self.tr("最新状态")),
                          Column("target", self.tr("目标（★约束性）"))]

    def set_data(self, years: tuple[int, ...], rows: list[IndicatorRow]) -> None:
        """The years shown and the rows, with one reset."""
        self.beginResetModel()
        if years != self.years:
            self.years = tuple(years)
            self.columns = self._columns(self.years)
        self.rows = list(rows)
        self.endResetModel()

    def column_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.key == key), None)

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
        return words(f.requirement) or (f"{f.comparator}{self.value_text(f.target_value, f.unit)}"
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
        if cell.expected and not cell.reported and cell.value is None:
            return self.tr("无数据")  # not "0/1 (partial)": nobody reported
        if cell.expected:
            text = self.tr("覆盖 %d/%d 个单位（%.0f%%）") % (
                cell.reported or 0, cell.expected, 100 * (cell.reported or 0) / cell.expected)
            return text + (self.tr("，部分单位未报送") if cell.partial else "")
        if cell.coverage is not None:
            return self.tr("覆盖 %.0f%%") % (100 * cell.coverage)
        return ""

    def finding_line(self, f: Finding, with_year_status: bool = True) -> str:
        label = words(f.label) or self.tr("%d年目标") % f.target_year
        text = ("★ " if f.binding else "   ") + self.tr("%s %s（%s：%s）") % (
            label, self.target_text(f), self.relation_names.get(f.relation, f.relation),
            f.plan_name)
        if with_year_status:
            text += self.tr("：%s") % (words(f.status_text) if f.status == Status.BELOW_STANDARD
                                      else self.status_name(f.status))
            if f.expected_now is not None and f.status in (Status.BEHIND, Status.ON_TRACK):
                text += self.tr("，本年应达 %s") % self.value_text(f.expected_now, f.unit)
            for close in (f.close_pace, f.close_target):
                if close:
                    text += words(SEMICOLON) + words(close)
            if f.group_note:
                text += "\n      " + self.tr("与约束性目标的不同：%s") % words(f.group_note)
        return text

    def cell_tooltip(self, row: IndicatorRow, cell: YearCell | None, year: int) -> str:
        if cell is None:
            return self.tr("%s · %d年：无数据") % (words(row.name), year)
        value = self.cell_text(row, cell) or "—"
        lines = [self.tr("%s · %d年：%s") % (words(row.name), year,
                                           value + unit_suffix(row.unit))]
        lines += self.parts_lines(row, cell)
        lines += [self.finding_line(f) for f in sorted(
            cell.findings, key=lambda f: (not f.binding, f.target_year))]
        if not cell.findings:
            lines.append(self.tr("本年没有适用的目标"))
        return "\n".join(lines)

    def targets_tooltip(self, row: IndicatorRow) -> str:
        if not row.targets:
            return self.tr("%s：没有规划目标") % words(row.name)
        return "\n".join([words(row.name)] + [self.finding_line(f, False) for f in row.targets]
                         + [self.tr("★ 约束性目标：本年判断同一指标的几项目标中最严格的一项")])


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
            return words(getattr(row, key)) or ""
        if role == SORT_ROLE:
            return row.status_rank if key in ("status_rank",) else getattr(row, key, None)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and \
                key == "status_rank":
            return _brush(row.status, role)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("target", "name"):
            return self.targets_tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and key == "status_rank":
            return self.row_status_text(row) or None  # the cell may be cut at 1024 px
        return None


def _brush(status: str | None, role):
    colours = STATUS_COLOURS.get(status or "")
    if not colours:
        return None
    fg, bg = colours
    chosen = fg if role == Qt.ItemDataRole.ForegroundRole else bg
    return QBrush(chosen) if chosen is not None else None


def sorted_by(rows: list[IndicatorRow], key: str, desc: bool) -> list[IndicatorRow]:
    """A keyed sort in Python on a column's raw value (by its key: name, y2024, target, …),
    missing values last."""
    year = int(key[1:]) if key.startswith("y") and key[1:].isdigit() else None

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


def chart_data(row: IndicatorRow, years: tuple[int, ...]) -> ChartData | None:
    """The core's chart of a row (chart_series) as the chart widget draws it; None when there
    is nothing to draw (a milestone, an indicator not collected)."""
    s = chart_series(row, years)
    if not s.drawable:
        return None
    return ChartData(title=s.title, unit=s.unit, years=list(s.years), actual=dict(s.actual),
                     status=dict(s.status), targets=dict(s.targets), final=s.final,
                     trajectory=list(s.trajectory), lower_is_better=s.lower_is_better)


def load_dashboard(org: str, year: int, as_of: dt.date):
    """The worker function: the core's dashboard of ``org`` for ``year`` and the years before
    it that have data or targets."""
    def fn(ws, progress=None, cancelled=None):
        from eduplan_core.indicators.dashboard import dashboard

        return dashboard(ws, org, year, as_of=as_of, progress=progress, cancelled=cancelled)
    return fn
