"""Load and check forms/: every problem is reported as file, key and reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import expr
from ..errors import CatalogError, DataFileError, ExpressionError
from ..paths import forms_dir
from . import model as m

_ANY = object()
MILESTONES = "milestones"  # the generated form (milestones_form): not in releases.toml


class _Checker:
    """Collects problems for one file while reading its tables."""

    def __init__(self, root: Path, path: Path, problems: list[DataFileError]):
        self.file = path.relative_to(root).as_posix()
        self.problems = problems

    def problem(self, key: str, reason: str) -> None:
        self.problems.append(DataFileError(self.file, key, reason))

    def table(self, data: Any, where: str, spec: dict[str, tuple]) -> dict | None:
        """Check ``data`` against ``spec``: key -> (types, required[, allowed values])."""
        if not isinstance(data, dict):
            self.problem(where, "应为表（table）")
            return None
        ok = True
        for key in data:
            if key not in spec:
                self.problem(f"{where}.{key}", f"未知的键（可用：{', '.join(spec)}）")
                ok = False
        for key, (types, required, *allowed) in spec.items():
            if key not in data:
                if required:
                    self.problem(f"{where}.{key}", "缺少必填的键")
                    ok = False
                continue
            value = data[key]
            if types is not _ANY and (not isinstance(value, types) or (
                    isinstance(value, bool) and bool not in _as_tuple(types))):
                self.problem(f"{where}.{key}", f"类型错误：{value!r}")
                ok = False
            elif allowed and allowed[0] and value not in allowed[0]:
                self.problem(f"{where}.{key}",
                             f"取值“{value}”无效（可用：{'、'.join(map(str, allowed[0]))}）")
                ok = False
        return data if ok else None

    def expression(self, source: str, where: str, names: set[str] | None):
        try:
            return expr.parse(source, names)
        except ExpressionError as exc:
            self.problem(where, exc.message)
            return None


def _as_tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _read_toml(root: Path, path: Path, problems: list[DataFileError]) -> dict | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(DataFileError(path.relative_to(root).as_posix(), "(语法)",
                                      f"TOML 语法错误：{exc}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(DataFileError(path.relative_to(root).as_posix(), "(文件)",
                                      f"无法读取：{exc}"))
    return None


NUM = (int, float)
STR = str

ORG_SPEC = {"code": (STR, True), "name": (STR, True), "level": (STR, True, m.LEVELS[:3]),
            "parent": (STR, False), "short": (STR, False), "former": (list, False)}
FORMER_SPEC = {"code": (STR, True), "name": (STR, True), "until": (int, False)}
SCHOOL_SPEC = {
    "code": (STR, True), "name": (STR, True), "parent": (STR, True),
    "type": (STR, True, m.SCHOOL_TYPES), "ownership": (STR, True, m.OWNERSHIPS),
    "urban_rural": (STR, True, m.URBAN_RURAL), "contact": (STR, False),
    "phone": (STR, False), "paper": (bool, False), "history": (list, False),
}
HISTORY_SPEC = {
    "year": (int, True), "name": (STR, False), "type": (STR, False, m.SCHOOL_TYPES),
    "ownership": (STR, False, m.OWNERSHIPS), "urban_rural": (STR, False, m.URBAN_RURAL),
    "status": (STR, False, m.SCHOOL_STATUS), "merged_into": (STR, False),
    "paper": (bool, False), "quality": (bool, False),
}
INDICATOR_SPEC = {"code": (STR, True), "name": (STR, True), "unit": (STR, True),
                  "direction": (STR, False, ("higher", "lower")), "note": (STR, False),
                  "levels": (list, False), "compute": (STR, False, m.COMPUTE_KINDS),
                  "numerator": (STR, False), "denominator": (STR, False), "value": (STR, False),
                  "scale": (NUM, False), "sections": (dict, False), "unit_types": (list, False),
                  "of": (STR, False), "close": (STR, False), "close_unit": (STR, False),
                  "scope": (list, False)}
# one alternative of an indicator's scope (see model.Scope)
SCOPE_SPEC = {"urban_rural": (list, False), "ownership": (list, False), "types": (list, False),
              "quality": (bool, False), "note": (STR, False)}
FORMULA_SPEC = {"numerator": (STR, False), "denominator": (STR, False), "value": (STR, False)}
GROUP_SPEC = {"code": (STR, True), "label": (STR, True), "note": (STR, False)}
FIELD_SPEC = {
    "code": (STR, True), "label": (STR, True), "type": (STR, True, m.FIELD_TYPES),
    "unit": (STR, False), "required": (bool, False), "min": (NUM, False),
    "max": (NUM, False), "relevant": (STR, False), "calculate": (STR, False),
    "choices": (list, False), "help": (STR, False), "yoy_tolerance": (NUM, False),
}
RULE_SPEC = {
    "code": (STR, True), "left": (STR, True), "operator": (STR, True, m.RULE_OPERATORS),
    "right": (STR, True), "importance": (STR, True, m.IMPORTANCE),
    "missing": (STR, False, m.MISSING_STRATEGIES), "message": (STR, True),
    "message_en": (STR, False), "note": (STR, False),
}
# what a form's content hash leaves out: a rule's English message (a translation of its
# message, not a change of what the form asks), so English can be added to a released form
UNHASHED_RULE_KEYS = ("message_en",)
FORM_SPEC = {"code": (STR, True), "name": (STR, True), "org_types": (list, True),
             "version": (STR, True), "groups": (list, True), "note": (STR, False)}
PLAN_SPEC = {"code": (STR, True), "name": (STR, True), "org": (STR, True),
             "applies_to_level": (STR, False, m.LEVELS[:3]), "settings": (dict, False),
             "note": (STR, False)}
DOCUMENT_SPEC = {"code": (STR, True), "file": (STR, True), "title": (STR, True),
                 "issuer": (STR, True), "date": (STR, True), "note": (STR, False),
                 "number": (STR, False), "excerpt": (STR, False)}
TARGET_SPEC = {
    "code": (STR, True), "indicator": (STR, True), "org": (STR, False),
    "applies_to": (STR, False, m.APPLIES_TO), "unit_types": (list, False),
    "section": (STR, False, tuple(m.SECTIONS)), "year": (int, True),
    "comparator": (STR, True, m.COMPARATORS + tuple(m.COMPARATOR_ALIASES)),
    "tolerance": (NUM, False), "value": (NUM, True), "unit": (STR, True),
    "direction": (STR, False, ("higher", "lower")), "kind": (STR, True, m.TARGET_KINDS),
    "deadline": (_ANY, False), "why": (STR, False), "note": (STR, False),
    "document": (STR, True), "quote": (STR, True), "value_in_quote": (STR, False),
    "reading": (STR, False),
}


def _documents(root: Path, sub: str, tables: tuple[str, ...], problems: list):
    """Each readable TOML file of forms/<sub>/ with its checker; unknown top-level tables are
    reported."""
    for path in sorted((root / sub).glob("*.toml")):
        data = _read_toml(root, path, problems)
        if data is None:
            continue
        ck = _Checker(root, path, problems)
        for key in data:
            if key not in tables:
                ck.problem(key, f"未知的表（可用：{'、'.join(tables)}）")
        yield ck, data


def _rows(ck: _Checker, data: dict, table: str, spec: dict):
    """(where, row) for each valid [[table]] entry."""
    for i, raw in enumerate(data.get(table, [])):
        row = ck.table(raw, f"{table}[{i}]", spec)
        if row is not None:
            yield f"{table}[{i}]", row


def _load_orgs(root: Path, problems: list) -> tuple[dict[str, m.Org], dict[str, m.Org]]:
    orgs: dict[str, m.Org] = {}
    demo: dict[str, m.Org] = {}
    places: dict[str, tuple[_Checker, str]] = {}  # admin unit -> its file and table
    for ck, data in _documents(root, "orgs", ("org", "school"), problems):
        for i, raw in enumerate(data.get("org", [])):
            where = f"org[{i}]"
            row = ck.table(raw, where, ORG_SPEC)
            if row is None:
                continue
            former = []
            for j, fraw in enumerate(row.get("former", [])):
                f = ck.table(fraw, f"{where}.former[{j}]", FORMER_SPEC)
                if f:
                    former.append(m.FormerCode(f["code"], f["name"], f.get("until")))
            org = m.Org(code=row["code"], name=row["name"], level=row["level"],
                        parent=row.get("parent"), short=row.get("short"), former=tuple(former))
            _add_unique(ck, orgs, org, where)
            places.setdefault(org.code, (ck, where))
        target = demo if "demo" in Path(ck.file).stem else orgs
        for i, raw in enumerate(data.get("school", [])):
            school = school_from_dict(raw, ck, f"school[{i}]",
                                      source="demo" if target is demo else "catalog")
            if school:
                _add_unique(ck, target, school, f"school[{i}]")
    all_orgs = {**orgs, **demo}
    for code, org in all_orgs.items():
        if org.parent and org.parent not in orgs:
            problems.append(DataFileError("orgs/", f"{code}.parent",
                                          f"上级单位“{org.parent}”不存在"))
        if org.level != "province" and not org.parent:
            problems.append(DataFileError("orgs/", f"{code}.parent", "缺少上级单位"))
        if org.parent in orgs:
            expected = m.LEVELS[m.LEVELS.index(org.level) - 1]
            if orgs[org.parent].level != expected:
                problems.append(DataFileError(
                    "orgs/", f"{code}.parent",
                    f"上级单位“{org.parent}”的层级应为{m.LEVEL_NAMES[expected]}"))
    _check_admin_units(orgs, places)
    return orgs, demo


# GB/T 2260: 省 xx0000, 州（市） xxxx00 under its province's xx, 县（市、区） under its xxxx
_ADMIN_CODE = {"province": r"\d{2}0000", "prefecture": r"\d{2}(?!00)\d{2}00",
               "county": r"\d{4}(?!00)\d{2}"}


def _check_admin_units(orgs: dict[str, m.Org], places: dict) -> None:
    """Codes that fit their level and parent; names, short names and former codes and names that
    find one unit only (a former code never another unit's code)."""
    names: dict[str, str] = {}
    former: dict[str, str] = {}
    for code, org in orgs.items():
        if code not in places:
            continue
        ck, where = places[code]
        if not re.fullmatch(_ADMIN_CODE[org.level], code):
            ck.problem(f"{where}.code",
                       f"代码“{code}”不是{m.LEVEL_NAMES[org.level]}的 6 位行政区划代码")
        elif org.parent in orgs:
            keep = 2 if org.level == "prefecture" else 4
            if code[:keep] != org.parent[:keep]:
                ck.problem(f"{where}.parent",
                           f"代码“{code}”的前 {keep} 位与上级单位“{org.parent}”不一致")
        for key, name in (("name", org.name), ("short", org.short)):
            if name and names.setdefault(name, code) != code:
                ck.problem(f"{where}.{key}", f"名称“{name}”已用于单位“{names[name]}”")
        for j, f in enumerate(org.former):
            if f.code == code:
                continue  # a change of name only (潞西市 → 芒市, 533103)
            if f.code in orgs:
                ck.problem(f"{where}.former[{j}].code", f"原代码“{f.code}”是现有单位"
                           f"“{orgs[f.code].name}”的代码")
            elif former.setdefault(f.code, code) != code:
                ck.problem(f"{where}.former[{j}].code",
                           f"原代码“{f.code}”已是单位“{former[f.code]}”的原代码")
    for code, org in orgs.items():  # a former name that is another unit's name or short name
        for j, f in enumerate(org.former):
            if names.get(f.name, code) != code:
                ck, where = places[code]
                ck.problem(f"{where}.former[{j}].name",
                           f"原名称“{f.name}”是单位“{names[f.name]}”的名称")


def _add_unique(ck: _Checker, table: dict, org: m.Org, where: str) -> None:
    if org.code in table:
        ck.problem(f"{where}.code", f"单位代码“{org.code}”重复")
    else:
        table[org.code] = org


def school_from_dict(raw: Any, ck: _Checker, where: str, source: str) -> m.Org | None:
    """Build a school org from a TOML table (demo file) with per-year history."""
    row = ck.table(raw, where, SCHOOL_SPEC)
    if row is None:
        return None
    history = []
    for j, hraw in enumerate(row.get("history", [])):
        h = ck.table(hraw, f"{where}.history[{j}]", HISTORY_SPEC)
        if h:
            changes = tuple(sorted((k, v) for k, v in h.items() if k != "year"))
            history.append((h["year"], changes))
    return m.Org(code=row["code"], name=row["name"], level="school", parent=row["parent"],
                 type=row["type"], ownership=row["ownership"], urban_rural=row["urban_rural"],
                 contact=row.get("contact"), phone=row.get("phone"),
                 paper=row.get("paper", False), history=tuple(history), source=source)


def _load_indicators(root: Path, problems: list) -> tuple[dict[str, m.Indicator], list]:
    """Indicators without their formulas; the raw rows come back so formulas can be checked
    once the forms (and so the field codes) are known."""
    out: dict[str, m.Indicator] = {}
    raw: list = []
    for ck, data in _documents(root, "indicators", ("indicator",), problems):
        for where, row in _rows(ck, data, "indicator", INDICATOR_SPEC):
            if row["code"] in out:
                ck.problem(f"{where}.code",
                           f"指标代码“{row['code']}”重复（已在 {out[row['code']].file}）")
                continue
            levels = tuple(row.get("levels", ()))
            for level in levels:
                if level not in m.LEVELS:
                    ck.problem(f"{where}.levels", f"层级“{level}”无效（可用：{'、'.join(m.LEVELS)}）")
            out[row["code"]] = m.Indicator(row["code"], row["name"], row["unit"],
                                           row.get("direction", "higher"),
                                           row.get("note", ""), ck.file, levels)
            raw.append((ck, where, row))
    return out, raw


def _attach_formulas(indicators: dict[str, m.Indicator], raw: list,
                     forms: dict[str, m.Form]) -> None:
    """Parse each indicator's formulas against every field code of every form."""
    names = {f.code for form in forms.values() for f in form.fields} | set(m.ORG_ATTRS)
    valid_types = set(m.SCHOOL_TYPES) | set(m.LEVELS)
    for ck, where, row in raw:
        compute = row.get("compute", "none")

        def formula(table: dict, at: str, ck: _Checker = ck) -> m.Formula:
            return m.Formula(**{k: ck.expression(table[k], f"{at}.{k}", names)
                                for k in ("numerator", "denominator", "value") if k in table})

        top = formula(row, where)
        sections = []
        for section, table in row.get("sections", {}).items():
            at = f"{where}.sections.{section}"
            if section not in m.SECTIONS:
                ck.problem(at, f"学段“{section}”无效（可用：小学、初中）")
                continue
            checked = ck.table(table, at, FORMULA_SPEC)
            if checked is not None:
                sections.append((section, formula(checked, at)))
        parts = [f for _, f in sections] or [top]
        need = {"ratio": ("numerator", "denominator"), "sum": ("value",),
                "input": ("value",)}.get(compute, ())
        for part in parts:
            for key in need:
                if getattr(part, key) is None:
                    ck.problem(f"{where}.{key}", f"compute = {compute} 须给出 {key}")
        if compute == "cv" and row.get("of") not in indicators:
            ck.problem(f"{where}.of", "cv 须用 of 指明所度量的指标（生均/每百名学生指标）")
        for t in row.get("unit_types", ()):
            if t not in valid_types:
                ck.problem(f"{where}.unit_types", f"单位类型“{t}”无效")
        default_scale = 100 if row["unit"] == "%" and compute == "ratio" else 1
        indicators[row["code"]] = replace(
            indicators[row["code"]], compute=compute,
            formula=None if sections else top, sections=tuple(sections),
            scale=row.get("scale", default_scale), unit_types=tuple(row.get("unit_types", ())),
            of=row.get("of"), close=row.get("close", ""), close_unit=row.get("close_unit", ""),
            scope=_scope(ck, where, row, compute))


def _scope(ck: _Checker, where: str, row: dict, compute: str) -> tuple[m.Scope, ...]:
    """The [[indicator.scope]] alternatives, each value checked against what it may be."""
    out = []
    allowed = {"urban_rural": m.URBAN_RURAL, "ownership": m.OWNERSHIPS,
               "types": m.SCHOOL_TYPES}
    for i, raw in enumerate(row.get("scope", ())):
        at = f"{where}.scope[{i}]"
        table = ck.table(raw, at, SCOPE_SPEC)
        if table is None:
            continue
        if not set(table) - {"note"}:
            ck.problem(at, "范围须至少给出一个条件（urban_rural、ownership、types、quality）")
            continue
        for key, values in allowed.items():
            for v in table.get(key, ()):
                if v not in values:
                    ck.problem(f"{at}.{key}", f"取值“{v}”无效（可用：{'、'.join(values)}）")
        out.append(m.Scope(urban_rural=tuple(table.get("urban_rural", ())),
                           ownership=tuple(table.get("ownership", ())),
                           types=tuple(table.get("types", ())), quality=table.get("quality")))
    if out and compute not in ("ratio", "sum"):
        ck.problem(f"{where}.scope", "只有 compute = ratio 或 sum 的指标可以限定学校范围")
    return tuple(out)


def _load_groups(root: Path, problems: list) -> dict[str, tuple[_Checker, dict, list, list]]:
    groups: dict[str, tuple[_Checker, dict, list, list]] = {}
    for ck, data in _documents(root, "fields", ("group", "field", "rule"), problems):
        group = ck.table(data.get("group"), "group", GROUP_SPEC)
        if group is None:
            continue
        fields = list(_rows(ck, data, "field", FIELD_SPEC))
        rules = list(_rows(ck, data, "rule", RULE_SPEC))
        if group["code"] in groups:
            ck.problem("group.code", f"字段组“{group['code']}”重复")
            continue
        groups[group["code"]] = (ck, group, fields, rules)
    return groups


def _build_field(ck: _Checker, where: str, row: dict, names: set[str], group: str):
    relevant = calculate = None
    if "relevant" in row:
        relevant = ck.expression(row["relevant"], f"{where}.relevant", names)
    if "calculate" in row:
        calculate = ck.expression(row["calculate"], f"{where}.calculate", names)
    choices = tuple(row.get("choices", ()))
    if row["type"] == "choice" and not choices:
        ck.problem(f"{where}.choices", "选择题必须给出 choices")
    if "min" in row and "max" in row and row["min"] > row["max"]:
        ck.problem(f"{where}.min", "min 大于 max")
    return m.Field(code=row["code"], label=row["label"], type=row["type"],
                   unit=row.get("unit", ""), required=row.get("required", False),
                   min=row.get("min"), max=row.get("max"), relevant=relevant,
                   calculate=calculate, choices=choices, help=row.get("help", ""), group=group,
                   yoy_tolerance=row.get("yoy_tolerance"))


def _build_rule(ck: _Checker, where: str, row: dict, names: set[str]):
    left = ck.expression(row["left"], f"{where}.left", names)
    right = ck.expression(row["right"], f"{where}.right", names)
    for key in ("message", "message_en"):
        for placeholder in _placeholders(row.get(key, "")):
            if placeholder not in names:
                ck.problem(f"{where}.{key}", f"消息中的“{{{placeholder}}}”不是本表字段")
    if left is None or right is None:
        return None
    return m.Rule(code=row["code"], left=left, operator=row["operator"], right=right,
                  importance=row["importance"], missing=row.get("missing",
                                                                "skip_if_any_missing"),
                  message=row["message"], message_en=row.get("message_en", ""),
                  file=ck.file)


def _placeholders(message: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(message) if name]


def _load_forms(root: Path, problems: list, named: set[str] | None = None) -> dict[str, m.Form]:
    """The forms of forms/forms/; ``named`` collects every form code a file gives, also of a
    form refused for another problem (so releases.toml is not blamed for it)."""
    groups = _load_groups(root, problems)
    valid_types = set(m.SCHOOL_TYPES) | set(m.LEVELS[:3])
    out: dict[str, m.Form] = {}
    for ck, data in _documents(root, "forms", ("form", "rule"), problems):
        raw_form = data.get("form")
        if named is not None and isinstance(raw_form, dict) and isinstance(
                raw_form.get("code"), str):
            named.add(raw_form["code"])
        form = ck.table(raw_form, "form", FORM_SPEC)
        if form is None:
            continue
        for t in form["org_types"]:
            if t not in valid_types:
                ck.problem("form.org_types", f"单位类型“{t}”无效")
        raw_fields: list[tuple[_Checker, str, dict, str]] = []
        raw_rules: list[tuple[_Checker, str, dict]] = []
        group_labels = []
        for g in form["groups"]:
            if g not in groups:
                ck.problem("form.groups", f"字段组“{g}”不存在（fields/ 中没有）")
                continue
            gck, group, gfields, grules = groups[g]
            group_labels.append((g, group["label"]))
            raw_fields += [(gck, where, row, g) for where, row in gfields]
            raw_rules += [(gck, where, row) for where, row in grules]
        raw_rules += [(ck, where, row) for where, row in _rows(ck, data, "rule", RULE_SPEC)]
        names: set[str] = set()
        for fck, where, row, _ in raw_fields:
            if row["code"] in names:
                fck.problem(f"{where}.code",
                            f"字段代码“{row['code']}”在表单 {form['code']} 中重复")
            names.add(row["code"])
        fields = tuple(_build_field(fck, w, row, names, g) for fck, w, row, g in raw_fields)
        rule_codes: set[str] = set()
        rules = []
        for rck, where, row in raw_rules:
            if row["code"] in rule_codes:
                rck.problem(f"{where}.code", f"规则代码“{row['code']}”重复")
            rule_codes.add(row["code"])
            rule = _build_rule(rck, where, row, names)
            if rule:
                rules.append(rule)
        content = {"code": form["code"], "version": form["version"],
                   "fields": [row for _, _, row, _ in raw_fields],
                   "rules": [{k: v for k, v in row.items() if k not in UNHASHED_RULE_KEYS}
                             for _, _, row in raw_rules]}
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False)
                                .encode()).hexdigest()
        if form["code"] in out:
            ck.problem("form.code", f"表单代码“{form['code']}”重复")
            continue
        out[form["code"]] = m.Form(code=form["code"], name=form["name"],
                                   org_types=tuple(form["org_types"]), version=form["version"],
                                   fields=fields, rules=tuple(rules), hash=digest, file=ck.file,
                                   groups=tuple(group_labels))
    return out


def _parse_deadline(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _load_plans(root: Path, problems: list, orgs: dict[str, m.Org],
                indicators: dict[str, m.Indicator]) -> dict[str, m.Plan]:
    out: dict[str, m.Plan] = {}
    seen_targets: dict[str, str] = {}
    valid_unit_types = set(m.SCHOOL_TYPES) | set(m.LEVELS[:3])
    for ck, data in _documents(root, "plans", ("plan", "document", "target"), problems):
        plan = ck.table(data.get("plan"), "plan", PLAN_SPEC)
        if plan is None:
            continue
        national = plan["org"] == "national"
        if not national and plan["org"] not in orgs:
            ck.problem("plan.org", f"单位“{plan['org']}”不存在")
        if national and "applies_to_level" not in plan:
            ck.problem("plan.applies_to_level", "国家标准须说明适用的单位层级")
        documents: dict[str, m.Document] = {}
        for where, row in _rows(ck, data, "document", DOCUMENT_SPEC):
            if not (root / "sources" / row["file"]).is_file():
                ck.problem(f"{where}.file", f"文件 sources/{row['file']} 不存在")
            documents[row["code"]] = m.Document(row["code"], row["file"], row["title"],
                                                row["issuer"], row["date"],
                                                row.get("number", ""), row.get("excerpt", ""))
        targets = []
        for i, raw in enumerate(data.get("target", [])):
            code = raw.get("code", "") if isinstance(raw, dict) else ""
            where = f"target[{i}]" + (f"({code})" if code else "")
            row = ck.table(raw, where, TARGET_SPEC)
            if row is None:
                continue
            target = _build_target(ck, where, row, plan, documents, orgs, indicators,
                                   valid_unit_types)
            if target is None:
                continue
            if target.code in seen_targets:
                ck.problem(f"{where}.code",
                           f"目标代码“{target.code}”重复（已在 {seen_targets[target.code]}）")
                continue
            seen_targets[target.code] = ck.file
            targets.append(target)
        if plan["code"] in out:
            ck.problem("plan.code", f"规划代码“{plan['code']}”重复")
            continue
        out[plan["code"]] = m.Plan(code=plan["code"], name=plan["name"], org=plan["org"],
                                   documents=documents, targets=tuple(targets),
                                   applies_to_level=plan.get("applies_to_level"),
                                   settings=plan.get("settings", {}), file=ck.file)
    return out


def _build_target(ck, where, row, plan, documents, orgs, indicators, valid_unit_types):
    ok = True

    def bad(key: str, reason: str) -> None:
        nonlocal ok
        ck.problem(f"{where}.{key}", reason)
        ok = False

    org = row.get("org", plan["org"])
    if org != "national" and org not in orgs:
        bad("org", f"单位“{org}”不存在")
    indicator = indicators.get(row["indicator"])
    if indicator is None:
        bad("indicator", f"指标“{row['indicator']}”不在 indicators/ 中")
    if indicator is not None and row["unit"] != indicator.unit:
        bad("unit", f"单位“{row['unit']}”与指标“{indicator.code}”的单位“{indicator.unit}”不一致")
    if row["document"] not in documents:
        bad("document", f"文件“{row['document']}”未在 [[document]] 中声明")
    comparator = m.COMPARATOR_ALIASES.get(row["comparator"], row["comparator"])
    if comparator == "≈" and "tolerance" not in row:
        bad("tolerance", "“≈”（左右）须给出 tolerance")
    unit_types = tuple(row.get("unit_types", ()))
    applies_to = row.get("applies_to", "aggregate")
    if applies_to == "each" and not unit_types:
        bad("unit_types", "applies_to = each 须给出 unit_types")
    for t in unit_types:
        if t not in valid_unit_types:
            bad("unit_types", f"单位类型“{t}”无效")
    # never silently left out: a target is judged only where its indicator is defined
    if indicator is not None and indicator.levels and org in orgs:
        judged = [orgs[org].level] if applies_to == "aggregate" else [
            t for t in unit_types if t in m.LEVELS]
        for level in judged:
            if level not in indicator.levels:
                bad("indicator", f"指标“{indicator.code}”只在"
                    f"{'、'.join(m.LEVEL_NAMES[x] for x in indicator.levels)}计算，"
                    f"本目标（{m.LEVEL_NAMES[level]}）不会被核查：为该层级设基表字段并在指标的"
                    " levels 中加入它，或改用该层级的指标")
    deadline = None
    if row["kind"] == "milestone":
        deadline = _parse_deadline(row.get("deadline"))
        if deadline is None:
            bad("deadline", "里程碑须给出日期 deadline（YYYY-MM-DD）")
        elif deadline.year != row["year"]:
            bad("year", f"里程碑的年份应为截止日期所在年（{deadline.year}）")
    elif "deadline" in row and _parse_deadline(row["deadline"]) is None:
        bad("deadline", "日期格式应为 YYYY-MM-DD")
    else:
        deadline = _parse_deadline(row.get("deadline"))
    if row["kind"] == "not_collected" and not row.get("why"):
        bad("why", "不采集的目标须说明原因 why")
    if row["kind"] == "ranking" and row.get("direction", indicator.direction if indicator
                                            else "lower") != "lower":
        bad("direction", "排名类目标应为 lower（数值越小越好）")
    if not 2000 <= row["year"] <= 2100:
        bad("year", "年份超出范围")
    if not ok:
        return None
    return m.Target(
        code=row["code"], plan=plan["code"], indicator=row["indicator"], org=org,
        applies_to=applies_to, year=row["year"], comparator=comparator,
        value=row["value"], unit=row["unit"],
        direction=row.get("direction", indicator.direction), kind=row["kind"],
        document=row["document"], quote=row["quote"], unit_types=unit_types,
        section=row.get("section"), tolerance=row.get("tolerance"), deadline=deadline,
        why=row.get("why", ""), note=row.get("note", ""),
        value_in_quote=row.get("value_in_quote"),
        applies_to_level=plan.get("applies_to_level"), reading=row.get("reading", ""))


def load_catalog(root: Path | str | None = None) -> m.Catalog:
    """Read every file of forms/; raise CatalogError listing all problems found."""
    root = Path(root) if root else forms_dir()
    problems: list[DataFileError] = []
    if not root.is_dir():
        raise CatalogError([DataFileError(str(root), "(目录)", "forms/ 目录不存在")])
    orgs, demo = _load_orgs(root, problems)
    indicators, raw_indicators = _load_indicators(root, problems)
    named: set[str] = set()
    forms = _load_forms(root, problems, named)
    releases = _load_releases(root, problems, forms, named)
    _attach_formulas(indicators, raw_indicators, forms)
    plans = _load_plans(root, problems, orgs, indicators)
    if problems:
        raise CatalogError(problems)
    forms[MILESTONES] = milestones_form(plans, indicators)
    evaluation = _load_evaluation(root, problems)
    if problems:
        raise CatalogError(problems)
    return m.Catalog(root=str(root), orgs=orgs, demo_schools=demo, indicators=indicators,
                     forms=forms, plans=plans, evaluation=evaluation, releases=releases)


RELEASE_SPEC = {"form": (STR, True), "version": (STR, True), "hash": (STR, True),
                "released": (_ANY, True), "note": (STR, False)}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _load_releases(root: Path, problems: list, forms: dict[str, m.Form],
                   named: set[str]) -> dict[str, dict[str, str]]:
    """forms/releases.toml: form code -> released version -> its content hash. Each row is
    checked, and the current version of every form read from forms/ must be listed with the
    hash it has now: a form whose fields or rules changed needs a new version and a new row."""
    path = root / "releases.toml"
    if not path.is_file():
        problems.append(DataFileError("releases.toml", "(文件)",
                                      "缺少表单发布记录文件（每个表单已发布的版本及其内容哈希）"))
        return {}
    data = _read_toml(root, path, problems)
    if data is None:
        return {}
    ck = _Checker(root, path, problems)
    for key in data:
        if key != "release":
            ck.problem(key, "未知的表（可用：release）")
    if not isinstance(data.get("release", []), list):
        ck.problem("release", "应为表数组（[[release]]）")
        return {}
    releases: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, str], str] = {}  # (form, version) -> where it is first listed
    hashes: dict[str, str] = {}  # hash -> where it is first listed
    broken: set[tuple[str, str]] = set()  # (form, version) of the rows refused
    for i, raw in enumerate(data.get("release", [])):
        where = f"release[{i}]"
        row = ck.table(raw, where, RELEASE_SPEC)
        if row is None:
            if isinstance(raw, dict):
                broken.add((str(raw.get("form")), str(raw.get("version"))))
            continue
        code, version, digest = row["form"], row["version"], row["hash"]
        key = (code, version)
        count = len(problems)
        if code == MILESTONES:
            ck.problem(f"{where}.form", f"表单“{code}”由规划生成（其内容随规划而变），不登记发布版本")
        elif code not in named:
            ck.problem(f"{where}.form", f"表单“{code}”不存在（forms/*.toml 中没有）")
        if not version.strip():
            ck.problem(f"{where}.version", "版本号不能为空")
        if not _SHA256.fullmatch(digest):
            ck.problem(f"{where}.hash", f"哈希“{digest}”无效：应为 64 位小写十六进制（sha256）")
        released = row["released"]
        if not isinstance(released, dt.date) or isinstance(released, dt.datetime):
            ck.problem(f"{where}.released",
                       f"应为日期（如 released = 2023-09-01，不加引号）：{released!r}")
        if key in seen:
            ck.problem(f"{where}.version", f"表单 {code} 的版本“{version}”已在 {seen[key]} "
                       "登记：每个版本只登记一次，已登记的行不改不删")
        elif digest in hashes:
            ck.problem(f"{where}.hash", f"哈希与 {hashes[digest]} 相同：每个版本的内容哈希各不相同")
        seen.setdefault(key, where)
        hashes.setdefault(digest, where)
        if len(problems) > count:
            broken.add(key)
            continue
        releases.setdefault(code, {})[version] = digest
    for form in forms.values():
        listed = releases.get(form.code, {}).get(form.version)
        if form.generated or (listed is None and (form.code, form.version) in broken):
            continue  # a row of its own is refused above
        if listed == form.hash:
            continue
        wanted = (f'[[release]]（form = "{form.code}"，version = "{form.version}"，'
                  f'hash = "{form.hash}"）')
        if listed is None:
            reason = (f"版本“{form.version}”未登记在 releases.toml 中：发布这个版本须在 "
                      f"releases.toml 加一行 {wanted}")
        else:
            bumped = _next_version(form.version, releases.get(form.code, {}))
            reason = (f"字段或规则已改动（内容哈希 {form.hash[:12]}…），而已发布的版本"
                      f"“{form.version}”在 releases.toml 中的哈希是 {listed[:12]}…：须提高 version"
                      f"{f'（如 {bumped}）' if bumped else ''}，并在 releases.toml 为新版本加一行 "
                      "[[release]]（版本号也计入哈希：改好 version 后再检查，会给出新版本的哈希）；"
                      "已登记的行不改不删")
        problems.append(DataFileError(form.file, "form.version", reason))
    return releases


def _next_version(version: str, listed: dict[str, str]) -> str | None:
    """2023.1 -> 2023.2 (when not listed already); None for a version of another shape."""
    match = re.fullmatch(r"(\d+)\.(\d+)", version)
    if not match:
        return None
    bumped = f"{match[1]}.{int(match[2]) + 1}"
    return None if bumped in listed else bumped


EVALUATION_SPEC: dict[str, dict[str, tuple]] = {
    "severity": {"critical": (NUM, True), "major": (NUM, True),
                 "ranking_critical_places": (NUM, True), "ranking_major_places": (NUM, True),
                 "milestone_overdue": (STR, True, ("critical", "major", "minor"))},
    "yoy": {"default_tolerance": (NUM, True), "min_base": (NUM, True)},
    "outliers": {"z_threshold": (NUM, True), "min_peers": (int, True)},
}


def _load_evaluation(root: Path, problems: list) -> dict:
    path = root / "evaluation.toml"
    if not path.is_file():
        problems.append(DataFileError("evaluation.toml", "(文件)", "缺少评价设置文件"))
        return {}
    data = _read_toml(root, path, problems)
    if data is None:
        return {}
    ck = _Checker(root, path, problems)
    out = {}
    for section, spec in EVALUATION_SPEC.items():
        table = ck.table(data.get(section, {}), section, spec)
        if table is not None:
            out[section] = table
    return out


def milestones_form(plans: dict[str, m.Plan], indicators: dict[str, m.Indicator]) -> m.Form:
    """The form on which bureaus record when each dated milestone was done: one date field per
    milestone target (its code), generated from the plans so it always lists every one."""
    fields = []
    for plan in plans.values():
        for t in plan.targets:
            if t.kind != "milestone":
                continue
            fields.append(m.Field(
                code=t.code, label=indicators[t.indicator].name, type="date",
                help=f"截止 {t.deadline.isoformat() if t.deadline else '—'}（{plan.name}）："
                     f"{t.quote}。完成后填写完成日期。",
                group="milestones"))
    content = [(f.code, f.label, f.help) for f in fields]
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
    return m.Form(code=MILESTONES, name="里程碑完成情况",
                  org_types=("county", "prefecture", "province"),
                  version="generated", fields=tuple(fields), rules=(), hash=digest,
                  file="plans/", groups=(("milestones", "里程碑"),), generated=True)


_CACHE: dict[str, m.Catalog] = {}


def get_catalog(root: Path | str | None = None) -> m.Catalog:
    """The catalogue of ``root`` (default forms/), loaded once per process."""
    key = str(Path(root) if root else forms_dir())
    if key not in _CACHE:
        _CACHE[key] = load_catalog(key)
    return _CACHE[key]

