"""audit: the hash-chained log of every write (store/audit.py, exchange/audit_heads.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..exchange import audit_heads
from ..inputs import shown
from ..store import audit
from .common import FILE, emit_json, json_option, say, table, with_workspace


@click.group("audit")
def audit_group():
    """审计记录：每一次写入都记入哈希链，导出时签名。"""


@audit_group.command("verify")
@click.option("--heads", "heads", type=FILE, default=None,
              help="上级导出的本单位审计签名文件（eduplan audit heads）")
@with_workspace
@json_option
def audit_verify(heads, ws, as_json):
    """检查审计记录链是否被删改；退出码 1 表示发现问题。"""
    r = audit_heads.verify(ws, Path(heads) if heads else None)
    if as_json:
        emit_json({**r.__dict__, "ok": r.ok})
    else:
        if r.ok:
            say(f"审计记录完好：共 {r.rows} 条，已核对 {r.heads_checked} 个签名。")
        else:
            say(f"发现 {len(r.problems)} 处问题（共 {r.rows} 条审计记录）：")
            for p in r.problems:
                say(f"  第 {p.row} 条：{p.message}")
        if r.last_signed:
            say(f"第 1—{r.last_signed} 条有签名保护；其后 {r.unsigned_after} 条尚未签名"
                "（下次导出数据包时签名）。")
        else:
            say(f"还没有签名（第一次导出数据包时签名）；{r.unsigned_after} 条尚未签名。")
    if not r.ok:
        raise SystemExit(1)


@audit_group.command("list")
@click.option("--limit", "limit", type=int, default=50, help="最近多少条（默认 50）")
@with_workspace
@json_option
def audit_list(limit, ws, as_json):
    """最近的审计记录。"""
    got = audit.rows(ws.db, limit)
    if as_json:
        emit_json([{**r, "detail": json.loads(r["detail"])} for r in got])
        return
    table([[r["id"], r["at"], shown(r["operator"]), r["action"], shown(r["detail"])[:80]]
           for r in got], ["编号", "时间", "操作员", "动作", "内容"])


@audit_group.command("heads")
@click.option("--org", "org", required=True, help="下级单位")
@click.option("--out", "out", required=True, type=FILE, help="输出文件")
@with_workspace
def audit_heads_cmd(org, out, ws):
    """导出从下级单位收到的审计签名，供核查该单位的审计记录（eduplan audit verify --heads）。"""
    n = audit_heads.export_heads(ws, org, Path(out))
    say(f"已导出 {n} 个审计签名：{shown(str(out))}")


COMMANDS = [audit_group]
