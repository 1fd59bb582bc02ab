"""A bundle's payload: gzip (RFC 1952) of JSON Lines, one record per line.

Each line is a JSON object with ``"type"``:

- ``school``: a school the sender registered or merged (``code``, ``name``, ``parent``,
  ``school_type``, ``ownership``, ``urban_rural``, ``contact``, ``phone``, ``paper``,
  ``teaching_point``, ``parent_school``, ``history``: ``[[year, attr, value], …]``);
- ``entry``: one form of one org for one year (the fields of ``imports.EntryRecord``);
- ``revision``: one change of one value (``imports.RevisionRecord``; ``explanation`` is the
  explanation given with it, ``prev_uid`` the revision it replaced);
- ``submission``: one submission (``imports.SubmissionRecord``; ``values_json`` the frozen
  values as JSON text).

Lines are written schools first, then per entry the entry, its revisions and submissions.
A reader ignores nothing: an unknown ``type``, a missing or an extra key is a damaged payload.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from ..catalog.model import Org
from ..errors import Cancelled
from ..store.imports import EntryRecord, Records, RevisionRecord, SubmissionRecord, new_record
from ..texts import Text, text
from .container import BadBundle, canonical

MAX_LINE = 1 << 20
_TYPES: dict[str, type] = {"entry": EntryRecord, "revision": RevisionRecord,
                           "submission": SubmissionRecord}
_SHARED = ("entry_uid", "field", "operator", "source", "origin_workspace")
_KEYS = {kind: frozenset(f.name for f in dataclasses.fields(cls)) for kind, cls in _TYPES.items()}
# orjson reads an integer beyond 64 bits as a float (at least 9.2e18), where json keeps it
# an integer: a line with such a float is read again by json
_LONG = 9.2e18
SCHOOL_KEYS = ("code", "name", "parent", "school_type", "ownership", "urban_rural", "contact",
               "phone", "paper", "teaching_point", "parent_school", "history")


@dataclass(frozen=True)
class Payload:
    schools: tuple[dict[str, Any], ...]
    records: Records

    @property
    def count(self) -> int:
        r = self.records
        return len(self.schools) + len(r.entries) + len(r.revisions) + len(r.submissions)


def school_line(org: Org) -> dict[str, Any]:
    history = [[year, attr, value] for year, changes in org.history for attr, value in changes]
    return {"type": "school", "code": org.code, "name": org.name, "parent": org.parent,
            "school_type": org.type, "ownership": org.ownership, "urban_rural": org.urban_rural,
            "contact": org.contact, "phone": org.phone, "paper": org.paper,
            "teaching_point": org.teaching_point, "parent_school": org.parent_school,
            "history": history}


def write_payload(out: Path, schools: list[Org], records: Records) -> int:
    """Write the payload file; returns the number of lines."""
    n = 0
    by_entry_r: dict[str, list[RevisionRecord]] = {}
    for r in records.revisions:
        by_entry_r.setdefault(r.entry_uid, []).append(r)
    by_entry_s: dict[str, list[SubmissionRecord]] = {}
    for s in records.submissions:
        by_entry_s.setdefault(s.entry_uid, []).append(s)
    # mtime=0: the same records give the same bytes; the name in the gzip header is
    # payload.jsonl whatever the file is called
    with open(out, "xb") as raw, gzip.GzipFile("payload.jsonl", "wb", fileobj=raw,
                                               mtime=0) as z:
        lines: list[bytes] = []  # written a few thousand at a time

        def line(obj: dict[str, Any]) -> None:
            nonlocal n
            lines.append(canonical_line(obj))
            n += 1
            if len(lines) >= 4096:
                z.write(b"".join(lines))
                lines.clear()

        for org in sorted(schools, key=lambda o: o.code):
            line(school_line(org))
        for e in records.entries:
            line({"type": "entry", **vars(e)})
            for r in by_entry_r.get(e.uid, []):
                line({"type": "revision", **vars(r)})
            for s in by_entry_s.get(e.uid, []):
                line({"type": "submission", **vars(s)})
        z.write(b"".join(lines))
    return n


def canonical_line(obj: dict[str, Any]) -> bytes:
    """``obj`` as canonical JSON (container.canonical) and a newline. orjson writes the same
    bytes as Python's json (20× faster) except for floats Python writes with an exponent, a
    NaN or infinity, and integers beyond 64 bits: a line with any of those, or with a list or
    an object inside (a school's), is written by json."""
    for v in obj.values():
        t = type(v)
        if t is list or t is dict or (t is float and not (v == 0 or 1e-4 <= abs(v) < 1e16)):
            return canonical(obj) + b"\n"
    try:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return canonical(obj) + b"\n"


def _damaged(what: Text) -> BadBundle:
    return BadBundle("damaged", f"数据包内容格式不正确（{what}），未做任何修改。",
                     f"The bundle's content is malformed ({what.en}); nothing was changed")


def _lines(path: Path | IO[bytes], cancelled: Callable[[], bool] | None
           ) -> Iterator[bytes]:
    """The payload's lines, decompressed a bounded piece at a time (a gzip bomb never
    expands in memory: at most one line of 1 MiB plus one piece)."""
    d = zlib.decompressobj(wbits=31)  # gzip only
    buf = b""

    def cut(data: bytes) -> Iterator[bytes]:
        nonlocal buf
        *done, buf = (buf + data).split(b"\n")
        if len(buf) > MAX_LINE:
            raise _damaged(Text("一行过长", "a line too long"))
        yield from done

    with contextlib.ExitStack() as stack:
        f: IO[bytes]
        if isinstance(path, Path):
            f = stack.enter_context(open(path, "rb"))
        else:
            f = path
            f.seek(0)
        while not d.eof and (block := f.read(1 << 16)):
            if cancelled and cancelled():
                raise Cancelled()
            try:
                yield from cut(d.decompress(block, 1 << 20))
                while d.unconsumed_tail and not d.eof:
                    yield from cut(d.decompress(d.unconsumed_tail, 1 << 20))
            except zlib.error:
                raise _damaged(Text("压缩数据", "compressed data")) from None
        rest = f.read(1)
    if not d.eof or d.unused_data or rest:
        raise _damaged(Text("压缩数据不完整", "compressed data incomplete"))
    if buf:
        raise _damaged(Text("最后一行不完整", "last line incomplete"))


def _parse(raw: bytes) -> Any:
    """One line as json reads it: by orjson (4× faster), which reads every line the same
    except those it refuses (NaN, a lone surrogate…: json decides) and integers beyond 64
    bits (read as floats: a line with a float that large, or with a list or an object inside,
    is read by json)."""
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8"))
    if type(obj) is not dict:
        return json.loads(raw.decode("utf-8"))
    for v in obj.values():
        t = type(v)
        if t is list or t is dict or (t is float and not -_LONG < v < _LONG):
            return json.loads(raw.decode("utf-8"))
    return obj


def read_payload(path: Path | IO[bytes], cancelled: Callable[[], bool] | None = None
                 ) -> Payload:
    schools: list[dict[str, Any]] = []
    found: dict[str, list] = {"entry": [], "revision": [], "submission": []}
    school_keys = frozenset(SCHOOL_KEYS)
    shared: dict[str, str] = {}
    for n, raw in enumerate(_lines(path, cancelled), 1):
        try:
            obj = _parse(raw)
        except (UnicodeDecodeError, ValueError):
            raise _damaged(text("第 {n} 行不是 JSON", "line {n} is not JSON", n=n)) from None
        if not isinstance(obj, dict):
            raise _damaged(text("第 {n} 行", "line {n}", n=n))
        kind = obj.pop("type", None)
        if kind == "school":
            if obj.keys() != school_keys:
                raise _damaged(text("第 {n} 行（学校）", "line {n} (school)", n=n))
            schools.append(obj)
            continue
        cls = _TYPES.get(kind) if isinstance(kind, str) else None
        if cls is None or obj.keys() != _KEYS[kind]:
            raise _damaged(text("第 {n} 行", "line {n}", n=n))
        if kind == "revision":  # one copy of what a bundle repeats on every revision
            for key in _SHARED:
                if type(v := obj[key]) is str:
                    obj[key] = shared.setdefault(v, v)
        found[kind].append(new_record(cls, obj))
    return Payload(tuple(schools), Records(tuple(found["entry"]), tuple(found["revision"]),
                                           tuple(found["submission"])))
