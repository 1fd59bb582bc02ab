"""Which targets apply to an org: its own, its parents', and the national standards'; and which
of them a check of one round judges.

A parent's aggregate target is inherited by the units below when it is a rate, a ratio or a
level (a county's 普惠性幼儿园覆盖率 is held to 云南省's 90% as well as its own), not when it is
a total, a ranking or a milestone of the parent's own; an indicator defined only at some levels
(优质均衡县占比: prefecture and province) applies only there. Each-unit targets apply to every
unit of the listed types below — and to the org itself when it is of one of those types (云南省's
"each county" target judges 东川区's own roll-up, as 东川区's own target does).

**Who binds.** Targets that judge the same thing — the same indicator, section and units — form
one group; the stricter binds (the higher value, or the lower for rankings); on a tie the one
due soonest (a national standard is due every year), then the org's own plan, then the nearest
parent. ``targets_for`` groups by target year; ``judged_targets`` groups the targets judged in
one round, whatever their year (东川区's 2024 平安校园 target binds in 2024 over 云南省's 2025 one
of the same value, which is judged there by its trajectory).

**What a round judges** (``judged_targets``, the one list both ``eduplan check`` and
``eduplan targets --year`` use): the targets of the year; later ones by their trajectory unless
the plan sets a value for the year itself (then that one is judged, so a gap is not counted
twice); national standards, which hold every year; milestones of the year, and earlier ones not
yet done; for a bureau, the bureaus below it against their own plans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .catalog.model import Catalog, Org, Target
from .inputs import check_year
from .numbers_fmt import plain, with_unit
from .orgtree import OrgTree
from .texts import Text, text
from .vocab import Relation, Status

# how a target is judged in a round (``judged_targets``)
JUDGED_NAMES = {"standing": text("国家标准（每年适用）", "National standard (every year)"),
                "due": text("本年到期", "Due this year"),
                "pace": text("本年看进度", "Judged by this year's pace"),
                "milestone": text("里程碑", "Milestone"),
                "carried": text("往年里程碑（未完成）", "Earlier milestone (not done)"),
                "not_collected": text("不采集", "Not collected")}
# a milestone's state in words (a met milestone is 已完成, not the finding's 已达标)
MILESTONE_STATES = {Status.MET: text("已完成", "Done"),
                    **{s: text(s.zh, s.en) for s in (Status.DONE_LATE, Status.PENDING,
                                                     Status.OVERDUE, Status.NO_DATA)}}
NATIONAL_ORG = text("全国（国家标准）", "National (national standard)")

@dataclass(frozen=True)
class TargetRow:
    target: Target
    plan_name: str
    org_name: str
    indicator_name: str
    relation: Relation
    binding: bool
    document_title: str
    issuer: str
    date: str
    overdue: bool | None = None  # milestones: deadline passed (as of the given date)
    document_number: str = ""  # 文号
    excerpt: str = ""  # the source file is a summary of the document: what it is
    scope: str = "self"  # self: the org's own roll-up; each: every unit of unit_types below;
    #                      else the code of a bureau below, judged against its own plan
    judged: str | None = None  # judged_targets: standing | due | pace | milestone | carried
    #                            | not_collected
    state: Status | None = None  # milestones: met | done_late | pending | overdue | no_data

    @property
    def label(self) -> str:
        """When the target holds, in words: 国家标准（每年适用）, 2025 年目标, 里程碑."""
        return target_label(self.target)

    @property
    def requirement(self) -> str:
        return requirement_text(self.target)

    @property
    def citation(self) -> str:
        return citation_text(self.document_title, self.document_number)

    def to_dict(self) -> dict:
        t = self.target
        return {
            "code": t.code,
            "plan": {"code": t.plan, "name": self.plan_name},
            "org": {"code": t.org, "name": self.org_name},
            "indicator": {"code": t.indicator, "name": self.indicator_name},
            "relation": self.relation,
            "applies_to": t.applies_to,
            "unit_types": list(t.unit_types),
            "section": t.section,
            "year": t.year,
            "label": self.label,
            "comparator": t.comparator,
            "value": t.value,
            "tolerance": t.tolerance,
            "unit": t.unit,
            "requirement": self.requirement,
            "direction": t.direction,
            "kind": t.kind,
            "deadline": t.deadline.isoformat() if t.deadline else None,
            "deadline_passed": self.overdue,
            "milestone_state": self.state,
            "why": t.why or None,
            "reading": t.reading or None,
            "binding": self.binding,
            "scope": self.scope,
            "judged": self.judged,
            "source": {"document": self.document_title, "number": self.document_number or None,
                       "issuer": self.issuer, "date": self.date, "quote": t.quote,
                       "excerpt": self.excerpt or None},
        }


# -- words shared by the check, the target list and the desktop -----------------------------------
def target_label(t: Target) -> Text:
    if t.is_national:
        return JUDGED_NAMES["standing"]
    if t.kind == "milestone":
        return JUDGED_NAMES["milestone"]
    return text("{year} 年目标", "{year} target", year=t.year)


def requirement_text(t: Target) -> Text:
    """What the target asks, in words: 小学 ≥ 4.2 人, ≥ 99%, 2024-09-30 前完成."""
    if t.kind == "milestone":
        if t.deadline:
            return text("{day} 前完成", "Due {day}", day=t.deadline.isoformat())
        return text("{year} 年完成", "To be done in {year}", year=t.year)
    if t.kind == "not_collected":
        return JUDGED_NAMES["not_collected"]
    if t.unit == "是/否":
        asked = text("是", "Yes") if t.value >= 0.5 else text("否", "No")
    else:
        asked = text(with_unit(f"{t.comparator} {plain(t.value)}", t.unit), "")
        if t.comparator == "≈" and t.tolerance:
            asked = text("{asked}（±{tol}）", "{asked} (±{tol})", asked=asked,
                         tol=plain(t.tolerance))
    return text("{section} {asked}", "{section} {asked}", section=t.section,
                asked=asked) if t.section else asked


def citation_text(title: str, number: str = "") -> str:
    """《title》（number）; a title that already names a document keeps its own marks."""
    name = title if "《" in title else f"《{title}》"
    return f"{name}（{number}）" if number else name


def milestone_state(t: Target, as_of: dt.date, done_on: str | None,
                    reported: bool | None = None) -> Status:
    """met / done_late (a completion date on or before ``as_of``), pending (not yet due),
    overdue, or no_data when the deadline has passed and the bureau reported nothing at all
    (``reported`` False; None: not known, taken as reported)."""
    done = dt.date.fromisoformat(done_on) if done_on else None
    if done is not None and done <= as_of:
        return Status.DONE_LATE if t.deadline and done > t.deadline else Status.MET
    if t.deadline is None or as_of <= t.deadline:
        return Status.PENDING
    return Status.NO_DATA if reported is False else Status.OVERDUE


# -- which targets apply -----------------------------------------------------------------------
# a parent's target for its own roll-up binds the units below only where it is a rate or a
# ratio of the same definition; a parent's count, money total, ranking or milestone is its own
INHERITED_KINDS = ("rate", "ratio", "level")


def _applies(t: Target, org: Org, relation: Relation, year_type: str | None,
             levels: tuple[str, ...]) -> bool:
    if relation == Relation.OWN:
        return True
    if levels and org.level not in levels:  # e.g. 优质均衡县占比 means nothing for one county
        return False
    if relation == Relation.INHERITED:
        if t.applies_to == "aggregate":
            return not org.is_school and t.kind in INHERITED_KINDS
        return year_type in t.unit_types if org.is_school else True
    # national standard
    level = t.applies_to_level
    if t.applies_to == "aggregate":
        return org.level == level
    if org.is_school:
        return year_type in t.unit_types
    return True  # a bureau oversees every unit below it


def scope_of(t: Target, org: Org) -> str:
    """self when the target judges the org's own roll-up (its aggregate target, or an
    each-unit target for units of the org's own kind), else each."""
    if t.applies_to == "aggregate" or org.is_school or org.level in t.unit_types:
        return "self"
    return "each"


def targets_for(catalog: Catalog, tree: OrgTree, org: Org, *, year: int | None = None,
                indicator: str | None = None, as_of: dt.date | None = None,
                attrs_year: int | None = None) -> list[TargetRow]:
    """Every target that applies to ``org`` (``year`` keeps only that year's). A school's type
    is taken as of ``attrs_year`` (default ``year``, else the current year), so a school that
    changed type keeps the thresholds of what it was. ``binding``: the strictest of its group
    of the same target year."""
    if year is not None:
        check_year(year)
    rank = _ranks(tree, org)
    year_type = None
    if org.is_school:
        year_type = org.attrs_at(attrs_year or year or dt.date.today().year).type
    picked: list[tuple[Target, Relation]] = []
    for plan in catalog.plans.values():
        for t in plan.targets:
            if year is not None and t.year != year:
                continue
            if indicator is not None and t.indicator != indicator:
                continue
            if t.org == org.code:
                relation = Relation.OWN
            elif t.org in rank:
                relation = Relation.NATIONAL if t.org == "national" else Relation.INHERITED
            else:
                continue
            if _applies(t, org, relation, year_type, catalog.indicators[t.indicator].levels):
                picked.append((t, relation))
    picked.sort(key=lambda p: (p[0].year, p[0].indicator, rank[p[0].org], p[0].code))
    rows = [_row(catalog, tree, t, relation, org, as_of) for t, relation in picked]
    binding = _binding(rows, rank, None)
    return [replace(r, binding=r.target.code in binding) for r in rows]


def judged_targets(catalog: Catalog, tree: OrgTree, org: Org, year: int, *, as_of: dt.date,
                   milestones: dict[tuple[str, str], str] | None = None,
                   reports: set[tuple[str, int]] | None = None,
                   indicator: str | None = None, subs: bool = True) -> list[TargetRow]:
    """The targets a check of ``org`` for ``year`` judges (see the module's docstring), each
    with how it is judged, its scope and — within its group — whether it binds. ``milestones``:
    (org, target) → the date a milestone was reported done; ``reports``: the (org, year)s with
    a milestones form (None: not known). ``subs``: include the bureaus below (their own
    plans' targets for their own roll-up)."""
    check_year(year)
    milestones = milestones or {}
    own_years = _plan_years(catalog)
    rows: list[TargetRow] = []
    judged_orgs: list[tuple[Org, str | None]] = [(org, None)]
    if subs and not org.is_school:
        judged_orgs += [(sub, sub.code) for sub in tree.descendants(org.code)
                        if sub.level in ("county", "prefecture")]
    for unit, sub_scope in judged_orgs:
        for r in targets_for(catalog, tree, unit, indicator=indicator, as_of=as_of,
                             attrs_year=year):
            t = r.target
            if sub_scope is not None and (r.relation != Relation.OWN
                                          or t.applies_to != "aggregate"):
                continue
            how = _judged_how(t, year, own_years, milestones)
            if how is None:
                continue
            scope = sub_scope or scope_of(t, unit)
            if scope == "self" and t.applies_to == "aggregate" and not _defined_at(
                    catalog, t, unit):
                continue
            state = None
            if t.kind == "milestone" and catalog.indicators[t.indicator].compute == "milestone":
                known = None if reports is None else any(
                    (t.org, y) in reports for y in range(t.year, year + 1))
                state = milestone_state(t, as_of, milestones.get((t.org, t.code)), known)
            rows.append(replace(r, scope=scope, judged=how, state=state))
    rank = _ranks(tree, org)
    for r in rows:
        rank.setdefault(r.target.org, 50)
    binding = _binding(rows, rank, year)
    return [replace(r, binding=r.target.code in binding) for r in rows]


def merged_rows(rows: list[TargetRow]) -> list[tuple[TargetRow, list[TargetRow]]]:
    """A listing's rows: targets of one group that ask the same (year, comparator, value, kind)
    become one row — the binding one, with the others that set it too."""
    out: dict[tuple, tuple[TargetRow, list[TargetRow]]] = {}
    order: list[tuple] = []
    for r in sorted(rows, key=lambda r: not r.binding):
        t = r.target
        key = _group_key(r, None) + (t.year, t.comparator, t.value, t.tolerance, t.kind)
        if t.kind in ("milestone", "not_collected"):
            key = (t.code,)
        if key in out:
            out[key][1].append(r)
        else:
            out[key] = (r, [])
            order.append(key)
    keep = {id(r): i for i, r in enumerate(rows)}
    return sorted((out[k] for k in order), key=lambda pair: keep[id(pair[0])])


def group_rank(t: Target, year: int | None, rank: dict[str, int]) -> tuple:
    """Sort key of the targets of one group, the binding one first: the stricter value, then
    the one due soonest (a national standard is due in every round), then the nearest plan."""
    strict = t.value if t.direction == "lower" else -t.value
    due = 0 if year is None or t.is_national or t.year <= year else 1
    return (strict, due, t.year, rank.get(t.org, 50), t.code)


def _group_key(r: TargetRow, year: int | None) -> tuple:
    t = r.target
    if t.kind in ("milestone", "not_collected"):
        return (t.code,)
    key: tuple = (r.scope, t.indicator, t.section or "")
    if r.scope == "each":
        key += (tuple(sorted(t.unit_types)),)
    if year is None:
        key += (t.year,)
    return key


def _binding(rows: list[TargetRow], rank: dict[str, int], year: int | None) -> set[str]:
    groups: dict[tuple, list[Target]] = {}
    for r in rows:
        groups.setdefault(_group_key(r, year), []).append(r.target)
    return {min(members, key=lambda t: group_rank(t, year, rank)).code
            for members in groups.values()}


def _ranks(tree: OrgTree, org: Org) -> dict[str, int]:
    ancestors = tree.ancestors(org.code)
    return {org.code: 0, **{a.code: i + 1 for i, a in enumerate(ancestors)}, "national": 99}


def _row(catalog: Catalog, tree: OrgTree, t: Target, relation: Relation, org: Org,
         as_of: dt.date | None) -> TargetRow:
    plan = catalog.plans[t.plan]
    doc = plan.documents[t.document]
    owner = tree.get(t.org)
    overdue = None
    if t.kind == "milestone" and t.deadline and as_of:
        overdue = as_of > t.deadline
    return TargetRow(target=t, plan_name=plan.name,
                     org_name=owner.name if owner else NATIONAL_ORG,
                     indicator_name=catalog.indicators[t.indicator].name, relation=relation,
                     binding=False, document_title=doc.title, issuer=doc.issuer,
                     date=doc.date, overdue=overdue, document_number=doc.number,
                     excerpt=doc.excerpt, scope=scope_of(t, org))


def _plan_years(catalog: Catalog) -> dict[tuple, set[int]]:
    out: dict[tuple, set[int]] = {}
    for t in catalog.targets:
        out.setdefault(series_key(t), set()).add(t.year)
    return out


def series_key(t: Target) -> tuple:
    """The targets of one plan that are the yearly values of one series."""
    return (t.plan, t.org, t.indicator, t.section, t.applies_to, t.kind)


def _judged_how(t: Target, year: int, own_years: dict[tuple, set[int]],
                milestones: dict[tuple[str, str], str]) -> str | None:
    if t.kind == "not_collected":
        return "not_collected" if t.is_national or t.year == year or (
            t.year > year and year not in own_years.get(series_key(t), ())) else None
    if t.kind == "milestone":
        if t.year == year:
            return "milestone"
        return "carried" if t.year < year and (t.org, t.code) not in milestones else None
    if t.is_national:
        return "standing"
    if t.year == year:
        return "due"
    if t.year > year and year not in own_years.get(series_key(t), ()):
        return "pace"
    return None


def _defined_at(catalog: Catalog, t: Target, org: Org) -> bool:
    levels = catalog.indicators[t.indicator].levels
    return not levels or org.level in levels
