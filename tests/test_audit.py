"""The audit chain (issue 11 §1): every write is a row of a hash chain in the same
transaction; `eduplan audit verify` catches an edited, an inserted and a deleted row (the file
edited with plain sqlite3, triggers dropped first), and a chain rewritten consistently is
caught by the heads signed at each export, which the parent holds too."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.exchange import audit_heads, conflicts, keys
from eduplan_core.store import audit, backup, entries
from eduplan_core.store.orgs import set_school_attr

from .chain import (COUNTY, PAPER, PASS, SCHOOL, confirm_all, fill_school,
                    open_ws, send, setup_child)


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


def _actions(ws) -> list[str]:
    return [r["action"] for r in reversed(audit.rows(ws.db))]


def test_every_kind_of_write_is_in_the_chain(chain, tmp_path):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, tmp_path / "s.eduplan")
    confirm_all(chain.county)
    set_school_attr(chain.county, SCHOOL, 2024, "quality", "是")
    entries.set_values(chain.county, PAPER, 2024, "primary", {"pri_students": "90"})
    paper = setup_child(chain.county, PAPER, tmp_path / "paper", tmp_path)
    entries.set_values(paper, PAPER, 2024, "primary", {"pri_students": "95"})
    send(paper, chain.county, 2024, tmp_path / "p.eduplan")
    confirm_all(chain.county)
    (c,) = conflicts.list_conflicts(chain.county, open_only=True)
    conflicts.resolve(chain.county, c.id, "here", "县里核实过")
    keys.rotate_keys(chain.county, PASS)
    at_school = _actions(chain.school)
    assert at_school[:3] == ["init", "register_schools", "keys"] or "init" in at_school
    for action in ("setup_import", "keys", "enter", "submit", "export"):
        assert action in at_school, action
    at_county = _actions(chain.county)
    for action in ("init", "setup_import", "register_schools", "setup_export", "import",
                   "enrol", "school_attr", "enter", "resolve_conflict", "keys"):
        assert action in at_county, action
    outcomes = [json.loads(r["detail"])["outcome"] for r in audit.rows(chain.county.db)
                if r["action"] == "import"]
    assert {"pending", "merged", "conflict"} <= set(outcomes)
    assert audit_heads.verify(chain.county).ok
    paper.close()


def test_a_restore_is_the_next_row_of_the_restored_chain(chain):
    fill_school(chain.school, submit=False)
    taken = backup.take_backup(chain.school.path, "manual")
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "601"})
    path = chain.school.path
    chain.school.close()
    backup.restore(path, taken.name)
    chain.school = open_ws(path)
    assert _actions(chain.school)[-1] == "restore"
    assert audit_heads.verify(chain.school).ok


def _tamper(ws_path: Path, *sql: str, params=()) -> None:
    conn = sqlite3.connect(ws_path / "eduplan.sqlite")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_append_only_u")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_append_only_d")
    conn.execute("DROP TRIGGER IF EXISTS audit_heads_append_only_d")
    for q in sql:
        conn.execute(q, params if "?" in q else ())
    conn.commit()
    conn.close()


def _school_after_export(chain, tmp_path):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, tmp_path / "s.eduplan")
    confirm_all(chain.county)
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "610"})
    path = chain.school.path
    chain.school.close()
    return path


def _verify(path: Path, heads: Path | None = None) -> audit_heads.VerifyResult:
    ws = open_ws(path)
    try:
        return audit_heads.verify(ws, heads)
    finally:
        ws.close()


def test_an_edited_row_is_caught(chain, tmp_path):
    path = _school_after_export(chain, tmp_path)
    assert _verify(path).ok
    _tamper(path, "UPDATE audit_log SET detail = replace(detail, '\"submit\"', '\"x\"') "
                  "WHERE id = 3")
    _tamper(path, "UPDATE audit_log SET operator = '别人' WHERE id = 4")
    r = _verify(path)
    assert not r.ok and {p.row for p in r.problems if p.kind == "edited"} == {4}
    chain.school = open_ws(path)


def test_an_inserted_row_is_caught(chain, tmp_path):
    path = _school_after_export(chain, tmp_path)
    conn = sqlite3.connect(path / "eduplan.sqlite")
    prev = conn.execute("SELECT hash FROM audit_log WHERE id = 2").fetchone()[0]
    conn.close()
    forged = audit.row_hash(prev, 3, "2024-01-01T00:00:00+00:00", "x", "enter", "{}")
    _tamper(path, "UPDATE audit_log SET id = -id WHERE id >= 3",
            "UPDATE audit_log SET id = 1 - id WHERE id < 0")
    _tamper(path, "INSERT INTO audit_log VALUES (3, '2024-01-01T00:00:00+00:00', 'x', 'enter', "
                  f"'{{}}', '{prev}', '{forged}')")
    r = _verify(path)
    assert not r.ok and min(p.row for p in r.problems) == 4
    chain.school = open_ws(path)


def test_a_deleted_row_is_caught(chain, tmp_path):
    path = _school_after_export(chain, tmp_path)
    _tamper(path, "DELETE FROM audit_log WHERE id = 5")
    r = _verify(path)
    assert [p.kind for p in r.problems if p.row == 6] == ["deleted"]
    chain.school = open_ws(path)


def test_a_rewritten_chain_is_caught_by_the_heads_the_parent_holds(chain, tmp_path):
    path = _school_after_export(chain, tmp_path)
    heads = tmp_path / "heads.json"
    assert audit_heads.export_heads(chain.county, SCHOOL, heads) == 1
    assert _verify(path, heads).ok
    # rewrite: one row edited and every hash after it recomputed, own signed heads removed
    conn = sqlite3.connect(path / "eduplan.sqlite")
    rows = conn.execute("SELECT id, at, operator, action, detail FROM audit_log ORDER BY id"
                        ).fetchall()
    conn.close()
    stmts, prev = [], audit.GENESIS
    for rid, at, op, action, detail in rows:
        if rid == 3:
            op = "冒名"
        h = audit.row_hash(prev, rid, at, op, action, detail)
        stmts.append((rid, op, prev, h))
        prev = h
    _tamper(path, "DELETE FROM audit_heads")
    conn = sqlite3.connect(path / "eduplan.sqlite")
    conn.executemany("UPDATE audit_log SET operator = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     [(op, p, h, rid) for rid, op, p, h in stmts])
    conn.commit()
    conn.close()
    assert _verify(path).ok  # alone, a consistent rewrite looks whole...
    r = _verify(path, heads)  # ...the parent's signed head says otherwise
    assert not r.ok and r.problems[0].kind == "head_mismatch"
    chain.school = open_ws(path)


def test_the_cli_verifies_lists_and_exports_heads(chain, tmp_path):
    path = _school_after_export(chain, tmp_path)
    runner = CliRunner()
    heads = tmp_path / "h.json"
    r = runner.invoke(cli, ["audit", "heads", "--org", SCHOOL, "--out", str(heads),
                            "--workspace", str(chain.county.path)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["audit", "verify", "--heads", str(heads), "--workspace", str(path)])
    assert r.exit_code == 0 and "审计记录完好" in r.output and "尚未签名" in r.output
    r = runner.invoke(cli, ["audit", "list", "--json", "--workspace", str(path)])
    assert json.loads(r.output)[0]["action"] == "enter"
    _tamper(path, "DELETE FROM audit_log WHERE id = 2")
    r = runner.invoke(cli, ["audit", "verify", "--workspace", str(path), "--json"])
    assert r.exit_code == 1 and json.loads(r.output)["ok"] is False
    chain.school = open_ws(path)
    assert COUNTY
