"""Findings: every target that applies to an org in a year, judged against the actual value.

A finding is identified by (org, target code, year), so a decision about it can travel between
workspaces later. For each: the actual value with numerator, denominator and coverage; met or
missed; the gap (absolute, and relative to the target); a severity (forms/evaluation.toml); the
change from the previous year; before the target year whether the org is on track — against
the plan's own value for this year where it gives one (that target is then judged itself),
else against a straight line from the first reported year to the final target; for a missed
rate, what would close it (the numerator needed at today's denominator); and the explanations
given with the data. Lower-is-better targets (rankings) compare the other way. A milestone is
overdue once the as-of date has passed its deadline and no completion date is recorded. The
national standards (优质均衡, 普及普惠) are standing thresholds: judged in every year.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..catalog.model import Catalog, Indicator, Org, Target
from ..orgtree import OrgTree
from ..targets import TargetRow, targets_for
from .values import IndicatorValue, Key

SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2, None: 3}
STATUS_NAMES = {"missed": "未达标", "met": "已达标", "behind": "进度滞后", "on_track": "进度正常",
                "no_data": "无数据", "not_collected": "不采集", "overdue": "已逾期",
                "pending": "未到期", "done_late": "逾期完成", "no_formula": "无法计算"}
COUNT_UNITS = ("人", "名", "所", "间", "个", "项", "次")


@dataclass(slots=True)
class Finding:
    org: str
    org_name: str
    target: str
    year: int
    indicator: str
    indicator_name: str
    section: str | None
    status: str
    severity: str | None
    comparator: str
    target_value: float
    target_year: int
    unit: str
    direction: str
    kind: str
    binding: bool
    relation: str
    plan: str
    plan_name: str
    actual: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    coverage: float | None = None
    partial: bool = False
    gap: float | None = None  # actual − target (negative: short of a higher-is-better target)
    gap_relative: float | None = None  # |gap| / target, percent
    previous: float | None = None
    change: float | None = None
    expected_now: float | None = None  # where the trajectory says the org should be this year
    on_track: bool | None = None
    close: str | None = None
    explanation: str | None = None
    deadline: str | None = None
    done_on: str | None = None
    quote: str = ""
    document: str = ""
    issuer: str = ""
    date: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.org, self.target, self.year)

    @property
    def is_shortfall(self) -> bool:
        return self.status in ("missed", "behind", "overdue", "done_late")

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["status_name"] = STATUS_NAMES[self.status]
        d["source"] = {"document": d.pop("document"), "issuer": d.pop("issuer"),
                       "date": d.pop("date"), "quote": d.pop("quote")}
        return d


def meets(value: float, t: Target) -> bool:
    """Does ``value`` satisfy the target (≈ within its tolerance; for a higher-is-better ≈
    target, anything above the band also counts)?"""
    c = t.comparator
    if c == "≥":
        return value >= t.value
    if c == ">":
        return value > t.value
    if c == "≤":
        return value <= t.value
    if c == "<":
        return value < t.value
    if c == "=":
        return math.isclose(value, t.value, rel_tol=1e-9, abs_tol=1e-9)
    tol = t.tolerance or 0
    if t.direction == "higher":
        return value >= t.value - tol
    if t.direction == "lower":
        return value <= t.value + tol
    return abs(value - t.value) <= tol  # pragma: no cover


def severity(settings: dict, t: Target, gap: float | None, *, behind: bool = False) -> str:
    sev = settings["severity"]
    if t.kind == "ranking" and gap is not None:
        places = abs(gap)
        level = ("critical" if places >= sev["ranking_critical_places"] else
                 "major" if places >= sev["ranking_major_places"] else "minor")
    else:
        rel = abs(gap) / abs(t.value) * 100 if gap is not None and t.value else 100.0
        level = ("critical" if rel >= sev["critical"] else
                 "major" if rel >= sev["major"] else "minor")
    if behind:
        level = {"critical": "major", "major": "minor", "minor": "minor"}[level]
    return level


def close_text(ind: Indicator, t: Target, v: IndicatorValue) -> str | None:
    """What would close a missed higher-is-better target, in units a principal acts on."""
    if t.direction != "higher" or v.value is None or not ind.close:
        return None
    if ind.compute == "ratio" and v.denominator:
        need = t.value * v.denominator / ind.scale - v.numerator
    elif ind.compute == "sum":
        need = t.value - v.value
    elif ind.compute == "youzhi_share" and v.denominator:
        need = t.value * v.denominator / 100 - v.numerator
    else:
        return None
    if need <= 0:
        return None
    unit = ind.close_unit or t.unit
    amount = str(math.ceil(need - 1e-9)) if unit in COUNT_UNITS else f"{need:,.1f}"
    return f"需增加{ind.close} {amount} {unit}"


class Evaluator:
    def __init__(self, catalog: Catalog, tree: OrgTree, values: dict[Key, IndicatorValue],
                 *, as_of: dt.date, milestones: dict[tuple[str, str], str] | None = None,
                 explanations: dict[tuple[str, int], dict[str, str]] | None = None):
        self.catalog = catalog
        self.tree = tree
        self.values = values
        self.as_of = as_of
        self.milestones = milestones or {}  # (org, target code) -> completion date
        self.explanations = explanations or {}  # (org, year) -> field -> text
        self.settings = catalog.evaluation
        self._plan_values: dict[tuple, dict[int, float]] = {}
        for t in catalog.targets:
            self._plan_values.setdefault(self._series_key(t), {})[t.year] = t.value
        self._first: dict[tuple, tuple[int, float]] = {}
        self._reported: dict[tuple, list[int]] = {}
        for (o, i, s, y), v in values.items():
            if v.value is None:
                continue
            self._reported.setdefault((o, i, s), []).append(y)
            if (o, i, s) not in self._first or y < self._first[(o, i, s)][0]:
                self._first[(o, i, s)] = (y, v.value)
        for years in self._reported.values():
            years.sort()

    def value(self, org: str, t: Target, year: int) -> IndicatorValue | None:
        return self.values.get((org, t.indicator, t.section, year))

    def first_reported(self, org: str, t: Target) -> tuple[int, float] | None:
        return self._first.get((org, t.indicator, t.section))

    @staticmethod
    def _series_key(t: Target) -> tuple:
        return (t.plan, t.org, t.indicator, t.section, t.applies_to, t.kind)

    def left_out(self, code: str, t: Target, year: int) -> bool:
        """A 教学点-sized section (fewer pupils than the 优质均衡 standard's setting) is not
        held to the standard's school thresholds, as in the school rule."""
        if t.plan != "national_youzhi" or not t.section:
            return False
        small = self.catalog.plans[t.plan].settings.get("exclude_teaching_points_below", 0)
        v = self.value(code, t, year)
        return bool(v and v.denominator is not None and v.denominator < small)

    def has_own_value(self, t: Target, year: int) -> bool:
        """Does the plan set this target's series for ``year`` too (so that target is judged,
        not this one's trajectory)?"""
        return year in self._plan_values.get(self._series_key(t), {})

    def expected_at(self, org: str, t: Target, year: int) -> float | None:
        """The plan's own value for ``year`` if it gives one; else the straight line from the
        first reported year's actual to the final target."""
        own = self._plan_values.get(self._series_key(t), {}).get(year)
        if own is not None:
            return own
        first = self.first_reported(org, t)
        if first is None or first[0] >= t.year or year <= first[0]:
            return None
        y0, v0 = first
        return v0 + (t.value - v0) * (year - y0) / (t.year - y0)

    def row_base(self, row: TargetRow, year: int) -> dict:
        """The parts of a finding that come from its target (the same for every unit)."""
        t = row.target
        ind = self.catalog.indicators[t.indicator]
        return dict(
            target=t.code, year=year, indicator=t.indicator, indicator_name=ind.name,
            section=t.section, comparator=t.comparator, target_value=t.value,
            target_year=t.year, unit=t.unit, direction=t.direction, kind=t.kind,
            binding=row.binding, relation=row.relation, plan=t.plan, plan_name=row.plan_name,
            quote=t.quote, document=row.document_title, issuer=row.issuer, date=row.date,
            deadline=t.deadline.isoformat() if t.deadline else None)

    def judge(self, unit: Org, row: TargetRow, year: int, name: str | None = None,
              row_base: dict | None = None) -> Finding:
        """``unit`` is an Org or, from a frame, its code (with ``name``)."""
        code = unit if isinstance(unit, str) else unit.code
        if name is None:
            name = unit.attrs_at(year).name if unit.is_school else unit.name
        t = row.target
        ind = self.catalog.indicators[t.indicator]
        base = {**(row_base or self.row_base(row, year)), "org": code, "org_name": name}
        if t.kind == "not_collected" or ind.compute == "none":
            return Finding(status="not_collected" if t.kind == "not_collected" else "no_formula",
                           severity=None, **base)
        if ind.compute == "milestone":
            return self._milestone(t, base, self.milestones.get((t.org, t.code)))
        if t.kind == "milestone":  # a dated yes/no read from a form (e.g. a county certified)
            first = next((y for y in self._reported.get((code, t.indicator, t.section), ())
                          if y <= year and meets(self.value(code, t, y).value, t)), None)
            when = None if first is None else min(self.as_of, dt.date(first, 12, 31))
            return self._milestone(t, base, when.isoformat() if when else None)
        v = self.value(code, t, year)
        prev = self.value(code, t, year - 1)
        previous = prev.value if prev else None
        explanation = self._explanation(code, year, ind, t.section)
        if v is None or v.value is None:
            return Finding(status="no_data", severity=None, previous=previous,
                           coverage=v.coverage if v else None, partial=bool(v and v.partial),
                           explanation=explanation, **base)
        actual = v.value
        gap = actual - t.value
        common = dict(actual=actual, numerator=v.numerator, denominator=v.denominator,
                      coverage=v.coverage, partial=v.partial, gap=gap,
                      gap_relative=abs(gap) / abs(t.value) * 100 if t.value else None,
                      previous=previous,
                      change=None if previous is None else actual - previous,
                      explanation=explanation)
        if year >= t.year or t.is_national:  # a national standard holds in every year
            ok = meets(actual, t)
            return Finding(status="met" if ok else "missed",
                           severity=None if ok else severity(self.settings, t, gap),
                           close=None if ok else close_text(ind, t, v), **common, **base)
        expected = self.expected_at(code, t, year)
        if expected is None:
            on_track = meets(actual, t) or None  # the first year: nothing to compare yet
            return Finding(status="on_track" if on_track else "pending", severity=None,
                           on_track=on_track, **common, **base)
        probe = Target(**{**t.__dict__, "value": expected, "comparator": (
            "≤" if t.direction == "lower" else "≥")})
        on_track = meets(actual, probe)
        behind_gap = actual - expected
        return Finding(status="on_track" if on_track else "behind",
                       severity=None if on_track else severity(self.settings, probe, behind_gap,
                                                               behind=True),
                       expected_now=expected, on_track=on_track,
                       close=None if on_track else close_text(ind, probe, v), **common, **base)

    def _milestone(self, t: Target, base: dict, done: str | None) -> Finding:
        done_date = dt.date.fromisoformat(done) if done else None
        if done_date and done_date <= self.as_of:
            late = done_date > t.deadline
            return Finding(status="done_late" if late else "met",
                           severity="minor" if late else None, actual=1, done_on=done, **base)
        if self.as_of > t.deadline:
            return Finding(status="overdue", severity=self.settings["severity"][
                "milestone_overdue"], actual=0, **base)
        return Finding(status="pending", severity=None, actual=0, **base)

    def _explanation(self, org: str, year: int, ind: Indicator, section: str | None):
        texts = self.explanations.get((org, year))
        if not texts:
            return None
        formula = ind.formula_for(section) or ind.formula
        names = formula.names if formula else ()
        found = [f"{texts[n]}" for n in sorted(names) if n in texts]
        return "；".join(found) or None


def check(catalog: Catalog, tree: OrgTree, org: Org, year: int, values: dict[Key, IndicatorValue],
          *, as_of: dt.date, units=None, milestones: dict | None = None,
          explanations: dict | None = None) -> list[Finding]:
    """Every finding of ``org`` and the units below it for ``year``, most severe first.
    ``units``: the year's unit table (frame.py) — who is below ``org`` and of what type."""
    ev = Evaluator(catalog, tree, values, as_of=as_of, milestones=milestones,
                   explanations=explanations)
    rows = [r for r in targets_for(catalog, tree, org, as_of=as_of, attrs_year=year)
            if _in_round(r.target, year, ev)]
    if units is None:
        from .frame import unit_table

        units = unit_table(tree, org, year)
    findings: list[Finding] = []
    for row in rows:
        t = row.target
        if t.applies_to == "aggregate":
            if _defined_at(catalog, t, org):
                findings.append(ev.judge(org, row, year))
            continue
        base = ev.row_base(row, year)
        for code, name in each_units(units, t):
            if ev.left_out(code, t, year):
                continue
            findings.append(ev.judge(code, row, year, name, base))
    for sub, sub_rows in sub_unit_rows(catalog, tree, org, units, year, as_of):
        for row in sub_rows:
            if _in_round(row.target, year, ev) and _defined_at(catalog, row.target, sub):
                findings.append(ev.judge(sub, row, year))
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], not f.binding,
                                 -(f.gap_relative or 0), f.org, f.target))
    return findings


def sub_unit_rows(catalog: Catalog, tree: OrgTree, org: Org, units, year: int,
                  as_of: dt.date) -> list[tuple[Org, list[TargetRow]]]:
    """The bureaus below ``org`` with their own plans' targets for their own roll-up (a
    prefecture sees where each county stands against the county's own plan)."""
    out = []
    below = units.index[units["level"].isin(("county", "prefecture")).to_numpy()].tolist()
    for code in below:
        if code == org.code:
            continue
        sub = tree.get(code)
        rows = [r for r in targets_for(catalog, tree, sub, as_of=as_of, attrs_year=year)
                if r.relation == "own" and r.target.applies_to == "aggregate"]
        if rows:
            out.append((sub, rows))
    return out


def each_units(units, t: Target) -> list[tuple[str, str]]:
    """(code, name) of the units of an each-unit target's types in the unit table."""
    levels = [x for x in t.unit_types if x in ("county", "prefecture", "province")]
    types = [x for x in t.unit_types if x not in levels]
    fit = (units["level"].isin(levels) | ((units["level"] == "school")
                                         & units["org_type"].isin(types)))
    chosen = units[fit.to_numpy()]
    return list(zip(chosen.index.tolist(), chosen["name"].tolist()))


def _in_round(t: Target, year: int, ev: Evaluator) -> bool:
    """Targets judged in ``year``: those of the year and later ones (for their trajectory —
    unless the plan sets a value for this year, whose own target is judged instead, so a gap
    is not counted twice); milestones of the year, and earlier ones still not done."""
    if t.kind == "milestone":
        return t.year == year or (t.year < year and (t.org, t.code) not in ev.milestones)
    if t.is_national or t.year == year:
        return True
    return t.year > year and not ev.has_own_value(t, year)


def _defined_at(catalog: Catalog, t: Target, org: Org) -> bool:
    levels = catalog.indicators[t.indicator].levels
    return not levels or org.level in levels


