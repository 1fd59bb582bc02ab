"""Entering values: every change is a new revision; errors store nothing; warnings need a why.

:func:`review` says what a form's values need before they can be submitted — the one answer
:func:`submit`, :func:`view_entry` and the desktop's form page give."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalog.model import Form, Org
from ..errors import UsageError, ValidationFailed
from ..inputs import check_year
from ..texts import text
from ..validation import Issue, parse_value, validate
from ..vocab import EntryState
from .clock import now_iso
from .workspace import Workspace


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    explanation: str | None
    revision_id: int


@dataclass(frozen=True)
class EnterResult:
    org: str
    year: int
    form: str
    entry_id: int
    state: EntryState
    changes: tuple[FieldChange, ...]
    warnings: tuple[Issue, ...]  # warnings touching the changed fields
    unexplained: tuple[Issue, ...]  # those of them with no explanation yet
    reopened: bool = False  # a submitted form went back to draft


@dataclass(frozen=True)
class SubmitResult:
    org: str
    year: int
    form: str
    submission_uid: str
    revision_id: int | None
    form_hash: str
    values: dict[str, Any] = field(default_factory=dict)
    # already submitted with exactly these values and this form: nothing stored, nothing
    # recorded; submission_uid and at are those of the submission that froze them
    unchanged: bool = False
    at: str = ""


@dataclass(frozen=True)
class ReopenResult:
    org: str
    year: int
    form: str
    state: EntryState
    reopened: bool  # False: the form was not submitted, nothing changed


@dataclass(frozen=True)
class Review:
    """What a form's values need before submission.

    ``errors``: range and rule errors and text that cannot be read; ``required``: required
    fields shown and not filled; ``warnings``: computed only from values that are not refused
    (a warning never comes from a value an error keeps out, nor touches its field);
    ``unexplained``: the warnings none of whose fields has an explanation; ``refused``: the
    typed fields an error keeps out (they would not be stored)."""

    errors: tuple[Issue, ...] = ()
    required: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    unexplained: tuple[Issue, ...] = ()
    refused: tuple[str, ...] = ()

    @property
    def blocking(self) -> tuple[Issue, ...]:
        """Everything that stops a submission, each worded as an error."""
        return self.errors + self.required + tuple(
            Issue(i.code, "error", i.fields, text("警告未说明原因：{message}",
                                                  "Warning not explained: {message}",
                                                  message=i.message))
            for i in self.unexplained)

    @property
    def can_submit(self) -> bool:
        return not (self.errors or self.required or self.unexplained)


@dataclass(frozen=True)
class EntryView:
    org: str
    year: int
    form: str
    state: EntryState
    owner: str
    values: dict[str, Any]
    explanations: dict[str, str]
    carried_over: tuple[str, ...]
    issues: tuple[Issue, ...]
    unexplained: tuple[Issue, ...] = ()  # warnings none of whose fields has an explanation
    blocking: tuple[Issue, ...] = ()  # what stops a submission (Review.blocking)


@dataclass(frozen=True)
class HistoryRow:
    revision_id: int
    year: int
    form: str
    field: str
    old: Any
    new: Any
    explanation: str | None
    operator: str
    at: str
    source: str


def form_for(ws: Workspace, org: Org, year: int, form_code: str | None) -> Form:
    """The form ``form_code`` if it fits the org (its type in ``year``, or its level)."""
    kind = org.attrs_at(year).type if org.is_school else org.level
    fitting = ws.catalog.forms_for_org_type(kind)
    if form_code is None:
        base = [f for f in fitting if not f.generated]
        if len(base) == 1:
            return base[0]
        codes = [f.code for f in fitting]
        raise UsageError(f"请用 --form 指定表单（可用：{'、'.join(codes)}）",
                         f"choose a form with --form (one of: {', '.join(codes)})")
    form = ws.catalog.forms.get(form_code)
    if form is None:
        raise UsageError(f"表单“{form_code}”不存在（eduplan forms 查看全部）",
                         f"there is no form “{form_code}” (eduplan forms lists them all)")
    if kind not in form.org_types:
        raise UsageError(f"{org.name}（{kind}）不填报“{form.name}”，应填：" +
                         ("、".join(f"{f.name}（{f.code}）" for f in fitting) or "无"),
                         f"{org.name} ({kind}) does not fill “{form.name}”; it fills: " +
                         (", ".join(f"{f.name} ({f.code})" for f in fitting) or "none"))
    return form


def owner_for(ws: Workspace, org: Org, year: int) -> str:
    """The org whose workspace owns ``org``'s values; refuse when this workspace is not it."""
    if org.code == ws.org_code:
        return ws.org_code
    if ws.role != "school" and org.is_school and ws.orgs.is_below(org.code, ws.org_code):
        if org.attrs_at(year).paper:
            return ws.org_code
        raise UsageError(f"{org.name}自行填报（非纸质报送），其数据只能由学校自己修改",
                         f"{org.name} reports for itself (not on paper): only the school "
                         "can change its values")
    raise UsageError(f"本工作区（{ws.org.name}）不能为{org.name}填报数据",
                     f"this workspace ({ws.org.name}) cannot enter values for {org.name}")


def _entry_row(ws: Workspace, org: str, year: int, form: str) -> dict | None:
    rows = list(ws.db["entries"].rows_where("org = ? AND year = ? AND form = ?",
                                            [org, year, form]))
    return rows[0] if rows else None


def _last_year_values(ws: Workspace, org: str, year: int, form: str) -> dict[str, Any]:
    last = _entry_row(ws, org, year - 1, form)
    return {k: r["value"] for k, r in current_values(ws, last["id"]).items()} if last else {}


def last_year_values(ws: Workspace, org_query: str, year: int,
                     form_code: str | None) -> dict[str, Any]:
    """Last year's values of the form, to carry over; a clear error when there are none."""
    org = ws.orgs.resolve(org_query)
    form = form_for(ws, org, year, form_code)
    values = _last_year_values(ws, org.code, year, form.code)
    if not values:
        raise UsageError(f"{org.name}没有 {year - 1} 年的“{form.name}”可沿用",
                         f"{org.name} has no {year - 1} values of “{form.name}” to carry over")
    return values


def current_values(ws: Workspace, entry_id: int) -> dict[str, dict]:
    return {r["field"]: r for r in ws.db["current_values"].rows_where("entry_id = ?", [entry_id])}


def entry_years(ws: Workspace) -> list[int]:
    """Every year with a stored form, earliest first."""
    return [r[0] for r in ws.db.execute(
        "SELECT DISTINCT year FROM entries ORDER BY year").fetchall()]


def review(form: Form, values: Mapping[str, Any], explanations: Mapping[str, str] | None = None,
           *, typed: Mapping[str, Any] | None = None, refused: Iterable[str] = (),
           last_year: Mapping[str, Any] | None = None,
           yoy: Mapping[str, Any] | None = None) -> Review:
    """What ``values`` (stored) need before submission, with ``typed`` raw values over them
    that are not stored yet (read as :func:`set_values` reads them) and ``explanations``.

    A typed value that cannot be read, or that an error touches, is *refused*: it would not be
    stored (``refused`` adds the fields the core refused already). Its error is all that is
    said of it — the warnings and the required fields are those of the values without it, and
    no warning touches its field."""
    explanations = explanations or {}
    parsed: dict[str, Any] = {}
    problems: list[Issue] = []
    for code, raw in (typed or {}).items():
        f = form.field(code)
        if f is None or f.is_calculated:
            continue
        value, issue = parse_value(f, raw)
        if issue:
            problems.append(issue)
        else:
            parsed[code] = value
    out = set(refused) | {f for i in problems for f in i.fields}
    merged = {**values, **{k: v for k, v in parsed.items() if k not in out}}
    issues = validate(form, merged, for_submit=True, last_year=last_year, yoy=yoy)
    errors = [i for i in issues if i.is_error and not i.code.endswith(":required")]
    out |= {f for i in errors for f in i.fields if f in parsed}
    if out & set(parsed):  # judge the rest without the refused values
        kept = {**values, **{k: v for k, v in parsed.items() if k not in out}}
        issues = validate(form, kept, for_submit=True, last_year=last_year, yoy=yoy)
    required = tuple(i for i in issues if i.code.endswith(":required")
                     and not set(i.fields) & out)
    warnings = tuple(i for i in issues if not i.is_error and not set(i.fields) & out)
    return Review(errors=tuple(problems + errors), required=required, warnings=warnings,
                  unexplained=tuple(w for w in warnings
                                    if not any(explanations.get(f) for f in w.fields)),
                  refused=tuple(sorted(out)))


def set_values(ws: Workspace, org_query: str, year: int, form_code: str | None,
               raw_values: Mapping[str, Any], explanations: Mapping[str, str] | None = None,
               *, source: str = "entry", carried_values: Mapping[str, Any] | None = None,
               received_from: str | None = None, operator: str | None = None) -> EnterResult:
    """Validate and store values of one form; on any error nothing is stored.

    ``carried_values`` (last year's, see :func:`last_year_values`) fill the fields that are
    still empty and not typed now, marked as carried over — in the same single change.

    ``received_from`` is for values that arrive from their owner (a school's own submission
    merged into its bureau's workspace, or the demo): they are recorded as that owner's, with
    the owner's ``operator``, instead of as an edit by this workspace.
    """
    explanations = {k: v.strip() for k, v in (explanations or {}).items() if v and v.strip()}
    year = check_year(year)
    org = ws.orgs.resolve(org_query)
    form = form_for(ws, org, year, form_code)
    owner = received_from or owner_for(ws, org, year)
    operator = operator or ws.operator
    problems_en = []  # every unknown or unfillable field at once, not only the first
    for code in dict.fromkeys(list(raw_values) + list(explanations)):
        f = form.field(code)
        if f is None:
            problems_en.append(text("“{form}”中没有字段“{code}”",
                                    "“{form}” has no field “{code}”", form=form.name, code=code))
        elif f.is_calculated:
            problems_en.append(text("“{label}”是计算字段，不能填写",
                                    "“{label}” is calculated and cannot be entered",
                                    label=f.label))
        elif form.code == "milestones":
            target = next(t for t in ws.catalog.targets if t.code == code)
            if target.org != org.code:
                owner_org = ws.orgs.get(target.org)
                problems_en.append(text("里程碑“{label}”属于{owner}，不能由{org}填报",
                                        "milestone “{label}” belongs to {owner}; {org} cannot "
                                        "enter it", label=f.label, org=org.name,
                                        owner=owner_org.name if owner_org else target.org))
    problems = [str(p) for p in problems_en]
    if problems:
        hint = f"（eduplan forms --form {form.code} 查看字段）" if any(
            "没有字段" in p for p in problems) else ""
        raise UsageError("；".join(problems) + hint, "; ".join(p.en for p in problems_en) + (
            f" (eduplan forms --form {form.code} lists the fields)" if hint else ""))
    with ws.write():  # read, validate and write in one transaction: nothing interleaves
        result = _set_values(ws, org, year, form, owner, operator, raw_values, explanations,
                             source, carried_values)
        if result.changes:
            ws.audit("enter", {"org": org.code, "year": year, "form": form.code,
                               "source": source, "by": operator,
                               "revisions": [_rev_uid(ws, c.revision_id)
                                             for c in result.changes]})
        return result


def _rev_uid(ws: Workspace, rev_id: int) -> str:
    return ws.db.execute("SELECT uid FROM revisions WHERE id = ?", [rev_id]).fetchone()[0]


def _set_values(ws, org, year, form, owner, operator, raw_values, explanations, source,
                carried_values) -> EnterResult:
    entry = _entry_row(ws, org.code, year, form.code)
    if entry is not None and entry["owner"] != owner:
        holder = ws.orgs.get(entry["owner"])
        raise UsageError(
            f"{org.name} {year} 年“{form.name}”的数据归{holder.name if holder else entry['owner']}"
            f"所有，不能被覆盖", f"the {year} values of “{form.name}” of {org.name} belong to "
            f"{holder.name if holder else entry['owner']} and cannot be overwritten")
    current = current_values(ws, entry["id"]) if entry else {}
    stored = {k: r["value"] for k, r in current.items()}

    parsed: dict[str, Any] = {}
    type_issues: list[Issue] = []
    for code, raw in raw_values.items():
        value, issue = parse_value(form.field(code), raw)
        if issue:
            type_issues.append(issue)
        else:
            parsed[code] = value
    carried: set[str] = set()
    for code, raw in (carried_values or {}).items():
        f = form.field(code)
        if f is None or f.is_calculated or code in raw_values or stored.get(code) is not None:
            continue
        value, issue = parse_value(f, raw)
        if issue:
            type_issues.append(issue)
        elif value is not None:
            parsed[code] = value
            carried.add(code)
    changed = {k for k, v in parsed.items() if stored.get(k) != v or (
        k in current and bool(current[k]["carried_over"]) and k not in carried)}
    to_explain = {k for k in explanations if k not in changed and
                  explanations[k] != (current.get(k) or {}).get("explanation")}
    merged = {**stored, **parsed}
    last_year = _last_year_values(ws, org.code, year, form.code)
    issues = validate(form, merged, last_year=last_year, yoy=ws.catalog.evaluation.get("yoy"))
    touched = changed | set(explanations)
    errors = [i for i in issues if i.is_error and set(i.fields) & changed]
    if type_issues or errors:  # every problem at once: a type error hides no range error
        raise ValidationFailed(type_issues + errors)
    known_expl = {k: r["explanation"] for k, r in current.items() if r["explanation"]}
    for k in changed:  # a changed value's old explanation no longer applies
        known_expl.pop(k, None)
    known_expl.update(explanations)
    warnings = tuple(i for i in issues if not i.is_error and set(i.fields) & touched)
    unexplained = tuple(w for w in warnings if not any(known_expl.get(f) for f in w.fields))

    now = now_iso()
    change_rows: list[FieldChange] = []
    if entry is None and (changed or to_explain):
        ws.db.table("entries").insert({
            "uid": str(uuid.uuid4()), "org": org.code, "year": year, "form": form.code,
            "form_version": form.version, "form_hash": form.hash, "owner": owner,
            "state": EntryState.DRAFT, "created_at": now, "updated_at": now})
        entry = _entry_row(ws, org.code, year, form.code)
    reopened = (entry is not None and entry["state"] == EntryState.SUBMITTED
                and bool(changed | to_explain))
    for code in sorted(changed | to_explain):
        assert entry is not None  # made above when anything changes
        old = stored.get(code)
        new = parsed.get(code, old)
        expl = explanations.get(code)
        prev = current.get(code)
        rev_id = ws.db.table("revisions").insert({
            "uid": str(uuid.uuid4()), "entry_id": entry["id"], "field": code,
            "old_value": old, "new_value": new, "explanation": expl,
            "operator": operator, "at": now,
            "source": "carry_over" if code in carried else source,
            # the revision it replaces, named (store/imports.py: the chain, not the clock)
            "prev_uid": _rev_uid(ws, prev["revision_id"]) if prev else None}).last_pk
        ws.db.table("current_values").upsert({
            "entry_id": entry["id"], "field": code, "value": new, "explanation": expl,
            "carried_over": int(code in carried), "revision_id": rev_id},
            pk=("entry_id", "field"))
        change_rows.append(FieldChange(code, old, new, expl, rev_id))
    if change_rows:
        assert entry is not None
        ws.db.table("entries").update(entry["id"], {
            "updated_at": now, "state": EntryState.DRAFT, "form_version": form.version,
            "form_hash": form.hash})
    return EnterResult(org=org.code, year=year, form=form.code,
                       entry_id=entry["id"] if entry else 0,
                       state=EntryState.DRAFT if change_rows else _state(entry),
                       changes=tuple(change_rows), warnings=warnings, unexplained=unexplained,
                       reopened=reopened)


def _state(entry: dict | None) -> EntryState:
    """A form's state: as stored (draft, submitted), or empty when it has no entry yet."""
    return EntryState(entry["state"]) if entry else EntryState.EMPTY


def carry_over(ws: Workspace, org_query: str, year: int, form_code: str | None) -> EnterResult:
    """Start this year's draft from last year's values (only fields still empty)."""
    return set_values(ws, org_query, year, form_code, {},
                      carried_values=last_year_values(ws, org_query, year, form_code))


def view_entry(ws: Workspace, org_query: str, year: int, form_code: str | None) -> EntryView:
    year = check_year(year)
    org = ws.orgs.resolve(org_query)
    form = form_for(ws, org, year, form_code)
    entry = _entry_row(ws, org.code, year, form.code)
    current = current_values(ws, entry["id"]) if entry else {}
    values = {k: r["value"] for k, r in current.items()}
    explanations = {k: r["explanation"] for k, r in current.items() if r["explanation"]}
    last_year = _last_year_values(ws, org.code, year, form.code)
    yoy = ws.catalog.evaluation.get("yoy")
    issues = tuple(validate(form, values, for_submit=True, last_year=last_year, yoy=yoy))
    checked = review(form, values, explanations, last_year=last_year, yoy=yoy)
    return EntryView(org=org.code, year=year, form=form.code,
                     state=_state(entry),
                     owner=entry["owner"] if entry else "",
                     values=values, explanations=explanations,
                     carried_over=tuple(sorted(k for k, r in current.items()
                                               if r["carried_over"])),
                     issues=issues, unexplained=checked.unexplained,
                     blocking=checked.blocking)


def submit(ws: Workspace, org_query: str, year: int, form_code: str | None, *,
           received_from: str | None = None, operator: str | None = None) -> SubmitResult:
    """Freeze the current values with the form's hash; refused while errors, unexplained
    warnings or empty required fields remain (exit 1). A form already submitted with exactly
    these values and this form changes nothing: the result says ``unchanged``."""
    year = check_year(year)
    org = ws.orgs.resolve(org_query)
    form = form_for(ws, org, year, form_code)
    if received_from is None:
        owner_for(ws, org, year)
    with ws.write():
        entry = _entry_row(ws, org.code, year, form.code)
        if entry is None:
            raise UsageError(f"{org.name} {year} 年的“{form.name}”还没有填写任何数据",
                             f"nothing is entered yet in “{form.name}” of {org.name} for {year}")
        current = current_values(ws, entry["id"])
        values = {k: r["value"] for k, r in current.items()}
        rev = ws.db.execute("SELECT max(id) FROM revisions WHERE entry_id = ?",
                            [entry["id"]]).fetchone()[0]
        if entry["state"] == EntryState.SUBMITTED:
            same = _submission_of(ws, entry["id"], values, form.hash)
            if same is not None:
                return SubmitResult(org=org.code, year=year, form=form.code,
                                    submission_uid=same["uid"], revision_id=rev,
                                    form_hash=form.hash, values=values, unchanged=True,
                                    at=same["at"])
        expl = {k: r["explanation"] for k, r in current.items() if r["explanation"]}
        blocking = review(form, values, expl,
                          last_year=_last_year_values(ws, org.code, year, form.code),
                          yoy=ws.catalog.evaluation.get("yoy")).blocking
        if blocking:
            raise ValidationFailed(list(blocking))
        uid = str(uuid.uuid4())
        ws.db.table("submissions").insert({
            "uid": uid, "entry_id": entry["id"], "revision_id": rev,
            "form_version": form.version, "form_hash": form.hash,
            "values_json": json.dumps(values, ensure_ascii=False, sort_keys=True),
            "operator": operator or ws.operator, "at": now_iso()})
        ws.db.table("entries").update(entry["id"], {"state": EntryState.SUBMITTED,
                                              "updated_at": now_iso()})
        ws.audit("submit", {"org": org.code, "year": year, "form": form.code,
                            "submission": uid, "form_hash": form.hash})
    return SubmitResult(org=org.code, year=year, form=form.code, submission_uid=uid,
                        revision_id=rev, form_hash=form.hash, values=values)


def _submission_of(ws: Workspace, entry_id: int, values: dict[str, Any],
                   form_hash: str) -> dict | None:
    """The latest submission of the entry that froze exactly ``values`` with this form."""
    rows = ws.db.execute("SELECT uid, at, values_json, form_hash FROM submissions "
                         "WHERE entry_id = ? ORDER BY id DESC", [entry_id]).fetchall()
    for uid, at, frozen, hash_ in rows:
        if hash_ == form_hash and json.loads(frozen) == values:
            return {"uid": uid, "at": at}
    return None


def reopen(ws: Workspace, org_query: str, year: int, form_code: str | None) -> ReopenResult:
    """Take a submitted form back to draft to change it (recorded in the audit log); it must be
    submitted again. A form that is not submitted is left as it is (``reopened`` False)."""
    year = check_year(year)
    org = ws.orgs.resolve(org_query)
    form = form_for(ws, org, year, form_code)
    owner = owner_for(ws, org, year)
    with ws.write():
        entry = _entry_row(ws, org.code, year, form.code)
        if entry is None:
            raise UsageError(f"{org.name} {year} 年的“{form.name}”还没有填写任何数据",
                             f"nothing is entered yet in “{form.name}” of {org.name} for {year}")
        if entry["owner"] != owner:
            holder = ws.orgs.get(entry["owner"])
            raise UsageError(
                f"{org.name} {year} 年“{form.name}”的数据归"
                f"{holder.name if holder else entry['owner']}所有，不能在这里修改",
                f"the {year} values of “{form.name}” of {org.name} belong to "
                f"{holder.name if holder else entry['owner']} and cannot be changed here")
        if entry["state"] != EntryState.SUBMITTED:
            return ReopenResult(org.code, year, form.code, _state(entry), reopened=False)
        ws.db.table("entries").update(entry["id"], {"state": EntryState.DRAFT,
                                                    "updated_at": now_iso()})
        ws.audit("reopen", {"org": org.code, "year": year, "form": form.code,
                            "entry": entry["uid"]})
    return ReopenResult(org.code, year, form.code, EntryState.DRAFT, reopened=True)


def history(ws: Workspace, org_query: str, field_code: str,
            year: int | None = None) -> list[HistoryRow]:
    org = ws.orgs.resolve(org_query)
    sql = """SELECT r.id, e.year, e.form, r.field, r.old_value, r.new_value, r.explanation,
                    r.operator, r.at, r.source
             FROM revisions r JOIN entries e ON e.id = r.entry_id
             WHERE e.org = ? AND r.field = ?"""
    params: list = [org.code, field_code]
    if year is not None:
        year = check_year(year)
        sql += " AND e.year = ?"
        params.append(year)
    rows = ws.db.execute(sql + " ORDER BY r.id", params).fetchall()
    if not rows and not any(f.field(field_code) for f in ws.catalog.forms.values()):
        raise UsageError(f"没有字段“{field_code}”", f"there is no field “{field_code}”")
    return [HistoryRow(*r) for r in rows]
