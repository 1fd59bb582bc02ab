"""The demo workspace: 东川区教育体育局 with its demo schools and values for 2023–2025.

Deterministic (a seeded generator, no clock in the values). Values of schools that report for
themselves are recorded as received from the school (owner = the school, operator = its
contact), those of the two paper schools as entered by the bureau. The numbers are built so the
plan targets show a realistic mix: some met, some missed, some on track (e.g. 毛入园率 rises to
about 97.6% against 东川区's 99%; 本科上线率 misses 65% in 2024 but reaches 70% in 2025).
Progress is reported through ``progress(done, total)``; ``cancelled()`` stops the build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog.load import get_catalog
from .catalog.model import Org
from .errors import Cancelled, UsageError
from .store.entries import set_values, submit
from .store.orgs import set_school_attr
from .store.reads import org_value_rows
from .store.staging import build_in_place
from .store.workspace import Workspace
from .vocab import EntryState

COUNTY = "530113"
YEARS = (2023, 2024, 2025)
# the date the demo is made for: the 2025 round under way (2023 and 2024 submitted, 2025's
# forms coming in: two schools not yet sent, three still drafts); the desktop opens it on it
AS_OF = dt.date(2025, 11, 30)
SEED = 20230907
OPERATOR = "东川区教育体育局 演示"
# schools that have not sent their 2025 forms yet, and 2025 forms still in draft
MISSING_2025 = ("2153113108", "2153113205")
DRAFT_2025 = ("2153113011", "2153113303", "2153113502")
# when the bureau recorded each milestone of its plan as done (the rest are not done yet)
MILESTONES_DONE = {
    2023: {"dc_fuzai_kg_construction_done_2023": "2023-08-28",
           "dc_fuzai_kg_opened_2023": "2023-09-01",
           "dc_ksz_basketball_court_built_2023": "2023-08-20",
           "dc_ksz_football_field_hardened_2023": "2023-10-12",  # late
           "dc_no5_ps_finishing_done_2023": "2023-08-30",
           "dc_zhuanmen_school_in_use_2023": "2023-09-25"},
    2024: {"dc_ksz_complex_building_built_2024": "2024-01-20",
           "dc_second_kg_construction_started_2024": "2024-09-10",
           "dc_voc_center_training_building_in_use_2024": "2024-12-20",
           "dc_zgm_forum_branch_built_2025": "2024-05-10",
           "dc_urgent_teacher_recruitment_measures_2025": "2024-03-15"},
    2025: {"dc_gjzx_dorm_expanded_2025": "2025-08-30",
           "dc_ideology_teachers_all_trained_2025": "2025-07-15"},
}
# schools the bureau designates 优质学校 (from the year given): with the 城镇 schools they are
# what 城镇学校、优质学校教师交流轮岗比例 counts — two 乡村 schools among them, so the scoped
# ratio is not the all-schools one
QUALITY_SCHOOLS = {"2153113101": 2023, "2153113201": 2023, "2153113302": 2023,
                   "2153113109": 2024}
# kindergartens' opening years (the rest opened long before the plan): 福在 is the 城区 公办
# kindergarten built in 2023 (plan 002, task 6)
KG_OPENED = {"2153113003": 2023, "2153113008": 2016, "2153113011": 2019}
# 优质均衡 thresholds (小学, 初中) of the national standard, to build values around
THRESHOLDS = {
    "above_degree": (4.2, 5.3), "backbone": (1.0, 1.0), "pe_art": (0.9, 0.9),
    "teaching_area": (4.5, 5.8), "sports_area": (7.5, 10.2), "equipment": (2000, 2500),
    "multimedia": (2.3, 2.4),
}


@dataclass(frozen=True)
class DemoResult:
    path: str
    schools: int
    entries: int
    values: int
    years: tuple[int, ...]


def build_demo(path: Path, *, force: bool = False,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> DemoResult:
    def build(stage: Path) -> DemoResult:
        ws = Workspace.create(stage, org=COUNTY, role="county", operator=OPERATOR, demo=True,
                              catalog=get_catalog())
        try:
            return _fill(ws, progress, cancelled)
        finally:
            ws.close()

    return dataclasses.replace(build_in_place(path, force, build), path=str(path))


def _fill(ws: Workspace, progress, cancelled) -> DemoResult:
    rng = random.Random(SEED)
    for code, year in QUALITY_SCHOOLS.items():
        set_school_attr(ws, code, year, "quality", "是")
    schools = [o for o in ws.orgs.descendants(COUNTY) if o.is_school]
    profiles = {s.code: _profile(rng, s) for s in schools}
    jobs = [(y, s) for y in YEARS for s in schools] + [(y, None) for y in YEARS]
    n_entries = n_values = 0
    for done, (year, school) in enumerate(jobs, start=1):
        if cancelled and cancelled():
            raise Cancelled()
        if school is None:
            values, expl = _county_values(year)
            set_values(ws, COUNTY, year, "milestones", MILESTONES_DONE[year], source="demo")
            submit(ws, COUNTY, year, "milestones")
            r = set_values(ws, COUNTY, year, "county", values, expl, source="demo")
            if r.unexplained:
                why = {f: "三年行动计划推进中的累计数，按年度进展填报" for w in r.unexplained
                       for f in w.fields[:1]}
                set_values(ws, COUNTY, year, "county", {}, why, source="demo")
            submit(ws, COUNTY, year, "county")
        else:
            attrs = school.attrs_at(year)
            if attrs.status != "在办" or (year == 2025 and school.code in MISSING_2025):
                continue
            values, expl = _school_values(rng, year, school, attrs.type, profiles[school.code])
            owner = None if attrs.paper else school.code
            operator = None if attrs.paper else school.contact
            r = set_values(ws, school.code, year, None, values, expl, source="demo",
                           received_from=owner, operator=operator)
            if r.unexplained:  # the school explains its 经验校验 warnings, as it must
                why = {f: _why(f) for w in r.unexplained for f in w.fields[:1]}
                set_values(ws, school.code, year, None, {}, why, source="demo",
                           received_from=owner, operator=operator)
            if not (year == 2025 and school.code in DRAFT_2025):
                submit(ws, school.code, year, None, received_from=owner, operator=operator)
        n_entries += 1
        n_values += len(r.changes)
        if progress:
            progress(done, len(jobs))
    return DemoResult(path=str(ws.path), schools=len(schools), entries=n_entries,
                      values=n_values, years=YEARS)


_WHY = {
    # said of a rise and of a fall alike (the demo's values move both ways)
    "digital": "标准数字教室按教育信息化项目的新标准重新认定，数量随之调整",
    "multimedia": "多媒体教室按教育信息化项目的新标准重新认定，数量随之调整",
    "rotat": "按“县管校聘”方案，本年度交流轮岗人数调整",
    "voc_": "专业设置与招生规模调整",
    "gk_": "本届高考报名人数变化",
    "kg_": "园舍与招生规模调整（新园投入使用或班额调整）",
}


def _why(field: str) -> str:
    return next((text for key, text in _WHY.items() if key in field),
                "学校规模调整，数据已核实")


@dataclass
class _Profile:
    size: float  # pupils (or children) in 2023
    quality: float  # around 1.0: resources relative to the 优质均衡 thresholds
    weak: tuple[str, ...]  # resource indicators well below threshold
    safe_from: int  # year the school became a 平安校园
    six_t_from: int  # year its canteen met 六T


def _profile(rng: random.Random, school: Org) -> _Profile:
    assert school.type is not None  # every demo school has its type
    base = {"幼儿园": 550, "小学": 900, "初中": 1100, "九年一贯制": 1300, "完全中学": 2400,
            "普通高中": 1800, "中职": 1500, "特殊教育学校": 110}[school.type]
    if school.paper:
        base = 60
    size = base * rng.uniform(0.6, 1.4) * (1.3 if school.urban_rural == "城区" else 1.0)
    quality = rng.uniform(0.92, 1.35) if school.urban_rural == "城区" else rng.uniform(0.82, 1.2)
    weak = tuple(rng.sample(sorted(THRESHOLDS), k=rng.choice([0, 0, 1, 1, 2, 3])))
    safe_from = rng.choice([2023, 2023, 2023, 2024, 2024, 2024, 2025])
    six_t_from = rng.choice([2023, 2024, 2024, 2025, 2025, 2026])
    return _Profile(size, quality, weak, safe_from, six_t_from)


def _school_values(rng, year, school, school_type, p: _Profile):
    growth = 1 + 0.02 * (year - 2023)
    v: dict = {}
    expl: dict = {}
    _safety(rng, v, year, p)
    if school_type == "幼儿园":
        children = round(p.size * (1 + 0.015 * (year - 2023)))
        classes = max(1, math.ceil(children / 30))
        v.update(kg_children=children, kg_classes=classes,
                 kg_teachers=max(2, round(children / rng.uniform(11, 15))),
                 kg_places=round(children * rng.uniform(1.0, 1.15)),
                 kg_children_disabled=rng.randint(0, 3),
                 kg_prov_demo=int(school.code.endswith(("001", "002"))),
                 kg_prov_first_class=int(school.code.endswith("001")),
                 kg_opened_year=KG_OPENED.get(school.code, 1990 + int(school.code[-2:])),
                 kg_staff_added=rng.randint(0, 4))
    else:
        _common(rng, v, year, p)
    if school_type in ("小学", "九年一贯制"):
        _section(rng, v, "pri", 0, p, year, p.size * (0.65 if school_type == "九年一贯制" else 1))
        v["attached_kg_children"] = rng.randint(0, 40) if school.urban_rural == "乡村" else 0
    if school_type in ("初中", "九年一贯制", "完全中学"):
        share = {"初中": 1, "九年一贯制": 0.35, "完全中学": 0.45}[school_type]
        _section(rng, v, "jun", 1, p, year, p.size * share)
    if school_type in ("普通高中", "完全中学"):
        share = 0.55 if school_type == "完全中学" else 1
        _senior(rng, v, year, p.size * share, school.ownership)
    if school_type == "中职":
        _vocational(rng, v, year, p.size)
    if school_type == "特殊教育学校":
        students = round(p.size * growth)
        v.update(sp_students=students, sp_fulltime_teachers=round(students / 4.5),
                 sp_send_to_home=round(students * 0.3),
                 sp_public_funds_yuan=students * (6200 + 450 * (year - 2023)))
        v["public_funds_yuan"] = v["sp_public_funds_yuan"]
    if school_type != "幼儿园":
        _totals(v, school_type)
        if school_type in ROTATION_TYPES:
            _rotation(rng, v, year)
    # a few explained warnings, as schools write them
    if school.code == "2153113107" and year == 2024:
        v["pri_fulltime_teachers"] = teachers = math.floor(v["pri_students"] / 42)
        for k in ("pri_teachers_above_degree", "pri_backbone_teachers", "pri_pe_art_teachers"):
            v[k] = min(v[k], teachers)
        expl["pri_fulltime_teachers"] = "2024年秋季学期三名教师调离，补充的特岗教师10月到岗"
    if school.code == "2153113113":
        v["pri_teaching_area"] = round(v["pri_students"] * 0.9, 1)
        expl["pri_teaching_area"] = "村小校舍为租用民房，新校舍列入2026年项目"
    return v, expl


# the forms with the teacher-rotation group (义务教育 teachers, 县管校聘)
ROTATION_TYPES = ("小学", "初中", "九年一贯制", "完全中学", "特殊教育学校")


def _safety(rng, v, year, p: _Profile):
    v["safe_campus"] = int(year >= p.safe_from)
    v["has_canteen"] = 1
    v["canteen_6t"] = int(year >= p.six_t_from)
    v["party_demo_school"] = int(rng.random() < 0.1)
    v["prov_modern_demo_school"] = 0
    v["green_campus"] = int(rng.random() < 0.3)


def _common(rng, v, year, p: _Profile):
    v["digital_campus"] = int(rng.random() < {2023: 0.3, 2024: 0.6, 2025: 0.85}[year])
    v["fiber_campus_network"] = int(rng.random() < {2023: 0.4, 2024: 0.7, 2025: 0.9}[year])


def _section(rng, v, prefix, idx, p: _Profile, year, pupils):
    students = max(20, round(pupils * (1 + 0.01 * (year - 2023))))
    trend = 1 + 0.03 * (year - 2023)

    def level(name):
        q = p.quality * trend * rng.uniform(0.95, 1.05)
        if name in p.weak:
            q *= rng.uniform(0.7, 0.92)
        return THRESHOLDS[name][idx] * q

    fulltime = max(3, round(students / rng.uniform(14, 17)))
    per100 = students / 100
    above = min(fulltime, round(level("above_degree") * per100))
    v.update({
        f"{prefix}_students": students,
        f"{prefix}_fulltime_teachers": fulltime,
        f"{prefix}_teachers_above_degree": above,
        f"{prefix}_backbone_teachers": min(fulltime, round(level("backbone") * per100)),
        f"{prefix}_pe_art_teachers": min(fulltime, round(level("pe_art") * per100)),
        f"{prefix}_teaching_area": round(level("teaching_area") * students, 1),
        f"{prefix}_sports_area": round(level("sports_area") * students, 1),
        f"{prefix}_equipment_value": round(level("equipment") * students, -2),
        f"{prefix}_multimedia_rooms": max(1, round(level("multimedia") * per100)),
    })


def _senior(rng, v, year, pupils, ownership):
    students = round(pupils * (1 + 0.03 * (year - 2023)))
    candidates = round(students * 0.32)
    # county-wide 本科上线率 61% / 63.5% / 70.4%, 一本 20.5% / 22.4% / 22.1% (see module doc)
    undergrad = {2023: 0.61, 2024: 0.635, 2025: 0.704}[year] * rng.uniform(0.97, 1.03)
    tier1 = {2023: 0.205, 2024: 0.224, 2025: 0.221}[year] * rng.uniform(0.97, 1.03)
    if ownership != "公办":
        undergrad, tier1 = undergrad * 0.8, tier1 * 0.6
    v.update(hs_students=students, hs_fulltime_teachers=round(students / 13),
             gk_candidates=candidates, gk_undergrad=round(candidates * undergrad),
             gk_tier1=round(candidates * tier1),
             hs_prov_level="省一级三等" if ownership == "公办" else "省二级",
             hs_conditions_met=1, hs_assisted=int(year >= 2024),
             hs_city_rank=rng.randint(25, 45))


def _vocational(rng, v, year, pupils):
    students = round(pupils * (1 + 0.02 * (year - 2023)))
    teachers = round(students / 18)
    graduates = round(students * 0.3)
    further = round(graduates * {2023: 0.48, 2024: 0.55, 2025: 0.58}[year])
    employed = round(graduates * 0.38)
    takers = round(graduates * 0.75)
    v.update(voc_students=students, voc_fulltime_teachers=teachers,
             voc_dual_teachers=round(teachers * {2023: 0.45, 2024: 0.49, 2025: 0.52}[year]),
             voc_graduates=graduates, voc_employed=employed, voc_further_study=further,
             voc_exam_takers=takers, voc_exam_admitted=round(takers * 0.62),
             voc_conditions_met=int(year >= 2024), voc_prov_quality_school=0,
             voc_double_excellent=0, voc_prov_quality_majors=1 + (year - 2023) // 2,
             voc_prov_quality_majors_new=(year - 2023) // 2, voc_pref_quality_majors=2,
             voc_key_majors=3, voc_training_bases=2 + (year - 2023), voc_joint_hs=3,
             voc_coop_income=120.0, voc_coop_income_perf=84.0)


def _totals(v, school_type):
    section_teachers = sum(v.get(f"{p}_fulltime_teachers", 0) for p in ("pri", "jun", "hs",
                                                                         "voc", "sp"))
    fulltime = max(section_teachers, 1) + 2
    v["fulltime_teachers"] = max(v.get("fulltime_teachers", 0), fulltime)
    above = v.get("jun_teachers_above_degree", 0)
    v["teachers_bachelor"] = min(v["fulltime_teachers"],
                                 max(above + round(v.get("pri_fulltime_teachers", 0) * 0.7),
                                     round(v["fulltime_teachers"] * 0.75)))
    pupils = sum(v.get(k, 0) for k in ("pri_students", "jun_students", "hs_students",
                                        "voc_students", "sp_students"))
    rooms = v.get("pri_multimedia_rooms", 0) + v.get("jun_multimedia_rooms", 0)
    v["classrooms"] = max(rooms, math.ceil(pupils / 40) + 4)
    v["digital_classrooms"] = round(v["classrooms"] * (0.3 if not v["digital_campus"] else 0.8))
    v.setdefault("public_funds_yuan", float(round(pupils * 850, -2)))


def _rotation(rng, v, year):
    eligible = round(v["fulltime_teachers"] * 0.55)
    rotated = round(eligible * rng.uniform(0.06, 0.14))
    v.update(rotation_eligible=eligible, rotated_teachers=rotated,
             rotated_backbone=round(rotated * rng.uniform(0.1, 0.3)))


def _county_values(year):
    i = YEARS.index(year)
    v = {
        "cty_population": 27.3 - 0.2 * i,
        "cty_pop_3_5": [8880, 8790, 8700][i],
        "cty_pop_15_17": [10400, 10450, 10500][i],
        "cty_cohort_grade1": [4620, 4580, 4510][i],
        "cty_cohort_junior_grads": [4458, 4461, 4429][i],
        "cty_jun_cohort_grade7": [4400, 4380, 4350][i],
        "cty_jun_grade9_students": [4180, 4200, 4190][i],
        "cty_out_of_school": [3, 1, 0][i],
        "cty_youzhi_certified": 0,
        "cty_monitoring_level": [2, 3, 3][i],
        "cty_puhui_certified": int(year == 2025),
        "cty_public_kg_places_added": [800, 1900, 2900][i],
        "cty_new_public_kgs": [1, 2, 3][i],
        "cty_demo_kgs": [2, 3, 4][i],
        "cty_kg_groups_min_per_township": [0, 1, 1][i],
        "cty_kg_public_min_per_township": [1, 1, 2][i],
        "cty_kg_demo_min_per_township": [0, 0, 1][i],
        "cty_kg_min_per_village": [0, 0, 1][i],
        "cty_has_special_school": 1,
        "cty_special_school_independent": 1,
        "cty_disabled_school_age": [520, 512, 505][i],
        "cty_disabled_enrolled": [494, 494, 492][i],
        "cty_disabled3_school_age": [300, 296, 290][i],
        "cty_disabled3_enrolled": [258, 262, 264][i],
        "cty_adult_hs_students": [120, 110, 100][i],
        "cty_technical_school_students": [300, 320, 340][i],
        "cty_hs_trusteeship": int(year >= 2024),
        "cty_zk_candidates": [3900, 3950, 3980][i],
        "cty_zk_main_city_admitted": [385, 431, 442][i],
        "cty_zk_control_line_rank": [3, 2, 2][i],
        "cty_zk_average_score_rank": [6, 4, 3][i],
        "cty_edu_groups": [1, 2, 3][i],
        "cty_school_district_demos": [0, 1, 2][i],
        "cty_new_private_hs": 0,
        "cty_has_voc_school": 1,
        "cty_has_specialized_school": int(year >= 2024),
        "cty_zgm_branch": int(year >= 2024),
        "cty_fiscal_edu_spending": [64500.0, 66800.0, 68200.0][i],
        "cty_gdp": [1480000.0, 1560000.0, 1650000.0][i],
        "cty_budget_edu_spending": [61000.0, 63000.0, 64400.0][i],
        "cty_budget_edu_spending_prev": [59800.0, 61000.0, 63000.0][i],
        # per pupil: 2025 falls below 2024 (more pupils), so one of the 两个只增不减 is missed
        "cty_budget_edu_per_student": [13050.0, 13480.0, 13420.0][i],
        "cty_budget_edu_per_student_prev": [12760.0, 13050.0, 13480.0][i],
        "cty_edu_spending_rank": 1,
        "cty_quality_reward_funds": [300.0, 300.0, 280.0][i],
        "cty_edu_surcharge": [5200.0, 5350.0, 5500.0][i],
        "cty_edu_surcharge_voc": [1560.0, 1605.0, 1650.0][i],
        "cty_principal_studios": [0, 1, 1][i],
        "cty_backbone_principals": [30, 65, 92][i],
        "cty_backbone_head_teachers": [70, 140, 205][i],
        "cty_backbone_subject_leaders": [35, 70, 104][i],
        "cty_named_principals": [5, 9, 12][i],
        "cty_named_head_teachers": [20, 34, 46][i],
        "cty_named_teachers": [40, 66, 90][i],
        "cty_named_students": [60, 90, 130][i],
        "cty_talent_introduced": [25, 30, 34][i],
        "cty_ideology_teachers": [210, 214, 220][i],
        "cty_ideology_teachers_trained": [70, 150, 220][i],
        "cty_teacher_health_checks": [1, 0, 1][i],
        "cty_party_secretaries": [62, 62, 60][i],
        "cty_party_secretaries_reviewed": [62, 62, 60][i],
    }
    if v["cty_puhui_certified"]:
        v["cty_puhui_year"] = 2025
    expl = {}
    if year == 2025:
        expl["cty_population"] = "第七次人口普查后户籍人口持续外流，数据取自区统计局年报"
    return v, expl


def build_demo_school(path: Path, school: str, demo_path: Path, *,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> DemoResult:
    """A school's own workspace, from a demo school's values in the demo county workspace:
    what the school itself would have entered and submitted (to see the school's side)."""
    with Workspace.open(demo_path, daily_backup=False) as county:
        org = county.orgs.resolve(school)
        rows = org_value_rows(county, org.code)
        catalog = county.catalog
    if not org.is_school:
        raise UsageError(f"{org.name}不是学校", f"{org.name} is not a school")
    by_entry: dict[tuple, dict] = {}
    for year, form, state, field, value, expl in rows:
        entry = by_entry.setdefault((year, form, state), {"values": {}, "expl": {}})
        entry["values"][field] = value
        if expl:
            entry["expl"][field] = expl

    def build(stage: Path) -> DemoResult:
        ws = Workspace.create(stage, org=org.code, role="school",
                              operator=org.contact or "演示", demo=True, catalog=catalog)
        try:
            for n, ((year, form, state), entry) in enumerate(sorted(by_entry.items()), 1):
                if cancelled and cancelled():
                    raise Cancelled()
                set_values(ws, org.code, year, form, entry["values"], entry["expl"],
                           source="demo")
                if state == EntryState.SUBMITTED:
                    submit(ws, org.code, year, form)
                if progress:
                    progress(n, len(by_entry))
        finally:
            ws.close()
        return DemoResult(path=str(stage), schools=1, entries=len(by_entry), values=len(rows),
                          years=YEARS)

    return dataclasses.replace(build_in_place(path, False, build), path=str(path))
