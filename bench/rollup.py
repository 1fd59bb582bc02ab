"""Roll-up bench: a synthetic province (16 prefectures, 129 counties, 25,000 schools, every
input field of each school's form for 2020–2025: about 150 values a school), then compute +
check of 2025 for the province (which reads the rounds 2023–2025).

Prints, side by side in one run, the vectorised roll-up (eduplan_core.indicators) and the same
roll-up done naively — a Python loop over schools evaluating each formula with the scalar
evaluator and adding up per county, prefecture and province — as the baseline.

    .venv/bin/python bench/rollup.py [--schools 25000] [--years 3] [--skip-naive]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eduplan_core.catalog.load import get_catalog  # noqa: E402
from eduplan_core.catalog.model import Org  # noqa: E402
from eduplan_core.indicators.compute import compute_all  # noqa: E402
from eduplan_core.indicators.frame import base_forms, build_year_frame, unit_table  # noqa: E402
from eduplan_core.indicators.service import check_frames, years_needed  # noqa: E402
from eduplan_core.orgtree import OrgTree  # noqa: E402

TYPE_WEIGHTS = {"幼儿园": 30, "小学": 40, "初中": 10, "九年一贯制": 8, "完全中学": 3,
                "普通高中": 4, "中职": 3, "特殊教育学校": 2}


def synthetic_orgs(n_schools: int, rng: random.Random) -> tuple[list[Org], list[Org]]:
    admin, schools = [], []
    counties = []
    for p in range(16):
        pcode = f"5{3 + p // 90}{(p % 90) + 10:02d}00"
        admin.append(Org(code=pcode, name=f"合成州{p + 1}", level="prefecture", parent="530000"))
        for c in range(8 if p else 9):
            ccode = pcode[:4] + f"{c + 1:02d}"
            admin.append(Org(code=ccode, name=f"合成县{p + 1}-{c + 1}", level="county",
                             parent=pcode))
            counties.append(ccode)
    types = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n_schools)
    for i, kind in enumerate(types):
        schools.append(Org(code=f"3{i:09d}", name=f"合成学校{i}", level="school",
                           parent=counties[i % len(counties)], type=kind,
                           ownership=rng.choice(["公办", "公办", "公办", "普惠性民办",
                                                 "非普惠性民办"]),
                           urban_rural=rng.choice(["城区", "镇区", "乡村"]), source="bench"))
    return admin, schools


def synthetic_values(catalog, orgs: list[Org], year: int, rng: random.Random):
    """Every input field of each unit's form; a unit keeps its size and shape from year to
    year (a few percent of drift), as real schools do."""
    forms = base_forms(catalog)
    entries, records = [], []
    for org in orgs:
        kind = org.type if org.is_school else org.level
        form = catalog.forms.get(forms.get(kind, ""))
        if form is None:
            continue
        entries.append((org.code, form.code, "submitted"))
        stable = random.Random(org.code)  # the same school looks the same every year
        size = stable.uniform(100, 2000) * (1 + 0.03 * (year - 2023))
        for f in form.input_fields:
            share = stable.uniform(0.01, 1.0)
            if f.type == "yesno":
                v = int(stable.random() < 0.5 + 0.1 * (year - 2023))
            elif f.type in ("integer", "decimal", "percent"):
                hi = f.max if f.max is not None else 1000
                v = round(min(hi, size * share * rng.uniform(0.97, 1.03)),
                          1 if f.type == "decimal" else 0)
                v = int(v) if f.type == "integer" else v
            elif f.type == "choice":
                v = rng.choice(f.choices)
            else:
                continue
            records.append((org.code, form.code, f.code, v, None))
    return entries, records


def naive_rollup(catalog, tree: OrgTree, orgs: list[Org], records, year: int, indicators):
    """The baseline: a Python loop over units, the scalar evaluator, sums per ancestor."""
    by_org: dict[str, dict] = {}
    for org, _, field, value, _ in records[1]:
        by_org.setdefault(org, {})[field] = value
    field_types: dict[str, set] = {}
    for form in catalog.forms.values():
        for f in form.fields:
            field_types.setdefault(f.code, set()).update(form.org_types)
    ancestors = {o.code: [o.code] + [a.code for a in tree.ancestors(o.code)] for o in orgs}
    totals: dict[tuple, list] = {}
    for org in orgs:
        values = by_org.get(org.code)
        if values is None:
            continue
        kind = org.type if org.is_school else org.level
        attrs = {"org_type": kind, "org_ownership": org.ownership,
                 "org_urban_rural": org.urban_rural, "org_level": org.level}
        for ind in indicators:
            formula = ind.formula
            names = formula.names
            expected = kind in ind.unit_types if ind.unit_types else any(
                kind in field_types.get(n, ()) for n in names)
            if not expected:
                continue
            row = {n: (values.get(n) if kind in field_types.get(n, ()) else 0) for n in names
                   if n in field_types}
            row.update(attrs)
            num = formula.numerator.evaluate(row)
            den = formula.denominator.evaluate(row)
            if num is None or den is None:
                continue
            for a in ancestors[org.code]:
                t = totals.setdefault((a, ind.code), [0.0, 0.0])
                t[0] += num
                t[1] += den
    return {k: (100 * n / d if d else None) for k, (n, d) in totals.items()}


def store_roundtrip(path: Path, catalog, schools, records, years):
    """Write the synthetic values into a workspace the way the store keeps them (entries,
    revisions, current values) and read them back with the code `eduplan check` uses."""
    import shutil
    import uuid

    from eduplan_core.indicators.frame import load_year_frames
    from eduplan_core.store.org_rows import insert_schools
    from eduplan_core.store.workspace import Workspace

    shutil.rmtree(path, ignore_errors=True)
    t0 = time.perf_counter()
    ws = Workspace.create(path, org="530000", role="province", operator="bench",
                          catalog=catalog)
    insert_schools(ws.db, schools, "bench")
    conn = ws.db.conn
    entry_id = rev_id = 0
    with conn:
        for year in years:
            entries, values = records[year]
            ids = {}
            rows = []
            for org, form, state in entries:
                entry_id += 1
                ids[(org, form)] = entry_id
                rows.append((entry_id, str(uuid.uuid4()), org, year, form, "1", "bench", org,
                             state, "", ""))
            conn.executemany("INSERT INTO entries (id, uid, org, year, form, form_version, "
                             "form_hash, owner, state, created_at, updated_at) VALUES "
                             "(?,?,?,?,?,?,?,?,?,?,?)", rows)
            revs, cur = [], []
            for org, form, field, value, _ in values:
                rev_id += 1
                revs.append((rev_id, f"r{rev_id}", ids[(org, form)], field, value))
                cur.append((ids[(org, form)], field, value, rev_id))
            conn.executemany("INSERT INTO revisions (id, uid, entry_id, field, new_value, "
                             "operator, at, source) VALUES (?,?,?,?,?,'bench','','bench')",
                             revs)
            conn.executemany("INSERT INTO current_values (entry_id, field, value, revision_id)"
                             " VALUES (?,?,?,?)", cur)
    ws.close()
    t_write = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Workspace.open(path, catalog=catalog, daily_backup=False) as ws:
        load_year_frames(ws, ws.org, years)
    return t_write, time.perf_counter() - t0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schools", type=int, default=25000)
    ap.add_argument("--years", type=int, default=6, help="rounds in the store (2020–2025)")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--store", type=Path, default=None, metavar="DIR",
                    help="also write the values into a real workspace at DIR (SQLite) and time "
                         "reading them back the way `eduplan check` does")
    args = ap.parse_args()
    rng = random.Random(1)
    catalog = get_catalog()
    admin, schools = synthetic_orgs(args.schools, rng)
    catalog = dataclasses.replace(catalog, orgs={**catalog.orgs, **{o.code: o for o in admin}})
    tree = OrgTree(catalog, schools)
    province = tree.get("530000")
    years = list(range(2026 - args.years, 2026))
    units = admin + schools + [province]

    t0 = time.perf_counter()
    records = {y: synthetic_values(catalog, units, y, rng) for y in years}
    n_values = sum(len(r[1]) for r in records.values())
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    forms = base_forms(catalog)
    read = years_needed(years[-1], years[0])  # what `eduplan check` reads
    frames = {y: build_year_frame(unit_table(tree, province, y), y, *records[y], forms)
              for y in read}
    t_load = time.perf_counter() - t0

    ratio = [i for i in catalog.indicators.values()
             if i.compute == "ratio" and i.formula is not None]
    year = years[-1]
    t0 = time.perf_counter()
    values = compute_all(catalog, {year: frames[year]}, indicators=[i.code for i in ratio])
    t_vec = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = check_frames(catalog, tree, province, year, frames, as_of=dt.date(2025, 12, 31))
    t_check = time.perf_counter() - t0

    print(f"synthetic province: {len(admin)} prefectures+counties, {len(schools)} schools, "
          f"{n_values:,} values over {len(years)} years ({n_values / len(schools):.0f} per "
          f"school); generated in {t_gen:.1f} s")
    print(f"{'step':<58}{'seconds':>10}")
    print(f"{f'load: values of {read[0]}–{read[-1]} -> one table per year':<58}{t_load:>10.2f}")
    print(f"{f'compute: {len(ratio)} ratio indicators, every org, {year} (vectorised)':<58}"
          f"{t_vec:>10.2f}")
    if not args.skip_naive:
        t0 = time.perf_counter()
        naive = naive_rollup(catalog, tree, units, records[year], year, ratio)
        t_naive = time.perf_counter() - t0
        print(f"{'same roll-up, naive Python loop over schools (baseline)':<58}{t_naive:>10.2f}")
        mine = values[("530000", "safe_campus_rate", None, year)].value
        assert abs(mine - naive[("530000", "safe_campus_rate")]) < 1e-9, "results differ"
    print(f"{'check: province, every target, every school':<58}{t_check:>10.2f}")
    print(f"{'compute + check (goal ≤ 10 s)':<58}{t_load + t_vec + t_check:>10.2f}")
    if args.store:
        t_write, t_read = store_roundtrip(args.store, catalog, schools, records, read)
        print(f"{'store: write the values into SQLite (bench set-up)':<58}{t_write:>10.2f}")
        print(f"{f'store: read {read[0]}–{read[-1]} back into tables (load_year_frames)':<58}"
              f"{t_read:>10.2f}")
    print(f"findings {len(result.findings):,}, data flags {len(result.flags):,}; "
          f"peak memory {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
