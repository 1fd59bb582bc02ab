"""compute, check, completeness: where an org stands against every target."""

from __future__ import annotations

import datetime as dt

import click

from ..errors import UsageError
from ..exchange.tracking import LATE_HEADERS, late_rows, late_units, save_late_list
from ..indicators.service import check_org, completeness_org, compute_org
from ..numbers_fmt import number, quantity, share, signed
from ..vocab import EntryState, Relation, Severity, Status, Verdict
from .common import (FILE, YEAR, _Date, as_of_option, emit_json, fmt, json_option, say, table,
                     with_workspace)


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
            number(v.value), inds[v.indicator].unit, number(v.numerator), number(v.denominator),
            _coverage(v),
            "" if v.schools is None else v.schools]
           for v in sorted(values, key=lambda v: (v.indicator, v.section or ""))],
          ["指标", "值", "单位", "分子", "分母", "报送/应报", "学校数"])
    c = result.youzhi_county
    if c:
        state = {True: Verdict.MEETS, False: Verdict.FAILS, None: Verdict.INCOMPLETE}[c.passes].zh
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
    """对照全部适用目标核查：本级在前，下属单位逐个在后；同一指标的几项目标归为一组，约束性目标在前。
    目标未达成不是错误（退出码0）。"""
    as_of_date = as_of if as_of else dt.date.today()
    result = check_org(ws, org, year, as_of=as_of_date)
    if as_json:
        emit_json(result)
        return
    groups: dict[str, list] = {}
    for f in result.findings:
        groups.setdefault(f.group, []).append(f)
    summary = "，".join(f"{Status.name_of(k, k)} {result.summary[k]}" for k in
                       sorted(result.summary, key=Status.rank_of))
    say(f"{fmt(result.org_name)}（{result.org}） {year} 年目标核查（截至 {result.as_of}）：{summary}")
    unit = result.org
    for members in groups.values():
        if not (show_all or any(f.is_notable for f in members)):
            continue
        lead = members[0]
        if lead.org != unit:
            unit = lead.org
            say(f"\n══ 下属单位：{fmt(lead.org_name)}（{lead.org}）══")
        tag = Severity.name_of(lead.severity) or Status(lead.status).zh
        say(f"\n[{tag}] {fmt(lead.org_name)} · {lead.indicator_name}"
            + (f"（{lead.section}）" if lead.section else ""))
        _finding_lines(lead, "  ")
        if len(members) > 1:
            say(f"  同一指标本年另有 {len(members) - 1} 项目标（以上为约束性目标）：")
            for f in members[1:]:
                _finding_lines(f, "    ", member=True)
    if result.flags:
        say(f"\n数据核实提示（可能的数据错误，不是目标差距）：{len(result.flags)} 条")
        for fl in result.flags:
            say(f"  · {fmt(fl.org_name)}：{fmt(fl.message)}")


def _finding_lines(f, pad: str, member: bool = False) -> None:
    """One finding: what the target asks and where it says so, the actual value, the state,
    what closes the gap (to this year's pace, to the target), the explanation, the source."""
    source = f.citation + ("，约束性" if f.binding and not member else "")
    say(f"{pad}{'· ' if member else ''}{f.label}：{f.requirement}（{source}）")
    pad2 = pad + ("  " if member else "")
    if f.kind == "milestone":
        state = f.status_text
        if f.done_on:
            state += f"（{f.done_on}）"
        elif f.status == Status.OVERDUE:
            state += f"（截止 {f.deadline}，未报完成）"
        elif f.status == Status.NO_DATA:
            state += "（未填报里程碑完成情况）"
        say(f"{pad2}状态：{state}")
    else:
        if f.actual is not None or f.status == Status.NO_DATA:
            against = ("对标准" if f.relation == Relation.NATIONAL else
                       f"对 {f.target_year} 年目标")
            say(f"{pad2}实际 {quantity(f.actual, f.unit)}"
                + (f" = {number(f.numerator)} / {number(f.denominator)}" if f.denominator
                   else "")
                + (f"，覆盖 {share(f.coverage)}" if f.coverage is not None else "")
                + ("（数据不全）" if f.partial else "")
                + (f"，差距 {signed(f.gap)}（{against}）" if f.gap is not None else "")
                + (f"，较上年 {signed(f.change)}" if f.change is not None else ""))
        say(f"{pad2}状态：{f.status_text}"
            + (f"；按进度本年应达 {quantity(f.expected_now, f.unit)}" if f.expected_now is not None
               else "")
            + (f"；{f.note}" if f.note and f.status != Status.BELOW_STANDARD else ""))
    for line in (f.close_pace, f.close_target):
        if line:
            say(f"{pad2}{line}")
    if f.group_note:
        say(f"{pad2}与约束性目标的不同：{f.group_note}")
    if f.explanation:
        say(f"{pad2}说明：{fmt(f.explanation)}")
    if f.excerpt:
        say(f"{pad2}依据：{f.excerpt}")
    elif f.quote:
        say(f"{pad2}原文：“{f.quote}”")
    if f.reading:  # the document is an OCR copy: its wording kept, the reading used said
        say(f"{pad2}读作：“{f.reading}”（原文为 OCR 识别文本，个别字符识别有误）")


@click.command()
@click.option("--org", required=True, help="单位代码或名称")
@click.option("--year", type=YEAR, required=True)
@as_of_option
@click.option("--due", "due", type=_Date(), default=None,
              help="本轮报送截止日期 YYYY-MM-DD（默认：上级设立文件中的截止日期）")
@click.option("--late", "late_only", is_flag=True, help="只列出逾期未报送数据包的单位")
@click.option("--out", "out", type=FILE, default=None,
              help="把逾期名单另存为 CSV（UTF-8，可用 Excel 打开），供催报使用")
@json_option
@with_workspace
def completeness(org, year, as_of, due, late_only, out, as_json, ws):
    """某年哪些单位、哪些表尚未报送或未提交（未报送的排在前面）；直属下级单位最近一次报送的数据包
    （时间、序号、结果）、是否逾期及联系人、电话。截止日期后仍未合并本年数据包的单位为逾期；
    纸质报送的学校由本局代填，不判逾期。--late 只列逾期名单，--out 另存为 CSV。"""
    result = completeness_org(ws, org, year, as_of=as_of or dt.date.today(), due=due)
    tracking = result.tracking
    if tracking is None:  # pragma: no cover - completeness_org always tracks
        raise UsageError("无法统计下级单位的报送情况", "no tracking")
    late = late_units(tracking)
    saved = f"逾期名单已保存：{out}（{save_late_list(late, out)} 个单位）" if out else ""
    if as_json:
        if saved:
            say(saved, err=True)
        if late_only:
            emit_json({"org": result.org, "year": year, "as_of": tracking.as_of,
                       "due": tracking.due, "due_source": tracking.due_source,
                       "late": [u.to_dict() for u in late]})
        else:
            emit_json(result)
        return
    due_line = tracking.due_text if tracking.due else "未设截止日期（可用 --due 指定），不判逾期"
    if late_only:
        say(f"{year} 年逾期未报送数据包的单位（截至 {tracking.as_of}；{due_line}）：{len(late)} 个")
        if late:
            table(late_rows(late), list(LATE_HEADERS))
    else:
        say(f"{year} 年：应报 {result.expected}，已提交 {result.submitted}，草稿 {result.draft}，"
            f"未报送 {result.missing}")
        table([[r.org, r.name, r.org_type, r.form, EntryState(r.state).zh,
                "纸质" if r.paper else ""]
               for r in result.rows if r.state != EntryState.SUBMITTED],
              ["代码", "名称", "类型", "表单", "状态", ""])
        if tracking.units:
            mine = [u for u in tracking.units if not u.paper]
            say(f"\n直属下级单位的数据包（截至 {tracking.as_of}；{due_line}）：自行报送 "
                f"{len(mine)}，已合并 {sum(1 for u in mine if u.merged)}，逾期 {len(late)}")
            table([[u.name, u.org, u.last_text, "" if u.days_late is None else u.days_late,
                    u.open_forms or "", u.contact_text, u.phone_text] for u in tracking.units],
                  ["单位", "代码", "最近报送", "逾期天数", "未提交表", "联系人", "电话"])
        if late and not saved:
            say(f"\n逾期 {len(late)} 个单位：--late 只列催报名单，--out 名单.csv 另存为 CSV。")
    if saved:
        say("\n" + saved)


COMMANDS = [compute, check, completeness]


def _coverage(v) -> str:
    """报送/应报 of a computed value: 无数据 when nobody reported (not "0/1 部分")."""
    if v.expected and not v.reported and v.value is None:
        return "无数据"
    return f"{v.reported}/{v.expected}" + (" 部分" if v.partial else "")
