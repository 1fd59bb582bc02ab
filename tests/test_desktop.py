"""The desktop shell: operations off the UI thread, first-run demo, logging and diagnostics."""

import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_operation_reports_progress_and_result_on_the_ui_thread(qtbot):
    from desktop.ops import Operation

    ui_thread = threading.get_ident()
    seen = []

    def work(progress, cancelled):
        assert threading.get_ident() != ui_thread
        for i in range(3):
            progress(i + 1, 3)
        return "完成"

    op = Operation(work)
    op.progress.connect(lambda d, t: seen.append((d, t, threading.get_ident() == ui_thread)))
    with qtbot.waitSignal(op.succeeded, timeout=5000) as blocker:
        op.start()
    assert blocker.args == ["完成"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert all(on_ui for *_, on_ui in seen)


def test_operation_cancel_and_failure(qtbot):
    from desktop.ops import Operation
    from eduplan_core.errors import Cancelled

    started = threading.Event()

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            pass
        raise Cancelled()

    op = Operation(work)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
        started.wait(5)
        op.cancel()
    assert isinstance(blocker.args[0], Cancelled)


def test_first_run_builds_the_demo_with_progress(qtbot, isolated_home):
    from desktop.startup import ensure_demo

    path = ensure_demo()
    assert path == isolated_home / "demo" and (path / "eduplan.sqlite").exists()
    assert ensure_demo() == path  # the second time it is just opened


def test_demo_school_workspace(qtbot, demo_master, isolated_home, monkeypatch):
    import shutil

    from eduplan_core.store import entries
    from eduplan_core.store.workspace import Workspace

    shutil.copytree(demo_master, isolated_home / "demo")
    from desktop.startup import ensure_demo_school

    path = ensure_demo_school("2153113101")
    with Workspace.open(path, daily_backup=False) as ws:
        assert ws.role == "school" and ws.org_code == "2153113101"
        view = entries.view_entry(ws, "2153113101", 2024, None)
        assert view.state == "submitted" and view.values["pri_students"] > 0


def test_log_and_diagnostics_have_no_entered_values(qtbot, demo_path):
    import logging

    from desktop.logs import diagnostics, setup_logging

    log = setup_logging()
    logging.getLogger("eduplan").info("测试日志行")
    text = diagnostics(demo_path)
    assert "EduPlan" in text and "PySide6" in text and "测试日志行" in text
    assert log.exists()
    assert "pri_students" not in text  # no field, no value: versions, platform, the log


def test_english_is_selectable(qtbot):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    QSettings().setValue("language", "en")
    translator = install_translator(QApplication.instance())
    try:
        assert translator is not None
        assert QCoreApplication.translate("MainWindow", "差距清单") != "差距清单"
        assert QCoreApplication.translate("FormPage", "说明原因：").startswith("Explanation")
        # the vocabulary's words in English, as vocab.py defines them (statuses once read
        # Chinese here: they were looked up in a context the translation file did not have)
        from desktop.models import status_names, term, term_names
        from eduplan_core.vocab import TERMS, EntryState, Severity, Status

        assert status_names()["missed"] == "Not met"
        assert term(Severity.CRITICAL) == "Critical"
        assert term_names(EntryState)["draft"] == "Draft (not submitted)"
        assert {w.value: term(w) for kind in TERMS for w in kind} == {
            w.value: w.en for kind in TERMS for w in kind}
        assert list(term_names(Status)) == [s.value for s in Status]
    finally:
        QApplication.instance().removeTranslator(translator)
        QSettings().setValue("language", "zh_CN")
    assert QCoreApplication.translate("MainWindow", "差距清单") == "差距清单"


def test_chinese_is_chinese_down_to_qts_own_buttons(qtbot):
    """A Chinese question once showed English Yes/No buttons (Qt's own words were not
    translated); and the core's phrases follow the window's language, not the machine's."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.app import install_translator
    from desktop.models import message_of, words
    from eduplan_core.errors import UsageError
    from eduplan_core.texts import Text

    QLocale.setDefault(QLocale(QLocale.Language.English))  # a machine set to English
    qt_chinese = install_translator(QApplication.instance())  # Chinese chosen (the default)
    assert qt_chinese is not None
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "EduPlan", "恢复备份吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Yes,
                                                 QMessageBox.StandardButton.No)}
        assert texts == {"是(&Y)", "否(&N)"}, texts
        assert words(Text("已达标", "Met")) == "已达标"
        assert message_of(UsageError("口令不对", "Wrong passphrase")) == "口令不对"
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert words(Text("已达标", "Met")) == "Met"
        assert message_of(UsageError("口令不对", "Wrong passphrase")) == "Wrong passphrase"
    finally:
        QApplication.instance().removeTranslator(qt_chinese)


def test_damaged_workspace_offers_its_newest_backup(qtbot, demo_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import offer_restore
    from eduplan_core.errors import WorkspaceDamaged
    from eduplan_core.store import backup
    from eduplan_core.store.workspace import Workspace

    good = backup.take_backup(demo_path, "manual")
    (demo_path / "eduplan.sqlite").write_bytes(b"broken" * 1000)
    for side in ("eduplan.sqlite-wal", "eduplan.sqlite-shm"):
        (demo_path / side).unlink(missing_ok=True)
    try:
        Workspace.open(demo_path)
    except WorkspaceDamaged as exc:
        damaged = exc
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert offer_restore(demo_path, damaged)
    assert "已损坏" in asked[0] and good.taken_at in asked[0]
    with Workspace.open(demo_path, daily_backup=False) as ws:
        assert ws.org.name == "东川区"
    assert any(p.name.startswith("replaced-") for p in (demo_path / "backups").iterdir())


def test_a_second_window_on_one_workspace_is_refused(qtbot, demo_path):
    import subprocess
    import sys
    import textwrap

    from desktop.session import Session
    from eduplan_core.errors import WorkspaceInUse

    first = Session(demo_path)
    try:
        with pytest.raises(WorkspaceInUse, match="另一个 EduPlan 窗口"):
            Session(demo_path)  # the same process, as a second window would try
        # another process's window: refused too, naming the window that has it
        code = textwrap.dedent(f"""
            import sys
            from PySide6.QtWidgets import QApplication
            app = QApplication([])
            from desktop.session import Session
            from eduplan_core.errors import WorkspaceInUse
            try:
                Session({str(demo_path)!r})
            except WorkspaceInUse as exc:
                print(exc.message)
                sys.exit(3)
        """)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=60, env={**__import__("os").environ,
                                                 "QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 3, result.stderr
        assert "EduPlan 桌面程序" in result.stdout and "进程" in result.stdout
    finally:
        first.close()
    Session(demo_path).close()  # free again once the first window closed


def test_the_window_notices_saves_made_by_another_process(qtbot, demo_path):
    import subprocess
    import sys

    from desktop.session import Session

    session = Session(demo_path)
    try:
        assert not session.check_outside_changes()
        with qtbot.waitSignal(session.data_changed, timeout=10000):
            from pathlib import Path

            eduplan = str(Path(sys.executable).parent / "eduplan")
            subprocess.run([eduplan, "enter", "--org",
                            "东川区", "--year", "2025", "--form", "county", "--set",
                            "cty_out_of_school=3", "--workspace", str(demo_path)],
                           check=True, capture_output=True, timeout=60)
        from eduplan_core.store.entries import view_entry

        assert view_entry(session.ws, "东川区", 2025, "county").values["cty_out_of_school"] == 3
    finally:
        session.close()


def test_start_removes_what_a_killed_demo_build_left(qtbot, isolated_home, demo_master):
    import shutil

    from desktop.startup import ensure_demo

    shutil.copytree(demo_master, isolated_home / "demo")
    left = isolated_home / ".demo-building-abc123"
    shutil.copytree(demo_master, left)
    (left / "locks" / "building.lock").touch()  # its builder died: the lock is free
    mine = isolated_home / ".demo-building-notes"
    mine.mkdir()
    (mine / "笔记.txt").write_text("不是 EduPlan 的文件")
    ensure_demo()
    assert not left.exists()
    assert (mine / "笔记.txt").exists()  # holds a file EduPlan did not make: left alone


def test_odd_settings_do_not_stop_the_window(qtbot, demo_path, tmp_path):
    import datetime as dt

    from PySide6.QtCore import QSettings

    from desktop.session import DEMO_AS_OF, Session
    from eduplan_core.rounds import current_round
    from eduplan_core.store.workspace import Workspace

    QSettings().setValue("year", "99999999999999999999")
    QSettings().setValue("as_of", "昨天")
    session = Session(demo_path)  # the demo: its latest year, the date it was made for
    try:
        assert (session.year, session.as_of) == (2025, DEMO_AS_OF)
    finally:
        session.close()
    Workspace.create(tmp_path / "county", org="东川区", role="county", operator="张三").close()
    session = Session(tmp_path / "county")  # a real one: today, and the round of today
    try:
        assert session.as_of_is_today and session.as_of == dt.date.today()
        assert session.year == current_round(dt.date.today())
    finally:
        session.close()


def test_each_chinese_string_has_one_english():
    """resources/translations/en*.tsv are keyed by the Chinese alone: a second, different
    English line for the same Chinese silently wins over the first (纸质报送 once read
    "paper" on one page and "Paper submission" on another)."""
    folder = Path(__file__).resolve().parent.parent / "resources" / "translations"
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for tsv in [folder / "en.tsv", *sorted(folder.glob("en-*.tsv"))]:
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            source, english = line.split("\t", 1)
            where, first = seen.setdefault(source, (f"{tsv.name}:{n}", english))
            if first != english:
                clashes.append(f"{source!r}: {where} {first!r} vs {tsv.name}:{n} {english!r}")
    assert not clashes, "\n".join(clashes)


def test_the_committed_translation_is_what_the_sources_make():
    """eduplan_en.ts/.qm are committed: a string added or moved to another class (lupdate's
    context is the class) without `make translations` once showed Chinese in English."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "resources" / "translations" / "update.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
