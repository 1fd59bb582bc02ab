"""差距清单: every finding of the workspace's org and the units below it for the session's year,
in the core's order — the org's own first, then unit by unit, each group of targets judging one
indicator under its binding target (the others marked ↳); shortfalls and the school rule's
notes (低于标准) by default; filter by severity, indicator, status and org; sort by any column;
the selected finding's detail (what the target asks and when — 国家标准（每年适用）, a 2025 target,
a milestone's deadline —, actual against target, gap, trend, trajectory, the plan's sentence or,
for a standard known only from a summary, what the source is, what closes this year's pace and
what closes the target, the other targets of its group and why they differ, the explanation
given with the data).

The findings come from ``check_org`` in a worker. Filtering and sorting are plain Python over
precomputed per-row keys: each column's sorted order is computed once per load (a keyed sort)
and cached, a filter walks that order and keeps the rows that pass, and the model is handed
the result with one reset (shortfalls_filters.py). 25,000 findings filter or re-sort in a few
milliseconds (see bench/gui.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSplitter, QTableView, QWidget)

from eduplan_core.texts import Text, join
from eduplan_core.vocab import Severity

from ..models import GREY, ROW_ROLE, status_names, term_names, words
from .base import Page, heading
from .finding_detail import FindingDetail, severity_colours, status_colour
from .shortfalls_filters import STATUS_ORDER, FindingFilters
from .shortfalls_model import FindingColumn, FindingsModel, Orders, finding_columns

__all__ = ["GREY", "FindingColumn", "FindingDetail", "FindingsModel", "ShortfallsPage",
           "severity_colours", "status_colour"]

# columns the detail shows too: hidden when the list is too narrow to show 补齐所需 beside them
NARROW_HIDDEN = ("gap_relative", "change")
CLOSE_EMS = 16  # 补齐所需 keeps at least this many widths of "M"


class ShortfallsPage(FindingFilters, Page):
    title = "差距清单"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.severity_names = term_names(Severity)
        self.status_names = status_names()
        self.columns = finding_columns(self.severity_names, self.status_names)
        self._col_index = {c.key: i for i, c in enumerate(self.columns)}

        self.findings: list[Any] = []  # in the core's order (most severe first)
        self.result = None
        self._orders = Orders(self.columns)
        self._sort_key = "severity"
        self._descending = False
        self._want_indicator: str | None = None
        self._loaded_key = None
        self._running_key = None
        self._stale = True
        self.session.changed.connect(self._mark_stale)
        self.session.data_changed.connect(self._mark_stale)

        # -- heading and summary -----------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("差距清单")))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.reload_button = QPushButton(self.tr("重新核查(&R)"))
        self.reload_button.setToolTip(self.tr("重新读取数据并核查（F5）"))
        self.reload_button.clicked.connect(self.reload)
        top.addWidget(self.reload_button)
        self.outer.addLayout(top)

        self._filter_bars()  # the filters' and the sorting's rows (shortfalls_filters.py)

        # -- list and detail ---------------------------------------------------------------
        self.model = FindingsModel(self.columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        vh = self.table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionsClickable(True)
        hh.setSortIndicatorShown(True)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(True)
        hh.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)  # a resized list fits its columns again
        self._fit_columns()
        hh.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        hh.sortIndicatorChanged.connect(self._header_sort)
        self.detail = FindingDetail()
        self.detail.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([500, 200])
        splitter.setChildrenCollapsible(False)
        self.outer.addWidget(splitter, 1)

        self._connect_filters()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        for keys, slot in ((QKeySequence.StandardKey.Find, self._focus_search),
                           (QKeySequence.StandardKey.Refresh, self.reload)):
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for a, b in ((self.severity_box, self.indicator_box), (self.indicator_box, self.status_box),
                     (self.status_box, self.org_search), (self.org_search, self.show_all),
                     (self.show_all, self.sort_box), (self.sort_box, self.descending_box),
                     (self.descending_box, self.reload_button), (self.reload_button, self.table),
                     (self.table, self.detail)):
            QWidget.setTabOrder(a, b)
        self._update_summary()

    # -- the columns -------------------------------------------------------------------------
    def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Every column within the list's width, 补齐所需 (the last, stretched) at least
        CLOSE_EMS wide: each column at its width or its title's; when that is too wide, the
        relative gap and the change on last year are hidden (the detail shows both), then the
        indicator and the unit narrow ("…", the tooltip has them whole)."""
        hh = self.table.horizontalHeader()
        em = self.table.fontMetrics().horizontalAdvance("M")
        title = hh.fontMetrics()
        widths = {c.key: max(c.width, title.horizontalAdvance(c.title) + 2 * em)
                  for c in self.columns}
        room = self.table.viewport().width() - CLOSE_EMS * em

        def used(hidden) -> int:
            return sum(w for k, w in widths.items() if k != "close" and k not in hidden)

        hidden: tuple[str, ...] = NARROW_HIDDEN if used(()) > room else ()
        for key, least in (("indicator", 11 * em), ("org", 7 * em)):
            over = used(hidden) - room
            if over > 0:
                widths[key] = max(least, widths[key] - over)
        for i, c in enumerate(self.columns):
            hh.setSectionHidden(i, c.key in hidden)
            if c.key != "close":
                hh.resizeSection(i, widths[c.key])

    # -- loading -------------------------------------------------------------------------------
    def _mark_stale(self) -> None:
        self._stale = True

    def _key(self):
        return (self.session.ws.org_code, self.session.year, self.session.as_of)

    def refresh(self) -> None:
        key = self._key()
        if not self._stale and key == self._loaded_key:
            return
        if self._op is not None and key == self._running_key:
            return
        self.reload()

    def reload(self) -> None:
        key = self._key()
        org, year, as_of = key
        self._running_key = key
        self._stale = False

        def work(ws, progress, cancelled):
            from eduplan_core.indicators.service import check_org

            return check_org(ws, org, year, as_of=as_of, progress=progress, cancelled=cancelled)

        def done(result):
            self._running_key = None
            self._loaded_key = key
            self.set_result(result)

        self.run(self.tr("正在对照目标核查 {year} 年数据…").format(year=year), work, done)

    def set_result(self, result) -> None:
        """Show a CheckResult (``check_org``)."""
        self.result = result
        self.set_findings(result.findings)

    def set_findings(self, findings: Sequence[Any]) -> None:
        """Load findings (in the core's order) and show them through the current filters."""
        self.findings = list(findings)
        self._orders.load(self.findings)
        fs = self.findings
        self._sev = [f.severity for f in fs]
        self._ind = [f.indicator for f in fs]
        self._status = [f.status for f in fs]
        self._short = [f.is_notable for f in fs]  # shortfalls and the school rule's notes
        self._groups: dict[str, list] = {}
        for f in fs:
            self._groups.setdefault(f.group, []).append(f)
        self._text = [f"{f.org_name}\t{f.org}".casefold() for f in fs]
        self._fill_indicator_box()
        self._fill_status_box()
        self._update_summary()
        self.apply_filters()

    def _update_summary(self) -> None:
        info = self.session.info
        head = self.tr("{org}及所属单位 · {year} 年 · 截至 {as_of}").format(
            org=info.org_name, year=self.session.year, as_of=self.session.as_of.isoformat())
        counts: dict[str, int] = {}
        for s in getattr(self, "_status", []):
            counts[s] = counts.get(s, 0) + 1
        parts = [f"{self.status_names.get(s, s)} {counts[s]}" for s in STATUS_ORDER
                 if s in counts]
        self.summary.setText(head + (words(Text("：", ": ")) + words(join(parts, "，", ", "))
                                     if parts else ""))

    # -- selection -----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        f = self.model.data(current, ROW_ROLE) if current.isValid() else None
        ind = self.session.catalog.indicators.get(f.indicator) if f is not None else None
        group = [g for g in self._groups.get(f.group, ()) if g is not f] \
            if f is not None and f.group else ()
        self.detail.show_finding(f, self.severity_names, self.status_names,
                                 milestone_form=ind is not None and ind.compute == "milestone",
                                 group=group)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def screenshot_steps(self):
        def detail() -> None:
            self.table.setFocus()
            self.select_row(0)

        return [("detail", detail)]
