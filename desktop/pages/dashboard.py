"""指标看板: every indicator of an org against its targets, in the year chosen on the toolbar and
the years before it that have data or targets, with drill-down.

The rows come from the core (eduplan_core.indicators.dashboard, in a worker): the actual value
of each year coloured by that year's finding (met / missed / behind), the binding target (★),
numerator / denominator and coverage in the cell's tooltip. The units directly below the org
are listed beside it; activating one drills in, the breadcrumb goes back up. Selecting an
indicator shows its finding of the chosen year in the same detail as the shortfall list's
(finding_detail.py) and a chart. The table's words are dashboard_model.py's, the units below
and drilling dashboard_units.py's."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView)

from eduplan_core.indicators.dashboard import Dashboard, IndicatorRow
from eduplan_core.vocab import Status

from ..models import GREY, ROW_ROLE, words
from .base import Page, heading, setup_table
from .chart import ChartWidget
from .dashboard_model import IndicatorModel, chart_data, load_dashboard, sorted_by
from .dashboard_units import UnitsBelow
from .finding_detail import FindingDetail

__all__ = ["DashboardPage", "IndicatorModel", "chart_data", "load_dashboard"]


# -- the page -----------------------------------------------------------------------------------
class DashboardPage(UnitsBelow, Page):
    title = "指标看板"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.path: list[str] = []  # org codes from the workspace's org down to the current one
        self._cache: dict[tuple, Dashboard] = {}
        self._all_rows: list[IndicatorRow] = []
        self._shown: Dashboard | None = None
        self._sort: tuple[str, bool] | None = None  # a column's key, descending
        self._fitting = False

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
        crumbs_row.addWidget(self._make_units_button())  # dashboard_units.py
        self.crumbs = QHBoxLayout()
        self.crumbs.setSpacing(2)
        crumbs_row.addLayout(self.crumbs)
        crumbs_row.addStretch(1)
        legend = QLabel(self.tr("颜色：红 未达标/逾期 · 黄 进度滞后 · 绿 达标/进度正常；"
                                "* 部分单位未报送；悬停单元格查看分子、分母和覆盖"))
        legend.setStyleSheet(f"color: {GREY.name()};")
        legend.setWordWrap(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        crumbs_row.addWidget(legend, 3)  # beside the breadcrumb, where the row has room
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
        filters.addStretch(1)
        self.outer.addLayout(filters)

        # units below (left), indicators (right), detail and chart below
        units_box = self._make_units_box()

        self.model = IndicatorModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        # a name cut in the middle keeps its end: the 学段 of 每百名学生拥有…（小学） and（初中）
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.view.viewport().installEventFilter(self)  # a resized table fits its columns again
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = FindingDetail(columns=1, placeholder=self.tr("选择一个指标查看详情"))
        self.detail.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.chart = ChartWidget()

        upper = self.upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(units_box)
        upper.addWidget(self.view)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 4)
        upper.setSizes([220, 1000])
        upper.splitterMoved.connect(self._units_moved)
        self._units_folded: bool | None = None  # None: not decided yet (by the width)
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

    def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _forget(self) -> None:
        """Values were saved somewhere: computed rows are stale."""
        self._cache.clear()


    # -- where we are ----------------------------------------------------------------------
    def org_name(self, code: str) -> str:
        org = self.session.ws.orgs.get(code)
        if org is None:
            return code
        return org.attrs_at(self.session.year).name if org.is_school else org.name

    def _key(self) -> tuple:
        return (self.org_code, self.session.year, self.session.as_of)

    def refresh(self) -> None:
        """Show the current org for the toolbar's year (and the years before it)."""
        root = self.session.ws.org_code
        if not self.path or self.path[0] != root:
            self.path = [root]
        self._show_place()
        key = self._key()
        if key in self._cache:
            self._show_rows(self._cache[key])
            return
        org, year, as_of = key
        self.run(self.tr("正在计算 %1 %2 年及以前的指标…").replace("%1", self.org_name(org))
                 .replace("%2", str(year)),
                 load_dashboard(org, year, as_of), lambda board: self._loaded(key, board))

    def _loaded(self, key, board: Dashboard) -> None:
        self._cache[key] = board
        if key == self._key():
            self._show_rows(board)

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
        self.heading.setToolTip(self.tr("%1 年及以前有数据或目标的年份").replace(
            "%1", str(self.session.year)))
        self._fill_units()  # the units directly below

    def screenshot_steps(self):
        """For desktop/screenshots.py: an indicator's chart, then one school below."""
        def chart():
            self.select(("gk_tier1_rate", None))

        def school():
            units = self.units_model.rows
            if units:
                self.drill_to(units[min(11, len(units) - 1)]["code"])

        return [("chart", chart), ("school", school)]

    # -- the table ---------------------------------------------------------------------------
    def _show_rows(self, board: Dashboard) -> None:
        self._shown = board
        self._all_rows = list(board.rows)
        self._apply_filter()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The columns within the table's width, so that the status and the target (the
        last column, stretched) are seen without scrolling: the unit, the years (at most 8
        "M"s wide) and the status (at most 11) as wide as their contents, the name what is
        left beside 15 "M"s for the target (between 9 and 26). What does not fit ends in "…";
        the tooltip has it whole."""
        if self._fitting:  # a scroll bar that came or went while fitting
            return
        self._fitting = True
        try:
            self._fit_columns_now()
        finally:
            self._fitting = False

    def _fit_columns_now(self) -> None:
        header = self.view.horizontalHeader()
        n = self.model.columnCount()
        target = self.model.column_of("target")
        status = self.model.column_of("status_rank")
        if not n or target is None or status is None:
            return
        em = self.view.fontMetrics().horizontalAdvance("M")
        self.view.resizeColumnsToContents()
        header.resizeSection(status, min(header.sectionSize(status), 11 * em))
        for i in range(n):  # a year's "Not collected" need not widen its column
            if self.model.year_of(i) is not None:
                header.resizeSection(i, min(header.sectionSize(i), 8 * em))
        fixed = sum(header.sectionSize(i) for i in range(n) if i not in (0, target))
        room = self.view.viewport().width() - fixed
        want = header.sectionSize(target)
        name = min(header.sectionSize(0), 26 * em, room - min(want, 15 * em))
        header.resizeSection(0, max(9 * em, name))

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
            return not row.has_values
        return True

    def _apply_filter(self, *_):
        current = self.current_row()
        rows = [r for r in self._all_rows if self._visible(r)]
        if self._sort is not None:
            key, desc = self._sort
            rows = sorted_by(rows, key, desc)
        years = self._shown.years if self._shown is not None else ()
        self.model.set_data(years, rows)
        self._show_sort()
        self.count_label.setText(self.tr("%d / %d 项") % (len(rows), len(self._all_rows)))
        if current is None or not self.select(current.key):
            if rows:
                self.select(rows[0].key)
            else:
                self._row_changed()

    def _sort_by(self, column: int) -> None:
        key = self.model.columns[column].key
        desc = self._sort is not None and self._sort[0] == key and not self._sort[1]
        self._sort = (key, desc)
        self._apply_filter()

    def _show_sort(self) -> None:
        header = self.view.horizontalHeader()
        column = self.model.column_of(self._sort[0]) if self._sort is not None else None
        header.setSortIndicatorShown(column is not None)
        if column is not None and self._sort is not None:
            header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if self._sort[1]
                                    else Qt.SortOrder.AscendingOrder)

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
            self.detail.show_finding(None)
            self.chart.clear()
            return
        year = self._shown.year if self._shown is not None else self.session.year
        f = row.focus(year)
        if f is None:
            self.detail.show_nothing(self.tr("%s：本单位此指标没有规划目标。") % words(row.name))
        else:
            ind = self.session.catalog.indicators.get(f.indicator)
            self.detail.show_finding(f, group=row.group_of(f), milestone_form=ind is not None
                                     and ind.compute == "milestone")
        years = self._shown.years if self._shown is not None else ()
        data = chart_data(row, years)
        if data is None:
            self.chart.clear(self.tr("“%s”是里程碑或不采集的指标，没有可画的数值。")
                             % words(row.name))
        else:
            self.chart.show_data(data)
