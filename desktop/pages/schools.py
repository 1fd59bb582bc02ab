"""学校名录: the schools below a bureau, as they stand in the session's year — type, ownership,
城乡, paper or self-reporting, 教学点 and its school, contact and phone — with 添加学校…,
修改… (changes from a chosen year on; contact and phone) and 导入名单… (a CSV or Excel list,
previewed row by row before anything is stored).

The page gathers and shows; eduplan_core checks and stores (store/orgs.py: check_school,
register_school, change_school; orgimport.py: check_import, import_checked), each write in a
worker through :meth:`Page.run`, audited by the core. Dialogs: schools_dialogs.py; the
preview: schools_import.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTableView)

from eduplan_core.catalog.model import Org
from eduplan_core.errors import Cancelled, EduPlanError, UsageError
from eduplan_core.orgimport import ImportCheck, check_import, import_checked
from eduplan_core.schoolattrs import LABELS, YESNO_ATTRS
from eduplan_core.store.orgs import SchoolInput, change_school, check_school, register_school
from eduplan_core.texts import join

from ..models import GREY, RED, ROW_ROLE, Column, RowsModel
from .base import Page, heading, setup_table
from .schools_dialogs import AddSchoolDialog, ChangeSchoolDialog, value_name
from .schools_import import ImportPreviewDialog


class SchoolsPage(Page):
    title = "学校名录"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.window_ = parent
        self._all: list[dict] = []
        self._saving = False
        self._stale = False
        self._select: str | None = None  # the school to select once the list is loaded
        self.dialog = None  # the dialog open (add, change, preview), for tests
        self.heading = heading(self.tr("学校名录"))
        self.outer.insertWidget(0, self.heading)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按学校名称、代码或联系人筛选…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.add_button = QPushButton(self.tr("添加学校(&A)…"))
        self.add_button.clicked.connect(self.add_school)
        self.change_button = QPushButton(self.tr("修改(&E)…"))
        self.change_button.setToolTip(self.tr("自某年起改名、停办、撤并、改办学性质或报送方式；"
                                              "改正联系人和电话"))
        self.change_button.clicked.connect(self.change_selected)
        self.import_button = QPushButton(self.tr("导入名单(&I)…"))
        self.import_button.setToolTip(self.tr(
            "从 Excel（.xlsx）或 CSV 名单登记学校。表头：学校代码、学校名称、所属县、学校类型"
            "（必填），办学性质、城乡、联系人、联系电话、纸质报送（是/否）、教学点（是/否）、"
            "所属学校。导入前先预览，每一行是否可导入、错在哪里。"))
        self.import_button.clicked.connect(self.choose_list)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.change_button)
        bar.addWidget(self.import_button)
        self.outer.addLayout(bar)

        self.model = RowsModel([
            Column("name", self.tr("学校"), tooltip=lambda r: r["history"]),
            Column("code", self.tr("代码")),
            Column("type", self.tr("类型")),
            Column("ownership", self.tr("办别")),
            Column("urban_rural", self.tr("城乡")),
            Column("way", self.tr("报送方式")),
            Column("point", self.tr("教学点")),
            Column("status", self.tr("办学状态")),
            Column("contact", self.tr("联系人")),
            Column("phone", self.tr("电话")),
            Column("county", self.tr("所属县（市、区）")),
        ], color=lambda r: (GREY, None) if r["closed"] else None, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.activated.connect(self.change_selected)
        self.view.setToolTip(self.tr("双击或回车：修改"))
        self.outer.addWidget(self.view, 1)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {GREY.name()};")
        self.outer.addWidget(self.count)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outer.addWidget(self.message)
        self.setTabOrder(self.search, self.add_button)
        self.setTabOrder(self.add_button, self.change_button)
        self.setTabOrder(self.change_button, self.import_button)
        self.setTabOrder(self.import_button, self.view)
        if session.is_school:  # a school registers no schools (the page is a bureau's)
            for button in (self.add_button, self.change_button, self.import_button):
                button.setEnabled(False)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._saving:  # a save is running: load once it is done
            self._stale = True
            return
        year = self.session.year
        self.heading.setText(self.tr("学校名录 — %s %d年") % (self.session.info.org_name, year))

        def work(ws, progress=None, cancelled=None):
            tree = ws.orgs
            schools = [o for o in tree.descendants(ws.org_code) if o.is_school]
            names = {o.code: o.attrs_at(year).name for o in schools}
            counties = {o.parent: (tree.get(o.parent).name if tree.get(o.parent) else o.parent)
                        for o in schools if o.parent}
            return schools, names, counties

        self.run(self.tr("正在读取学校名录…"), work, self._loaded)

    def _loaded(self, result) -> None:
        schools, names, counties = result
        year = self.session.year
        rows = [self._row(o, year, names, counties) for o in schools]
        rows.sort(key=lambda r: (r["county"], r["closed"], r["code"]))
        self._all = rows
        self.view.setColumnHidden(10, len(counties) <= 1)
        self._apply_filter()
        if not rows:
            self.message.setStyleSheet("")
            self.message.setText(self.tr(
                "还没有登记学校。用“导入名单…”从 Excel 或 CSV 名单一次登记，或用“添加学校…”"
                "逐所登记；登记后，报送进度和填报页即列出这些学校。"))
        if self._select:
            self.select(self._select)
            self._select = None

    def _row(self, org: Org, year: int, names: dict[str, str], counties: dict[str, str]
             ) -> dict:
        a = org.attrs_at(year)
        point = ""
        if a.teaching_point:
            point = (self.tr("是（属%s）") % names.get(a.parent_school, a.parent_school)
                     if a.parent_school else self.tr("是"))
        status = value_name(a.status)
        if a.status == "撤并" and a.merged_into:
            status = self.tr("撤并（并入%s）") % names.get(a.merged_into, a.merged_into)
        return {"org": org, "code": org.code, "name": a.name, "type": value_name(a.type),
                "ownership": value_name(a.ownership), "urban_rural": value_name(a.urban_rural),
                "paper": a.paper, "way": self.tr("纸质报送") if a.paper else self.tr("自行报送"),
                "teaching_point": a.teaching_point, "point": point, "status": status,
                "closed": a.status != "在办", "contact": org.contact or "",
                "phone": org.phone or "", "county": counties.get(org.parent or "", ""),
                "history": self._history(org, names)}

    def _history(self, org: Org, names: dict[str, str]) -> str:
        """The school's changes by year, for the tooltip of its name."""
        return "\n".join(self.tr("%d 年起 %s") % (year, self._change_text(attr, value, names))
                         for year, changes in sorted(org.history) for attr, value in changes)

    def _change_text(self, attr: str, value, names: dict[str, str]) -> str:
        """"学校名称：会泽县实验小学", "纸质报送：否", "并入学校：某小学"."""
        if attr in YESNO_ATTRS:
            shown = self.tr("是") if value else self.tr("否")
        elif attr in ("merged_into", "parent_school"):
            shown = names.get(value, value) if value else self.tr("（无）")
        else:
            shown = value_name(value)
        return self.tr("%s：%s") % (value_name(LABELS.get(attr, attr)), shown)

    def _apply_filter(self, *_) -> None:
        text = self.search.text().strip()
        rows = [r for r in self._all if not text or text in r["name"] or text in r["code"]
                or text in r["contact"]]
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        open_ = [r for r in self._all if not r["closed"]]
        self.count.setText(self.tr("共 %d 所（在办 %d 所，其中纸质报送 %d 所、教学点 %d 个）；"
                                   "显示 %d 所") % (
            len(self._all), len(open_), sum(1 for r in open_ if r["paper"]),
            sum(1 for r in open_ if r["teaching_point"]), len(rows)))

    def select(self, code: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r["code"] == code:
                self.view.selectRow(i)
                return

    def selected(self) -> dict | None:
        index = self.view.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    # -- saving --------------------------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {RED.name()};" if error else "")
        self.message.setText(text)

    def _save(self, text: str, fn, done_text) -> None:
        """Run a core write in a worker; then the views of the window refresh."""
        self._saving = True
        self._set_busy(True)

        def finished(result) -> None:
            self._saving = self._stale = False
            self._set_busy(False)
            self.say(done_text(result))
            self.session.workers_saved()  # the window's views (and this page) refresh
            if self._op is None:
                self.refresh()

        def failed(exc) -> None:
            self._saving = False
            self._set_busy(False)
            if self._stale:
                self._stale = False
                self.refresh()

        self.run(text, fn, finished)
        if self._op is not None:  # a failure is shown by run(); the page is usable again
            self._op.failed.connect(failed)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.add_button, self.change_button, self.import_button):
            button.setEnabled(not busy and not self.session.is_school)

    # -- add -----------------------------------------------------------------------------------
    def add_school(self) -> AddSchoolDialog:
        dialog = AddSchoolDialog(self.session, self)
        dialog.accepted.connect(lambda: self._register(dialog.school))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _register(self, school: Org | None) -> None:
        if school is None:
            return
        self._select = school.code

        def work(ws, progress=None, cancelled=None):
            org, reasons = check_school(ws.orgs, _as_input(school), within=ws.org_code)
            if reasons or org is None:  # changed meanwhile (another program)
                said = join(reasons, "；", "; ")
                raise UsageError(said, said.en)
            register_school(ws, org)
            return org

        self._save(self.tr("正在登记学校…"), work,
                   lambda org: self.tr("已登记：%s（%s）") % (org.name, org.code))

    # -- change --------------------------------------------------------------------------------
    def change_selected(self, *_) -> ChangeSchoolDialog | None:
        row = self.selected()
        if row is None:
            self.say(self.tr("请先在表中选择一所学校。"), error=True)
            return None
        org = self.session.ws.orgs.get(row["code"]) or row["org"]
        dialog = ChangeSchoolDialog(self.session, org, self)
        dialog.accepted.connect(lambda: self._change(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _change(self, dialog: ChangeSchoolDialog) -> None:
        code, year, changes = dialog.org.code, dialog.year, dict(dialog.changes)
        contact, phone = dialog.contact, dialog.phone
        names = {r["code"]: r["name"] for r in self._all}
        parts = [self.tr("自 %d 年起 %s") % (year, self._change_text(a, v, names))
                 for a, v in changes.items()]
        if contact is not None:
            parts.append(self.tr("联系人 %s，电话 %s") % (contact or self.tr("（无）"),
                                                      phone or self.tr("（无）")))
        text = self.tr("已保存 %s（%s）的修改：%s") % (dialog.org.attrs_at(year).name, code,
                                                  self.tr("；").join(parts))
        self._select = code

        def work(ws, progress=None, cancelled=None):
            change_school(ws, code, year if changes else None, changes, contact=contact,
                          phone=phone)

        self._save(self.tr("正在保存修改…"), work, lambda _: text)

    # -- import --------------------------------------------------------------------------------
    def choose_list(self) -> None:
        start = str(QSettings().value("schools_dir", "") or Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择学校名单"), start,
            self.tr("学校名单 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
        if name:
            QSettings().setValue("schools_dir", str(Path(name).parent))
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Read and check the list in a worker; then the preview (nothing stored yet)."""
        self.say("")

        def work(ws, progress=None, cancelled=None):
            try:
                return check_import(ws, path, progress=progress, cancelled=cancelled)
            except Cancelled:
                raise
            except EduPlanError as exc:  # the file cannot be read at all: said on the page
                return exc

        self.run(self.tr("正在检查 %s …") % path.name, work, self._preview)

    def _preview(self, result) -> None:
        if isinstance(result, EduPlanError):
            self.say(self.tr("无法导入：%s") % result.message, error=True)
            return
        dialog = ImportPreviewDialog(result, self)
        dialog.accepted.connect(lambda: self._import(result))
        self.dialog = dialog
        dialog.open()

    def _import(self, checked: ImportCheck) -> None:
        def work(ws, progress=None, cancelled=None):
            return import_checked(ws, checked)  # checked again now; all or nothing

        self._save(self.tr("正在登记 %d 所学校…") % len(checked.rows), work,
                   lambda r: self.tr("已从 %s 登记 %d 所学校") % (r.file, r.imported))


def _as_input(school: Org) -> SchoolInput:
    """A checked school, given again to the checks of the worker's workspace."""
    return SchoolInput(code=school.code, name=school.name, parent=school.parent or "",
                       type=school.type or "", ownership=school.ownership or "",
                       urban_rural=school.urban_rural or "", contact=school.contact or "",
                       phone=school.phone or "", paper=school.paper,
                       teaching_point=school.teaching_point,
                       parent_school=school.parent_school or "")
