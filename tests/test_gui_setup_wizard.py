"""The first-run wizard's 用上级发来的设立文件建立 (desktop/pages/wizard.py): a county's real setup
file (tests/chain.py, real keys with the cheap Argon2id test setting) makes a school's
workspace — the county's fingerprint shown for the phone check, this unit picked when the file
sets up several, a new passphrase, the workspace made in a worker, its own fingerprint shown.
Only the file dialog is answered by the test."""

import json
from pathlib import Path

import pytest

from eduplan_core.exchange import keys
from eduplan_core.exchange.setup import export_setup
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput

from .chain import COUNTY, OTHER, PASS, SCHOOL, bureau, open_ws, register

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The documented cheap Argon2id setting; the new passphrase from EDUPLAN_PASSPHRASE (the
    dialog is driven in one test, without it)."""
    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    for name in ("EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


def make_county(tmp_path: Path, units: list[str]) -> tuple[Path, str, str]:
    """东川区 with its keys and two registered schools; the setup file for ``units``. Returns
    the file, the county's name and its fingerprint."""
    county = bureau(tmp_path / "county", COUNTY, "county")
    try:
        register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学"),
                 SchoolInput(OTHER, "测试第二小学", COUNTY, "小学"))
        out = tmp_path / "setup.eduplan-setup"
        export_setup(county, PASS, units, out)
        return out, county.org.name, keys.key_info(county).fingerprint
    finally:
        county.close()


def start(qtbot, monkeypatch, setup_file: Path, operator: str = "王老师"):
    """The wizard on its setup-file page, the file chosen through the (patched) dialog."""
    from PySide6.QtWidgets import QFileDialog, QWizard

    from desktop.pages.wizard import SETUP, FirstRunWizard

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(setup_file), "")))
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.radios[SETUP].setChecked(True)
    assert not next_button(wizard).isEnabled()  # the operator is asked first
    wizard.choice_page.operator.setText(operator)
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.setup_file_page
    assert wizard.currentPage() is page
    assert not next_button(wizard).isEnabled()  # no file yet
    page.choose.click()
    return wizard


def next_button(wizard):
    from PySide6.QtWidgets import QWizard

    return wizard.button(QWizard.WizardButton.NextButton)


def commit_button(wizard):
    from PySide6.QtWidgets import QWizard

    return wizard.button(QWizard.WizardButton.CommitButton)


def finish(qtbot, wizard):
    """建立工作区 on the unit page, the worker awaited, then 打开 on the last page."""
    from PySide6.QtWidgets import QWizard

    assert wizard.currentPage() is wizard.setup_unit_page
    commit_button(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.setup_done_page, timeout=30000)
    done = wizard.setup_done_page
    fingerprint = done.fingerprint_text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == wizard.DialogCode.Accepted
    return fingerprint


def test_a_setup_file_makes_the_school_workspace_with_the_county_as_parent(
        qtbot, monkeypatch, tmp_path, isolated_home):
    setup_file, county_name, county_fp = make_county(tmp_path, [SCHOOL])
    wizard = start(qtbot, monkeypatch, setup_file)
    page = wizard.setup_file_page
    assert page.error.text() == ""
    assert county_name in page.bureau.text()
    assert page.fingerprint_text() == county_fp  # large, on two lines, for the phone
    assert len(page.fingerprint.text().splitlines()) == 2
    assert "打电话" in page.instruction.text()
    assert next_button(wizard).isEnabled()
    next_button(wizard).click()
    unit = wizard.setup_unit_page
    assert unit.code() == SCHOOL  # the file's only unit, already selected
    assert unit.filter.isHidden()
    assert "测试中心小学" in unit.chosen.text()
    assert unit.folder.edit.text() == str(isolated_home / f"workspace-{SCHOOL}")  # the default
    folder = tmp_path / "school"
    unit.folder.edit.setText(str(folder))
    own = finish(qtbot, wizard)
    assert "上级首次收到本单位的数据包时，会请你读出这个指纹" in "".join(
        w.text() for w in wizard.setup_done_page.findChildren(type(page.bureau)))
    assert wizard.workspace_path == folder
    with open_ws(folder) as ws:
        assert (ws.org_code, ws.role, ws.operator) == (SCHOOL, "school", "王老师")
        assert ws.org.parent == COUNTY
        parents = rows.peers(ws, COUNTY, "parent")
        assert [(p["status"], p["fingerprint"]) for p in parents] == [("confirmed", county_fp)]
        assert keys.has_keys(ws)
        assert keys.key_info(ws).fingerprint == own
        keys.unlock(ws, PASS)  # the passphrase given protects the keys


def test_a_tampered_setup_file_is_refused_and_nothing_is_made(qtbot, monkeypatch, tmp_path,
                                                              isolated_home):
    setup_file, _name, _fp = make_county(tmp_path, [SCHOOL])
    doc = json.loads(setup_file.read_text(encoding="utf-8"))
    assert "测试中心小学" in doc["statement"]
    doc["statement"] = doc["statement"].replace("测试中心小学", "测试中新小学", 1)  # one character
    setup_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = setup_file.read_bytes()
    wizard = start(qtbot, monkeypatch, setup_file)
    page = wizard.setup_file_page
    assert "签名不正确" in page.error.text()
    assert "未做任何修改" in page.error.text()
    assert page.details.isHidden()  # no sender, no fingerprint of a file that cannot be trusted
    assert not next_button(wizard).isEnabled()
    assert wizard.currentPage() is page
    assert setup_file.read_bytes() == before
    assert [p.parent.name for p in tmp_path.rglob("eduplan.sqlite")] == ["county"]
    assert not list(isolated_home.glob("workspace-*"))
    assert wizard.workspace_path is None


def test_a_file_of_two_units_asks_which_is_this_one(qtbot, monkeypatch, tmp_path):
    setup_file, _name, county_fp = make_county(tmp_path, [SCHOOL, OTHER])
    wizard = start(qtbot, monkeypatch, setup_file, operator="赵老师")
    next_button(wizard).click()
    unit = wizard.setup_unit_page
    assert unit.list.count() == 2
    assert not unit.filter.isHidden()
    assert unit.code() is None  # no guess
    assert not commit_button(wizard).isEnabled()
    unit.filter.setText("第二")  # a single match is selected
    assert unit.code() == OTHER
    assert commit_button(wizard).isEnabled()
    unit.filter.setText("小学")  # both match: the choice stays as it was
    assert unit.code() == OTHER
    unit.filter.clear()
    unit.select(SCHOOL)
    folder = tmp_path / "school"
    unit.folder.edit.setText(str(folder))
    finish(qtbot, wizard)
    with open_ws(folder) as ws:
        assert (ws.org_code, ws.operator) == (SCHOOL, "赵老师")
        assert [p["fingerprint"] for p in rows.peers(ws, COUNTY, "parent")] == [county_fp]


def test_a_folder_holding_other_things_is_refused(qtbot, monkeypatch, tmp_path):
    setup_file, _name, _fp = make_county(tmp_path, [SCHOOL])
    wizard = start(qtbot, monkeypatch, setup_file)
    next_button(wizard).click()
    unit = wizard.setup_unit_page
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    unit.folder.edit.setText(str(folder))
    commit_button(wizard).click()
    assert "不是 EduPlan 工作区" in unit.error.text()
    assert wizard.currentPage() is unit
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    unit.folder.edit.setText(str(empty))
    finish(qtbot, wizard)
    with open_ws(empty) as ws:
        assert ws.org_code == SCHOOL


def test_the_new_passphrase_is_asked_in_the_dialog(qtbot, monkeypatch, tmp_path):
    monkeypatch.delenv("EDUPLAN_PASSPHRASE")
    setup_file, _name, _fp = make_county(tmp_path, [SCHOOL])
    wizard = start(qtbot, monkeypatch, setup_file)
    next_button(wizard).click()
    unit = wizard.setup_unit_page
    folder = tmp_path / "school"
    unit.folder.edit.setText(str(folder))
    commit_button(wizard).click()
    dialog = unit.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()  # Cancel: nothing is made, the page stays
    assert not folder.exists()
    assert wizard.currentPage() is unit and not unit.busy
    commit_button(wizard).click()
    dialog = unit.passphrase_dialog
    new = "新的口令 new passphrase"
    dialog.field.setText(new)
    dialog.again.setText(new)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.setup_done_page, timeout=30000)
    with open_ws(folder) as ws:
        keys.unlock(ws, new)


def test_a_restore_file_asks_for_the_restore_code(qtbot, monkeypatch, tmp_path, isolated_home):
    """A lost laptop: the county's restore file; the new workspace holds the school's values."""
    from eduplan_core.store import entries

    from .chain import fill_school, send, setup_child

    county = bureau(tmp_path / "county", COUNTY, "county")
    register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学"))
    school = setup_child(county, SCHOOL, tmp_path / "old", tmp_path)
    fill_school(school)
    send(school, county, 2024, tmp_path / "a.eduplan")
    from .chain import confirm_all

    confirm_all(county)
    out = tmp_path / "restore.eduplan-setup"
    code = export_setup(county, PASS, [SCHOOL], out, restore=True).restore_code
    school.close()
    county.close()
    wizard = start(qtbot, monkeypatch, out)
    next_button(wizard).click()
    unit = wizard.setup_unit_page
    assert unit.restore_code.isVisible() and "恢复文件" in unit.subTitle()
    unit.folder.edit.setText(str(tmp_path / "new"))
    assert not commit_button(wizard).isEnabled()  # the code first
    unit.restore_code.setText(code)
    assert commit_button(wizard).isEnabled()
    finish(qtbot, wizard)
    with open_ws(tmp_path / "new") as ws:
        assert entries.view_entry(ws, SCHOOL, 2024, "primary").values["pri_students"] == 600
