"""The one place that reads what a user typed as a number, a date or a year — for `eduplan
enter --set` and `--file`, the desktop's fields and every `--year` — and that makes text safe
to show (control characters and terminal escapes made visible).

Numbers (the table in README.md, "Typed numbers", is tested row by row against this module):

- spaces around the text (also full-width spaces and tabs) are ignored; empty text is missing;
- full-width digits ``０``–``９``, the full-width point ``．`` and the Chinese-IME full stop
  ``。`` (and ``｡``), the minus signs ``－ − ﹣`` and ``＋`` are read as their ASCII forms —
  nothing else is translated (Python's ``float()`` and ``int()`` would also take ``1_000``,
  Arabic-Indic digits, ``nan`` and ``infinity``; they are never given raw text);
- what is left must be an optional sign, digits, optionally a point and more digits
  (a percent field also takes a trailing ``%`` or ``％``);
- refused, each with the reason: scientific notation (``1e5``), separators (``1,234``
  ``1_000`` ``1 234``), NaN and infinity, a ``%`` outside percent fields, anything else;
- at most 15 significant digits and an absolute value below 10^15 (一千万亿), so every value
  is kept exactly (a binary float holds 15 significant decimal digits);
- an integer field takes whole numbers only (``12.0`` is 12, ``1.5`` is refused).

A refused text is quoted back in the message as typed, escaped and shortened. Every reason,
hint and message is a ``eduplan_core.texts.Text``: its Chinese, with its English in ``.en``.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from decimal import Decimal
from typing import Any

from .errors import UsageError
from .texts import Text, english, text

MAX_DIGITS = 15  # significant digits a value may have
LIMIT = 10 ** MAX_DIGITS  # |value| must be below this
LIMIT_TEXT = Text("10^15（一千万亿）", "10^15")
YEAR_MIN, YEAR_MAX = 2000, 2100
SHORT = 24  # typed text longer than this is shortened in messages

_MAP = {chr(0xFF10 + i): str(i) for i in range(10)}
_MAP.update({"．": ".", "。": ".", "｡": ".", "－": "-", "−": "-", "﹣": "-", "＋": "+",
             "％": "%"})
_TRANSLATE = str.maketrans(_MAP)
_NUMBER = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?")
_SCIENTIFIC = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)e[+-]?[0-9]+")
_SEPARATED = re.compile(r"[+-]?[0-9]+([,_'\s]+[0-9]+)+(\.[0-9]*)?")
_NOT_FINITE = {"nan", "inf", "infinity", "∞"}
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPED = {"Cc", "Cf", "Zl", "Zp", "Cs"}
KINDS = ("integer", "decimal", "percent")


class Refused(ValueError):
    """Typed text that is not a value of its kind: ``reason`` and ``hint`` are phrases (Chinese
    with English, see eduplan_core.texts), without the field's label (``refused_message`` puts
    them together)."""

    def __init__(self, reason: str, hint: str = ""):
        super().__init__(reason + (f"（{hint}）" if hint else ""))
        self.reason = reason
        self.hint = hint


# why typed text is refused, and what to do (each Chinese with its English)
WHOLE = Text("应为整数", "should be a whole number")
NUMBER = Text("应为数值", "should be a number")
NOT_PERCENT = Text("这一项不是百分比，不要带 %", "this is not a percentage: leave out the %")
NOT_FINITE = Text("不能是无穷大或 NaN", "infinity and NaN are not numbers")
SCIENTIFIC = Text("不接受科学记数法，请写出完整的数，如 100000",
                  "scientific notation is not accepted: write the whole number, e.g. 100000")
SEPARATORS = Text("数字中不能有分隔符 , _ ' 或空格，请连写，如 1234；小数点用“.”",
                  "no separators (, _ ' or spaces) inside a number: write 1234; "
                  "the decimal point is “.”")
TOO_BIG = text("超出范围，绝对值应小于 {limit}",
               "is out of range: its absolute value must be below {limit}", limit=LIMIT_TEXT)
TOO_MANY_DIGITS = text("有效数字超过 {n} 位，无法精确保存",
                       "has more than {n} significant digits and cannot be kept exactly",
                       n=MAX_DIGITS)
NOT_DATE = Text("应为日期（YYYY-MM-DD）", "should be a date (YYYY-MM-DD)")
BAD_DATE = Text("不是有效日期（YYYY-MM-DD）", "is not a valid date (YYYY-MM-DD)")


def _expected(kind: str) -> Text:
    return WHOLE if kind == "integer" else NUMBER


# -- showing text ---------------------------------------------------------------------------

def shown(text: Any, *, keep_newlines: bool = False) -> str:
    """Text as it can safely be shown: newlines, tabs, control characters, ANSI escapes,
    direction overrides and other invisible format characters become visible escapes
    (``\\n``, ``\\x1b``, ``\\u202e``). ``keep_newlines`` keeps line breaks of messages made
    of several lines."""
    text = "" if text is None else str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in _ESCAPED:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else (
                f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"))
        else:
            out.append(ch)
    return "".join(out)


def brief(value: Any, limit: int = SHORT) -> str:
    """What was typed, escaped, and shortened when long: ``1234567890123456…7890（共 30 个字符）``."""
    text = shown(value)
    if len(text) <= limit:
        return text
    head = max(limit - 8, 8)
    cut = f"{text[:head]}…{text[-4:]}"
    return Text(f"{cut}（共 {len(text)} 个字符）", f"{cut} ({len(text)} characters)")


# -- numbers --------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Full-width digits, points and signs as ASCII; surrounding spaces removed."""
    return text.strip().translate(_TRANSLATE)


def _plain(text: str) -> bool:
    match = _NUMBER.fullmatch(text)
    return bool(match and (match.group(2) or match.group(3)))


def _why_not(text: str, kind: str) -> Refused:
    """Why a text that is not a plain number is refused."""
    expect = _expected(kind)
    loose = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip().lower()
    if loose.endswith("%") and kind != "percent" and _plain(loose[:-1].strip()):
        return Refused(expect, NOT_PERCENT)
    loose = loose.rstrip("%").strip() if kind == "percent" else loose
    if loose.lstrip("+-") in _NOT_FINITE:
        return Refused(expect, NOT_FINITE)
    if _SCIENTIFIC.fullmatch(loose):
        return Refused(expect, SCIENTIFIC)
    if _SEPARATED.fullmatch(loose):
        return Refused(expect, SEPARATORS)
    return Refused(expect)


def _check_digits(whole: str, frac: str, kind: str) -> None:
    """|x| < 10^15 and at most 15 significant digits (whole and frac without padding zeros)."""
    if len(whole) > MAX_DIGITS:
        raise Refused(TOO_BIG)
    if kind == "integer" and frac:
        raise Refused(WHOLE)
    significant = len(whole + frac) if whole else len(frac.lstrip("0"))
    if significant > MAX_DIGITS:
        raise Refused(TOO_MANY_DIGITS)


def _from_number(value: Any, kind: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise Refused(_expected(kind))
    if isinstance(value, numbers.Integral):
        if abs(int(value)) >= LIMIT:
            raise Refused(TOO_BIG)
        return int(value) if kind == "integer" else float(value)
    number = float(value)
    if not math.isfinite(number):
        raise Refused(_expected(kind), NOT_FINITE)
    if abs(number) >= LIMIT:
        raise Refused(TOO_BIG)
    if kind == "integer":
        if not number.is_integer():
            raise Refused(WHOLE)
        return int(number)
    # a binary float (from a spreadsheet cell) is kept to the 15 digits it really holds
    return float(f"{number:.{MAX_DIGITS}g}") + 0.0


def read_number(raw: Any, kind: str) -> int | float | None:
    """Typed text (or a number) as the value of an ``integer``, ``decimal`` or ``percent``
    field: int for integer fields, float otherwise, None when empty. Raises Refused."""
    if kind not in KINDS:
        raise ValueError(f"not a number kind: {kind}")
    if raw is None:
        return None
    if not isinstance(raw, str):
        return _from_number(raw, kind)
    text = normalise(raw)
    if kind == "percent" and text.endswith("%"):
        text = text[:-1].rstrip()
    if text == "":
        if raw.strip() == "":
            return None
        raise Refused(NUMBER)  # a lone %
    if not _plain(text):
        raise _why_not(raw, kind)
    match = _NUMBER.fullmatch(text)
    assert match is not None  # _plain(text) holds
    sign, whole, frac = match.group(1), match.group(2).lstrip("0"), (match.group(3) or "")
    frac = frac.rstrip("0")
    _check_digits(whole, frac, kind)
    if kind == "integer":
        value = int(whole or "0")
        return -value if sign == "-" and value else value
    number = float(Decimal(f"{sign}{whole or '0'}.{frac or '0'}"))
    return number + 0.0  # -0.0 is 0


def refused_message(label: str, raw: Any, refused: Refused) -> Text:
    """The message for refused input: field, reason, what was typed (shortened), hint — its
    Chinese (what the CLI prints) with its English."""
    if refused.hint:
        return text("“{label}”{why}，收到“{typed}”（{hint}）",
                    "“{label}” {why}, got “{typed}” ({hint})", label=label, why=refused.reason,
                    typed=brief(raw), hint=refused.hint)
    return text("“{label}”{why}，收到“{typed}”", "“{label}” {why}, got “{typed}”",
                label=label, why=refused.reason, typed=brief(raw))


def parse_number(label: str, raw: Any, kind: str) -> tuple[int | float | None, Text | None]:
    """(value, None) or (None, message)."""
    try:
        return read_number(raw, kind), None
    except Refused as exc:
        return None, refused_message(label, raw, exc)


# -- dates ----------------------------------------------------------------------------------

def read_date(raw: Any) -> str | None:
    """A calendar date written YYYY-MM-DD (full-width digits and dashes read as ASCII) as
    ISO text; None when empty. Raises Refused."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = normalise(str(raw))
    if text == "":
        return None
    if not _DATE.fullmatch(text):
        raise Refused(NOT_DATE)
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise Refused(BAD_DATE) from None


# -- years ----------------------------------------------------------------------------------

def _year_error(raw: Any, why: str) -> UsageError:
    return UsageError(f"年份{why}，收到“{brief(raw)}”",
                      f"the year must be {YEAR_MIN}–{YEAR_MAX}, got {english(brief(raw))!r}")


def check_year(year: Any, typed: Any = None) -> int:
    """A year given by a caller (an int between 2000 and 2100), else UsageError naming
    ``typed`` (what the user wrote, when it was text)."""
    typed = year if typed is None else typed
    if isinstance(year, bool) or not isinstance(year, numbers.Integral):
        raise _year_error(typed, f"应为 {YEAR_MIN}—{YEAR_MAX} 之间的整数")
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise _year_error(typed, f"应在 {YEAR_MIN}—{YEAR_MAX} 之间")
    return int(year)


def read_year(raw: Any) -> int:
    """A typed year (full-width digits read as ASCII) between 2000 and 2100, else UsageError."""
    if not isinstance(raw, str):
        return check_year(raw)
    text = normalise(raw)
    if not re.fullmatch(r"[0-9]+", text):
        raise _year_error(raw, f"应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数字")
    if len(text.lstrip("0")) > 4:
        raise _year_error(raw, f"应在 {YEAR_MIN}—{YEAR_MAX} 之间")
    return check_year(int(text), raw)
