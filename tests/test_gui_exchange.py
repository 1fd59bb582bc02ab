"""The 数据交换 menu of the main window (desktop/exchange.py, desktop/passphrase.py): the
passphrase dialog, the unit's keys, exporting a bundle from a school's window and importing it
in the county's. Real workspaces, real keys (the cheap Argon2id test setting) and real bundles
from tests/chain.py, driven through the window's own actions; only the file dialog is
answered by the test."""

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


def message_text(box) -> str:
    return box.text() + "\n" + box.informativeText()


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


# -- export, then import -----------------------------------------------------------------------
def test_export_from_the_school_and_import_in_the_county(qtbot, qtmodeltester, chain,
                                                         monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.exchange import ImportResultDialog
    from eduplan_core.exchange.inbox import Outcome

    school = open_window(qtbot, chain.tmp / "school")
    actions = school.exchange
    outbox = chain.tmp / "school" / "outbox"

    # Cancel changes nothing
    actions.export_action.trigger()
    ask = passphrase_dialog(qtbot, school)
    ask.reject()
    assert not ask.isVisible() and not actions.busy
    assert not outbox.exists() or not list(outbox.iterdir())

    # a wrong passphrase is said in the dialog, which asks again
    actions.export_action.trigger()
    ask = passphrase_dialog(qtbot, school)
    type_into(qtbot, ask.field, "不是这个口令 wrong")
    ask.ok_button.click()
    qtbot.waitUntil(lambda: "口令不正确" in ask.message.text(), timeout=10000)
    assert ask.isVisible() and ask.ok_button.isEnabled()
    assert "未做任何修改" in ask.message.text()
    assert not outbox.exists() or not list(outbox.iterdir())

    type_into(qtbot, ask.field, PASS)
    ask.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(actions.dialog, QMessageBox)
                    and "已生成数据包" in actions.dialog.text(), timeout=30000)
    assert not ask.isVisible()
    text = message_text(actions.dialog)
    bundles = list(outbox.iterdir())
    assert len(bundles) == 1 and bundles[0].suffix == ".eduplan"
    assert f"文件：{bundles[0].name}" in text and f"位置：{outbox}" in text
    assert "报送东川区" in text and "2024 年" in text and "第 1 号" in text
    assert "只有东川区能打开" in text
    school_fingerprint = keys.key_info(school.session.ws).fingerprint
    school.close()

    # the county imports it: held, its key unknown (待确认)
    county = open_window(qtbot, chain.tmp / "county")
    actions = county.exchange
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: (asked.append(a) or [str(bundles[0])], ""))
    refreshed = []
    county.session.data_changed.connect(lambda: refreshed.append(True))
    actions.import_action.trigger()
    assert asked and "*.eduplan" in asked[0][3]
    ask = passphrase_dialog(qtbot, county)
    type_into(qtbot, ask.field, PASS)
    ask.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(actions.dialog, ImportResultDialog), timeout=30000)
    result = actions.dialog
    assert result.isVisible()
    qtmodeltester.check(result.model)
    assert result.model.rowCount() == 1
    row = result.model.rows[0]
    assert row["outcome"] == Outcome.PENDING
    cells = [result.model.index(0, c).data() for c in range(result.model.columnCount())]
    assert cells[:4] == [bundles[0].name, "测试中心小学", "1", "待确认"]
    assert "首次收到测试中心小学的数据包" in cells[4] and "指纹" in cells[4]
    assert "待确认 1" in result.summary.text()
    # the whole explanation below the table: the fingerprint to check on the phone
    assert result.view.currentIndex().row() == 0
    assert school_fingerprint in result.detail.text() and "待确认" in result.detail.text()
    assert refreshed  # the views refresh after an import
    assert (chain.tmp / "county" / "inbox" / "held").is_dir()


def test_the_passphrase_from_the_environment_needs_no_dialog(qtbot, chain, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("EDUPLAN_PASSPHRASE", "错误的口令 wrong")
    window = open_window(qtbot, chain.tmp / "school")
    actions = window.exchange
    actions.export_action.trigger()
    wait_idle(qtbot, window)
    assert actions.passphrase_dialog is None
    assert "口令不正确" in actions.dialog.text()  # no dialog to ask again: said, nothing made
    assert not (chain.tmp / "school" / "outbox").exists() or not list(
        (chain.tmp / "school" / "outbox").iterdir())

    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    actions.export_action.trigger()
    wait_idle(qtbot, window)
    assert actions.passphrase_dialog is None
    assert isinstance(actions.dialog, QMessageBox) and "已生成数据包" in actions.dialog.text()
    assert len(list((chain.tmp / "school" / "outbox").iterdir())) == 1


def test_export_without_the_parents_key_says_so(qtbot, tmp_path, catalog):
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "county"
    ws = Workspace.create(path, org="东川区", role="county", operator="张三", catalog=catalog)
    keys.init_keys(ws, PASS)
    ws.close()
    window = open_window(qtbot, path)
    actions = window.exchange
    actions.export_action.trigger()
    assert actions.passphrase_dialog is None  # nothing asked
    text = actions.dialog.text()
    assert "还不知道上级单位（昆明市）的密钥" in text and "设立文件" in text
    assert not actions.busy


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
