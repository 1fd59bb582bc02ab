"""Thin table models (after Vorta): they hold rows, never a database handle.

Sorting and filtering happen in Python on the row list (a keyed sort of 25,000 rows takes a few
milliseconds) and the model is handed the result with ``set_rows``; no QSortFilterProxyModel
calls back into Python for every comparison.

And the one table of what the core's words read as in the window's language: ``term`` for the
vocabulary (eduplan_core.vocab), ``words`` for a phrase the core made (eduplan_core.texts),
``message_of`` for an error, ``value_name`` for a school's type, ownership, 城乡 or status,
``level_name`` for an org's level, ``named`` / ``listed`` for a name with its code and a list
of names (their punctuation follows the language)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication,
                            QModelIndex, Qt)
from PySide6.QtGui import QBrush, QColor

from eduplan_core.inputs import shown
from eduplan_core.texts import in_language
from eduplan_core.vocab import Status, Term

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind a line
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value of a cell

RED = QColor("#c62828")
AMBER = QColor("#e08e0b")
AMBER_TEXT = QColor("#a86400")  # amber readable as text on white or AMBER_BG
GREEN = QColor("#2e7d32")
GREY = QColor("#757575")
RED_BG = QColor("#fdecea")
AMBER_BG = QColor("#fff4e0")
GREEN_BG = QColor("#e8f5e9")


@dataclass(frozen=True)
class Column:
    key: str  # attribute or dict key of a row
    title: str
    fmt: Callable[[Any], str] | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None  # row -> tooltip


def cell(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


class RowsModel(QAbstractTableModel):
    """Rows (dicts or dataclasses) under columns; ``color(row)`` gives (foreground,
    background) or None for a row."""

    def __init__(self, columns: Sequence[Any], color: Callable[[Any], Any] | None = None,
                 parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.color = color

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def column(self, key: str) -> int:
        """The index of the column of ``key``."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        # the title, and whole as the tooltip (a narrow column cuts its header)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:  # names and explanations: escapes visible
            value = cell(row, col.key)
            if col.fmt is not None:
                return shown(words(col.fmt(value)))
            return "" if value is None else shown(words(value))
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return cell(row, col.key)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            tip = col.tooltip(row)
            return None if tip is None else shown(words(tip), keep_newlines=True)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and \
                self.color is not None:
            colors = self.color(row)
            if colors:
                fg, bg = colors
                chosen = fg if role == Qt.ItemDataRole.ForegroundRole else bg
                return QBrush(chosen) if chosen is not None else None
        return None


def sort_rows(rows: Sequence[Any], key: str, descending: bool = False) -> list[Any]:
    """A keyed sort in Python: missing values last, numbers before text."""
    def k(row):
        v = cell(row, key)
        if v is None:
            return (2, 0, "")
        if isinstance(v, (int, float)):
            return (0, v, "")
        return (1, 0, str(v))

    present = [r for r in rows if cell(r, key) is not None]
    missing = [r for r in rows if cell(r, key) is None]
    return sorted(present, key=k, reverse=descending) + missing


def term(word: Term) -> str:
    """A word of the vocabulary (eduplan_core.vocab) in the window's language: its Chinese
    name, translated in the context of its kind (Status, Severity, …) to its English."""
    return QCoreApplication.translate(type(word).__name__, word.zh)


def term_names(kind: type[Term]) -> dict[str, str]:
    """value → name in the window's language, for every term of a kind, in its order."""
    return {w.value: term(w) for w in kind}


def status_names() -> dict[str, str]:
    """A finding's status as the user reads it (translated), for every page that shows one."""
    return term_names(Status)


def english_window() -> bool:
    """Whether the window is in English (the language chosen at start, desktop.app)."""
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.English


def words(value: Any) -> str:
    """A phrase the core made (eduplan_core.texts.Text) in the window's language; names and
    other text as they are."""
    return in_language(value, english_window())


def message_of(exc: Exception) -> str:
    """An error's message in the window's language: a core error's ``message_en`` when the
    window is in English and the core gave one, else its (Chinese) ``message``."""
    message = getattr(exc, "message", None) or str(exc)
    english = getattr(exc, "message_en", "")
    if english and english_window():
        return english
    return words(message)


# -- names of the core's values, in the window's language ------------------------------------
# the core's words for a school, as a user reads them (translated in the context "SchoolValues")
VALUE_NAMES = {
    "幼儿园": QT_TRANSLATE_NOOP("SchoolValues", "幼儿园"),
    "小学": QT_TRANSLATE_NOOP("SchoolValues", "小学"),
    "初中": QT_TRANSLATE_NOOP("SchoolValues", "初中"),
    "九年一贯制": QT_TRANSLATE_NOOP("SchoolValues", "九年一贯制"),
    "完全中学": QT_TRANSLATE_NOOP("SchoolValues", "完全中学"),
    "普通高中": QT_TRANSLATE_NOOP("SchoolValues", "普通高中"),
    "中职": QT_TRANSLATE_NOOP("SchoolValues", "中职"),
    "特殊教育学校": QT_TRANSLATE_NOOP("SchoolValues", "特殊教育学校"),
    "公办": QT_TRANSLATE_NOOP("SchoolValues", "公办"),
    "普惠性民办": QT_TRANSLATE_NOOP("SchoolValues", "普惠性民办"),
    "非普惠性民办": QT_TRANSLATE_NOOP("SchoolValues", "非普惠性民办"),
    "城区": QT_TRANSLATE_NOOP("SchoolValues", "城区"),
    "镇区": QT_TRANSLATE_NOOP("SchoolValues", "镇区"),
    "乡村": QT_TRANSLATE_NOOP("SchoolValues", "乡村"),
    "在办": QT_TRANSLATE_NOOP("SchoolValues", "在办"),
    "停办": QT_TRANSLATE_NOOP("SchoolValues", "停办"),
    "撤并": QT_TRANSLATE_NOOP("SchoolValues", "撤并"),
    # the attributes' names (eduplan_core.schoolattrs.LABELS)
    "学校名称": QT_TRANSLATE_NOOP("SchoolValues", "学校名称"),
    "学校类型": QT_TRANSLATE_NOOP("SchoolValues", "学校类型"),
    "办学性质": QT_TRANSLATE_NOOP("SchoolValues", "办学性质"),
    "城乡类别": QT_TRANSLATE_NOOP("SchoolValues", "城乡类别"),
    "办学状态": QT_TRANSLATE_NOOP("SchoolValues", "办学状态"),
    "并入学校": QT_TRANSLATE_NOOP("SchoolValues", "并入学校"),
    "纸质报送": QT_TRANSLATE_NOOP("SchoolValues", "纸质报送"),
    "优质学校": QT_TRANSLATE_NOOP("SchoolValues", "优质学校"),
    "教学点": QT_TRANSLATE_NOOP("SchoolValues", "教学点"),
    "所属学校": QT_TRANSLATE_NOOP("SchoolValues", "所属学校"),
}


def value_name(value: str | None) -> str:
    """A school type, ownership, 城乡, status or attribute name in the window's language."""
    if value is None:
        return ""
    return QCoreApplication.translate("SchoolValues", str(VALUE_NAMES[value])) \
        if value in VALUE_NAMES else value

# an org's level (eduplan_core.catalog.model.LEVEL_NAMES) as a user reads it
LEVEL_WORDS = {"province": QT_TRANSLATE_NOOP("Levels", "省"),
               "prefecture": QT_TRANSLATE_NOOP("Levels", "州（市）"),
               "county": QT_TRANSLATE_NOOP("Levels", "县（市、区）"),
               "school": QT_TRANSLATE_NOOP("Levels", "学校")}


def level_name(level: str) -> str:
    """省, 州（市）, 县（市、区） or 学校 in the window's language."""
    return QCoreApplication.translate("Levels", str(LEVEL_WORDS[level])) if level in LEVEL_WORDS \
        else level


def listed(names: Iterable[str]) -> str:
    """Names one after another, 甲、乙、丙 (English: A, B, C)."""
    out = ""
    for name in names:
        out = QCoreApplication.translate("Lists", "{a}、{b}").format(a=out, b=name) if out \
            else name
    return out


def named(name: str, code: str) -> str:
    """A unit or a field and its code: 东川区（530113）, in English 东川区 (530113)."""
    return QCoreApplication.translate("Lists", "%s（%s）") % (name, code)
