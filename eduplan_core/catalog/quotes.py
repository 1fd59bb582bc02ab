"""Check that every target is traceable: its quote is in its document, its value in its quote.

A quote is the document's text as it stands — also where the document is an OCR copy with
damaged characters (document 004: "10%o", "IOOO", "第T立"). Such a quote must come with the
``reading`` used (the same words, the damage read: "10%。", "1000", "第一位"); the value is then
found in the reading, and the reading is shown beside the quote."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from .model import Catalog, Target

_WS = re.compile(r"\s+")
# words a document uses instead of digits, and what they mean
VALUE_WORDS = {"全覆盖": 100, "全达标": 100, "全部达标": 100, "零": 0, "一": 1, "两": 2,
               "三": 3, "四": 4, "Ⅲ": 3}
# what OCR damage looks like in a Chinese text: a letter after a percent sign ("10%o" for
# "10%。"), a run of I / l / O standing for digits ("IOOO"), one Latin letter between Chinese
# characters ("第T立" for "第一位"), 一 between digits ("1一2" for "1—2")
OCR_DAMAGE = re.compile(r"%[oO]|(?<![A-Za-z])[IlO]{2,}(?![A-Za-z])"
                        r"|[\u4e00-\u9fff][A-Za-z][\u4e00-\u9fff]|\d一\d")


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
    text = normalise(target.reading or target.quote)  # OCR damage: the value as read
    if target.value_in_quote is not None:
        word = target.value_in_quote
        return word in text and VALUE_WORDS.get(word) == target.value
    numbers = re.findall(r"\d+(?:\.\d+)?", text)
    return any(float(n) == float(target.value) for n in numbers)


def reading_problems(target: Target) -> list[str]:
    """A quote with OCR damage needs its reading; a reading is free of damage and says
    something other than the quote."""
    damage = OCR_DAMAGE.findall(target.quote)
    if not target.reading:
        return ([f"引文含 OCR 识别错误（{'、'.join(f'“{d}”' for d in damage)}），"
                 "须用 reading 给出所用的读法"] if damage else [])
    out = []
    if OCR_DAMAGE.search(target.reading):
        out.append(f"读法仍含 OCR 识别错误：{target.reading}")
    if normalise(target.reading) == normalise(target.quote):
        out.append("读法与引文相同（无 OCR 错误时不写 reading）")
    return out


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
                    f"目标值 {format_value(t.value)} 不在引文中：{t.reading or t.quote}"))
            problems += [DataFileError(plan.file, f"{key}.reading", reason)
                         for reason in reading_problems(t)]
    return problems
