"""导入名单 preview: every row of a school list as read, 可导入 or 有错误 with its reasons, before
anything is stored (eduplan_core.orgimport.check_import: the rules of `eduplan orgs import`).

导入 is offered only when every row can be registered; the page then registers them all in
one transaction (import_checked) — or none. A bad row is corrected in the file, and the file
chosen again: the preview says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QTableView, QVBoxLayout, QWidget)

from eduplan_core.orgimport import ImportCheck, RowCheck
from eduplan_core.texts import join

from ..models import GREEN, RED, RED_BG, Column, RowsModel, words
from .base import heading, setup_table

# the list's columns, as its header names them (eduplan_core.orgimport.COLUMNS)
FILE_COLUMNS = (
    ("code", QT_TRANSLATE_NOOP("ImportPreviewDialog", "学校代码")),
    ("name", QT_TRANSLATE_NOOP("ImportPreviewDialog", "学校名称")),
    ("parent", QT_TRANSLATE_NOOP("ImportPreviewDialog", "所属县")),
    ("type", QT_TRANSLATE_NOOP("ImportPreviewDialog", "学校类型")),
    ("ownership", QT_TRANSLATE_NOOP("ImportPreviewDialog", "办学性质")),
    ("urban_rural", QT_TRANSLATE_NOOP("ImportPreviewDialog", "城乡")),
    ("contact", QT_TRANSLATE_NOOP("ImportPreviewDialog", "联系人")),
    ("phone", QT_TRANSLATE_NOOP("ImportPreviewDialog", "联系电话")),
    ("paper", QT_TRANSLATE_NOOP("ImportPreviewDialog", "纸质报送")),
    ("teaching_point", QT_TRANSLATE_NOOP("ImportPreviewDialog", "教学点")),
    ("parent_school", QT_TRANSLATE_NOOP("ImportPreviewDialog", "所属学校")),
)


REASONS = 2  # the column of the reasons
REASONS_EMS = 30  # the reasons at least this many "M"s wide (the file's columns scroll)
CELL_EMS = 12  # a file's cell at most this many "M"s wide


def available(widget: QWidget | None) -> QRect:
    """The room for a dialog over ``widget``: the available geometry of the screen it is on
    (the primary one without), and no more than its window (a dialog over a 1024 px window
    does not outgrow it, whatever the screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    window = widget.window() if widget is not None else None
    if window is not None and window.isVisible():
        room = QRect(room.topLeft(), room.size().boundedTo(window.size()))
    return room


def fitted(wanted: QSize, room: QRect, share: float = 0.9) -> QSize:
    """``wanted``, but no more than ``share`` of ``room`` either way."""
    return QSize(min(wanted.width(), int(room.width() * share)),
                 min(wanted.height(), int(room.height() * share)))


def _whole(key: str) -> Callable[[dict], str]:
    """A cell's tooltip: its text whole."""
    return lambda row: str(row[key])


class ImportPreviewDialog(QDialog):
    """Accepted (导入) only when every row of ``checked`` can be registered."""

    def __init__(self, checked: ImportCheck, parent: QWidget | None = None):
        super().__init__(parent)
        self.checked = checked
        self.setWindowTitle(self.tr("导入名单预览"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        title = heading("")
        # a long file name cut in the middle (whole in the tooltip): the dialog fits the screen
        name = title.fontMetrics().elidedText(str(checked.file), Qt.TextElideMode.ElideMiddle,
                                              40 * title.fontMetrics().horizontalAdvance("M"))
        title.setText(self.tr("导入名单预览：%s") % name)
        title.setToolTip(str(checked.file))
        layout.addWidget(title)
        total, bad = len(checked.rows), len(checked.bad)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        if not total:
            text, colour = self.tr("名单中没有学校（只有表头）。"), RED
        elif bad:
            text = self.tr("共 %d 行：可导入 %d 行，有错误 %d 行。有错误时不导入任何学校：请在文件中"
                           "改正标红的行，保存后用“导入名单…”重新选择这个文件。") % (
                total, total - bad, bad)
            colour = RED
        else:
            text = self.tr("共 %d 行，全部可以导入。点“导入”登记这 %d 所学校；在此之前不保存任何"
                           "内容。") % (total, total)
            colour = GREEN
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour.name()};")
        layout.addWidget(self.summary)

        bar = QHBoxLayout()
        self.show_box = QComboBox()
        self.show_box.addItem(self.tr("全部行"), False)
        self.show_box.addItem(self.tr("只看有错误的行"), True)
        self.show_box.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.show_box)
        bar.addStretch(1)
        layout.addLayout(bar)

        # the reasons cut to the table's width (whole in their tooltips and in the box below),
        # the file's columns after them at most CELL_EMS "M"s (whole in their tooltips)
        columns = [Column("row", self.tr("行号"), align_right=True),
                   Column("result", self.tr("结果")),
                   Column("reasons", self.tr("原因"), tooltip=lambda r: r["reasons_tip"])]
        columns += [Column(key, self.tr(str(title)), tooltip=_whole(key))
                    for key, title in FILE_COLUMNS]
        self.model = RowsModel(columns, color=lambda r: None if r["ok"] else (RED, RED_BG),
                               parent=self)
        self.rows = [self._row(r) for r in checked.rows]
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setColumnHidden(REASONS, not bad)  # nothing to say when every row is good
        layout.addWidget(self.view, 1)
        # every reason in full, to copy into a message or read while fixing the file
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(self.tr("第%d行：%s") % (r.row, words(reason))
                                            for r in checked.bad for reason in r.reasons))
        self.details.setMaximumHeight(self.fontMetrics().height() * 7)
        self.details_label = QLabel(self.tr("要在文件中改正的行（可复制）："))
        layout.addWidget(self.details_label)
        layout.addWidget(self.details)
        self.details_label.setVisible(bool(bad))
        self.details.setVisible(bool(bad))

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("导入(&I)"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(self.can_import)
        if not self.can_import:
            self.import_button.setToolTip(self.tr("有错误的行改正之前不能导入"))
        layout.addWidget(self.buttons)
        if bad:
            self.show_box.setCurrentIndex(1 if total > 20 else 0)
        self._apply_filter()
        self.resize(fitted(QSize(1100, 600), available(parent)))

    @property
    def can_import(self) -> bool:
        return bool(self.checked.rows) and not self.checked.bad

    def _row(self, r: RowCheck) -> dict:
        row: dict = {key: r.given.get(key, "") for key, _ in FILE_COLUMNS}
        row.update({"row": r.row, "ok": r.ok,
                    "result": self.tr("可导入") if r.ok else self.tr("有错误"),
                    "reasons": join(r.reasons, "；", "; "),
                    "reasons_tip": join(r.reasons, "\n")})
        return row

    def _apply_filter(self, *_) -> None:
        only_bad = bool(self.show_box.currentData())
        self.model.set_rows([r for r in self.rows if not (only_bad and r["ok"])])
        self.fit_columns()

    def fit_columns(self) -> None:
        """The file's columns to their contents, at most CELL_EMS "M"s; the reasons as wide as
        the table leaves them, but no less than REASONS_EMS "M"s nor more than their text."""
        view, header = self.view, self.view.horizontalHeader()
        view.resizeColumnsToContents()
        em = view.fontMetrics().horizontalAdvance("M")
        for c in range(REASONS + 1, self.model.columnCount()):
            header.resizeSection(c, min(header.sectionSize(c), CELL_EMS * em))
        if view.isColumnHidden(REASONS):
            return
        others = sum(header.sectionSize(c) for c in range(self.model.columnCount())
                     if c != REASONS)
        room = view.viewport().width() - others
        header.resizeSection(REASONS, min(header.sectionSize(REASONS),
                                          max(room, REASONS_EMS * em)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit_columns()

    def accept(self) -> None:
        if self.can_import:
            super().accept()
