"""The 数据交换 page (desktop/exchange_page.py and its sections): 上报 to a chosen file, 接收
of files, a folder or a drop (two good bundles and a tampered one), 待确认 through the
fingerprint dialog, 冲突 resolved with a reason, 密钥 (fingerprint, backup, passphrase) and
设立下级. Real workspaces, real keys (the cheap Argon2id test setting) and real bundles from
tests/chain.py, driven through the page's own widgets; only the file dialogs are answered by
the test (their static methods patched)."""

import re
import shutil
import threading
from pathlib import Path

import pytest

from eduplan_core.exchange import keys
from eduplan_core.exchange.export import export_bundle
from eduplan_core.exchange.inbox import Outcome
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput

from .chain import (COUNTY, OTHER, PAPER, PASS, PRIMARY, SCHOOL, build_chain, fill_school,
                    register, setup_child)

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The documented cheap Argon2id setting; the passphrase from the environment (as a
    script gives it), so that no passphrase dialog is asked unless a test says otherwise."""
    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    for name in ("EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def chain(tmp_path):
    """云南省 → 昆明市 → 东川区 → 测试中心小学 (its 2024 form submitted) and 测试二小 (set up
    too, its form submitted); each school's 2024 bundle written to ``tmp/in``; the county's
    fingerprints of the two schools kept; every workspace closed, for the windows."""
    c = build_chain(tmp_path)
    register(c.county, SchoolInput(OTHER, "测试二小", COUNTY, "小学", contact="王老师",
                                   phone="0871-7654321"))
    other = setup_child(c.county, OTHER, tmp_path / "other", tmp_path)
    fill_school(c.school)
    entries.set_values(other, OTHER, 2024, "primary", {**PRIMARY, "pri_students": "420"})
    entries.submit(other, OTHER, 2024, "primary")
    inbox = tmp_path / "in"
    inbox.mkdir()
    c.bundles = [Path(export_bundle(c.school, PASS, 2024, out=inbox / "a.eduplan").path),
                 Path(export_bundle(other, PASS, 2024, out=inbox / "b.eduplan").path)]
    c.fingerprints = {SCHOOL: keys.key_info(c.school).fingerprint,
                      OTHER: keys.key_info(other).fingerprint,
                      COUNTY: keys.key_info(c.county).fingerprint}
    other.close()
    c.close()
    return c


def tampered(good: Path, out: Path) -> Path:
    """A copy of a good bundle with one byte flipped in the middle."""
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    return out


def open_page(qtbot, path: Path):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year = 2024
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("exchange")
    assert page is not None and window.stack.currentWidget() is page
    return window, page


def wait_idle(qtbot, page, timeout=30000):
    qtbot.waitUntil(lambda: not page.busy, timeout=timeout)


def answer_save(monkeypatch, path: Path, asked: list | None = None):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: ((asked.append(a) if asked is not None else None)
                                         or str(path), ""))


def type_into(qtbot, field, text: str) -> None:
    field.clear()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)


def pending_row(section, org: str) -> int:
    return next(i for i, p in enumerate(section.model.rows) if p.org == org)


def outcome_of(table, name: str):
    return next(r["outcome"] for r in table.model.rows if r["file"] == name)


def page_texts(page) -> str:
    """Every text the page shows or offers: labels, buttons, tab titles, placeholders and
    each table's cells, headers and tooltips."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableView

    out = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    out += [w.text() for w in page.findChildren(QLabel)]
    out += [w.text() + w.toolTip() for w in page.findChildren(QAbstractButton)]
    out += [w.placeholderText() for w in page.findChildren(QLineEdit)]
    for view in page.findChildren(QTableView):
        model = view.model()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    out.append(str(model.index(r, c).data(role) or ""))
    return "\n".join(out)


def no_command_line(page) -> None:
    """A desktop user is told where in the window, never a command to type."""
    text = page_texts(page)
    assert "命令行" not in text and "eduplan " not in text, text  # (EduPlan: the program)


# -- the page in the window ---------------------------------------------------------------
def test_the_page_is_in_the_navigation_with_the_sections_of_its_role(qtbot, chain):
    from PySide6.QtCore import Qt

    window, page = open_page(qtbot, chain.tmp / "county")
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    row = titles.index("数据交换（加密文件）")
    assert window.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == \
        ["上报", "接收", "待确认", "冲突", "密钥", "设立下级"]
    window.close()

    school, page = open_page(qtbot, chain.tmp / "school")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["上报", "密钥"]
    assert not page.accepts_imports


# -- 上报 ------------------------------------------------------------------------------------
def test_export_to_a_chosen_file_for_the_parent(qtbot, qtmodeltester, chain, monkeypatch,
                                                tmp_path):
    window, page = open_page(qtbot, chain.tmp / "school")
    send = page.send
    assert page.tabs.currentWidget() is send
    assert send.year == 2024  # the session's year
    assert "东川区" in send.parent_name.text()
    assert send.parent_fingerprint.text() == chain.fingerprints[COUNTY]
    assert send.parent_fingerprint.isVisibleTo(page) and send.export_button.isEnabled()

    usb = tmp_path / "usb"
    usb.mkdir()
    asked: list = []
    answer_save(monkeypatch, usb / "给东川区", asked)  # no suffix typed: .eduplan added
    send.export_button.click()
    wait_idle(qtbot, page)
    assert Path(asked[0][2]).name == "测试中心小学-2024年-报东川区-第2号.eduplan"
    assert "*.eduplan" in asked[0][3]
    out = usb / "给东川区.eduplan"
    assert out.is_file()
    text = send.result.text()
    assert send.result.tone == "ok"
    assert f"已生成数据包：{out}" in text and "报送：东川区；2024 年；第 2 号" in text
    assert "只有东川区能打开" in text
    assert send.folder_button.isVisibleTo(page)
    qtmodeltester.check(send.sent_model)
    assert send.sent_model.rows[0]["file_name"] == out.name
    assert send.sent_view.isVisibleTo(page) and not send.sent_none.isVisibleTo(page)
    assert [send.sent_model.index(0, c).data() for c in range(3)] == ["2", "2024", "东川区"]

    # the same name again: refused in the core's words, nothing written
    send.export_button.click()
    assert "已存在，不会覆盖" in send.result.text() and send.result.tone == "error"
    assert len(list(usb.iterdir())) == 1

    # another year chosen on the page
    send.year_box.setCurrentIndex(send.year_box.findData(2025))
    answer_save(monkeypatch, usb / "2025.eduplan", asked)
    send.export_button.click()
    wait_idle(qtbot, page)
    assert "2025年" in Path(asked[-1][2]).name and (usb / "2025.eduplan").is_file()
    assert "2025 年；第 3 号" in send.result.text()


def test_export_without_the_parents_key_says_so(qtbot, tmp_path, catalog):
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "county"
    ws = Workspace.create(path, org="东川区", role="county", operator="张三", catalog=catalog)
    keys.init_keys(ws, PASS)
    ws.close()
    window, page = open_page(qtbot, path)
    send = page.send
    assert "还不知道上级单位（昆明市）的密钥" in send.parent_problem.text()
    assert not send.parent_fingerprint.isVisibleTo(page)
    assert not send.export_button.isEnabled()
    window.exchange.export_action.trigger()  # the menu: the page, the reason said
    assert page.tabs.currentWidget() is send
    assert "还不知道上级单位（昆明市）的密钥" in send.result.text()
    assert send.result.tone == "error"


# -- 接收 and 待确认 ----------------------------------------------------------------------------
def test_import_two_good_bundles_and_a_tampered_one_then_confirm_a_key(
        qtbot, qtmodeltester, chain, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.models import RED

    bad = tampered(chain.bundles[0], chain.tmp / "in" / "c.eduplan")
    window, page = open_page(qtbot, chain.tmp / "county")
    receive = page.receive
    page.show_section("receive")
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (
        asked.append(a) or [str(p) for p in (*chain.bundles, bad)], ""))
    refreshed = []
    window.session.data_changed.connect(lambda: refreshed.append(True))
    receive.files_button.click()
    assert "*.eduplan" in asked[0][3]
    wait_idle(qtbot, page)
    assert refreshed  # the views refresh after an import

    table = receive.table
    qtmodeltester.check(table.model)
    assert table.model.rowCount() == 3
    assert outcome_of(table, "a.eduplan") == Outcome.PENDING
    assert outcome_of(table, "b.eduplan") == Outcome.PENDING
    assert outcome_of(table, "c.eduplan") == Outcome.REJECTED
    bad_row = next(i for i, r in enumerate(table.model.rows) if r["file"] == "c.eduplan")
    cells = [table.model.index(bad_row, c).data() for c in range(table.model.columnCount())]
    assert cells[0] == "c.eduplan" and cells[3] == "已拒收" and cells[4]  # with its reason
    from PySide6.QtCore import Qt
    assert table.model.index(bad_row, 3).data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert "待确认 2" in table.summary.text() and "已拒收 1" in table.summary.text()
    assert "待确认" in receive.result.text() and "已拒收" in receive.result.text()
    table.view.selectRow(bad_row)
    assert "已拒收" in table.detail.text() and cells[4] in table.detail.text()
    # the reason has its English, shown when the window is in English (desktop.models.words)
    english = table.model.rows[bad_row]["item"].said.en
    assert english and not re.search(r"[\u4e00-\u9fff]", english), english
    assert (chain.tmp / "county" / "inbox" / "quarantine").is_dir()
    assert not (chain.tmp / "county" / "inbox" / "accepted").exists() or not any(
        (chain.tmp / "county" / "inbox" / "accepted").iterdir())
    assert not rows.entry_rows(window.session.ws, SCHOOL, 2024, "primary")  # held
    assert "请电话核对指纹后在“待确认”中确认" in table.model.rows[0]["reason"]
    no_command_line(page)

    # 待确认: both schools, each with its held bundle
    pending = page.pending
    qtmodeltester.check(pending.model)
    assert page.tabs.tabText(page.tabs.indexOf(pending)) == "待确认（2）"
    assert {p.org for p in pending.model.rows} == {SCHOOL, OTHER}
    assert all(p.held_bundles == 1 for p in pending.model.rows)
    pending.view.selectRow(pending_row(pending, SCHOOL))
    pending.confirm_button.click()
    dialog = pending.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.fingerprint.text().split() == chain.fingerprints[SCHOOL].split()
    assert dialog.fingerprint.font().pointSizeF() >= 2 * window.font().pointSizeF()
    assert "李老师" in dialog.intro.text() and "0871-1234567" in dialog.intro.text()
    assert not dialog.ok_button.isEnabled()
    wrong = "9" + chain.fingerprints[SCHOOL].replace(" ", "")[1:]
    if wrong == chain.fingerprints[SCHOOL].replace(" ", ""):
        wrong = "8" + wrong[1:]
    type_into(qtbot, dialog.typed, wrong[:6])
    assert "第 1 组不一致" in dialog.message.text() and not dialog.ok_button.isEnabled()
    dialog.tick.setChecked(True)  # a typed mismatch is not overruled by the tick
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.typed, chain.fingerprints[SCHOOL][:9])
    assert "已核对 8 / 32 位" in dialog.message.text() and not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.typed, chain.fingerprints[SCHOOL])
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    wait_idle(qtbot, page)
    assert "已确认测试中心小学的密钥" in pending.result.text()
    said = pending.result.text()
    assert "1 个暂存的数据包已合并" in said and pending.result.tone == "ok"
    assert said.count("合并") == 1, said  # said once
    assert [p.org for p in pending.model.rows] == [OTHER]
    assert page.tabs.tabText(page.tabs.indexOf(pending)) == "待确认（1）"
    values = rows.entry_rows(window.session.ws, SCHOOL, 2024, "primary")
    assert values and entries.current_values(window.session.ws, values[0]["id"])[
        "pri_students"]["value"] == 600  # the held bundle merged

    # the other one: ticked as read on the phone; Cancel first changes nothing
    pending.view.selectRow(0)
    pending.confirm_button.click()
    pending.dialog.reject()
    assert len(pending.model.rows) == 1
    pending.confirm_button.click()
    pending.dialog.tick.setChecked(True)
    assert pending.dialog.ok_button.isEnabled()
    pending.dialog.ok_button.click()
    wait_idle(qtbot, page)
    assert "已确认测试二小的密钥" in pending.result.text()
    assert pending.model.rowCount() == 0 and not pending.empty.isHidden()
    assert not pending.view.isVisibleTo(page)  # the line, not an empty grid
    assert page.tabs.tabText(page.tabs.indexOf(pending)) == "待确认"

    # a folder dropped on the window: the same files again change nothing
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(chain.tmp / "in"))])
    assert window.dropped_paths(mime) == [chain.tmp / "in"]
    page.show_section("keys")
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert page.tabs.currentWidget() is receive
    wait_idle(qtbot, page)
    assert outcome_of(table, "a.eduplan") == Outcome.DUPLICATE
    assert outcome_of(table, "b.eduplan") == Outcome.DUPLICATE
    assert outcome_of(table, "c.eduplan") == Outcome.REJECTED
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(chain.tmp / "in" / "notes.txt"))])
    assert window.dropped_paths(other) == []  # only bundles and folders


def test_an_import_is_cancelled_between_files_and_keeps_what_was_done(qtbot, chain,
                                                                      monkeypatch):
    from desktop import exchange_receive

    real = exchange_receive.import_files
    started, go_on = threading.Event(), threading.Event()

    def first_waits(ws, paths, ring, **kw):
        report = real(ws, paths, ring, **kw)
        started.set()
        go_on.wait(10)
        return report

    monkeypatch.setattr(exchange_receive, "import_files", first_waits)
    bad = tampered(chain.bundles[0], chain.tmp / "in" / "c.eduplan")
    window, page = open_page(qtbot, chain.tmp / "county")
    page.import_paths([*chain.bundles, bad])
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert page.progress.isVisibleTo(page) and page.progress.cancel.isVisibleTo(page)
    assert page.receive.files_button.isEnabled() is False  # one exchange at a time
    page.progress.cancel.click()
    assert "正在取消" in page.progress.label.text()
    go_on.set()
    wait_idle(qtbot, page)
    assert page.receive.table.model.rowCount() == 1
    assert "已取消" in page.receive.result.text()
    assert "其余 2 个没有导入" in page.receive.table.summary.text()
    assert not page.progress.isVisibleTo(page) and page.receive.files_button.isEnabled()


# -- 冲突 ------------------------------------------------------------------------------------
def test_an_owner_conflict_is_resolved_for_the_incoming_values_with_a_reason(
        qtbot, qtmodeltester, tmp_path):
    from PySide6.QtCore import Qt

    c = build_chain(tmp_path)
    entries.set_values(c.county, PAPER, 2024, "primary", {"pri_students": "90",
                                                          "fulltime_teachers": "7"})
    paper = setup_child(c.county, PAPER, tmp_path / "paper", tmp_path)
    entries.set_values(paper, PAPER, 2024, "primary", {"pri_students": "95",
                                                       "classrooms": "6"})
    bundle = Path(export_bundle(paper, PASS, 2024, out=tmp_path / "p1.eduplan").path)
    paper.close()
    c.close()

    window, page = open_page(qtbot, tmp_path / "county")
    page.import_paths([bundle])
    wait_idle(qtbot, page)
    assert outcome_of(page.receive.table, "p1.eduplan") == Outcome.PENDING
    pending = page.pending
    pending.view.selectRow(0)
    pending.confirm_button.click()
    pending.dialog.tick.setChecked(True)
    pending.dialog.ok_button.click()
    wait_idle(qtbot, page)
    said = pending.result.text()
    assert said.count("冲突") == 2 and "1 个数据包有冲突：请到“冲突”对照两边后处理" in said, said
    assert len(said.splitlines()) == 2  # the key confirmed; the conflict, said once
    no_command_line(page)

    section = page.conflicts
    qtmodeltester.check(section.model)
    qtmodeltester.check(section.sides_model)
    assert page.tabs.tabText(page.tabs.indexOf(section)) == "冲突（1）"
    page.show_section("conflicts")
    assert section.model.rowCount() == 1
    conflict = section.selected()
    assert conflict is not None and conflict.kind == "owner"
    assert section.model.index(0, 1).data() == "代填数据与学校报送不同"
    assert "测试村小" in section.explanation.text() and "2 项不同" in section.explanation.text()
    sides = {r["code"]: (r["here"], r["incoming"]) for r in section.sides_model.rows}
    assert sides == {"pri_students": ("90 人", "95 人"), "classrooms": ("", "6 间")}
    assert [section.sides_model.headerData(i, Qt.Orientation.Horizontal)
            for i in range(3)] == ["项目", "本单位的", "收到的"]
    section.only_different.setChecked(False)  # every field either side has
    unsent = next(r for r in section.sides_model.rows if r["code"] == "fulltime_teachers")
    assert (unsent["here"], unsent["incoming"], unsent["differs"]) == ("7 人", "（未报送）", False)
    section.only_different.setChecked(True)

    assert not section.incoming_button.isEnabled()  # a reason first
    type_into(qtbot, section.reason, "学校已自行报送，以学校为准")
    assert section.incoming_button.isEnabled() and section.here_button.isEnabled()
    refreshed = []
    window.session.data_changed.connect(lambda: refreshed.append(True))
    section.incoming_button.click()
    wait_idle(qtbot, page)
    assert "冲突 1 已处理：采用收到的" in section.result.text() and refreshed
    assert section.model.rowCount() == 0 and section.reason.text() == ""
    assert page.tabs.tabText(page.tabs.indexOf(section)) == "冲突"
    ws = window.session.ws
    entry = rows.entry_rows(ws, PAPER, 2024, "primary")[0]
    values = entries.current_values(ws, entry["id"])
    assert values["pri_students"]["value"] == 95 and values["classrooms"]["value"] == 6
    assert values["fulltime_teachers"]["value"] == 7  # not sent: kept
    hist = entries.history(ws, PAPER, "pri_students", 2024)
    assert hist[-1].source == "conflict" and "以学校为准" in (hist[-1].explanation or "")
    section.show_all.setChecked(True)  # the decided one, with who, when and why
    assert section.model.rowCount() == 1
    assert section.model.index(0, 6).data() == "采用收到的"
    said = section.explanation.text()
    assert "处理时 2 项不同" in said and "以学校为准" in said and "选择“采用收到的”" in said
    assert ws.operator in said and section.selected().resolved_at[:10] in said
    assert "学校报送的数值已记为新的修改" in said
    assert "“采用收到的”把" not in said and "两边的数值都相同" not in said  # nothing to decide
    # both sides as they were when decided (this side read back from the history)
    sides = {r["code"]: (r["here"], r["incoming"]) for r in section.sides_model.rows}
    assert sides == {"pri_students": ("90 人", "95 人"), "classrooms": ("", "6 间")}
    assert not section.here_button.isEnabled() and not section.decision.isVisibleTo(page)
    section.show_all.setChecked(False)
    no_command_line(page)


def test_a_sequence_conflict_shows_both_bundles_and_takes_the_received_one(qtbot, tmp_path):
    """One school workspace copied to two computers: two different bundles no. 2."""
    from .chain import confirm_all, open_ws, send

    c = build_chain(tmp_path)
    fill_school(c.school)
    send(c.school, c.county, 2024, tmp_path / "s1.eduplan")
    confirm_all(c.county)
    c.school.close()
    shutil.copytree(tmp_path / "school", tmp_path / "twin")
    school, twin = open_ws(tmp_path / "school"), open_ws(tmp_path / "twin")
    entries.set_values(school, SCHOOL, 2024, "primary", {"pri_students": "611"})
    entries.set_values(twin, SCHOOL, 2024, "primary", {"pri_students": "622"})
    assert send(school, c.county, 2024, tmp_path / "a.eduplan").outcome == Outcome.MERGED
    b = Path(export_bundle(twin, PASS, 2024, out=tmp_path / "b.eduplan").path)
    for ws in (school, twin, c.province, c.prefecture, c.county):
        ws.close()

    window, page = open_page(qtbot, tmp_path / "county")
    page.import_paths([b])
    wait_idle(qtbot, page)
    assert outcome_of(page.receive.table, "b.eduplan") == Outcome.CONFLICT
    said = page.receive.result.text()
    assert "1 个数据包有冲突：请到“冲突”对照两边后处理" in said  # a second bundle merges nothing
    no_command_line(page)
    section = page.show_section("conflicts")
    conflict = section.selected()
    assert conflict is not None and conflict.kind == "sequence"
    assert "第 2 号数据包有两份内容不同的" in section.explanation.text()
    section.only_different.setChecked(False)
    sides = {r["code"]: (r["here"], r["incoming"], r["differs"])
             for r in section.sides_model.rows}
    assert sides["sequence"] == ("2", "2", False)
    assert sides["file_sha256"][2] and sides["payload_sha256"][2]
    type_into(qtbot, section.reason, "以第二台电脑为准")
    section.incoming_button.click()  # the bundle opened again: the passphrase (environment)
    wait_idle(qtbot, page)
    assert "采用收到的" in section.result.text() and section.model.rowCount() == 0
    section.show_all.setChecked(True)
    said = section.explanation.text()
    assert "第 2 号数据包有两份内容不同的" in said and "以第二台电脑为准" in said
    assert "后来收到的一份也已合并" in said and "“采用收到的”把" not in said
    # merged: both computers' edits kept, the later one current (the core's rule for a fork)
    hist = entries.history(window.session.ws, SCHOOL, "pri_students", 2024)
    assert {h.new for h in hist} >= {600, 611, 622}


# -- 密钥 ------------------------------------------------------------------------------------
def test_keys_section_shows_the_fingerprint_backs_up_and_changes_the_passphrase(
        qtbot, qtmodeltester, chain, monkeypatch, tmp_path):
    window, page = open_page(qtbot, chain.tmp / "county")
    section = page.show_section("keys")
    assert section.view.has_keys
    assert section.view.fingerprint.text().split() == chain.fingerprints[COUNTY].split()
    qtmodeltester.check(section.peers_model)
    assert [(p.org, p.relation, p.status) for p in section.peers_model.rows] == \
        [("530100", "parent", "confirmed")]  # the parent (昆明市), from its setup file
    assert [section.peers_model.index(0, c).data() for c in (0, 2, 4)] == \
        ["昆明市", "上级", "已确认"]

    # 备份密钥…: the backup file's own passphrase typed twice in a dialog
    out = tmp_path / "备份"
    answer_save(monkeypatch, out)
    section.backup_button.click()
    ask = page.passphrase_dialog
    assert ask is not None and ask.new and ask.isVisible()
    type_into(qtbot, ask.field, "备份文件的口令 backup")
    type_into(qtbot, ask.again, "备份文件的口令 backup")
    ask.ok_button.click()
    wait_idle(qtbot, page)
    written = tmp_path / "备份.eduplan-keys"
    assert written.is_file() and keys.read_backup(written)["fingerprint"] == \
        chain.fingerprints[COUNTY]
    assert "已备份密钥" in section.result.text() and section.result.tone == "ok"

    # 更换口令…: the new one typed twice; the fingerprint stays
    section.passphrase_button.click()
    ask = page.passphrase_dialog
    assert ask is not None and ask.new
    new = "新的口令 new passphrase"
    type_into(qtbot, ask.field, new)
    type_into(qtbot, ask.again, new)
    ask.ok_button.click()
    wait_idle(qtbot, page)
    assert f"已更换口令。指纹不变：{chain.fingerprints[COUNTY]}" in section.result.text()
    assert keys.unlock(window.session.ws, new).current.fingerprint == \
        chain.fingerprints[COUNTY]
    # the old passphrase (still in the environment) no longer opens the keys: said
    section.backup_button.click()
    ask = page.passphrase_dialog
    type_into(qtbot, ask.field, "another backup passphrase")
    type_into(qtbot, ask.again, "another backup passphrase")
    answer_save(monkeypatch, tmp_path / "again.eduplan-keys")
    ask.ok_button.click()
    wait_idle(qtbot, page)
    assert "口令不正确" in section.result.text() and section.result.tone == "error"


def test_keys_are_made_on_the_page(qtbot, tmp_path, catalog):
    from eduplan_core.store.workspace import Workspace

    path = tmp_path / "county"
    Workspace.create(path, org="东川区", role="county", operator="张三", catalog=catalog).close()
    window, page = open_page(qtbot, path)
    page.import_paths([tmp_path])
    assert "还没有密钥" in page.receive.result.text()
    send = page.show_section("send")  # nothing sent: a line, not an empty table
    assert send.sent_none.isVisibleTo(page) and not send.sent_view.isVisibleTo(page)
    assert send.sent_none.text() == "还没有导出过数据包。"
    section = page.show_section("keys")
    assert section.peers_none.isVisibleTo(page) and not section.peers_view.isVisibleTo(page)
    assert "还没有其他单位的密钥" in section.peers_none.text()
    assert not section.view.has_keys and section.view.create_button.isVisibleTo(page)
    section.view.create_button.click()  # EDUPLAN_PASSPHRASE: no dialog
    wait_idle(qtbot, page)
    assert section.view.has_keys and "已建立密钥" in section.result.text()
    assert section.view.fingerprint.text().split() == \
        keys.key_info(window.session.ws).fingerprint.split()


# -- 设立下级 ----------------------------------------------------------------------------------
def test_setup_files_for_the_units_below(qtbot, chain, monkeypatch, tmp_path):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QFileDialog

    from eduplan_core.exchange.setup import read_setup

    window, page = open_page(qtbot, chain.tmp / "county")
    section = page.show_section("setup")
    listed = {section.units.item(i).text() for i in range(section.units.count())}
    assert any(t.startswith("测试村小（2153119001）") and "纸质报送" in t for t in listed)
    assert "测试中心小学（2153119002）" in listed and len(listed) == 3
    assert not section.save_button.isEnabled()  # nothing ticked yet

    section.set_checked([PAPER])
    assert section.save_button.isEnabled() and "已选 1 个单位" in section.chosen_label.text()
    section.due_check.setChecked(True)
    section.due_edit.setDate(QDate(2024, 10, 31))
    asked: list = []
    answer_save(monkeypatch, tmp_path / "村小", asked)
    section.save_button.click()
    wait_idle(qtbot, page)
    assert Path(asked[0][2]).name == "测试村小.eduplan-setup"
    out = tmp_path / "村小.eduplan-setup"
    st = read_setup(out)
    assert st["units"] == [PAPER] and st["due"] == "2024-10-31"
    assert st["from"]["fingerprint"] == chain.fingerprints[COUNTY]
    assert "已生成设立文件" in section.result.text()
    assert chain.fingerprints[COUNTY] in section.result.text()

    # several units: a folder, a file each
    folder = tmp_path / "files"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    section.search.setText("测试")
    section._check_all(True)
    section.search.clear()
    section.due_check.setChecked(False)
    section.save_button.click()
    wait_idle(qtbot, page)
    made = sorted(p.name for p in folder.iterdir())
    assert made == sorted(f"{n}.eduplan-setup" for n in ("测试中心小学", "测试村小", "测试二小"))
    assert read_setup(folder / "测试二小.eduplan-setup")["due"] is None
    assert "已生成设立文件" in section.result.text()
    # again into the same folder: refused, nothing overwritten
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    section.save_button.click()
    assert "已存在，不会覆盖" in section.result.text() and section.result.tone == "error"
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_a_copy_of_the_inbox_folder_is_imported(qtbot, chain, monkeypatch):
    """选择文件夹…: a folder's *.eduplan files."""
    from PySide6.QtWidgets import QFileDialog

    usb = chain.tmp / "usb"
    shutil.copytree(chain.tmp / "in", usb)
    (usb / "readme.txt").write_text("not a bundle", "utf-8")
    window, page = open_page(qtbot, chain.tmp / "county")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    page.show_section("receive")
    page.receive.folder_button.click()
    wait_idle(qtbot, page)
    assert sorted(r["file"] for r in page.receive.table.model.rows) == ["a.eduplan",
                                                                       "b.eduplan"]


def test_the_page_in_english(qtbot):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    QSettings().setValue("language", "en")
    translator = install_translator(QApplication.instance())
    try:
        assert translator is not None
        tr = QCoreApplication.translate
        assert tr("MainWindow", "数据交换（加密文件）") == "Data exchange (encrypted files)"
        assert tr("ExchangePage", "设立下级") == "Set up units"
        assert tr("ReceiveSection", "选择文件夹(&D)…") == "Choose a fol&der…"
        assert tr("ConflictSection", "采用收到的(&I)") == "Take theirs (&I)"
        assert tr("ConfirmKeyDialog", "确认密钥") == "Confirm the key"
        assert tr("SendSection", "导出到(&E)…") == "&Export to…"
        assert "{fingerprint}" in tr("KeysSection", "已更换口令。指纹不变：{fingerprint}")
        assert tr("SendSection", "还没有导出过数据包。") == "No bundle exported yet."
        assert tr("KeysSection", "还没有其他单位的密钥：导入上级的设立文件、或收到下级的数据包后，"
                                 "它们的密钥列在这里。").startswith("No other unit's key yet")
        assert "{who}" in tr("ConflictSection", "{at} 由{who}选择“{keep}”。理由：{reason}")
        assert "{n}" in tr("PendingSection", "{n} 个暂存的数据包已合并。")
        assert "Conflicts" in tr("ReceiveSection", "{n} 个数据包有冲突：请到“冲突”对照两边后处理。")
    finally:
        QApplication.instance().removeTranslator(translator)
        QSettings().setValue("language", "zh_CN")
