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
