"""Reading the text files users bring: CSV saved by Excel in UTF-8 or GBK.

A file is read whole or refused whole: every bad row is named at once (file, row, reason) in
one :class:`RowsRejected`, and nothing is stored. Limits: a file of at most 64 MB, a field of
at most 131,072 characters (the csv module's limit; a longer field is refused with its row).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataFileError, EduPlanError, UsageError
from .inputs import brief
from .texts import Text, english, text

if TYPE_CHECKING:  # pragma: no cover
    from .catalog.model import Form

ENCODINGS = ("utf-8-sig", "gb18030")  # Excel on a Chinese Windows saves CSV as GBK
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = csv.field_size_limit()  # 131,072
MAX_LISTED = 50  # rows named in one message; the count says how many more
FILE_KEY = Text("(文件)", "(file)")  # the key of a DataFileError about a file as a whole
HEADER_KEY = Text("(表头)", "(header)")


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it: the header is row 1
    reason: str
    value_error: bool = False  # a value of a known field that fails its type or range


class RowsRejected(EduPlanError):
    """Some rows of a file are bad: every one is named, and nothing of the file is stored.
    Exit code 1 (data did not pass validation) when every problem is a value failing its
    field's type or range, as for ``--set``; 2 (input error) otherwise."""

    def __init__(self, file: str, errors: list[RowError], nothing: str = "未保存任何数据",
                 nothing_en: str = "nothing saved"):
        self.file, self.errors = file, errors
        self.exit_code = 1 if errors and all(e.value_error for e in errors) else 2
        listed = errors[:MAX_LISTED]
        lines = "\n".join(f"  第{e.row}行：{e.reason}" for e in listed)
        lines_en = "\n".join(f"  row {e.row}: {english(e.reason)}" for e in listed)
        extra = len(errors) - MAX_LISTED
        more = f"\n  ……另有 {extra} 处" if extra > 0 else ""
        more_en = f"\n  … and {extra} more" if extra > 0 else ""
        super().__init__(f"{file} 有 {len(errors)} 处错误，{nothing}：\n{lines}{more}",
                         f"{file}: {len(errors)} bad row(s), {nothing_en}:\n{lines_en}{more_en}")


def check_file_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    if not path.is_file():
        raise UsageError(f"文件“{path}”不存在", f"no file {path}")
    size = path.stat().st_size
    if size > limit:
        raise DataFileError(path.name, FILE_KEY,
                            text("文件过大（{mb:.1f} MB，最多 {most} MB）",
                                 "The file is too large ({mb:.1f} MB, at most {most} MB)",
                                 mb=size / 1048576, most=limit // 1048576))
    return size


def decode_text(path: Path) -> str:
    check_file_size(path)
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(path.name, Text("(编码)", "(encoding)"),
                        Text("无法识别文件编码（应为 UTF-8 或 GBK）",
                             "Unknown text encoding (UTF-8 or GBK expected)"))


def read_csv_rows(path: Path) -> list[list[str]]:
    """Every record of the CSV; a field over 131,072 characters (or any other broken record)
    is refused naming its row, never a traceback."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(decode_text(path)))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            n = len(rows) + 1
            if "field larger than field limit" in str(exc):
                reason = text("有一个字段超过 {n} 个字符，不是有效的数据",
                              "A field is longer than {n} characters: not valid data",
                              n=MAX_FIELD_CHARS)
            else:
                reason = text("无法读取（{why}）", "Cannot be read ({why})",
                              why=brief(str(exc), 60))
            raise RowsRejected(path.name, [RowError(n, reason)]) from None
        rows.append(row)


VALUE_COLUMNS = {"字段": "field", "field": "field", "值": "value", "value": "value",
                 "说明": "explanation", "explanation": "explanation"}


def read_value_csv(path: Path, form: Form | None = None
                   ) -> tuple[dict[str, str], dict[str, str]]:
    """Values (and explanations) of one form from a CSV with columns 字段, 值[, 说明].

    Every row must name a field once and give its value: a repeated field, a row without a
    field code or without a value (to clear a value use ``--set FIELD=``; to explain a warning
    without changing the value, ``--explain``) is refused. With ``form``, each row's field must
    be an input field of it and its value readable and within the field's range. Every bad
    row is named at once (:class:`RowsRejected`); nothing is returned from a bad file."""
    rows = read_csv_rows(path)
    if not rows:
        raise DataFileError(path.name, HEADER_KEY, Text("文件为空", "The file is empty"))
    header = [VALUE_COLUMNS.get(h.strip(), h.strip()) for h in rows[0]]
    if "field" not in header or "value" not in header:
        raise DataFileError(path.name, "(表头)", "应有“字段”和“值”两列")
    values: dict[str, str] = {}
    explanations: dict[str, str] = {}
    first_row: dict[str, int] = {}
    errors: list[RowError] = []
    for n, raw in enumerate(rows[1:], start=2):
        row = {k: (v or "").strip() for k, v in zip(header, raw)}
        if not any(row.values()):
            continue
        code = row.get("field", "")
        if not code:
            errors.append(RowError(n, "缺少字段代码"))
            continue
        reasons: list[RowError] = []
        if code in first_row:
            reasons.append(RowError(n, f"字段“{brief(code)}”与第{first_row[code]}行重复"))
        else:
            first_row[code] = n
        value = row.get("value", "")
        if not value:
            reasons.append(RowError(n, f"字段“{brief(code)}”没有值（清除已填的值请用 --set "
                                       f"{brief(code)}=，只写说明请用 --explain）"))
        elif form is not None:
            reasons.extend(_field_problems(form, code, value, n))
        errors.extend(reasons)
        if not reasons:
            values[code] = value
            if row.get("explanation"):
                explanations[code] = row["explanation"]
    if errors:
        raise RowsRejected(path.name, errors)
    return values, explanations


def _field_problems(form: Form, code: str, value: str, n: int) -> list[RowError]:
    from .validation import parse_value, range_issue

    field = form.field(code)
    if field is None:
        return [RowError(n, f"“{form.name}”中没有字段“{brief(code)}”")]
    if field.is_calculated:
        return [RowError(n, f"“{field.label}”是计算字段，不能填写")]
    parsed, issue = parse_value(field, value)
    if issue is None:
        issue = range_issue(field, parsed)
    return [RowError(n, issue.message, value_error=True)] if issue else []
