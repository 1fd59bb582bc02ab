"""House rules: the core never imports Qt or the GUI; no eval/exec anywhere in the project."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python_files(*dirs):
    for d in dirs:
        yield from (ROOT / d).rglob("*.py")


def test_core_never_imports_qt_or_desktop():
    offenders = []
    for path in _python_files("eduplan_core"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "desktop", "shiboken6"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_no_eval_or_exec_calls():
    offenders = []
    for path in _python_files("eduplan_core", "desktop"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("eval", "exec", "compile"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


DB_CALLS = {"execute", "executescript", "executemany", "rows_where", "insert", "insert_all",
            "upsert", "upsert_all", "update", "delete", "delete_where", "commit", "atomic"}


def _touches_the_database(node: ast.Call) -> bool:
    """A call like ``x.db.execute(...)``, ``db["t"].insert(...)`` or ``x.db.conn...``."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in DB_CALLS):
        return False
    target = ast.unparse(func.value)
    return target.endswith((".db", ".conn")) or ".db[" in target or target.startswith("db[") \
        or ".db.table(" in target or target.startswith("db.table(") or target in ("db", "conn")


def test_sql_lives_in_store():
    """Every read and write of the workspace's tables goes through eduplan_core/store/ (writes
    through its one transaction helper, store/tx.py)."""
    offenders = []
    for path in _python_files("eduplan_core", "desktop"):
        if "store" in path.relative_to(ROOT).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree)
                      if isinstance(n, ast.Call) and _touches_the_database(n)]
    assert offenders == []


def test_writes_in_store_go_through_one_transaction_helper():
    """No ``with db.conn:`` (it lets sqlite-utils commit halfway) and no bare BEGIN/COMMIT
    outside store/tx.py."""
    offenders = []
    for path in _python_files("eduplan_core/store"):
        text = path.read_text(encoding="utf-8")
        if path.name == "tx.py":
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if ".conn:" in line or '"BEGIN' in line or '"COMMIT' in line or "conn.commit" in line:
                offenders.append(f"{path.name}:{n}")
    assert offenders == []


def test_lines_are_at_most_100_characters():
    """The project's line length, in characters (ruff's E501 counts a CJK character as two
    columns, so `make lint` leaves it to this test)."""
    long = [f"{path.relative_to(ROOT)}:{n}"
            for path in _python_files("eduplan_core", "desktop")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if len(line) > 100]
    assert long == []
