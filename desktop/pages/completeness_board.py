"""报送进度's tables and its late list: the board (every unit's form a row coloured by its state,
the late ones first, each with its last bundle, the days late and the contact to call, its
columns fitted to the page's width), the summary per form below it (whole, never scrolled
sideways), and the late list copied to the clipboard or saved as CSV for a reminder round
(eduplan_core/exchange/tracking.py). The parts of CompletenessPage (completeness.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QStyle, QTableView

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange.tracking import UnitTracking, late_list_text, save_late_list
from eduplan_core.vocab import EntryState

from ..models import (AMBER_BG, AMBER_TEXT, GREEN, GREEN_BG, RED, RED_BG, Column, VALUE_NAMES,
                      RowsModel, level_name, term_names, value_name)
from .base import cut_widths, set_widths, setup_table, show_error

if TYPE_CHECKING:
    from .completeness import CompletenessPage

STATE_COLOURS = {"missing": (RED, RED_BG), "draft": (AMBER_TEXT, AMBER_BG),
                 "submitted": (GREEN, GREEN_BG)}


class CompletenessBoard(QTableView):
    """The board: a row a unit's form (its ``rows_model``), red when the unit is late."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state_names = term_names(EntryState)
        self.rows_model = RowsModel([
            Column("state_name", self.tr("状态"), tooltip=lambda r: r["state_name"]),
            Column("name", self.tr("单位"), tooltip=lambda r: r["name"]),
            Column("org", self.tr("代码")),
            Column("kind", self.tr("类型"), tooltip=lambda r: r["kind"]),
            Column("form_name", self.tr("表单"), tooltip=lambda r: r["form_name"]),
            Column("by", self.tr("报送"), tooltip=lambda r: r["way"]),
            Column("county_name", self.tr("所属县（市、区）"), tooltip=lambda r: r["county_name"]),
            Column("last", self.tr("最近报送"), tooltip=lambda r: r["last_tip"] or r["last"]),
            Column("late_days", self.tr("逾期"), tooltip=lambda r: r["late_text"],
                   align_right=True),
            Column("call", self.tr("联系人、电话"), tooltip=lambda r: r["hint"]),
        ], color=lambda r: STATE_COLOURS["missing"] if r["late"] else
            STATE_COLOURS.get(r["state"]))
        self.setModel(self.rows_model)
        setup_table(self)
        self.viewport().installEventFilter(self)

    def rows_of(self, result, ws) -> list[dict]:
        """The board's rows of a completeness result (the late first, then by state, county and
        code), every row of them, before the filters."""
        forms = ws.catalog.forms
        tree = ws.orgs
        tracking = result.tracking
        tracked = {u.org: u for u in tracking.units} if tracking else {}
        rows = []
        for r in result.rows:
            org = tree.get(r.org)
            contact = getattr(org, "contact", None) or ""
            phone = getattr(org, "phone", None) or ""
            call = " ".join(x for x in (contact, phone) if x)
            county = tree.get(r.county) if r.county else None
            form = forms.get(r.form)
            unit = tracked.get(r.org)
            rows.append({
                "org": r.org, "name": r.name, "state": r.state,
                "state_name": self.state_names.get(r.state, r.state),
                "kind": self.kind_name(r.org_type), "form": r.form,
                "form_name": form.name if form else r.form, "paper": r.paper,
                "way": self.tr("纸质（本局代填）") if r.paper else self.tr("自行填报"),
                "by": self.tr("纸质") if r.paper else self.tr("自行"),
                "county_name": county.name if county else "", "contact": contact,
                "phone": phone, "call": call,
                "last": self._last_text(unit), "last_tip": self._last_tip(unit),
                "late": bool(unit and unit.late),
                "late_text": (self.tr("逾期 %d 天") % unit.days_late
                              if unit and unit.late and unit.days_late is not None else ""),
                "late_days": (self.tr("%d 天") % unit.days_late  # under 逾期
                              if unit and unit.late and unit.days_late is not None else ""),
                "hint": (self.tr("纸质报送：双击打开填报页代为录入") if r.paper else
                         self.tr("学校自行填报：请联系 %s") % (call or self.tr("学校"))),
            })
        rows.sort(key=lambda x: (not x["late"], EntryState.rank_of(x["state"]),
                                 x["county_name"], x["org"]))
        return rows

    @staticmethod
    def kind_name(org_type: str) -> str:
        """A school's type as 学校名录 shows it (小学: Primary school), a bureau's level."""
        return value_name(org_type) if org_type in VALUE_NAMES else level_name(org_type)

    def _last_text(self, unit: UnitTracking | None) -> str:
        if unit is None:
            return ""
        if unit.paper:
            return self.tr("纸质报送（本局代填）")
        if unit.last is None:
            return self.tr("未收到")
        return unit.last.text()

    def _last_tip(self, unit: UnitTracking | None) -> str | None:
        if unit is None or unit.paper or unit.last is None:
            return None
        tip = self.tr("最近收到：%s") % unit.last.text()
        if unit.first_merged_at:
            tip += "\n" + self.tr("首次合并：%s") % unit.first_merged_at[:16].replace("T", " ")
        if unit.last.reason:
            tip += "\n" + unit.last.reason
        return tip

    # -- fitting the width ----------------------------------------------------------------------
    # the columns that may be cut (their ends "…", whole in their tooltips): narrowed tier by
    # tier (0 first), each to no less than so many "M"s; the others keep their contents.
    CUT: dict[str, tuple[int, int]] = {
        "last": (0, 8), "county_name": (0, 6), "kind": (1, 8), "form_name": (1, 8),
        "state_name": (2, 9), "name": (2, 10)}

    def fit_columns(self) -> None:
        """Every column as wide as its contents when they fit the board's width; otherwise the
        columns of CUT narrowed tier by tier: no sideways scrolling at 1024 px in either
        language; room left goes to the last column."""
        model = self.rows_model
        shown = [c for c in range(model.columnCount()) if not self.isColumnHidden(c)]
        widths = cut_widths(self, shown, [c.key for c in model.columns], self.CUT)
        spare = self.viewport().width() - sum(widths.values())
        if spare > 0 and widths:
            widths[max(widths)] += spare
        set_widths(self, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)


class FormSummary(QTableView):
    """按表单汇总: a row a form (its ``rows_model``), how many units should report it and how
    many have submitted it, have a draft or have nothing; the most missing first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows_model = RowsModel([
            Column("form_name", self.tr("表单")),
            Column("expected", self.tr("应报"), align_right=True),
            Column("submitted", self.tr("已提交"), align_right=True),
            Column("draft", self.tr("草稿"), align_right=True),
            Column("missing", self.tr("未报送"), align_right=True),
        ], color=lambda r: (STATE_COLOURS["missing"] if r["missing"] else
                            STATE_COLOURS["draft"] if r["draft"] else
                            STATE_COLOURS["submitted"]))
        self.setModel(self.rows_model)
        setup_table(self)

    def show_rows(self, board_rows: list[dict]) -> None:
        """The summary of the board's rows (all of them, before the filters)."""
        by_form: dict[str, dict] = {}
        for r in board_rows:
            s = by_form.setdefault(r["form"], {"form": r["form"], "form_name": r["form_name"],
                                               "expected": 0, "submitted": 0, "draft": 0,
                                               "missing": 0})
            s["expected"] += 1
            s[r["state"]] += 1
        self.rows_model.set_rows(sorted(by_form.values(), key=lambda s: (
            -s["missing"], -s["draft"], s["form_name"])))

    def fit(self) -> int:
        """Every row and column shown without scrolling; the height that takes."""
        self.horizontalHeader().setStretchLastSection(False)
        self.resizeColumnsToContents()
        frame = 2 * self.frameWidth()
        width = sum(self.columnWidth(c) for c in range(self.rows_model.columnCount())) + frame
        height = self.horizontalHeader().height() + frame + sum(
            self.rowHeight(r) for r in range(self.rows_model.rowCount()))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # room for a scroll bar: a low window shows the board's rows first (fit_heights)
        self.setFixedWidth(width + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent))
        self.horizontalHeader().setStretchLastSection(True)
        self.setMaximumHeight(height)
        return height


class LateList(QObject):
    """The page's late units (its ``late``) onto the clipboard or into a CSV file, what was done
    said in the page's message line."""

    def __init__(self, page: CompletenessPage):
        super().__init__(page)
        self.page = page

    def text(self) -> str:
        return late_list_text(self.page.late)

    def copy(self) -> None:
        """The late list onto the clipboard, tab-separated with its header."""
        late = self.page.late
        if not late:
            self.page.message.setText(self.tr("没有逾期的单位。"))
            return
        QGuiApplication.clipboard().setText(self.text())
        self.page.message.setText(self.tr("已复制 %d 个逾期单位的名单（单位、代码、联系人、电话、"
                                          "最近报送、逾期天数）。") % len(late))

    def save(self, path: Path) -> bool:
        """The late list as a CSV file (UTF-8 with BOM: Excel opens it)."""
        try:
            count = save_late_list(self.page.late, path)
        except EduPlanError as exc:
            show_error(self.page, exc)
            return False
        self.page.message.setText(self.tr("逾期名单已保存：%s（%d 个单位）") % (str(path), count))
        return True

    def save_dialog(self) -> None:
        page = self.page
        if not page.late:
            return
        name = self.tr("逾期名单-%s-%d.csv") % (page.session.info.org_name, page.session.year)
        path, _ = QFileDialog.getSaveFileName(page, self.tr("保存逾期名单"),
                                              str(Path.home() / name),
                                              self.tr("CSV 文件 (*.csv)"))
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(".csv")
            self.save(target)
