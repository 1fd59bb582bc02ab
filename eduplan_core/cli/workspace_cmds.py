"""init, demo, info, backup."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from ..catalog.load import get_catalog
from ..catalog.model import OWNERSHIPS, SCHOOL_TYPES, URBAN_RURAL
from ..errors import UsageError
from ..inputs import shown
from ..orgtree import OrgTree
from ..paths import demo_workspace_dir
from ..store import backup
from ..store.orgs import SchoolInput, check_school
from ..store.workspace import Workspace
from ..vocab import Role
from .common import (Choice, emit_json, json_option, open_workspace, resolve_workspace, say, table,
                     workspace_option)


@click.command()
@click.option("--org", required=True, help="单位代码或唯一的中文名称")
@click.option("--role", required=True, type=Choice([r.value for r in Role]), help="工作区角色")
@click.option("--operator", default=None, help="操作员姓名（记录在每次修改中）")
@workspace_option
@click.option("--demo", "demo", is_flag=True, help="使用演示学校（仅演示工作区）")
@click.option("--name", default=None, help="新学校：学校名称")
@click.option("--parent", default=None, help="新学校：所属县（市、区）")
@click.option("--type", "school_type", type=Choice(SCHOOL_TYPES), default=None,
              help="新学校：学校类型")
@click.option("--ownership", type=Choice(OWNERSHIPS), default="公办", show_default=True,
              help="新学校：办学性质")
@click.option("--urban-rural", type=Choice(URBAN_RURAL), default="乡村",
              show_default=True, help="新学校：城乡类别")
@click.option("--contact", default="", help="新学校：联系人")
@click.option("--phone", default="", help="新学校：联系电话")
@json_option
def init(org, role, operator, workspace, demo, name, parent, school_type, ownership,
         urban_rural, contact, phone, as_json):
    """建立工作区：某单位以某角色（学校/县/州市/省）填报。"""
    catalog = get_catalog()
    school = None
    if role == "school" and name:
        if not (parent and school_type):
            raise UsageError("新建学校工作区须同时给出 --name、--parent、--type",
                             "a new school needs --name, --parent and --type")
        school, errors = check_school(OrgTree(catalog), SchoolInput(
            code=org, name=name, parent=parent, type=school_type, ownership=ownership,
            urban_rural=urban_rural, contact=contact, phone=phone))
        if errors:
            raise UsageError("；".join(errors), "invalid school")
    elif role == "school" and org not in OrgTree(catalog, include_demo=True):
        raise UsageError(f"未知学校“{org}”：请用演示学校（--demo）或给出学校信息（--name、--parent、"
                         "--type）", "unknown school")
    if role == "school" and org in catalog.demo_schools:
        demo = True
    ws = Workspace.create(resolve_workspace(workspace), org=org, role=role,
                          operator=operator or getpass.getuser(), demo=demo, school=school,
                          catalog=catalog)
    info = ws.info()
    ws.close()
    if as_json:
        emit_json(info)
    else:
        say(f"已建立工作区：{shown(info.path)}\n单位：{shown(info.org_name)}（{info.org}） "
            f"角色：{info.role} 操作员：{shown(info.operator)}")


@click.command()
@workspace_option
@click.option("--force", is_flag=True, help="已存在时删除重建")
@json_option
def demo(workspace, force, as_json):
    """生成演示工作区：东川区教育体育局，约40所学校，2023—2025年数据。"""
    from ..demo import build_demo

    path = Path(workspace) if workspace else demo_workspace_dir()
    result = build_demo(path, force=force)
    if as_json:
        emit_json(result)
    else:
        say(f"演示工作区：{result.path}\n学校 {result.schools} 所，表单 {result.entries} 份，"
                   f"数值 {result.values} 个（{result.years[0]}—{result.years[-1]} 年）")


@click.command()
@workspace_option
@json_option
def info(workspace, as_json):
    """显示工作区信息：单位、角色、操作员。"""
    ws = open_workspace(workspace)
    try:
        data = ws.info()
    finally:
        ws.close()
    if as_json:
        emit_json(data)
    else:
        say(f"工作区：{shown(data.path)}\n单位：{shown(data.org_name)}（{data.org}）\n"
            f"角色：{data.role}\n操作员：{shown(data.operator)}\n演示：{'是' if data.demo else '否'}")


@click.command("operator")
@click.argument("name")
@workspace_option
def set_operator(name, workspace):
    """设置本工作区的操作员姓名。"""
    ws = open_workspace(workspace)
    try:
        ws.set_operator(name)
    finally:
        ws.close()
    say(f"操作员已设为：{shown(name)}")


@click.group("backup")
def backup_group():
    """备份：列出与恢复（每日自动备份，迁移前自动备份）。"""


@backup_group.command("list")
@workspace_option
@json_option
def backup_list(workspace, as_json):
    """列出备份（最新在前）。"""
    path = resolve_workspace(workspace)
    rows = backup.list_backups(path)
    if as_json:
        emit_json(rows)
    elif not rows:
        say("没有备份。")
    else:
        table([[b.name, b.taken_at, b.reason, f"{b.size / 1024:.0f} KB"] for b in rows],
              ["备份", "时间", "原因", "大小"])


@backup_group.command("create")
@workspace_option
@json_option
def backup_create(workspace, as_json):
    """立即备份。"""
    path = resolve_workspace(workspace)
    open_workspace(path).close()  # refuse a missing or damaged workspace
    info = backup.take_backup(path, "manual")
    emit_json(info) if as_json else say(f"已备份：{info.name}")


@backup_group.command("restore")
@click.argument("name")
@workspace_option
@json_option
def backup_restore(name, workspace, as_json):
    """用某个备份恢复工作区（当前文件另存，不会丢失）。"""
    result = backup.restore(resolve_workspace(workspace), name)
    if as_json:
        emit_json(result)
    else:
        say(f"已恢复：{result.restored}" + (
            f"\n原文件已另存为 backups/{result.previous_saved_as}"
            if result.previous_saved_as else ""))


COMMANDS = [init, demo, info, set_operator, backup_group]
