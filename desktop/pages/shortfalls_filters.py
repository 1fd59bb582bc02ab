"""差距清单's filters and sorting: the bar of severity, indicator, status, unit and 显示全部, the
bar of 排序 and 降序 with the count of rows shown, and what they do — plain Python over the
per-row keys of a load (each column's sorted order cached by shortfalls_model.Orders, a filter
walking that order), the model reset once, the selected finding kept. A part of ShortfallsPage
(shortfalls.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit

from eduplan_core.vocab import NOTABLE, Status

from .base import Page

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from .finding_detail import FindingDetail
    from .shortfalls_model import FindingColumn, FindingsModel, Orders

    _Page = Page
else:
    _Page = object

# statuses in the order a reader goes through them (also the sort order of the status column);
# shown without 显示全部: the shortfalls, and the school rule's notes that go with them (NOTABLE)
STATUS_ORDER = tuple(Status)


class FindingFilters(_Page):
    """The filter and sort bars of ShortfallsPage (a mixin: ``self`` is the page)."""

    # what the class uses of the window or page (annotations only: after a def nested here
    # pyside6-lupdate loses this class, its strings get no context)
    if TYPE_CHECKING:
        severity_names: dict[str, str]
        status_names: dict[str, str]
        columns: list[FindingColumn]
        _col_index: dict[str, int]
        findings: list[Any]
        _orders: Orders
        _sort_key: str
        _descending: bool
        _want_indicator: str | None
        _sev: list[str]
        _ind: list[str]
        _status: list[str]
        _short: list[bool]
        _text: list[str]
        model: FindingsModel
        table: QTableView
        detail: FindingDetail

    def _filter_bars(self) -> None:
        """The filters' row and the sorting's row, below the heading."""
        bar = QHBoxLayout()
        self.severity_box = QComboBox()
        self.severity_box.addItem(self.tr("全部"), None)
        for code, name in self.severity_names.items():
            self.severity_box.addItem(name, code)
        self.indicator_box = QComboBox()
        self.indicator_box.setMinimumContentsLength(18)
        self.indicator_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator_box.addItem(self.tr("全部指标"), None)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部状态"), None)
        self.org_search = QLineEdit()
        self.org_search.setPlaceholderText(self.tr("单位名称或代码"))
        self.org_search.setClearButtonEnabled(True)
        self.org_search.setMaximumWidth(200)
        self.show_all = QCheckBox(self.tr("显示全部（含已达标）(&A)"))
        for label, widget in ((self.tr("严重程度(&V)"), self.severity_box),
                              (self.tr("指标(&I)"), self.indicator_box),
                              (self.tr("状态(&T)"), self.status_box),
                              (self.tr("单位(&U)"), self.org_search)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            bar.addWidget(lab)
            bar.addWidget(widget, 1 if widget is self.indicator_box else 0)
        bar.addWidget(self.show_all)
        self.outer.addLayout(bar)

        sort_bar = QHBoxLayout()
        self.sort_box = QComboBox()
        for c in self.columns:
            self.sort_box.addItem(c.title, c.key)
        # by 严重程度 the list keeps the core's order, by unit: say so where it is chosen
        by_unit = self.tr("按严重程度：本单位的问题在前；下级单位按各自最严重的问题排列，"
                          "同一单位的问题排在一起，最严重的在前。")
        self.sort_box.setItemData(0, by_unit, Qt.ItemDataRole.ToolTipRole)
        self.descending_box = QCheckBox(self.tr("降序(&D)"))
        sort_label = QLabel(self.tr("排序(&O)"))
        sort_label.setBuddy(self.sort_box)
        self.count_label = QLabel()
        sort_bar.addWidget(sort_label)
        sort_bar.addWidget(self.sort_box)
        sort_bar.addWidget(self.descending_box)
        sort_bar.addStretch(1)
        sort_bar.addWidget(self.count_label)
        self.outer.addLayout(sort_bar)

    def _connect_filters(self) -> None:
        self.severity_box.currentIndexChanged.connect(self.apply_filters)
        self.indicator_box.currentIndexChanged.connect(self._indicator_chosen)
        self.status_box.currentIndexChanged.connect(self.apply_filters)
        self.org_search.textChanged.connect(self.apply_filters)
        self.show_all.toggled.connect(self._show_all_toggled)
        self.sort_box.currentIndexChanged.connect(self._sort_box_changed)
        self.descending_box.toggled.connect(self._sort_box_changed)

    def _fill_indicator_box(self) -> None:
        box = self.indicator_box
        wanted = self._want_indicator or box.currentData()
        names: dict[str, str] = {}
        for f in self.findings:
            names.setdefault(f.indicator, f.indicator_name)
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("全部指标"), None)
        rank = self.collation_ranks(names.values())
        for code, name in sorted(names.items(), key=lambda kv: (rank[kv[1]], kv[0])):
            box.addItem(name, code)
            box.setItemData(box.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
        i = box.findData(wanted) if wanted else 0
        box.setCurrentIndex(max(i, 0))
        box.blockSignals(False)
        if i >= 0:
            self._want_indicator = None

    def _fill_status_box(self) -> None:
        box = self.status_box
        wanted = box.currentData()
        present = set(self._status)
        shown = [s for s in STATUS_ORDER if s in present
                 and (self.show_all.isChecked() or s in NOTABLE)]
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("全部状态"), None)
        for s in shown:
            box.addItem(self.status_names.get(s, s), s)
        box.setCurrentIndex(max(box.findData(wanted), 0) if wanted else 0)
        box.blockSignals(False)

    # -- filtering and sorting -----------------------------------------------------------------
    def order(self, key: str | None = None, descending: bool | None = None) -> list[int]:
        """Row positions sorted by a column (cached per load; shortfalls_model.Orders)."""
        return self._orders.order(self._sort_key if key is None else key,
                                  self._descending if descending is None else descending)

    def collation_ranks(self, texts) -> dict[str, int]:
        return self._orders.ranks(texts)

    def filtered(self, order: Sequence[int] | None = None) -> list[int]:
        """The positions (in ``order``) that pass the filters."""
        order = self.order() if order is None else order
        severity = self.severity_box.currentData()
        indicator = self.indicator_box.currentData()
        status = self.status_box.currentData()
        needle = self.org_search.text().strip().casefold()
        show_all = self.show_all.isChecked()
        sev, ind, st, short, text = self._sev, self._ind, self._status, self._short, self._text
        rows = order
        if not show_all:
            rows = [i for i in rows if short[i]]
        if severity is not None:
            rows = [i for i in rows if sev[i] == severity]
        if indicator is not None:
            rows = [i for i in rows if ind[i] == indicator]
        if status is not None:
            rows = [i for i in rows if st[i] == status]
        if needle:
            rows = [i for i in rows if needle in text[i]]
        return list(rows)

    def apply_filters(self, *_) -> None:
        """Sort (cached), filter, and reset the model once; keep the selected finding."""
        if not hasattr(self, "_sev"):
            return
        current = self.detail.finding
        fs = self.findings
        rows = [fs[i] for i in self.filtered()]
        self.model.set_rows(rows)
        total_short = sum(1 for f in fs if f.is_shortfall)
        self.count_label.setText(
            self.tr("显示 {shown} 条（差距 {short} 条，共 {total} 条）").format(
                shown=len(rows), short=total_short, total=len(fs)) if rows else
            self.tr("没有符合条件的条目（差距 {short} 条，共 {total} 条）").format(
                short=total_short, total=len(fs)))
        row = -1
        if current is not None:
            for i, f in enumerate(rows):
                if f is current:
                    row = i
                    break
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        else:
            self.detail.show_finding(None)

    def sort_by(self, key: str, descending: bool = False) -> None:
        self._sort_key = key
        self._descending = descending
        section = self._col_index[key]
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        hh = self.table.horizontalHeader()
        for w in (hh, self.sort_box, self.descending_box):
            w.blockSignals(True)
        hh.setSortIndicator(section, order)
        self.sort_box.setCurrentIndex(section)
        self.descending_box.setChecked(descending)
        for w in (hh, self.sort_box, self.descending_box):
            w.blockSignals(False)
        self.apply_filters()

    def _header_sort(self, section: int, order: Qt.SortOrder) -> None:
        self.sort_by(self.columns[section].key, order == Qt.SortOrder.DescendingOrder)

    def _sort_box_changed(self, *_) -> None:
        self.sort_by(self.sort_box.currentData(), self.descending_box.isChecked())

    def _indicator_chosen(self, *_) -> None:
        self._want_indicator = None
        self.apply_filters()

    def _show_all_toggled(self, *_) -> None:
        if hasattr(self, "_status"):
            self._fill_status_box()
        self.apply_filters()

    def set_filters(self, *, severity: str | None = None, indicator: str | None = None,
                    org: str | None = None, status: str | None = None,
                    show_all: bool | None = None) -> None:
        """For other pages: show the list narrowed (an indicator code, a severity code, an org
        name or code, a status code). An indicator not loaded yet is chosen when it arrives."""
        widgets = (self.severity_box, self.indicator_box, self.status_box, self.org_search,
                   self.show_all)
        for w in widgets:
            w.blockSignals(True)
        if show_all is not None:
            self.show_all.setChecked(show_all)
            if hasattr(self, "_status"):
                self._fill_status_box()
        self.severity_box.setCurrentIndex(max(self.severity_box.findData(severity), 0)
                                          if severity else 0)
        if indicator:
            i = self.indicator_box.findData(indicator)
            self._want_indicator = None if i >= 0 else indicator
            self.indicator_box.setCurrentIndex(max(i, 0))
        else:
            self._want_indicator = None
            self.indicator_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(max(self.status_box.findData(status), 0)
                                        if status else 0)
        self.org_search.setText(org or "")
        for w in widgets:
            w.blockSignals(False)
        self.apply_filters()

    def _focus_search(self) -> None:
        self.org_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.org_search.selectAll()
