"""The vocabulary (eduplan_core/vocab.py): each word's value, names and order defined once,
and everything that sorts or names statuses, severities, relations, entry states and roles
uses it."""

import ast
import json
import re
from pathlib import Path

from eduplan_core.catalog.model import LEVELS
from eduplan_core.vocab import (NOTABLE, SHORTFALLS, TERMS, EntryState, Relation, Role,
                                Severity, Status, Verdict)

ROOT = Path(__file__).resolve().parent.parent


def test_values_are_the_strings_json_and_the_database_use():
    assert [s.value for s in Status] == [
        "overdue", "missed", "behind", "done_late", "below_standard", "no_data", "pending",
        "on_track", "met", "not_collected", "no_formula"]
    assert [s.value for s in Severity] == ["critical", "major", "minor"]
    assert [r.value for r in Relation] == ["own", "inherited", "national"]
    assert [e.value for e in EntryState] == ["missing", "empty", "draft", "submitted"]
    assert [r.value for r in Role] == ["school", "county", "prefecture", "province"]
    assert [v.value for v in Verdict] == ["未达标", "数据不全", "达标", "不参评"]
    # a member is its string: equal to it, a dict key for it, written by JSON as it
    assert Status.MISSED == "missed" and {"missed": 1}[Status.MISSED] == 1
    assert json.dumps({Status.MET: [Severity.MINOR, Relation.OWN]}) == '{"met": ["minor", "own"]}'
    assert f"{EntryState.DRAFT}" == "draft" and str(Role.COUNTY) == "county"


def test_the_database_stores_only_draft_and_submitted():
    text = (ROOT / "eduplan_core/store/migrations.py").read_text(encoding="utf-8")
    stored = re.search(r"state IN \(([^)]*)\)", text).group(1)
    assert {x.strip(" '") for x in stored.split(",")} == {EntryState.DRAFT, EntryState.SUBMITTED}


def test_roles_are_the_levels():
    assert set(Role) == set(LEVELS)


def test_names_and_order():
    assert Status.MISSED.zh == "未达标" and Status.MISSED.en == "Not met"
    assert Severity.name_of("critical") == "严重" and Severity.name_of(None) == ""
    assert Status.name_of("nonsense", "?") == "?"
    assert Relation.NATIONAL.zh == "国家标准" and EntryState.EMPTY.zh == "未填"
    # worst first; unknown and None after every member
    assert sorted(["met", "missed", "overdue", "behind"], key=Status.rank_of) == [
        "overdue", "missed", "behind", "met"]
    assert Severity.rank_of("critical") < Severity.rank_of("minor") < Severity.rank_of(None)
    assert Status.rank_of("nonsense") == Status.rank_of(None) == len(Status)
    assert Status.OVERDUE.rank == 0 and EntryState.MISSING.rank == 0
    assert {"overdue", "missed", "behind", "done_late"} == SHORTFALLS
    assert SHORTFALLS | {"below_standard"} == NOTABLE
    for kind in TERMS:  # every word has both names, each name once in its kind
        assert all(w.zh and w.en for w in kind), kind
        assert len({w.zh for w in kind}) == len({w.en for w in kind}) == len(kind), kind


def test_one_order_everywhere():
    """The check's order, the shortfall list's status column, the dashboard's colour of a year
    and 本校指标 all read worst first the same way: overdue before missed."""
    from eduplan_core.indicators.evaluate import Finding, arrange

    def finding(status, severity, target):
        return Finding(org="x", org_name="x", target=target, year=2024, indicator="i",
                       indicator_name="i", section=None, status=Status(status),
                       severity=None if severity is None else Severity(severity),
                       comparator="≥", target_value=1, target_year=2024, unit="%",
                       direction="higher", kind="rate", binding=True,
                       relation=Relation.OWN, plan="p", plan_name="p")

    class Tree:
        def ancestors(self, code):
            return []

    class Catalog:
        targets = ()

    fs = [finding("met", None, "a"), finding("missed", "major", "b"),
          finding("overdue", "major", "c"), finding("behind", "major", "d")]
    for f in fs:
        f.indicator = f.target  # each its own group
    ordered = arrange(fs, Catalog(), Tree(), "x", 2024)
    assert [f.status for f in ordered] == ["overdue", "missed", "behind", "met"]


def test_no_module_keeps_its_own_order_or_names():
    """The old per-file tables (SEVERITY_ORDER, STATUS_RANK, STATUS_ORDER, STATE_ORDER,
    STATUS_NAMES, STATE_NAMES, ROLE_NAMES, ROLES) are gone, and no new one appears: a
    module-level dict from three or more words of the vocabulary to ranks (numbers) or to
    their names. (Colours keyed by status are the desktop's own business.)"""
    names = {w.zh for kind in TERMS for w in kind}
    values = {w.value for kind in TERMS for w in kind}
    offenders = []
    for path in list((ROOT / "eduplan_core").rglob("*.py")) + list(
            (ROOT / "desktop").rglob("*.py")):
        if path.name == "vocab.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Dict):
                continue
            pairs = [(k.value, v.value) for k, v in zip(node.value.keys, node.value.values)
                     if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)]
            table = [k for k, v in pairs if k in values and (
                isinstance(v, int) or v in names)]
            if len(table) >= 3:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
