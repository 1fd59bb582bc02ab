"""enter, submit, show, history: values of a form."""

from __future__ import annotations

import click

from ..errors import UsageError
from ..store import entries
from ..tabular import read_value_csv
from .common import FILE, YEAR, emit_json, fmt, json_option, say, table, with_workspace


def _pairs(items: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"{option} 的格式应为 字段=值，收到“{item}”", f"{option} needs FIELD=VALUE")
        key, value = item.split("=", 1)
        out[key.strip()] = value
    return out


@click.command()
@click.option("--org", required=True, help="单位代码或名称")
@click.option("--year", type=YEAR, required=True)
@click.option("--form", "form_code", default=None, help="表单代码（单位只填一张表时可省略）")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE", help="填写字段值（可重复）")
@click.option("--explain", "explains", multiple=True, metavar="FIELD=TEXT",
              help="对警告的说明（可重复）")
@click.option("--file", "value_file", type=FILE,
              default=None, help="从 CSV（字段,值[,说明]）读取")
@click.option("--from-last-year", is_flag=True, help="以上一年的值开始本年草稿（标记为沿用）")
@json_option
@with_workspace
def enter(org, year, form_code, sets, explains, value_file, from_last_year, as_json, ws):
    """填写数据（立即保存为草稿）。有错误则不保存（退出码1）；警告需填写说明。"""
    values = _pairs(sets, "--set")
    explanations = _pairs(explains, "--explain")
    if value_file:
        # every row of the file is checked against the form's fields, all bad rows at once
        form = entries.form_for(ws, ws.orgs.resolve(org), year, form_code)
        file_values, file_expl = read_value_csv(value_file, form)
        values = {**file_values, **values}
        explanations = {**file_expl, **explanations}
    if not values and not explanations and not from_last_year:
        raise UsageError("没有要填写的内容（--set、--explain、--file 或 --from-last-year）",
                         "nothing to enter")
    carried = entries.last_year_values(ws, org, year, form_code) if from_last_year else None
    results = [entries.set_values(ws, org, year, form_code, values, explanations,
                                  carried_values=carried)]
    if as_json:
        emit_json(results[0])
        return
    for r in results:
        for c in r.changes:
            say(f"  {fmt(c.field)}: {fmt(c.old)} → {fmt(c.new)}"
                       + (f"（说明：{fmt(c.explanation)}）" if c.explanation else ""))
        say(f"已保存 {len(r.changes)} 项（{r.form}，{r.year} 年，草稿）")
        if r.reopened:
            say("注意：该表已提交过，修改后状态回到草稿，需重新提交。")
        for w in r.warnings:
            mark = "需说明" if w in r.unexplained else "已说明"
            say(f"  ⚠ 警告（{mark}）：{w.message}")


@click.command()
@click.option("--org", required=True)
@click.option("--year", type=YEAR, required=True)
@click.option("--form", "form_code", default=None)
@json_option
@with_workspace
def submit(org, year, form_code, as_json, ws):
    """提交表单：冻结当前值并记录表单版本哈希。有错误或未说明的警告时拒绝（退出码1）。"""
    result = entries.submit(ws, org, year, form_code)
    if as_json:
        emit_json(result)
    elif result.unchanged:
        say(f"未重复提交：{result.form}，{result.year} 年自上次提交（{result.at[:19]}）以来没有修改，"
            f"无需再次提交（修订号 {result.revision_id}）")
    else:
        say(f"已提交：{result.form}，{result.year} 年（修订号 {result.revision_id}，"
                   f"表单哈希 {result.form_hash[:12]}）")


@click.command()
@click.option("--org", required=True)
@click.option("--year", type=YEAR, required=True)
@click.option("--form", "form_code", default=None)
@json_option
@with_workspace
def show(org, year, form_code, as_json, ws):
    """显示某表单的当前值、状态和校验结果。"""
    view = entries.view_entry(ws, org, year, form_code)
    if as_json:
        emit_json(view)
        return
    form = ws.catalog.forms[view.form]
    say(f"{form.name}  {year} 年  状态：{view.state}")
    table([[f.code, f.label, fmt(view.values.get(f.code)), f.unit,
            "沿用" if f.code in view.carried_over else "", view.explanations.get(f.code, "")]
           for f in form.input_fields], ["代码", "名称", "值", "单位", "", "说明"])
    for i in view.issues:
        mark = "✗" if i.is_error else ("⚠ 需说明" if i in view.unexplained else "⚠ 已说明")
        say(f"  {mark} {i.message}")


@click.command()
@click.option("--org", required=True)
@click.option("--field", "field_code", required=True)
@click.option("--year", type=YEAR, default=None)
@json_option
@with_workspace
def history(org, field_code, year, as_json, ws):
    """某字段的全部修改记录：时间、操作员、旧值 → 新值、说明。"""
    rows = entries.history(ws, org, field_code, year)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        say("没有修改记录。")
        return
    table([[r.year, r.form, fmt(r.old), fmt(r.new), r.operator, r.at, r.source,
            r.explanation or ""] for r in rows],
          ["年份", "表单", "旧值", "新值", "操作员", "时间", "来源", "说明"])


COMMANDS = [enter, submit, show, history]
