"""Enrolment: a bureau confirms a unit's key after comparing its fingerprint by phone.

A unit's first bundle carries its public keys; :mod:`inbox` holds it **pending** with the
key recorded as a pending peer. ``confirm`` (after the two people read the fingerprint to
each other) marks that key confirmed — the key confirmed before it, if any, retired — and
takes up the held bundles of that unit at once, without importing them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from ..inputs import shown
from ..store import exchange_rows as rows
from ..store.clock import now_iso
from ..store.workspace import Workspace
from . import keys
from .inbox import ImportReport, held, retry_held


@dataclass(frozen=True)
class Peer:
    org: str
    org_name: str
    relation: str
    fingerprint: str
    status: str
    source: str
    added_at: str
    confirmed_at: str | None
    held_bundles: int


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def peers(ws: Workspace) -> list[Peer]:
    waiting: dict[str, int] = {}
    for r in held(ws):
        waiting[r["sender"]] = waiting.get(r["sender"], 0) + 1
    out = []
    for p in rows.peers(ws):
        org = ws.orgs.get(p["org"])
        out.append(Peer(p["org"], org.name if org else p["org"], p["relation"],
                        p["fingerprint"], p["status"], p["source"], p["added_at"],
                        p["confirmed_at"], waiting.get(p["org"], 0)
                        if p["status"] == "pending" else 0))
    return out


def _pending_of(ws: Workspace, org_query: str) -> tuple[str, list[dict]]:
    query = org_query.strip()
    candidates = [p for p in rows.peers(ws, relation="child") if p["status"] == "pending"]
    code = query
    if not any(p["org"] == query for p in candidates):
        try:
            code = ws.orgs.resolve(query).code
        except Exception:  # an unknown school is named by its code only
            code = query
    mine = [p for p in candidates if p["org"] == code]
    if not mine:
        raise UsageError(f"没有等待确认的“{shown(query)}”的密钥（数据交换 → 待确认；命令行 eduplan enrol list）。",
                         f"no pending key of {query}")
    return code, mine


def confirm(ws: Workspace, ring: keys.Keyring, org_query: str, fingerprint: str | None = None
            ) -> tuple[Peer, ImportReport]:
    """Confirm the pending key of ``org_query`` (when ``fingerprint`` is given it must match
    the one read out over the phone) and merge its held bundles."""
    code, pending = _pending_of(ws, org_query)
    if fingerprint is None and len(pending) > 1:
        raise UsageError("这个单位有多个待确认的密钥，请用 --fingerprint 指明核对过的指纹。",
                         "several pending keys: give --fingerprint")
    chosen = pending[-1]
    if fingerprint is not None:
        match = [p for p in pending if _digits(p["fingerprint"]) == _digits(fingerprint)]
        if not match:
            raise UsageError(f"指纹不符：收到的密钥指纹是 {chosen['fingerprint']}，与核对的"
                             f"“{shown(fingerprint)}”不同。不要确认，请联系对方查明。",
                             "the fingerprint does not match; not confirmed")
        chosen = match[0]
    now = now_iso()
    with ws.write():
        for p in rows.peers(ws, code, "child"):
            if p["status"] == "confirmed":
                rows.set_peer_status(ws, p["id"], "retired")
        rows.set_peer_status(ws, chosen["id"], "confirmed", now, ws.operator)
        ws.audit("enrol", {"org": code, "fingerprint": chosen["fingerprint"]})
    report = retry_held(ws, ring, code)
    peer = next(p for p in peers(ws) if p.org == code and p.fingerprint == chosen["fingerprint"]
                and p.relation == "child")
    return peer, report
