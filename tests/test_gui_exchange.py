"""The 数据交换 menu of the main window (desktop/exchange.py, desktop/passphrase.py): the
passphrase dialog, the unit's keys, exporting a bundle from a school's window and importing it
in the county's through the menu, which opens the 数据交换 page (its sections are tested in
tests/test_gui_exchange_page.py). Real workspaces, real keys (the cheap Argon2id test setting)
and real bundles from tests/chain.py, driven through the window's own actions; only the file
dialogs are answered by the test."""

import re
from pathlib import Path

import pytest

from eduplan_core.exchange import keys

from .chain import PASS, build_chain, fill_school

pytestmark = pytest.mark.gui

FINGERPRINT_LINES = re.compile(r"^\d{4}( \d{4}){3}\n\d{4}( \d{4}){3}$")


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The documented cheap Argon2id setting, for the tests only; no passphrase in the air."""
    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    for name in ("EDUPLAN_PASSPHRASE", "EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def chain(tmp_path):
    """云南省 → 昆明市 → 东川区 → 测试中心小学, the school's 2024 form filled and submitted; the
    workspaces closed again, for the windows to open."""
    c = build_chain(tmp_path)
    fill_school(c.school)
    c.close()
    return c


def open_window(qtbot, path: Path):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year = 2024
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def type_into(qtbot, field, text: str) -> None:
    """Replace what a field holds: typed key by key when ASCII (QTest types no other
    characters), else inserted as an input method would."""
    field.clear()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)


def passphrase_dialog(qtbot, window):
    actions = window.exchange
    qtbot.waitUntil(lambda: actions.passphrase_dialog is not None
                    and actions.passphrase_dialog.isVisible(), timeout=5000)
    return actions.passphrase_dialog


def wait_idle(qtbot, window, timeout=30000):
    qtbot.waitUntil(lambda: not window.exchange.busy, timeout=timeout)


# -- the dialog ------------------------------------------------------------------------------
def test_a_new_passphrase_needs_eight_characters_typed_twice_alike(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from desktop.passphrase import PassphraseDialog

    dialog = PassphraseDialog(None, "设置口令", new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.again.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.ok_button.isEnabled()

    type_into(qtbot, dialog.field, "短口令1234")  # 7 characters
    assert "至少需要 8 个字符" in dialog.message.text()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # Enter on a refused passphrase: still open, nothing taken
    assert dialog.isVisible() and dialog.passphrase == ""

    type_into(qtbot, dialog.field, "        ")  # eight spaces: refused too
    assert not dialog.ok_button.isEnabled()

    type_into(qtbot, dialog.field, "东川区教育体育局2024")
    assert "再输入一次" in dialog.message.text()
    type_into(qtbot, dialog.again, "东川区教育体育局2025")
    assert "不一致" in dialog.message.text()
    assert not dialog.ok_button.isEnabled()

    dialog.show_box.setChecked(True)  # shown while typed, for a long Chinese passphrase
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.again.echoMode() == QLineEdit.EchoMode.Normal
    dialog.show_box.setChecked(False)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password

    type_into(qtbot, dialog.again, "东川区教育体育局2024")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.ok_button.click()
    assert dialog.passphrase == "东川区教育体育局2024"


# -- 本单位密钥 ---------------------------------------------------------------------------------
def test_keys_are_made_from_the_menu_and_their_fingerprint_shown(qtbot, tmp_path, catalog):
    from desktop.exchange import KeysDialog
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "county"
    Workspace.create(path, org="东川区", role="county", operator="张三", catalog=catalog).close()
    window = open_window(qtbot, path)
    actions = window.exchange

    actions.keys_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, KeysDialog) and dialog.isVisible()
    assert not dialog.has_keys and dialog.create_button.isVisible()  # offered

    dialog.create_button.click()
    ask = passphrase_dialog(qtbot, window)
    assert ask.new
    ask.reject()  # Cancel: nothing made
    assert not keys.has_keys(window.session.ws)
    assert not dialog.has_keys

    dialog.create_button.click()
    ask = passphrase_dialog(qtbot, window)
    qtbot.keyClicks(ask.field, "1234567")
    assert not ask.ok_button.isEnabled()
    type_into(qtbot, ask.field, PASS)
    type_into(qtbot, ask.again, PASS)
    ask.ok_button.click()
    qtbot.waitUntil(lambda: dialog.has_keys, timeout=30000)
    wait_idle(qtbot, window)

    info = keys.key_info(window.session.ws)
    shown = dialog.fingerprint.text()
    assert FINGERPRINT_LINES.match(shown)
    assert shown.split() == info.fingerprint.split()
    assert keys.unlock(window.session.ws, PASS).current.fingerprint == info.fingerprint
    assert dialog.fingerprint.font().pointSizeF() >= 2 * window.font().pointSizeF()

    # opened again: straight to the fingerprint
    actions.keys_action.trigger()
    assert actions.dialog is not dialog and actions.dialog.has_keys
    assert actions.dialog.fingerprint.text() == shown


# -- export, then import: the menu opens the 数据交换 page ---------------------------------------
def test_export_from_the_school_and_import_in_the_county(qtbot, qtmodeltester, chain,
                                                         monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from eduplan_core.exchange.inbox import Outcome

    school = open_window(qtbot, chain.tmp / "school")
    actions = school.exchange
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "测试中心小学-2024.eduplan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    # Cancel changes nothing
    actions.export_action.trigger()
    page = school.stack.currentWidget()
    assert page is school.pages["exchange"] and page.tabs.currentWidget() is page.send
    ask = passphrase_dialog(qtbot, school)
    ask.reject()
    assert not ask.isVisible() and not actions.busy
    assert not out.exists()

    # a wrong passphrase is said in the dialog, which asks again
    actions.export_action.trigger()
    ask = passphrase_dialog(qtbot, school)
    type_into(qtbot, ask.field, "不是这个口令 wrong")
    ask.ok_button.click()
    qtbot.waitUntil(lambda: "口令不正确" in ask.message.text(), timeout=10000)
    assert ask.isVisible() and ask.ok_button.isEnabled()
    assert "未做任何修改" in ask.message.text()
    assert not out.exists()

    type_into(qtbot, ask.field, PASS)
    ask.ok_button.click()
    qtbot.waitUntil(lambda: "已生成数据包" in page.send.result.text(), timeout=30000)
    assert not ask.isVisible()
    text = page.send.result.text()
    assert out.is_file() and f"已生成数据包：{out}" in text
    assert "报送：东川区；2024 年；第 1 号" in text and "只有东川区能打开" in text
    school_fingerprint = keys.key_info(school.session.ws).fingerprint
    school.close()

    # the county imports it: held, its key unknown (待确认)
    county = open_window(qtbot, chain.tmp / "county")
    actions = county.exchange
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: (asked.append(a) or [str(out)], ""))
    refreshed = []
    county.session.data_changed.connect(lambda: refreshed.append(True))
    actions.import_action.trigger()
    assert asked and "*.eduplan" in asked[0][3]
    page = county.pages["exchange"]
    assert county.stack.currentWidget() is page and page.tabs.currentWidget() is page.receive
    ask = passphrase_dialog(qtbot, county)
    type_into(qtbot, ask.field, PASS)
    ask.ok_button.click()  # the keys unlocked in the dialog's worker, then the import's
    result = page.receive.table
    qtbot.waitUntil(lambda: result.model.rowCount() == 1 and not actions.busy, timeout=30000)
    qtmodeltester.check(result.model)
    assert result.model.rowCount() == 1
    row = result.model.rows[0]
    assert row["outcome"] == Outcome.PENDING
    cells = [result.model.index(0, c).data() for c in range(result.model.columnCount())]
    assert cells[:4] == [out.name, "测试中心小学", "1", "待确认"]
    assert "首次收到测试中心小学的数据包" in cells[4] and "指纹" in cells[4]
    assert "待确认 1" in result.summary.text()
    # the whole explanation below the table: the fingerprint to check on the phone
    assert result.view.currentIndex().row() == 0
    assert school_fingerprint in result.detail.text() and "待确认" in result.detail.text()
    assert refreshed  # the views refresh after an import
    assert (chain.tmp / "county" / "inbox" / "held").is_dir()


def test_the_passphrase_from_the_environment_needs_no_dialog(qtbot, chain, monkeypatch,
                                                             tmp_path):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "bundle.eduplan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", "错误的口令 wrong")
    window = open_window(qtbot, chain.tmp / "school")
    actions = window.exchange
    actions.export_action.trigger()
    wait_idle(qtbot, window)
    send = window.pages["exchange"].send
    assert actions.passphrase_dialog is None
    assert "口令不正确" in send.result.text()  # no dialog to ask again: said, nothing made
    assert not out.exists()

    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    actions.export_action.trigger()
    wait_idle(qtbot, window)
    assert actions.passphrase_dialog is None
    assert "已生成数据包" in send.result.text() and out.is_file()


def test_the_menu_in_english(qtbot):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from desktop.exchange import OUTCOME_NAMES, outcome_name
    from eduplan_core.exchange.inbox import Outcome

    assert {o: str(name) for o, name in OUTCOME_NAMES.items()} == {o: o.zh for o in Outcome}
    QSettings().setValue("language", "en")
    translator = install_translator(QApplication.instance())
    try:
        assert translator is not None
        assert QCoreApplication.translate("ExchangeActions", "数据交换(&X)") == "E&xchange"
        assert QCoreApplication.translate("ExchangeActions", "导出数据包…") == "Export bundle…"
        assert QCoreApplication.translate("PassphraseDialog", "显示口令") == "Show passphrase"
        assert outcome_name(Outcome.PENDING) == "Pending confirmation"
    finally:
        QApplication.instance().removeTranslator(translator)
        QSettings().setValue("language", "zh_CN")
