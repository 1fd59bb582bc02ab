"""The audit log: every write of a workspace, appended to a hash chain.

Each user action that changes the workspace — values entered, a submission, a school
registered or changed, a bundle imported (with its outcome) or exported, a key confirmed, a
conflict resolved, a key event, a setup, a restore — adds one row to ``audit_log`` **in the
same transaction** as the change (:func:`record`, called inside ``ws.write()``): the row
exists exactly when the change does.

Row *n* holds ``id``, ``at``, ``operator``, ``action``, ``detail`` (canonical JSON) and
``prev_hash`` = the hash of row *n−1* (64 zeros for the first); its ``hash`` is SHA-256 over
``b"eduplan-audit/v1\\x00"`` + ``prev_hash`` + ``b"\\x00"`` + the canonical JSON of
``{"id", "at", "operator", "action", "detail"}``. Editing a row changes its hash; deleting
one breaks the next row's ``prev_hash`` and leaves a gap in the ids; inserting one breaks the
chain where it goes in. Someone who rewrites the whole chain from a point on is caught by a
**signed head**: at each export the workspace signs (Ed25519) the id and hash of its last row
(exchange/audit_heads.py), keeps the signature and sends it in the bundle, so the parent holds
it too. :func:`verify` walks the chain and compares it with signed heads; rows after the last
signed head stand unsigned (said, with their number).

The table is append-only (triggers); someone editing the file with plain sqlite3 must drop
them first, which is what the chain is for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .clock import now_iso

GENESIS = "0" * 64
_CONTEXT = b"eduplan-audit/v1\x00"


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def row_hash(prev_hash: str, row_id: int, at: str, operator: str, action: str,
             detail: str) -> str:
    body = _canonical({"id": row_id, "at": at, "operator": operator, "action": action,
                       "detail": detail})
    return hashlib.sha256(_CONTEXT + prev_hash.encode("ascii") + b"\x00" + body).hexdigest()


def record(db, operator: str, action: str, detail: dict[str, Any]) -> int:
    """Append one row (inside the caller's transaction); returns its id."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = now_iso()
    text = _canonical(detail).decode("utf-8")
    db.execute("INSERT INTO audit_log (id, at, operator, action, detail, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               [row_id, at, operator, action, text, prev,
                row_hash(prev, row_id, at, operator, action, text)])
    return row_id


def head(db) -> tuple[int, str]:
    """The id and hash of the last row (0 and the genesis hash for an empty log)."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS)


def rows(db, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM audit_log ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


@dataclass(frozen=True)
class ChainProblem:
    row: int  # the audit row where the chain breaks
    kind: str  # edited | deleted | inserted | head_mismatch | head_missing
    message: str
    message_en: str


@dataclass(frozen=True)
class Head:
    """A signed head: the chain's id and hash at one moment (checked by the caller)."""

    audit_id: int
    hash: str
    origin: str  # where it came from, said in messages


def walk(db) -> tuple[dict[int, str], list[ChainProblem]]:
    """Recompute the chain: each row's stored hash by id, and every break found."""
    problems: list[ChainProblem] = []
    hashes: dict[int, str] = {}
    prev_id, prev_hash = 0, GENESIS
    for r in _iter(db):
        rid = r[0]
        recomputed = row_hash(r[5], rid, r[1], r[2], r[3], r[4])
        if rid != prev_id + 1:
            problems.append(ChainProblem(
                rid, "deleted", f"审计记录第 {prev_id + 1}—{rid - 1} 条缺失（被删除）",
                f"audit rows {prev_id + 1}-{rid - 1} are missing (deleted)"))
        elif r[5] != prev_hash:
            problems.append(ChainProblem(
                rid, "inserted" if recomputed == r[6] else "edited",
                f"审计记录第 {rid} 条与前一条接不上（前面有记录被删改或插入）",
                f"audit row {rid} does not follow the one before it"))
        if recomputed != r[6]:
            problems.append(ChainProblem(rid, "edited", f"审计记录第 {rid} 条的内容被改动过",
                                         f"audit row {rid} was edited"))
        hashes[rid] = r[6]
        prev_id, prev_hash = rid, r[6]
    return hashes, problems


def _iter(db) -> Iterable[tuple]:
    cursor = db.execute("SELECT id, at, operator, action, detail, prev_hash, hash "
                        "FROM audit_log ORDER BY id")
    while batch := cursor.fetchmany(10000):
        yield from batch


def check_heads(hashes: dict[int, str], heads: Iterable[Head]) -> list[ChainProblem]:
    out = []
    for h in heads:
        if h.audit_id not in hashes:
            out.append(ChainProblem(h.audit_id, "head_missing",
                                    f"{h.origin}签名确认过的第 {h.audit_id} 条审计记录已不存在"
                                    "（记录被删除或工作区被退回到更早的状态）",
                                    f"audit row {h.audit_id} signed in {h.origin} is gone"))
        elif hashes[h.audit_id] != h.hash:
            out.append(ChainProblem(h.audit_id, "head_mismatch",
                                    f"第 {h.audit_id} 条审计记录与{h.origin}签名确认的不一致"
                                    "（之前的记录被改写过）",
                                    f"audit row {h.audit_id} differs from the head signed in "
                                    f"{h.origin}"))
    return out


# -- signed heads (the SQL of exchange/audit_heads.py) -------------------------------------

def insert_signed_head(db, row: dict[str, Any]) -> None:
    db.table("audit_heads").insert(row)


def signed_heads(db) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT * FROM audit_heads ORDER BY audit_id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def insert_received_head(db, row: dict[str, Any]) -> None:
    db.table("audit_heads_received").insert(row, ignore=True)


def received_heads(db, sender: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM audit_heads_received"
    params: list[Any] = []
    if sender is not None:
        sql += " WHERE sender = ?"
        params.append(sender)
    cursor = db.execute(sql + " ORDER BY sender, audit_id", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]
