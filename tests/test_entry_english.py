"""Data entry complete in English (issue 12 §4): what a data-entry person reads that the core
builds — a typed value refused (inputs.py), a rule check (validation.py), what stops a
submission and the errors of entries.py, the parent's unknown key (exchange/export.py) — has its
English, and its Chinese is what it was, byte for byte (the CLI prints it, tests compare it).
The desktop shows the English in an English window: odd input typed into the form."""

from __future__ import annotations

import re

import pytest

from eduplan_core.errors import UsageError, ValidationFailed
from eduplan_core.inputs import parse_number, read_date
from eduplan_core.store import entries
from eduplan_core.texts import Text
from eduplan_core.validation import parse_value, range_issue, validate, yoy_issue

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SCHOOL = "2153113101"  # 东川区第一小学, a demo 小学
LABEL = "在校学生数"


def han_left(message: str, *names: str) -> str:
    """The Han characters of ``message`` once the names (of forms/ and the workspace) are
    taken out: '' when none."""
    for name in sorted(names, key=len, reverse=True):
        message = message.replace(name, " ")
    return "".join(HAN.findall(message))


# -- typed values (inputs.py) --------------------------------------------------------------------
TYPED = [  # typed, kind, the Chinese as it always was, words of its English
    ("1e5", "integer", "“在校学生数”应为整数，收到“1e5”（不接受科学记数法，请写出完整的数，如 100000）",
     "scientific notation"),
    ("1,234", "integer", "“在校学生数”应为整数，收到“1,234”（数字中不能有分隔符 , _ ' 或空格，请连写，"
     "如 1234；小数点用“.”）", "separators"),
    ("abc", "decimal", "“在校学生数”应为数值，收到“abc”", "should be a number"),
    ("。", "decimal", "“在校学生数”应为数值，收到“。”", "should be a number"),
    ("１．５", "integer", "“在校学生数”应为整数，收到“１．５”", "whole number"),
    ("95%", "integer", "“在校学生数”应为整数，收到“95%”（这一项不是百分比，不要带 %）",
     "not a percentage"),
    ("inf", "decimal", "“在校学生数”应为数值，收到“inf”（不能是无穷大或 NaN）", "infinity"),
    ("1234567890123456", "integer", "“在校学生数”超出范围，绝对值应小于 10^15（一千万亿），"
     "收到“1234567890123456”", "below 10^15"),
    ("0.1234567890123456", "decimal", "“在校学生数”有效数字超过 15 位，无法精确保存，"
     "收到“0.1234567890123456”", "15 significant digits"),
    ("123456789012345678901234567890", "integer", "“在校学生数”超出范围，绝对值应小于 10^15（一千万亿），"
     "收到“1234567890123456…7890（共 30 个字符）”", "(30 characters)"),
]


@pytest.mark.parametrize("typed,kind,zh,en", TYPED, ids=[t[0] for t in TYPED])
def test_a_refused_typed_value_says_why_in_both_languages(typed, kind, zh, en):
    value, message = parse_number(LABEL, typed, kind)
    assert value is None and isinstance(message, Text)
    assert str(message) == zh  # the Chinese, byte for byte
    assert en in message.en, message.en
    assert message.en.startswith(f"“{LABEL}” ") and f"got “{typed[:16]}" in message.en
    assert not han_left(message.en, LABEL), message.en


def test_dates_and_choices_refused_in_both_languages(catalog):
    with pytest.raises(ValueError) as refused:
        read_date("2024-13-01")
    assert str(refused.value) == "不是有效日期（YYYY-MM-DD）"
    fields = [f for form in catalog.forms.values() for f in form.fields]
    date = next(f for f in fields if f.type == "date")
    _, issue = parse_value(date, "明天")
    assert issue is not None and str(issue.message) == f"“{date.label}”应为日期（YYYY-MM-DD），收到“明天”"
    assert not han_left(issue.message.en, date.label, "明天"), issue.message.en
    yesno = next(f for f in fields if f.type == "yesno")
    _, issue = parse_value(yesno, "也许")
    assert str(issue.message) == f"“{yesno.label}”应为“是”或“否”，收到“也许”"
    assert "yes" in issue.message.en and not han_left(issue.message.en, yesno.label, "也许")
    choice = next((f for f in fields if f.type == "choice"), None)
    if choice is not None:
        _, issue = parse_value(choice, "别的")
        assert str(issue.message).startswith(f"“{choice.label}”只能选择：{'、'.join(choice.choices)}")
        assert not han_left(issue.message.en, choice.label, "别的", *choice.choices)


# -- rule checks (validation.py) -----------------------------------------------------------------
def test_range_required_and_year_on_year_messages_in_both_languages(catalog):
    form = catalog.forms["primary"]
    students = form.field("pri_students")
    issue = range_issue(students, -5)
    assert str(issue.message) == "“小学在校学生数”不能为负数，收到 -5"
    assert issue.message.en == "“小学在校学生数” cannot be negative, got -5"
    bounded = next(f for f in form.fields if f.max is not None and f.type != "yesno")
    issue = range_issue(bounded, bounded.max + 1)
    assert str(issue.message).startswith(f"“{bounded.label}”不能大于 ")
    assert "cannot be more than" in issue.message.en
    assert not han_left(issue.message.en, bounded.label)
    rooms = form.field("digital_classrooms")
    jump = yoy_issue(rooms, 12, 31, {"min_base": 0, "default_tolerance": 30})
    assert str(jump.message) == ("“标准数字教室数”由上年 31 变为 12（−61%），变化超过 30%，"
                                 "请核实或说明原因")
    assert jump.message.en == ("“标准数字教室数” went from 31 last year to 12 (−61%), a change "
                               "of more than 30%: please check it or explain why")
    required = [i for i in validate(form, {}, for_submit=True) if i.code.endswith(":required")]
    assert required and all(str(i.message).endswith("为必填项，尚未填写") for i in required)
    labels = [f.label for f in form.fields]
    assert all(not han_left(i.message.en, *labels) for i in required)


def test_what_stops_a_submission_in_both_languages(catalog):
    form = catalog.forms["primary"]
    rooms = form.field("digital_classrooms")
    review = entries.review(form, {"digital_classrooms": 12}, {},
                            last_year={"digital_classrooms": 31},
                            yoy={"min_base": 0, "default_tolerance": 30})
    said = [i for i in review.blocking if i.code == "digital_classrooms:yoy"]
    assert said and str(said[0].message).startswith("警告未说明原因：“标准数字教室数”由上年 31")
    assert said[0].message.en.startswith("Warning not explained: “标准数字教室数” went from 31")
    failed = ValidationFailed(list(review.blocking))
    assert failed.message.startswith("数据未保存，存在错误：\n  ✗ ")
    labels = [f.label for f in form.fields]
    assert not han_left(failed.message_en, *labels, rooms.label), failed.message_en


# -- errors of entries.py and export.py ----------------------------------------------------------
def test_entry_errors_have_english(fresh_school_ws):
    ws = fresh_school_ws
    names = [ws.org.name, *(f.name for f in ws.catalog.forms.values())]
    with pytest.raises(UsageError) as nothing:
        entries.submit(ws, SCHOOL, 2024, "primary")
    assert nothing.value.message == f"{ws.org.name} 2024 年的“小学基表”还没有填写任何数据"
    assert nothing.value.message_en and not han_left(nothing.value.message_en, *names)
    with pytest.raises(UsageError) as unknown:
        entries.set_values(ws, SCHOOL, 2024, "primary", {"no_such_field": "1"})
    assert unknown.value.message.startswith("“小学基表”中没有字段“no_such_field”")
    assert "no_such_field" in unknown.value.message_en
    assert not han_left(unknown.value.message_en, *names)
    with pytest.raises(ValidationFailed) as failed:
        entries.set_values(ws, SCHOOL, 2024, "primary", {"pri_students": "1e5"})
    assert "scientific notation" in failed.value.message_en
    assert not han_left(failed.value.message_en, "小学在校学生数")


def test_the_parent_key_unknown_says_so_in_english(fresh_school_ws):
    from eduplan_core.exchange.export import parent_peer

    ws = fresh_school_ws
    parent = ws.orgs.get(ws.org.parent)
    with pytest.raises(UsageError) as unknown:
        parent_peer(ws)
    assert unknown.value.message == (
        f"还不知道上级单位（{parent.name}）的密钥：请先导入上级发来的设立文件"
        "（桌面：文件 → 导入上级的设立文件；命令行 eduplan setup import 文件）。")
    assert parent.name in unknown.value.message_en
    assert "eduplan setup import" in unknown.value.message_en
    assert not han_left(unknown.value.message_en, parent.name)


@pytest.fixture
def fresh_school_ws(tmp_path, catalog):
    from eduplan_core.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "school", org=SCHOOL, role="school", operator="马老师",
                          demo=True, catalog=catalog)
    yield ws
    ws.close()


# -- the desktop in English ----------------------------------------------------------------------
ODD = [("pri_students", "１．５"), ("pri_students", "1e5"), ("pri_students", "1,234"),
       ("pri_students", "abc"), ("pri_students", "。"), ("pri_students", "-5"),
       ("pri_teaching_area", "1_000"), ("pri_teaching_area", "NaN")]


@pytest.mark.gui
@pytest.mark.parametrize("code,typed", ODD, ids=[f"{c}={t}" for c, t in ODD])
def test_odd_input_is_refused_in_english(qtbot, english, entry_form, code, typed):
    from PySide6.QtCore import Qt

    from .test_gui_inputs import type_into

    form = entry_form
    row = type_into(qtbot, form, code, typed)
    names = (row.field.label, row.field.unit, typed)
    said = row.message.text()
    assert said.startswith("✗ ") and "got “" in said or "cannot be negative" in said, said
    assert not han_left(said, *names), said
    assert row.message.toolTip() == said
    problems = [form.issue_model.data(form.issue_model.index(r, 0), Qt.ItemDataRole.DisplayRole)
                for r in range(form.issue_model.rowCount())]
    assert any(row.field.label in p for p in problems)
    labels = [f.label for f in form.form.fields]
    assert all(not han_left(p, *labels, typed) for p in problems), problems
    # the banner when a submission is tried: English, names aside
    assert not form.submit()
    assert not han_left(form.banner.text(), *labels, typed), form.banner.text()


GOOD = {"pri_students": "1000", "pri_fulltime_teachers": "40", "fulltime_teachers": "50",
        "teachers_bachelor": "5", "classrooms": "40", "pri_teaching_area": "4000",
        "pri_sports_area": "6000", "rotation_eligible": "5", "rotated_teachers": "2"}


@pytest.mark.gui
def test_a_warning_and_what_stops_submission_in_english(qtbot, english, entry_form):
    from PySide6.QtCore import Qt

    from eduplan_core.store import entries as core

    from .test_gui_inputs import type_into

    form = entry_form
    ws = form.session.ws
    values = {f.code: "是" if f.type == "yesno" else "1" for f in
              ws.catalog.forms["primary"].input_fields
              if f.type in ("yesno", "integer", "decimal", "percent")}
    values.update(GOOD)
    core.set_values(ws, SCHOOL, 2023, "primary", {**values, "digital_classrooms": "31"})
    core.set_values(ws, SCHOOL, 2024, "primary", values)
    form.open_form(SCHOOL, 2024, "primary")
    row = type_into(qtbot, form, "digital_classrooms", "12")
    said = row.message.text()
    assert said.startswith("⚠ “标准数字教室数” went from 31 last year to 12"), said
    problems = [form.issue_model.data(form.issue_model.index(r, 0), Qt.ItemDataRole.DisplayRole)
                for r in range(form.issue_model.rowCount())]
    labels = [f.label for f in form.form.fields]
    assert all(not han_left(p, *labels) for p in problems), problems
    assert not form.submit()
    assert "Warning not explained" in form.banner.text()
    assert not han_left(form.banner.text(), *labels), form.banner.text()


@pytest.fixture
def entry_form(qtbot, english, tmp_path, catalog):
    """The entry page's form of a fresh demo school, built in the English window."""
    from eduplan_core.store.workspace import Workspace

    from .test_gui_entry import entry_page, make_session

    path = tmp_path / "school"
    Workspace.create(path, org=SCHOOL, role="school", operator="马老师", demo=True,
                     catalog=catalog).close()
    session = make_session(qtbot, path)
    page = entry_page(qtbot, session)
    yield page.form_page
    session.close()


