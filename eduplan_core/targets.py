"""Which targets apply to an org: its own, its parents', and the national standards'.

A parent's aggregate target is inherited by the units below when it is a rate, a ratio or a
level (a county's 普惠性幼儿园覆盖率 is held to 云南省's 90% as well as its own), not when it is
a total, a ranking or a milestone of the parent's own; an indicator defined only at some levels
(优质均衡县占比: prefecture and province) applies only there. Each-unit targets apply to every
unit of the listed types below.

Where two plans set the same indicator for the same year (and section and scope), the stricter
one binds: the higher value for higher-is-better targets, the lower for lower-is-better ones
(rankings); on a tie the org's own plan, then the nearest parent, binds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalog.model import Catalog, Org, Target
from .inputs import check_year
from .orgtree import OrgTree


@dataclass(frozen=True)
class TargetRow:
    target: Target
    plan_name: str
    org_name: str
    indicator_name: str
    relation: str  # own | inherited | national
    binding: bool
    document_title: str
    issuer: str
    date: str
    overdue: bool | None = None  # milestones: deadline passed (as of the given date)

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
            "comparator": t.comparator,
            "value": t.value,
            "tolerance": t.tolerance,
            "unit": t.unit,
            "direction": t.direction,
            "kind": t.kind,
            "deadline": t.deadline.isoformat() if t.deadline else None,
            "deadline_passed": self.overdue,
            "why": t.why or None,
            "binding": self.binding,
            "source": {"document": self.document_title, "issuer": self.issuer,
                       "date": self.date, "quote": t.quote},
        }


# a parent's target for its own roll-up binds the units below only where it is a rate or a
# ratio of the same definition; a parent's count, money total, ranking or milestone is its own
INHERITED_KINDS = ("rate", "ratio", "level")


def _applies(t: Target, org: Org, relation: str, year_type: str | None,
             levels: tuple[str, ...]) -> bool:
    if relation == "own":
        return True
    if levels and org.level not in levels:  # e.g. 优质均衡县占比 means nothing for one county
        return False
    if relation == "inherited":
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


def targets_for(catalog: Catalog, tree: OrgTree, org: Org, *, year: int | None = None,
                indicator: str | None = None, as_of: dt.date | None = None,
                attrs_year: int | None = None) -> list[TargetRow]:
    """``year`` keeps only that year's targets; a school's type is taken as of ``attrs_year``
    (default ``year``, else the current year), so a school that changed type keeps the
    thresholds of what it was."""
    if year is not None:
        check_year(year)
    ancestors = tree.ancestors(org.code)
    rank = {org.code: 0, **{a.code: i + 1 for i, a in enumerate(ancestors)}, "national": 99}
    year_type = None
    if org.is_school:
        year_type = org.attrs_at(attrs_year or year or dt.date.today().year).type
    picked: list[tuple[Target, str]] = []
    for plan in catalog.plans.values():
        for t in plan.targets:
            if year is not None and t.year != year:
                continue
            if indicator is not None and t.indicator != indicator:
                continue
            if t.org == org.code:
                relation = "own"
            elif t.org in rank:
                relation = "national" if t.org == "national" else "inherited"
            else:
                continue
            if _applies(t, org, relation, year_type, catalog.indicators[t.indicator].levels):
                picked.append((t, relation))
    picked.sort(key=lambda p: (p[0].year, p[0].indicator, rank[p[0].org], p[0].code))
    binding = _binding(picked, rank)
    rows = []
    for t, relation in picked:
        plan = catalog.plans[t.plan]
        doc = plan.documents[t.document]
        ind = catalog.indicators[t.indicator]
        owner = tree.get(t.org)
        overdue = None
        if t.kind == "milestone" and t.deadline and as_of:
            overdue = as_of > t.deadline
        rows.append(TargetRow(target=t, plan_name=plan.name,
                              org_name=owner.name if owner else "全国（国家标准）",
                              indicator_name=ind.name, relation=relation,
                              binding=t.code in binding, document_title=doc.title,
                              issuer=doc.issuer, date=doc.date, overdue=overdue))
    return rows


def _binding(picked: list[tuple[Target, str]], rank: dict[str, int]) -> set[str]:
    groups: dict[tuple, list[Target]] = {}
    for t, _ in picked:
        if t.kind in ("milestone", "not_collected"):
            groups[(t.code,)] = [t]
            continue
        key = (t.indicator, t.year, t.section, t.applies_to,
               tuple(sorted(t.unit_types)) if t.applies_to == "each" else ())
        groups.setdefault(key, []).append(t)
    out = set()
    for members in groups.values():
        best = members[0]
        for t in members[1:]:
            if t.stricter_than(best) or (not best.stricter_than(t) and rank[t.org] < rank[best.org]):
                best = t
        out.add(best.code)
    return out
