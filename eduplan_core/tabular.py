"""Reading the text files users bring: CSV saved by Excel in UTF-8 or GBK."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import DataFileError, UsageError

ENCODINGS = ("utf-8-sig", "gb18030")  # Excel on a Chinese Windows saves CSV as GBK


def decode_text(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"文件“{path}”不存在", f"no file {path}")
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(path.name, "(编码)", "无法识别文件编码（应为 UTF-8 或 GBK）")


def read_csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(decode_text(path))))


VALUE_COLUMNS = {"字段": "field", "field": "field", "值": "value", "value": "value",
                 "说明": "explanation", "explanation": "explanation"}


def read_value_csv(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Values (and explanations) of one form from a CSV with columns 字段, 值[, 说明]."""
    rows = read_csv_rows(path)
    if not rows:
        raise DataFileError(path.name, "(表头)", "文件为空")
    header = [VALUE_COLUMNS.get(h.strip(), h.strip()) for h in rows[0]]
    if "field" not in header or "value" not in header:
        raise DataFileError(path.name, "(表头)", "应有“字段”和“值”两列")
    values, explanations = {}, {}
    for n, raw in enumerate(rows[1:], start=2):
        row = {k: (v or "").strip() for k, v in zip(header, raw)}
        if not any(row.values()):
            continue
        if not row.get("field"):
            raise DataFileError(path.name, f"第{n}行", "缺少字段代码")
        values[row["field"]] = row.get("value", "")
        if row.get("explanation"):
            explanations[row["field"]] = row["explanation"]
    return values, explanations
