"""forms, indicators, targets, catalog check: what forms/ holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..catalog.load import get_catalog
from ..catalog.model import SCHOOL_TYPES, scope_text
from ..catalog.quotes import quote_problems
from ..errors import CatalogError, UsageError
from ..orgtree import OrgTree
from ..store.backup import DB_NAME
from ..store.reads import milestone_dates, milestone_reports
from ..store.workspace import Workspace
from ..targets import MILESTONE_STATES, judged_targets, merged_rows, targets_for
from .common import (YEAR, Choice, as_of_option, emit_json, fmt, json_option, resolve_workspace,
                     say, table, workspace_option)


def _field_dict(f) -> dict:
    return {"code": f.code, "label": f.label, "unit": f.unit, "type": f.type,
            "required": f.required, "min": f.min, "max": f.max,
            "relevant": f.relevant.source if f.relevant else None,
            "calculate": f.calculate.source if f.calculate else None,
            "choices": list(f.choices), "group": f.group, "help": f.help}


@click.command()
@click.option("--org-type", default=None,
              type=Choice(list(SCHOOL_TYPES) + ["county", "prefecture", "province"]),
              help="只列出某类单位填报的表单")
@click.option("--form", "form_code", default=None, help="只列出某个表单（代码）")
@json_option
def forms(org_type, form_code, as_json):
    """列出表单及其字段（代码、名称、单位、类型）。"""
    catalog = get_catalog()
    items = list(catalog.forms.values())
    if org_type:
        items = [f for f in items if org_type in f.org_types]
    if form_code:
        items = [f for f in items if f.code == form_code]
        if not items:
            raise UsageError(f"表单“{form_code}”不存在", f"no form {form_code}")
    data: list[dict[str, Any]] = [{"code": f.code, "name": f.name, "org_types": list(f.org_types),
             "version": f.version, "hash": f.hash,
             "fields": [_field_dict(x) for x in f.fields],
             "rules": [{"code": r.code, "left": r.left.source, "operator": r.operator,
                        "right": r.right.source, "importance": r.importance,
                        "missing": r.missing, "message": r.message} for r in f.rules]}
            for f in items]
    if as_json:
        emit_json(data)
        return
    for f in data:
        say(f"\n{f['name']}（{f['code']}） 版本 {f['version']} 适用：{'、'.join(f['org_types'])}"
                   f" 哈希 {f['hash'][:12]}")
        table([[x["code"], x["label"], x["unit"], x["type"], "是" if x["required"] else "",
                "计算" if x["calculate"] else ""] for x in f["fields"]],
              ["代码", "名称", "单位", "类型", "必填", ""])


@click.command()
@json_option
def indicators(as_json):
    """列出指标（代码、名称、单位；限定学校范围的，列出范围）。"""
    catalog = get_catalog()
    data = [{"code": i.code, "name": i.name, "unit": i.unit, "direction": i.direction,
             "note": i.note, "scope": scope_text(i.scope) or None}
            for i in catalog.indicators.values()]
    if as_json:
        emit_json(data)
    else:
        table([[d["code"], d["name"], d["unit"], d["scope"] or ""] for d in data],
              ["代码", "名称", "单位", "学校范围"])


@click.command()
@click.option("--org", default=None, help="单位（默认：本工作区的单位）")
@click.option("--year", type=YEAR, default=None,
              help="只列出该年核查（eduplan check --year）判断的目标")
@click.option("--indicator", default=None, help="指标代码")
@as_of_option
@json_option
@workspace_option
def targets(org, year, indicator, as_of, as_json, workspace):
    """列出某单位适用的目标：本级、上级继承、国家标准；标出约束性（更严格）的目标。
    给出 --year 时列出的正是该年核查判断的目标（到期的、按进度看的、每年适用的国家标准、里程碑）。"""
    catalog = get_catalog()
    path = resolve_workspace(workspace)
    ws = Workspace.open(path, daily_backup=False) if (path / DB_NAME).is_file() else None
    as_of_date = as_of if as_of else dt.date.today()
    try:
        tree = ws.orgs if ws else OrgTree(catalog)
        if org:
            unit = tree.resolve(org)
        elif ws is not None:
            unit = ws.org
        else:
            raise UsageError("请用 --org 指定单位", "give --org")
        if indicator and indicator not in catalog.indicators:
            raise UsageError(f"指标“{indicator}”不存在（eduplan indicators 查看）",
                             f"no indicator {indicator}")
        if year is None:
            rows = targets_for(catalog, tree, unit, indicator=indicator, as_of=as_of_date)
        else:
            rows = judged_targets(catalog, tree, unit, year, as_of=as_of_date,
                                  milestones=milestone_dates(ws) if ws else None,
                                  reports=milestone_reports(ws) if ws else None,
                                  indicator=indicator)
    finally:
        if ws:
            ws.close()
    merged = merged_rows(rows)
    if as_json:
        emit_json([{**r.to_dict(), "also": [
            {"code": o.target.code, "plan": {"code": o.target.plan, "name": o.plan_name},
             "org": {"code": o.target.org, "name": o.org_name}, "relation": o.relation,
             "binding": o.binding, "source": {"document": o.document_title,
                                              "quote": o.target.quote}} for o in others]}
            for r, others in merged])
        return
    names = {o.code: o.name for o in [unit] + tree.descendants(unit.code)}
    if year is None:
        say(f"{fmt(unit.name)}（{unit.code}）适用的目标：{len(rows)} 项")
    else:
        say(f"{fmt(unit.name)}（{unit.code}） {year} 年核查判断的目标：{len(rows)} 项"
            f"（与 eduplan check --year {year} 相同；截至 {as_of_date.isoformat()}）")
    table([[_when(r, year), r.indicator_name, _scope(r, names), r.requirement,
            "、".join(dict.fromkeys(x.org_name for x in [r] + others)),
            "★" if r.binding else "",
            MILESTONE_STATES.get(r.state, "") if r.state else _deadline_state(r),
            _source(r)] for r, others in merged],
          ["适用", "指标", "范围", "目标", "来源单位", "约束", "里程碑", "原文"])
    say("★ = 约束性目标：判断同一指标、学段、范围的几项目标中更严格的一项（同值时先到期的、"
        "本级的优先）；几个规划设定相同的目标时合为一行，列出各来源单位")
    read = [r for r, _ in merged if r.target.reading]
    if read:  # an OCR copy's wording is kept as it stands; the reading used is said
        say("原文为 OCR 识别文本、个别字符识别有误的目标（引文照录，按以下读法核查）：")
        for r in read:
            say(f"  {r.target.year} {r.indicator_name}：“{r.target.quote}”读作“{r.target.reading}”")


def _when(r, year) -> str:
    t = r.target
    if t.kind == "milestone":
        text = f"截止 {t.deadline.isoformat()}" if t.deadline else f"{t.year} 年"
        return text + ("（往年未完成）" if r.judged == "carried" else "")
    if t.is_national:
        return "国家标准（每年适用）"
    if r.judged == "pace":
        return f"{t.year} 年目标（本年看进度）"
    return f"{t.year} 年目标" if year is not None else str(t.year)


def _deadline_state(r) -> str:
    if r.target.kind != "milestone" or r.overdue is None:
        return ""
    return "已过截止日期" if r.overdue else "未到期"


def _source(r) -> str:
    if r.excerpt:
        return "据" + r.excerpt
    return r.target.quote[:40]


def _scope(r, names: dict | None = None) -> str:
    """本级 for the org's own roll-up; 各县/各校 for each unit below; a bureau below against its
    own plan by name."""
    t = r.target
    if r.scope == "self":
        return "本级"
    if r.scope == "each":
        return "各" + ("县" if "county" in t.unit_types else "校")
    return f"下级：{(names or {}).get(r.scope, r.scope)}"


@click.group("catalog")
def catalog_group():
    """forms/ 数据检查。"""


@catalog_group.command("check")
@json_option
def catalog_check(as_json):
    """检查 forms/ 全部文件：结构、引用、引文与目标值（问题逐条列出：文件、键、原因）。"""
    try:
        catalog = get_catalog()
        problems = quote_problems(catalog)
    except CatalogError as exc:
        problems = exc.problems
        catalog = None
    if as_json:
        emit_json({"ok": not problems, "problems": [
            {"file": p.file, "key": p.key, "reason": p.reason} for p in problems]})
    elif problems or catalog is None:
        for p in problems:
            say(p.message)
    else:
        say(f"forms/ 检查通过：单位 {len(catalog.orgs)}，指标 {len(catalog.indicators)}，"
                   f"表单 {len(catalog.forms)}，规划 {len(catalog.plans)}，"
                   f"目标 {len(catalog.targets)}")
    if problems:
        raise SystemExit(2)


COMMANDS = [forms, indicators, targets, catalog_group]
