"""What the workspace wizard's pages share (desktop/pages/wizard.py): the page ids, the wizard
a page is on, the catalog, a note and an error line, the folder row, and :class:`UnitPage`,
a page that picks a unit — from a list with a filter that selects the one match left, so that
Enter opens it — and says whom the workspace is made for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
                               QWizardPage)

from eduplan_core.paths import user_data_dir

from ..models import GREY, RED

if TYPE_CHECKING:
    from .wizard import FirstRunWizard

(P_CHOICE, P_DEMO_SCHOOL, P_BUREAU, P_SCHOOL, P_SETUP_FILE, P_SETUP_UNIT,
 P_SETUP_DONE) = range(7)





def catalog():
    from eduplan_core.catalog.load import get_catalog

    return get_catalog()


def first_run(page: QWizardPage) -> FirstRunWizard:
    from .wizard import FirstRunWizard

    wizard = page.wizard()
    assert isinstance(wizard, FirstRunWizard)  # every page belongs to it
    return wizard


def note(text: str = "", *, bold: bool = False, grey: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # every line of a wizard page wraps: it fits 1024×700 in English
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if grey:
        label.setStyleSheet(f"color: {GREY.name()};")
    return label


def error_label() -> QLabel:
    label = note()
    label.setStyleSheet(f"color: {RED.name()};")
    return label


class FolderRow(QWidget):
    """A folder line edit with a browse button; follows a suggested default until edited."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.browse = QPushButton(self.tr("浏览(&B)…"))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)
        self.browse.clicked.connect(self._browse)
        self.edit.textEdited.connect(lambda _t: setattr(self, "touched", True))
        self.touched = False

    def add_to(self, form: QFormLayout) -> None:
        """A row of ``form``, labelled 工作区文件夹."""
        label = QLabel(self.tr("工作区文件夹(&F)："))
        label.setBuddy(self.edit)
        form.addRow(label, self)

    def suggest(self, name: str) -> None:
        if not self.touched:
            self.edit.setText(str(user_data_dir() / name))

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"),
                                                str(user_data_dir()))
        if path:
            self.edit.setText(path)
            self.touched = True


class UnitPage(QWizardPage):
    """A page that picks a unit: from ``self.list`` under ``self.filter`` (:meth:`add_list`),
    or from what a subclass shows instead (its own ``code``, ``select`` and ``_filter``).
    Each change comes to ``_picked``, which says whom the workspace is made for in
    ``self.chosen`` (:meth:`describe`) and suggests the unit's folder in ``self.folder``."""

    chosen: QLabel
    folder: FolderRow
    error: QLabel

    def add_filter(self, layout: QVBoxLayout, placeholder: str) -> None:
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.filter.textChanged.connect(self._filter)

    def add_list(self, layout: QVBoxLayout, placeholder: str) -> None:
        """The filter, then the list (units added with :meth:`add_unit`)."""
        self.add_filter(layout, placeholder)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(self._picked)

    def add_unit(self, text: str, code: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.list.addItem(item)

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return

    def code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None

    def _filter(self, text: str) -> None:
        """Hide the units without ``text``; the one unit left is selected (Enter opens it)."""
        text = text.strip()
        shown = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(text) and text not in item.text())
            if not item.isHidden():
                shown.append(item)
        if len(shown) == 1:
            self.list.setCurrentItem(shown[0])
        self._picked()

    def describe(self, code: str) -> str:
        """Whom the workspace is made for, said when ``code`` is picked."""
        raise NotImplementedError

    def _picked(self, *_) -> None:
        code = self.code()
        if code:
            self.chosen.setText(self.describe(code))
            self.folder.suggest(f"workspace-{code}")
        else:
            self.chosen.clear()
        self.error.clear()
        self.completeChanged.emit()
