"""English complete (issue 12 §4): every page of the demo county and of the demo school, shown in
English, has no Han character in a widget's text except what comes from forms/ (org, indicator,
form and field names, units, quotes) or from the workspace (school names, entered text).

The English is the compiled resources/translations/eduplan_en.qm, loaded as the app loads it
(refresh it with `.venv/bin/python resources/translations/update.py`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
AS_OF = dt.date(2025, 6, 1)
MAX_ROWS = 60  # cells read of a table (enough to meet every kind of row)


# -- what may stay Chinese: the data ---------------------------------------------------------------
def _strings(obj, out: set[str], seen: set[int], depth: int = 0) -> None:
    """Every string held by the catalog (forms/): names, labels, units, quotes, titles, …"""
    if depth > 12:
        return
    if isinstance(obj, str):
        if HAN.search(obj):
            out.add(obj)
        return
    if obj is None or isinstance(obj, (int, float, bool, bytes)):
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for k, v in obj.items():
            _strings(k, out, seen, depth + 1)
            _strings(v, out, seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            _strings(v, out, seen, depth + 1)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            _strings(getattr(obj, f.name, None), out, seen, depth + 1)
    elif hasattr(obj, "__dict__"):
        for v in vars(obj).values():
            _strings(v, out, seen, depth + 1)


def catalog_strings(catalog) -> set[str]:
    out: set[str] = set()
    _strings(catalog, out, set())
    return out


def workspace_strings(path: Path) -> set[str]:
    """Org names and attributes, operators, entered values and explanations of a workspace."""
    out: set[str] = set()
    db = sqlite3.connect(path / "eduplan.sqlite")
    try:
        for table in ("orgs", "org_history", "revisions", "current_values", "meta", "entries"):
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            for row in db.execute(f"SELECT * FROM {table}"):  # noqa: S608 (test, fixed names)
                for col, v in zip(cols, row, strict=True):
                    if isinstance(v, str) and HAN.search(v) and col != "sql":
                        out.add(v)
    finally:
        db.close()
    return out


def split_data(strings: set[str]) -> list[str]:
    """The data strings, longest first (so a name is removed before a part of it); each also
    split at its separators (a field label ``a／b`` may be shown in parts)."""
    parts = set(strings)
    for s in strings:
        for piece in re.split(r"[\s,，、；;:：()（）/／|·—\-]+", s):
            if HAN.search(piece):
                parts.add(piece)
    return sorted(parts, key=len, reverse=True)


def leftover(text: str, data: list[str]) -> str:
    """``text`` without every data string; '' when no Han character remains."""
    if not HAN.search(text):
        return ""
    for s in data:
        if s in text:
            text = text.replace(s, " ")
            if not HAN.search(text):
                return ""
    return text


# -- what the user reads --------------------------------------------------------------------------
def widget_texts(root) -> list[tuple[str, str]]:
    """(where, text) of every visible widget under ``root``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    found: list[tuple[str, str]] = []

    def add(w, what, text):
        if text:
            found.append((f"{type(w).__name__}({w.objectName() or what})", text))

    found.append(("window title", root.windowTitle()))
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel):
            add(w, "label", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "button", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "group", w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, "tab", w.tabText(i))
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "combo", w.itemText(i))
        elif isinstance(w, QTextEdit) and w.isReadOnly():
            add(w, "text", w.toPlainText())
        if isinstance(w, QWidget):
            add(w, "tooltip", w.toolTip())
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                add(w, "item", w.item(i).text())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                add(w, "header", model.headerData(c, Qt.Orientation.Horizontal,
                                                  Qt.ItemDataRole.DisplayRole) or "")
            for r in range(min(model.rowCount(), MAX_ROWS)):
                for c in range(model.columnCount()):
                    value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                    add(w, "cell", "" if value is None else str(value))
    return [(where, str(text)) for where, text in found]


def untranslated(root, data: list[str], where: str) -> set[str]:
    bad = set()
    for place, text in widget_texts(root):
        rest = leftover(text, data)
        if rest:
            bad.add(f"{where} {place}: {text!r}")
    return bad


# -- the walk --------------------------------------------------------------------------------------


def open_window(qtbot, path: Path):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year = 2025
    session.as_of = AS_OF
    session.as_of_is_today = False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    return window


def idle(qtbot, window) -> None:
    for page in window.pages.values():
        if hasattr(page, "_op"):
            qtbot.waitUntil(lambda p=page: getattr(p, "_op", None) is None, timeout=60000)
        page.wait_idle()
    qtbot.wait(20)


def walk(qtbot, window, data: list[str]) -> set[str]:
    """Every page, each table's first row chosen (its detail shown), the exchange's sections."""
    from PySide6.QtWidgets import QAbstractItemView

    bad = untranslated(window, data, "start")
    for key in list(window.pages):
        page = window.show_page(key)
        idle(qtbot, window)
        bad |= untranslated(window, data, key)
        if key == "exchange":
            for section in list(page.sections):
                page.show_section(section)
                idle(qtbot, window)
                bad |= untranslated(window, data, f"{key}/{section}")
            continue
        for view in page.findChildren(QAbstractItemView):
            if not view.isVisibleTo(window) or view.model() is None \
                    or view.model().rowCount() == 0:
                continue
            view.setCurrentIndex(view.model().index(0, 0))
            idle(qtbot, window)
            bad |= untranslated(window, data, f"{key} (a row chosen)")
    window.show_diagnostics()
    dialog = window._diagnostics_dialog
    bad |= {t for t in untranslated(dialog, data, "diagnostics") if "QPlainTextEdit" not in t}
    dialog.close()
    return bad


def report(bad: set[str]) -> str:
    return "Chinese in English mode:\n" + "\n".join(sorted(bad))


# the import's column names are what the file must say, in Chinese (schools_import)
IMPORT_HEADER = ("学校代码", "学校名称", "所属县", "学校类型", "办学性质", "城乡", "联系人",
                 "联系电话", "纸质报送", "教学点", "所属学校", "是", "否")


def test_the_county_in_english(qtbot, english, demo_path, catalog):
    data = split_data(catalog_strings(catalog) | workspace_strings(demo_path)
                      | set(IMPORT_HEADER))
    window = open_window(qtbot, demo_path)
    bad = walk(qtbot, window, data)
    idle(qtbot, window)
    assert not bad, report(bad)


def test_the_school_in_english(qtbot, english, demo_path, catalog, tmp_path):
    from desktop.startup import DEMO_SCHOOL
    from eduplan_core.demo import build_demo_school

    school = tmp_path / "school"
    build_demo_school(school, DEMO_SCHOOL, demo_path)
    data = split_data(catalog_strings(catalog) | workspace_strings(school)
                      | set(IMPORT_HEADER))
    window = open_window(qtbot, school)
    bad = walk(qtbot, window, data)
    idle(qtbot, window)
    assert not bad, report(bad)
