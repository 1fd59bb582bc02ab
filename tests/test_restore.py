"""A lost school laptop (issue 11 §2): the county re-seeds a new school workspace from its
merged copy; the new workspace enrols with new keys and goes on from the restored history;
its next bundle merges at the county with no duplicate and no lost revision."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.errors import UsageError
from eduplan_core.exchange import keys
from eduplan_core.exchange.inbox import Outcome
from eduplan_core.exchange.restore import WrongRestoreCode
from eduplan_core.exchange.setup import export_setup, import_setup
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows

from .chain import (PASS, SCHOOL, confirm_all, data_dump, fill_school,
                    open_ws, send)


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


def _revisions(ws, org=SCHOOL):
    return {r[0]: r for r in data_dump(ws)["revisions"]}


def test_a_reseeded_school_goes_on_and_its_next_bundle_merges_without_loss(chain, tmp_path):
    fill_school(chain.school, 2023)
    fill_school(chain.school, 2024)
    entries.set_values(chain.school, SCHOOL, 2024, "primary", {"pri_students": "605"})
    send(chain.school, chain.county, 2023, tmp_path / "a.eduplan")
    confirm_all(chain.county)
    send(chain.school, chain.county, 2024, tmp_path / "b.eduplan")
    # the laptop is lost: the county writes a restore file
    out = tmp_path / "restore.eduplan-setup"
    info = export_setup(chain.county, PASS, [SCHOOL], out, restore=True)
    assert info.restore_code and len(info.restore_code.replace(" ", "")) == 24
    new_path = tmp_path / "new-laptop"
    with pytest.raises(UsageError, match="恢复码"):
        import_setup(out, new_path, None, "王老师", PASS)
    with pytest.raises(WrongRestoreCode):
        import_setup(out, new_path, None, "王老师", PASS, restore_code="1" * 24)
    assert not new_path.exists()  # a wrong code changes nothing
    result = import_setup(out, new_path, None, "王老师", PASS, restore_code=info.restore_code)
    assert result.restored_revisions == len([r for r in data_dump(chain.county)["revisions"]
                                             if r[9] == chain.school.info().workspace_id])
    new = open_ws(new_path)
    try:
        assert keys.key_info(new).fingerprint != keys.key_info(chain.school).fingerprint
        view = entries.view_entry(new, SCHOOL, 2024, "primary")
        assert view.values["pri_students"] == 605 and view.state == "draft"
        # goes on from the restored history
        entries.set_values(new, SCHOOL, 2024, "primary", {"pri_students": "612"})
        entries.submit(new, SCHOOL, 2024, "primary")
        before = _revisions(chain.county)
        r = send(new, chain.county, 2024, tmp_path / "c.eduplan")
        assert r.outcome == Outcome.PENDING and "密钥与以前不同" in r.reason
        assert r.sequence == 3  # after the two the lost laptop sent
        confirm_all(chain.county)
        after = _revisions(chain.county)
        assert set(before) <= set(after) and len(after) == len(before) + 1  # nothing twice
        county_view = entries.view_entry(chain.county, SCHOOL, 2024, "primary")
        assert county_view.values["pri_students"] == 612 and county_view.state == "submitted"
        new_rev = next(v for k, v in after.items() if k not in before)
        old_head = [k for k, v in before.items() if v[2] == "pri_students" and v[4] == 605]
        assert new_rev[10] == old_head[0]  # its chain link names the restored revision
        hist = entries.history(chain.county, SCHOOL, "pri_students", 2024)
        assert [h.new for h in hist] == [600, 605, 612]
        received = rows.received_from(chain.county, SCHOOL)
        assert [x["status"] for x in received] == ["merged", "merged", "merged"]
    finally:
        new.close()


def test_a_restore_file_is_only_for_one_school_with_data(chain, tmp_path):
    with pytest.raises(UsageError, match="一所学校"):
        export_setup(chain.county, PASS, [SCHOOL, "2153119001"], tmp_path / "x", restore=True)
    with pytest.raises(UsageError, match="没有"):
        export_setup(chain.county, PASS, [SCHOOL], tmp_path / "y", restore=True)


def test_a_tampered_restore_part_is_refused(chain, tmp_path):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, tmp_path / "a.eduplan")
    confirm_all(chain.county)
    out = tmp_path / "restore.eduplan-setup"
    info = export_setup(chain.county, PASS, [SCHOOL], out, restore=True)
    doc = json.loads(out.read_text("utf-8"))
    blob = doc["restore_data"]
    doc["restore_data"] = blob[:40] + ("A" if blob[40] != "A" else "B") + blob[41:]
    out.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(Exception, match="与签名不符"):
        import_setup(out, tmp_path / "n", None, "王", PASS, restore_code=info.restore_code)
    assert not (tmp_path / "n").exists()


def test_the_cli_writes_and_reads_a_restore_file(chain, tmp_path, monkeypatch):
    fill_school(chain.school)
    send(chain.school, chain.county, 2024, tmp_path / "a.eduplan")
    confirm_all(chain.county)
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    runner = CliRunner()
    out = tmp_path / "r.eduplan-setup"
    r = runner.invoke(cli, ["setup", "export", "--for", SCHOOL, "--restore", "--out", str(out),
                            "--workspace", str(chain.county.path)])
    assert r.exit_code == 0, r.output
    code = r.output.split("恢复码：")[1].splitlines()[0].strip()
    r = runner.invoke(cli, ["setup", "import", str(out), "--operator", "王", "--workspace",
                            str(tmp_path / "n")], input=code + "\n")
    assert r.exit_code == 0, r.output
    assert "已恢复修改记录" in r.output  # the prompt took the code
