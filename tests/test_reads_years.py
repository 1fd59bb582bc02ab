"""The years with data (eduplan_core.store.entries.entry_years): what the desktop's year box
starts from and the demo opens on (eduplan_core/rounds.py)."""

from __future__ import annotations

from eduplan_core.store import entries
from eduplan_core.store.entries import entry_years
from eduplan_core.store.workspace import Workspace


def test_a_new_workspace_has_no_year_with_data(tmp_path, catalog):
    ws = Workspace.create(tmp_path / "ws", org="会泽县", role="county", operator="张三",
                          catalog=catalog)
    try:
        assert entry_years(ws) == []
    finally:
        ws.close()


def test_every_year_with_a_stored_form_earliest_first(county_ws):
    entries.set_values(county_ws, "2153119001", 2024, "primary", {"pri_students": "120"})
    entries.set_values(county_ws, "2153119001", 2021, "primary", {"pri_students": "100"})
    entries.set_values(county_ws, "2153119001", 2024, "primary", {"pri_students": "121"})
    assert entry_years(county_ws) == [2021, 2024]


def test_the_demo_has_2023_to_2025(demo_path):
    with Workspace.open(demo_path, daily_backup=False) as ws:
        assert entry_years(ws) == [2023, 2024, 2025]
