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
