"""A workspace's keys: who it is when its data travels as files.

Each workspace has, per **generation**, an X25519 key (bundles are encrypted to it, HPKE) and
an Ed25519 key (it signs what it sends), made by ``cryptography``. A rotation adds the next
generation; nothing is ever deleted, so a bundle sealed to an old key still opens.

**Where the keys live.** In the workspace's SQLite file (migration m004: ``workspace_keys``,
``key_rotations``, ``key_events``), not in a file beside it: every key event is one
``ws.write()`` transaction with its log row (all or nothing, honest about a full disk like
every other save), the keys go with the workspace when it is copied and into its daily
backups, and there is no second file to lose or to forget when moving a workspace. Only the
public halves are stored in the clear. A restored *workspace* backup brings back the keys it
held then; a rotation made after it is in the key backup file (``backup_keys``), which is
why that file exists.

**Sealing.** A private key is stored only sealed under the operator's passphrase: Argon2id
(``cryptography``'s; RFC 9106) turns the passphrase (Unicode NFC, UTF-8) and a random 16-byte
salt into a 32-byte key; ChaCha20-Poly1305 (a 12-byte random nonce) encrypts the raw 32
private bytes, with associated data binding the context, the workspace id, the purpose, the
generation, the algorithm and the public key — a sealed key copied to another row, workspace
or purpose does not open. Each row stores its parameters with it (``sealed``: a small JSON
text, version 1). One passphrase seals all rows with one salt, so unlocking costs one
derivation; a new passphrase re-seals every row with a new salt.

**Argon2id parameters.** :data:`STRONG_KDF` — 64 MiB, 3 passes, 4 lanes (RFC 9106's second
recommended option, fit for a school's old 4 GB computer); about 0.4–0.5 s per derivation on
the 2-core development machine. :data:`TEST_KDF` (8 KiB, 1 pass, 1 lane: microseconds) is for
the test suite only: it is used when a caller passes it, or when the environment variable
``EDUPLAN_INSECURE_TEST_KDF`` is ``1`` (the tests set it; EduPlan never does). The
parameters are stored with each key, so keys sealed cheaply stay cheap until the next
passphrase change — ``keys show`` says so in words; a passphrase change always uses the
setting in force. Parameters read from a row or a backup file are bounded
(:func:`KdfParams.check`) so a crafted file cannot ask for gigabytes.

**Fingerprint.** SHA-256 over ``eduplan-fingerprint/v1``, a zero byte and the two raw public
keys (encryption, then signing) of a generation; its first 16 bytes as a number modulo
10^32, written as 8 groups of 4 digits: ``0123 4567 …``. Digits, because they are read the
same over the phone in every dialect and need no word list to translate; 32 digits are about
106 bits, so making a different key with the same fingerprint is far beyond any attacker
(a second preimage of SHA-256 cut to 106 bits).

**Rotation.** New keys (the next generation), sealed under the same passphrase; the old ones
are kept and marked retired. A *rotation statement* (canonical JSON: org, workspace, both
generations, old and new public keys and fingerprints, time) is signed by the **old** signing
key — so a parent that knows only the old key learns the new one from it — and by the new
one (proof that the new key's holder made it); both signatures are stored with it and
checked by :func:`verify_rotation`.

**Key backup file** (``backup_keys`` / ``restore_keys``), UTF-8 JSON, version 1::

    {"format": "eduplan-key-backup", "version": 1, "org": "530113", "org_name": "东川区",
     "workspace_id": "…", "created_at": "…", "fingerprint": "0123 4567 …",
     "kdf": {"algorithm": "argon2id", "salt": B64, "iterations": 3, "lanes": 4,
             "memory_cost": 65536},
     "aead": "chacha20poly1305",
     "keys": [{"generation": 1, "purpose": "encryption", "algorithm": "X25519",
               "public_key": B64, "created_at": "…", "retired_at": null,
               "nonce": B64, "ciphertext": B64}, …],
     "rotations": [{"from_generation": 1, "to_generation": 2, "statement": "…",
                    "old_signature": B64, "new_signature": B64, "created_at": "…"}, …]}

B64 is standard base64 with padding. Each private key is sealed as in the workspace but under
the backup's own passphrase and with the **org** in place of the workspace id (a key backup
restores into a new workspace of the same org: a school's replaced computer keeps its
identity and fingerprint). Restoring decrypts every key, checks each against its public key
and every rotation signature, then seals them under the new workspace's passphrase.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.serialization import (Encoding, NoEncryption, PrivateFormat,
                                                          PublicFormat)

from ..errors import EduPlanError, UsageError
from ..inputs import shown
from ..store import keyrows
from ..store.clock import now_iso
from ..store.workspace import Workspace

ENCRYPTION, SIGNING = "encryption", "signing"
ALGORITHM = {ENCRYPTION: "X25519", SIGNING: "Ed25519"}
MIN_PASSPHRASE = 8
TEST_KDF_ENV = "EDUPLAN_INSECURE_TEST_KDF"
BACKUP_FORMAT, BACKUP_VERSION = "eduplan-key-backup", 1
SEALED_VERSION = 1
MAX_BACKUP_BYTES = 1 << 20
_KEY_CONTEXT = "eduplan-private-key/v1"
_BACKUP_CONTEXT = "eduplan-key-backup/v1"
_ROTATION_CONTEXT = b"eduplan-key-rotation/v1\x00"
_FINGERPRINT_CONTEXT = b"eduplan-fingerprint/v1\x00"


# -- errors --------------------------------------------------------------------------------

class WrongPassphrase(EduPlanError):
    """The passphrase does not open the keys; nothing was changed."""


class KeysMissing(UsageError):
    pass


class KeyFileError(EduPlanError):
    """A key backup file that cannot be read (not one, damaged, from a newer EduPlan)."""


class KeyDataDamaged(EduPlanError):
    pass


class BadRotation(EduPlanError):
    """A rotation statement whose signatures do not verify."""


def _wrong(what: str = "口令") -> WrongPassphrase:
    return WrongPassphrase(f"{what}不正确，未做任何修改。请检查大小写、全角/半角和输入法后重试。",
                           "Wrong passphrase; nothing was changed.")


# -- Argon2id --------------------------------------------------------------------------------

@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost: ``memory_cost`` in KiB, ``iterations`` passes, ``lanes``."""

    iterations: int
    lanes: int
    memory_cost: int

    def check(self) -> KdfParams:
        """Refuse parameters no EduPlan would write (a crafted file asking for 100 GB)."""
        ok = (1 <= self.iterations <= 64 and 1 <= self.lanes <= 64
              and 8 * self.lanes <= self.memory_cost <= 4 * 1024 * 1024)
        if not ok:
            raise KeyFileError("密钥的口令保护参数超出允许范围，文件可能已损坏或被改动。",
                               f"Argon2id parameters out of range: {self}")
        return self

    @property
    def weak(self) -> bool:
        return (self.memory_cost < STRONG_KDF.memory_cost
                or self.iterations < STRONG_KDF.iterations)

    def describe(self) -> str:
        mem = (f"{self.memory_cost // 1024} MiB" if self.memory_cost >= 1024
               else f"{self.memory_cost} KiB")
        text = f"Argon2id（内存 {mem}，{self.iterations} 轮，{self.lanes} 路并行）"
        return text + ("——测试用低强度参数，不得用于实际工作；更换口令即改为正式参数"
                       if self.weak else "")


STRONG_KDF = KdfParams(iterations=3, lanes=4, memory_cost=64 * 1024)
TEST_KDF = KdfParams(iterations=1, lanes=1, memory_cost=8)


def default_kdf() -> KdfParams:
    """The strong setting; the cheap one only where the test suite asks for it."""
    return TEST_KDF if os.environ.get(TEST_KDF_ENV) == "1" else STRONG_KDF


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        if not isinstance(text, str):
            raise ValueError
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, binascii.Error, UnicodeError):
        raise KeyFileError(f"密钥数据中的“{what}”不是有效的 base64，文件可能已损坏。",
                           f"{what} is not base64") from None


def _passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    """A new passphrase: at least 8 characters, not only spaces."""
    text = unicodedata.normalize("NFC", passphrase or "")
    if len(text) < MIN_PASSPHRASE or not text.strip():
        raise UsageError(f"口令至少需要 {MIN_PASSPHRASE} 个字符（可以用中文、字母、数字和符号）。",
                         f"the passphrase needs at least {MIN_PASSPHRASE} characters")


class _Kek:
    """Key-encryption keys derived from one passphrase, once per salt and setting."""

    def __init__(self, passphrase: str):
        self._secret = _passphrase_bytes(passphrase)
        self._cache: dict[tuple[bytes, KdfParams], bytes] = {}

    def key(self, salt: bytes, params: KdfParams) -> bytes:
        if (salt, params) not in self._cache:
            self._cache[(salt, params)] = Argon2id(
                salt=salt, length=32, iterations=params.iterations, lanes=params.lanes,
                memory_cost=params.memory_cost).derive(self._secret)
        return self._cache[(salt, params)]


def _kdf_dict(salt: bytes, params: KdfParams) -> dict[str, Any]:
    return {"algorithm": "argon2id", "salt": _b64(salt), "iterations": params.iterations,
            "lanes": params.lanes, "memory_cost": params.memory_cost}


def _kdf_from(data: Any) -> tuple[bytes, KdfParams]:
    if not isinstance(data, dict) or data.get("algorithm") != "argon2id":
        raise KeyFileError("密钥的口令保护方式无法识别，文件可能已损坏或来自更新版本的 EduPlan。",
                           "unknown key derivation")
    try:
        params = KdfParams(int(data["iterations"]), int(data["lanes"]),
                           int(data["memory_cost"]))
    except (KeyError, TypeError, ValueError):
        raise KeyFileError("密钥的口令保护参数不完整，文件可能已损坏。",
                           "incomplete Argon2id parameters") from None
    salt = _unb64(data.get("salt"), "salt")
    if len(salt) < 16:
        raise KeyFileError("密钥的口令保护参数不完整，文件可能已损坏。", "salt too short")
    return salt, params.check()


def _ad(context: str, scope: str, purpose: str, generation: int, public: bytes) -> bytes:
    return _canonical({"context": context, "scope": scope, "purpose": purpose,
                       "generation": generation, "algorithm": ALGORITHM[purpose],
                       "public_key": _b64(public)})


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def _seal(kek: _Kek, salt: bytes, params: KdfParams, private: bytes, ad: bytes
          ) -> dict[str, Any]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce),
            "ciphertext": _b64(ChaCha20Poly1305(kek.key(salt, params)).encrypt(nonce, private,
                                                                               ad))}


def _open(kek: _Kek, salt: bytes, params: KdfParams, sealed: dict[str, Any], ad: bytes
          ) -> bytes | None:
    nonce, ciphertext = _unb64(sealed.get("nonce"), "nonce"), _unb64(
        sealed.get("ciphertext"), "ciphertext")
    try:
        return ChaCha20Poly1305(kek.key(salt, params)).decrypt(nonce, ciphertext, ad)
    except (InvalidTag, ValueError):
        return None


# -- keys, fingerprints ----------------------------------------------------------------------

def _raw_public(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _load_private(purpose: str, raw: bytes) -> X25519PrivateKey | Ed25519PrivateKey:
    if purpose == ENCRYPTION:
        return X25519PrivateKey.from_private_bytes(raw)
    return Ed25519PrivateKey.from_private_bytes(raw)


def fingerprint(encryption_public: bytes, signing_public: bytes) -> str:
    """8 groups of 4 digits from SHA-256 of both public keys (see the module's text)."""
    digest = hashlib.sha256(_FINGERPRINT_CONTEXT + encryption_public + signing_public).digest()
    digits = f"{int.from_bytes(digest[:16], 'big') % 10 ** 32:032d}"
    return " ".join(digits[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class PublicKeys:
    """One generation's public keys (raw 32 bytes each)."""

    generation: int
    encryption: bytes
    signing: bytes
    created_at: str
    created_by: str
    retired_at: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.encryption, self.signing)

    @property
    def encryption_b64(self) -> str:
        return _b64(self.encryption)

    @property
    def signing_b64(self) -> str:
        return _b64(self.signing)

    def to_dict(self) -> dict[str, Any]:
        return {"generation": self.generation, "fingerprint": self.fingerprint,
                "encryption": {"algorithm": "X25519", "public_key": _b64(self.encryption)},
                "signing": {"algorithm": "Ed25519", "public_key": _b64(self.signing)},
                "created_at": self.created_at, "created_by": self.created_by,
                "retired_at": self.retired_at}


@dataclass(frozen=True)
class Rotation:
    """A signed statement that ``from_generation``'s keys were replaced by the next ones."""

    from_generation: int
    to_generation: int
    statement: str  # canonical JSON, exactly as signed
    old_signature: bytes
    new_signature: bytes
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"from_generation": self.from_generation, "to_generation": self.to_generation,
                "statement": self.statement, "old_signature": _b64(self.old_signature),
                "new_signature": _b64(self.new_signature), "created_at": self.created_at}


@dataclass(frozen=True)
class KeyInfo:
    """What anyone may see without the passphrase."""

    org: str
    org_name: str
    workspace_id: str
    current: PublicKeys
    older: tuple[PublicKeys, ...]
    kdf: KdfParams
    rotations: tuple[Rotation, ...] = ()

    @property
    def fingerprint(self) -> str:
        return self.current.fingerprint

    def to_dict(self) -> dict[str, Any]:
        return {"org": self.org, "org_name": self.org_name, "workspace_id": self.workspace_id,
                "fingerprint": self.fingerprint, "generation": self.current.generation,
                "current": self.current.to_dict(),
                "older": [k.to_dict() for k in self.older],
                "passphrase_kdf": {"algorithm": "argon2id", "iterations": self.kdf.iterations,
                                   "lanes": self.kdf.lanes,
                                   "memory_cost_kib": self.kdf.memory_cost,
                                   "weak_test_setting": self.kdf.weak},
                "rotations": [r.to_dict() for r in self.rotations]}


@dataclass(frozen=True)
class KeyPair:
    generation: int
    encryption: X25519PrivateKey
    signing: Ed25519PrivateKey

    @property
    def public(self) -> tuple[bytes, bytes]:
        return _raw_public(self.encryption), _raw_public(self.signing)

    @property
    def fingerprint(self) -> str:
        return fingerprint(*self.public)


@dataclass(frozen=True)
class Keyring:
    """The unlocked keys of a workspace, every generation (oldest first)."""

    org: str
    workspace_id: str
    pairs: tuple[KeyPair, ...] = field(repr=False)

    @property
    def current(self) -> KeyPair:
        return self.pairs[-1]

    def encryption_key_for(self, public: bytes) -> X25519PrivateKey | None:
        """The private key a bundle sealed to ``public`` (raw X25519 bytes) opens with —
        current or retired — or None."""
        return next((p.encryption for p in self.pairs if p.public[0] == public), None)


# -- reading -------------------------------------------------------------------------------

def _workspace_id(ws: Workspace) -> str:
    return ws.info().workspace_id


def has_keys(ws: Workspace) -> bool:
    return bool(keyrows.read_keys(ws))


def ensure_no_keys(ws: Workspace) -> None:
    """Refuse to make or restore keys where there are some (they are never replaced)."""
    if has_keys(ws):
        raise UsageError("本工作区已有密钥（eduplan keys show 查看指纹），不会替换。更换密钥用 "
                         "eduplan keys rotate，更换口令用 eduplan keys passphrase。",
                         "this workspace already has keys")


def _rows(ws: Workspace) -> list[dict[str, Any]]:
    rows = keyrows.read_keys(ws)
    if not rows:
        raise KeysMissing("本工作区还没有密钥。请先运行 eduplan keys init（或用 eduplan keys "
                          "restore 从密钥备份恢复）。", "this workspace has no keys yet")
    return rows


def _generations(rows: Iterable[dict[str, Any]]) -> dict[int, dict[str, dict[str, Any]]]:
    out: dict[int, dict[str, dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["generation"], {})[r["purpose"]] = r
    return dict(sorted(out.items()))


def _public(gen: dict[str, dict[str, Any]]) -> PublicKeys:
    e, s = gen[ENCRYPTION], gen[SIGNING]
    return PublicKeys(e["generation"], bytes(e["public_key"]), bytes(s["public_key"]),
                      e["created_at"], e["created_by"], e["retired_at"])


def _rotations(ws: Workspace) -> tuple[Rotation, ...]:
    return tuple(Rotation(r["from_generation"], r["to_generation"], r["statement"],
                          bytes(r["old_signature"]), bytes(r["new_signature"]),
                          r["created_at"]) for r in keyrows.read_rotations(ws))


def key_info(ws: Workspace) -> KeyInfo:
    """The public keys, fingerprints, rotations and the passphrase setting (no passphrase)."""
    gens = _generations(_rows(ws))
    publics = [_public(g) for g in gens.values()]
    current = publics[-1]
    sealed = json.loads(gens[current.generation][SIGNING]["sealed"])
    _, params = _kdf_from(sealed.get("kdf"))
    org = ws.org
    return KeyInfo(org=org.code, org_name=org.name, workspace_id=_workspace_id(ws),
                   current=current, older=tuple(reversed(publics[:-1])), kdf=params,
                   rotations=_rotations(ws))


def _unlock_rows(ws: Workspace, rows: list[dict[str, Any]], kek: _Kek
                 ) -> dict[tuple[int, str], bytes]:
    """Every private key (raw), or WrongPassphrase when the passphrase opens none."""
    scope = _workspace_id(ws)
    out: dict[tuple[int, str], bytes] = {}
    failed = 0
    for r in rows:
        sealed = json.loads(r["sealed"])
        if sealed.get("v") != SEALED_VERSION or sealed.get("aead") != "chacha20poly1305":
            raise KeyDataDamaged("密钥数据的格式无法识别（可能来自更新版本的 EduPlan），未做任何修改。",
                                 "unknown sealed key format")
        salt, params = _kdf_from(sealed.get("kdf"))
        raw = _open(kek, salt, params, sealed, _ad(_KEY_CONTEXT, scope, r["purpose"],
                                                   r["generation"], bytes(r["public_key"])))
        if raw is None:
            failed += 1
            continue
        if _raw_public(_load_private(r["purpose"], raw)) != bytes(r["public_key"]):
            raise KeyDataDamaged("密钥数据已损坏（私钥与公钥不符），未做任何修改。",
                                 "private key does not match its public key")
        out[(r["generation"], r["purpose"])] = raw
    if failed == len(rows):
        raise _wrong()
    if failed:
        raise KeyDataDamaged("口令只能打开部分密钥：密钥数据已损坏或被改动，未做任何修改。"
                             "请用 eduplan keys restore 从密钥备份恢复。",
                             "the passphrase opens only some keys; key data damaged")
    return out


def _keyring(ws: Workspace, raws: dict[tuple[int, str], bytes]) -> Keyring:
    gens = sorted({g for g, _ in raws})
    pairs = []
    for g in gens:
        enc, sig = (_load_private(ENCRYPTION, raws[(g, ENCRYPTION)]),
                    _load_private(SIGNING, raws[(g, SIGNING)]))
        assert isinstance(enc, X25519PrivateKey) and isinstance(sig, Ed25519PrivateKey)
        pairs.append(KeyPair(g, enc, sig))
    return Keyring(ws.org_code, _workspace_id(ws), tuple(pairs))


def unlock(ws: Workspace, passphrase: str) -> Keyring:
    """The private keys of every generation; :class:`WrongPassphrase` changes nothing."""
    return _keyring(ws, _unlock_rows(ws, _rows(ws), _Kek(passphrase)))


# -- writing -------------------------------------------------------------------------------

def keyring(ws: Workspace, passphrase_or_ring: str | Keyring) -> Keyring:
    """The unlocked keys: given, or unlocked with the passphrase given (one of this
    workspace's: a keyring of another workspace is refused)."""
    if isinstance(passphrase_or_ring, Keyring):
        if passphrase_or_ring.workspace_id != _workspace_id(ws):
            raise UsageError("这些密钥不属于本工作区。", "the keys are another workspace's")
        return passphrase_or_ring
    return unlock(ws, passphrase_or_ring)


def _key_rows(ws: Workspace, pair_raw: dict[str, bytes], generation: int, kek: _Kek,
              salt: bytes, params: KdfParams, at: str, by: str) -> list[dict[str, Any]]:
    scope = _workspace_id(ws)
    rows = []
    for purpose in (ENCRYPTION, SIGNING):
        raw = pair_raw[purpose]
        public = _raw_public(_load_private(purpose, raw))
        sealed = {"v": SEALED_VERSION, "kdf": _kdf_dict(salt, params),
                  "aead": "chacha20poly1305",
                  **_seal(kek, salt, params, raw,
                          _ad(_KEY_CONTEXT, scope, purpose, generation, public))}
        rows.append({"generation": generation, "purpose": purpose,
                     "algorithm": ALGORITHM[purpose], "public_key": public,
                     "sealed": json.dumps(sealed, sort_keys=True), "created_at": at,
                     "created_by": by, "retired_at": None})
    return rows


def _new_pair() -> dict[str, bytes]:
    return {ENCRYPTION: _raw_private(X25519PrivateKey.generate()),
            SIGNING: _raw_private(Ed25519PrivateKey.generate())}


def init_keys(ws: Workspace, passphrase: str, *, kdf: KdfParams | None = None) -> KeyInfo:
    """Make the workspace's first keys, sealed under ``passphrase``."""
    check_new_passphrase(passphrase)
    params = (kdf or default_kdf()).check()
    with ws.write():
        ensure_no_keys(ws)
        at, salt = now_iso(), os.urandom(16)
        kek = _Kek(passphrase)
        for row in _key_rows(ws, _new_pair(), 1, kek, salt, params, at, ws.operator):
            keyrows.insert_key(ws, row)
        info = key_info(ws)
        keyrows.log_key_event(ws, "init", 1, f"fingerprint {info.fingerprint}", at)
    return info


def change_passphrase(ws: Workspace, old: str, new: str, *,
                      kdf: KdfParams | None = None) -> KeyInfo:
    """Re-seal every key under ``new`` (a new salt, the setting in force)."""
    check_new_passphrase(new)
    params = (kdf or default_kdf()).check()
    with ws.write():
        rows = _rows(ws)
        raws = _unlock_rows(ws, rows, _Kek(old))
        kek, salt, scope = _Kek(new), os.urandom(16), _workspace_id(ws)
        for r in rows:
            raw = raws[(r["generation"], r["purpose"])]
            sealed = {"v": SEALED_VERSION, "kdf": _kdf_dict(salt, params),
                      "aead": "chacha20poly1305",
                      **_seal(kek, salt, params, raw, _ad(_KEY_CONTEXT, scope, r["purpose"],
                                                          r["generation"],
                                                          bytes(r["public_key"])))}
            keyrows.reseal_key(ws, r["id"], json.dumps(sealed, sort_keys=True))
        keyrows.log_key_event(ws, "passphrase", None, params.describe(), now_iso())
        return key_info(ws)


def _statement(org: str, workspace_id: str, old: tuple[int, bytes, bytes],
               new: tuple[int, bytes, bytes], at: str) -> str:
    """The rotation statement (canonical JSON): generations are (number, encryption public,
    signing public)."""

    def keys(g: tuple[int, bytes, bytes]) -> dict[str, Any]:
        return {"generation": g[0], "encryption": _b64(g[1]), "signing": _b64(g[2]),
                "fingerprint": fingerprint(g[1], g[2])}

    return _canonical({"type": "eduplan-key-rotation", "version": 1, "org": org,
                       "workspace_id": workspace_id, "from_generation": old[0],
                       "to_generation": new[0], "old": keys(old), "new": keys(new),
                       "at": at}).decode("utf-8")


def rotate_keys(ws: Workspace, passphrase: str) -> tuple[KeyInfo, Rotation]:
    """New keys (the next generation) under the same passphrase; the old ones kept, retired;
    the rotation statement signed by the old signing key and by the new one."""
    with ws.write():
        rows = _rows(ws)
        kek = _Kek(passphrase)
        raws = _unlock_rows(ws, rows, kek)
        ring = _keyring(ws, raws)
        old = ring.current
        current_sealed = json.loads(_generations(rows)[old.generation][SIGNING]["sealed"])
        salt, params = _kdf_from(current_sealed["kdf"])  # same passphrase, same derivation
        at, gen = now_iso(), old.generation + 1
        new_raw = _new_pair()
        for row in _key_rows(ws, new_raw, gen, kek, salt, params, at, ws.operator):
            keyrows.insert_key(ws, row)
        new_sig = _load_private(SIGNING, new_raw[SIGNING])
        assert isinstance(new_sig, Ed25519PrivateKey)
        new_pub = (gen, _raw_public(_load_private(ENCRYPTION, new_raw[ENCRYPTION])),
                   _raw_public(new_sig))
        text = _statement(ws.org_code, ring.workspace_id, (old.generation, *old.public),
                          new_pub, at)
        signed = _ROTATION_CONTEXT + text.encode("utf-8")
        rotation = Rotation(old.generation, gen, text, old.signing.sign(signed),
                            new_sig.sign(signed), at)
        keyrows.insert_rotation(ws, {
            "from_generation": rotation.from_generation, "to_generation": gen,
            "statement": text, "old_signature": rotation.old_signature,
            "new_signature": rotation.new_signature, "created_at": at})
        keyrows.retire_generation(ws, old.generation, at)
        info = key_info(ws)
        keyrows.log_key_event(ws, "rotate", gen, f"{old.fingerprint} → {info.fingerprint}", at)
    return info, rotation


def verify_rotation(statement: str, old_signature: bytes, new_signature: bytes,
                    old_signing_public: bytes) -> dict[str, Any]:
    """The statement's content when it was signed by ``old_signing_public`` (the key a parent
    knows) and by the new signing key it names; :class:`BadRotation` otherwise."""
    bad = BadRotation("密钥更换声明的签名无效：它不是由原密钥签发的，不能据此接受新密钥。",
                      "the rotation statement does not verify")
    try:
        data = json.loads(statement)
        if data.get("type") != "eduplan-key-rotation" or data.get("version") != 1:
            raise bad
        if base64.b64decode(data["old"]["signing"]) != old_signing_public:
            raise bad
        signed = _ROTATION_CONTEXT + statement.encode("utf-8")
        Ed25519PublicKey.from_public_bytes(old_signing_public).verify(old_signature, signed)
        new_public = base64.b64decode(data["new"]["signing"], validate=True)
        Ed25519PublicKey.from_public_bytes(new_public).verify(new_signature, signed)
    except (InvalidSignature, ValueError, KeyError, TypeError, AttributeError,
            binascii.Error):
        raise bad from None
    return data


# -- backup and restore ----------------------------------------------------------------------

@dataclass(frozen=True)
class BackupInfo:
    path: str
    org: str
    fingerprint: str
    generations: int


def backup_keys(ws: Workspace, passphrase: str, out: Path | str, backup_passphrase: str, *,
                kdf: KdfParams | None = None) -> BackupInfo:
    """Write every key, sealed under ``backup_passphrase``, to a new file ``out``."""
    out = Path(out)
    check_new_passphrase(backup_passphrase)
    params = (kdf or default_kdf()).check()
    if out.exists():
        raise UsageError(f"文件“{shown(str(out))}”已存在，不会覆盖；请换一个文件名。",
                         f"{out} exists")
    written = False
    try:
        with ws.write():
            info = _backup(ws, passphrase, out, backup_passphrase, params)
            written = True
    except BaseException:
        if written:  # the key event was not committed: neither is the file
            out.unlink(missing_ok=True)
        raise
    return BackupInfo(str(out), info.org, info.fingerprint, info.current.generation)


def _backup(ws: Workspace, passphrase: str, out: Path, backup_passphrase: str,
            params: KdfParams) -> KeyInfo:
    rows = _rows(ws)
    raws = _unlock_rows(ws, rows, _Kek(passphrase))
    info = key_info(ws)
    kek, salt = _Kek(backup_passphrase), os.urandom(16)
    keys = []
    for r in rows:
        public = bytes(r["public_key"])
        keys.append({"generation": r["generation"], "purpose": r["purpose"],
                     "algorithm": r["algorithm"], "public_key": _b64(public),
                     "created_at": r["created_at"], "created_by": r["created_by"],
                     "retired_at": r["retired_at"],
                     **_seal(kek, salt, params, raws[(r["generation"], r["purpose"])],
                             _ad(_BACKUP_CONTEXT, info.org, r["purpose"],
                                 r["generation"], public))})
    doc = {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, "org": info.org,
           "org_name": info.org_name, "workspace_id": info.workspace_id,
           "created_at": now_iso(), "fingerprint": info.fingerprint,
           "kdf": _kdf_dict(salt, params), "aead": "chacha20poly1305", "keys": keys,
           "rotations": [r.to_dict() for r in info.rotations]}
    keyrows.log_key_event(ws, "backup", info.current.generation,
                          f"{out.name} fingerprint {info.fingerprint}", now_iso())
    _write_new_file(out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return info


def _write_new_file(out: Path, text: str) -> None:
    part = out.with_name(out.name + ".part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise UsageError(f"无法写入密钥备份文件“{shown(str(out))}”（{exc.strerror}），"
                         "未做任何修改。", f"cannot write {out}: {exc}") from None


def read_backup(path: Path | str) -> dict[str, Any]:
    """The backup file's JSON, checked for its format and version (not yet opened)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise KeyFileError(f"“{shown(str(path))}”不是 EduPlan 密钥备份文件（文件过大）。",
                               "not a key backup (too large)")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"密钥备份文件“{shown(str(path))}”不存在。", f"{path} does not exist"
                           ) from None
    except OSError as exc:
        raise KeyFileError(f"无法读取“{shown(str(path))}”（{exc.strerror}）。",
                           f"cannot read {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(f"“{shown(str(path))}”不是 EduPlan 密钥备份文件。",
                           "not a key backup") from None
    if not isinstance(doc, dict) or doc.get("format") != BACKUP_FORMAT:
        raise KeyFileError(f"“{shown(str(path))}”不是 EduPlan 密钥备份文件。", "not a key backup")
    if doc.get("version") != BACKUP_VERSION:
        raise KeyFileError(f"“{shown(str(path))}”由更新版本的 EduPlan 写出（格式版本 "
                           f"{shown(str(doc.get('version')))}），请升级 EduPlan 后再恢复。",
                           "key backup from a newer EduPlan")
    if doc.get("aead") != "chacha20poly1305" or not isinstance(doc.get("keys"), list) \
            or not isinstance(doc.get("rotations", []), list):
        raise KeyFileError(f"“{shown(str(path))}”不完整或已损坏。", "damaged key backup")
    return doc


def restore_keys(ws: Workspace, path: Path | str, backup_passphrase: str, passphrase: str, *,
                 kdf: KdfParams | None = None) -> KeyInfo:
    """Put the keys of a backup file into this workspace (of the same org, without keys),
    sealed under ``passphrase``; the fingerprint stays what it was."""
    check_new_passphrase(passphrase)
    params = (kdf or default_kdf()).check()
    doc = read_backup(path)
    org = ws.org
    if doc.get("org") != org.code:
        raise UsageError(f"这是{shown(str(doc.get('org_name') or doc.get('org')))}的密钥备份，"
                         f"不能恢复到{org.name}的工作区。", "key backup of another org")
    salt, file_params = _kdf_from(doc.get("kdf"))
    with ws.write():
        ensure_no_keys(ws)
        kek = _Kek(backup_passphrase)
        raws: dict[int, dict[str, bytes]] = {}
        meta: dict[int, dict[str, Any]] = {}
        opened = 0
        for k in doc["keys"]:
            try:
                gen, purpose = int(k["generation"]), k["purpose"]
                public = _unb64(k["public_key"], "public_key")
                if purpose not in ALGORITHM or k.get("algorithm") != ALGORITHM[purpose]:
                    raise ValueError
            except (KeyError, TypeError, ValueError):
                raise KeyFileError("密钥备份文件不完整或已损坏。", "damaged key entry") from None
            raw = _open(kek, salt, file_params, k, _ad(_BACKUP_CONTEXT, org.code, purpose, gen,
                                                       public))
            if raw is None:
                continue
            opened += 1
            if _raw_public(_load_private(purpose, raw)) != public:
                raise KeyFileError("密钥备份文件已损坏（私钥与公钥不符）。", "key mismatch")
            raws.setdefault(gen, {})[purpose] = raw
            meta[gen] = k
        if not opened:
            raise _wrong("密钥备份文件的口令")
        if opened != len(doc["keys"]) or any(len(p) != 2 for p in raws.values()):
            raise KeyFileError("密钥备份文件已损坏：口令只能打开其中一部分密钥。", "partly damaged")
        gens = sorted(raws)
        if gens != list(range(1, len(gens) + 1)):
            raise KeyFileError("密钥备份文件不完整：缺少某一代密钥。", "missing generation")
        rotations = _checked_rotations(doc, raws)
        at, new_salt, wkek = now_iso(), os.urandom(16), _Kek(passphrase)
        for g in gens:
            for row in _key_rows(ws, raws[g], g, wkek, new_salt, params,
                                 str(meta[g].get("created_at") or at),
                                 str(meta[g].get("created_by") or ws.operator)):
                keyrows.insert_key(ws, row)
            if g != gens[-1]:
                keyrows.retire_generation(ws, g, str(meta[g].get("retired_at") or at))
        for r in rotations:
            keyrows.insert_rotation(ws, {
                "from_generation": r.from_generation, "to_generation": r.to_generation,
                "statement": r.statement, "old_signature": r.old_signature,
                "new_signature": r.new_signature, "created_at": r.created_at})
        info = key_info(ws)
        keyrows.log_key_event(ws, "restore", info.current.generation,
                              f"{Path(path).name} fingerprint {info.fingerprint}", at)
    return info


def _checked_rotations(doc: dict[str, Any], raws: dict[int, dict[str, bytes]]
                       ) -> list[Rotation]:
    out = []
    for r in doc.get("rotations", []):
        try:
            rot = Rotation(int(r["from_generation"]), int(r["to_generation"]),
                           str(r["statement"]), _unb64(r["old_signature"], "old_signature"),
                           _unb64(r["new_signature"], "new_signature"), str(r["created_at"]))
            old_sig = _load_private(SIGNING, raws[rot.from_generation][SIGNING])
            new_sig = _load_private(SIGNING, raws[rot.to_generation][SIGNING])
        except (KeyError, TypeError, ValueError):
            raise KeyFileError("密钥备份文件中的密钥更换记录不完整。", "damaged rotation") from None
        data = verify_rotation(rot.statement, rot.old_signature, rot.new_signature,
                               _raw_public(old_sig))
        if base64.b64decode(data["new"]["signing"]) != _raw_public(new_sig):
            raise BadRotation("密钥更换声明与备份中的密钥不符。", "rotation names other keys")
        out.append(rot)
    return out


def key_events(ws: Workspace) -> list[dict[str, Any]]:
    return keyrows.read_key_events(ws)
