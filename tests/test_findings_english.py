"""The findings' words in English (issue 12 §4): every phrase the core makes about a finding, a
target, a 优质均衡 school or a data flag is a ``Text`` whose Chinese is what the CLI prints and
whose English has no Han character but the names that come from forms/ or the workspace."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from eduplan_core.catalog.model import Target
from eduplan_core.store.workspace import Workspace
from eduplan_core.texts import Text, english

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
AS_OF = dt.date(2025, 6, 1)
PHRASES = ("label", "requirement", "close", "close_pace", "close_target", "note", "group_note",
           "status_text")


def _strings(obj, out: set[str], seen: set[int]) -> None:
    """Every Chinese string the catalogue holds (names, units, sections, quotes, titles)."""
    if isinstance(obj, str):
        if HAN.search(obj):
            out.add(obj)
        return
    if obj is None or isinstance(obj, (int, float, bool, bytes)) or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for k, v in obj.items():
            _strings(k, out, seen)
            _strings(v, out, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            _strings(v, out, seen)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            _strings(getattr(obj, f.name, None), out, seen)
    elif hasattr(obj, "__dict__"):
        for v in vars(obj).values():
            _strings(v, out, seen)


@pytest.fixture(scope="module")
def names(catalog):
    found: set[str] = set()
    _strings(catalog, found, set())
    return sorted(found, key=len, reverse=True)


def han_left(phrase, names: list[str], *more: str) -> str:
    """The English of ``phrase`` without the names; '' when no Han character is left."""
    rest = english(phrase)
    for name in sorted(more, key=len, reverse=True):
        rest = rest.replace(name, " ")
    for name in names:
        if not HAN.search(rest):
            break
        rest = rest.replace(name, " ")
    return rest if HAN.search(rest) else ""


@pytest.fixture(scope="module")
def demo_results(demo_master):
    from eduplan_core.indicators.service import check_org, compute_org

    with Workspace.open(demo_master, daily_backup=False) as ws:
        checks = [check_org(ws, "东川区", year, as_of=AS_OF) for year in (2024, 2025)]
        school = next(o.code for o in ws.orgs.children(ws.org_code) if o.is_school
                      and o.attrs_at(2025).type == "小学")
        checks.append(check_org(ws, school, 2025, as_of=AS_OF))
        computed = compute_org(ws, "东川区", 2025)
        org_names = {o.name for o in ws.orgs.descendants(ws.org_code)} | {
            o.attrs_at(y).name for o in ws.orgs.descendants(ws.org_code) if o.is_school
            for y in (2024, 2025)}
    return checks, computed, org_names


def test_every_phrase_of_a_finding_has_english(demo_results, names):
    checks, _, org_names = demo_results
    seen: dict[str, int] = {}
    for result in checks:
        for f in result.findings:
            for attr in PHRASES:
                value = getattr(f, attr)
                if not value:
                    continue
                seen[attr] = seen.get(attr, 0) + 1
                assert isinstance(value, Text), (attr, value)
                assert not han_left(value, names, *org_names), (attr, str(value), value.en)
    # the demo has every kind of phrase (else this test proves little)
    assert set(seen) == set(PHRASES)


def test_the_chinese_reads_as_before_and_the_english_naturally(demo_results):
    findings = [f for r in demo_results[0] for f in r.findings]
    final = next(f for f in findings if f.close_target and f.close_target.startswith(
        "达到 2025 年目标：需增加"))
    assert final.close_target.en.startswith("To meet the 2025 target: ")
    assert " more " in final.close_target.en
    # a counted thing has no measure word in English ("69 more 一本上线考生", not "69 人 more")
    assert not re.search(r"\d [人名所间个项次] more", final.close_target.en), final.close_target.en
    # the need alone, for a list's narrow cell
    assert final.close_target.need in final.close_target
    assert final.close_target.en.endswith(final.close_target.need.en)
    standard = next(f for f in findings if f.close_target and f.close_target.startswith(
        "达到标准：需增加"))
    assert standard.close_target.en.startswith("To meet the standard: ")
    pace = next(f for f in findings if f.close_pace)
    assert pace.close_pace.startswith("按本年进度：需增加")
    assert pace.close_pace.en.startswith("At this year's pace: ")
    assert pace.close == f"{pace.close_pace}；{pace.close_target}"
    assert pace.close.en == f"{pace.close_pace.en}; {pace.close_target.en}"
    national = next(f for f in findings if f.label == "国家标准（每年适用）")
    assert national.label.en == "National standard (every year)"
    note = next(f for f in findings if f.status == "below_standard")
    assert note.status_text.startswith("低于标准（")
    assert note.status_text.en.startswith("Below the standard (")


def test_a_targets_words(catalog):
    base = next(t for t in catalog.targets if t.kind not in ("milestone", "not_collected")
                and not t.is_national and t.unit not in ("是/否",))
    from eduplan_core.targets import requirement_text, target_label

    milestone = dataclasses.replace(base, kind="milestone", deadline=dt.date(2024, 9, 30))
    assert requirement_text(milestone) == "2024-09-30 前完成"
    assert requirement_text(milestone).en == "Due 2024-09-30"
    assert target_label(milestone).en == "Milestone"
    undated = dataclasses.replace(milestone, deadline=None, year=2025)
    assert (str(requirement_text(undated)), requirement_text(undated).en) == (
        "2025 年完成", "To be done in 2025")
    skipped = dataclasses.replace(base, kind="not_collected")
    assert (str(requirement_text(skipped)), requirement_text(skipped).en) == (
        "不采集", "Not collected")
    yes = dataclasses.replace(base, unit="是/否", value=1.0, section=None)
    assert (str(requirement_text(yes)), requirement_text(yes).en) == ("是", "Yes")
    about = dataclasses.replace(base, comparator="≈", value=0.5, tolerance=0.05, unit="",
                                section="小学")
    assert str(requirement_text(about)) == "小学 ≈ 0.5（±0.05）"
    assert requirement_text(about).en == "小学 ≈ 0.5 (±0.05)"
    assert (str(target_label(base)), target_label(base).en) == (
        f"{base.year} 年目标", f"{base.year} target")
    assert isinstance(base, Target)


def test_milestone_states_and_judged_names_have_english():
    from eduplan_core.targets import JUDGED_NAMES, MILESTONE_STATES

    for phrase in [*JUDGED_NAMES.values(), *MILESTONE_STATES.values()]:
        assert isinstance(phrase, Text) and not HAN.search(phrase.en), phrase


def test_how_a_group_member_differs_has_english(demo_results, names):
    findings = [f for r in demo_results[0] for f in r.findings if f.group_note]
    assert findings
    from eduplan_core.indicators.evaluate import judged_how

    for f in findings:
        assert not han_left(judged_how(f), names), judged_how(f).en


def test_youzhi_reasons_and_data_flags_have_english(demo_results, names):
    _, computed, org_names = demo_results
    reasons = [s.reason for s in computed.youzhi_schools if s.reason]
    assert any(r == "本年未报送" for r in reasons) or any("不参加" in r for r in reasons)
    for reason in reasons:
        assert isinstance(reason, Text), reason
        assert not han_left(reason, names, *org_names), (str(reason), reason.en)
    excluded = next(r for r in reasons if r.endswith("不参加优质均衡学校评估"))
    assert "not assessed" in excluded.en
    flags = [flag for r in demo_results[0] for flag in r.flags]
    assert "outlier" in {flag.kind for flag in flags}  # (yoy: the demo explains its jumps)
    for flag in flags:
        assert isinstance(flag.message, Text)
        assert not han_left(flag.message, names, *org_names), flag.message.en


def test_a_yes_no_number_has_english():
    from eduplan_core.numbers_fmt import number

    assert (str(number(True)), english(number(True))) == ("是", "Yes")
    assert (str(number(False)), english(number(False))) == ("否", "No")


def test_a_dashboard_rows_section_in_english(demo_master):
    from eduplan_core.indicators.dashboard import dashboard

    with Workspace.open(demo_master, daily_backup=False) as ws:
        board = dashboard(ws, "东川区", 2025, as_of=AS_OF)
    row = next(r for r in board.rows if r.section)
    assert row.name.endswith(f"（{row.section}）")
    assert english(row.name).endswith(f" ({row.section})")


def test_a_close_keeps_its_english_when_copied():
    import copy
    import pickle

    from eduplan_core.indicators.evaluate import _labelled
    from eduplan_core.texts import text

    close = _labelled(text("达到标准", "To meet the standard"), text("需增加 x", "x more"))
    for again in (copy.deepcopy(close), pickle.loads(pickle.dumps(close))):
        assert (str(again), again.en, again.need.en) == (
            "达到标准：需增加 x", "To meet the standard: x more", "x more")
