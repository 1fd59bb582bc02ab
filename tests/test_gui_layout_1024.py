"""What the screenshots at 1024×700 showed wrong (issue 12 §4: at 1024×700 nothing a user needs
is off-screen or cut; English complete), in both languages: 报送进度 fits 1024 px (its
due-date line wraps; its 类型 is 学校名录's "Primary school"); the navigation shows every title
whole without sideways scrolling; the wizard's pages fit 1024×700 in English; the toolbar's
核查日期 shows the session's as-of date (今天 ticked: today's); 只看不同的项 hides the items
alike on both sides; English text says a unit's code and the operator with ASCII
punctuation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from eduplan_core.exchange import keys

from .test_gui_english import (HAN, catalog_strings, idle,
                               open_window, split_data, widget_texts, workspace_strings)

pytestmark = pytest.mark.gui

SMALL = (1024, 700)
FULL_WIDTH = re.compile("[（）：，；、]")




def small_window(qtbot, path: Path):
    window = open_window(qtbot, path)
    window.resize(*SMALL)
    idle(qtbot, window)
    return window


def nav_problems(window) -> list[str]:
    """Each navigation title cut or scrolled sideways, said."""
    nav = window.nav
    fm = nav.fontMetrics()
    bad = []
    if nav.horizontalScrollBar().isVisible() or nav.horizontalScrollBar().maximum() > 0:
        bad.append("the navigation scrolls sideways")
    room = nav.viewport().width()
    for row in range(nav.count()):
        item = nav.item(row)
        rect = nav.visualItemRect(item)
        text = item.text()
        if rect.right() > nav.viewport().rect().right() + 1:
            bad.append(f"{text!r} is wider than the navigation")
        if fm.horizontalAdvance(text) + 6 <= room:
            continue
        # wrapped: every word fits, the item high enough for the lines it needs
        lines = fm.boundingRect(0, 0, rect.width() - 6, 10000,
                                0x1000, text)  # Qt.TextFlag.TextWordWrap
        if any(fm.horizontalAdvance(w) > rect.width() for w in text.split()):
            bad.append(f"{text!r}: a word is wider than the navigation")
        if rect.height() < lines.height():
            bad.append(f"{text!r} needs {lines.height()} px high, has {rect.height()}")
    return bad


# -- the window ----------------------------------------------------------------------------------
def test_the_county_fits_1024_with_every_navigation_title_whole(qtbot, language, demo_path,
                                                                tmp_path):
    window = small_window(qtbot, demo_path)
    for key in window.pages:
        window.show_page(key)
        idle(qtbot, window)
    page = window.show_page("completeness")
    idle(qtbot, window)
    window.grab().save(str(tmp_path / f"{language}-completeness.png"))
    assert window.minimumSizeHint().width() <= SMALL[0]
    assert window.width() <= SMALL[0]
    assert page.due_label.wordWrap()
    assert not nav_problems(window), nav_problems(window)
    assert window.nav.width() <= SMALL[0] // 5  # the pages keep the room
    # the 类型 column says a school's type as 学校名录 does
    kinds = {r["org"]: r["kind"] for r in page._rows}
    primary = "2153113101"  # 东川区第一小学
    assert kinds[primary] == ("Primary school" if language == "en" else "小学")
    if language == "en":
        assert not any(HAN.search(k) for k in kinds.values()), sorted(set(kinds.values()))


@pytest.mark.usefixtures("english")
def test_the_status_bar_and_the_exchange_sections_say_codes_with_ascii_in_english(
        qtbot, demo_path, catalog):
    # names (of units, forms, fields): they stay as they are
    data = split_data(catalog_strings(catalog) | workspace_strings(demo_path))
    window = small_window(qtbot, demo_path)
    identity = window.identity.text()
    assert "Operator: " in identity and not FULL_WIDTH.search(_without(identity, data))
    page = window.show_page("exchange")
    bad = []
    for key in ("send", "setup"):
        section = page.show_section(key)
        idle(qtbot, window)
        for where, text in widget_texts(section):
            rest = _without(text, data)
            if FULL_WIDTH.search(rest):
                bad.append(f"{key} {where}: {text!r}")
    assert not bad, "\n".join(bad)
    assert "东川区 (530113)" in page.send.unit.text()
    listed = [page.setup.units.item(i).text() for i in range(page.setup.units.count())]
    assert any(t.startswith("东川区第一小学 (2153113101)") for t in listed)


def _without(text: str, data: list[str]) -> str:
    for s in data:
        text = text.replace(s, " ")
    return text


# -- the toolbar -------------------------------------------------------------------------------
def test_the_date_box_shows_the_sessions_as_of_date(qtbot, demo_path):
    from PySide6.QtCore import QDate

    window = small_window(qtbot, demo_path)
    assert window.as_of_edit.date() == QDate(2025, 6, 1) and not window.today_box.isChecked()
    window.today_box.setChecked(True)  # 今天: the session's date is today, and so is the box
    today = dt.date.today()
    assert window.session.as_of == today and window.session.as_of_is_today
    assert window.as_of_edit.date() == QDate(today.year, today.month, today.day)
    assert not window.as_of_edit.isEnabled()
    window.today_box.setChecked(False)  # from today on, a date of one's own
    assert window.session.as_of == today and not window.session.as_of_is_today
    assert window.as_of_edit.isEnabled()
    window.session.set_as_of(dt.date(2024, 9, 1))  # changed elsewhere
    assert window.as_of_edit.date() == QDate(2024, 9, 1) and not window.today_box.isChecked()
    window.session.set_as_of(None)
    assert window.today_box.isChecked()
    assert window.as_of_edit.date() == QDate(today.year, today.month, today.day)


# -- the wizard --------------------------------------------------------------------------------
@pytest.mark.usefixtures("english")
def test_the_wizards_pages_fit_1024_by_700_in_english(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from desktop.pages.wizard import BUREAU, DEMO_SCHOOL, SCHOOL, FirstRunWizard

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.resize(*SMALL)
    wizard.show()
    seen = {}
    for choice in (None, DEMO_SCHOOL, BUREAU, SCHOOL):
        if choice is not None:
            wizard.restart()
            wizard.choice_page.radios[choice].setChecked(True)
            wizard.choice_page.operator.setText("Zhang San")
            wizard.next()
        qtbot.wait(10)
        page = wizard.currentPage()
        seen[choice] = wizard.minimumSize()
        wizard.grab().save(str(tmp_path / f"wizard-{choice}.png"))
        long = [label.text() for label in page.findChildren(QLabel)
                if label.isVisibleTo(page) and not label.wordWrap()
                and label.sizeHint().width() > SMALL[0] // 2]
        assert not long, f"{choice}: labels that do not wrap: {long}"
        assert wizard.width() <= SMALL[0] and wizard.height() <= SMALL[1], choice
    assert all(s.width() <= SMALL[0] and s.height() <= SMALL[1] for s in seen.values()), seen


# -- 冲突 --------------------------------------------------------------------------------------
@pytest.fixture
def cheap_kdf(monkeypatch):
    from .chain import PASS

    monkeypatch.setenv(keys.TEST_KDF_ENV, "1")
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", PASS)
    for name in ("EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


def test_only_the_differences_hides_the_items_alike_on_both_sides(qtbot, cheap_kdf, tmp_path):
    """只看不同的项 lists only the items that differ — of an open conflict, and of a decided one
    (the two sides as they were when it was decided); unticked, every item."""
    from eduplan_core.exchange.export import export_bundle
    from eduplan_core.store import entries

    from .chain import PAPER, PASS, build_chain, setup_child
    from .test_gui_exchange_page import open_page, type_into, wait_idle

    c = build_chain(tmp_path)
    entries.set_values(c.county, PAPER, 2024, "primary", {"pri_students": "90"})
    paper = setup_child(c.county, PAPER, tmp_path / "paper", tmp_path)
    entries.set_values(paper, PAPER, 2024, "primary", {"pri_students": "95"})
    bundle = Path(export_bundle(paper, PASS, 2024, out=tmp_path / "p1.eduplan").path)
    paper.close()
    c.close()
    window, page = open_page(qtbot, tmp_path / "county")
    page.import_paths([bundle])
    wait_idle(qtbot, page)
    pending = page.pending
    pending.view.selectRow(0)
    pending.confirm_button.click()
    pending.dialog.tick.setChecked(True)
    pending.dialog.ok_button.click()
    wait_idle(qtbot, page)
    section = page.show_section("conflicts")
    assert section.only_different.isChecked()
    assert "1 项不同" in section.explanation.text()
    assert [r["code"] for r in section.sides_model.rows] == ["pri_students"]
    type_into(qtbot, section.reason, "以学校为准")
    section.incoming_button.click()
    wait_idle(qtbot, page)
    section.show_all.setChecked(True)  # the decided one: the two sides as they were then
    assert section.selected() is not None and section.selected().resolved_at
    assert "处理时 1 项不同" in section.explanation.text()
    assert [r["code"] for r in section.sides_model.rows] == ["pri_students"]
    section.only_different.setChecked(False)  # every item, the one that differed among them
    rows = section.sides_model.rows
    assert [r["code"] for r in rows if r["differs"]] == ["pri_students"]
    assert (rows[0]["here"], rows[0]["incoming"]) == ("90 人", "95 人")  # as when decided
    window.close()
