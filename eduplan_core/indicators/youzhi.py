"""The national 县域义务教育优质均衡 rules: each school's 7 resource indicators against the 小学 /
初中 thresholds, and the county's resource-allocation part.

A school section passes when at least ``school_rule_min_met`` (6) of the 7 indicators reach the
threshold and the others reach at least ``school_rule_floor_percent`` (85 %) of it. A school
passes when every section it has passes (a 九年一贯制 school is judged in both). Schools of the
excluded types and registered 教学点 with fewer than ``exclude_teaching_points_below`` pupils are
listed as excluded (a registered 小学 with few pupils is still a 小学, and is judged). The
evaluator judges each threshold through the same rule (:func:`section_verdict`): an indicator
below its threshold in a school that meets the rule is a note, not a failure. The county's resource
part passes when every assessed school passes and every indicator's CV is within its limit
(小学 ≤ 0.50, 初中 ≤ 0.45). Thresholds, limits and settings come from the national standard's
plan file (forms/plans/national_youzhi.toml), with their source.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalog.model import SECTIONS, Catalog, Indicator, Target
from ..texts import join, text
from ..vocab import Verdict
from .frame import YearFrame
from .values import IndicatorValue

PLAN = "national_youzhi"
NOT_REPORTED = text("本年未报送", "Not reported this year")


@dataclass(frozen=True)
class Threshold:
    indicator: str
    section: str
    value: float
    target: str  # target code


@dataclass(frozen=True)
class SectionResult:
    indicator: str
    section: str
    value: float | None
    threshold: float
    met: bool | None
    ratio: float | None  # value / threshold


@dataclass(frozen=True)
class SchoolResult:
    org: str
    name: str
    year: int
    status: Verdict  # 达标 / 未达标 / 数据不全 / 不参评
    reason: str
    sections: dict[str, tuple[SectionResult, ...]] = field(default_factory=dict)

    @property
    def passes(self) -> bool | None:
        return {Verdict.MEETS: True, Verdict.FAILS: False}.get(self.status)

    def short_of(self) -> list[SectionResult]:
        return [r for rows in self.sections.values() for r in rows if r.met is False]


@dataclass(frozen=True)
class CountyResult:
    org: str
    year: int
    passes: bool | None
    schools_assessed: int
    schools_passing: int
    schools_excluded: int
    schools_incomplete: int
    # indicator, section, cv, limit, ok
    cv: tuple[tuple[str, str | None, float | None, float, bool | None], ...]
    certified: bool | None  # the county form's certified status, shown beside the check


def section_verdict(pairs: list[tuple[float | None, float]], min_met: int,
                    floor_percent: float) -> tuple[Verdict, int]:
    """The school rule on one section's (value, threshold) pairs: 达标 when at least
    ``min_met`` reach the threshold and the rest reach ``floor_percent`` of it, else 未达标;
    数据不全 when a value is missing. Also how many reach the threshold."""
    met = [v is not None and v >= th - 1e-9 for v, th in pairs]
    count = sum(met)
    values = [v for v, _ in pairs]
    if any(v is None for v in values):
        return Verdict.INCOMPLETE, count
    floor = floor_percent / 100
    low = any(not ok and v is not None and v / th < floor - 1e-9
              for (v, th), ok in zip(pairs, met))
    return (Verdict.MEETS if count >= min_met and not low else Verdict.FAILS), count


def teaching_points(units: pd.DataFrame) -> np.ndarray:
    """Which rows of a unit table are registered 教学点."""
    if "teaching_point" not in units:
        return np.zeros(len(units), dtype=bool)
    return units["teaching_point"].fillna(False).to_numpy(dtype=bool)


def thresholds(catalog: Catalog) -> tuple[list[Threshold], dict[tuple[str, str | None], Target],
                                          dict]:
    plan = catalog.plans[PLAN]
    each = [Threshold(t.indicator, t.section, t.value, t.code) for t in plan.targets
            if t.applies_to == "each" and t.section]
    limits = {(t.indicator, t.section): t for t in plan.targets
              if t.applies_to == "aggregate" and t.indicator.endswith("_cv")}
    return each, limits, plan.settings


def school_results(computer, frame: YearFrame) -> list[SchoolResult]:
    catalog = computer.catalog
    each, _, settings = thresholds(catalog)
    min_met = settings.get("school_rule_min_met", 6)
    floor_percent = settings.get("school_rule_floor_percent", 85)
    excluded_types = set(settings.get("exclude_types", ()))
    small = settings.get("exclude_teaching_points_below", 0)
    units = frame.units
    schools = units[(units["level"] == "school") & units["org_type"].isin(
        set(SECTIONS["小学"]) | set(SECTIONS["初中"]) | excluded_types)]
    by_section: dict[str, list[Threshold]] = {}
    for th in each:
        by_section.setdefault(th.section, []).append(th)
    # per section, per indicator: each unit's own value (vectorised), and its pupils — as
    # plain lists by position, so the per-school loop below touches no pandas object
    values: dict[tuple[str, str], list] = {}
    pupils: dict = {}
    for section, ths in by_section.items():
        for th in ths:
            ind = catalog.indicators[th.indicator]
            num, den, _, rep = computer.unit_parts(frame, ind, section)
            with np.errstate(all="ignore"):
                x = np.where(rep & (den > 0), num / np.where(den > 0, den, 1) * ind.scale,
                             np.nan)
            values[(section, th.indicator)] = x.tolist()
            # the section's pupils: the denominator of any indicator it reported
            seen = np.where(rep, den, np.nan)
            pupils[section] = seen if section not in pupils else np.fmax(pupils[section], seen)
    pupils = {section: n.tolist() for section, n in pupils.items()}
    names = {code: catalog.indicators[code].name for code in catalog.indicators}
    position = {code: i for i, code in enumerate(units.index.tolist())}
    is_point = teaching_points(units)
    out = []
    for org, name, kind, state in zip(schools.index.tolist(), schools["name"].tolist(),
                                      schools["org_type"].tolist(), schools["state"].tolist()):
        if kind in excluded_types:
            out.append(SchoolResult(org, name, frame.year, Verdict.EXCLUDED, text(
                "{kind}不参加优质均衡学校评估",
                "{kind}: not assessed under the quality-balance school rule", kind=kind)))
            continue
        if not isinstance(state, str):
            out.append(SchoolResult(org, name, frame.year, Verdict.INCOMPLETE, NOT_REPORTED))
            continue
        i = position[org]
        sections: dict[str, tuple[SectionResult, ...]] = {}
        status, reasons = Verdict.MEETS, []
        for section, types in SECTIONS.items():
            if kind not in types:
                continue
            n = pupils[section][i] if section in pupils else math.nan
            if is_point[i] and n == n and n < small:
                reasons.append(text("教学点，{section}学生不足{small}人，不参评",
                                    "Teaching point with fewer than {small} {section} pupils:"
                                    " not assessed", section=section, small=small))
                continue
            rows = []
            for th in by_section.get(section, []):
                v = values[(section, th.indicator)][i]
                v = None if v != v else v
                rows.append(SectionResult(th.indicator, section, v, th.value,
                                          None if v is None else v >= th.value - 1e-9,
                                          None if v is None else v / th.value))
            sections[section] = tuple(rows)
            verdict, met = section_verdict([(r.value, r.threshold) for r in rows], min_met,
                                           floor_percent)
            if verdict == Verdict.INCOMPLETE:
                status = Verdict.INCOMPLETE if status != Verdict.FAILS else status
                reasons.append(text("{section}指标数据不全", "{section}: incomplete data",
                                    section=section))
                continue
            if verdict == Verdict.FAILS:
                status = Verdict.FAILS
                short = join([names[r.indicator] for r in rows if not r.met], "、", ", ")
                reasons.append(text("{section}：{met}/{total} 项达标；未达标：{short}",
                                    "{section}: {met}/{total} met; not met: {short}",
                                    section=section, met=met, total=len(rows), short=short))
        if not sections:
            status = Verdict.EXCLUDED
        out.append(SchoolResult(org, name, frame.year, status, join(reasons, "；", "; "),
                                sections))
    return out


def youzhi_share(computer, frame: YearFrame, ind: Indicator) -> dict[str, IndicatorValue]:
    """Share of assessed compulsory schools that pass, for every org of the frame."""
    results = school_results(computer, frame)
    units = frame.units
    counted = [r for r in results if r.status != Verdict.EXCLUDED]
    if not counted:
        return {}
    table = pd.DataFrame({"org": [r.org for r in counted],
                          "pass": [1 if r.passes else 0 for r in counted],
                          "assessed": [1 if r.passes is not None else 0 for r in counted]}
                         ).set_index("org")
    out = {}
    for level in ("county", "prefecture", "province"):
        keys = units.loc[table.index, level]
        sums = table.groupby(keys).sum()
        sizes = table.groupby(keys).size()
        for org, row in sums.iterrows():
            if org not in units.index or (ind.levels and units.at[org, "level"] not in ind.levels):
                continue
            assessed = int(row["assessed"])
            out[org] = IndicatorValue(
                org=org, indicator=ind.code, section=None, year=frame.year,
                value=100 * row["pass"] / assessed if assessed else None,
                numerator=float(row["pass"]) if assessed else None,
                denominator=float(assessed) if assessed else None,
                reported=assessed, expected=int(sizes[org]), schools=assessed)
    return out


def county_results(computer, frame: YearFrame, values: dict) -> list[CountyResult]:
    """The resource-allocation part for each county of the frame; ``values`` from compute_all."""
    _, limits, _ = thresholds(computer.catalog)
    results = school_results(computer, frame)
    units = frame.units
    out = []
    for county in units.index[units["level"] == "county"]:
        mine = [r for r in results if units.at[r.org, "county"] == county]
        assessed = [r for r in mine if r.passes is not None]
        cvs = []
        for (ind, sec), target in sorted(limits.items()):
            v = values.get((county, ind, sec, frame.year))
            cv = v.value if v else None
            cvs.append((ind, sec, cv, target.value, None if cv is None else cv <= target.value))
        incomplete = sum(1 for r in mine if r.status == Verdict.INCOMPLETE)
        if incomplete or any(ok is None for *_, ok in cvs):
            passes = None if all(r.passes is not False for r in assessed) and all(
                ok is not False for *_, ok in cvs) else False
        else:
            passes = all(r.passes for r in assessed) and all(ok for *_, ok in cvs)
        cert = frame.column("cty_youzhi_certified").get(county)
        out.append(CountyResult(
            org=county, year=frame.year, passes=passes, schools_assessed=len(assessed),
            schools_passing=sum(1 for r in assessed if r.passes),
            schools_excluded=sum(1 for r in mine if r.status == Verdict.EXCLUDED),
            schools_incomplete=incomplete, cv=tuple(cvs),
            certified=None if cert is None or pd.isna(cert) else bool(cert)))
    return out
