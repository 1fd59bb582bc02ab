"""优质均衡: a county's compulsory schools against the national 优质均衡 thresholds, and the
county's 14 差异系数 against their limits, beside its certified status.

Each school section is one row with its 7 indicators: green where the threshold is reached,
amber where it is short but at least 85 % of it, red below 85 %. A school passes when ≥ 6 of 7
are reached and the rest are at ≥ 85 % (eduplan_core.indicators.youzhi). A bureau above county
level picks the county. The grid of the schools: youzhi_grid.py."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.numbers_fmt import number
from eduplan_core.texts import join
from eduplan_core.vocab import Verdict

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, Column,
                      RowsModel, term_names, words)
from .base import Page, heading, setup_table
from .youzhi_grid import SchoolGrid

SECTION_ORDER = {"小学": 0, "初中": 1, "—": 2}


class YouzhiPage(Page):
    title = "优质均衡"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.result = None
        self._rows: list[dict] = []
        from eduplan_core.indicators.youzhi import thresholds

        catalog = session.catalog
        each, limits, settings = thresholds(catalog)
        self.floor = settings.get("school_rule_floor_percent", 85) / 100
        self.min_met = settings.get("school_rule_min_met", 6)
        seen, indicators = set(), []
        for th in each:
            if th.indicator not in seen:
                seen.add(th.indicator)
                ind = catalog.indicators.get(th.indicator)
                indicators.append((th.indicator, ind.name if ind else th.indicator))
        self.status_names = term_names(Verdict)

        top = QHBoxLayout()
        self.heading = heading(self.tr("优质均衡"))
        top.addWidget(self.heading)
        top.addStretch(1)
        self.county_label = QLabel(self.tr("县（市、区）："))
        self.county_box = QComboBox()
        self.county_box.setMinimumWidth(180)
        self.county_label.setBuddy(self.county_box)
        self.county_box.currentIndexChanged.connect(lambda _: self.refresh())
        top.addWidget(self.county_label)
        top.addWidget(self.county_box)
        self.outer.insertLayout(0, top)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("padding: 6px; background: #f5f5f5; border-radius: 4px;")
        self.outer.addWidget(self.summary)

        filters = QHBoxLayout()
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部学校"), None)
        for s, name in self.status_names.items():
            self.status_box.addItem(name, s)
        self.status_box.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按学校名称或代码筛选…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        filters.addWidget(QLabel(self.tr("学校结论：")))
        filters.addWidget(self.status_box)
        filters.addWidget(self.search, 1)
        pct = round(100 * self.floor)
        legend = QLabel(self.tr("绿：达到标准 · 黄：未达标准但不低于标准的 %d%% · 红：低于 %d%%。"
                                "学校须至少 %d 项达标、其余不低于 %d%%。") % (
            pct, pct, self.min_met, pct))
        legend.setStyleSheet(f"color: {GREY.name()};")
        legend.setWordWrap(True)  # a long legend wraps: the page fits a 1024 px window
        filters.addWidget(legend, 2)
        self.outer.addLayout(filters)

        self.view = SchoolGrid(indicators, self.floor)
        self.model = self.view.rows_model
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet(f"color: {GREY.name()};")
        self.cv_model = RowsModel([
            Column("name", self.tr("差异系数")), Column("section", self.tr("学段")),
            Column("cv_text", self.tr("差异系数值"), align_right=True),
            Column("limit_text", self.tr("限值"), align_right=True),
            Column("ok_text", self.tr("结论")),
        ], color=lambda r: r["colours"])
        self.cv_view = QTableView()
        self.cv_view.setModel(self.cv_model)
        setup_table(self.cv_view)
        cv_box = QWidget()
        cl = QVBoxLayout(cv_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(QLabel(self.tr("县域资源配置：校际差异系数（小学 ≤ 0.50，初中 ≤ 0.45）")))
        cl.addWidget(self.cv_view)
        school_box = QWidget()
        sl = QVBoxLayout(school_box)
        sl.setContentsMargins(0, 0, 0, 0)
        self.schools_label = QLabel(self.tr("义务教育学校：7 项资源配置指标"))
        sl.addWidget(self.schools_label)
        sl.addWidget(self.view, 1)
        sl.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(school_box)
        splitter.addWidget(cv_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.outer.addWidget(splitter, 1)

        self.setTabOrder(self.county_box, self.status_box)
        self.setTabOrder(self.status_box, self.search)
        self.setTabOrder(self.search, self.view)
        self.setTabOrder(self.view, self.cv_view)
        self._fill_counties()

    def _fill_counties(self) -> None:
        ws = self.session.ws
        org = ws.orgs.get(ws.org_code)
        self.county_box.blockSignals(True)
        self.county_box.clear()
        if org is not None and org.level == "county":
            self.county_box.addItem(org.name, org.code)
        elif org is not None:
            for o in ws.orgs.descendants(org.code):
                if o.level == "county":
                    self.county_box.addItem(o.name, o.code)
        self.county_box.blockSignals(False)
        above = org is not None and org.level in ("prefecture", "province")
        self.county_box.setVisible(above)
        self.county_label.setVisible(above)

    @property
    def county(self) -> str | None:
        return self.county_box.currentData()

    def set_county(self, code: str) -> None:
        i = self.county_box.findData(code)
        if i >= 0:
            self.county_box.setCurrentIndex(i)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        county, year = self.county, self.session.year
        if county is None:
            self.summary.setText(html.escape(self.tr("本工作区下没有县（市、区）。")))
            return
        name = self.county_box.currentText()
        self.heading.setText(self.tr("优质均衡 — %s %d年") % (name, year))

        def work(ws, progress=None, cancelled=None):
            from eduplan_core.indicators.service import compute_org

            return compute_org(ws, county, year, progress=progress, cancelled=cancelled)

        self.run(self.tr("正在计算 %s %d 年的优质均衡指标…") % (name, year), work, self._loaded)

    def _loaded(self, result) -> None:
        self.result = result
        catalog = self.session.catalog
        rows = []
        for s in result.youzhi_schools:
            base = {"org": s.org, "name": s.name, "status": s.status,
                    "status_text": self.status_names.get(s.status, s.status),
                    "reason": s.reason}
            if not s.sections:
                rows.append({**base, "section": "—", "met_text": "", "results": {}})
                continue
            for section, results in s.sections.items():
                met = sum(1 for r in results if r.met)
                rows.append({**base, "section": section,
                             "met_text": f"{met}/{len(results)}",
                             "reason": self._section_reason(results) or s.reason,
                             "results": {r.indicator: r for r in results}})
        rows.sort(key=lambda r: (Verdict.rank_of(r["status"]), r["org"],
                                 SECTION_ORDER.get(r["section"], 9)))
        self._rows = rows
        self._apply_filter()

        cvs = []
        county = result.youzhi_county
        order = {code: i for i, code in enumerate(catalog.indicators)}
        for ind, sec, cv, limit, ok in sorted(county.cv if county else (), key=lambda c: (
                order.get(c[0], 0), SECTION_ORDER.get(c[1], 9))):
            name = catalog.indicators[ind].name if ind in catalog.indicators else ind
            cvs.append({"indicator": ind, "name": name, "section": sec,
                        "cv_text": number(cv, 3),
                        "limit_text": f"≤ {number(limit, 2)}",
                        "ok_text": self.tr("无数据") if ok is None else (
                            self.tr("达标") if ok else self.tr("超出限值")),
                        "colours": (GREY, None) if ok is None else (
                            (GREEN, GREEN_BG) if ok else (RED, RED_BG))})
        self.cv_model.set_rows(cvs)
        self.cv_view.resizeColumnsToContents()
        self.summary.setText(self._summary_html(result))

    def _section_reason(self, results) -> str:
        """Which indicators of a section are short, and which of them are below 85 % — or, in a
        section that meets the school rule, which are below the standard (a note, as in the
        check)."""
        from eduplan_core.indicators.youzhi import section_verdict

        short = [r for r in results if r.met is False]
        missing = [r for r in results if r.value is None]
        parts = []
        verdict, _ = section_verdict([(r.value, r.threshold) for r in results], self.min_met,
                                     100 * self.floor)
        def names(rows) -> str:  # 高学历教师、骨干教师 / ... , ...
            return words(join([self.model.columns_name(r.indicator) for r in rows], "、", ", "))

        if short and verdict == "达标":
            parts.append(self.tr("低于标准（本学段整体达标，余项≥%d%%）：%s") % (
                round(100 * self.floor), names(short)))
        elif short:
            low = [r for r in short if self.model.verdict(r) == "low"]
            parts.append(self.tr("未达标准：%s") % names(short))
            if low:
                parts.append(self.tr("其中低于 %d%%：%s") % (round(100 * self.floor), names(low)))
        if missing:
            parts.append(self.tr("无数据：%s") % names(missing))
        return words(join(parts, "；", "; "))

    def _summary_html(self, result) -> str:
        c = result.youzhi_county
        e = html.escape
        if c is None:
            return e(self.tr("%s 不是县级单位，没有优质均衡县域评估。") % result.org_name)

        def chip(text, colours):
            fg, bg = colours
            return (f"<span style='color:{fg.name()}; background:{bg.name()}; "
                    f"font-weight:bold'>&nbsp;{e(text)}&nbsp;</span>")

        if c.passes is True:
            verdict = chip(self.tr("资源配置达标"), (GREEN, GREEN_BG))
        elif c.passes is False:
            verdict = chip(self.tr("资源配置未达标"), (RED, RED_BG))
        else:
            verdict = chip(self.tr("数据不全，暂不能判定"), (AMBER_TEXT, AMBER_BG))
        if c.certified is True:
            cert = chip(self.tr("已通过国家督导认定"), (GREEN, GREEN_BG))
        elif c.certified is False:
            cert = chip(self.tr("尚未通过国家督导认定"), (AMBER_TEXT, AMBER_BG))
        else:
            cert = chip(self.tr("认定状态未填报"), (GREY, QColor("#eeeeee")))
        cv_bad = sum(1 for *_, ok in c.cv if ok is False)
        parts = [
            self.tr("%s %d年：") % (result.org_name, result.year) + verdict,
            self.tr("认定状态：") + cert,
            e(self.tr("参评学校 %d 所，达标 %d 所，未达标 %d 所；数据不全 %d 所；不参评 %d 所") % (
                c.schools_assessed, c.schools_passing, c.schools_assessed - c.schools_passing,
                c.schools_incomplete, c.schools_excluded)),
            e(self.tr("差异系数 %d 项，超出限值 %d 项") % (len(c.cv), cv_bad)),
        ]
        return "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts)

    def _apply_filter(self, *_):
        status = self.status_box.currentData()
        text = self.search.text().strip()
        rows = [r for r in self._rows if (status is None or r["status"] == status)
                and (not text or text in r["name"] or text in r["org"])]
        self.model.set_rows(rows)
        self.view.fit_columns()
        self._show_detail()
        schools = len({r["org"] for r in rows})
        self.schools_label.setText(self.tr("义务教育学校：7 项资源配置指标（%d 所）") % schools)

    def _show_detail(self, *_) -> None:
        """The chosen school section below the table, its explanation whole."""
        index = self.view.currentIndex()
        row = self.model.data(index, ROW_ROLE) if index.isValid() else None
        if row is None:
            self.detail.setText(self.tr("选中一所学校：这里显示它的结论和说明。")
                                if self.model.rowCount() else "")
            return
        text = self.tr("%s（%s）%s：%s") % (row["name"], row["org"], row["section"],
                                          row["status_text"])
        if row["met_text"]:
            text += self.tr("，本学段达标 %s") % row["met_text"]
        if row["reason"]:
            text += self.tr("。%s") % words(row["reason"])
        self.detail.setText(text)

