"""Who below has sent this year's bundle: the supervisor's view of the units that report to
this workspace (issue 11 §3).

The units tracked are those **directly below the workspace's org** in the year asked (a
county: its schools; a prefecture: its counties; the province: its prefectures), within the
org the completeness was asked for. For each: the last bundle of that year received by the
as-of date (when, its sequence, what became of it — a refused attempt counts as a bundle
received), whether one has been merged, and the contact and phone to call (schools carry
them; bureaus show 无).

**Late**: the as-of date is after the round's due date and no bundle of the year from the
unit has been merged by then (a bundle held for a key check, a stale or a refused one does
not count). Days late are counted from the due date. A paper school (纸质报送, the bureau
enters its values) sends no bundles and is never late — its forms still count as missing in
the completeness if they are.

**The due date**: the one given (``eduplan completeness --due``, the board's 截止日期),
otherwise the due date of the setup file this workspace was made from (meta ``due``: the
date by which this unit itself reports up, so the latest the units below can send) — used
only for the round of its own year or of the year before (a 2024 round due 2025-03-31);
otherwise none, and nobody is late.

The late list for a reminder round (``late_list_text``, ``save_late_list``): 单位, 代码,
联系人, 电话, 最近报送, 逾期天数 — tab-separated for the clipboard, UTF-8 CSV with a BOM
(opens in Excel) for a file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..inputs import shown
from ..store import exchange_rows as rows

if TYPE_CHECKING:
    from ..indicators.frame import YearFrame
    from ..store.workspace import Workspace

LEVEL_COLUMNS = ("county", "prefecture", "province")
NONE_TEXT = "无"
PAPER_TEXT = "纸质报送（本局代填）"
NOTHING_TEXT = "未收到"
STATUS_NAMES = {"merged": "已合并", "stale": "较旧（未采用）", "pending": "待确认（暂存）",
                "conflict": "有冲突", "kept": "重复（无变化）", "rejected": "已拒收"}
DUE_SOURCES = {"given": "本次指定", "setup": "上级设立文件"}
LATE_HEADERS = ("单位", "代码", "联系人", "电话", "最近报送", "逾期天数")


@dataclass(frozen=True)
class LastBundle:
    """The last bundle of the year from a unit: when it arrived, its number, its fate."""

    received_at: str  # local time with offset, as the store records it
    sequence: int | None
    status: str  # merged | stale | pending | conflict | kept | rejected
    reason: str | None = None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    def text(self) -> str:
        when = self.received_at[:16].replace("T", " ")
        number = f" 第{self.sequence}号" if self.sequence is not None else ""
        return f"{when}{number} {self.status_name}"


@dataclass(frozen=True)
class UnitTracking:
    org: str
    name: str
    level: str  # school | county | prefecture
    paper: bool
    contact: str | None
    phone: str | None
    last: LastBundle | None
    merged: bool  # a bundle of the year merged by the as-of date
    first_merged_at: str | None
    late: bool
    days_late: int | None
    open_forms: int  # forms of the unit (and of its units) not yet submitted

    @property
    def way(self) -> str:
        return PAPER_TEXT if self.paper else "自行报送数据包"

    @property
    def last_text(self) -> str:
        if self.paper:
            return PAPER_TEXT
        return self.last.text() if self.last else NOTHING_TEXT

    @property
    def contact_text(self) -> str:
        return self.contact or NONE_TEXT

    @property
    def phone_text(self) -> str:
        return self.phone or NONE_TEXT

    def to_dict(self) -> dict[str, Any]:
        return {"org": self.org, "name": self.name, "level": self.level, "paper": self.paper,
                "way": self.way, "contact": self.contact, "phone": self.phone,
                "last_bundle": None if self.last is None else {
                    "received_at": self.last.received_at, "sequence": self.last.sequence,
                    "status": self.last.status, "status_name": self.last.status_name,
                    "reason": self.last.reason},
                "last_text": self.last_text, "merged": self.merged,
                "first_merged_at": self.first_merged_at, "late": self.late,
                "days_late": self.days_late, "open_forms": self.open_forms}


@dataclass(frozen=True)
class Tracking:
    org: str  # the workspace's org: the units tracked report to it
    year: int
    as_of: str
    due: str | None
    due_source: str | None  # given | setup
    units: tuple[UnitTracking, ...]

    @property
    def late(self) -> tuple[UnitTracking, ...]:
        return late_units(self)

    @property
    def due_text(self) -> str:
        if self.due is None:
            return "未设截止日期，不判逾期"
        return f"截止日期 {self.due}（{DUE_SOURCES.get(self.due_source or '', '')}）"

    def to_dict(self) -> dict[str, Any]:
        return {"org": self.org, "year": self.year, "as_of": self.as_of, "due": self.due,
                "due_source": self.due_source,
                "due_source_name": DUE_SOURCES.get(self.due_source or ""),
                "expected": sum(1 for u in self.units if not u.paper),
                "merged": sum(1 for u in self.units if u.merged and not u.paper),
                "late": len(self.late), "units": [u.to_dict() for u in self.units]}


def round_due(ws: Workspace, year: int, given: dt.date | None = None
              ) -> tuple[dt.date | None, str | None]:
    """The due date of ``year``'s round and where it comes from (see the module)."""
    if given is not None:
        return given, "given"
    text = rows.get_meta(ws, "due")
    try:
        due = dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None, None
    if due is not None and due.year - 1 <= year <= due.year:
        return due, "setup"
    return None, None


def _day(stamp: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(stamp[:10])
    except (TypeError, ValueError):
        return None


def _stamp_key(stamp: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.astimezone()


def track_units(ws: Workspace, frame: YearFrame, *, as_of: dt.date,
                due: dt.date | None = None, states: Mapping[str, str] | None = None
                ) -> Tracking:
    """The units of ``frame`` directly below the workspace's org, each with its last bundle
    of the frame's year, late or not. ``states``: org -> its form's state (missing / draft /
    submitted), from the completeness; units without a form to fill are left out (bureaus
    always count: they send their units' data). ``due``: given, else the setup file's."""
    year = frame.year
    due_date, source = round_due(ws, year, due)
    units = frame.units
    top = ws.org_code
    states = states or {}
    received: dict[str, list[dict[str, Any]]] = {}
    for r in rows.received_in_year(ws, year):
        if (_day(r["received_at"]) or dt.date.max) <= as_of:
            received.setdefault(r["sender"], []).append(r)
    refused: dict[str, list[dict[str, Any]]] = {}
    for r in rows.rejected_in_year(ws, year):
        if (_day(r["at"]) or dt.date.max) <= as_of:
            refused.setdefault(r["sender"], []).append(r)
    out = []
    for code, name, level, parent, paper in zip(units.index, units["name"], units["level"],
                                                units["parent"], units["paper"]):
        if parent != top or code == top:
            continue
        if level == "school" and code not in states:
            continue  # a kind of school with no form to fill this year
        if level in LEVEL_COLUMNS and level in units.columns:
            members = units.index[units[level] == code]
        else:
            members = [code]
        open_forms = sum(1 for m in members if m in states and states[m] != "submitted")
        org = ws.orgs.get(code)
        contact = (org.contact or None) if org is not None and org.is_school else None
        phone = (org.phone or None) if org is not None and org.is_school else None
        paper = bool(paper) and level == "school"
        mine = received.get(code, [])
        candidates = [LastBundle(r["received_at"], r["sequence"], r["status"], r["reason"])
                      for r in mine]
        candidates += [LastBundle(r["at"], r["sequence"], "rejected", r["reason"])
                       for r in refused.get(code, [])]
        last = max(candidates, key=lambda b: _stamp_key(b.received_at), default=None)
        merged_at = sorted((r["received_at"] for r in mine if r["status"] == "merged"),
                           key=_stamp_key)
        merged = bool(merged_at)
        late = (not paper and not merged and due_date is not None and as_of > due_date)
        out.append(UnitTracking(
            org=code, name=name, level=level, paper=paper, contact=contact, phone=phone,
            last=None if paper else last, merged=merged,
            first_merged_at=merged_at[0] if merged_at else None, late=late,
            days_late=(as_of - due_date).days if late and due_date is not None else None,
            open_forms=open_forms))
    out.sort(key=lambda u: (not u.late, u.paper, u.merged, u.org))
    return Tracking(org=top, year=year, as_of=as_of.isoformat(),
                    due=due_date.isoformat() if due_date else None, due_source=source,
                    units=tuple(out))


# -- the late list ---------------------------------------------------------------------------

def late_units(tracking: Tracking) -> tuple[UnitTracking, ...]:
    """The units late with their bundle, longest overdue first, then by code."""
    return tuple(sorted((u for u in tracking.units if u.late),
                        key=lambda u: (-(u.days_late or 0), u.org)))


def late_rows(units: Iterable[UnitTracking]) -> list[list[str]]:
    """单位, 代码, 联系人, 电话, 最近报送, 逾期天数 of each unit, as text."""
    return [[u.name, u.org, u.contact_text, u.phone_text, u.last_text,
             "" if u.days_late is None else str(u.days_late)] for u in units]


def _plain(text: str) -> str:
    """One cell on one line: control characters shown escaped, tabs and breaks as spaces."""
    return shown(" ".join(str(text).split()))


def late_list_text(units: Iterable[UnitTracking]) -> str:
    """The late list as tab-separated lines with the header (pastes into Excel or WPS as
    columns, into a message as lines)."""
    lines = ["\t".join(LATE_HEADERS)]
    lines += ["\t".join(_plain(c) for c in row) for row in late_rows(units)]
    return "\n".join(lines) + "\n"


def _csv_cell(text: str) -> str:
    """A name or contact that came from below never runs as a formula in Excel."""
    text = _plain(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def late_list_csv(units: Iterable[UnitTracking]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LATE_HEADERS)
    for row in late_rows(units):
        writer.writerow([_csv_cell(c) for c in row])
    return buffer.getvalue()


def save_late_list(units: Iterable[UnitTracking], path: Path) -> int:
    """Write the late list to ``path`` as UTF-8 CSV with a BOM; returns how many units."""
    units = list(units)
    data = late_list_csv(units).encode("utf-8-sig")
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise UsageError(f"无法写入“{shown(str(path))}”：{exc.strerror or exc}",
                         f"cannot write {path}: {exc}") from None
    return len(units)


__all__ = ["LastBundle", "UnitTracking", "Tracking", "round_due", "track_units", "late_units",
           "late_rows", "late_list_text", "late_list_csv", "save_late_list", "LATE_HEADERS"]
