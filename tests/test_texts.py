"""eduplan_core.texts: a phrase is its Chinese and carries its English through nesting, joins,
copies and pickles; anything that rebuilds the string falls back to the Chinese."""

from __future__ import annotations

import copy
import json
import pickle

from eduplan_core.texts import Text, english, in_language, join, text


def test_a_phrase_is_its_chinese_and_knows_its_english():
    need = text("需增加{what} {n} 名", "{n} 名 more {what}", what="骨干教师", n=3)
    whole = text("达到标准：{need}", "To meet the standard: {need}", need=need)
    assert whole == "达到标准：需增加骨干教师 3 名"
    assert isinstance(whole, str)
    assert whole.en == "To meet the standard: 3 名 more 骨干教师"
    assert json.dumps(whole, ensure_ascii=False) == '"达到标准：需增加骨干教师 3 名"'
    assert copy.deepcopy(whole).en == whole.en
    assert pickle.loads(pickle.dumps(whole)).en == whole.en


def test_joins_and_fallbacks():
    parts = [Text("已达标", "Met"), "东川区", Text("逾期", "Overdue")]
    joined = join(parts, "、", ", ")
    assert joined == "已达标、东川区、逾期"
    assert joined.en == "Met, 东川区, Overdue"
    assert english(None) == "" and english(12) == "12"
    rebuilt = Text("已达标", "Met") + "！"
    assert not isinstance(rebuilt, Text) and english(rebuilt) == "已达标！"
    assert in_language(Text("已达标", "Met"), True) == "Met"
    assert in_language(Text("已达标", "Met"), False) == "已达标"
    assert type(in_language(Text("已达标", "Met"), False)) is str
    assert Text("不采集").en == "不采集"


def test_numbers_keep_their_format_and_missing_values_read_empty():
    said = text("解压后有 {mb:.0f} MB{note}", "{mb:.0f} MB unpacked{note}", mb=301.4, note=None)
    assert said == "解压后有 301 MB" and said.en == "301 MB unpacked"
    assert text("{ok}", "{ok}", ok=True) == "True"
