"""The sealed file: encrypted to one office, signed by one workspace (docs/bundle-format.md).

Byte layout (all integers big-endian)::

    magic        12 bytes  89 45 44 55 50 4C 41 4E 0D 0A 1A 0A  ("\\x89EDUPLAN\\r\\n\\x1a\\n")
    version       2 bytes  1
    header_len    4 bytes  length of the header (at most 65536)
    header        UTF-8 canonical JSON: routing only (format, kind, sender org and name,
                  recipient org, name and encryption key, the chunk size)
    sealed_key   80 bytes  HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
                           HKDF-SHA256, ChaCha20-Poly1305: the 32-byte file key sealed to
                           the recipient's X25519 key, info = b"eduplan-bundle/v1\\x00" +
                           SHA-256(magic ‖ version ‖ header_len ‖ header)
    chunks       the plaintext in pieces of chunk_size bytes, each sealed with
                 ChaCha20-Poly1305 under the file key, nonce = 11-byte counter ‖ last-flag
                 (0x01 on the final chunk), no associated data; every chunk but the last
                 is exactly chunk_size + 16 bytes (the STREAM construction of age)

The plaintext is::

    statement_len 4 bytes, statement (UTF-8 canonical JSON), signature 64 bytes (Ed25519
    over b"eduplan-bundle-statement/v1\\x00" + statement), then the payload to the end.

The statement names sender (org, workspace, both public keys), recipient (org, key), year,
sequence, creation time, format version and the payload's SHA-256 and size: the signature
binds all of them. A flipped byte anywhere fails: in the header or sealed key the HPKE
open (the header is its info), in a chunk its tag, a cut or extended file the last-flag,
a statement or payload the signature or the hash. Nothing is handed to the caller before
every check has passed: :func:`open_sealed` writes the payload to a file and returns only
after the last chunk, the signature and the hash are verified.

Canonical JSON here: ``json.dumps(obj, ensure_ascii=False, sort_keys=True,
separators=(",", ":"))`` encoded as UTF-8.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from ..errors import EduPlanError
from ..texts import Text, text

MAGIC = b"\x89EDUPLAN\r\n\x1a\n"
VERSION = 1
MAX_KNOWN_FUTURE = 99  # a version number above it is a damaged file, not a newer format
MAX_HEADER = 65536
MAX_STATEMENT = 1 << 20
CHUNK_SIZE = 65536
MAX_CHUNK_SIZE = 1 << 20
SEALED_KEY_LEN = 80
TAG = 16
_HPKE_INFO = b"eduplan-bundle/v1\x00"
_STATEMENT_CONTEXT = b"eduplan-bundle-statement/v1\x00"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
SUITE_NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305"


class BadBundle(EduPlanError):
    """A file that is not a readable, intact bundle for this workspace (``code`` says why:
    not_bundle, newer, damaged, not_ours, bad_signature)."""

    def __init__(self, code: str, message: str, message_en: str):
        self.code = code
        super().__init__(message, message_en)


def b64(data: bytes) -> str:
    """Standard base64 with padding, as every key and hash appears in the JSON parts."""
    return base64.b64encode(data).decode("ascii")


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                      ).encode("utf-8")


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _prefix(header: bytes) -> bytes:
    return MAGIC + struct.pack(">HI", VERSION, len(header)) + header


@dataclass(frozen=True)
class Sealed:
    path: Path
    size: int
    sha256: str  # of the whole file
    payload_sha256: str
    payload_size: int


def write_sealed(out: Path, header: dict[str, Any], statement: dict[str, Any],
                 payload: Path, signer: Ed25519PrivateKey, recipient: bytes, *,
                 chunk_size: int = CHUNK_SIZE,
                 progress: Callable[[int, int], None] | None = None) -> Sealed:
    """Seal the file ``payload`` (already written; read twice, never held whole) into
    ``out`` (a new file, written beside it under a temporary name and renamed at the end).
    ``statement`` gets ``payload`` = {sha256, size} added before it is signed."""
    digest, size = hashlib.sha256(), 0
    with open(payload, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
            size += len(block)
    statement = {**statement, "payload": {**statement.get("payload", {}),
                                          "sha256": digest.hexdigest(), "size": size}}
    header = {**header, "chunk_size": chunk_size}
    head = canonical(header)
    if len(head) > MAX_HEADER:
        raise ValueError("header too long")
    prefix = _prefix(head)
    file_key = os.urandom(32)
    sealed_key = _SUITE.encrypt(file_key, X25519PublicKey.from_public_bytes(recipient),
                                info=_HPKE_INFO + hashlib.sha256(prefix).digest())
    assert len(sealed_key) == SEALED_KEY_LEN
    body = canonical(statement)
    signature = signer.sign(_STATEMENT_CONTEXT + body)
    aead = ChaCha20Poly1305(file_key)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    whole = hashlib.sha256()
    try:
        with open(tmp, "xb") as dst, open(payload, "rb") as src:
            def put(data: bytes) -> None:
                dst.write(data)
                whole.update(data)

            put(prefix + sealed_key)
            stream = _Chunker(aead, chunk_size, put)
            stream.feed(struct.pack(">I", len(body)) + body + signature)
            done = 0
            while block := src.read(chunk_size * 16):
                stream.feed(block)
                done += len(block)
                if progress:
                    progress(done, size)
            stream.close()
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Sealed(out, out.stat().st_size, whole.hexdigest(), digest.hexdigest(), size)


class _Chunker:
    """STREAM: buffer plaintext, seal full chunks; the final one (maybe short) on close."""

    def __init__(self, aead: ChaCha20Poly1305, size: int, put: Callable[[bytes], None]):
        self.aead, self.size, self.put = aead, size, put
        self.buf = bytearray()
        self.counter = 0

    def feed(self, data: bytes) -> None:
        self.buf += data
        # keep at least one byte back: the last chunk must be sealed as the last
        while len(self.buf) > self.size:
            self._seal(bytes(self.buf[:self.size]), last=False)
            del self.buf[:self.size]

    def _seal(self, data: bytes, last: bool) -> None:
        self.put(self.aead.encrypt(_nonce(self.counter, last), data, None))
        self.counter += 1

    def close(self) -> None:
        self._seal(bytes(self.buf), last=True)
        self.buf.clear()


# -- reading -------------------------------------------------------------------------------

# where a bundle was found damaged, in Chinese and English
_WHERE = {"文件不完整": "incomplete file", "文件头": "header", "格式版本": "format version",
          "文件头长度": "header length", "分块大小": "chunk size",
          "无法解密：文件头或密钥部分被改动": "cannot decrypt: the header or the key was altered",
          "声明长度": "statement length", "声明": "statement",
          "内容与签名声明不符": "the content does not match the signed statement"}


def _damaged(what: str | Text) -> BadBundle:
    said = what if isinstance(what, Text) else Text(what, _WHERE.get(what, what))
    return BadBundle("damaged", f"数据包已损坏或被改动（{said}），未做任何修改。请让对方重新导出并发送。",
                     f"The bundle is damaged or was altered ({said.en}); nothing was changed. "
                     "Ask the sender to export and send it again.")


def _not_bundle() -> BadBundle:
    return BadBundle("not_bundle", "这不是 EduPlan 数据包（文件开头不对），未做任何修改。",
                     "not an EduPlan bundle; nothing was changed")


def _read_exact(f: IO[bytes], n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise _damaged("文件不完整")
    return data


@dataclass(frozen=True)
class Envelope:
    """What anyone can read of a bundle: its routing header."""

    header: dict[str, Any]
    prefix: bytes
    sealed_key: bytes
    body_offset: int


def read_envelope(f: BinaryIO) -> Envelope:
    start = f.read(len(MAGIC))
    if start != MAGIC:
        if start.startswith(MAGIC[:8]):
            raise _damaged("文件头")
        raise _not_bundle()
    raw = f.read(6)
    if len(raw) != 6:
        raise _damaged("文件不完整")
    version, length = struct.unpack(">HI", raw)
    if version != VERSION:
        if VERSION < version <= MAX_KNOWN_FUTURE:  # a plausible later format, not noise
            raise BadBundle("newer", f"数据包格式版本 {version} 比本程序新（本程序支持第 {VERSION} 版），"
                            "未做任何修改。请更新 EduPlan 后再导入。",
                            f"bundle format {version} is newer than this EduPlan; update it")
        raise _damaged("格式版本")
    if length > MAX_HEADER:
        raise _damaged("文件头长度")
    head = _read_exact(f, length)
    try:
        header = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("文件头") from None
    if not isinstance(header, dict) or canonical(header) != head:
        raise _damaged("文件头")
    sealed_key = _read_exact(f, SEALED_KEY_LEN)
    return Envelope(header, MAGIC + raw + head, sealed_key, len(MAGIC) + 6 + length
                    + SEALED_KEY_LEN)


@dataclass(frozen=True)
class Opened:
    """A bundle whose every check has passed."""

    header: dict[str, Any]
    statement: dict[str, Any]
    statement_bytes: bytes
    signature: bytes
    payload: Path | IO[bytes]  # the payload, written out and verified


def open_sealed(path: Path, key: X25519PrivateKey, payload_out: Path | IO[bytes],
                verify_key: Callable[[dict[str, Any]], bytes], *,
                cancelled: Callable[[], bool] | None = None) -> Opened:
    """Open ``path`` with ``key``: the payload goes to ``payload_out`` (a file created, or
    an empty file open for writing — a nameless temporary file leaves nothing behind when
    the process is killed); the signature is checked with the Ed25519 key
    ``verify_key(statement)`` returns (it may raise to refuse the sender). Raises
    :class:`BadBundle`; ``payload_out`` is removed (or emptied) then."""
    try:
        with open(path, "rb") as f:
            env = read_envelope(f)
            return _open(f, env, key, payload_out, verify_key, cancelled)
    except BaseException:
        if isinstance(payload_out, Path):
            payload_out.unlink(missing_ok=True)
        else:
            payload_out.seek(0)
            payload_out.truncate()
        raise


def _open(f: BinaryIO, env: Envelope, key: X25519PrivateKey, payload_out: Path | IO[bytes],
          verify_key: Callable[[dict[str, Any]], bytes],
          cancelled: Callable[[], bool] | None) -> Opened:
    chunk_size = env.header.get("chunk_size")
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or \
            not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise _damaged("分块大小")
    try:
        file_key = _SUITE.decrypt(env.sealed_key, key,
                                  info=_HPKE_INFO + hashlib.sha256(env.prefix).digest())
    except Exception:  # InvalidTag, or a malformed encapsulated key
        raise _damaged("无法解密：文件头或密钥部分被改动") from None
    aead = ChaCha20Poly1305(file_key)
    reader = _PlainReader(f, aead, chunk_size, cancelled)
    (length,) = struct.unpack(">I", reader.take(4))
    if length > MAX_STATEMENT:
        raise _damaged("声明长度")
    body = reader.take(length)
    signature = reader.take(64)
    try:
        statement = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("声明") from None
    if not isinstance(statement, dict) or canonical(statement) != body:
        raise _damaged("声明")
    public = verify_key(statement)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, _STATEMENT_CONTEXT + body)
    except (InvalidSignature, ValueError):
        raise BadBundle("bad_signature", "数据包的签名不正确（可能被改动或伪造），未做任何修改。",
                        "bad signature; nothing was changed") from None
    digest, size = hashlib.sha256(), 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(payload_out, "xb")) if isinstance(payload_out, Path) \
            else payload_out
        for block in reader.rest():
            digest.update(block)
            size += len(block)
            out.write(block)
        out.flush()
    meta = statement.get("payload")
    if not isinstance(meta, dict) or meta.get("sha256") != digest.hexdigest() \
            or meta.get("size") != size:
        raise _damaged("内容与签名声明不符")
    return Opened(env.header, statement, body, signature, payload_out)


class _PlainReader:
    """Decrypt the chunks in order; the last one must carry the last-flag and end the file."""

    def __init__(self, f: BinaryIO, aead: ChaCha20Poly1305, chunk_size: int,
                 cancelled: Callable[[], bool] | None):
        self.f, self.aead, self.size = f, aead, chunk_size
        self.cancelled = cancelled
        self.counter = 0
        self.buf = bytearray()
        self.ended = False
        self.next_raw = f.read(chunk_size + TAG)

    def _more(self) -> bool:
        if self.ended:
            return False
        if self.cancelled and self.cancelled():
            from ..errors import Cancelled
            raise Cancelled()
        raw = self.next_raw
        if len(raw) < TAG:
            raise _damaged("文件不完整")
        self.next_raw = self.f.read(self.size + TAG) if len(raw) == self.size + TAG else b""
        last = not self.next_raw
        try:
            plain = self.aead.decrypt(_nonce(self.counter, last), raw, None)
        except InvalidTag:
            raise _damaged(text("第 {n} 块校验失败{cut}", "chunk {n} fails its check{cut}",
                                n=self.counter + 1,
                                cut=Text("，文件可能被截断", ", the file may be cut short")
                                if last else "")) from None
        self.counter += 1
        self.buf += plain
        self.ended = last
        return True

    def take(self, n: int) -> bytes:
        while len(self.buf) < n:
            if not self._more():
                raise _damaged("文件不完整")
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def rest(self) -> Iterable[bytes]:
        if self.buf:
            yield bytes(self.buf)
            self.buf.clear()
        while self._more():
            yield bytes(self.buf)
            self.buf.clear()


# -- signed text (setup files) -------------------------------------------------------------

def sign_text(signer: Ed25519PrivateKey, context: bytes, body: bytes) -> bytes:
    return signer.sign(context + body)


def verify_text(public: bytes, signature: bytes, context: bytes, body: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, context + body)
        return True
    except (InvalidSignature, ValueError):
        return False


def public_raw(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
