"""``eduplan export``: one sealed bundle of one year for the parent office.

A bundle is a **full snapshot** of the year for everything the sender owns or has merged —
its schools (with per-year attributes), every entry of the year with every revision and
submission, each record keeping its origin (org, uid, origin workspace, form version and
hash) — so any one bundle brings the parent up to date and nothing depends on an earlier one
having arrived. Up the chain each level seals its own snapshot (its records and everything
merged from below, origins kept) for its own parent, signed with its own key.

**Sequence.** Each bundle a workspace sends gets the next number of its sequence, which
never goes back: the number is the greatest of the last one in the workspace
(``sent_bundles``) and the last one in ``exchange/sequence`` (a small file in the workspace
folder, written and flushed before the bundle), plus one. A workspace restored from an older
backup keeps its folder's file, so it does not reuse a number; a parent that still sees a
number twice with other content keeps both as a conflict.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog.model import Org
from ..errors import UsageError
from ..inputs import check_year, shown
from ..store import exchange_rows as rows
from ..store.clock import now_iso
from ..store.imports import Records, records_of
from ..store.workspace import Workspace
from ..store import audit
from . import keys
from .audit_heads import sign_head
from .container import Sealed, b64, write_sealed
from .payload import write_payload

FORMAT_VERSION = 1
EXCHANGE_DIR = "exchange"
OUTBOX = "outbox"
SUFFIX = ".eduplan"


@dataclass(frozen=True)
class ExportResult:
    path: str
    sender: str
    recipient: str
    recipient_name: str
    year: int
    sequence: int
    entries: int
    revisions: int
    submissions: int
    schools: int
    size: int
    file_sha256: str
    payload_sha256: str


def parent_peer(ws: Workspace, to: str | None = None) -> dict:
    """The confirmed key of this workspace's parent (learnt from its setup file)."""
    parent = ws.org.parent
    if parent is None:
        raise UsageError(f"{ws.org.name}是最高一级，没有上级单位可以报送。",
                         f"{ws.org.name} is the top level: there is no parent unit to send to.")
    if to is not None:
        unit = ws.orgs.resolve(to)
        if unit.code != parent:
            raise UsageError(f"{unit.name}不是{ws.org.name}的上级单位，数据只报送给直属上级"
                             f"（{_name(ws, parent)}）。",
                             f"{unit.name} is not the parent unit of {ws.org.name}: data is sent "
                             f"only to the unit directly above ({_name(ws, parent)}).")
    peers = [p for p in rows.peers(ws, parent, "parent") if p["status"] == "confirmed"]
    if not peers:
        raise UsageError(f"还不知道上级单位（{_name(ws, parent)}）的密钥：请先导入上级发来的设立文件"
                         "（桌面：文件 → 导入上级的设立文件；命令行 eduplan setup import 文件）。",
                         f"The key of the parent unit ({_name(ws, parent)}) is not known yet: "
                         "first import the setup file it sent (desktop: File → Import the parent "
                         "unit's setup file; command line: eduplan setup import FILE).")
    return peers[-1]


def _name(ws: Workspace, code: str | None) -> str:
    org = ws.orgs.get(code or "")
    return org.name if org else str(code)


def next_sequence(ws: Workspace) -> int:
    return max(rows.last_sent_sequence(ws), _file_sequence(ws)) + 1


def _sequence_file(ws: Workspace) -> Path:
    return ws.path / EXCHANGE_DIR / "sequence"


def _file_sequence(ws: Workspace) -> int:
    try:
        return int(_sequence_file(ws).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def _write_sequence(ws: Workspace, seq: int) -> None:
    path = _sequence_file(ws)
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_name(f"sequence.{os.getpid()}.part")
    with open(tmp, "w", encoding="ascii") as f:
        f.write(f"{seq}\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def raise_sequence_floor(ws: Workspace, floor: int) -> None:
    """The next bundle is numbered after ``floor`` (a re-seeded workspace goes on from the
    numbers its predecessor used)."""
    if floor >= next_sequence(ws):
        _write_sequence(ws, floor)


def own_schools(ws: Workspace) -> list[Org]:
    """The schools this workspace registered or merged (its own school included)."""
    return [o for o in ws.orgs if o.is_school and o.source != "catalog"
            and (o.code == ws.org_code or ws.orgs.is_below(o.code, ws.org_code))]


def default_name(ws: Workspace, parent: str, year: int, seq: int) -> str:
    return f"{ws.org.name}-{year}年-报{_name(ws, parent)}-第{seq}号{SUFFIX}"


def seal_snapshot(out: Path, sender: dict[str, Any], pair: keys.KeyPair,
                  recipient: dict[str, Any], year: int, seq: int, schools: list[Org],
                  records: Records, *, rotations: list[dict[str, Any]],
                  audit_head: dict[str, str] | None, work_dir: Path,
                  before_seal: Callable[[], None] | None = None,
                  progress: Callable[[int, int], None] | None = None
                  ) -> tuple[Sealed, int, str]:
    """Write one bundle: ``records`` and ``schools`` of the year from ``sender`` (org, name,
    level, workspace id; signed with ``pair``) sealed to ``recipient`` (org, name, raw
    encryption key). The payload is written to a temporary file in ``work_dir``, then
    ``before_seal`` runs (the sequence is recorded before the file exists), then the file is
    sealed. Returns the sealed file, its payload's line count and the creation time."""
    enc, sig = pair.public
    created = now_iso()
    header = {"format": "eduplan-bundle", "kind": "data",
              "from": {"org": sender["org"], "name": sender["name"]},
              "to": {"org": recipient["org"], "name": recipient["name"],
                     "key": b64(recipient["encryption_key"])}}
    statement: dict[str, Any] = {
        "format": "eduplan-bundle", "version": FORMAT_VERSION, "kind": "data",
        "sender": {"org": sender["org"], "name": sender["name"], "level": sender["level"],
                   "workspace": sender["workspace"], "encryption_key": b64(enc),
                   "signing_key": b64(sig), "fingerprint": pair.fingerprint,
                   "generation": pair.generation},
        "recipient": {"org": recipient["org"],
                      "encryption_key": b64(recipient["encryption_key"])},
        "year": year, "sequence": seq, "created_at": created, "rotations": rotations,
    }
    if audit_head is not None:
        statement["audit_head"] = audit_head
    with tempfile.TemporaryDirectory(dir=work_dir, prefix=".export-") as tmp:
        payload = Path(tmp) / "payload.jsonl.gz"
        lines = write_payload(payload, schools, records)
        statement["payload"] = {"encoding": "gzip+jsonl", "lines": lines}
        if before_seal is not None:
            before_seal()
        sealed = write_sealed(out, header, statement, payload, pair.signing,
                              recipient["encryption_key"], progress=progress)
    return sealed, lines, created


def export_bundle(ws: Workspace, passphrase: str | keys.Keyring, year: int, *,
                  to: str | None = None, out: Path | None = None,
                  progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """``passphrase``: the passphrase, or the keys already unlocked with it (a window that
    asked once need not derive again)."""
    year = check_year(year)
    peer = parent_peer(ws, to)
    if out is not None and out.exists():
        raise UsageError(f"文件“{shown(str(out))}”已存在，不会覆盖；请换一个文件名。",
                         f"The file “{shown(str(out))}” already exists and will not be "
                         "overwritten; choose another file name.")
    ring = keys.keyring(ws, passphrase)
    pair = ring.current
    info = keys.key_info(ws)
    seq = next_sequence(ws)
    if out is None:
        box = ws.path / OUTBOX
        box.mkdir(exist_ok=True)
        out = box / default_name(ws, peer["org"], year, seq)
    records = records_of(ws, year)
    schools = own_schools(ws)
    head_row, audit_head = sign_head(ws, ring, seq)
    sender = {"org": ws.org_code, "name": ws.org.name, "level": ws.org.level,
              "workspace": ws.info().workspace_id}
    recipient = {"org": peer["org"], "name": _name(ws, peer["org"]),
                 "encryption_key": peer["encryption_key"]}
    sealed, lines, created = seal_snapshot(
        out, sender, pair, recipient, year, seq, schools, records,
        rotations=[r.to_dict() for r in info.rotations], audit_head=audit_head,
        work_dir=ws.path, progress=progress,
        # before the file exists: a number is never used twice
        before_seal=lambda: _write_sequence(ws, seq))
    with ws.write():
        audit.insert_signed_head(ws.db, head_row)
        ws.audit("export", {"sequence": seq, "recipient": peer["org"], "year": year,
                            "file": sealed.sha256, "audit_head": head_row["audit_id"]})
        rows.insert_sent(ws, {"sequence": seq, "recipient": peer["org"], "year": year,
                              "created_at": created, "payload_sha256": sealed.payload_sha256,
                              "file_sha256": sealed.sha256, "file_name": out.name,
                              "records": lines, "operator": ws.operator})
    return ExportResult(str(out), ws.org_code, peer["org"], _name(ws, peer["org"]), year, seq,
                        len(records.entries), len(records.revisions), len(records.submissions),
                        len(schools), sealed.size, sealed.sha256, sealed.payload_sha256)
