"""A small safe evaluator for the expressions in forms/ (relevance, calculations, rules, formulas).

The expression is parsed with :mod:`ast` and interpreted node by node; nothing is ever passed to
``eval``/``exec``/``compile``.  Only these constructs are allowed:

* numbers, strings, ``True``/``False``; names (field codes);
* ``+ - * / // % **`` and unary ``- + not``; comparisons ``== != < <= > >=`` (chains too) and
  ``in`` / ``not in`` against a literal tuple or list;
* ``and`` / ``or``; ``a if cond else b``;
* calls of the named functions ``min max abs round coalesce present missing``.

Attribute access, subscripts, comprehensions, lambdas, keyword arguments and every other node are
rejected with a message, and so is every list except the literal one on the right of ``in``
(its items are constants), and a ``round`` whose digits are not an integer constant in -10..10.
Size limits: 2000 characters, 400 nodes, numeric constants within the float range, and a
constant power (``9 ** 99``, ``10**10**10``) only when its exponent is at most 64 and its result
stays below 10**30.

Missing values (``None``) — the documented results:

* arithmetic, comparison, ``min``/``max``/``abs``/``round`` with a missing operand → missing;
* division (``/ // %``) by zero → missing, never 0 and never an exception;
* ``and``/``or``/``not`` use three-valued logic: ``False and missing`` is False, ``True or
  missing`` is True, otherwise a missing operand makes the result missing;
* ``x if c else y`` with ``c`` missing → missing;
* ``coalesce(a, b, …)`` is the first present argument; ``present(x)`` / ``missing(x)`` are
  always True or False.

Arithmetic never fails with a Python exception (the policy, the same in :mod:`.vexpr`):

* a result that is not a finite real number — an overflow (``a ** -3`` with a tiny ``a``,
  ``1e300 * a``), a complex power (``(-8) ** 0.5``), an infinity or NaN — is **missing**;
* integers are exact up to 2**53; a larger integer result becomes a float, as the vectorised
  evaluator computes it (so huge integer products are never built: beyond the float range they
  are missing); a value outside the float range (or a NaN/infinite float) reads as missing;
* a type error — arithmetic on text, ordering text against a number, a value that is not a
  number, text, yes/no or missing — is an :class:`ExpressionError`.

A name that is not in the values mapping is missing.
"""

from __future__ import annotations

import ast
import math
import numbers
import operator
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import ExpressionError

MAX_LENGTH = 2000
MAX_NODES = 400
MAX_MAGNITUDE_DIGITS = 30  # a constant power (both sides without names) must stay below 10**30
MAX_CONSTANT_EXPONENT = 64
MAX_FLOAT = sys.float_info.max
EXACT_INT = 2 ** 53  # integers above this are computed as floats, as the vectorised twin does
_MAX_LOG10 = math.log10(MAX_FLOAT)


def real(value: Any) -> Any:
    """A number as the evaluator computes with it: an int up to 2**53, else a finite float;
    None when it is not a finite real number (overflow, NaN, infinity, complex)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if -EXACT_INT <= value <= EXACT_INT:
            return value
        if abs(value) > MAX_FLOAT:
            return None
        return float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None  # complex and anything else

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
FUNCTIONS = ("min", "max", "abs", "round", "coalesce", "present", "missing")

_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call,
    ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.In, ast.NotIn,
    *_BINOPS, *_CMPOPS,
)


@dataclass(frozen=True)
class Expression:
    """A checked expression: ``names`` are the field codes it reads."""

    source: str
    tree: ast.Expression = field(repr=False, compare=False)
    names: frozenset[str]

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        try:
            return _Interpreter(values, self.source).visit(self.tree.body)
        except RecursionError:
            raise ExpressionError(f"表达式嵌套过深：{self.source}",
                                  f"expression nested too deeply: {self.source}") from None


def parse(source: str, known_names: set[str] | frozenset[str] | None = None) -> Expression:
    """Check ``source`` against the whitelist; with ``known_names`` every name must be one."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("表达式为空", "empty expression")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"表达式过长（超过 {MAX_LENGTH} 个字符）", "expression too long")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"表达式无法解析：{source}（{exc.msg}）",
                              f"cannot parse expression: {source}") from None
    except (ValueError, MemoryError, RecursionError):
        raise ExpressionError(f"表达式无法解析：{source}",
                              f"cannot parse expression: {source}") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise ExpressionError("表达式过于复杂", "expression too complex")
    names: set[str] = set()
    func_nodes = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
    for node in nodes:
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(
                f"表达式中不允许使用 {type(node).__name__}：{source}",
                f"{type(node).__name__} is not allowed in expressions: {source}")
        if isinstance(node, ast.Call):
            _check_call(node, source)
        elif isinstance(node, ast.Name) and id(node) not in func_nodes:
            if node.id.startswith("_"):
                raise ExpressionError(f"不允许的名称“{node.id}”：{source}",
                                      f"name not allowed: {node.id}")
            names.add(node.id)
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float, str, bool)):
                raise ExpressionError(f"不允许的常量：{source}", f"constant not allowed: {source}")
            if not isinstance(node.value, (str, bool)) and real(node.value) is None:
                raise ExpressionError(f"数值常量超出范围：{source}",
                                      f"numeric constant out of range: {source}")
        elif isinstance(node, ast.Compare):
            last = len(node.ops) - 1
            for i, (op, right) in enumerate(zip(node.ops, node.comparators)):
                is_in = isinstance(op, (ast.In, ast.NotIn))
                if is_in and not isinstance(right, (ast.Tuple, ast.List)):
                    raise ExpressionError(f"in 右侧必须是列表：{source}",
                                          f"'in' needs a literal list: {source}")
                if is_in and i != last:
                    raise ExpressionError(f"in 的列表之后不能再比较：{source}",
                                          f"nothing may follow the list of 'in': {source}")
    lists = {id(c) for n in nodes if isinstance(n, ast.Compare) for c in n.comparators
             if isinstance(c, (ast.Tuple, ast.List))}
    for node in nodes:
        if isinstance(node, (ast.Tuple, ast.List)):
            if id(node) not in lists:
                raise ExpressionError(f"列表只能用在 in 的右侧：{source}",
                                      f"a list is only allowed after 'in': {source}")
            if not all(_literal(e) for e in node.elts):
                raise ExpressionError(f"in 的列表只能包含常量：{source}",
                                      f"the list of 'in' may hold constants only: {source}")
    _check_constant_powers(nodes, source)
    if known_names is not None:
        unknown = sorted(names - set(known_names))
        if unknown:
            raise ExpressionError(f"表达式引用了未知字段：{'、'.join(unknown)}",
                                  f"unknown field(s): {', '.join(unknown)}")
    return Expression(source.strip(), tree, frozenset(names))


def _check_call(node: ast.Call, source: str) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        name = node.func.id if isinstance(node.func, ast.Name) else type(node.func).__name__
        raise ExpressionError(
            f"不允许调用函数 {name}（可用：{', '.join(FUNCTIONS)}）：{source}",
            f"function {name} is not allowed: {source}")
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        raise ExpressionError(f"函数参数只能按位置给出：{source}",
                              f"only positional arguments: {source}")
    if not node.args:
        raise ExpressionError(f"函数 {node.func.id} 缺少参数：{source}",
                              f"{node.func.id} needs arguments")
    name, n = node.func.id, len(node.args)
    if (name == "abs" and n != 1) or (name == "round" and n > 2):
        raise ExpressionError(f"函数 {name} 的参数个数不对：{source}",
                              f"wrong number of arguments to {name}: {source}")
    if name == "round" and n == 2:
        digits = literal_number(node.args[1])
        if not isinstance(digits, int) or isinstance(digits, bool) or not -10 <= digits <= 10:
            raise ExpressionError(f"round 的位数应为 -10 到 10 之间的整数常量：{source}",
                                  f"round digits must be an integer constant in -10..10: {source}")


def literal_number(node: ast.AST) -> Any:
    """The value of a numeric constant, signed (``-2``), else None."""
    sign = 1
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -sign if isinstance(node.op, ast.USub) else sign
        node = node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not \
            isinstance(node.value, bool):
        return sign * node.value
    return None


def _literal(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, (str, bool))) or \
        literal_number(node) is not None


def _check_constant_powers(nodes: list, source: str) -> None:
    """A power whose exponent has no names is checked here, once: |exponent| <= 64, and with a
    constant base too, a result below 10**30 (``9 ** 99``, ``10**10**10`` are refused)."""
    for node in nodes:
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)):
            continue
        if any(isinstance(n, ast.Name) for n in ast.walk(node.right)):
            continue
        exp = _constant_value(node.right, source)
        if not isinstance(exp, (int, float)):
            continue
        if abs(exp) > MAX_CONSTANT_EXPONENT:
            raise ExpressionError(f"幂指数过大：{source}", f"exponent too large: {source}")
        if any(isinstance(n, ast.Name) for n in ast.walk(node.left)):
            continue
        base = _constant_value(node.left, source)
        if isinstance(base, (int, float)) and base != 0 and \
                exp * math.log10(abs(base)) > MAX_MAGNITUDE_DIGITS:
            raise ExpressionError(f"幂运算结果过大：{source}", f"power result too large: {source}")


def _constant_value(node: ast.AST, source: str) -> Any:
    try:
        return _Interpreter({}, source).visit(node)
    except RecursionError:
        raise ExpressionError(f"表达式嵌套过深：{source}", "expression nested too deeply") \
            from None


class _Interpreter:
    def __init__(self, values: Mapping[str, Any], source: str):
        self.values = values
        self.source = source

    def fail(self, zh: str, en: str) -> ExpressionError:
        return ExpressionError(f"{zh}：{self.source}", f"{en}: {self.source}")

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, "visit_" + type(node).__name__)
        return method(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        value = node.value
        return value if isinstance(value, (str, bool)) else real(value)

    def visit_Name(self, node: ast.Name) -> Any:
        value = self.values.get(node.id)
        if value is None or isinstance(value, (str, bool)):
            return value
        if isinstance(value, numbers.Integral):
            return real(int(value))
        if isinstance(value, (numbers.Real, Decimal)):
            return real(float(value))
        raise self.fail(f"字段“{node.id}”的值不是数值、文本或是否", f"value of {node.id} has an "
                        f"unsupported type {type(value).__name__}")

    def visit_Tuple(self, node: ast.Tuple) -> list:
        return [self.visit(e) for e in node.elts]

    visit_List = visit_Tuple

    def _number(self, v: Any) -> Any:
        if v is None or isinstance(v, (int, float)):
            return v
        raise self.fail("只能对数值做算术运算", "arithmetic on a non-number")

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        left = self._number(self.visit(node.left))
        right = self._number(self.visit(node.right))
        if left is None or right is None:
            return None
        if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) and right == 0:
            return None
        if isinstance(node.op, ast.Pow):
            if left == 0 and right < 0:  # 0 ** -n is a division by zero
                return None
            # never build a huge integer (or overflow a float): past the float range is missing
            if left != 0 and right * math.log10(abs(left)) > _MAX_LOG10 + 1:
                return None
        try:
            result = _BINOPS[type(node.op)](left, right)
        except (OverflowError, ZeroDivisionError, ValueError):
            return None
        return real(result)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return None if value is None else (not value)
        value = self._number(value)
        if value is None:
            return None
        return -value if isinstance(node.op, ast.USub) else +value

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        is_and = isinstance(node.op, ast.And)
        saw_missing = False
        for sub in node.values:
            value = self.visit(sub)
            if value is None:
                saw_missing = True
            elif bool(value) is not is_and:  # False in `and`, True in `or`: decided
                return not is_and
        return None if saw_missing else is_and

    def visit_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        result: Any = True
        for op, comp in zip(node.ops, node.comparators):
            right = self.visit(comp)
            if isinstance(op, (ast.In, ast.NotIn)):
                if left is None:
                    return None
                ok = left in right
                ok = ok if isinstance(op, ast.In) else not ok
            else:
                if left is None or right is None:
                    return None
                if isinstance(left, str) != isinstance(right, str) and not isinstance(
                        op, (ast.Eq, ast.NotEq)):
                    raise self.fail("不能比较文本与数值", "cannot compare text with a number")
                try:
                    ok = _CMPOPS[type(op)](left, right)
                except TypeError:
                    raise self.fail("无法比较这两个值", "cannot compare these values") from None
            if not ok:
                result = False
            left = right
        return result

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        test = self.visit(node.test)
        if test is None:
            return None
        return self.visit(node.body if test else node.orelse)

    def visit_Call(self, node: ast.Call) -> Any:
        assert isinstance(node.func, ast.Name)  # checked in parse()
        name = node.func.id
        args = [self.visit(a) for a in node.args]
        if name == "coalesce":
            return next((a for a in args if a is not None), None)
        if name == "present":
            return all(a is not None for a in args)
        if name == "missing":
            return any(a is None for a in args)
        if any(a is None for a in args):
            return None
        nums = [self._number(a) for a in args]
        if name == "min":
            return min(nums)
        if name == "max":
            return max(nums)
        if name == "abs":
            return abs(nums[0])
        if name == "round":  # the digits are an integer constant in -10..10 (checked in parse)
            try:
                return real(round(nums[0], int(nums[1]) if len(nums) > 1 else 0))
            except (OverflowError, ValueError):
                return None
        raise self.fail(f"未知函数 {name}", f"unknown function {name}")  # pragma: no cover


def evaluate(source: str, values: Mapping[str, Any]) -> Any:
    """Parse and evaluate in one step (for tests and one-off use)."""
    return parse(source).evaluate(values)
