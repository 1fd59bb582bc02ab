"""The words EduPlan judges and reports with, each defined once: its value (stored in the
database and written by ``--json``), its Chinese and English name, and its place in the order
a reader goes through them (worst first; roles from the school up).

Every member is a ``str`` (``enum.StrEnum``): ``Status.MISSED == "missed"``, a dict keyed by
members answers plain strings, and JSON writes the value. ``rank`` gives a member's place in
its order; ``Kind.rank_of(value)`` does the same for a plain string or ``None`` (unknown and
``None`` come last). The desktop shows ``zh`` through Qt's translator, whose English is ``en``
(resources/translations/update.py adds every term to the translation file).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache


class Term(StrEnum):
    """A word of the vocabulary: ``MEMBER = value, Chinese name, English name``."""

    zh: str
    en: str

    def __new__(cls, value: str, zh: str = "", en: str = "") -> Term:
        member = str.__new__(cls, value)
        member._value_ = value
        member.zh = zh
        member.en = en
        return member

    @property
    def rank(self) -> int:
        """Place in the order the members are defined (0 first)."""
        return ranks(type(self))[self]

    @classmethod
    def rank_of(cls, value: str | None) -> int:
        """``rank`` of a value given as text; after every member when unknown or ``None``."""
        return ranks(cls).get(value, len(cls)) if value is not None else len(cls)

    @classmethod
    def names(cls) -> dict[str, str]:
        """value → Chinese name, in order."""
        return {m.value: m.zh for m in cls}

    @classmethod
    def name_of(cls, value: str | None, default: str = "") -> str:
        """The Chinese name of a value given as text (``default`` when unknown or ``None``)."""
        if value is None:
            return default
        try:
            return cls(value).zh
        except ValueError:
            return default


@cache
def ranks(kind: type[Term]) -> dict[str, int]:
    """value → place, for sorting many rows by one dict lookup each."""
    return {m: i for i, m in enumerate(kind)}


class Status(Term):
    """What a finding says about its target, worst first: the order findings of one severity
    are read in, a unit's or a year's worst status, the status filter's order."""

    OVERDUE = "overdue", "已逾期", "Overdue"
    MISSED = "missed", "未达标", "Not met"
    BEHIND = "behind", "进度滞后", "Behind schedule"
    DONE_LATE = "done_late", "逾期完成", "Completed late"
    BELOW_STANDARD = "below_standard", "低于标准", "Below the standard"
    NO_DATA = "no_data", "无数据", "No data"
    PENDING = "pending", "未到期", "Not yet due"
    ON_TRACK = "on_track", "进度正常", "On track"
    MET = "met", "已达标", "Met"
    NOT_COLLECTED = "not_collected", "不采集", "Not collected"
    NO_FORMULA = "no_formula", "无法计算", "Cannot be computed"


# a target not reached (or not reached in time): what the shortfall list shows by default
SHORTFALLS = frozenset({Status.OVERDUE, Status.MISSED, Status.BEHIND, Status.DONE_LATE})
# the shortfalls and the school rule's notes read with them
NOTABLE = SHORTFALLS | {Status.BELOW_STANDARD}


class Severity(Term):
    """How far short a finding is, worst first (a finding without one comes last)."""

    CRITICAL = "critical", "严重", "Critical"
    MAJOR = "major", "较大", "Major"
    MINOR = "minor", "轻微", "Minor"


class Relation(Term):
    """Whose target it is, seen from the org judged: its own plan's, a parent's, a national
    standard."""

    OWN = "own", "本级规划", "Own plan"
    INHERITED = "inherited", "上级规划", "Higher-level plan"
    NATIONAL = "national", "国家标准", "National standard"


class EntryState(Term):
    """Where a form of a year stands, least done first. ``missing`` is a form a bureau expects
    and nobody started (completeness); ``empty`` is the same form seen from its own page; only
    ``draft`` and ``submitted`` are stored (entries.state)."""

    MISSING = "missing", "未报送", "Not reported"
    EMPTY = "empty", "未填", "Not filled in"
    DRAFT = "draft", "草稿（未提交）", "Draft (not submitted)"
    SUBMITTED = "submitted", "已提交", "Submitted"


class Role(Term):
    """A workspace's role, which is the level of its org (catalog.model.LEVELS), listed from
    the school up as ``eduplan init --role`` offers them."""

    SCHOOL = "school", "学校", "School"
    COUNTY = "county", "县级教育行政部门", "County education bureau"
    PREFECTURE = "prefecture", "州（市）级教育行政部门", "Prefecture education bureau"
    PROVINCE = "province", "省级教育行政部门", "Provincial education bureau"


class Verdict(Term):
    """The 优质均衡 school rule on a school (youzhi.py), worst first. Its values are the
    Chinese words themselves (``compute --json`` writes them)."""

    FAILS = "未达标", "未达标", "Not met"
    INCOMPLETE = "数据不全", "数据不全", "Incomplete data"
    MEETS = "达标", "达标", "Met"
    EXCLUDED = "不参评", "不参评", "Not assessed"


TERMS: tuple[type[Term], ...] = (Status, Severity, Relation, EntryState, Role, Verdict)
