"""Indicator values for an org and every unit below it, for one year, in a few vectorised passes.

* ratio — scale × Σnumerator / Σdenominator over the org's own entry and every unit below it
  (never a mean of the units' rates). A zero or empty denominator gives no value (missing).
* sum — Σvalue over the same units; input — the org's own value.
* cv — the enrolment-weighted coefficient of variation across a county's schools, per section,
  as the national 优质均衡 inspection defines it: X̄ = ΣPᵢXᵢ/ΣPᵢ, S = √(ΣPᵢ(Xᵢ−X̄)²/ΣPᵢ),
  CV = S/X̄, with Pᵢ the school's pupils in that section (the denominator of the ratio).
* youzhi_share — the share of compulsory schools meeting the 优质均衡 school rule (youzhi.py).
* milestone — 1 once the bureau has recorded a completion date on or before the as-of date.

A unit is expected to report an indicator when its form has a field the formula reads (or its
type is in the indicator's ``unit_types``); it has reported when its form is entered and the
formula's fields are not empty. Coverage = reported / expected; a value on less than all
expected units is marked partial.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..catalog.model import SECTIONS, Catalog, Formula, Indicator
from ..errors import Cancelled
from ..vexpr import as_number, evaluate_columns
from .frame import LEVEL_COLUMNS, YearFrame
from .values import IndicatorValue, Key


def _field_types(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Field code -> the org types whose (non-generated) form has it."""
    out: dict[str, set[str]] = {}
    for form in catalog.forms.values():
        for f in form.fields:
            out.setdefault(f.code, set()).update(form.org_types)
    return {k: frozenset(v) for k, v in out.items()}


class Computer:
    """Computes indicator values over YearFrames; one instance per catalogue."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.field_types = _field_types(catalog)
        self.text_fields = {f.code for form in catalog.forms.values() for f in form.fields
                            if f.type in ("choice", "text", "date")}

    def teaching_point_size(self) -> float:
        """A registered 教学点 with fewer pupils is left out of the 优质均衡 school rule and CVs."""
        plan = self.catalog.plans.get("national_youzhi")
        return plan.settings.get("exclude_teaching_points_below", 0) if plan else 0

    # -- columns -----------------------------------------------------------------------------
    def _columns(self, frame: YearFrame, formula: Formula) -> dict[str, pd.Series]:
        """Each name as a column: the value where the unit's form has the field, 0 where its
        form has no such field, missing where the form has it but it is empty."""
        cols = {}
        for name in formula.names:
            text = name in self.text_fields
            col = frame.column(name, text=text)
            if name in self.field_types:
                has = frame.type_mask(self.field_types[name])
                if not has.all():
                    col = col.where(has, "" if text else 0.0)
            cols[name] = col
        return cols

    def _expected(self, frame: YearFrame, ind: Indicator, formula: Formula) -> np.ndarray:
        if ind.unit_types:
            allowed = set(ind.unit_types)
        else:
            allowed = set()
            for name in formula.names:
                allowed |= self.field_types.get(name, set())
        expected = frame.type_mask(frozenset(allowed))
        return expected & self.in_scope(frame, ind) if ind.scope else expected

    @staticmethod
    def in_scope(frame: YearFrame, ind: Indicator) -> np.ndarray:
        """The rows an indicator counts: every bureau's own figures, and the schools that match
        one alternative of its scope in the frame's year (all rows when it has no scope). A
        school out of scope is neither expected nor counted, and has no value of its own."""
        key = ("scope", ind.scope)
        mask = frame._masks.get(key)
        if mask is None:
            units, school = frame.units, frame.level_mask("school")
            quality = (units["quality"].fillna(False).to_numpy(dtype=bool)
                       if "quality" in units else np.zeros(len(units), bool))
            mask = ~school if ind.scope else np.ones(len(units), bool)
            for alt in ind.scope:
                match = school.copy()
                for column, allowed in (("org_urban_rural", alt.urban_rural),
                                        ("org_ownership", alt.ownership),
                                        ("org_type", alt.types)):
                    if allowed:
                        match &= units[column].isin(allowed).to_numpy()
                if alt.quality is not None:
                    match &= quality == alt.quality
                mask = mask | match
            frame._masks[key] = mask
        return mask

    # -- one indicator, one year -------------------------------------------------------------
    def compute(self, frame: YearFrame, ind: Indicator, section: str | None = None,
                wanted: set[str] | None = None) -> dict:
        """Values of the orgs of the frame (only those in ``wanted`` when given)."""
        if ind.compute in ("ratio", "sum"):
            return self._additive(frame, ind, section, wanted)
        if ind.compute == "input":
            return self._input(frame, ind, wanted)
        if ind.compute == "cv":
            return self._cv(frame, ind, section)
        if ind.compute == "milestone":
            return {}  # milestones are judged per target (evaluate.py), by date
        if ind.compute == "youzhi_share":
            from .youzhi import youzhi_share

            return youzhi_share(self, frame, ind)
        return {}

    def unit_parts(self, frame: YearFrame, ind: Indicator, section: str | None):
        """Per unit: numerator, denominator (ratio) or value (sum), expected and reported."""
        formula = ind.formula_for(section)
        if formula is None:
            return None
        cols = self._columns(frame, formula)
        index = frame.units.index
        if ind.compute == "ratio":  # load.py checks a ratio has both
            assert formula.numerator is not None and formula.denominator is not None
            num = as_number(evaluate_columns(formula.numerator, cols, index))
            den = as_number(evaluate_columns(formula.denominator, cols, index))
        else:
            assert formula.value is not None  # load.py checks a sum or an input has one
            num = as_number(evaluate_columns(formula.value, cols, index))
            den = pd.Series(1.0, index=index, dtype="Float64")
        expected = self._expected(frame, ind, formula)
        entered = frame.units["state"].notna().to_numpy()
        reported = expected & entered & num.notna().to_numpy() & den.notna().to_numpy()
        num_f = num.to_numpy(dtype="float64", na_value=0.0)
        den_f = den.to_numpy(dtype="float64", na_value=0.0)
        return num_f * reported, den_f * reported, expected, reported

    def _additive(self, frame: YearFrame, ind: Indicator, section: str | None,
                  wanted: set[str] | None = None):
        parts = self.unit_parts(frame, ind, section)
        if parts is None:
            return {}
        num, den, expected, reported = parts
        exp, rep = expected.astype(np.float64), reported.astype(np.float64)
        # each school on its own (a school is its own roll-up), then the group sums of each
        # admin level, by integer codes (np.bincount) rather than a pandas groupby
        schools = np.flatnonzero(frame.level_mask("school"))
        orgs, levels = frame.rollup_layout()
        cols = [num[schools], den[schools], exp[schools], rep[schools]]
        for level in LEVEL_COLUMNS:
            codes, keys = frame.group_codes(level)
            if not keys:
                continue
            ok = codes >= 0
            for i, v in enumerate((num, den, exp, rep)):
                cols[i] = np.concatenate([cols[i], np.bincount(codes[ok], weights=v[ok],
                                                               minlength=len(keys))])
        n, d, e, r = cols
        keep = e > 0
        if ind.levels:
            keep &= np.isin(levels, list(ind.levels))
        if wanted is not None:
            keep &= frame.member_mask(wanted, orgs)
        picked = np.flatnonzero(keep)
        n, d, e, r = n[picked], d[picked], e[picked], r[picked]
        if ind.compute == "ratio":
            with np.errstate(all="ignore"):
                value = np.where((r > 0) & (d != 0), ind.scale * n / np.where(d == 0, 1, d),
                                 np.nan)
        else:
            value = np.where(r > 0, n, np.nan)
        is_ratio = ind.compute == "ratio"
        code, year = ind.code, frame.year
        return {org: IndicatorValue(
                    org, code, section, year, None if v != v else v,
                    a if is_ratio and rr else None, b if is_ratio and rr else None, int(rr),
                    int(ee))
                for org, v, a, b, rr, ee in zip([orgs[i] for i in picked.tolist()],
                                                value.tolist(), n.tolist(), d.tolist(),
                                                r.tolist(), e.tolist())}

    def _input(self, frame: YearFrame, ind: Indicator, wanted: set[str] | None = None):
        parts = self.unit_parts(frame, ind, None)
        if parts is None:
            return {}
        num, _, expected, reported = parts
        keep = expected.copy()
        for level in ("school", "county", "prefecture", "province"):
            if ind.levels and level not in ind.levels:
                keep &= ~frame.level_mask(level)
        picked = np.flatnonzero(keep)
        codes = frame.units.index[picked].tolist()
        out = {}
        for org, val, rep in zip(codes, num[picked].tolist(), reported[picked].tolist()):
            if wanted and org not in wanted:
                continue
            out[org] = IndicatorValue(org=org, indicator=ind.code, section=None,
                                      year=frame.year, value=val if rep else None,
                                      reported=int(rep), expected=1)
        return out

    def _cv(self, frame: YearFrame, ind: Indicator, section: str | None):
        assert ind.of is not None  # load.py checks a cv names its indicator
        base = self.catalog.indicators[ind.of]
        sections = [section] if section else list(SECTIONS)
        out = {}
        for sec in sections:
            parts = self.unit_parts(frame, base, sec)
            if parts is None:
                continue
            num, den, expected, reported = parts
            units = frame.units
            school = (units["level"] == "school").to_numpy()
            # registered 教学点 under the standard's size are left out, as in the school rule
            # (youzhi.py); a registered 小学 with as few pupils is still counted
            from .youzhi import teaching_points

            small = teaching_points(units) & (den < self.teaching_point_size())
            use = school & reported & (den > 0) & ~small
            table = pd.DataFrame({"county": units["county"].to_numpy()[use],
                                  "p": den[use], "px": num[use]})
            table["x"] = base.scale * table["px"] / table["p"]
            grouped = table.groupby("county")
            sums = grouped[["p", "px"]].sum()
            sums["mean"] = base.scale * sums["px"] / sums["p"]
            table["dev2"] = table["p"] * (table["x"] - table["county"].map(sums["mean"])) ** 2
            sums["var"] = table.groupby("county")["dev2"].sum() / sums["p"]
            sums["n"] = grouped.size()
            exp_by = pd.Series(school & expected, index=units.index).groupby(
                units["county"]).sum()
            rep_by = pd.Series(use, index=units.index).groupby(units["county"]).sum()
            for county in units.loc[units["level"] == "county"].index:
                if county not in sums.index:
                    if exp_by.get(county, 0):
                        out[(county, sec)] = IndicatorValue(
                            org=county, indicator=ind.code, section=sec, year=frame.year,
                            value=None, reported=0, expected=int(exp_by.get(county, 0)),
                            schools=0)
                    continue
                row = sums.loc[county]
                mean = row["mean"]
                value = float(np.sqrt(row["var"]) / mean) if mean else None
                out[(county, sec)] = IndicatorValue(
                    org=county, indicator=ind.code, section=sec, year=frame.year, value=value,
                    numerator=float(np.sqrt(row["var"])), denominator=float(mean),
                    reported=int(rep_by.get(county, 0)), expected=int(exp_by.get(county, 0)),
                    schools=int(row["n"]))
        return out


def compute_all(catalog: Catalog, frames: dict[int, YearFrame], *,
                indicators: list[str] | None = None, wanted: set[str] | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> dict[Key, IndicatorValue]:
    """Every indicator (or those named) for every org of every frame."""
    computer = Computer(catalog)
    todo = [catalog.indicators[c] for c in (indicators or catalog.indicators)]
    out: dict[Key, IndicatorValue] = {}
    steps = len(todo) * len(frames)
    done = 0
    for year, frame in frames.items():
        for ind in todo:
            if cancelled and cancelled():
                raise Cancelled()
            sections: list[str | None] = [s for s, _ in ind.sections] or (
                list(SECTIONS) if ind.compute == "cv" else [None])
            if ind.compute == "cv":
                for (org, sec), v in computer.compute(frame, ind).items():
                    out[(org, ind.code, sec, year)] = v
            else:
                for sec in sections:
                    for org, v in computer.compute(frame, ind, sec, wanted).items():
                        out[(org, ind.code, sec, year)] = v
            done += 1
            if progress:
                progress(done, steps)
    return out
