"""Exchange (issue 10 §2–4): setup files, bundles up a real chain, enrolment, stale and
duplicate bundles, held form versions, conflicts and their resolution, sequences after a
restore, and the CLI. Real workspaces, real keys (the cheap Argon2id test setting), real
files; nothing of the database or the cryptography is mocked."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.errors import UsageError
from eduplan_core.exchange import conflicts, enrol, keys
from eduplan_core.exchange.export import export_bundle, next_sequence
from eduplan_core.exchange.inbox import Outcome, import_file, retry_held
from eduplan_core.exchange.setup import BadSetupFile, export_setup, import_setup, read_setup
from eduplan_core.indicators.service import check_org
from eduplan_core.store import backup, entries
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput

from .chain import (COUNTY, PAPER, PASS, PREFECTURE, PRIMARY, PROVINCE, SCHOOL, bureau,
                    confirm_all, data_dump, fill_school, open_ws, register, send,
                    setup_child)

AS_OF = dt.date(2024, 12, 31)


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


def _school_values(ws, org=SCHOOL, year=2024):
    return {k: r["value"] for k, r in entries.current_values(
        ws, rows.entry_rows(ws, org, year, "primary")[0]["id"]).items()}


# -- setup ---------------------------------------------------------------------------------

def test_setup_file_makes_the_child_with_its_parents_key_schools_and_due_date(tmp_path):
    county = bureau(tmp_path / "county", COUNTY, "county")
    register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学", contact="李老师",
                                 phone="0871-1234567"))
    entries_before = rows.peers(county)
    out = tmp_path / "school.eduplan-setup"
    info = export_setup(county, PASS, ["测试中心小学"], out, dt.date(2025, 10, 31))
    assert info.units == (SCHOOL,) and info.schools == 1 and info.due == "2025-10-31"
    result = import_setup(out, tmp_path / "school", None, "王老师", PASS)
    assert result.created and result.org == SCHOOL
    assert result.parent_fingerprint == keys.key_info(county).fingerprint
    school = open_ws(tmp_path / "school")
    try:
        assert school.role == "school" and school.org.contact == "李老师"
        parent = rows.peers(school, COUNTY, "parent")
        assert [p["status"] for p in parent] == ["confirmed"]
        assert rows.get_meta(school, "due") == "2025-10-31"
        assert keys.key_info(school).fingerprint == result.fingerprint
    finally:
        school.close()
    assert rows.peers(county) == entries_before  # the county learns the school's key later
    county.close()


def test_a_prefecture_sets_up_a_county_with_its_schools_and_their_yearly_attributes(tmp_path):
    pref = bureau(tmp_path / "pref", PREFECTURE, "prefecture")
    county = setup_child(pref, COUNTY, tmp_path / "county", tmp_path)
    register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学"))
    from eduplan_core.store.orgs import set_school_attr

    set_school_attr(county, SCHOOL, 2024, "quality", "是")
    # the county passes its register up in its bundle; the prefecture learns the school
    fill_school_entry(county)
    out = tmp_path / "c.eduplan"
    assert send(county, pref, 2024, out).outcome == Outcome.PENDING
    confirm_all(pref)
    school = pref.orgs.get(SCHOOL)
    assert school is not None and school.attrs_at(2024).quality and not school.attrs_at(2023).quality
    county.close()
    pref.close()


def fill_school_entry(county):
    entries.set_values(county, COUNTY, 2024, "county", {"cty_pop_3_5": "8000"})


def test_setup_import_refuses_a_tampered_file_a_wrong_unit_and_a_file_from_another_bureau(
        tmp_path):
    county = bureau(tmp_path / "county", COUNTY, "county")
    register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学"),
             SchoolInput(PAPER, "测试村小", COUNTY, "小学"))
    out = tmp_path / "two.eduplan-setup"
    export_setup(county, PASS, [SCHOOL, PAPER], out)
    with pytest.raises(UsageError, match="包含多个单位"):
        import_setup(out, tmp_path / "x", None, "王", PASS)
    with pytest.raises(UsageError, match="没有单位"):
        import_setup(out, tmp_path / "x", "五华区", "王", PASS)
    assert not (tmp_path / "x" / "eduplan.sqlite").exists()
    doc = json.loads(out.read_text("utf-8"))
    doc["statement"] = doc["statement"].replace("测试村小", "测试材小")
    forged = tmp_path / "forged.eduplan-setup"
    forged.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(BadSetupFile, match="签名不正确"):
        read_setup(forged)
    (tmp_path / "junk").write_bytes(b"\x00\x01 not json")
    with pytest.raises(BadSetupFile, match="不是 EduPlan 设立文件"):
        read_setup(tmp_path / "junk")
    with pytest.raises(UsageError, match="直属下级"):
        export_setup(county, PASS, ["五华区"], tmp_path / "y")
    with pytest.raises(keys.WrongPassphrase):
        export_setup(county, "wrong passphrase", [SCHOOL], tmp_path / "z")
    assert not (tmp_path / "z").exists()
    county.close()


# -- up the chain --------------------------------------------------------------------------

def test_four_levels_carry_a_schools_values_up_and_the_province_sees_the_same_findings(chain):
    fill_school(chain.school)
    first = send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    assert first.outcome == Outcome.PENDING and first.fingerprint == \
        keys.key_info(chain.school).fingerprint
    assert not rows.entry_rows(chain.county, SCHOOL, 2024, "primary")  # held, not merged
    confirm_all(chain.county)
    assert _school_values(chain.county)["pri_students"] == 600
    for low, high, name in ((chain.county, chain.prefecture, "c1"),
                            (chain.prefecture, chain.province, "p1")):
        assert send(low, high, 2024, chain.tmp / f"{name}.eduplan").outcome == Outcome.PENDING
        confirm_all(high)
    # origin kept all the way: the province's revisions are the school's, by uid
    school_revs = {r[0]: r for r in data_dump(chain.school)["revisions"]}
    province_revs = {r[0]: r for r in data_dump(chain.province)["revisions"]}
    assert set(school_revs) <= set(province_revs)
    assert {province_revs[u][9] for u in school_revs} == {chain.school.info().workspace_id}
    assert _school_values(chain.province) == _school_values(chain.school)
    state = rows.entry_rows(chain.province, SCHOOL, 2024, "primary")[0]["state"]
    assert state == "submitted"
    at_county = [f for f in check_org(chain.county, COUNTY, 2024, as_of=AS_OF).findings
                 if f.org == SCHOOL]
    at_province = [f for f in check_org(chain.province, PROVINCE, 2024, as_of=AS_OF).findings
                   if f.org == SCHOOL]
    assert at_county and at_county == at_province


def test_a_changed_value_travels_up_as_a_new_revision_of_the_same_chain(chain):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "610"})
    r = send(chain.school, chain.county, 2024, chain.tmp / "s2.eduplan")
    assert r.outcome == Outcome.MERGED and r.sequence == 2
    assert r.changes.revisions == 1 and r.changes.values == 1
    assert _school_values(chain.county)["pri_students"] == 610
    state = rows.entry_rows(chain.county, SCHOOL, 2024, "primary")[0]["state"]
    assert state == "draft"  # changed after its submission, as at the school


def test_enrol_confirm_checks_the_fingerprint_read_over_the_phone(chain):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    ring = keys.unlock(chain.county, PASS)
    with pytest.raises(UsageError, match="指纹不符"):
        enrol.confirm(chain.county, ring, SCHOOL, "1234 5678 0000 0000 0000 0000 0000 0000")
    assert not rows.entry_rows(chain.county, SCHOOL, 2024, "primary")
    fp = keys.key_info(chain.school).fingerprint.replace(" ", "")  # typed without spaces
    peer, report = enrol.confirm(chain.county, ring, "测试中心小学", fp)
    assert peer.status == "confirmed" and [f.outcome for f in report.files] == [Outcome.MERGED]
    with pytest.raises(UsageError, match="没有等待确认"):
        enrol.confirm(chain.county, ring, SCHOOL)


def test_a_rotated_key_is_learnt_from_the_statement_signed_by_the_old_one(chain):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    keys.rotate_keys(chain.school, PASS)
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "620"})
    r = send(chain.school, chain.county, 2024, chain.tmp / "s2.eduplan")
    assert r.outcome == Outcome.MERGED
    statuses = sorted(p["status"] for p in rows.peers(chain.county, SCHOOL, "child"))
    assert statuses == ["confirmed", "retired"]


def test_a_new_key_for_a_known_school_without_a_rotation_is_held(chain, tmp_path):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    # the school's laptop replaced: a new workspace from a new setup file, new keys
    other = setup_child(chain.county, SCHOOL, tmp_path / "school2", tmp_path)
    fill_school(other, values={**PRIMARY, "pri_students": "650"})
    r = send(other, chain.county, 2024, tmp_path / "n1.eduplan")
    assert r.outcome == Outcome.PENDING and "密钥与以前不同" in r.reason
    assert _school_values(chain.county)["pri_students"] == 600
    other.close()


# -- duplicate, stale, held ----------------------------------------------------------------

def test_the_same_file_twice_is_a_duplicate_and_an_older_one_is_stale(chain):
    fill_school(chain.school)
    one = export_bundle(chain.school, PASS, 2024, out=chain.tmp / "1.eduplan")
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "601"})
    two = export_bundle(chain.school, PASS, 2024, out=chain.tmp / "2.eduplan")
    ring = keys.unlock(chain.county, PASS)
    assert import_file(chain.county, Path(two.path), ring).outcome == Outcome.PENDING
    confirm_all(chain.county)
    before = data_dump(chain.county)
    stale = import_file(chain.county, Path(one.path), ring)
    assert stale.outcome == Outcome.STALE and "旧" in stale.reason
    again = import_file(chain.county, Path(two.path), ring)
    assert again.outcome == Outcome.DUPLICATE
    assert data_dump(chain.county) == before
    assert _school_values(chain.county)["pri_students"] == 601
    kept = {r["status"] for r in rows.received_from(chain.county, SCHOOL)}
    assert kept == {"merged", "stale"}
    assert (chain.county.path / "inbox" / "accepted" / f"{stale.sha256}.eduplan").is_file()
    log = rows.import_log(chain.county)
    assert [r["outcome"] for r in reversed(log)] == ["pending", "merged", "stale", "duplicate"]


def test_an_unknown_form_version_is_held_until_eduplan_knows_it(chain, monkeypatch):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    # a newer EduPlan at the school: a form version this one has not released
    chain.school.db.execute("UPDATE entries SET form_version = '2026.1'")
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "640"})
    chain.school.db.execute("UPDATE entries SET form_version = '2026.1'")
    r = send(chain.school, chain.county, 2024, chain.tmp / "s2.eduplan")
    assert r.outcome == Outcome.PENDING and "更新 EduPlan" in r.reason and "2026.1" in r.reason
    assert _school_values(chain.county)["pri_students"] == 600
    ring = keys.unlock(chain.county, PASS)
    assert [f.outcome for f in retry_held(chain.county, ring).files] == [Outcome.PENDING]
    # EduPlan updated: the release is known now
    primary = chain.county.catalog.forms["primary"]
    monkeypatch.setitem(chain.county.catalog.releases, "primary",
                        {**chain.county.catalog.releases["primary"], "2026.1": primary.hash})
    assert [f.outcome for f in retry_held(chain.county, ring).files] == [Outcome.MERGED]
    assert _school_values(chain.county)["pri_students"] == 640


def test_values_that_break_the_forms_error_rules_are_rejected_whole(chain):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    before = data_dump(chain.county)
    # a forged school workspace: more 小学 teachers than teachers in the school
    eid = rows.entry_rows(chain.school, SCHOOL, 2024, "primary")[0]["id"]
    head = chain.school.db.execute(
        "SELECT id, uid FROM revisions WHERE entry_id = ? AND field = 'pri_fulltime_teachers' "
        "ORDER BY id DESC", [eid]).fetchone()
    chain.school.db.execute(
        "INSERT INTO revisions (uid, entry_id, field, old_value, new_value, operator, at, source)"
        " VALUES ('forged-1', ?, 'pri_fulltime_teachers', 36, 90, 'x', ?, 'entry')",
        [eid, "2026-01-01T00:00:00+00:00"])
    r = send(chain.school, chain.county, 2024, chain.tmp / "s2.eduplan")
    assert r.outcome == Outcome.REJECTED and "校验规则" in r.reason and head
    assert data_dump(chain.county) == before
    assert (chain.county.path / "inbox" / "quarantine" / f"{r.sha256}.txt").is_file()


# -- conflicts -----------------------------------------------------------------------------

def test_a_paper_schools_own_bundle_conflicts_with_the_bureaus_values_until_resolved(chain,
                                                                                     tmp_path):
    entries.set_values(chain.county, PAPER, 2024, "primary", {"pri_students": "90"})
    paper = setup_child(chain.county, PAPER, tmp_path / "paper", tmp_path)
    entries.set_values(paper, PAPER, 2024, "primary", {"pri_students": "95"})
    out = tmp_path / "p1.eduplan"
    assert send(paper, chain.county, 2024, out).outcome == Outcome.PENDING
    confirm_all(chain.county)
    (c,) = conflicts.list_conflicts(chain.county, open_only=True)
    assert c.kind == "owner" and c.detail["incoming"]["pri_students"] == 95
    assert _school_values(chain.county, PAPER)["pri_students"] == 90  # never silently
    before = data_dump(chain.county)
    again = import_file(chain.county, out, keys.unlock(chain.county, PASS))
    assert again.outcome == Outcome.DUPLICATE and data_dump(chain.county) == before
    with pytest.raises(UsageError, match="理由"):
        conflicts.resolve(chain.county, c.id, "incoming", "  ")
    done, _ = conflicts.resolve(chain.county, c.id, "incoming", "学校已自行报送，以学校为准")
    assert done.resolved_at and done.resolution == "incoming"
    assert _school_values(chain.county, PAPER)["pri_students"] == 95
    # both sides as they were when decided stay with the conflict (the page shows them)
    assert done.detail["here"]["pri_students"] == 90
    assert done.detail["incoming"]["pri_students"] == 95
    hist = entries.history(chain.county, PAPER, "pri_students", 2024)
    assert hist[-1].source == "conflict" and "以学校为准" in (hist[-1].explanation or "")
    assert not conflicts.list_conflicts(chain.county, open_only=True)
    with pytest.raises(UsageError, match="已于"):
        conflicts.resolve(chain.county, c.id, "here", "再改")
    paper.close()


def test_two_different_bundles_with_one_sequence_are_both_kept_as_a_conflict(chain, tmp_path):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    chain.school.close()
    twin = tmp_path / "twin"
    shutil.copytree(chain.tmp / "school", twin)  # the same workspace copied to two computers
    chain.school = open_ws(chain.tmp / "school")
    other = open_ws(twin)
    entries.set_values(other, SCHOOL, 2024, "primary", {"pri_students": "622"})  # earlier
    time.sleep(1.1)  # times have whole seconds: this edit is certainly the later one
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "611"})
    a = send(chain.school, chain.county, 2024, tmp_path / "a.eduplan")
    b = send(other, chain.county, 2024, tmp_path / "b.eduplan")
    assert (a.outcome, b.outcome) == (Outcome.MERGED, Outcome.CONFLICT)
    assert a.sequence == b.sequence == 2
    assert _school_values(chain.county)["pri_students"] == 611
    (c,) = conflicts.list_conflicts(chain.county, open_only=True)
    assert c.kind == "sequence"
    done, outcome = conflicts.resolve(chain.county, c.id, "incoming", "以第二台电脑为准",
                                      keys.unlock(chain.county, PASS))
    assert outcome is not None and outcome.outcome == Outcome.MERGED
    # both histories are kept; the chosen bundle's value is current although the other
    # computer's edit was the later one
    assert _school_values(chain.county)["pri_students"] == 622
    hist = entries.history(chain.county, SCHOOL, "pri_students", 2024)
    assert {h.new for h in hist} >= {600, 611, 622}
    assert hist[-1].source == "conflict" and "以第二台电脑为准" in hist[-1].explanation
    assert done.resolution == "incoming"
    other.close()


# -- sequence ------------------------------------------------------------------------------

def test_the_sequence_never_goes_back_after_a_restore_from_backup(chain):
    fill_school(chain.school)
    taken = backup.take_backup(chain.school.path, "manual")
    export_bundle(chain.school, PASS, 2024, out=chain.tmp / "1.eduplan")
    export_bundle(chain.school, PASS, 2024, out=chain.tmp / "2.eduplan")
    path = chain.school.path
    chain.school.close()
    backup.restore(path, taken.name)
    chain.school = open_ws(path)
    assert rows.last_sent_sequence(chain.school) == 0  # the database went back...
    assert next_sequence(chain.school) == 3  # ...the sequence did not
    assert export_bundle(chain.school, PASS, 2024, out=chain.tmp / "3.eduplan").sequence == 3


def test_export_needs_the_parents_key_and_the_right_passphrase(tmp_path):
    county = bureau(tmp_path / "county", COUNTY, "county")
    with pytest.raises(UsageError, match="设立文件"):
        export_bundle(county, PASS, 2024)
    county.close()


# -- CLI -----------------------------------------------------------------------------------

def test_the_cli_sets_up_exports_imports_confirms_and_resolves(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    runner = CliRunner()

    def run(*args, code=0):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == code, result.output
        return result.output

    county_ws = tmp_path / "county"
    run("init", "--org", "东川区", "--role", "county", "--operator", "张三",
        "--workspace", county_ws)
    run("keys", "init", "--workspace", county_ws)
    run("orgs", "add", "--code", SCHOOL, "--name", "测试中心小学", "--parent", "东川区",
        "--type", "小学", "--workspace", county_ws)
    setup = tmp_path / "school.eduplan-setup"
    out = run("setup", "export", "--for", "测试中心小学", "--out", setup, "--due",
              "2025-10-31", "--workspace", county_ws)
    assert "指纹" in out
    shown = json.loads(run("setup", "show", setup, "--json"))
    assert shown["units"] == [SCHOOL]
    school_ws = tmp_path / "school"
    out = run("setup", "import", setup, "--operator", "王老师", "--workspace", school_ws)
    assert "逐组核对" in out and "测试中心小学" in out
    run("enter", "--org", SCHOOL, "--year", "2024", "--form", "primary", "--set",
        "pri_students=600", "--workspace", school_ws)
    bundle = tmp_path / "b.eduplan"
    out = run("export", "--year", "2024", "--out", bundle, "--workspace", school_ws)
    assert "第 1 号" in out
    report = json.loads(run("import", bundle, "--workspace", county_ws, "--json"))
    assert report["files"][0]["outcome"] == "pending"
    listed = json.loads(run("enrol", "list", "--workspace", county_ws, "--json"))
    assert [p["status"] for p in listed if p["relation"] == "child"] == ["pending"]
    fp = listed[-1]["fingerprint"]
    out = run("enrol", "confirm", SCHOOL, "--fingerprint", fp, "--workspace", county_ws)
    assert "已确认" in out and "已合并" in out
    out = run("import", bundle, "--workspace", county_ws)
    assert "重复" in out
    junk = tmp_path / "junk.eduplan"
    junk.write_bytes(b"PK\x03\x04 a zip, not a bundle")
    out = run("import", junk, tmp_path / "b.eduplan", "--workspace", county_ws, code=1)
    assert "不是 EduPlan 数据包" in out
    run("conflicts", "list", "--workspace", county_ws)
    out = run("conflicts", "resolve", "7", "--keep", "here", "--reason", "x",
              "--workspace", county_ws, code=2)
    assert "没有编号为 7 的冲突" in out
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", "wrong passphrase")
    out = run("import", bundle, "--workspace", county_ws, code=2)
    assert "口令不正确" in out


def test_an_unknown_school_introduces_itself_and_is_registered_on_confirmation(chain,
                                                                              tmp_path):
    """A school the county has not registered yet, set up as a new school, sends its first
    bundle: held; confirmed: registered under the county with its own values."""
    from eduplan_core.store.workspace import Workspace

    new = "2153119099"
    school = Workspace.create(tmp_path / "new", org=new, role="school", operator="新校",
                              school=_new_school(chain.county, new))
    keys.init_keys(school, PASS)
    setup = tmp_path / "county.eduplan-setup"
    # the county's setup file for another school still carries the county's key; the new
    # school takes it by a setup file made for it once it is registered — here it learns the
    # key the way a real school would: from a file the county made for it
    register(chain.county, SchoolInput(new, "新建小学", COUNTY, "小学"))
    export_setup(chain.county, PASS, [new], setup)
    school.close()
    import_setup(setup, tmp_path / "new", None, "新校", None)
    school = open_ws(tmp_path / "new")
    entries.set_values(school, new, 2024, "primary", {"pri_students": "120"})
    r = send(school, chain.county, 2024, tmp_path / "n.eduplan")
    assert r.outcome == Outcome.PENDING
    confirm_all(chain.county)
    assert _school_values(chain.county, new)["pri_students"] == 120
    school.close()


def _new_school(county, code):
    from eduplan_core.store.orgs import check_school

    org, errors = check_school(county.orgs, SchoolInput(code, "新建小学", COUNTY, "小学"))
    assert not errors
    return org


def test_a_bundle_of_another_year_is_not_stale_behind_a_later_sequence(chain):
    fill_school(chain.school, 2024)
    send(chain.school, chain.county, 2024, chain.tmp / "a.eduplan")
    confirm_all(chain.county)
    fill_school(chain.school, 2023, submit=False)
    late = export_bundle(chain.school, PASS, 2023, out=chain.tmp / "b.eduplan")
    fill_school(chain.school, 2024, {"pri_students": "605"}, submit=False)
    newer = export_bundle(chain.school, PASS, 2024, out=chain.tmp / "c.eduplan")
    ring = keys.unlock(chain.county, PASS)
    assert import_file(chain.county, Path(newer.path), ring).outcome == Outcome.MERGED
    # sequence 2 (2023) after sequence 3 (2024): another year's snapshot, merged
    assert import_file(chain.county, Path(late.path), ring).outcome == Outcome.MERGED
    assert _school_values(chain.county, year=2023)["pri_students"] == 600


# -- signed but malformed ------------------------------------------------------------------

def _forged(chain, lines: list[dict], seq: int = 50) -> Path:
    """A bundle sealed and signed with the school's real keys whose payload says ``lines``:
    what a broken or hostile EduPlan could send (the signature proves only who sent it)."""
    import gzip

    from eduplan_core.exchange.container import b64, write_sealed

    pair = keys.unlock(chain.school, PASS).current
    enc, sig = pair.public
    county_key = rows.peers(chain.school, COUNTY, "parent")[0]["encryption_key"]
    payload = chain.tmp / f"payload-{seq}.gz"
    payload.write_bytes(gzip.compress(b"".join(
        json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)))
    header = {"format": "eduplan-bundle", "kind": "data",
              "from": {"org": SCHOOL, "name": "测试中心小学"},
              "to": {"org": COUNTY, "name": "东川区", "key": b64(county_key)}}
    statement = {"format": "eduplan-bundle", "version": 1, "kind": "data",
                 "sender": {"org": SCHOOL, "name": "测试中心小学", "level": "school",
                            "workspace": chain.school.info().workspace_id,
                            "encryption_key": b64(enc), "signing_key": b64(sig),
                            "fingerprint": pair.fingerprint, "generation": 1},
                 "recipient": {"org": COUNTY, "encryption_key": b64(county_key)},
                 "year": 2024, "sequence": seq, "created_at": "2024-10-01T08:00:00+08:00",
                 "rotations": [], "payload": {"encoding": "gzip+jsonl", "lines": len(lines)}}
    out = chain.tmp / f"forged-{seq}.eduplan"
    write_sealed(out, header, statement, payload, pair.signing, county_key)
    return out


def test_a_signed_bundle_with_broken_records_is_rejected_with_a_reason(chain):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, chain.tmp / "s1.eduplan")
    confirm_all(chain.county)
    before = data_dump(chain.county)
    entry = {"type": "entry", "uid": "e-1", "org": SCHOOL, "year": 2024, "form": "primary",
             "form_version": chain.county.catalog.forms["primary"].version,
             "form_hash": chain.county.catalog.forms["primary"].hash, "owner": SCHOOL,
             "created_at": "2024-10-01T08:00:00+08:00", "updated_at": "2024-10-01T08:00:00+08:00"}
    rev = {"type": "revision", "uid": "r-1", "entry_uid": "e-1", "field": "pri_students",
           "old_value": None, "new_value": 5, "explanation": None, "operator": "x",
           "at": "2024-10-01T08:00:00+08:00", "source": "entry", "origin_workspace": "w",
           "prev_uid": None}
    cases = [
        [{"type": "nonsense"}],
        [{**entry, "year": "2024"}],
        [entry, {**rev, "at": "yesterday"}],
        [entry, {**rev, "new_value": [1, 2]}],
        [{**entry, "org": "2153119001", "owner": "2153119001"}, {**rev}],  # another school
        [{**entry, "form": ["primary"]}],
        [entry, {**rev, "entry_uid": "e-missing"}],
    ]
    ring = keys.unlock(chain.county, PASS)
    for n, lines in enumerate(cases):
        r = import_file(chain.county, _forged(chain, lines, 50 + n), ring)
        assert r.outcome == Outcome.REJECTED and r.reason, (n, r)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.reason), r.reason
        assert data_dump(chain.county) == before, n


def test_an_existing_county_takes_its_parents_key_from_a_setup_file(tmp_path, monkeypatch):
    """A county that started with `eduplan init` (values already entered, no keys yet) imports
    the prefecture's setup file: it keeps its data, makes its keys, learns its parent."""
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    pref = bureau(tmp_path / "pref", PREFECTURE, "prefecture")
    setup = tmp_path / "pref.eduplan-setup"
    export_setup(pref, PASS, ["东川区"], setup)
    runner = CliRunner()
    county = tmp_path / "county"
    assert runner.invoke(cli, ["init", "--org", "东川区", "--role", "county", "--operator", "张三",
                               "--workspace", str(county)]).exit_code == 0
    assert runner.invoke(cli, ["enter", "--org", "东川区", "--year", "2024", "--set",
                               "cty_pop_3_5=8000", "--workspace", str(county)]).exit_code == 0
    r = runner.invoke(cli, ["setup", "import", str(setup), "--workspace", str(county)])
    assert r.exit_code == 0, r.output
    assert "已更新工作区" in r.output
    ws = open_ws(county)
    try:
        assert keys.has_keys(ws) and rows.peers(ws, PREFECTURE, "parent")
        assert export_bundle(ws, PASS, 2024).sequence == 1
    finally:
        ws.close()
    wrong = tmp_path / "school"
    r = runner.invoke(cli, ["setup", "import", str(setup), "--org", "东川区", "--operator", "李",
                            "--workspace", str(county)])
    assert r.exit_code == 0  # again: nothing new, no second key
    assert not wrong.exists()
    pref.close()


def test_a_killed_imports_decrypted_leftovers_are_removed_on_the_next_open(chain):
    path = chain.county.path
    chain.county.close()
    (path / ".import-abc123").mkdir()
    (path / ".import-abc123" / "payload").write_bytes(b"decrypted values")
    (path / "inbox" / "accepted").mkdir(parents=True, exist_ok=True)
    (path / "inbox" / "accepted" / ".x.eduplan.99.part").write_bytes(b"half")
    mine = path / "inbox" / "accepted" / "notes.txt"  # not EduPlan's: left alone
    mine.write_text("用户的笔记", "utf-8")
    chain.county = open_ws(path)
    assert not (path / ".import-abc123").exists()
    assert not (path / "inbox" / "accepted" / ".x.eduplan.99.part").exists()
    assert mine.read_text("utf-8") == "用户的笔记"

