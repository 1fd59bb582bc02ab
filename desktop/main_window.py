"""The main window: a navigation list on the left, one page at a time on the right, the year
and as-of date on the toolbar. Which pages appear depends on the workspace's role."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QMessageBox, QPlainTextEdit, QSplitter, QStackedWidget,
                               QToolBar, QVBoxLayout)

from eduplan_core.vocab import Role

from .exchange import ExchangeActions
from .models import term
from .pages.base import Page
from .session import YEARS, Session

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
# screens of the issues to come: shown, disabled, so users see where they will be
LATER = [QT_TRANSLATE_NOOP("MainWindow", "审核与决定"),
         QT_TRANSLATE_NOOP("MainWindow", "Excel 报表")]


class MainWindow(QMainWindow):
    workspace_closed = Signal()

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        info = session.info
        self.setWindowTitle(self.tr("EduPlan 教育规划填报与目标核查") + f" — {info.org_name}"
                            + (self.tr("（演示）") if info.demo else ""))
        self.resize(1280, 820)
        role = "school" if session.is_school else "bureau"
        self.pages: dict[str, Page] = {}
        self.nav = QListWidget()
        self.nav.setMaximumWidth(190)
        self.stack = QStackedWidget()
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
        for title in LATER:
            item = QListWidgetItem(self.tr(str(title)))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(self.tr("将在后续版本提供"))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1090])
        self.setCentralWidget(splitter)
        self._toolbar(info)
        self._menus()
        operator = self.tr("操作员")
        self.statusBar().showMessage(
            f"{info.org_name} · {term(Role(info.role))} · {operator}：{info.operator}")
        session.changed.connect(self._sync_toolbar)
        session.changed.connect(self.refresh_current)
        session.data_changed.connect(self.refresh_current)
        settings = QSettings()
        if settings.value("geometry"):
            self.restoreGeometry(settings.value("geometry"))
        self.nav.setCurrentRow(0)
        self.setAcceptDrops(True)  # *.eduplan files or folders dropped: the exchange's import

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
    def _toolbar(self, info) -> None:
        bar = QToolBar(self.tr("年份"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr(" 年份 ")))
        self.year_box = QComboBox()
        for y in YEARS:
            self.year_box.addItem(str(y), y)
        self.year_box.setCurrentIndex(YEARS.index(self.session.year)
                                      if self.session.year in YEARS else 1)
        self.year_box.currentIndexChanged.connect(
            lambda i: self.session.set_year(self.year_box.itemData(i)))
        bar.addWidget(self.year_box)
        bar.addWidget(QLabel(self.tr("  截止日期判断基准 ")))
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        d = self.session.as_of
        self.as_of_edit.setDate(QDate(d.year, d.month, d.day))
        self.today_box = QCheckBox(self.tr("今天"))
        self.today_box.setChecked(self.session.as_of_is_today)
        self.as_of_edit.setEnabled(not self.session.as_of_is_today)
        self.as_of_edit.dateChanged.connect(self._as_of_changed)
        self.today_box.toggled.connect(self._as_of_changed)
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.today_box)
        self.addToolBar(bar)

    def _sync_toolbar(self) -> None:
        """Show the session's year when something else changed it."""
        index = self.year_box.findData(self.session.year)
        if index >= 0 and index != self.year_box.currentIndex():
            self.year_box.blockSignals(True)
            self.year_box.setCurrentIndex(index)
            self.year_box.blockSignals(False)

    def _as_of_changed(self, *_):
        today = self.today_box.isChecked()
        self.as_of_edit.setEnabled(not today)
        q = self.as_of_edit.date()
        self.session.set_as_of(None if today else dt.date(q.year(), q.month(), q.day()))

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_act = QAction(self.tr("打开工作区…"), self)
        open_act.setShortcut(QKeySequence.StandardKey.Open)
        open_act.triggered.connect(self._open_workspace)
        file_menu.addAction(open_act)
        quit_act = QAction(self.tr("退出"), self)
        quit_act.setShortcut(QKeySequence.StandardKey.Quit)
        quit_act.triggered.connect(self.close)
        file_menu.addAction(quit_act)
        self.exchange = ExchangeActions(self.session, self)
        self.exchange.add_menu(self.menuBar())
        lang = self.menuBar().addMenu(self.tr("语言(&L)"))
        for code, name in (("zh_CN", "中文"), ("en", "English")):
            act = QAction(name, self)
            act.triggered.connect(lambda _=False, c=code: self._set_language(c))
            lang.addAction(act)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        diag = QAction(self.tr("诊断信息"), self)
        diag.triggered.connect(self.show_diagnostics)
        help_menu.addAction(diag)
        about = QAction(self.tr("关于 EduPlan"), self)
        about.triggered.connect(lambda: QMessageBox.about(
            self, "EduPlan", self.tr("EduPlan：教育高质量发展三年行动计划 指标填报与目标核查。")))
        help_menu.addAction(about)

    def _open_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"))
        if path:
            QSettings().setValue("workspace", path)
            QMessageBox.information(self, "EduPlan", self.tr("重新启动 EduPlan 后打开该工作区。"))

    def _set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        QMessageBox.information(self, "EduPlan",
                                "语言设置将在重新启动后生效。\nThe language applies after a restart.")

    def show_diagnostics(self) -> None:
        from .logs import diagnostics

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("诊断信息"))
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit(diagnostics(self.session.path))
        text.setReadOnly(True)
        layout.addWidget(QLabel(self.tr("以下信息不含任何填报数据，可保存后发送给技术支持。")))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)

        def save():
            path, _ = QFileDialog.getSaveFileName(dialog, self.tr("保存诊断信息"),
                                                  "eduplan-diagnostics.txt")
            if path:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text.toPlainText())
                dialog.accept()

        buttons.accepted.connect(save)
        layout.addWidget(buttons)
        dialog.resize(720, 480)
        dialog.open()
        self._diagnostics_dialog = dialog

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
        for page in self.pages.values():
            op = getattr(page, "_op", None)
            if op is not None:
                op.cancel()  # ask first, then wait: workers check cancelled() between steps
        for page in self.pages.values():
            if hasattr(page, "wait_idle"):
                page.wait_idle()
        self.session.close()
        super().closeEvent(event)


def app_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # the desktop runs in a QApplication
    return app
