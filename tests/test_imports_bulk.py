"""The set-based store path of an import (store/imports.py ``_import``) against the one that
stores a record at a time (``_import_rowwise``, the path every import took before): on
randomized records — snapshots of several entries with forked and clock-jumping revision
chains, submissions, entries of unknown orgs, of orgs not below, of a paper school the county
holds, a received entry with local revisions, loops of links, uids reused with other
content — both leave identical databases (every row with its local id) and return the same
result. Also: the one-pass scan never calls sound what the full check refuses, the
revisions' order is the one the original algorithm gives, records are read out as they
were, and the heads of every field in one pass are those head_revision gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import json
import random
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eduplan_core.store import entries, imports
from eduplan_core.store.imports import (EntryRecord, Records, RecordsInvalid, RevisionRecord,
                                        SubmissionRecord, check_records, import_records)
from eduplan_core.store.orgs import SchoolInput, check_school, register_schools
from eduplan_core.store.workspace import Workspace

COUNTY, PAPER, SELF, OTHER = "530113", "2153119001", "2153119002", "2153119004"
UNKNOWN, NOT_BELOW = "2153119888", "530102"
NOW = "2025-12-01T10:00:00+08:00"
FIELDS = ("pri_students", "classrooms", "fulltime_teachers", "teachers_bachelor",
          "safe_campus")
OFFSETS = ("+08:00", "+00:00", "-05:00", "+05:45")


def _template(folder: Path) -> Path:
    """A county with a paper school (values the county holds), two schools reporting for
    themselves, and one of them received the old way (local revisions, no origin)."""
    path = folder / "template"
    ws = Workspace.create(path, org=COUNTY, role="county", operator="张三")
    schools = []
    for s in (SchoolInput(PAPER, "测试村小", COUNTY, "小学", paper=True),
              SchoolInput(SELF, "测试中心小学", COUNTY, "小学"),
              SchoolInput(OTHER, "测试二小", COUNTY, "小学")):
        org, errors = check_school(ws.orgs, s)
        assert not errors
        schools.append(org)
    register_schools(ws, schools)
    with mock.patch.object(entries, "now_iso", lambda: "2024-09-01T08:00:00+08:00"):
        entries.set_values(ws, PAPER, 2024, "primary", {"pri_students": "50"})
        entries.set_values(ws, SELF, 2024, "primary", {"pri_students": "380", "classrooms": "9"},
                           received_from=SELF, operator="李校长")
        entries.set_values(ws, SELF, 2024, "primary", {"pri_students": "390"},
                           received_from=SELF, operator="李校长")
    ws.close()
    return path


def _uid(rng: random.Random, short: bool = False) -> str:
    return f"u{rng.randrange(100):02d}" if short else f"{rng.getrandbits(64):016x}"


def _value(rng: random.Random):
    return rng.choice([None, rng.randrange(1000), round(rng.uniform(0, 1e4), 1), 0.5, "是",
                       "文字 text", 7, 7.0])


def _history(rng: random.Random, here_entry_uid: str) -> list[tuple[str, object]]:
    """Every record of several entries in the order their origins made them: (kind, record)."""
    out: list[tuple[str, object]] = []
    units = [(SELF, SELF), (OTHER, OTHER), (PAPER, PAPER), (PAPER, COUNTY), (UNKNOWN, UNKNOWN),
             (NOT_BELOW, NOT_BELOW)]
    for org, owner in rng.sample(units, rng.randint(1, len(units))):
        for year in rng.sample([2023, 2024], rng.randint(1, 2)):
            reuse = org == SELF and year == 2024 and rng.random() < 0.5
            form = "county" if org in (COUNTY, NOT_BELOW) else "primary"
            origins = [_uid(rng), _uid(rng)]
            t = dt.datetime(year, 3, 1, 8, tzinfo=dt.UTC)
            euid = here_entry_uid if reuse else _uid(rng)
            stamp = (t + dt.timedelta(days=rng.randrange(300))).isoformat()
            entry = EntryRecord(euid, org, year, form, "2023.2", "h" + _uid(rng)[:6], owner,
                                t.isoformat(), stamp)
            out.append(("entry", entry))
            last: dict[str, list[RevisionRecord]] = {}
            for _ in range(rng.randint(1, 9)):
                fld = rng.choice(FIELDS)
                # a clock that jumps back now and then; seconds often shared
                t += dt.timedelta(seconds=rng.choice([0, 1, 30, 3600, -86400 * 400]))
                offset = rng.choice(OFFSETS)
                at = t.astimezone(dt.timezone(dt.timedelta(
                    hours=int(offset[:3]), minutes=int(offset[0] + offset[4:])))).isoformat()
                chain = last.get(fld, [])
                # a fork: a second origin edits an older revision of the field
                prev = rng.choice(chain) if chain and rng.random() < 0.2 else (
                    chain[-1] if chain else None)
                r = RevisionRecord(_uid(rng, short=rng.random() < 0.3), euid, fld,
                                   prev.new_value if prev else None, _value(rng),
                                   rng.choice([None, None, "说明"]), "李校长", at,
                                   rng.choice(["entry", "entry", "carry_over"]),
                                   rng.choice(origins), prev.uid if prev else None)
                last.setdefault(fld, []).append(r)
                out.append(("revision", r))
                if rng.random() < 0.25:
                    revs = [x for _, x in out if isinstance(x, RevisionRecord)
                            and x.entry_uid == euid]
                    current = _heads(revs) if rng.random() < 0.8 else {"pri_students": 1}
                    out.append(("submission", SubmissionRecord(
                        _uid(rng), euid, revs[-1].uid, "2023.2", entry.form_hash,
                        json.dumps(current, ensure_ascii=False, sort_keys=True), "李校长", at,
                        origins[0])))
            looped = [chain for chain in last.values() if len(chain) > 1]
            if looped and rng.random() < 0.15:  # a loop of links (only a forged set has one)
                chain = rng.choice(looped)
                i = out.index(("revision", chain[0]))
                out[i] = ("revision", dataclasses.replace(chain[0], prev_uid=chain[-1].uid))
    return out


def _heads(revs: list[RevisionRecord]) -> dict:
    by: dict[str, list[dict]] = {}
    for r in revs:
        by.setdefault(r.field, []).append(dict(vars(r)))
    return {f: imports.head_revision(rows)["new_value"] for f, rows in by.items()}


def _snapshot(rng: random.Random, history: list[tuple[str, object]]) -> Records:
    """What one bundle carries: a prefix of the history (now and then a record left out, a
    record given twice, or one with other content under a uid already sent)."""
    cut = history[:rng.randint(1, len(history))]
    picked = []
    for kind, rec in cut:
        roll = rng.random()
        if roll < 0.04 and kind != "entry":
            continue  # a missing link: the records do not hold together
        if roll < 0.07 and kind == "revision":
            rec = dataclasses.replace(rec, new_value="另一个值")
        picked.append((kind, rec))
        if roll > 0.97:
            picked.append((kind, rec))
    rng.shuffle(picked)
    return Records(*(tuple(r for k, r in picked if k == kind)
                     for kind in ("entry", "revision", "submission")))


def _dump(ws: Workspace) -> dict[str, list]:
    out = {}
    for table in ("entries", "revisions", "current_values", "submissions"):
        out[table] = [tuple((type(v).__name__, v) for v in row)
                      for row in ws.db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")]
    return out


def _reference(ws: Workspace, rec: Records):
    """The store path as it was: the full check, then one record at a time."""
    with ws.write():
        problems = imports._problems(ws, rec)
        if problems:
            raise RecordsInvalid(problems)
        return imports._import_rowwise(ws, rec, imports.now_iso())


def _outcome(fn, ws: Workspace, rec: Records):
    try:
        return fn(ws, rec)
    except RecordsInvalid as exc:
        return ("invalid", exc.problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_the_set_based_path_stores_what_the_rowwise_path_stores(seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, \
            mock.patch.object(imports, "now_iso", lambda: NOW):
        template = _template(Path(tmp))
        shutil.copytree(template, Path(tmp) / "a")
        shutil.copytree(template, Path(tmp) / "b")
        fast = Workspace.open(Path(tmp) / "a", daily_backup=False)
        slow = Workspace.open(Path(tmp) / "b", daily_backup=False)
        try:
            received = fast.db.execute("SELECT uid FROM entries WHERE org = ?",
                                       [SELF]).fetchone()[0]
            history = _history(rng, received)
            for _ in range(rng.randint(1, 4)):
                rec = _snapshot(rng, history)
                sound, _ = imports._scan(fast, rec)
                assert check_records(fast, rec) == imports._problems(fast, rec)
                if sound:
                    assert imports._problems(fast, rec) == []
                assert _outcome(import_records, fast, rec) == _outcome(_reference, slow, rec)
                assert _dump(fast) == _dump(slow)
                assert imports.records_of(fast) == _original_records_of(fast)
        finally:
            fast.close()
            slow.close()


def _original_records_of(ws: Workspace) -> Records:
    """imports.records_of (every year and org) before it read 200 entries a query."""
    here = imports.workspace_id(ws)
    out_e, out_r, out_s = [], [], []
    for e in ws.db["entries"].rows_where("1 = 1", [], order_by="id"):
        out_e.append(EntryRecord(e["uid"], e["org"], e["year"], e["form"], e["form_version"],
                                 e["form_hash"], e["owner"], e["created_at"], e["updated_at"]))
        revs = [dict(r) for r in ws.db["revisions"].rows_where("entry_id = ?", [e["id"]],
                                                               order_by="id")]
        uid_of = {r["id"]: r["uid"] for r in revs}
        by_field: dict = {}
        for r in revs:
            by_field.setdefault(r["field"], []).append(r)
        prev: dict = {}
        for rows in by_field.values():
            prev.update(imports._chain(rows))
        out_r += [RevisionRecord(r["uid"], e["uid"], r["field"], r["old_value"],
                                 r["new_value"], r["explanation"], r["operator"], r["at"],
                                 r["source"], r["origin_workspace"] or here, prev[r["uid"]])
                  for r in revs]
        out_s += [SubmissionRecord(s["uid"], e["uid"], uid_of.get(s["revision_id"]),
                                   s["form_version"], s["form_hash"], s["values_json"],
                                   s["operator"], s["at"], s["origin_workspace"] or here)
                  for s in ws.db["submissions"].rows_where("entry_id = ?", [e["id"]],
                                                           order_by="id")]
    return Records(tuple(out_e), tuple(out_r), tuple(out_s))


def _original_chain_order(revisions):
    """imports._chain_order before its one-sort shortcut, word for word."""
    unique = {r.uid: r for r in revisions}
    waiting: dict = {}
    ready: list = []
    for r in unique.values():
        if r.prev_uid in unique and r.prev_uid != r.uid:
            waiting.setdefault(r.prev_uid, []).append(r)
        else:
            heapq.heappush(ready, (imports._utc(r.at), r.uid))
    out = []
    while ready:
        _, uid = heapq.heappop(ready)
        out.append(unique[uid])
        for nxt in waiting.pop(uid, []):
            heapq.heappush(ready, (imports._utc(nxt.at), nxt.uid))
    rest = sorted((r for rs in waiting.values() for r in rs),
                  key=lambda r: (imports._utc(r.at), r.uid))
    return out + [r for r in rest if r not in out]


@settings(max_examples=300, deadline=None)
@given(links=st.lists(st.tuples(st.integers(0, 12), st.integers(-1, 12), st.integers(0, 5),
                                st.sampled_from(OFFSETS)), max_size=14))
def test_the_order_of_revisions_is_the_original_one(links):
    """Chains, forks, clocks going back, equal times with other offsets, loops."""
    revs = []
    for uid, prev, minute, offset in links:
        at = f"2024-05-01T09:0{minute}:00{offset}"
        revs.append(RevisionRecord(f"r{uid:02d}", "e", "f", None, 1, None, "x", at, "entry",
                                   "w", f"r{prev:02d}" if prev >= 0 else None))
    assert imports._chain_order(revs) == _original_chain_order(revs)


@settings(max_examples=300, deadline=None)
@given(links=st.lists(st.tuples(st.integers(0, 12), st.integers(-1, 12), st.integers(0, 5),
                                st.sampled_from(OFFSETS)), max_size=14))
def test_the_heads_in_one_pass_are_those_of_each_field(links):
    """Forks (the later wins), loops (every revision a candidate), several fields."""
    revs = {}
    for uid, prev, minute, offset in links:
        at = f"2024-05-01T09:0{minute}:00{offset}"
        fld = "ab"[uid % 2]
        revs.setdefault(f"r{uid:02d}", RevisionRecord(
            f"r{uid:02d}", "e", fld, None, uid, None, "x", at, "entry", "w",
            f"r{prev:02d}" if prev >= 0 and prev % 2 == uid % 2 else None))
    by_field: dict = {}
    for r in revs.values():
        by_field.setdefault(r.field, []).append(dict(vars(r)))
    expected = {("e", f): imports.head_revision(rows)["uid"] for f, rows in by_field.items()}
    assert {k: h.uid for k, h in imports.heads_of(revs.values()).items()} == expected
