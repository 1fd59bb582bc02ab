"""compute, check, completeness: where an org stands against every target."""

from __future__ import annotations

import datetime as dt

import click

from ..errors import UsageError
from ..indicators.completeness import STATE_NAMES
from ..indicators.evaluate import STATUS_NAMES
from ..indicators.service import check_org, completeness_org, compute_org
from .common import (YEAR, as_of_option, emit_json, fmt, json_option, say, table,
                     with_workspace)

SEVERITY_NAMES = {"critical": "严重", "major": "较大", "minor": "轻微", None: ""}


def _num(v, digits=2):
    if v is None:
        return "—"
    if abs(v - round(v)) < 1e-9:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


@click.command()
@click.option("--org", required=True, help="单位代码或名称")
@click.option("--year", type=YEAR, required=True)
@click.option("--indicator", "only", default=None, help="只显示某个指标")
@json_option
@with_workspace
def compute(org, year, only, as_json, ws):
    """计算某单位某年的全部指标：值、分子、分母、覆盖率（比率一律为分子之和/分母之和）。"""
    if only is not None and only not in ws.catalog.indicators:
        raise UsageError(f"指标“{only}”不存在（eduplan indicators 查看）", f"no indicator {only}")
    result = compute_org(ws, org, year)
    values = [v for v in result.values if only is None or v.indicator == only]
    if as_json:
        data = {"org": {"code": result.org, "name": result.org_name}, "year": year,
                "indicators": [{**v.to_dict(),
                                "name": ws.catalog.indicators[v.indicator].name,
                                "unit": ws.catalog.indicators[v.indicator].unit}
                               for v in values]}
        if result.youzhi_county:
            data["youzhi"] = {"county": result.youzhi_county,
                              "schools": list(result.youzhi_schools)}
        emit_json(data)
        return
    say(f"{fmt(result.org_name)}（{result.org}） {year} 年指标：{len(values)} 项")
    inds = ws.catalog.indicators
    table([[inds[v.indicator].name + (f"（{v.section}）" if v.section else ""),
            _num(v.value), inds[v.indicator].unit, _num(v.numerator), _num(v.denominator),
            f"{v.reported}/{v.expected}" + (" 部分" if v.partial else ""),
            "" if v.schools is None else v.schools]
           for v in sorted(values, key=lambda v: (v.indicator, v.section or ""))],
          ["指标", "值", "单位", "分子", "分母", "报送/应报", "学校数"])
    c = result.youzhi_county
    if c:
        state = {True: "达标", False: "未达标", None: "数据不全"}[c.passes]
        say(f"\n优质均衡资源配置（本县自查）：{state}；参评学校 {c.schools_assessed} 所，达标 "
                   f"{c.schools_passing} 所，不参评 {c.schools_excluded} 所；认定状态："
                   f"{'已认定' if c.certified else '未认定'}")


@click.command()
@click.option("--org", required=True, help="单位代码或名称")
@click.option("--year", type=YEAR, required=True)
@click.option("--all", "show_all", is_flag=True, help="也列出已达标与进度正常的目标")
@as_of_option
@json_option
@with_workspace
def check(org, year, show_all, as_of, as_json, ws):
    """对照全部适用目标核查：按严重程度列出差距、原文、进度与说明。目标未达成不是错误（退出码0）。"""
    as_of_date = as_of if as_of else dt.date.today()
    result = check_org(ws, org, year, as_of=as_of_date)
    if as_json:
        emit_json(result)
        return
    shown = [f for f in result.findings if show_all or f.is_shortfall]
    summary = "，".join(f"{STATUS_NAMES[k]} {n}" for k, n in sorted(result.summary.items()))
    say(f"{fmt(result.org_name)}（{result.org}） {year} 年目标核查（截至 {result.as_of}）：{summary}")
    for f in shown:
        head = (f"[{SEVERITY_NAMES[f.severity] or STATUS_NAMES[f.status]}] {fmt(f.org_name)} · "
                f"{f.indicator_name}" + (f"（{f.section}）" if f.section else ""))
        say(f"\n{head}")
        target = f"{f.comparator}{fmt(f.target_value)}{'' if f.unit == '是/否' else f.unit}"
        line = f"  目标 {f.target_year} 年 {target}（{f.plan_name}{'，约束性' if f.binding else ''}）"
        if f.deadline:
            line += f" 截止 {f.deadline}"
        say(line)
        if f.kind != "milestone":
            say(f"  实际 {_num(f.actual)}{'' if f.unit == '是/否' else f.unit}"
                       + (f" = {_num(f.numerator)} / {_num(f.denominator)}"
                          if f.denominator else "")
                       + (f"，覆盖 {f.coverage:.0%}" if f.coverage is not None else "")
                       + ("（数据不全）" if f.partial else "")
                       + (f"，差距 {_num(f.gap)}" if f.gap is not None else "")
                       + (f"，较上年 {f.change:+.2f}" if f.change is not None else ""))
        say(f"  状态：{STATUS_NAMES[f.status]}"
                   + (f"；按进度本年应达 {_num(f.expected_now)}" if f.expected_now is not None
                      else ""))
        if f.close:
            say(f"  {f.close}")
        if f.explanation:
            say(f"  说明：{fmt(f.explanation)}")
        say(f"  原文：“{f.quote}”——{f.document}")
    if result.flags:
        say(f"\n数据核实提示（可能的数据错误，不是目标差距）：{len(result.flags)} 条")
        for fl in result.flags:
            say(f"  · {fmt(fl.org_name)}：{fmt(fl.message)}")


@click.command()
@click.option("--org", required=True)
@click.option("--year", type=YEAR, required=True)
@json_option
@with_workspace
def completeness(org, year, as_json, ws):
    """某年哪些单位、哪些表尚未报送或未提交（未报送的排在前面）。"""
    result = completeness_org(ws, org, year)
    if as_json:
        emit_json(result)
        return
    say(f"{year} 年：应报 {result.expected}，已提交 {result.submitted}，草稿 {result.draft}，"
               f"未报送 {result.missing}")
    table([[r.org, r.name, r.org_type, r.form, STATE_NAMES[r.state], "纸质" if r.paper else ""]
           for r in result.rows if r.state != "submitted"],
          ["代码", "名称", "类型", "表单", "状态", ""])


COMMANDS = [compute, check, completeness]
