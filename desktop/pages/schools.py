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

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTableView)

from eduplan_core.catalog.model import Org
from eduplan_core.errors import Cancelled, EduPlanError, UsageError
from eduplan_core.orgimport import ImportCheck, check_import, import_checked
from eduplan_core.schoolattrs import LABELS, YESNO_ATTRS
from eduplan_core.store.orgs import SchoolInput, change_school, check_school, register_school
from eduplan_core.texts import join

from ..models import GREY, RED, ROW_ROLE, Column, RowsModel, value_name
from .base import Page, fit_widths, heading, set_widths, setup_table
from .schools_dialogs import AddSchoolDialog, ChangeSchoolDialog
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

        # 教学点 is told in 类型 (a 教学点 is a 小学), the phone beside the contact: at 1024 px,
        # in English too, every column is seen (the long ones cut with "…", whole in their
        # tooltips and in the line below the table)
        self.model = RowsModel([
            Column("name", self.tr("学校"), tooltip=lambda r: r["name_tip"]),
            Column("code", self.tr("代码")),
            Column("county", self.tr("所属县（市、区）"), tooltip=lambda r: r["county"]),
            Column("kind", self.tr("类型"), tooltip=lambda r: r["kind"]),
            Column("ownership", self.tr("办别"), tooltip=lambda r: r["ownership"]),
            Column("urban_rural", self.tr("城乡")),
            Column("by", self.tr("报送"), tooltip=lambda r: r["way"]),
            Column("status", self.tr("办学状态"), tooltip=lambda r: r["status"]),
            Column("reach", self.tr("联系人、电话"), tooltip=lambda r: r["reach"]),
        ], color=lambda r: (GREY, None) if r["closed"] else None, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.activated.connect(self.change_selected)
        self.view.setToolTip(self.tr("双击或回车：修改"))
        self.view.viewport().installEventFilter(self)  # resized: the columns fitted again
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.outer.addWidget(self.view, 1)
        # the chosen school whole: what a cut cell hides, and its changes by year
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outer.addWidget(self.detail)
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
        self.view.setColumnHidden(self.model.column("county"), len(counties) <= 1)
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
        kind = value_name(a.type)
        if a.teaching_point:  # a 小学 (TEACHING_POINT_TYPE)
            kind = (self.tr("教学点（属%s）") % names.get(a.parent_school, a.parent_school)
                    if a.parent_school else self.tr("教学点"))
        status = value_name(a.status)
        if a.status == "撤并" and a.merged_into:
            status = self.tr("撤并（并入%s）") % names.get(a.merged_into, a.merged_into)
        contact, phone = org.contact or "", org.phone or ""
        history = self._history(org, names)
        return {"org": org, "code": org.code, "name": a.name, "type": value_name(a.type),
                "kind": kind, "ownership": value_name(a.ownership),
                "urban_rural": value_name(a.urban_rural),
                "paper": a.paper, "way": self.tr("纸质报送") if a.paper else self.tr("自行报送"),
                "by": self.tr("纸质") if a.paper else self.tr("自行"),
                "teaching_point": a.teaching_point, "point": point, "status": status,
                "closed": a.status != "在办", "contact": contact, "phone": phone,
                "reach": " ".join(x for x in (contact, phone) if x),
                "county": counties.get(org.parent or "", ""), "history": history,
                "name_tip": "\n".join(x for x in (a.name, history) if x)}

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
        self.fit_columns()
        self._show_detail()
        open_ = [r for r in self._all if not r["closed"]]
        self.count.setText(self.tr("共 %d 所（在办 %d 所，其中纸质报送 %d 所、教学点 %d 个）；"
                                   "显示 %d 所") % (
            len(self._all), len(open_), sum(1 for r in open_ if r["paper"]),
            sum(1 for r in open_ if r["teaching_point"]), len(rows)))

    # -- fitting the width ----------------------------------------------------------------------
    # the columns that may be cut (their ends "…", whole in their tooltips and below the
    # table): narrowed tier by tier (0 first), each to no less than so many "M"s; None: its
    # cells whole (at most 16 "M"s). The other columns' headers are cut last.
    CUT: dict[str, tuple[int, int | None]] = {
        "status": (0, 5), "county": (0, 5), "kind": (1, 8), "ownership": (1, 8),
        "reach": (1, None), "name": (1, 14)}

    def fit_columns(self) -> None:
        """Every column as wide as its contents when they fit the table's width; otherwise
        the columns of CUT narrowed tier by tier (a rare long status first; a school's name
        keeps 14 "M"s, most names whole): no sideways scrolling at 1024 px in either
        language."""
        view, header = self.view, self.view.horizontalHeader()
        view.resizeColumnsToContents()
        em = view.fontMetrics().horizontalAdvance("M")
        want, least, tiers = {}, {}, {}
        for c in range(self.model.columnCount()):
            if view.isColumnHidden(c):
                continue
            want[c], cells = header.sectionSize(c), view.sizeHintForColumn(c)
            tier, most = self.CUT.get(self.model.columns[c].key, (3, None))
            floor = most * em if most is not None else (
                min(cells, 16 * em) if tier < 3 else max(cells, 3 * em))
            least[c], tiers[c] = min(want[c], floor), tier
        widths = fit_widths(want, least, tiers, view.viewport().width())
        spare = view.viewport().width() - sum(widths.values())
        if spare > 0 and widths:  # room left: the last column takes it (no empty band)
            last = max(widths)
            widths[last] += spare
        set_widths(view, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _show_detail(self, *_) -> None:
        row = self.selected()
        if row is None:
            self.detail.setText(self.tr("选中一所学校：这里是它的全部信息和历年变更。")
                                if self._all else "")
            return
        facts = [row["type"], row["ownership"], row["urban_rural"], row["way"]]
        if row["teaching_point"]:
            facts.append(row["kind"])  # 教学点（属…）
        facts.append(row["status"])
        reach = self.tr("联系人 %s，电话 %s") % (row["contact"] or self.tr("（无）"),
                                               row["phone"] or self.tr("（无）"))
        text = self.tr("%s（%s）：%s；%s") % (row["name"], row["code"],
                                            self.tr("，").join(x for x in facts if x), reach)
        if row["county"] and not self.view.isColumnHidden(self.model.column("county")):
            text += self.tr("；所属 %s") % row["county"]
        if row["history"]:
            text += "\n" + self.tr("变更：") + self.tr("；").join(row["history"].split("\n"))
        self.detail.setText(text)

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
