"""Sentences the core makes for people, in Chinese and in English.

A ``Text`` *is* its Chinese (a ``str``: the CLI prints it, ``--json`` writes it, tests compare
it) and carries its English in ``.en``; the desktop shows ``.en`` when its window is in English
(``desktop.models.words``). Build one with ``text(zh, en, **values)``: each template is
``str.format``-ed with the values (numbers as numbers, so ``{mb:.0f}`` works), a value that
is itself a ``Text`` going in in the same language, so phrases nest ("达到标准：需增加 …"
around a quantity, " · " joins).

Anything that turns a ``Text`` into another string (``+``, an f-string, ``.replace``) gives a
plain ``str`` — the Chinese — so a phrase that lost its English shows Chinese, never a wrong
English. Names that come from forms/ or the workspace (org, indicator and field names, units,
quotes) stay as they are in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Text(str):
    """A phrase: the string is its Chinese, ``en`` its English."""

    en: str

    def __new__(cls, zh: str, en: str = "") -> Text:
        obj = super().__new__(cls, zh)
        obj.en = en or zh
        return obj

    def __reduce__(self):  # copy and pickle keep the English
        return (Text, (str(self), self.en))

    def __repr__(self) -> str:
        return f"Text({str(self)!r}, {self.en!r})"


def english(value: Any) -> str:
    """The English of a phrase; anything else as text (names stay as they are)."""
    if isinstance(value, Text):
        return value.en
    return "" if value is None else str(value)


def chinese(value: Any) -> str:
    """The Chinese of a phrase as a plain ``str``; anything else as text."""
    return "" if value is None else str(value)


def text(zh: str, en: str, **values: Any) -> Text:
    """``zh`` and ``en`` formatted with ``values`` (a ``Text`` value in each one's language)."""
    if not values:
        return Text(zh, en)
    # text in its language; numbers as they are (so "{mb:.0f}" formats them); None as ""
    return Text(zh.format(**{k: v if _number(v) else chinese(v) for k, v in values.items()}),
                en.format(**{k: v if _number(v) else english(v) for k, v in values.items()}))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def join(parts: Iterable[Any], zh_sep: str, en_sep: str | None = None) -> Text:
    """Phrases (or names) joined, in each language with its separator."""
    items = list(parts)
    return Text(zh_sep.join(chinese(p) for p in items),
                (zh_sep if en_sep is None else en_sep).join(english(p) for p in items))


def in_language(value: Any, english_wanted: bool) -> str:
    """What to show: the English of a phrase when wanted, else the text as it is."""
    return english(value) if english_wanted else chinese(value)
