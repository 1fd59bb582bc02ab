"""报送进度: which units and forms of the year are missing, drafts or submitted.

The board lists every unit's form coloured by its state (未报送 red, 草稿 amber, 已提交 green),
the late ones first, with the counts on top and a summary per form. Activating a unit that
reports on paper opens the entry screen for it (the bureau enters its values); for a unit that
reports itself, the contact to chase is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.catalog.model import LEVEL_NAMES
from eduplan_core.errors import EduPlanError
from eduplan_core.vocab import EntryState

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, Column,
                      RowsModel, term, term_names)
from .base import Page, heading, setup_table

STATE_COLOURS = {"missing": (RED, RED_BG), "draft": (AMBER_TEXT, AMBER_BG),
                 "submitted": (GREEN, GREEN_BG)}


class CompletenessPage(Page):
    title = "报送进度"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.result = None
        self._rows: list[dict] = []
        self.state_names = term_names(EntryState)

        self.heading = heading(self.tr("报送进度"))
        self.outer.insertWidget(0, self.heading)

        # the counts
        counts = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, (fg, bg) in (("expected", (None, None)), ("submitted", STATE_COLOURS["submitted"]),
                              ("draft", STATE_COLOURS["draft"]),
                              ("missing", STATE_COLOURS["missing"]), ("rate", (None, None))):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            style = "padding: 6px 14px; border-radius: 4px; font-size: 13pt;"
            if fg is not None and bg is not None:
                style += f"color: {fg.name()}; background: {bg.name()};"
            else:
                style += "background: #eceff1;"
            label.setStyleSheet(style)
            self.count_labels[key] = label
            counts.addWidget(label)
        counts.addStretch(1)
        self.outer.addLayout(counts)

        # filters
        filters = QHBoxLayout()
        self.state_box = QComboBox()
        self.state_box.addItem(self.tr("全部状态"), None)
        self.state_box.addItem(term(EntryState.MISSING), EntryState.MISSING.value)
        self.state_box.addItem(term(EntryState.DRAFT), EntryState.DRAFT.value)
        self.state_box.addItem(self.tr("未完成（未报送或草稿）"), "open")
        self.state_box.addItem(term(EntryState.SUBMITTED), EntryState.SUBMITTED.value)
        self.state_box.currentIndexChanged.connect(self._apply_filter)
        self.way_box = QComboBox()
        self.way_box.addItem(self.tr("全部报送方式"), None)
        self.way_box.addItem(self.tr("纸质报送（由本局代填）"), True)
        self.way_box.addItem(self.tr("学校自行填报"), False)
        self.way_box.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按单位名称或代码筛选…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        filters.addWidget(QLabel(self.tr("状态：")))
        filters.addWidget(self.state_box)
        filters.addWidget(QLabel(self.tr("报送方式：")))
        filters.addWidget(self.way_box)
        filters.addWidget(self.search, 1)
        self.outer.addLayout(filters)

        # the board and the summary per form
        self.model = RowsModel([
            Column("state_name", self.tr("状态")),
            Column("name", self.tr("单位")),
            Column("org", self.tr("代码")),
            Column("kind", self.tr("类型")),
            Column("form_name", self.tr("表单")),
            Column("way", self.tr("报送方式")),
            Column("county_name", self.tr("所属县（市、区）")),
            Column("contact", self.tr("联系人"), tooltip=lambda r: r["hint"]),
        ], color=lambda r: STATE_COLOURS.get(r["state"]))
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.activated.connect(self._activated)
        self.form_model = RowsModel([
            Column("form_name", self.tr("表单")),
            Column("expected", self.tr("应报"), align_right=True),
            Column("submitted", self.tr("已提交"), align_right=True),
            Column("draft", self.tr("草稿"), align_right=True),
            Column("missing", self.tr("未报送"), align_right=True),
        ], color=lambda r: (STATE_COLOURS["missing"] if r["missing"] else
                            STATE_COLOURS["draft"] if r["draft"] else
                            STATE_COLOURS["submitted"]))
        self.form_view = QTableView()
        self.form_view.setModel(self.form_model)
        setup_table(self.form_view)
        self.form_view.activated.connect(self._form_activated)
        self.form_view.setToolTip(self.tr("回车或双击：只看这张表单的单位"))

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(QLabel(self.tr("按表单汇总")))
        sl.addWidget(self.form_view)
        self.hint = QLabel(self.tr("双击或回车：纸质报送的单位打开填报页代为录入；"
                                   "自行填报的单位显示联系人。"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {GREY.name()};")
        sl.addWidget(self.hint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sl.addWidget(self.message)
        sl.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 300])
        splitter.setCollapsible(0, False)
        self.outer.addWidget(splitter, 1)
        self.form_filter: str | None = None

        self.setTabOrder(self.state_box, self.way_box)
        self.setTabOrder(self.way_box, self.search)
        self.setTabOrder(self.search, self.view)
        self.setTabOrder(self.view, self.form_view)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        from eduplan_core.indicators.service import completeness_org

        org, year = self.session.ws.org_code, self.session.year
        self.heading.setText(self.tr("报送进度 — %s %d年") % (self.session.info.org_name, year))

        def work(ws, progress=None, cancelled=None):
            return completeness_org(ws, org, year)

        self.run(self.tr("正在统计 %d 年的报送情况…") % year, work, self._loaded)

    def _loaded(self, result) -> None:
        self.result = result
        ws = self.session.ws
        forms = ws.catalog.forms
        tree = ws.orgs
        rows = []
        for r in result.rows:
            org = tree.get(r.org)
            contact = " ".join(x for x in (getattr(org, "contact", None),
                                           getattr(org, "phone", None)) if x)
            county = tree.get(r.county) if r.county else None
            form = forms.get(r.form)
            rows.append({
                "org": r.org, "name": r.name, "state": r.state,
                "state_name": self.state_names.get(r.state, r.state),
                "kind": LEVEL_NAMES.get(r.org_type, r.org_type), "form": r.form,
                "form_name": form.name if form else r.form, "paper": r.paper,
                "way": self.tr("纸质（本局代填）") if r.paper else self.tr("自行填报"),
                "county_name": county.name if county else "", "contact": contact,
                "hint": (self.tr("纸质报送：双击打开填报页代为录入") if r.paper else
                         self.tr("学校自行填报：请联系 %s") % (contact or self.tr("学校"))),
            })
        rows.sort(key=lambda x: (EntryState.rank_of(x["state"]), x["county_name"], x["org"]))
        self._rows = rows
        total = result.expected
        self.count_labels["expected"].setText(self.tr("应报 <b>%d</b>") % total)
        self.count_labels["submitted"].setText(self.tr("已提交 <b>%d</b>") % result.submitted)
        self.count_labels["draft"].setText(self.tr("草稿 <b>%d</b>") % result.draft)
        self.count_labels["missing"].setText(self.tr("未报送 <b>%d</b>") % result.missing)
        rate = 100 * result.submitted / total if total else 0
        self.count_labels["rate"].setText(self.tr("提交率 <b>%.0f%%</b>") % rate)
        by_form: dict[str, dict] = {}
        for r in rows:
            s = by_form.setdefault(r["form"], {"form": r["form"], "form_name": r["form_name"],
                                               "expected": 0, "submitted": 0, "draft": 0,
                                               "missing": 0})
            s["expected"] += 1
            s[r["state"]] += 1
        self.form_model.set_rows(sorted(by_form.values(), key=lambda s: (
            -s["missing"], -s["draft"], s["form_name"])))
        self._fit_form_view()
        self.view.setColumnHidden(6, not any(r["county_name"] != self.session.info.org_name
                                             for r in rows))
        self._apply_filter()

    def _fit_form_view(self) -> None:
        """The summary per form shows every row and column without scrolling."""
        view = self.form_view
        view.horizontalHeader().setStretchLastSection(False)
        view.resizeColumnsToContents()
        frame = 2 * view.frameWidth()
        width = sum(view.columnWidth(c) for c in range(self.form_model.columnCount())) + frame
        height = view.horizontalHeader().height() + frame + sum(
            view.rowHeight(r) for r in range(self.form_model.rowCount()))
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFixedSize(width, height)

    # -- showing -------------------------------------------------------------------------------
    def _apply_filter(self, *_):
        state = self.state_box.currentData()
        paper = self.way_box.currentData()
        text = self.search.text().strip()
        rows = []
        for r in self._rows:
            if state == "open" and r["state"] == EntryState.SUBMITTED:
                continue
            if state not in (None, "open") and r["state"] != state:
                continue
            if paper is not None and r["paper"] != paper:
                continue
            if self.form_filter and r["form"] != self.form_filter:
                continue
            if text and text not in r["name"] and text not in r["org"]:
                continue
            rows.append(r)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def _form_activated(self, index) -> None:
        row = self.form_model.data(index, ROW_ROLE)
        if row:
            self.form_filter = None if self.form_filter == row["form"] else row["form"]
            self.message.setText(self.tr("只看：%s（在汇总表中再按一次回车或双击取消）")
                                 % row["form_name"] if self.form_filter else "")
            self._apply_filter()

    def _activated(self, index) -> None:
        row = self.model.data(index, ROW_ROLE)
        if not row:
            return
        if not row["paper"]:
            self.message.setText(self.tr("%s 自行填报（%s）。联系人：%s") % (
                row["name"], row["state_name"], row["contact"] or self.tr("未登记")))
            return
        self.message.setText("")
        page = self.window_.show_page("entry") if self.window_ is not None and hasattr(
            self.window_, "show_page") else None
        opener = getattr(page, "open", None)  # EntryPage.open(org, form): the session's year
        if callable(opener):
            try:
                opener(row["org"], row["form"])
            except (EduPlanError, StopIteration):
                self.message.setText(self.tr("无法打开 %s 的填报表，请在填报页中选择。")
                                     % row["name"])

