"""The side of a form: its problems (errors, warnings to explain, required fields not filled),
each leading to its field, and the selected field's 填报说明."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from ..models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, Column, RowsModel


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

    def _activated(self, index) -> None:
        if index.isValid():
            self.chosen.emit(self.model.row(index.row())["field"])
