"""What every page shares: the session, a progress strip with cancel, running core work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QProgressBar, QPushButton, QTableView, QVBoxLayout, QWidget)

from eduplan_core.errors import Cancelled, EduPlanError

from ..models import message_of
from ..ops import Operation


class ProgressStrip(QWidget):
    """A progress bar with a cancel button, shown while a worker runs."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("取消"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.show()

    def step(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


def in_worker_ws(session, fn: Callable[..., Any]) -> Callable[[Any, Any], Any]:
    """``fn(ws, progress=, cancelled=)`` as an Operation's work: run with a Workspace of the
    worker's own (SQLite connections stay in their thread), closed afterwards."""

    def work(progress, cancelled):
        ws = session.open_worker_ws()
        try:
            return fn(ws, progress=progress, cancelled=cancelled)
        finally:
            ws.close()

    return work


class Page(QWidget):
    """A screen. Subclasses build their widgets in __init__ and fill them in refresh()."""

    title = ""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.outer = QVBoxLayout(self)
        self.progress = ProgressStrip(self)
        self.outer.addWidget(self.progress)
        self._op: Operation | None = None
        self.progress.cancel.clicked.connect(self._cancel_current)

    def _cancel_current(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def refresh(self) -> None:  # pragma: no cover - each page implements it
        raise NotImplementedError

    def run(self, text: str, fn: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """Run ``fn(ws, progress=..., cancelled=...)`` in a worker with its own Workspace;
        ``done(result)`` runs on the UI thread. A newer run replaces an older one."""
        if self._op is not None:
            self._op.cancel()
        op = Operation(in_worker_ws(self.session, fn), self)
        self._op = op
        self.progress.start(text)

        op.progress.connect(self.progress.step)

        def ok(result):
            if self._op is op:
                self._op = None
                self.progress.hide()
                done(result)

        def failed(exc):
            if self._op is op:
                self._op = None
                self.progress.hide()
                if not isinstance(exc, Cancelled):
                    show_error(self, exc)

        op.succeeded.connect(ok)
        op.failed.connect(failed)
        op.start()

    def wait_idle(self, ms: int = 30000) -> None:
        """For tests and closing: wait for a running worker."""
        if self._op is not None:
            self._op.wait(ms)


def show_error(parent: QWidget, exc: Exception) -> None:
    if isinstance(exc, EduPlanError):
        QMessageBox.warning(parent, "EduPlan", message_of(exc))
    else:
        import logging

        logging.getLogger("eduplan").exception("internal error", exc_info=exc)
        QMessageBox.critical(parent, "EduPlan", QCoreApplication.translate(
            "Page", "程序内部错误，已记录在日志中。未保存的内容不受影响。"))


def setup_table(view: QTableView, resize_to_contents: bool = False) -> QTableView:
    """How every list of rows behaves: whole rows selected one at a time, read-only, compact
    rows without a row header, the last column stretched, Tab leaving the table."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if resize_to_contents
                                else QHeaderView.ResizeMode.Interactive)
    return view


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label

def fit_widths(want: dict[int, int], least: dict[int, int], tiers: dict[int, int],
               room: int) -> dict[int, int]:
    """Column → width: ``want`` when all fit in ``room``; else the columns of the lowest tier
    narrowed alike (the widest first, none below ``least``), then the next tier's, …"""
    width = dict(want)
    for tier in sorted(set(tiers.values())):
        over = sum(width.values()) - room
        if over <= 0:
            break
        these = [c for c in width if tiers[c] == tier]
        rest = sum(width.values()) - sum(width[c] for c in these)
        low, high = 0, max(want[c] for c in these)  # the widest one of them may stay
        while low < high:
            cap = (low + high + 1) // 2
            if rest + sum(max(least[c], min(want[c], cap)) for c in these) <= room:
                low = cap
            else:
                high = cap - 1
        for c in these:
            width[c] = max(least[c], min(want[c], low))
    return width


def set_widths(view, widths: dict[int, int]) -> None:
    """Each column of ``view`` to its width (a section already that wide is left alone)."""
    header = view.horizontalHeader()
    for c, width in widths.items():
        if width != header.sectionSize(c):
            header.resizeSection(c, width)


def cut_widths(view, columns: list[int], keys: list[str],
               cut: dict[str, tuple[int, int]]) -> dict[int, int]:
    """Column → width for ``columns`` of ``view`` (``keys``: every column's key): their
    contents when all fit the viewport; else the columns whose key is in ``cut`` (key →
    (tier, least "M"s)) narrowed tier by tier (:func:`fit_widths`); the others whole."""
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    em = view.fontMetrics().horizontalAdvance("M")
    want, least, tiers = {}, {}, {}
    for c in columns:
        want[c] = header.sectionSize(c)
        tier, most = cut.get(keys[c], (3, 0))
        least[c], tiers[c] = (min(want[c], most * em) if tier < 3 else want[c]), tier
    return fit_widths(want, least, tiers, view.viewport().width())
