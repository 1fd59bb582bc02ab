"""The values of a year as one table: a row per unit (org), a column per field, plus each
unit's attributes in that year and its county / prefecture / province."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalog.model import Catalog, Org
from ..orgtree import OrgTree
from ..store.reads import year_rows

LEVEL_COLUMNS = ("county", "prefecture", "province")


@dataclass
class YearFrame:
    """One year: ``units`` (index: org code) with attributes and the base entry's state,
    ``values`` (same index, one column per field; object dtype until asked for)."""

    year: int
    units: pd.DataFrame
    values: pd.DataFrame
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)
    _numeric: dict[str, pd.Series] = field(default_factory=dict, repr=False)
    _masks: dict = field(default_factory=dict, repr=False)

    def type_mask(self, types: frozenset[str]) -> np.ndarray:
        """Rows whose org type is one of ``types`` (cached: formulas ask for the same sets)."""
        mask = self._masks.get(types)
        if mask is None:
            mask = self.units["org_type"].isin(types).to_numpy()
            self._masks[types] = mask
        return mask

    def group_codes(self, level: str) -> tuple[np.ndarray, list[str]]:
        """For the admin ``level`` (county / prefecture / province): each row's group as an
        integer code (-1: none) and the groups' org codes — only groups that are units of
        this frame (the root's own parents are left out)."""
        key = ("group", level)
        cached = self._masks.get(key)
        if cached is None:
            inside = set(self.units.index[~self.level_mask("school")].tolist())
            column = self.units[level].tolist()
            keys = sorted({c for c in column if isinstance(c, str) and c in inside})
            position = {k: i for i, k in enumerate(keys)}
            codes = np.fromiter((position.get(c, -1) if isinstance(c, str) else -1
                                 for c in column), np.int64, len(column))
            cached = (codes, keys)
            self._masks[key] = cached
        return cached

    def rollup_layout(self) -> tuple[list[str], np.ndarray]:
        """The rows of a roll-up result: every school, then the groups of each admin level —
        the same for every indicator of this frame."""
        cached = self._masks.get("layout")
        if cached is None:
            orgs = self.units.index[self.level_mask("school")].tolist()
            levels = ["school"] * len(orgs)
            for level in LEVEL_COLUMNS:
                keys = self.group_codes(level)[1]
                orgs += keys
                levels += [level] * len(keys)
            cached = (orgs, np.array(levels, dtype=object))
            self._masks["layout"] = cached
        return cached

    def member_mask(self, wanted: set[str], orgs: list[str]) -> np.ndarray:
        """Which of ``orgs`` are in ``wanted`` (cached for the same set object)."""
        key = ("wanted", id(wanted), id(orgs))
        cached = self._masks.get(key)
        if cached is None or cached[0] is not wanted:
            cached = (wanted, np.fromiter((o in wanted for o in orgs), bool, len(orgs)))
            self._masks[key] = cached
        return cached[1]

    def level_mask(self, level: str) -> np.ndarray:
        key = ("level", level)
        mask = self._masks.get(key)
        if mask is None:
            mask = (self.units["level"] == level).to_numpy()
            self._masks[key] = mask
        return mask

    def column(self, name: str, text: bool = False) -> pd.Series:
        """A field as nullable floats (yes/no as 1/0) — or as text for choice, date and text
        fields (``text``) — or an org attribute as text."""
        if name in self._numeric:
            return self._numeric[name]
        if name in self.units.columns:
            out = self.units[name].astype("string")
        elif text and name in self.values.columns:
            out = self.values[name].astype("string")
        elif text:
            out = pd.Series(pd.NA, index=self.units.index, dtype="string")
        elif name in self.values.columns:
            out = pd.to_numeric(self.values[name], errors="coerce").astype("Float64")
        else:
            out = pd.Series(pd.NA, index=self.units.index, dtype="Float64")
        self._numeric[name] = out
        return out


def unit_table(tree: OrgTree, root: Org, year: int) -> pd.DataFrame:
    """Every unit in operation under (and including) ``root`` in ``year``."""
    tree.check_placed(root)  # a school under a county the tree does not know: refused, not dropped
    rows = []
    units = [root] + tree.descendants(root.code)
    ancestors: dict[str, dict[str, str | None]] = {}
    for org in units:
        if org.is_school:
            attrs = org.attrs_at(year)
            if attrs.status != "在办":
                continue
            kind, ownership, urban = attrs.type, attrs.ownership, attrs.urban_rural
            paper, point = attrs.paper, attrs.teaching_point
        else:
            kind, ownership, urban, paper, point = org.level, None, None, False, False
        parent = org.parent
        up = ancestors.get(parent) if parent else None
        if up is None:
            up = {level: None for level in LEVEL_COLUMNS}
            for a in tree.ancestors(org.code):
                if a.level in up:
                    up[a.level] = a.code
        mine = dict(up)
        if org.level in mine:
            mine[org.level] = org.code
        ancestors[org.code] = mine
        rows.append({"org": org.code, "name": attrs.name if org.is_school else org.name,
                     "level": org.level, "org_level": org.level, "org_type": kind,
                     "org_ownership": ownership, "org_urban_rural": urban, "paper": paper,
                     "teaching_point": point,
                     "parent": parent, **mine,
                     "quality": bool(org.is_school and attrs.quality)})  # 优质学校 that year
    return pd.DataFrame(rows).set_index("org")


def build_year_frame(units: pd.DataFrame, year: int, entries: Iterable[tuple],
                     values: Iterable[tuple], base_forms: dict[str, str],
                     extra_forms: tuple[str, ...] = ("milestones",),
                     explanations: Iterable[tuple] = ()) -> YearFrame:
    """``entries``: (org, form, state) of this year; ``values``: (org, form, field, value[,
    explanation]); ``explanations``: (org, field, text) given separately. ``base_forms``: org
    type -> the form that type fills in that year; only its values (and those of
    ``extra_forms``) are read — an entry left from a form the unit no longer fills (it changed
    type) is not mixed in."""
    rows = list(values)
    width = len(rows[0]) if rows else 4
    columns = ["org", "form", "field", "value", "explanation"][:width]
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(
        columns=columns)
    position = units.index.get_indexer(df["org"])
    own_form = df["org"].map(units["org_type"]).map(base_forms)
    keep = (position >= 0) & ((df["form"] == own_form) | df["form"].isin(extra_forms)).to_numpy()
    df, position = df[keep], position[keep]
    # the wide table (a row per unit, a column per field) by position, not by pivot
    codes, fields = pd.factorize(df["field"])
    grid = np.full((len(units), len(fields)), None, dtype=object)
    grid[position, codes] = df["value"].to_numpy(dtype=object)
    table = pd.DataFrame(grid, index=units.index, columns=pd.Index(fields, name="field"))
    states = pd.DataFrame(list(entries), columns=["org", "form", "state"])
    base = states[states["form"] == states["org"].map(units["org_type"]).map(base_forms)]
    units = units.copy()
    units["state"] = base.set_index("org")["state"].reindex(units.index)
    expl = {(o, f): e for o, f, e in explanations}
    if "explanation" in df:
        noted = df[df["explanation"].notna()]
        expl.update(zip(zip(noted["org"], noted["field"]), noted["explanation"]))
    return YearFrame(year=year, units=units, values=table, explanations=expl)


def base_forms(catalog: Catalog) -> dict[str, str]:
    """Org type (school type or bureau level) -> the form it fills (generated forms aside)."""
    out = {}
    for form in catalog.forms.values():
        if form.generated:
            continue
        for t in form.org_types:
            out[t] = form.code
    return out


def load_year_frames(ws, root: Org, years: Iterable[int]) -> dict[int, YearFrame]:
    """Read the workspace's current values of ``years`` for ``root`` and everything below."""
    forms = base_forms(ws.catalog)
    out = {}
    for year in years:
        units = unit_table(ws.orgs, root, year)
        rows = year_rows(ws, year)
        out[year] = build_year_frame(units, year, rows.entries, rows.values, forms,
                                     explanations=rows.explanations)
    return out
