"""Two more actions of the 数据交换 page: 接收's 重新处理暂存的数据包 (eduplan_core.exchange.inbox.
retry_held) and 设立下级's restore file for one school whose computer was lost (export_setup
with restore=True; the restore code shown once, large). Real workspaces and keys (the cheap
Argon2id test setting, the passphrase from the environment) from tests/chain.py; only the
file dialogs are answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from eduplan_core.exchange import keys
from eduplan_core.exchange.export import export_bundle
from eduplan_core.exchange.inbox import Outcome, held
from eduplan_core.exchange.setup import import_setup
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows

from .chain import PAPER, PASS, PRIMARY, SCHOOL, build_chain, confirm_all, fill_school, open_ws
from .chain import send as send_bundle

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    for name in ("EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE", "EDUPLAN_RESTORE_CODE"):
        monkeypatch.delenv(name, raising=False)


def open_page(qtbot, path: Path, section: str):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year = 2024
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("exchange")
    return window, page, page.show_section(section)


def wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)


def test_bundles_held_are_taken_up_again(qtbot, qtmodeltester, tmp_path):
    """The school's first bundle is held (its key not confirmed yet); the key then confirmed
    without its bundles merged (as after a failed merge, or a form version learnt by an
    update): 重新处理暂存的数据包 merges it."""
    chain = build_chain(tmp_path)
    fill_school(chain.school)
    bundle = Path(export_bundle(chain.school, PASS, 2024, out=tmp_path / "a.eduplan").path)
    chain.close()
    window, page, receive = open_page(qtbot, tmp_path / "county", "receive")
    assert receive.retry_button.text() == "重新处理暂存的数据包（0）"
    assert not receive.retry_button.isEnabled()  # nothing held
    receive.import_paths([bundle])
    wait_idle(qtbot, page)
    assert receive.table.model.rows[0]["outcome"] == Outcome.PENDING
    assert receive.retry_button.text() == "重新处理暂存的数据包（1）"
    assert receive.retry_button.isEnabled()
    # taken up again while the key still waits for the phone check: held still
    receive.retry_button.click()
    wait_idle(qtbot, page)
    assert [r["outcome"] for r in receive.table.model.rows] == [Outcome.PENDING]
    assert receive.retry_button.text() == "重新处理暂存的数据包（1）"
    # the key confirmed (here: its status only, its bundle left held)
    ws = window.session.ws
    peer = next(p for p in rows.peers(ws, SCHOOL, "child") if p["status"] == "pending")
    with ws.write():
        rows.set_peer_status(ws, peer["id"], "confirmed", "2024-10-02T09:00:00+08:00", "张三")
    page.refresh()
    receive.retry_button.click()
    wait_idle(qtbot, page)
    assert [r["outcome"] for r in receive.table.model.rows] == [Outcome.MERGED]
    assert receive.result.text() == "导入完成。" and receive.result.tone == "ok"
    assert receive.retry_button.text() == "重新处理暂存的数据包（0）"
    assert not receive.retry_button.isEnabled()
    qtmodeltester.check(receive.table.model)
    assert held(ws) == []
    view = entries.view_entry(ws, SCHOOL, 2024, "primary")
    assert view.state == "submitted" and view.values["pri_students"] == 600
    window.close()


def test_a_restore_file_for_one_school_shows_its_code_once(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    chain = build_chain(tmp_path)
    fill_school(chain.school)
    send_bundle(chain.school, chain.county, 2024, tmp_path / "a.eduplan")
    confirm_all(chain.county)  # the county holds the school's 2024 form
    chain.close()
    window, page, setup = open_page(qtbot, tmp_path / "county", "setup")
    button = setup.restore_button
    assert button.text() == "学校电脑丢失或损坏：生成恢复文件(&R)…"
    assert not button.isEnabled()  # no school ticked
    setup.set_checked([SCHOOL, PAPER])
    setup._sync()
    assert not button.isEnabled()  # a restore file is for one school
    setup.set_checked([SCHOOL])
    setup._sync()
    assert button.isEnabled()
    out = tmp_path / "usb" / "恢复.eduplan-setup"
    out.parent.mkdir()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(a) or (str(out), ""))
    button.click()
    wait_idle(qtbot, page)
    assert Path(asked[0][2]).name == "测试中心小学-恢复文件.eduplan-setup"
    assert out.is_file()
    dialog = setup.restore_dialog
    assert dialog is not None and dialog.isVisible()
    code = dialog.code_text()
    assert len(code.replace(" ", "")) == 24 and code.replace(" ", "").isdigit()
    assert len(dialog.code.text().splitlines()) == 2  # large, on two lines
    texts = " ".join(w.text() for w in dialog.findChildren(type(dialog.code)))
    assert "请通过电话把恢复码读给学校（不要和文件一起发送）；恢复码只显示这一次" in texts
    assert code not in setup.result.text()  # shown in the dialog only
    assert "已生成测试中心小学的恢复文件" in setup.result.text() and "含 1 张表" in setup.result.text()
    dialog.accept()
    window.close()
    # the school's new computer: the file and the code read on the phone restore its data
    made = import_setup(out, tmp_path / "new-school", None, "李老师", PASS, restore_code=code)
    assert made.org == SCHOOL and made.restored_revisions > 0
    with open_ws(tmp_path / "new-school") as ws:
        view = entries.view_entry(ws, SCHOOL, 2024, "primary")
        assert view.values["pri_students"] == int(PRIMARY["pri_students"])
