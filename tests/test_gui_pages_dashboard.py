"""指标看板 follows the year box like every other page: the chosen year and the years before it
that have data or targets; the rows come from the core, the detail is the shared one."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture
def session(qtbot, demo_path):
    from desktop.session import Session

    s = Session(demo_path)
    s.year, s.as_of, s.as_of_is_today = 2025, AS_OF, False
    yield s
    s.close()


def headers(page):
    from PySide6.QtCore import Qt

    model = page.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_year_box_chooses_the_years_shown(qtbot, qtmodeltester, session):
    from desktop.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page._op is None and page.model.rowCount() > 0, timeout=60000)
    assert page.model.years == (2023, 2024, 2025)
    assert headers(page)[2:5] == ["2023", "2024", "2025"]
    page._sort_by(page.model.column_of("y2025"))  # a sort by a year survives a change of years
    window.year_box.setCurrentIndex(window.year_box.findData(2026))
    qtbot.waitUntil(lambda: page._op is None and page.model.years[-1:] == (2026,),
                    timeout=60000)
    assert page.model.years == (2023, 2024, 2025, 2026)
    assert headers(page)[2:6] == ["2023", "2024", "2025", "2026"]
    header = page.view.horizontalHeader()
    assert header.sortIndicatorSection() == page.model.column_of("y2025")
    qtmodeltester.check(page.model)
    # the selected indicator is explained for 2026, the chart runs to 2026
    i = next(k for k, r in enumerate(page.model.rows) if r.name == "学前三年毛入园率")
    page.select(page.model.rows[i].key)
    assert page.detail.finding.year == 2026
    ax = page.chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "2026"
    window.year_box.setCurrentIndex(window.year_box.findData(2024))
    qtbot.waitUntil(lambda: page._op is None and page.model.years == (2023, 2024),
                    timeout=60000)
    assert headers(page)[2:4] == ["2023", "2024"] and headers(page)[4] != "2025"
    qtmodeltester.check(page.model)
    # back to 2025: from the cache, at once
    window.year_box.setCurrentIndex(window.year_box.findData(2025))
    assert page._op is None and page.model.years == (2023, 2024, 2025)
    for p in window.pages.values():
        p.wait_idle()


def test_an_indicator_without_targets_says_so_in_the_detail(qtbot, session):
    from desktop.pages.dashboard import DashboardPage

    page = DashboardPage(session, None)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page._op is None, timeout=60000)
    row = next(r for r in page.model.rows if not r.targets)
    page.select(row.key)
    assert page.detail.finding is None and "没有规划目标" in page.detail.placeholder.text()
