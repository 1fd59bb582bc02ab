"""The main window: a navigation list on the left, one page at a time on the right, the year
and as-of date on the toolbar. Which pages appear depends on the workspace's role.

The window switches workspaces in place (文件 menu: 新建工作区… — the wizard —, 打开工作区…, the
recent ones, the demo county and the demo school): the current one is closed cleanly (its
workers stopped, what was typed saved, its lock released), the other opened, the pages rebuilt
for its role; the title and the status bar name the org, the role and the operator. The 文件
menu's actions (switching, the recent list) and 诊断信息 are main_workspaces.py's."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox, QSplitter,
                               QStackedWidget, QToolBar)

from eduplan_core.vocab import Role

from .exchange import ExchangeActions
from .main_workspaces import WorkspaceMenu
from .models import term
from .pages.base import Page
from .session import Session

NAV_TEXT_EMS = 11  # a navigation title wider than this many times a line's height: wrapped

# (key, title, module, class, roles) — roles: "school", "bureau"
PAGES = [
    ("entry", QT_TRANSLATE_NOOP("MainWindow", "填报"), "entry", "EntryPage",
     ("school", "bureau")),
    ("mine", QT_TRANSLATE_NOOP("MainWindow", "本校指标"), "my_targets", "MyTargetsPage",
     ("school",)),
    ("schools", QT_TRANSLATE_NOOP("MainWindow", "学校名录"), "schools", "SchoolsPage",
     ("bureau",)),
    ("completeness", QT_TRANSLATE_NOOP("MainWindow", "报送进度"), "completeness",
     "CompletenessPage", ("bureau",)),
    ("dashboard", QT_TRANSLATE_NOOP("MainWindow", "指标看板"), "dashboard", "DashboardPage",
     ("bureau",)),
    ("youzhi", QT_TRANSLATE_NOOP("MainWindow", "优质均衡"), "youzhi", "YouzhiPage",
     ("bureau",)),
    ("shortfalls", QT_TRANSLATE_NOOP("MainWindow", "差距清单"), "shortfalls", "ShortfallsPage",
     ("bureau",)),
    # a module starting with "." lives in desktop/ itself, not in desktop/pages/
    ("exchange", QT_TRANSLATE_NOOP("MainWindow", "数据交换（加密文件）"), ".exchange_page",
     "ExchangePage", ("school", "bureau")),
]


class MainWindow(WorkspaceMenu, QMainWindow):
    workspace_switched = Signal()  # another workspace is shown (pages, menus, title rebuilt)

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.resize(1280, 820)
        self.pages: dict[str, Page] = {}
        self.wizard: Any = None  # the workspace wizard last opened from the 文件 menu
        self.parent_setup: Any = None  # 导入上级的设立文件: the flow last started
        self.nav = QListWidget()
        self.nav.setWordWrap(True)  # a long title in two lines (as wide as _fit_nav makes it)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show_row)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.identity = QLabel()  # org, role, operator: always in the status bar
        self.statusBar().addWidget(self.identity, 1)
        self._toolbar()
        self._attach(session)
        settings = QSettings()
        if settings.value("geometry"):
            self.restoreGeometry(settings.value("geometry"))
        self.setAcceptDrops(True)  # *.eduplan files or folders dropped: the exchange's import

    # -- the workspace shown -------------------------------------------------------------------
    def _attach(self, session: Session) -> None:
        """Show ``session``'s workspace: its role's pages, the menus, the title, the toolbar."""
        self.session = session
        role = "school" if session.is_school else "bureau"
        for key, title, module, cls, roles in PAGES:
            if role not in roles:
                continue
            where = module if module.startswith(".") else f".pages.{module}"
            page_cls = getattr(importlib.import_module(where, __package__), cls)
            page = page_cls(session, self)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.tr(str(title)))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self._fit_nav()
        self._menus()
        self._show_identity()
        self._show_as_of()
        self._fill_years()
        session.changed.connect(self._sync_toolbar)
        session.changed.connect(self.refresh_current)
        session.data_changed.connect(self._data_changed)
        self.nav.setCurrentRow(0)

    def _fit_nav(self) -> None:
        """The navigation as wide as its widest title, a title wider than NAV_TEXT_EMS times
        the line's height wrapped at its spaces (English: "High-quality balanced / (youzhi
        junheng)"): every title whole, no sideways scrolling, the pages keeping the room."""
        fm = self.nav.fontMetrics()
        most = NAV_TEXT_EMS * fm.height()
        widest = 0
        for row in range(self.nav.count()):
            words = self.nav.item(row).text().split(" ")
            line = ""
            for word in words:  # wrapped as the view wraps it: as many words a line as fit
                longer = f"{line} {word}" if line else word
                if line and fm.horizontalAdvance(longer) > most:
                    widest = max(widest, fm.horizontalAdvance(line))
                    line = word
                else:
                    line = longer
            widest = max(widest, fm.horizontalAdvance(line))
        style = self.nav.style()
        margin = style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, self.nav) + 1
        width = widest + 2 * margin + 2 * self.nav.frameWidth() + fm.averageCharWidth()
        self.nav.setFixedWidth(width)
        self.splitter.setSizes([width, max(self.width() - width, 1)])  # no gap beside it

    def _detach(self) -> None:
        """Close the workspace shown: its workers stopped (asked to cancel, then awaited),
        what was typed saved, the pages and the menus gone, the workspace closed (its locks
        released)."""
        pages = list(self.pages.values())
        for page in pages:
            op = getattr(page, "_op", None)
            if op is not None:
                op.cancel()  # ask first, then wait: workers check cancelled() between steps
        end = time.monotonic() + 60
        while any(getattr(p, "_op", None) is not None for p in pages) \
                and time.monotonic() < end:
            QCoreApplication.processEvents()  # a worker's end arrives on this thread
            time.sleep(0.01)
        for page in pages:
            if hasattr(page, "wait_idle"):
                page.wait_idle()  # the entry form saves what was typed
        for signal in (self.session.changed, self.session.data_changed):
            signal.disconnect()
        self.session.close()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for page in pages:
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
        self.pages = {}
        self.exchange.deleteLater()

    def _show_identity(self) -> None:
        """Which org, role and operator: in the title and in the status bar."""
        info = self.session.info
        demo = self.tr("（演示）") if info.demo else ""
        who = self.tr("{org} · {role} · 操作员：{operator}").format(
            org=info.org_name + demo, role=term(Role(info.role)), operator=info.operator)
        self.setWindowTitle(f"{who} — " + self.tr("EduPlan 教育规划填报与目标核查"))
        self.identity.setText(who)
        self.identity.setToolTip(str(self.session.path))

    # -- navigation ----------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        item = self.nav.item(row)
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        if key in self.pages:
            self.stack.setCurrentWidget(self.pages[key])
            self.pages[key].refresh()

    def show_page(self, key: str):
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return self.pages[key]
        return None

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    # -- toolbar and menus ---------------------------------------------------------------------
    def _toolbar(self) -> None:
        bar = QToolBar(self.tr("年份"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr(" 年份 ")))
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(
            lambda i: self.session.set_year(self.year_box.itemData(i)) if i >= 0 else None)
        bar.addWidget(self.year_box)
        as_of_label = QLabel(self.tr("  核查日期 "))
        as_of_label.setToolTip(self.tr("判断目标和截止日期是否到期、是否逾期所用的日期（默认今天）；"
                                       "选一个过去的日期，可以看到当时的核查结果"))
        bar.addWidget(as_of_label)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.today_box = QCheckBox(self.tr("今天"))
        self.as_of_edit.dateChanged.connect(self._as_of_changed)
        self.today_box.toggled.connect(self._as_of_changed)
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.today_box)
        self.addToolBar(bar)

    def _show_as_of(self) -> None:
        d = self.session.as_of
        for widget in (self.as_of_edit, self.today_box):
            widget.blockSignals(True)
        self.as_of_edit.setDate(QDate(d.year, d.month, d.day))
        self.today_box.setChecked(self.session.as_of_is_today)
        self.as_of_edit.setEnabled(not self.session.as_of_is_today)
        for widget in (self.as_of_edit, self.today_box):
            widget.blockSignals(False)

    def _fill_years(self) -> None:
        """The session's years in the box (from the first with data to the current round
        plus one), the session's year chosen."""
        years = self.session.years
        self.year_box.blockSignals(True)
        if [self.year_box.itemData(i) for i in range(self.year_box.count())] != years:
            self.year_box.clear()
            for y in years:
                self.year_box.addItem(str(y), y)
        self.year_box.setCurrentIndex(self.year_box.findData(self.session.year))
        self.year_box.blockSignals(False)

    def _sync_toolbar(self) -> None:
        """Show the session's year (and the years of its as-of date) and its as-of date (今天
        ticked: today's) when something else changed them."""
        self._show_as_of()
        self._fill_years()

    def _data_changed(self) -> None:
        self._fill_years()  # a year with data before the first: offered now
        self.refresh_current()

    def _as_of_changed(self, *_):
        today = self.today_box.isChecked()
        self.as_of_edit.setEnabled(not today)
        q = self.as_of_edit.date()
        self.session.set_as_of(None if today else dt.date(q.year(), q.month(), q.day()))

    def _menus(self) -> None:
        """The menus, made again for each workspace shown (the 数据交换 menu is its)."""
        bar = self.menuBar()
        for action in bar.actions():
            menu = action.menu()
            bar.removeAction(action)
            if menu is not None:
                menu.deleteLater()
        self._file_menu(bar)
        self.exchange = ExchangeActions(self.session, self)
        self.exchange.add_menu(bar)
        lang = bar.addMenu(self.tr("语言(&L)"))
        for code, name in (("zh_CN", "中文"), ("en", "English")):
            act = QAction(name, self)
            act.triggered.connect(lambda _=False, c=code: self._set_language(c))
            lang.addAction(act)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        diag = QAction(self.tr("诊断信息"), self)
        diag.triggered.connect(self.show_diagnostics)
        help_menu.addAction(diag)
        about = QAction(self.tr("关于 EduPlan"), self)
        about.triggered.connect(lambda: QMessageBox.about(
            self, "EduPlan", self.tr("EduPlan：教育高质量发展三年行动计划 指标填报与目标核查。")))
        help_menu.addAction(about)

    # -- bundles dropped on the window ---------------------------------------------------------
    def dropped_paths(self, mime) -> list[Path]:
        """The *.eduplan files and folders of a drag, when this window imports bundles."""
        page = self.pages.get("exchange")
        if page is None or not getattr(page, "accepts_imports", False) or not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.is_dir() or p.suffix == ".eduplan"]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = self.dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        page = self.show_page("exchange")
        if page is not None:
            page.import_paths(paths)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        QSettings().setValue("geometry", self.saveGeometry())
        if self.pages:  # not twice
            self._detach()
        super().closeEvent(event)


def app_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # the desktop runs in a QApplication
    return app

