"""Numbers as EduPlan shows them — the command line, the desktop and (later) Excel use these and
nothing else, so a value reads the same everywhere.

- ``number``: a measured or computed value. Whole numbers have no decimals and their thousands
  grouped (``8,790``); others two decimals (``95.01``), three below 1 (a CV ``0.452``);
  missing is ``—``; a value of 10^15 or more is shortened (``1e+308``, never 309 digits).
- ``plain``: a value as a plan writes it (a target, a pace): no padded decimals (``0.9``,
  ``4.5``, ``2,000``, ``99``).
- ``count``: a number of things (人, 所, 名 …): always whole, rounded up (``352``, ``1,234``).
- ``with_unit`` / ``quantity``: ``95%`` (percent sign close), ``4.2 人``, ``1,774 元`` (other units
  after a space); 是/否 and no unit add nothing.
- ``signed``: a change or a gap with its sign (``+3``, ``−1.5`` with the minus sign U+2212).
- ``share``: a fraction as a percent (coverage 0.85 → ``85%``); ``percent``: a percent number
  (``12.3%``). Percentages are stored as percent numbers (95 means 95 %, unit ``%``).
- ``typed``: a stored value as a person types it (no grouping, no exponent, up to 15
  significant digits: ``7468.4``, ``0.00001``); ``compact``: the same shortened to 6
  significant digits when it is long, for messages and tables (``33.3333``, ``1e+308``).

Text a person typed is shown by ``inputs.shown`` / ``inputs.brief``, not here.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from .inputs import LIMIT
from .texts import Text

MISSING = "—"
NO_UNIT = ("", "是/否")
# units of things counted one by one: their amounts and paces are whole numbers
COUNT_UNITS = ("人", "名", "所", "间", "个", "项", "次")
HUGE = LIMIT  # 10^15: from here on a number is shortened (typed values stay below it)
MINUS = "−"  # U+2212, as inputs.py reads it back


def _real(v: Any) -> float | None:
    """``v`` as a finite float, or None when it is missing or not a number."""
    if v is None or isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    x = float(v)
    return x if math.isfinite(x) else None


def _whole(x: float) -> bool:
    return abs(x - round(x)) < 1e-9


def number(v: Any, digits: int | None = None) -> str:
    """A measured or computed value: ``8,790``, ``95.01``, ``0.452``; ``—`` when missing.
    ``digits``: decimals of a value that is not whole (default two, three below 1)."""
    if isinstance(v, bool):
        return Text("是", "Yes") if v else Text("否", "No")
    if v is not None and not isinstance(v, (int, float)):
        return str(v)
    x = _real(v)
    if x is None:
        return MISSING if v is None or v != v else str(v)  # NaN is missing; inf says so
    if abs(x) >= HUGE:
        return f"{x:.6g}"
    if _whole(x):
        return f"{x:,.0f}"
    if digits is None:
        digits = 3 if abs(x) < 1 else 2
    return f"{x:,.{digits}f}"


def plain(v: float | None, digits: int = 4) -> str:
    """A value as a plan writes it: ``0.9``, ``4.5``, ``2,000``, ``99`` (at most ``digits``
    decimals, none padded)."""
    x = _real(v)
    if x is None:
        return MISSING
    if abs(x) >= HUGE:
        return f"{x:.6g}"
    if _whole(x):
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


def count(v: float | None) -> str:
    """A number of things: whole, rounded up (0.3 所 still needs one), grouped."""
    x = _real(v)
    if x is None:
        return MISSING
    return f"{math.ceil(x - 1e-9):,d}"


def unit_suffix(unit: str) -> str:
    """What follows a number for its unit: ``%``, `` 人`` (after a space), nothing for 是/否 or
    no unit."""
    if unit in NO_UNIT:
        return ""
    return unit if unit == "%" else " " + unit


def with_unit(text: str, unit: str) -> str:
    """``95%``, ``4.2 人``; nothing added for 是/否 or no unit (nor to ``—``)."""
    return text if text == MISSING else text + unit_suffix(unit)


def quantity(v: float | None, unit: str, digits: int | None = None) -> str:
    """A value with its unit: ``95.01%``, ``1,774 元``; counts of things whole."""
    return with_unit(number(v, digits), unit)


def amount(v: float | None, unit: str) -> str:
    """What is needed, in the unit a person acts on: whole for things counted one by one
    (``352 人``), else one decimal (``200,000.0 元``)."""
    text = count(v) if unit in COUNT_UNITS else number(v, 1)
    return with_unit(text, unit)


def signed(v: float | None, digits: int | None = None) -> str:
    """A change or a gap: ``+3``, ``−1.50``, ``0``; ``—`` when missing."""
    x = _real(v)
    if x is None:
        return MISSING
    text = number(abs(x), digits)
    if abs(x) < 1e-9:
        return text
    return ("+" if x > 0 else MINUS) + text


def share(fraction: float | None, digits: int = 0) -> str:
    """A fraction shown as a percent: coverage 0.85 → ``85%``."""
    x = _real(fraction)
    return MISSING if x is None else f"{100 * x:.{digits}f}%"


def percent(v: float | None, digits: int = 1) -> str:
    """A percent number: 12.345 → ``12.3%``."""
    x = _real(v)
    return MISSING if x is None else f"{x:.{digits}f}%"


def _as_is(v: Any, missing: str) -> str | None:
    """The text of a value that is not a finite number (``missing`` for None), else None."""
    if v is None:
        return missing
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return str(v)
    return None


def typed(v: Any, missing: str = "") -> str:
    """A stored value as a person types it back: ``123``, ``7468.4``, ``0.00001`` — no
    grouping, no exponent (inputs.py refuses both), every significant digit (at most 15)."""
    text = _as_is(v, missing)
    if text is not None:
        return text
    x = float(v)
    if abs(x) < HUGE and x == int(x):
        return str(int(x))
    return format(Decimal(f"{x:.15g}"), "f")


def compact(v: Any, missing: str = MISSING, width: int = 12) -> str:
    """A value in a message or a table cell: as typed when that is short (``7468.4``), else
    shortened to 6 significant digits (``33.3333``, ``1e+308``)."""
    text = _as_is(v, missing)
    if text is not None:
        return text
    x = float(v)
    if x == int(x):
        return str(int(x)) if abs(x) < HUGE else f"{x:.6g}"
    text = f"{x:.15g}"
    return text if len(text) <= width else f"{x:.6g}"
