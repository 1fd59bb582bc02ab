"""Findings a county statistician trusts: the 优质均衡 school rule as the inspection applies it,
national standards that hold every year, gaps and paces that read right, groups of targets
judging one thing, the bureau's own findings first — checked by hand and on the demo."""

import datetime as dt
import json
import math
import re

import pytest
from click.testing import CliRunner

from eduplan_core.catalog.model import Target
from eduplan_core.cli.main import cli
from eduplan_core.indicators.compute import Computer, IndicatorValue, compute_all
from eduplan_core.indicators.evaluate import Evaluator, check
from eduplan_core.indicators.youzhi import school_results
from eduplan_core.orgtree import OrgTree
from eduplan_core.targets import judged_targets, merged_rows, targets_for

from .test_indicators import AT_THRESHOLD, COUNTY, frames, school

AS_OF = dt.date(2024, 12, 31)


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def demo_check(demo_master):
    from eduplan_core.indicators.service import check_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_master, daily_backup=False) as ws:
        return check_org(ws, "东川区", 2024, as_of=AS_OF)


def _find(result, org_name, indicator, target=None):
    return [f for f in result.findings if f.org_name == org_name and f.indicator == indicator
            and (target is None or f.target == target)]


# -- 1. the national school standards, as the inspection applies them ---------------------------
def _school_check(catalog, fields, kind="小学"):
    s = school("2153110501", kind=kind)
    tree, fr = frames(catalog, [s], {2024: {s.code: fields}})
    values = compute_all(catalog, fr)
    findings = check(catalog, tree, tree.get(COUNTY), 2024, values, as_of=AS_OF)
    return s, [f for f in findings if f.org == s.code], school_results(Computer(catalog),
                                                                       fr[2024])


def test_a_school_meeting_the_rule_gets_a_note_not_a_shortfall(catalog):
    # 6 of 7 at the threshold; equipment 1,800,000 / 1000 pupils = 1,800 元 = 90 % of 2,000
    s, findings, [result] = _school_check(catalog, {**AT_THRESHOLD,
                                                    "pri_equipment_value": 1_800_000})
    assert result.status == "达标"  # compute's school rule
    [eq] = [f for f in findings if f.indicator == "yz_equipment_value_per_pupil"]
    assert (eq.status, eq.severity) == ("below_standard", None)
    assert eq.note == eq.status_text == "低于标准（学校整体达标，余项≥85%）"
    assert not eq.is_shortfall and eq.is_notable
    assert eq.close_target == "达到标准：需增加教学仪器设备值 200,000 元"  # 2,000 × 1000 − 1.8M
    assert eq.gap == pytest.approx(-200)


def test_a_school_failing_the_rule_stays_missed_and_says_why(catalog):
    # equipment at 80 % of the threshold: under the 85 % floor
    s, findings, [result] = _school_check(catalog, {**AT_THRESHOLD,
                                                    "pri_equipment_value": 1_600_000})
    assert result.status == "未达标"
    [eq] = [f for f in findings if f.indicator == "yz_equipment_value_per_pupil"]
    assert (eq.status, eq.severity) == ("missed", "critical")  # 20 % short
    assert eq.note == "学校整体未达标（小学 6/7 项达到标准）"


def test_a_nine_year_school_whose_other_section_fails_says_so(catalog):
    junior = {"jun_students": 1000, "jun_teachers_above_degree": 53,
              "jun_backbone_teachers": 10, "jun_pe_art_teachers": 9,
              "jun_teaching_area": 5800, "jun_sports_area": 10200,
              "jun_equipment_value": 2_500_000, "jun_multimedia_rooms": 15}  # 1.5 of 2.4: 62 %
    s, findings, [result] = _school_check(
        catalog, {**AT_THRESHOLD, "pri_equipment_value": 1_800_000, **junior}, kind="九年一贯制")
    assert result.status == "未达标" and "初中" in result.reason and "小学" not in result.reason
    [eq] = [f for f in findings if f.indicator == "yz_equipment_value_per_pupil"
            and f.section == "小学"]
    assert eq.status == "below_standard"
    assert eq.note == "低于标准（小学部整体达标，余项≥85%；初中部未达标）"


def test_demo_xintian_school_is_a_note_on_equipment_as_compute_counts_it(demo_check,
                                                                          demo_master):
    [f] = _find(demo_check, "舍块乡新田村小学", "yz_equipment_value_per_pupil")
    assert f.actual == pytest.approx(131_300 / 74)  # 1,774 元, 88.7 % of 2,000
    assert f.severity != "critical" and f.status == "below_standard"
    assert f.note == "低于标准（学校整体达标，余项≥85%）"
    from eduplan_core.indicators.service import compute_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_master, daily_backup=False) as ws:
        schools = {r.name: r.status for r in compute_org(ws, "东川区", 2024).youzhi_schools}
    noted = {f.org_name for f in demo_check.findings if f.status == "below_standard"}
    assert {"舍块乡新田村小学", "乌龙镇中学", "东川区第一中学", "铜都街道中心小学"} <= noted
    # every school noted (not short) is one compute counts as meeting the rule — or, for a
    # 九年一贯制 school, one whose noted section meets it (its note names the other section)
    for name in noted:
        notes = {f.note for f in demo_check.findings if f.org_name == name
                 and f.status == "below_standard"}
        assert schools[name] == "达标" or all("部未达标" in n for n in notes), name
    # and no school compute counts as meeting the rule has a shortfall on a threshold
    for f in demo_check.findings:
        if f.plan == "national_youzhi" and f.org_name in schools and \
                schools[f.org_name] == "达标":
            assert not f.is_shortfall, (f.org_name, f.indicator)


def test_a_national_finding_in_2024_applies_every_year(demo_check):
    [f] = _find(demo_check, "舍块乡新田村小学", "yz_equipment_value_per_pupil")
    assert f.target_year == 2025 and f.year == 2024
    assert f.label == "国家标准（每年适用）"
    assert f.requirement == "小学 ≥ 2,000 元"
    assert f.citation == "《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）"
    assert f.excerpt == "办法所列标准值摘要，未注明条款"  # what it is, never a file path


def test_check_text_names_the_standard_and_never_a_table_row(demo_path):
    text = run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
               "--workspace", demo_path).output
    assert "| ≥" not in text  # no table row of the summary as if it were the standard's text
    assert not re.search(r"^\s*目标 \d{4} 年", text, re.M)  # no "目标 2025 年" for a standard
    block = text.split("[低于标准] 舍块乡新田村小学 · 生均教学仪器设备值（小学）")[1].split("\n\n")[0]
    assert "国家标准（每年适用）：小学 ≥ 2,000 元（《县域义务教育优质均衡发展督导评估办法》" \
           "（教督〔2017〕6号）" in block
    assert "状态：低于标准（学校整体达标，余项≥85%）" in block
    assert "依据：办法所列标准值摘要，未注明条款" in block and "domain.md" not in block


# -- 2. 教学点: only registered 教学点 under 50 pupils leave the school rule and the CVs ---------
def _weighted_cv(pairs):
    """Hand computation: pairs of (pupils, value per school)."""
    total = sum(p for p, _ in pairs)
    mean = sum(p * x for p, x in pairs) / total
    return math.sqrt(sum(p * (x - mean) ** 2 for p, x in pairs) / total) / mean


def test_a_45_pupil_primary_counts_in_the_cv_and_a_30_pupil_teaching_point_does_not(catalog):
    small = school("2153110601")  # a registered 小学 of 45 pupils
    big = school("2153110602")
    point = school("2153110603", teaching_point=True, parent_school="2153110602")
    data = {2024: {small.code: {"pri_students": 45, "pri_backbone_teachers": 0},
                   big.code: {"pri_students": 955, "pri_backbone_teachers": 10},
                   point.code: {"pri_students": 30, "pri_backbone_teachers": 3}}}
    tree, fr = frames(catalog, [small, big, point], data)
    values = compute_all(catalog, fr, indicators=["yz_backbone_teachers_per100_cv"])
    cv = values[(COUNTY, "yz_backbone_teachers_per100_cv", "小学", 2024)]
    # per 100 pupils: 0 and 10/955×100 = 1.047; X̄ = 10/1000×100 = 1.0
    expected = _weighted_cv([(45, 0.0), (955, 100 * 10 / 955)])
    assert cv.value == pytest.approx(expected)  # 0.2171
    assert cv.value == pytest.approx(math.sqrt(45 * 1 + 955 * (100 / 95.5 - 1) ** 2) / 1000 ** .5)
    assert cv.schools == 2 and cv.denominator == pytest.approx(1.0)
    results = {r.org: r for r in school_results(Computer(catalog), fr[2024])}
    assert results[point.code].status == "不参评" and "教学点" in results[point.code].reason
    assert results[small.code].status != "不参评"


def test_a_teaching_point_of_30_has_no_threshold_findings(catalog):
    point = school("2153110611", teaching_point=True)
    tree, fr = frames(catalog, [point], {2024: {point.code: {**AT_THRESHOLD,
                                                             "pri_students": 30}}})
    values = compute_all(catalog, fr)
    findings = check(catalog, tree, tree.get(COUNTY), 2024, values, as_of=AS_OF)
    assert not [f for f in findings if f.org == point.code and f.plan == "national_youzhi"]


def test_the_register_keeps_teaching_points_and_their_school(county_ws, tmp_path):
    from eduplan_core.orgimport import import_schools
    from eduplan_core.store.orgs import SchoolInput, check_school, set_school_attr

    org, errors = check_school(county_ws.orgs, SchoolInput(
        "2153119011", "坝子教学点", "东川区", "小学", teaching_point="是",
        parent_school="测试中心小学"))
    assert not errors and org.teaching_point and org.parent_school == "2153119002"
    _, errors = check_school(county_ws.orgs, SchoolInput(
        "2153119012", "错类型", "东川区", "初中", teaching_point=True))
    assert errors == ["教学点应登记为“小学”类型（填报小学基表），不是“初中”"]
    _, errors = check_school(county_ws.orgs, SchoolInput(
        "2153119013", "非教学点", "东川区", "小学", parent_school="测试中心小学"))
    assert errors == ["所属学校“测试中心小学”只用于教学点（教学点一栏填“是”）"]
    # a list whose 教学点 belongs to a school of the same list
    path = tmp_path / "schools.csv"
    path.write_text("学校代码,学校名称,所属县,学校类型,教学点,所属学校\n"
                    "2153119021,新建完小,东川区,小学,否,\n"
                    "2153119022,新建完小某教学点,东川区,小学,是,新建完小\n", "utf-8")
    import_schools(county_ws, path)
    point = county_ws.orgs.get("2153119022")
    assert point.teaching_point and point.parent_school == "2153119021"
    assert not county_ws.orgs.get("2153119021").teaching_point
    # it may become a school of its own from a year on
    set_school_attr(county_ws, "2153119022", 2025, "teaching_point", "否")
    assert county_ws.orgs.get("2153119022").attrs_at(2024).teaching_point
    assert not county_ws.orgs.get("2153119022").attrs_at(2025).teaching_point


# -- 3. gaps and paces --------------------------------------------------------------------------
def _series(indicator, pairs):
    return {(COUNTY, indicator, None, y): IndicatorValue(COUNTY, indicator, None, y,
                                                         100 * n / d, n, d, 1, 1)
            for y, (n, d) in pairs.items()}


def test_behind_says_what_closes_the_pace_and_what_closes_the_target(catalog):
    tree = OrgTree(catalog)
    row = next(r for r in targets_for(catalog, tree, tree.get(COUNTY))
               if r.target.code == "dc_kg_gross_enrolment_2025")
    # 2023: 900 / 1000 = 90 %; 2024: 930 / 1000 = 93 %; pace 90 + (99 − 90) / 2 = 94.5 %
    values = _series("kg_gross_enrolment", {2023: (900, 1000), 2024: (930, 1000)})
    f = Evaluator(catalog, tree, values, as_of=AS_OF).judge(tree.get(COUNTY), row, 2024)
    assert f.status == "behind" and f.expected_now == pytest.approx(94.5)
    assert f.close_pace == "按本年进度：需增加在园幼儿 15 人"  # 945 − 930
    assert f.close_target == "达到 2025 年目标：需增加在园幼儿 60 人"  # 990 − 930
    assert f.close == f.close_pace + "；" + f.close_target


def test_demo_gross_enrolment_2024_both_gaps_labelled(demo_check):
    [f] = _find(demo_check, "东川区", "kg_gross_enrolment", "dc_kg_gross_enrolment_2025")
    assert (f.numerator, f.denominator) == (8351, 8790)  # 95.01 %
    assert f.close_pace == "按本年进度：需增加在园幼儿 64 人"
    assert f.close_target == "达到 2025 年目标：需增加在园幼儿 352 人"  # 0.99 × 8790 − 8351
    assert math.ceil(0.99 * 8790 - 8351) == 352
    assert math.ceil(f.expected_now / 100 * 8790 - 8351) == 64


def test_counts_have_whole_paces_rounded_toward_the_target(catalog, demo_check):
    [f] = _find(demo_check, "东川区", "dc_prov_first_class_demo_kg_count")
    assert (f.actual, f.target_value) == (2, 5)
    assert f.expected_now == 4  # 2 + (5 − 2) / 2 = 3.5, rounded up toward 5
    assert f.close_pace == "按本年进度：需增加省一级示范幼儿园 2 所"
    assert f.close_target == "达到 2025 年目标：需增加省一级示范幼儿园 3 所"
    # a ranking goes down toward its target: 6th in 2023, 3rd wanted in 2025 → 4th in 2024
    t = Target(code="x", plan="p", indicator="zk_average_score_rank", org=COUNTY,
               applies_to="aggregate", year=2025, comparator="≤", value=3, unit="名",
               direction="lower", kind="ranking", document="d", quote="q")
    values = {(COUNTY, "zk_average_score_rank", None, 2023): IndicatorValue(
        COUNTY, "zk_average_score_rank", None, 2023, 6.0, reported=1, expected=1)}
    assert Evaluator(catalog, OrgTree(catalog), values, as_of=AS_OF).expected_at(
        COUNTY, t, 2024) == 4  # 4.5 rounded down toward 3


# -- groups, keys, order ------------------------------------------------------------------------
def test_targets_judging_one_thing_are_one_group_under_the_binding_one(demo_check):
    safe = _find(demo_check, "东川区", "safe_campus_rate")
    assert [(f.target, f.status, f.binding) for f in safe] == [
        ("dc_safe_campus_rate_2024", "missed", True),
        ("yn_safe_campus_rate_2025", "on_track", False)]
    lead, other = safe
    assert lead.group == other.group == "530113/safe_campus_rate//2024"
    assert lead.group_size == other.group_size == 2 and lead.group_note is None
    assert "2025 年到期，本年按进度判断" in other.group_note
    assert other.group_note == ("本目标 2025 年到期，本年按进度判断（应达 "
                                f"{other.expected_now:.2f}%）；约束性目标 2024 年到期，按目标值判断")
    gdp = _find(demo_check, "东川区", "fiscal_edu_share_gdp")
    assert [f.binding for f in gdp] == [True, False]
    assert gdp[1].group_note.startswith("与约束性目标（东川区")
    keys = [f.key for f in demo_check.findings]
    assert len(keys) == len(set(keys))  # one finding per (org, target, year)


def test_json_gives_each_finding_a_key_and_a_group(demo_path):
    data = json.loads(run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
                          "--json", "--workspace", demo_path).output)
    f = data["findings"][0]
    assert f["key"] == f"{f['org']}/{f['target']}/{f['year']}" and f["group"]
    assert len({f["key"] for f in data["findings"]}) == len(data["findings"])


def test_a_bureau_reads_its_own_findings_first_then_unit_by_unit(demo_check):
    orgs = [f.org for f in demo_check.findings]
    own = [o for o in orgs if o == COUNTY]
    assert orgs[:len(own)] == own
    seen, previous = set(), None
    for o in orgs[len(own):]:
        if o != previous:
            assert o not in seen, f"{o} appears in two places"
            seen.add(o)
            previous = o


# -- targets lists what check judges; one row per target set twice ------------------------------
def test_targets_for_a_year_lists_what_check_judges(demo_path):
    rows = json.loads(run("targets", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
                          "--json", "--workspace", demo_path).output)
    listed = {r["code"] for r in rows} | {o["code"] for r in rows for o in r["also"]}
    data = json.loads(run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
                          "--json", "--workspace", demo_path).output)
    judged = {f["target"] for f in data["findings"]}
    assert listed == judged
    text = run("targets", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
               "--workspace", demo_path).output
    assert f"判断的目标：{len(listed)} 项" in text


def test_a_target_set_twice_is_one_row_naming_both_sources(catalog):
    tree = OrgTree(catalog)
    rows = judged_targets(catalog, tree, tree.get(COUNTY), 2024, as_of=AS_OF)
    merged = {r.target.code: (r, others) for r, others in merged_rows(rows)}
    for mine, yunnan in (("dc_teacher_rotation_share_2024", "yn_teacher_rotation_share_2024"),
                         ("dc_fiscal_edu_share_gdp_2024", "yn_fiscal_edu_share_gdp_2024")):
        lead, others = merged[mine]
        assert lead.binding and lead.relation == "own" and lead.scope == "self"
        assert [o.target.code for o in others] == [yunnan] and not others[0].binding
        assert yunnan not in merged  # one row naming both sources
    # 云南's each-county 教师交流轮岗比例 judges 东川区 itself, as 东川区's own target does
    yn = next(r for r in rows if r.target.code == "yn_teacher_rotation_share_2024")
    assert yn.target.applies_to == "each" and yn.scope == "self"


# -- milestones ---------------------------------------------------------------------------------
def test_milestones_show_deadline_and_state(demo_path):
    text = run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
               "--workspace", demo_path).output
    assert "=1" not in text and "=是" not in text
    assert "里程碑：2024-09-30 前完成" in text and "状态：已逾期（截止 2024-09-30，未报完成）" in text
    listing = run("targets", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
                  "--workspace", demo_path).output
    line = next(x for x in listing.splitlines() if "东川一中综合楼项目启动建设" in x)
    assert "截止 2024-09-30" in line and "已逾期" in line
    done = next(x for x in listing.splitlines() if "东川区第二幼儿园项目启动建设" in x)
    assert "已完成" in done


def test_a_new_county_with_no_data_has_no_overdue_milestone(county_ws):
    from eduplan_core.indicators.service import check_org
    from eduplan_core.store import entries

    result = check_org(county_ws, "东川区", 2024, as_of=AS_OF)
    gym = next(f for f in result.findings if f.target == "dc_no5_ps_gym_built_2024")
    assert (gym.status, gym.severity) == ("no_data", None)  # never reported: not 已逾期
    assert not [f for f in result.findings if f.status == "overdue"]
    # once the bureau reports its milestones for the year, an open one past its deadline is
    # overdue
    entries.set_values(county_ws, "东川区", 2024, "milestones",
                       {"dc_ksz_complex_building_built_2024": "2024-01-20"})
    result = check_org(county_ws, "东川区", 2024, as_of=AS_OF)
    gym = next(f for f in result.findings if f.target == "dc_no5_ps_gym_built_2024")
    assert gym.status == "overdue"


def test_through_the_register_a_45_pupil_primary_counts_and_a_30_pupil_teaching_point_not(
        county_ws):
    """The same CV case end to end: registered with `orgs add`'s rule, values entered, computed
    the way `eduplan compute` does."""
    from eduplan_core.indicators.service import compute_org
    from eduplan_core.store import entries
    from eduplan_core.store.orgs import SchoolInput, check_school, register_school

    for s in (SchoolInput("2153119031", "小村小学", "东川区", "小学", paper=True),
              SchoolInput("2153119032", "中心完小", "东川区", "小学", paper=True),
              SchoolInput("2153119033", "山上教学点", "东川区", "小学", paper=True,
                          teaching_point=True, parent_school="中心完小")):
        org, errors = check_school(county_ws.orgs, s)
        assert not errors, errors
        register_school(county_ws, org)
    for code, pupils, backbone in (("2153119031", 45, 0), ("2153119032", 955, 10),
                                   ("2153119033", 30, 3)):
        entries.set_values(county_ws, code, 2024, "primary",
                           {"pri_students": str(pupils), "pri_backbone_teachers": str(backbone)})
    values = {(v.indicator, v.section): v for v in compute_org(county_ws, "东川区", 2024).values}
    cv = values[("yz_backbone_teachers_per100_cv", "小学")]
    assert cv.schools == 2  # the 45-pupil 小学 and the 955-pupil one; not the 30-pupil 教学点
    assert cv.value == pytest.approx(_weighted_cv([(45, 0.0), (955, 100 * 10 / 955)]))
