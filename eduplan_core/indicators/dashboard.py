"""The dashboard's data: every indicator of one org over the selected year and the years before
it that have data or targets, one row per indicator (and section).

:func:`dashboard` reads the rounds once (``overview_org``: each year's own check and values)
and merges them into :class:`IndicatorRow` s — the value of each year with the worst status of
that year's findings (binding targets first), the binding target with the latest target year
(★), numerator / denominator and coverage. :func:`chart_series` is what a chart of one row
draws: the actual value by year, the binding target of each target year, the final target and
the trajectory. Plain data, no Qt: the desktop words and draws it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..inputs import check_year
from ..texts import text
from ..vocab import Relation, Status
from .evaluate import Finding

# service.py (pandas) is imported only when the data is computed: a window that shows a
# dashboard imports this module at once
FIRST_YEAR = 2023  # service.FIRST_YEAR: the plans' first round


@dataclass
class YearCell:
    """One indicator of one org in one year."""

    year: int
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    reported: int | None = None
    expected: int | None = None
    coverage: float | None = None
    partial: bool = False
    findings: list[Finding] = field(default_factory=list)
    status: Status | None = None  # the worst status of the binding findings, else of all

    @property
    def binding(self) -> list[Finding]:
        return [f for f in self.findings if f.binding]


@dataclass
class IndicatorRow:
    """One indicator (and section) of one org over the dashboard's years."""

    indicator: str
    section: str | None
    name: str
    unit: str
    compute: str
    direction: str
    order: int
    cells: dict[int, YearCell]
    final: Finding | None = None  # the binding target with the latest target year
    status: Status | None = None  # the latest year's status (无数据 only if no year has more)
    status_year: int | None = None
    target_count: int = 0

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.indicator, self.section)

    @property
    def status_rank(self) -> int:
        return Status.rank_of(self.status)

    @property
    def has_values(self) -> bool:
        return any(c.value is not None for c in self.cells.values())

    @property
    def targets(self) -> list[Finding]:
        """Each target once (its latest finding), earliest target year first, binding first."""
        seen: dict[str, Finding] = {}
        for y in sorted(self.cells):
            for f in self.cells[y].findings:
                seen[f.target] = f
        return sorted(seen.values(), key=lambda f: (f.target_year, not f.binding))

    def focus(self, year: int) -> Finding | None:
        """The finding to explain for ``year``: that year's binding one (the worst first), else
        another of that year, else the latest year's before it."""
        for y in sorted((y for y in self.cells if y <= year), reverse=True):
            found = self.cells[y].findings
            if found:
                return min(found, key=lambda f: (not f.binding, Status.rank_of(f.status),
                                                 f.target_year))
        return None

    def group_of(self, f: Finding) -> list[Finding]:
        """The other findings judging the same thing as ``f`` (its group) in its year."""
        cell = self.cells.get(f.year)
        if cell is None or not f.group:
            return []
        return [g for g in cell.findings if g.group == f.group and g is not f]


@dataclass(frozen=True)
class ChartSeries:
    """What a chart of one row shows."""

    title: str
    unit: str
    years: tuple[int, ...]
    actual: dict[int, float | None]
    status: dict[int, str | None]  # year -> the year's status
    targets: dict[int, float]  # target year -> the binding target's value
    final: tuple[int, float, str] | None  # (year, value, comparator)
    trajectory: tuple[tuple[int, float], ...]
    lower_is_better: bool
    drawable: bool  # False: a milestone or an indicator not collected, with no value


@dataclass(frozen=True)
class Dashboard:
    org: str
    year: int  # the selected year
    years: tuple[int, ...]  # the years shown, earliest first (the selected one last)
    rows: tuple[IndicatorRow, ...]


def dashboard_years(catalog, data_years, year: int) -> tuple[int, ...]:
    """The selected ``year`` and the years before it that have data (``data_years``) or
    targets, from the plans' first round on (earlier rounds are not read)."""
    check_year(year)
    before = {y for y in data_years if y < year} | {t.year for t in catalog.targets
                                                    if t.year < year}
    return tuple(sorted({y for y in before if y >= FIRST_YEAR} | {year}))


def worst(findings: list[Finding]) -> Status | None:
    """The worst status among ``findings`` (the colour of a year)."""
    if not findings:
        return None
    return min(findings, key=lambda f: Status.rank_of(f.status)).status


def build_rows(catalog, org_code: str, checks: dict, computes: dict) -> list[IndicatorRow]:
    """Merge each year's CheckResult (findings of ``org_code`` only) and ComputeResult into one
    row per (indicator, section), in the catalogue's order."""
    order = {code: i for i, code in enumerate(catalog.indicators)}
    rows: dict[tuple, IndicatorRow] = {}

    def row_for(indicator: str, section: str | None) -> IndicatorRow:
        key = (indicator, section)
        if key not in rows:
            ind = catalog.indicators[indicator]
            name = text("{name}（{section}）", "{name} ({section})", name=ind.name,
                        section=section) if section else ind.name
            rows[key] = IndicatorRow(indicator, section, name, ind.unit, ind.compute,
                                     ind.direction, order.get(indicator, 10**6), {})
        return rows[key]

    for y in sorted(set(checks) | set(computes)):
        comp = computes.get(y)
        for v in (comp.values if comp else ()):
            if v.value is None and v.expected == 0:
                continue
            row = row_for(v.indicator, v.section)
            row.cells[y] = YearCell(y, None if v.value is None else float(v.value),
                                    v.numerator, v.denominator, v.reported, v.expected,
                                    v.coverage, v.partial)
        chk = checks.get(y)
        for f in (chk.findings if chk else ()):
            if f.org != org_code:
                continue
            row = row_for(f.indicator, f.section)
            cell = row.cells.setdefault(y, YearCell(y))
            cell.findings.append(f)
            if cell.value is None and f.actual is not None:
                cell.value = float(f.actual)
                cell.numerator, cell.denominator = f.numerator, f.denominator
                cell.coverage, cell.partial = f.coverage, f.partial
    out = []
    for row in rows.values():
        if not any(c.value is not None or c.findings for c in row.cells.values()):
            continue
        codes: set[str] = set()
        for y in sorted(row.cells):
            cell = row.cells[y]
            codes.update(f.target for f in cell.findings)
            cell.status = worst(cell.binding) or worst(cell.findings)
            # the latest status known: a year not reported yet does not hide the one before
            if cell.status is not None and (cell.status != Status.NO_DATA or row.status in (
                    None, Status.NO_DATA)):
                row.status, row.status_year = cell.status, y
        row.target_count = len(codes)
        for y in sorted(row.cells, reverse=True):
            binding = row.cells[y].binding
            if binding:
                row.final = max(binding, key=lambda f: (f.target_year, f.relation == Relation.OWN))
                break
        out.append(row)
    out.sort(key=lambda r: (r.order, r.section or ""))
    return out


def chart_series(row: IndicatorRow, years: tuple[int, ...]) -> ChartSeries:
    """Actual by year, the binding target of each target year, the final target and the
    trajectory (the plan's yearly values, else the straight line the check uses)."""
    actual = {y: cell.value for y, cell in row.cells.items()}
    status: dict[int, str | None] = {y: cell.status for y, cell in row.cells.items()}
    targets: dict[int, float] = {}
    seen = set()
    for y in sorted(row.cells):
        for b in row.cells[y].binding:
            if b.target in seen or b.kind in ("milestone", "not_collected"):
                continue
            seen.add(b.target)
            targets.setdefault(b.target_year, b.target_value)
    final = None
    trajectory: list[tuple[int, float]] = []
    f = row.final
    if f is not None and f.kind not in ("milestone", "not_collected"):
        final = (f.target_year, f.target_value, f.comparator)
        first = next(((y, c.value) for y, c in sorted(row.cells.items())
                      if c.value is not None), None)
        # a national standard is a standing threshold, and a target already reached in the
        # first year needs no path to it: no trajectory then
        reached = first is not None and (first[1] <= f.target_value if f.direction == "lower"
                                         else first[1] >= f.target_value)
        if first is not None and first[0] < f.target_year and f.relation != Relation.NATIONAL \
                and not reached:
            traj = {first[0]: first[1], f.target_year: f.target_value}
            for y, cell in row.cells.items():
                for g in cell.findings:
                    if g.target == f.target and g.expected_now is not None and \
                            first[0] < y < f.target_year:
                        traj[y] = g.expected_now
            trajectory = sorted(traj.items())
    drawable = row.has_values or row.compute not in ("milestone", "none")
    return ChartSeries(title=row.name, unit=row.unit, years=tuple(years), actual=actual,
                       status=status, targets=targets, final=final,
                       trajectory=tuple(trajectory), lower_is_better=row.direction == "lower",
                       drawable=drawable)


def dashboard(ws, org_query: str, year: int, *, as_of: dt.date | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> Dashboard:
    """Every indicator of the org over the selected year and the years before it that have
    data or targets (:func:`dashboard_years`)."""
    from ..store.entries import entry_years
    from .service import overview_org

    years = dashboard_years(ws.catalog, entry_years(ws), year)
    view = overview_org(ws, org_query, years, as_of=as_of, progress=progress,
                        cancelled=cancelled)
    rows = build_rows(ws.catalog, view.org, view.checks, view.computes)
    return Dashboard(org=view.org, year=year, years=years, rows=tuple(rows))
