"""Schools arriving in a setup file or a bundle: added to the register, attributes per year.

A bureau is the authority for the schools below it: a school line is taken only for a
school below the unit that sent it (``below``). An unknown school is registered (source
``received``); a known one gets the attributes the line carries per year (``org_history``,
keyed by school, year and attribute) and its base row follows the line. The writes join the
caller's transaction.
"""

from __future__ import annotations

from typing import Any

from ..catalog.model import SCHOOL_YEARLY_ATTRS, Org
from ..schoolattrs import YESNO_ATTRS
from ..store import exchange_rows as rows
from ..store.workspace import Workspace

RECEIVED = "received"
_BASE = ("name", "parent", "type", "ownership", "urban_rural", "contact", "phone", "paper",
         "teaching_point", "parent_school")


def org_from_line(line: dict[str, Any]) -> Org:
    history: dict[int, dict[str, Any]] = {}
    for year, attr, value in line.get("history") or []:
        history.setdefault(int(year), {})[str(attr)] = value
    return Org(code=str(line["code"]), name=str(line["name"]), level="school",
               parent=line["parent"], type=line["school_type"], ownership=line["ownership"],
               urban_rural=line["urban_rural"], contact=line["contact"], phone=line["phone"],
               paper=bool(line["paper"]), teaching_point=bool(line["teaching_point"]),
               parent_school=line["parent_school"], source=RECEIVED,
               history=tuple((y, tuple(sorted(c.items()))) for y, c in sorted(history.items())))


def _stored(attr: str, value: Any) -> str | None:
    if value is None:
        return None
    return str(int(bool(value))) if attr in YESNO_ATTRS else str(value)


def line_problem(line: dict[str, Any]) -> str | None:
    """Why a school line cannot be used (a forged or damaged one), or None."""
    texts_raw = [line.get(k) for k in ("code", "name", "parent", "school_type", "ownership",
                                       "urban_rural")]
    if not all(isinstance(t, str) and t for t in texts_raw):
        return f"学校 {str(line.get('code'))[:20]} 的记录不完整"
    try:
        org = org_from_line(line)
    except (KeyError, TypeError, ValueError):
        return "学校记录不完整"
    texts = (org.code, org.name, org.parent, org.type, org.ownership, org.urban_rural)
    if not all(isinstance(t, str) and t for t in texts):
        return f"学校 {org.code} 的记录不完整"
    for _, changes in org.history:
        for attr, _value in changes:
            if attr not in SCHOOL_YEARLY_ATTRS:
                return f"学校 {org.code} 的年度属性“{attr}”未知"
    return None


def merge_schools(ws: Workspace, lines: list[dict[str, Any]], *, below: str, at: str,
                  by: str) -> int:
    """Register or update the schools of ``lines`` that are below ``below`` (others are
    skipped); returns how many schools were added or changed."""
    changed: set[str] = set()
    new: list[Org] = []
    history_rows: list[tuple[str, int, str, str | None]] = []
    for line in sorted(lines, key=lambda x: str(x.get("code"))):
        org = org_from_line(line)
        parent = org.parent or ""
        if ws.orgs.get(parent) is None or not (parent == below
                                               or ws.orgs.is_below(parent, below)):
            continue
        known = ws.orgs.get(org.code)
        if known is not None and known.source == "catalog":
            continue  # a unit of forms/ (never a school in practice)
        row = rows.school_row(ws, org.code)
        if row is None:
            new.append(org)
            changed.add(org.code)
            history: dict[tuple[int, str], str | None] = {}
        else:
            base = {"name": org.name, "parent": org.parent, "type": org.type,
                    "ownership": org.ownership, "urban_rural": org.urban_rural,
                    "contact": org.contact, "phone": org.phone, "paper": int(org.paper),
                    "teaching_point": int(org.teaching_point),
                    "parent_school": org.parent_school}
            diff = {k: v for k, v in base.items() if row.get(k) != v}
            if diff:
                rows.update_school(ws, org.code, diff)
                changed.add(org.code)
            history = rows.school_history(ws, org.code)
        for year, changes in org.history:
            for attr, value in changes:
                if (year, attr) not in history or history[(year, attr)] != _stored(attr, value):
                    history_rows.append((org.code, year, attr, _stored(attr, value)))
                    changed.add(org.code)
    if new:
        rows.add_schools(ws, new, by)
    for code, year, attr, value in history_rows:
        rows.set_school_history(ws, code, year, attr, value, at, by)
    ws.invalidate_orgs()
    return len(changed)
