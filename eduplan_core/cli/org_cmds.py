"""orgs: list, add, import, set."""

from __future__ import annotations

import click

from ..catalog.load import get_catalog
from ..catalog.model import LEVEL_NAMES, OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
from ..errors import UsageError
from ..inputs import shown
from ..orgimport import import_schools
from ..orgtree import OrgTree
from ..store.backup import DB_NAME
from ..store.orgs import SchoolInput, check_school, register_school, set_school_attr
from .common import (FILE, YEAR, Choice, emit_json, json_option, open_workspace, resolve_workspace,
                     say, table, with_workspace, workspace_option)


def _org_dict(org, year: int | None) -> dict:
    d = {"code": org.code, "name": org.name, "level": org.level, "parent": org.parent}
    if org.is_school:
        a = org.attrs_at(year) if year else None
        d.update({"type": a.type if a else org.type,
                  "ownership": a.ownership if a else org.ownership,
                  "urban_rural": a.urban_rural if a else org.urban_rural,
                  "status": a.status if a else "在办",
                  "contact": org.contact, "phone": org.phone,
                  "paper": a.paper if a else org.paper, "source": org.source,
                  "quality": a.quality if a else False,
                  "teaching_point": a.teaching_point if a else org.teaching_point,
                  "parent_school": a.parent_school if a else org.parent_school})
    if org.former:
        d["former"] = [{"code": f.code, "name": f.name, "until": f.until} for f in org.former]
    return d


def _require_bureau(ws) -> None:
    if ws.role == "school":
        raise UsageError("学校工作区不能登记学校，请在县级工作区操作", "schools cannot register schools")


@click.group("orgs", invoke_without_command=True)
@click.option("--under", default=None, help="只列出某单位之下的单位")
@click.option("--year", type=YEAR, default=None, help="学校属性取该年的值")
@json_option
@workspace_option
@click.pass_context
def orgs(ctx, under, year, as_json, workspace):
    """列出单位（省、州市、县、学校）；子命令 add / import / set 登记学校。"""
    if ctx.invoked_subcommand is not None:
        return
    path = resolve_workspace(workspace)
    if workspace is None and not (path / DB_NAME).is_file():
        tree = OrgTree(get_catalog())  # no workspace yet: the shipped units
    else:
        ws = open_workspace(path)
        try:
            tree = ws.orgs
        finally:
            ws.close()
    if under:
        root = tree.resolve(under)
        items = [root] + tree.descendants(root.code)
    else:
        items = list(tree)
    rows = [_org_dict(o, year) for o in items]
    if as_json:
        emit_json(rows)
        return
    table([[r["code"], r["name"], (r.get("type") or LEVEL_NAMES[r["level"]])
            + ("（教学点）" if r.get("teaching_point") else ""), r["parent"],
            r.get("ownership"), r.get("urban_rural"), "纸质" if r.get("paper") else "",
            "优质学校" if r.get("quality") else ""]
           for r in rows], ["代码", "名称", "类型", "上级", "办学性质", "城乡", "报送", "认定"])


@orgs.command("add")
@click.option("--code", required=True, help="10位学校标识码")
@click.option("--name", required=True, help="学校名称")
@click.option("--parent", required=True, help="所属县（市、区）：代码或名称")
@click.option("--type", "school_type", required=True, type=Choice(SCHOOL_TYPES))
@click.option("--ownership", type=Choice(OWNERSHIPS), default="公办", show_default=True)
@click.option("--urban-rural", type=Choice(URBAN_RURAL), default="乡村",
              show_default=True)
@click.option("--contact", default="")
@click.option("--phone", default="")
@click.option("--paper", is_flag=True, help="该校报送纸质表，由县局代为录入")
@click.option("--teaching-point", is_flag=True,
              help="教学点（类型为小学，填小学基表；不足50人的教学点不参加优质均衡学校评估与差异系数）")
@click.option("--parent-school", default="", help="教学点所属学校：代码或名称")
@json_option
@with_workspace
def orgs_add(code, name, parent, school_type, ownership, urban_rural, contact, phone, paper,
             teaching_point, parent_school, as_json, ws):
    """登记一所学校（或教学点）。"""
    _require_bureau(ws)
    school, errors = check_school(ws.orgs, SchoolInput(code, name, parent, school_type,
                                                       ownership, urban_rural, contact, phone,
                                                       paper, teaching_point, parent_school))
    if errors or school is None:
        raise UsageError("；".join(errors), "invalid school")
    if school.parent != ws.org_code and not ws.orgs.is_below(school.parent, ws.org_code):
        raise UsageError(f"{ws.org.name}只能登记本辖区的学校", "school outside this bureau")
    register_school(ws, school)
    if as_json:
        emit_json(_org_dict(school, None))
    else:
        say(f"已登记：{shown(school.name)}（{school.code}）")


@orgs.command("import")
@click.argument("file", type=FILE)
@json_option
@with_workspace
def orgs_import(file, as_json, ws):
    """从 CSV 或 Excel 名单登记学校（有一行出错则全部不导入）。"""
    _require_bureau(ws)
    result = import_schools(ws, file)
    if as_json:
        emit_json(result)
    else:
        say(f"已从 {result.file} 登记 {result.imported} 所学校")


@orgs.command("set")
@click.argument("school")
@click.option("--year", type=YEAR, required=True, help="自该年起生效")
@click.option("--attr", required=True,
              type=Choice(["name", "type", "ownership", "urban_rural", "status",
                                 "merged_into", "paper", "quality", "teaching_point",
                                 "parent_school"]))
@click.option("--value", required=True)
@with_workspace
def orgs_set(school, year, attr, value, ws):
    """记录学校属性自某年起的变化（改名、办学性质、停办、撤并、纸质报送、优质学校认定）。"""
    _require_bureau(ws)
    org = ws.orgs.resolve(school)
    set_school_attr(ws, org.code, year, attr, value)  # checks the value (paper: 是/否/1/0)
    say(f"已记录：{shown(org.name)} 自 {year} 年起 {attr} = {shown(value)}")


COMMANDS = [orgs]
