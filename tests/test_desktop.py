"""The placeholder window opens on a workspace; operations run off the UI thread."""

import threading

import pytest

pytestmark = pytest.mark.gui


def test_window_opens_on_the_demo_workspace(qtbot, demo_path):
    from desktop.app import MainWindow

    window = MainWindow(demo_path, build_demo=True)  # already built: just opened
    qtbot.addWidget(window)
    window.show()
    assert "东川区" in window.label.text()
    assert "下属学校 39 所" in window.label.text()


def test_first_run_builds_the_demo_in_a_worker(qtbot, tmp_path):
    from desktop.app import MainWindow

    window = MainWindow(tmp_path / "fresh", build_demo=True)
    qtbot.addWidget(window)
    window.show()
    assert "正在生成" in window.label.text()
    qtbot.waitUntil(lambda: "下属学校" in window.label.text(), timeout=60000)
    assert window.bar.isHidden()


def test_damaged_workspace_shows_a_message(qtbot, demo_path):
    from desktop.app import MainWindow

    (demo_path / "eduplan.sqlite").write_bytes(b"broken" * 1000)
    for side in ("eduplan.sqlite-wal", "eduplan.sqlite-shm"):
        (demo_path / side).unlink(missing_ok=True)
    window = MainWindow(demo_path, build_demo=False)
    qtbot.addWidget(window)
    assert "已损坏" in window.label.text()


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
