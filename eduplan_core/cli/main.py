"""Entry point: `eduplan COMMAND`. Every EduPlanError becomes a Chinese message and an exit code."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import EduPlanError
from . import catalog_cmds, entry_cmds, indicator_cmds, org_cmds, workspace_cmds


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EduPlanError as exc:
            click.echo(f"错误：{exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit,
                BrokenPipeError):  # click's own handling (`eduplan targets | head` is fine)
            raise
        except Exception:  # a bug of ours: say so plainly, keep the details in the log
            log = _log_internal_error()
            click.echo(f"程序内部错误，未做任何修改。详细信息已记录在 {log}，请发送给技术支持。",
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


for module in (workspace_cmds, org_cmds, catalog_cmds, entry_cmds, indicator_cmds):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    cli(prog_name="eduplan")
