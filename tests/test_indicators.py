"""Indicators computed the way inspectors compute them — checked by hand."""

import datetime as dt
import math

import pytest

from eduplan_core.catalog.model import Org, Target
from eduplan_core.indicators.compute import Computer, IndicatorValue, compute_all
from eduplan_core.indicators.evaluate import Evaluator, check, meets
from eduplan_core.indicators.frame import base_forms, build_year_frame, unit_table
from eduplan_core.indicators.youzhi import county_results, school_results
from eduplan_core.orgtree import OrgTree
from eduplan_core.targets import targets_for

COUNTY = "530113"


def school(code, kind="小学", ownership="公办", urban="乡村", **kw):
    return Org(code=code, name=f"学校{code[-3:]}", level="school", parent=COUNTY, type=kind,
               ownership=ownership, urban_rural=urban, source="workspace", **kw)


def frames(catalog, schools, data, years=(2024,)):
    """data: {year: {org: {field: value}}} — a row per org's base form, all submitted."""
    tree = OrgTree(catalog, schools)
    root = tree.get(COUNTY)
    forms = base_forms(catalog)
    out = {}
    for year in years:
        units = unit_table(tree, root, year)
        rows = data.get(year, {})
        entries = [(org, forms[units.at[org, "org_type"]], "submitted") for org in rows]
        values = [(org, forms[units.at[org, "org_type"]], f, v, None)
                  for org, fields in rows.items() for f, v in fields.items()]
        out[year] = build_year_frame(units, year, entries, values, forms)
    return tree, out


def value(values, org, indicator, year=2024, section=None):
    return values[(org, indicator, section, year)]


def test_ratio_of_sums_not_mean_of_rates(catalog):
    a, b = school("2153110001"), school("2153110002")
    tree, fr = frames(catalog, [a, b], {2024: {
        a.code: {"rotated_teachers": 1, "rotation_eligible": 10},
        b.code: {"rotated_teachers": 90, "rotation_eligible": 100}}})
    values = compute_all(catalog, fr, indicators=["teacher_rotation_share"])
    v = value(values, COUNTY, "teacher_rotation_share")
    assert (v.numerator, v.denominator) == (91, 110)
    assert v.value == pytest.approx(100 * 91 / 110)  # 82.7 %, not the mean of rates (50.5 %)
    assert value(values, a.code, "teacher_rotation_share").value == pytest.approx(10)


def test_enrolment_weighted_cv_differs_from_unweighted(catalog):
    pupils, per100 = [100, 100, 800], [1, 2, 3]
    schools = [school(f"215311000{i}") for i in range(3)]
    data = {2024: {s.code: {"pri_students": p, "pri_backbone_teachers": x * p // 100}
                   for s, p, x in zip(schools, pupils, per100)}}
    tree, fr = frames(catalog, schools, data)
    values = compute_all(catalog, fr, indicators=["yz_backbone_teachers_per100_cv"])
    cv = value(values, COUNTY, "yz_backbone_teachers_per100_cv", section="小学")
    mean = (1 * 100 + 2 * 100 + 3 * 800) / 1000
    weighted = math.sqrt((100 * (1 - mean) ** 2 + 100 * (2 - mean) ** 2
                          + 800 * (3 - mean) ** 2) / 1000) / mean
    unweighted = math.sqrt(sum((x - 2) ** 2 for x in per100) / 3) / 2
    assert cv.value == pytest.approx(weighted)  # 0.237
    assert abs(weighted - unweighted) > 0.1  # 0.408: the wrong number
    assert cv.schools == 3 and cv.denominator == pytest.approx(mean)  # X̄ is the ratio of sums


# values of a 1000-pupil 小学 section meeting every threshold exactly
AT_THRESHOLD = {"pri_students": 1000, "pri_teachers_above_degree": 42,
                "pri_backbone_teachers": 10, "pri_pe_art_teachers": 9,
                "pri_teaching_area": 4500, "pri_sports_area": 7500,
                "pri_equipment_value": 2_000_000, "pri_multimedia_rooms": 23}


@pytest.mark.parametrize("changes, status", [
    ({}, "达标"),  # 7 of 7
    ({"pri_sports_area": 6375}, "达标"),  # 6 of 7, the 7th at exactly 85 %
    ({"pri_sports_area": 6374}, "未达标"),  # 6 of 7, the 7th just under 85 %
    ({"pri_sports_area": 7000, "pri_multimedia_rooms": 22}, "未达标"),  # 5 of 7
    # a registered 小学 of 40 pupils is still a 小学: judged (6 of 7, the 7th at 0 %)
    ({"pri_students": 40, "pri_backbone_teachers": 0}, "未达标"),
    # a registered 教学点 under 50 pupils is left out
    ({"pri_students": 40, "pri_backbone_teachers": 0, "teaching_point": True}, "不参评"),
    # a 教学点 of 50 or more pupils is judged like any 小学
    ({"pri_students": 50, "pri_backbone_teachers": 0, "teaching_point": True}, "未达标"),
])
def test_school_rule_at_its_edges(catalog, changes, status):
    changes = dict(changes)
    s = school("2153110010", teaching_point=changes.pop("teaching_point", False))
    tree, fr = frames(catalog, [s], {2024: {s.code: {**AT_THRESHOLD, **changes}}})
    [result] = school_results(Computer(catalog), fr[2024])
    assert result.status == status, result.reason


def test_special_schools_are_left_out_and_nine_year_needs_both_sections(catalog):
    sp = school("2153110020", kind="特殊教育学校")
    nine = school("2153110021", kind="九年一贯制")
    junior_ok = {k.replace("pri_", "jun_"): v for k, v in AT_THRESHOLD.items()}
    junior_ok.update({"jun_teachers_above_degree": 53, "jun_teaching_area": 5800,
                      "jun_sports_area": 10200, "jun_equipment_value": 2_500_000,
                      "jun_multimedia_rooms": 24})
    tree, fr = frames(catalog, [sp, nine], {2024: {
        sp.code: {"sp_students": 100}, nine.code: {**AT_THRESHOLD, **junior_ok}}})
    results = {r.org: r for r in school_results(Computer(catalog), fr[2024])}
    assert results[sp.code].status == "不参评"
    assert results[nine.code].status == "达标" and set(results[nine.code].sections) == {
        "小学", "初中"}
    junior_ok["jun_sports_area"] = 5000
    tree, fr = frames(catalog, [sp, nine], {2024: {nine.code: {**AT_THRESHOLD, **junior_ok}}})
    results = {r.org: r for r in school_results(Computer(catalog), fr[2024])}
    assert results[nine.code].status == "未达标" and "初中" in results[nine.code].reason


def test_county_resource_part(catalog):
    schools = [school(f"215311003{i}") for i in range(2)]
    tree, fr = frames(catalog, schools, {2024: {s.code: dict(AT_THRESHOLD) for s in schools}})
    values = compute_all(catalog, fr)
    [county] = county_results(Computer(catalog), fr[2024], values)
    assert county.schools_assessed == 2 and county.schools_passing == 2
    assert all(ok for *_, ok in county.cv if _[1] == "小学")
    assert county.passes is None  # no 初中 schools: the 初中 CVs cannot be computed
    share = values[(COUNTY, "youzhi_school_share", None, 2024)]
    assert share.value == 100 and share.schools == 2


def test_missing_school_is_partial_with_coverage(catalog):
    a, b = school("2153110040"), school("2153110041")
    tree, fr = frames(catalog, [a, b], {2024: {a.code: {"safe_campus": 1}}})
    v = compute_all(catalog, fr, indicators=["safe_campus_rate"])[
        (COUNTY, "safe_campus_rate", None, 2024)]
    assert v.partial and v.coverage == 0.5 and (v.reported, v.expected) == (1, 2)
    assert v.value == 100  # on the one school that reported


def test_zero_denominator_is_missing_not_zero(catalog):
    a = school("2153110050")
    tree, fr = frames(catalog, [a], {2024: {a.code: {"rotated_teachers": 0,
                                                     "rotation_eligible": 0}}})
    v = compute_all(catalog, fr, indicators=["teacher_rotation_share"])[
        (COUNTY, "teacher_rotation_share", None, 2024)]
    assert v.value is None and v.reported == 1


def test_county_denominator_combines_with_school_sums(catalog):
    kg = school("2153110060", kind="幼儿园")
    tree, fr = frames(catalog, [kg], {2024: {kg.code: {"kg_children": 950},
                                             COUNTY: {"cty_pop_3_5": 1000}}})
    v = compute_all(catalog, fr, indicators=["kg_gross_enrolment"])[
        (COUNTY, "kg_gross_enrolment", None, 2024)]
    assert (v.numerator, v.denominator, v.value) == (950, 1000, 95)


def _target(**kw):
    base = dict(code="t", plan="p", indicator="zk_control_line_rate_rank", org=COUNTY,
                applies_to="aggregate", year=2024, comparator="≤", value=3, unit="位",
                direction="lower", kind="ranking", document="d", quote="q")
    return Target(**{**base, **kw})


def test_lower_is_better_ranking():
    t = _target()
    assert meets(3, t) and meets(2, t) and not meets(4, t)


def _evaluator(catalog, values, **kw):
    return Evaluator(catalog, OrgTree(catalog), values, as_of=kw.pop("as_of", dt.date(2024, 12, 31)),
                     **kw)


def _row(catalog, code):
    tree = OrgTree(catalog)
    return next(r for r in targets_for(catalog, tree, tree.get(COUNTY)) if r.target.code == code)


def test_ranking_missed_by_places_in_check(catalog):
    values = {(COUNTY, "zk_average_score_rank", None, 2024): IndicatorValue(
        COUNTY, "zk_average_score_rank", None, 2024, 6.0, reported=1, expected=1)}
    ev = _evaluator(catalog, values)
    row = next(r for r in targets_for(catalog, OrgTree(catalog), OrgTree(catalog).get(COUNTY),
                                      year=2024) if r.target.indicator == "zk_average_score_rank")
    f = ev.judge(OrgTree(catalog).get(COUNTY), row, 2024)
    assert (f.status, f.gap, f.severity) == ("missed", 2, "critical")  # ≤4 wanted, 6th


def test_milestone_past_its_deadline(catalog):
    row = _row(catalog, "dc_fuzai_kg_opened_2023")
    county = OrgTree(catalog).get(COUNTY)
    before = _evaluator(catalog, {}, as_of=dt.date(2023, 8, 1)).judge(county, row, 2023)
    assert before.status == "pending"
    after = _evaluator(catalog, {}, as_of=dt.date(2023, 9, 2)).judge(county, row, 2023)
    assert (after.status, after.severity) == ("overdue", "critical")
    done = _evaluator(catalog, {}, as_of=dt.date(2023, 9, 2),
                      milestones={(COUNTY, "dc_fuzai_kg_opened_2023"): "2023-09-01"}
                      ).judge(county, row, 2023)
    assert done.status == "met"
    late = _evaluator(catalog, {}, as_of=dt.date(2023, 12, 1),
                      milestones={(COUNTY, "dc_fuzai_kg_opened_2023"): "2023-10-01"}
                      ).judge(county, row, 2023)
    assert late.status == "done_late"


def _gross(year, v):
    return {(COUNTY, "kg_gross_enrolment", None, year): IndicatorValue(
        COUNTY, "kg_gross_enrolment", None, year, v, v, 100, 1, 1)}


def test_trajectory_behind_though_final_target_still_ahead(catalog):
    row = next(r for r in targets_for(catalog, OrgTree(catalog), OrgTree(catalog).get(COUNTY))
               if r.target.indicator == "kg_gross_enrolment" and r.target.plan == "dongchuan")
    assert (row.target.year, row.target.value) == (2025, 99)
    county = OrgTree(catalog).get(COUNTY)
    values = {**_gross(2023, 90.0), **_gross(2024, 93.0)}
    f = _evaluator(catalog, values).judge(county, row, 2024)
    assert f.expected_now == pytest.approx(94.5)  # 90 + (99 − 90) / 2
    assert (f.status, f.on_track) == ("behind", False) and f.severity is not None
    values = {**_gross(2023, 90.0), **_gross(2024, 95.0)}
    assert _evaluator(catalog, values).judge(county, row, 2024).status == "on_track"


def test_plans_own_yearly_value_is_the_trajectory(catalog):
    row = next(r for r in targets_for(catalog, OrgTree(catalog), OrgTree(catalog).get(COUNTY))
               if r.target.indicator == "gk_undergrad_rate" and r.target.year == 2025)
    values = {(COUNTY, "gk_undergrad_rate", None, y): IndicatorValue(
        COUNTY, "gk_undergrad_rate", None, y, v, v, 100, 1, 1) for y, v in
        ((2023, 50.0), (2024, 63.0))}
    f = _evaluator(catalog, values).judge(OrgTree(catalog).get(COUNTY), row, 2024)
    assert f.expected_now == 65  # the plan's own 2024 value, not the straight line (60)
    assert f.status == "behind"


def test_close_the_gap_in_units(catalog):
    a = school("2153110070")
    data = {2024: {a.code: {**AT_THRESHOLD, "pri_backbone_teachers": 7}}}
    tree, fr = frames(catalog, [a], data)
    values = compute_all(catalog, fr)
    findings = check(catalog, tree, tree.get(COUNTY), 2024, values, as_of=dt.date(2024, 12, 31))
    backbone = next(f for f in findings if f.org == a.code and
                    f.indicator == "yz_backbone_teachers_per100")
    assert backbone.actual == pytest.approx(0.7)
    assert backbone.close == "达到标准：需增加县级以上骨干教师 3 名"
    assert (backbone.status, backbone.label) == ("missed", "国家标准（每年适用）")


def test_robust_z_and_its_fallback_when_mad_is_zero():
    import numpy as np

    from eduplan_core.indicators.quality import robust_z

    z = robust_z(np.array([10.0, 11, 9, 10, 10.5, 30]))
    assert abs(z[-1]) > 3.5 and all(abs(v) < 3.5 for v in z[:-1])
    same = robust_z(np.array([5.0, 5, 5, 5, 5, 9]))  # MAD 0: mean absolute deviation instead
    assert np.isfinite(same).all() and abs(same[-1]) > 3.5 and same[0] == 0
    assert (robust_z(np.array([2.0, 2, 2, 2, 2])) == 0).all()  # nothing spreads: no flags


def test_peer_outlier_is_flagged_not_a_shortfall(catalog):
    from eduplan_core.indicators.quality import outliers

    schools = [school(f"215311008{i}") for i in range(6)]
    data = {2024: {s.code: dict(AT_THRESHOLD) for s in schools}}
    data[2024][schools[0].code]["pri_equipment_value"] = 2_000_000_000  # a typo: 1000×
    for i, s in enumerate(schools[1:], start=1):
        data[2024][s.code]["pri_equipment_value"] = 2_000_000 + 50_000 * i
    tree, fr = frames(catalog, schools, data)
    flags = outliers(Computer(catalog), fr[2024])
    assert [(f.org, f.subject) for f in flags] == [(schools[0].code,
                                                     "yz_equipment_value_per_pupil")]
    assert "请核实数据" in flags[0].message


def test_year_on_year_jump_is_a_warning_at_entry(county_ws):
    from eduplan_core.store import entries

    entries.set_values(county_ws, "2153119001", 2023, "primary", {"pri_students": "400"})
    r = entries.set_values(county_ws, "2153119001", 2024, "primary", {"pri_students": "700"})
    assert [w.code for w in r.unexplained] == ["pri_students:yoy"]
    assert "由上年 400 变为 700（+75%）" in r.unexplained[0].message
    r = entries.set_values(county_ws, "2153119001", 2024, "primary", {"pri_students": "430"})
    assert not r.warnings  # within 30 %


def test_a_yes_no_milestone_met_on_time_stays_met_in_later_years(catalog):
    lx = "530902"
    row = next(r for r in targets_for(catalog, OrgTree(catalog), OrgTree(catalog).get(lx))
               if r.target.code == "lc_kg_puji_puhui_linxiang_2024")
    values = {(lx, "kg_puji_puhui_certified", None, y): IndicatorValue(
        lx, "kg_puji_puhui_certified", None, y, 1.0, reported=1, expected=1)
        for y in (2024, 2025)}
    ev = Evaluator(catalog, OrgTree(catalog), values, as_of=dt.date(2025, 6, 1))
    county = OrgTree(catalog).get(lx)
    assert ev.judge(county, row, 2024).status == "met"
    assert ev.judge(county, row, 2025).status == "met"


def test_a_gap_is_not_counted_twice(catalog):
    values = {(COUNTY, "gk_undergrad_rate", None, y): IndicatorValue(
        COUNTY, "gk_undergrad_rate", None, y, v, v, 100, 1, 1) for y, v in
        ((2023, 58.0), (2024, 61.0))}
    tree = OrgTree(catalog)
    findings = check(catalog, tree, tree.get(COUNTY), 2024, values, as_of=dt.date(2024, 12, 31))
    undergrad = [f for f in findings if f.indicator == "gk_undergrad_rate"]
    assert [(f.target_year, f.status) for f in undergrad] == [(2024, "missed")]


def test_a_school_that_changed_type_keeps_working(tmp_path, catalog):
    """A school registered as 小学 becomes 九年一贯制 in 2024: the old primary entry is left
    aside, the check and compute read the form it fills now."""
    from eduplan_core.indicators.service import check_org, compute_org
    from eduplan_core.store import entries
    from eduplan_core.store.orgs import SchoolInput, check_school, register_school, \
        set_school_attr
    from eduplan_core.store.workspace import Workspace

    with Workspace.create(tmp_path / "ws", org="东川区", role="county", operator="甲",
                          catalog=catalog) as ws:
        org, _ = check_school(ws.orgs, SchoolInput("2153119101", "改制学校", "东川区", "小学",
                                                   paper=True))
        register_school(ws, org)
        entries.set_values(ws, org.code, 2024, "primary", {"pri_students": "500"})
        set_school_attr(ws, org.code, 2024, "type", "九年一贯制")
        entries.set_values(ws, org.code, 2024, "nine_year", {"pri_students": "450",
                                                              "jun_students": "200"})
        result = check_org(ws, "东川区", 2024, as_of=dt.date(2024, 12, 31))
        assert result.findings
        values = {(v.indicator, v.section): v for v in compute_org(ws, org.code, 2024).values}
        assert values[("yz_backbone_teachers_per100", "初中")].expected == 1


def test_year_on_year_flags_respect_a_fields_tolerance(catalog):
    from eduplan_core.indicators.quality import yoy_jumps

    tree, fr = frames(catalog, [], {2023: {COUNTY: {"cty_backbone_principals": 30,
                                                    "cty_pop_3_5": 1000}},
                                    2024: {COUNTY: {"cty_backbone_principals": 65,
                                                    "cty_pop_3_5": 2000}}},
                      years=(2023, 2024))
    flags = yoy_jumps(catalog, fr[2024], fr[2023])
    assert [f.subject for f in flags] == ["cty_pop_3_5"]  # the running total may double


def test_a_prefecture_sees_each_county_against_its_own_plan(catalog):
    from eduplan_core.indicators.service import check_frames

    kg = school("2153110090", kind="幼儿园")
    tree = OrgTree(catalog, [kg])
    kunming = tree.get("530100")
    forms = base_forms(catalog)
    frame = build_year_frame(unit_table(tree, kunming, 2025), 2025,
                             [(kg.code, "kindergarten", "submitted"),
                              (COUNTY, "county", "submitted")],
                             [(kg.code, "kindergarten", "kg_children", 960, None),
                              (COUNTY, "county", "cty_pop_3_5", 1000, None)], forms)
    result = check_frames(catalog, tree, kunming, 2025, {2025: frame},
                          as_of=dt.date(2025, 12, 31))
    own = [f for f in result.findings if f.org == COUNTY and f.plan == "dongchuan"
           and f.indicator == "kg_gross_enrolment"]
    assert [(f.actual, f.target_value, f.status) for f in own] == [(96, 99, "missed")]


def test_overview_reads_the_rounds_once_and_keeps_the_orgs_own_findings(demo_path):
    from eduplan_core.indicators.service import check_org, overview_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_path, daily_backup=False) as ws:
        view = overview_org(ws, "东川区", (2023, 2024, 2025), as_of=dt.date(2025, 12, 31))
        full = check_org(ws, "东川区", 2024, as_of=dt.date(2025, 12, 31))
    own = [f for f in full.findings if f.org == COUNTY]
    assert {f.key for f in view.checks[2024].findings} == {f.key for f in own}
    assert all(f.org == COUNTY for y in view.checks for f in view.checks[y].findings)
    gross = {v.indicator: v for v in view.computes[2024].values}["kg_gross_enrolment"]
    assert gross.value == pytest.approx(100 * gross.numerator / gross.denominator)
