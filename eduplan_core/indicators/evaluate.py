"""Findings: every target a round judges (``targets.judged_targets``), against the actual value.

A finding is identified by (org, target code, year) — ``Finding.key`` — so a decision about it
can travel between workspaces later. For each: the actual value with numerator, denominator and
coverage; met or missed; the gap (absolute, and relative to the target); a severity
(forms/evaluation.toml); the change from the previous year; before the target year whether the
org is on track — against the plan's own value for this year where it gives one (that target is
then judged itself), else against a straight line from the first reported year to the final
target, in whole units for counts and rankings (rounded toward the target); what closes the
gap, to this year's pace and to the final target, each labelled ("按本年进度：需增加在园幼儿
64 人", "达到 2025 年目标：需增加在园幼儿 352 人"); and the explanations given with the data.
Lower-is-better targets (rankings) compare the other way.

A national standard holds in every year: its findings say 国家标准（每年适用）. The 优质均衡
school thresholds are judged through the standard's school rule (youzhi.section_verdict): a
school that meets the rule (≥ 6 of 7 at the threshold, the rest ≥ 85 %) is not short on the
indicator it is below — that finding is a note, 低于标准（学校整体达标，余项≥85%）. A milestone
is overdue once the as-of date has passed its deadline with no completion recorded, and 无数据
when the bureau reported nothing for it at all.

Findings that judge the same indicator and section of one unit in one round form a group
(``Finding.group``): the binding one leads (``binding``), the others say how they differ from
it (``group_note``). A bureau's findings come first, then those of each unit below, unit by
unit (the unit with the worst finding first); within a unit, group by group, worst first.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..catalog.model import Catalog, Indicator, Org, Target
from ..numbers_fmt import COUNT_UNITS, amount, count, plain, with_unit
from ..orgtree import OrgTree
from ..targets import (TargetRow, citation_text, group_rank, judged_targets, milestone_state,
                       requirement_text, series_key, target_label)
from ..texts import Text, join, text
from ..vocab import NOTABLE, SHORTFALLS, Relation, Severity, Status, Verdict, ranks
from .values import IndicatorValue, Key

WHOLE_KINDS = ("count", "ranking")  # their paces are whole numbers
BELOW_STANDARD_NOTE = text("低于标准（学校整体达标，余项≥85%）",
                           "Below the standard (the school meets the rule, the rest ≥ 85%)")
TO_STANDARD = text("达到标准", "To meet the standard")
AT_PACE = text("按本年进度", "At this year's pace")
YOUZHI_PLAN = "national_youzhi"


@dataclass(slots=True)
class Finding:
    org: str
    org_name: str
    target: str
    year: int
    indicator: str
    indicator_name: str
    section: str | None
    status: Status
    severity: Severity | None
    comparator: str
    target_value: float
    target_year: int
    unit: str
    direction: str
    kind: str
    binding: bool
    relation: Relation
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
    close: str | None = None  # close_pace and close_target together
    close_pace: str | None = None  # "按本年进度：需增加在园幼儿 64 人"
    close_target: str | None = None  # "达到 2025 年目标：需增加在园幼儿 352 人"
    explanation: str | None = None
    deadline: str | None = None
    done_on: str | None = None
    note: str | None = None  # the school rule's word on a 优质均衡 threshold
    label: str = ""  # 国家标准（每年适用） / 2025 年目标 / 里程碑
    requirement: str = ""  # 小学 ≥ 4.2 人 / ≥ 99% / 2024-09-30 前完成
    citation: str = ""  # 《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）
    excerpt: str = ""  # the source file is a summary of the document: what it is
    group: str = ""  # org/indicator/section/year: the findings judging the same thing
    group_size: int = 1
    group_note: str | None = None  # a member's difference from the binding finding
    quote: str = ""
    reading: str | None = None  # the quote as read where OCR damaged it (Target.reading)
    document: str = ""
    issuer: str = ""
    date: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.org, self.target, self.year)

    @property
    def key_text(self) -> str:
        return f"{self.org}/{self.target}/{self.year}"

    @property
    def is_shortfall(self) -> bool:
        return self.status in SHORTFALLS

    @property
    def is_notable(self) -> bool:
        """A shortfall, or a note worth reading with them (an indicator below the standard in
        a school that meets the school rule)."""
        return self.status in NOTABLE

    @property
    def status_text(self) -> str:
        """The status in words, with the school rule's note where there is one."""
        if self.status == Status.BELOW_STANDARD:
            return self.note or BELOW_STANDARD_NOTE
        status = Status(self.status)
        return Text(status.zh, status.en)

    @property
    def quote_shown(self) -> bool:
        """Whether the quote is the document's own wording (not a summary's table row)."""
        return bool(self.quote) and not self.excerpt

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["key"] = self.key_text
        d["status_name"] = Status(self.status).zh
        d["source"] = {"document": d.pop("document"), "issuer": d.pop("issuer"),
                       "date": d.pop("date"), "quote": d.pop("quote"),
                       "reading": d.pop("reading"), "citation": d.pop("citation"),
                       "excerpt": d.pop("excerpt") or None}
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


def severity(settings: dict, t: Target, gap: float | None, *, behind: bool = False) -> Severity:
    sev = settings["severity"]
    if t.kind == "ranking" and gap is not None:
        places = abs(gap)
        level = (Severity.CRITICAL if places >= sev["ranking_critical_places"] else
                 Severity.MAJOR if places >= sev["ranking_major_places"] else Severity.MINOR)
    else:
        rel = abs(gap) / abs(t.value) * 100 if gap is not None and t.value else 100.0
        level = (Severity.CRITICAL if rel >= sev["critical"] else
                 Severity.MAJOR if rel >= sev["major"] else Severity.MINOR)
    if behind:  # one step milder: the target year has not come yet
        level = Severity.MAJOR if level == Severity.CRITICAL else Severity.MINOR
    return level


def close_text(ind: Indicator, t: Target, v: IndicatorValue) -> Text | None:
    """What would bring ``v`` to ``t`` (a higher-is-better target), in units a principal acts
    on: "需增加县级以上骨干教师 3 名" (the numerator needed at today's denominator)."""
    if t.direction != "higher" or v.value is None or not ind.close:
        return None
    if ind.compute == "ratio" and v.denominator and v.numerator is not None:
        need = t.value * v.denominator / ind.scale - v.numerator
    elif ind.compute == "sum":
        need = t.value - v.value
    elif ind.compute == "youzhi_share" and v.denominator and v.numerator is not None:
        need = t.value * v.denominator / 100 - v.numerator
    else:
        return None
    if need <= 1e-9:
        return None
    unit = ind.close_unit or t.unit
    # in English a counted thing needs no measure word (3 more teachers, not 3 名 more …)
    much = Text(amount(need, unit), count(need) if unit in COUNT_UNITS else amount(need, unit))
    return text("需增加{what} {amount}", "{amount} more {what}", what=ind.close, amount=much)


def _met(v: IndicatorValue | None, t: Target) -> bool:
    """A reported value meets the target (a yes/no read from a form)."""
    return v is not None and v.value is not None and meets(v.value, t)


def whole_toward(x: float, start: float, goal: float) -> float:
    """A pace in whole units, rounded toward the target (0.5 所 on the way up is 1 所)."""
    return float(math.ceil(x - 1e-9) if goal >= start else math.floor(x + 1e-9))


class Evaluator:
    def __init__(self, catalog: Catalog, tree: OrgTree, values: dict[Key, IndicatorValue],
                 *, as_of: dt.date, milestones: dict[tuple[str, str], str] | None = None,
                 explanations: dict[tuple[str, int], dict[str, str]] | None = None,
                 reports: set[tuple[str, int]] | None = None):
        self.catalog = catalog
        self.tree = tree
        self.values = values
        self.as_of = as_of
        self.milestones = milestones or {}  # (org, target code) -> completion date
        self.reports = reports  # (org, year) with a milestones form; None: not known
        self.explanations = explanations or {}  # (org, year) -> field -> text
        self.settings = catalog.evaluation
        self._plan_values: dict[tuple, dict[int, float]] = {}
        for t in catalog.targets:
            self._plan_values.setdefault(series_key(t), {})[t.year] = t.value
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
        # the 优质均衡 school rule: each section's thresholds, and the rule's settings
        plan = catalog.plans.get(YOUZHI_PLAN)
        self._youzhi: dict[str, list[Target]] = {}
        self._rule_settings = (6, 85.0)
        if plan is not None:
            for t in plan.targets:
                if t.applies_to == "each" and t.section:
                    self._youzhi.setdefault(t.section, []).append(t)
            self._rule_settings = (plan.settings.get("school_rule_min_met", 6),
                                   plan.settings.get("school_rule_floor_percent", 85))
        self._rules: dict[tuple[str, str, int], tuple[Verdict, int, int]] = {}

    def value(self, org: str, t: Target, year: int) -> IndicatorValue | None:
        return self.values.get((org, t.indicator, t.section, year))

    def first_reported(self, org: str, t: Target) -> tuple[int, float] | None:
        return self._first.get((org, t.indicator, t.section))

    def left_out(self, code: str, t: Target, year: int, teaching_points=()) -> bool:
        """A registered 教学点 with fewer pupils than the 优质均衡 standard's setting is not held
        to the standard's school thresholds, as in the school rule."""
        if t.plan != YOUZHI_PLAN or not t.section or code not in teaching_points:
            return False
        small = self.catalog.plans[t.plan].settings.get("exclude_teaching_points_below", 0)
        v = self.value(code, t, year)
        return bool(v and v.denominator is not None and v.denominator < small)

    def has_own_value(self, t: Target, year: int) -> bool:
        """Does the plan set this target's series for ``year`` too (so that target is judged,
        not this one's trajectory)?"""
        return year in self._plan_values.get(series_key(t), {})

    def expected_at(self, org: str, t: Target, year: int) -> float | None:
        """The plan's own value for ``year`` if it gives one; else the straight line from the
        first reported year's actual to the final target — in whole units for counts and
        rankings, rounded toward the target."""
        own = self._plan_values.get(series_key(t), {}).get(year)
        if own is not None:
            return own
        first = self.first_reported(org, t)
        if first is None or first[0] >= t.year or year <= first[0]:
            return None
        y0, v0 = first
        line = v0 + (t.value - v0) * (year - y0) / (t.year - y0)
        return whole_toward(line, v0, t.value) if t.kind in WHOLE_KINDS else line

    def school_rule(self, code: str, section: str, year: int) -> tuple[Verdict, int, int]:
        """The 优质均衡 school rule on one section of one school: (达标 | 未达标 | 数据不全,
        thresholds reached, thresholds)."""
        key = (code, section, year)
        cached = self._rules.get(key)
        if cached is None:
            from .youzhi import section_verdict

            pairs = []
            for t in self._youzhi.get(section, ()):
                v = self.value(code, t, year)
                pairs.append((None if v is None else v.value, t.value))
            verdict, met = section_verdict(pairs, *self._rule_settings)
            cached = self._rules[key] = (verdict, met, len(pairs))
        return cached

    def _has_section(self, code: str, section: str, year: int) -> bool:
        return any((code, t.indicator, section, year) in self.values
                   for t in self._youzhi.get(section, ()))

    def row_base(self, row: TargetRow, year: int) -> dict:
        """The parts of a finding that come from its target (the same for every unit)."""
        t = row.target
        ind = self.catalog.indicators[t.indicator]
        return dict(
            target=t.code, year=year, indicator=t.indicator, indicator_name=ind.name,
            section=t.section, comparator=t.comparator, target_value=t.value,
            target_year=t.year, unit=t.unit, direction=t.direction, kind=t.kind,
            binding=row.binding, relation=row.relation, plan=t.plan, plan_name=row.plan_name,
            quote=t.quote, reading=t.reading or None, document=row.document_title,
            issuer=row.issuer, date=row.date,
            deadline=t.deadline.isoformat() if t.deadline else None,
            label=target_label(t), requirement=requirement_text(t),
            citation=citation_text(row.document_title, row.document_number),
            excerpt=row.excerpt)

    def judge(self, unit: Org | str, row: TargetRow, year: int, name: str | None = None,
              row_base: dict | None = None) -> Finding:
        """``unit`` is an Org or, from a frame, its code (with ``name``)."""
        if isinstance(unit, str):
            code = unit
            if name is None:
                org = self.tree.get(code)
                name = (org.attrs_at(year).name if org.is_school else org.name) if org else code
        else:
            code = unit.code
            if name is None:
                name = unit.attrs_at(year).name if unit.is_school else unit.name
        t = row.target
        ind = self.catalog.indicators[t.indicator]
        base = {**(row_base or self.row_base(row, year)), "org": code, "org_name": name}
        if t.kind == "not_collected" or ind.compute == "none":
            return Finding(status=(Status.NOT_COLLECTED if t.kind == "not_collected"
                                   else Status.NO_FORMULA),
                           severity=None, **base)
        if ind.compute == "milestone":
            known = None if self.reports is None else any(
                (t.org, y) in self.reports for y in range(t.year, year + 1))
            return self._milestone(t, base, self.milestones.get((t.org, t.code)), known)
        if t.kind == "milestone":  # a dated yes/no read from a form (e.g. a county certified)
            years = [y for y in self._reported.get((code, t.indicator, t.section), ())
                     if y <= year]
            first = next((y for y in years if _met(self.value(code, t, y), t)), None)
            when = None if first is None else min(self.as_of, dt.date(first, 12, 31))
            return self._milestone(t, base, when.isoformat() if when else None, bool(years))
        v = self.value(code, t, year)
        prev = self.value(code, t, year - 1)
        previous = prev.value if prev else None
        explanation = self._explanation(code, year, ind, t.section)
        if v is None or v.value is None:
            return Finding(status=Status.NO_DATA, severity=None, previous=previous,
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
        to_target = TO_STANDARD if t.is_national else text(
            "达到 {year} 年目标", "To meet the {year} target", year=t.year)
        if year >= t.year or t.is_national:  # a national standard holds in every year
            if meets(actual, t):
                return Finding(status=Status.MET, severity=None, **common, **base)
            final = _labelled(to_target, close_text(ind, t, v))
            if t.plan == YOUZHI_PLAN and t.applies_to == "each" and t.section:
                verdict, met, total = self.school_rule(code, t.section, year)
                if verdict == Verdict.MEETS:
                    # the section meets the rule; a 九年一贯制 school's other section may not
                    others = [(s, self.school_rule(code, s, year)[0]) for s in self._youzhi
                              if s != t.section and self._has_section(code, s, year)]
                    failing = [text("{s}部{v}", "{s}: {v}", s=s, v=Text(v.zh, v.en))
                               for s, v in others if v != Verdict.MEETS]
                    note = BELOW_STANDARD_NOTE if not failing else text(
                        "低于标准（{section}部整体达标，余项≥85%；{failing}）",
                        "Below the standard (the {section} section meets the rule, the rest"
                        " ≥ 85%; {failing})", section=t.section,
                        failing=join(failing, "、", ", "))
                    return Finding(status=Status.BELOW_STANDARD, severity=None, note=note,
                                   close=final, close_target=final, **common, **base)
                note = (text("学校整体未达标（{section} {met}/{total} 项达到标准）",
                             "The school does not meet the rule ({section}: {met}/{total}"
                             " at the standard)", section=t.section, met=met, total=total)
                        if verdict == Verdict.FAILS else
                        text("学校{section}其余指标数据不全，尚不能按学校整体判断",
                             "The school's other {section} indicators lack data: it cannot"
                             " be judged by the school rule yet", section=t.section))
                return Finding(status=Status.MISSED, severity=severity(self.settings, t, gap),
                               note=note, close=final, close_target=final, **common, **base)
            return Finding(status=Status.MISSED, severity=severity(self.settings, t, gap),
                           close=final, close_target=final, **common, **base)
        expected = self.expected_at(code, t, year)
        if expected is None:
            # the first year: nothing to compare yet (on track only when already there)
            reached = meets(actual, t)
            return Finding(status=Status.ON_TRACK if reached else Status.PENDING, severity=None,
                           on_track=True if reached else None, **common, **base)
        probe = Target(**{**t.__dict__, "value": expected, "comparator": (
            "≤" if t.direction == "lower" else "≥")})
        on_track = meets(actual, probe)
        if on_track:
            return Finding(status=Status.ON_TRACK, severity=None, expected_now=expected,
                           on_track=True, **common, **base)
        pace = _labelled(AT_PACE, close_text(ind, probe, v))
        final = _labelled(to_target, close_text(ind, t, v))
        return Finding(status=Status.BEHIND,
                       severity=severity(self.settings, probe, actual - expected, behind=True),
                       expected_now=expected, on_track=False,
                       close=join([x for x in (pace, final) if x], "；", "; ") or None,
                       close_pace=pace, close_target=final, **common, **base)

    def _milestone(self, t: Target, base: dict, done: str | None,
                   reported: bool | None) -> Finding:
        state = milestone_state(t, self.as_of, done, reported)
        if state in (Status.MET, Status.DONE_LATE):
            return Finding(status=state, severity=Severity.MINOR if state == Status.DONE_LATE
                           else None, actual=1, done_on=done, **base)
        if state == Status.OVERDUE:
            return Finding(status=state, severity=Severity(self.settings["severity"][
                "milestone_overdue"]), actual=0, **base)
        if state == Status.NO_DATA:
            return Finding(status=state, severity=None, **base)
        return Finding(status=Status.PENDING, severity=None, actual=0, **base)

    def _explanation(self, org: str, year: int, ind: Indicator, section: str | None):
        texts = self.explanations.get((org, year))
        if not texts:
            return None
        formula = ind.formula_for(section) or ind.formula
        names = formula.names if formula else ()
        found = [texts[n] for n in sorted(names) if n in texts]
        return join(found, "；", "; ") or None


class Close(Text):
    """What closes a gap, labelled ("达到 2025 年目标：需增加在园幼儿 352 人"); ``need`` is the
    part after the label ("需增加在园幼儿 352 人"), for a list's narrow cell."""

    need: Text

    def __reduce__(self):
        return (_close, (str(self), self.en, self.need))


def _close(zh: str, en: str, need: Text) -> Close:
    obj = Close(zh, en)
    obj.need = need
    return obj


def _labelled(label: Text, what: Text | None) -> Close | None:
    if not what:
        return None
    labelled = text("{label}：{what}", "{label}: {what}", label=label, what=what)
    return _close(str(labelled), labelled.en, what)


def check(catalog: Catalog, tree: OrgTree, org: Org, year: int, values: dict[Key, IndicatorValue],
          *, as_of: dt.date, units=None, milestones: dict | None = None,
          explanations: dict | None = None, reports: set | None = None,
          rows: list[TargetRow] | None = None, subs: bool = True) -> list[Finding]:
    """Every finding of ``org`` and the units below it for ``year``: the org's own first, then
    each unit's (see the module's docstring). ``units``: the year's unit table (frame.py) — who
    is below ``org`` and of what type; ``rows``: ``judged_targets`` when already known;
    ``subs``: judge the bureaus below against their own plans."""
    ev = Evaluator(catalog, tree, values, as_of=as_of, milestones=milestones,
                   explanations=explanations, reports=reports)
    if rows is None:
        rows = judged_targets(catalog, tree, org, year, as_of=as_of, milestones=milestones,
                              reports=reports, subs=subs)
    if units is None:
        from .frame import unit_table

        units = unit_table(tree, org, year)
    from .youzhi import teaching_points

    points = set(units.index[teaching_points(units)].tolist())
    findings: list[Finding] = []
    for row in rows:
        t = row.target
        if row.scope not in ("self", "each"):  # a bureau below, against its own plan
            if row.scope in units.index:
                findings.append(ev.judge(row.scope, row, year))
            continue
        if t.applies_to == "aggregate":
            findings.append(ev.judge(org, row, year))
            continue
        base = ev.row_base(row, year)
        for code, name in each_units(units, t):
            if ev.left_out(code, t, year, points):
                continue
            findings.append(ev.judge(code, row, year, name, base))
    return arrange(findings, catalog, tree, org.code, year)


def arrange(findings: list[Finding], catalog: Catalog, tree: OrgTree, root: str,
            year: int) -> list[Finding]:
    """Group the findings (org, indicator, section, year), mark each group's binding one,
    word how the others differ, and order them: the root's own first, then unit by unit."""
    targets = {t.code: t for t in catalog.targets}
    groups: dict[str, list[Finding]] = {}
    add = groups.setdefault
    for f in findings:
        g = f"{f.org}/{f.indicator}/{f.section or ''}/{f.year}"
        if f.kind in ("milestone", "not_collected"):
            g += f"/{f.target}"
        f.group = g
        add(g, []).append(f)
    org_ranks: dict[str, dict[str, int]] = {}
    for members in groups.values():
        if len(members) == 1:
            members[0].binding, members[0].group_size, members[0].group_note = True, 1, None
            continue
        org = members[0].org
        if org not in org_ranks:
            ancestors = [a.code for a in tree.ancestors(org)]
            org_ranks[org] = {org: 0, **{a: i + 1 for i, a in enumerate(ancestors)}, "national": 99}
        members.sort(key=lambda f: group_rank(targets[f.target], year, org_ranks[org]))
        lead = members[0]
        for f in members:
            f.binding = f is lead
            f.group_size = len(members)
            f.group_note = None if f is lead else differs(f, lead)

    # each finding's own rank (computed once), its group's (the worst member's), its unit's
    sev, st = ranks(Severity), ranks(Status)
    ranked = [((sev.get(f.severity or "", len(sev)), st.get(f.status, len(st)),
                -(f.gap_relative or 0), f.target), f)
              for f in findings]
    group_rank_of: dict[str, tuple] = {}
    for r, f in ranked:
        worst = group_rank_of.get(f.group)
        if worst is None or r < worst:
            group_rank_of[f.group] = r
    unit_rank: dict[str, tuple] = {}
    for g, members in groups.items():
        org = members[0].org
        r = group_rank_of[g]
        if org not in unit_rank or r < unit_rank[org]:
            unit_rank[org] = r
    unit_rank[root] = ()  # the root's own findings come first
    ranked.sort(key=lambda rf: (rf[1].org != root, unit_rank[rf[1].org], rf[1].org,
                                group_rank_of[rf[1].group], rf[1].group, not rf[1].binding,
                                rf[0]))
    return [f for _, f in ranked]


def judged_how(f: Finding) -> Text:
    """How a finding is judged this round, in words."""
    if f.kind == "milestone":
        if f.deadline:
            return text("截止 {day}", "is due {day}", day=f.deadline)
        return text("{year} 年完成", "is to be done in {year}", year=f.target_year)
    if f.relation == Relation.NATIONAL:
        return text("是国家标准，每年按标准值判断",
                    "is a national standard, judged against its value every year")
    if f.year >= f.target_year:
        return text("{year} 年到期，按目标值判断", "is due in {year}, judged against its value",
                    year=f.target_year)
    if f.expected_now is not None:
        return text("{year} 年到期，本年按进度判断（应达 {expected}）",
                    "is due in {year}, judged this year by its pace (expected {expected})",
                    year=f.target_year, expected=with_unit(plain(f.expected_now, 2), f.unit))
    return text("{year} 年到期，本年尚无进度可比", "is due in {year}, no pace to compare with yet",
                year=f.target_year)


def differs(f: Finding, lead: Finding) -> Text:
    """Why a member of a group reads differently from the binding finding."""
    parts = []
    if (f.comparator, f.target_value) != (lead.comparator, lead.target_value):
        parts.append(text("目标值 {mine}，约束性目标 {theirs}",
                          "target value {mine}, binding target {theirs}",
                          mine=f.requirement, theirs=lead.requirement))
    mine, theirs = judged_how(f), judged_how(lead)
    if mine != theirs:
        def spaced(how: Text) -> Text:  # "本目标 2025 年到期", "本目标是国家标准"
            return text(" {how}" if how[:1].isdigit() else "{how}", "{how}", how=how)

        parts.append(text("本目标{mine}；约束性目标{theirs}",
                          "this target {mine}; the binding target {theirs}",
                          mine=spaced(mine), theirs=spaced(theirs)))
    if not parts:
        parts.append(text("与约束性目标（{lead}）相同，由{plan}另行设定",
                          "the same as the binding target ({lead}), set again by {plan}",
                          lead=lead.plan_name, plan=f.plan_name))
    return join(parts, "；", "; ")


def each_units(units, t: Target) -> list[tuple[str, str]]:
    """(code, name) of the units of an each-unit target's types in the unit table."""
    levels = [x for x in t.unit_types if x in ("county", "prefecture", "province")]
    types = [x for x in t.unit_types if x not in levels]
    fit = (units["level"].isin(levels) | ((units["level"] == "school")
                                         & units["org_type"].isin(types)))
    chosen = units[fit.to_numpy()]
    return list(zip(chosen.index.tolist(), chosen["name"].tolist()))
