"""Register schools from a CSV or Excel list: every bad row is reported, and then none is stored.

Columns (Chinese headers, as a bureau's list has them; English codes accepted too):
学校代码 code · 学校名称 name · 所属县 parent · 学校类型 type · 办学性质 ownership ·
城乡 urban_rural · 联系人 contact · 联系电话 phone · 纸质报送 paper (是/否)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError, EduPlanError, UsageError
from .tabular import read_csv_rows
from .store.orgs import SchoolInput, check_school, register_schools
from .store.workspace import Workspace

COLUMNS = {
    "学校代码": "code", "学校标识码": "code", "学校名称": "name", "所属县": "parent",
    "上级单位": "parent", "学校类型": "type", "办学性质": "ownership", "城乡": "urban_rural",
    "城乡类别": "urban_rural", "联系人": "contact", "联系电话": "phone", "纸质报送": "paper",
}
REQUIRED = ("code", "name", "parent", "type")


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it: the header is row 1
    reason: str


@dataclass(frozen=True)
class ImportResult:
    file: str
    imported: int
    codes: tuple[str, ...]


class ImportRejected(EduPlanError):
    def __init__(self, file: str, errors: list[RowError]):
        self.errors = errors
        lines = "\n".join(f"  第{e.row}行：{e.reason}" for e in errors[:50])
        more = f"\n  ……另有 {len(errors) - 50} 处" if len(errors) > 50 else ""
        super().__init__(f"{file} 有 {len(errors)} 处错误，未导入任何学校：\n{lines}{more}",
                         f"{file}: {len(errors)} bad row(s); nothing imported")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8 or GBK) or .xlsx file as dicts of text, keyed by column code."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"文件“{path}”不存在", f"no file {path}")  # before the suffix check
    if suffix in (".xlsx", ".xlsm"):
        raw = _read_excel(path)
    elif suffix in (".csv", ".txt"):
        raw = read_csv_rows(path)
    else:
        raise UsageError("只支持 .csv 或 .xlsx 文件", "only .csv or .xlsx files")
    if not raw:
        raise DataFileError(path.name, "(表头)", "文件为空")
    header = [str(h or "").strip() for h in raw[0]]
    keys = [COLUMNS.get(h, h if h in COLUMNS.values() else None) for h in header]
    missing = [c for c in REQUIRED if c not in keys]
    if missing:
        names = {v: k for k, v in reversed(list(COLUMNS.items()))}
        raise DataFileError(path.name, "(表头)",
                            "缺少列：" + "、".join(names[c] for c in missing))
    rows = []
    for values in raw[1:]:
        row = {k: ("" if v is None else str(v).strip()) for k, v in zip(keys, values) if k}
        rows.append(row)
    return rows


def _read_excel(path: Path) -> list[list]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DataFileError(path.name, "(文件)", f"不是有效的 Excel 文件（{exc}）") from None
    try:
        sheet = wb.worksheets[0]
        out = []
        for r in sheet.iter_rows(values_only=True):
            row = ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer()
                                         else str(v)) for v in r]
            out.append(row)
        return out
    finally:
        wb.close()


def import_schools(ws: Workspace, path: Path) -> ImportResult:
    rows = read_rows(path)
    errors: list[RowError] = []
    schools = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        paper_text = row.get("paper", "")
        if paper_text not in ("", "是", "否", "1", "0"):
            errors.append(RowError(i, f"纸质报送“{paper_text}”应为“是”或“否”"))
            continue
        school, reasons = check_school(ws.orgs, SchoolInput(
            code=row.get("code", ""), name=row.get("name", ""), parent=row.get("parent", ""),
            type=row.get("type", ""), ownership=row.get("ownership") or "公办",
            urban_rural=row.get("urban_rural") or "乡村", contact=row.get("contact", ""),
            phone=row.get("phone", ""), paper=paper_text in ("是", "1")))
        code = row.get("code", "")
        if code in seen:
            reasons.append(f"学校代码“{code}”与第{seen[code]}行重复")
        seen.setdefault(code, i)
        for reason in reasons:
            errors.append(RowError(i, reason))
        if school and not reasons:
            schools.append(school)
    if errors:
        raise ImportRejected(path.name, errors)
    if not schools:
        raise UsageError(f"{path.name} 中没有学校", "no schools in file")
    register_schools(ws, schools)
    return ImportResult(file=path.name, imported=len(schools),
                        codes=tuple(s.code for s in schools))
