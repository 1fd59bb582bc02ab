"""The demo workspace: deterministic, about 40 schools of every type, 2023–2025."""

import collections
import sqlite3

from eduplan_core.catalog.model import SCHOOL_TYPES
from eduplan_core.demo import build_demo
from eduplan_core.store import entries
from eduplan_core.store.workspace import Workspace


def _values(path):
    con = sqlite3.connect(path / "eduplan.sqlite")
    rows = con.execute("SELECT e.org, e.year, e.form, v.field, v.value FROM current_values v "
                       "JOIN entries e ON e.id = v.entry_id ORDER BY 1, 2, 3, 4").fetchall()
    con.close()
    return rows


def test_demo_is_deterministic(demo_master, tmp_path):
    build_demo(tmp_path / "again")
    assert _values(tmp_path / "again") == _values(demo_master)


def test_demo_has_schools_of_every_type(demo_master):
    with Workspace.open(demo_master, daily_backup=False) as ws:
        assert ws.is_demo and ws.role == "county" and ws.org.name == "东川区"
        schools = [o for o in ws.orgs.descendants("530113") if o.is_school]
        assert 35 <= len(schools) <= 45
        types = collections.Counter(o.type for o in schools)
        assert set(types) == set(SCHOOL_TYPES)
        assert types["小学"] >= 6 and types["初中"] >= 6 and types["幼儿园"] >= 6
        owners = {o.ownership for o in schools if o.type == "幼儿园"}
        assert owners == {"公办", "普惠性民办", "非普惠性民办"}
        years = {r["year"] for r in ws.db["entries"].rows}
        assert years == {2023, 2024, 2025}
        # completeness is believable: a few 2025 forms missing, a few still drafts
        states = collections.Counter((r["year"], r["state"]) for r in ws.db["entries"].rows)
        assert states[(2025, "draft")] >= 1 and states[(2024, "draft")] == 0


def test_demo_values_pass_their_forms_with_explained_warnings(demo_master):
    with Workspace.open(demo_master, daily_backup=False) as ws:
        view = entries.view_entry(ws, "2153113107", 2024, None)
        assert not [i for i in view.issues if i.is_error]
        assert view.explanations["pri_fulltime_teachers"].startswith("2024年秋季")
        paper = ws.db["entries"].rows_where("org = ?", ["2153113113"])
        assert {r["owner"] for r in paper} == {"530113"}  # entered by the bureau
        own = ws.db["entries"].rows_where("org = ?", ["2153113101"])
        assert {r["owner"] for r in own} == {"2153113101"}  # the school's own values


def test_demo_schools_only_in_demo_workspaces(tmp_path, catalog):
    with Workspace.create(tmp_path / "real", org="东川区", role="county", operator="甲",
                          catalog=catalog) as ws:
        assert not [o for o in ws.orgs.descendants("530113") if o.is_school]


def test_cancelled_demo_leaves_nothing(tmp_path):
    import pytest

    from eduplan_core.errors import Cancelled

    calls = []
    with pytest.raises(Cancelled):
        build_demo(tmp_path / "d", progress=lambda d, t: calls.append(d),
                   cancelled=lambda: len(calls) >= 3)
    assert list(tmp_path.iterdir()) == []


def test_demo_never_touches_a_folder_of_the_users(tmp_path):
    import pytest

    from eduplan_core.errors import UsageError

    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "keep.txt").write_text("重要文件")
    for force in (False, True):
        with pytest.raises(UsageError, match="不是空文件夹"):
            build_demo(mine, force=force)
    assert (mine / "keep.txt").read_text() == "重要文件"


def test_force_replaces_an_existing_demo(demo_path):
    import pytest

    from eduplan_core.errors import UsageError

    with pytest.raises(UsageError, match="--force"):
        build_demo(demo_path)
    result = build_demo(demo_path, force=True)
    assert result.path == str(demo_path) and (demo_path / "eduplan.sqlite").exists()
    assert [p.name for p in demo_path.parent.iterdir()] == [demo_path.name]
