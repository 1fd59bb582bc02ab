"""优质均衡's school grid: a row a school section, its conclusion and each of the 7 indicators a
coloured cell (reached / short but ≥ 85 % / below 85 % / no data), the titles wrapped over narrow
numbers and the columns fitted to the page's width. A part of YouzhiPage (youzhi.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from eduplan_core.numbers_fmt import number

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, SORT_ROLE,
                      Column, RowsModel, words)
from .base import cut_widths, set_widths, setup_table

STATUS_COLOURS = {"达标": (GREEN, GREEN_BG), "未达标": (RED, RED_BG),
                  "数据不全": (AMBER_TEXT, AMBER_BG), "不参评": (GREY, None)}


class SchoolGridModel(RowsModel):
    """One row per school section: its conclusion and each of the 7 indicators as a coloured
    cell (reached / short but ≥ 85 % / below 85 % / no data)."""

    def __init__(self, indicators: list[tuple[str, str]], floor: float, parent=None):
        super().__init__([], parent=parent)
        self.indicators = indicators  # (code, full name) in the standard's order
        self.floor = floor
        short = {"yz_higher_degree_teachers_per100": self.tr("高学历教师"),
                 "yz_backbone_teachers_per100": self.tr("骨干教师"),
                 "yz_pe_art_teachers_per100": self.tr("体艺教师"),
                 "yz_teaching_area_per_pupil": self.tr("教学用房"),
                 "yz_sports_area_per_pupil": self.tr("体育场馆"),
                 "yz_equipment_value_per_pupil": self.tr("仪器设备值"),
                 "yz_multimedia_rooms_per100": self.tr("多媒体教室")}
        self.columns = [Column("name", self.tr("学校"), tooltip=lambda r: r["name"]),
                        Column("org", self.tr("代码")),
                        Column("section", self.tr("学段")),
                        Column("status_text", self.tr("学校结论")),
                        Column("met_text", self.tr("本学段达标"), align_right=True)]
        self.columns += [Column(code, short.get(code, name), align_right=True)
                         for code, name in indicators]
        self.columns.append(Column("reason", self.tr("说明")))
        self.full_names = dict(indicators)
        self.wrapped: dict[int, str] = {}  # column → its title in lines (wrap_titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            code = self.columns[section].key
            return self.full_names.get(code, self.columns[section].title)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and section in self.wrapped:
            return self.wrapped[section]
        return super().headerData(section, orientation, role)

    def wrap_titles(self, fm: QFontMetrics, widths: dict[int, int], most: int = 3) -> None:
        """Each title in lines no wider than its column's cells (``widths``, in px) or its
        widest word, in at most ``most`` lines (wider when it needs more): a column of short
        numbers keeps a narrow header (English titles are long; Chinese ones have no spaces
        and stay one line)."""
        wrapped = {}
        for c, col in enumerate(self.columns):
            words_ = col.title.split()
            if len(words_) < 2:
                continue
            width = max([widths.get(c, 0)] + [fm.horizontalAdvance(w) for w in words_])
            lines = _wrap(words_, width, fm)
            while len(lines) > most:
                width += fm.horizontalAdvance("n")
                lines = _wrap(words_, width, fm)
            wrapped[c] = "\n".join(lines)
        if wrapped != self.wrapped:
            self.wrapped = wrapped
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()].key
        if key not in self.full_names:
            if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and \
                    key == "status_text":
                return _brush(STATUS_COLOURS.get(row["status"]), role)
            if role == Qt.ItemDataRole.ToolTipRole and key in ("reason", "status_text"):
                return words(row["reason"]) or None
            return super().data(index, role)
        r = row["results"].get(key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if r is None:
                return ""
            return "—" if r.value is None else number(r.value)
        if role == SORT_ROLE:
            return None if r is None else r.ratio
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            return _brush(self.cell_colours(r), role)
        if role == Qt.ItemDataRole.ToolTipRole and r is not None:
            return self.cell_tooltip(r)
        return None

    def columns_name(self, indicator: str) -> str:
        """The short name of an indicator (its column title)."""
        return next((c.title for c in self.columns if c.key == indicator), indicator)

    def verdict(self, r) -> str:
        if r.value is None:
            return "none"
        if r.met:
            return "met"
        return "low" if r.ratio < self.floor - 1e-9 else "short"

    def cell_colours(self, r):
        if r is None:
            return None
        return {"met": (GREEN, GREEN_BG), "short": (AMBER_TEXT, AMBER_BG),
                "low": (RED, RED_BG), "none": (GREY, None)}[self.verdict(r)]

    def cell_tooltip(self, r) -> str:
        name = self.full_names.get(r.indicator, r.indicator)
        head = self.tr("%s（%s）") % (name, r.section)
        if r.value is None:
            return head + "\n" + self.tr("无数据")
        verdict = {"met": self.tr("达到标准"),
                   "short": self.tr("未达标准，但不低于标准的 %.0f%%") % (100 * self.floor),
                   "low": self.tr("低于标准的 %.0f%%") % (100 * self.floor)}[self.verdict(r)]
        return head + "\n" + self.tr("实际 %s，标准 ≥ %s，为标准的 %.0f%%：%s") % (
            number(r.value), number(r.threshold), 100 * r.ratio, verdict)


def _wrap(words_: list[str], width: int, fm: QFontMetrics) -> list[str]:
    """Words in lines of at most ``width`` px (a longer word a line of its own)."""
    lines: list[str] = []
    for w in words_:
        if lines and fm.horizontalAdvance(lines[-1] + " " + w) <= width:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines


def _brush(colours, role):
    if not colours:
        return None
    fg, bg = colours
    chosen = fg if role == Qt.ItemDataRole.ForegroundRole else bg
    return QBrush(chosen) if chosen is not None else None


class SchoolGrid(QTableView):
    """The table of the school sections (its ``rows_model``, a SchoolGridModel)."""

    def __init__(self, indicators: list[tuple[str, str]], floor: float, parent=None):
        super().__init__(parent)
        self.rows_model = SchoolGridModel(indicators, floor, self)
        self.setModel(self.rows_model)
        setup_table(self)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewport().installEventFilter(self)

    # -- fitting the width ----------------------------------------------------------------------
    # the columns that may be cut (their ends "…", whole in their tooltips and below the
    # table), tier by tier (0 first), each to no less than so many "M"s: the school's name
    # (its code beside it). The code, the result, the count met and the 7 indicators keep their
    # cells whole; the explanation (the last column) takes the room left.
    CUT: dict[str, tuple[int, int]] = {"name": (0, 7)}

    def fit_columns(self) -> None:
        """The 7 indicators and the verdicts whole at 1024 px in either language: titles in up
        to three lines over narrow right-aligned numbers, the school's name cut first; no
        sideways scrolling."""
        header, model = self.horizontalHeader(), self.rows_model
        last = model.columnCount() - 1
        cells = {c: self.sizeHintForColumn(c) - 2 * _margin(self) for c in range(last)}
        model.wrap_titles(header.fontMetrics(), cells)
        widths = cut_widths(self, list(range(last)), [c.key for c in model.columns], self.CUT)
        em = self.fontMetrics().horizontalAdvance("M")
        spare = self.viewport().width() - sum(widths.values())
        # the explanation (whole below the table and in the result's tooltip) when the rest is
        # whole and it has room for a few words; else its room to the school's name
        self.setColumnHidden(last, spare < 6 * em)
        if spare >= 6 * em:
            widths[last] = spare
        elif spare > 0:
            widths[0] += spare
        set_widths(self, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)


def _margin(view) -> int:
    """The padding a header or cell adds on each side of its text."""
    return view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 1
