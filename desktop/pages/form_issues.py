"""The side of a form: its problems (errors, warnings to explain, required fields not filled),
each leading to its field, and the selected field's 填报说明; :func:`describe` says which
problem goes with which field, from the core's review (entries.review) of the values on
screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.catalog.model import Field
from eduplan_core.store import entries
from eduplan_core.validation import Issue

from ..models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, Column, RowsModel
from .form_fields import format_value


def issue_color(row):
    return {"error": (RED, RED_BG), "warning": (AMBER_TEXT, AMBER_BG),
            "missing": (GREY, None), "explained": (GREEN, None)}.get(row["level"])


class IssuesPanel(QWidget):
    """``chosen(field code)`` when a problem is clicked or activated."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("问题"))
        layout.addWidget(self.title)
        self.model = RowsModel([
            Column("kind", self.tr("类型")),
            Column("label", self.tr("字段")),
            Column("message", self.tr("说明"), tooltip=lambda r: r["message"]),
        ], color=issue_color, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(1, 140)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        layout.addWidget(self.view, 3)
        self.help_title = QLabel(self.tr("填报说明"))
        layout.addWidget(self.help_title)
        self.help = QLabel(self.tr("点击一个字段，这里显示它的填报口径。"))
        self.help.setWordWrap(True)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setFrameShape(QFrame.Shape.StyledPanel)
        self.help.setMargin(6)
        self.help.setMinimumHeight(90)
        layout.addWidget(self.help, 1)

    def show_problems(self, table: list[dict]) -> None:
        """The problems (describe's table), and their counts in the title."""
        if table != self.model.rows:
            self.model.set_rows(table)
            self.view.resizeRowsToContents()
        n_err, n_warn, n_missing = self.counts(table)
        text = self.tr("问题（错误 %1 · 待说明警告 %2 · 必填未填 %3）").replace(
            "%1", str(n_err)).replace("%2", str(n_warn)).replace("%3", str(n_missing))
        if self.title.text() != text:
            self.title.setText(text)

    def show_help(self, f: Field, last: Any = None) -> None:
        """The field's 填报说明: its name and code, unit, whether it is required, its help and
        last year's value."""
        translate = QCoreApplication.translate
        text = f"{f.label}（{f.code}）"
        if f.unit:
            text += "  " + translate("FormPage", "单位") + f"：{f.unit}"
        if f.required and not f.is_calculated:
            text += "  " + translate("FormPage", "必填")
        if f.help:
            text += "\n\n" + f.help
        if last is not None:
            text += "\n\n" + translate("FormPage", "上年：") + format_value(f, last)
        self.help.setText(text)

    @staticmethod
    def counts(table: list[dict]) -> tuple[int, int, int]:
        """(errors, warnings not explained, required fields not filled)."""
        levels = [r["level"] for r in table]
        return levels.count("error"), levels.count("warning"), levels.count("missing")

    def _activated(self, index) -> None:
        if index.isValid():
            self.chosen.emit(self.model.row(index.row())["field"])


@dataclass
class Shown:
    """What the form says of its fields, from the core's review of the values on screen."""

    errors: dict[str, list[Issue]] = field(default_factory=dict)  # field -> its errors
    warnings: dict[str, list[Issue]] = field(default_factory=dict)
    explain_at: set[str] = field(default_factory=set)  # the fields that get an explanation box
    missing: list[str] = field(default_factory=list)  # required, shown, not filled
    table: list[dict] = field(default_factory=list)  # the problems beside the form


def describe(review: entries.Review, rows: dict, order: list[str], shown: set[str],
             explanations: dict[str, str], refused: dict[str, str],
             typing: str | None) -> Shown:
    """Each problem of ``review`` on the fields of ``rows`` (in ``order``): an error is all that
    is said of a refused value — its field gets no warning and no explanation box; text that
    cannot be read is said once its field is left (``typing``: the field being typed in);
    ``refused``: fields the core refused on saving, with why. ``shown``: the fields shown."""
    translate = QCoreApplication.translate
    out = Shown()
    position = {c: i for i, c in enumerate(order)}

    def mine(issue: Issue) -> list[str]:
        return sorted((f for f in issue.fields if f in rows), key=lambda c: position[c])

    for issue in review.errors:
        fields = mine(issue)
        if not fields or (issue.code.endswith(":type") and fields == [typing]):
            continue
        for f in fields:
            out.errors.setdefault(f, []).append(issue)
        out.table.append({"kind": translate("FormPage", "错误"), "label": _labels(rows, fields),
                          "message": issue.message, "field": fields[0], "level": "error"})
    for code, why in refused.items():
        if code in rows and code not in out.errors:
            out.errors[code] = [Issue(f"{code}:refused", "error", (code,), why)]
            out.table.append({"kind": translate("FormPage", "错误"), "label": rows[code].field.label,
                              "message": why, "field": code, "level": "error"})
    for issue in review.warnings:  # none of a refused value (the core's review)
        fields = mine(issue)
        if not fields:
            continue
        for f in fields:
            out.warnings.setdefault(f, []).append(issue)
        inputs = [f for f in fields if not rows[f].field.is_calculated and f in shown
                  and f not in out.errors]  # a field that shows an error gets no box
        done = [f for f in inputs if explanations.get(f)]
        explained = any(explanations.get(f) for f in issue.fields)
        if inputs:
            out.explain_at.add((done or inputs)[0])
        out.table.append({"kind": translate("FormPage", "警告（已说明）") if explained
                          else translate("FormPage", "警告"),
                          "label": _labels(rows, fields), "message": issue.message,
                          "field": (done or inputs or fields)[0],
                          "level": "explained" if explained else "warning"})
    for issue in review.required:
        for code in mine(issue):
            if code in out.errors or rows[code].field.is_calculated:
                continue
            out.missing.append(code)
            out.table.append({"kind": translate("FormPage", "必填未填"),
                              "label": rows[code].field.label,
                              "message": translate("FormPage", "尚未填写"), "field": code,
                              "level": "missing"})
    levels = {"error": 0, "warning": 1, "missing": 2, "explained": 3}
    out.table.sort(key=lambda r: (levels[r["level"]], position.get(r["field"], 0)))
    return out


def _labels(rows: dict, fields: list[str]) -> str:
    return "、".join(rows[f].field.label for f in fields)
