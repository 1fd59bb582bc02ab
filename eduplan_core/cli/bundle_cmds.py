"""setup, export, import, enrol, conflicts: data travelling between offices as files.

The passphrase of the workspace's keys is asked with a hidden prompt, or taken from
``EDUPLAN_PASSPHRASE`` for scripts (as for ``eduplan keys``).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..exchange import conflicts as conflicts_mod
from ..exchange import enrol as enrol_mod
from ..exchange import keys
from ..exchange.export import export_bundle
from ..exchange.inbox import ImportReport, Outcome, bundle_files, import_files, retry_held
from ..exchange.setup import (describe_setup, export_setup, import_setup, needs_passphrase,
                              needs_restore_code)
from ..inputs import shown
from ..store import exchange_rows
from .common import (FILE, YEAR, _Date, emit_json, json_option, resolve_workspace, say, table,
                     with_workspace)
from .exchange_cmds import ENV_PASSPHRASE, passphrase


def _unlock(ws) -> keys.Keyring:
    keys.key_info(ws)  # no keys: say so before asking for anything
    return keys.unlock(ws, passphrase(ENV_PASSPHRASE, "本工作区的密钥口令"))


# -- setup ---------------------------------------------------------------------------------

@click.group("setup")
def setup_group():
    """设立文件：上级为下级单位生成，下级据此建立工作区（学校名册、上级公钥）。"""


@setup_group.command("export")
@click.option("--for", "units", multiple=True, required=True,
              help="直属下级单位（代码或名称，可多次给出）")
@click.option("--out", "out", required=True, type=FILE, help="设立文件（不会覆盖已有文件）")
@click.option("--due", "due", type=_Date(), default=None, help="本轮报送截止日期 YYYY-MM-DD")
@click.option("--restore", "restore", is_flag=True,
              help="学校电脑丢失或损坏：附上本局保存的该校全部数据，供新电脑恢复（以恢复码加密）")
@with_workspace
@json_option
def setup_export(units, out, due, restore, ws, as_json):
    """为直属下级单位生成签名的设立文件。"""
    keys.key_info(ws)
    secret = passphrase(ENV_PASSPHRASE, "本工作区的密钥口令")
    result = export_setup(ws, secret, list(units), Path(out), due, restore=restore)
    if as_json:
        emit_json(result)
        return
    if result.restore_code:
        say(f"已生成恢复文件：{shown(result.path)}（含该校 {result.restored_entries} 张表的全部记录）\n"
            f"恢复码：{result.restore_code}\n"
            "    请通过电话把恢复码读给学校（不要和文件一起发送）；恢复码只显示这一次。\n"
            f"本单位指纹：{result.fingerprint}")
        return
    say(f"已生成设立文件：{shown(result.path)}\n包含单位：{'、'.join(result.units)}；学校 "
        f"{result.schools} 所；截止日期：{result.due or '未设'}\n本单位指纹：{result.fingerprint}\n"
        "下级导入后会看到这个指纹，请通电话逐组核对。")


@setup_group.command("show")
@click.argument("file", type=FILE)
@json_option
def setup_show(file, as_json):
    """查看设立文件（发出单位、包含的单位、指纹），不做任何修改。"""
    info = describe_setup(Path(file))
    if as_json:
        emit_json(info)
        return
    say(f"发出单位：{shown(info.bureau_name)}（{info.bureau}）\n指纹：{info.fingerprint}\n"
        f"包含单位：{'、'.join(info.units)}\n学校：{info.schools} 所\n截止日期：{info.due or '未设'}")


@setup_group.command("import")
@click.argument("file", type=FILE)
@click.option("--org", "org", default=None, help="本单位（设立文件包含多个单位时必须给出）")
@click.option("--operator", "operator", default=None, help="操作员姓名（新建工作区时必须给出）")
@click.option("--restore-code", "restore_code", default=None, envvar="EDUPLAN_RESTORE_CODE",
              help="恢复文件的 24 位恢复码（上级电话告知）")
@click.option("--workspace", "workspace", type=click.Path(file_okay=False, path_type=Path),
              envvar="EDUPLAN_WORKSPACE", default=None, help="工作区目录（不存在则新建）")
@json_option
def setup_import(file, org, operator, restore_code, workspace, as_json):
    """据设立文件建立本单位的工作区（已有本单位工作区时只补充上级公钥与学校名册）。"""
    path = resolve_workspace(workspace)
    info = describe_setup(Path(file))  # a bad file is said before anything is asked
    exists = (path / "eduplan.sqlite").exists()
    if not exists and not (operator or "").strip():
        raise click.UsageError("新建工作区请给出操作员姓名（--operator）")
    if needs_restore_code(Path(file)) and not restore_code and not exists:
        restore_code = click.prompt("恢复码（24 位数字，上级电话告知）", prompt_suffix="：")
    secret = None
    if needs_passphrase(path):
        secret = passphrase(ENV_PASSPHRASE, "设置保护密钥的口令（至少 8 个字符）", new=True)
    result = import_setup(Path(file), path, org, (operator or "").strip(), secret,
                          restore_code=restore_code)
    if as_json:
        emit_json(result)
        return
    say(f"{'已建立' if result.created else '已更新'}工作区：{shown(result.path)}\n"
        f"本单位：{shown(result.org_name)}（{result.org}）\n"
        f"上级单位：{shown(info.bureau_name)}，指纹 {result.parent_fingerprint}\n"
        "    请给上级打电话，逐组核对上面的指纹；不一致就不要使用这个文件。\n"
        f"本单位指纹：{result.fingerprint}\n"
        "    上级首次收到本单位的数据包时，会请你读出这个指纹。\n"
        f"新增学校：{result.schools_added} 所；截止日期：{result.due or '未设'}"
        + (f"\n已恢复修改记录 {result.restored_revisions} 条" if result.restored_revisions else ""))


# -- export --------------------------------------------------------------------------------

@click.command("export")
@click.option("--to", "to", default=None, help="上级单位（默认：本单位的直属上级）")
@click.option("--year", "year", type=YEAR, required=True, help="年度")
@click.option("--out", "out", type=FILE, default=None,
              help="数据包文件（默认：工作区的 outbox 文件夹）")
@with_workspace
@json_option
def export_cmd(to, year, out, ws, as_json):
    """把本单位一个年度的全部数据（含已合并的下级数据）加密签名，打包报送上级。"""
    keys.key_info(ws)
    secret = passphrase(ENV_PASSPHRASE, "本工作区的密钥口令")
    r = export_bundle(ws, secret, year, to=to, out=Path(out) if out else None)
    if as_json:
        emit_json(r)
        return
    say(f"已生成数据包：{shown(r.path)}\n报送：{shown(r.recipient_name)}；{r.year} 年；第 {r.sequence} 号\n"
        f"内容：学校 {r.schools} 所，表 {r.entries} 张，修改记录 {r.revisions} 条，提交 "
        f"{r.submissions} 次；{r.size:,} 字节\n可用 U 盘、微信或电子邮件发送；只有{shown(r.recipient_name)}"
        "能打开。")


# -- import --------------------------------------------------------------------------------

def _report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        emit_json(report)
    else:
        rows = []
        for f in report.files:
            c = f.changes
            what = (f"学校 {c.schools}，表 {c.entries}，修改 {c.revisions}，提交 {c.submissions}，"
                    f"数值 {c.values}" if f.outcome in (Outcome.MERGED, Outcome.CONFLICT)
                    else "")
            rows.append([Path(f.file).name, f.sender_name or f.sender or "",
                         f.sequence if f.sequence is not None else "", f.outcome.zh,
                         "；".join(x for x in (what, f.reason) if x)])
        table(rows, ["文件", "发送单位", "序号", "结果", "说明"])
        counts = "，".join(f"{o.zh} {report.count(o)}" for o in Outcome if report.count(o))
        say(f"共 {len(report.files)} 个文件：{counts or '无'}")
    if report.count(Outcome.REJECTED):
        raise SystemExit(1)


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--held", "held", is_flag=True,
              help="重新处理暂存的数据包（更新 EduPlan 或确认密钥之后）")
@with_workspace
@json_option
def import_cmd(paths, held, ws, as_json):
    """导入下级报送的数据包（文件或文件夹，可多个）；每个文件单独处理并给出结果。"""
    if not paths and not held:
        raise click.UsageError("请给出数据包文件或文件夹")
    files = bundle_files(paths)
    ring = _unlock(ws)
    report = import_files(ws, files, ring)
    if held:
        report = ImportReport(report.files + retry_held(ws, ring).files)
    _report(report, as_json)


# -- enrol ---------------------------------------------------------------------------------

@click.group("enrol")
def enrol_group():
    """下级单位的密钥：查看、电话核对指纹后确认。"""


@enrol_group.command("list")
@with_workspace
@json_option
def enrol_list(ws, as_json):
    """列出已知与等待确认的密钥。"""
    peers = enrol_mod.peers(ws)
    if as_json:
        emit_json(peers)
        return
    status = {"confirmed": "已确认", "pending": "待确认", "retired": "已停用"}
    relation = {"parent": "上级", "child": "下级"}
    table([[p.org_name, p.org, relation.get(p.relation, p.relation), p.fingerprint,
            status.get(p.status, p.status), p.held_bundles or ""] for p in peers],
          ["单位", "代码", "关系", "指纹", "状态", "暂存数据包"])


@enrol_group.command("confirm")
@click.argument("org")
@click.option("--fingerprint", "fingerprint", default=None,
              help="电话中对方读出的指纹（给出时必须一致）")
@with_workspace
@json_option
def enrol_confirm(org, fingerprint, ws, as_json):
    """确认下级单位的密钥（先电话核对指纹），并合并它暂存的数据包。"""
    ring = _unlock(ws)
    peer, report = enrol_mod.confirm(ws, ring, org, fingerprint)
    if as_json:
        emit_json({"peer": peer, "import": report})
        return
    say(f"已确认{shown(peer.org_name)}的密钥（指纹 {peer.fingerprint}）。")
    if report.files:
        _report(report, False)


# -- conflicts -----------------------------------------------------------------------------

@click.group("conflicts")
def conflicts_group():
    """导入时保留下来的冲突：查看、处理。"""


@conflicts_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="包括已处理的")
@with_workspace
@json_option
def conflicts_list(show_all, ws, as_json):
    """列出冲突。"""
    items = conflicts_mod.list_conflicts(ws, open_only=not show_all)
    if as_json:
        emit_json(items)
        return
    kind = {"owner": "代填数据与学校报送不同", "sequence": "同一序号的两份数据包"}
    table([[c.id, kind.get(c.kind, c.kind), c.org_name, c.year, c.form or "",
            "未处理" if not c.resolved_at else f"已处理：{c.resolution}（{c.reason}）"]
           for c in items], ["编号", "类型", "单位", "年度", "表单", "状态"])


@conflicts_group.command("resolve")
@click.argument("conflict_id", type=int)
@click.option("--keep", "keep", type=click.Choice(["here", "incoming"]), required=True,
              help="here：保留本单位的；incoming：采用收到的")
@click.option("--reason", "reason", required=True, help="处理理由（记入修改记录）")
@with_workspace
@json_option
def conflicts_resolve(conflict_id, keep, reason, ws, as_json):
    """处理一个冲突：保留一方，写明理由（作为新的修改记录）。"""
    row = exchange_rows.conflict(ws, conflict_id)
    ring = _unlock(ws) if row and row["kind"] == "sequence" and keep == "incoming" else None
    c, outcome = conflicts_mod.resolve(ws, conflict_id, keep, reason, ring)
    if as_json:
        emit_json({"conflict": c, "import": outcome})
        return
    say(f"冲突 {c.id} 已处理：{'采用收到的' if keep == 'incoming' else '保留本单位的'}。")


COMMANDS = [setup_group, export_cmd, import_cmd, enrol_group, conflicts_group]
