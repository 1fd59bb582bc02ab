"""Schools a bureau registers in its workspace, with their attributes per year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.model import SCHOOL_YEARLY_ATTRS, Org
from ..errors import UsageError
from ..inputs import check_year
from ..schoolattrs import YESNO_ATTRS, check_attr
from .clock import now_iso
from .org_rows import insert_schools
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
    teaching_point: bool | str = False  # a 教学点 (是/否/1/0): registered as a 小学
    parent_school: str = ""  # a 教学点's school: code or name of a registered school


TEACHING_POINT_TYPE = "小学"  # a 教学点 fills the 小学 form and is judged in the 小学 section


def check_school(ws_orgs, s: SchoolInput, also: dict[str, Org] | None = None
                 ) -> tuple[Org | None, list[str]]:
    """Return the school as an Org, or the list of Chinese reasons it cannot be registered.
    ``also``: schools of the same list not registered yet (by code and by name) — a 教学点's
    school may be one of them."""
    errors = []
    code = (s.code or "").strip()
    if not SCHOOL_CODE.match(code):
        errors.append(f"学校代码“{s.code}”应为10位数字（学校标识码）")
    elif code in ws_orgs:
        errors.append(f"学校代码“{code}”已存在（{ws_orgs.get(code).name}）")
    kept: dict = {}  # the values as kept, by the same rule as `orgs set` (schoolattrs)
    for attr, default in (("name", ""), ("type", ""), ("ownership", ""), ("urban_rural", ""),
                          ("paper", False), ("teaching_point", False)):
        given = getattr(s, attr)
        kept[attr], reason = check_attr(attr, default if given is None else given, ws_orgs,
                                        code)
        if reason:
            errors.append(reason)
    parent = None
    try:
        parent = ws_orgs.resolve(s.parent)
        if parent.level != "county":
            errors.append(f"上级单位“{s.parent}”应为县（市、区）")
            parent = None
    except Exception as exc:  # OrgNotFound / AmbiguousOrg carry the Chinese message
        errors.append(getattr(exc, "message", str(exc)))
    phone = (s.phone or "").strip()
    if phone and not re.fullmatch(r"[0-9+\-\s()]{5,20}", phone):
        errors.append(f"联系电话“{phone}”格式不正确")
    errors += _check_teaching_point(ws_orgs, kept, s, code, parent, also or {})
    if errors or parent is None:
        return None, errors
    return Org(code=code, name=kept["name"], level="school", parent=parent.code,
               type=kept["type"], ownership=kept["ownership"], urban_rural=kept["urban_rural"],
               contact=(s.contact or "").strip() or None, phone=phone or None,
               paper=kept["paper"], source="workspace",
               teaching_point=bool(kept["teaching_point"]),
               parent_school=kept.get("parent_school")), []


def _check_teaching_point(ws_orgs, kept: dict, s: SchoolInput, code: str, parent,
                          also: dict[str, Org]) -> list[str]:
    """A 教学点 is registered as a 小学; its school (if given) is a school of the same county,
    registered or in the same list. Sets ``kept["parent_school"]``."""
    errors = []
    point = kept.get("teaching_point")
    if point and kept.get("type") and kept["type"] != TEACHING_POINT_TYPE:
        errors.append(f"教学点应登记为“{TEACHING_POINT_TYPE}”类型（填报小学基表），"
                      f"不是“{kept['type']}”")
    text = (s.parent_school or "").strip()
    if not text:
        return errors
    if not point:
        return errors + [f"所属学校“{text}”只用于教学点（教学点一栏填“是”）"]
    school = also.get(text)
    if school is None:
        kept_code, reason = check_attr("parent_school", text, ws_orgs, code)
        if reason:
            return errors + [reason]
        school = ws_orgs.get(kept_code)
    if school.code == code:
        return errors + ["所属学校不能是该教学点自己"]
    if parent is not None and school.parent != parent.code:
        errors.append(f"所属学校“{school.name}”不在{parent.name}")
    kept["parent_school"] = school.code
    return errors


def register_school(ws: Workspace, school: Org) -> None:
    _insert(ws, [school])


def register_schools(ws: Workspace, schools: list[Org]) -> None:
    """Insert all in one transaction."""
    _insert(ws, schools)


def _insert(ws: Workspace, schools: list[Org]) -> None:
    with ws.write():
        insert_schools(ws.db, schools, ws.operator)
        ws.audit("register_schools", {"schools": [s.code for s in schools]})
    ws.invalidate_orgs()


def set_school_attr(ws: Workspace, code: str, year: int, attr: str, value) -> None:
    """Record that from ``year`` on, ``attr`` of a registered school is ``value``. In a demo
    workspace a demo school is recorded here (with its catalogue history) on its first change,
    so the demo's schools can be changed like registered ones (e.g. designated 优质学校)."""
    if attr not in SCHOOL_YEARLY_ATTRS:
        raise UsageError(f"属性“{attr}”不能按年变更（可用：{'、'.join(SCHOOL_YEARLY_ATTRS)}）",
                         f"attribute {attr} cannot change by year")
    year = check_year(year)
    demo = None
    if ws.db["orgs"].count_where("code = ?", [code]) == 0:
        demo = ws.catalog.demo_schools.get(code) if ws.is_demo else None
        if demo is None:
            raise UsageError(f"“{code}”不是本工作区登记的学校", f"{code} is not registered here")
    # the same rule as registering (check_school): 纸质报送 是/否/1/0, a name, a known school
    value, reason = check_attr(attr, value, ws.orgs, code)
    if reason:
        raise UsageError(reason, f"invalid value for {attr}")
    school = ws.orgs.get(code)
    assert school is not None  # registered, or a demo school (checked above)
    now = school.attrs_at(year)
    if (attr == "teaching_point" and value and now.type != TEACHING_POINT_TYPE) or (
            attr == "type" and value != TEACHING_POINT_TYPE and now.teaching_point):
        raise UsageError(f"教学点应为“{TEACHING_POINT_TYPE}”类型：先改类型或先取消教学点",
                         "a teaching point is a 小学")
    with ws.write():
        if demo is not None:
            insert_schools(ws.db, [demo], ws.operator)
            for change_year, changes in demo.history:
                for name, old in changes:
                    _history(ws, code, change_year, name, old)
        _history(ws, code, year, attr, value)
        ws.audit("school_attr", {"school": code, "year": year, "attr": attr,
                                 "value": None if value is None else str(value)})
    ws.invalidate_orgs()


def _history(ws: Workspace, code: str, year: int, attr: str, value) -> None:
    ws.db.table("org_history").upsert(
        {"org": code, "year": year, "attr": attr,
         "value": None if value is None else str(int(value) if attr in YESNO_ATTRS else value),
         "recorded_at": now_iso(), "recorded_by": ws.operator},
        pk=("org", "year", "attr"))
