"""Properties of the store under random edits: the revision log always replays to the current
values, and a refused edit changes nothing."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eduplan_core.errors import ValidationFailed
from eduplan_core.store import entries
from eduplan_core.store.workspace import Workspace

from .conftest import count_rows

FIELDS = ["pri_students", "pri_fulltime_teachers", "pri_backbone_teachers"]
_values = st.one_of(st.integers(-5, 60).map(str), st.sampled_from(["", "abc", "3.5"]))
_edits = st.lists(st.dictionaries(st.sampled_from(FIELDS), _values, min_size=1), max_size=12)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_edits)
def test_revisions_replay_to_current_values(tmp_path_factory, catalog, edits):
    path = tmp_path_factory.mktemp("prop") / "ws"
    with Workspace.create(path, org="东川区", role="county", operator="甲",
                          catalog=catalog) as ws:
        from eduplan_core.store.orgs import SchoolInput, check_school, register_school

        org, _ = check_school(ws.orgs, SchoolInput("2153119001", "村小", "东川区", "小学",
                                                   paper=True))
        register_school(ws, org)
        for edit in edits:
            before = count_rows(ws)
            try:
                entries.set_values(ws, "2153119001", 2024, "primary", edit)
            except ValidationFailed:
                assert count_rows(ws) == before
        replay: dict = {}
        for r in ws.db.execute("SELECT field, old_value, new_value FROM revisions ORDER BY id"):
            assert replay.get(r[0]) == r[1]  # each revision starts from the previous value
            replay[r[0]] = r[2]
        current = {r["field"]: r["value"] for r in ws.db["current_values"].rows}
        assert current == replay
        view = entries.view_entry(ws, "2153119001", 2024, "primary")
        assert not [i for i in view.issues if i.is_error and not i.code.endswith(":required")]
    shutil.rmtree(path.parent)
