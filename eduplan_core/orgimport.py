"""Register schools from a CSV or Excel list: every bad row is reported, and then none is stored.

Columns (Chinese headers, as a bureau's list has them; English codes accepted too):
学校代码 code · 学校名称 name · 所属县 parent · 学校类型 type · 办学性质 ownership ·
城乡 urban_rural · 联系人 contact · 联系电话 phone · 纸质报送 paper (是/否) ·
教学点 teaching_point (是/否; a 教学点 is registered as a 小学) · 所属学校 parent_school (the
教学点's school: code or name, registered already or in the same list)

Each row is checked by the same rules as `eduplan orgs add` and `orgs set`
(:func:`eduplan_core.schoolattrs.check_attr`; the school's county in the bureau's area), and
every problem of every row is reported. :func:`check_import` reads and checks without storing
(the desktop's preview: rows OK, rows with their reasons); `orgs import`
(:func:`import_schools`) and the preview's 导入 (:func:`import_checked`) go through it and
store all or nothing.

An Excel workbook is a zip of XML files, and is not trusted: before openpyxl opens it the zip's
directory is checked (:func:`check_workbook_zip`: number of members, each member's and the
total uncompressed size, compression ratio), so a zip bomb is refused without being inflated;
the XML is parsed through defusedxml (entity declarations refused); the sheet's stated
``<dimension>`` is ignored and every row is read; an old .xls, an encrypted workbook, a
truncated or damaged file is refused with a Chinese message naming the file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog.model import Org
from .errors import Cancelled, DataFileError, EduPlanError, UsageError
from .inputs import brief
from .texts import Text, text
from .store.orgs import SchoolInput, check_school, register_schools
from .store.workspace import Workspace
from .tabular import (FILE_KEY, HEADER_KEY, MAX_FILE_BYTES, RowError, RowsRejected,
                      check_file_size, read_csv_rows)

__all__ = ["COLUMNS", "ImportCheck", "ImportRejected", "ImportResult", "RowCheck", "RowError",
           "check_import", "check_rows", "check_workbook_zip", "import_checked",
           "import_schools", "read_rows"]

COLUMNS = {
    "学校代码": "code", "学校标识码": "code", "学校名称": "name", "所属县": "parent",
    "上级单位": "parent", "学校类型": "type", "办学性质": "ownership", "城乡": "urban_rural",
    "城乡类别": "urban_rural", "联系人": "contact", "联系电话": "phone", "纸质报送": "paper",
    "教学点": "teaching_point", "所属学校": "parent_school",
}
REQUIRED = ("code", "name", "parent", "type")

# what a workbook may be before it is opened (a province's list of 25,000 schools is ~2 MB,
# its sheet ~10 MB of XML, compressed about 10:1)
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_MEMBER_BYTES = 64 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 128 * 1024 * 1024
ZIP_MAX_RATIO = 100  # uncompressed : compressed, for members above ZIP_RATIO_FROM bytes
ZIP_RATIO_FROM = 2 * 1024 * 1024
MAX_ROWS = 100_000  # rows with content in the first sheet
MAX_COLUMNS = 64  # columns read (the list has 9)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected workbook


@dataclass(frozen=True)
class ImportResult:
    file: str
    imported: int
    codes: tuple[str, ...]


class ImportRejected(RowsRejected):
    def __init__(self, file: str, errors: list[RowError]):
        super().__init__(file, errors, "未导入任何学校", "nothing imported")


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, row) of a CSV (UTF-8 or GBK) or .xlsx file, rows as dicts of text keyed by
    column code; the header is the first row with content, empty rows are left out."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"文件“{path}”不存在", f"no file {path}")  # before the suffix check
    if suffix in (".xlsx", ".xlsm"):
        raw = _read_excel(path)
    elif suffix in (".csv", ".txt"):
        raw = [(n, r) for n, r in enumerate(read_csv_rows(path), start=1)
               if any((v or "").strip() for v in r)]
    else:
        raise UsageError("只支持 .csv 或 .xlsx 文件", "only .csv or .xlsx files")
    if not raw:
        raise DataFileError(path.name, HEADER_KEY, Text("文件为空", "The file is empty"))
    header = [str(h or "").strip() for h in raw[0][1]]
    keys = [COLUMNS.get(h, h if h in COLUMNS.values() else None) for h in header]
    missing = [c for c in REQUIRED if c not in keys]
    if missing:
        names = {v: k for k, v in reversed(list(COLUMNS.items()))}
        raise DataFileError(path.name, HEADER_KEY,
                            text("缺少列：{cols}", "Missing columns: {cols_en}",
                                 cols="、".join(names[c] for c in missing),
                                 cols_en=", ".join(names[c] for c in missing)))
    rows = []
    for n, values in raw[1:]:
        row = {k: ("" if v is None else str(v).strip()) for k, v in zip(keys, values) if k}
        rows.append((n, row))
    return rows


def check_workbook_zip(path: Path) -> None:
    """Refuse what is not a workbook openpyxl may safely open — judged from the zip's central
    directory only, nothing is inflated (zipfile never inflates a member past its stated size,
    so the stated sizes bound what openpyxl can read)."""
    name = path.name
    size = check_file_size(path, MAX_FILE_BYTES)

    def refuse(reason: Text) -> DataFileError:
        return DataFileError(name, FILE_KEY, reason)

    with path.open("rb") as fh:
        head = fh.read(8)
        if head == _OLE:
            raise refuse(Text("这是旧版 Excel（.xls）文件或加密的工作簿，请在 Excel 中另存为"
                              "未加密的 .xlsx 后再导入",
                              "An old Excel (.xls) file or an encrypted workbook: save it in "
                              "Excel as an unencrypted .xlsx, then import that"))
        if size < 22 or not head.startswith(b"PK"):
            raise refuse(Text("不是有效的 Excel 文件（.xlsx），文件可能已损坏或不是 Excel 格式",
                              "Not a valid Excel file (.xlsx): damaged, or not Excel"))
        count = _stated_member_count(fh)
        if count is not None and count > ZIP_MAX_MEMBERS:
            raise refuse(_too_many(count))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse(text("不是有效的 Excel 文件（.xlsx）：文件不完整或已损坏（{why}）",
                          "Not a valid Excel file (.xlsx): incomplete or damaged ({why})",
                          why=brief(str(exc), 40))) from None
    if len(infos) > ZIP_MAX_MEMBERS:
        raise refuse(_too_many(len(infos)))
    total = 0
    for info in infos:
        mb = info.file_size / 1048576
        if info.flag_bits & 0x1:
            raise refuse(text("压缩成员“{m}”已加密，无法读取",
                              "Zip member \"{m}\" is encrypted and cannot be read",
                              m=brief(info.filename, 40)))
        if info.file_size > ZIP_MAX_MEMBER_BYTES:
            raise refuse(text("压缩成员“{m}”解压后有 {mb:.0f} MB（最多 {most} MB），"
                              "可能是“压缩炸弹”，已拒绝",
                              "Zip member \"{m}\" unpacks to {mb:.0f} MB (at most {most} "
                              "MB): possibly a zip bomb, refused", m=brief(info.filename, 40),
                              mb=mb, most=ZIP_MAX_MEMBER_BYTES // 1048576))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FROM and ratio > ZIP_MAX_RATIO:
            raise refuse(text("压缩成员“{m}”的压缩比为 {ratio:.0f}:1（解压后 {mb:.0f} MB），"
                              "远超正常的 Excel 文件，可能是“压缩炸弹”，已拒绝",
                              "Zip member \"{m}\" is compressed {ratio:.0f}:1 ({mb:.0f} MB "
                              "unpacked), far beyond an Excel file: possibly a zip bomb, "
                              "refused", m=brief(info.filename, 40), ratio=ratio, mb=mb))
        total += info.file_size
    if total > ZIP_MAX_TOTAL_BYTES:
        raise refuse(text("解压后共 {mb:.0f} MB（最多 {most} MB），可能是“压缩炸弹”，已拒绝",
                          "{mb:.0f} MB unpacked (at most {most} MB): possibly a zip bomb, "
                          "refused", mb=total / 1048576, most=ZIP_MAX_TOTAL_BYTES // 1048576))
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise refuse(Text("不是有效的 Excel 文件（.xlsx）：缺少工作簿内容（可能是其他格式改了"
                          "扩展名）", "Not a valid Excel file (.xlsx): no workbook inside "
                          "(another kind of file renamed?)"))


def _too_many(count: int) -> Text:
    return text("含有 {n} 个压缩成员（最多 {most} 个），可能是恶意构造的文件，已拒绝",
                "{n} zip members (at most {most}): possibly a malicious file, refused",
                n=count, most=ZIP_MAX_MEMBERS)


def _stated_member_count(fh) -> int | None:
    """The member count the zip's end record states — read before zipfile builds one object
    per member of a directory that may list millions. None when it cannot be read (zipfile
    then says what is wrong)."""
    try:
        # zipfile's own reader of the end record: private, hence the guard below and the ignores
        endrec = zipfile._EndRecData(fh)  # type: ignore[attr-defined]
        total = zipfile._ECD_ENTRIES_TOTAL  # type: ignore[attr-defined]
        return int(endrec[total]) if endrec else None
    except (AttributeError, OSError, IndexError, TypeError, ValueError):
        return None


def _read_excel(path: Path) -> list[tuple[int, list[str]]]:
    """(row number, cells as text) of every row with content in the first sheet."""
    check_workbook_zip(path)
    from openpyxl import load_workbook

    name = path.name
    try:
        # our own handle, closed whatever happens (openpyxl leaves its zip open when it fails)
        with path.open("rb") as fh:
            return _sheet_rows(load_workbook(fh, read_only=True, data_only=True), name)
    except EduPlanError:
        raise
    except Exception as exc:  # a foreign or damaged file can make the parser fail anyhow
        if _caused_by_defusedxml(exc):
            raise DataFileError(name, FILE_KEY, Text(
                "含有 XML 实体声明（DTD 实体），可能是恶意构造的文件，已拒绝",
                "Contains XML entity declarations (DTD): possibly a malicious file, refused"
            )) from None
        raise DataFileError(name, FILE_KEY, text(
            "不是有效的 Excel 文件，或文件已损坏（{why}）",
            "Not a valid Excel file, or a damaged one ({why})",
            why=brief(type(exc).__name__ + ": " + str(exc), 60))) from None


def _sheet_rows(wb, name: str) -> list[tuple[int, list[str]]]:
    try:
        if not wb.worksheets:
            raise DataFileError(name, FILE_KEY, Text("工作簿中没有工作表",
                                                     "The workbook has no sheet"))
        sheet = wb.worksheets[0]
        sheet.reset_dimensions()  # the stated <dimension> may lie: read every row
        out: list[tuple[int, list[str]]] = []
        for n, r in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            row = ["" if v is None else (str(int(v)) if isinstance(v, float) and
                                         v.is_integer() else str(v)) for v in r]
            while row and not row[-1].strip():
                row.pop()
            if not row:
                continue
            if len(out) >= MAX_ROWS:
                raise DataFileError(name, FILE_KEY, text(
                    "第一个工作表超过 {n} 行，不是一份学校名单",
                    "The first sheet has more than {n} rows: not a list of schools",
                    n=MAX_ROWS))
            out.append((n, row))
        return out
    finally:
        wb.close()


def _caused_by_defusedxml(exc: BaseException | None) -> bool:
    """openpyxl wraps what its XML parser raised ("Unable to read workbook"): look down the
    chain for defusedxml's refusal of an entity or DTD."""
    seen = 0
    while exc is not None and seen < 20:
        if type(exc).__module__.startswith("defusedxml"):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@dataclass(frozen=True)
class RowCheck:
    """One row of a list as checked: the school it registers, or every reason it cannot."""

    row: int  # as the user sees it in the file: the header is row 1
    given: dict[str, str]  # the row's text by column code (code, name, parent, …)
    school: Org | None  # as it will be registered (None when the row has reasons)
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.school is not None and not self.reasons


@dataclass(frozen=True)
class ImportCheck:
    """A list read and checked, nothing stored: the rows that can be registered and the rows
    with their reasons (what the desktop's preview shows, what `orgs import` refuses)."""

    file: str
    rows: tuple[RowCheck, ...]

    @property
    def schools(self) -> list[Org]:
        return [r.school for r in self.rows if r.ok and r.school is not None]

    @property
    def bad(self) -> list[RowCheck]:
        return [r for r in self.rows if not r.ok]

    @property
    def errors(self) -> list[RowError]:
        return [RowError(r.row, reason) for r in self.rows for reason in r.reasons]


Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


def check_import(ws: Workspace, path: Path, *, progress: Progress = None,
                 cancelled: Cancel = None) -> ImportCheck:
    """Read a list (:func:`read_rows`) and check every row against the workspace by the rules
    of `orgs add`; nothing is stored. A file that cannot be read at all (no such file, missing
    columns, a damaged workbook) raises, as for the import."""
    rows = read_rows(path)
    return check_rows(ws, path.name, rows, progress=progress, cancelled=cancelled)


def check_rows(ws: Workspace, file: str, rows: list[tuple[int, dict[str, str]]], *,
               progress: Progress = None, cancelled: Cancel = None) -> ImportCheck:
    """The rows of a list (row number, text by column code), each checked: a school of this
    bureau's area (:func:`~eduplan_core.store.orgs.check_school`), its code not repeated in
    the list; a 教学点's school may be a school of the same list."""
    rows = [(i, row) for i, row in rows if any(row.values())]
    within = None if ws.role == "school" else ws.org_code
    total = len(rows)

    def given(row: dict, parent_school: bool = True) -> SchoolInput:
        return SchoolInput(
            code=row.get("code", ""), name=row.get("name", ""), parent=row.get("parent", ""),
            type=row.get("type", ""), ownership=row.get("ownership") or "公办",
            urban_rural=row.get("urban_rural") or "乡村", contact=row.get("contact", ""),
            phone=row.get("phone", ""), paper=row.get("paper", "") or False,  # 是/否/1/0
            teaching_point=row.get("teaching_point", "") or False,
            parent_school=row.get("parent_school", "") if parent_school else "")

    def step(done: int) -> None:
        if cancelled is not None and done % 200 == 0 and cancelled():
            raise Cancelled()
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)

    # a 教学点's school may be in the same list: the list's schools, by code and by name
    also: dict = {}
    if any(row.get("parent_school") for _, row in rows):
        for _, row in rows:
            school, _ = check_school(ws.orgs, given(row, parent_school=False), within=within)
            if school is not None:
                also.setdefault(school.code, school)
                also.setdefault(school.name, school)
    seen: dict[str, int] = {}
    out = []
    for done, (i, row) in enumerate(rows, start=1):
        school, reasons = check_school(ws.orgs, given(row), also, within=within)
        code = row.get("code", "")
        if code in seen:
            reasons.append(text("学校代码“{code}”与第{row}行重复",
                                "School code \"{code}\" repeats row {row}", code=brief(code),
                                row=seen[code]))
        seen.setdefault(code, i)
        out.append(RowCheck(i, dict(row), None if reasons else school, tuple(reasons)))
        step(done)
    return ImportCheck(file, tuple(out))


def import_checked(ws: Workspace, checked: ImportCheck) -> ImportResult:
    """Register the schools of a list previewed with :func:`check_import`: its rows as they
    were read, checked again against the workspace as it is now, then all in one transaction
    — or none, when any row is bad (:class:`ImportRejected` names every one)."""
    again = check_rows(ws, checked.file, [(r.row, r.given) for r in checked.rows])
    return _register(ws, again)


def import_schools(ws: Workspace, path: Path) -> ImportResult:
    """`eduplan orgs import`: read, check (:func:`check_import`), register all or none."""
    return _register(ws, check_import(ws, path))


def _register(ws: Workspace, checked: ImportCheck) -> ImportResult:
    if checked.errors:
        raise ImportRejected(checked.file, checked.errors)
    schools = checked.schools
    if not schools:
        raise UsageError(f"{checked.file} 中没有学校", "no schools in file")
    register_schools(ws, schools)
    return ImportResult(file=checked.file, imported=len(schools),
                        codes=tuple(s.code for s in schools))
