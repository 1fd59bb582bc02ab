"""填报: the forms this workspace fills for the year, with their state, and the open form.

A school sees its own form(s). A bureau sees the schools below it that report on paper (it
enters their values) and its own forms (its base form and the milestones it records)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from eduplan_core.errors import EduPlanError
from eduplan_core.store import entries
from eduplan_core.vocab import EntryState

from ..models import AMBER_TEXT, GREEN, GREY, Column, RowsModel, message_of, term_names
from .base import Page, heading, setup_table
from .form_page import FormPage, form_fields


class EntryPage(Page):
    title = "填报"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._window = parent
        self.heading = heading(self.tr("填报"))
        self.outer.addWidget(self.heading)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.outer.addWidget(self.subtitle)

        top = self.top = QWidget()
        top_layout = self.top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowsModel([
            Column("org_name", self.tr("单位")),
            Column("kind", self.tr("类别")),
            Column("form_name", self.tr("表单")),
            Column("state_name", self.tr("状态")),
            Column("problems", self.tr("问题")),
        ], color=_state_color, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, resize_to_contents=True)
        self.table.setAlternatingRowColors(True)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.setToolTip(self.tr("双击或按回车打开"))
        top_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.open_button.clicked.connect(self.open_selected)
        buttons.addWidget(self.open_button)
        self.hint = QLabel(self.tr("每填一项立即保存；红色为错误（未保存），琥珀色为需说明原因的警告。"))
        self.hint.setStyleSheet(f"color: {GREY.name()};")
        buttons.addWidget(self.hint, 1)
        top_layout.addLayout(buttons)

        self.form_page = FormPage(session, self)
        self.form_page.saved.connect(self._form_saved)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.form_page)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.outer.addWidget(self.splitter, 1)
        self._only_row: tuple[str, int, str] | None = None
        self._list_rows = 0  # the rows the splitter was last fitted to
        self._year: int | None = None
        session.changed.connect(self.refresh)

    # -- the list ------------------------------------------------------------------------------
    def state_name(self, state: str) -> str:
        return term_names(EntryState).get(state, state)

    def _items(self) -> list[tuple]:
        """(org, kind, form) to list for the year."""
        ws = self.session.ws
        year = self.session.year
        me = ws.org
        out = []
        own_kind = me.attrs_at(year).type if me.is_school else me.level
        for form in ws.catalog.forms_for_org_type(own_kind):
            if form_fields(ws, form, me.code):
                out.append((me, self.tr("本单位"), form))
        if not me.is_school:
            for org in ws.orgs.descendants(me.code):
                if not org.is_school:
                    continue
                attrs = org.attrs_at(year)
                if not attrs.paper or attrs.status != "在办":
                    continue
                for form in ws.catalog.forms_for_org_type(attrs.type):
                    if not form.generated:
                        out.append((org, self.tr("纸质报送学校"), form))
        return out

    def _row(self, org, kind: str, form) -> dict:
        year = self.session.year
        row = {"org": org.code, "org_name": org.attrs_at(year).name if org.is_school
               else org.name, "kind": kind, "form": form.code, "form_name": form.name,
               "year": year, "state": EntryState.EMPTY,
               "state_name": self.state_name(EntryState.EMPTY),
               "problems": ""}
        try:
            view = entries.view_entry(self.session.ws, org.code, year, form.code)
        except EduPlanError as exc:
            row["problems"] = message_of(exc)
            return row
        row["state"] = view.state
        row["state_name"] = self.state_name(view.state)
        own = set(f.code for f in form_fields(self.session.ws, form, org.code))
        errors = [i for i in view.issues if i.is_error and not i.code.endswith(":required")
                  and set(i.fields) & own]
        missing = [i for i in view.issues if i.code.endswith(":required") and
                   set(i.fields) & own]
        unexplained = [i for i in view.unexplained if set(i.fields) & own]
        parts = []
        if errors:
            parts.append(self.tr("错误 %n", "", len(errors)))
        if unexplained:
            parts.append(self.tr("待说明警告 %n", "", len(unexplained)))
        if missing and view.state != EntryState.EMPTY:
            parts.append(self.tr("必填未填 %n", "", len(missing)))
        if view.state == EntryState.EMPTY:
            parts.append(self.tr("尚未填写"))
        row["problems"] = " · ".join(parts) if parts else self.tr("无")
        return row

    def refresh(self) -> None:
        ws = self.session.ws
        year = self.session.year
        info = self.session.info
        self.subtitle.setText(
            self.tr("%1 · %2 年").replace("%1", info.org_name).replace("%2", str(year)) + (
                "" if self.session.is_school else
                " · " + self.tr("本单位的表单，以及由本单位代为录入的纸质报送学校")))
        only, self._only_row = self._only_row, None
        if only is not None and self._year == year and self.model.rows:
            rows = list(self.model.rows)
            for i, r in enumerate(rows):
                if (r["org"], r["year"], r["form"]) == only:
                    org = ws.orgs.get(r["org"])
                    form = ws.catalog.forms[r["form"]]
                    rows[i] = self._row(org, r["kind"], form)
            self._set_rows(rows)
            return
        self._year = year
        rows = [self._row(org, kind, form) for org, kind, form in self._items()]
        self._set_rows(rows)
        key = self.form_page.key
        if key is not None and key[1] == year and any(
                (r["org"], r["form"]) == (key[0], key[2]) for r in rows):
            return  # the open form stays as it is (the user may be typing in it)
        wanted = None
        if key is not None:
            wanted = next((r for r in rows if (r["org"], r["form"]) == (key[0], key[2])), None)
        if wanted is None and rows:
            wanted = rows[0]
        if wanted is None:
            self.form_page.close_form()
        else:
            self.open_row(wanted)

    def _set_rows(self, rows: list[dict]) -> None:
        key = self.form_page.key
        self.model.set_rows(rows)
        self._select(key)
        self._fit_list(max(len(rows), 1))

    def _fit_list(self, n: int) -> None:
        """The list as tall as its rows (at most 8), no empty band under a short one; when the
        number of rows changes (another year, another unit), whole rows, at most 4 (the
        splitter's handle shows the rest)."""
        heights = [self.table.rowHeight(i) or 30 for i in range(min(n, 8))]
        chrome = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        buttons = self.top_layout.spacing() + self.open_button.sizeHint().height()
        self.table.setMaximumHeight(chrome + sum(heights))
        self.top.setMaximumHeight(chrome + sum(heights) + buttons)
        if self.model.rows and self._list_rows != n:
            self._list_rows = n
            total = sum(self.splitter.sizes()) or self.splitter.height()
            top = chrome + sum(heights[:4]) + buttons
            self.splitter.setSizes([top, max(total - top, 1)])

    def _select(self, key) -> None:
        if key is None:
            return
        for i, r in enumerate(self.model.rows):
            if (r["org"], r["year"], r["form"]) == key:
                self.table.selectRow(i)
                return

    def _activated(self, index) -> None:
        if index.isValid():
            self.open_row(self.model.row(index.row()))

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_row(self.model.row(rows[0].row()))
        elif self.model.rows:
            self.open_row(self.model.rows[0])

    def open_row(self, row: dict) -> None:
        try:
            self.form_page.open_form(row["org"], row["year"], row["form"])
        except EduPlanError as exc:
            self.form_page.set_banner(message_of(exc), "error")
            return
        self._select((row["org"], row["year"], row["form"]))

    def open(self, org: str, form: str) -> FormPage:
        """Open ``form`` of ``org`` for the session's year (tests, other pages)."""
        code = self.session.ws.orgs.resolve(org).code
        row = next((r for r in self.model.rows if (r["org"], r["form"]) == (code, form)), None)
        if row is None:
            self.refresh()
            row = next(r for r in self.model.rows if (r["org"], r["form"]) == (code, form))
        self.open_row(row)
        return self.form_page

    def _form_saved(self) -> None:
        self._only_row = self.form_page.key
        if not self.isVisible():  # no main window refreshes a hidden page: do it here
            self.refresh()

    def wait_idle(self, ms: int = 30000) -> None:
        self.form_page.flush()
        super().wait_idle(ms)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.form_page.flush()
        super().hideEvent(event)

    def screenshot_steps(self):
        def paper_school():
            for r in self.model.rows:
                if r["kind"] == self.tr("纸质报送学校"):
                    self.open_row(r)
                    return

        if not self.session.is_school:
            return [("paper-school", paper_school)]
        return self._school_story()

    def _school_story(self):
        """For `make screenshots`: a school starts 2026 from last year's values, types an
        error, fixes it, meets a warning, explains it and submits."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        form = self.form_page

        def type_into(code: str, text: str) -> None:
            editor = form.rows[code].editor
            form.go_to(code)
            editor.setFocus()
            editor.selectAll()
            QTest.keyClicks(editor, text)
            QTest.keyClick(editor, Qt.Key.Key_Return)

        def new_year():
            self.session.set_year(2026)
            form.carry_over()

        def error():
            type_into("pri_students", "-5")

        def warning():  # +45 % on last year: 经验校验 asks why
            type_into("pri_students", "2000")

        def explained():
            row = form.rows["pri_students"]
            row.expl_edit.setFocus()
            row.expl_edit.clear()  # a carried-over explanation is replaced, not appended to
            row.expl_edit.insert("撤并新田村小学，学生整体转入本校")
            QTest.keyClick(row.expl_edit, Qt.Key.Key_Return)
            for issue in form.review().unexplained:  # any other warning: verified
                other = form.rows.get(issue.fields[0])
                if other is not None and not other.expl_edit.text():
                    other.expl_edit.setFocus()
                    other.expl_edit.insert("数据已核实")
                    QTest.keyClick(other.expl_edit, Qt.Key.Key_Return)

        def submitted():
            form.submit()

        return [("2026-carried-over", new_year), ("error", error), ("warning", warning),
                ("explained", explained), ("submitted", submitted)]


def _state_color(row):
    return {"submitted": (GREEN, None), "draft": (AMBER_TEXT, None),
            "empty": (GREY, None)}.get(row["state"])
