"""The command line reads numbers and years by the rules of eduplan_core/inputs.py, says click's
usage errors in Chinese (exit 2), and prints names, explanations and numbers so that they cannot
mislead or corrupt a terminal; --json stays exact."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eduplan_core.cli.common import YEAR, fmt
from eduplan_core.cli.main import cli

from .test_cli import _all_commands, run

ENGLISH = ("Error:", "Usage:", "Invalid value", "Missing option", "No such", "Try '",
           "does not exist", "is a directory", "is a file", "not a valid", "requires an")


def chinese_usage_error(*args) -> str:
    r = run(*args, code=2)
    assert r.output.startswith("错误："), r.output
    for word in ENGLISH:
        assert word not in r.output, (word, r.output)
    return r.output


@pytest.fixture
def county(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("orgs", "add", "--code", "2153117001", "--name", "纸质小学", "--parent", "东川区",
        "--type", "小学", "--paper", "--workspace", ws_dir)
    return ws_dir


def enter(ws_dir, *args, code=0):
    return run("enter", "--org", "纸质小学", "--year", 2024, *args, "--workspace", ws_dir,
               code=code)


def stored(ws_dir) -> dict:
    r = run("show", "--org", "纸质小学", "--year", 2024, "--json", "--workspace", ws_dir)
    return json.loads(r.output)


def test_enter_reads_numbers_like_the_desktop(county, tmp_path):
    enter(county, "--set", "pri_students=１２３")
    enter(county, "--set", "pri_teaching_area=7468。4")
    values = stored(county)["values"]
    assert values["pri_students"] == 123 and values["pri_teaching_area"] == 7468.4
    for typed, why in (("1.5", "应为整数"), ("7468。4", "应为整数"), ("1e5", "科学记数法"),
                       ("1,234", "分隔符"), ("1_000", "分隔符"), ("NaN", "无穷大或 NaN"),
                       ("1" * 30, "超出范围")):
        r = enter(county, "--set", f"pri_students={typed}", code=1)
        assert "“小学在校学生数”" in r.output and why in r.output, r.output
    r = enter(county, "--set", "pri_students=" + "1" * 30, code=1)
    assert "1" * 30 not in r.output and "共 30 个字符" in r.output
    assert stored(county)["values"]["pri_students"] == 123  # nothing changed


def test_enter_from_a_file_uses_the_same_rules(county, tmp_path):
    csv = tmp_path / "values.csv"
    csv.write_text("字段,值\npri_students,１ ２３\n", "utf-8")
    r = CliRunner().invoke(cli, ["enter", "--org", "纸质小学", "--year", "2024", "--file",
                                 str(csv), "--workspace", str(county)])
    assert r.exit_code in (1, 2) and "分隔符" in r.output and "１ ２３" in r.output
    csv.write_text("字段,值\npri_students,\u3000３００\u3000\n", "utf-8")
    enter(county, "--file", csv)
    assert stored(county)["values"]["pri_students"] == 300


def test_every_year_option_takes_the_one_year_rule():
    with_year = [name for name, cmd in _all_commands() for p in cmd.params if p.name == "year"]
    assert len(with_year) >= 10
    for name, cmd in _all_commands():
        for p in cmd.params:
            if p.name == "year":
                assert p.type is YEAR, name


@pytest.mark.parametrize("year", ["99999999999999999999", "0", "1900", "3000", "abc", "2024.5"])
@pytest.mark.parametrize("command", [
    ["enter", "--org", "东川区", "--set", "cty_population=1"],
    ["check", "--org", "东川区"], ["compute", "--org", "东川区"],
    ["completeness", "--org", "东川区"], ["show", "--org", "东川区"],
    ["submit", "--org", "东川区"], ["history", "--org", "东川区", "--field", "x"],
    ["targets", "--org", "东川区"], ["orgs"], ["orgs", "set", "x", "--attr", "name",
                                                 "--value", "y"]])
def test_bad_years_are_refused_in_chinese_by_every_command(command, year, demo_path):
    out = chinese_usage_error(*command, "--year", year, "--workspace", demo_path)
    assert "--year" in out and "2000—2100" in out
    assert len(out.splitlines()[0]) < 80  # the long number is shortened


def test_click_usage_errors_are_chinese(tmp_path, demo_path):
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", "utf-8")
    out = chinese_usage_error("enter", "--org", "东川区", "--year", "abc", "--set", "a=1",
                              "--workspace", demo_path)
    assert "年份" in out and "“abc”" in out
    assert "用法：" in out and "enter -h" in out
    out = chinese_usage_error("enter", "--org", "东川区", "--year", 2024, "--file", tmp_path,
                              "--workspace", demo_path)
    assert "--file" in out and "是一个文件夹" in out
    out = chinese_usage_error("info", "--workspace", a_file)
    assert "--workspace" in out and "是一个文件" in out
    out = chinese_usage_error("enter", "--year", 2024)
    assert "缺少必需的选项 --org" in out
    out = chinese_usage_error("enter", "--org", "东川区", "--year", 2024, "--yaer", 3)
    assert "没有选项“--yaer”" in out and "--year" in out
    out = chinese_usage_error("entr")
    assert "没有命令“entr”" in out and "enter" in out
    out = chinese_usage_error("enter", "--org", "东川区", "--year")
    assert "--year" in out and "需要给出一个值" in out
    out = chinese_usage_error("show", "--org", "东川区", "--year", 2024, "extra",
                              "--workspace", demo_path)
    assert "多余的参数" in out
    out = chinese_usage_error("orgs", "set", "x", "--year", 2024, "--attr", "nm", "--value", 1,
                              "--workspace", demo_path)
    assert "“nm”不是可选的值" in out and "merged_into" in out
    out = chinese_usage_error("orgs", "import", tmp_path, "--workspace", demo_path)
    assert "是一个文件夹" in out
    out = chinese_usage_error("backup", "restore", "--workspace", demo_path)
    assert "缺少必需的参数 NAME" in out


def test_help_is_unchanged():
    r = CliRunner().invoke(cli, ["enter", "--help"])
    assert r.exit_code == 0 and "Usage:" in r.output and "--year YEAR" in r.output
    r = CliRunner().invoke(cli, [])
    assert "Commands:" in r.output


def test_numbers_print_shortened():
    assert fmt(1e308) == "1e+308"
    assert fmt(10 ** 30) == "1e+30"
    assert fmt(7468.4) == "7468.4" and fmt(12.0) == "12" and fmt(0.1 + 0.2) == "0.3"
    assert fmt(999999999999999.0) == "999999999999999"
    assert fmt(100 / 3) == "33.3333"
    assert fmt(float("nan")) == "nan" and fmt(None) == "—"
    assert fmt("a\nb\x1b[31m") == "a\\nb\\x1b[31m"


def test_names_and_explanations_are_shown_escaped_and_json_stays_exact(county):
    evil = "新校区\n合并\x1b[31m红字\x1b[0m"
    enter(county, "--set", "pri_students=300", "--explain", f"pri_students={evil}")
    for args in (["show", "--org", "纸质小学", "--year", 2024],
                 ["history", "--org", "纸质小学", "--field", "pri_students"]):
        out = run(*args, "--workspace", county).output
        assert "\x1b" not in out
        assert "新校区\\n合并\\x1b[31m红字\\x1b[0m" in out
    data = stored(county)
    assert data["explanations"]["pri_students"] == evil.strip()
    raw = run("show", "--org", "纸质小学", "--year", 2024, "--json",
              "--workspace", county).output
    assert "\\u001b[31m" in raw and "\x1b" not in raw  # JSON escapes it itself
    out = enter(county, "--set", "pri_students=301", "--explain", f"pri_students={evil}").output
    assert "\x1b" not in out and "\\x1b[31m" in out
    run("orgs", "add", "--code", "2153117002", "--name", "恶意\x1b[2J小学", "--parent", "东川区",
        "--type", "小学", "--workspace", county)
    out = run("orgs", "--under", "东川区", "--workspace", county).output
    assert "\x1b" not in out and "恶意\\x1b[2J小学" in out


def test_error_messages_escape_what_was_typed(county):
    r = run("enter", "--org", "不存在\x1b[31m", "--year", 2024, "--set", "a=1",
            "--workspace", county, code=2)
    assert "\x1b" not in r.output and "不存在\\x1b[31m" in r.output
