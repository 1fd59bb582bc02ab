"""The dashboard's data in the core (eduplan_core/indicators/dashboard.py), without Qt: the
years shown follow the chosen year, one row per indicator merges the years, the binding target,
the finding to explain and the chart's series."""

from __future__ import annotations

import datetime as dt

import pytest

from eduplan_core.indicators import dashboard as dash

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def ws(demo_master):
    from eduplan_core.store.workspace import Workspace

    with Workspace.open(demo_master, daily_backup=False) as w:
        yield w


def test_the_years_are_the_chosen_one_and_those_before_it_with_data_or_targets(catalog):
    assert dash.dashboard_years(catalog, [2023, 2024, 2025], 2026) == (2023, 2024, 2025, 2026)
    assert dash.dashboard_years(catalog, [2023, 2024, 2025], 2024) == (2023, 2024)
    # no data yet: the plans' target years before it (2023–2025) still have targets
    assert dash.dashboard_years(catalog, [], 2027) == (2023, 2024, 2025, 2027)
    assert dash.dashboard_years(catalog, [], 2023) == (2023,)
    # a round before the plans' first is not read
    assert dash.dashboard_years(catalog, [2019, 2024], 2024) == (2023, 2024)
    from eduplan_core.indicators.service import FIRST_YEAR

    assert dash.FIRST_YEAR == FIRST_YEAR


def test_the_dashboard_follows_the_year(ws):
    later = dash.dashboard(ws, "530113", 2026, as_of=AS_OF)
    assert later.years == (2023, 2024, 2025, 2026) and later.year == 2026
    row = next(r for r in later.rows if r.name == "学前三年毛入园率")
    assert set(row.cells) == {2023, 2024, 2025, 2026}
    assert row.cells[2026].value is None and row.cells[2025].value is not None
    assert row.focus(2026).year == 2026  # the standard judges 2026: no data yet
    # the latest status known: 2025's, not 2026's 无数据
    assert row.cells[2026].status == "no_data"
    assert (row.status, row.status_year) == ("missed", 2025)
    earlier = dash.dashboard(ws, "530113", 2024, as_of=AS_OF)
    assert earlier.years == (2023, 2024)
    assert all(set(r.cells) <= {2023, 2024} for r in earlier.rows)


def test_rows_merge_years_and_mark_the_binding_target(ws):
    board = dash.dashboard(ws, "530113", 2025, as_of=AS_OF)
    assert board.years == (2023, 2024, 2025)
    by_name = {r.name: r for r in board.rows}
    gk = by_name["高考一本上线率"]
    # 2024 has its own target (22) and the 2025 one (23): both binding, the later one is final
    # the plan sets 2024 itself: its 2024 target is judged, not the 2025 trajectory (no double
    # count)
    assert {f.target_year for f in gk.cells[2024].findings} == {2024}
    assert gk.final.target_year == 2025 and gk.final.target_value == 23
    data = dash.chart_series(gk, board.years)
    assert data.targets == {2023: 21, 2024: 22, 2025: 23}  # the plan gives each year
    assert data.final[:2] == (2025, 23) and data.drawable
    assert [y for y, _ in data.trajectory][0] == 2023
    cv = by_name["生均教学仪器设备值差异系数（小学）"]
    assert cv.section == "小学" and cv.cells[2024].status == "met"
    # the finding the detail explains: the chosen year's binding one
    kg = by_name["学前三年毛入园率"]
    f = kg.focus(2025)
    assert f.year == 2025 and f.binding and f.status == "missed"
    assert all(g.group == f.group and g is not f for g in kg.group_of(f))
    # the catalogue's order
    assert [r.order for r in board.rows] == sorted(r.order for r in board.rows)


def test_an_indicator_not_collected_is_not_drawn(ws):
    board = dash.dashboard(ws, "530113", 2024, as_of=AS_OF)
    survey = next(r for r in board.rows if r.compute == "none")  # 社会认可度: a survey
    assert not survey.has_values and not dash.chart_series(survey, board.years).drawable
