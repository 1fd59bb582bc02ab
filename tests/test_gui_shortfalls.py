"""差距清单 (desktop/pages/shortfalls.py) on the demo county (东川区, 2024, as of 2024-12-31):
loading in a worker, filters, sorting by header clicks, the detail panel, the model, and
25,000 synthetic findings (timings are in bench/gui.py, not here)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

pytestmark = pytest.mark.gui

AS_OF = dt.date(2024, 12, 31)


@pytest.fixture
def session(qtbot, demo_path):
    from desktop.session import Session

    s = Session(demo_path)
    s.year = 2024  # set directly: nothing written to the user's QSettings
    s.as_of = AS_OF
    s.as_of_is_today = False
    yield s
    s.close()


@pytest.fixture
def expected(demo_path):
    """The core's own findings for the same check, read outside the GUI."""
    from eduplan_core.indicators.service import check_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_path, daily_backup=False) as ws:
        return check_org(ws, "东川区", 2024, as_of=AS_OF).findings


def make_page(qtbot, session, load=True):
    from desktop.pages.shortfalls import ShortfallsPage

    page = ShortfallsPage(session, None)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    if load:
        page.refresh()
        qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
    return page


def rows(page):
    return list(page.model.rows)


def pinyin():
    from PySide6.QtCore import QCollator, QLocale

    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def click_header(qtbot, page, key):
    from PySide6.QtCore import QPoint, Qt

    header = page.table.horizontalHeader()
    section = [c.key for c in page.columns].index(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_list_loads_the_shortfalls_of_the_county_and_its_schools(qtbot, session, expected):
    page = make_page(qtbot, session)
    shown = rows(page)
    want = [f for f in expected if f.is_notable]  # shortfalls, and the school rule's notes
    assert want and len(shown) == len(want)
    assert [f.key for f in shown] == [f.key for f in want]  # the core's order: own first
    assert {f.org for f in shown} > {"530113"}  # the county and schools below it
    assert page.result.year == 2024 and page.result.as_of == "2024-12-31"
    assert "2024" in page.summary.text() and "东川区" in page.summary.text()
    assert str(len(want)) in page.count_label.text()
    # show all: met and on-track findings too
    page.show_all.setChecked(True)
    assert len(rows(page)) == len(expected)
    assert any(f.status == "met" for f in rows(page))


def test_filter_by_severity_leaves_only_critical(qtbot, session, expected):
    page = make_page(qtbot, session)
    page.severity_box.setCurrentIndex(page.severity_box.findText("严重"))
    shown = rows(page)
    assert shown and all(f.severity == "critical" for f in shown)
    assert len(shown) == sum(1 for f in expected if f.is_notable and f.severity == "critical")
    page.severity_box.setCurrentIndex(page.severity_box.findText("轻微"))
    assert rows(page) and all(f.severity == "minor" for f in rows(page))
    page.severity_box.setCurrentIndex(0)
    assert len(rows(page)) == sum(1 for f in expected if f.is_notable)


def test_filter_by_indicator_status_and_org(qtbot, session, expected):
    from collections import Counter

    page = make_page(qtbot, session)
    short = [f for f in expected if f.is_notable]
    code, n = Counter(f.indicator for f in short).most_common(1)[0]
    assert n > 1
    page.indicator_box.setCurrentIndex(page.indicator_box.findData(code))
    assert len(rows(page)) == n and all(f.indicator == code for f in rows(page))
    page.indicator_box.setCurrentIndex(0)

    page.status_box.setCurrentIndex(page.status_box.findData("behind"))
    assert rows(page) and all(f.status == "behind" for f in rows(page))
    assert len(rows(page)) == sum(1 for f in short if f.status == "behind")
    page.status_box.setCurrentIndex(0)

    school = next(f for f in short if f.org != "530113")
    qtbot.keyClicks(page.org_search, school.org)  # by code, typed
    assert rows(page) and {f.org for f in rows(page)} == {school.org}
    page.org_search.setText(school.org_name)  # by name
    assert {f.org for f in rows(page)} == {school.org}
    page.org_search.setText("没有这个单位")
    assert rows(page) == [] and "没有符合条件" in page.count_label.text()
    page.org_search.clear()
    assert len(rows(page)) == len(short)


def test_sort_by_gap_by_clicking_the_header(qtbot, session, expected):
    from PySide6.QtCore import Qt

    page = make_page(qtbot, session)
    click_header(qtbot, page, "gap")
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == [c.key for c in page.columns].index("gap")
    shown = rows(page)
    gaps = [f.gap for f in shown if f.gap is not None]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]
    # missing gaps (milestones) come last in either direction
    assert all(f.gap is None for f in shown[len(gaps):])
    assert len(shown) == sum(1 for f in expected if f.is_notable)
    ascending = header.sortIndicatorOrder()
    click_header(qtbot, page, "gap")
    assert header.sortIndicatorOrder() != ascending
    shown = rows(page)
    gaps = [f.gap for f in shown if f.gap is not None]
    order = header.sortIndicatorOrder()
    assert gaps == sorted(gaps, reverse=order == Qt.SortOrder.DescendingOrder)
    assert all(f.gap is None for f in shown[len(gaps):])
    # the sort survives a filter and the sort box follows the header
    page.severity_box.setCurrentIndex(page.severity_box.findData("critical"))
    gaps = [f.gap for f in rows(page) if f.gap is not None]
    assert gaps == sorted(gaps, reverse=order == Qt.SortOrder.DescendingOrder)
    assert page.sort_box.currentData() == "gap"
    # 严重程度 keeps the core's order (by unit): its entry in the sort box says so
    severity = page.sort_box.findData("severity")
    assert "本单位的问题在前" in page.sort_box.itemData(severity, Qt.ItemDataRole.ToolTipRole)
    # sorting by org name from the keyboard-reachable sort box
    page.descending_box.setChecked(False)
    page.sort_box.setCurrentIndex(page.sort_box.findData("org"))
    assert header.sortIndicatorSection() == [c.key for c in page.columns].index("org")
    names = [f.org_name for f in rows(page)]
    collator = pinyin()
    assert all(collator.compare(a, b) <= 0 for a, b in zip(names, names[1:]))
    assert names[0] != names[-1]


def test_detail_panel_shows_quote_close_and_explanation(qtbot, session, expected):
    from desktop.pages.finding_detail import FindingDetail

    page = make_page(qtbot, session)
    assert isinstance(page.detail, FindingDetail)  # the one the dashboard and 本校指标 show
    assert page.detail.placeholder.isVisibleTo(page.detail)
    shown = rows(page)
    i = next(i for i, f in enumerate(shown) if f.close and f.explanation)
    f = shown[i]
    page.table.setFocus()
    page.select_row(i)
    d = page.detail
    assert d.finding is f
    if f.excerpt:  # a standard known from a summary: the value in words, and what the source is
        assert d.quote.text() == f"{f.requirement}（据{f.excerpt}）"
    else:
        assert d.quote.text() == f.quote  # the exact sentence of the plan
    assert d.close_text.text() == "\n".join(x for x in (f.close_pace, f.close_target) if x)
    assert d.explanation.text() == f.explanation
    assert f.org_name in d.title.text() and f.indicator_name in d.title.text()
    assert f.document in d.lines["source"].text() and f.issuer in d.lines["source"].text()
    assert f.date in d.lines["source"].text()
    actual = d.lines["actual"].text()
    assert "=" in actual and "/" in actual and "100%" in actual  # numerator / denominator, coverage
    assert str(f.year - 1) in d.lines["trend"].text()
    assert "严重" in d.lines["status"].text() or "较大" in d.lines["status"].text() or \
        "轻微" in d.lines["status"].text()

    # a behind-schedule finding shows where the trajectory says it should be now
    j = next(j for j, g in enumerate(shown) if g.status == "behind")
    page.select_row(j)
    assert "应达" in d.lines["progress"].text() and "进度滞后" in d.lines["progress"].text()

    # the selection survives a re-sort; a filter that drops it empties the panel
    page.select_row(i)
    page.sort_by("org", descending=True)
    assert d.finding is f
    assert page.model.rows[page.table.currentIndex().row()] is f
    page.org_search.setText("没有这个单位")
    assert d.finding is None and d.placeholder.isVisibleTo(d)

    # keyboard: moving down the list moves the detail
    from PySide6.QtCore import Qt

    page.org_search.clear()
    page.select_row(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert d.finding is page.model.rows[1]


def test_overdue_milestone_detail(qtbot, session):
    page = make_page(qtbot, session)
    page.status_box.setCurrentIndex(page.status_box.findData("overdue"))
    f = rows(page)[0]
    page.select_row(0)
    assert page.detail.quote.text() == f.quote
    assert f.deadline in page.detail.lines["progress"].text()
    assert "里程碑完成情况" in page.detail.close_text.text()


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, session):
    page = make_page(qtbot, session)
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model, force_py=True)
    page.show_all.setChecked(True)
    qtmodeltester.check(page.model, force_py=True)


def test_refresh_reuses_a_loaded_list_until_something_changes(qtbot, session):
    page = make_page(qtbot, session)
    first = page.result
    page.refresh()
    assert page._op is None and page.result is first  # nothing re-run when shown again
    session.data_changed.emit()
    page.refresh()
    qtbot.waitUntil(lambda: page.result is not first, timeout=60000)
    assert page.result.findings


def test_set_filters_for_other_pages_and_ctrl_f(qtbot, session, expected):
    from PySide6.QtGui import QKeySequence

    page = make_page(qtbot, session, load=False)
    code = next(f.indicator for f in expected if f.is_notable)
    page.set_filters(indicator=code)  # before the list has arrived
    page.refresh()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
    assert page.indicator_box.currentData() == code
    assert rows(page) and all(f.indicator == code for f in rows(page))
    page.set_filters(severity="critical", show_all=True)
    assert page.indicator_box.currentData() is None
    assert all(f.severity == "critical" for f in rows(page))
    page.activateWindow()
    page.table.setFocus()
    qtbot.keySequence(page, QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(lambda: page.org_search.hasFocus(), timeout=2000)


# -- 25,000 findings ---------------------------------------------------------------------------
def synthetic_findings(n: int, seed: int = 7):
    """Findings in the core's order (severity, relative gap), with varied orgs, indicators,
    severities, statuses and gaps; some without a gap."""
    from eduplan_core.indicators.evaluate import Finding
    from eduplan_core.vocab import Severity

    rng = random.Random(seed)
    indicators = [(f"ind{i:02d}", f"合成指标{i:02d}") for i in range(40)]
    out = []
    for k in range(n):
        code, name = indicators[rng.randrange(len(indicators))]
        status = rng.choices(["missed", "behind", "met", "on_track", "no_data", "overdue"],
                             [40, 15, 30, 10, 3, 2])[0]
        short = status in ("missed", "behind", "overdue")
        sev = rng.choice(["critical", "major", "minor"]) if short else None
        target = rng.choice([0.9, 4.2, 95.0, 100.0, 2000.0])
        actual = None if status in ("no_data", "overdue") else target * rng.uniform(0.5, 1.2)
        gap = None if actual is None else actual - target
        out.append(Finding(
            org=f"3{k % 5000:09d}", org_name=f"合成学校{k % 5000}", target=f"{code}_2025",
            year=2025, indicator=code, indicator_name=name,
            section=rng.choice([None, "小学", "初中"]), status=status, severity=sev,
            comparator="≥", target_value=target, target_year=2025, unit="人",
            direction="higher", kind="ratio", binding=True, relation="national",
            plan="national", plan_name="合成标准", actual=actual, gap=gap,
            gap_relative=None if gap is None else abs(gap) / target * 100,
            change=None if actual is None else rng.uniform(-1, 1), quote="合成原文"))
    out.sort(key=lambda f: (Severity.rank_of(f.severity), -(f.gap_relative or 0)))
    return out


def test_25000_findings_sort_and_filter(qtbot, session):
    page = make_page(qtbot, session, load=False)
    findings = synthetic_findings(25000)
    page.set_findings(findings)
    short = [f for f in findings if f.is_shortfall]
    assert len(rows(page)) == len(short)
    collator = pinyin()
    for c in page.columns:
        for desc in (False, True):
            page.sort_by(c.key, desc)
            shown = rows(page)
            assert len(shown) == len(short)
            if c.sort_key is not None and c.collate is None:
                keys = [c.sort_key(f) for f in shown]
                present = [k for k in keys if k is not None]
                assert present == sorted(present, reverse=desc)
                assert all(k is None for k in keys[len(present):])
            elif c.collate is not None:  # Chinese names in pinyin order
                texts = [c.collate(f) for f in shown]
                sign = -1 if desc else 1
                assert all(sign * collator.compare(a, b) <= 0 for a, b in zip(texts, texts[1:]))
    page.sort_by("gap")
    page.severity_box.setCurrentIndex(page.severity_box.findData("major"))
    page.indicator_box.setCurrentIndex(page.indicator_box.findData("ind07"))
    page.org_search.setText("合成学校12")
    want = [f for f in short if f.severity == "major" and f.indicator == "ind07"
            and "合成学校12" in f.org_name]
    assert {f.key for f in rows(page)} == {f.key for f in want} and want
    gaps = [f.gap for f in rows(page) if f.gap is not None]
    assert gaps == sorted(gaps)
    page.set_filters(show_all=True)
    assert len(rows(page)) == 25000
    page.select_row(100)
    assert page.detail.finding is rows(page)[100]


def test_detail_reads_like_the_check_labels_both_gaps_group_and_note(qtbot, session, expected):
    page = make_page(qtbot, session)
    shown = rows(page)
    d = page.detail
    # the school rule's note is in the default list, and the detail says it in full
    i = next(i for i, f in enumerate(shown) if f.org_name == "舍块乡新田村小学"
             and f.indicator == "yz_equipment_value_per_pupil")
    page.select_row(i)
    assert d.lines["status"].text() == "低于标准（学校整体达标，余项≥85%）"
    assert d.lines["target"].text().startswith("国家标准（每年适用）：小学 ≥ 2,000 元")
    assert "教督〔2017〕6号" in d.lines["source"].text()
    assert "|" not in d.quote.text() and "标准值摘要" in d.quote.text()
    # behind: what closes this year's pace and what closes the 2025 target, each labelled
    page.show_all.setChecked(True)
    shown = rows(page)
    i = next(i for i, f in enumerate(shown) if f.target == "dc_kg_gross_enrolment_2025")
    page.select_row(i)
    assert d.close_text.text() == ("按本年进度：需增加在园幼儿 64 人\n"
                                   "达到 2025 年目标：需增加在园幼儿 352 人")
    assert "国家标准（每年适用）：≥ 85%" in d.lines["group"].text()  # the other target
    # a group: the member under its binding target says why it differs
    j = next(j for j, f in enumerate(shown) if f.target == "yn_safe_campus_rate_2025")
    assert shown[j - 1].target == "dc_safe_campus_rate_2024"  # right under the binding one
    assert page.model.index(j, 2).data().startswith("↳ ")
    page.select_row(j)
    assert "同组另有约束性目标" in d.lines["target"].text()
    assert "2025 年到期，本年按进度判断" in d.lines["group"].text()


def test_a_new_county_sees_no_data_not_overdue_milestones(qtbot, tmp_path, catalog):
    """A county that has reported nothing: its milestones past their deadline are 无数据 (grey,
    not in the default list), never 已逾期 in red."""
    from desktop.pages.shortfalls import GREY, status_colour
    from desktop.session import Session
    from eduplan_core.store.workspace import Workspace

    Workspace.create(tmp_path / "new", org="东川区", role="county", operator="甲",
                     catalog=catalog).close()
    s = Session(tmp_path / "new")
    s.year, s.as_of, s.as_of_is_today = 2024, AS_OF, False
    try:
        page = make_page(qtbot, s)
        assert not [f for f in page.result.findings if f.status == "overdue"]
        assert not [f for f in rows(page) if f.kind == "milestone"]  # nothing to act on yet
        page.show_all.setChecked(True)
        i, f = next((i, f) for i, f in enumerate(rows(page))
                    if f.target == "dc_no5_ps_gym_built_2024")
        assert f.status == "no_data" and status_colour(f.status) == GREY
        assert page.model.index(i, 3).data() == "无数据"  # status
        assert page.model.index(i, 4).data() == "无数据"  # actual
        page.select_row(i)
        assert page.detail.lines["actual"].text() == "无数据：本期未填报里程碑完成情况"
        assert "里程碑完成情况" in page.detail.close_text.text()
        page.wait_idle()
    finally:
        s.close()
