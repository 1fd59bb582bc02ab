"""Typed, immutable records of what forms/ holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..expr import Expression

LEVELS = ("province", "prefecture", "county", "school")
LEVEL_NAMES = {"province": "省", "prefecture": "州（市）", "county": "县（市、区）", "school": "学校"}
SCHOOL_TYPES = ("幼儿园", "小学", "初中", "九年一贯制", "完全中学", "普通高中", "中职", "特殊教育学校")
SECTIONS = {"小学": ("小学", "九年一贯制"), "初中": ("初中", "九年一贯制", "完全中学")}
OWNERSHIPS = ("公办", "普惠性民办", "非普惠性民办")
URBAN_RURAL = ("城区", "镇区", "乡村")
SCHOOL_STATUS = ("在办", "停办", "撤并")
FIELD_TYPES = ("integer", "decimal", "percent", "yesno", "date", "choice", "text")
COMPARATORS = ("≥", ">", "≤", "<", "=", "≈")
COMPARATOR_ALIASES = {">=": "≥", "<=": "≤", "==": "=", "~": "≈"}
TARGET_KINDS = ("rate", "ratio", "count", "money", "ranking", "level", "milestone",
                "not_collected")
APPLIES_TO = ("aggregate", "each")
RULE_OPERATORS = ("==", "!=", "<", "<=", ">", ">=")
IMPORTANCE = ("error", "warning")
MISSING_STRATEGIES = ("skip_if_any_missing", "skip_if_all_missing", "never_skip")
# attributes of a school that may change from one year to the next
SCHOOL_YEARLY_ATTRS = ("name", "type", "ownership", "urban_rural", "status", "merged_into",
                       "paper", "teaching_point", "parent_school", "quality")


@dataclass(frozen=True)
class FormerCode:
    code: str
    name: str
    until: int | None


@dataclass(frozen=True)
class SchoolAttrs:
    """A school's attributes as they stood in one year."""

    name: str
    type: str
    ownership: str
    urban_rural: str
    status: str
    merged_into: str | None
    paper: bool
    teaching_point: bool = False  # a 教学点 (registered as a 小学, filling the 小学 form)
    parent_school: str | None = None  # the school a 教学点 belongs to, where it has one
    quality: bool = False  # 优质学校: designated by its bureau for the year (教师交流轮岗)


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    level: str
    parent: str | None = None
    short: str | None = None
    former: tuple[FormerCode, ...] = ()
    # schools only
    type: str | None = None
    ownership: str | None = None
    urban_rural: str | None = None
    contact: str | None = None
    phone: str | None = None
    paper: bool = False
    history: tuple[tuple[int, tuple[tuple[str, Any], ...]], ...] = ()
    source: str = "catalog"  # catalog | demo | workspace
    teaching_point: bool = False  # a 教学点: its own kind of unit in the national statistics
    parent_school: str | None = None  # a 教学点's school (code), where it has one

    @property
    def is_school(self) -> bool:
        return self.level == "school"

    def attrs_at(self, year: int) -> SchoolAttrs:
        """The school's attributes in ``year``: base values with every change up to that year."""
        values: dict[str, Any] = {
            "name": self.name, "type": self.type, "ownership": self.ownership,
            "urban_rural": self.urban_rural, "status": "在办", "merged_into": None,
            "paper": self.paper, "teaching_point": self.teaching_point,
            "parent_school": self.parent_school, "quality": False,
        }
        for change_year, changes in sorted(self.history):
            if change_year <= year:
                values.update(dict(changes))
        return SchoolAttrs(**values)

    def label(self) -> str:
        return f"{self.name}（{self.code}）"


COMPUTE_KINDS = ("ratio", "sum", "input", "cv", "youzhi_share", "milestone", "none")
# attributes of a unit (as of the year) that indicator formulas may read beside form fields
ORG_ATTRS = ("org_type", "org_ownership", "org_urban_rural", "org_level")


@dataclass(frozen=True)
class Scope:
    """One alternative of an indicator's scope: a school matches when every condition given
    holds in the year (城区 or 镇区, 公办, a 幼儿园, designated 优质学校)."""

    urban_rural: tuple[str, ...] = ()
    ownership: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    quality: bool | None = None  # True: only schools designated 优质学校 that year

    def text(self) -> str:
        parts = ["、".join(self.urban_rural), "、".join(self.ownership),
                 "优质学校" if self.quality else "非优质学校" if self.quality is False else "",
                 "、".join(self.types) or ("" if self.quality is not None else "学校")]
        return "".join(parts)


def scope_text(scope: tuple[Scope, ...]) -> str:
    """How a scope reads: "城区、镇区学校或优质学校"; "" for every school."""
    return "或".join(s.text() for s in scope)


@dataclass(frozen=True)
class Formula:
    """How one indicator (or one section of it) is computed from form values.

    ratio: scale × Σ numerator / Σ denominator over the units (never a mean of unit rates);
    sum: Σ value; input: the org's own value. Names a unit's form does not have count as 0;
    a field the form has but that is empty is missing, and leaves the unit out (coverage)."""

    numerator: Expression | None = None
    denominator: Expression | None = None
    value: Expression | None = None

    @property
    def names(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for e in (self.numerator, self.denominator, self.value):
            if e is not None:
                out |= e.names
        return out


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    direction: str = "higher"
    note: str = ""
    file: str = ""
    levels: tuple[str, ...] = ()  # the org levels it is defined at (empty: any level)
    compute: str = "none"
    formula: Formula | None = None
    sections: tuple[tuple[str, Formula], ...] = ()  # (小学|初中, formula) for sectioned ones
    scale: float = 1
    unit_types: tuple[str, ...] = ()  # the units expected to report it (default: inferred)
    of: str | None = None  # cv: the per-school ratio indicator it measures the spread of
    close: str = ""  # what a unit adds to close a gap ("县级以上骨干教师")
    close_unit: str = ""
    # the schools it counts: any of the alternatives (empty: every school); out-of-scope
    # schools are neither expected nor counted; a bureau's own figures always count
    scope: tuple[Scope, ...] = ()

    def formula_for(self, section: str | None) -> Formula | None:
        if self.sections:
            return dict(self.sections).get(section) if section else None
        return self.formula


@dataclass(frozen=True)
class Field:
    code: str
    label: str
    type: str
    unit: str = ""
    required: bool = False
    min: float | None = None
    max: float | None = None
    relevant: Expression | None = None
    calculate: Expression | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    group: str = ""
    yoy_tolerance: float | None = None  # percent; None: forms/evaluation.toml's default

    @property
    def is_calculated(self) -> bool:
        return self.calculate is not None


@dataclass(frozen=True)
class Rule:
    code: str
    left: Expression
    operator: str
    right: Expression
    importance: str
    missing: str
    message: str
    file: str = ""
    message_en: str = ""  # the message in English ({field} placeholders as in message)

    @property
    def fields(self) -> frozenset[str]:
        return self.left.names | self.right.names


@dataclass(frozen=True)
class Form:
    code: str
    name: str
    org_types: tuple[str, ...]
    version: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...]
    hash: str
    file: str = ""
    groups: tuple[tuple[str, str], ...] = ()  # (group code, label) in order
    generated: bool = False  # built from other data (the milestones form), not from forms/

    def field(self, code: str) -> Field | None:
        return self._by_code().get(code)

    def _by_code(self) -> dict[str, Field]:
        cache = self.__dict__.get("_field_index")
        if cache is None:
            cache = {f.code: f for f in self.fields}
            object.__setattr__(self, "_field_index", cache)
        return cache

    @property
    def input_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.is_calculated)


@dataclass(frozen=True)
class Document:
    code: str
    file: str
    title: str
    issuer: str
    date: str
    number: str = ""  # 文号 (教督〔2017〕6号)
    excerpt: str = ""  # when the file is a summary, not the document's text: what it is


@dataclass(frozen=True)
class Target:
    code: str
    plan: str
    indicator: str
    org: str  # an org code, or "national" for a national standard
    applies_to: str
    year: int
    comparator: str
    value: float
    unit: str
    direction: str
    kind: str
    document: str
    quote: str
    unit_types: tuple[str, ...] = ()
    section: str | None = None
    tolerance: float | None = None
    deadline: dt.date | None = None
    why: str = ""
    note: str = ""
    value_in_quote: str | None = None
    applies_to_level: str | None = None  # national standards: the level they apply to
    reading: str = ""  # the quote as read where OCR damaged it ("10%o" read as "10%。")

    @property
    def is_national(self) -> bool:
        return self.org == "national"

    def stricter_than(self, other: Target) -> bool:
        """True when meeting self implies meeting other's bar (for the same indicator)."""
        if self.direction == "lower":
            return self.value < other.value
        return self.value > other.value


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    org: str
    documents: dict[str, Document]
    targets: tuple[Target, ...]
    applies_to_level: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    file: str = ""


# Catalog.release_status: how an entry's (form, version, hash) stands against forms/releases.toml
RELEASE_STATUSES = ("current", "older", "unknown", "mismatch")


@dataclass(frozen=True)
class Catalog:
    root: str
    orgs: dict[str, Org]
    demo_schools: dict[str, Org]
    indicators: dict[str, Indicator]
    forms: dict[str, Form]
    plans: dict[str, Plan]
    evaluation: dict[str, dict[str, Any]] = field(default_factory=dict)  # forms/evaluation.toml
    # forms/releases.toml: form code -> released version -> its content hash (Form.hash)
    releases: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(t for p in self.plans.values() for t in p.targets)

    def release_status(self, form_code: str, version: str, form_hash: str) -> str:
        """How an entry made on (form, version, hash) elsewhere stands against this catalogue:
        "current" (the form's current version and hash), "older" (a released older version
        with that hash), "unknown" (a version or form not listed: a newer EduPlan made it), or
        "mismatch" (a listed version with another hash). A generated form (milestones) is
        "current" whatever its version and hash: its content follows the plans."""
        form = self.forms.get(form_code)
        if form is not None and form.generated:
            return "current"
        if form is not None and version == form.version:
            return "current" if form_hash == form.hash else "mismatch"
        listed = self.releases.get(form_code, {}).get(version) if form is not None else None
        if listed is None:
            return "unknown"
        return "older" if listed == form_hash else "mismatch"

    def forms_for_org_type(self, org_type: str) -> list[Form]:
        return [f for f in self.forms.values() if org_type in f.org_types]
