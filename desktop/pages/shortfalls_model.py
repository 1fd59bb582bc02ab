"""差距清单's rows: a finding under columns, each column with its text and its sort key, the
severity and status cells coloured; the sorted orders of a load (Orders), computed once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCollator, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QFont

from eduplan_core.inputs import shown
from eduplan_core.numbers_fmt import number, percent, plain, signed, unit_suffix
from eduplan_core.texts import text
from eduplan_core.vocab import Severity, Status

from ..models import ROW_ROLE, SORT_ROLE, RowsModel, words
from .finding_detail import close_brief, indicator_title, severity_colours, status_colour


@dataclass(frozen=True)
class FindingColumn:
    key: str
    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None  # None: the core's order; a None key sorts last
    align_right: bool = False
    width: int = 80
    collate: Callable[[Any], str] | None = None  # Chinese text sorted by pinyin before the key


class FindingsModel(RowsModel):
    """Findings under columns; holds a list, never a workspace. The severity cell is coloured
    (critical red, major amber, minor grey) and the status cell by its state."""

    def __init__(self, columns: Sequence[FindingColumn], parent=None):
        super().__init__(columns, parent=parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or \
                not (0 <= index.column() < len(self.columns)):
            return None
        f = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(words(col.text(f)))
        if role == ROW_ROLE:
            return f
        if role == SORT_ROLE:
            return col.sort_key(f)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.key == "org":
                return words(text("{name}（{code}）", "{name} ({code})", name=shown(f.org_name),
                                  code=f.org))
            if col.key == "indicator":
                tip = words(text("{name}（{code}）", "{name} ({code})", name=col.text(f),
                                 code=f.indicator))
                return tip + (f"\n{words(f.group_note)}" if f.group_note else "")
            if col.key == "close":
                return words(f.close) or None
            if col.key in ("status", "target", "actual"):  # the cell may be cut: whole here
                return words(f.note) if col.key == "status" and f.note else \
                    words(col.text(f)) or None
            return None
        if col.key == "severity":
            fg, bg = severity_colours(f.severity)
            if role == Qt.ItemDataRole.ForegroundRole and fg is not None:
                return QBrush(fg)
            if role == Qt.ItemDataRole.BackgroundRole and bg is not None:
                return QBrush(bg)
            if role == Qt.ItemDataRole.FontRole and f.severity in (Severity.CRITICAL,
                                                                   Severity.MAJOR):
                return self._bold
        if col.key == "status" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(status_colour(f.status))
        return None


def finding_columns(sev: dict[str, str], st: dict[str, str]) -> list[FindingColumn]:
    """The list's columns (severity and status names in the window's language): what each
    shows and how it sorts."""

    def pct(v):
        return "" if v is None else percent(v, 0)

    def section(f):
        name = indicator_title(f)
        return name if f.binding else "↳ " + name  # another target of the group above

    def target(f):
        if f.kind == "milestone":
            if not f.deadline:
                return str(f.target_year)
            return QCoreApplication.translate("ShortfallsPage", "截止 {day}").format(
                day=f.deadline)
        return f"{f.comparator}{plain(f.target_value)}{unit_suffix(f.unit)}"

    def actual(f):
        if f.kind == "milestone":
            if f.status == Status.NO_DATA:
                return QCoreApplication.translate("ShortfallsPage", "无数据")
            if f.done_on:
                return QCoreApplication.translate("ShortfallsPage", "已完成")
            return QCoreApplication.translate("ShortfallsPage", "未完成")
        return "—" if f.actual is None else f"{number(f.actual)}{unit_suffix(f.unit)}"

    translate = QCoreApplication.translate
    return [
        # the severity column sorts in the core's order: severity, binding, relative gap
        FindingColumn("severity", translate("ShortfallsPage", "严重程度"),
                      lambda f: sev.get(f.severity, ""), None, width=76),
        FindingColumn("org", translate("ShortfallsPage", "单位"), lambda f: f.org_name,
                      lambda f: f.org, width=110, collate=lambda f: f.org_name),
        FindingColumn("indicator", translate("ShortfallsPage", "指标"), section,
                      lambda f: (f.indicator, f.section or ""), width=230,
                      collate=lambda f: f.indicator_name),
        FindingColumn("status", translate("ShortfallsPage", "状态"),
                      lambda f: st.get(f.status, f.status), lambda f: Status.rank_of(f.status),
                      width=68),
        FindingColumn("actual", translate("ShortfallsPage", "实际"), actual, lambda f: f.actual,
                      align_right=True, width=100),
        FindingColumn("target", translate("ShortfallsPage", "目标"), target,
                      lambda f: f.target_value, align_right=True, width=112),
        FindingColumn("gap", translate("ShortfallsPage", "差距"),
                      lambda f: "" if f.gap is None else signed(f.gap), lambda f: f.gap,
                      align_right=True, width=62),
        FindingColumn("gap_relative", translate("ShortfallsPage", "相对差距"),
                      lambda f: pct(f.gap_relative), lambda f: f.gap_relative,
                      align_right=True, width=62),
        FindingColumn("change", translate("ShortfallsPage", "较上年"),
                      lambda f: "" if f.change is None else signed(f.change),
                      lambda f: f.change, align_right=True, width=64),
        FindingColumn("close", translate("ShortfallsPage", "补齐所需"), close_brief,
                      lambda f: f.close, width=100),
    ]


class Orders:
    """Row positions of the loaded findings sorted by each column, computed once a load per
    (column, direction): a keyed sort, missing values last in either direction, Chinese names
    in pinyin order."""

    def __init__(self, columns: Sequence[FindingColumn]):
        self.columns = {c.key: c for c in columns}
        self.findings: list[Any] = []
        self._cache: dict[tuple[str, bool], list[int]] = {}
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

    def load(self, findings: list[Any]) -> None:
        self.findings = findings
        self._cache.clear()

    def clear(self) -> None:
        """Forget the sorted orders (bench/gui.py times a sort from cold)."""
        self._cache.clear()

    def order(self, key: str, descending: bool) -> list[int]:
        cached = self._cache.get((key, descending))
        if cached is not None:
            return cached
        n = len(self.findings)
        col = self.columns[key]
        if col.sort_key is None:  # the core's order
            order = list(range(n))
            if descending:
                order.reverse()
        else:
            keys = [col.sort_key(f) for f in self.findings]
            if col.collate is not None:
                texts = [col.collate(f) for f in self.findings]
                rank = self.ranks(texts)
                keys = [(rank[t], k) for t, k in zip(texts, keys)]
            present = [i for i in range(n) if keys[i] is not None]
            missing = [i for i in range(n) if keys[i] is None]
            order = sorted(present, key=keys.__getitem__, reverse=descending) + missing
        self._cache[(key, descending)] = order
        return order

    def ranks(self, texts) -> dict[str, int]:
        """Each distinct text's place in Chinese (pinyin) order: a collation key per distinct
        name, not per row."""
        key = self._collator.sortKey
        return {t: i for i, t in enumerate(sorted(set(texts), key=key))}
