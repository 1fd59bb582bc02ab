"""The store: revisions, errors store nothing, warnings need explanations, owners, submissions."""

import json
import sqlite3

import pytest

from eduplan_core.errors import UsageError, ValidationFailed
from eduplan_core.store import entries
from eduplan_core.store.workspace import Workspace

from .conftest import count_rows

PAPER, SELF, KG = "2153119001", "2153119002", "2153119003"
GOOD = {"pri_students": "480", "pri_fulltime_teachers": "30", "pri_backbone_teachers": "5"}


def test_schema_is_migrated_with_wal_and_foreign_keys(county_ws):
    db = county_ws.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == ["m001_initial", "m002_teaching_points", "m003_import_origin",
                       "m004_keys", "m005_exchange", "m006_audit"]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO current_values (entry_id, field, value, revision_id) "
                   "VALUES (999, 'x', 1, 999)")


def test_the_store_touches_nothing_outside_its_folder(tmp_path, catalog):
    ws_dir = tmp_path / "only" / "here"
    before = set(tmp_path.rglob("*"))
    with Workspace.create(ws_dir, org="东川区", role="county", operator="甲", catalog=catalog):
        pass
    with Workspace.open(ws_dir) as ws:
        entries.set_values(ws, "东川区", 2024, "county", {"cty_pop_3_5": "8000"})
    created = set(tmp_path.rglob("*")) - before
    assert created and all(ws_dir in p.parents or p == ws_dir or p in ws_dir.parents
                           for p in created)


def test_entering_values_records_revisions(county_ws):
    r = entries.set_values(county_ws, PAPER, 2024, "primary", GOOD)
    assert {c.field for c in r.changes} == set(GOOD) and r.state == "draft"
    r2 = entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "500"})
    assert [(c.old, c.new) for c in r2.changes] == [(480, 500)]
    rows = entries.history(county_ws, PAPER, "pri_students")
    assert [(h.old, h.new, h.operator) for h in rows] == [(None, 480, "张三"), (480, 500, "张三")]
    # the same value again is no change and no revision
    assert entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "500"}).changes == ()


def test_revisions_are_append_only(county_ws):
    entries.set_values(county_ws, PAPER, 2024, "primary", GOOD)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        county_ws.db.execute("UPDATE revisions SET new_value = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        county_ws.db.execute("DELETE FROM revisions")


def test_negative_enrolment_is_refused_and_nothing_changes(county_ws):
    entries.set_values(county_ws, PAPER, 2024, "primary", GOOD)
    before = count_rows(county_ws)
    with pytest.raises(ValidationFailed) as info:
        entries.set_values(county_ws, PAPER, 2024, "primary",
                           {"pri_students": "-5", "pri_fulltime_teachers": "31"})
    assert "不能为负数" in info.value.message and "小学在校学生数" in info.value.message
    assert info.value.exit_code == 1
    assert count_rows(county_ws) == before
    assert entries.view_entry(county_ws, PAPER, 2024, "primary").values["pri_students"] == 480


@pytest.mark.parametrize("raw, message", [
    ("abc", "应为整数"), ("12.5", "应为整数"), ("1e400", "应为整数")])
def test_type_errors_store_nothing(county_ws, raw, message):
    before = count_rows(county_ws)
    with pytest.raises(ValidationFailed, match=message):
        entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": raw})
    assert count_rows(county_ws) == before


def test_cross_field_error_names_fields_and_values(county_ws):
    with pytest.raises(ValidationFailed) as info:
        entries.set_values(county_ws, PAPER, 2024, "primary",
                           {"pri_fulltime_teachers": "10", "pri_backbone_teachers": "12"})
    assert "县级以上骨干教师数（12）" in info.value.message
    assert "专任教师数（10）" in info.value.message


def test_warning_is_kept_and_needs_an_explanation(county_ws):
    r = entries.set_values(county_ws, PAPER, 2024, "primary",
                           {"pri_students": "900", "pri_fulltime_teachers": "20"})
    assert r.changes and r.unexplained and "40倍" in r.unexplained[0].message
    with pytest.raises(ValidationFailed, match="警告未说明原因"):
        entries.submit(county_ws, PAPER, 2024, "primary")
    r2 = entries.set_values(county_ws, PAPER, 2024, "primary", {},
                            {"pri_fulltime_teachers": "两名教师调离，新教师十月到岗"})
    assert r2.warnings and not r2.unexplained
    rows = entries.history(county_ws, PAPER, "pri_fulltime_teachers")
    assert rows[-1].explanation.startswith("两名教师") and rows[-1].old == rows[-1].new == 20


def test_unknown_and_calculated_fields_are_usage_errors(county_ws):
    with pytest.raises(UsageError, match="没有字段"):
        entries.set_values(county_ws, PAPER, 2024, "primary", {"nope": "1"})
    with pytest.raises(UsageError, match="计算字段"):
        entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_backbone_per100": "1"})
    with pytest.raises(UsageError, match="不填报"):
        entries.set_values(county_ws, PAPER, 2024, "kindergarten", {"kg_children": "1"})


def _fill_primary(ws, org, year):
    form = ws.catalog.forms["primary"]
    values = {}
    for f in form.input_fields:
        if f.type == "yesno":
            values[f.code] = "是"
        elif f.type in ("integer", "decimal", "percent"):
            values[f.code] = "1"
    values.update({"pri_students": "400", "pri_fulltime_teachers": "25",
                   "fulltime_teachers": "28", "teachers_bachelor": "20", "classrooms": "16",
                   "pri_teaching_area": "2000", "pri_sports_area": "3000",
                   "rotation_eligible": "15", "rotated_teachers": "2"})
    return entries.set_values(ws, org, year, "primary", values)


def test_submission_freezes_values_with_form_hash(county_ws):
    with pytest.raises(ValidationFailed, match="必填项"):
        entries.set_values(county_ws, PAPER, 2024, "primary", GOOD)
        entries.submit(county_ws, PAPER, 2024, "primary")
    _fill_primary(county_ws, PAPER, 2024)
    result = entries.submit(county_ws, PAPER, 2024, "primary")
    form = county_ws.catalog.forms["primary"]
    row = county_ws.db["submissions"].get(1)
    assert row["form_hash"] == form.hash == result.form_hash
    assert json.loads(row["values_json"])["pri_students"] == 400
    assert entries.view_entry(county_ws, PAPER, 2024, "primary").state == "submitted"
    # a later change reopens the form as a draft; the submission stays as it was
    r = entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "410"})
    assert r.reopened and r.state == "draft"
    assert json.loads(county_ws.db["submissions"].get(1)["values_json"])["pri_students"] == 400


def test_bureau_enters_only_for_paper_schools(county_ws):
    with pytest.raises(UsageError, match="自行填报"):
        entries.set_values(county_ws, SELF, 2024, "primary", GOOD)
    r = entries.set_values(county_ws, PAPER, 2024, "primary", GOOD)
    assert county_ws.db["entries"].get(r.entry_id)["owner"] == county_ws.org_code


def test_values_received_from_a_school_are_not_overwritten(county_ws):
    entries.set_values(county_ws, SELF, 2024, "primary", GOOD, received_from=SELF,
                       operator="校长")
    assert entries.history(county_ws, SELF, "pri_students")[0].operator == "校长"
    with pytest.raises(UsageError):
        entries.set_values(county_ws, SELF, 2024, "primary", {"pri_students": "1"})
    with pytest.raises(UsageError, match="不能被覆盖"):
        entries.set_values(county_ws, SELF, 2024, "primary", {"pri_students": "1"},
                           received_from="530113")


def test_school_workspace_edits_only_itself(tmp_path, catalog):
    with Workspace.create(tmp_path / "s", org="2153113101", role="school", operator="马老师",
                          demo=True, catalog=catalog) as ws:
        entries.set_values(ws, "2153113101", 2024, None, {"pri_students": "800"})
        with pytest.raises(UsageError, match="不能为"):
            entries.set_values(ws, "2153113102", 2024, None, {"pri_students": "800"})
        assert ws.db["entries"].get(1)["owner"] == "2153113101"


def test_carry_over_from_last_year(county_ws):
    entries.set_values(county_ws, PAPER, 2023, "primary", GOOD)
    entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "470"})
    r = entries.carry_over(county_ws, PAPER, 2024, "primary")
    assert {c.field for c in r.changes} == {"pri_fulltime_teachers", "pri_backbone_teachers"}
    view = entries.view_entry(county_ws, PAPER, 2024, "primary")
    assert view.values["pri_students"] == 470  # what was entered is kept
    assert set(view.carried_over) == {"pri_fulltime_teachers", "pri_backbone_teachers"}
    assert entries.history(county_ws, PAPER, "pri_backbone_teachers", 2024)[0].source == \
        "carry_over"
    # confirming a carried-over value (same value) clears the mark
    entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_backbone_teachers": "5"})
    assert entries.view_entry(county_ws, PAPER, 2024, "primary").carried_over == (
        "pri_fulltime_teachers",)
    with pytest.raises(UsageError, match="没有 2022 年"):
        entries.carry_over(county_ws, PAPER, 2023, "primary")


def test_values_survive_a_crash(tmp_path, catalog):
    """Each change is committed at once: a process killed right after keeps it."""
    import subprocess
    import sys

    path = tmp_path / "ws"
    Workspace.create(path, org="东川区", role="county", operator="甲", catalog=catalog).close()
    code = (
        "import os\n"
        "from eduplan_core.store.workspace import Workspace\n"
        "from eduplan_core.store.entries import set_values\n"
        f"ws = Workspace.open(r'{path}', daily_backup=False)\n"
        "set_values(ws, '东川区', 2024, 'county', {'cty_pop_3_5': '8123'})\n"
        "os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    with Workspace.open(path, daily_backup=False) as ws:
        assert entries.view_entry(ws, "东川区", 2024, "county").values["cty_pop_3_5"] == 8123


def test_required_fields_are_checked_in_every_year(county_ws):
    _fill_primary(county_ws, PAPER, 2023)
    entries.submit(county_ws, PAPER, 2023, "primary")
    entries.carry_over(county_ws, PAPER, 2024, "primary")
    entries.set_values(county_ws, PAPER, 2024, "primary", {"fulltime_teachers": ""})
    with pytest.raises(ValidationFailed, match="“专任教师数”为必填项"):
        entries.submit(county_ws, PAPER, 2024, "primary")


def test_carry_over_and_typed_values_are_one_change(county_ws):
    entries.set_values(county_ws, PAPER, 2023, "primary", GOOD)
    before = count_rows(county_ws)
    with pytest.raises(ValidationFailed):
        entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "-1"},
                           carried_values=entries.last_year_values(county_ws, PAPER, 2024,
                                                                   "primary"))
    assert count_rows(county_ws) == before  # the carried values were not stored either
    r = entries.set_values(county_ws, PAPER, 2024, "primary", {"pri_students": "470"},
                           carried_values=entries.last_year_values(county_ws, PAPER, 2024,
                                                                   "primary"))
    view = entries.view_entry(county_ws, PAPER, 2024, "primary")
    assert view.values["pri_students"] == 470 and "pri_students" not in view.carried_over
    assert set(view.carried_over) == {"pri_fulltime_teachers", "pri_backbone_teachers"}
    assert len(r.changes) == 3


def test_every_unknown_field_and_every_bad_value_is_named_at_once(county_ws):
    with pytest.raises(UsageError) as info:
        entries.set_values(county_ws, PAPER, 2024, "primary",
                           {"nope": "1", "nada": "2", "pri_backbone_per100": "1"})
    assert all(w in info.value.message for w in ("nope", "nada", "计算字段"))
    # a type error of one field hides no range error of another
    with pytest.raises(ValidationFailed) as info:
        entries.set_values(county_ws, PAPER, 2024, "primary",
                           {"pri_students": "abc", "pri_fulltime_teachers": "-5"})
    assert {i.fields[0] for i in info.value.issues} == {"pri_students", "pri_fulltime_teachers"}
    assert count_rows(county_ws)["revisions"] == 0
