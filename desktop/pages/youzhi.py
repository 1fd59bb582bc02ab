"""优质均衡: a county's compulsory schools against the national 优质均衡 thresholds, and the
county's 14 差异系数 against their limits, beside its certified status.

Each school section is one row with its 7 indicators: green where the threshold is reached,
amber where it is short but at least 85 % of it, red below 85 %. A school passes when ≥ 6 of 7
are reached and the rest are at ≥ 85 % (eduplan_core.indicators.youzhi). A bureau above county
level picks the county."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.numbers_fmt import number
from eduplan_core.texts import join
from eduplan_core.vocab import Verdict

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, SORT_ROLE,
                      Column, RowsModel, term_names, words)
from .base import Page, fit_widths, heading, set_widths, setup_table

SECTION_ORDER = {"小学": 0, "初中": 1, "—": 2}
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

        self.model = SchoolGridModel(indicators, self.floor, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.viewport().installEventFilter(self)
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
        self.fit_columns()
        self._show_detail()
        schools = len({r["org"] for r in rows})
        self.schools_label.setText(self.tr("义务教育学校：7 项资源配置指标（%d 所）") % schools)

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
        view, header, model = self.view, self.view.horizontalHeader(), self.model
        last = model.columnCount() - 1
        cells = {c: view.sizeHintForColumn(c) - 2 * _margin(view) for c in range(last)}
        model.wrap_titles(header.fontMetrics(), cells)
        view.resizeColumnsToContents()
        em = view.fontMetrics().horizontalAdvance("M")
        want, least, tiers = {}, {}, {}
        for c in range(last):
            want[c] = header.sectionSize(c)
            tier, most = self.CUT.get(model.columns[c].key, (3, 0))
            least[c], tiers[c] = (min(want[c], most * em) if tier < 3 else want[c]), tier
        room = view.viewport().width()
        widths = fit_widths(want, least, tiers, room)
        spare = room - sum(widths.values())
        # the explanation (whole below the table and in the result's tooltip) when the rest is
        # whole and it has room for a few words; else its room to the school's name
        view.setColumnHidden(last, spare < 6 * em)
        if spare >= 6 * em:
            widths[last] = spare
        elif spare > 0:
            widths[0] += spare
        set_widths(view, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

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


def _margin(view) -> int:
    """The padding a header or cell adds on each side of its text."""
    from PySide6.QtWidgets import QStyle

    return view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 1
