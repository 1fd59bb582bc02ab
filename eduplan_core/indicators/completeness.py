"""Which orgs and forms are missing for a year (late ones first) — and, for the units that
report to this workspace, their last bundle and whether they are late with it
(``tracking``: eduplan_core/exchange/tracking.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..exchange.tracking import Tracking
from ..vocab import EntryState
from .frame import YearFrame, base_forms


@dataclass(frozen=True)
class CompletenessRow:
    org: str
    name: str
    org_type: str
    county: str | None
    form: str
    state: EntryState  # missing | draft | submitted
    paper: bool

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["state_name"] = EntryState(self.state).zh
        return d


@dataclass(frozen=True)
class Completeness:
    org: str
    year: int
    expected: int
    submitted: int
    draft: int
    missing: int
    rows: tuple[CompletenessRow, ...]
    tracking: Tracking | None = None  # the units below that send bundles (completeness_org)

    @property
    def complete(self) -> bool:
        return self.submitted == self.expected


def completeness(catalog, frame: YearFrame, org: str) -> Completeness:
    forms = base_forms(catalog)
    rows = []
    u = frame.units
    for code, name, kind, county, state, paper in zip(u.index, u["name"], u["org_type"],
                                                       u["county"], u["state"], u["paper"]):
        form = forms.get(kind)
        if form is None:
            continue
        rows.append(CompletenessRow(code, name, kind, county if isinstance(county, str)
                                    else None, form, EntryState(state) if isinstance(state, str)
                                    else EntryState.MISSING, bool(paper)))
    rows.sort(key=lambda r: (r.state.rank, r.county or "", r.org))
    count = {s: sum(1 for r in rows if r.state == s) for s in EntryState}
    return Completeness(org=org, year=frame.year, expected=len(rows),
                        submitted=count[EntryState.SUBMITTED], draft=count[EntryState.DRAFT],
                        missing=count[EntryState.MISSING], rows=tuple(rows))
