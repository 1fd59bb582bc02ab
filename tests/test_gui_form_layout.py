"""The form's layout at the sizes data-entry staff use (issue 12 §4): at 1024×700 and 1280×800,
in Chinese and in English, a field's warning has a line of its own across the row — at most two
lines of text, never a column beside the value seven to ten lines tall — with its full text as
tooltip; the form needs no sideways scrolling; the problems beside it wrap; 字段历史's long
explanations wrap, their full text the cell's tooltip."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

SCHOOL = "2153113101"  # 东川区第一小学: its 2025 标准数字教室数 fell from 31 to 12 (a warning)
FIELD = "digital_classrooms"
SIZES = [(1024, 700), (1280, 800)]
LONG = ("当年新建标准数字教室（教育信息化项目），原有 19 间普通教室改造中，暂不计入；"
        "另有 3 间因校舍安全排查停用，预计下学期恢复使用，届时再按实际数量更新本项数据。")




def open_form(qtbot, tmp_path, demo_path, size):
    from desktop.main_window import MainWindow
    from desktop.session import Session
    from eduplan_core.demo import build_demo_school

    path = tmp_path / "school"
    build_demo_school(path, SCHOOL, demo_path)
    session = Session(path)
    session.year = 2025
    session.as_of = dt.date(2025, 6, 1)
    session.as_of_is_today = False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    page = window.show_page("entry")
    form = page.form_page
    qtbot.waitUntil(lambda: form.form is not None, timeout=20000)
    qtbot.wait(50)
    return window, form


def lines(label) -> float:
    """How many lines of text a label shows."""
    margins = label.contentsMargins()
    return (label.height() - margins.top() - margins.bottom()) / \
        label.fontMetrics().lineSpacing()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_warning_reads_across_the_row(qtbot, tmp_path, demo_path, language, size):
    window, form = open_form(qtbot, tmp_path, demo_path, size)
    row = form.rows[FIELD]
    body = form.scroll_area.widget()
    message = row.message
    assert message.text().startswith("⚠") and message.isVisibleTo(body)
    assert lines(message) <= 2.5, (message.height(), message.text())  # two lines
    assert message.toolTip() == message.text()  # the full text
    group = row.label.parentWidget()
    assert message.width() >= 0.8 * group.contentsRect().width()
    assert message.geometry().top() >= row.editor.parentWidget().geometry().bottom()
    # the explanation box below it has the row's width too, and nothing scrolls sideways
    assert row.expl_frame.isVisibleTo(body)
    assert row.expl_frame.width() >= 0.8 * group.contentsRect().width()
    assert not form.scroll_area.horizontalScrollBar().isVisible()
    # the same warning in the problems beside the form: wrapped, a few lines at most
    view = form.issues.view
    assert view.model().rowCount() == 1
    assert not view.horizontalScrollBar().isVisible()
    line = view.fontMetrics().lineSpacing()
    assert 1.5 * line <= view.rowHeight(0) <= 5 * line, view.rowHeight(0)
    window.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_long_explanation_wraps_in_the_history(qtbot, tmp_path, demo_path, language, size):
    from PySide6.QtCore import Qt

    from eduplan_core.store import entries

    window, form = open_form(qtbot, tmp_path, demo_path, size)
    assert form.reopen()
    entries.set_values(form.session.ws, SCHOOL, 2025, "primary", {FIELD: "13"}, {FIELD: LONG})
    form._load_view()
    form.current = form.rows[FIELD]
    form.show_history()
    dialog = form._history_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.wait(50)
    view, model = dialog.view, dialog.model
    cell = model.index(0, 3)
    assert model.data(cell, Qt.ItemDataRole.DisplayRole) == LONG
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == LONG
    line = view.fontMetrics().lineSpacing()
    assert view.rowHeight(0) >= 2 * line  # wrapped, its row grown to show it
    width = view.columnWidth(3)
    assert view.fontMetrics().horizontalAdvance(LONG) > width  # longer than its column
    assert not view.horizontalScrollBar().isVisible()
    dialog.close()
    window.close()


def test_the_list_of_forms_shows_whole_rows_and_no_empty_band(qtbot, demo_path):
    """填报's list over the form at 1024×700: whole rows (the fourth was once cut in half) and
    no empty band between a short list and its 打开 button."""
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(demo_path)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.show_page("entry")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    qtbot.wait(50)
    table = page.table
    shown = table.viewport().height()
    heights = [table.rowHeight(i) for i in range(page.model.rowCount())]
    whole = [sum(heights[:k]) for k in range(1, len(heights) + 1)]
    assert shown in whole, (shown, whole)  # a whole number of rows, none cut
    band = page.open_button.geometry().top() - table.geometry().bottom()
    assert band <= page.top_layout.spacing() + 2, band


def test_the_list_of_forms_follows_the_year(qtbot, demo_path):
    """Another year with more forms: the list grows to show them (2024 has a fourth row, a
    paper school, that stayed hidden behind 2025's three)."""
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(demo_path)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.show_page("entry")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    before = page.model.rowCount()
    session.set_year(2024)
    qtbot.waitUntil(lambda: page.model.rowCount() != before, timeout=20000)
    qtbot.wait(50)
    n = page.model.rowCount()
    heights = [page.table.rowHeight(i) for i in range(min(n, 4))]
    assert page.table.viewport().height() >= sum(heights), (n, page.table.viewport().height())
