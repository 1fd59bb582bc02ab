"""报送进度: which units and forms of the year are missing, drafts or submitted.

The board lists every unit's form coloured by its state (未报送 red, 草稿 amber, 已提交 green),
the late ones first, with the counts on top and a summary per form. For the units that report
to this workspace it shows the last bundle received (when, its number, what became of it),
how many days late the unit is against the round's due date (the setup file's, or one the
user gives here) and the contact and phone to call; the late list is copied to the clipboard
(tab-separated: pastes into a message or a spreadsheet) or saved as CSV for a reminder round
(eduplan_core/exchange/tracking.py). Activating a unit that reports on paper opens the entry
screen for it (the bureau enters its values); for a unit that reports itself, the contact to
chase is shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSplitter, QStyle, QTableView, QVBoxLayout,
                               QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange.tracking import (Tracking, UnitTracking, late_list_text, late_units,
                                            save_late_list)
from eduplan_core.vocab import EntryState

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, GREY, RED, RED_BG, ROW_ROLE, Column,
                      VALUE_NAMES, RowsModel, level_name, term, term_names, value_name)
from .base import Page, fit_widths, heading, set_widths, setup_table, show_error

STATE_COLOURS = {"missing": (RED, RED_BG), "draft": (AMBER_TEXT, AMBER_BG),
                 "submitted": (GREEN, GREEN_BG)}



class CompletenessPage(Page):
    title = "报送进度"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.result = None
        self.tracking: Tracking | None = None
        self.late: tuple[UnitTracking, ...] = ()
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

        # the round: its due date, the late list
        round_bar = QHBoxLayout()
        self.due_check = QCheckBox(self.tr("指定截止日期："))
        self.due_check.setToolTip(self.tr("不指定时用上级设立文件中的截止日期"))
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setEnabled(False)
        self._show_due_date(None)  # not the box's 2000-01-01: the as-of date until loaded
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)  # English: a long line, in two at 1024 px
        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.setInterval(400)
        self._due_timer.timeout.connect(self.refresh)
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit.dateChanged.connect(lambda *_: self._due_timer.start())
        self.copy_button = QPushButton(self.tr("复制逾期名单(&C)"))
        self.copy_button.setToolTip(self.tr("单位、代码、联系人、电话、最近报送、逾期天数，"
                                            "以制表符分隔，可粘贴到表格或消息中"))
        self.copy_button.clicked.connect(self.copy_late_list)
        self.save_button = QPushButton(self.tr("保存逾期名单(&V)…"))
        self.save_button.setToolTip(self.tr("另存为 CSV 文件（可用 Excel 打开），供催报使用"))
        self.save_button.clicked.connect(self._save_dialog)
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)
        round_bar.addWidget(self.due_check)
        round_bar.addWidget(self.due_edit)
        round_bar.addWidget(self.due_label, 1)
        round_bar.addWidget(self.copy_button)
        round_bar.addWidget(self.save_button)
        self.outer.addLayout(round_bar)

        # filters
        filters = QHBoxLayout()
        self.state_box = QComboBox()
        self.state_box.addItem(self.tr("全部状态"), None)
        self.state_box.addItem(term(EntryState.MISSING), EntryState.MISSING.value)
        self.state_box.addItem(term(EntryState.DRAFT), EntryState.DRAFT.value)
        self.state_box.addItem(self.tr("未完成（未报送或草稿）"), "open")
        self.state_box.addItem(term(EntryState.SUBMITTED), EntryState.SUBMITTED.value)
        self.state_box.addItem(self.tr("逾期未报送数据包"), "late")
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
            Column("state_name", self.tr("状态"), tooltip=lambda r: r["state_name"]),
            Column("name", self.tr("单位"), tooltip=lambda r: r["name"]),
            Column("org", self.tr("代码")),
            Column("kind", self.tr("类型"), tooltip=lambda r: r["kind"]),
            Column("form_name", self.tr("表单"), tooltip=lambda r: r["form_name"]),
            Column("by", self.tr("报送"), tooltip=lambda r: r["way"]),
            Column("county_name", self.tr("所属县（市、区）"), tooltip=lambda r: r["county_name"]),
            Column("last", self.tr("最近报送"), tooltip=lambda r: r["last_tip"] or r["last"]),
            Column("late_days", self.tr("逾期"), tooltip=lambda r: r["late_text"],
                   align_right=True),
            Column("call", self.tr("联系人、电话"), tooltip=lambda r: r["hint"]),
        ], color=lambda r: STATE_COLOURS["missing"] if r["late"] else
            STATE_COLOURS.get(r["state"]))
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.activated.connect(self._activated)
        self.view.viewport().installEventFilter(self)
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

        # below the board (which keeps the page's whole width): the summary per form, and beside
        # it the hint and the messages
        below = QWidget()
        bl = QHBoxLayout(below)
        bl.setContentsMargins(0, 0, 0, 0)
        side = QWidget()
        fl = QVBoxLayout(side)
        fl.setContentsMargins(0, 0, 0, 0)
        self._form_layout = fl
        self.form_label = QLabel(self.tr("按表单汇总"))
        fl.addWidget(self.form_label)
        fl.addWidget(self.form_view, 1)
        bl.addWidget(side)
        notes = QWidget()
        sl = QVBoxLayout(notes)
        sl.setContentsMargins(0, 0, 0, 0)
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
        bl.addWidget(notes, 1)
        self.below = below
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        self.splitter = splitter
        self._splitter_moved = False
        self._form_height = 0
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)
        self.outer.addWidget(splitter, 1)
        self.form_filter: str | None = None

        self.setTabOrder(self.due_check, self.due_edit)
        self.setTabOrder(self.due_edit, self.copy_button)
        self.setTabOrder(self.copy_button, self.save_button)
        self.setTabOrder(self.save_button, self.state_box)
        self.setTabOrder(self.state_box, self.way_box)
        self.setTabOrder(self.way_box, self.search)
        self.setTabOrder(self.search, self.view)
        self.setTabOrder(self.view, self.form_view)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        from eduplan_core.indicators.service import completeness_org

        self._due_timer.stop()
        org, year = self.session.ws.org_code, self.session.year
        as_of = self.session.as_of
        due = self.due_date()
        self.heading.setText(self.tr("报送进度 — %s %d年") % (self.session.info.org_name, year))

        def work(ws, progress=None, cancelled=None):
            return completeness_org(ws, org, year, as_of=as_of, due=due)

        self.run(self.tr("正在统计 %d 年的报送情况…") % year, work, self._loaded)

    def due_date(self) -> dt.date | None:
        """The due date the user gives on the board (None: the setup file's)."""
        if not self.due_check.isChecked():
            return None
        day = self.due_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def _due_toggled(self, on: bool) -> None:
        self.due_edit.setEnabled(on)
        if on:  # start from the due date in use, else from the as-of date
            day = (self.tracking.due if self.tracking is not None and self.tracking.due else
                   self.session.as_of.isoformat())
            self.due_edit.blockSignals(True)
            self.due_edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            self.due_edit.blockSignals(False)
        self._due_timer.start()

    def _loaded(self, result) -> None:
        self.result = result
        ws = self.session.ws
        forms = ws.catalog.forms
        tree = ws.orgs
        tracking = result.tracking
        self.tracking = tracking
        self.late = late_units(tracking) if tracking else ()
        tracked = {u.org: u for u in tracking.units} if tracking else {}
        rows = []
        for r in result.rows:
            org = tree.get(r.org)
            contact = getattr(org, "contact", None) or ""
            phone = getattr(org, "phone", None) or ""
            call = " ".join(x for x in (contact, phone) if x)
            county = tree.get(r.county) if r.county else None
            form = forms.get(r.form)
            unit = tracked.get(r.org)
            rows.append({
                "org": r.org, "name": r.name, "state": r.state,
                "state_name": self.state_names.get(r.state, r.state),
                "kind": self.kind_name(r.org_type), "form": r.form,
                "form_name": form.name if form else r.form, "paper": r.paper,
                "way": self.tr("纸质（本局代填）") if r.paper else self.tr("自行填报"),
                "by": self.tr("纸质") if r.paper else self.tr("自行"),
                "county_name": county.name if county else "", "contact": contact,
                "phone": phone, "call": call,
                "last": self._last_text(unit), "last_tip": self._last_tip(unit),
                "late": bool(unit and unit.late),
                "late_text": (self.tr("逾期 %d 天") % unit.days_late
                              if unit and unit.late and unit.days_late is not None else ""),
                "late_days": (self.tr("%d 天") % unit.days_late  # under 逾期
                              if unit and unit.late and unit.days_late is not None else ""),
                "hint": (self.tr("纸质报送：双击打开填报页代为录入") if r.paper else
                         self.tr("学校自行填报：请联系 %s") % (call or self.tr("学校"))),
            })
        rows.sort(key=lambda x: (not x["late"], EntryState.rank_of(x["state"]),
                                 x["county_name"], x["org"]))
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
        self.view.setColumnHidden(self.model.column("county_name"), not any(
            r["county_name"] != self.session.info.org_name for r in rows))
        # 逾期 when a unit is late (else the line above the board says none is)
        self.view.setColumnHidden(self.model.column("late_days"), not self.late)
        self._show_round()
        self._apply_filter()

    @staticmethod
    def kind_name(org_type: str) -> str:
        """A school's type as 学校名录 shows it (小学: Primary school), a bureau's level."""
        return value_name(org_type) if org_type in VALUE_NAMES else level_name(org_type)

    def _last_text(self, unit: UnitTracking | None) -> str:
        if unit is None:
            return ""
        if unit.paper:
            return self.tr("纸质报送（本局代填）")
        if unit.last is None:
            return self.tr("未收到")
        return unit.last.text()

    def _last_tip(self, unit: UnitTracking | None) -> str | None:
        if unit is None or unit.paper or unit.last is None:
            return None
        tip = self.tr("最近收到：%s") % unit.last.text()
        if unit.first_merged_at:
            tip += "\n" + self.tr("首次合并：%s") % unit.first_merged_at[:16].replace("T", " ")
        if unit.last.reason:
            tip += "\n" + unit.last.reason
        return tip

    def _show_round(self) -> None:
        t = self.tracking
        if t is None:
            self.due_label.setText("")
        else:
            due = (self.tr("截止日期 %s（%s）") % (t.due, self.tr("本次指定") if t.due_source ==
                                                 "given" else self.tr("上级设立文件"))
                   if t.due else self.tr("未设截止日期，不判逾期"))
            sent = [u for u in t.units if not u.paper]
            self.due_label.setText(
                self.tr("截至 %s；%s。直属下级自行报送 %d 个，已合并 %d 个，逾期 %d 个")
                % (t.as_of, due, len(sent), sum(1 for u in sent if u.merged), len(self.late)))
        if not self.due_check.isChecked():
            self._show_due_date(t.due if t is not None else None)
        for button in (self.copy_button, self.save_button):
            button.setEnabled(bool(self.late))

    def _show_due_date(self, due: str | None) -> None:
        """The (disabled) date box shows the due date in use, else the as-of date (never the
        box's own 2000-01-01); what is used stays None until the box is ticked."""
        day = QDate.fromString(due, "yyyy-MM-dd") if due else QDate()
        if not day.isValid():
            as_of = self.session.as_of
            day = QDate(as_of.year, as_of.month, as_of.day)
        self.due_edit.blockSignals(True)
        self.due_edit.setDate(day)
        self.due_edit.blockSignals(False)

    # -- the late list -------------------------------------------------------------------------
    def late_list_text(self) -> str:
        return late_list_text(self.late)

    def copy_late_list(self) -> None:
        """The late list onto the clipboard, tab-separated with its header."""
        if not self.late:
            self.message.setText(self.tr("没有逾期的单位。"))
            return
        QGuiApplication.clipboard().setText(self.late_list_text())
        self.message.setText(self.tr("已复制 %d 个逾期单位的名单（单位、代码、联系人、电话、"
                                     "最近报送、逾期天数）。") % len(self.late))

    def save_late_list(self, path: Path) -> bool:
        """The late list as a CSV file (UTF-8 with BOM: Excel opens it)."""
        try:
            count = save_late_list(self.late, path)
        except EduPlanError as exc:
            show_error(self, exc)
            return False
        self.message.setText(self.tr("逾期名单已保存：%s（%d 个单位）") % (str(path), count))
        return True

    def _save_dialog(self) -> None:
        if not self.late:
            return
        name = self.tr("逾期名单-%s-%d.csv") % (self.session.info.org_name, self.session.year)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存逾期名单"),
                                              str(Path.home() / name),
                                              self.tr("CSV 文件 (*.csv)"))
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(".csv")
            self.save_late_list(target)

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
        # room for a scroll bar: a low window shows the board's rows first (fit_heights)
        view.setFixedWidth(width + view.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent))
        view.horizontalHeader().setStretchLastSection(True)
        view.setMaximumHeight(height)
        self._form_height = height
        self.below.setMaximumHeight(height + self.form_label.sizeHint().height()
                                    + self._form_layout.spacing() + 2)
        self.fit_heights()

    # the board keeps so many rows before the summary per form below it is whole
    BOARD_ROWS = 10

    def fit_heights(self) -> None:
        """The splitter between the board and the summary per form (until the user moves it):
        the summary whole when the board keeps BOARD_ROWS rows, else the board those rows (at
        least 60 % of the height) and the summary scrolls."""
        total = self.splitter.height() - self.splitter.handleWidth()
        if self._splitter_moved or total <= 0:
            return
        full = self.below.maximumHeight()
        rows = (self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth()
                + self.BOARD_ROWS * self.view.verticalHeader().defaultSectionSize())
        below = min(full, max(total - rows, int(0.4 * total)))
        self.splitter.blockSignals(True)
        self.splitter.setSizes([total - below, below])
        self.splitter.blockSignals(False)

    def _moved(self, *_) -> None:
        self._splitter_moved = True

    # -- fitting the width ----------------------------------------------------------------------
    # the columns that may be cut (their ends "…", whole in their tooltips): narrowed tier by
    # tier (0 first), each to no less than so many "M"s; the others keep their contents.
    CUT: dict[str, tuple[int, int]] = {
        "last": (0, 8), "county_name": (0, 6), "kind": (1, 8), "form_name": (1, 8),
        "state_name": (2, 9), "name": (2, 10)}

    def fit_columns(self) -> None:
        """Every column as wide as its contents when they fit the board's width; otherwise the
        columns of CUT narrowed tier by tier: no sideways scrolling at 1024 px in either
        language; room left goes to the last column."""
        view, header = self.view, self.view.horizontalHeader()
        view.resizeColumnsToContents()
        em = view.fontMetrics().horizontalAdvance("M")
        want, least, tiers = {}, {}, {}
        for c in range(self.model.columnCount()):
            if view.isColumnHidden(c):
                continue
            want[c] = header.sectionSize(c)
            tier, most = self.CUT.get(self.model.columns[c].key, (3, 0))
            least[c], tiers[c] = min(want[c], most * em) if tier < 3 else want[c], tier
        room = view.viewport().width()
        widths = fit_widths(want, least, tiers, room)
        spare = room - sum(widths.values())
        if spare > 0 and widths:
            widths[max(widths)] += spare
        set_widths(view, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        elif watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.fit_heights()
        return super().eventFilter(watched, event)

    # -- showing -------------------------------------------------------------------------------
    def _apply_filter(self, *_):
        state = self.state_box.currentData()
        paper = self.way_box.currentData()
        text = self.search.text().strip()
        rows = []
        for r in self._rows:
            if state == "open" and r["state"] == EntryState.SUBMITTED:
                continue
            if state == "late" and not r["late"]:
                continue
            if state not in (None, "open", "late") and r["state"] != state:
                continue
            if paper is not None and r["paper"] != paper:
                continue
            if self.form_filter and r["form"] != self.form_filter:
                continue
            if text and text not in r["name"] and text not in r["org"]:
                continue
            rows.append(r)
        self.model.set_rows(rows)
        self.fit_columns()

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
            text = self.tr("%s 自行填报（%s）。联系人：%s") % (
                row["name"], row["state_name"], row["call"] or self.tr("未登记"))
            if row["last"]:
                text += self.tr("；最近报送：%s") % row["last"]
            if row["late_text"]:
                text += self.tr("；%s") % row["late_text"]
            self.message.setText(text)
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

