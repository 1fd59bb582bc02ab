"""Schools a bureau registers in its workspace, with their attributes per year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..catalog.model import SCHOOL_YEARLY_ATTRS, Org
from ..errors import UsageError
from ..inputs import brief, check_year
from ..schoolattrs import YESNO_ATTRS, check_attr, reason_of
from ..texts import Text, join, text
from .clock import now_iso
from .org_rows import insert_schools
from .workspace import Workspace

SCHOOL_CODE = re.compile(r"^\d{10}$")
PHONE = re.compile(r"[0-9+\-\s()]{5,20}")
MAX_CONTACT = 50  # characters of a contact's name


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


def check_school(ws_orgs, s: SchoolInput, also: dict[str, Org] | None = None,
                 within: str | None = None) -> tuple[Org | None, list[str]]:
    """Return the school as an Org, or the list of reasons it cannot be registered (each a
    texts.Text: Chinese, with its English). ``also``: schools of the same list not registered
    yet (by code and by name) — a 教学点's school may be one of them. ``within``: the bureau
    registering (its code); the school's county must be it or below it, as for `orgs add`."""
    errors: list[str] = []  # each a texts.Text
    code = (s.code or "").strip()
    if not SCHOOL_CODE.match(code):
        errors.append(text("学校代码“{code}”应为10位数字（学校标识码）",
                           "School code \"{code}\" must be 10 digits (学校标识码)",
                           code=s.code))
    elif code in ws_orgs:
        errors.append(text("学校代码“{code}”已存在（{name}）",
                           "School code \"{code}\" is taken ({name})", code=code,
                           name=ws_orgs.get(code).name))
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
            errors.append(text("上级单位“{p}”应为县（市、区）",
                               "The unit above, \"{p}\", must be a county", p=s.parent))
            parent = None
        elif within and parent.code != within and not ws_orgs.is_below(parent.code, within):
            bureau = ws_orgs.get(within)
            name = bureau.name if bureau is not None else within
            errors.append(text("所属县“{p}”不在{name}辖区内（{name}只能登记本辖区的学校）",
                               "County \"{p}\" is not within {name} ({name} registers only "
                               "schools of its own area)", p=parent.name, name=name))
            parent = None
    except Exception as exc:  # OrgNotFound / AmbiguousOrg carry the Chinese message
        errors.append(reason_of(exc))
    phone = (s.phone or "").strip()
    errors += check_contact(s.contact, s.phone)
    errors += _check_teaching_point(ws_orgs, kept, s, code, parent, also or {})
    if errors or parent is None:
        return None, errors
    return Org(code=code, name=kept["name"], level="school", parent=parent.code,
               type=kept["type"], ownership=kept["ownership"], urban_rural=kept["urban_rural"],
               contact=(s.contact or "").strip() or None, phone=phone or None,
               paper=kept["paper"], source="workspace",
               teaching_point=bool(kept["teaching_point"]),
               parent_school=kept.get("parent_school")), []


def check_contact(contact: str | None, phone: str | None) -> list[str]:
    """Why a school's contact or phone cannot be kept (texts.Text reasons), or []."""
    errors: list[str] = []  # each a texts.Text
    name = (contact or "").strip()
    if len(name) > MAX_CONTACT:
        errors.append(text("联系人过长（{n} 个字符，最多 {most} 个）",
                           "Contact is too long ({n} characters, at most {most})",
                           n=len(name), most=MAX_CONTACT))
    phone = (phone or "").strip()
    if phone and not PHONE.fullmatch(phone):
        errors.append(text("联系电话“{phone}”格式不正确",
                           "Phone \"{phone}\" is not a phone number", phone=brief(phone)))
    return errors


def _check_teaching_point(ws_orgs, kept: dict, s: SchoolInput, code: str, parent,
                          also: dict[str, Org]) -> list[str]:
    """A 教学点 is registered as a 小学; its school (if given) is a school of the same county,
    registered or in the same list. Sets ``kept["parent_school"]``."""
    errors: list[str] = []  # each a texts.Text
    point = kept.get("teaching_point")
    if point and kept.get("type") and kept["type"] != TEACHING_POINT_TYPE:
        errors.append(text("教学点应登记为“{want}”类型（填报小学基表），不是“{got}”",
                           "A teaching point is registered as \"{want}\" (it fills the "
                           "小学 form), not \"{got}\"", want=TEACHING_POINT_TYPE,
                           got=kept["type"]))
    given = (s.parent_school or "").strip()
    if not given:
        return errors
    if not point:
        return errors + [text("所属学校“{s}”只用于教学点（教学点一栏填“是”）",
                              "Parent school \"{s}\" is only for a teaching point (教学点: 是)",
                              s=given)]
    school = also.get(given)
    if school is None:
        kept_code, reason = check_attr("parent_school", given, ws_orgs, code)
        if reason:
            return errors + [reason]
        school = ws_orgs.get(kept_code)
    if school.code == code:
        return errors + [Text("所属学校不能是该教学点自己",
                              "A teaching point cannot be its own parent school")]
    if parent is not None and school.parent != parent.code:
        errors.append(text("所属学校“{s}”不在{p}", "Parent school \"{s}\" is not in {p}",
                           s=school.name, p=parent.name))
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
    change_school(ws, code, year, {attr: value})


def check_school_change(ws_orgs, code: str, year: int, changes: dict[str, Any]
                        ) -> tuple[dict[str, Any], list[str]]:
    """``(values as kept, [])`` for changes of a school's yearly attributes from ``year`` on,
    or every Chinese reason they cannot be recorded — by the same rule as registering
    (:func:`check_school`, :func:`~eduplan_core.schoolattrs.check_attr`); a 教学点 stays a
    小学 whatever the changes are applied in."""
    reasons: list[str] = []
    kept: dict[str, Any] = {}
    for attr, value in changes.items():
        if attr not in SCHOOL_YEARLY_ATTRS:
            reasons.append(text("属性“{a}”不能按年变更（可用：{ok}）",
                                "Attribute \"{a}\" cannot change by year (one of: {ok_en})",
                                a=attr, ok="、".join(SCHOOL_YEARLY_ATTRS),
                                ok_en=", ".join(SCHOOL_YEARLY_ATTRS)))
            continue
        value, reason = check_attr(attr, value, ws_orgs, code)
        if reason:
            reasons.append(reason)
        else:
            kept[attr] = value
    school = ws_orgs.get(code)
    if school is not None and ("teaching_point" in kept or "type" in kept):
        now = school.attrs_at(year)
        point = kept.get("teaching_point", now.teaching_point)
        if point and kept.get("type", now.type) != TEACHING_POINT_TYPE:
            reasons.append(text("教学点应为“{want}”类型：先改类型或先取消教学点",
                                "A teaching point must be \"{want}\": change the type or "
                                "stop it being a teaching point first",
                                want=TEACHING_POINT_TYPE))
    return kept, reasons


def change_school(ws: Workspace, code: str, year: int | None, changes: dict[str, Any], *,
                  contact: str | None = None, phone: str | None = None) -> None:
    """Record, in one transaction, that from ``year`` on the yearly attributes ``changes``
    of a registered school hold (renamed, 停办/撤并 with ``merged_into``, ownership, 纸质报送,
    优质学校, …), and — not by year — its contact and phone (``None``: unchanged; "" clears).
    Every change is a row of the audit log. Nothing is recorded when any value is refused:
    the UsageError names every reason."""
    bad = [a for a in changes if a not in SCHOOL_YEARLY_ATTRS]
    if bad:
        raise UsageError(f"属性“{bad[0]}”不能按年变更（可用：{'、'.join(SCHOOL_YEARLY_ATTRS)}）",
                         f"attribute {bad[0]} cannot change by year")
    if year is not None:
        year = check_year(year)
    elif changes:
        raise UsageError("按年变更的属性需要指定自哪一年起生效", "a yearly change needs a year")
    demo = None
    if ws.db["orgs"].count_where("code = ?", [code]) == 0:
        demo = ws.catalog.demo_schools.get(code) if ws.is_demo else None
        if demo is None:
            raise UsageError(f"“{code}”不是本工作区登记的学校", f"{code} is not registered here")
    kept, reasons = check_school_change(ws.orgs, code, year or 0, changes)
    if contact is not None or phone is not None:
        reasons += check_contact(contact, phone)
    if reasons:
        said = join(reasons, "；", "; ")
        raise UsageError(said, said.en)
    with ws.write():
        if demo is not None:
            insert_schools(ws.db, [demo], ws.operator)
            for change_year, demo_changes in demo.history:
                for name, old in demo_changes:
                    _history(ws, code, change_year, name, old)
        for attr, value in kept.items():
            assert year is not None
            _history(ws, code, year, attr, value)
            ws.audit("school_attr", {"school": code, "year": year, "attr": attr,
                                     "value": None if value is None else str(value)})
        if contact is not None or phone is not None:
            row = ws.db.table("orgs").get(code)
            new = {"contact": row["contact"] if contact is None else (contact.strip() or None),
                   "phone": row["phone"] if phone is None else (phone.strip() or None)}
            ws.db.table("orgs").update(code, new)
            ws.audit("school_contact", {"school": code, **new})
    ws.invalidate_orgs()


def set_contact(ws: Workspace, code: str, contact: str, phone: str) -> None:
    """Correct a registered school's contact and phone (not a yearly attribute: the register
    holds the current ones); recorded in the audit log."""
    change_school(ws, code, None, {}, contact=contact, phone=phone)


def _history(ws: Workspace, code: str, year: int, attr: str, value) -> None:
    ws.db.table("org_history").upsert(
        {"org": code, "year": year, "attr": attr,
         "value": None if value is None else str(int(value) if attr in YESNO_ATTRS else value),
         "recorded_at": now_iso(), "recorded_by": ws.operator},
        pk=("org", "year", "attr"))
