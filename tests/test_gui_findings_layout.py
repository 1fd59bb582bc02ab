"""The findings pages at 1024×700 and 1280×800 (issue 12 §4): the dashboard's status and
target columns and 差距清单's 补齐所需 are seen without scrolling sideways, the chart's legend
is not cut, 优质均衡 does not widen the window; and their words in English."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

AS_OF = dt.date(2025, 6, 1)
SIZES = [(1024, 700), (1280, 800)]




def open_window(qtbot, path, size):
    from desktop.main_window import MainWindow
    from desktop.session import Session

    session = Session(path)
    session.year, session.as_of, session.as_of_is_today = 2025, AS_OF, False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    return window


def loaded(qtbot, page, model) -> None:
    qtbot.waitUntil(lambda: page._op is None and model.rowCount() > 0, timeout=60000)
    qtbot.wait(20)


def right_edge(view, column: int) -> int:
    header = view.horizontalHeader()
    return header.sectionViewportPosition(column) + header.sectionSize(column)


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboards_status_and_target_are_seen_without_scrolling(qtbot, demo_path, language,
                                                                   size):
    window = open_window(qtbot, demo_path, size)
    assert window.width() == size[0]  # no page makes the window wider than asked
    page = window.show_page("dashboard")
    loaded(qtbot, page, page.model)
    view, model = page.view, page.model
    em = view.fontMetrics().horizontalAdvance("M")
    width = view.viewport().width()
    status, target = model.column_of("status_rank"), model.column_of("target")
    assert view.horizontalScrollBar().maximum() == 0
    assert right_edge(view, status) <= width
    assert right_edge(view, target) <= width
    assert view.horizontalHeader().sectionSize(target) >= 12 * em
    # a cut cell says it whole in its tooltip
    from PySide6.QtCore import Qt

    for column in (0, status, target):
        assert model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    # two names that differ at their end (the 学段) still differ when cut to the column
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    room = view.horizontalHeader().sectionSize(0) - 2 * em
    shown = {}
    for name in names:
        cut = view.fontMetrics().elidedText(name, view.textElideMode(), room)
        assert shown.setdefault(cut, name) == name, (cut, name, shown[cut])


@pytest.mark.parametrize("size", SIZES)
def test_shortfalls_show_what_closes_the_gap_without_scrolling(qtbot, demo_path, language,
                                                               size):
    from PySide6.QtCore import Qt

    from desktop.pages.shortfalls import CLOSE_EMS

    window = open_window(qtbot, demo_path, size)
    page = window.show_page("shortfalls")
    loaded(qtbot, page, page.model)
    table = page.table
    em = table.fontMetrics().horizontalAdvance("M")
    close = page._col_index["close"]
    assert table.horizontalScrollBar().maximum() == 0
    assert right_edge(table, close) <= table.viewport().width()
    assert table.horizontalHeader().sectionSize(close) >= CLOSE_EMS * em - 1
    row = next(i for i, f in enumerate(page.model.rows) if f.close_target)
    f = page.model.rows[row]
    cell = page.model.data(page.model.index(row, close))
    tip = page.model.data(page.model.index(row, close), Qt.ItemDataRole.ToolTipRole)
    if language == "en":
        assert cell == f.close_target.need.en or cell.startswith("this year: ")
        assert tip == f.close.en and "达到" not in tip and "需增加" not in tip
    else:
        assert cell == str(f.close_target.need) or cell.startswith("本年：")
        assert tip == str(f.close)


def test_the_youzhi_page_fits_a_1024_window(qtbot, demo_path, language):
    window = open_window(qtbot, demo_path, (1024, 700))
    assert window.pages["youzhi"].minimumSizeHint().width() <= 800


def test_the_charts_legend_is_not_cut_in_a_narrow_chart(qtbot):
    from desktop.pages.chart import ChartData, ChartWidget

    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(420, 300)
    chart.show()
    chart.show_data(ChartData(title="在园幼儿数", unit="人", years=[2023, 2024, 2025],
                              actual={2023: 100, 2024: 120, 2025: 130},
                              status={2025: "behind"}, targets={2025: 150},
                              final=(2025, 150, "≥"),
                              trajectory=[(2023, 100), (2024, 125), (2025, 150)]))
    chart.canvas.draw()
    legend = chart.figure.axes[0].get_legend()
    box = legend.get_window_extent()
    figure = chart.figure.bbox
    assert box.x0 >= figure.x0 - 1 and box.x1 <= figure.x1 + 1
    assert chart._columns == 2


def test_a_coverage_nobody_reported_reads_no_data(qtbot):
    from desktop.pages.dashboard_model import IndicatorModel
    from eduplan_core.indicators.dashboard import YearCell

    model = IndicatorModel()
    assert model.coverage_text(YearCell(2025, expected=1, reported=0, partial=True)) == "无数据"
    assert "1/2" in model.coverage_text(YearCell(2025, value=3.0, expected=2, reported=1,
                                                 partial=True))


def test_a_findings_detail_and_summary_in_english(qtbot, demo_path, language):
    """本校指标's summary (年, 截至) and the detail's target line with ASCII punctuation."""
    from PySide6.QtCore import QLocale, QSettings

    from desktop.startup import DEMO_SCHOOL
    from eduplan_core.demo import build_demo_school

    if language != "en" or QSettings().value("language") != "en":
        pytest.skip("English only")
    school = demo_path.parent / "school"
    build_demo_school(school, DEMO_SCHOOL, demo_path)
    assert QLocale().language() == QLocale.Language.English
    window = open_window(qtbot, school, (1024, 700))
    page = window.show_page("mine")
    loaded(qtbot, page, page.model)
    page.table.selectRow(0)
    qtbot.wait(20)
    summary = page.summary.text()
    assert "年" not in summary and "截至" not in summary and " as of 2025-06-01: " in summary
    detail = page.detail.lines["target"].text()
    before_names = detail.split("《")[0]  # the document's own title may keep its marks
    assert "（" not in before_names and "：" not in before_names, detail
    targets = [page.model.data(page.model.index(r, 3)) for r in range(page.model.rowCount())]
    assert any("National standard (every year)" in t for t in targets)
    assert not any("国家标准" in t for t in targets)


def test_the_units_below_fold_away_on_a_narrow_window_and_come_back(qtbot, demo_path):
    """At 1024 the list of units below starts folded (the indicators' names read whole); its
    button brings it back, and a wide window starts with it shown."""
    window = open_window(qtbot, demo_path, (1024, 700))
    page = window.show_page("dashboard")
    loaded(qtbot, page, page.model)
    qtbot.waitUntil(lambda: page._units_folded is not None)
    assert page._units_folded and page.upper.sizes()[0] == 0
    assert not page.units_button.isChecked() and "39" in page.units_button.text()
    page.units_button.click()
    assert page.upper.sizes()[0] > 0 and page.units_view.isVisibleTo(window)
    page.units_button.click()
    assert page.upper.sizes()[0] == 0
    window.close()  # one window a workspace
    wide = open_window(qtbot, demo_path, (1400, 860))
    wide_page = wide.show_page("dashboard")
    loaded(qtbot, wide_page, wide_page.model)
    qtbot.waitUntil(lambda: wide_page._units_folded is not None)
    assert not wide_page._units_folded and wide_page.upper.sizes()[0] > 0
    assert wide_page.units_button.isChecked()
