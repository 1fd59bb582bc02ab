"""Which values a school attribute may take: the one rule for every way a value comes in —
`eduplan orgs add`, `orgs import` (check_school) and `orgs set` (set_school_attr).

:func:`check_attr` returns the value as it is kept (text stripped, 纸质报送 as True/False,
``merged_into`` as the school code) and ``None``, or ``None`` and the Chinese reason.
"""

from __future__ import annotations

from typing import Any

from .catalog.model import OWNERSHIPS, SCHOOL_STATUS, SCHOOL_TYPES, URBAN_RURAL
from .inputs import brief

LABELS = {"name": "学校名称", "type": "学校类型", "ownership": "办学性质",
          "urban_rural": "城乡类别", "status": "办学状态", "merged_into": "并入学校",
          "paper": "纸质报送", "quality": "优质学校", "teaching_point": "教学点",
          "parent_school": "所属学校"}
CHOICES = {"type": SCHOOL_TYPES, "ownership": OWNERSHIPS, "urban_rural": URBAN_RURAL,
           "status": SCHOOL_STATUS}
PAPER_TEXT = {"是": True, "否": False, "1": True, "0": False}
# yes/no attributes (kept as True/False, stored as "1"/"0"): 纸质报送, and 优质学校 — the
# county's designation for the year, which scoped indicators (城镇学校、优质学校) count
YESNO_ATTRS = ("paper", "quality", "teaching_point")
MAX_NAME = 100  # characters


def check_attr(attr: str, value: Any, orgs=None, school: str | None = None
               ) -> tuple[Any, str | None]:
    """``(value as kept, None)`` or ``(None, reason)``. ``orgs`` (an OrgTree) is needed for
    ``merged_into``; ``school`` is the code of the school the value is for."""
    label = LABELS.get(attr, attr)
    if attr in YESNO_ATTRS:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, int) and value in (0, 1):
            return bool(value), None
        text = value.strip() if isinstance(value, str) else value
        if text in PAPER_TEXT:
            return PAPER_TEXT[text], None
        return None, f"{label}“{brief(value)}”应为“是”或“否”（或 1、0）"
    if attr in ("merged_into", "parent_school") and value is None:
        return None, None  # not merged (clears an earlier merger); a 教学点 with no school
    if not isinstance(value, str):
        return None, f"{label}“{brief(value)}”应为文本"
    text = value.strip()
    if attr == "name":
        if not text:
            return None, f"{label}不能为空"
        if len(text) > MAX_NAME:
            return None, f"{label}过长（{len(text)} 个字符，最多 {MAX_NAME} 个）"
        return text, None
    if attr in CHOICES:
        if text not in CHOICES[attr]:
            return None, f"{label}“{brief(value)}”无效（可用：{'、'.join(CHOICES[attr])}）"
        return text, None
    if attr in ("merged_into", "parent_school"):
        if not text:
            if attr == "parent_school":
                return None, None  # a 教学点 without a parent school
            return None, f"{label}不能为空（应为已登记学校的代码或名称）"
        if orgs is None:  # pragma: no cover - a caller's mistake, not a user's
            raise ValueError("merged_into needs the org tree")
        try:
            target = orgs.resolve(text)
        except Exception as exc:  # OrgNotFound / AmbiguousOrg carry the Chinese message
            return None, f"{label}：{getattr(exc, 'message', str(exc))}"
        if not target.is_school:
            return None, f"{label}“{brief(value)}”不是学校（是{target.name}）"
        if target.code == school:
            return None, f"{label}不能是该校自己"
        return target.code, None
    return None, f"属性“{brief(attr)}”未知"
