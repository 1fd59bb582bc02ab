"""The safe evaluator: whitelist, missing values, division by zero, hostile input."""

import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eduplan_core.errors import ExpressionError
from eduplan_core.expr import EXACT_INT, MAX_FLOAT, evaluate, parse


@pytest.mark.parametrize("source, values, expected", [
    ("a + b * 2", {"a": 1, "b": 3}, 7),
    ("a / b * 100", {"a": 1, "b": 4}, 25.0),
    ("a <= b", {"a": 2, "b": 3}, True),
    ("1 < a < 3", {"a": 2}, True),
    ("x if c else y", {"x": 1, "y": 2, "c": False}, 2),
    ("t in ('小学', '初中')", {"t": "初中"}, True),
    ("t not in ['幼儿园']", {"t": "小学"}, True),
    ("max(a, b) - min(a, b)", {"a": 5, "b": 2}, 3),
    ("round(a / 3, 2)", {"a": 1}, 0.33),
    ("abs(a - 10)", {"a": 4}, 6),
    ("coalesce(a, b, 0)", {"b": 7}, 7),
    ("present(a)", {"a": 0}, True),
    ("missing(a)", {}, True),
    ("not a", {"a": 0}, True),
    ("2 ** 10", {}, 1024),
])
def test_evaluates(source, values, expected):
    assert evaluate(source, values) == expected


@pytest.mark.parametrize("source", ["a + 1", "a * 0", "a < 3", "-a", "min(a, 1)",
                                    "x if a else y", "not a", "a == a"])
def test_missing_propagates_never_zero(source):
    assert evaluate(source, {"x": 1, "y": 2}) is None


@pytest.mark.parametrize("source", ["a / 0", "a // b", "a % b", "a / (b - b)"])
def test_division_by_zero_is_missing(source):
    assert evaluate(source, {"a": 5, "b": 0}) is None


def test_three_valued_logic():
    assert evaluate("a and b", {"a": False}) is False
    assert evaluate("a or b", {"a": True}) is True
    assert evaluate("a and b", {"a": True}) is None
    assert evaluate("a or b", {"a": False}) is None


@pytest.mark.parametrize("source", [
    "__import__('os').system('echo hi')",
    "a.__class__",
    "().__class__.__bases__[0]",
    "[x for x in range(10)]",
    "{x: 1 for x in y}",
    "(lambda: 1)()",
    "10**10**10",
    "9 ** 99",
    "a[0]",
    "open('f')",
    "eval('1')",
    "min(*a)",
    "round(a, ndigits=2)",
    "_secret + 1",
    "x := 3",
    "f'{a}'",
    "a; b",
    "",
    "a +",
])
def test_hostile_or_broken_input_is_rejected(source):
    with pytest.raises(ExpressionError) as info:
        evaluate(source, {"a": 2, "y": [1]})
    assert info.value.message  # a Chinese message, not a traceback


def test_unknown_names_reported_with_known_names():
    with pytest.raises(ExpressionError, match="未知字段"):
        parse("a + nope", {"a"})
    assert parse("a + b", {"a", "b"}).names == {"a", "b"}


def test_text_and_number_comparison_is_an_error():
    with pytest.raises(ExpressionError):
        evaluate("a < 3", {"a": "文本"})


# arithmetic failures are missing values: overflow, complex powers, huge integers, NaN/inf read
@pytest.mark.parametrize("source, values", [
    ("a ** -3", {"a": 1e-300}),                 # OverflowError before
    ("a ** -3", {"a": -1e-120}),
    ("a ** -2.5", {"a": -1e-200}),              # a complex number before
    ("a ** 0.5", {"a": -8}),                    # complex
    ("a ** b", {"a": 10, "b": 400}),            # a 401-digit integer before
    ("a ** b", {"a": 2.5, "b": 10_000}),
    ("a * b", {"a": 10**300, "b": 10**300}),    # huge integer product
    ("a * a * a * a", {"a": 10**100}),          # integer growth
    ("a * 10", {"a": 1.7e308}),                 # float overflow
    ("a // b", {"a": 1e308, "b": 1e-10}),
    ("a + 1", {"a": float("inf")}),             # non-finite input reads as missing
    ("a + 1", {"a": float("nan")}),
    ("a < 3", {"a": float("nan")}),
    ("a + 1", {"a": 10**400}),                  # beyond the float range
    ("round(a)", {"a": 1e308 * 10}),
])
def test_arithmetic_failures_are_missing(source, values):
    assert evaluate(source, values) is None


@pytest.mark.parametrize("source, values", [
    ("round(0, 1e999)", {}),                    # OverflowError before
    ("round(a, b)", {"a": 1, "b": 2}),          # digits must be an integer constant
    ("round(a, 2.5)", {"a": 1}),
    ("round(a, 11)", {"a": 1}),
    ("round(a, 1, 2)", {"a": 1}),
    ("abs(a, 1)", {"a": 1}),
    ("10**400 * 10**400", {}),                  # constant power: exponent over 64
    ("(-1e-200) ** -2.5", {}),                  # constant power: result over 10**30
    ("1e999 + a", {"a": 1}),                    # constant outside the float range
    ("1" + "0" * 400, {}),
    ("a < (1, 2)", {"a": 1}),                   # TypeError before: list vs number
    ("(1, 2) < a", {"a": 1}),
    ("[1] + a", {"a": 1}),
    ("a in (1, 2) < 3", {"a": 1}),
    ("a in (b, 2)", {"a": 1, "b": 1}),          # the list of `in` holds constants only
    ("min((1, 2))", {}),
    ("a < b", {"a": [1], "b": 2}),              # a value that is not a number or text
    ("a + 1", {"a": {"x": 1}}),
    ("a < 'x'", {"a": 1}),                      # ordering text against a number
    ("a < b", {"a": "文本", "b": True}),
    ("a + b", {"a": "文本", "b": 1}),
    ("-" * 300 + "a", {"a": 1}),                # too deep
    ("a\x00", {}),
])
def test_type_errors_are_expression_errors(source, values):
    with pytest.raises(ExpressionError) as info:
        evaluate(source, values)
    assert info.value.message and info.value.message_en


@pytest.mark.parametrize("source, values, expected", [
    ("a ** b", {"a": 2, "b": 100}, 2.0 ** 100),   # past 2**53 an integer becomes a float
    ("a * b", {"a": 2**40, "b": 2**40}, 2.0 ** 80),
    ("a ** -3", {"a": 1e-100}, 1e300),
    ("a ** -3", {"a": 0}, None),
    ("round(a, -2)", {"a": 1234}, 1200),
    ("a in (-1, 2)", {"a": -1}, True),
])
def test_large_but_finite_results(source, values, expected):
    got = evaluate(source, values)
    assert got == expected if expected is None else math.isclose(got, expected)


_ATOMS = st.one_of(st.sampled_from(["a", "b", "c", "0", "1", "2.5", "-3", "'x'", "True",
                                    "1e308", "-1e-200", "(1, 2)", "10**300"]))
_OPS = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "<", "<=", "==", "and", "or",
                        "in"])
_FUNCS = st.sampled_from(["min({})", "max({}, 1)", "abs({})", "round({})", "round({}, 2)",
                          "round({}, -1)", "coalesce({}, 0)", "-{}", "not {}"])


@st.composite
def _expressions(draw, depth=0):
    if depth > 3 or draw(st.integers(0, 2)) == 0:
        return draw(_ATOMS)
    if draw(st.integers(0, 3)) == 0:
        return draw(_FUNCS).format(draw(_expressions(depth=depth + 1)))
    left = draw(_expressions(depth=depth + 1))
    right = draw(_expressions(depth=depth + 1))
    return f"({left} {draw(_OPS)} {right})"


_VALUES = st.dictionaries(
    st.sampled_from(["a", "b", "c"]),
    st.one_of(st.none(), st.integers(-1000, 1000), st.floats(-1e6, 1e6),
              st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**400, 10**400),
              st.sampled_from([1e-300, -1e-200, 1e-120, 1.7e308, 10**300, 2**53 + 1]),
              st.booleans(), st.text(max_size=3), st.lists(st.integers(), max_size=2)))


def _check_evaluates_or_raises_expression_error(source, values):
    try:
        result = evaluate(source, values)
    except ExpressionError as exc:
        assert exc.message
        return
    assert result is None or isinstance(result, (bool, str)) or (
        isinstance(result, int) and abs(result) <= EXACT_INT) or (
        isinstance(result, float) and math.isfinite(result) and abs(result) <= MAX_FLOAT), \
        (source, values, result)


# deterministic in the ordinary run (derandomize, and the cases that crashed once, always)
@settings(max_examples=300, deadline=None, derandomize=True)
@given(_expressions(), _VALUES)
@example("(a ** -3)", {"a": 1e-300})
@example("round(0, 1e999)", {})
@example("((-1e-200) ** -2.5)", {})
@example("((a * b) * (a * b))", {"a": 10**300, "b": 10**300})
@example("(a < b)", {"a": [1], "b": 2})
@example("((1, 2) < a)", {"a": 3})
@example("(a ** b)", {"a": -8, "b": 0.5})
def test_any_expression_either_evaluates_or_raises_expression_error(source, values):
    _check_evaluates_or_raises_expression_error(source, values)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_expressions(), _VALUES)
def test_any_expression_many_examples(source, values):
    _check_evaluates_or_raises_expression_error(source, values)
