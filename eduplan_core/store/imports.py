"""The import's own store path: records made in another workspace, stored by uid.

``entries.set_values(received_from=…)`` records arriving values as new revisions of this
workspace (new uids, this workspace's time) and drops the sender's history; ``submit(
received_from=…)`` adds a submission on every call. An import must do neither. Here the
records of another workspace — entries, revisions, submissions, each with its ``uid`` — are
stored as they are, by uid, inside one :meth:`Workspace.write` transaction:

- a record whose uid is already here is **present** and changes nothing (the same uid with
  other content is refused, never overwritten); so importing the same records twice, or a
  snapshot that contains an earlier one, inserts nothing the second time;
- a revision keeps its operator, time, source, old → new, its **origin workspace** and the
  revision it replaced (``prev_uid``); a submission keeps its values, form version and hash,
  operator, time and origin; both get ``received_at`` (when they arrived here);
- the current value of a field is the **head of its revision chain** (the revision no other
  revision of the field replaced), computed from the set of revisions stored, never from the
  order they arrived in. Clocks of school computers are often wrong (a flat CMOS battery says
  2009): the chain, not the time, orders one workspace's revisions. Only where the chain forks
  (two workspaces edited from the same revision) the later time wins, then the greater uid, so
  any order of import gives the same current values;
- an entry is *submitted* when one of its submissions froze exactly its current values, else
  a draft (the two states ``entries.state`` has; approval states will have their own tables);
- **owners** are kept as ``set_values`` keeps them: values held here for an org by another
  owner (a bureau's for a paper school, or a school's own) are never overwritten — the
  arriving entry is refused with a reason and nothing of it is stored; so are entries of an
  org this workspace does not know or that is not its own org or below it.

Records that do not hold together raise :class:`RecordsInvalid` before anything is written:
a revision or submission whose entry is not among the records (a snapshot carries its
entries, so every record passes the owner check), a missing chain link or frozen revision, a
time without its UTC offset, a value that is not a number, text or missing.
:func:`records_of` reads a workspace's own store back as such records (what a bundle will
carry): local revisions get this workspace's id as origin and their chain link made explicit.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..errors import EduPlanError
from ..inputs import shown
from ..vocab import EntryState
from .clock import now_iso
from .workspace import Workspace


class RecordsInvalid(EduPlanError):
    """Records that do not hold together; nothing was stored."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        super().__init__(f"导入的数据不完整或格式不正确，未做任何修改：\n{lines}{more}",
                         f"{len(problems)} problem(s) in the records; nothing was changed")


@dataclass(frozen=True)
class EntryRecord:
    uid: str
    org: str
    year: int
    form: str
    form_version: str
    form_hash: str
    owner: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class RevisionRecord:
    uid: str
    entry_uid: str
    field: str
    old_value: Any
    new_value: Any
    explanation: str | None
    operator: str
    at: str
    source: str
    origin_workspace: str
    prev_uid: str | None  # the revision of this field it replaced; None for the first


@dataclass(frozen=True)
class SubmissionRecord:
    uid: str
    entry_uid: str
    revision_uid: str | None  # the entry's last revision when it was submitted
    form_version: str
    form_hash: str
    values_json: str
    operator: str
    at: str
    origin_workspace: str


@dataclass(frozen=True)
class Records:
    entries: tuple[EntryRecord, ...] = ()
    revisions: tuple[RevisionRecord, ...] = ()
    submissions: tuple[SubmissionRecord, ...] = ()


@dataclass(frozen=True)
class Counts:
    inserted: int = 0
    present: int = 0


class RefusalKind(StrEnum):
    OWNER = "owner"  # the values here belong to another owner
    UNKNOWN_ORG = "unknown_org"  # this workspace does not know the org
    NOT_BELOW = "not_below"  # the org is neither this workspace's nor below it
    IDENTITY = "identity"  # an entry uid here names another org, year or form
    CHANGED = "changed"  # a uid here holds other content


@dataclass(frozen=True)
class Refusal:
    kind: RefusalKind
    uid: str  # the refused record's uid (an entry's: all of its records were refused)
    org: str
    year: int
    form: str
    message: str
    message_en: str


@dataclass(frozen=True)
class ImportResult:
    entries: Counts
    revisions: Counts
    submissions: Counts
    current_changed: int  # current_values rows made or changed
    refused: tuple[Refusal, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.entries.inserted or self.revisions.inserted
                    or self.submissions.inserted or self.current_changed)


# -- checking ------------------------------------------------------------------------------

def _utc(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at).astimezone(dt.UTC)


def _time_problem(what: str, at: Any) -> str | None:
    try:
        parsed = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        return f"{what}：时间“{shown(str(at))}”应为带时区的 ISO 时间"
    return None


def _is_value(v: Any) -> bool:
    return v is None or (isinstance(v, (int, float, str)) and not isinstance(v, bool)
                         and (not isinstance(v, float) or v == v and abs(v) != float("inf")))


def _check(ws: Workspace, rec: Records) -> list[str]:
    """Every problem of the records at once (reads the store for links to what is here)."""
    problems: list[str] = []
    entry_uids = {e.uid for e in rec.entries}
    for kind, items in (("表单", rec.entries), ("修改记录", rec.revisions),
                        ("提交记录", rec.submissions)):
        seen: dict[str, Any] = {}
        for r in items:
            if not isinstance(r.uid, str) or not r.uid:
                problems.append(f"{kind}缺少编号（uid）")
            elif r.uid in seen and seen[r.uid] != r:
                problems.append(f"{kind} {shown(r.uid)} 出现两次且内容不同")
            seen[r.uid] = r
    for e in rec.entries:
        if not isinstance(e.year, int) or isinstance(e.year, bool):
            problems.append(f"表单 {shown(e.uid)}：年度应为整数")
        problems += filter(None, [_time_problem(f"表单 {shown(e.uid)} {what}", at) for what, at
                                  in (("建立时间", e.created_at), ("修改时间", e.updated_at))])
    rev_by_uid = {r.uid: r for r in rec.revisions}

    def where(uid: str) -> tuple[str, str] | None:
        """(entry uid, field) of a revision in the records or stored here."""
        if uid in rev_by_uid:
            return rev_by_uid[uid].entry_uid, rev_by_uid[uid].field
        row = _revision_by_uid(ws, uid)
        return (row["entry_uid"], row["field"]) if row else None

    for kind, items in (("修改记录", rec.revisions), ("提交记录", rec.submissions)):
        for x in items:
            name = f"{kind} {shown(x.uid)}"
            if x.entry_uid not in entry_uids:
                problems.append(f"{name} 所属的表单 {shown(x.entry_uid)} 不在导入数据中")
            if not x.origin_workspace:
                problems.append(f"{name} 缺少来源工作区")
            problems += filter(None, [_time_problem(name, x.at)])
    for r in rec.revisions:
        if not (_is_value(r.old_value) and _is_value(r.new_value)):
            problems.append(f"修改记录 {shown(r.uid)}：数值应为数字、文字或空")
        if r.prev_uid is not None and where(r.prev_uid) != (r.entry_uid, r.field):
            problems.append(f"修改记录 {shown(r.uid)} 所接续的修改 {shown(r.prev_uid)} "
                            "不在导入数据中（或不是同一表单的同一字段）")
    for s in rec.submissions:
        frozen = where(s.revision_uid) if s.revision_uid is not None else None
        if s.revision_uid is not None and (frozen is None or frozen[0] != s.entry_uid):
            problems.append(f"提交记录 {shown(s.uid)} 所冻结的修改 {shown(s.revision_uid)} "
                            "不在导入数据中")
        try:
            ok = isinstance(json.loads(s.values_json), dict)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            problems.append(f"提交记录 {shown(s.uid)}：数值快照不是 JSON 对象")
    return problems


# -- reading the store ---------------------------------------------------------------------

def _entry_by_uid(ws: Workspace, uid: str) -> dict | None:
    return next(iter(ws.db["entries"].rows_where("uid = ?", [uid])), None)


def _entry_by_key(ws: Workspace, org: str, year: int, form: str) -> dict | None:
    return next(iter(ws.db["entries"].rows_where("org = ? AND year = ? AND form = ?",
                                                 [org, year, form])), None)


def _one(ws: Workspace, sql: str, params: list) -> dict | None:
    cursor = ws.db.execute(sql, params)
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def _revision_by_uid(ws: Workspace, uid: str) -> dict | None:
    return _one(ws, "SELECT r.*, e.uid AS entry_uid FROM revisions r "
                    "JOIN entries e ON e.id = r.entry_id WHERE r.uid = ?", [uid])


def _submission_by_uid(ws: Workspace, uid: str) -> dict | None:
    return _one(ws, "SELECT s.*, e.uid AS entry_uid, r.uid AS revision_uid FROM submissions s "
                    "JOIN entries e ON e.id = s.entry_id "
                    "LEFT JOIN revisions r ON r.id = s.revision_id WHERE s.uid = ?", [uid])


def workspace_id(ws: Workspace) -> str:
    return ws.info().workspace_id


# -- importing -----------------------------------------------------------------------------

def check_records(ws: Workspace, records: Records) -> list[str]:
    """Every reason the records do not hold together (empty: they may be imported)."""
    return _check(ws, records)


def import_records(ws: Workspace, records: Records) -> ImportResult:
    """Store ``records`` of another workspace by uid in one transaction (joining the caller's
    when there is one, so a bundle import can roll it back whole); see the module's text."""
    with ws.write():
        problems = _check(ws, records)
        if problems:
            raise RecordsInvalid(problems)
        return _import(ws, records, now_iso())


def _refusal(ws: Workspace, kind: RefusalKind, e: EntryRecord, holder: str = "") -> Refusal:
    """Why an arriving entry was not stored (all of its records with it)."""
    org, owner, form = ws.orgs.get(e.org), ws.orgs.get(holder), ws.catalog.forms.get(e.form)
    form_name = shown(form.name if form else e.form)
    what = f"{shown(org.name if org else e.org)} {e.year} 年“{form_name}”"
    zh, en = {
        RefusalKind.OWNER: (f"{what}的数据归{owner.name if owner else shown(holder)}所有，不能被覆盖",
                            f"these values belong to {holder}"),
        RefusalKind.UNKNOWN_ORG: (f"本工作区没有单位“{shown(e.org)}”，{e.year} 年“{form_name}”未导入",
                                  f"unknown org {e.org}"),
        RefusalKind.NOT_BELOW: (f"{what}未导入：该单位不是本工作区的单位或其下属单位",
                                f"{e.org} is not this workspace's org or below it"),
        RefusalKind.IDENTITY: (f"{what}未导入：表单编号 {shown(e.uid)} 在本工作区属于另一单位、年度或表单",
                               f"entry {e.uid} is another org, year or form here"),
    }[kind]
    return Refusal(kind, e.uid, e.org, e.year, e.form, zh, en)


def _later(a: dict, b: EntryRecord) -> bool:
    """Whether ``b`` was saved after the stored entry ``a`` (a max, so order does not matter)."""
    return (_utc(b.updated_at), b.form_hash) > (_utc(a["updated_at"]), a["form_hash"])


def _import(ws: Workspace, rec: Records, now: str) -> ImportResult:
    here = workspace_id(ws)
    refused: list[Refusal] = []
    entry_ids: dict[str, int] = {}  # entry uid → local id, for the entries accepted
    refused_entries: set[str] = set()
    e_counts = [0, 0]
    for e in sorted(rec.entries, key=lambda x: x.uid):
        if e.uid in entry_ids or e.uid in refused_entries:
            continue
        org = ws.orgs.get(e.org)
        by_uid = _entry_by_uid(ws, e.uid)
        local = by_uid or _entry_by_key(ws, e.org, e.year, e.form)
        kind = None
        if org is None:
            kind = RefusalKind.UNKNOWN_ORG
        elif e.org != ws.org_code and not ws.orgs.is_below(e.org, ws.org_code):
            kind = RefusalKind.NOT_BELOW
        elif by_uid is not None and (by_uid["org"], by_uid["year"], by_uid["form"]) != \
                (e.org, e.year, e.form):
            kind = RefusalKind.IDENTITY
        elif local is not None and local["owner"] != e.owner:
            kind = RefusalKind.OWNER
        if kind is not None:
            refused.append(_refusal(ws, kind, e, local["owner"] if local else ""))
            refused_entries.add(e.uid)
            continue
        if local is None:
            pk = ws.db.table("entries").insert({
                "uid": e.uid, "org": e.org, "year": e.year, "form": e.form,
                "form_version": e.form_version, "form_hash": e.form_hash, "owner": e.owner,
                "state": EntryState.DRAFT, "created_at": e.created_at,
                "updated_at": e.updated_at}).last_pk
            assert isinstance(pk, int)
            entry_ids[e.uid] = pk
            e_counts[0] += 1
        else:
            entry_ids[e.uid] = local["id"]
            e_counts[1] += 1
            if _later(local, e):
                ws.db.table("entries").update(local["id"], {
                    "updated_at": e.updated_at, "form_version": e.form_version,
                    "form_hash": e.form_hash})

    revisions, new_revs = _store_new(
        ws, "revisions", _chain_order(rec.revisions), entry_ids, refused, _revision_by_uid,
        lambda row, r: _same_revision(row, r, here),
        lambda r, eid: {
            "uid": r.uid, "entry_id": eid, "field": r.field, "old_value": r.old_value,
            "new_value": r.new_value, "explanation": r.explanation, "operator": r.operator,
            "at": r.at, "source": r.source, "origin_workspace": r.origin_workspace,
            "prev_uid": r.prev_uid, "received_at": now})
    current_changed = sum(_set_current(ws, eid, f)
                          for eid, f in sorted({(eid, r.field) for eid, r in new_revs}))

    def submission_row(s: SubmissionRecord, eid: int) -> dict[str, Any]:
        rev = _revision_by_uid(ws, s.revision_uid) if s.revision_uid else None
        return {"uid": s.uid, "entry_id": eid, "revision_id": rev["id"] if rev else None,
                "form_version": s.form_version, "form_hash": s.form_hash,
                "values_json": s.values_json, "operator": s.operator, "at": s.at,
                "origin_workspace": s.origin_workspace, "received_at": now}

    submissions, new_subs = _store_new(
        ws, "submissions", sorted(rec.submissions, key=lambda x: x.uid), entry_ids, refused,
        _submission_by_uid, lambda row, s: _same_submission(row, s, here), submission_row)
    touched_entries = {eid for eid, _ in new_revs} | {eid for eid, _ in new_subs}
    for eid in sorted(touched_entries):
        _set_state(ws, eid)
    return ImportResult(entries=Counts(*e_counts), revisions=revisions,
                        submissions=submissions, current_changed=current_changed,
                        refused=tuple(refused))


def _store_new(ws: Workspace, table: str, records: Iterable[Any], entry_ids: dict[str, int],
               refused: list[Refusal], stored: Callable[[Workspace, str], dict | None],
               same: Callable[[dict, Any], bool], row: Callable[[Any, int], dict[str, Any]]
               ) -> tuple[Counts, list[tuple[int, Any]]]:
    """Insert the records (revisions or submissions) whose uid is not stored yet, skipping
    those of refused entries; a stored uid with other content is refused. Returns the counts
    and the records inserted with their entry's id."""
    inserted, present = [], 0
    for r in records:
        eid = entry_ids.get(r.entry_uid)  # every record's entry is in the records (_check)
        if eid is None:
            continue
        old = stored(ws, r.uid)
        if old is None:
            ws.db.table(table).insert(row(r, eid))
            inserted.append((eid, r))
        elif same(old, r):
            present += 1
        else:
            refused.append(_changed(ws, r.uid, eid))
    return Counts(len(inserted), present), inserted


def _chain_order(revisions: Iterable[RevisionRecord]) -> list[RevisionRecord]:
    """Each revision after the one it replaced, otherwise by time then uid — so the local ids
    (and ``eduplan history``) follow the history as its origin saw it."""
    unique = {r.uid: r for r in revisions}
    waiting: dict[str, list[RevisionRecord]] = {}
    ready: list[tuple[dt.datetime, str]] = []
    for r in unique.values():
        if r.prev_uid in unique and r.prev_uid != r.uid:
            waiting.setdefault(r.prev_uid, []).append(r)
        else:
            heapq.heappush(ready, (_utc(r.at), r.uid))
    out: list[RevisionRecord] = []
    while ready:
        _, uid = heapq.heappop(ready)
        out.append(unique[uid])
        for nxt in waiting.pop(uid, []):
            heapq.heappush(ready, (_utc(nxt.at), nxt.uid))
    # a loop of links (only a forged set has one): the rest by time then uid
    rest = sorted((r for rs in waiting.values() for r in rs), key=lambda r: (_utc(r.at), r.uid))
    return out + [r for r in rest if r not in out]


def _changed(ws: Workspace, uid: str, eid: int) -> Refusal:
    e = ws.db.table("entries").get(eid)
    return Refusal(RefusalKind.CHANGED, uid, e["org"], e["year"], e["form"],
                   f"记录 {shown(uid)} 在本工作区已有不同的内容，未覆盖",
                   f"record {uid} differs from the one stored; not overwritten")


def _same_revision(row: dict, r: RevisionRecord, here: str) -> bool:
    return (row["entry_uid"], row["field"], row["old_value"], row["new_value"],
            row["explanation"], row["operator"], row["at"], row["source"],
            row["origin_workspace"] or here) == (
        r.entry_uid, r.field, r.old_value, r.new_value, r.explanation, r.operator, r.at,
        r.source, r.origin_workspace) and (
        row["origin_workspace"] is None or row["prev_uid"] == r.prev_uid)


def _same_submission(row: dict, s: SubmissionRecord, here: str) -> bool:
    return (row["entry_uid"], row["revision_uid"], row["form_version"], row["form_hash"],
            json.loads(row["values_json"]), row["operator"], row["at"],
            row["origin_workspace"] or here) == (
        s.entry_uid, s.revision_uid, s.form_version, s.form_hash, json.loads(s.values_json),
        s.operator, s.at, s.origin_workspace)


def _chain(rows: Iterable[dict]) -> dict[str, str | None]:
    """Each revision's predecessor: as its origin sent it; for a local revision the one it
    names, or (made before revisions named it) the previous local one (``rows`` in id
    order)."""
    prev: dict[str, str | None] = {}
    last_local = None
    for r in rows:
        if r["origin_workspace"] is None:
            # named since the revision was made (after a restore from a bundle the local
            # chain goes on from a received revision); older local rows: the one before
            prev[r["uid"]] = r["prev_uid"] if r["prev_uid"] is not None else last_local
            last_local = r["uid"]
        else:
            prev[r["uid"]] = r["prev_uid"]
    return prev


def head_revision(rows: list[dict]) -> dict:
    """The current revision among all revisions of one field (in id order): the head of the
    chain; where the chain forks (or is broken into a loop), the latest time, then the
    greatest uid — a function of the set, not of the order it arrived in."""
    named = set(_chain(rows).values())
    heads = [r for r in rows if r["uid"] not in named] or rows
    return max(heads, key=lambda r: (_utc(r["at"]), r["uid"]))


def _set_current(ws: Workspace, eid: int, field: str) -> bool:
    rows = [dict(r) for r in ws.db["revisions"].rows_where(
        "entry_id = ? AND field = ?", [eid, field], order_by="id")]
    head = head_revision(rows)
    row = {"entry_id": eid, "field": field, "value": head["new_value"],
           "explanation": head["explanation"],
           "carried_over": int(head["source"] == "carry_over"), "revision_id": head["id"]}
    old = next(iter(ws.db["current_values"].rows_where("entry_id = ? AND field = ?",
                                                       [eid, field])), None)
    if old == row:
        return False
    ws.db.table("current_values").upsert(row, pk=("entry_id", "field"))
    return True


def _set_state(ws: Workspace, eid: int) -> None:
    """Submitted when a submission froze exactly the current values, else a draft."""
    values = {r["field"]: r["value"]
              for r in ws.db["current_values"].rows_where("entry_id = ?", [eid])}
    frozen = [json.loads(r["values_json"])
              for r in ws.db["submissions"].rows_where("entry_id = ?", [eid])]
    state = EntryState.SUBMITTED if any(f == values for f in frozen) else EntryState.DRAFT
    if ws.db.table("entries").get(eid)["state"] != state:
        ws.db.table("entries").update(eid, {"state": state})


# -- reading records out -------------------------------------------------------------------

def records_of(ws: Workspace, year: int | None = None,
               orgs: Iterable[str] | None = None) -> Records:
    """This workspace's entries (of ``year`` and ``orgs`` when given) with every revision and
    submission, as records another workspace can import: local ones with this workspace's id
    as origin and their chain link made explicit."""
    here = workspace_id(ws)
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if year is not None:
        where.append("year = ?")
        params.append(year)
    if orgs is not None:
        codes = sorted(set(orgs))
        where.append(f"org IN ({', '.join('?' for _ in codes)})")
        params += codes
    entries = list(ws.db["entries"].rows_where(" AND ".join(where), params, order_by="id"))
    out_e, out_r, out_s = [], [], []
    for e in entries:
        out_e.append(EntryRecord(e["uid"], e["org"], e["year"], e["form"], e["form_version"],
                                 e["form_hash"], e["owner"], e["created_at"], e["updated_at"]))
        revs = [dict(r) for r in ws.db["revisions"].rows_where("entry_id = ?", [e["id"]],
                                                               order_by="id")]
        uid_of = {r["id"]: r["uid"] for r in revs}
        by_field: dict[str, list[dict]] = {}
        for r in revs:
            by_field.setdefault(r["field"], []).append(r)
        prev: dict[str, str | None] = {}
        for rows in by_field.values():
            prev.update(_chain(rows))
        out_r += [RevisionRecord(r["uid"], e["uid"], r["field"], r["old_value"],
                                 r["new_value"], r["explanation"], r["operator"], r["at"],
                                 r["source"], r["origin_workspace"] or here, prev[r["uid"]])
                  for r in revs]
        out_s += [SubmissionRecord(s["uid"], e["uid"], uid_of.get(s["revision_id"]),
                                   s["form_version"], s["form_hash"], s["values_json"],
                                   s["operator"], s["at"], s["origin_workspace"] or here)
                  for s in ws.db["submissions"].rows_where("entry_id = ?", [e["id"]],
                                                           order_by="id")]
    return Records(tuple(out_e), tuple(out_r), tuple(out_s))
