"""报送进度 and 优质均衡 at a small laptop's 1024×700 and at 1280×800, in Chinese and in English
(issue 12 §4: nothing a user needs is off-screen or cut): the columns a user reads end within the
table's viewport (no sideways scrolling; a cut cell whole in its tooltip), no page makes the window
wider than asked, and the deadline box shows a real date when no deadline is set (not the box's
2000-01-01). Set EDUPLAN_FIT_PNG=<dir> to keep the windows as PNGs to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_gui_english import idle, open_window

pytestmark = pytest.mark.gui

SIZES = {"small": (1024, 700), "laptop": (1280, 800)}
# what a user reads on the board: every column but 所属县 (shown when there are several) and
# 逾期 (shown when a unit is late); (by: 纸质/自行; call: the contact and the phone)
BOARD = ("state_name", "name", "org", "kind", "form_name", "by", "last", "call")
# the school grid: the school, its result, the 7 indicators
GRID = ("name", "org", "section", "status_text", "met_text",
        "yz_higher_degree_teachers_per100", "yz_backbone_teachers_per100",
        "yz_pe_art_teachers_per100", "yz_teaching_area_per_pupil",
        "yz_sports_area_per_pupil", "yz_equipment_value_per_pupil",
        "yz_multimedia_rooms_per100")




@pytest.fixture(params=list(SIZES))
def size(request):
    return SIZES[request.param]


def show(qtbot, path: Path, key: str, size: tuple[int, int]):
    window = open_window(qtbot, path)
    window.resize(*size)
    page = window.show_page(key)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=60000)
    qtbot.wait(50)
    return window, page


def keep(window, name: str) -> None:
    where = os.environ.get("EDUPLAN_FIT_PNG")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(where) / f"{name}.png"))


def column(model, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def cut_columns(view, model, keys) -> list[str]:
    """The needed columns hidden or ending beyond the table's viewport, said."""
    width = view.viewport().width()
    bad = []
    for key in keys:
        c = column(model, key)
        right = view.columnViewportPosition(c) + view.columnWidth(c)
        if view.isColumnHidden(c) or right > width:
            bad.append(f"{key} ends at {right} > {width}")
    if view.horizontalScrollBar().maximum() > 0:
        bad.append(f"scrolls sideways by {view.horizontalScrollBar().maximum()}")
    return bad


def test_the_boards_columns_are_seen_whole(qtbot, demo_path, language, size):
    from PySide6.QtCore import Qt

    window, page = show(qtbot, demo_path, "completeness", size)
    keep(window, f"completeness-{language}-{size[0]}")
    assert window.width() == size[0] and window.height() == size[1]
    assert window.minimumSizeHint().width() <= size[0]
    view, model = page.view, page.model
    assert not page.late and view.isColumnHidden(column(model, "late_days"))
    assert not cut_columns(view, model, BOARD), cut_columns(view, model, BOARD)
    # a unit's name keeps 10 "M"s (most names whole); a cut cell is whole in its tooltip
    em = view.fontMetrics().horizontalAdvance("M")
    name = column(model, "name")
    assert view.columnWidth(name) >= min(10 * em, view.sizeHintForColumn(name))
    row = next(r for r in model.rows if r["contact"] and r["phone"])
    i = model.rows.index(row)
    tip = model.data(model.index(i, column(model, "call")), Qt.ItemDataRole.ToolTipRole)
    assert row["contact"] in tip and row["phone"] in tip
    for key in ("state_name", "name", "kind", "form_name"):
        tip = model.data(model.index(i, column(model, key)), Qt.ItemDataRole.ToolTipRole)
        assert tip == row[key], key
    # the summary per form below the board, whole when the board keeps 10 rows (at 1280×800),
    # else the board keeps them and the summary scrolls
    form = page.form_view
    assert form.isVisibleTo(window)
    assert form.mapTo(page, form.rect().topLeft()).y() >= view.mapTo(
        page, view.rect().bottomLeft()).y()
    assert view.viewport().height() >= 10 * view.verticalHeader().defaultSectionSize()
    assert form.horizontalScrollBar().maximum() == 0
    if size == SIZES["laptop"]:
        assert form.verticalScrollBar().maximum() == 0


def test_with_a_deadline_the_days_late_are_seen_too(qtbot, demo_path, language, size):
    from PySide6.QtCore import QDate

    window, page = show(qtbot, demo_path, "completeness", size)
    page.due_check.setChecked(True)
    page.due_edit.setDate(QDate(2025, 5, 1))
    page.refresh()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(page.late), timeout=60000)
    qtbot.wait(50)
    keep(window, f"completeness-late-{language}-{size[0]}")
    view, model = page.view, page.model
    needed = (*BOARD, "late_days")
    assert not cut_columns(view, model, needed), cut_columns(view, model, needed)
    late = column(model, "late_days")
    assert view.columnWidth(late) >= view.sizeHintForColumn(late)


def test_the_deadline_box_shows_a_date_of_the_round_when_none_is_set(qtbot, demo_path):
    from PySide6.QtCore import QDate

    window, page = show(qtbot, demo_path, "completeness", SIZES["small"])
    assert not page.due_check.isChecked() and not page.due_edit.isEnabled()
    assert page.due_edit.date() != QDate(2000, 1, 1)
    assert page.due_edit.text() != "2000-01-01"
    t = page.tracking
    due = t.due if t is not None and t.due else window.session.as_of.isoformat()
    assert page.due_edit.date().toString("yyyy-MM-dd") == due
    assert page.due_date() is None  # what is used: still the setup file's (none)
    page.due_check.setChecked(True)
    assert page.due_date() is not None and page.due_date().isoformat() == due


def test_the_youzhi_grid_shows_its_seven_indicators_and_verdicts(qtbot, demo_path, language,
                                                                  size):
    from PySide6.QtCore import Qt

    from desktop.models import words

    window, page = show(qtbot, demo_path, "youzhi", size)
    keep(window, f"youzhi-{language}-{size[0]}")
    assert window.width() == size[0] and window.height() == size[1]
    assert window.minimumSizeHint().width() <= size[0]
    view, model = page.view, page.model
    assert not cut_columns(view, model, GRID), cut_columns(view, model, GRID)
    # the numbers and the verdicts read whole; an indicator's full name in its header tooltip
    for key in GRID[3:]:
        c = column(model, key)
        assert view.columnWidth(c) >= view.sizeHintForColumn(c), key
    for code, name in model.indicators:
        c = column(model, code)
        tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert name in tip
    # a school's explanation: whole in the tooltip of its result and below the table
    row = next(r for r in model.rows if r["reason"])
    i = model.rows.index(row)
    view.selectRow(i)
    assert words(row["reason"]) in page.detail.text()
    assert row["name"] in page.detail.text() and row["status_text"] in page.detail.text()
