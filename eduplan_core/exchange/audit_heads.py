"""Signed heads of the audit chain (store/audit.py), and checking a chain against them.

At each export the passphrase is at hand, so the workspace signs the head of its audit log —
canonical JSON ``{"type": "eduplan-audit-head", "version": 1, "org", "workspace",
"audit_id", "hash", "at"}`` with its Ed25519 key over ``b"eduplan-audit-head/v1\\x00"`` +
statement — keeps it (``audit_heads``) and sends it in the bundle's statement
(``audit_head``: ``{"statement", "signature"}``, base64). The parent keeps the heads it
receives from each unit (``audit_heads_received``), so it can later check that unit's chain
against them: ``eduplan audit heads --org UNIT --out FILE`` writes them, ``eduplan audit verify
--heads FILE`` (run on the unit's workspace, e.g. on an inspection visit) finds any row edited,
inserted or deleted up to the last head the parent holds.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..errors import EduPlanError, UsageError
from ..inputs import shown
from ..store import audit
from ..store.clock import now_iso
from ..store.workspace import Workspace
from . import keys
from .container import b64, canonical

_CONTEXT = b"eduplan-audit-head/v1\x00"
HEADS_FORMAT = "eduplan-audit-heads"


def sign_head(ws: Workspace, ring: keys.Keyring, sequence: int | None
              ) -> tuple[dict[str, Any], dict[str, str]]:
    """Sign the current head: the row to keep (``audit.insert_signed_head``, in the export's
    transaction) and what travels in the bundle."""
    audit_id, digest = audit.head(ws.db)
    pair = ring.current
    statement = canonical({"type": "eduplan-audit-head", "version": 1, "org": ws.org_code,
                           "workspace": ring.workspace_id, "audit_id": audit_id,
                           "hash": digest, "at": now_iso()})
    signature = pair.signing.sign(_CONTEXT + statement)
    row = {"audit_id": audit_id, "hash": digest, "statement": statement.decode("utf-8"),
           "signature": signature, "signing_key": pair.public[1], "signed_at": now_iso(),
           "bundle_sequence": sequence}
    return row, {"statement": statement.decode("utf-8"), "signature": b64(signature)}


def _parse(statement: str, signature: bytes, public: bytes) -> dict[str, Any] | None:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature,
                                                          _CONTEXT + statement.encode("utf-8"))
        data = json.loads(statement)
    except (InvalidSignature, ValueError, TypeError):
        return None
    ok = (isinstance(data, dict) and data.get("type") == "eduplan-audit-head"
          and isinstance(data.get("audit_id"), int) and isinstance(data.get("hash"), str))
    return data if ok else None


def keep_audit_head(ws: Workspace, st: dict[str, Any], bundle: str, at: str) -> None:
    """Keep the signed head a bundle carried (inside the import's transaction); a head that
    does not verify with the bundle's signing key is not kept."""
    carried = st.get("audit_head")
    if not isinstance(carried, dict):
        return
    try:
        signature = base64.b64decode(str(carried.get("signature")), validate=True)
        public = base64.b64decode(st["sender"]["signing_key"], validate=True)
    except (binascii.Error, ValueError, KeyError, TypeError):
        return
    statement = carried.get("statement")
    data = _parse(statement, signature, public) if isinstance(statement, str) else None
    if data is None or data.get("org") != st["sender"]["org"]:
        return
    audit.insert_received_head(ws.db, {
        "sender": st["sender"]["org"], "sender_workspace": str(data.get("workspace")),
        "audit_id": data["audit_id"], "hash": data["hash"], "statement": statement,
        "signature": signature, "signing_key": public, "received_at": at, "bundle": bundle})


@dataclass(frozen=True)
class VerifyResult:
    rows: int
    last_signed: int  # the last row a signed head covers (0: none)
    unsigned_after: int  # rows after it
    heads_checked: int
    problems: tuple[audit.ChainProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ws: Workspace, heads_file: Path | None = None) -> VerifyResult:
    """Walk this workspace's chain; check its own signed heads (signature with its own key,
    any generation) and, given ``heads_file``, the heads its parent received."""
    hashes, problems = audit.walk(ws.db)
    known_keys = {k.signing for k in _public_keys(ws)}
    heads: list[audit.Head] = []
    for h in audit.signed_heads(ws.db):
        data = _parse(h["statement"], h["signature"], h["signing_key"])
        if data is None or h["signing_key"] not in known_keys or data["audit_id"] != h[
                "audit_id"] or data["hash"] != h["hash"]:
            problems.append(audit.ChainProblem(h["audit_id"], "head_mismatch",
                                               f"本工作区第 {h['audit_id']} 条审计记录的签名无效",
                                               "a signed head here does not verify"))
            continue
        heads.append(audit.Head(data["audit_id"], data["hash"], "本工作区导出时"))
    if heads_file is not None:
        heads += _heads_from_file(ws, heads_file)
    problems += audit.check_heads(hashes, heads)
    last = max((h.audit_id for h in heads), default=0)
    total = max(hashes, default=0)
    return VerifyResult(len(hashes), last, max(0, total - last), len(heads),
                        tuple(sorted(problems, key=lambda p: p.row)))


def _public_keys(ws: Workspace) -> list[keys.PublicKeys]:
    if not keys.has_keys(ws):
        return []
    info = keys.key_info(ws)
    return [info.current, *info.older]


def export_heads(ws: Workspace, org_query: str, out: Path) -> int:
    """Write the heads received from ``org_query`` to ``out`` (JSON); returns how many."""
    org = ws.orgs.resolve(org_query)
    got = audit.received_heads(ws.db, org.code)
    if not got:
        raise UsageError(f"还没有收到{org.name}签名的审计记录（它的数据包会带来）。",
                         f"no signed heads from {org.name} yet")
    doc = {"format": HEADS_FORMAT, "version": 1, "org": org.code, "from": ws.org_code,
           "heads": [{"statement": h["statement"], "signature": b64(h["signature"]),
                      "signing_key": b64(h["signing_key"])} for h in got]}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(got)


def _heads_from_file(ws: Workspace, path: Path) -> list[audit.Head]:
    bad = EduPlanError("审计签名文件无法读取或已损坏，未做任何检查。",
                       "the heads file cannot be read")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != HEADS_FORMAT or doc.get("org") != ws.org_code:
            raise EduPlanError(f"这个审计签名文件不是{ws.org.name}的（单位：{shown(str(doc.get('org')))}）。",
                               "the heads file is another unit's")
        own = {k.signing for k in _public_keys(ws)}
        out = []
        for h in doc["heads"]:
            public = base64.b64decode(h["signing_key"], validate=True)
            data = _parse(h["statement"], base64.b64decode(h["signature"], validate=True),
                          public)
            if data is None or public not in own:
                raise bad
            if data.get("workspace") != ws.info().workspace_id:
                continue  # another workspace of this unit (a re-seeded one): not this chain
            out.append(audit.Head(data["audit_id"], data["hash"], "上级收到的数据包中"))
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise bad from None
