"""A key's fingerprint as it is read out on the phone: the 32 digits large, fixed-width, bold
and selectable, in two lines of four groups. One label for every place that shows one: this
unit's keys (desktop/exchange.py), the exchange dialogs, the setup wizard's pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel


def fingerprint_lines(fingerprint: str) -> str:
    """The 8 groups of 4 digits on two lines of four, to be read out on the phone."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


def fingerprint_label(scale: float = 2.2, padding: int = 12) -> QLabel:
    """The label for a fingerprint (set with :func:`fingerprint_lines`): ``scale`` times the
    fixed font (at least 10 points), bold, selectable, centred on a light grey ground with
    ``padding`` pixels round it."""
    label = QLabel()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"padding: {padding}px; background: #f5f5f5;")
    return label


def shown_fingerprint(label: QLabel) -> str:
    """The fingerprint ``label`` shows, on one line."""
    return " ".join(label.text().split())
