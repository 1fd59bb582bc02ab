"""Every target is traceable: its quote is in its document, its value in its quote."""

from pathlib import Path

import pytest

from eduplan_core.catalog.quotes import normalise, quote_problems, value_in_quote

from .conftest import project_root

SEEDS = project_root().parent / "shared" / "seeds"


def test_every_quote_in_its_document_and_every_value_in_its_quote(catalog):
    problems = quote_problems(catalog)
    assert problems == [], "\n".join(p.message for p in problems)


def test_every_target_names_a_known_indicator_and_org(catalog):
    for t in catalog.targets:
        assert t.indicator in catalog.indicators, t.code
        assert t.org == "national" or t.org in catalog.orgs, t.code


def test_source_copies_match_the_seed_documents(catalog):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not beside this checkout")
    for seed in SEEDS.glob("0*.txt"):
        copy = Path(catalog.root) / "sources" / seed.name
        assert copy.read_bytes() == seed.read_bytes(), seed.name


def test_each_plan_cites_its_own_documents(catalog):
    files = {p.code: {d.file for d in p.documents.values()} for p in catalog.plans.values()}
    assert files["dongchuan"] == {"002_a7a21eca496e6ca1.txt"}
    assert files["lincang"] == {"001_7a36b2fbd023dcc0.txt"}
    assert files["lufeng"] == {"000_51972b3f86b0eac3.txt"}
    assert files["yunnan"] == {"003_003c8873384d8565.txt", "004_edbff8e46c3d18ad.txt"}
    yunnan = catalog.plans["yunnan"]
    assert {t.document for t in yunnan.targets} == set(yunnan.documents)


def _find(catalog, plan, indicator, year, **kw):
    found = [t for t in catalog.plans[plan].targets
             if t.indicator == indicator and t.year == year
             and all(getattr(t, k) == v for k, v in kw.items())]
    assert len(found) == 1, (plan, indicator, year, found)
    return found[0]


@pytest.mark.parametrize("plan, indicator, year, comparator, value", [
    ("dongchuan", "kg_gross_enrolment", 2025, "≥", 99),
    ("dongchuan", "kg_puhui_coverage", 2025, "≥", 90),
    ("dongchuan", "gk_tier1_rate", 2023, "≥", 21),
    ("dongchuan", "gk_tier1_rate", 2025, "≥", 23),
    ("dongchuan", "gk_undergrad_rate", 2024, "≥", 65),
    ("dongchuan", "zk_main_city_first_class_admitted", 2025, "≥", 450),
    ("dongchuan", "zk_control_line_rate_rank", 2025, "≤", 2),
    ("dongchuan", "zk_average_score_rank", 2023, "≤", 5),
    ("dongchuan", "safe_campus_rate", 2023, "≥", 60),
    ("dongchuan", "canteen_6t_rate", 2025, "≥", 100),
    ("lincang", "digital_classroom_rate", 2024, "≥", 60),
    ("lincang", "hs_gross_enrolment", 2023, "≥", 93.5),
    ("lincang", "kg_public_share", 2025, "≥", 70),
    ("lincang", "voc_dual_teacher_share", 2025, ">", 50),
    ("lufeng", "special_per_pupil_public_funds", 2025, "≥", 7000),
    ("lufeng", "disabled_enrolment", 2025, "≥", 99),
    ("yunnan", "kg_puhui_coverage", 2025, "≥", 90),
    ("national_puhui", "kg_gross_enrolment", 2025, "≥", 85),
])
def test_known_targets(catalog, plan, indicator, year, comparator, value):
    t = _find(catalog, plan, indicator, year)
    assert (t.comparator, t.value) == (comparator, value)


def test_rankings_are_lower_is_better(catalog):
    rankings = [t for t in catalog.targets if t.kind == "ranking"]
    assert rankings and all(t.direction == "lower" and t.comparator in ("≤", "<")
                            for t in rankings)


def test_youzhi_county_share_is_about_30_percent_with_tolerance(catalog):
    t = _find(catalog, "yunnan", "youzhi_county_share", 2025)
    assert t.comparator == "≈" and t.value == 30 and t.tolerance


def test_not_collected_targets_say_why(catalog):
    nc = [t for t in catalog.targets if t.kind == "not_collected"]
    # the 1000 保教人员 of a region no unit of the tree is (the province's own totals, such as
    # the 3000 principals trained, are on the province's form)
    assert any("IOOO" in t.quote for t in nc)
    assert all(t.why for t in nc)


def test_milestones_have_deadlines_in_their_year(catalog):
    ms = [t for t in catalog.targets if t.kind == "milestone"]
    assert len(ms) > 20
    for t in ms:
        assert t.deadline and t.deadline.year == t.year
    fuzai = [t for t in ms if "福在幼儿园" in t.quote]
    assert fuzai and all(t.org == "530113" for t in fuzai)


def test_national_youzhi_standard_per_section(catalog):
    plan = catalog.plans["national_youzhi"]
    each = [t for t in plan.targets if t.applies_to == "each"]
    assert len(each) == 14
    eq = {(t.indicator, t.section): t.value for t in each}
    assert eq[("yz_higher_degree_teachers_per100", "小学")] == 4.2
    assert eq[("yz_higher_degree_teachers_per100", "初中")] == 5.3
    assert eq[("yz_equipment_value_per_pupil", "初中")] == 2500
    cv = {(t.indicator, t.section): t.value for t in plan.targets if t.indicator.endswith("_cv")}
    assert len(cv) == 14 and set(cv.values()) == {0.5, 0.45}
    assert plan.settings["school_rule_min_met"] == 6
    assert plan.settings["school_rule_floor_percent"] == 85


def test_quote_checker_rules():
    from eduplan_core.catalog.model import Target

    def t(value, quote, **kw):
        return Target(code="x", plan="p", indicator="i", org="o", applies_to="aggregate",
                      year=2025, comparator="≥", value=value, unit=kw.pop("unit", "%"),
                      direction="higher", kind="rate", document="d", quote=quote, **kw)

    # an OCR-damaged quote stays as it stands; the value is found in the reading given
    assert not value_in_quote(t(1000, "每年补充IOOO名保教人员"))
    assert value_in_quote(t(1000, "每年补充IOOO名保教人员", reading="每年补充1000名保教人员"))
    assert value_in_quote(t(10, "不低于总数的10%o", reading="不低于总数的10%。"))
    assert value_in_quote(t(100, "数字教室实现全覆盖", value_in_quote="全覆盖"))
    assert not value_in_quote(t(100, "数字教室实现覆盖", value_in_quote="全覆盖"))
    assert not value_in_quote(t(95, "毛入园率达到99%以上"))
    assert value_in_quote(t(37.5, "占比达37.5%"))
    assert normalise("一本上线率\n\t21%\n\t22%") == "一本上线率 21% 22%"
