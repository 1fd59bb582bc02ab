"""Issue 12's "done when", as one person at one window: the first start of `make run` (nothing
in the user data dir: the wizard, the demo preselected) makes a new 会泽县 county workspace;
学校名录 imports three schools from an Excel list (one bad row named in the preview, nothing
stored; fixed in the file, chosen again, imported); 填报 enters the paper school's form (代填)
and submits it; 文件 → 以演示学校身份打开 shows the demo school in the same window (the demo
built on the way, no restart); its form for the current round (by the as-of date, 今天) is
filled from last year's values, changed, explained and submitted. Then the workspaces on disk
are read to check that everything is stored.

The person's work is done only through the window (clicks, keys, the 文件 menu); the core is
called only to check the results. The file dialog is answered by the test; any message box
fails it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from eduplan_core.rounds import current_round
from eduplan_core.store import entries
from eduplan_core.store.workspace import Workspace

from .chain import PRIMARY
from .test_gui_workspaces import no_args, on_wizard

pytestmark = pytest.mark.gui

HUIZE = "530326"  # 会泽县
FIRST, VILLAGE, MIDDLE = "2153260001", "2153260002", "2153260003"
DEMO_SCHOOL = "2153113101"  # 东川区第一小学
HEADER = ["学校代码", "学校名称", "所属县", "学校类型", "办学性质", "城乡", "联系人", "联系电话",
          "纸质报送"]


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    from eduplan_core.exchange import keys

    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    for name in ("EDUPLAN_PASSPHRASE", "EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


def write_list(path: Path, middle_type: str) -> None:
    """会泽县's list of three schools as an Excel workbook; the third row's type is bad until
    it is fixed (中学 is no school type; 初中 is)."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(HEADER)
    sheet.append([FIRST, "会泽县第一小学", "会泽县", "小学", "公办", "城区", "王老师",
                  "0874-5120001", "否"])
    sheet.append([VILLAGE, "会泽县大井村小", "会泽县", "小学", "公办", "乡村", "李老师",
                  "13800000002", "是"])
    sheet.append([MIDDLE, "会泽县第二中学", "会泽县", middle_type, "公办", "镇区", "", "", "否"])
    wb.save(path)


# -- doing it as a person does ----------------------------------------------------------------
def click(qtbot, widget, at: QPoint | None = None) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    if at is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)


def tick(qtbot, box) -> None:
    """A radio button or check box clicked on its indicator (the widget may be wider than its
    label)."""
    click(qtbot, box, QPoint(6, box.height() // 2))


def type_text(qtbot, edit, text: str, enter: bool = True) -> None:
    """Select what is there and type ``text`` (QTest types ASCII; other text is inserted as an
    input method does), then Enter."""
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)
    if enter:
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def go(qtbot, window, key: str):
    """Click the navigation entry of page ``key``."""
    nav = window.nav
    row = next(i for i in range(nav.count())
               if nav.item(i).data(Qt.ItemDataRole.UserRole) == key)
    click(qtbot, nav.viewport(), nav.visualItemRect(nav.item(row)).center())
    page = window.pages[key]
    assert window.stack.currentWidget() is page
    wait(qtbot, page)
    return page


def wait(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page._op is None, timeout=60000)


def choose_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    click(qtbot, table.viewport(), rect.center())


def fill(qtbot, form, values: dict[str, str]) -> None:
    """Type ``values`` top to bottom in the form's order (yes/no picked from the list)."""
    from PySide6.QtWidgets import QComboBox

    for code in form.order:
        if code not in values:
            continue
        editor = form.rows[code].editor
        assert editor.isVisibleTo(form.scroll_area.widget()), code
        if isinstance(editor, QComboBox):
            editor.setFocus()
            editor.setCurrentIndex(editor.findText(values[code]))
        else:
            type_text(qtbot, editor, values[code])
        assert code not in form._dirty, (code, form.rows[code].message.text())


def explain_warnings(qtbot, form, why: str) -> list[str]:
    """An explanation typed for every warning that asks for one; the fields explained."""
    explained = []
    for issue in form.review().unexplained:
        row = next(form.rows[f] for f in issue.fields if f in form.rows)
        if row.expl_edit.text().strip():
            continue
        form.go_to(row.field.code)
        assert row.expl_edit.isVisibleTo(form.scroll_area.widget()), issue.message
        type_text(qtbot, row.expl_edit, why)
        explained.append(row.field.code)
    assert not form.review().unexplained
    return explained



def stored_submission(ws: Workspace, org: str, year: int, form: str) -> list[dict]:
    rows = ws.db.execute(
        "SELECT s.values_json FROM submissions s JOIN entries e ON e.id = s.entry_id "
        "WHERE e.org = ? AND e.year = ? AND e.form = ?", [org, year, form]).fetchall()
    return [json.loads(r[0]) for r in rows]


# -- the test -----------------------------------------------------------------------------------
def test_from_the_first_start_a_new_county_registers_enters_and_the_demo_school_submits(
        qtbot, isolated_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

    from desktop.app import start_window
    from desktop.pages.schools_import import ImportPreviewDialog
    from desktop.pages.wizard import BUREAU, DEMO
    from desktop.session import last_workspace
    from eduplan_core.paths import user_data_dir

    said: list[str] = []  # any message box is a failure: nothing here should need one
    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(
            lambda *a, _n=name, **k: said.append(f"{_n}: {a[2] if len(a) > 2 else a}")
            or QMessageBox.StandardButton.No))
    assert not user_data_dir().exists() or not any(user_data_dir().iterdir())

    # 1. `make run` on a first start: the wizard, the demo preselected; a new bureau instead
    def new_county(wizard, _seen) -> None:
        choice = wizard.choice_page
        assert choice.choice() == DEMO
        tick(qtbot, choice.radios[BUREAU])
        assert choice.choice() == BUREAU
        type_text(qtbot, choice.operator, "张三", enter=False)
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        page = wizard.bureau_page
        assert wizard.currentPage() is page
        type_text(qtbot, page.filter, "会泽", enter=False)
        assert page.code() == HUIZE and "会泽县" in page.chosen.text()
        assert page.folder.path() == user_data_dir() / f"workspace-{HUIZE}"  # suggested: kept
        qtbot.keyClick(page.filter, Qt.Key.Key_Return)  # the one match: Enter makes it

    seen = on_wizard(new_county)
    window = start_window(no_args())
    assert "error" not in seen, seen.get("error")
    assert window is not None
    qtbot.addWidget(window)
    county_path = user_data_dir() / f"workspace-{HUIZE}"
    assert window.session.path == county_path
    title = window.windowTitle()
    assert "会泽县" in title and "县级教育行政部门" in title and "张三" in title
    assert "演示" not in title
    today = dt.date.today()
    year = current_round(today)
    assert window.session.year == year and window.year_box.currentData() == year

    # 2. 学校名录: empty; the Excel list with a bad row: the preview names it, nothing stored
    schools = go(qtbot, window, "schools")
    assert schools.model.rowCount() == 0 and "还没有登记学校" in schools.message.text()
    listing = tmp_path / "会泽县学校名单.xlsx"
    write_list(listing, "中学")
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: asked.append(a) or (str(listing), "")))
    click(qtbot, schools.import_button)
    wait(qtbot, schools)
    assert len(asked) == 1
    preview = schools.dialog
    assert isinstance(preview, ImportPreviewDialog) and preview.isVisible()
    rows = {r["row"]: r for r in preview.model.rows}
    assert [rows[n]["result"] for n in (2, 3, 4)] == ["可导入", "可导入", "有错误"]
    assert "学校类型“中学”无效" in rows[4]["reasons"]
    assert "有错误 1 行" in preview.summary.text()
    assert preview.details.toPlainText().startswith("第4行：学校类型“中学”无效")
    assert not preview.import_button.isEnabled()
    cancel = next(b for b in preview.buttons.buttons() if b is not preview.import_button)
    click(qtbot, cancel)
    assert not preview.isVisible()
    window.session.ws.invalidate_orgs()
    assert not [o for o in window.session.ws.orgs.descendants(HUIZE) if o.is_school]

    # fixed in the file, chosen again, imported
    write_list(listing, "初中")
    click(qtbot, schools.import_button)
    wait(qtbot, schools)
    preview = schools.dialog
    assert preview.isVisible() and preview.import_button.isEnabled()
    assert "全部可以导入" in preview.summary.text()
    click(qtbot, preview.import_button)
    wait(qtbot, schools)
    assert "已从" in schools.message.text() and "登记 3 所学校" in schools.message.text()
    listed = {r["code"]: r for r in schools.model.rows}
    assert set(listed) == {FIRST, VILLAGE, MIDDLE}
    assert listed[VILLAGE]["way"] == "纸质报送" and listed[MIDDLE]["type"] == "初中"

    # 3. 填报: the paper school's form, entered by the county (代填), then submitted
    entry = go(qtbot, window, "entry")
    paper_rows = [i for i, r in enumerate(entry.model.rows)
                  if r["kind"] == "纸质报送学校"]
    assert [entry.model.rows[i]["org"] for i in paper_rows] == [VILLAGE]
    choose_row(qtbot, entry.table, paper_rows[0])
    click(qtbot, entry.open_button)
    form = entry.form_page
    assert form.key == (VILLAGE, year, "primary")
    assert form.view.state == "empty" and not form.locked
    fill(qtbot, form, PRIMARY)
    explain_warnings(qtbot, form, "已电话核实")
    click(qtbot, form.submit_button)
    assert form.view.state == "submitted" and form.locked, form.banner.text()
    assert "已提交" in form.banner.text()
    entry.refresh()
    village = next(r for r in entry.model.rows if r["org"] == VILLAGE)
    assert village["state_name"] == "已提交"

    # 4. 文件 → 以演示学校身份打开: the same window, no restart (the demo built on the way)
    assert window.demo_school_action in window.file_menu.actions()
    with qtbot.waitSignal(window.workspace_switched, timeout=120000):
        window.demo_school_action.trigger()
    assert "东川区第一小学" in window.windowTitle() and "演示" in window.windowTitle()
    assert window.session.path == user_data_dir() / f"demo-school-{DEMO_SCHOOL}"
    assert window.session.year == 2025  # the demo: its latest year, on its own date

    # 5. the current round by the as-of date: 核查日期 → 今天, then that year in the box
    tick(qtbot, window.today_box)
    assert window.session.as_of_is_today and window.session.as_of == today
    now = window.session.current_round
    assert now == year
    window.year_box.setCurrentIndex(window.year_box.findData(now))
    assert window.session.year == now
    entry = go(qtbot, window, "entry")
    form = entry.form_page
    assert form.key == (DEMO_SCHOOL, now, "primary")
    assert form.view.state == "empty"
    last = dict(form.last_year)
    if last:  # last year's values first (every field still empty), then what changed
        click(qtbot, form.carry_button)
        assert "已沿用上年数据" in form.banner.text()
        assert set(form.view.carried_over) >= {"pri_students", "classrooms"}
    students = int(last.get("pri_students") or 600) + 24
    changes = {"pri_students": str(students), "classrooms": str(int(last.get("classrooms")
                                                                     or 15) + 2)}
    empty = {c: v for c, v in PRIMARY.items() if c not in form.view.values}
    fill(qtbot, form, {**empty, **changes})
    explain_warnings(qtbot, form, "新建教学楼投入使用，扩大招生")
    assert "可以提交" in form.blockers.text(), form.blockers.text()
    click(qtbot, form.submit_button)
    assert form.view.state == "submitted" and form.locked, form.banner.text()
    entry.refresh()
    assert entry.model.rows[0]["state_name"] == "已提交"
    assert not said, said
    school_path = window.session.path
    window.close()
    window.deleteLater()

    # -- what is stored ------------------------------------------------------------------------
    assert last_workspace().resolve() == school_path.resolve()  # the next `make run` opens it
    with Workspace.open(county_path, daily_backup=False) as ws:
        assert (ws.org_code, ws.role, ws.operator) == (HUIZE, "county", "张三")
        registered = {o.code: o.attrs_at(year) for o in ws.orgs.descendants(HUIZE)
                      if o.is_school}
        assert set(registered) == {FIRST, VILLAGE, MIDDLE}
        assert [registered[c].paper for c in (FIRST, VILLAGE, MIDDLE)] == [False, True, False]
        assert registered[MIDDLE].type == "初中" and registered[VILLAGE].name == "会泽县大井村小"
        view = entries.view_entry(ws, VILLAGE, year, "primary")
        assert view.state == "submitted"
        assert (view.values["pri_students"], view.values["has_canteen"]) == (600, 1)
        frozen = stored_submission(ws, VILLAGE, year, "primary")
        assert len(frozen) == 1 and frozen[0]["pri_students"] == 600
        assert frozen[0]["classrooms"] == 15
    with Workspace.open(school_path, daily_backup=False) as ws:
        assert ws.org_code == DEMO_SCHOOL and ws.is_demo
        view = entries.view_entry(ws, DEMO_SCHOOL, now, "primary")
        assert view.state == "submitted" and view.values["pri_students"] == students
        assert not view.blocking
        frozen = stored_submission(ws, DEMO_SCHOOL, now, "primary")
        assert len(frozen) == 1 and frozen[0]["pri_students"] == students
        assert frozen[0]["classrooms"] == int(changes["classrooms"])
        if last:  # what was carried and not changed is last year's
            assert frozen[0]["pri_teaching_area"] == last["pri_teaching_area"]
        before = entries.view_entry(ws, DEMO_SCHOOL, 2025, "primary")
        assert before.state == "submitted"  # last year's form untouched
