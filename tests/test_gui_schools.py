"""学校名录 on a county that started empty (会泽县): a list imported from Excel (a bad row named
in the preview, nothing stored; fixed, chosen again, imported), a school and a 教学点 added by
the dialog, a rename from 2025 (2024 keeps the old name), contact corrected, a merger from 2026;
the completeness board and the paper entry list then show the new schools."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

HEADER = ["学校代码", "学校名称", "所属县", "学校类型", "办学性质", "城乡", "联系人", "联系电话",
          "纸质报送"]
FIRST = "2153260001"  # 会泽县第一小学
VILLAGE = "2153260002"  # 会泽县大井村小: reports on paper
MIDDLE = "2153260003"  # the bad row until its type is fixed


def write_list(path, middle_type: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(HEADER)
    sheet.append([int(FIRST), "会泽县第一小学", "会泽县", "小学", "公办", "城区", "王老师",
                  "0874-5120001", "否"])
    sheet.append([VILLAGE, "会泽县大井村小", "会泽县", "小学", "公办", "乡村", "李老师",
                  "13800000002", "是"])
    sheet.append([MIDDLE, "会泽县第二中学", "530326", middle_type, "公办", "镇区", "", "", "否"])
    wb.save(path)


@pytest.fixture
def session(qtbot, tmp_path, catalog):
    from PySide6.QtCore import QSettings

    from eduplan_core.store.workspace import Workspace

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    path = tmp_path / "huize"
    Workspace.create(path, org="会泽县", role="county", operator="李四",
                     catalog=catalog).close()
    from desktop.session import Session

    s = Session(path)
    s.year = 2025
    s.as_of = dt.date(2025, 10, 15)
    s.as_of_is_today = False
    yield s
    s.close()


def wait(qtbot, page, timeout=60000):
    qtbot.waitUntil(lambda: page._op is None, timeout=timeout)


def registered(session) -> set[str]:
    session.ws.invalidate_orgs()
    return {o.code for o in session.ws.orgs.descendants(session.ws.org_code) if o.is_school}


def row_of(page, code):
    return next(r for r in page.model.rows if r["code"] == code)


def click_ok(qtbot, button):
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_county_that_started_empty_registers_its_schools(qtbot, qtmodeltester, session,
                                                           tmp_path):
    from desktop.pages.schools import SchoolsPage
    from desktop.pages.schools_dialogs import AddSchoolDialog, ChangeSchoolDialog
    from desktop.pages.schools_import import ImportPreviewDialog

    page = SchoolsPage(session, None)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    wait(qtbot, page)
    assert page.model.rowCount() == 0
    assert "还没有登记学校" in page.message.text()
    assert "会泽县 2025年" in page.heading.text()

    # an Excel list with one bad row: the preview names it with its reason; nothing stored
    path = tmp_path / "会泽县学校名单.xlsx"
    write_list(path, "中学")
    page.import_file(path)
    wait(qtbot, page)
    preview = page.dialog
    assert isinstance(preview, ImportPreviewDialog) and preview.isVisible()
    qtmodeltester.check(preview.model)
    rows = {r["row"]: r for r in preview.model.rows}
    assert [rows[n]["result"] for n in (2, 3, 4)] == ["可导入", "可导入", "有错误"]
    assert "学校类型“中学”无效" in rows[4]["reasons"]
    assert rows[2]["code"] == FIRST  # a code typed as a number in Excel
    assert "有错误 1 行" in preview.summary.text() and "重新选择" in preview.summary.text()
    assert not preview.import_button.isEnabled()
    preview.show_box.setCurrentIndex(1)  # only the bad rows
    assert [r["row"] for r in preview.model.rows] == [4]
    preview.accept()  # 导入 refused while a row is bad
    assert preview.result() != preview.DialogCode.Accepted
    preview.reject()
    assert registered(session) == set()

    # fixed in the file, chosen again: all three, in one go
    write_list(path, "初中")
    page.import_file(path)
    wait(qtbot, page)
    preview = page.dialog
    assert preview.import_button.isEnabled() and not preview.checked.bad
    assert registered(session) == set()  # still nothing before 导入
    click_ok(qtbot, preview.import_button)
    wait(qtbot, page)
    assert registered(session) == {FIRST, VILLAGE, MIDDLE}
    assert "登记 3 所学校" in page.message.text()
    qtmodeltester.check(page.model)
    village = row_of(page, VILLAGE)
    assert (village["name"], village["type"], village["ownership"], village["urban_rural"],
            village["way"], village["contact"], village["phone"]) == (
        "会泽县大井村小", "小学", "公办", "乡村", "纸质报送", "李老师", "13800000002")
    assert row_of(page, FIRST)["way"] == "自行报送"
    assert row_of(page, MIDDLE)["type"] == "初中"

    # one school by the dialog: every reason at once, then registered
    dialog = page.add_school()
    assert isinstance(dialog, AddSchoolDialog)
    dialog.code.setText("21532")
    dialog.phone.setText("电话")
    click_ok(qtbot, dialog.ok_button)
    reasons = dialog.reasons.text()
    assert "10位数字" in reasons and "学校名称不能为空" in reasons and "联系电话“电话”" in reasons
    assert dialog.isVisible() and registered(session) == {FIRST, VILLAGE, MIDDLE}
    dialog.code.setText("2153260004")
    dialog.name.setText("会泽县金钟幼儿园")
    dialog.type.setCurrentIndex(dialog.type.findData("幼儿园"))
    dialog.ownership.setCurrentIndex(dialog.ownership.findData("普惠性民办"))
    dialog.phone.setText("0874-5120004")
    click_ok(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    wait(qtbot, page)
    assert "2153260004" in registered(session)
    assert row_of(page, "2153260004")["ownership"] == "普惠性民办"

    # a 教学点 with its school, reporting on paper
    dialog = page.add_school()
    dialog.code.setText("2153260005")
    dialog.name.setText("大井村某教学点")
    dialog.type.setCurrentIndex(dialog.type.findData("初中"))
    dialog.point.setChecked(True)
    assert dialog.type.currentData() == "小学" and dialog.parent_school.isEnabled()
    dialog.parent_school.setCurrentIndex(dialog.parent_school.findData(FIRST))
    dialog.paper.setChecked(True)
    click_ok(qtbot, dialog.ok_button)
    wait(qtbot, page)
    point = session.ws.orgs.get("2153260005")
    assert point.teaching_point and point.parent_school == FIRST and point.type == "小学"
    assert row_of(page, "2153260005")["point"] == "是（属会泽县第一小学）"

    # renamed from 2025: 2024 still shows the old name
    page.select(FIRST)
    dialog = page.change_selected()
    assert isinstance(dialog, ChangeSchoolDialog)
    dialog.year_box.setValue(2025)
    dialog.name.setText("会泽县实验小学")
    click_ok(qtbot, dialog.ok_button)
    wait(qtbot, page)
    assert row_of(page, FIRST)["name"] == "会泽县实验小学"
    assert "2025 年起 学校名称：会泽县实验小学" in row_of(page, FIRST)["history"]
    assert row_of(page, "2153260005")["point"] == "是（属会泽县实验小学）"
    session.year = 2024
    page.refresh()
    wait(qtbot, page)
    assert row_of(page, FIRST)["name"] == "会泽县第一小学"
    session.year = 2025

    # contact corrected (not by year); a bad phone is refused with its reason
    page.refresh()
    wait(qtbot, page)
    page.select(VILLAGE)
    dialog = page.change_selected()
    click_ok(qtbot, dialog.ok_button)
    assert dialog.reasons.text() == "• 没有修改。" and dialog.isVisible()
    dialog.phone_edit.setText("无")
    click_ok(qtbot, dialog.ok_button)
    assert "联系电话“无”格式不正确" in dialog.reasons.text()
    dialog.contact_edit.setText("赵老师")
    dialog.phone_edit.setText("13900000009")
    click_ok(qtbot, dialog.ok_button)
    wait(qtbot, page)
    assert (row_of(page, VILLAGE)["contact"], row_of(page, VILLAGE)["phone"]) == (
        "赵老师", "13900000009")
    actions = [r["action"] for r in audit_rows(session)]
    assert actions.count("register_schools") == 3 and "school_attr" in actions
    assert "school_contact" in actions
    page.close()

    # the completeness board and the paper entry now list the new schools
    from desktop.pages.completeness import CompletenessPage
    from desktop.pages.entry import EntryPage

    board = CompletenessPage(session, None)
    qtbot.addWidget(board)
    board.refresh()
    wait(qtbot, board)
    listed = {r["org"] for r in board.model.rows}
    assert {FIRST, VILLAGE, MIDDLE, "2153260004", "2153260005"} <= listed
    names = {r["name"] for r in board.model.rows}
    assert "会泽县实验小学" in names
    assert all(r["state"] == "missing" for r in board.model.rows if r["org"] == VILLAGE)

    entry = EntryPage(session)
    qtbot.addWidget(entry)
    entry.refresh()
    wait(qtbot, entry)
    paper = {r["org"] for r in entry.model.rows if r["org"] != session.ws.org_code}
    assert paper == {VILLAGE, "2153260005"}

    # the village school merged into the 实验小学 from 2026: listed as such, no form to enter
    page = SchoolsPage(session, None)
    qtbot.addWidget(page)
    page.refresh()
    wait(qtbot, page)
    page.select(VILLAGE)
    dialog = page.change_selected()
    dialog.year_box.setValue(2026)
    assert not dialog.merged_into.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("撤并"))
    assert dialog.merged_into.isEnabled()
    dialog.merged_into.setCurrentIndex(dialog.merged_into.findData(FIRST))
    click_ok(qtbot, dialog.ok_button)
    wait(qtbot, page)
    assert "自 2026 年起 并入学校：会泽县实验小学" in page.message.text()
    assert row_of(page, VILLAGE)["status"] == "在办"  # 2025
    session.year = 2026
    page.refresh()
    wait(qtbot, page)
    assert row_of(page, VILLAGE)["status"] == "撤并（并入会泽县实验小学）"
    assert row_of(page, VILLAGE)["closed"]
    entry.refresh()
    assert {r["org"] for r in entry.model.rows} & {VILLAGE} == set()


def audit_rows(session):
    from eduplan_core.store.audit import rows

    return rows(session.ws.db)


def test_a_list_that_cannot_be_read_is_said_on_the_page(qtbot, session, tmp_path):
    from desktop.pages.schools import SchoolsPage

    page = SchoolsPage(session, None)
    qtbot.addWidget(page)
    path = tmp_path / "名单.csv"
    path.write_text("学校名称\n某校\n", encoding="utf-8")
    page.import_file(path)
    wait(qtbot, page)
    assert page.dialog is None
    assert "缺少列：学校代码" in page.message.text()
    page.change_selected()  # nothing selected
    assert "请先在表中选择一所学校" in page.message.text()
