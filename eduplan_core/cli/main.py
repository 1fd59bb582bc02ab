"""Entry point: `eduplan COMMAND`. Every EduPlanError becomes a Chinese message and an exit code."""

from __future__ import annotations

import io
import sys

import click

from .. import __version__
from ..errors import EduPlanError
from ..inputs import brief
from . import (audit_cmds, bundle_cmds, catalog_cmds, entry_cmds, exchange_cmds,
               indicator_cmds, org_cmds, workspace_cmds)
from .common import say


def _hint(exc: click.BadParameter) -> str:
    """The option or argument a click error is about: ``--year``, ``FILE``."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    if hint is None:
        return ""
    return " / ".join(hint) if not isinstance(hint, str) else hint.replace("'", "")


def usage_message(exc: click.UsageError) -> str:
    """click's usage errors in Chinese (the parameter types give their own Chinese reasons)."""
    if isinstance(exc, click.NoSuchOption):
        text = f"没有选项“{brief(exc.option_name)}”"
        if exc.possibilities:
            text += "，是否想用：" + "、".join(sorted(exc.possibilities))
        return text
    if isinstance(exc, click.exceptions.NoSuchCommand):
        text = f"没有命令“{brief(exc.command_name)}”"
        if exc.possibilities:
            text += "，是否想用：" + "、".join(sorted(exc.possibilities))
        return text + "（eduplan -h 列出全部命令）"
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不带值"
        return f"选项 {exc.option_name} 后面需要给出一个值"
    if isinstance(exc, click.MissingParameter):
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少必需的{kind} {_hint(exc)}"
    if isinstance(exc, click.BadParameter):
        hint = _hint(exc)
        return f"{hint}：{exc.message}" if hint else exc.message
    if exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message[exc.message.find("(") + 1:exc.message.rfind(")")]
        return f"多余的参数：{brief(extra, 60)}"
    if exc.message == "Missing command.":
        return "缺少子命令"
    return f"用法错误：{exc.message}"


class ChineseUsageError(click.UsageError):
    """A click usage error said in Chinese, with the usage line and where to find help."""

    def __init__(self, original: click.UsageError):
        super().__init__(usage_message(original), original.ctx)

    def show(self, file=None) -> None:
        lines = [f"错误：{self.message}"]
        if self.ctx is not None:
            pieces = " ".join(self.ctx.command.collect_usage_pieces(self.ctx))
            lines.append(f"用法：{self.ctx.command_path} {pieces}".rstrip())
            lines.append(f"查看帮助：{self.ctx.command_path} -h")
        say("\n".join(lines), err=True)


def _chinese(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, (ChineseUsageError, click.exceptions.NoArgsIsHelpError)):
        return exc
    return ChineseUsageError(exc)


class _Group(click.Group):
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _chinese(exc) from None

    def invoke(self, ctx):
        from ..store.tx import commits

        committed = commits()  # to say truly whether anything was saved before a failure
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _chinese(exc) from None
        except EduPlanError as exc:
            say(f"错误：{exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C or end of input at a prompt: said in Chinese
            say("已取消，未做任何修改。", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit,
                BrokenPipeError):  # click's own handling (`eduplan targets | head` is fine)
            raise
        except Exception:  # a bug of ours: say so plainly, keep the details in the log
            from ..store.tx import commits

            log = _log_internal_error()
            done = ("本次操作中已完成的保存仍然有效，未完成的部分已撤销" if commits() > committed
                    else "未做任何修改")
            click.echo(f"程序内部错误，{done}。详细信息已记录在 {log}，请发送给技术支持。",
                       err=True)
            ctx.exit(2)


def _log_internal_error() -> str:
    import datetime as dt
    import traceback

    from ..paths import user_data_dir

    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "eduplan-cli.log"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"\n[{dt.datetime.now().isoformat(timespec='seconds')}] eduplan {__version__} "
                 f"{' '.join(sys.argv[1:])}\n{traceback.format_exc()}")
    return str(path)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eduplan")
def cli():
    """EduPlan：教育高质量发展三年行动计划 指标填报与目标核查。

    退出码：0 成功；1 数据未通过校验（未保存）；2 用法或输入错误。
    """


for module in (workspace_cmds, org_cmds, catalog_cmds, entry_cmds, indicator_cmds,
               exchange_cmds, bundle_cmds, audit_cmds):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    cli(prog_name="eduplan")
