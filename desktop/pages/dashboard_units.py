"""指标看板's units below: the list of the units directly below the org shown, beside the
indicators or folded away behind its button on a narrow page, and drilling — a unit activated is
shown, the breadcrumb and ↑ 上一级 go back up. A part of DashboardPage (dashboard.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ..models import ROW_ROLE, Column, RowsModel, level_name
from .base import Page, setup_table

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

    _Page = Page
else:
    _Page = object


class UnitsBelow(_Page):
    """The units below of DashboardPage (a mixin: ``self`` is the page)."""

    NARROW = 1000  # a page narrower than this starts with the list of units folded

    # what the class uses of the window or page (annotations only: after a def nested here
    # pyside6-lupdate loses this class, its strings get no context)
    if TYPE_CHECKING:
        path: list[str]
        upper: QSplitter
        _units_folded: bool | None

    def _make_units_button(self) -> QPushButton:
        """The units below beside the indicators; on a narrow window folded away behind this
        button, so the indicators' names are read whole (the list comes back on a click)."""
        self.units_button = QPushButton()
        self.units_button.setCheckable(True)
        self.units_button.setToolTip(self.tr("显示或收起下级单位列表（双击单位进入）"))
        self.units_button.toggled.connect(self._show_units)
        return self.units_button

    def _make_units_box(self) -> QWidget:
        """The list of the units below under its title."""
        self.units_model = RowsModel([Column("name", self.tr("下级单位")),
                                      Column("kind", self.tr("类型")),
                                      Column("code", self.tr("代码"))])
        self.units_view = QTableView()
        self.units_view.setModel(self.units_model)
        setup_table(self.units_view)
        self.units_view.activated.connect(self._unit_activated)
        self.units_view.setToolTip(self.tr("双击或按回车查看该单位的指标"))
        units_box = QWidget()
        ul = QVBoxLayout(units_box)
        ul.setContentsMargins(0, 0, 0, 0)
        self.units_label = QLabel(self.tr("下级单位（双击进入）"))
        self.units_label.setWordWrap(True)  # a narrow list: its title wraps, not widens it
        ul.addWidget(self.units_label)
        ul.addWidget(self.units_view, 1)
        ul.addStretch(0)
        return units_box

    # -- beside the indicators, or folded away on a narrow window ------------------------------
    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._decide_units()

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._decide_units()

    def _decide_units(self) -> None:
        if self._units_folded is None and self.isVisible() and self.width() > 100:
            self._set_units_folded(self.width() < self.NARROW)

    def _set_units_folded(self, folded: bool) -> None:
        self._units_folded = folded
        self.units_button.blockSignals(True)
        self.units_button.setChecked(not folded)
        self.units_button.blockSignals(False)
        total = sum(self.upper.sizes()) or self.upper.width()
        side = 0 if folded else min(220, total // 4)
        self.upper.setSizes([side, max(total - side, 1)])
        self._label_units_button()

    def _show_units(self, shown: bool) -> None:
        self._set_units_folded(not shown)

    def _units_moved(self, *_):
        folded = self.upper.sizes()[0] == 0
        if folded != self._units_folded:
            self._units_folded = folded
            self.units_button.blockSignals(True)
            self.units_button.setChecked(not folded)
            self.units_button.blockSignals(False)
            self._label_units_button()

    def _label_units_button(self) -> None:
        n = self.units_model.rowCount()
        self.units_button.setText(self.tr("◂ 下级单位（%d）") % n if self.units_button.isChecked()
                                  else self.tr("下级单位（%d）▸") % n)

    def _fill_units(self) -> None:
        """The units directly below the org shown, in the list and on its button."""
        tree = self.session.ws.orgs
        year = self.session.year
        units = []
        for org in tree.children(self.org_code):
            if org.is_school:
                attrs = org.attrs_at(year)
                kind = attrs.type + (self.tr("（纸质）") if attrs.paper else "")
                if attrs.status != "在办":
                    kind += f"（{attrs.status}）"
                units.append({"code": org.code, "name": attrs.name, "kind": kind})
            else:
                units.append({"code": org.code, "name": org.name,
                              "kind": level_name(org.level)})
        self.units_model.set_rows(units)
        self.units_view.resizeColumnsToContents()
        self.units_label.setText(self.tr("下级单位（%d，双击或回车进入）") % len(units)
                                 if units else self.tr("没有下级单位"))
        self.units_view.setVisible(bool(units))
        self.units_button.setVisible(bool(units))
        self._label_units_button()

    # -- drilling ------------------------------------------------------------------------------
    @property
    def org_code(self) -> str:
        """The org shown: the last of ``path`` (the workspace's org down to it)."""
        if not self.path:
            self.path = [self.session.ws.org_code]
        return self.path[-1]

    def drill_to(self, code: str) -> None:
        """Show the unit ``code`` (a unit directly below the current one)."""
        self.path.append(code)
        self.refresh()

    def go_to_level(self, n: int) -> None:
        del self.path[n + 1:]
        self.refresh()

    def go_up(self) -> None:
        if len(self.path) > 1:
            self.go_to_level(len(self.path) - 2)

    def _unit_activated(self, index) -> None:
        row = self.units_model.data(index, ROW_ROLE)
        if row:
            self.drill_to(row["code"])
