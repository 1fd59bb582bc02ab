"""Conflicts an import kept for a person: list them, resolve one with a reason.

Two kinds (see :mod:`inbox`): **owner** — a school sent values for a form this workspace
holds as its own (a paper school the bureau entered for); keeping the school's side stores
its values here as new revisions (source ``conflict``, the reason as explanation), keeping
this side changes no value. **sequence** — two different bundles with the same sender and
sequence; keeping the incoming one merges it, keeping the stored one merges nothing. Either
way the conflict row records who decided what, when and why; nothing is deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..store import exchange_rows as rows
from ..store.clock import now_iso
from ..store.entries import current_values, set_values
from ..store.workspace import Workspace
from . import keys
from .inbox import FileOutcome, bundle_heads, import_file

KEEP = ("here", "incoming")


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str
    org: str
    org_name: str
    year: int
    form: str | None
    detail: dict[str, Any]
    opened_at: str
    resolved_at: str | None
    resolution: str | None
    reason: str | None
    resolved_by: str | None


def _conflict(ws: Workspace, r: dict[str, Any]) -> Conflict:
    org = ws.orgs.get(r["org"])
    return Conflict(r["id"], r["kind"], r["org"], org.name if org else r["org"], r["year"],
                    r["form"], json.loads(r["detail"]), r["opened_at"], r["resolved_at"],
                    r["resolution"], r["reason"], r["resolved_by"])


def list_conflicts(ws: Workspace, open_only: bool = False) -> list[Conflict]:
    return [_conflict(ws, r) for r in rows.conflicts(ws, open_only)]


def resolve(ws: Workspace, conflict_id: int, keep: str, reason: str,
            ring: keys.Keyring | None = None) -> tuple[Conflict, FileOutcome | None]:
    row = rows.conflict(ws, conflict_id)
    if row is None:
        raise UsageError(f"没有编号为 {conflict_id} 的冲突（数据交换 → 冲突；命令行 eduplan conflicts list）。",
                         f"no conflict {conflict_id}")
    if row["resolved_at"]:
        raise UsageError(f"冲突 {conflict_id} 已于 {row['resolved_at']} 处理（{row['resolution']}）。",
                         "already resolved")
    if keep not in KEEP:
        raise UsageError("--keep 应为 here（保留本单位的）或 incoming（采用收到的）。", "bad --keep")
    if not reason.strip():
        raise UsageError("请写明处理理由（--reason）。", "a reason is required")
    c = _conflict(ws, row)
    outcome = None
    now = now_iso()
    # an owner conflict keeps this side's values as they were when decided (the school's side
    # is in its detail already): what differed stays readable after either choice
    here = _held(ws, c) if c.kind == "owner" else None
    if c.kind == "owner" and keep == "incoming":
        entry = rows.entry_rows(ws, c.org, c.year, c.form or "")
        owner = entry[0]["owner"] if entry else ws.org_code
        values = c.detail.get("incoming", {})
        form = ws.catalog.forms.get(c.form or "")
        fields = {f.code for f in form.input_fields} if form is not None else set()
        values = {k: v for k, v in values.items() if k in fields}
        note = f"冲突处理：采用{c.org_name}报送的数值（{reason.strip()}）"
        with ws.write():
            set_values(ws, c.org, c.year, c.form, values, {k: note for k in values},
                       source="conflict", received_from=owner)
            _mark(ws, c, keep, reason, now, here)
    elif c.kind == "sequence" and keep == "incoming":
        if ring is None:
            raise UsageError("采用收到的数据包需要口令。", "the passphrase is needed")
        received = rows.received(ws, row["bundle"])
        assert received is not None
        path = ws.path / received["stored_as"]
        outcome = import_file(ws, path, ring, force_sequence=True)
        if outcome.outcome.value == "rejected":
            raise UsageError(f"未能采用该数据包：{outcome.reason}", "could not merge the bundle")
        # both histories are kept by uid; the chosen bundle's values become current as new
        # revisions (which side's edit is later must not decide what the person chose)
        heads = bundle_heads(ws, path, ring)
        note = f"冲突处理：采用第 {row['bundle'][:8]} 号文件的数值（{reason.strip()}）"
        with ws.write():
            for (org, year, form_code), values in heads.items():
                entry = rows.entry_rows(ws, org, year, form_code)
                if not entry:
                    continue
                current = {k: r["value"] for k, r in current_values(ws, entry[0]["id"]).items()}
                form = ws.catalog.forms.get(form_code)
                fields = {f.code for f in form.input_fields} if form is not None else set()
                diff = {k: v for k, v in values.items() if k in fields and current.get(k) != v}
                if diff:
                    set_values(ws, org, year, form_code, diff, {k: note for k in diff},
                               source="conflict", received_from=entry[0]["owner"])
            _mark(ws, c, keep, reason, now, here)
    else:
        with ws.write():
            _mark(ws, c, keep, reason, now, here)
    done = rows.conflict(ws, c.id)
    assert done is not None
    return _conflict(ws, done), outcome


def _held(ws: Workspace, c: Conflict) -> dict[str, Any]:
    """The values this workspace holds for the conflict's form now."""
    entry = rows.entry_rows(ws, c.org, c.year, c.form or "")
    if not entry:
        return {}
    return {k: r["value"] for k, r in current_values(ws, entry[0]["id"]).items()}


def _mark(ws: Workspace, c: Conflict, keep: str, reason: str, at: str,
          here: dict[str, Any] | None) -> None:
    changes: dict[str, Any] = {"resolved_at": at, "resolved_by": ws.operator,
                               "resolution": keep, "reason": reason.strip()}
    if here is not None:
        changes["detail"] = json.dumps({**c.detail, "here": here}, ensure_ascii=False)
    rows.resolve_conflict(ws, c.id, changes)
    ws.audit("resolve_conflict", {"conflict": c.id, "keep": keep, "reason": reason.strip()})
