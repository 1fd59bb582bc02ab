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

import contextlib
import datetime as dt
import heapq
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from ..errors import EduPlanError
from ..inputs import shown
from ..vocab import EntryState
from .clock import now_iso
from .workspace import Workspace


_R = TypeVar("_R")


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


def new_record(cls: type[_R], fields: dict[str, Any]) -> _R:
    """A record of ``cls`` holding ``fields`` (a dict of exactly its field names, taken as
    it is) — the same object the dataclass's ``__init__`` makes, without its cost (a frozen
    dataclass sets each field through ``object.__setattr__``: 3.5 µs for a revision)."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    return obj


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
    return [] if _scan(ws, rec)[0] else _problems(ws, rec)


_TEXT = (str, type(None))


def _aware(at: Any) -> bool:
    if type(at) is not str:
        return False
    try:
        return dt.datetime.fromisoformat(at).tzinfo is not None
    except ValueError:
        return False


def _plain_value(v: Any) -> bool:
    t = type(v)
    return v is None or t is int or t is str or (t is float and v == v and abs(v) != _INF)


_INF = float("inf")


def _scan(ws: Workspace, rec: Records) -> tuple[bool, bool]:
    """(sound, plain) in one pass: *sound* — :func:`_problems` would find nothing (False only
    says "ask it": the scan is stricter than the rules, never looser); *plain* — every text
    column holds text (or nothing where it may), so the set-based store path applies."""
    try:
        return _scan_records(ws, rec)
    except TypeError:  # an unhashable uid: _problems says what (or raises as it always did)
        return False, False


def _scan_records(ws: Workspace, rec: Records) -> tuple[bool, bool]:
    entries, revisions, submissions = rec.entries, rec.revisions, rec.submissions
    plain = True
    entry_uids = set()
    for e in entries:
        if type(e.uid) is not str or not e.uid or type(e.year) is not int \
                or not (_aware(e.created_at) and _aware(e.updated_at)):
            return False, False
        entry_uids.add(e.uid)
        plain = plain and type(e.org) is str and type(e.form) is str \
            and type(e.form_version) is str and type(e.form_hash) is str \
            and type(e.owner) is str
    if len(entry_uids) != len(entries):
        return False, False  # a uid given twice: the same content or not, _problems decides
    where = {r.uid: r for r in revisions}
    if len(where) != len(revisions):
        return False, False
    elsewhere: dict[Any, tuple[Any, Any]] = {}  # uids to find stored here: (entry, field)
    fromiso = dt.datetime.fromisoformat
    for r in revisions:
        uid, prev, at = r.uid, r.prev_uid, r.at
        if type(uid) is not str or not uid or r.entry_uid not in entry_uids \
                or not r.origin_workspace or type(at) is not str \
                or not (_plain_value(r.old_value) and _plain_value(r.new_value)):
            return False, False
        try:
            if fromiso(at).tzinfo is None:
                return False, False
        except ValueError:
            return False, False
        if prev is not None:
            link = where.get(prev)
            if link is None:
                if elsewhere.setdefault(prev, (r.entry_uid, r.field)) != (r.entry_uid, r.field):
                    return False, False
            elif link.entry_uid != r.entry_uid or link.field != r.field:
                return False, False
        if plain and not (type(r.field) is str and type(r.operator) is str
                          and type(r.source) is str and type(r.origin_workspace) is str
                          and type(r.explanation) in _TEXT and type(prev) in _TEXT):
            plain = False
    frozen_elsewhere: dict[Any, Any] = {}
    sub_uids = set()
    for s in submissions:
        if type(s.uid) is not str or not s.uid or s.entry_uid not in entry_uids \
                or not s.origin_workspace or not _aware(s.at):
            return False, False
        sub_uids.add(s.uid)
        if s.revision_uid is not None:
            frozen = where.get(s.revision_uid)
            if frozen is None:
                if frozen_elsewhere.setdefault(s.revision_uid, s.entry_uid) != s.entry_uid:
                    return False, False
            elif frozen.entry_uid != s.entry_uid:
                return False, False
        try:
            if not isinstance(json.loads(s.values_json), dict):
                return False, False
        except (TypeError, ValueError):
            return False, False
        plain = plain and all(type(x) is str for x in (
            s.entry_uid, s.form_version, s.form_hash, s.values_json, s.operator,
            s.origin_workspace)) and type(s.revision_uid) in _TEXT
    if len(sub_uids) != len(submissions):
        return False, False
    wanted = list({**elsewhere, **frozen_elsewhere})
    if wanted:
        stored = {row[0]: (row[1], row[2]) for row in _in(
            ws, "SELECT r.uid, e.uid, r.field FROM revisions r JOIN entries e "
                "ON e.id = r.entry_id WHERE r.uid IN ({})", wanted)}
        if any(stored.get(uid) != link for uid, link in elsewhere.items()) or any(
                stored.get(uid, (None,))[0] != entry for uid, entry in frozen_elsewhere.items()):
            return False, False
    return True, plain


def _problems(ws: Workspace, rec: Records) -> list[str]:
    """Every problem of the records, in order (the full rules, one record at a time)."""
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


def _in(ws: Workspace, sql: str, values: list[Any], chunk: int = 500) -> list[tuple]:
    """The rows of ``sql`` (its ``{}`` an ``IN`` list) for all ``values``, a chunk at a
    time."""
    out: list[tuple] = []
    for i in range(0, len(values), chunk):
        part = values[i:i + chunk]
        out += ws.db.execute(sql.format(", ".join("?" * len(part))), part).fetchall()
    return out


def workspace_id(ws: Workspace) -> str:
    return ws._meta["workspace_id"]  # (ws.info() would build the org tree)


# -- importing -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Checked:
    """What :func:`scan_records` found of some records in a workspace."""

    problems: tuple[str, ...]  # every reason they do not hold together (empty: importable)
    plain: bool  # every text column holds text: the set-based store path applies


def scan_records(ws: Workspace, records: Records) -> Checked:
    """Check the records (one pass; the full rules only when that pass finds anything)."""
    sound, plain = _scan(ws, records)
    return Checked(() if sound else tuple(_problems(ws, records)), plain)


def check_records(ws: Workspace, records: Records) -> list[str]:
    """Every reason the records do not hold together (empty: they may be imported)."""
    return list(scan_records(ws, records).problems)


def import_records(ws: Workspace, records: Records, *, checked: Checked | None = None
                   ) -> ImportResult:
    """Store ``records`` of another workspace by uid in one transaction (joining the caller's
    when there is one, so a bundle import can roll it back whole); see the module's text.
    ``checked``: what :func:`scan_records` said of these same records in this workspace,
    when it found no problem (revisions are never deleted, so records that held together
    still do): they are not checked again."""
    with ws.write(), page_cache(ws, len(records.revisions)):
        if checked is None or checked.problems:
            checked = scan_records(ws, records)
        if checked.problems:
            raise RecordsInvalid(list(checked.problems))
        # records whose text columns hold text take the set-based path; anything else (only
        # a forged bundle has it) is stored one record at a time, as sqlite-utils stores it
        return (_import if checked.plain else _import_rowwise)(ws, records, now_iso())


IMPORT_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def page_cache(ws: Workspace, revisions: int | None = None) -> Iterator[None]:
    """An import (of ``revisions``; None: a batch of bundles) with SQLite's page cache at
    256 MiB — pages are taken as needed; the default 2 MiB makes most inserts into the uid
    indexes of a large workspace a read from the file — and the connection's own setting
    back afterwards. An import of fewer than 10,000 revisions, or one inside a batch that
    already has the cache, leaves it as it is."""
    old = int(ws.db.execute("PRAGMA cache_size").fetchone()[0])
    if (revisions is not None and revisions < 10_000) or -IMPORT_CACHE_KIB >= old > -(1 << 40):
        yield
        return
    ws.db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        ws.db.execute(f"PRAGMA cache_size = {old}")


def _entry_refusal(ws: Workspace, e: EntryRecord, org: Any, same_uid: dict | None,
                   local: dict | None) -> RefusalKind | None:
    """Why an arriving entry may not be stored here (None: it may), for both import paths:
    ``same_uid`` the stored entry with its uid, ``local`` that or the one of its org, year
    and form."""
    if org is None:
        return RefusalKind.UNKNOWN_ORG
    if e.org != ws.org_code and not ws.orgs.is_below(e.org, ws.org_code):
        return RefusalKind.NOT_BELOW
    if same_uid is not None and (same_uid["org"], same_uid["year"], same_uid["form"]) != (
            e.org, e.year, e.form):
        return RefusalKind.IDENTITY
    if local is not None and local["owner"] != e.owner:
        return RefusalKind.OWNER
    return None


def _refusal(ws: Workspace, kind: RefusalKind, e: EntryRecord, holder: str = "") -> Refusal:
    """Why an arriving entry was not stored (all of its records with it)."""
    org, owner, form = ws.orgs.get(e.org), ws.orgs.get(holder), ws.catalog.forms.get(e.form)
    form_name = shown(form.name if form else e.form)
    org_name = shown(org.name if org else e.org)
    what = f"{org_name} {e.year} 年“{form_name}”"
    what_en = f"“{form_name}” of {org_name} for {e.year}"
    holder_name = owner.name if owner else shown(holder)
    zh, en = {
        RefusalKind.OWNER: (f"{what}的数据归{holder_name}所有，不能被覆盖",
                            f"{what_en} belongs to {holder_name} and cannot be overwritten"),
        RefusalKind.UNKNOWN_ORG: (f"本工作区没有单位“{shown(e.org)}”，{e.year} 年“{form_name}”未导入",
                                  f"this workspace has no unit “{shown(e.org)}”: "
                                  f"{e.year} “{form_name}” was not imported"),
        RefusalKind.NOT_BELOW: (f"{what}未导入：该单位不是本工作区的单位或其下属单位",
                                f"{what_en} was not imported: the unit is neither this "
                                "workspace's unit nor below it"),
        RefusalKind.IDENTITY: (f"{what}未导入：表单编号 {shown(e.uid)} 在本工作区属于另一单位、年度或表单",
                               f"{what_en} was not imported: its number {shown(e.uid)} belongs "
                               "to another unit, year or form in this workspace"),
    }[kind]
    return Refusal(kind, e.uid, e.org, e.year, e.form, zh, en)


def _later(a: dict, b: EntryRecord) -> bool:
    """Whether ``b`` was saved after the stored entry ``a`` (a max, so order does not matter)."""
    return (_utc(b.updated_at), b.form_hash) > (_utc(a["updated_at"]), a["form_hash"])


_ENTRY_COLUMNS = ("id", "uid", "org", "year", "form", "form_version", "form_hash", "owner",
                  "state", "created_at", "updated_at")
_REVISION_INSERT = (
    "INSERT INTO revisions (uid, entry_id, field, old_value, new_value, explanation, operator, "
    "at, source, origin_workspace, prev_uid, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?) ON CONFLICT (uid) DO NOTHING")
_SUBMISSION_INSERT = (
    "INSERT INTO submissions (uid, entry_id, revision_id, form_version, form_hash, values_json, "
    "operator, at, origin_workspace, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (uid) DO NOTHING")
_CURRENT_UPSERT = (
    "INSERT INTO current_values (entry_id, field, value, explanation, carried_over, "
    "revision_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id, field) DO UPDATE SET "
    "value = excluded.value, explanation = excluded.explanation, "
    "carried_over = excluded.carried_over, revision_id = excluded.revision_id")


def _import(ws: Workspace, rec: Records, now: str) -> ImportResult:
    """The store path set by set (the same result as :func:`_import_rowwise`, which stores
    one record at a time): the entries looked up in two queries and decided in order; the
    revisions and submissions inserted by one ``executemany`` each in the order the row-wise
    path inserts them, a uid already here left as it is (``ON CONFLICT (uid) DO NOTHING``)
    and then compared; current values computed from the revisions in memory (an entry made
    by this import has no others) or, for an entry that was here, read back in one query."""
    here = workspace_id(ws)
    refused: list[Refusal] = []
    entry_ids, new_entries, e_counts = _store_entries(ws, rec.entries, refused)
    old_entries = set(entry_ids.values()) - new_entries

    # revisions: in chain order, each one whose uid is not here yet
    todo = [(r, entry_ids[r.entry_uid]) for r in _chain_order(rec.revisions)
            if r.entry_uid in entry_ids]
    first, inserted, rest = _insert_new(ws, "revisions", _REVISION_INSERT, (
        (r.uid, eid, r.field, r.old_value, r.new_value, r.explanation, r.operator, r.at,
         r.source, r.origin_workspace, r.prev_uid, now) for r, eid in todo), todo)
    present = _present(ws, "revisions", rest,
                       _revision_rows, lambda row, r: _same_revision(row, r, here), refused)
    revisions = Counts(len(inserted), present)

    current_changed, values = _set_currents(ws, inserted, first, new_entries, old_entries)

    # submissions: in uid order, each one whose uid is not here yet
    subs = [(s, entry_ids[s.entry_uid]) for s in sorted(rec.submissions, key=lambda x: x.uid)
            if s.entry_uid in entry_ids]
    frozen_ids = dict(_in(ws, "SELECT uid, id FROM revisions WHERE uid IN ({})", list(
        {s.revision_uid for s, _ in subs if s.revision_uid is not None})))
    _, sub_inserted, rest = _insert_new(ws, "submissions", _SUBMISSION_INSERT, (
        (s.uid, eid, frozen_ids.get(s.revision_uid) if s.revision_uid else None,
         s.form_version, s.form_hash, s.values_json, s.operator, s.at, s.origin_workspace,
         now) for s, eid in subs), subs)
    present = _present(ws, "submissions", rest,
                       _submission_rows, lambda row, s: _same_submission(row, s, here),
                       refused)
    submissions = Counts(len(sub_inserted), present)

    touched = {eid for _, eid in inserted} | {eid for _, eid in sub_inserted}
    made: dict[int, list[SubmissionRecord]] = {}
    for s, eid in sub_inserted:
        if eid in new_entries:
            made.setdefault(eid, []).append(s)
    _set_states(ws, sorted(touched), new_entries, values, made)
    return ImportResult(entries=Counts(*e_counts), revisions=revisions,
                        submissions=submissions, current_changed=current_changed,
                        refused=tuple(refused))


def _store_entries(ws: Workspace, entries: tuple[EntryRecord, ...], refused: list[Refusal]
                   ) -> tuple[dict[str, int], set[int], list[int]]:
    """Each entry in uid order, as :func:`_import_rowwise` decides it (refused, new or
    here); the rows here read in two queries. Returns the local id of each entry taken, the
    ids made now and the counts."""
    rows: dict[int, dict[str, Any]] = {}
    select = f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries"
    for r in _in(ws, select + " WHERE uid IN ({})",
                 list(dict.fromkeys(e.uid for e in entries))) + _in(
            ws, select + " WHERE org IN ({})", list(dict.fromkeys(e.org for e in entries))):
        rows.setdefault(r[0], dict(zip(_ENTRY_COLUMNS, r)))
    by_uid = {r["uid"]: r for r in rows.values()}
    by_key = {(r["org"], r["year"], r["form"]): r for r in rows.values()}
    entry_ids: dict[str, int] = {}
    refused_entries: set[str] = set()
    new: set[int] = set()
    counts = [0, 0]
    for e in sorted(entries, key=lambda x: x.uid):
        if e.uid in entry_ids or e.uid in refused_entries:
            continue
        org = ws.orgs.get(e.org)
        same_uid = by_uid.get(e.uid)
        local = same_uid or by_key.get((e.org, e.year, e.form))
        kind = _entry_refusal(ws, e, org, same_uid, local)
        if kind is not None:
            refused.append(_refusal(ws, kind, e, local["owner"] if local else ""))
            refused_entries.add(e.uid)
            continue
        if local is None:
            row = {"uid": e.uid, "org": e.org, "year": e.year, "form": e.form,
                   "form_version": e.form_version, "form_hash": e.form_hash, "owner": e.owner,
                   "state": str(EntryState.DRAFT), "created_at": e.created_at,
                   "updated_at": e.updated_at}
            cursor = ws.db.execute(
                f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
            assert isinstance(cursor.lastrowid, int)
            local = {"id": cursor.lastrowid, **row}
            by_uid[e.uid] = by_key[(e.org, e.year, e.form)] = local
            new.add(local["id"])
            counts[0] += 1
        else:
            counts[1] += 1
            if _later(local, e):
                ws.db.execute("UPDATE entries SET updated_at = ?, form_version = ?, "
                              "form_hash = ? WHERE id = ?",
                              [e.updated_at, e.form_version, e.form_hash, local["id"]])
                local.update(updated_at=e.updated_at, form_version=e.form_version,
                             form_hash=e.form_hash)
        entry_ids[e.uid] = local["id"]
    return entry_ids, new, counts


def _insert_new(ws: Workspace, table: str, sql: str, params: Iterable[tuple],
                records: list[tuple[Any, int]]
                ) -> tuple[int, list[tuple[Any, int]], list[tuple[Any, int]]]:
    """Insert the rows (one per record, in order) whose uid is not stored yet. Returns the id
    of the first one inserted, the records inserted (in id order: consecutive ids) and the
    others in order (each one whose uid was here, and every repeat of a uid given twice)."""
    before = ws.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    ws.db.conn.executemany(sql, params)
    ids = ws.db.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {table} WHERE id > ?",
                        [before]).fetchone()
    if ids[0] == len(records) and ids[1] == before + len(records):
        return before + 1, records, []
    taken = {uid for uid, in ws.db.execute(f"SELECT uid FROM {table} WHERE id > ?",
                                           [before])}
    inserted, rest = [], []
    for x in records:
        if x[0].uid in taken:
            taken.discard(x[0].uid)
            inserted.append(x)
        else:
            rest.append(x)
    return before + 1, inserted, rest


def _dict_rows(ws: Workspace, sql: str, uids: list[str]) -> dict[str, dict]:
    """The rows of ``sql`` (its ``{}`` an ``IN`` list of uids) as dicts by uid."""
    out: dict[str, dict] = {}
    for i in range(0, len(uids), 500):
        part = uids[i:i + 500]
        cursor = ws.db.execute(sql.format(", ".join("?" * len(part))), part)
        names = [d[0] for d in cursor.description]
        out.update((row["uid"], row) for row in (dict(zip(names, r)) for r in cursor))
    return out


def _revision_rows(ws: Workspace, uids: list[str]) -> dict[str, dict]:
    return _dict_rows(ws, "SELECT r.*, e.uid AS entry_uid FROM revisions r "
                          "JOIN entries e ON e.id = r.entry_id WHERE r.uid IN ({})", uids)


def _submission_rows(ws: Workspace, uids: list[str]) -> dict[str, dict]:
    return _dict_rows(ws, "SELECT s.*, e.uid AS entry_uid, r.uid AS revision_uid "
                          "FROM submissions s JOIN entries e ON e.id = s.entry_id "
                          "LEFT JOIN revisions r ON r.id = s.revision_id "
                          "WHERE s.uid IN ({})", uids)


def _present(ws: Workspace, table: str, rest: list[tuple[Any, int]],
             stored: Callable[[Workspace, list[str]], dict[str, dict]],
             same: Callable[[dict, Any], bool], refused: list[Refusal]) -> int:
    """The records not inserted (their uid is here): present when the same, else refused."""
    rows = stored(ws, [r.uid for r, _ in rest]) if rest else {}
    present = 0
    for r, eid in rest:
        if same(rows[r.uid], r):
            present += 1
        else:
            refused.append(_changed(ws, r.uid, eid))
    return present


def head_of(revs: list[RevisionRecord]) -> RevisionRecord:
    """:func:`head_revision` of one field's revisions given as records that hold together
    (each came from elsewhere and names the one it replaced)."""
    if len(revs) == 1:
        return revs[0]
    named = {r.prev_uid for r in revs}
    heads = [r for r in revs if r.uid not in named] or revs
    return heads[0] if len(heads) == 1 else max(heads, key=lambda r: (_utc(r.at), r.uid))


def heads_of(revisions: Iterable[RevisionRecord]) -> dict[tuple[str, str], RevisionRecord]:
    """:func:`head_of` of every (entry uid, field) of revisions that hold together, in one
    pass: a revision no other names is a head (a link never crosses fields: the check); two
    heads of one field (a fork) give the later; a field none of whose revisions is a head
    (a loop of links) has them all as candidates, as :func:`head_revision` has."""
    revisions = list(revisions)
    named = {r.prev_uid for r in revisions}
    best: dict[tuple[str, str], RevisionRecord] = {}
    for r in revisions:
        if r.uid not in named:
            key = (r.entry_uid, r.field)
            other = best.get(key)
            best[key] = r if other is None else max(
                other, r, key=lambda x: (_utc(x.at), x.uid))
    headless: dict[tuple[str, str], list[RevisionRecord]] = {}
    for r in revisions:
        key = (r.entry_uid, r.field)
        if key not in best:
            headless.setdefault(key, []).append(r)
    for key, revs in headless.items():
        best[key] = max(revs, key=lambda x: (_utc(x.at), x.uid))
    return best


def _set_currents(ws: Workspace, inserted: list[tuple[RevisionRecord, int]], first: int,
                  new_entries: set[int], old_entries: set[int]
                  ) -> tuple[int, dict[int, dict[str, Any]]]:
    """Current values of every (entry, field) a revision inserted now (``inserted``, ids
    from ``first`` on) touched, in the row-wise path's order; returns how many were made or
    changed and the values of the entries made now (whose revisions are all in
    ``inserted``: their heads are found in memory, as :func:`heads_of` finds them)."""
    named = {r.prev_uid for r, _ in inserted}
    best: dict[tuple[int, str], int] = {}  # (entry, field) of a new entry: its head's index
    touched_old: set[tuple[int, str]] = set()
    for i, (r, eid) in enumerate(inserted):
        if eid not in new_entries:
            touched_old.add((eid, r.field))
        elif r.uid not in named:
            j = best.setdefault((eid, r.field), i)
            if j != i:  # a fork: the later one
                best[(eid, r.field)] = max(j, i, key=lambda k: (_utc(inserted[k][0].at),
                                                                inserted[k][0].uid))
    headless = {(eid, r.field) for r, eid in inserted if eid in new_entries} - best.keys()
    for i, (r, eid) in enumerate(inserted):  # a loop of links: every revision a candidate
        if (eid, r.field) in headless:
            j = best.setdefault((eid, r.field), i)
            best[(eid, r.field)] = max(j, i, key=lambda k: (_utc(inserted[k][0].at),
                                                            inserted[k][0].uid))
    out: dict[tuple[int, str], tuple] = {}
    for (eid, fld), i in best.items():
        h = inserted[i][0]
        out[(eid, fld)] = (eid, fld, h.new_value, h.explanation,
                           int(h.source == "carry_over"), first + i)
    if touched_old:
        entries = sorted({eid for eid, _ in touched_old})
        cols = ("id", "entry_id", "field", "uid", "new_value", "explanation", "source", "at",
                "origin_workspace", "prev_uid")
        by_field: dict[tuple[int, str], list[dict]] = {}
        for row in _in(ws, f"SELECT {', '.join(cols)} FROM revisions WHERE entry_id IN ({{}}) "
                           "ORDER BY entry_id, field, id", entries):
            key = (row[1], row[2])
            if key in touched_old:
                by_field.setdefault(key, []).append(dict(zip(cols, row)))
        stored = {(r[0], r[1]): r for r in _in(
            ws, "SELECT entry_id, field, value, explanation, carried_over, revision_id "
                "FROM current_values WHERE entry_id IN ({})", entries)}
        for key, rows in by_field.items():
            top = head_revision(rows)
            row = (key[0], key[1], top["new_value"], top["explanation"],
                   int(top["source"] == "carry_over"), top["id"])
            if stored.get(key) != row:
                out[key] = row
    changed = [out[k] for k in sorted(out)]
    ws.db.conn.executemany(_CURRENT_UPSERT, changed)
    values: dict[int, dict[str, Any]] = {}
    for eid, fld, value, *_ in changed:
        if eid in new_entries:
            values.setdefault(eid, {})[fld] = value
    return len(changed), values


def _set_states(ws: Workspace, touched: list[int], new_entries: set[int],
                values: dict[int, dict[str, Any]], subs: dict[int, list[SubmissionRecord]]
                ) -> None:
    """Each touched entry submitted when one of its submissions froze exactly its current
    values, else a draft (an entry made now is a draft until then)."""
    old = [eid for eid in touched if eid not in new_entries]
    state: dict[int, str] = {}
    frozen: dict[int, list[str]] = {eid: [s.values_json for s in subs.get(eid, [])]
                                    for eid in touched if eid in new_entries}
    if old:
        for eid, fld, value in _in(ws, "SELECT entry_id, field, value FROM current_values "
                                       "WHERE entry_id IN ({})", old):
            values.setdefault(eid, {})[fld] = value
        for eid, text in _in(ws, "SELECT entry_id, values_json FROM submissions "
                                 "WHERE entry_id IN ({}) ORDER BY id", old):
            frozen.setdefault(eid, []).append(text)
        state.update(_in(ws, "SELECT id, state FROM entries WHERE id IN ({})", old))
    changes = []
    for eid in touched:
        current = values.get(eid, {})
        new = EntryState.SUBMITTED if any(json.loads(f) == current for f in frozen.get(eid, [])
                                          ) else EntryState.DRAFT
        if state.get(eid, EntryState.DRAFT) != new:
            changes.append((str(new), eid))
    ws.db.conn.executemany("UPDATE entries SET state = ? WHERE id = ?", changes)


def _import_rowwise(ws: Workspace, rec: Records, now: str) -> ImportResult:
    """The store path one record at a time (the reference :func:`_import` gives the same
    result as; tests/test_imports_bulk.py compares them)."""
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
        kind = _entry_refusal(ws, e, org, by_uid, local)
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
    # the usual case, in one sort: every revision later (by time, then uid) than the one it
    # replaced — then the order below is exactly the sorted one (an aware time compares as
    # its UTC time does)
    fromiso = dt.datetime.fromisoformat
    order = sorted(unique.values(), key=lambda r: (fromiso(r.at), r.uid))
    seen: set[str] = set()
    for r in order:
        prev = r.prev_uid
        if prev is not None and prev != r.uid and prev not in seen and prev in unique:
            break  # replaces one that sorts after it: the chain decides
        seen.add(r.uid)
    else:
        return order
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
                   f"record {shown(uid)} differs from the one stored here; "
                   "it was not overwritten")


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
    entries = ws.db.execute(
        "SELECT id, uid, org, year, form, form_version, form_hash, owner, created_at, updated_at "
        f"FROM entries WHERE {' AND '.join(where)} ORDER BY id", params).fetchall()
    out_e: list[EntryRecord] = []
    out_r: list[RevisionRecord] = []
    out_s: list[SubmissionRecord] = []
    for i in range(0, len(entries), 200):  # the revisions of 200 entries in one query
        part = entries[i:i + 200]
        marks = ", ".join("?" * len(part))
        ids = [e[0] for e in part]
        revs: dict[int, list[tuple]] = {}
        for row in ws.db.execute(
                "SELECT entry_id, id, uid, field, old_value, new_value, explanation, operator, "
                f"at, source, origin_workspace, prev_uid FROM revisions WHERE entry_id IN "
                f"({marks}) ORDER BY entry_id, id", ids):
            revs.setdefault(row[0], []).append(row)
        subs: dict[int, list[tuple]] = {}
        for row in ws.db.execute(
                "SELECT entry_id, uid, revision_id, form_version, form_hash, values_json, "
                f"operator, at, origin_workspace FROM submissions WHERE entry_id IN ({marks}) "
                "ORDER BY entry_id, id", ids):
            subs.setdefault(row[0], []).append(row)
        for eid, euid, *rest in part:
            out_e.append(EntryRecord(euid, *rest))
            uid_of: dict[int, str] = {}
            last_local: dict[str, str] = {}  # per field (a local revision's link: _chain)
            for _, rid, uid, fld, old, new, expl, op, at, src, origin, prev in revs.get(eid, ()):
                uid_of[rid] = uid
                if origin is None:
                    link = prev if prev is not None else last_local.get(fld)
                    last_local[fld] = uid
                else:
                    link = prev
                out_r.append(new_record(RevisionRecord, {
                    "uid": uid, "entry_uid": euid, "field": fld, "old_value": old,
                    "new_value": new, "explanation": expl, "operator": op, "at": at,
                    "source": src, "origin_workspace": origin or here, "prev_uid": link}))
            out_s += [SubmissionRecord(uid, euid, uid_of.get(rid), version, digest, text, op,
                                       at, origin or here)
                      for _, uid, rid, version, digest, text, op, at, origin in subs.get(eid, ())]
    return Records(tuple(out_e), tuple(out_r), tuple(out_s))
