"""Which targets apply to an org, and which one binds."""

import datetime as dt

from eduplan_core.orgtree import OrgTree
from eduplan_core.targets import targets_for


def _rows(catalog, org, **kw):
    tree = OrgTree(catalog, include_demo=True)
    return targets_for(catalog, tree, tree.resolve(org), **kw)


def _by(rows, indicator):
    return {(r.target.plan, r.target.value): r for r in rows if r.target.indicator == indicator}


def test_county_gets_own_parents_and_national_targets(catalog):
    rows = _rows(catalog, "东川区", year=2025)
    relations = {r.relation for r in rows}
    assert relations == {"own", "inherited", "national"}
    gross = _by(rows, "kg_gross_enrolment")
    assert set(gross) == {("dongchuan", 99), ("national_puhui", 85)}
    assert gross[("dongchuan", 99)].binding and not gross[("national_puhui", 85)].binding


def test_stricter_parent_binds_over_national(catalog):
    gross = _by(_rows(catalog, "临翔区", year=2025), "kg_gross_enrolment")
    assert gross[("lincang", 95)].binding and not gross[("national_puhui", 85)].binding
    assert gross[("lincang", 95)].relation == "inherited"


def test_tie_goes_to_the_orgs_own_plan(catalog):
    puhui = _by(_rows(catalog, "东川区", year=2025), "kg_puhui_coverage")
    assert puhui[("dongchuan", 90)].binding
    assert not puhui[("yunnan", 90)].binding
    assert not puhui[("national_puhui", 80)].binding


def test_lower_is_better_binds_the_lower_value(catalog):
    from eduplan_core.catalog.model import Target
    from eduplan_core.targets import group_rank

    def t(code, org, value):
        return Target(code=code, plan="p", indicator="rank", org=org, applies_to="aggregate",
                      year=2025, comparator="≤", value=value, unit="名", direction="lower",
                      kind="ranking", document="d", quote="q")

    picked = [t("a", "530113", 3), t("b", "530100", 2)]
    rank = {"530113": 0, "530100": 1}
    assert min(picked, key=lambda x: group_rank(x, None, rank)).code == "b"
    # a tie goes to the org's own plan
    tie = [t("c", "530100", 2), t("d", "530113", 2)]
    assert min(tie, key=lambda x: group_rank(x, None, rank)).code == "d"


def test_a_school_gets_the_each_unit_targets_of_its_sections(catalog):
    primary = _rows(catalog, "东川区第一小学", year=2025)
    assert {r.target.section for r in primary} == {"小学"}
    assert len(primary) == 7 and all(r.relation == "national" for r in primary)
    nine_year = _rows(catalog, "2153113301", year=2025)
    assert {r.target.section for r in nine_year} == {"小学", "初中"}
    kg = _rows(catalog, "东川区第一幼儿园", year=2025)
    assert all(r.target.applies_to == "each" for r in kg)


def test_dongchuan_2024_exam_targets_with_quotes(catalog):
    rows = {r.target.indicator: r for r in _rows(catalog, "东川区", year=2024)}
    assert rows["gk_tier1_rate"].target.value == 22
    assert rows["gk_undergrad_rate"].target.value == 65
    assert rows["zk_main_city_first_class_admitted"].target.value == 420
    assert rows["zk_control_line_rate_rank"].target.direction == "lower"
    d = rows["gk_undergrad_rate"].to_dict()
    assert d["source"]["quote"] == "本科上线率 60% 65% 70%"
    assert d["source"]["document"].startswith("东川区教育高质量发展三年行动计划")
    assert d["org"] == {"code": "530113", "name": "东川区"}


def test_milestone_deadline_against_as_of(catalog):
    rows = [r for r in _rows(catalog, "东川区", year=2023, as_of=dt.date(2023, 10, 1))
            if r.target.kind == "milestone"]
    fuzai = next(r for r in rows if "福在幼儿园" in r.target.quote)
    assert fuzai.overdue is True
    early = _rows(catalog, "东川区", year=2023, as_of=dt.date(2023, 1, 1))
    assert all(r.overdue is False for r in early if r.target.kind == "milestone")


def test_parent_totals_and_milestones_are_not_inherited(catalog):
    rows = _rows(catalog, "临翔区", year=2025)
    inherited = [r for r in rows if r.relation == "inherited"]
    assert inherited and all(r.target.kind in ("rate", "ratio", "level")
                             or r.target.applies_to == "each" for r in inherited)
    # a county's share of counties is meaningless: 优质均衡县占比 applies to the prefecture only
    assert not [r for r in rows if r.target.indicator == "youzhi_county_share"]
    assert [r for r in _rows(catalog, "临沧市", year=2025)
            if r.target.indicator == "youzhi_county_share"]
