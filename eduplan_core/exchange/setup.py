"""Setting up the chain: a bureau's signed setup file makes the workspaces below it.

``export_setup`` (a province for its prefectures, a prefecture for its counties, a county for
its schools) writes a **setup file**: UTF-8 JSON, not encrypted (the units below have no
keys yet; it holds no values, only the register of schools and the bureau's public keys)::

    {"format": "eduplan-setup", "version": 1,
     "statement": "<canonical JSON, exactly as signed>",
     "signature": "<base64 Ed25519 signature over b'eduplan-setup/v1\\x00' + statement>"}

The statement: ``kind`` (``"setup"``), ``from`` (the bureau: org, name, level, workspace
id, its current encryption and signing public keys in base64, fingerprint), ``units`` (the
codes of the units the file sets up, each a unit directly below the bureau),
``unit_names`` (code → name, to pick one by name), ``schools`` (every school of those units'
subtrees the bureau has registered: the payload's ``school`` lines, with contacts and
per-year attributes), ``due`` (the round's due date or null), ``created_at``.

``import_setup`` makes the workspace of one of the ``units`` from it (or, for a workspace of
that unit that already exists, only adds what it lacks): registers the schools, records the
bureau as the **parent** with the keys of the file — the only way a workspace learns its
parent's key — makes this workspace's keys under the operator's passphrase and returns both
fingerprints, to be read out over the phone. The signature proves the file is whole and made
by the holder of the key inside it; that the key is the bureau's is what the phone check
proves.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog.model import Org
from ..errors import EduPlanError, UsageError
from ..inputs import shown
from ..store import exchange_rows as rows
from ..store.clock import now_iso
from ..store.workspace import Workspace
from . import keys
from .container import b64, canonical, sign_text, verify_text
from ..store.imports import import_records
from .export import raise_sequence_floor
from .payload import SCHOOL_KEYS, Payload, school_line
from .restore import open_restore, seal_restore
from .schools import merge_schools, org_from_line

FORMAT, VERSION = "eduplan-setup", 1
_CONTEXT = b"eduplan-setup/v1\x00"
MAX_SETUP_BYTES = 64 << 20
CHILD_LEVEL = {"province": "prefecture", "prefecture": "county", "county": "school"}


class BadSetupFile(EduPlanError):
    pass


@dataclass(frozen=True)
class SetupFile:
    path: str
    bureau: str
    bureau_name: str
    units: tuple[str, ...]
    schools: int
    due: str | None
    fingerprint: str
    restore_code: str | None = None  # read to the school by phone (a restore file only)
    restored_entries: int = 0


@dataclass(frozen=True)
class SetupResult:
    path: str  # the workspace
    org: str
    org_name: str
    parent: str
    parent_name: str
    parent_fingerprint: str
    fingerprint: str  # this workspace's, for the bureau's `enrol confirm`
    schools_added: int
    created: bool
    due: str | None
    restored_revisions: int = 0


def export_setup(ws: Workspace, passphrase: str | keys.Keyring, units: list[str], out: Path,
                 due: dt.date | None = None, *, restore: bool = False) -> SetupFile:
    """Write the setup file for ``units`` (codes or names of units directly below);
    ``restore``: for one school, with its data sealed to a restore code (restore.py)."""
    if ws.role == "school":
        raise UsageError("学校不向下设立单位。", "a school has no units below it")
    chosen: list[Org] = []
    for query in units:
        unit = ws.orgs.resolve(query)
        if unit.parent != ws.org_code:
            raise UsageError(f"{unit.name}不是{ws.org.name}的直属下级单位，不能为它生成设立文件。",
                             f"{unit.name} is not directly below {ws.org.name}")
        if unit.code not in [c.code for c in chosen]:
            chosen.append(unit)
    if not chosen:
        raise UsageError("请指定要设立的下级单位（--for）。", "no unit given (--for)")
    if out.exists():
        raise UsageError(f"文件“{shown(str(out))}”已存在，不会覆盖；请换一个文件名。",
                         f"{out} exists")
    if restore and (len(chosen) != 1 or not chosen[0].is_school):
        raise UsageError("恢复文件只能为一所学校生成（--for 学校 --restore）。",
                         "a restore file is for one school")
    ring = keys.keyring(ws, passphrase)
    pair = ring.current
    enc, sig = pair.public
    sealed = seal_restore(ws, chosen[0].code) if restore else None
    registered = {o.code: o for o in ws.orgs if o.is_school and o.source != "catalog"}
    schools = sorted({s.code: s for u in chosen for s in _subtree_schools(ws, u, registered)
                      }.values(), key=lambda o: o.code)
    statement: dict[str, Any] = {
        "kind": "setup",
        "from": {"org": ws.org_code, "name": ws.org.name, "level": ws.org.level,
                 "workspace": ws.info().workspace_id, "encryption_key": b64(enc),
                 "signing_key": b64(sig), "fingerprint": pair.fingerprint},
        "units": [u.code for u in chosen],
        "unit_names": {u.code: u.name for u in chosen},
        "schools": [school_line(s) for s in schools],
        "due": due.isoformat() if due else None,
        "created_at": now_iso(),
    }
    if sealed is not None:
        statement["restore"] = sealed.statement
    due_text = due.isoformat() if due else None
    body = canonical(statement)
    doc = {"format": FORMAT, "version": VERSION, "statement": body.decode("utf-8"),
           "signature": b64(sign_text(pair.signing, _CONTEXT, body))}
    if sealed is not None:
        doc["restore_data"] = sealed.blob
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    with ws.write():
        ws.audit("setup_export", {"units": [u.code for u in chosen], "schools": len(schools),
                                  "due": due_text, "restore": sealed is not None})
    return SetupFile(str(out), ws.org_code, ws.org.name, tuple(u.code for u in chosen),
                     len(schools), due_text, pair.fingerprint,
                     sealed.code if sealed else None, sealed.entries if sealed else 0)


def _subtree_schools(ws: Workspace, unit: Org, registered: dict[str, Org]) -> list[Org]:
    if unit.is_school:
        return [registered[unit.code]] if unit.code in registered else [unit]
    return [registered[o.code] for o in ws.orgs.descendants(unit.code)
            if o.code in registered]


def _bad(reason: str) -> BadSetupFile:
    return BadSetupFile(f"设立文件无法使用：{reason}。未做任何修改。",
                        f"the setup file cannot be used: {reason}; nothing was changed")


def read_setup(path: Path) -> dict[str, Any]:
    """The statement of a setup file whose signature verifies (else :class:`BadSetupFile`)."""
    try:
        if path.stat().st_size > MAX_SETUP_BYTES:
            raise _bad("文件过大")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise _bad("不是 EduPlan 设立文件") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _bad("不是 EduPlan 设立文件")
    if doc.get("version") != VERSION:
        raise _bad(f"格式版本 {shown(str(doc.get('version')))} 不受支持，请更新 EduPlan")
    body, sig = doc.get("statement"), doc.get("signature")
    try:
        if not isinstance(body, str) or not isinstance(sig, str):
            raise ValueError
        statement = json.loads(body)
        raw_sig = base64.b64decode(sig, validate=True)
        sender = statement["from"]
        enc = base64.b64decode(sender["encryption_key"], validate=True)
        signing = base64.b64decode(sender["signing_key"], validate=True)
        if canonical(statement) != body.encode("utf-8") or len(enc) != 32 or len(signing) != 32:
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise _bad("内容不完整或已损坏") from None
    if not verify_text(signing, raw_sig, _CONTEXT, body.encode("utf-8")):
        raise _bad("签名不正确，文件可能被改动")
    if keys.fingerprint(enc, signing) != sender.get("fingerprint"):
        raise _bad("指纹与公钥不符")
    if statement.get("kind") != "setup":
        raise _bad("内容不完整或已损坏")
    units, schools = statement.get("units"), statement.get("schools")
    if not isinstance(units, list) or not units or not isinstance(schools, list) or any(
            not isinstance(s, dict) or set(s) != {*SCHOOL_KEYS, "type"} for s in schools):
        raise _bad("内容不完整或已损坏")
    restore = statement.get("restore")
    if restore is not None and (not isinstance(restore, dict) or not isinstance(
            doc.get("restore_data"), str)):
        raise _bad("恢复数据不完整")
    statement["_keys"] = (enc, signing)
    statement["_restore_data"] = doc.get("restore_data")
    return statement


def describe_setup(path: Path) -> SetupFile:
    st = read_setup(path)
    sender = st["from"]
    return SetupFile(str(path), sender["org"], sender["name"], tuple(st["units"]),
                     len(st["schools"]), st.get("due"), sender["fingerprint"])


def needs_restore_code(path: Path) -> bool:
    return read_setup(path).get("restore") is not None


def needs_passphrase(workspace: Path) -> bool:
    """Whether importing a setup file into ``workspace`` makes keys (so it needs a new
    passphrase): a new workspace, or one without keys yet."""
    if not (workspace / "eduplan.sqlite").exists():
        return True
    ws = Workspace.open(workspace, daily_backup=False)
    try:
        return not keys.has_keys(ws)
    finally:
        ws.close()


def import_setup(path: Path, workspace: Path, org: str | None, operator: str,
                 passphrase: str | None, *, restore_code: str | None = None) -> SetupResult:
    """Make (or complete) the workspace of ``org`` (a unit of the file; may be omitted when
    the file sets up one unit) from the setup file at ``path``; a restore file needs its
    ``restore_code`` and a new workspace."""
    st = read_setup(path)
    sender = st["from"]
    unit_names: dict[str, str] = st.get("unit_names") or {}
    schools = [org_from_line(s) for s in st["schools"]]
    code = _pick_unit(st, org, schools, unit_names)
    existing = (workspace / "eduplan.sqlite").exists()
    restored: Payload | None = None
    if st.get("restore") is not None:
        if existing:
            raise UsageError("恢复文件用于在新电脑上重建学校的工作区，请选择一个新的文件夹。",
                             "a restore file makes a new workspace")
        if not restore_code:
            raise UsageError("这是一个恢复文件，请输入上级电话告知的 24 位恢复码。",
                             "the restore code is needed")
        with tempfile.TemporaryDirectory() as tmp:
            restored = open_restore(st["restore"], st["_restore_data"], restore_code,
                                    Path(tmp))
    if existing:
        ws = Workspace.open(workspace)
    else:
        if passphrase is None:
            raise UsageError("请设置保护密钥的口令。", "a passphrase is needed")
        keys.check_new_passphrase(passphrase)
        school = next((s for s in schools if s.code == code), None)
        level = "school" if school is not None else CHILD_LEVEL.get(sender.get("level", ""), "")
        ws = Workspace.create(workspace, org=code, role=level, operator=operator,
                              school=school)
    try:
        if ws.org_code != code:
            raise UsageError(f"这个工作区属于{ws.org.name}，不是{unit_names.get(code, code)}。",
                             "this workspace is another unit's")
        if ws.org.parent != sender["org"]:
            raise UsageError(f"设立文件来自{shown(sender['name'])}，不是{ws.org.name}的上级单位。",
                             "the setup file is not from this unit's parent")
        enc, signing = st["_keys"]
        at = now_iso()
        mine = [s for s in schools if s.code != code
                and (s.parent == code or ws.orgs.is_below(s.parent or "", code))]
        with ws.write():
            added = merge_schools(ws, [school_line(s) for s in mine], below=code, at=at,
                                  by=f"{sender['name']}（设立文件）")
            known = [p for p in rows.peers(ws, sender["org"], "parent")
                     if p["signing_key"] == signing]
            if not known:
                for p in rows.peers(ws, sender["org"], "parent"):
                    if p["status"] == "confirmed":
                        rows.set_peer_status(ws, p["id"], "retired")
                rows.insert_peer(ws, {
                    "org": sender["org"], "relation": "parent",
                    "workspace_id": sender.get("workspace"), "encryption_key": enc,
                    "signing_key": signing, "fingerprint": sender["fingerprint"],
                    "status": "confirmed", "source": "setup", "added_at": at,
                    "confirmed_at": at, "confirmed_by": ws.operator})
            rows.set_meta(ws, "parent", sender["org"])
            ws.audit("setup_import", {"parent": sender["org"], "fingerprint": sender["fingerprint"],
                                      "schools": added})
            if st.get("due"):
                rows.set_meta(ws, "due", st["due"])
            restored_revisions = 0
            if restored is not None:
                result = import_records(ws, restored.records)
                if result.refused:
                    raise UsageError("恢复数据无法导入：" + result.refused[0].message,
                                     result.refused[0].message_en)
                restored_revisions = result.revisions.inserted
                floor = int(st["restore"].get("sequence_floor") or 0)
                ws.audit("restore_from_bureau", {"parent": sender["org"],
                                                 "revisions": restored_revisions,
                                                 "sequence_floor": floor})
        if restored is not None:
            raise_sequence_floor(ws, floor)
        if not keys.has_keys(ws):
            if passphrase is None:
                raise UsageError("请设置保护密钥的口令。", "a passphrase is needed")
            keys.init_keys(ws, passphrase)
        info = keys.key_info(ws)
        return SetupResult(str(workspace), ws.org_code, ws.org.name, sender["org"],
                           sender["name"], sender["fingerprint"], info.fingerprint,
                           added, not existing, st.get("due"), restored_revisions)
    finally:
        ws.close()


def _pick_unit(st: dict[str, Any], org: str | None, schools: list[Org],
               names: dict[str, str]) -> str:
    units: list[str] = st["units"]
    if org is None:
        if len(units) == 1:
            return units[0]
        listed = "、".join(f"{names.get(u, u)}（{u}）" for u in units)
        raise UsageError(f"这个设立文件包含多个单位，请用 --org 选择本单位：{listed}",
                         "several units in the file: choose one with --org")
    query = org.strip()
    for u in units:
        if query in (u, names.get(u)):
            return u
    raise UsageError(f"设立文件中没有单位“{shown(query)}”（可选：{'、'.join(names.get(u, u) for u in units)}）",
                     f"{query} is not a unit of this setup file")

