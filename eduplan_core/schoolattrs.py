"""Which values a school attribute may take: the one rule for every way a value comes in —
`eduplan orgs add`, `orgs import` (check_school) and `orgs set` (set_school_attr).

:func:`check_attr` returns the value as it is kept (text stripped, 纸质报送 as True/False,
``merged_into`` as the school code) and ``None``, or ``None`` and the reason (a
:class:`~eduplan_core.texts.Text`: Chinese, with its English).
"""

from __future__ import annotations

from typing import Any

from .catalog.model import OWNERSHIPS, SCHOOL_STATUS, SCHOOL_TYPES, URBAN_RURAL
from .inputs import brief
from .texts import Text, text

LABELS = {"name": "学校名称", "type": "学校类型", "ownership": "办学性质",
          "urban_rural": "城乡类别", "status": "办学状态", "merged_into": "并入学校",
          "paper": "纸质报送", "quality": "优质学校", "teaching_point": "教学点",
          "parent_school": "所属学校"}
LABELS_EN = {"name": "School name", "type": "School type", "ownership": "Ownership",
             "urban_rural": "Urban/rural", "status": "Status", "merged_into": "Merged into",
             "paper": "Reports on paper", "quality": "Quality school",
             "teaching_point": "Teaching point", "parent_school": "Parent school"}
CHOICES = {"type": SCHOOL_TYPES, "ownership": OWNERSHIPS, "urban_rural": URBAN_RURAL,
           "status": SCHOOL_STATUS}
PAPER_TEXT = {"是": True, "否": False, "1": True, "0": False}
# yes/no attributes (kept as True/False, stored as "1"/"0"): 纸质报送, and 优质学校 — the
# county's designation for the year, which scoped indicators (城镇学校、优质学校) count
YESNO_ATTRS = ("paper", "quality", "teaching_point")
MAX_NAME = 100  # characters


def label_of(attr: str) -> Text:
    """An attribute's name, in Chinese and English."""
    return Text(LABELS.get(attr, attr), LABELS_EN.get(attr, attr))


def reason_of(exc: Exception) -> Text:
    """An EduPlanError's message (OrgNotFound, AmbiguousOrg …) as a reason, with its English."""
    message = getattr(exc, "message", None) or str(exc)
    return Text(message, getattr(exc, "message_en", "") or message)


def check_attr(attr: str, value: Any, orgs=None, school: str | None = None
               ) -> tuple[Any, Text | None]:
    """``(value as kept, None)`` or ``(None, reason)``. ``orgs`` (an OrgTree) is needed for
    ``merged_into``; ``school`` is the code of the school the value is for."""
    label = label_of(attr)
    shown_value = brief(value)
    if attr in YESNO_ATTRS:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, int) and value in (0, 1):
            return bool(value), None
        given = value.strip() if isinstance(value, str) else value
        if given in PAPER_TEXT:
            return PAPER_TEXT[given], None
        return None, text("{label}“{v}”应为“是”或“否”（或 1、0）",
                          "{label} \"{v}\" must be 是 (yes) or 否 (no), or 1 or 0",
                          label=label, v=shown_value)
    if attr in ("merged_into", "parent_school") and value is None:
        return None, None  # not merged (clears an earlier merger); a 教学点 with no school
    if not isinstance(value, str):
        return None, text("{label}“{v}”应为文本", "{label} \"{v}\" must be text",
                          label=label, v=shown_value)
    given = value.strip()
    if attr == "name":
        if not given:
            return None, text("{label}不能为空", "{label} must not be empty", label=label)
        if len(given) > MAX_NAME:
            return None, text("{label}过长（{n} 个字符，最多 {most} 个）",
                              "{label} is too long ({n} characters, at most {most})",
                              label=label, n=len(given), most=MAX_NAME)
        return given, None
    if attr in CHOICES:
        if given not in CHOICES[attr]:
            return None, text("{label}“{v}”无效（可用：{choices}）",
                              "{label} \"{v}\" is not valid (one of: {choices_en})",
                              label=label, v=shown_value, choices="、".join(CHOICES[attr]),
                              choices_en=", ".join(CHOICES[attr]))
        return given, None
    if attr in ("merged_into", "parent_school"):
        if not given:
            if attr == "parent_school":
                return None, None  # a 教学点 without a parent school
            return None, text("{label}不能为空（应为已登记学校的代码或名称）",
                              "{label} must not be empty (the code or name of a registered "
                              "school)", label=label)
        if orgs is None:  # pragma: no cover - a caller's mistake, not a user's
            raise ValueError("merged_into needs the org tree")
        try:
            target = orgs.resolve(given)
        except Exception as exc:  # OrgNotFound / AmbiguousOrg carry the Chinese message
            return None, text("{label}：{why}", "{label}: {why}", label=label,
                              why=reason_of(exc))
        if not target.is_school:
            return None, text("{label}“{v}”不是学校（是{name}）",
                              "{label} \"{v}\" is not a school (it is {name})",
                              label=label, v=shown_value, name=target.name)
        if target.code == school:
            return None, text("{label}不能是该校自己", "{label} cannot be the school itself",
                              label=label)
        return target.code, None
    return None, text("属性“{attr}”未知", "Unknown attribute \"{attr}\"", attr=brief(attr))
