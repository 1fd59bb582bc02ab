"""The import's own store path (store/imports.py): records of another workspace stored by uid,
idempotent, order-independent, keeping operator, time, origin and the revision chain, and the
owners' rules. Real workspaces in tmp_path; the records are read from a real school's store."""

import dataclasses
import json

import pytest

from eduplan_core.errors import UsageError
from eduplan_core.orgtree import OrgTree
from eduplan_core.store import entries
from eduplan_core.store.imports import (RecordsInvalid, RefusalKind, Records, import_records,
                                        records_of)
from eduplan_core.store.orgs import SchoolInput, check_school
from eduplan_core.store.workspace import Workspace

from .conftest import count_rows

PAPER, SELF = "2153119001", "2153119002"


def _fill(ws, org, **extra):
    form = ws.catalog.forms["primary"]
    values = {f.code: "是" if f.type == "yesno" else "1" for f in form.input_fields
              if f.type in ("yesno", "integer", "decimal", "percent")}
    values.update({"pri_students": "400", "pri_fulltime_teachers": "25",
                   "fulltime_teachers": "28", "teachers_bachelor": "20", "classrooms": "16",
                   "pri_teaching_area": "2000", "pri_sports_area": "3000",
                   "rotation_eligible": "15", "rotated_teachers": "2"}, **extra)
    return entries.set_values(ws, org, 2024, "primary", values)


@pytest.fixture
def school_ws(tmp_path, catalog):
    """测试中心小学's own workspace (the county fixture registers the same school)."""
    org, errors = check_school(OrgTree(catalog), SchoolInput(SELF, "测试中心小学", "东川区", "小学"))
    assert not errors
    ws = Workspace.create(tmp_path / "school", org=SELF, role="school", operator="李校长",
                          school=org, catalog=catalog)
    yield ws
    ws.close()


def _snapshots(school_ws):
    """Three snapshots of the school's store as it goes: filled, submitted, changed again."""
    _fill(school_ws, SELF)
    first = records_of(school_ws)
    entries.set_values(school_ws, SELF, 2024, "primary", {"pri_students": "420"})
    entries.submit(school_ws, SELF, 2024, "primary")
    second = records_of(school_ws)
    entries.set_values(school_ws, SELF, 2024, "primary", {"pri_students": "430"})
    entries.set_values(school_ws, SELF, 2024, "primary", {"pri_students": "420"})
    third = records_of(school_ws)
    return first, second, third


def _dump(ws):
    """Everything the import writes, keyed by uid (local ids differ between workspaces)."""
    db = ws.db
    current = {(e, f): (v, x, c, r) for e, f, v, x, c, r in db.execute(
        "SELECT e.uid, c.field, c.value, c.explanation, c.carried_over, r.uid "
        "FROM current_values c JOIN entries e ON e.id = c.entry_id "
        "JOIN revisions r ON r.id = c.revision_id")}
    ents = {row[0]: row[1:] for row in db.execute(
        "SELECT uid, org, year, form, form_version, form_hash, owner, state, updated_at "
        "FROM entries")}
    revs = {row[0]: row[1:] for row in db.execute(
        "SELECT r.uid, e.uid, r.field, r.old_value, r.new_value, r.explanation, r.operator, "
        "r.at, r.source, r.origin_workspace, r.prev_uid FROM revisions r "
        "JOIN entries e ON e.id = r.entry_id")}
    subs = {row[0]: row[1:] for row in db.execute(
        "SELECT s.uid, e.uid, r.uid, s.values_json, s.operator, s.at, s.origin_workspace "
        "FROM submissions s JOIN entries e ON e.id = s.entry_id "
        "LEFT JOIN revisions r ON r.id = s.revision_id")}
    return {"current": current, "entries": ents, "revisions": revs, "submissions": subs}


def _second_county(tmp_path, catalog):
    from eduplan_core.store.orgs import register_schools

    ws = Workspace.create(tmp_path / "county2", org="东川区", role="county", operator="王五",
                          catalog=catalog)
    schools = []
    for s in (SchoolInput(PAPER, "测试村小", "东川区", "小学", paper=True),
              SchoolInput(SELF, "测试中心小学", "东川区", "小学")):
        org, errors = check_school(ws.orgs, s)
        assert not errors
        schools.append(org)
    register_schools(ws, schools)
    return ws


def test_a_second_import_inserts_nothing(county_ws, school_ws):
    _, _, records = _snapshots(school_ws)
    first = import_records(county_ws, records)
    assert first.changed and not first.refused
    assert (first.entries.inserted, first.revisions.inserted, first.submissions.inserted) == (
        1, len(records.revisions), 1)
    before = _dump(county_ws), count_rows(county_ws)
    again = import_records(county_ws, records)
    assert not again.changed and not again.refused
    assert (again.entries.inserted, again.revisions.inserted, again.submissions.inserted) == (
        0, 0, 0)
    assert (again.entries.present, again.revisions.present, again.submissions.present) == (
        1, len(records.revisions), 1)
    assert (_dump(county_ws), count_rows(county_ws)) == before


def test_earlier_snapshots_after_later_ones_change_nothing(county_ws, school_ws):
    first, second, third = _snapshots(school_ws)
    import_records(county_ws, third)
    before = _dump(county_ws)
    for older in (first, second):
        result = import_records(county_ws, older)
        assert not result.changed and result.revisions.inserted == 0
    assert _dump(county_ws) == before


def test_two_orders_give_equal_values(tmp_path, catalog, county_ws, school_ws):
    snaps = _snapshots(school_ws)
    other = _second_county(tmp_path, catalog)
    try:
        for records in snaps:
            import_records(county_ws, records)
        for records in reversed(snaps):
            import_records(other, records)
        mine, theirs = _dump(county_ws), _dump(other)
        assert mine == theirs
        # and equal to the school's own current values
        view = entries.view_entry(school_ws, SELF, 2024, "primary")
        assert entries.view_entry(county_ws, SELF, 2024, "primary").values == view.values
        assert entries.view_entry(other, SELF, 2024, "primary").values["pri_students"] == 420
    finally:
        other.close()


def test_revisions_keep_operator_time_origin_and_chain(county_ws, school_ws):
    *_, records = _snapshots(school_ws)
    school_id = school_ws.info().workspace_id
    import_records(county_ws, records)
    mine = entries.history(school_ws, SELF, "pri_students")
    theirs = entries.history(county_ws, SELF, "pri_students")
    assert [(h.old, h.new, h.operator, h.at, h.source) for h in theirs] == [
        (h.old, h.new, h.operator, h.at, h.source) for h in mine]
    assert [(h.old, h.new) for h in theirs] == [(None, 400), (400, 420), (420, 430),
                                                (430, 420)]
    assert {h.operator for h in theirs} == {"李校长"}
    rows = list(county_ws.db.execute(
        "SELECT uid, prev_uid, origin_workspace, received_at FROM revisions "
        "WHERE field = 'pri_students' ORDER BY at, id"))
    assert {r[2] for r in rows} == {school_id} and all(r[3] for r in rows)
    by_prev = {r[1]: r[0] for r in rows}
    chain, uid = [], by_prev[None]
    while uid:  # the links walk the whole history from the first value to the current one
        chain.append(uid)
        uid = by_prev.get(uid)
    assert chain == [r.uid for r in records.revisions if r.field == "pri_students"]
    sub = county_ws.db["submissions"].get(1)
    assert sub["origin_workspace"] == school_id and sub["operator"] == "李校长"
    assert json.loads(sub["values_json"])["pri_students"] == 420
    # the county's own revisions say nothing of an origin: they were made here
    entries.set_values(county_ws, "东川区", 2024, "county", {"cty_pop_3_5": "8000"})
    own = county_ws.db.execute("SELECT origin_workspace, prev_uid FROM revisions "
                               "WHERE field = 'cty_pop_3_5'").fetchone()
    assert own == (None, None)


def test_the_submitted_state_follows_the_submissions(county_ws, school_ws):
    first, second, third = _snapshots(school_ws)
    import_records(county_ws, first)
    assert entries.view_entry(county_ws, SELF, 2024, "primary").state == "draft"
    import_records(county_ws, second)
    assert entries.view_entry(county_ws, SELF, 2024, "primary").state == "submitted"
    entries.set_values(school_ws, SELF, 2024, "primary", {"pri_students": "440"})
    import_records(county_ws, records_of(school_ws))
    assert entries.view_entry(county_ws, SELF, 2024, "primary").state == "draft"


def test_the_chain_not_the_clock_says_which_value_is_current(county_ws, school_ws):
    """A school computer's clock jumps back (a flat CMOS battery) and two saves share a
    second: the revision chain still says which value is the latest."""
    *_, records = _snapshots(school_ws)
    times = iter(["2031-05-01T09:00:00+08:00", "2009-01-01T08:00:00+08:00",
                  "2009-01-01T08:00:00+08:00", "2009-01-01T08:00:00+08:00"])
    revs = tuple(dataclasses.replace(r, at=next(times)) if r.field == "pri_students" else r
                 for r in records.revisions)
    # uids that sort against the order of the saves
    renamed = {r.uid: f"z{9 - i}" for i, r in enumerate(revs) if r.field == "pri_students"}
    revs = tuple(dataclasses.replace(r, uid=renamed.get(r.uid, r.uid),
                                     prev_uid=renamed.get(r.prev_uid, r.prev_uid))
                 for r in revs)
    subs = tuple(dataclasses.replace(s, revision_uid=renamed.get(s.revision_uid,
                                                                 s.revision_uid))
                 for s in records.submissions)
    import_records(county_ws, Records(records.entries, revs, subs))
    assert entries.view_entry(county_ws, SELF, 2024, "primary").values["pri_students"] == 420
    last = [r for r in revs if r.field == "pri_students"][-1]
    assert county_ws.db.execute(
        "SELECT r.uid FROM current_values c JOIN revisions r ON r.id = c.revision_id "
        "WHERE c.field = 'pri_students'").fetchone()[0] == last.uid


def test_values_owned_by_another_org_are_not_overwritten(county_ws, tmp_path, catalog):
    # the county reports for its paper school: those values are the county's own
    _fill(county_ws, PAPER)
    before = _dump(county_ws)
    # a workspace of that school sends its own records of the same form
    org, _ = check_school(OrgTree(catalog), SchoolInput(PAPER, "测试村小", "东川区", "小学"))
    with Workspace.create(tmp_path / "paper", org=PAPER, role="school", operator="村小老师",
                          school=org, catalog=catalog) as paper_ws:
        _fill(paper_ws, PAPER, pri_students="999")
        records = records_of(paper_ws)
    result = import_records(county_ws, records)
    assert not result.changed
    assert [(r.kind, r.org) for r in result.refused] == [(RefusalKind.OWNER, PAPER)]
    assert "归东川区" in result.refused[0].message and "不能被覆盖" in result.refused[0].message
    assert _dump(county_ws) == before
    assert entries.view_entry(county_ws, PAPER, 2024, "primary").values["pri_students"] == 400


def test_values_received_before_merge_with_their_own_history(county_ws, school_ws, monkeypatch):
    """Values a bureau received by the old path (set_values received_from) are the school's:
    the school's own records join that entry (the later save is current), and the county
    still cannot edit it."""
    with monkeypatch.context() as m:
        m.setattr(entries, "now_iso", lambda: "2024-09-01T08:00:00+08:00")
        entries.set_values(county_ws, SELF, 2024, "primary", {"pri_students": "380"},
                           received_from=SELF, operator="李校长")
    *_, records = _snapshots(school_ws)
    result = import_records(county_ws, records)
    assert not result.refused and result.entries.present == 1
    assert entries.view_entry(county_ws, SELF, 2024, "primary").values["pri_students"] == 420
    with pytest.raises(UsageError, match="自行填报"):
        entries.set_values(county_ws, SELF, 2024, "primary", {"pri_students": "1"})


def test_entries_of_unknown_orgs_or_outside_the_workspace_are_refused(county_ws, school_ws,
                                                                      tmp_path, catalog):
    *_, records = _snapshots(school_ws)
    unknown = Records(tuple(dataclasses.replace(e, org="2153119888", owner="2153119888")
                            for e in records.entries), records.revisions, records.submissions)
    result = import_records(county_ws, unknown)
    assert [r.kind for r in result.refused] == [RefusalKind.UNKNOWN_ORG] and not result.changed
    entries.set_values(county_ws, "东川区", 2024, "county", {"cty_pop_3_5": "8000"})
    with Workspace.create(tmp_path / "other", org="临翔区", role="county", operator="甲",
                          catalog=catalog) as other:
        before = count_rows(other)
        result = import_records(other, records)  # a school it does not know
        assert [r.kind for r in result.refused] == [RefusalKind.UNKNOWN_ORG]
        result = import_records(other, records_of(county_ws, orgs=[county_ws.org_code]))
        assert [r.kind for r in result.refused] == [RefusalKind.NOT_BELOW]
        assert "不是本工作区的单位或其下属单位" in result.refused[0].message
        assert count_rows(other) == before


def test_the_same_uid_with_other_content_is_refused_not_overwritten(county_ws, school_ws):
    *_, records = _snapshots(school_ws)
    import_records(county_ws, records)
    before = _dump(county_ws)
    forged = Records(records.entries, tuple(
        dataclasses.replace(r, new_value=1) if r.field == "pri_students" and r.prev_uid is None
        else r for r in records.revisions), records.submissions)
    result = import_records(county_ws, forged)
    assert [r.kind for r in result.refused] == [RefusalKind.CHANGED]
    assert _dump(county_ws) == before


def test_records_that_do_not_hold_together_store_nothing(county_ws, school_ws):
    *_, records = _snapshots(school_ws)
    before = count_rows(county_ws)
    linked = next(r.prev_uid for r in records.revisions if r.prev_uid)
    broken = [
        Records((), records.revisions, records.submissions),  # entries missing
        Records(records.entries, tuple(r for r in records.revisions if r.uid != linked),
                records.submissions),  # a link of the chain missing
        Records(records.entries, tuple(dataclasses.replace(r, at="2024-01-01 08:00")
                                       for r in records.revisions), records.submissions),
        Records(records.entries, tuple(dataclasses.replace(r, new_value=[1])
                                       for r in records.revisions), records.submissions),
    ]
    for bad in broken:
        with pytest.raises(RecordsInvalid) as info:
            import_records(county_ws, bad)
        assert "未做任何修改" in info.value.message
        assert count_rows(county_ws) == before


def test_an_import_inside_a_callers_transaction_rolls_back_with_it(county_ws, school_ws):
    """A bundle import will wrap this in its own transaction: a failure after it undoes it."""
    *_, records = _snapshots(school_ws)
    before = count_rows(county_ws)
    with pytest.raises(RuntimeError), county_ws.write():
        assert import_records(county_ws, records).changed
        raise RuntimeError("signature check failed afterwards")
    assert count_rows(county_ws) == before
    assert import_records(county_ws, records).entries.inserted == 1
