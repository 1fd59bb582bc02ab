"""A lost school laptop: the bureau re-seeds the school's new workspace from its merged copy.

``eduplan setup export --for SCHOOL --restore`` adds to the school's setup file a **restore
part**: every entry of that school the bureau holds (all years) with every revision and
submission, each keeping its uid and origin — the payload lines of a bundle (payload.py),
gzip — and the highest sequence number the bureau received from the school. The new workspace
has no keys yet, so the part is sealed to a **restore code** instead: 24 random digits the
bureau reads to the school over the phone (about 80 bits), Argon2id (the keys' setting) then
ChaCha20-Poly1305, the school's code and the setup file's context as associated data; the
ciphertext's SHA-256 is in the signed statement, so the part is the bureau's and whole.

``setup import`` with the code opens it before anything is made (a wrong code changes
nothing), stores the records by uid (store/imports.py) and starts the new workspace's
sequence after the floor, so its next bundle is neither stale nor a conflict at the bureau.
The new workspace makes new keys: the bureau holds its first bundle pending and confirms the
new fingerprint by phone (a changed key, issue 10); that bundle then merges with no duplicate
(the restored records are present by uid) and no lost revision (the school's next edits name
the restored revision they replace).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from ..errors import EduPlanError, UsageError
from ..store import exchange_rows as rows
from ..store.imports import Records, records_of
from ..store.workspace import Workspace
from . import keys
from .container import b64
from .payload import Payload, read_payload, write_payload

_AD = "eduplan-restore/v1"
CODE_DIGITS = 24
MAX_RESTORE_BYTES = 512 << 20


class WrongRestoreCode(EduPlanError):
    pass


def new_code() -> str:
    digits = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    return " ".join(digits[i:i + 4] for i in range(0, CODE_DIGITS, 4))


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


@dataclass(frozen=True)
class Sealed:
    statement: dict[str, Any]  # goes into the signed setup statement
    blob: str  # base64 of the ciphertext, beside the statement
    code: str
    entries: int
    revisions: int


def seal_restore(ws: Workspace, school: str) -> Sealed:
    every = records_of(ws, None, [school])
    own = {e.uid for e in every.entries if e.owner == school}  # not a bureau's paper entry
    records = Records(tuple(e for e in every.entries if e.uid in own),
                      tuple(r for r in every.revisions if r.entry_uid in own),
                      tuple(s for s in every.submissions if s.entry_uid in own))
    if not records.entries:
        org = ws.orgs.get(school)
        raise UsageError(f"本工作区没有{org.name if org else school}自己报送的数据，无法生成恢复文件。",
                         "nothing of this school to restore")
    floor = max((r["sequence"] for r in rows.received_from(ws, school)), default=0)
    with tempfile.TemporaryDirectory(dir=ws.path, prefix=".restore-") as tmp:
        payload = Path(tmp) / "payload.jsonl.gz"
        write_payload(payload, [], records)
        plain = payload.read_bytes()
    code = new_code()
    salt, params = os.urandom(16), keys.default_kdf()
    key = keys._Kek(_digits(code)).key(salt, params)
    nonce = os.urandom(12)
    cipher = ChaCha20Poly1305(key).encrypt(nonce, plain, f"{_AD}\x00{school}".encode())
    statement = {"school": school, "sequence_floor": floor,
                 "sha256": hashlib.sha256(cipher).hexdigest(), "nonce": b64(nonce),
                 "kdf": {"algorithm": "argon2id", "salt": b64(salt),
                         "iterations": params.iterations, "lanes": params.lanes,
                         "memory_cost": params.memory_cost},
                 "entries": len(records.entries), "revisions": len(records.revisions)}
    return Sealed(statement, b64(cipher), code, len(records.entries), len(records.revisions))


def open_restore(part: dict[str, Any], blob: str, code: str, work: Path) -> Payload:
    """The records of a restore part (a wrong code: :class:`WrongRestoreCode`)."""
    try:
        cipher = base64.b64decode(blob, validate=True)
        nonce = base64.b64decode(part["nonce"], validate=True)
        kdf = part["kdf"]
        params = keys.KdfParams(int(kdf["iterations"]), int(kdf["lanes"]),
                                int(kdf["memory_cost"])).check()
        salt = base64.b64decode(kdf["salt"], validate=True)
        school = str(part["school"])
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise EduPlanError("恢复文件的恢复数据不完整或已损坏，未做任何修改。",
                           "the restore part is damaged") from None
    if len(cipher) > MAX_RESTORE_BYTES or hashlib.sha256(cipher).hexdigest() != part.get(
            "sha256"):
        raise EduPlanError("恢复文件的恢复数据与签名不符（可能被改动），未做任何修改。",
                           "the restore part does not match its signed hash")
    if len(_digits(code)) != CODE_DIGITS:
        raise WrongRestoreCode(f"恢复码应为 {CODE_DIGITS} 位数字（上级电话告知），未做任何修改。",
                               "the restore code has 24 digits")
    key = keys._Kek(_digits(code)).key(salt, params)
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, cipher, f"{_AD}\x00{school}".encode())
    except InvalidTag:
        raise WrongRestoreCode("恢复码不正确，未做任何修改。请向上级核对 24 位恢复码。",
                               "wrong restore code; nothing was changed") from None
    path = work / "restore.jsonl.gz"
    path.write_bytes(plain)
    return read_payload(path)


__all__ = ["new_code", "open_restore", "seal_restore", "WrongRestoreCode"]
