"""Nothing lost, nothing mangled — checked with real processes and OS-level faults.

strace injects ENOSPC (or SIGKILL) into the writes of a real `eduplan enter` at every write it
makes to the workspace's files; each run must store all three fields or none, and say so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eduplan_core.errors import NotAWorkspace, UsageError, WorkspaceInUse
from eduplan_core.store import backup, entries
from eduplan_core.store.lock import holders
from eduplan_core.store.workspace import Workspace

from .conftest import project_root

EDUPLAN = str(Path(sys.executable).parent / "eduplan")
SAVE = ["enter", "--org", "东川区", "--year", "2024", "--form", "county",
        "--set", "cty_pop_3_5=8000", "--set", "cty_pop_15_17=7000",
        "--set", "cty_population=30.5"]
FIELDS = {"cty_pop_3_5": 8000, "cty_pop_15_17": 7000, "cty_population": 30.5}
needs_strace = pytest.mark.skipif(shutil.which("strace") is None,
                                  reason="strace is installed by `make test`")


@pytest.fixture
def base(tmp_path, catalog):
    path = tmp_path / "base"
    Workspace.create(path, org="东川区", role="county", operator="甲", catalog=catalog).close()
    return path


def stored(path: Path) -> dict:
    con = sqlite3.connect(path / "eduplan.sqlite")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        values = dict(con.execute("SELECT field, value FROM current_values").fetchall())
        revisions = con.execute("SELECT count(*) FROM revisions").fetchone()[0]
        entries_n = con.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        con.close()
    return {"values": values, "revisions": revisions, "entries": entries_n}


def under_strace(path: Path, inject: str, args=SAVE, env=None) -> subprocess.CompletedProcess:
    files = [a for f in ("eduplan.sqlite", "eduplan.sqlite-wal") for a in ("-P", str(path / f))]
    return subprocess.run(
        ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=write,pwrite64",
         "-e", f"inject=write,pwrite64:{inject}", *files,
         EDUPLAN, *args, "--workspace", str(path)],
        capture_output=True, text=True, env=env, timeout=120)


def count_writes(base: Path, tmp_path: Path) -> int:
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    log = tmp_path / "writes.txt"
    files = [a for f in ("eduplan.sqlite", "eduplan.sqlite-wal") for a in ("-P", str(probe / f))]
    subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", "trace=write,pwrite64", *files,
                    EDUPLAN, *SAVE, "--workspace", str(probe)], check=True, capture_output=True)
    assert stored(probe)["values"] == FIELDS
    return len(log.read_text().splitlines())


FAULTS = ["error=ENOSPC", "signal=SIGKILL"]


@needs_strace
@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS)
def test_a_save_is_all_or_nothing_at_every_write(base, tmp_path, fault):
    total = count_writes(base, tmp_path)
    assert total >= 5  # the save (WAL frames, commit) and the checkpoint on close
    check_faults(base, tmp_path, fault, range(1, total + 1))


@needs_strace
@pytest.mark.parametrize("fault", FAULTS)
def test_a_save_is_all_or_nothing_at_sampled_writes(base, tmp_path, fault):
    """The quick run: the first write, one in the middle of the frames, the commit frame and
    the checkpoint after it (the slow test above takes every write)."""
    total = count_writes(base, tmp_path)
    commit = total // 2 + 6  # WAL frames first, then the checkpoint into the main file
    check_faults(base, tmp_path, fault, sorted({1, total // 4, commit, total}))


def check_faults(base: Path, tmp_path: Path, fault: str, positions) -> None:
    outcomes = set()
    for n in positions:
        ws = tmp_path / f"ws{n}"
        shutil.copytree(base, ws)
        when = f"when={n}+" if fault.startswith("error") else f"when={n}"
        result = under_strace(ws, f"{fault}:{when}")
        after = stored(ws)
        if after["values"] == FIELDS:
            outcomes.add("all")
            assert after["revisions"] == 3 and after["entries"] == 1
            if result.returncode != 0:  # failed after the commit (the checkpoint): not lost
                assert fault == "signal=SIGKILL" or "磁盘空间不足" in result.stderr
        else:
            outcomes.add("none")
            assert after == {"values": {}, "revisions": 0, "entries": 0}, (n, result.stderr)
            assert result.returncode != 0
            if fault.startswith("error"):
                assert "磁盘空间不足，本次修改未保存" in result.stderr, result.stderr
                assert "内部错误" not in result.stderr
    assert outcomes == {"all", "none"}  # the faults fell both before and after the commit


@needs_strace
def test_disk_full_while_opening_is_said_as_such(base, tmp_path):
    # the first write of `init` into a fresh folder fails: nothing is made, and it says why
    target = tmp_path / "new"
    target.mkdir()
    files = ["-P", str(target / "eduplan.sqlite"), "-P", str(target / "eduplan.sqlite-journal")]
    result = subprocess.run(
        ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=write,pwrite64",
         "-e", "inject=write,pwrite64:error=ENOSPC", *files, EDUPLAN, "init", "--org", "东川区",
         "--role", "county", "--operator", "甲", "--workspace", str(target)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "磁盘空间不足" in result.stderr, result.stderr
    assert "已损坏" not in result.stderr and "内部错误" not in result.stderr


WRITER = textwrap.dedent("""
    import sys
    from eduplan_core.store.workspace import Workspace
    from eduplan_core.store import entries
    path, who = sys.argv[1], int(sys.argv[2])
    ws = Workspace.open(path, daily_backup=False)
    for year in range(2030, 2050):
        entries.set_values(ws, "东川区", year, "county",
                           {"cty_pop_3_5": str(1000 + who), "cty_pop_15_17": str(2000 + who)})
    ws.close()
""")


def test_two_processes_saving_the_first_values_of_a_form_at_once(base):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(base), str(who)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=project_root()) for who in (1, 2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    con = sqlite3.connect(base / "eduplan.sqlite")
    years = con.execute("SELECT year, count(*) FROM entries GROUP BY year").fetchall()
    assert [y for y, _ in years] == list(range(2030, 2050)) and {n for _, n in years} == {1}
    # each field's revisions form one chain: every old value is the previous new value
    rows = con.execute("SELECT entry_id, field, old_value, new_value FROM revisions "
                       "ORDER BY entry_id, field, id").fetchall()
    con.close()
    chains: dict = {}
    for entry, field, old, new in rows:
        assert old == chains.get((entry, field)), (entry, field, old)
        chains[(entry, field)] = new
    assert len(chains) == 40


HOLDER = textwrap.dedent("""
    import sys, time
    from eduplan_core.store.workspace import Workspace
    from eduplan_core.store import entries
    ws = Workspace.open(sys.argv[1], daily_backup=False)
    print("open", flush=True)
    sys.stdin.readline()
    entries.set_values(ws, "东川区", 2024, "county", {"cty_pop_3_5": "9999"})
    ws.close()
    print("saved", flush=True)
""")


def test_restore_is_refused_while_another_process_has_the_workspace(base):
    with Workspace.open(base, daily_backup=False) as ws:
        entries.set_values(ws, "东川区", 2024, "county", {"cty_pop_3_5": "8000"})
    good = backup.take_backup(base, "manual")
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(base)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True, cwd=project_root()) as holder:
        assert holder.stdout.readline().strip() == "open"
        try:
            with pytest.raises(WorkspaceInUse) as info:
                backup.restore(base, good.name)
            assert "甲" in info.value.message and "命令行" in info.value.message
            assert f"进程 {holder.pid}" in info.value.message
        finally:
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "saved"
            holder.wait(timeout=30)
    assert stored(base)["values"]["cty_pop_3_5"] == 9999  # the other process's save survived
    assert holders(base) == []  # its lock died with it; now restore may run
    first = backup.restore(base, good.name)
    second = backup.restore(base, good.name)  # the same second: a replaced copy each
    assert first.previous_saved_as != second.previous_saved_as
    assert len(list((base / "backups").glob("replaced-*.sqlite"))) == 2


def test_a_killed_holder_leaves_no_lock(base):
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(base)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True, cwd=project_root()) as proc:
        assert proc.stdout.readline().strip() == "open"
        assert [h.pid for h in holders(base)] == [proc.pid]
        proc.kill()
        proc.wait()
    assert holders(base) == []
    assert not list((base / "locks").glob("holder-*"))  # its notes are tidied away


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n" * 3, "foreign", "newer"])
def test_a_file_eduplan_did_not_make_is_refused_and_left_byte_identical(tmp_path, content,
                                                                        catalog):
    folder = tmp_path / "somewhere"
    folder.mkdir()
    db = folder / "eduplan.sqlite"
    if content == "foreign":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO accounts (name) VALUES ('王五')")
        con.commit()
        con.close()
    elif content == "newer":
        Workspace.create(folder, org="东川区", role="county", operator="甲",
                         catalog=catalog).close()
        shutil.rmtree(folder / "locks")
        con = sqlite3.connect(db)
        con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('eduplan', 'm999_from_the_future', '2030-01-01')")
        con.commit()
        con.close()
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    listing = sorted(p.name for p in folder.iterdir())
    with pytest.raises(NotAWorkspace) as info:
        Workspace.open(folder)
    assert "不会改动" in info.value.message
    if content == "newer":
        assert "更新版本" in info.value.message
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == listing  # no lock, no WAL, nothing


def test_demo_force_never_replaces_a_real_workspace_or_a_users_file(tmp_path, demo_path,
                                                                    catalog):
    from eduplan_core.demo import build_demo

    real = tmp_path / "real"
    Workspace.create(real, org="东川区", role="county", operator="甲", catalog=catalog).close()
    before = (real / "eduplan.sqlite").read_bytes()
    with pytest.raises(UsageError, match="不是演示工作区"):
        build_demo(real, force=True)
    assert (real / "eduplan.sqlite").read_bytes() == before

    (demo_path / "报告.docx").write_bytes(b"PK\x03\x04 a user's report")
    with pytest.raises(UsageError, match="报告.docx"):
        build_demo(demo_path, force=True)
    assert (demo_path / "报告.docx").read_bytes() == b"PK\x03\x04 a user's report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_demo_force_is_refused_while_the_demo_is_open(demo_path):
    from eduplan_core.demo import build_demo

    with Workspace.open(demo_path, daily_backup=False), \
            pytest.raises(WorkspaceInUse, match="正在被使用"):
        build_demo(demo_path, force=True)
    assert (demo_path / "eduplan.sqlite").exists()


def test_leftovers_of_killed_work_are_removed_on_the_next_start(base, tmp_path):
    part = base / "backups" / "eduplan-20240101T000000-daily.sqlite.part"
    part.parent.mkdir(exist_ok=True)
    part.write_bytes(b"half a backup")
    Workspace.open(base, daily_backup=False).close()
    assert not part.exists()
    # a demo build killed half way
    from eduplan_core.demo import build_demo

    target = tmp_path / "demo"
    code = ("import sys, os, signal\n"
            "from eduplan_core import demo\n"
            "def kill(done, total):\n"
            "    if done >= 3: os.kill(os.getpid(), signal.SIGKILL)\n"
            f"demo.build_demo({str(target)!r}, progress=kill)\n")
    subprocess.run([sys.executable, "-c", code], cwd=project_root(), timeout=120)
    left = list(tmp_path.glob(".demo-building-*"))
    assert len(left) == 1 and not target.exists()
    build_demo(target)
    assert not list(tmp_path.glob(".demo-building-*")) and (target / "eduplan.sqlite").exists()


def _as_nobody() -> list[str]:
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] \
        if os.getuid() == 0 else []


@pytest.fixture
def open_folder():
    """A folder every user can reach (pytest's own tmp folders are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="eduplan-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    for p in folder.rglob("*"):
        if p.is_dir():
            os.chmod(p, 0o755)
    shutil.rmtree(folder)


def test_read_only_folder_and_file_are_said_as_such(base, open_folder):
    if os.getuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop root's rights")
    ws = open_folder / "ws"
    shutil.copytree(base, ws)
    home = open_folder / "home"
    home.mkdir()
    for p in (ws, *ws.rglob("*")):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    if os.getuid() == 0:
        os.chown(home, 65534, 65534)
    else:  # the file is read-only to its owner too
        os.chmod(ws / "eduplan.sqlite", 0o444)
    env = {**os.environ, "EDUPLAN_HOME": str(home), "HOME": str(home)}
    before = (ws / "eduplan.sqlite").read_bytes()
    result = subprocess.run([*_as_nobody(), EDUPLAN, *SAVE, "--workspace", str(ws)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "只读" in result.stderr, result.stderr
    assert "已损坏" not in result.stderr and "内部错误" not in result.stderr
    assert (ws / "eduplan.sqlite").read_bytes() == before
    # init into a folder this user may not write
    locked = open_folder / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    result = subprocess.run([*_as_nobody(), EDUPLAN, "init", "--org", "东川区", "--role",
                             "county", "--operator", "甲", "--workspace", str(locked)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and "不允许写入" in result.stderr, result.stderr
    assert list(locked.iterdir()) == []


def test_damaged_is_said_only_when_quick_check_says_so(base):
    db = base / "eduplan.sqlite"
    with Workspace.open(base, daily_backup=False) as ws:
        entries.set_values(ws, "东川区", 2024, "county", dict(cty_pop_3_5="1"))
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # every page's b-tree header scribbled on
        data[start:start + 8] = b"\xff" * 8
    db.write_bytes(bytes(data))
    assert backup.check_database(db) is not None
    result = subprocess.run([EDUPLAN, "info", "--workspace", str(base)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "已损坏" in result.stderr


def test_busy_writer_waits_instead_of_failing(base):
    """A CLI write while another process holds a write transaction waits for it."""
    code = textwrap.dedent("""
        import sys, time, sqlite3
        con = sqlite3.connect(sys.argv[1] + "/eduplan.sqlite", isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        print("holding", flush=True)
        time.sleep(1.5)
        con.execute("COMMIT")
    """)
    with subprocess.Popen([sys.executable, "-c", code, str(base)], stdout=subprocess.PIPE,
                          text=True) as other:
        assert other.stdout.readline().strip() == "holding"
        start = time.monotonic()
        result = subprocess.run([EDUPLAN, *SAVE, "--workspace", str(base)],
                                capture_output=True, text=True, timeout=60)
        other.wait()
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - start >= 1.0
    assert stored(base)["values"] == FIELDS


def test_an_internal_error_says_truly_whether_anything_was_saved(base, monkeypatch):
    from click.testing import CliRunner

    from eduplan_core.cli import entry_cmds
    from eduplan_core.cli.main import cli
    from eduplan_core.store import entries as store_entries

    def bug(*args, **kwargs):
        raise RuntimeError("a bug of ours")

    args = [*SAVE, "--workspace", str(base)]
    with monkeypatch.context() as m:  # inside the save's transaction: all of it undone
        m.setattr(store_entries, "validate", bug)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "程序内部错误，未做任何修改" in result.output
    assert stored(base)["values"] == {}
    with monkeypatch.context() as m:  # after the save committed: it says the save stands
        m.setattr(entry_cmds, "fmt", bug)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "已完成的保存仍然有效" in result.output
    assert stored(base)["values"] == FIELDS


def test_init_beside_a_foreign_file_names_it_and_leaves_it(tmp_path, catalog):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "eduplan.sqlite").write_bytes(b"")
    with pytest.raises(NotAWorkspace, match="空文件"):
        Workspace.create(folder, org="东川区", role="county", operator="甲", catalog=catalog)
    assert (folder / "eduplan.sqlite").read_bytes() == b""
    assert [p.name for p in folder.iterdir()] == ["eduplan.sqlite"]
