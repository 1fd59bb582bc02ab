"""The form page (desktop/pages/form_page.py) and the core under it (eduplan_core/store/
entries.py): what blocks a submission is the core's review of the values on screen, a refused
value says its error only, a submitted form is read-only until 修改 reopens it (recorded),
submitting it unchanged changes nothing, carrying over into a full form says so, Enter moves
to the next field. The core's functions are tested without Qt first."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from eduplan_core.errors import ValidationFailed
from eduplan_core.store import audit, entries

from .conftest import count_rows

SCHOOL = "2153113101"  # 东川区第一小学, a demo 小学
PAPER = "2153119001"  # 测试村小 of the county_ws fixture, reported on paper

GOOD = {"pri_students": "1000", "pri_fulltime_teachers": "40", "fulltime_teachers": "50",
        "teachers_bachelor": "5", "classrooms": "30", "pri_teaching_area": "4000",
        "pri_sports_area": "6000", "rotation_eligible": "5", "rotated_teachers": "2"}


def _fill(ws, year=2024, **extra):
    """Every field of the paper school's 小学基表 filled (1, 是), then GOOD and ``extra``."""
    values = {}
    for f in ws.catalog.forms["primary"].input_fields:
        if f.type == "yesno":
            values[f.code] = "是"
        elif f.type in ("integer", "decimal", "percent"):
            values[f.code] = "1"
    values.update(GOOD, **extra)
    entries.set_values(ws, PAPER, year, "primary", values)
    return values


def _actions(ws):
    return [r["action"] for r in reversed(audit.rows(ws.db))]


# -- the core ------------------------------------------------------------------------------------
def test_review_says_only_the_error_of_a_refused_value(county_ws):
    """20 teachers for a school of 10 is an error; the −50 % on last year and the 50 pupils a
    teacher it would mean are warnings of a value that is refused, so they are not said."""
    _fill(county_ws, 2023)
    _fill(county_ws, 2024, fulltime_teachers="10", pri_fulltime_teachers="8")
    form = county_ws.catalog.forms["primary"]
    view = entries.view_entry(county_ws, PAPER, 2024, "primary")
    last = entries.view_entry(county_ws, PAPER, 2023, "primary").values
    yoy = county_ws.catalog.evaluation["yoy"]
    r = entries.review(form, view.values, view.explanations, typed={"pri_fulltime_teachers": "20"},
                       last_year=last, yoy=yoy)
    assert [i.code for i in r.errors] == ["pri_fulltime_le_school_total"]
    assert "pri_fulltime_teachers" in r.refused
    assert not [w for w in r.warnings if "pri_fulltime_teachers" in w.fields]
    # the same value accepted (the school has 50 teachers): its warnings are said
    r = entries.review(form, {**view.values, "fulltime_teachers": 50}, {},
                       typed={"pri_fulltime_teachers": "20"}, last_year=last, yoy=yoy)
    assert not r.errors and "pri_fulltime_teachers" not in r.refused
    assert {w.code for w in r.warnings} >= {"pri_fulltime_teachers:yoy",
                                            "pri_pupil_teacher_ratio_plausible"}
    # text that cannot be read: its error, and the field is not missing
    r = entries.review(form, {}, {}, typed={"pri_students": "很多"})
    assert [i.fields for i in r.errors] == [("pri_students",)]
    assert "pri_students" not in {f for i in r.required for f in i.fields}
    assert r.refused == ("pri_students",) and not r.can_submit


def test_submit_and_the_view_block_on_the_same_issues(county_ws):
    _fill(county_ws, 2024, pri_students="2000")  # 50 pupils a teacher: a warning
    view = entries.view_entry(county_ws, PAPER, 2024, "primary")
    assert view.blocking and any("警告未说明原因" in i.message for i in view.blocking)
    with pytest.raises(ValidationFailed) as failed:
        entries.submit(county_ws, PAPER, 2024, "primary")
    assert [i.message for i in failed.value.issues] == [i.message for i in view.blocking]
    entries.set_values(county_ws, PAPER, 2024, "primary", {},
                       {"pri_students": "两校合并"})
    assert not entries.view_entry(county_ws, PAPER, 2024, "primary").blocking


def test_submitting_an_unchanged_submitted_form_changes_nothing_and_says_so(county_ws):
    _fill(county_ws)
    first = entries.submit(county_ws, PAPER, 2024, "primary")
    assert not first.unchanged
    before, actions = count_rows(county_ws), _actions(county_ws)
    again = entries.submit(county_ws, PAPER, 2024, "primary")
    assert again.unchanged and again.submission_uid == first.submission_uid and again.at
    assert count_rows(county_ws) == before and _actions(county_ws) == actions
    # a change and a submission: a new one
    entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "1001"})
    third = entries.submit(county_ws, PAPER, 2024, "primary")
    assert not third.unchanged and third.submission_uid != first.submission_uid
    frozen = county_ws.db["submissions"].count
    assert json.loads(county_ws.db["submissions"].get(frozen)["values_json"])[
        "pri_students"] == 1001


def test_the_cli_says_an_unchanged_form_was_not_submitted_again(tmp_path, county_ws):
    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    _fill(county_ws)
    entries.submit(county_ws, PAPER, 2024, "primary")
    path = county_ws.path
    county_ws.close()
    result = CliRunner().invoke(cli, ["submit", "--org", PAPER, "--year", "2024", "--form",
                                      "primary", "--workspace", str(path)])
    assert result.exit_code == 0, result.output
    assert "未重复提交" in result.output and "没有修改" in result.output
    result = CliRunner().invoke(cli, ["submit", "--org", PAPER, "--year", "2024", "--form",
                                      "primary", "--json", "--workspace", str(path)])
    assert json.loads(result.output)["unchanged"] is True


def test_reopen_takes_a_submitted_form_back_to_draft_and_records_it(county_ws):
    from eduplan_core.errors import UsageError

    _fill(county_ws)
    entries.submit(county_ws, PAPER, 2024, "primary")
    revisions = county_ws.db["revisions"].count
    r = entries.reopen(county_ws, PAPER, 2024, "primary")
    assert r.reopened and r.state == "draft"
    view = entries.view_entry(county_ws, PAPER, 2024, "primary")
    assert view.state == "draft" and view.values["pri_students"] == 1000  # values as they were
    assert county_ws.db["revisions"].count == revisions
    row = audit.rows(county_ws.db, limit=1)[0]
    assert row["action"] == "reopen" and json.loads(row["detail"])["org"] == PAPER
    assert audit.walk(county_ws.db)[1] == []  # the chain holds
    # a draft stays a draft, nothing recorded
    assert not entries.reopen(county_ws, PAPER, 2024, "primary").reopened
    assert _actions(county_ws)[-1] == "reopen" and _actions(county_ws).count("reopen") == 1
    # submitted again (unchanged values, but it was a draft): a new submission
    assert not entries.submit(county_ws, PAPER, 2024, "primary").unchanged
    with pytest.raises(UsageError, match="还没有填写"):
        entries.reopen(county_ws, PAPER, 2023, "primary")
    with pytest.raises(UsageError, match="自行填报"):  # a self-reporting school's own values
        entries.reopen(county_ws, "2153119002", 2024, "primary")


# -- the page ------------------------------------------------------------------------------------
def school_values(ws, **extra):
    values = {}
    for f in ws.catalog.forms["primary"].input_fields:
        if f.type == "yesno":
            values[f.code] = "是"
        elif f.type in ("integer", "decimal", "percent"):
            values[f.code] = "1"
    values.update(GOOD, **extra)
    return values


@pytest.fixture
def school(tmp_path, catalog):
    """A school with its 2023 form submitted and its 2024 form a full draft."""
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "school"
    with Workspace.create(path, org=SCHOOL, role="school", operator="马老师", demo=True,
                          catalog=catalog) as ws:
        entries.set_values(ws, SCHOOL, 2023, "primary", school_values(ws))
        entries.submit(ws, SCHOOL, 2023, "primary")
        entries.set_values(ws, SCHOOL, 2024, "primary", school_values(
            ws, fulltime_teachers="10", pri_fulltime_teachers="8", pri_students="300"),
            {"pri_fulltime_teachers": "八名教师调出", "fulltime_teachers": "撤并",
             "pri_students": "撤并"})
    return path


def open_page(qtbot, path, year=2024):
    import datetime as dt

    from desktop.pages.entry import EntryPage
    from desktop.session import Session

    session = Session(path)
    session.year, session.as_of = year, dt.date(2024, 12, 31)
    page = EntryPage(session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return session, page, page.form_page


def type_into(qtbot, form, code, text, finish=True):
    from PySide6.QtCore import Qt

    editor = form.rows[code].editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if finish:
        qtbot.keyClick(editor, Qt.Key.Key_Return)


@pytest.mark.gui
def test_an_invalid_value_shows_its_error_only(qtbot, school):
    session, page, form = open_page(qtbot, school)
    try:
        row = form.rows["pri_fulltime_teachers"]
        body = form.scroll_area.widget()
        # 8 teachers where there were 40: a warning, explained, its box shown
        assert "⚠" in row.message.text() and row.expl_frame.isVisibleTo(body)
        # 20 is more than the school's 10: refused; the −50 % and the box are not said of it
        type_into(qtbot, form, "pri_fulltime_teachers", "20")
        assert row.message.text().startswith("✗") and "不能多于全校专任教师数" in row.message.text()
        assert "⚠" not in row.message.text() and "上年" not in row.message.text()
        assert not row.expl_frame.isVisibleTo(body)
        levels = {r["level"] for r in form.issue_model.rows
                  if r["field"] == "pri_fulltime_teachers"}
        assert levels == {"error"}
        assert not [r for r in form.issue_model.rows if "20" in r["message"] and
                    r["level"] != "error"]
        assert "改正 1 处错误" in form.blockers.text() and "警告" not in form.blockers.text()
        assert entries.view_entry(session.ws, SCHOOL, 2024, "primary").values[
            "pri_fulltime_teachers"] == 8
        # text that cannot be read: its error only, not "尚未填写" as well
        type_into(qtbot, form, "pri_students", "3OO")  # letters O, not zeros
        assert [r["level"] for r in form.issue_model.rows
                if r["field"] == "pri_students"] == ["error"]
        # fixed: the warning of the value now stored comes back with its box
        type_into(qtbot, form, "pri_students", "300")
        type_into(qtbot, form, "pri_fulltime_teachers", "9")
        assert "⚠" in row.message.text() and row.expl_frame.isVisibleTo(body)
        # the blockers are the core's: what the view of the stored values says
        view = entries.view_entry(session.ws, SCHOOL, 2024, "primary")
        assert bool(view.blocking) == ("提交前需要" in form.blockers.text())
    finally:
        session.close()


@pytest.mark.gui
def test_a_submitted_form_is_read_only_until_it_is_reopened(qtbot, school):
    from PySide6.QtWidgets import QComboBox

    session, page, form = open_page(qtbot, school, year=2023)
    try:
        assert form.view.state == "submitted" and form.locked
        students = form.rows["pri_students"]
        combo = next(r for r in form.rows.values() if isinstance(r.editor, QComboBox))
        assert students.editor.isReadOnly() and students.expl_edit.isReadOnly()
        assert "#eeeeee" in students.editor.styleSheet()  # looks read-only, too
        assert not combo.editor.isEnabled()
        assert form.edit_button.isVisible() and form.edit_button.text().startswith("修改")
        assert not form.carry_button.isEnabled()
        assert "只读" in form.blockers.text() and "修改" in form.blockers.text()
        before = students.editor.text()
        type_into(qtbot, form, "pri_students", "5")
        assert students.editor.text() == before  # nothing typed into a submitted form
        assert entries.view_entry(session.ws, SCHOOL, 2023, "primary").state == "submitted"

        # submitting it as it is changes nothing, and says so
        submissions = session.ws.db["submissions"].count
        assert form.submit()
        assert "没有修改" in form.banner.text() and "未重复提交" in form.banner.text()
        assert session.ws.db["submissions"].count == submissions

        # 修改: a draft again, recorded, editable, the list says so
        qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
        assert form.view.state == "draft" and not form.locked
        assert not students.editor.isReadOnly() and combo.editor.isEnabled()
        assert "#eeeeee" not in students.editor.styleSheet()
        assert form.edit_button.isHidden() and form.carry_button.isEnabled()
        assert "重新提交" in form.banner.text()
        assert _actions(session.ws)[-1] == "reopen"
        page.refresh()  # as the main window does on data_changed
        assert page.model.rows[0]["state"] == "draft"
        type_into(qtbot, form, "pri_students", "1001")
        assert form.submit() and form.locked
        assert session.ws.db["submissions"].count == submissions + 1
        assert json.loads(session.ws.db["submissions"].get(submissions + 1)["values_json"])[
            "pri_students"] == 1001
    finally:
        session.close()


@pytest.mark.gui
def test_carrying_over_into_a_full_form_says_there_was_nothing_to_carry(qtbot, school):
    session, page, form = open_page(qtbot, school)
    try:
        revisions = session.ws.db["revisions"].count
        form.carry_over()
        assert "没有可沿用的数据" in form.banner.text()
        assert "已沿用" not in form.banner.text()
        assert session.ws.db["revisions"].count == revisions
    finally:
        session.close()


@pytest.mark.gui
def test_enter_moves_to_the_next_field_and_tab_order_is_unchanged(qtbot, school):
    from PySide6.QtWidgets import QApplication

    session, page, form = open_page(qtbot, school)
    try:
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow, timeout=5000)
        body = form.scroll_area.widget()
        fields = [c for c in form.order if not form.rows[c].field.is_calculated
                  and form.rows[c].editor.isVisibleTo(body)]
        students = form.rows["pri_students"]
        after = fields[fields.index("pri_students") + 1]
        # a value with an explanation box shown: Enter saves it and goes to the box, then on
        assert students.expl_frame.isVisibleTo(body)
        type_into(qtbot, form, "pri_students", "301")
        assert entries.view_entry(session.ws, SCHOOL, 2024, "primary").values[
            "pri_students"] == 301
        assert QApplication.focusWidget() is students.expl_edit
        qtbot.keyClick(students.expl_edit, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is form.rows[after].editor
        # a field without a box: the next field; the keypad's Enter too
        plain = next(c for c in fields if not form.rows[c].expl_frame.isVisibleTo(body)
                     and form.rows[c].editor.text())
        nxt = fields[fields.index(plain) + 1]
        form.rows[plain].editor.setFocus()
        qtbot.keyClick(form.rows[plain].editor, Qt.Key.Key_Enter,
                       Qt.KeyboardModifier.KeypadModifier)
        assert QApplication.focusWidget() in (form.rows[nxt].editor,
                                              form.rows[plain].expl_edit)
        # a refused value keeps the focus, selected, to be typed again
        type_into(qtbot, form, "pri_students", "-5")
        assert QApplication.focusWidget() is students.editor
        assert students.editor.selectedText() == "-5"
        # Tab walks the focus chain as before (Enter changed nothing of it)
        editor = form.rows[plain].editor
        editor.setFocus()
        expected = editor.nextInFocusChain()
        while not (expected.focusPolicy() & Qt.FocusPolicy.TabFocus and expected.isVisible()
                   and expected.isEnabled()):
            expected = expected.nextInFocusChain()
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
        # the last field: Enter goes to 提交
        last = form.rows[fields[-1]]
        last.editor.setFocus()
        qtbot.keyClick(last.editor, Qt.Key.Key_Return)
        if not last.expl_frame.isVisibleTo(body):
            assert QApplication.focusWidget() is form.submit_button
    finally:
        session.close()
