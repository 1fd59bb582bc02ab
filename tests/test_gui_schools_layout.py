"""学校名录 at a small laptop's 1024×700, in Chinese and in English (issue 12 §4): every column of
the register is seen without scrolling sideways (a cut cell whole in its tooltip and in the line
below the table); the import preview is no larger than the screen it is on (at most 90 % of a
1024×700 one), its buttons inside it and its reasons readable; the add and edit dialogs fit and
cut none of their check boxes."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

SMALL = (1024, 700)
# what a user reads in the register: every column but 所属县 (shown when there are several);
# (kind: the type, a 教学点 said in it; by: 纸质/自行; reach: the contact and the phone)
NEEDED = ("name", "code", "kind", "ownership", "urban_rural", "by", "status", "reach")
# the columns of the register as they were (the same facts, one a column)
BEFORE = {"kind": ("type", "point"), "by": ("way",), "reach": ("contact", "phone")}




def open_schools(qtbot, path, size=None):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year, session.as_of, session.as_of_is_today = 2025, dt.date(2025, 6, 1), False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*(size or SMALL))
    window.show()
    page = window.show_page("schools")
    qtbot.waitUntil(lambda: page._op is None and page.model.rowCount() > 0, timeout=60000)
    qtbot.wait(20)
    return window, page


def column(model, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def needed(model) -> list[str]:
    keys = {c.key for c in model.columns}
    return [k for key in NEEDED for k in ((key,) if key in keys else BEFORE[key])]


def inside(widget, dialog) -> bool:
    from PySide6.QtCore import QRect

    top_left = widget.mapTo(dialog, widget.rect().topLeft())
    return dialog.rect().contains(QRect(top_left, widget.size()))


def save(widget, tmp_path, name: str) -> None:
    """What the test saw, to look at (tmp_path/<name>.png)."""
    widget.grab().save(str(tmp_path / f"{name}.png"))


def test_every_column_of_the_register_is_seen_at_1024(qtbot, demo_path, language, tmp_path):
    from PySide6.QtCore import Qt

    window, page = open_schools(qtbot, demo_path)
    assert window.width() == SMALL[0]  # the page does not widen the window
    view, model = page.view, page.model
    width = view.viewport().width()
    for key in needed(model):
        c = column(model, key)
        assert not view.isColumnHidden(c), key
        right = view.columnViewportPosition(c) + view.columnWidth(c)
        assert right <= width, f"{key} ends at {right} > {width}"
    assert view.horizontalScrollBar().maximum() == 0
    assert view.isColumnHidden(column(model, "county"))  # one county: not said on every row
    # a school's name keeps 14 "M"s (most names whole); every cut cell is whole in its tooltip
    em = view.fontMetrics().horizontalAdvance("M")
    assert view.columnWidth(column(model, "name")) >= min(14 * em,
                                                          view.sizeHintForColumn(0))
    for key in ("name", "kind", "ownership", "status", "reach"):
        tip = model.data(model.index(0, column(model, key)), Qt.ItemDataRole.ToolTipRole)
        assert tip and model.rows[0][key] in tip, key
    # the chosen school whole below the table: its contact and phone among the rest
    page.view.selectRow(0)
    row = page.selected()
    assert row["code"] in page.detail.text() and row["phone"] in page.detail.text()
    assert row["ownership"] in page.detail.text()
    save(window, tmp_path, f"schools-{language}")
    # wider, nothing is cut
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: view.viewport().width() > width)
    for c in range(model.columnCount()):
        if not view.isColumnHidden(c) and c != model.columnCount() - 1:
            assert view.columnWidth(c) >= view.sizeHintForColumn(c)


def test_a_narrow_table_cuts_the_least_needed_first():
    from desktop.pages.base import fit_widths

    want = {0: 200, 1: 80, 2: 150, 3: 160}
    least = {0: 140, 1: 80, 2: 50, 3: 80}
    tiers = {0: 1, 1: 3, 2: 0, 3: 1}
    assert fit_widths(want, least, tiers, 1000) == want
    assert fit_widths(want, least, tiers, 540) == {0: 200, 1: 80, 2: 100, 3: 160}
    got = fit_widths(want, least, tiers, 450)
    assert got[2] == 50 and sum(got.values()) <= 450 and got[0] >= 140
    assert fit_widths(want, least, tiers, 100) == least  # no less than the least: it scrolls


def test_the_import_preview_fits_the_screen(qtbot, demo_path, language, tmp_path):
    from PySide6.QtCore import QSize

    from tests.test_gui_schools import write_list

    window, page = open_schools(qtbot, demo_path)
    listing = tmp_path / "会泽县学校名单.xlsx"
    write_list(listing, "中学")  # 会泽县's schools: not 东川区's, and a bad type
    page.import_file(listing)
    qtbot.waitUntil(lambda: page._op is None and page.dialog is not None, timeout=60000)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.wait(20)
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= room.width()
    assert dialog.frameGeometry().height() <= room.height()
    assert dialog.width() <= 0.9 * room.width() and dialog.height() <= 0.9 * room.height()
    # nor larger than the window it is over (a 1024 px window on a wide screen)
    assert dialog.width() <= 0.9 * window.width() and dialog.height() <= 0.9 * window.height()
    # on a 1024×700 screen it may be 90 % of it: the layout lets it be that small
    small = QSize(int(0.9 * SMALL[0]), int(0.9 * SMALL[1]))
    reasons = column(dialog.model, "reasons")
    hint = dialog.minimumSizeHint()
    assert hint.width() <= small.width() and hint.height() <= small.height()
    for size in (dialog.size(), small):
        dialog.resize(size)
        qtbot.wait(20)
        for button in dialog.buttons.buttons():
            assert button.isVisible() and inside(button, dialog), button.text()
        assert inside(dialog.summary, dialog)
        # the reasons: a column within the table's width, and every one whole in the box
        view = dialog.view
        assert not view.isColumnHidden(reasons)
        right = view.columnViewportPosition(reasons) + view.columnWidth(reasons)
        assert right <= view.viewport().width()
        assert view.columnWidth(reasons) >= 20 * view.fontMetrics().horizontalAdvance("M")
        assert inside(dialog.details, dialog) and dialog.details.isVisible()
        save(dialog, tmp_path, f"preview-{language}-{size.width()}")
    said = dialog.details.toPlainText()
    for row in dialog.checked.bad:
        assert all(str(reason) in said or reason.en in said for reason in row.reasons)
    dialog.reject()


def test_a_preview_with_every_row_good_has_no_empty_reasons(qtbot, demo_path, tmp_path):
    from eduplan_core.orgimport import check_import

    window, page = open_schools(qtbot, demo_path)
    listing = tmp_path / "名单.csv"
    listing.write_text("学校代码,学校名称,所属县,学校类型\n2153113901,东川区新小学,东川区,小学\n",
                       encoding="utf-8")
    from desktop.pages.schools_import import ImportPreviewDialog

    dialog = ImportPreviewDialog(check_import(page.session.ws, listing), page)
    qtbot.addWidget(dialog)
    assert dialog.can_import and dialog.view.isColumnHidden(column(dialog.model, "reasons"))


def test_the_add_and_edit_dialogs_fit(qtbot, demo_path, language, tmp_path):
    from PySide6.QtWidgets import QCheckBox, QLabel

    window, page = open_schools(qtbot, demo_path)
    page.view.selectRow(0)
    for name, open_dialog in (("add", page.add_school), ("edit", page.change_selected)):
        dialog = open_dialog()
        qtbot.waitUntil(dialog.isVisible)
        qtbot.wait(20)
        hint = dialog.sizeHint()
        assert hint.width() <= 0.9 * SMALL[0] and hint.height() <= 0.9 * SMALL[1], name
        # as shown on this screen (offscreen: 800 px wide, a dialog at most 2/3 of it), and as
        # small as it may be made: nothing cut
        for size in (None, dialog.minimumSizeHint().expandedTo(dialog.minimumSize())):
            if size is not None:
                dialog.resize(size)
                qtbot.wait(20)
            for box in dialog.findChildren(QCheckBox):
                assert box.width() >= box.sizeHint().width(), f"{name}: {box.text()} is cut"
            for label in dialog.findChildren(QLabel):
                if label.isVisible() and not label.wordWrap() and label.text():
                    assert label.width() >= label.sizeHint().width(), f"{name}: {label.text()}"
            for button in dialog.buttons.buttons():
                assert inside(button, dialog)
            save(dialog, tmp_path, f"{name}-{language}-{dialog.width()}")
        dialog.reject()


def test_a_dialogs_room_is_bounded_by_its_window(qtbot):
    """The preview's room (schools_import.available): the screen, and no more than the window
    it is over — on a wide screen a 1024 px window's preview was 1100 px, wider than it."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    from desktop.pages.schools_import import available

    window = QMainWindow()
    qtbot.addWidget(window)
    child = QLabel("学校名录")
    window.setCentralWidget(child)
    window.resize(600, 450)
    window.show()
    qtbot.waitUntil(window.isVisible)
    room = available(child)
    screen = child.screen().availableGeometry()
    assert room.width() == min(600, screen.width())
    assert room.height() == min(450, screen.height())


def test_the_columns_fill_the_table_when_there_is_room(qtbot, demo_path):
    """At 1280×800 the register once ended in an empty band of header (the stretching last
    section was resized away): the columns fill the table's width."""
    window, page = open_schools(qtbot, demo_path, (1280, 800))
    view, model = page.view, page.model
    shown = sum(view.columnWidth(c) for c in range(model.columnCount())
                if not view.isColumnHidden(c))
    assert shown >= view.viewport().width() - 1, (shown, view.viewport().width())
