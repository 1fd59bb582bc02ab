"""Files users bring (school lists, value CSVs) are not trusted: zip bombs, lying dimensions,
XML entities, damaged workbooks, over-long CSV fields; every bad row is named at once and
nothing is stored from a refused file. Real files in tmp_path, real processes for the CLI."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.errors import DataFileError, UsageError
from eduplan_core.orgimport import ImportRejected, import_schools
from eduplan_core.store.orgs import set_school_attr
from eduplan_core.store.workspace import Workspace
from eduplan_core.tabular import RowsRejected, read_value_csv

from .conftest import count_rows, project_root

HEADER = ["学校代码", "学校名称", "所属县", "学校类型", "办学性质", "城乡", "联系人", "联系电话",
          "纸质报送"]
GOOD = [[f"215311800{i}", f"新建第{i}小学", "东川区", "小学", "公办", "城区", "王老师",
         "0871-6200001", "否"] for i in range(1, 6)]


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def history_rows(ws: Workspace) -> int:
    return ws.db["org_history"].count


def _workbook(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def _rewrite_member(path: Path, member: str, change) -> None:
    """Rewrite one member of a zip (the rest copied as they are)."""
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = change(data)
            zout.writestr(info.filename, data)
    path.write_bytes(out.getvalue())


# -- zip bomb -----------------------------------------------------------------------------

def _zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A real workbook whose sheet is `megabytes` MB of repeated rows, deflated to ~1 MB;
    written streaming (never held in memory)."""
    _workbook(path.with_suffix(".seed.xlsx"), [HEADER, GOOD[0]])
    row = (b'<row><c t="inlineStr"><is><t>2153118001</t></is></c>'
           b'<c t="inlineStr"><is><t>bomb</t></is></c></row>')
    chunk = row * (1024 * 1024 // len(row))
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path.with_suffix(".seed.xlsx")) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for info in zin.infolist():
            if info.filename != sheet:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(sheet, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                     b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return path


CHILD = """
import atexit, sys
PEAK_FILE = sys.argv.pop(1)
def _peak():  # this process's own high-water mark (VmHWM starts afresh at exec, unlike
    # ru_maxrss, which keeps the forked parent's size)
    with open("/proc/self/status") as fh, open(PEAK_FILE, "w") as out:
        out.write(next(l for l in fh if l.startswith("VmHWM")).split()[1])
atexit.register(_peak)
from eduplan_core.cli.main import main
main()
"""


def _run_measured(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """Run the eduplan CLI in a child process: exit code, output, seconds, peak RSS in MB (of
    that child's own program, from /proc/self/status at its exit)."""
    out_path, peak_path = cwd / "child.out", cwd / "child.peak"
    start = time.monotonic()
    with out_path.open("wb") as out:
        proc = subprocess.run([sys.executable, "-c", CHILD, str(peak_path), *args],
                              stdout=out, stderr=subprocess.STDOUT, cwd=project_root())
    seconds = time.monotonic() - start
    return (proc.returncode, out_path.read_text("utf-8"), seconds,
            int(peak_path.read_text()) / 1024)


def test_zip_bomb_is_refused_quickly_with_little_memory(tmp_path):
    bomb = _zip_bomb(tmp_path / "学校名单.xlsx", megabytes=300)
    assert bomb.stat().st_size < 3 * 1024 * 1024
    with zipfile.ZipFile(bomb) as zf:
        assert sum(i.file_size for i in zf.infolist()) > 290 * 1024 * 1024
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        before = count_rows(ws)
    code, output, seconds, peak_mb = _run_measured(
        ["orgs", "import", str(bomb), "--workspace", str(ws_dir)], tmp_path)
    assert code == 2, output
    assert "学校名单.xlsx" in output and "压缩炸弹" in output and "Traceback" not in output
    assert seconds < 20, seconds  # start-up included; the check itself reads only the directory
    assert peak_mb < 300, peak_mb
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        assert count_rows(ws) == before


def test_zip_bomb_refused_in_process_without_inflating(county_ws, tmp_path):
    import tracemalloc

    bomb = _zip_bomb(tmp_path / "bomb.xlsx", megabytes=200)
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(DataFileError) as info:
            import_schools(county_ws, bomb)
        seconds = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.file == "bomb.xlsx" and "压缩" in info.value.reason
    assert seconds < 1 and peak < 20 * 1024 * 1024, (seconds, peak)


def test_high_compression_ratio_alone_is_refused(county_ws, tmp_path):
    """Below the size limits, a member inflating 100-fold and more is still refused."""
    bomb = _zip_bomb(tmp_path / "ratio.xlsx", megabytes=40)
    with pytest.raises(DataFileError, match="压缩比"):
        import_schools(county_ws, bomb)


# -- the stated <dimension> is not trusted -------------------------------------------------

def _lying_dimension(path: Path, rows: list[list]) -> Path:
    _workbook(path, rows)

    def lie(xml: bytes) -> bytes:
        new, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:I2"/>', xml)
        assert n == 1
        return new

    _rewrite_member(path, "xl/worksheets/sheet1.xml", lie)
    with zipfile.ZipFile(path) as zf:
        assert b'<dimension ref="A1:I2"/>' in zf.read("xl/worksheets/sheet1.xml")
    return path


def test_every_row_is_read_whatever_the_dimension_says(county_ws, tmp_path):
    path = _lying_dimension(tmp_path / "list.xlsx", [HEADER, *GOOD, ["21531", "短代码学校",
                                                                   "东川区", "小学"]])
    before = count_rows(county_ws)
    with pytest.raises(ImportRejected) as info:  # the 7th row is read, and it is bad
        import_schools(county_ws, path)
    assert [e.row for e in info.value.errors] == [7]
    assert count_rows(county_ws) == before
    path = _lying_dimension(tmp_path / "ok.xlsx", [HEADER, *GOOD])
    assert import_schools(county_ws, path).imported == 5  # not 1


# -- defusedxml: entity declarations are refused, never expanded ----------------------------

LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join([b"&lol%s;" % (
              str(i - 1).encode() if i > 1 else b"")] * 10)) for i in range(1, 10))
          + b']>')


def test_billion_laughs_workbook_is_refused(county_ws, tmp_path):
    import openpyxl

    assert openpyxl.DEFUSEDXML is True  # defusedxml is installed, and openpyxl uses it
    path = _workbook(tmp_path / "laughs.xlsx", [HEADER, GOOD[0]])

    def add_entities(xml: bytes) -> bytes:
        assert b"<t>" in xml and not xml.startswith(b"<?xml")
        return LAUGHS + xml.replace(b"<t>", b"<t>&lol9;", 1)

    _rewrite_member(path, "xl/worksheets/sheet1.xml", add_entities)
    before = count_rows(county_ws)
    start = time.monotonic()
    with pytest.raises(DataFileError) as info:
        import_schools(county_ws, path)
    assert "实体" in info.value.message and "laughs.xlsx" in info.value.message
    assert time.monotonic() - start < 5
    assert count_rows(county_ws) == before


def test_a_single_entity_is_refused_too(county_ws, tmp_path):
    """Not only bombs: any entity declaration (external ones would read local files)."""
    path = _workbook(tmp_path / "entity.xlsx", [HEADER, GOOD[0]])
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + xml.replace(b"<t>", b"<t>&e;", 1)))
    with pytest.raises(DataFileError, match="实体"):
        import_schools(county_ws, path)


# -- damaged and foreign files --------------------------------------------------------------

def _damaged(tmp_path: Path) -> dict[str, bytes]:
    good = _workbook(tmp_path / "seed.xlsx", [HEADER, *GOOD]).read_bytes()
    flipped = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + info.compress_size, 3):  # corrupt the deflated sheet
        flipped[i] ^= 0x5A
    return {
        "truncated.xlsx": good[: len(good) // 2],
        "random.xlsx": os.urandom(4096),
        "old.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096),  # an .xls renamed
        "empty.xlsx": b"",
        "text.xlsx": "学校代码,学校名称\n".encode(),
        "other_zip.xlsx": _plain_zip(),
        "flipped.xlsx": bytes(flipped),
    }


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    return out.getvalue()


def test_damaged_or_foreign_excel_files_are_clear_errors(county_ws, tmp_path):
    before = count_rows(county_ws)
    for name, data in _damaged(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DataFileError) as info:
            import_schools(county_ws, path)
        msg = info.value.message
        assert name in msg and re.search(r"[\u4e00-\u9fff]", msg), (name, msg)
        assert ("Excel" in msg or "文件" in msg), (name, msg)
        if name == "old.xlsx":
            assert ".xls" in msg and "另存为" in msg
    assert count_rows(county_ws) == before


def test_damaged_excel_through_the_cli(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    path = tmp_path / "坏文件.xlsx"
    path.write_bytes(_damaged(tmp_path)["truncated.xlsx"])
    r = run("orgs", "import", path, "--workspace", ws_dir, code=2)
    assert "坏文件.xlsx" in r.output and "损坏" in r.output


# -- CSV: an over-long field ----------------------------------------------------------------

def test_csv_field_over_the_csv_limit_is_refused_naming_its_row(county_ws, tmp_path):
    path = tmp_path / "long.csv"
    lines = [",".join(HEADER), ",".join(GOOD[0]),
             f'2153118002,"{"长" * 200_000}",东川区,小学']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = count_rows(county_ws)
    with pytest.raises(RowsRejected) as info:
        import_schools(county_ws, path)
    assert "long.csv" in info.value.message and "第3行" in info.value.message
    assert "131072" in info.value.message
    assert count_rows(county_ws) == before


def test_enter_file_with_an_over_long_field(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    csv = tmp_path / "values.csv"
    csv.write_text(f'字段,值,说明\ncty_pop_3_5,8000,\ncty_population,27.1,"{"x" * 140_000}"\n',
                   "utf-8")
    r = run("enter", "--org", "东川区", "--year", 2024, "--form", "county", "--file", csv,
            "--workspace", ws_dir, code=2)
    assert "values.csv" in r.output and "第3行" in r.output


# -- orgs import: every problem of every row ------------------------------------------------

def test_each_bad_row_reports_every_problem(county_ws, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(HEADER) + "\n"
                    "21531,新学校,东川区,小学校,公办,城区,,,也许\n"  # code, type, paper
                    "2153118002,  ,东川区,小学,私立,城区,,,是\n"      # name, ownership
                    "2153118003,好学校,东川区,小学,公办,城区,,,否\n", encoding="utf-8")
    before = count_rows(county_ws)
    with pytest.raises(ImportRejected) as info:
        import_schools(county_ws, path)
    by_row: dict[int, list[str]] = {}
    for e in info.value.errors:
        by_row.setdefault(e.row, []).append(e.reason)
    assert sorted(by_row) == [2, 3]
    assert len(by_row[2]) == 3, by_row[2]
    assert any("10位数字" in r for r in by_row[2])
    assert any("学校类型“小学校”无效" in r for r in by_row[2])
    assert any("纸质报送“也许”" in r for r in by_row[2])
    assert any("学校名称不能为空" in r for r in by_row[3])
    assert any("办学性质“私立”无效" in r for r in by_row[3])
    assert count_rows(county_ws) == before


def test_import_paper_values_follow_the_one_rule(county_ws, tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(",".join(HEADER) + "\n"
                    "2153118001,甲校,东川区,小学,公办,城区,,,1\n"
                    "2153118002,乙校,东川区,小学,公办,城区,,,否\n"
                    "2153118003,丙校,东川区,小学,公办,城区,,,\n", encoding="utf-8")
    import_schools(county_ws, path)
    assert [county_ws.orgs.get(f"215311800{i}").paper for i in (1, 2, 3)] == [
        True, False, False]


# -- orgs set: the same rule as the import --------------------------------------------------

def test_set_school_attr_validates_like_the_import(county_ws):
    before = history_rows(county_ws)
    for attr, value, words in (("paper", "也许", "纸质报送“也许”"), ("paper", "yes", "应为“是”或“否”"),
                               ("name", "", "学校名称不能为空"), ("name", "   ", "不能为空"),
                               ("merged_into", "不存在的学校", "找不到"),
                               ("merged_into", "东川区", "不是学校"),
                               ("merged_into", "2153119001", "自己"),
                               ("merged_into", "", "不能为空"),
                               ("ownership", "私立", "无效"), ("status", "关闭", "无效")):
        with pytest.raises(UsageError) as info:
            set_school_attr(county_ws, "2153119001", 2025, attr, value)
        assert words in info.value.message, (attr, value, info.value.message)
    with pytest.raises(UsageError, match="年份"):
        set_school_attr(county_ws, "2153119001", 1900, "paper", "是")
    assert history_rows(county_ws) == before
    set_school_attr(county_ws, "2153119001", 2025, "paper", "否")
    set_school_attr(county_ws, "2153119001", 2026, "merged_into", "测试中心小学")
    set_school_attr(county_ws, "2153119001", 2026, "name", "  新名字 ")
    school = county_ws.orgs.get("2153119001")
    assert school.attrs_at(2024).paper is True and school.attrs_at(2025).paper is False
    assert school.attrs_at(2026).merged_into == "2153119002"
    assert school.attrs_at(2026).name == "新名字"


def test_orgs_set_paper_maybe_is_refused_by_the_cli(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("orgs", "add", "--code", "2153118001", "--name", "纸质小学", "--parent", "东川区",
        "--type", "小学", "--paper", "--workspace", ws_dir)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        before = history_rows(ws)
    r = run("orgs", "set", "纸质小学", "--year", 2025, "--attr", "paper", "--value", "也许",
            "--workspace", ws_dir, code=2)
    assert "纸质报送“也许”应为“是”或“否”" in r.output
    r = run("orgs", "set", "纸质小学", "--year", 2025, "--attr", "merged_into", "--value",
            "不存在的学校", "--workspace", ws_dir, code=2)
    assert "并入学校" in r.output
    run("orgs", "set", "纸质小学", "--year", 2025, "--attr", "name", "--value", " ",
        "--workspace", ws_dir, code=2)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        assert history_rows(ws) == before
    run("orgs", "set", "纸质小学", "--year", 2025, "--attr", "paper", "--value", "否",
        "--workspace", ws_dir)
    r = run("orgs", "--year", 2025, "--json", "--workspace", ws_dir)
    school = next(o for o in json.loads(r.output) if o["code"] == "2153118001")
    assert school["paper"] is False


# -- enter --file: repeated fields, rows without a value, every bad row at once -------------

def test_enter_file_names_every_bad_row_at_once(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("enter", "--org", "东川区", "--year", 2024, "--set", "cty_pop_3_5=8000",
        "--workspace", ws_dir)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        before = count_rows(ws)
    csv = tmp_path / "values.csv"
    csv.write_text("字段,值,说明\n"
                   "cty_pop_3_5,9000,\n"        # 2: fine
                   "cty_pop_3_5,9100,\n"        # 3: repeated
                   "cty_population,,\n"         # 4: no value
                   ",5,\n"                      # 5: no field code
                   "no_such_field,1,\n"         # 6: unknown
                   "another_unknown,2,\n"       # 7: unknown too
                   "cty_pop_3_5x,abc,\n"        # 8: unknown
                   "cty_population,abc,\n"      # 9: repeated and not a number
                   , "utf-8")
    r = run("enter", "--org", "东川区", "--year", 2024, "--form", "county", "--file", csv,
            "--workspace", ws_dir, code=2)
    out = r.output
    assert "values.csv" in out
    for row, words in ((3, "与第2行重复"), (4, "没有值"), (5, "缺少字段代码"),
                       (6, "no_such_field"), (7, "another_unknown"), (8, "cty_pop_3_5x"),
                       (9, "与第4行重复")):
        assert re.search(rf"第{row}行：[^\n]*{re.escape(words)}", out), (row, words, out)
    assert "第2行：" not in out
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        assert count_rows(ws) == before
    r = run("show", "--org", "东川区", "--year", 2024, "--json", "--workspace", ws_dir)
    assert json.loads(r.output)["values"]["cty_pop_3_5"] == 8000  # not cleared, not changed


def test_value_file_type_and_range_errors_of_different_rows_together(catalog, tmp_path):
    form = catalog.forms["county"]
    numeric = [f for f in form.input_fields if f.type == "integer" and f.min == 0][:2]
    assert len(numeric) == 2
    csv = tmp_path / "v.csv"
    csv.write_text(f"字段,值\n{numeric[0].code},1.5.3\n{numeric[1].code},-4\n", "utf-8")
    with pytest.raises(RowsRejected) as info:
        read_value_csv(csv, form)
    rows = {e.row: e.reason for e in info.value.errors}
    assert set(rows) == {2, 3}
    assert "不能为负数" in rows[3]
    values, _ = read_value_csv(_write(tmp_path / "ok.csv", f"字段,值\n{numeric[1].code},4\n"),
                               form)
    assert values == {numeric[1].code: "4"}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_enter_file_with_only_bad_values_exits_1_like_set(tmp_path):
    """Values failing their field's type or range: exit 1 (not saved), as `--set` does; every
    row named, so a type error no longer hides the range error of another row."""
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        before = count_rows(ws)
    csv = _write(tmp_path / "values.csv", "字段,值\ncty_pop_3_5,-5\ncty_population,abc\n")
    r = run("enter", "--org", "东川区", "--year", 2024, "--form", "county", "--file", csv,
            "--workspace", ws_dir, code=1)
    assert re.search(r"第2行：[^\n]*不能为负数", r.output), r.output
    assert re.search(r"第3行：[^\n]*abc", r.output), r.output
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        assert count_rows(ws) == before
