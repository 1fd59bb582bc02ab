"""The vectorised evaluator agrees with the scalar one, row by row."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduplan_core.errors import ExpressionError
from eduplan_core.expr import parse
from eduplan_core.vexpr import evaluate_columns

_ATOMS = st.sampled_from(["a", "b", "c", "0", "1", "2.5", "-3", "True", "False"])
_OPS = st.sampled_from(["+", "-", "*", "/", "//", "%", "<", "<=", "==", "!=", ">", "and",
                        "or"])


@st.composite
def _expressions(draw, depth=0):
    choice = draw(st.integers(0, 9)) if depth < 3 else 0
    if choice <= 3:
        return draw(_ATOMS)
    if choice == 4:
        return f"(not {draw(_expressions(depth=depth + 1))})"
    if choice == 5:
        return (f"({draw(_expressions(depth=depth + 1))} if {draw(_expressions(depth=depth + 1))}"
                f" else {draw(_expressions(depth=depth + 1))})")
    if choice == 6:
        fn = draw(st.sampled_from(["min", "max", "coalesce", "abs", "present", "missing"]))
        n = 1 if fn in ("abs", "present", "missing") else 2
        args = ", ".join(draw(_expressions(depth=depth + 1)) for _ in range(n))
        return f"{fn}({args})"
    return f"({draw(_expressions(depth=depth + 1))} {draw(_OPS)} {draw(_expressions(depth=depth + 1))})"


_value = st.one_of(st.none(), st.integers(-20, 20), st.sampled_from([0.5, -2.25, 0.0]))
_rows = st.lists(st.fixed_dictionaries({"a": _value, "b": _value, "c": _value}),
                 min_size=1, max_size=6)


def _same(x, y) -> bool:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return y is None or y is pd.NA or (isinstance(y, float) and math.isnan(y))
    if y is None or y is pd.NA:
        return False
    return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=400, deadline=None)
@given(_expressions(), _rows)
def test_vector_equals_scalar(source, rows):
    expression = parse(source)
    frame = pd.DataFrame(rows, dtype="Float64")
    try:
        expected = [expression.evaluate(r) for r in rows]
    except ExpressionError:
        with pytest.raises(ExpressionError):
            evaluate_columns(expression, {k: frame[k] for k in frame}, frame.index)
        return
    got = evaluate_columns(expression, {k: frame[k] for k in frame}, frame.index)
    for e, g in zip(expected, got.tolist()):
        assert _same(e, g), (source, rows, expected, got.tolist())


def test_text_attributes_and_membership():
    frame = pd.DataFrame({"own": pd.array(["公办", "普惠性民办", None, "非普惠性民办"],
                                          dtype="string"),
                          "n": pd.array([10, 20, 30, 40], dtype="Float64")})
    expression = parse("n if own in ('公办', '普惠性民办') else 0")
    got = evaluate_columns(expression, {"own": frame["own"], "n": frame["n"]}, frame.index)
    assert got.tolist()[:2] == [10, 20] and got.tolist()[2] is pd.NA and got.tolist()[3] == 0


def test_division_by_zero_is_missing_in_columns():
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [0.0, 4.0]}, dtype="Float64")
    got = evaluate_columns(parse("a / b * 100"), {"a": frame["a"], "b": frame["b"]},
                           frame.index)
    assert got.tolist()[0] is pd.NA and got.tolist()[1] == 50
