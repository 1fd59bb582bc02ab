"""Workspaces from the app (issue 12 §1, the year of §3): the first start's wizard with the demo
preselected (Enter opens it); 文件 → 新建工作区… makes a 会泽县 county workspace and the window
switches to it without a restart; the demo school one click away, in place; the recent list;
the last workspace opened again at the next start (one that is gone: the wizard, saying why);
the year a workspace opens on and the years offered; 文件 → 导入上级的设立文件… for a workspace
that exists. Real workspaces, real keys (the cheap Argon2id test setting); only the file
dialogs are answered by the test."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import pytest

from eduplan_core.exchange import keys
from eduplan_core.rounds import current_round
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput
from eduplan_core.store.workspace import Workspace

from .chain import PASS, PRIMARY, bureau, open_ws, register

pytestmark = pytest.mark.gui

HUIZE, QUJING = "530326", "530300"  # 会泽县, 曲靖市
HUIZE_SCHOOL = "2153269001"
DEMO_SCHOOL = "2153113101"  # 东川区第一小学


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The documented cheap Argon2id setting; the passphrase from the environment (the new
    one when keys are made), so that no passphrase dialog is asked."""
    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    for name in ("EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def demo_home(isolated_home, demo_master):
    """The demo already built where the app looks for it (building it takes a while)."""
    shutil.copytree(demo_master, isolated_home / "demo", ignore=shutil.ignore_patterns("locks"))
    return isolated_home


def no_args() -> argparse.Namespace:
    return argparse.Namespace(workspace=None, demo=False, demo_school=None)


def on_wizard(act):
    """``act(wizard, seen)`` on the wizard that start_window shows next (its exec() blocks the
    test, so a timer looks for it); whatever ``act`` raises is kept in ``seen`` and the wizard
    cancelled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.pages.wizard import FirstRunWizard

    seen: dict = {}

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, FirstRunWizard) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, look)
            return
        wizard = shown[0]
        seen["wizard"] = wizard
        try:
            act(wizard, seen)
        except Exception as exc:  # said by the test after exec() returned
            seen["error"] = exc
            wizard.reject()
        QTimer.singleShot(30000, lambda: wizard.isVisible() and (
            seen.setdefault("error", "the wizard stayed open"), wizard.reject()))

    QTimer.singleShot(0, look)
    return seen


def nav_keys(window) -> list[str]:
    from PySide6.QtCore import Qt

    return [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())
            if window.nav.item(i).data(Qt.ItemDataRole.UserRole)]


def years_in_box(window) -> list[int]:
    return [window.year_box.itemData(i) for i in range(window.year_box.count())]


def close(window) -> None:
    window.close()
    window.deleteLater()


# -- the first start ----------------------------------------------------------------------------
def test_a_first_start_shows_the_wizard_with_the_demo_preselected_and_enter_opens_it(
        qtbot, demo_home):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from desktop.app import start_window
    from desktop.pages.wizard import DEMO
    from desktop.session import DEMO_AS_OF

    def press_enter(wizard, seen):
        button = wizard.button(QWizard.WizardButton.NextButton)
        seen["title"] = wizard.windowTitle()
        seen["choice"] = wizard.choice_page.choice()
        seen["button"] = (button.text(), button.isDefault(), button.isEnabled())
        seen["reason"] = wizard.choice_page.reason.isVisible()
        qtbot.keyClick(wizard, Qt.Key.Key_Return)

    seen = on_wizard(press_enter)
    window = start_window(no_args())
    assert "error" not in seen, seen.get("error")
    assert seen["title"] == "EduPlan — 首次运行"
    assert seen["choice"] == DEMO and not seen["reason"]
    assert seen["button"] == ("打开(&O)", True, True)  # Enter opens the demo from the first page
    assert window is not None
    qtbot.addWidget(window)
    assert window.session.path == demo_home / "demo"
    assert "东川区" in window.windowTitle() and "演示" in window.windowTitle()
    # the demo: its latest year with data, on the date it was made for
    assert (window.session.year, window.session.as_of) == (2025, DEMO_AS_OF)
    assert window.year_box.currentData() == 2025
    close(window)


def test_the_wizard_filters_select_the_one_match_and_enter_opens_it(qtbot, demo_home, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from desktop.pages.wizard import BUREAU, DEMO_SCHOOL as DEMO_SCHOOL_CHOICE
    from desktop.pages.wizard import FirstRunWizard

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.radios[DEMO_SCHOOL_CHOICE].setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "下一步(&N) >"
    wizard.next()
    page = wizard.demo_school_page
    page.filter.setText("小学")
    assert page.code() == DEMO_SCHOOL  # several left: the chosen one stays
    page.filter.setText("2153113205")
    assert page.code() == "2153113205"  # the one left, selected
    page.filter.setText("没有这所学校")
    assert page.code() is None and not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    # the bureau's page: 会泽 leaves one unit; Enter makes the workspace
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.radios[BUREAU].setChecked(True)
    wizard.choice_page.operator.setText("张三")
    wizard.next()
    bureau_page = wizard.bureau_page
    bureau_page.filter.setText("会泽")
    assert bureau_page.code() == HUIZE and "会泽县" in bureau_page.chosen.text()
    bureau_page.folder.edit.setText(str(tmp_path / "huize"))
    qtbot.keyClick(bureau_page.filter, Qt.Key.Key_Return)
    assert wizard.result() == wizard.DialogCode.Accepted
    with open_ws(tmp_path / "huize") as ws:
        assert (ws.org_code, ws.role, ws.operator) == (HUIZE, "county", "张三")


# -- switching in place -------------------------------------------------------------------------
def test_new_workspace_demo_school_and_recents_switch_the_window_in_place(
        qtbot, demo_home, tmp_path):
    from PySide6.QtWidgets import QWizard

    from desktop.app import open_window, start_window
    from desktop.pages.wizard import BUREAU
    from desktop.session import Session

    demo = demo_home / "demo"
    window = open_window(demo)
    qtbot.addWidget(window)
    assert "schools" in nav_keys(window) and "东川区" in window.windowTitle()
    assert "东川区" in window.identity.text() and "操作员" in window.identity.text()
    # 文件 → 新建工作区…: the wizard (a bureau preselected, the operator filled in)
    window.new_action.trigger()
    wizard = window.wizard
    assert wizard.isVisible() and wizard.windowTitle() == "EduPlan — 新建或打开工作区"
    assert wizard.choice_page.choice() == BUREAU
    wizard.choice_page.operator.setText("张三")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.bureau_page.filter.setText("会泽")
    folder = tmp_path / "会泽县工作区"
    wizard.bureau_page.folder.edit.setText(str(folder))
    with qtbot.waitSignal(window.workspace_switched, timeout=30000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.session.path == folder
    title = window.windowTitle()
    assert "会泽县" in title and "县级教育行政部门" in title and "张三" in title
    assert "演示" not in title
    assert "会泽县" in window.identity.text() and "张三" in window.identity.text()
    assert "schools" in nav_keys(window) and "mine" not in nav_keys(window)
    assert window.stack.count() == len(window.pages)  # the demo's pages are gone
    Session(demo).close()  # the demo's window lock was released
    # a real workspace opens on the current round; the box runs to the current round + 1
    today = dt.date.today()
    assert window.session.year == current_round(today)
    assert years_in_box(window) == list(range(2023, current_round(today) + 2))
    # 文件 → 以演示学校身份打开: built from the demo the first time, shown in place
    with qtbot.waitSignal(window.workspace_switched, timeout=60000):
        window.demo_school_action.trigger()
    assert "东川区第一小学" in window.windowTitle() and "演示" in window.windowTitle()
    assert "学校" in window.identity.text()
    assert nav_keys(window) == ["entry", "mine", "exchange"]
    assert window.session.year == 2025  # the demo: its latest year with data
    page = window.show_page("entry")
    assert page.form_page.key == (DEMO_SCHOOL, 2025, "primary")
    # the recent list has all three, the one shown ticked
    recent = window.recent_actions()
    labels = [a.text() for a in recent]
    assert any("东川区第一小学" in t for t in labels)
    assert any("会泽县" in t for t in labels)
    assert any(t.startswith("&3 东川区（演示）") for t in labels)
    assert [a.isChecked() for a in recent] == [True, False, False]
    huize = next(a for a in recent if "会泽县" in a.text())
    assert Path(huize.data()) == folder.resolve()
    with qtbot.waitSignal(window.workspace_switched, timeout=30000):
        huize.trigger()
    assert "会泽县" in window.windowTitle()
    assert window.switch_to(folder) and window.session.path == folder  # already open: kept
    # 文件 → 打开演示工作区: one click
    with qtbot.waitSignal(window.workspace_switched, timeout=30000):
        window.demo_action.trigger()
    assert window.session.path == demo and "东川区" in window.windowTitle()
    close(window)
    # the next start opens the workspace used last, without the wizard
    window = start_window(no_args())
    qtbot.addWidget(window)
    assert window.session.path.resolve() == demo.resolve()
    close(window)


def test_the_last_workspace_gone_shows_the_wizard_saying_why(qtbot, demo_home, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.app import start_window

    gone = tmp_path / "搬走了"
    QSettings().setValue("workspace", str(gone))

    def cancel(wizard, seen):
        seen["reason"] = wizard.choice_page.reason.text()
        wizard.reject()

    seen = on_wizard(cancel)
    assert start_window(no_args()) is None
    assert "error" not in seen, seen.get("error")
    assert "上次使用的工作区没有打开" in seen["reason"] and str(gone) in seen["reason"]
    assert "已不存在" in seen["reason"]


def test_a_folder_that_is_no_workspace_is_refused_and_the_window_stays(
        qtbot, demo_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.app import open_window

    window = open_window(demo_home / "demo")
    qtbot.addWidget(window)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(empty))
    window.open_action.trigger()
    assert said and "不是 EduPlan 工作区" in said[0]
    assert window.session.path == demo_home / "demo" and window.session.ws.org_code == "530113"
    close(window)


# -- the year -----------------------------------------------------------------------------------
def test_a_real_workspace_opens_on_the_current_round_of_its_as_of_date(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.session import Session

    county = Workspace.create(tmp_path / "huize", org=HUIZE, role="county", operator="张三")
    register(county, SchoolInput(HUIZE_SCHOOL, "会泽测试小学", HUIZE, "小学", paper=True))
    entries.set_values(county, HUIZE_SCHOOL, 2021, "primary", PRIMARY)  # an early year
    entries.submit(county, HUIZE_SCHOOL, 2021, "primary")
    entries.set_values(county, HUIZE_SCHOOL, 2024, "primary", PRIMARY)
    entries.submit(county, HUIZE_SCHOOL, 2024, "primary")  # submitted: not opened on
    county.close()
    today = dt.date.today()
    session = Session(tmp_path / "huize")
    try:
        assert session.as_of_is_today and session.year == current_round(today)
        assert session.years == list(range(2021, current_round(today) + 2))
        window = MainWindow(session)
        qtbot.addWidget(window)
        assert years_in_box(window) == session.years
        assert window.year_box.currentData() == current_round(today)
        window.close()
    finally:
        session.close()
    # an as-of date chosen before: the round of that date (August: still the year before's)
    QSettings().setValue("as_of", "2025-08-31")
    session = Session(tmp_path / "huize")
    try:
        assert (session.as_of, session.year) == (dt.date(2025, 8, 31), 2024)
        session.set_as_of(dt.date(2025, 9, 1))  # kept for the next start
        assert QSettings().value("as_of") == "2025-09-01"
    finally:
        session.close()
    session = Session(tmp_path / "huize")
    try:
        assert session.year == 2025
    finally:
        session.close()


def test_the_demo_opens_on_its_latest_year_and_its_own_date(qtbot, demo_path):
    from PySide6.QtCore import QSettings

    from desktop.session import DEMO_AS_OF, Session

    QSettings().setValue("as_of", "2027-01-15")  # chosen for a real workspace
    session = Session(demo_path)
    try:
        assert (session.year, session.as_of, session.as_of_is_today) == (2025, DEMO_AS_OF, False)
        assert session.years_with_data == {2023, 2024, 2025}
        later = max(DEMO_AS_OF, dt.date.today())
        assert session.years == list(range(2023, current_round(later) + 2))
        session.set_as_of(dt.date(2024, 12, 31))  # looked at; not kept for the demo
        assert QSettings().value("as_of") == "2027-01-15"
    finally:
        session.close()


# -- 导入上级的设立文件 ---------------------------------------------------------------------------
@pytest.fixture
def huize_and_setup(tmp_path):
    """会泽县's workspace as the wizard makes it (no keys, no parent key), and 曲靖市's setup
    file for it (曲靖市 registered one school of 会泽县); 曲靖市's fingerprint."""
    Workspace.create(tmp_path / "huize", org=HUIZE, role="county", operator="张三").close()
    prefecture = bureau(tmp_path / "qujing", QUJING, "prefecture")
    try:
        register(prefecture, SchoolInput(HUIZE_SCHOOL, "会泽测试小学", HUIZE, "小学"))
        out = tmp_path / "会泽县.eduplan-setup"
        from eduplan_core.exchange.setup import export_setup

        export_setup(prefecture, PASS, [HUIZE], out, dt.date(2026, 12, 15))
        other = tmp_path / "宣威市.eduplan-setup"
        export_setup(prefecture, PASS, ["530381"], other)
        return tmp_path / "huize", out, other, keys.key_info(prefecture).fingerprint
    finally:
        prefecture.close()


def test_importing_the_parents_setup_file_adds_the_parent(qtbot, monkeypatch, huize_and_setup):
    from PySide6.QtWidgets import QFileDialog

    from desktop.app import open_window

    huize, setup_file, _other, fingerprint = huize_and_setup
    window = open_window(huize)
    qtbot.addWidget(window)
    send = window.show_page("exchange").send
    assert "文件 → 导入上级的设立文件" in send.parent_problem.text()  # where to go, said
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(setup_file), "")))
    window.parent_setup_action.trigger()
    dialog = window.parent_setup.dialog
    assert dialog.isVisible() and dialog.problem is None
    assert "曲靖市" in dialog.bureau.text()
    assert dialog.fingerprint_text() == fingerprint  # large, for the phone check
    assert len(dialog.fingerprint.text().splitlines()) == 2
    assert "打电话" in dialog.instruction.text()
    dialog.ok_button.click()  # no keys here: the new passphrase from EDUPLAN_PASSPHRASE
    page = window.pages["exchange"]
    qtbot.waitUntil(lambda: window.parent_setup.result is not None, timeout=30000)
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)
    assert page.tabs.currentWidget() is send
    text = send.result.text()
    assert "已导入曲靖市的设立文件" in text and fingerprint in text
    assert "新增 1 所学校" in text and "2026-12-15" in text and "已为本单位建立密钥" in text
    assert send.export_button.isEnabled() and not send.parent_fingerprint.isHidden()
    ws = window.session.ws
    assert ws.orgs.get(HUIZE_SCHOOL) is not None  # the register refreshed in the window
    with open_ws(huize) as check:
        assert [p["status"] for p in rows.peers(check, QUJING, "parent")] == ["confirmed"]
        assert keys.has_keys(check)
    close(window)


def test_a_setup_file_for_another_unit_is_refused_before_anything(
        qtbot, monkeypatch, huize_and_setup):
    from desktop.app import open_window

    huize, _setup, other, _fp = huize_and_setup
    window = open_window(huize)
    qtbot.addWidget(window)
    from desktop.exchange_setup import ParentSetupImport

    flow = ParentSetupImport(window)
    flow.load(other)
    dialog = flow.dialog
    assert "不包括本单位" in dialog.error.text() and not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible()  # 导入 stays refused
    dialog.reject()
    with open_ws(huize) as check:
        assert not rows.peers(check, QUJING, "parent") and not keys.has_keys(check)
    close(window)


def test_two_recent_workspaces_of_one_unit_are_told_apart(qtbot, demo_path, tmp_path):
    """The 文件 menu once listed 东川区第一小学（演示）· 学校 four times, alike: the same unit in
    several folders says which folder."""
    import json
    import shutil

    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.session import RECENT, Session

    other = tmp_path / "copy" / "demo"
    shutil.copytree(demo_path, other)
    entries = [{"path": str(p), "org_name": "东川区", "role": "county", "demo": True}
               for p in (demo_path, other)]
    QSettings().setValue(RECENT, json.dumps(entries, ensure_ascii=False))
    window = MainWindow(Session(demo_path))
    qtbot.addWidget(window)
    labels = [a.text() for a in window.recent_actions()]
    assert len(labels) == 2 and labels[0] != labels[1]
    assert labels[1].endswith("…/copy/demo"), labels
