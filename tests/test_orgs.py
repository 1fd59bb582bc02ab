"""Finding orgs; registering schools one by one or from a list; attributes per year."""

import pytest

from eduplan_core.errors import AmbiguousOrg, OrgNotFound
from eduplan_core.orgimport import ImportRejected, import_schools
from eduplan_core.orgtree import OrgTree
from eduplan_core.store.orgs import set_school_attr

from .conftest import count_rows


def test_find_by_code_or_unique_name(catalog):
    tree = OrgTree(catalog, include_demo=True)
    assert tree.resolve("530113").name == "东川区"
    assert tree.resolve("东川区").code == "530113"
    assert OrgTree(catalog).resolve("东川").code == "530113"
    with pytest.raises(AmbiguousOrg):  # with the demo schools, "东川" is in many names
        tree.resolve("东川")
    assert tree.resolve("双江自治县").code == "530925"
    assert tree.resolve("东川区第一小学").code == "2153113101"


def test_ambiguous_name_lists_the_candidates(catalog):
    tree = OrgTree(catalog, include_demo=True)
    with pytest.raises(AmbiguousOrg) as info:
        tree.resolve("中心小学")
    assert "铜都街道中心小学（2153113103）" in info.value.message
    with pytest.raises(OrgNotFound):
        tree.resolve("不存在的学校")


def test_tree_navigation(catalog):
    tree = OrgTree(catalog, include_demo=True)
    assert [o.code for o in tree.ancestors("2153113101")] == ["530113", "530100", "530000"]
    assert tree.county_of("2153113101").code == "530113"
    assert len([o for o in tree.descendants("530113") if o.is_school]) == 39


def test_attributes_change_per_year(catalog):
    kg = OrgTree(catalog, include_demo=True).get("2153113010")
    assert kg.attrs_at(2023).ownership == "非普惠性民办"
    assert kg.attrs_at(2024).ownership == "普惠性民办"
    assert kg.attrs_at(2025).ownership == "普惠性民办"
    closed = OrgTree(catalog, include_demo=True).get("2153113112")
    assert closed.attrs_at(2024).status == "在办"
    assert closed.attrs_at(2025).status == "撤并"


def test_registered_school_history(county_ws):
    set_school_attr(county_ws, "2153119003", 2025, "ownership", "公办")
    kg = county_ws.orgs.get("2153119003")
    assert (kg.attrs_at(2024).ownership, kg.attrs_at(2025).ownership) == ("普惠性民办", "公办")
    set_school_attr(county_ws, "2153119001", 2025, "paper", False)
    assert county_ws.orgs.get("2153119001").attrs_at(2025).paper is False
    assert county_ws.orgs.get("2153119001").attrs_at(2024).paper is True


CSV_OK = ("学校代码,学校名称,所属县,学校类型,办学性质,城乡,联系人,联系电话,纸质报送\n"
          "2153118001,新建第一小学,东川区,小学,公办,城区,王老师,0871-6200001,否\n"
          "2153118002,新建幼儿园,530113,幼儿园,普惠性民办,乡村,李老师,13800000000,是\n")


def test_import_csv(county_ws, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_text(CSV_OK, encoding="utf-8-sig")
    result = import_schools(county_ws, path)
    assert result.imported == 2
    assert county_ws.orgs.get("2153118002").paper is True
    assert county_ws.orgs.get("2153118002").ownership == "普惠性民办"


def test_import_gbk_csv(county_ws, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes(CSV_OK.encode("gbk"))
    assert import_schools(county_ws, path).imported == 2


def test_import_excel(county_ws, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    for line in CSV_OK.strip().splitlines():
        sheet.append(line.split(","))
    sheet.append([2153118003, "数字代码中学", "东川区", "初中"])  # a code typed as a number
    path = tmp_path / "schools.xlsx"
    wb.save(path)
    assert import_schools(county_ws, path).imported == 3


def test_bad_rows_are_each_reported_and_nothing_is_imported(county_ws, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV_OK + "21531,短代码学校,东川区,小学\n"
                    "2153118009,错类型,东川区,小学校\n"
                    "2153118001,重复代码,东川区,小学\n"
                    "2153118010,外县学校,不存在县,小学\n", encoding="utf-8")
    before = count_rows(county_ws)
    with pytest.raises(ImportRejected) as info:
        import_schools(county_ws, path)
    msg = info.value.message
    assert "第4行" in msg and "10位数字" in msg
    assert "第5行" in msg and "学校类型“小学校”无效" in msg
    assert "第6行" in msg and "与第2行重复" in msg
    assert "第7行" in msg and "找不到单位“不存在县”" in msg
    assert count_rows(county_ws) == before


def test_every_reason_a_list_is_refused_for_has_its_english(county_ws, tmp_path):
    """The desktop's import preview in English: each reason in English, Chinese only where it
    quotes the file (what was typed, a unit's name, the values a column may take)."""
    import re

    from eduplan_core.catalog.model import OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
    from eduplan_core.orgimport import check_import

    path = tmp_path / "bad.csv"
    path.write_text("学校代码,学校名称,所属县,学校类型,办学性质,城乡,联系电话,纸质报送,教学点,所属学校\n"
                    "21531,短代码学校,东川区,小学,公办,城区,,,,\n"
                    "2153118009,错类型,东川区,小学校,私立,城里,电话号码,也许,,\n"
                    "2153118009,重复代码,会泽县,小学,公办,城区,,,,\n"
                    "2153118010,外县学校,不存在县,初中,公办,城区,,,是,某校\n"
                    "2153118011,,东川区,小学,公办,城区,,,否,测试村小\n", encoding="utf-8")
    checked = check_import(county_ws, path)
    quoted = sorted({*SCHOOL_TYPES, *OWNERSHIPS, *URBAN_RURAL, "短代码学校", "错类型", "小学校",
                     "私立", "城里", "电话号码", "也许", "重复代码", "会泽县", "东川区", "外县学校",
                     "不存在县", "某校", "测试村小", "学校标识码", "教学点", "是", "否"},
                    key=len, reverse=True)
    han = re.compile(r"[\u4e00-\u9fff]")
    reasons = [reason for row in checked.rows for reason in row.reasons]
    assert len(reasons) >= 9
    for reason in reasons:
        english = reason.en
        assert english != str(reason)
        for word in quoted:
            english = english.replace(word, "")
        assert not han.search(english), (str(reason), reason.en)


def test_corrupted_excel_is_a_clear_error(county_ws, tmp_path):
    from eduplan_core.errors import DataFileError

    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataFileError, match="不是有效的 Excel 文件"):
        import_schools(county_ws, path)


def test_missing_columns(county_ws, tmp_path):
    from eduplan_core.errors import DataFileError

    path = tmp_path / "cols.csv"
    path.write_text("学校名称\n某校\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="缺少列：学校代码"):
        import_schools(county_ws, path)


# -- the preview of a list, a bureau's area, changes of several attributes at once -----------------
def test_check_import_names_every_bad_row_and_stores_nothing(county_ws, tmp_path):
    from eduplan_core.orgimport import check_import, import_checked

    path = tmp_path / "list.csv"
    path.write_text(CSV_OK + "2153118003,外县小学,会泽县,小学\n"
                    "2153118004,,东川区,小学校\n", encoding="utf-8")
    before = count_rows(county_ws)
    checked = check_import(county_ws, path)
    assert count_rows(county_ws) == before
    assert [r.row for r in checked.rows] == [2, 3, 4, 5]
    assert [r.ok for r in checked.rows] == [True, True, False, False]
    assert checked.rows[0].school.name == "新建第一小学"
    assert checked.rows[2].reasons == (
        "所属县“会泽县”不在东川区辖区内（东川区只能登记本辖区的学校）",)
    assert len(checked.rows[3].reasons) == 2  # every reason of a row, at once
    assert [e.row for e in checked.errors] == [4, 5, 5]
    with pytest.raises(ImportRejected) as info:  # the preview's 导入: all or nothing
        import_checked(county_ws, checked)
    assert "第4行" in info.value.message and count_rows(county_ws) == before


def test_import_checked_checks_again_against_the_workspace_as_it_is_now(county_ws, tmp_path):
    from eduplan_core.orgimport import check_import, import_checked, import_schools

    path = tmp_path / "list.csv"
    path.write_text(CSV_OK, encoding="utf-8")
    checked = check_import(county_ws, path)
    assert not checked.errors and len(checked.schools) == 2
    path.write_text("学校代码,学校名称,所属县,学校类型\n", encoding="utf-8")  # changed after
    result = import_checked(county_ws, checked)  # what was previewed, not the file now
    assert result.codes == ("2153118001", "2153118002")
    path.write_text(CSV_OK, encoding="utf-8")
    again = check_import(county_ws, path)
    assert all("已存在" in r.reasons[0] for r in again.rows)
    with pytest.raises(ImportRejected):
        import_schools(county_ws, path)
    with pytest.raises(ImportRejected):  # a preview made before someone else registered them
        import_checked(county_ws, checked)


def test_change_school_records_every_change_in_one_transaction(county_ws):
    from eduplan_core.errors import UsageError
    from eduplan_core.store.audit import rows as audit_rows
    from eduplan_core.store.orgs import change_school, check_school_change, set_contact

    change_school(county_ws, "2153119001", 2025,
                  {"name": "测试完小", "status": "撤并", "merged_into": "测试中心小学",
                   "paper": False}, contact="赵老师", phone="0871-6200009")
    school = county_ws.orgs.get("2153119001")
    a24, a25 = school.attrs_at(2024), school.attrs_at(2025)
    assert (a24.name, a24.status, a24.paper) == ("测试村小", "在办", True)
    assert (a25.name, a25.status, a25.merged_into, a25.paper) == (
        "测试完小", "撤并", "2153119002", False)
    assert (school.contact, school.phone) == ("赵老师", "0871-6200009")
    actions = [r["action"] for r in audit_rows(county_ws.db)][:5]  # the newest first
    assert actions == ["school_contact"] + ["school_attr"] * 4
    # every reason at once, and nothing recorded
    kept, reasons = check_school_change(county_ws.orgs, "2153119003", 2025,
                                        {"ownership": "私立", "teaching_point": "是"})
    assert len(reasons) == 2 and "办学性质“私立”无效" in reasons[0]
    assert reasons[1] == "教学点应为“小学”类型：先改类型或先取消教学点"
    before = count_rows(county_ws)
    with pytest.raises(UsageError, match="办学性质“私立”无效.*；"):
        change_school(county_ws, "2153119003", 2025, {"ownership": "私立", "name": "x"},
                      phone="abc")
    assert count_rows(county_ws) == before
    assert county_ws.orgs.get("2153119003").attrs_at(2025).name == "测试幼儿园"
    # a type and the 教学点 together: judged on the result
    change_school(county_ws, "2153119003", 2026, {"type": "小学", "teaching_point": True,
                                                  "parent_school": "2153119002"})
    assert county_ws.orgs.get("2153119003").attrs_at(2026).teaching_point
    set_contact(county_ws, "2153119002", "", "")
    assert county_ws.orgs.get("2153119002").contact is None
    with pytest.raises(UsageError, match="联系电话“电话”格式不正确"):
        set_contact(county_ws, "2153119002", "钱老师", "电话")
