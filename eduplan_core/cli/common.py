"""Options and output shared by the commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import EduPlanError
from ..inputs import Refused, brief, read_date, read_year, shown
from ..numbers_fmt import compact
from ..paths import default_workspace_dir
from ..store.workspace import Workspace


class _Year(click.ParamType):
    """A year 2000–2100 (the one rule of ``inputs.read_year``), with a Chinese message."""

    name = "YEAR"

    def convert(self, value, param, ctx):
        try:
            return read_year(value)
        except EduPlanError as exc:
            self.fail(exc.message, param, ctx)


YEAR = _Year()


class _Path(click.Path):
    """click.Path with Chinese messages: a file where a folder is wanted and the reverse."""

    def convert(self, value, param, ctx):
        try:
            st = os.stat(value)
        except (OSError, ValueError):
            if self.exists:
                self.fail(f"“{brief(os.fsdecode(value), 60)}”不存在", param, ctx)
        else:
            if not self.file_okay and stat.S_ISREG(st.st_mode):
                self.fail(f"“{brief(os.fsdecode(value), 60)}”是一个文件，这里应为文件夹", param, ctx)
            if not self.dir_okay and stat.S_ISDIR(st.st_mode):
                self.fail(f"“{brief(os.fsdecode(value), 60)}”是一个文件夹，这里应为文件", param, ctx)
        return super().convert(value, param, ctx)


FILE = _Path(dir_okay=False, path_type=Path)
FOLDER = _Path(file_okay=False, path_type=Path)


class Choice(click.Choice):
    """click.Choice with a Chinese message listing the choices."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"“{brief(value)}”不是可选的值，可选：{'、'.join(map(str, self.choices))}",
                      param, ctx)


def workspace_option(f: Callable) -> Callable:
    return click.option(
        "--workspace", "workspace", type=FOLDER,
        envvar="EDUPLAN_WORKSPACE", default=None,
        help="工作区目录（默认：用户数据目录下的 workspace）")(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供脚本使用）")(f)


class _Date(click.ParamType):
    """A calendar date YYYY-MM-DD, with a Chinese message for anything else."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            text = read_date(value)  # the desktop's and --set's rule for dates
        except Refused:
            text = None
        if text is None:
            self.fail(f"“{brief(value)}”不是有效日期，应为 YYYY-MM-DD，例如 2024-12-31", param, ctx)
        return dt.date.fromisoformat(text)


def as_of_option(f: Callable) -> Callable:
    return click.option("--as-of", "as_of", type=_Date(), default=None,
                        help="截止日期的判断基准日（默认今天），YYYY-MM-DD")(f)


def resolve_workspace(path: Path | None) -> Path:
    return Path(path) if path else default_workspace_dir()


def open_workspace(path: Path | None) -> Workspace:
    return Workspace.open(resolve_workspace(path))


def with_workspace(f: Callable) -> Callable:
    """Open the workspace given by --workspace, pass it as ``ws``, close it afterwards."""

    @workspace_option
    @functools.wraps(f)
    def wrapper(*args, workspace=None, **kwargs):
        ws = open_workspace(workspace)
        try:
            return f(*args, ws=ws, **kwargs)
        finally:
            ws.close()

    return wrapper


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return to_jsonable(value.to_dict())
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if type(value).__module__ == "numpy":  # numpy scalars from the roll-ups
        return value.item()
    if isinstance(value, float) and value != value:  # NaN is missing
        return None
    return value


def emit_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def fmt(value: Any) -> str:
    """A value as a table cell or a line shows it: numbers as typed, shortened when long
    (``numbers_fmt.compact``: ``1e+308``, never 309 digits), text with control characters and
    escapes made visible."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return compact(value)
    return shown(value)


def say(text: str = "", err: bool = False) -> None:
    """Print a line for a person: control characters and terminal escapes that came with
    names, explanations or messages are shown escaped (line breaks between lines are kept)."""
    click.echo(shown(text, keep_newlines=True), err=err)


def table(rows: list[list[Any]], headers: list[str]) -> None:
    """Print a plain aligned table (CJK characters count as two columns)."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    cells = [[fmt(c) for c in r] for r in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(r: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)).rstrip()

    click.echo(line(headers))
    click.echo(line(["-" * w for w in widths]))
    for r in cells:
        click.echo(line(r))


def fail(exc: EduPlanError) -> None:
    say(f"错误：{exc.message}", err=True)
    raise SystemExit(exc.exit_code)
