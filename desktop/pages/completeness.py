"""报送进度: which units and forms of the year are missing, drafts or submitted.

The board lists every unit's form coloured by its state (未报送 red, 草稿 amber, 已提交 green),
the late ones first, with the counts on top and a summary per form. For the units that report
to this workspace it shows the last bundle received (when, its number, what became of it),
how many days late the unit is against the round's due date (the setup file's, or one the
user gives here) and the contact and phone to call; the late list is copied to the clipboard
(tab-separated: pastes into a message or a spreadsheet) or saved as CSV for a reminder round
(eduplan_core/exchange/tracking.py). Activating a unit that reports on paper opens the entry
screen for it (the bureau enters its values); for a unit that reports itself, the contact to
chase is shown. The board, the summary per form and the late list: completeness_board.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange.tracking import Tracking, UnitTracking, late_units
from eduplan_core.vocab import EntryState

from ..models import GREY, ROW_ROLE, term
from .base import Page, heading
from .completeness_board import STATE_COLOURS, CompletenessBoard, FormSummary, LateList


class CompletenessPage(Page):
    title = "报送进度"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.window_ = window
        self.result = None
        self.tracking: Tracking | None = None
        self.late: tuple[UnitTracking, ...] = ()
        self._rows: list[dict] = []
        self.late_list = LateList(self)

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
        self.copy_button.clicked.connect(self.late_list.copy)
        self.save_button = QPushButton(self.tr("保存逾期名单(&V)…"))
        self.save_button.setToolTip(self.tr("另存为 CSV 文件（可用 Excel 打开），供催报使用"))
        self.save_button.clicked.connect(self.late_list.save_dialog)
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
        self.view = CompletenessBoard()
        self.model = self.view.rows_model
        self.view.activated.connect(self._activated)
        self.form_view = FormSummary()
        self.form_model = self.form_view.rows_model
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
        tracking = result.tracking
        self.tracking = tracking
        self.late = late_units(tracking) if tracking else ()
        rows = self.view.rows_of(result, self.session.ws)
        self._rows = rows
        total = result.expected
        self.count_labels["expected"].setText(self.tr("应报 <b>%d</b>") % total)
        self.count_labels["submitted"].setText(self.tr("已提交 <b>%d</b>") % result.submitted)
        self.count_labels["draft"].setText(self.tr("草稿 <b>%d</b>") % result.draft)
        self.count_labels["missing"].setText(self.tr("未报送 <b>%d</b>") % result.missing)
        rate = 100 * result.submitted / total if total else 0
        self.count_labels["rate"].setText(self.tr("提交率 <b>%.0f%%</b>") % rate)
        self.form_view.show_rows(rows)
        self._fit_form_view()
        self.view.setColumnHidden(self.model.column("county_name"), not any(
            r["county_name"] != self.session.info.org_name for r in rows))
        # 逾期 when a unit is late (else the line above the board says none is)
        self.view.setColumnHidden(self.model.column("late_days"), not self.late)
        self._show_round()
        self._apply_filter()

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

    def save_late_list(self, path: Path) -> bool:
        """The late list as a CSV file (UTF-8 with BOM: Excel opens it)."""
        return self.late_list.save(path)

    def _fit_form_view(self) -> None:
        """The summary per form shows every row and column without scrolling (the splitter
        gives it the room it takes)."""
        height = self.form_view.fit()
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
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
        self.view.fit_columns()

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

