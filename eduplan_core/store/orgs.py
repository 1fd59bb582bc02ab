"""Schools a bureau registers in its workspace, with their attributes per year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.model import (OWNERSHIPS, SCHOOL_STATUS, SCHOOL_TYPES, SCHOOL_YEARLY_ATTRS,
                             URBAN_RURAL, Org)
from ..errors import UsageError
from .org_rows import insert_schools
from .clock import now_iso
from .workspace import Workspace

SCHOOL_CODE = re.compile(r"^\d{10}$")


@dataclass(frozen=True)
class SchoolInput:
    """What a user gives to register a school (text as typed; checked by :func:`check_school`)."""

    code: str
    name: str
    parent: str
    type: str
    ownership: str = "公办"
    urban_rural: str = "乡村"
    contact: str = ""
    phone: str = ""
    paper: bool = False


def check_school(ws_orgs, s: SchoolInput) -> tuple[Org | None, list[str]]:
    """Return the school as an Org, or the list of Chinese reasons it cannot be registered."""
    errors = []
    code = (s.code or "").strip()
    if not SCHOOL_CODE.match(code):
        errors.append(f"学校代码“{s.code}”应为10位数字（学校标识码）")
    elif code in ws_orgs:
        errors.append(f"学校代码“{code}”已存在（{ws_orgs.get(code).name}）")
    if not (s.name or "").strip():
        errors.append("学校名称不能为空")
    parent = None
    try:
        parent = ws_orgs.resolve(s.parent)
        if parent.level != "county":
            errors.append(f"上级单位“{s.parent}”应为县（市、区）")
            parent = None
    except Exception as exc:  # OrgNotFound / AmbiguousOrg carry the Chinese message
        errors.append(getattr(exc, "message", str(exc)))
    for value, allowed, label in ((s.type, SCHOOL_TYPES, "学校类型"),
                                  (s.ownership, OWNERSHIPS, "办学性质"),
                                  (s.urban_rural, URBAN_RURAL, "城乡类别")):
        if value not in allowed:
            errors.append(f"{label}“{value}”无效（可用：{'、'.join(allowed)}）")
    phone = (s.phone or "").strip()
    if phone and not re.fullmatch(r"[0-9+\-\s()]{5,20}", phone):
        errors.append(f"联系电话“{phone}”格式不正确")
    if errors:
        return None, errors
    return Org(code=code, name=s.name.strip(), level="school", parent=parent.code,
               type=s.type, ownership=s.ownership, urban_rural=s.urban_rural,
               contact=(s.contact or "").strip() or None, phone=phone or None,
               paper=bool(s.paper), source="workspace"), []


def register_school(ws: Workspace, school: Org) -> None:
    _insert(ws, [school])


def register_schools(ws: Workspace, schools: list[Org]) -> None:
    """Insert all in one transaction."""
    _insert(ws, schools)


def _insert(ws: Workspace, schools: list[Org]) -> None:
    insert_schools(ws.db, schools, ws.operator)
    ws.invalidate_orgs()


def set_school_attr(ws: Workspace, code: str, year: int, attr: str, value) -> None:
    """Record that from ``year`` on, ``attr`` of a registered school is ``value``."""
    if attr not in SCHOOL_YEARLY_ATTRS:
        raise UsageError(f"属性“{attr}”不能按年变更（可用：{'、'.join(SCHOOL_YEARLY_ATTRS)}）",
                         f"attribute {attr} cannot change by year")
    allowed = {"type": SCHOOL_TYPES, "ownership": OWNERSHIPS, "urban_rural": URBAN_RURAL,
               "status": SCHOOL_STATUS}.get(attr)
    if allowed and value not in allowed:
        raise UsageError(f"“{value}”无效（可用：{'、'.join(allowed)}）", f"bad value {value}")
    if ws.db["orgs"].count_where("code = ?", [code]) == 0:
        raise UsageError(f"“{code}”不是本工作区登记的学校", f"{code} is not registered here")
    with ws.write():
        ws.db["org_history"].upsert(
            {"org": code, "year": year, "attr": attr,
             "value": None if value is None else str(int(value) if attr == "paper" else value),
             "recorded_at": now_iso(), "recorded_by": ws.operator},
            pk=("org", "year", "attr"))
    ws.invalidate_orgs()
