"""Exchange bench (issue 11 §5): a synthetic province sends its year up the chain.

The province is the real one of ``forms/orgs/yunnan.toml`` (云南省, 16 prefectures, 129
counties), each bureau a real workspace made from its parent's real setup file, with real keys
(the cheap Argon2id setting of the tests, ``EDUPLAN_INSECURE_TEST_KDF=1``: Argon2id costs the
same once per unlock whatever the bundle, so it says nothing about the exchange's speed). Under
each county ~194 synthetic schools (25,000 at ``--scale 1``; 10-digit codes, the types in the
proportions of a real province), each with one 2025 entry of its own form: every value the
demo's generator makes for such a school (values that pass the form's error rules) with an edit
history of ~150 revisions in all (each field entered, corrected a few times, the last value the
valid one) and one submission freezing the final values.

**The school bundles.** 25,000 school workspaces would take longer to make than the whole
chain takes to run, so the bench makes one synthetic store per county instead: a workspace of
the county holding its schools' records as if received (stored by ``store/imports.py``, each
school with its own origin workspace id). Each school's bundle is then written with the real
export code — ``records_of(store, year, orgs=[school])`` read back from that store, sealed by
``export.seal_snapshot`` (the payload writer and the sealing that ``export_bundle`` uses) from
the school as sender: its own Ed25519/X25519 keys (made here, one pair per school), its own
workspace id, a head of its audit chain signed with its key, sequence 1, sealed to its
county's real key. So every school bundle is a real signed, encrypted bundle, opened, checked
and merged by the real ``import_files`` exactly as a school's would be. Each school's key is
recorded in its county as confirmed (what ``eduplan enrol confirm`` does after the phone
check), and likewise each county's key in its prefecture and each prefecture's in the
province, so that no bundle is held for a phone check during the run.

**The chain**, level by level, each level in fresh processes (the real path: a process that
opens the workspace, unlocks its keys, imports the bundles from a folder one file at a time —
``import_files``, each file its own transaction — and exports its snapshot with
``export_bundle``; no timing is added up from parts):

1. county: each of the 129 counties imports its schools' bundles and exports to its prefecture;
2. prefecture: each of the 16 prefectures imports its counties' bundles and exports;
3. province: 云南省 imports its 16 prefecture bundles.

Counties and prefectures are independent offices (each on its own computer in reality), so the
first two levels run in two worker processes at once — the 2 cores of this machine; the
province is one workspace and one process. Each level prints its wall time, the CPU time of its
processes and the largest peak RSS of one process (``ru_maxrss``); the chain's wall time is
measured from the first level's start to the last level's end.

**The baseline** (what bureaus do today): one workbook per school with ~150 values, read with
openpyxl into a DataFrame each and joined with ``pandas.concat``. A sample of workbooks is
written (not timed), reading them is timed, and the time is extrapolated to the province's
number of schools; it is printed beside the province's import, with the ratio.

    .venv/bin/python bench/exchange.py [--scale 1] [--workdir DIR] [--steps build,chain,baseline]
        [--workers 2] [--sample 250] [--profile]

``--scale 0.05`` makes 1,250 schools (every county keeps its place). A full run builds ~7 GB
in the work folder and takes several minutes; ``--workdir`` keeps it (``--steps chain`` then
runs the chain again on a fresh copy of what ``build`` made). ``--profile`` writes a cProfile
of each worker to the work folder and prints its top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ["EDUPLAN_INSECURE_TEST_KDF"] = "1"  # see the module's text
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: E402

from eduplan_core.catalog.load import get_catalog  # noqa: E402
from eduplan_core.catalog.model import Org  # noqa: E402
from eduplan_core.exchange import keys  # noqa: E402
from eduplan_core.exchange.audit_heads import _CONTEXT as HEAD_CONTEXT  # noqa: E402
from eduplan_core.exchange.container import canonical  # noqa: E402
from eduplan_core.exchange.export import export_bundle, seal_snapshot  # noqa: E402
from eduplan_core.exchange.inbox import bundle_files, import_files  # noqa: E402
from eduplan_core.exchange.setup import export_setup, import_setup  # noqa: E402
from eduplan_core.orgtree import OrgTree  # noqa: E402
from eduplan_core.store import exchange_rows as rows  # noqa: E402
from eduplan_core.store.imports import (EntryRecord, Records, RevisionRecord,  # noqa: E402
                                        SubmissionRecord, import_records, records_of)
from eduplan_core.store.orgs import SchoolInput, check_school, register_schools  # noqa: E402
from eduplan_core.store.workspace import Workspace  # noqa: E402
from eduplan_core.validation import validate  # noqa: E402

PASS = "基准测试口令 bench passphrase"
YEAR = 2025
PROVINCE = "530000"
SCHOOLS = 25_000
REVISIONS = 150  # per school
SEED = 20251201
TYPE_WEIGHTS = {"幼儿园": 30, "小学": 40, "初中": 10, "九年一贯制": 8, "完全中学": 3,
                "普通高中": 4, "中职": 3, "特殊教育学校": 2}
TZ = dt.timezone(dt.timedelta(hours=8))


# -- the synthetic province ----------------------------------------------------------------

def province_tree() -> tuple[list[Org], dict[str, list[Org]]]:
    """The prefectures and, per prefecture, its counties (as in forms/orgs/yunnan.toml)."""
    tree = OrgTree(get_catalog())
    prefectures = tree.children(PROVINCE)
    return prefectures, {p.code: [c for c in tree.children(p.code) if c.level == "county"]
                         for p in prefectures}


def school_inputs(county: str, n: int, rng: random.Random) -> list[SchoolInput]:
    kinds = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n)
    return [SchoolInput(f"3{county[2:]}{i + 1:05d}", f"合成学校{county}-{i + 1}", county, kind,
                        ownership=rng.choice(["公办"] * 8 + ["普惠性民办", "非普惠性民办"]),
                        urban_rural=rng.choice(["城区", "镇区", "乡村"]),
                        contact=f"填报员{i + 1}", phone="0871-0000000")
            for i, kind in enumerate(kinds)]


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _draft(value, field, rng: random.Random):
    """An earlier value of a field (before the school corrected it)."""
    if isinstance(value, str):
        return rng.choice(field.choices) if field.choices else value + "（草稿）"
    if field.type == "yesno":
        return 1 - int(value)
    if isinstance(value, int):
        return max(0, round(value * rng.uniform(0.8, 1.2)) + rng.choice([-1, 1]))
    return round(value * rng.uniform(0.8, 1.2), 1)


def school_records(school: Org, catalog, rng: random.Random) -> Records:
    """One 2025 entry of the school's form: its values with ~150 revisions, one submission."""
    from eduplan_core import demo  # the demo's generator (imports pandas: not in the levels)

    form = next(f for f in catalog.forms_for_org_type(school.type) if not f.generated)
    values, _ = demo._school_values(rng, YEAR, school, school.type, demo._profile(rng, school))
    values = {k: v for k, v in sorted(values.items())
              if form.field(k) is not None and not form.field(k).is_calculated}
    errors = [i for i in validate(form, values) if i.is_error]
    assert not errors, (school.code, errors)
    origin = _uid(rng)
    entry_uid = _uid(rng)
    fields = list(values)
    counts = {f: REVISIONS // len(fields) + (i < REVISIONS % len(fields))
              for i, f in enumerate(fields)}
    chains = {f: [_draft(values[f], form.field(f), rng) for _ in range(counts[f] - 1)]
              + [values[f]] for f in fields}
    at = dt.datetime(YEAR, 3, 1, 8, 0, tzinfo=TZ) + dt.timedelta(
        minutes=rng.randrange(90 * 24 * 60))
    revs: list[RevisionRecord] = []
    last: dict[str, RevisionRecord] = {}
    for step in range(max(counts.values())):
        for f in fields:
            if step >= counts[f]:
                continue
            at += dt.timedelta(seconds=rng.randrange(5, 120))
            prev = last.get(f)
            r = RevisionRecord(_uid(rng), entry_uid, f, prev.new_value if prev else None,
                               chains[f][step], None, school.contact or "", at.isoformat(),
                               "entry", origin, prev.uid if prev else None)
            revs.append(r)
            last[f] = r
    submitted = (at + dt.timedelta(minutes=5)).isoformat()
    sub = SubmissionRecord(_uid(rng), entry_uid, revs[-1].uid, form.version, form.hash,
                           json.dumps(values, ensure_ascii=False, sort_keys=True),
                           school.contact or "", submitted, origin)
    entry = EntryRecord(entry_uid, school.code, YEAR, form.code, form.version, form.hash,
                        school.code, revs[0].at, submitted)
    return Records((entry,), tuple(revs), (sub,))


def _confirmed_peer(org: str, workspace_id: str, enc: bytes, sig: bytes) -> dict:
    """The row ``eduplan enrol confirm`` leaves after the phone check."""
    now = dt.datetime.now(TZ).isoformat(timespec="seconds")
    return {"org": org, "relation": "child", "workspace_id": workspace_id,
            "encryption_key": enc, "signing_key": sig, "fingerprint": keys.fingerprint(enc, sig),
            "status": "confirmed", "source": "bundle", "added_at": now, "confirmed_at": now,
            "confirmed_by": "基准测试（已电话核对）"}


def _enrol(parent: Workspace, child: Workspace) -> None:
    info = keys.key_info(child)
    with parent.write():
        rows.insert_peer(parent, _confirmed_peer(child.org_code, info.workspace_id,
                                                 info.current.encryption, info.current.signing))


def _open(path: Path) -> Workspace:
    return Workspace.open(path, daily_backup=False)


def build_bureaus(root: Path) -> None:
    """云南省, its prefectures and counties, each from its parent's setup file."""
    prefectures, counties = province_tree()
    wsdir, setups = root / "ws", root / "setup"
    setups.mkdir(parents=True)
    province = Workspace.create(wsdir / PROVINCE, org=PROVINCE, role="province",
                                operator="省厅操作员")
    keys.init_keys(province, PASS)

    def child(parent: Workspace, unit: Org) -> Workspace:
        out = setups / f"{unit.code}.eduplan-setup"
        export_setup(parent, PASS, [unit.code], out)
        import_setup(out, wsdir / unit.code, unit.code, f"{unit.name}操作员", PASS)
        ws = _open(wsdir / unit.code)
        _enrol(parent, ws)
        return ws

    for p in prefectures:
        pws = child(province, p)
        for c in counties[p.code]:
            child(pws, c).close()
        pws.close()
    province.close()


def make_school_bundles(root: Path, county: str, n: int) -> int:
    """Register the county's schools, fill its synthetic store, write one bundle per school
    (see the module's text); returns the revisions written."""
    catalog = get_catalog()
    rng = random.Random(f"{SEED}-{county}")
    ws = _open(root / "ws" / county)
    schools = []
    for s in school_inputs(county, n, rng):
        org, errors = check_school(ws.orgs, s)
        assert org is not None and not errors, errors
        schools.append(org)
    register_schools(ws, schools)
    schools = [ws.orgs.get(s.code) for s in schools]
    store = Workspace.create(root / "stores" / county, org=county, role="county",
                             operator="样本库")
    register_schools(store, schools)
    recipient = {"org": county, "name": ws.org.name,
                 "encryption_key": keys.key_info(ws).current.encryption}
    pairs, peers, n_revisions = {}, [], 0
    for start in range(0, len(schools), 50):  # the store filled 50 schools at a time
        batch = [school_records(s, catalog, rng) for s in schools[start:start + 50]]
        n_revisions += sum(len(r.revisions) for r in batch)
        import_records(store, Records(tuple(e for r in batch for e in r.entries),
                                      tuple(v for r in batch for v in r.revisions),
                                      tuple(s for r in batch for s in r.submissions)))
    out_dir = root / "bundles" / "county" / county
    out_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        for school in schools:
            assert school is not None
            pair = keys.KeyPair(1, X25519PrivateKey.generate(), Ed25519PrivateKey.generate())
            pairs[school.code] = pair
            records = records_of(store, YEAR, orgs=[school.code])
            origin = records.revisions[0].origin_workspace
            enc, sig = pair.public
            peers.append(_confirmed_peer(school.code, origin, enc, sig))
            now = dt.datetime.now(TZ).isoformat(timespec="seconds")
            head = canonical({"type": "eduplan-audit-head", "version": 1, "org": school.code,
                              "workspace": origin, "audit_id": len(records.revisions) + 3,
                              "hash": hashlib.sha256(origin.encode()).hexdigest(), "at": now})
            seal_snapshot(out_dir / f"{school.code}.eduplan",
                          {"org": school.code, "name": school.name, "level": "school",
                           "workspace": origin}, pair, recipient, YEAR, 1, [school], records,
                          rotations=[], work_dir=Path(tmp),
                          audit_head={"statement": head.decode(), "signature": keys._b64(
                              pair.signing.sign(HEAD_CONTEXT + head))})
    with ws.write():
        for p in peers:
            rows.insert_peer(ws, p)
    store.close()
    ws.close()
    return n_revisions


# -- the levels (in worker processes) -------------------------------------------------------

def run_unit(root: Path, level: str, unit: str, parent: str | None) -> dict:
    """One office: open, unlock, import its folder's bundles one file at a time, export."""
    t0 = time.perf_counter()
    ws = _open(root / "ws" / unit)
    ring = keys.unlock(ws, PASS)
    t1 = time.perf_counter()
    report = import_files(ws, bundle_files([root / "bundles" / level / unit]), ring)
    t2 = time.perf_counter()
    # (a county with no school — only at a small --scale — sends nothing new: duplicate)
    bad = [f for f in report.files if f.outcome not in ("merged", "duplicate")]
    if bad:
        raise SystemExit(f"{unit}: {len(bad)} bundles not merged, e.g. {bad[0]}")
    exported = None
    if parent is not None:
        up = {"county": "prefecture", "prefecture": "province"}[level]
        out = root / "bundles" / up / parent / f"{unit}.eduplan"
        out.parent.mkdir(parents=True, exist_ok=True)
        exported = export_bundle(ws, PASS, YEAR, out=out)
    t3 = time.perf_counter()
    ws.close()
    return {"unit": unit, "bundles": len(report.files), "open": t1 - t0, "import": t2 - t1,
            "export": t3 - t2, "revisions": exported.revisions if exported else None,
            "size": exported.size if exported else None}


def worker(args: argparse.Namespace) -> None:
    root = Path(args.workdir)
    jobs = json.loads(args.jobs)
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    if args.worker == "make":
        done = [{"unit": c, "revisions": make_school_bundles(root, c, n)} for c, n in jobs]
    elif args.worker == "baseline":
        done = [baseline(root, *job) for job in jobs]
    else:
        done = [run_unit(root, args.worker, unit, parent) for unit, parent in jobs]
    if profile:
        profile.disable()
        path = root / f"profile-{args.worker}-{os.getpid()}.prof"
        profile.dump_stats(path)
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(25)
        print(text.getvalue(), file=sys.stderr)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"done": done, "cpu": usage.ru_utime + usage.ru_stime,
                      "rss_mb": usage.ru_maxrss / 1024}))


def run_workers(args: argparse.Namespace, kind: str, jobs: list[tuple[list, int]],
                workers: int) -> tuple[float, list[dict]]:
    """The jobs (each with its weight) split over ``workers`` fresh processes, heaviest first
    to the least loaded; returns the wall time and each process's report."""
    shares: list[list] = [[] for _ in range(min(workers, len(jobs)))]
    loads = [0] * len(shares)
    for job, weight in sorted(jobs, key=lambda j: -j[1]):
        i = loads.index(min(loads))
        shares[i].append(job)
        loads[i] += weight
    cmd = [sys.executable, __file__, "--worker", kind, "--workdir", args.workdir]
    if args.profile:
        cmd.append("--profile")
    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd + ["--jobs", json.dumps(s)], stdout=subprocess.PIPE)
             for s in shares]
    outs = [p.communicate()[0] for p in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        if p.returncode:
            raise SystemExit(f"{kind} worker failed ({p.returncode})")
    return wall, [json.loads(o.decode().strip().splitlines()[-1]) for o in outs]


# -- the baseline ----------------------------------------------------------------------------

def baseline(root: Path, sample: int, schools: int) -> dict:
    """openpyxl reading one-school workbooks (~150 values each) into a DataFrame each, then
    pandas.concat: a sample timed, extrapolated to ``schools``."""
    import openpyxl
    import pandas as pd

    catalog = get_catalog()
    labels = [(f.code, f.label) for form in catalog.forms.values() if not form.generated
              for f in form.input_fields][:REVISIONS]
    folder = root / "baseline"
    folder.mkdir(exist_ok=True)
    rng = random.Random(SEED)
    paths = []
    for i in range(sample):
        wb = openpyxl.Workbook()
        sheet = wb.active
        sheet.append(["学校标识码", f"3{i:09d}", "年度", YEAR])
        sheet.append(["字段", "名称", "数值"])
        for code, label in labels:
            sheet.append([code, label, rng.randint(0, 5000)])
        path = folder / f"3{i:09d}.xlsx"
        wb.save(path)
        paths.append(path)
    t0 = time.perf_counter()
    frames = []
    for path in paths:
        wb = openpyxl.load_workbook(path, data_only=True)
        sheet = wb.active
        code = sheet.cell(1, 2).value
        data = list(sheet.iter_rows(min_row=3, max_col=3, values_only=True))
        frames.append(pd.DataFrame(data, columns=["field", "label", "value"]).assign(
            school=code))
        wb.close()
    table = pd.concat(frames, ignore_index=True)
    seconds = time.perf_counter() - t0
    assert len(table) == sample * len(labels)
    return {"sample": sample, "values": len(labels), "seconds": seconds,
            "extrapolated": seconds / sample * schools}


# -- the run -------------------------------------------------------------------------------

def build(args: argparse.Namespace, root: Path) -> None:
    prefectures, counties = province_tree()
    all_counties = [c for p in prefectures for c in counties[p.code]]
    n = round(SCHOOLS * args.scale)
    per = [n // len(all_counties) + (i < n % len(all_counties))
           for i in range(len(all_counties))]
    t0 = time.perf_counter()
    build_bureaus(root / "pristine")
    t1 = time.perf_counter()
    sub = argparse.Namespace(**{**vars(args), "workdir": str(root / "pristine")})
    wall, reports = run_workers(sub, "make", [([c.code, k], k)
                                               for c, k in zip(all_counties, per)], args.workers)
    revisions = sum(d["revisions"] for r in reports for d in r["done"])
    size = sum(p.stat().st_size for p in (root / "pristine" / "bundles").rglob("*.eduplan"))
    print(f"built: {len(prefectures)} prefectures, {len(all_counties)} counties (setup files, "
          f"keys) in {t1 - t0:.1f} s; {n:,} schools, {revisions:,} revisions, school bundles "
          f"{size / 1e6:,.0f} MB in {wall:.1f} s")
    (root / "pristine" / "meta.json").write_text(json.dumps(
        {"scale": args.scale, "schools": n, "revisions": revisions}))


def _level_row(name: str, wall: float, reports: list[dict]) -> dict:
    done = [d for r in reports for d in r["done"]]
    return {"level": name, "wall": wall, "cpu": sum(r["cpu"] for r in reports),
            "rss": max(r["rss_mb"] for r in reports), "units": len(done),
            "bundles": sum(d["bundles"] for d in done),
            "import": sum(d["import"] for d in done), "export": sum(d["export"] for d in done),
            "slowest": max(done, key=lambda d: d["import"] + d["export"])}


def chain(args: argparse.Namespace, root: Path) -> dict:
    run = root / "run"
    if run.exists():
        shutil.rmtree(run)
    run.mkdir()
    shutil.copytree(root / "pristine" / "ws", run / "ws")
    shutil.copytree(root / "pristine" / "bundles" / "county", run / "bundles" / "county")
    meta = json.loads((root / "pristine" / "meta.json").read_text())
    prefectures, counties = province_tree()
    sub = argparse.Namespace(**{**vars(args), "workdir": str(run)})
    levels = []
    load = os.getloadavg()
    t0 = time.perf_counter()
    county_jobs = [([c.code, p.code], len(list((run / "bundles" / "county" / c.code).iterdir())))
                   for p in prefectures for c in counties[p.code]]
    for name, jobs, workers in (
            ("county", county_jobs, args.workers),
            ("prefecture", [([p.code, PROVINCE], len(counties[p.code])) for p in prefectures],
             args.workers),
            ("province", [([PROVINCE, None], 1)], 1)):
        wall, reports = run_workers(sub, name, jobs, workers)
        levels.append(_level_row(name, wall, reports))
    total = time.perf_counter() - t0
    db = (run / "ws" / PROVINCE / "eduplan.sqlite").stat().st_size
    return {"levels": levels, "total": total, "meta": meta, "province_db": db, "load": load}


def _machine() -> str:
    import platform
    import sqlite3

    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")


def report(result: dict, base: dict | None, workers: int) -> None:
    meta = result["meta"]
    print(f"\nchain: {meta['schools']:,} schools, {meta['revisions']:,} revisions per level; "
          f"{workers} worker processes for counties and prefectures, one for the province; "
          "EDUPLAN_INSECURE_TEST_KDF=1 (cheap Argon2id: once per unlock, not per bundle)")
    print(f"machine: {_machine()}; load average {result['load'][0]:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")
    print("(wall: the level's processes from start to end; cpu: their user + system time; "
          "import, export: summed over the offices)")
    print(f"{'level':<12}{'offices':>8}{'bundles':>9}{'wall s':>9}{'cpu s':>9}{'import s':>10}"
          f"{'export s':>10}{'peak RSS MB':>13}")
    for lv in result["levels"]:
        print(f"{lv['level']:<12}{lv['units']:>8}{lv['bundles']:>9}{lv['wall']:>9.1f}"
              f"{lv['cpu']:>9.1f}{lv['import']:>10.1f}{lv['export']:>10.1f}{lv['rss']:>13.0f}")
    cpu = sum(lv["cpu"] for lv in result["levels"])
    rss = max(lv["rss"] for lv in result["levels"])
    print(f"{'chain':<12}{'':>8}{'':>9}{result['total']:>9.1f}{cpu:>9.1f}{'':>10}{'':>10}"
          f"{rss:>13.0f}")
    if meta["scale"] != 1:
        print(f"(--scale {meta['scale']}: the goals below are for the full province, --scale 1)")
    print(f"goal: the whole chain <= 60 s: {result['total']:.1f} s wall ({cpu:.1f} s CPU) — "
          f"{'met' if result['total'] <= 60 else 'MISSED'}; peak RSS < 1 GB: {rss:.0f} MB — "
          f"{'met' if rss < 1024 else 'MISSED'}")
    print(f"province database {result['province_db'] / 1e6:,.0f} MB")
    if base is not None:
        province = result["levels"][-1]
        ratio = base["extrapolated"] / province["import"]
        print(f"baseline: openpyxl + pandas.concat, {base['sample']} one-school workbooks of "
              f"{base['values']} values read in {base['seconds']:.2f} s, extrapolated to "
              f"{meta['schools']:,} schools: {base['extrapolated']:.1f} s")
        print(f"the province's import of its {province['bundles']} bundles: "
              f"{province['import']:.1f} s ({province['wall']:.1f} s with process start and "
              f"opening): {ratio:.1f}x faster than the baseline (goal >= 20x: "
              f"{'met' if ratio >= 20 else 'MISSED'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--workdir")
    ap.add_argument("--steps", default="build,chain,baseline")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=250)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    steps = args.steps.split(",")
    temporary = not args.workdir
    root = Path(args.workdir or tempfile.mkdtemp(prefix="eduplan-exchange-bench-"))
    args.workdir = str(root)
    try:
        if "build" in steps:
            if (root / "pristine").exists():
                shutil.rmtree(root / "pristine")
            build(args, root)
        result = chain(args, root) if "chain" in steps else None
        base = None
        if "baseline" in steps:
            schools = json.loads((root / "pristine" / "meta.json").read_text())["schools"]
            _, (rep,) = run_workers(args, "baseline", [([args.sample, schools], 1)], 1)
            base = rep["done"][0]
        if result is not None:
            report(result, base, args.workers)
        elif base is not None:
            print(base)
    finally:
        if temporary:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
