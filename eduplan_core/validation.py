"""Field and cross-field checks of a form's values (逻辑校验), done at once on every entry.

Values are plain Python: int/float for numbers and percents, 1/0 for yes/no, ISO text for dates,
text for choices and text; ``None`` is missing.

Rules follow DHIS2 validation rules: ``left operator right`` with an importance (``error``
blocks saving, ``warning`` is kept but needs an explanation) and a missing-value strategy:
``skip_if_any_missing`` (default) skips the rule while any field it reads is missing;
``skip_if_all_missing`` skips it only when all are missing and otherwise counts missing fields as
0; ``never_skip`` always evaluates, counting missing fields as 0 — as DHIS2 does.

Every message a check makes is a ``eduplan_core.texts.Text``: its Chinese (what the CLI prints
and tests compare) with its English; a rule's own message, written in forms/, is data and is
the same in both languages.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .catalog.model import Field, Form, Rule
from .inputs import KINDS, Refused, normalise, read_date, read_number, refused_message, shown
from .numbers_fmt import compact, signed
from .texts import Text, join, text

_OPS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
        ">": operator.gt, ">=": operator.ge}
_YES = {"是", "1", "yes", "y", "true", "t", "有", "√"}
_NO = {"否", "0", "no", "n", "false", "f", "无", "×"}


@dataclass(frozen=True)
class Issue:
    """One problem found in a form's values."""

    code: str  # rule code, or "<field>:type|min|max|required"
    importance: str  # error | warning
    fields: tuple[str, ...]
    message: str  # a Text (Chinese with English) unless a rule of forms/ wrote it

    @property
    def is_error(self) -> bool:
        return self.importance == "error"


EMPTY = Text("空", "empty")


def _fmt(value: Any) -> str:
    """A value in a message: as typed, shortened when long; 空 when missing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return compact(value, width=10)
    return EMPTY if value is None else shown(str(value))


def parse_value(field: Field, raw: Any) -> tuple[Any, Issue | None]:
    """Turn user input (text or a number) into a stored value, or say why not. Numbers and
    dates are read by :mod:`eduplan_core.inputs`, the same for the CLI, files and the desktop."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None, None
    given = raw.strip() if isinstance(raw, str) else raw

    def refused(why: Text | Refused) -> tuple[Any, Issue]:
        exc = why if isinstance(why, Refused) else Refused(why)
        return None, Issue(f"{field.code}:type", "error", (field.code,),
                           refused_message(field.label, raw, exc))

    if field.type in KINDS:
        try:
            return read_number(raw, field.type), None
        except Refused as exc:
            return refused(exc)
    if field.type == "yesno":
        if isinstance(given, bool):
            return int(given), None
        key = normalise(str(given)).lower()
        if key in _YES:
            return 1, None
        if key in _NO:
            return 0, None
        return refused(Text("应为“是”或“否”", "should be “yes” or “no”"))
    if field.type == "date":
        try:
            return read_date(raw), None
        except Refused as exc:
            return refused(exc)
    if field.type == "choice":
        if str(given) not in field.choices:
            return refused(text("只能选择：{choices}", "must be one of: {choices}",
                                choices=join(field.choices, "、", ", ")))
        return str(given), None
    return str(given), None


def range_issue(field: Field, value: Any) -> Issue | None:
    if value is None or not isinstance(value, (int, float)) or field.type == "yesno":
        return None
    if field.min is not None and value < field.min:
        if field.min == 0:
            msg = text("“{label}”不能为负数，收到 {value}",
                       "“{label}” cannot be negative, got {value}",
                       label=field.label, value=_fmt(value))
        else:
            msg = text("“{label}”不能小于 {min}，收到 {value}",
                       "“{label}” cannot be less than {min}, got {value}",
                       label=field.label, min=_fmt(field.min), value=_fmt(value))
        return Issue(f"{field.code}:min", "error", (field.code,), msg)
    if field.max is not None and value > field.max:
        return Issue(f"{field.code}:max", "error", (field.code,),
                     text("“{label}”不能大于 {max}，收到 {value}",
                          "“{label}” cannot be more than {max}, got {value}",
                          label=field.label, max=_fmt(field.max), value=_fmt(value)))
    return None


def with_calculated(form: Form, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values plus every calculated field (evaluated in dependency order)."""
    out = dict(values)
    pending = [f for f in form.fields if f.is_calculated]
    for _ in range(len(pending) + 1):
        if not pending:
            break
        waiting = []
        for f in pending:
            calc = f.calculate
            assert calc is not None  # f.is_calculated
            if any(n in {p.code for p in pending} for n in calc.names):
                waiting.append(f)
                continue
            out[f.code] = calc.evaluate(out)
        if len(waiting) == len(pending):  # a cycle: leave them missing
            for f in waiting:
                out[f.code] = None
            break
        pending = waiting
    return out


def relevant_codes(form: Form, values: Mapping[str, Any]) -> set[str]:
    """Fields that are shown: no relevance condition, or one that is true (missing → hidden)."""
    return {f.code for f in form.fields
            if f.relevant is None or f.relevant.evaluate(values) is True}


def evaluate_rule(rule: Rule, values: Mapping[str, Any]) -> bool | None:
    """True when the rule holds, False when it fails, None when skipped (missing values)."""
    missing = [n for n in rule.fields if values.get(n) is None]
    if missing:
        if rule.missing == "skip_if_any_missing":
            return None
        if rule.missing == "skip_if_all_missing" and len(missing) == len(rule.fields):
            return None
        values = {**values, **{n: 0 for n in missing}}
    left = rule.left.evaluate(values)
    right = rule.right.evaluate(values)
    if left is None or right is None:
        return None
    try:
        return bool(_OPS[rule.operator](left, right))
    except TypeError:
        return None


def rule_message(rule: Rule, values: Mapping[str, Any]) -> Text:
    """A rule's message with the values filled in: its Chinese, and its English when the form
    gives one (``message_en``; else the Chinese in both)."""
    shown = {n: _fmt(values.get(n)) for n in rule.fields}

    class _Default(dict):
        def __missing__(self, key):
            return _fmt(values.get(key))

    zh = rule.message.format_map(_Default(shown))
    return Text(zh, rule.message_en.format_map(_Default(shown)) if rule.message_en else zh)


def yoy_issue(field: Field, value: Any, last: Any, yoy: Mapping[str, Any]) -> Issue | None:
    """经验校验: a move of more than the field's tolerance from last year is a warning."""
    if field.type not in ("integer", "decimal", "percent") or not isinstance(
            value, (int, float)) or not isinstance(last, (int, float)) or last == 0:
        return None
    if abs(value) < yoy["min_base"] and abs(last) < yoy["min_base"]:
        return None
    tolerance = field.yoy_tolerance if field.yoy_tolerance is not None else yoy[
        "default_tolerance"]
    change = (value - last) / abs(last) * 100
    if abs(change) <= tolerance:
        return None
    return Issue(f"{field.code}:yoy", "warning", (field.code,), text(
        "“{label}”由上年 {last} 变为 {value}（{change}%），变化超过 {tolerance}%，请核实或说明原因",
        "“{label}” went from {last} last year to {value} ({change}%), a change of more than "
        "{tolerance}%: please check it or explain why",
        label=field.label, last=_fmt(last), value=_fmt(value), change=signed(change, 0),
        tolerance=_fmt(float(tolerance))))


def validate(form: Form, values: Mapping[str, Any], *, for_submit: bool = False,
             last_year: Mapping[str, Any] | None = None,
             yoy: Mapping[str, Any] | None = None) -> list[Issue]:
    """All issues of a form's values: ranges, rules, year-on-year moves (given last year's
    values and the settings), and (for submission) required fields."""
    full = with_calculated(form, values)
    shown = relevant_codes(form, full)
    visible = {k: (v if k in shown else None) for k, v in full.items()}
    issues: list[Issue] = []
    for f in form.input_fields:
        if f.code not in shown:
            continue
        value = values.get(f.code)
        if value is None:
            if for_submit and f.required:
                issues.append(Issue(f"{f.code}:required", "error", (f.code,),
                                    text("“{label}”为必填项，尚未填写",
                                         "“{label}” is required and not filled in",
                                         label=f.label)))
            continue
        issue = range_issue(f, value)
        if issue:
            issues.append(issue)
        elif last_year and yoy:
            jump = yoy_issue(f, value, last_year.get(f.code), yoy)
            if jump:
                issues.append(jump)
    for rule in form.rules:
        if evaluate_rule(rule, visible) is False:
            issues.append(Issue(rule.code, rule.importance, tuple(sorted(rule.fields)),
                                rule_message(rule, visible)))
    return issues
