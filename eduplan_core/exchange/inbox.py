"""``eduplan import``: bundles from the units below, each with one outcome.

Each file is handled on its own, in its own transaction; one bad file never stops the rest.
Outcomes:

- **merged** — new records stored (what changed: schools, entries, values);
- **duplicate** — this file, or a bundle with the same sender, sequence and content, was
  imported before: nothing changed;
- **stale** — older (a lower sequence) than a bundle of the same sender already merged: kept
  (``inbox/accepted``) and listed, not applied;
- **pending** — held (``inbox/held``), neither merged nor rejected: the sender's key is not
  known yet or changed (``eduplan enrol confirm ORG`` after a phone check merges it), or it
  names a form version this EduPlan does not know (update EduPlan, then
  ``eduplan import --held``);
- **conflict** — kept for a person to decide (``eduplan conflicts``): another bundle with the
  same sender and sequence but other content, or values of a school that this workspace
  holds as its own (a paper school the bureau entered for); the rest of the bundle merges;
- **rejected** — with a reason in Chinese: not a bundle, damaged or altered, a bad signature,
  not addressed to this workspace, from a unit not below it, values that break the form's
  error rules. The file is copied to ``inbox/quarantine`` with a text file of the reason.

Nothing but the import log changes for a rejected file. Every attempt adds one row to the
log. Accepted originals are kept under their SHA-256. Records are stored by uid
(store/imports.py), so importing the same files again, in any order, gives the same values,
revisions and submissions.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import gc
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..errors import Cancelled, EduPlanError, StorageError, UsageError
from ..inputs import shown
from ..texts import Text
from ..store import exchange_rows as rows
from ..store.clock import now_iso
from ..store.imports import (Checked, ImportResult, Records, RecordsInvalid, RefusalKind,
                             heads_of, import_records, page_cache, scan_records)
from ..store.workspace import Workspace
from ..validation import validate
from . import keys
from .container import BadBundle, open_sealed, read_envelope
from .audit_heads import keep_audit_head
from .payload import Payload, read_payload
from .schools import line_problem, merge_schools

INBOX = "inbox"
_logger = logging.getLogger("eduplan.exchange")
MAX_BUNDLE_BYTES = 4 << 30


class Outcome(StrEnum):
    MERGED = "merged"
    DUPLICATE = "duplicate"
    STALE = "stale"
    PENDING = "pending"
    CONFLICT = "conflict"
    REJECTED = "rejected"

    @property
    def zh(self) -> str:
        return {"merged": "已合并", "duplicate": "重复（无变化）", "stale": "较旧（已保留，未采用）",
                "pending": "待确认", "conflict": "有冲突", "rejected": "已拒收"}[self.value]


@dataclass(frozen=True)
class Changes:
    schools: int = 0
    entries: int = 0
    revisions: int = 0
    submissions: int = 0
    values: int = 0  # current values made or changed


@dataclass(frozen=True)
class FileOutcome:
    file: str
    outcome: Outcome
    reason: str = ""
    reason_en: str = ""
    sender: str | None = None
    sender_name: str | None = None
    year: int | None = None
    sequence: int | None = None
    sha256: str | None = None
    fingerprint: str | None = None  # the sender's, when held for a phone check
    changes: Changes = field(default_factory=Changes)
    conflicts: tuple[int, ...] = ()

    @property
    def said(self) -> Text:
        """The reason as a phrase: Chinese, with its English."""
        return Text(self.reason, self.reason_en or self.reason)


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileOutcome, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)


class _Stop(Exception):
    """A file's outcome decided before anything is stored."""

    def __init__(self, outcome: Outcome, reason: str, reason_en: str, **extra: Any):
        self.outcome, self.reason, self.reason_en, self.extra = outcome, reason, reason_en, extra


# -- files ---------------------------------------------------------------------------------

def bundle_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, a folder's ``*.eduplan`` files (sorted); missing ones are said."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.is_file() and q.suffix == ".eduplan")
        elif p.exists():
            out.append(p)
        else:
            raise UsageError(f"“{shown(str(p))}”不存在", f"{p} does not exist")
    return out


def _sha256(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            n += len(block)
    return h.hexdigest(), n


def _box(ws: Workspace, name: str) -> Path:
    d = ws.path / INBOX / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def _keep(ws: Workspace, src: Path, box: str, sha: str) -> str:
    """Copy ``src`` into ``inbox/<box>/<sha>.eduplan`` (once; written then renamed)."""
    dest = _box(ws, box) / f"{sha}.eduplan"
    if not dest.exists():
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        shutil.copyfile(src, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    return str(dest.relative_to(ws.path))


def _quarantine(ws: Workspace, src: Path, sha: str, reason: str) -> None:
    try:
        _keep(ws, src, "quarantine", sha)
        (_box(ws, "quarantine") / f"{sha}.txt").write_text(
            f"文件：{src.name}\n时间：{now_iso()}\n原因：{reason}\n", encoding="utf-8")
    except OSError:
        pass  # the log row still says what happened


# -- the import ----------------------------------------------------------------------------

def import_files(ws: Workspace, paths: Iterable[Path], ring: keys.Keyring, *,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    files = list(paths)
    out: list[FileOutcome] = []
    with page_cache(ws):  # one cache for the batch: each file's pages are the next's too
        for i, path in enumerate(files):
            if cancelled and cancelled():
                raise Cancelled()
            if progress:
                progress(i, len(files), path.name)
            out.append(import_file(ws, path, ring, cancelled=cancelled))
    if progress:
        progress(len(files), len(files), "")
    return ImportReport(tuple(out))


def import_file(ws: Workspace, path: Path, ring: keys.Keyring, *, held: bool = False,
                cancelled: Callable[[], bool] | None = None, force_sequence: bool = False
                ) -> FileOutcome:
    """One file, one outcome, one log row. ``held``: a file this workspace held (its row in
    ``received_bundles`` is pending) taken up again; ``force_sequence``: merge a bundle held
    as a sequence conflict (the person chose it)."""
    try:
        sha, size = _sha256(path)
    except OSError as exc:
        return _log(ws, FileOutcome(str(path), Outcome.REJECTED, f"无法读取文件：{exc.strerror}",
                                    f"cannot read: {exc.strerror}"), None, None)
    logged = False
    try:
        with _collector_paused():
            result, logged = _import(ws, path, sha, size, ring, held, cancelled,
                                     force_sequence)
    except (Cancelled, StorageError, OSError, sqlite3.Error):
        raise  # not the file's fault: the batch stops, this file's transaction undone
    except (EduPlanError, ValueError, TypeError, KeyError, AttributeError) as exc:
        # a signed bundle whose content no check above foresaw: refused, never a traceback
        _logger.warning("bundle %s refused", path, exc_info=True)
        message = exc.message if isinstance(exc, EduPlanError) else "数据包内容无法处理"
        result = FileOutcome(str(path), Outcome.REJECTED, message,
                             getattr(exc, "message_en", "") or type(exc).__name__, sha256=sha)
        _quarantine(ws, path, sha, message)
    except _Stop as stop:
        result = FileOutcome(str(path), stop.outcome, stop.reason, stop.reason_en, sha256=sha,
                             **stop.extra)
        if stop.outcome == Outcome.REJECTED:
            _quarantine(ws, path, sha, stop.reason)
    return result if logged else _log(ws, result, sha, size)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a bundle is read and stored: its records are
    millions of small objects with no cycles (freed as they are let go), which the collector
    would walk again and again (a fifth of a large import's time); back on afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _log(ws: Workspace, r: FileOutcome, sha: str | None, size: int | None) -> FileOutcome:
    """The attempt's own transaction (an outcome that changed nothing else)."""
    with ws.write():
        _log_rows(ws, r, sha, size)
    return r


def _log_rows(ws: Workspace, r: FileOutcome, sha: str | None, size: int | None) -> None:
    """The import log row and the audit row of one attempt, inside the caller's transaction
    (the one that stored what the attempt changed)."""
    detail = {"changes": r.changes.__dict__, "conflicts": list(r.conflicts)}
    rows.log_import(ws, {"at": now_iso(), "operator": ws.operator,
                         "file_name": Path(r.file).name, "file_sha256": sha, "size": size,
                         "sender": r.sender, "year": r.year, "sequence": r.sequence,
                         "outcome": r.outcome.value, "reason": r.reason or None,
                         "detail": json.dumps(detail, ensure_ascii=False)})
    ws.audit("import", {"file": sha, "name": Path(r.file).name, "outcome": r.outcome.value,
                        "sender": r.sender, "year": r.year, "sequence": r.sequence,
                        **detail})


class _Attempt:
    """One file's attempt: logs its outcome in the transaction that stores its changes."""

    def __init__(self, ws: Workspace, path: Path, sha: str, size: int):
        self.ws, self.path, self.sha, self.size = ws, path, sha, size

    def commit(self, outcome: FileOutcome, *writes: Callable[[], Any]
               ) -> tuple[FileOutcome, bool]:
        with self.ws.write():
            for w in writes:
                w()
            _log_rows(self.ws, outcome, self.sha, self.size)
        return outcome, True


def _reject(reason: str, reason_en: str, **extra: Any) -> _Stop:
    return _Stop(Outcome.REJECTED, reason, reason_en, **extra)


def _import(ws: Workspace, path: Path, sha: str, size: int, ring: keys.Keyring, held: bool,
            cancelled: Callable[[], bool] | None, force_sequence: bool
            ) -> tuple[FileOutcome, bool]:
    seen = rows.received(ws, sha)
    if seen is not None and not held and not (force_sequence and seen["status"] == "conflict"):
        outcome = Outcome.PENDING if seen["status"] == "pending" else Outcome.DUPLICATE
        return FileOutcome(str(path), outcome,
                           "此文件已导入过，没有变化" if outcome == Outcome.DUPLICATE
                           else f"此文件已在等待处理：{seen['reason']}",
                           "imported before" if outcome == Outcome.DUPLICATE else "held",
                           sender=seen["sender"], year=seen["year"], sequence=seen["sequence"],
                           sha256=sha), False
    if size > MAX_BUNDLE_BYTES:
        raise _reject("文件过大，不是 EduPlan 数据包", "file too large")
    try:
        with open(path, "rb") as f:
            env = read_envelope(f)
    except BadBundle as exc:
        raise _reject(exc.message, exc.message_en) from None
    except OSError as exc:
        raise _reject(f"无法读取文件：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    header = env.header
    to, sender = header.get("to"), header.get("from")
    if header.get("format") != "eduplan-bundle" or header.get("kind") != "data" \
            or not isinstance(to, dict) or not isinstance(sender, dict):
        raise _reject("数据包已损坏或被改动（文件头），未做任何修改", "damaged header")
    if to.get("org") != ws.org_code:
        # the name from this workspace's register, not from the (unchecked) header
        unit = ws.orgs.get(str(to.get("org")))
        raise _reject(f"这个数据包是发给{unit.name if unit else shown(str(to.get('org')))}的，"
                      f"不是发给本单位（{ws.org.name}）的", "not addressed to this workspace")
    try:
        to_key = base64.b64decode(str(to.get("key")), validate=True)
    except (binascii.Error, ValueError):
        to_key = b""
    private = ring.encryption_key_for(to_key)
    if private is None:
        raise _reject(f"这个数据包是发给{ws.org.name}的另一个密钥的（不是本工作区的密钥），无法打开。"
                      "请让对方用本工作区的设立文件重新设置后再导出", "sealed to a key this "
                      "workspace does not have")
    # a nameless file (a folder made and removed costs 3 ms a bundle here): nothing of the
    # decrypted payload outlives the import, even a killed one
    with tempfile.TemporaryFile(dir=ws.path, prefix=".import-") as payload_file:
        try:
            opened = open_sealed(path, private, payload_file, _statement_key(ws, header),
                                 cancelled=cancelled)
            payload = read_payload(payload_file, cancelled)
        except BadBundle as exc:
            raise _reject(exc.message, exc.message_en) from None
    st = opened.statement
    sender = st["sender"]
    fp = keys.fingerprint(base64.b64decode(sender["encryption_key"]),
                          base64.b64decode(sender["signing_key"]))
    if st["payload"].get("lines") != payload.count or sender.get("fingerprint") != fp:
        raise _reject("数据包声明与内容不符（行数或指纹），未做任何修改",
                      "the statement does not match the content")
    return _decide(_Attempt(ws, path, sha, size), st, payload, force_sequence)


def _statement_key(ws: Workspace, header: dict[str, Any]) -> Callable[[dict[str, Any]], bytes]:
    """The statement must agree with the routing header; its key checks the signature."""

    def key(st: dict[str, Any]) -> bytes:
        try:
            sender, recipient = st["sender"], st["recipient"]
            ok = (st.get("format") == "eduplan-bundle" and st.get("version") == 1
                  and st.get("kind") == "data" and sender["org"] == header["from"]["org"]
                  and recipient["org"] == header["to"]["org"]
                  and recipient["encryption_key"] == header["to"]["key"]
                  and isinstance(st["year"], int) and isinstance(st["sequence"], int)
                  and st["sequence"] >= 1 and isinstance(st["created_at"], str))
            public = base64.b64decode(sender["signing_key"], validate=True)
            base64.b64decode(sender["encryption_key"], validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            ok, public = False, b""
        if not ok or len(public) != 32:
            raise BadBundle("damaged", "数据包声明与文件头不符或不完整，未做任何修改",
                            "statement does not match the header")
        return public

    return key


def _decide(at: _Attempt, st: dict[str, Any], payload: Payload, force_sequence: bool
            ) -> tuple[FileOutcome, bool]:
    ws, path, sha = at.ws, at.path, at.sha
    sender = st["sender"]
    org, year, seq = sender["org"], st["year"], st["sequence"]
    enc = base64.b64decode(sender["encryption_key"])
    signing = base64.b64decode(sender["signing_key"])
    fp = keys.fingerprint(enc, signing)
    base = {"sender": org, "sender_name": sender.get("name"), "year": year, "sequence": seq}
    _check_place(ws, sender, payload)
    now = now_iso()
    received = {"file_sha256": sha, "sender": org,
                "sender_workspace": str(sender.get("workspace")), "signing_key": signing,
                "year": year, "sequence": seq, "payload_sha256": st["payload"]["sha256"],
                "created_at": st["created_at"], "received_at": now}

    trust = _trust(ws, org, enc, signing, fp, st.get("rotations") or [], sender)
    if trust is not None:
        stored_as = _keep(ws, path, "held", sha)
        return at.commit(
            FileOutcome(str(path), Outcome.PENDING, trust[0], trust[1], sha256=sha,
                        fingerprint=fp, **base),
            lambda: _ensure_pending_peer(ws, org, enc, signing, fp, sender, now),
            lambda: rows.upsert_received(ws, {**received, "status": "pending",
                                              "reason": trust[0], "stored_as": stored_as}))
    checked = scan_records(ws, payload.records)
    problems = list(checked.problems) + _out_of_scope(ws, org, payload)
    if problems:
        raise _reject("数据包中的记录不完整或格式不正确：" + "；".join(problems[:3]),
                      "the records do not hold together", **base)
    forms = _unknown_forms(ws, payload.records)
    if forms:
        stored_as = _keep(ws, path, "held", sha)
        reason = (f"数据包使用了本程序不认识的表单版本（{forms}），已暂存。请更新 EduPlan 后重新处理"
                  "暂存的数据包（数据交换 → 接收；命令行 eduplan import --held）")
        return at.commit(
            FileOutcome(str(path), Outcome.PENDING, reason, f"unknown form version {forms}",
                        sha256=sha, **base),
            lambda: rows.upsert_received(ws, {**received, "status": "pending",
                                              "reason": reason, "stored_as": stored_as}))
    _check_values(ws, payload.records)

    others = [r for r in rows.received_from(ws, org) if r["file_sha256"] != sha]
    same = [r for r in others if r["sequence"] == seq and r["status"] != "pending"]
    if any(r["payload_sha256"] == received["payload_sha256"] for r in same):
        stored_as = _keep(ws, path, "accepted", sha)
        return at.commit(
            FileOutcome(str(path), Outcome.DUPLICATE, "与已导入的数据包内容相同，没有变化",
                        "same content as a bundle imported before", sha256=sha, **base),
            lambda: rows.upsert_received(ws, {**received, "status": "kept",
                                              "reason": "duplicate", "stored_as": stored_as}))
    if same and not force_sequence:
        stored_as = _keep(ws, path, "accepted", sha)
        with ws.write():
            detail = {"sender": org, "sequence": seq, "stored": same[0]["file_sha256"],
                      "incoming": sha}
            cid = _open_conflict(ws, f"sequence:{org}:{seq}:{sha}", "sequence", org, year,
                                 None, sha, detail, now)
            rows.upsert_received(ws, {**received, "status": "conflict",
                                      "reason": "同一发送方的同一序号已有另一份不同的数据包",
                                      "stored_as": stored_as})
            outcome = FileOutcome(
                str(path), Outcome.CONFLICT,
                f"{shown(str(sender.get('name')))}的第 {seq} 号数据包已有另一份内容不同的，"
                "两份都已保留，请在“冲突”中处理（命令行 eduplan conflicts）", "two different "
                "bundles with the "
                "same sequence", sha256=sha, conflicts=(cid,), **base)
            _log_rows(ws, outcome, sha, at.size)
        return outcome, True
    # a bundle is a snapshot of one year: older means a lower sequence of the same year
    merged_seqs = [r["sequence"] for r in others if r["status"] == "merged"
                   and r["year"] == year]
    if merged_seqs and seq < max(merged_seqs) and not force_sequence:
        stored_as = _keep(ws, path, "accepted", sha)
        latest = max(merged_seqs)
        return at.commit(
            FileOutcome(str(path), Outcome.STALE,
                        f"比已合并的第 {latest} 号数据包（{year} 年）旧，已保留在历史中，未采用",
                        "older than a bundle already merged", sha256=sha, **base),
            lambda: rows.upsert_received(ws, {**received, "status": "stale",
                                              "reason": f"已合并第 {latest} 号",
                                              "stored_as": stored_as}))

    stored_as = _keep(ws, path, "accepted", sha)
    try:
        return _merge(at, st, payload, checked, received, stored_as, now, base), True
    except _Stop:
        if rows.received(ws, sha) is None:  # kept only for this attempt
            (ws.path / stored_as).unlink(missing_ok=True)
        raise


def _outcome(path: Path, sha: str, changes: Changes, cids: tuple[int, ...],
             base: dict[str, Any]) -> FileOutcome:
    if cids:
        return FileOutcome(str(path), Outcome.CONFLICT,
                           f"其余数据已合并；{len(cids)} 张表与本单位代填的数据冲突，请在“冲突”中"
                           "处理（命令行 eduplan conflicts）",
                           f"{len(cids)} entries conflict with values held here",
                           sha256=sha, changes=changes, conflicts=cids, **base)
    return FileOutcome(str(path), Outcome.MERGED if _any(changes) else Outcome.DUPLICATE,
                       "" if _any(changes) else "没有新的数据", "" if _any(changes) else
                       "nothing new", sha256=sha, changes=changes, **base)


def _merge(at: _Attempt, st: dict[str, Any], payload: Payload, checked: Checked,
           received: dict[str, Any], stored_as: str, now: str, base: dict[str, Any]
           ) -> FileOutcome:
    """Schools, then records, the bundle's row, its signed audit head, the log: one
    transaction."""
    ws, sha, sender = at.ws, at.sha, st["sender"]
    org = sender["org"]
    with ws.write():
        lines, below = _school_lines(ws, org, payload)
        # (no lines — a known school's own bundle — leaves the register, and the org tree
        # built from it, as they are)
        schools = merge_schools(ws, lines, below=below, at=now,
                                by=f"{sender.get('name')}（数据包）") if lines else 0
        try:
            result = import_records(ws, payload.records, checked=checked)
        except RecordsInvalid as exc:
            raise _reject(exc.message, exc.message_en, **base) from None
        bad = [r for r in result.refused if r.kind != RefusalKind.OWNER]
        if bad:
            raise _reject("；".join(r.message for r in bad[:5]), bad[0].message_en, **base)
        cids = tuple(_owner_conflict(ws, r, payload.records, sha, now)
                     for r in result.refused if r.kind == RefusalKind.OWNER)
        rows.upsert_received(ws, {**received, "status": "merged", "reason": None,
                                  "stored_as": stored_as})
        keep_audit_head(ws, st, sha, now)
        outcome = _outcome(at.path, sha, _changes(result, schools), cids, base)
        _log_rows(ws, outcome, sha, at.size)
    return outcome


def _any(c: Changes) -> bool:
    return bool(c.schools or c.entries or c.revisions or c.submissions or c.values)


def _changes(result: ImportResult, schools: int) -> Changes:
    return Changes(schools, result.entries.inserted, result.revisions.inserted,
                   result.submissions.inserted, result.current_changed)


def _school_lines(ws: Workspace, sender: str, payload: Payload
                  ) -> tuple[list[dict[str, Any]], str]:
    """The school lines a sender may give, and the unit they must be below: a bureau
    describes the schools below it; a school only introduces itself, when unknown here (its
    county is the authority for its attributes)."""
    own = [s for s in payload.schools if s.get("code") == sender]
    if own and own[0].get("parent") == ws.org_code and ws.role == "county":
        return ([] if ws.orgs.get(sender) is not None else own), ws.org_code
    return list(payload.schools), sender


def _check_place(ws: Workspace, sender: dict[str, Any], payload: Payload) -> None:
    """The sender is a unit directly below this one (a school it does not know yet may
    introduce itself under one of its counties), and every school line is sound."""
    code = sender["org"]
    unit = ws.orgs.get(code)
    lines = {str(s.get("code")): s for s in payload.schools}
    for line in payload.schools:
        problem = line_problem(line)
        if problem:
            raise _reject(f"数据包中的学校记录有误：{problem}", "bad school line")
    if unit is None and code in lines:  # a new school introducing itself
        parent = lines[code].get("parent")
        unit_parent = parent if isinstance(parent, str) else None
    else:
        unit_parent = unit.parent if unit is not None else None
    if unit_parent is None:
        raise _reject(f"发送单位“{shown(str(sender.get('name') or code))}”不在本单位之下",
                      "the sender is not below this unit")
    if unit_parent != ws.org_code:
        raise _reject(f"发送单位“{shown(str(sender.get('name') or code))}”不是本单位"
                      f"（{ws.org.name}）的直属下级，数据应逐级报送", "the sender is not directly "
                      "below this unit")


def _out_of_scope(ws: Workspace, sender: str, payload: Payload) -> list[str]:
    """Entries of units the sender does not answer for: a school sends only its own, a
    bureau its own and those below it; each entry's owner is its org or a bureau above it
    (a paper school's) at or below the sender."""
    lines = {str(s.get("code")): s.get("parent") for s in payload.schools}

    def below(code: str, top: str) -> bool:
        seen = set()
        while code not in seen:
            seen.add(code)
            if code == top:
                return True
            org = ws.orgs.get(code)
            parent = org.parent if org is not None else lines.get(code)
            if not isinstance(parent, str):
                return False
            code = parent
        return False

    problems = []
    for e in payload.records.entries:
        if not isinstance(e.org, str) or not isinstance(e.owner, str):
            continue  # check_records says so
        if not below(e.org, sender) or not below(e.org, e.owner) or not below(e.owner, sender):
            problems.append(f"发送单位无权报送“{shown(e.org)}”的数据（表单 {shown(str(e.form))}）")
    return problems


def _trust(ws: Workspace, org: str, enc: bytes, signing: bytes, fp: str,
           rotations: list[Any], sender: dict[str, Any]) -> tuple[str, str] | None:
    """None when the signing key is a confirmed key of ``org`` (or a rotation signed by one
    makes it so: recorded here); else why the bundle is held."""
    known = rows.peers(ws, org, "child")
    if any(p["signing_key"] == signing and p["status"] == "confirmed" for p in known):
        return None
    confirmed = [p for p in known if p["status"] in ("confirmed", "retired")]
    if confirmed and _rotation_reaches(ws, org, confirmed, signing, enc, rotations, sender):
        return None
    name = shown(str(sender.get("name") or org))
    if confirmed:
        return (f"{name}的密钥与以前不同（新指纹 {fp}），已暂存。请电话核对指纹后在“待确认”中确认"
                f"（命令行 eduplan enrol confirm {org}）", "the sender's key changed")
    return (f"首次收到{name}的数据包（指纹 {fp}），已暂存。请电话核对指纹后在“待确认”中确认"
            f"（命令行 eduplan enrol confirm {org}）", "unknown sender key")


def _rotation_reaches(ws: Workspace, org: str, confirmed: list[dict[str, Any]],
                      signing: bytes, enc: bytes, rotations: list[Any],
                      sender: dict[str, Any]) -> bool:
    """Follow the sender's rotation statements from a confirmed key to ``signing``; on
    success record the new key as confirmed (the old ones retired)."""
    trusted = {p["signing_key"] for p in confirmed}
    for rot in rotations:
        try:
            statement = json.loads(rot["statement"])
            old = base64.b64decode(statement["old"]["signing"], validate=True)
            if statement.get("org") != org or old not in trusted:
                continue
            keys.verify_rotation(rot["statement"], base64.b64decode(rot["old_signature"]),
                                 base64.b64decode(rot["new_signature"]), old)
            trusted.add(base64.b64decode(statement["new"]["signing"], validate=True))
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error,
                EduPlanError):
            continue
    if signing not in trusted:
        return False
    now = now_iso()
    with ws.write():
        for p in confirmed:
            if p["status"] == "confirmed":
                rows.set_peer_status(ws, p["id"], "retired")
        rows.insert_peer(ws, {"org": org, "relation": "child",
                              "workspace_id": str(sender.get("workspace")),
                              "encryption_key": enc, "signing_key": signing,
                              "fingerprint": keys.fingerprint(enc, signing),
                              "status": "confirmed", "source": "rotation", "added_at": now,
                              "confirmed_at": now, "confirmed_by": "更换声明（旧密钥签名）"})
    return True


def _ensure_pending_peer(ws: Workspace, org: str, enc: bytes, signing: bytes, fp: str,
                         sender: dict[str, Any], at: str) -> None:
    if any(p["signing_key"] == signing for p in rows.peers(ws, org, "child")):
        return
    rows.insert_peer(ws, {"org": org, "relation": "child",
                          "workspace_id": str(sender.get("workspace")), "encryption_key": enc,
                          "signing_key": signing, "fingerprint": fp, "status": "pending",
                          "source": "bundle", "added_at": at})


def _unknown_forms(ws: Workspace, records: Records) -> str:
    unknown = sorted({f"{e.form} {e.form_version}" for e in records.entries
                      if ws.catalog.release_status(e.form, e.form_version, e.form_hash)
                      in ("unknown", "mismatch")})
    return "、".join(unknown)


def _heads(records: Records) -> dict[str, dict[str, Any]]:
    """Each entry's values as its sender had them: the head of each field's chain (records
    that hold together: each revision names the one it replaced)."""
    out: dict[str, dict[str, Any]] = {}
    for (entry, fld), head in heads_of(records.revisions).items():
        out.setdefault(entry, {})[fld] = head.new_value
    return out


def _check_values(ws: Workspace, records: Records) -> None:
    """Values that break their form's error rules are refused (the whole bundle)."""
    heads = _heads(records)
    problems: list[str] = []
    for e in records.entries:
        form = ws.catalog.forms.get(e.form)
        if form is None or form.generated:
            continue
        if ws.catalog.release_status(e.form, e.form_version, e.form_hash) != "current":
            continue  # an older version merges as it is
        values = {k: v for k, v in heads.get(e.uid, {}).items() if form.field(k) is not None}
        errors = [i for i in validate(form, values) if i.is_error]
        org = ws.orgs.get(e.org)
        for issue in errors[:3]:
            problems.append(f"{shown(org.name if org else e.org)} {e.year} 年“{form.name}”："
                            f"{issue.message}")
    if problems:
        more = f"（另有 {len(problems) - 5} 处）" if len(problems) > 5 else ""
        raise _reject("数据包中的数值不符合表单的校验规则：" + "；".join(problems[:5]) + more,
                      "values break the form's error rules")


def _open_conflict(ws: Workspace, key: str, kind: str, org: str, year: int,
                   form: str | None, bundle: str, detail: dict[str, Any], at: str) -> int:
    old = rows.conflict_by_key(ws, key)
    if old is not None:
        return int(old["id"])
    rows.insert_conflict(ws, {"key": key, "kind": kind, "org": org, "year": year,
                              "form": form, "bundle": bundle,
                              "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
                              "opened_at": at})
    found = rows.conflict_by_key(ws, key)
    assert found is not None
    return int(found["id"])


def _owner_conflict(ws: Workspace, refusal: Any, records: Records, sha: str, at: str) -> int:
    heads = _heads(records).get(refusal.uid, {})
    entry = next(e for e in records.entries if e.uid == refusal.uid)
    digest = hashlib.sha256(json.dumps(heads, sort_keys=True, ensure_ascii=False)
                            .encode()).hexdigest()[:16]
    detail = {"entry_uid": entry.uid, "owner": entry.owner, "incoming": heads,
              "message": refusal.message}
    return _open_conflict(ws, f"owner:{entry.uid}:{digest}", "owner", entry.org, entry.year,
                          entry.form, sha, detail, at)


def bundle_heads(ws: Workspace, path: Path, ring: keys.Keyring
                 ) -> dict[tuple[str, int, str], dict[str, Any]]:
    """The values each entry of a stored bundle had at its sender (opened again, nothing
    stored), by (org, year, form)."""
    with open(path, "rb") as f:
        env = read_envelope(f)
    private = ring.encryption_key_for(base64.b64decode(str(env.header["to"]["key"])))
    if private is None:
        raise UsageError("无法打开这个数据包（不是发给本工作区的密钥）。", "cannot open the bundle")
    with tempfile.TemporaryDirectory(dir=ws.path, prefix=".import-") as tmp:
        opened = open_sealed(path, private, Path(tmp) / "payload",
                             _statement_key(ws, env.header))
        payload = read_payload(opened.payload)
    heads = _heads(payload.records)
    return {(e.org, e.year, e.form): heads.get(e.uid, {}) for e in payload.records.entries}


# -- held bundles --------------------------------------------------------------------------

def held(ws: Workspace, sender: str | None = None) -> list[dict[str, Any]]:
    return [r for r in rows.received_with_status(ws, "pending")
            if sender is None or r["sender"] == sender]


def retry_held(ws: Workspace, ring: keys.Keyring, sender: str | None = None,
               cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Take up again the bundles held (of ``sender``), oldest sequence first."""
    out = []
    for r in held(ws, sender):
        out.append(import_file(ws, ws.path / r["stored_as"], ring, held=True,
                               cancelled=cancelled))
    return ImportReport(tuple(out))
