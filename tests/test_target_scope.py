"""Every target with the right scope: none left out silently, scoped roll-ups counted over the
schools the sentence speaks of (hand-computed), the province's own form, OCR readings."""

import datetime as dt
import shutil

import pytest

from eduplan_core.catalog.load import load_catalog
from eduplan_core.errors import CatalogError
from eduplan_core.indicators.evaluate import check
from eduplan_core.indicators.frame import unit_table
from eduplan_core.orgtree import OrgTree

PROVINCE, LINCANG, COUNTY = "530000", "530900", "530113"


def _forms_copy(catalog, tmp_path):
    root = tmp_path / "forms"
    shutil.copytree(catalog.root, root)
    return root


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_target_the_check_would_skip_is_a_catalogue_error(catalog, tmp_path):
    """An aggregate target at a level its indicator is not computed at would never be judged:
    the catalogue refuses it instead of `check` leaving it out silently."""
    root = _forms_copy(catalog, tmp_path)
    _edit(root / "indicators" / "teachers_finance.toml",
          'levels = ["prefecture", "province"]', 'levels = ["prefecture"]')
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    text = str(err.value)
    assert "yn_leading_group_member_reviews_2024" in text and "不会被核查" in text


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_target_of_the_province_is_judged(catalog, year):
    """`check --org 云南省` lists each of 云南's own targets of the year — judged, 无数据 or
    不采集 with the reason — none dropped."""
    tree = OrgTree(catalog)
    province = tree.get(PROVINCE)
    findings = check(catalog, tree, province, year, {}, as_of=dt.date(year, 12, 31),
                     units=unit_table(tree, province, year))
    judged = {f.target for f in findings if f.org == PROVINCE}
    own = {t.code for t in catalog.plans["yunnan"].targets
           if t.year == year and t.applies_to == "aggregate"}
    assert own and own <= judged, sorted(own - judged)
    by = {f.target: f for f in findings if f.org == PROVINCE}
    assert by[f"yn_edu_spending_share_rank_{year}"].status == "no_data"
    assert by[f"yn_leading_group_member_reviews_{year}"].status == "no_data"
    assert all(f.status != "not_collected" or catalog_target(catalog, f.target).why
               for f in by.values())


def catalog_target(catalog, code):
    return next(t for t in catalog.targets if t.code == code)


def test_the_province_reports_its_own_rank_and_reviews_on_its_own_form(catalog):
    form = catalog.forms["province"]
    assert form.org_types == ("province",)
    assert {"prov_edu_spending_rank", "prov_member_reviews"} <= {f.code for f in form.fields}
    for code in ("edu_spending_share_rank", "leading_group_member_reviews"):
        assert "province" in catalog.indicators[code].levels


# -- scope: the schools the sentence speaks of ---------------------------------------------

def school(code, kind="小学", ownership="公办", urban="乡村", history=()):
    from eduplan_core.catalog.model import Org

    return Org(code=code, name=f"学校{code[-3:]}", level="school", parent=COUNTY, type=kind,
               ownership=ownership, urban_rural=urban, history=history, source="workspace")


def frames(catalog, schools, data):
    """data: {year: {org: {field: value}}}, every form submitted."""
    from eduplan_core.indicators.frame import base_forms, build_year_frame

    tree = OrgTree(catalog, schools)
    forms = base_forms(catalog)
    out = {}
    for year, rows in data.items():
        units = unit_table(tree, tree.get(COUNTY), year)
        entries = [(org, forms[units.at[org, "org_type"]], "submitted") for org in rows]
        values = [(org, forms[units.at[org, "org_type"]], f, v, None)
                  for org, fields in rows.items() for f, v in fields.items()]
        out[year] = build_year_frame(units, year, entries, values, forms)
    return tree, out


def rotation(rotated, eligible, backbone=0):
    return {"rotated_teachers": rotated, "rotation_eligible": eligible,
            "rotated_backbone": backbone}


def test_rotation_counts_town_schools_and_the_years_quality_schools_only(catalog):
    """城镇学校、优质学校每年教师交流轮岗的比例: a 城区 and a 镇区 school count; a 乡村 school counts
    from the year its county designates it 优质学校; another 乡村 school never does."""
    from eduplan_core.indicators.compute import compute_all

    urban = school("2153110101", urban="城区")
    town = school("2153110102", kind="初中", urban="镇区")
    rural = school("2153110103")
    quality = school("2153110104", kind="九年一贯制", history=((2024, (("quality", True),)),))
    year = {urban.code: rotation(2, 20, 1), town.code: rotation(3, 30, 1),
            rural.code: rotation(40, 50, 10), quality.code: rotation(5, 10, 2)}
    tree, fr = frames(catalog, [urban, town, rural, quality], {2023: year, 2024: year})
    values = compute_all(catalog, fr, indicators=[
        "teacher_rotation_share", "teacher_rotation_share_urban_quality",
        "rotation_backbone_share_urban_quality"])

    def v(org, code, y):
        return values.get((org, code, None, y))

    # 2023: 优质 not yet designated — (2 + 3) / (20 + 30)
    scoped = v(COUNTY, "teacher_rotation_share_urban_quality", 2023)
    assert (scoped.numerator, scoped.denominator, scoped.value) == (5, 50, 10)
    assert (scoped.reported, scoped.expected) == (2, 2)
    # 2024: (2 + 3 + 5) / (20 + 30 + 10) = 16.67 %, not the all-schools (50 / 110 = 45.45 %)
    scoped = v(COUNTY, "teacher_rotation_share_urban_quality", 2024)
    assert (scoped.numerator, scoped.denominator) == (10, 60)
    assert scoped.value == pytest.approx(100 * 10 / 60)
    assert (scoped.reported, scoped.expected) == (3, 3)
    everyone = v(COUNTY, "teacher_rotation_share", 2024)
    assert everyone.value == pytest.approx(100 * 50 / 110)
    # 其中骨干教师: (1 + 1 + 2) / (2 + 3 + 5) over the same schools
    backbone = v(COUNTY, "rotation_backbone_share_urban_quality", 2024)
    assert (backbone.numerator, backbone.denominator, backbone.value) == (4, 10, 40)
    # a school out of scope has no value of its own and is not expected
    assert v(rural.code, "teacher_rotation_share_urban_quality", 2024) is None
    assert v(quality.code, "teacher_rotation_share_urban_quality", 2023) is None
    assert v(quality.code, "teacher_rotation_share_urban_quality", 2024).value == 50


def test_new_public_kindergartens_in_the_urban_area_only(catalog):
    """“2025年底前在城区规划建设4所以上（540人规模以上）公办幼儿园”: 城区 公办 kindergartens opened
    in 2023 or later count; an older one is in scope but not new; a 镇区 one and a 民办 one do
    not count; the 540 target also needs 540 places or more."""
    from eduplan_core.indicators.compute import compute_all
    from eduplan_core.indicators.evaluate import Evaluator

    kgs = {school("2153110201", "幼儿园", urban="城区"): (2023, 600),
           school("2153110205", "幼儿园", urban="城区"): (2024, 300),
           school("2153110202", "幼儿园", urban="城区"): (2001, 900),
           school("2153110203", "幼儿园", urban="镇区"): (2024, 600),
           school("2153110204", "幼儿园", ownership="普惠性民办", urban="城区"): (2024, 600)}
    data = {2025: {k.code: {"kg_children": 280, "kg_opened_year": y, "kg_places": places}
                   for k, (y, places) in kgs.items()}}
    tree, fr = frames(catalog, list(kgs), data)
    values = compute_all(catalog, fr, indicators=["kg_new_public_kindergartens_urban",
                                                  "dc_new_urban_public_kg_540"])
    v = values[(COUNTY, "kg_new_public_kindergartens_urban", None, 2025)]
    assert (v.value, v.reported, v.expected) == (2, 3, 3)
    large = values[(COUNTY, "dc_new_urban_public_kg_540", None, 2025)]
    assert (large.value, large.expected) == (1, 3)
    ev = Evaluator(catalog, tree, values, as_of=dt.date(2025, 12, 31))
    rows = {r.target.code: r for r in _rows(catalog, tree, 2025)}
    finding = ev.judge(tree.get(COUNTY), rows["dc_kg_new_public_kindergartens_2025"], 2025)
    assert finding.status == "missed" and "需增加城区新建公办幼儿园 2 所" in finding.close
    finding = ev.judge(tree.get(COUNTY), rows["dc_new_urban_public_kg_540_2025"], 2025)
    assert finding.status == "missed" and "需增加城区540人规模以上公办幼儿园 3 所" in finding.close


def _rows(catalog, tree, year):
    from eduplan_core.targets import targets_for

    return targets_for(catalog, tree, tree.get(COUNTY), year=year)


def test_the_rotation_targets_read_the_scoped_indicators(catalog):
    codes = {t.code: t.indicator for t in catalog.targets
             if "交流轮岗" in t.quote and "城镇学校、优质学校" in t.quote}
    assert len(codes) == 6  # 东川 and 云南, 2023–2025
    assert set(codes.values()) == {"teacher_rotation_share_urban_quality"}
    backbone = [t for t in catalog.targets if t.quote.startswith("其中骨干教师")]
    assert len(backbone) == 3
    assert {t.indicator for t in backbone} == {"rotation_backbone_share_urban_quality"}


@pytest.mark.parametrize("scope, message", [
    ('urban_rural = ["城镇"]', "取值“城镇”无效"),
    ('quality = "是"', "类型错误"),
    ('note = "空"', "至少给出一个条件"),
])
def test_a_scope_is_checked_when_the_catalogue_loads(catalog, tmp_path, scope, message):
    root = _forms_copy(catalog, tmp_path)
    _edit(root / "indicators" / "preschool.toml",
          'urban_rural = ["城区"]\nownership = ["公办"]\ntypes = ["幼儿园"]', scope)
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    assert message in str(err.value)


def test_only_summed_indicators_take_a_scope(catalog, tmp_path):
    root = _forms_copy(catalog, tmp_path)
    input_indicator = 'value = "cty_puhui_certified"\nlevels = ["county"]\n'
    _edit(root / "indicators" / "preschool.toml", input_indicator,
          input_indicator + '[[indicator.scope]]\nquality = true\n')
    with pytest.raises(CatalogError, match="只有 compute = ratio 或 sum"):
        load_catalog(root)


# -- 优质学校: a per-year attribute the bureau sets ------------------------------------------

def test_quality_school_is_a_yearly_attribute_the_bureau_sets(county_ws):
    from eduplan_core.errors import UsageError
    from eduplan_core.store.orgs import set_school_attr

    set_school_attr(county_ws, "2153119001", 2024, "quality", "是")
    set_school_attr(county_ws, "2153119001", 2026, "quality", "0")
    school = county_ws.orgs.get("2153119001")
    assert [school.attrs_at(y).quality for y in (2023, 2024, 2025, 2026)] == [
        False, True, True, False]
    with pytest.raises(UsageError) as err:
        set_school_attr(county_ws, "2153119001", 2025, "quality", "也许")
    assert "优质学校“也许”应为“是”或“否”" in err.value.message


def test_orgs_set_quality_from_the_command_line(tmp_path):
    import json

    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    def run(*args, code=0):
        result = CliRunner().invoke(cli, [str(a) for a in args] + ["--workspace", tmp_path])
        assert result.exit_code == code, result.output
        return result.output

    run("init", "--org", "东川区", "--role", "county", "--operator", "甲")
    run("orgs", "add", "--code", "2153118001", "--name", "乡村小学", "--parent", "东川区",
        "--type", "小学")
    assert "自 2024 年起 quality = 是" in run("orgs", "set", "乡村小学", "--year", 2024,
                                           "--attr", "quality", "--value", "是")
    rows = {y: json.loads(run("orgs", "--under", "乡村小学", "--year", y, "--json"))[0]
            for y in (2023, 2024)}
    assert (rows[2023]["quality"], rows[2024]["quality"]) == (False, True)
    assert "优质学校" in run("orgs", "--under", "乡村小学", "--year", 2024)
    assert "应为“是”或“否”" in run("orgs", "set", "乡村小学", "--year", 2024, "--attr",
                                   "quality", "--value", "很好", code=2)


def test_a_demo_school_is_recorded_on_its_first_change_with_its_history(demo_path):
    """In the demo a bureau designates demo schools like registered ones; a school's catalogue
    history (舍块乡新田村小学 撤并 in 2025) stays."""
    from eduplan_core.store.orgs import set_school_attr
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_path, daily_backup=False) as ws:
        set_school_attr(ws, "2153113112", 2023, "quality", "是")
        school = ws.orgs.get("2153113112")
        assert school.attrs_at(2024).quality and school.source == "demo"
        assert school.attrs_at(2025).status == "撤并"
        assert school.attrs_at(2025).merged_into == "2153113111"


def test_the_demo_designates_quality_schools_so_the_scoped_number_is_its_own(demo_master):
    from eduplan_core.demo import QUALITY_SCHOOLS
    from eduplan_core.indicators.service import compute_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_master, daily_backup=False) as ws:
        quality = {o.code for o in ws.orgs.descendants(COUNTY)
                   if o.is_school and o.attrs_at(2024).quality}
        assert quality == set(QUALITY_SCHOOLS)
        rural = {c for c in quality if ws.orgs.get(c).attrs_at(2024).urban_rural == "乡村"}
        assert len(rural) == 2
        values = {v.indicator: v for v in compute_org(ws, COUNTY, 2024).values}
        scoped = values["teacher_rotation_share_urban_quality"]
        everyone = values["teacher_rotation_share"]
        assert scoped.value is not None and scoped.expected < everyone.expected
        assert scoped.denominator < everyone.denominator
        in_scope = [o for o in ws.orgs.descendants(COUNTY) if o.is_school
                    and o.attrs_at(2024).type in ("小学", "初中", "九年一贯制", "完全中学",
                                                  "特殊教育学校")
                    and o.attrs_at(2024).status == "在办"
                    and (o.attrs_at(2024).urban_rural != "乡村" or o.code in quality)]
        assert scoped.expected == len(in_scope)
        kg = values["kg_new_public_kindergartens_urban"]
        assert (kg.value, kg.expected) == (1, 4)  # 福在幼儿园 (2023) of the 4 城区 公办 ones
        assert values["dc_new_urban_public_kg_540"].value <= kg.value


# -- every target: the qualitative ones, by the catalogue's conventions ----------------------

@pytest.mark.parametrize("code, org, document, quote", [
    ("lc_shortage_subject_teachers_2025", LINCANG, "001", "基本配齐紧缺学科教师"),
    ("yn_shortage_subject_teachers_2025", PROVINCE, "003", "基本补齐紧缺学科师资缺口"),
    ("lf_shortage_subject_teachers_2025", "532302", "000", "基本补齐紧缺学科师资缺口"),
    ("lc_budget_edu_growth_above_province_2025", LINCANG, "001",
     "全市一般公共预算教育经费平均增幅超过全省平均水平"),
    ("yn_budget_edu_growth_above_national_2025", PROVINCE, "004",
     "一般公共预算教育经费平均增幅超过全国平均水平"),
    ("yn_zgm_forum_branches_2025", PROVINCE, "003", "在各州市、各高校开设分课堂"),
    ("dc_urgent_teacher_recruitment_measures_2025", COUNTY, "002",
     "制定《东川区急需教师人才引进实施办法》"),
    ("dc_senior_teacher_post_appointment_opinion_2025", COUNTY, "002",
     "研究出台加强高级教师专业技术职务聘后管理的意见"),
    ("lf_edu_private_network_upgraded_2025", "532302", "000",
     "实现各级各类学校云南教育专网提速升级"),
])
def test_qualitative_targets_are_dated_milestones_with_their_sentence(catalog, code, org,
                                                                      document, quote):
    t = catalog_target(catalog, code)
    assert (t.org, t.document, t.kind, t.unit, t.comparator, t.value) == (
        org, document, "milestone", "是/否", "=", 1)
    assert t.deadline == dt.date(2025, 12, 31) and t.year == 2025
    assert quote in t.quote and t.note
    assert catalog.indicators[t.indicator].compute == "milestone"
    assert code in {f.code for f in catalog.forms["milestones"].fields}


def test_the_004_wording_of_the_shortage_target_is_noted_not_listed_twice(catalog):
    staffed = [t for t in catalog.targets if t.indicator == "shortage_subject_teachers_staffed"]
    assert {t.org for t in staffed} == {PROVINCE, LINCANG, "532302"}
    [yunnan] = [t for t in staffed if t.org == PROVINCE]
    assert "到2025年,基本配齐紧缺学科教师" in yunnan.note


@pytest.mark.parametrize("plan, org, document", [
    ("dongchuan", COUNTY, "002"), ("lincang", LINCANG, "001"), ("yunnan", PROVINCE, "004")])
def test_two_no_decrease_rules_every_year_for_each_plan(catalog, plan, org, document):
    found = sorted((t.year, t.org, t.document, t.comparator, t.value, t.value_in_quote)
                   for t in catalog.plans[plan].targets
                   if t.indicator == "edu_funding_no_decrease_met")
    assert found == [(y, org, document, "≥", 2, "两") for y in (2023, 2024, 2025)]


def test_two_no_decrease_counted_from_each_levels_own_budget(catalog):
    """县 from cty_ fields, 州市 from pref_, 省 from prov_: this year's 一般公共预算教育支出 and its
    per-pupil value, each not below last year's (≥ counts), one 项 each."""
    from eduplan_core.indicators.compute import compute_all
    from eduplan_core.indicators.frame import base_forms, build_year_frame

    tree = OrgTree(catalog)
    province = tree.get(PROVINCE)
    forms = base_forms(catalog)
    rows = {
        PROVINCE: {"prov_budget_edu_spending": 1500, "prov_budget_edu_spending_prev": 1400,
                   "prov_budget_edu_per_student": 9900, "prov_budget_edu_per_student_prev":
                   10000},  # spending up, per pupil down: 1
        LINCANG: {"pref_budget_edu_spending": 500, "pref_budget_edu_spending_prev": 480,
                  "pref_budget_edu_per_student": 11000,
                  "pref_budget_edu_per_student_prev": 10800},  # both up: 2
        COUNTY: {"cty_budget_edu_spending": 63000, "cty_budget_edu_spending_prev": 63000,
                 "cty_budget_edu_per_student": 13480,
                 "cty_budget_edu_per_student_prev": 13050},  # equal and up: 2
        "530902": {"cty_budget_edu_spending": 100},  # 临翔区 without last year's: no value
    }
    units = unit_table(tree, province, 2024)
    frame = build_year_frame(
        units, 2024, [(o, forms[units.at[o, "org_type"]], "submitted") for o in rows],
        [(o, forms[units.at[o, "org_type"]], f, v, None) for o, fs in rows.items()
         for f, v in fs.items()], forms)
    values = compute_all(catalog, {2024: frame}, indicators=["edu_funding_no_decrease_met"])

    def v(org):
        return values[(org, "edu_funding_no_decrease_met", None, 2024)].value

    assert (v(PROVINCE), v(LINCANG), v(COUNTY), v("530902")) == (1, 2, 2, None)


# -- OCR damage: the quote as it stands, the reading used ------------------------------------

def test_every_damaged_quote_of_the_ocr_copy_has_its_reading(catalog):
    from eduplan_core.catalog.quotes import OCR_DAMAGE, normalise, quote_problems

    assert quote_problems(catalog) == []
    damaged = {t.code: t for t in catalog.targets if OCR_DAMAGE.search(t.quote)}
    assert {c.rsplit("_", 1)[0] for c in damaged} == {
        "yn_teacher_rotation_share", "yn_kg_private_staff_added", "yn_edu_spending_share_rank",
        "yn_national_sci_tech_platforms"}
    assert all(t.reading and t.document == "004" for t in damaged.values())
    rotation = damaged["yn_teacher_rotation_share_2024"]
    assert rotation.quote.endswith("10%o") and rotation.reading.endswith("10%。")
    rank = damaged["yn_edu_spending_share_rank_2024"]
    assert (rank.quote[-3:], rank.reading[-3:], rank.value_in_quote) == ("第T立", "第一位", "一")
    assert "1000" in damaged["yn_kg_private_staff_added_2024"].reading
    from pathlib import Path

    text = normalise((Path(catalog.root) / "sources" / "004_edbff8e46c3d18ad.txt").read_text(
        "utf-8"))
    assert all(normalise(t.quote) in text for t in damaged.values())  # kept as they stand


@pytest.mark.parametrize("quote, reading, problem", [
    ("补充IOOO名保教人员", "", "须用 reading 给出所用的读法"),
    ("比例第T立", "比例第T立", "仍含 OCR 识别错误"),
    ("比例第一位", "比例第一位", "读法与引文相同"),
])
def test_reading_rules(quote, reading, problem):
    from eduplan_core.catalog.model import Target
    from eduplan_core.catalog.quotes import reading_problems

    t = Target(code="x", plan="p", indicator="i", org="o", applies_to="aggregate", year=2025,
               comparator="≥", value=1, unit="人", direction="higher", kind="count",
               document="d", quote=quote, reading=reading)
    assert any(problem in p for p in reading_problems(t))


def test_targets_and_check_show_the_reading_beside_the_quote(demo_path):
    import json

    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    def run(*args):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        return result.output

    text = run("targets", "--org", "云南省", "--year", 2024, "--as-of", "2024-12-31")
    assert "“保持教育支出占财政支出比例第T立”读作“保持教育支出占财政支出比例第一位”" in text
    rows = json.loads(run("targets", "--org", "云南省", "--year", 2024, "--json"))
    by = {r["code"]: r for r in rows}
    assert by["yn_kg_private_staff_added_2024"]["reading"] == "引导区域内民办幼儿园每年补充1000名保教人员"
    assert by["yn_safe_campus_rate_2025"]["reading"] is None
    args = ("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31", "--all",
            "--workspace", demo_path)
    text = run(*args)
    assert "读作：“城镇学校、优质学校每年教师交流轮岗的比例不低于符合交流轮岗条件教师总数的10%。”" in text
    findings = json.loads(run(*args, "--json"))["findings"]
    rotation = [f for f in findings if f["target"] == "yn_teacher_rotation_share_2024"]
    assert rotation and all(f["source"]["reading"].endswith("10%。") for f in rotation)
    assert rotation[0]["source"]["quote"].endswith("10%o")


def test_what_only_the_province_knows_is_on_its_form_the_rest_says_why(catalog):
    """The province's totals (3000 职级校长, 30000 教师, 3000 支教, 职业本科, 中外合作办学机构,
    国家级平台) are entered on its form and judged; its dated goals are milestones; what no unit
    can report (a region's 1000 保教人员; a coverage whose languages the OCR lost) says why."""
    form_fields = {f.code for f in catalog.forms["province"].fields}
    yunnan = catalog.plans["yunnan"].targets
    by = {t.code: t for t in yunnan}
    for code in ("yn_principals_trained_2025", "yn_teachers_trained_2025",
                 "yn_student_teaching_dispatched_2025", "yn_voc_undergrad_schools_2025",
                 "yn_sino_foreign_institutions_2025", "yn_national_sci_tech_platforms_2025"):
        ind = catalog.indicators[by[code].indicator]
        assert by[code].kind == "count" and ind.compute == "input"
        assert ind.formula.value.names <= form_fields and ind.levels == ("province",)
    for code in ("yn_edu_public_service_platform_2025", "yn_joint_graduate_campus_phase1_2025",
                 "yn_all_undergrad_majors_national_avg_2025"):
        assert by[code].kind == "milestone"
    left = {t.code for t in yunnan if t.kind == "not_collected"}
    assert left == {"yn_kg_private_staff_added_2023", "yn_kg_private_staff_added_2024",
                    "yn_kg_private_staff_added_2025", "yn_nonuniversal_language_coverage_2025"}
    assert all(by[c].why for c in left)


def test_the_province_total_is_read_from_its_form(catalog):
    from eduplan_core.indicators.compute import compute_all
    from eduplan_core.indicators.frame import base_forms, build_year_frame

    tree = OrgTree(catalog)
    forms = base_forms(catalog)
    units = unit_table(tree, tree.get(PROVINCE), 2025)
    frame = build_year_frame(units, 2025, [(PROVINCE, "province", "submitted")],
                             [(PROVINCE, "province", "prov_principals_trained", 3120, None),
                              (PROVINCE, "province", "prov_edu_spending_rank", 1, None)], forms)
    values = compute_all(catalog, {2025: frame},
                         indicators=["yn_principals_trained", "edu_spending_share_rank"])
    assert values[(PROVINCE, "yn_principals_trained", None, 2025)].value == 3120
    assert values[(PROVINCE, "edu_spending_share_rank", None, 2025)].value == 1


def test_indicators_list_says_the_schools_a_scoped_indicator_counts():
    import json

    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    result = CliRunner().invoke(cli, ["indicators", "--json"])
    by = {d["code"]: d for d in json.loads(result.output)}
    assert by["teacher_rotation_share_urban_quality"]["scope"] == "城区、镇区学校或优质学校"
    assert by["kg_new_public_kindergartens_urban"]["scope"] == "城区公办幼儿园"
    assert by["teacher_rotation_share"]["scope"] is None
    assert "城区、镇区学校或优质学校" in CliRunner().invoke(cli, ["indicators"]).output
