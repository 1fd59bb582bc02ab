"""Which orgs and forms are missing for a year (late ones first)."""

from __future__ import annotations

from dataclasses import dataclass

from .frame import YearFrame, base_forms

STATE_NAMES = {"missing": "未报送", "draft": "草稿（未提交）", "submitted": "已提交"}
STATE_ORDER = {"missing": 0, "draft": 1, "submitted": 2}


@dataclass(frozen=True)
class CompletenessRow:
    org: str
    name: str
    org_type: str
    county: str | None
    form: str
    state: str  # missing | draft | submitted
    paper: bool

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["state_name"] = STATE_NAMES[self.state]
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
                                    else None, form, state if isinstance(state, str)
                                    else "missing", bool(paper)))
    rows.sort(key=lambda r: (STATE_ORDER[r.state], r.county or "", r.org))
    count = {s: sum(1 for r in rows if r.state == s) for s in STATE_ORDER}
    return Completeness(org=org, year=frame.year, expected=len(rows),
                        submitted=count["submitted"], draft=count["draft"],
                        missing=count["missing"], rows=tuple(rows))
