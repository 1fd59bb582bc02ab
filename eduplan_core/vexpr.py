"""The same expressions as :mod:`eduplan_core.expr`, evaluated over whole columns at once.

Roll-ups evaluate an indicator's formula for every unit of a province in one pass: each name
is a pandas Series (nullable dtypes: ``Float64``, ``boolean``, ``string``; ``<NA>`` is missing)
and each node of the already-checked AST becomes one vectorised operation. The results agree
with the scalar interpreter row by row (tests/test_vexpr.py checks it): missing propagates,
division by zero is missing, ``and``/``or`` use three-valued logic (pandas' Kleene logic), and
every result that is not a finite real number (overflow, complex power, infinity) is missing.
Everything is computed in float64, as the scalar interpreter does past 2**53.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import ExpressionError
from .expr import Expression, literal_number, real


def evaluate_columns(expression: Expression, columns: Mapping[str, Any],
                     index: pd.Index) -> pd.Series:
    """Evaluate over ``index``; ``columns`` maps each name to a Series (or a scalar)."""
    result = _VInterpreter(columns, index, expression.source).visit(expression.tree.body)
    return _series(result, index)


def as_number(series: pd.Series) -> pd.Series:
    """A Series as nullable floats (booleans become 1/0, text becomes missing)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("Float64")
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.astype("Float64")
    return pd.to_numeric(series, errors="coerce").astype("Float64")


def _series(value: Any, index: pd.Index) -> pd.Series:
    if isinstance(value, pd.Series):
        return value
    if value is None:
        return pd.Series(pd.NA, index=index, dtype="Float64")
    if isinstance(value, bool):
        return pd.Series(value, index=index, dtype="boolean")
    if isinstance(value, (int, float)):
        value = real(value)
        return pd.Series(pd.NA if value is None else float(value), index=index, dtype="Float64")
    return pd.Series(value, index=index, dtype="string")


def _finite(series: pd.Series) -> pd.Series:
    """Infinities and NaN (overflow, complex powers, NaN read from data) become missing."""
    bad = ~np.isfinite(series.to_numpy(dtype="float64", na_value=np.nan))
    if bad.any():
        bad &= ~series.isna().to_numpy()  # NA reads as NaN here; only real NaN/inf are bad
    if not bad.any():
        return series  # the usual case: nothing to mask, no copy
    return series.mask(pd.Series(bad, index=series.index), pd.NA)


def _is_text(value: Any) -> bool:
    if isinstance(value, pd.Series):
        if value.dtype == object:
            return pd.api.types.infer_dtype(value, skipna=True) == "string"
        return pd.api.types.is_string_dtype(value.dtype)
    return isinstance(value, str)


def _truth(value: Any, index: pd.Index) -> pd.Series:
    s = _series(value, index)
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    if _is_text(s):
        return (s.str.len() > 0).astype("boolean")
    return (as_number(s) != 0).astype("boolean")


class _VInterpreter:
    def __init__(self, columns: Mapping[str, Any], index: pd.Index, source: str):
        self.columns = columns
        self.index = index
        self.source = source

    def fail(self, zh: str, en: str) -> ExpressionError:
        return ExpressionError(f"{zh}：{self.source}", f"{en}: {self.source}")

    def visit(self, node: ast.AST) -> Any:
        return getattr(self, "visit_" + type(node).__name__)(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        value = node.value
        return value if isinstance(value, (str, bool)) else real(value)

    def visit_Name(self, node: ast.Name) -> Any:
        value = self.columns.get(node.id)
        if isinstance(value, pd.Series):
            if pd.api.types.is_bool_dtype(value.dtype) or _is_text(value) or \
                    not pd.api.types.is_numeric_dtype(value.dtype):
                return value
            return _finite(as_number(value))
        if value is None or isinstance(value, (str, bool)):
            return value
        if isinstance(value, (int, float, np.integer, np.floating)):
            return real(int(value) if isinstance(value, (int, np.integer)) else float(value))
        raise self.fail(f"字段“{node.id}”的值不是数值、文本或是否",
                        f"value of {node.id} has an unsupported type {type(value).__name__}")

    def visit_Tuple(self, node: ast.Tuple) -> list:
        return [self.visit(e) for e in node.elts]

    visit_List = visit_Tuple

    def _number(self, value: Any) -> pd.Series:
        if _is_text(value):
            raise self.fail("只能对数值做算术运算", "arithmetic on a non-number")
        return as_number(_series(value, self.index))

    def visit_BinOp(self, node: ast.BinOp) -> pd.Series:
        left = self._number(self.visit(node.left))
        right = self._number(self.visit(node.right))
        op = type(node.op)
        with np.errstate(all="ignore"):
            if op is ast.Add:
                out = left + right
            elif op is ast.Sub:
                out = left - right
            elif op is ast.Mult:
                out = left * right
            elif op is ast.Div:
                out = left / right
            elif op is ast.FloorDiv:
                out = left // right
            elif op is ast.Mod:
                out = left % right
            else:
                out = left ** right
        zero = right == 0
        if op in (ast.Div, ast.FloorDiv, ast.Mod):
            out = out.mask(zero.fillna(False), pd.NA)
        if op is ast.Pow:  # pandas says NA ** 0 == 1 ** NA == 1; missing stays missing here
            out = out.mask(((left == 0) & (right < 0)).fillna(False) | left.isna()
                           | right.isna(), pd.NA)
        return _finite(out)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> pd.Series:
        value = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return ~_truth(value, self.index)
        number = self._number(value)
        return -number if isinstance(node.op, ast.USub) else number

    def visit_BoolOp(self, node: ast.BoolOp) -> pd.Series:
        parts = [_truth(self.visit(v), self.index) for v in node.values]
        out = parts[0]
        for p in parts[1:]:
            out = (out & p) if isinstance(node.op, ast.And) else (out | p)
        return out

    def visit_Compare(self, node: ast.Compare) -> pd.Series:
        left = self.visit(node.left)
        result = pd.Series(True, index=self.index, dtype="boolean")
        for op, comp in zip(node.ops, node.comparators):
            right = self.visit(comp)
            if isinstance(op, (ast.In, ast.NotIn)):
                ls = _series(left, self.index)
                options = [o for o in right if o is not None]
                hit = ls.isin(options).astype("boolean").mask(ls.isna(), pd.NA)
                part = hit if isinstance(op, ast.In) else ~hit
            else:
                if _is_text(left) != _is_text(right) and not isinstance(op, (ast.Eq, ast.NotEq)):
                    raise self.fail("不能比较文本与数值", "cannot compare text with a number")
                ls, rs = _series(left, self.index), _series(right, self.index)
                if _is_text(ls) != _is_text(rs):  # text == number: never equal
                    part = pd.Series(isinstance(op, ast.NotEq), index=self.index,
                                     dtype="boolean").mask(ls.isna() | rs.isna(), pd.NA)
                else:
                    if not _is_text(ls):
                        ls, rs = as_number(ls), as_number(rs)
                    part = {ast.Eq: ls.__eq__, ast.NotEq: ls.__ne__, ast.Lt: ls.__lt__,
                            ast.LtE: ls.__le__, ast.Gt: ls.__gt__,
                            ast.GtE: ls.__ge__}[type(op)](rs).astype("boolean")
            result = result & part
            left = right
        return result

    def visit_IfExp(self, node: ast.IfExp) -> pd.Series:
        test = _truth(self.visit(node.test), self.index)
        body = _series(self.visit(node.body), self.index)
        orelse = _series(self.visit(node.orelse), self.index)
        if _is_text(body) != _is_text(orelse):
            body, orelse = body.astype(object), orelse.astype(object)
        elif not _is_text(body):
            body, orelse = as_number(body), as_number(orelse)
        out = body.where(test.fillna(False), orelse)
        return out.mask(test.isna(), pd.NA)

    def visit_Call(self, node: ast.Call) -> pd.Series:
        assert isinstance(node.func, ast.Name)  # checked when parsed (expr.py)
        name = node.func.id
        args = [_series(self.visit(a), self.index) for a in node.args]
        if name == "coalesce":
            if not any(_is_text(a) for a in args):
                args = [as_number(a) for a in args]
            out = args[0]
            for a in args[1:]:
                out = out.fillna(a) if out.dtype == a.dtype else out.astype(object).where(
                    out.notna(), a)
            return out
        if name == "present":
            return pd.concat([a.notna() for a in args], axis=1).all(axis=1).astype("boolean")
        if name == "missing":
            return pd.concat([a.isna() for a in args], axis=1).any(axis=1).astype("boolean")
        nums = [self._number(a) for a in args]
        if name in ("min", "max"):
            frame = pd.concat(nums, axis=1)
            out = frame.min(axis=1, skipna=False) if name == "min" else frame.max(
                axis=1, skipna=False)
            return out.astype("Float64")
        if name == "abs":
            return nums[0].abs()
        if name == "round":  # the digits are an integer constant in -10..10 (checked in parse)
            digits = literal_number(node.args[1]) if len(node.args) > 1 else 0
            values = nums[0].to_numpy(dtype="float64", na_value=np.nan)
            # Python's round() (banker's rounding) as the scalar interpreter does
            rounded = [round(v, digits) if not math.isnan(v) else np.nan for v in values]
            return _finite(pd.Series(rounded, index=self.index, dtype="Float64"))
        raise self.fail(f"未知函数 {name}", f"unknown function {name}")  # pragma: no cover
