"""Data-quality flags for the supervisor — possible data errors, not shortfalls.

* Peer outliers: a school's per-pupil value far from the comparable schools (same section) of
  its county, by the modified z-score on the median and MAD (forms/evaluation.toml documents
  the rule and its fallback when the MAD is 0).
* Year-on-year jumps (经验校验): a field that moved more than its tolerance from last year and
  carries no explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..catalog.model import Catalog
from ..numbers_fmt import compact, plain, signed
from ..texts import text
from .frame import YearFrame


@dataclass(frozen=True)
class DataFlag:
    kind: str  # outlier | yoy
    org: str
    org_name: str
    year: int
    subject: str  # indicator code (outlier) or field code (yoy)
    subject_name: str
    section: str | None
    value: float
    reference: float  # the county median (outlier) or last year's value (yoy)
    score: float  # the modified z-score, or the change in percent
    message: str

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def robust_z(values: np.ndarray) -> np.ndarray:
    """Modified z-scores; all zeros when the values do not spread at all."""
    median = np.median(values)
    dev = np.abs(values - median)
    mad = np.median(dev)
    if mad > 0:
        return 0.6745 * (values - median) / mad
    mean_ad = dev.mean()
    if mean_ad > 0:
        return (values - median) / (1.253314 * mean_ad)
    return np.zeros_like(values)


def outliers(computer, frame: YearFrame) -> list[DataFlag]:
    catalog: Catalog = computer.catalog
    conf = catalog.evaluation["outliers"]
    units = frame.units
    flags = []
    per_school = [i for i in catalog.indicators.values() if i.sections and i.compute == "ratio"]
    schools = frame.level_mask("school")
    for ind in per_school:
        for section, _ in ind.sections:
            num, den, _, rep = computer.unit_parts(frame, ind, section)
            use = schools & rep & (den > 0)
            table = pd.DataFrame({"county": units["county"].to_numpy()[use],
                                  "x": ind.scale * num[use] / den[use]},
                                 index=units.index[use])
            groups = table.groupby("county")["x"]
            size = groups.transform("size")
            median = groups.transform("median")
            dev = (table["x"] - median).abs()
            mad = dev.groupby(table["county"]).transform("median")
            mean_ad = dev.groupby(table["county"]).transform("mean")
            with np.errstate(all="ignore"):
                z = np.where(mad > 0, 0.6745 * (table["x"] - median) / mad,
                             np.where(mean_ad > 0, (table["x"] - median) / (1.253314 * mean_ad),
                                      0.0))
            hit = (size >= conf["min_peers"]).to_numpy() & (np.abs(z) > conf["z_threshold"])
            for org, x, med, score in zip(table.index[hit].tolist(), table["x"][hit].tolist(),
                                          median[hit].tolist(), z[hit].tolist()):
                flags.append(DataFlag(
                    "outlier", org, units.at[org, "name"], frame.year, ind.code, ind.name,
                    section, x, med, score,
                    text("{name}（{section}）{x}，同县同学段中位数 {median}，"
                         "偏离明显（稳健 z = {z}），请核实数据",
                         "{name} ({section}) {x}, far from the median of the county's schools"
                         " of the section, {median} (robust z = {z}): please check the data",
                         name=ind.name, section=section, x=plain(x), median=plain(med),
                         z=f"{score:.1f}")))
    return flags


def yoy_jumps(catalog: Catalog, frame: YearFrame, last: YearFrame | None) -> list[DataFlag]:
    if last is None:
        return []
    conf = catalog.evaluation["yoy"]
    tolerances = {}
    labels = {}
    for form in catalog.forms.values():
        if form.generated:
            continue
        for f in form.input_fields:
            if f.type in ("integer", "decimal", "percent"):
                tolerances[f.code] = (f.yoy_tolerance if f.yoy_tolerance is not None
                                      else conf["default_tolerance"])
                labels[f.code] = f.label
    common = [c for c in frame.values.columns if c in tolerances and c in last.values.columns]
    if not common:
        return []
    now = frame.values[common].apply(pd.to_numeric, errors="coerce")
    before = last.values[common].reindex(now.index).apply(pd.to_numeric, errors="coerce")
    with np.errstate(all="ignore"):
        change = (now - before) / before.abs() * 100
    big = (change.abs() > pd.Series(tolerances)[common]) & (
        (now.abs() >= conf["min_base"]) | (before.abs() >= conf["min_base"])) & before.ne(0)
    flags = []
    for org, field in zip(*np.nonzero(big.to_numpy())):
        org_code, code = now.index[org], common[field]
        if (org_code, code) in frame.explanations:
            continue
        new, old = float(now.iat[org, field]), float(before.iat[org, field])
        pct = float(change.iat[org, field])
        flags.append(DataFlag(
            "yoy", org_code, frame.units.at[org_code, "name"], frame.year, code, labels[code],
            None, new, old, pct,
            text("“{label}”由上年 {old} 变为 {new}（{change}%），超过 {limit}% 且未说明原因",
                 "“{label}” changed from {old} last year to {new} ({change}%), more than"
                 " {limit}%, with no explanation", label=labels[code], old=compact(old),
                 new=compact(new), change=signed(pct, 0), limit=compact(tolerances[code]))))
    return flags
