"""docs/bundle-format.md, followed by a decoder written here from the document alone.

A real chain (tests/chain.py: real workspaces, real keys) makes a real bundle and a real setup
file; the code below reads them with nothing of ``eduplan_core.exchange``'s reading code
(container.py, payload.py, setup.py, keys' helpers): only ``cryptography``'s primitives and
the standard library, step by step as the document says. EduPlan's own code appears only to
*make* the files (``export_bundle``, the chain; once with a small chunk size handed to its
writer) and to hand over the county's private key (``keys.unlock``). If the document and
the writer drift apart, these tests fail.
"""

from __future__ import annotations

import ast
import base64
import functools
import hashlib
import hmac
import json
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from eduplan_core.exchange import export as exporting
from eduplan_core.exchange import keys
from tests.chain import COUNTY, PASS, PRIMARY, SCHOOL, build_chain, fill_school

# -- the document's constants, typed in again (not imported) ------------------------------

MAGIC = bytes.fromhex("89 45 44 55 50 4C 41 4E 0D 0A 1A 0A")
VERSION = 1
MAX_HEADER = 65536
SEALED_KEY_LEN = 80
TAG_LEN = 16
MAX_CHUNK_SIZE = 1 << 20
MAX_STATEMENT = 1 << 20
HPKE_INFO = b"eduplan-bundle/v1\x00"
STATEMENT_CONTEXT = b"eduplan-bundle-statement/v1\x00"
SETUP_CONTEXT = b"eduplan-setup/v1\x00"
FINGERPRINT_CONTEXT = b"eduplan-fingerprint/v1\x00"
KEM_ID, KDF_ID, AEAD_ID = 0x0020, 0x0001, 0x0003
SCHOOL_KEYS = {"type", "code", "name", "parent", "school_type", "ownership", "urban_rural",
               "contact", "phone", "paper", "teaching_point", "parent_school", "history"}
LINE_KEYS = {
    "entry": {"type", "uid", "org", "year", "form", "form_version", "form_hash", "owner",
              "created_at", "updated_at"},
    "revision": {"type", "uid", "entry_uid", "field", "old_value", "new_value", "explanation",
                 "operator", "at", "source", "origin_workspace", "prev_uid"},
    "submission": {"type", "uid", "entry_uid", "revision_uid", "form_version", "form_hash",
                   "values_json", "operator", "at", "origin_workspace"},
    "school": SCHOOL_KEYS,
}
YEAR = 2024


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


# -- the independent decoder ---------------------------------------------------------------

class Refused(Exception):
    """The decoder below refuses the file (``step`` names the document's check)."""

    def __init__(self, step: str):
        super().__init__(step)
        self.step = step


def canonical(obj: Any) -> bytes:
    """Document §3.1: sorted keys, no spaces, non-ASCII as UTF-8 (not \\u escapes)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                      ).encode("utf-8")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def fingerprint(encryption: bytes, signing: bytes) -> str:
    """Document §11.1: 8 groups of 4 digits."""
    digest = hashlib.sha256(FINGERPRINT_CONTEXT + encryption + signing).digest()
    digits = f"{int.from_bytes(digest[:16], 'big') % 10 ** 32:032d}"
    return " ".join(digits[i:i + 4] for i in range(0, 32, 4))


@dataclass
class Envelope:
    version: int
    header: dict[str, Any]
    prefix: bytes  # magic ‖ version ‖ header_len ‖ header
    sealed_key: bytes
    chunks: bytes  # the rest of the file


def parse_canonical(raw: bytes, step: str) -> dict[str, Any]:
    """§3.1: UTF-8 JSON of an object, byte for byte its canonical form."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(step) from None
    if not isinstance(obj, dict) or canonical(obj) != raw:
        raise Refused(step)
    return obj


def read_envelope(data: bytes) -> Envelope:
    """§4 and §5: what anyone can read."""
    if data[:12] != MAGIC:
        raise Refused("damaged" if data[:8] == MAGIC[:8] else "not_bundle")
    version, header_len = struct.unpack(">HI", data[12:18])
    if version != VERSION:
        raise Refused("newer" if version > VERSION else "version")
    if header_len > MAX_HEADER or len(data) < 18 + header_len + SEALED_KEY_LEN:
        raise Refused("header_len")
    header = parse_canonical(data[18:18 + header_len], "header")
    rest = 18 + header_len
    return Envelope(version, header, data[:rest], data[rest:rest + SEALED_KEY_LEN],
                    data[rest + SEALED_KEY_LEN:])


def hpke_info(prefix: bytes) -> bytes:
    return HPKE_INFO + hashlib.sha256(prefix).digest()


def open_file_key(env: Envelope, private: X25519PrivateKey) -> bytes:
    """§6 with cryptography's HPKE."""
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    try:
        return suite.decrypt(env.sealed_key, private, info=hpke_info(env.prefix))
    except Exception:
        raise Refused("hpke") from None


def open_file_key_by_hand(env: Envelope, private: X25519PrivateKey) -> bytes:
    """The same, with RFC 9180's steps written out (mode_base, single-shot Open, seq 0,
    empty aad): enc = sealed_key[:32], ciphertext = sealed_key[32:]."""

    def extract(salt: bytes, ikm: bytes) -> bytes:
        return hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()

    def expand(prk: bytes, info: bytes, n: int) -> bytes:
        out, block, i = b"", b"", 1
        while len(out) < n:
            block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
            out, i = out + block, i + 1
        return out[:n]

    def labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
        return extract(salt, b"HPKE-v1" + suite + label + ikm)

    def labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, n: int) -> bytes:
        return expand(prk, struct.pack(">H", n) + b"HPKE-v1" + suite + label + info, n)

    enc, ciphertext = env.sealed_key[:32], env.sealed_key[32:]
    kem_suite = b"KEM" + struct.pack(">H", KEM_ID)
    dh = private.exchange(X25519PublicKey.from_public_bytes(enc))
    pk_r = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    eae_prk = labeled_extract(kem_suite, b"", b"eae_prk", dh)
    shared = labeled_expand(kem_suite, eae_prk, b"shared_secret", enc + pk_r, 32)
    suite = b"HPKE" + struct.pack(">HHH", KEM_ID, KDF_ID, AEAD_ID)
    context = (b"\x00" + labeled_extract(suite, b"", b"psk_id_hash", b"")
               + labeled_extract(suite, b"", b"info_hash", hpke_info(env.prefix)))
    secret = labeled_extract(suite, shared, b"secret", b"")
    key = labeled_expand(suite, secret, b"key", context, 32)
    base_nonce = labeled_expand(suite, secret, b"base_nonce", context, 12)
    try:
        return ChaCha20Poly1305(key).decrypt(base_nonce, ciphertext, b"")
    except InvalidTag:
        raise Refused("hpke") from None


def nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def decrypt_chunks(env: Envelope, file_key: bytes) -> tuple[bytes, list[int]]:
    """§7, STREAM: pieces of chunk_size + 16 bytes; the last one is the one the file ends with
    (it may be full size too) and must open with the last flag. Returns the plaintext and
    the sizes of the sealed chunks."""
    size = env.header.get("chunk_size")
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_CHUNK_SIZE:
        raise Refused("chunk_size")
    aead, data = ChaCha20Poly1305(file_key), env.chunks
    pieces = [data[i:i + size + TAG_LEN] for i in range(0, len(data), size + TAG_LEN)]
    if not pieces or len(pieces[-1]) < TAG_LEN:
        raise Refused("truncated")
    plain = bytearray()
    for counter, piece in enumerate(pieces):
        try:
            plain += aead.decrypt(nonce(counter, counter == len(pieces) - 1), piece, None)
        except InvalidTag:
            raise Refused("chunk") from None
    return bytes(plain), [len(p) for p in pieces]


@dataclass
class Bundle:
    env: Envelope
    statement: dict[str, Any]
    statement_bytes: bytes
    signature: bytes
    payload: bytes
    lines: list[dict[str, Any]]
    chunk_sizes: list[int]


def decode(data: bytes, private: X25519PrivateKey) -> Bundle:
    """§12 steps 1–9 in order (5 and 6, which key opens it, are the caller's)."""
    env = read_envelope(data)
    header = env.header
    if (header.get("format"), header.get("kind")) != ("eduplan-bundle", "data") \
            or not isinstance(header.get("from"), dict) or not isinstance(header.get("to"), dict):
        raise Refused("header_fields")
    file_key = open_file_key(env, private)
    plain, sizes = decrypt_chunks(env, file_key)
    (length,) = struct.unpack(">I", plain[:4])
    if length > MAX_STATEMENT or len(plain) < 4 + length + 64:
        raise Refused("statement_len")
    body, signature, payload = plain[4:4 + length], plain[4 + length:68 + length], \
        plain[68 + length:]
    statement = parse_canonical(body, "statement")
    sender = statement["sender"]
    if not (statement["format"] == "eduplan-bundle" and statement["version"] == 1
            and statement["kind"] == "data" and sender["org"] == header["from"]["org"]
            and statement["recipient"]["org"] == header["to"]["org"]
            and statement["recipient"]["encryption_key"] == header["to"]["key"]
            and type(statement["year"]) is int and type(statement["sequence"]) is int
            and statement["sequence"] >= 1 and isinstance(statement["created_at"], str)
            and len(unb64(sender["signing_key"])) == 32
            and len(unb64(sender["encryption_key"])) == 32):
        raise Refused("statement_vs_header")
    try:
        Ed25519PublicKey.from_public_bytes(unb64(sender["signing_key"])).verify(
            signature, STATEMENT_CONTEXT + body)
    except InvalidSignature:
        raise Refused("signature") from None
    meta = statement["payload"]
    if hashlib.sha256(payload).hexdigest() != meta["sha256"] or len(payload) != meta["size"]:
        raise Refused("payload_hash")
    if meta["encoding"] != "gzip+jsonl":
        raise Refused("encoding")
    unzip = zlib.decompressobj(wbits=31)  # §10: one gzip member, nothing after it
    text = unzip.decompress(payload)
    if not unzip.eof or unzip.unused_data or not text.endswith(b"\n"):
        raise Refused("gzip")
    lines = [json.loads(raw.decode("utf-8")) for raw in text.split(b"\n")[:-1]]
    for line in lines:
        if set(line) != LINE_KEYS.get(line.get("type"), set()):
            raise Refused("payload_line")
    return Bundle(env, statement, body, signature, payload, lines, sizes)


# -- the chain -----------------------------------------------------------------------------

@pytest.fixture
def chain(tmp_path):
    c = build_chain(tmp_path)
    fill_school(c.school)
    yield c
    c.close()


def county_key(chain) -> X25519PrivateKey:
    return keys.unlock(chain.county, PASS).current.encryption


def raw_public(key) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def export(chain, name: str = "bundle.eduplan") -> bytes:
    result = exporting.export_bundle(chain.school, PASS, YEAR, out=chain.tmp / name)
    return Path(result.path).read_bytes()


# -- the tests -----------------------------------------------------------------------------

def test_a_real_bundle_decodes_by_the_document(chain):
    data = export(chain)
    county = county_key(chain)
    b = decode(data, county)

    # the envelope: anyone can read it
    assert data[:12] == b"\x89EDUPLAN\r\n\x1a\n" and data[12:14] == b"\x00\x01"
    assert b.env.header == {
        "chunk_size": 65536, "format": "eduplan-bundle", "kind": "data",
        "from": {"org": SCHOOL, "name": "测试中心小学"},
        "to": {"org": COUNTY, "name": "东川区",
               "key": base64.b64encode(raw_public(county)).decode("ascii")}}
    assert len(b.env.sealed_key) == 80
    # RFC 9180 written out opens it too: the suite, the info and the layout are as documented
    assert open_file_key_by_hand(b.env, county) == open_file_key(b.env, county)
    # one short chunk (a small bundle): it is the last and opened with the last flag only
    assert len(b.chunk_sizes) == 1 and b.chunk_sizes[0] < 65536 + 16
    key = open_file_key(b.env, county)
    with pytest.raises(InvalidTag):
        ChaCha20Poly1305(key).decrypt(nonce(0, False), b.env.chunks, None)

    # the statement, signed by the key it names
    st = b.statement
    sender = st["sender"]
    school_ring = keys.unlock(chain.school, PASS)
    enc, sig = (raw_public(school_ring.current.encryption),
                raw_public(school_ring.current.signing))
    assert set(st) == {"format", "version", "kind", "sender", "recipient", "year", "sequence",
                       "created_at", "rotations", "payload", "audit_head"}
    # the signed head of the sender's audit chain (§5): its own Ed25519 signature
    head = json.loads(st["audit_head"]["statement"])
    Ed25519PublicKey.from_public_bytes(sig).verify(
        unb64(st["audit_head"]["signature"]),
        b"eduplan-audit-head/v1\x00" + st["audit_head"]["statement"].encode())
    assert head["type"] == "eduplan-audit-head" and head["org"] == SCHOOL
    assert isinstance(head["audit_id"], int) and len(head["hash"]) == 64
    assert (st["format"], st["version"], st["kind"]) == ("eduplan-bundle", 1, "data")
    assert set(sender) == {"org", "name", "level", "workspace", "encryption_key",
                           "signing_key", "fingerprint", "generation"}
    assert (sender["org"], sender["name"], sender["level"]) == (SCHOOL, "测试中心小学", "school")
    assert unb64(sender["encryption_key"]) == enc and unb64(sender["signing_key"]) == sig
    assert sender["fingerprint"] == fingerprint(enc, sig) and sender["generation"] == 1
    assert sender["workspace"] == chain.school.info().workspace_id
    assert st["recipient"] == {"org": COUNTY, "encryption_key": b.env.header["to"]["key"]}
    assert (st["year"], st["sequence"], st["rotations"]) == (YEAR, 1, [])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d",
                        st["created_at"])
    assert set(st["payload"]) == {"encoding", "lines", "sha256", "size"}
    assert b.payload[:2] == b"\x1f\x8b"  # gzip

    # the payload: schools first, then the entry, its revisions, its submission
    kinds = [line["type"] for line in b.lines]
    assert kinds == ["school", "entry"] + ["revision"] * len(PRIMARY) + ["submission"]
    assert len(b.lines) == st["payload"]["lines"]
    school = b.lines[0]
    assert (school["code"], school["name"], school["parent"], school["contact"],
            school["phone"], school["paper"]) == (SCHOOL, "测试中心小学", COUNTY, "李老师",
                                                  "0871-1234567", False)
    entry = b.lines[1]
    assert (entry["org"], entry["year"], entry["form"], entry["owner"]) == \
        (SCHOOL, YEAR, "primary", SCHOOL)
    revisions = [line for line in b.lines if line["type"] == "revision"]
    assert all(r["entry_uid"] == entry["uid"] for r in revisions)
    assert {r["origin_workspace"] for r in revisions} == {sender["workspace"]}
    replaced = {r["prev_uid"] for r in revisions}
    heads = {r["field"]: r["new_value"] for r in revisions if r["uid"] not in replaced}
    assert heads["pri_students"] == 600 and type(heads["pri_students"]) is int
    assert heads["digital_campus"] == 1  # 是 → 1
    assert heads["pri_equipment_value"] == 1200000.0  # a decimal field
    assert set(heads) == set(PRIMARY)
    (submission,) = [line for line in b.lines if line["type"] == "submission"]
    frozen = json.loads(submission["values_json"])
    assert frozen["pri_students"] == 600 and frozen == heads
    assert submission["revision_uid"] in {r["uid"] for r in revisions}
    assert (submission["form_version"], submission["form_hash"]) == \
        (entry["form_version"], entry["form_hash"])


def test_chunks_are_a_stream_with_a_counter_and_the_last_flag(chain, monkeypatch):
    """Small chunks (the writer's parameter; the document allows 1 … 2^20) give many: each
    but the last exactly chunk_size + 16 bytes, counter 0, 1, 2 …; a file cut at a chunk
    boundary fails, because its new last chunk was not sealed as the last."""
    monkeypatch.setattr(exporting, "write_sealed",
                        functools.partial(exporting.write_sealed, chunk_size=256))
    data = export(chain)
    county = county_key(chain)
    b = decode(data, county)
    assert b.env.header["chunk_size"] == 256
    assert len(b.chunk_sizes) > 3
    assert set(b.chunk_sizes[:-1]) == {256 + 16} and 16 < b.chunk_sizes[-1] <= 256 + 16
    assert len(b.lines) == b.statement["payload"]["lines"]
    cut = data[:len(data) - b.chunk_sizes[-1]]
    with pytest.raises(Refused) as refused:
        decode(cut, county)
    assert refused.value.step == "chunk"
    swapped = bytearray(data)
    start = len(b.env.prefix) + SEALED_KEY_LEN
    first, second = slice(start, start + 272), slice(start + 272, start + 544)
    swapped[first], swapped[second] = data[second], data[first]
    with pytest.raises(Refused) as refused:
        decode(bytes(swapped), county)
    assert refused.value.step == "chunk"


def test_a_flipped_byte_in_the_header_fails_the_hpke_open(chain):
    data = export(chain)
    county = county_key(chain)
    at = data.index(b'"org":"' + SCHOOL.encode()) + len('"org":"') + len(SCHOOL) - 1
    flipped = bytearray(data)
    flipped[at] ^= 0x01  # "2153119002" → "2153119003": still canonical JSON
    env = read_envelope(bytes(flipped))
    assert env.header["from"]["org"] == "2153119003"
    with pytest.raises(Refused) as refused:
        open_file_key(env, county)
    assert refused.value.step == "hpke"
    with pytest.raises(Refused):
        open_file_key_by_hand(env, county)
    with pytest.raises(Refused) as refused:
        decode(bytes(flipped), county)
    assert refused.value.step == "hpke"
    newer = bytearray(data)
    newer[12:14] = b"\x00\x02"
    with pytest.raises(Refused) as refused:
        decode(bytes(newer), county)
    assert refused.value.step == "newer"


def test_the_default_file_name(chain):
    result = exporting.export_bundle(chain.school, PASS, YEAR)
    path = Path(result.path)
    assert path.parent == chain.school.path / "outbox"
    assert path.name == "测试中心小学-2024年-报东川区-第1号.eduplan"
    assert decode(path.read_bytes(), county_key(chain)).statement["sequence"] == 1


def test_a_setup_file_decodes_by_the_document(chain):
    """The county's setup file for the school (made by build_chain)."""
    doc = json.loads((chain.tmp / f"setup-{SCHOOL}.eduplan-setup").read_text(encoding="utf-8"))
    assert set(doc) == {"format", "version", "statement", "signature"}
    assert (doc["format"], doc["version"]) == ("eduplan-setup", 1)
    body = doc["statement"].encode("utf-8")
    st = json.loads(body)
    assert canonical(st) == body
    sender = st["from"]
    enc, sig = unb64(sender["encryption_key"]), unb64(sender["signing_key"])
    Ed25519PublicKey.from_public_bytes(sig).verify(unb64(doc["signature"]),
                                                   SETUP_CONTEXT + body)
    with pytest.raises(InvalidSignature):
        Ed25519PublicKey.from_public_bytes(sig).verify(unb64(doc["signature"]),
                                                       STATEMENT_CONTEXT + body)
    assert sender["fingerprint"] == fingerprint(enc, sig)
    assert re.fullmatch(r"\d{4}( \d{4}){7}", sender["fingerprint"])
    ring = keys.unlock(chain.county, PASS)
    assert (enc, sig) == (raw_public(ring.current.encryption), raw_public(ring.current.signing))
    assert set(st) == {"kind", "from", "units", "unit_names", "schools", "due", "created_at"}
    assert st["kind"] == "setup" and st["units"] == [SCHOOL] and st["due"] is None
    assert st["unit_names"] == {SCHOOL: "测试中心小学"}
    assert set(sender) == {"org", "name", "level", "workspace", "encryption_key",
                           "signing_key", "fingerprint"}
    assert (sender["org"], sender["name"], sender["level"]) == (COUNTY, "东川区", "county")
    (school,) = st["schools"]
    assert set(school) == SCHOOL_KEYS and school["type"] == "school"
    assert (school["code"], school["parent"], school["contact"]) == (SCHOOL, COUNTY, "李老师")


def test_the_decoder_here_uses_no_reading_code_of_eduplan():
    """Only the writer (export) and the county's private key (keys.unlock) come from
    eduplan_core.exchange; nothing of container.py, payload.py, setup.py or keys' helpers."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eduplan_core"):
            imported |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("eduplan_core") for a in node.names)
    assert imported == {"eduplan_core.exchange.export", "eduplan_core.exchange.keys"}
    used = {(n.value.id, n.attr) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id in ("keys", "exporting")}
    assert used == {("keys", "unlock"), ("exporting", "export_bundle"),
                    ("exporting", "write_sealed")}
