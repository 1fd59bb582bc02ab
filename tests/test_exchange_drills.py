"""Drills for the bundle exchange (issue 10, "Done when"): damaged, cut, extended, random,
misaddressed and replayed bundles, a SIGKILL in the middle of `eduplan import`, and the same
bundles imported in two orders.

Everything is real: the workspaces of tests/chain.py (云南省 → 昆明市 → 东川区 → schools, each
set up from its parent's setup file), real keys (the cheap Argon2id test setting), real
HPKE / ChaCha20-Poly1305 / Ed25519, real SQLite, the real `eduplan` program in a subprocess.
Nothing is mocked. Two liberties, both through export_bundle's own seams: the drill bundle
is sealed in 256-byte chunks (the chunk size is a field of the header the reader honours,
1 byte to 1 MiB) so a bundle of a few kilobytes has many chunks to damage; and one fuzz test
hands export_bundle a damaged payload, which it then seals and signs with the school's real
keys (what a broken or hostile EduPlan holding a confirmed key could send).

The chain is built once per module and closed; each test copies the workspace it receives
with (shutil.copytree of a folder nobody has open).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import random
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eduplan_core.exchange import container, keys
from eduplan_core.exchange import export as export_mod
from eduplan_core.exchange.container import MAGIC, SEALED_KEY_LEN, TAG, Envelope, read_envelope
from eduplan_core.exchange.export import export_bundle
from eduplan_core.exchange.inbox import FileOutcome, Outcome, import_file
from eduplan_core.exchange.payload import write_payload
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.imports import records_of
from eduplan_core.store.lock import holders
from eduplan_core.store.orgs import SchoolInput
from eduplan_core.store.workspace import Workspace

from .chain import (COUNTY, OTHER, PASS, PRIMARY, SCHOOL, build_chain, confirm_all, data_dump,
                    open_ws, register, send, setup_child)
from .conftest import project_root

EDUPLAN = str(Path(sys.executable).parent / "eduplan")
WUHUA = "530102"  # 五华区, a second county of 昆明市
THIRD = "2153119006"  # a third school of 东川区
YEAR = 2024
CHUNK = 256
CHINESE = re.compile(r"[\u4e00-\u9fff]")
FUZZ = settings(max_examples=100, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


# -- the world: built once, closed, copied by each test ------------------------------------

@dataclass(frozen=True)
class World:
    county: Path  # 东川区: each school's bundle no. 1 merged, their keys confirmed
    school: Path  # 测试中心小学
    prefecture: Path  # 昆明市
    bundles: dict[str, dict[int, Path]]  # each school's bundles no. 2 and 3, by school
    wuhua: Path  # 五华区's bundle for 昆明市

    @property
    def a(self) -> dict[int, Path]:
        """测试中心小学's (no. 3 sealed in 256-byte chunks: the drill bundle)."""
        return self.bundles[SCHOOL]

    @property
    def b(self) -> dict[int, Path]:
        return self.bundles[OTHER]

    @property
    def drill(self) -> Path:
        return self.a[3]


def _revise(ws: Workspace, org: str, values: dict[str, str]) -> None:
    entries.set_values(ws, org, YEAR, "primary", values)
    entries.submit(ws, org, YEAR, "primary")


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp("drills")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(keys.TEST_KDF_ENV, "1")
        mp.setenv("EDUPLAN_HOME", str(root / "home"))
        chain = build_chain(root)
        county = chain.county
        register(county, SchoolInput(OTHER, "测试第二小学", COUNTY, "小学"),
                 SchoolInput(THIRD, "测试第三小学", COUNTY, "小学"))
        schools = {SCHOOL: chain.school,
                   **{org: setup_child(county, org, root / org, root) for org in (OTHER, THIRD)}}
        wuhua = setup_child(chain.prefecture, WUHUA, root / "wuhua", root)
        out = root / "bundles"
        out.mkdir()
        for org, ws in schools.items():
            _revise(ws, org, PRIMARY)
            first = send(ws, county, YEAR, out / f"{org}-1.eduplan")
            assert first.outcome == Outcome.PENDING, first
        confirm_all(county)
        assert len(data_dump(county)["entries"]) == 3
        bundles: dict[str, dict[int, Path]] = {}
        for org, ws in schools.items():
            if org == THIRD:  # a long history: a bundle that takes a while to import
                for i in range(40):
                    _revise(ws, org, {"pri_students": str(601 + i), "classrooms": str(16 + i % 3),
                                      "public_funds_yuan": str(480001 + i)})
            _revise(ws, org, {"classrooms": "16"})
            got = bundles[org] = {}
            got[2] = Path(export_bundle(ws, PASS, YEAR, out=out / f"{org}-2.eduplan").path)
            _revise(ws, org, {"digital_classrooms": "7", "rotated_teachers": "2"})
            with pytest.MonkeyPatch.context() as small:
                if org == SCHOOL:  # the drill bundle: many small chunks
                    small.setattr(export_mod, "write_sealed",
                                  functools.partial(container.write_sealed, chunk_size=CHUNK))
                got[3] = Path(export_bundle(ws, PASS, YEAR, out=out / f"{org}-3.eduplan").path)
        w = Path(export_bundle(wuhua, PASS, YEAR, out=out / f"{WUHUA}-1.eduplan").path)
        paths = county.path, chain.school.path, chain.prefecture.path
        for ws in (chain.province, chain.prefecture, county, *schools.values(), wuhua):
            ws.close()
    return World(*paths, bundles, w)


def copy_ws(src: Path, dest: Path) -> Workspace:
    shutil.copytree(src, dest)
    return open_ws(dest)


@pytest.fixture
def county(world, tmp_path):
    ws = copy_ws(world.county, tmp_path / "county")
    yield ws
    ws.close()


@pytest.fixture
def ring(county):
    return keys.unlock(county, PASS)


def log_count(ws: Workspace) -> int:
    return ws.db.execute("SELECT count(*) FROM import_log").fetchone()[0]


def untouched(ws: Workspace) -> dict:
    """What a rejected file must leave as it was: every data table, and the bundles received."""
    return {**data_dump(ws), **rows.table_dump(ws, ("received_bundles",))}


def envelope(data: bytes) -> Envelope:
    return read_envelope(io.BytesIO(data))


def chunk_starts(data: bytes) -> list[int]:
    env = envelope(data)
    return list(range(env.body_offset, len(data), env.header["chunk_size"] + TAG))


class Rejections:
    """Import one made-up file after another into ``ws``: each must be rejected, with a
    Chinese reason, leave everything but the import log as it was and add one log row."""

    def __init__(self, ws: Workspace, ring: keys.Keyring, folder: Path):
        self.ws, self.ring, self.folder = ws, ring, folder
        folder.mkdir(exist_ok=True)
        self.before = untouched(ws)
        self.logged = log_count(ws)
        self.n = 0

    def check(self, data: bytes, what: str) -> FileOutcome:
        path = self.folder / f"trial-{self.n}.eduplan"
        path.write_bytes(data)
        self.n += 1
        r = import_file(self.ws, path, self.ring)
        assert r.outcome == Outcome.REJECTED, (what, r)
        assert r.reason and CHINESE.search(r.reason), (what, r)
        assert log_count(self.ws) == self.logged + self.n, what
        assert untouched(self.ws) == self.before, what
        path.unlink()
        return r


@pytest.fixture
def trials(county, ring, tmp_path) -> Rejections:
    """One per test; hypothesis's examples share it (and the workspace it checks)."""
    return Rejections(county, ring, tmp_path / "trials")


def merges(ws: Workspace, ring: keys.Keyring, path: Path) -> FileOutcome:
    r = import_file(ws, path, ring)
    assert r.outcome == Outcome.MERGED, r
    assert r.changes.revisions > 0
    return r


# -- 1. a flipped byte ---------------------------------------------------------------------

def flip_positions(data: bytes) -> list[int]:
    """Every byte of the header region and the sealed key; first, middle and last byte of
    every chunk; the last byte of the file."""
    env = envelope(data)
    step = env.header["chunk_size"] + TAG
    out = set(range(env.body_offset))
    for start in chunk_starts(data):
        end = min(start + step, len(data)) - 1
        out |= {start, (start + end) // 2, end}
    out.add(len(data) - 1)
    return sorted(out)


def flipped(data: bytes, pos: int, mask: int = 0xFF) -> bytes:
    bad = bytearray(data)
    bad[pos] ^= mask
    return bytes(bad)


def test_the_drill_bundle_has_many_chunks(world):
    data = world.drill.read_bytes()
    env = envelope(data)
    assert env.header["chunk_size"] == CHUNK
    assert len(chunk_starts(data)) >= 8
    assert env.body_offset > len(MAGIC) + 6 + SEALED_KEY_LEN


def test_a_flipped_byte_anywhere_is_rejected_and_changes_nothing(world, county, ring, tmp_path):
    data = world.drill.read_bytes()
    env = envelope(data)
    assert [p["status"] for p in rows.peers(county, SCHOOL, "child")] == ["confirmed"]
    trials = Rejections(county, ring, tmp_path / "flips")
    for pos in flip_positions(data):
        trials.check(flipped(data, pos), f"byte {pos} flipped")
    # the lowest bit too, in the header region: ASCII stays ASCII, so the header often still
    # reads as JSON (another recipient, chunk size, key...) and must fail further on
    for pos in range(env.body_offset):
        trials.check(flipped(data, pos, 0x01), f"byte {pos} ^ 1")
    assert trials.n > 600
    merges(county, ring, world.drill)  # the untouched bundle: its key is confirmed here


def test_a_flipped_byte_in_a_one_chunk_bundle_too(world, county, ring, tmp_path):
    data = world.a[2].read_bytes()
    env = envelope(data)
    assert len(chunk_starts(data)) == 1
    trials = Rejections(county, ring, tmp_path / "flips")
    body = range(env.body_offset, len(data))
    for pos in {*range(0, env.body_offset, 7), *body[:: max(1, len(body) // 40)],
                len(data) - 1}:
        trials.check(flipped(data, pos), f"byte {pos} flipped")
    merges(county, ring, world.a[2])


@FUZZ
@given(st.data())
def test_a_flipped_byte_chosen_by_hypothesis(world, trials, data):
    raw = world.drill.read_bytes()
    pos = data.draw(st.integers(0, len(raw) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="xor")
    trials.check(flipped(raw, pos, mask), f"byte {pos} ^ {mask}")


# -- 2. cut or extended --------------------------------------------------------------------

def cut_lengths(data: bytes) -> list[int]:
    """At every chunk boundary (and a byte either side, and just after its tag), inside the
    header region, and just short of the end."""
    env = envelope(data)
    out = {0, 1, len(MAGIC) - 1, len(MAGIC), len(MAGIC) + 2, len(MAGIC) + 6,
           env.body_offset - SEALED_KEY_LEN, env.body_offset - 1}
    for s in chunk_starts(data):
        out |= {s - 1, s, s + 1, s + TAG - 1, s + TAG}
    out |= {len(data) - 1, len(data) - TAG, len(data) - TAG - 1}
    return sorted(n for n in out if 0 <= n < len(data))


def test_a_cut_bundle_is_rejected_at_every_chunk_boundary(world, trials):
    data = world.drill.read_bytes()
    reasons = set()
    for n in cut_lengths(data):
        reasons.add(trials.check(data[:n], f"cut to {n} bytes").reason)
    for s in chunk_starts(data)[1:]:  # a whole number of chunks, the last-flag missing
        assert "截断" in trials.check(data[:s], f"cut at chunk boundary {s}").reason


def test_an_extended_bundle_is_rejected(world, trials):
    data = world.drill.read_bytes()
    last = data[chunk_starts(data)[-1]:]
    for extra, what in ((b"\x00", "a zero byte"), (b"\n", "a newline"),
                        (last, "the last chunk again"), (data, "the whole file again"),
                        (bytes(CHUNK + TAG), "a chunk of zeros"),
                        (os.urandom(3 * (CHUNK + TAG)), "three chunks of noise")):
        trials.check(data + extra, f"{what} appended")
    merges(trials.ws, trials.ring, world.drill)


@FUZZ
@given(st.data())
def test_cut_or_extended_at_random(world, trials, data):
    raw = world.drill.read_bytes()
    if data.draw(st.booleans(), label="cut"):
        n = data.draw(st.integers(0, len(raw) - 1), label="length")
        trials.check(raw[:n], f"cut to {n}")
    else:
        extra = data.draw(st.binary(min_size=1, max_size=2 * (CHUNK + TAG)), label="appended")
        trials.check(raw + extra, f"{len(extra)} bytes appended")


# -- 3. not a bundle at all ----------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12)
                    | st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


@FUZZ
@given(st.data())
def test_random_bytes_are_rejected_with_a_reason_never_a_traceback(world, trials, data):
    real = world.drill.read_bytes()
    env = envelope(real)
    starts = {"nothing": b"", "the magic": MAGIC,
              "the magic and version": MAGIC + struct.pack(">H", 1),
              "a header length": MAGIC + struct.pack(">HI", 1, data.draw(
                  st.integers(0, 2 ** 32 - 1), label="header length")),
              "the real header": env.prefix,
              "the real header and sealed key": real[:env.body_offset],
              "the real first chunk": real[:env.body_offset + CHUNK + TAG]}
    start = data.draw(st.sampled_from(sorted(starts)), label="start")
    rest = data.draw(st.binary(max_size=3 * (CHUNK + TAG)), label="then")
    trials.check(starts[start] + rest, f"{start} then {len(rest)} random bytes")


@FUZZ
@given(st.data())
def test_a_header_with_a_field_changed_is_rejected(world, trials, data):
    """A well-formed header (canonical JSON, correct length) with one field replaced by any
    JSON value or removed, followed by the real sealed key and chunks or by noise."""
    real = world.drill.read_bytes()
    env = envelope(real)
    header = json.loads(json.dumps(env.header))
    paths = [(k,) for k in header] + [(k, sub) for k in ("to", "from") for sub in header[k]]
    where = data.draw(st.sampled_from(paths), label="field")
    parent = header if len(where) == 1 else header[where[0]]
    old = parent[where[-1]]
    if data.draw(st.booleans(), label="remove"):
        del parent[where[-1]]
    else:
        new = data.draw(JSON | st.integers(-2, CHUNK * 5000), label="value")
        assume(new != old or type(new) is not type(old))
        parent[where[-1]] = new
    head = container.canonical(header)
    rest = real[env.body_offset - SEALED_KEY_LEN:] if data.draw(st.booleans(), label="real") \
        else data.draw(st.binary(max_size=CHUNK), label="noise")
    trials.check(MAGIC + struct.pack(">HI", 1, len(head)) + head + rest,
                 f"{'.'.join(where)} = {parent.get(where[-1], '(removed)')!r}")


# -- 4. addressed to another office --------------------------------------------------------

def test_a_bundle_for_another_office_is_rejected(world, county, ring, tmp_path):
    trials = Rejections(county, ring, tmp_path / "county-trials")
    r = trials.check(world.wuhua.read_bytes(), "五华区's bundle for 昆明市, in 东川区")
    assert "发给昆明市的" in r.reason and "不是发给本单位（东川区）" in r.reason, r.reason
    prefecture = copy_ws(world.prefecture, tmp_path / "prefecture")
    try:
        pring = keys.unlock(prefecture, PASS)
        trials = Rejections(prefecture, pring, tmp_path / "prefecture-trials")
        for bundle in (world.a[2], world.b[3]):
            r = trials.check(bundle.read_bytes(), f"school bundle {bundle.name} in 昆明市")
            assert "发给东川区的" in r.reason and "不是发给本单位（昆明市）" in r.reason, r.reason
        # the very office it is for does take it (held until 五华区's key is confirmed)
        r = import_file(prefecture, world.wuhua, pring)
        assert r.outcome == Outcome.PENDING and r.sender == WUHUA, r
    finally:
        prefecture.close()


# -- 5. replayed -----------------------------------------------------------------------------

def value_of(ws: Workspace, org: str, fld: str):
    return ws.db.execute("SELECT c.value FROM current_values c JOIN entries e "
                         "ON e.id = c.entry_id WHERE e.org = ? AND c.field = ?",
                         [org, fld]).fetchone()[0]


def test_an_older_bundle_replayed_is_stale_and_the_same_file_again_a_duplicate(world, county,
                                                                                 ring):
    assert value_of(county, SCHOOL, "digital_classrooms") == value_of(county, OTHER,
                                                                      "digital_classrooms")
    merges(county, ring, world.a[3])
    assert str(value_of(county, SCHOOL, "digital_classrooms")) == "7"
    after, logged = data_dump(county), log_count(county)
    r = import_file(county, world.a[2], ring)
    assert (r.outcome, r.sequence, r.sender) == (Outcome.STALE, 2, SCHOOL), r
    assert CHINESE.search(r.reason) and "第 3 号" in r.reason
    assert data_dump(county) == after
    for bundle in (world.a[2], world.a[3]):
        r = import_file(county, bundle, ring)
        assert r.outcome == Outcome.DUPLICATE and r.changes.revisions == 0, r
    assert data_dump(county) == after
    assert log_count(county) == logged + 3
    assert str(value_of(county, SCHOOL, "digital_classrooms")) == "7"
    assert str(value_of(county, SCHOOL, "classrooms")) == "16"


# -- 7. two orders ---------------------------------------------------------------------------

def test_the_same_bundles_in_two_orders_give_the_same_workspace(world, tmp_path):
    a2, a3, b2, b3 = world.a[2], world.a[3], world.b[2], world.b[3]
    again = tmp_path / "again.eduplan"  # the same file under another name
    shutil.copyfile(a2, again)
    orders = {"oldest first": [a2, a3, b2, b3, again],
              "newest first": [b3, a3, again, b2, a2]}
    expect = {"oldest first": ["merged", "merged", "merged", "merged", "duplicate"],
              "newest first": ["merged", "merged", "stale", "stale", "duplicate"]}
    dumps = {}
    for name, files in orders.items():
        ws = copy_ws(world.county, tmp_path / name)
        try:
            ring = keys.unlock(ws, PASS)
            got = [import_file(ws, f, ring).outcome.value for f in files]
            assert got == expect[name], name
            dumps[name] = data_dump(ws)
        finally:
            ws.close()
    assert dumps["oldest first"] == dumps["newest first"]
    assert len(dumps["oldest first"]["submissions"]) == 7  # 3 merged before, 2 + 2 here


# -- 3b. sealed and signed by the confirmed school, the payload damaged ----------------------

def payload_lines(ws: Workspace) -> list[dict]:
    """The lines export_bundle would write for ``ws`` now (the real write_payload)."""
    out = ws.path / "payload-probe.jsonl.gz"
    out.unlink(missing_ok=True)
    write_payload(out, export_mod.own_schools(ws), records_of(ws, YEAR))
    with gzip.open(out) as f:
        lines = [json.loads(line) for line in f]
    out.unlink()
    return lines


@pytest.fixture
def school(world, tmp_path):
    ws = copy_ws(world.school, tmp_path / "school")
    yield ws
    ws.close()


@settings(FUZZ, max_examples=80)
@given(st.data())
def test_a_signed_bundle_with_a_damaged_payload_never_raises(world, county, ring, school,
                                                             tmp_path, data):
    """What the signature cannot vouch for: the school's own software (or someone with its
    key) sends lines with wrong types, missing or extra keys, or no gzip at all. Whatever the
    outcome, import_file returns one with a reason, and a rejection changes nothing."""
    lines = payload_lines(school)
    how = data.draw(st.sampled_from(["field", "remove", "extra", "line", "raw", "gzip"]),
                    label="damage")
    raw = None
    if how == "raw":
        raw = data.draw(st.binary(max_size=600), label="payload bytes")
    elif how == "gzip":
        raw = gzip.compress(data.draw(st.binary(max_size=600), label="payload text"), mtime=0)
    else:
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        line = lines[i]
        key = data.draw(st.sampled_from(sorted(line)), label="key")
        if how == "field":
            line[key] = data.draw(JSON, label="value")
        elif how == "remove":
            del line[key]
        elif how == "extra":
            line[data.draw(st.text(min_size=1, max_size=6), label="new key")] = 1
        else:
            lines[i] = data.draw(JSON, label="line")
    if raw is None:
        raw = gzip.compress(b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n"
                                     for x in lines), mtime=0)

    def fake_payload(out: Path, schools, records) -> int:
        out.write_bytes(raw)
        return len(lines)

    out = tmp_path / f"signed-{time.monotonic_ns()}.eduplan"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export_mod, "write_payload", fake_payload)
        export_bundle(school, PASS, YEAR, out=out)
    before, logged = untouched(county), log_count(county)
    r = import_file(county, out, ring)
    assert log_count(county) == logged + 1
    if r.outcome != Outcome.MERGED:
        assert r.reason and CHINESE.search(r.reason), r
    if r.outcome == Outcome.REJECTED:
        assert untouched(county) == before, r
    out.unlink()


# -- 6. SIGKILL in the middle of `eduplan import` --------------------------------------------

KILL_TRIALS = 24


def _cli_env() -> dict[str, str]:
    return {**os.environ, "EDUPLAN_PASSPHRASE": PASS, keys.TEST_KDF_ENV: "1"}


def _import_cmd(folder: Path, ws: Path) -> list[str]:
    return [EDUPLAN, "import", str(folder), "--workspace", str(ws), "--json"]


def _holder_note(ws: Path) -> bool:
    return any((ws / "locks").glob("holder-*.json"))


def _start(folder: Path, ws: Path) -> tuple[subprocess.Popen, float]:
    """Start `eduplan import`; returns it and the time it opened the workspace (its holder
    note appears: Python, the imports and the integrity check are behind it)."""
    proc = subprocess.Popen(_import_cmd(folder, ws), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_cli_env(), cwd=project_root())
    while not _holder_note(ws) and proc.poll() is None:
        time.sleep(0.0005)
    return proc, time.monotonic()


def _complete(folder: Path, ws: Path) -> list[str]:
    result = subprocess.run(_import_cmd(folder, ws), capture_output=True, text=True,
                            env=_cli_env(), cwd=project_root(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [f["outcome"] for f in json.loads(result.stdout)["files"]]


def _after(ws_path: Path) -> dict:
    """What the import left, read through a normal open (which checks integrity)."""
    ws = open_ws(ws_path)
    try:
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        accepted = ws_path / "inbox" / "accepted"
        return {"data": data_dump(ws), "logged": log_count(ws),
                "received": rows.table_dump(ws, ("received_bundles",), skip=("received_at",)),
                "accepted": sorted(p.name for p in accepted.glob("*.eduplan"))
                if accepted.is_dir() else []}
    finally:
        ws.close()


def _accepted(ws: Path) -> int:
    box = ws / "inbox" / "accepted"
    return len(list(box.glob("*.eduplan"))) if box.is_dir() else 0


def _clean_run(folder: Path, template: Path, ws: Path) -> tuple[dict, float, float, float]:
    """Import ``folder`` into a copy of ``template`` to the end; what it left, and the time
    of the run, and of the first and last bundle kept after the workspace opened."""
    shutil.copytree(template, ws)
    kept = _accepted(ws)  # the bundles no. 1
    start = time.monotonic()
    proc, opened = _start(folder, ws)
    first = last = None
    while proc.poll() is None:
        if (n := _accepted(ws)) != kept:
            kept, last = n, time.monotonic()
            first = first or last
        time.sleep(0.0005)
    out, err = proc.communicate(timeout=120)
    finished = time.monotonic()
    assert proc.returncode == 0, err
    assert [f["outcome"] for f in json.loads(out)["files"]] == [
        "merged", "merged", "merged", "stale", "merged", "merged", "duplicate"]
    assert first is not None and last is not None
    got = _after(ws)
    shutil.rmtree(ws)
    return got, finished - start, first - opened, last - opened


@pytest.mark.slow
def test_sigkill_during_import_then_importing_again_gives_the_clean_result(world, tmp_path):
    folder = tmp_path / "bundles"
    folder.mkdir()
    c = world.bundles[THIRD]
    names = [(world.a[2], "1"), (world.a[3], "2"), (world.b[3], "3"), (world.b[2], "4"),
             (c[2], "5"), (c[3], "6"), (world.a[2], "7-again")]
    for src, name in names:
        shutil.copyfile(src, folder / f"{name}.eduplan")
    assert not holders(world.county)  # nobody has the template open: copies are whole
    with open_ws(world.county) as ws:
        logged_before = log_count(ws)

    # the clean run, three times (the median of each time kept): measured from the start,
    # from the workspace opened, from the first bundle kept to the last (files appear in
    # inbox/accepted as the import goes); all three end the same
    runs = [_clean_run(folder, world.county, tmp_path / f"clean-{i}") for i in range(3)]
    expect = runs[0][0]
    assert all(r[0] == expect for r in runs)
    assert expect["logged"] == logged_before + len(names)
    whole, first, last = (statistics.median(r[i] for r in runs) for i in (1, 2, 3))
    begin, end = 0.8 * first, 1.15 * last

    rng = random.Random(20241130)
    killed_at: list[int] = []  # files logged when killed: 0 before the first one
    for trial in range(KILL_TRIALS):
        ws = tmp_path / f"trial-{trial}"
        shutil.copytree(world.county, ws)
        # three trials in four from the moment the workspace is open, spread over the
        # import (a little before and after it); the fourth over the whole run from its
        # start (Python starting, the integrity check, the lock, the daily backup)
        where = (trial + rng.random()) / KILL_TRIALS
        if trial % 4 != 3:
            proc, t0 = _start(folder, ws)
            delay = begin + (end - begin) * where
        else:
            t0, delay = time.monotonic(), whole * where
            proc = subprocess.Popen(_import_cmd(folder, ws), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=_cli_env(), cwd=project_root())
        time.sleep(max(0.0, t0 + delay - time.monotonic()))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode in (-signal.SIGKILL, 0), proc.returncode
        killed_at.append(_after(ws)["logged"] - logged_before)  # it opens: integrity ok
        _complete(folder, ws)
        got = _after(ws)
        assert got["data"] == expect["data"], f"trial {trial}, killed after {delay:.3f} s"
        assert got["received"] == expect["received"], trial
        assert got["accepted"] == expect["accepted"], trial
        shutil.rmtree(ws)
    print(f"\nclean run {whole:.2f} s, bundles kept {first:.2f} to {last:.2f} s after the "
          f"workspace opened; files logged when killed: {killed_at}")
    assert any(0 < n < len(names) for n in killed_at), killed_at


# -- the command line: one bad file does not stop the rest -----------------------------------

def test_eduplan_import_says_why_and_goes_on(world, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    folder = tmp_path / "bundles"
    folder.mkdir()
    data = world.drill.read_bytes()
    (folder / "1-damaged.eduplan").write_bytes(flipped(data, len(data) // 2))
    (folder / "2-cut.eduplan").write_bytes(data[:chunk_starts(data)[3]])
    (folder / "3-noise.eduplan").write_bytes(os.urandom(500))
    shutil.copyfile(world.drill, folder / "4-good.eduplan")
    ws = tmp_path / "county"
    shutil.copytree(world.county, ws)
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    result = CliRunner().invoke(cli, ["import", str(folder), "--workspace", str(ws), "--json"])
    assert result.exit_code == 1, result.output  # some were rejected
    assert result.exception is None or isinstance(result.exception, SystemExit)
    files = json.loads(result.stdout)["files"]
    assert [f["outcome"] for f in files] == ["rejected"] * 3 + ["merged"]
    assert all(CHINESE.search(f["reason"]) for f in files[:3])
    quarantine = ws / "inbox" / "quarantine"
    assert len(list(quarantine.glob("*.eduplan"))) == 3
    assert len(list(quarantine.glob("*.txt"))) == 3
