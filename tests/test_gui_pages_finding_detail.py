"""A finding's detail (desktop/pages/finding_detail.py): one widget, the same for the dashboard,
the shortfall list and 本校指标."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.gui

AS_OF = dt.date(2024, 12, 31)


@pytest.fixture(scope="module")
def findings(demo_master):
    from eduplan_core.indicators.service import check_org
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_master, daily_backup=False) as ws:
        return check_org(ws, "东川区", 2024, as_of=AS_OF).findings


def test_one_widget_words_a_finding_and_a_summary_source(qtbot, findings):
    from desktop.pages.finding_detail import FindingDetail

    detail = FindingDetail(columns=1)
    qtbot.addWidget(detail)
    detail.resize(480, 600)
    f = next(f for f in findings if f.target == "dc_kg_gross_enrolment_2025")
    group = [g for g in findings if g.group == f.group and g is not f]
    detail.show_finding(f, group=group)
    text = detail.text()
    assert f.indicator_name in detail.title.text()
    assert "补齐所需：按本年进度：需增加在园幼儿 64 人" in text
    assert "同组目标：" in text and "国家标准（每年适用）：≥ 85%" in text
    assert "原文：" in text and f.quote in text
    assert "出处：" in text
    # a standard known from a summary: named 依据, the value in words and what the source is
    s = next(f for f in findings if f.excerpt)
    detail.show_finding(s)
    assert detail.names["quote"].text() == "依据："
    assert detail.quote.text() == f"{s.requirement}（据{s.excerpt}）"
    # last year's value and none this year: no "变化 —"
    import dataclasses

    detail.show_finding(dataclasses.replace(f, actual=None, change=None, previous=96.5))
    assert detail.lines["trend"].text() == f"{f.year - 1} 年 96.50%；本年无数据"
    # nothing to show, and why
    detail.show_nothing("本单位此指标没有规划目标。")
    assert detail.finding is None and detail.placeholder.text() == "本单位此指标没有规划目标。"
    assert detail.placeholder.isVisibleTo(detail) and not detail.form_widget.isVisibleTo(detail)
    detail.show_finding(None)
    assert "选择一条" in detail.placeholder.text()


def test_the_schools_page_uses_it(qtbot, demo_path, tmp_path):
    from desktop.pages.finding_detail import FindingDetail
    from desktop.pages.my_targets import MyTargetsPage
    from desktop.session import Session
    from eduplan_core.demo import build_demo_school

    school = tmp_path / "school"
    build_demo_school(school, "2153113101", demo_path)
    s = Session(school)
    s.year, s.as_of, s.as_of_is_today = 2024, AS_OF, False
    page = MyTargetsPage(s)
    qtbot.addWidget(page)
    try:
        assert isinstance(page.detail, FindingDetail)
        page.refresh()
        qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
        page.table.selectRow(0)
        f = page.model.rows[0].f
        assert page.detail.finding is f and f.indicator_name in page.detail.title.text()
    finally:
        page.wait_idle()
        s.close()
