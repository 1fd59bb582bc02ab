"""The entry screens: a school fills its form (errors refused and shown in red, warnings
explained, submitted), relevance, carry-over, history, a bureau's list; the first-run wizard;
the school's own targets."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

SCHOOL = "2153113101"  # 东川区第一小学, a demo 小学


@pytest.fixture
def fresh_school(tmp_path, catalog):
    """A school workspace for a demo school with nothing entered yet."""
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "school"
    Workspace.create(path, org=SCHOOL, role="school", operator="马老师", demo=True,
                     catalog=catalog).close()
    return path


@pytest.fixture
def demo_school(tmp_path, demo_path):
    """The demo school's own workspace with its 2023–2025 values (submitted)."""
    from eduplan_core.demo import build_demo_school

    path = tmp_path / "s"
    build_demo_school(path, SCHOOL, demo_path)
    return path


def make_session(qtbot, path, year=2024):
    import datetime as dt

    from desktop.session import Session

    session = Session(path)
    session.year = year
    session.as_of = dt.date(2024, 12, 31)
    return session


def entry_page(qtbot, session):
    from desktop.pages.entry import EntryPage

    page = EntryPage(session)
    qtbot.addWidget(page)
    page.refresh()
    return page


def type_into(qtbot, form, code, text, finish=True):
    """Type as a user does: select what is there, type, press Enter."""
    from PySide6.QtCore import Qt

    editor = form.rows[code].editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if finish:
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def choose(form, code, text):
    combo = form.rows[code].editor
    combo.setCurrentIndex(combo.findText(text))


def shown(form, code) -> bool:
    row = form.rows[code]
    return row.box.isVisibleTo(form.scroll_area.widget()) and \
        row.label.isVisibleTo(form.scroll_area.widget())


def stored(session, form="primary"):
    from eduplan_core.store import entries

    return entries.view_entry(session.ws, SCHOOL, session.year, form)


GOOD_VALUES = {
    "fulltime_teachers": "60", "teachers_bachelor": "50", "classrooms": "40",
    "digital_classrooms": "20", "public_funds_yuan": "500000",
    "pri_fulltime_teachers": "40", "pri_teachers_above_degree": "38",
    "pri_backbone_teachers": "10", "pri_pe_art_teachers": "6", "pri_teaching_area": "10000",
    "pri_sports_area": "16000", "pri_equipment_value": "5000000",
    "pri_multimedia_rooms": "30", "rotation_eligible": "30", "rotated_teachers": "5",
    "rotated_backbone": "1",
}


def test_school_fills_fixes_explains_and_submits(qtbot, fresh_school, qtmodeltester):
    from desktop.models import AMBER_BG, RED

    session = make_session(qtbot, fresh_school)
    page = entry_page(qtbot, session)
    qtmodeltester.check(page.model)
    assert [r["state_name"] for r in page.model.rows] == ["未填"]
    form = page.form_page
    assert form.key == (SCHOOL, 2024, "primary")
    assert form.rows["pri_students"].label.text().endswith("*</span>")  # required mark
    assert form.rows["pri_students"].unit.text() == "人"

    # a negative 在校学生数: red, the typed text stays, nothing stored
    type_into(qtbot, form, "pri_students", "-5")
    row = form.rows["pri_students"]
    assert row.editor.text() == "-5"
    assert "不能为负数" in row.message.text()
    assert RED.name() in row.editor.styleSheet()
    assert "pri_students" not in stored(session).values
    assert any(r["level"] == "error" and r["field"] == "pri_students"
               for r in form.issue_model.rows)
    qtmodeltester.check(form.issue_model)
    assert not form.submit()
    assert "无法提交" in form.banner.text()

    # fixed: stored at once, red gone
    type_into(qtbot, form, "pri_students", "2000")
    assert stored(session).values["pri_students"] == 2000
    assert row.message.text() == ""
    assert RED.name() not in row.editor.styleSheet()
    assert page.model.rows[0]["state_name"] == "草稿（未提交）"

    for code, text in GOOD_VALUES.items():
        type_into(qtbot, form, code, text)
    for code in ("digital_campus", "safe_campus"):
        choose(form, code, "是")
    choose(form, "has_canteen", "否")
    values = stored(session).values
    assert values["pri_fulltime_teachers"] == 40 and values["has_canteen"] == 0
    # the calculated share follows the values
    assert form.rows["digital_classroom_share"].editor.text() == "50"

    # 2000 pupils for 40 teachers is 50×: a warning in amber with a box to explain it
    warn_row = form.rows["pri_students"]
    assert "40倍" in warn_row.message.text()
    assert AMBER_BG.name() in warn_row.editor.styleSheet()
    assert warn_row.expl_frame.isVisibleTo(form.scroll_area.widget())
    assert form.issue_model.rows[0]["level"] == "warning"

    # submitting is refused while the warning is unexplained, and says why
    assert not form.submit()
    assert "警告未说明原因" in form.banner.text()
    assert stored(session).state == "draft"

    from PySide6.QtCore import Qt

    warn_row.expl_edit.setFocus()
    warn_row.expl_edit.insert("新校区合并，教师招聘尚未到位")  # as typed (QTest types ASCII only)
    qtbot.keyClick(warn_row.expl_edit, Qt.Key.Key_Return)
    view = stored(session)
    assert view.explanations["pri_students"] == "新校区合并，教师招聘尚未到位"
    assert not view.unexplained
    assert "已说明" in warn_row.message.text()

    assert form.submit(), form.banner.text()
    assert stored(session).state == "submitted"
    assert page.model.rows[0]["state_name"] == "已提交"

    # the history of a field, on request
    form.go_to("pri_students")
    form.show_history()
    dialog = form._history_dialog
    qtmodeltester.check(dialog.model)
    assert [r.new for r in dialog.model.rows][:2] == [2000, 2000]  # explanation, then value
    dialog.close()

    # everything survives closing and reopening the workspace
    page.close()
    session.close()
    again = make_session(qtbot, fresh_school)
    page2 = entry_page(qtbot, again)
    form2 = page2.form_page
    assert form2.rows["pri_students"].editor.text() == "2000"
    assert form2.rows["pri_fulltime_teachers"].editor.text() == "40"
    assert form2.rows["has_canteen"].editor.currentText() == "否"
    assert form2.rows["pri_students"].expl_edit.text() == "新校区合并，教师招聘尚未到位"
    assert form2.view.state == "submitted"
    assert page2.model.rows[0]["state_name"] == "已提交"
    again.close()


def test_cross_field_error_is_refused_then_saved_with_the_fix(qtbot, fresh_school):
    session = make_session(qtbot, fresh_school)
    page = entry_page(qtbot, session)
    form = page.form_page
    type_into(qtbot, form, "fulltime_teachers", "50")
    type_into(qtbot, form, "pri_fulltime_teachers", "60")  # more than the whole school
    assert "不能多于全校专任教师数" in form.rows["pri_fulltime_teachers"].message.text()
    assert "pri_fulltime_teachers" not in stored(session).values
    assert form.is_dirty()
    type_into(qtbot, form, "fulltime_teachers", "70")  # the fix lets the typed value in
    values = stored(session).values
    assert values["fulltime_teachers"] == 70 and values["pri_fulltime_teachers"] == 60
    assert not form.is_dirty()
    session.close()


def test_typing_is_validated_live_and_saved_after_a_pause(qtbot, fresh_school):
    session = make_session(qtbot, fresh_school)
    page = entry_page(qtbot, session)
    form = page.form_page
    type_into(qtbot, form, "pri_students", "-3", finish=False)
    assert "不能为负数" in form.rows["pri_students"].message.text()  # before leaving
    type_into(qtbot, form, "pri_students", "850", finish=False)
    assert form.rows["pri_students"].message.text() == ""
    qtbot.waitUntil(lambda: stored(session).values.get("pri_students") == 850, timeout=5000)
    session.close()


def test_relevance_hides_and_shows_canteen_6t(qtbot, fresh_school):
    session = make_session(qtbot, fresh_school)
    page = entry_page(qtbot, session)
    form = page.form_page
    assert not shown(form, "canteen_6t")  # has_canteen missing: hidden
    choose(form, "has_canteen", "是")
    assert shown(form, "canteen_6t")
    assert stored(session).values["has_canteen"] == 1
    choose(form, "canteen_6t", "是")
    assert stored(session).values["canteen_6t"] == 1
    choose(form, "has_canteen", "否")
    assert not shown(form, "canteen_6t")
    assert shown(form, "has_canteen")
    session.close()


def test_carry_over_marks_values(qtbot, demo_school):
    session = make_session(qtbot, demo_school, year=2026)
    page = entry_page(qtbot, session)
    form = page.form_page
    assert form.key == (SCHOOL, 2026, "primary")
    assert page.model.rows[0]["state_name"] == "未填"
    form.carry_over()
    view = stored(session)
    assert "pri_students" in view.carried_over
    assert form.rows["pri_students"].editor.text() == str(view.values["pri_students"])
    assert "沿用" in form.rows["pri_students"].message.text()
    assert "已沿用上年数据" in form.banner.text()
    assert page.model.rows[0]["state_name"] == "草稿（未提交）"
    # confirming a value by changing it removes the mark
    type_into(qtbot, form, "pri_students", str(view.values["pri_students"] + 1))
    assert "pri_students" not in stored(session).carried_over
    assert "沿用" not in form.rows["pri_students"].message.text()
    session.close()


def test_year_change_reopens_the_form(qtbot, demo_school):
    session = make_session(qtbot, demo_school)
    page = entry_page(qtbot, session)
    assert page.form_page.view.state == "submitted"
    assert page.form_page.rows["pri_students"].editor.text() == str(
        stored(session).values["pri_students"])
    session.year = 2026
    session.changed.emit()
    assert page.form_page.key == (SCHOOL, 2026, "primary")
    assert page.form_page.rows["pri_students"].editor.text() == ""
    session.close()


def test_bureau_lists_paper_schools_and_its_own_forms(qtbot, demo_path, qtmodeltester):
    from eduplan_core.store import entries

    session = make_session(qtbot, demo_path)
    page = entry_page(qtbot, session)
    qtmodeltester.check(page.model)
    rows = page.model.rows
    kinds = {(r["kind"], r["form"]) for r in rows}
    assert ("本单位", "county") in kinds and ("本单位", "milestones") in kinds
    paper = [r for r in rows if r["kind"] == "纸质报送学校"]
    assert {r["org"] for r in paper} == {"2153113112", "2153113113"}
    assert all(r["state_name"] == "已提交" for r in rows)
    # the milestones form shows only the county's own milestones
    form = page.open("530113", "milestones")
    targets = {t.code: t for t in session.catalog.targets}
    assert form.rows and all(targets[c].org == "530113" for c in form.rows)
    empty = next(c for c, r in form.rows.items() if r.editor.text() == "")
    assert "截止" in form.rows[empty].message.text()  # the milestone's deadline
    # submitted: read-only until 修改 takes it back to draft
    assert form.rows[empty].editor.isReadOnly() and not form.edit_button.isHidden()
    form.edit_button.click()
    assert not form.rows[empty].editor.isReadOnly() and form.edit_button.isHidden()
    type_into(qtbot, form, empty, "2024-13-01")  # no such date: red, nothing stored
    assert "日期" in form.rows[empty].message.text()
    view = entries.view_entry(session.ws, "530113", 2024, "milestones")
    assert empty not in view.values
    type_into(qtbot, form, empty, "2024-06-01")
    view = entries.view_entry(session.ws, "530113", 2024, "milestones")
    assert view.values[empty] == "2024-06-01" and view.state == "draft"
    # a paper school's form opens for the bureau to enter
    form = page.open("2153113112", "primary")
    assert form.key == ("2153113112", 2024, "primary")
    assert form.rows["pri_students"].editor.text() != ""
    session.close()


def test_my_targets_shows_findings_with_the_quote(qtbot, demo_school, qtmodeltester):
    from eduplan_core.store import entries

    session = make_session(qtbot, demo_school)
    # too few backbone teachers: the 优质均衡 threshold is missed
    entries.set_values(session.ws, SCHOOL, 2024, "primary", {"pri_backbone_teachers": 5},
                       {"pri_backbone_teachers": "骨干教师调离"})
    from desktop.pages.my_targets import MyTargetsPage

    page = MyTargetsPage(session)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
    qtmodeltester.check(page.model)
    first = page.model.rows[0]
    assert first.status == "missed" and "骨干" in first.indicator_name
    assert "需增加" in (first.close or "")
    page.table.selectRow(0)
    assert page.detail.finding is first.f  # the same detail as the dashboard's and shortfalls'
    text = page.detail.text()
    assert "县级以上骨干教师" in text and "督导评估办法" in text
    # the national standard as the check words it: every year, the section's value in words,
    # the standard named, its source said to be a summary (no table row)
    assert "国家标准（每年适用）：小学 ≥ 1 人" in text and "教督〔2017〕6号" in text
    assert "依据" in text and "标准值摘要" in text and "|" not in text
    assert "学校整体未达标" in text and "达到标准：需增加" in text
    assert page.model.data(page.model.index(0, 4)) == "未达标"
    page.only_gaps.setChecked(True)
    assert all(r.f.is_notable or r.status == "no_data" for r in page.model.rows)
    page.wait_idle()
    session.close()


def test_wizard_creates_a_county_workspace(qtbot, tmp_path):
    from PySide6.QtWidgets import QWizard

    from desktop.pages.wizard import BUREAU, FirstRunWizard
    from eduplan_core.store.workspace import Workspace

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    choice = wizard.choice_page
    choice.radios[BUREAU].setChecked(True)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no operator yet
    choice.operator.setText("张三")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.bureau_page
    wizard.bureau_page.select("530113")
    assert "东川区" in wizard.bureau_page.chosen.text()
    folder = tmp_path / "county-ws"
    wizard.bureau_page.folder.edit.setText(str(folder))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == wizard.DialogCode.Accepted
    assert wizard.workspace_path == folder
    with Workspace.open(folder, daily_backup=False) as ws:
        assert (ws.org_code, ws.role, ws.operator) == ("530113", "county", "张三")


def test_wizard_creates_a_school_workspace(qtbot, tmp_path, isolated_home):
    from PySide6.QtWidgets import QWizard

    from desktop.pages.wizard import SCHOOL as SCHOOL_CHOICE
    from desktop.pages.wizard import FirstRunWizard
    from eduplan_core.store.workspace import Workspace

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.radios[SCHOOL_CHOICE].setChecked(True)
    wizard.choice_page.operator.setText("李老师")
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.school_page
    assert wizard.currentPage() is page
    page.county.setCurrentIndex(page.county.findData("530113"))
    page.code.setText("21531")  # too short
    page.name.setText("东川区测试小学")
    assert str(isolated_home) in page.folder.edit.text()  # default under the user data dir
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() != wizard.DialogCode.Accepted
    assert "10位数字" in page.error.text()
    page.code.setText("2153119999")
    page.type.setCurrentText("初中")
    page.urban_rural.setCurrentText("镇区")
    page.contact.setText("李老师")
    page.phone.setText("0871-1234567")
    folder = tmp_path / "school-ws"
    page.folder.edit.setText(str(folder))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == wizard.DialogCode.Accepted
    assert wizard.workspace_path == folder
    with Workspace.open(folder, daily_backup=False) as ws:
        assert (ws.org_code, ws.role, ws.operator) == ("2153119999", "school", "李老师")
        org = ws.org
        assert (org.name, org.parent, org.type, org.urban_rural) == (
            "东川区测试小学", "530113", "初中", "镇区")


def test_wizard_opens_the_demo_as_a_school(qtbot, demo_master, isolated_home):
    import shutil

    from PySide6.QtWidgets import QWizard

    from desktop.pages.wizard import DEMO_SCHOOL, FirstRunWizard
    from eduplan_core.store.workspace import Workspace

    shutil.copytree(demo_master, isolated_home / "demo")
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.radios[DEMO_SCHOOL].setChecked(True)
    wizard.choice_page.operator.setText("王老师")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.demo_school_page.filter.setText("第一小学")
    assert wizard.demo_school_page.code() == SCHOOL
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == wizard.DialogCode.Accepted
    with Workspace.open(wizard.workspace_path, daily_backup=False) as ws:
        assert (ws.org_code, ws.role, ws.operator) == (SCHOOL, "school", "王老师")


def test_entry_and_targets_pages_in_the_main_window(qtbot, demo_school):
    from desktop.main_window import MainWindow

    session = make_session(qtbot, demo_school)
    window = MainWindow(session)
    qtbot.addWidget(window)
    page = window.show_page("entry")
    assert page.form_page.key == (SCHOOL, 2024, "primary")
    mine = window.show_page("mine")
    qtbot.waitUntil(lambda: mine.result is not None, timeout=60000)
    assert mine.model.rows
    window.close()
