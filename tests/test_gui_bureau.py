"""The bureau's screens on the demo county (东川区): completeness board, indicator dashboard with
drill-down and chart, 优质均衡 view."""

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

AS_OF = dt.date(2025, 6, 1)


class StandInWindow:
    """What the pages need of the main window: show_page."""

    def __init__(self):
        self.shown = []

    def show_page(self, key):
        self.shown.append(key)
        return None


@pytest.fixture
def session(qtbot, demo_path, tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    from desktop.session import Session

    s = Session(demo_path)
    s.year = 2025
    s.as_of = AS_OF
    s.as_of_is_today = False
    yield s
    s.close()


def make(qtbot, cls, session):
    window = StandInWindow()
    page = cls(session, None)
    page.window_ = window
    qtbot.addWidget(page)
    page.resize(1300, 800)
    return page, window


def wait_loaded(qtbot, page, timeout=60000):
    qtbot.waitUntil(lambda: page._op is None, timeout=timeout)


# -- completeness ---------------------------------------------------------------------------------
def test_completeness_board_shows_the_missing_schools_first(qtbot, qtmodeltester, session):
    from desktop.pages.completeness import CompletenessPage

    page, window = make(qtbot, CompletenessPage, session)
    page.refresh()
    wait_loaded(qtbot, page)
    rows = page.model.rows
    assert [r["state"] for r in rows[:2]] == ["missing", "missing"]
    assert {r["org"] for r in rows[:2]} == {"2153113108", "2153113205"}  # 拖布卡镇中心小学, 中学
    assert all(r["state"] != "missing" for r in rows[2:])
    assert [r["state"] for r in rows] == sorted(
        (r["state"] for r in rows), key=["missing", "draft", "submitted"].index)
    assert "2" in page.count_labels["missing"].text()
    assert "34" in page.count_labels["submitted"].text()
    assert page.model.index(0, 0).data() == "未报送"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.form_model)

    # filters narrow the board in Python
    page.state_box.setCurrentIndex(page.state_box.findData("draft"))
    assert page.model.rowCount() == 3 and all(r["state"] == "draft" for r in page.model.rows)
    page.state_box.setCurrentIndex(0)
    page.way_box.setCurrentIndex(page.way_box.findData(True))
    paper = page.model.rows
    assert paper and all(r["paper"] for r in paper)

    # a paper school opens the entry screen; a self-reporting one shows whom to call
    page._activated(page.model.index(0, 0))
    assert window.shown == ["entry"]
    page.way_box.setCurrentIndex(0)
    page._activated(page.model.index(0, 0))
    assert window.shown == ["entry"] and "联系人" in page.message.text()


# -- dashboard ------------------------------------------------------------------------------------
def find_row(model, name):
    return next((i for i, r in enumerate(model.rows) if r.name == name), None)


def test_dashboard_loads_drills_down_and_back(qtbot, qtmodeltester, session):
    from desktop.pages.dashboard import DashboardPage

    page, _ = make(qtbot, DashboardPage, session)
    page.show()
    page.refresh()
    wait_loaded(qtbot, page)
    assert page.org_code == "530113"
    i = find_row(page.model, "学前三年毛入园率")
    assert i is not None
    row = page.model.rows[i]
    texts = [page.model.index(i, c).data() for c in range(2, 5)]  # 2023, 2024, 2025
    assert all(t and t != "—" for t in texts), texts
    assert all(row.cells[y].value is not None for y in (2023, 2024, 2025))
    assert row.final is not None and row.final.binding
    assert page.model.index(i, 5).data().startswith("未达标")  # the status, then the target
    assert page.model.index(i, 6).data().startswith("★")
    # the rate shows numerator / denominator and coverage in the cell tooltip
    from PySide6.QtCore import Qt

    tip = page.model.index(i, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "分子" in tip and "分母" in tip and "覆盖" in tip
    # colour: 2025 is the target year of 99 % and 96.9 % misses it
    assert row.cells[2025].status == "missed"
    assert page.model.index(i, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.units_model)

    # select it: its finding of the chosen year in the shared detail, and the chart
    page.select(row.key)
    assert page.detail.finding is row.focus(2025) and page.detail.finding.year == 2025
    assert "学前三年毛入园率" in page.detail.title.text()
    assert "=" in page.detail.lines["actual"].text()  # numerator / denominator of 2025
    assert "8,351" in page.model.index(i, 3).data(Qt.ItemDataRole.ToolTipRole)  # 2024's
    ax = page.chart.figure.axes[0]
    assert ax.lines and any(len(line.get_xdata()) == 3 for line in ax.lines)

    # drill down to a school and back up
    units = page.units_model.rows
    j = next(k for k, u in enumerate(units) if u["code"] == "2153113101")
    page.units_view.activated.emit(page.units_model.index(j, 0))
    wait_loaded(qtbot, page)
    assert page.org_code == "2153113101"
    assert "东川区第一小学" in page.heading.text()
    assert page.model.rowCount() > 0
    assert page.units_model.rowCount() == 0
    qtmodeltester.check(page.model)
    assert page.up_button.isEnabled()
    # the breadcrumb's first button goes back to the county
    from PySide6.QtWidgets import QPushButton

    crumb = page.crumbs.itemAt(0).widget()
    assert isinstance(crumb, QPushButton) and crumb.text() == "东川区"
    crumb.click()
    qtbot.waitUntil(lambda: page._op is None)
    assert page.org_code == "530113" and not page.up_button.isEnabled()
    assert find_row(page.model, "学前三年毛入园率") is not None  # from the cache, at once


def test_dashboard_filters_and_sorts_in_python(qtbot, session):
    from desktop.pages.dashboard import DashboardPage

    page, _ = make(qtbot, DashboardPage, session)
    page.refresh()
    wait_loaded(qtbot, page)
    total = page.model.rowCount()
    page.filter_box.setCurrentIndex(2)  # missed, behind or overdue
    assert 0 < page.model.rowCount() < total
    assert all(r.status in ("missed", "behind", "overdue", "done_late")
               for r in page.model.rows)
    page.filter_box.setCurrentIndex(0)
    page.search.setText("毛入园率")
    assert [r.name for r in page.model.rows] == ["学前三年毛入园率"]
    page.search.setText("")
    page._sort_by(4)  # 2025 ascending, missing values last
    values = [r.cells[2025].value for r in page.model.rows if 2025 in r.cells and
              r.cells[2025].value is not None]
    assert values == sorted(values)


# -- chart ----------------------------------------------------------------------------------------
def test_chart_renders_offscreen(qtbot):
    from desktop.pages.chart import ChartData, ChartWidget

    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(600, 360)
    assert chart.figure is None  # matplotlib is not touched until a chart is drawn
    chart.show_data(ChartData(
        title="学前三年毛入园率", unit="%", years=[2023, 2024, 2025],
        actual={2023: 92.5, 2024: 95.0, 2025: 96.9},
        status={2023: "pending", 2024: "behind", 2025: "missed"},
        targets={2025: 99.0}, final=(2025, 99.0, "≥"),
        trajectory=[(2023, 92.5), (2024, 95.7), (2025, 99.0)]))
    chart.canvas.draw()
    ax = chart.figure.axes[0]
    assert ax.get_title() == "学前三年毛入园率"
    assert len(ax.lines) >= 3  # actual, targets, final line, trajectory
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024", "2025"]
    image = chart.canvas.grab().toImage()
    assert image.width() > 100 and image.height() > 100
    chart.show_data(None)
    assert chart.canvas.isHidden()


# -- 优质均衡 -------------------------------------------------------------------------------------
def test_youzhi_lists_schools_with_statuses_and_the_cv_table(qtbot, qtmodeltester, session):
    from PySide6.QtCore import Qt

    from desktop.pages.youzhi import YouzhiPage

    page, _ = make(qtbot, YouzhiPage, session)
    assert page.county == "530113" and page.county_box.isHidden()  # a county workspace
    page.refresh()
    wait_loaded(qtbot, page)
    rows = page.model.rows
    statuses = {r["status"] for r in rows}
    assert {"达标", "未达标", "数据不全", "不参评"} <= statuses
    names = {r["name"] for r in rows}
    assert "东川区第一小学" in names and "舍块乡九年一贯制学校" in names
    # a 九年一贯制 school has a row per section
    assert {r["section"] for r in rows if r["org"] == "2153113303"} == {"小学", "初中"}
    # the short indicators: 因民镇中心小学 is short only on 体艺教师, below 85 %
    r = next(r for r in rows if r["org"] == "2153113106")
    assert r["status"] == "未达标" and r["met_text"] == "6/7"
    assert "体艺教师" in r["reason"] and "低于 85%" in r["reason"]
    i = rows.index(r)
    col = next(c for c, col in enumerate(page.model.columns)
               if col.key == "yz_pe_art_teachers_per100")
    assert "85%" in page.model.index(i, col).data(Qt.ItemDataRole.ToolTipRole)
    # the 14 CVs against their limits
    assert page.cv_model.rowCount() == 14
    assert all(row["limit_text"] in ("≤ 0.50", "≤ 0.45") for row in page.cv_model.rows)
    assert "尚未通过国家督导认定" in page.summary.text()
    assert "资源配置未达标" in page.summary.text()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.cv_model)
    page.status_box.setCurrentIndex(page.status_box.findData("数据不全"))
    assert {r["org"] for r in page.model.rows} == {"2153113108", "2153113205"}


def test_a_prefecture_picks_the_county_and_drills_from_its_own_level(qtbot, catalog, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.pages.dashboard import DashboardPage
    from desktop.pages.youzhi import YouzhiPage
    from desktop.session import Session
    from eduplan_core.store.workspace import Workspace

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    Workspace.create(tmp_path / "pref", org="昆明市", role="prefecture", operator="李四",
                     catalog=catalog).close()
    session = Session(tmp_path / "pref")
    session.year, session.as_of = 2025, AS_OF
    try:
        page, _ = make(qtbot, YouzhiPage, session)
        assert not page.county_box.isHidden()
        assert page.county_box.findData("530113") >= 0  # 东川区 among 昆明市's counties
        page.set_county("530113")
        page.refresh()
        wait_loaded(qtbot, page)
        assert page.cv_model.rowCount() == 14  # no data: the limits with no value
        assert all(r["ok_text"] == "无数据" for r in page.cv_model.rows)

        dash, _ = make(qtbot, DashboardPage, session)
        dash.refresh()
        wait_loaded(qtbot, dash)
        assert dash.org_code == "530100"
        assert "530113" in {u["code"] for u in dash.units_model.rows}
    finally:
        session.close()


def test_in_the_main_window_a_paper_school_opens_the_entry_screen(qtbot, session):
    from desktop.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    page = window.show_page("completeness")
    wait_loaded(qtbot, page)
    i = next(k for k, r in enumerate(page.model.rows) if r["paper"])
    code = page.model.rows[i]["org"]
    page.view.activated.emit(page.model.index(i, 0))
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry
    form = getattr(entry, "form_page", None)
    if form is not None and getattr(form, "key", None):
        assert form.key[0] == code
    for p in window.pages.values():
        p.wait_idle()
