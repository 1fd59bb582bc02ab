"""字段历史: every revision of one field of a form, in every year. An explanation takes the
width the other columns leave and wraps (its row grows with it); the full text is its
tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QVBoxLayout)

from eduplan_core.catalog.model import Field

from ..models import Column, RowsModel, named
from .form_fields import format_value
from .form_issues import WrappedTable


class HistoryDialog(QDialog):
    """Every revision of one field, in every year."""

    def __init__(self, field: Field, rows, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("字段历史：") + field.label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(named(field.label, field.code)))
        source_names = {"entry": self.tr("填报"), "carry_over": self.tr("沿用上年"),
                        "demo": self.tr("演示数据"), "import": self.tr("导入")}
        self.model = RowsModel([
            Column("year", self.tr("年份")),
            Column("old", self.tr("原值"), fmt=lambda v: format_value(field, v) or "—",
                   align_right=True),
            Column("new", self.tr("新值"), fmt=lambda v: format_value(field, v) or "—",
                   align_right=True),
            Column("explanation", self.tr("说明"), tooltip=lambda r: r.explanation or ""),
            Column("operator", self.tr("操作员")),
            Column("at", self.tr("时间"), fmt=lambda v: (v or "").replace("T", " ")[:19]),
            Column("source", self.tr("来源"), fmt=lambda v: source_names.get(v, v or "")),
        ], parent=self)
        self.model.set_rows(list(reversed(rows)))
        self.view = view = WrappedTable()  # a long explanation wraps; its row grows
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setWordWrap(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(view)
        if not rows:
            layout.addWidget(QLabel(self.tr("这个字段还没有任何修改记录。")))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 360)
