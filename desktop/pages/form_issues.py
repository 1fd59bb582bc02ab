"""The side of a form: its problems (errors, warnings to explain, required fields not filled),
each leading to its field, and the selected field's 填报说明; :func:`describe` says which
problem goes with which field, from the core's review (entries.review) of the values on
screen. A problem is one line of the list, its kind then its message (which names its fields),
wrapped across the panel's width; the full message is its tooltip. Words of the core are
shown in the window's language (desktop.models.words)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from eduplan_core.catalog.model import Field
from eduplan_core.store import entries
from eduplan_core.texts import join, text
from eduplan_core.validation import Issue

from ..models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, Column, RowsModel, named
from .form_fields import format_value


def issue_color(row):
    return {"error": (RED, RED_BG), "warning": (AMBER_TEXT, AMBER_BG),
            "missing": (GREY, None), "explained": (GREEN, None)}.get(row["level"])


class WrappedTable(QTableView):
    """A table whose rows grow to their wrapped text whenever its width changes."""

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self, self.resizeRowsToContents)  # not once deleted


class IssuesPanel(QWidget):
    """``chosen(field code)`` when a problem is clicked or activated."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("问题"))
        self.title.setWordWrap(True)  # its counts never widen the panel
        layout.addWidget(self.title)
        self.model = RowsModel([  # one column: a message has the panel's width to wrap in
            Column("summary", self.tr("问题"), tooltip=lambda r: r["message"]),
        ], color=issue_color, parent=self)
        self.view = WrappedTable()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.hide()  # the title above says what the list is
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
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
        said = named(f.label, f.code)
        if f.unit:
            said += "  " + translate("FormPage", "单位：%1").replace("%1", f.unit)
        if f.required and not f.is_calculated:
            said += "  " + translate("FormPage", "必填")
        if f.help:
            said += "\n\n" + f.help
        if last is not None:
            said += "\n\n" + translate("FormPage", "上年：") + format_value(f, last)
        self.help.setText(said)

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
    error = translate("FormPage", "错误")
    warning = translate("FormPage", "警告")
    explained_warning = translate("FormPage", "警告（已说明）")
    missing = translate("FormPage", "必填未填")

    def mine(issue: Issue) -> list[str]:
        return sorted((f for f in issue.fields if f in rows), key=lambda c: position[c])

    for issue in review.errors:
        fields = mine(issue)
        if not fields or (issue.code.endswith(":type") and fields == [typing]):
            continue
        for f in fields:
            out.errors.setdefault(f, []).append(issue)
        out.table.append(_problem(error, _labels(rows, fields), issue.message, fields[0],
                                  "error"))
    for code, why in refused.items():
        if code in rows and code not in out.errors:
            out.errors[code] = [Issue(f"{code}:refused", "error", (code,), why)]
            out.table.append(_problem(error, [rows[code].field.label], why, code, "error"))
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
        out.table.append(_problem(explained_warning if explained else warning,
                                  _labels(rows, fields), issue.message,
                                  (done or inputs or fields)[0],
                                  "explained" if explained else "warning"))
    for issue in review.required:
        for code in mine(issue):
            if code in out.errors or rows[code].field.is_calculated:
                continue
            out.missing.append(code)
            out.table.append(_problem(missing, [rows[code].field.label], issue.message, code,
                                      "missing"))
    levels = {"error": 0, "warning": 1, "missing": 2, "explained": 3}
    out.table.sort(key=lambda r: (levels[r["level"]], position.get(r["field"], 0)))
    return out


def _labels(rows: dict, fields: list[str]) -> list[str]:
    return [rows[f].field.label for f in fields]


def _problem(kind: str, labels: list[str], message: str, code: str, level: str) -> dict:
    """A line of the problems: ``kind`` (translated), the fields' ``labels`` and the core's
    ``message`` (a Text: shown in the window's language), its ``summary`` what the list shows;
    a message that names none of its fields (what the core refused it for) names them first."""
    label = join(labels, "、", ", ")
    if labels and not any(x in str(message) for x in labels):
        message = text("“{label}”：{message}", "“{label}”: {message}", label=label,
                       message=message)
    return {"kind": kind, "label": label, "message": message, "field": code, "level": level,
            "summary": text("{kind}：{message}", "{kind}: {message}", kind=kind,
                            message=message)}

