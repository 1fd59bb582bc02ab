"""Nothing is lost: rotating backups, integrity check on open, restore."""

import datetime as dt

import pytest
from sqlite_utils.migrations import Migrations

from eduplan_core.errors import UsageError, WorkspaceDamaged, WorkspaceError
from eduplan_core.store import backup, entries
from eduplan_core.store.migrations import migrations
from eduplan_core.store.workspace import Workspace


@pytest.fixture
def ws_path(tmp_path, catalog):
    path = tmp_path / "ws"
    with Workspace.create(path, org="东川区", role="county", operator="甲", catalog=catalog) as ws:
        entries.set_values(ws, "东川区", 2024, "county", {"cty_pop_3_5": "8000"})
    return path


def test_daily_backup_is_taken_off_the_start_up_path(ws_path):
    assert backup.daily_backup_due(ws_path)
    ws = Workspace.open(ws_path)
    assert ws.backup_thread is not None  # running beside the caller, not before it
    ws.close()  # waits for it
    listed = backup.list_backups(ws_path)
    assert [b.reason for b in listed] == ["daily"]
    assert not backup.daily_backup_due(ws_path)
    later = dt.datetime.fromisoformat(listed[0].taken_at) + dt.timedelta(hours=25)
    assert backup.daily_backup_due(ws_path, now=later)
    with Workspace.open(ws_path) as ws:
        assert ws.backup_thread is None  # not due again today


def test_backup_is_a_full_consistent_copy(ws_path):
    info = backup.take_backup(ws_path, "manual")
    import sqlite3

    con = sqlite3.connect(info.path)
    assert con.execute("SELECT value FROM current_values").fetchone()[0] == 8000
    con.close()


def test_rotation_keeps_the_last_ten(ws_path):
    for _ in range(13):
        backup.take_backup(ws_path, "manual")
    assert len(backup.list_backups(ws_path)) == 10
    newest = [b.name for b in backup.list_backups(ws_path)][:3]
    # a file larger than the whole budget (a province's): three generations still stand
    removed = backup.rotate(ws_path, keep=10, budget=1)
    assert [b.name for b in backup.list_backups(ws_path)] == newest and len(removed) == 7


def test_backup_before_every_migration(ws_path):
    extra = Migrations("eduplan")
    for shipped in migrations._migrations:  # every shipped one, then one more
        extra(name=shipped.name)(shipped.fn)

    @extra()
    def m999_example(db):
        db.execute("CREATE TABLE example (id INTEGER PRIMARY KEY)")

    ws = Workspace.open(ws_path, migration_set=extra, daily_backup=False)
    assert "example" in ws.db.table_names()
    ws.close()
    assert [b.reason for b in backup.list_backups(ws_path)] == ["pre-migration"]


def test_damaged_file_gives_a_clear_message_and_the_way_back(ws_path):
    good = backup.take_backup(ws_path, "manual")
    db = ws_path / backup.DB_NAME
    for side in ("-wal", "-shm"):
        (ws_path / (backup.DB_NAME + side)).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorkspaceDamaged) as info:
        Workspace.open(ws_path)
    assert "已损坏" in info.value.message and "eduplan backup restore" in info.value.message
    assert good.name in info.value.message
    result = backup.restore(ws_path, good.name)
    assert (ws_path / "backups" / result.previous_saved_as).read_bytes().startswith(b"this is")
    with Workspace.open(ws_path, daily_backup=False) as ws:
        assert entries.view_entry(ws, "东川区", 2024, "county").values["cty_pop_3_5"] == 8000


def test_restore_refuses_unknown_or_damaged_backups(ws_path):
    with pytest.raises(UsageError):
        backup.restore(ws_path, "nope.sqlite")
    bad = backup.take_backup(ws_path, "manual")
    with open(bad.path, "r+b") as fh:
        fh.write(b"garbage" * 20)
    with pytest.raises(WorkspaceError, match="已损坏"):
        backup.restore(ws_path, bad.name)


def test_missing_workspace_is_a_clear_error(tmp_path):
    with pytest.raises(WorkspaceError, match="eduplan init"):
        Workspace.open(tmp_path / "none")
