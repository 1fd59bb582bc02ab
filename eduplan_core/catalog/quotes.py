"""Check that every target is traceable: its quote is in its document, its value in its quote."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from .model import Catalog, Target

_WS = re.compile(r"\s+")
# words a document uses instead of digits, and what they mean
VALUE_WORDS = {"全覆盖": 100, "全达标": 100, "全部达标": 100, "零": 0, "一": 1, "两": 2,
               "三": 3, "四": 4, "Ⅲ": 3,
               "第T立": 1}  # OCR damage in document 004 for 第一位 (first place)
# characters OCR put in place of digits in document 004 ("IOOO" for 1000)
_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0"})


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=32)
def document_text(path: str) -> str:
    return normalise(Path(path).read_text(encoding="utf-8"))


def format_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def value_in_quote(target: Target) -> bool:
    """The value is stated in the quote. A yes/no target (a milestone, a certification) has no
    number to find: its quote states what is to be achieved, and it passes."""
    if target.unit == "是/否":
        return target.value in (0, 1)
    quote = normalise(target.quote)
    if target.value_in_quote is not None:
        word = target.value_in_quote
        return word in quote and VALUE_WORDS.get(word) == target.value
    numbers = re.findall(r"\d+(?:\.\d+)?", quote.translate(_OCR_DIGITS))
    return any(float(n) == float(target.value) for n in numbers)


def quote_problems(catalog: Catalog) -> list[DataFileError]:
    """Every target whose quote is not in its document or whose value is not in its quote."""
    problems = []
    root = Path(catalog.root)
    for plan in catalog.plans.values():
        for t in plan.targets:
            doc = plan.documents[t.document]
            text = document_text(str(root / "sources" / doc.file))
            key = f"target({t.code})"
            if normalise(t.quote) not in text:
                problems.append(DataFileError(plan.file, f"{key}.quote",
                                              f"引文不在文件 {doc.file} 中：{t.quote}"))
            if not value_in_quote(t):
                problems.append(DataFileError(
                    plan.file, f"{key}.value",
                    f"目标值 {format_value(t.value)} 不在引文中：{t.quote}"))
    return problems
