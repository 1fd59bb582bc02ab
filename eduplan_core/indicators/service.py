"""compute / check / completeness for an org of a workspace: load, compute, judge.

These are the functions the CLI and the desktop call; each takes a ``progress(done, total)``
callback and a ``cancelled()`` check and returns typed results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..catalog.model import Org
from ..errors import Cancelled
from ..exchange.tracking import track_units
from ..inputs import check_year
from ..store.reads import first_year, milestone_dates, milestone_reports
from ..targets import judged_targets
from ..vocab import EntryState, Status
from .completeness import Completeness, completeness
from .compute import Computer, compute_all
from .evaluate import Finding, check
from .frame import YearFrame, load_year_frames
from .quality import DataFlag, outliers, yoy_jumps
from .values import IndicatorValue
from .youzhi import CountyResult, SchoolResult, county_results, school_results

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
FIRST_YEAR = 2023  # the plans' first round: trajectories start here (earlier rounds unread)


@dataclass(frozen=True)
class ComputeResult:
    org: str
    org_name: str
    year: int
    values: tuple[IndicatorValue, ...]
    youzhi_county: CountyResult | None = None
    youzhi_schools: tuple[SchoolResult, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    org: str
    org_name: str
    year: int
    as_of: str
    findings: tuple[Finding, ...]
    flags: tuple[DataFlag, ...] = ()
    completeness: Completeness | None = None
    summary: dict[Status, int] = field(default_factory=dict)


def years_needed(year: int, first_in_store: int | None = None) -> list[int]:
    """The rounds a check of ``year`` reads: from the plans' first round (or the first round
    in the store, if later) up to ``year`` — the trajectory starts at the first of them."""
    first = max(FIRST_YEAR, first_in_store or FIRST_YEAR)
    return list(range(min(first, year), year + 1))


def _years(ws, year: int) -> list[int]:
    return years_needed(year, _first_year(ws))


def compute_org(ws, org_query: str, year: int, *, progress: Progress = None,
                cancelled: Cancel = None) -> ComputeResult:
    check_year(year)
    org = ws.orgs.resolve(org_query)
    frames = load_year_frames(ws, org, [year])
    values = compute_all(ws.catalog, frames, wanted={org.code}, progress=progress,
                         cancelled=cancelled)
    mine = tuple(v for k, v in values.items() if k[0] == org.code)
    county = schools = None
    if org.level == "county":
        computer = Computer(ws.catalog)
        county = county_results(computer, frames[year], values)[0]
        schools = tuple(school_results(computer, frames[year]))
    return ComputeResult(org=org.code, org_name=org.name, year=year, values=mine,
                         youzhi_county=county, youzhi_schools=schools or ())


def check_org(ws, org_query: str, year: int, *, as_of: dt.date | None = None,
              progress: Progress = None, cancelled: Cancel = None) -> CheckResult:
    check_year(year)
    as_of = as_of or dt.date.today()
    org = ws.orgs.resolve(org_query)
    years = _years(ws, year)
    frames = load_year_frames(ws, org, years)
    return check_frames(ws.catalog, ws.orgs, org, year, frames, as_of=as_of,
                        milestones=_milestones(ws), reports=milestone_reports(ws),
                        progress=progress, cancelled=cancelled)


def check_frames(catalog, tree, org: Org, year: int, frames: dict[int, YearFrame], *,
                 as_of: dt.date, milestones: dict | None = None,
                 reports: set | None = None, progress: Progress = None,
                 cancelled: Cancel = None, own_only: bool = False) -> CheckResult:
    """The check on frames already loaded (the bench builds them in memory). ``own_only``:
    only the org's own findings (no units or bureaus below, no data flags) — what a
    dashboard row needs. ``reports``: the (org, year)s with a milestones form (None: not
    known — a milestone past its deadline is then overdue, never 无数据)."""
    from .evaluate import each_units

    rows = judged_targets(catalog, tree, org, year, as_of=as_of, milestones=milestones,
                          reports=reports, subs=not own_only)
    each = [r.target for r in rows if r.scope == "each" or (
        r.scope == "self" and r.target.applies_to == "each")]
    own = {r.target.indicator for r in rows if r.scope == "self"}
    subs = {r.scope for r in rows if r.scope not in ("self", "each")}
    units = frames[year].units
    if own_only:
        units = units.loc[[org.code]]

    def step(done, total):
        if progress:
            progress(min(done, total), total + 1)

    # the org's own roll-up and, for the bureaus below, theirs against their own plans: one
    # pass (the group sums of every level come out of the same computation)
    aggregate_indicators = own | {r.target.indicator for r in rows if r.scope in subs}
    values = compute_all(catalog, frames, indicators=sorted(aggregate_indicators),
                         wanted={org.code} | subs, progress=step, cancelled=cancelled)
    if each:
        # each-unit targets need the units' values of this year, last year (the change)
        # and the first year (the trajectory) only
        wanted = {code for t in each for code, _ in each_units(units, t)}
        needed = {y: frames[y] for y in {min(frames), year - 1, year} if y in frames}
        values.update(compute_all(catalog, needed,
                                  indicators=sorted({t.indicator for t in each}),
                                  wanted=wanted, cancelled=cancelled))
    if cancelled and cancelled():
        raise Cancelled()
    explanations: dict[tuple[str, int], dict[str, str]] = {}
    for y, frame in frames.items():
        for (o, field_code), text in frame.explanations.items():
            explanations.setdefault((o, y), {})[field_code] = text
    findings = check(catalog, tree, org, year, values, as_of=as_of, units=units,
                     milestones=milestones, explanations=explanations, reports=reports,
                     rows=rows, subs=not own_only)
    computer = Computer(catalog)
    flags = [] if own_only else outliers(computer, frames[year]) + yoy_jumps(
        catalog, frames[year], frames.get(year - 1))
    done = completeness(catalog, frames[year], org.code)
    summary: dict[Status, int] = {}
    for f in findings:
        summary[f.status] = summary.get(f.status, 0) + 1
    if progress:
        progress(1, 1)
    return CheckResult(org=org.code, org_name=org.name, year=year, as_of=as_of.isoformat(),
                       findings=tuple(findings), flags=tuple(flags), completeness=done,
                       summary=summary)


@dataclass(frozen=True)
class Overview:
    """An org's own standing over several rounds: the check and the values of each year."""

    org: str
    checks: dict[int, CheckResult]
    computes: dict[int, ComputeResult]


def overview_org(ws, org_query: str, years: tuple[int, ...], *, as_of: dt.date | None = None,
                 progress: Progress = None, cancelled: Cancel = None) -> Overview:
    """The dashboard's data: the rounds are read once, then each year's own findings and
    values (no findings of the units below — those belong to the shortfall list)."""
    as_of = as_of or dt.date.today()
    for y in years:
        check_year(y)
    org = ws.orgs.resolve(org_query)
    frames = load_year_frames(ws, org, years_needed(max(years), _first_year(ws)))
    milestones = _milestones(ws)
    reports = milestone_reports(ws)
    checks, computes = {}, {}
    computer = Computer(ws.catalog)
    for n, year in enumerate(years, start=1):
        upto = {y: f for y, f in frames.items() if y <= year}
        checks[year] = check_frames(ws.catalog, ws.orgs, org, year, upto, as_of=as_of,
                                    milestones=milestones, reports=reports,
                                    cancelled=cancelled, own_only=True)
        values = compute_all(ws.catalog, {year: frames[year]}, wanted={org.code},
                             cancelled=cancelled)
        county = None
        if org.level == "county":
            county = county_results(computer, frames[year], values)[0]
        computes[year] = ComputeResult(
            org=org.code, org_name=org.name, year=year,
            values=tuple(v for k, v in values.items() if k[0] == org.code),
            youzhi_county=county)
        if progress:
            progress(n, len(years))
    return Overview(org=org.code, checks=checks, computes=computes)


def _first_year(ws) -> int | None:
    return first_year(ws)


def completeness_org(ws, org_query: str, year: int, *, as_of: dt.date | None = None,
                     due: dt.date | None = None) -> Completeness:
    """The forms missing or in draft, and the units below this workspace's org with their
    last bundle, late or not as of ``as_of`` (default today) against ``due`` (default: the
    setup file's due date; exchange/tracking.py)."""
    check_year(year)
    org = ws.orgs.resolve(org_query)
    frames = load_year_frames(ws, org, [year])
    done = completeness(ws.catalog, frames[year], org.code)
    states = {r.org: EntryState(r.state).value for r in done.rows}
    tracking = track_units(ws, frames[year], as_of=as_of or dt.date.today(), due=due,
                           states=states)
    return replace(done, tracking=tracking)


def _milestones(ws) -> dict[tuple[str, str], str]:
    return milestone_dates(ws)


__all__ = ["compute_org", "check_org", "check_frames", "overview_org", "completeness_org",
           "ComputeResult", "CheckResult", "Overview"]
