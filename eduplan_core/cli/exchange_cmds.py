"""keys: the workspace's encryption and signing keys (eduplan_core/exchange/keys.py).

A passphrase is asked for with a hidden prompt (twice when it is a new one), or taken from the
environment for scripts: ``EDUPLAN_PASSPHRASE`` (the workspace's; the new one for ``keys
init`` and ``keys restore``), ``EDUPLAN_NEW_PASSPHRASE`` (``keys passphrase``),
``EDUPLAN_BACKUP_PASSPHRASE`` (the key backup file's).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import UsageError
from ..exchange import keys
from ..inputs import shown
from .common import FILE, emit_json, json_option, say, with_workspace

ENV_PASSPHRASE = "EDUPLAN_PASSPHRASE"
ENV_NEW_PASSPHRASE = "EDUPLAN_NEW_PASSPHRASE"
ENV_BACKUP_PASSPHRASE = "EDUPLAN_BACKUP_PASSPHRASE"


def passphrase(env: str, prompt: str, *, new: bool = False) -> str:
    """From ``env`` when set, else a hidden prompt (asked twice for a new passphrase)."""
    given = os.environ.get(env)
    if given is not None:
        if new:
            keys.check_new_passphrase(given)
        return given
    for _ in range(3):
        first = click.prompt(prompt, hide_input=True, prompt_suffix="：")
        if not new:
            return first
        try:
            keys.check_new_passphrase(first)
        except UsageError as exc:
            say(exc.message, err=True)
            continue
        if click.prompt("请再输入一次", hide_input=True, prompt_suffix="：") == first:
            return first
        say("两次输入的口令不一致，请重新输入。", err=True)
    raise UsageError("未设置口令，未做任何修改。", "no passphrase set; nothing was changed")


def _show(info: keys.KeyInfo) -> None:
    cur = info.current
    lines = [f"单位：{shown(info.org_name)}（{info.org}）",
             f"指纹：{info.fingerprint}",
             "      （与对方通电话时逐组读出、核对这 32 位数字）",
             f"第 {cur.generation} 代密钥，建立于 {cur.created_at}（{shown(cur.created_by)}）",
             f"加密公钥（X25519）：{cur.encryption_b64}",
             f"签名公钥（Ed25519）：{cur.signing_b64}",
             f"私钥保护：{info.kdf.describe()}"]
    for old in info.older:
        lines.append(f"旧密钥：第 {old.generation} 代，{old.retired_at} 停用，指纹 {old.fingerprint}"
                     "（仍可打开发给它的旧数据包）")
    say("\n".join(lines))


def _done(as_json: bool, data, text: str, info: keys.KeyInfo | None = None) -> None:
    """``data`` as JSON, or ``text`` (and the keys as ``keys show`` shows them)."""
    if as_json:
        emit_json(data)
        return
    say(text)
    if info is not None:
        _show(info)


@click.group("keys")
def keys_group():
    """密钥：本工作区的加密与签名密钥（私钥只以口令加密保存）。"""


@keys_group.command("init")
@with_workspace
@json_option
def keys_init(ws, as_json):
    """建立本工作区的密钥，设置保护私钥的口令。"""
    keys.ensure_no_keys(ws)  # before asking for anything
    secret = passphrase(ENV_PASSPHRASE, "设置保护密钥的口令（至少 8 个字符）", new=True)
    info = keys.init_keys(ws, secret)
    _done(as_json, info, "已建立密钥。请牢记口令：忘记口令将无法发送和接收数据，请及时备份密钥"
          "（eduplan keys backup --out 文件）。", info)


@keys_group.command("show")
@with_workspace
@json_option
def keys_show(ws, as_json):
    """显示公钥与指纹（不需要口令）。"""
    info = keys.key_info(ws)
    emit_json(info) if as_json else _show(info)


@keys_group.command("backup")
@click.option("--out", "out", required=True, type=FILE, help="备份文件（不会覆盖已有文件）")
@with_workspace
@json_option
def keys_backup(out, ws, as_json):
    """把全部密钥备份到一个以口令保护的文件。"""
    keys.key_info(ws)  # no keys: say so before asking for anything
    if Path(out).exists():
        raise UsageError(f"文件“{shown(str(out))}”已存在，不会覆盖；请换一个文件名。",
                         f"{out} exists")
    secret = passphrase(ENV_PASSPHRASE, "本工作区的密钥口令")
    backup_secret = passphrase(ENV_BACKUP_PASSPHRASE, "设置备份文件的口令（至少 8 个字符）",
                               new=True)
    result = keys.backup_keys(ws, secret, out, backup_secret)
    _done(as_json, result, f"已备份密钥：{shown(result.path)}\n指纹：{result.fingerprint}\n"
          "请把文件和它的口令分开保管（例如文件存 U 盘，口令记在纸上锁在柜里）。")


@keys_group.command("restore")
@click.argument("file", type=FILE)
@with_workspace
@json_option
def keys_restore(file, ws, as_json):
    """从密钥备份文件恢复本单位的密钥（指纹不变）。"""
    keys.read_backup(file)  # not a backup, or keys here already: say so before asking
    keys.ensure_no_keys(ws)
    backup_secret = passphrase(ENV_BACKUP_PASSPHRASE, "备份文件的口令")
    secret = passphrase(ENV_PASSPHRASE, "设置本工作区的密钥口令（至少 8 个字符）", new=True)
    info = keys.restore_keys(ws, file, backup_secret, secret)
    _done(as_json, info, "已恢复密钥。", info)


@keys_group.command("rotate")
@with_workspace
@json_option
def keys_rotate(ws, as_json):
    """更换密钥：生成新一代密钥，旧密钥保留（旧数据包仍可打开），更换声明由旧密钥签名。"""
    before = keys.key_info(ws)
    secret = passphrase(ENV_PASSPHRASE, "本工作区的密钥口令")
    info, rotation = keys.rotate_keys(ws, secret)
    _done(as_json, {"keys": info, "rotation": rotation},
          f"已更换密钥：第 {before.current.generation} 代 → 第 {info.current.generation} 代\n"
          f"原指纹：{before.fingerprint}\n新指纹：{info.fingerprint}\n"
          "上级单位将从下一次报送的数据包中得知新密钥（由原密钥签名的更换声明）。请重新备份密钥。")


@keys_group.command("passphrase")
@with_workspace
@json_option
def keys_passphrase(ws, as_json):
    """更换保护密钥的口令。"""
    keys.key_info(ws)
    old = passphrase(ENV_PASSPHRASE, "原口令")
    keys.unlock(ws, old)  # a wrong old passphrase is said before a new one is asked for
    new = passphrase(ENV_NEW_PASSPHRASE, "新口令（至少 8 个字符）", new=True)
    info = keys.change_passphrase(ws, old, new)
    _done(as_json, info, f"已更换口令。指纹不变：{info.fingerprint}")


COMMANDS = [keys_group]
