"""The eduplan command line, through click's CliRunner, on real workspaces."""

import json
import re

import click
import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.store.workspace import Workspace

from .conftest import count_rows, project_root


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def _all_commands(group=cli, prefix=""):
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, full + " ")


def test_every_command_is_documented_in_the_readme():
    readme = (project_root() / "README.md").read_text("utf-8")
    missing = [name for name, _ in _all_commands() if f"eduplan {name}" not in readme]
    assert missing == []


def test_every_read_command_offers_json():
    read = {"orgs", "forms", "indicators", "targets", "history", "show", "info",
            "backup list", "catalog check"}
    for name, cmd in _all_commands():
        if name in read:
            assert any(p.name == "as_json" for p in cmd.params), name


def test_init_checks_the_role_fits_the_org(tmp_path):
    r = run("init", "--org", "临沧市", "--role", "county", "--operator", "甲",
            "--workspace", tmp_path / "a", code=2)
    assert "州（市）" in r.output
    run("init", "--org", "530902", "--role", "county", "--operator", "甲",
        "--workspace", tmp_path / "b")
    r = run("info", "--json", "--workspace", tmp_path / "b")
    assert json.loads(r.output)["org_name"] == "临翔区"
    run("init", "--org", "东川区", "--role", "county", "--workspace", tmp_path / "b", code=2)


def test_init_a_school_workspace(tmp_path):
    r = run("init", "--org", "2153113101", "--role", "school", "--operator", "马老师",
            "--workspace", tmp_path / "demo_school", "--json")
    assert json.loads(r.output)["demo"] is True
    run("init", "--org", "2153119999", "--role", "school", "--workspace", tmp_path / "x",
        code=2)
    r = run("init", "--org", "2153119999", "--role", "school", "--name", "新村小学",
            "--parent", "东川区", "--type", "小学", "--operator", "新老师",
            "--workspace", tmp_path / "new_school", "--json")
    assert json.loads(r.output)["org_name"] == "新村小学"
    run("enter", "--org", "新村小学", "--year", 2024, "--set", "pri_students=120",
        "--workspace", tmp_path / "new_school")


def test_targets_json_for_dongchuan_2024_lists_exam_targets_with_quotes():
    r = run("targets", "--org", "东川区", "--year", 2024, "--json")
    rows = json.loads(r.output)
    by = {row["indicator"]["code"]: row for row in rows}
    for code in ("gk_tier1_rate", "gk_undergrad_rate", "zk_main_city_first_class_admitted",
                 "zk_control_line_rate_rank", "zk_average_score_rank"):
        row = by[code]
        assert row["year"] == 2024 and row["source"]["quote"]
        assert set(row) >= {"plan", "org", "indicator", "applies_to", "comparator", "value",
                            "unit", "direction", "kind", "binding", "source"}
        assert set(row["source"]) == {"document", "number", "issuer", "date", "quote",
                                      "excerpt"}
    assert by["zk_average_score_rank"]["direction"] == "lower"
    assert by["zk_average_score_rank"]["value"] == 4
    # what the 2024 check judges: the 2024 targets, later ones by their pace, the national
    # standards (every year), earlier milestones still open
    assert all(row["judged"] == ("due" if row["kind"] not in ("milestone", "not_collected")
                                 else row["judged"]) for row in rows if row["year"] == 2024
               and row["org"]["code"] != "national")
    assert {row["judged"] for row in rows if row["year"] != 2024} <= {"pace", "standing",
                                                                      "carried",
                                                                      "not_collected"}


def test_targets_filters_and_bad_input():
    r = run("targets", "--org", "临沧市", "--indicator", "hs_gross_enrolment", "--json")
    assert sorted(row["value"] for row in json.loads(r.output)) == [93.5, 94, 95]
    run("targets", "--org", "临沧市", "--indicator", "nope", code=2)
    r = run("targets", "--org", "中心小学", code=2)
    assert "找不到" in r.output or "多个" in r.output


def test_enter_negative_enrolment_is_refused_and_nothing_changes(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("orgs", "add", "--code", "2153117001", "--name", "纸质小学", "--parent", "东川区",
        "--type", "小学", "--paper", "--workspace", ws_dir)
    run("enter", "--org", "纸质小学", "--year", 2024, "--set", "pri_students=300",
        "--workspace", ws_dir)
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        before = count_rows(ws)
    r = run("enter", "--org", "纸质小学", "--year", 2024, "--set", "pri_students=-3",
            "--workspace", ws_dir, code=1)
    assert "“小学在校学生数”不能为负数" in r.output
    with Workspace.open(ws_dir, daily_backup=False) as ws:
        assert count_rows(ws) == before
    run("enter", "--org", "纸质小学", "--year", 2024, "--set", "no_field=1",
        "--workspace", ws_dir, code=2)
    run("enter", "--org", "纸质小学", "--year", 2024, "--set", "pri_students",
        "--workspace", ws_dir, code=2)


def test_enter_from_file_warning_explanation_history_and_submit(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    csv = tmp_path / "values.csv"
    csv.write_text("字段,值,说明\ncty_pop_3_5,8000,\ncty_population,27.1,\n", "utf-8")
    r = run("enter", "--org", "东川区", "--year", 2024, "--form", "county", "--file", csv,
            "--json", "--workspace", ws_dir)
    assert len(json.loads(r.output)["changes"]) == 2
    # 3–5-year-olds above 15% of the population: a warning, stored, needs an explanation
    r = run("enter", "--org", "东川区", "--year", 2024, "--set", "cty_pop_3_5=50000",
            "--workspace", ws_dir)
    assert "需说明" in r.output
    r = run("submit", "--org", "东川区", "--year", 2024, "--workspace", ws_dir, code=1)
    assert "警告未说明原因" in r.output or "必填项" in r.output
    run("enter", "--org", "东川区", "--year", 2024, "--explain",
        "cty_pop_3_5=含流动人口，统计局口径", "--workspace", ws_dir)
    r = run("history", "--org", "东川区", "--field", "cty_pop_3_5", "--json",
            "--workspace", ws_dir)
    hist = json.loads(r.output)
    assert [h["new"] for h in hist] == [8000, 50000, 50000]
    assert hist[-1]["explanation"] == "含流动人口，统计局口径"
    r = run("show", "--org", "东川区", "--year", 2024, "--json", "--workspace", ws_dir)
    assert json.loads(r.output)["values"]["cty_pop_3_5"] == 50000


def test_from_last_year(demo_path):
    r = run("enter", "--org", "东川区", "--year", 2026, "--from-last-year", "--json",
            "--workspace", demo_path)
    assert len(json.loads(r.output)["changes"]) > 30
    r = run("show", "--org", "东川区", "--year", 2026, "--json", "--workspace", demo_path)
    assert json.loads(r.output)["carried_over"]


def test_orgs_listing_and_import(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    bad = tmp_path / "bad.csv"
    bad.write_text("学校代码,学校名称,所属县,学校类型\n123,坏代码,东川区,小学\n", "utf-8")
    r = run("orgs", "import", bad, "--workspace", ws_dir, code=2)
    assert "第2行" in r.output and "未导入任何学校" in r.output
    good = tmp_path / "good.csv"
    good.write_text("学校代码,学校名称,所属县,学校类型\n2153116001,好学校,东川区,小学\n", "utf-8")
    run("orgs", "import", good, "--workspace", ws_dir)
    rows = json.loads(run("orgs", "--under", "东川区", "--json", "--workspace", ws_dir).output)
    assert [r["code"] for r in rows] == ["530113", "2153116001"]
    run("orgs", "add", "--code", "2153116002", "--name", "外州学校", "--parent", "临翔区",
        "--type", "小学", "--workspace", ws_dir, code=2)


def test_forms_and_indicators_json():
    forms = json.loads(run("forms", "--org-type", "幼儿园", "--json").output)
    assert [f["code"] for f in forms] == ["kindergarten"]
    field = forms[0]["fields"][0]
    assert set(field) >= {"code", "label", "unit", "type"}
    inds = json.loads(run("indicators", "--json").output)
    assert any(i["code"] == "kg_gross_enrolment" and i["unit"] == "%" for i in inds)


def test_backup_commands(demo_path):
    r = run("backup", "create", "--json", "--workspace", demo_path)
    name = json.loads(r.output)["name"]
    listed = json.loads(run("backup", "list", "--json", "--workspace", demo_path).output)
    assert name in [b["name"] for b in listed]
    run("backup", "restore", name, "--workspace", demo_path)
    run("backup", "restore", "nope.sqlite", "--workspace", demo_path, code=2)


def test_damaged_workspace_message_not_traceback(demo_path):
    (demo_path / "eduplan.sqlite").write_bytes(b"\0" * 4096)
    for side in ("eduplan.sqlite-wal", "eduplan.sqlite-shm"):
        (demo_path / side).unlink(missing_ok=True)
    r = run("info", "--workspace", demo_path, code=2)
    assert "已损坏" in r.output and "eduplan backup list" in r.output
    assert "Traceback" not in r.output


def test_catalog_check_passes():
    r = run("catalog", "check", "--json")
    assert json.loads(r.output) == {"ok": True, "problems": []}


def test_operator_name_is_recorded(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("operator", "乙", "--workspace", ws_dir)
    run("enter", "--org", "东川区", "--year", 2024, "--set", "cty_pop_3_5=100",
        "--workspace", ws_dir)
    hist = json.loads(run("history", "--org", "东川区", "--field", "cty_pop_3_5", "--json",
                          "--workspace", ws_dir).output)
    assert hist[0]["operator"] == "乙"


@pytest.mark.parametrize("args", [["--help"], ["targets", "--help"], ["--version"]])
def test_help(args):
    assert re.search(r"\S", run(*args).output)


def test_an_internal_error_is_logged_not_dumped(monkeypatch, isolated_home):
    from eduplan_core.cli import catalog_cmds

    def boom(*a, **k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(catalog_cmds, "get_catalog", boom)
    r = run("indicators", code=2)
    assert "程序内部错误" in r.output and "Traceback" not in r.output
    log = (isolated_home / "logs" / "eduplan-cli.log").read_text("utf-8")
    assert "simulated bug" in log


def test_check_on_the_demo_shows_the_sentence_of_every_missed_target(demo_path):
    r = run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31", "--json",
            "--workspace", demo_path)
    data = json.loads(r.output)
    missed = [f for f in data["findings"] if f["status"] == "missed"]
    assert missed and all(f["source"]["quote"] for f in missed)
    statuses = {f["status"] for f in data["findings"]}
    assert {"missed", "met", "behind", "on_track", "overdue"} <= statuses  # a believable mix
    text = run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-12-31",
               "--workspace", demo_path).output
    for f in missed:
        if f["source"]["excerpt"]:  # a summary's table row is never shown as the text
            assert f"{f['label']}：{f['requirement']}" in text
            assert f"依据：{f['source']['excerpt']}" in text
            assert f["source"]["quote"] not in text
        else:
            assert f"原文：“{f['source']['quote']}”" in text
    assert data["findings"][0]["severity"] == "critical"
    keys = {(f["org"], f["target"], f["year"]) for f in data["findings"]}
    assert len(keys) == len(data["findings"])  # a finding is identified by (org, target, year)


def test_compute_and_completeness_json(demo_path):
    data = json.loads(run("compute", "--org", "东川区", "--year", 2024, "--json",
                          "--workspace", demo_path).output)
    by = {(v["indicator"], v["section"]): v for v in data["indicators"]}
    gross = by[("kg_gross_enrolment", None)]
    assert gross["value"] == pytest.approx(100 * gross["numerator"] / gross["denominator"])
    assert gross["coverage"] == 1
    cv = by[("yz_backbone_teachers_per100_cv", "小学")]
    assert cv["schools"] >= 6
    assert data["youzhi"]["county"]["schools_assessed"] >= 6
    done = json.loads(run("completeness", "--org", "东川区", "--year", 2025, "--json",
                          "--workspace", demo_path).output)
    assert done["missing"] == 2 and done["rows"][0]["state"] == "missing"
    run("check", "--org", "东川区", "--year", 1900, "--workspace", demo_path, code=2)
    run("check", "--org", "nowhere", "--year", 2024, "--workspace", demo_path, code=2)


def test_milestones_are_recorded_on_their_form(tmp_path):
    ws_dir = tmp_path / "ws"
    run("init", "--org", "东川区", "--role", "county", "--operator", "甲", "--workspace", ws_dir)
    run("enter", "--org", "东川区", "--year", 2023, "--form", "milestones", "--set",
        "dc_fuzai_kg_opened_2023=2023-09-01", "--workspace", ws_dir)
    run("enter", "--org", "东川区", "--year", 2023, "--form", "milestones", "--set",
        "lc_zhuanmen_school_2025=2025-01-01", "--workspace", ws_dir, code=2)
    data = json.loads(run("check", "--org", "东川区", "--year", 2023, "--as-of", "2024-01-01",
                          "--json", "--workspace", ws_dir).output)
    by = {f["target"]: f for f in data["findings"]}
    assert by["dc_fuzai_kg_opened_2023"]["status"] == "met"
    assert by["dc_ksz_basketball_court_built_2023"]["status"] == "overdue"


def test_bad_dates_and_indicators_get_chinese_messages(demo_path):
    r = run("check", "--org", "东川区", "--year", 2024, "--as-of", "2024-13-01",
            "--workspace", demo_path, code=2)
    assert "不是有效日期" in r.output
    r = run("compute", "--org", "东川区", "--year", 2024, "--indicator", "nope",
            "--workspace", demo_path, code=2)
    assert "指标“nope”不存在" in r.output
