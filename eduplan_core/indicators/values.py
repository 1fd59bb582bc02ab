"""The value of one indicator for one org, section and year — what compute.py produces and
evaluate.py, youzhi.py and the desktop read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class IndicatorValue:
    org: str
    indicator: str
    section: str | None
    year: int
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    reported: int = 0
    expected: int = 0
    schools: int | None = None  # cv and youzhi_share: schools counted

    @property
    def coverage(self) -> float | None:
        return None if not self.expected else self.reported / self.expected

    @property
    def partial(self) -> bool:
        return bool(self.expected) and self.reported < self.expected

    def to_dict(self) -> dict:
        return {"org": self.org, "indicator": self.indicator, "section": self.section,
                "year": self.year, "value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "reported": self.reported,
                "expected": self.expected, "coverage": self.coverage, "partial": self.partial,
                "schools": self.schools}


Key = tuple[str, str, "str | None", int]  # (org, indicator, section, year)
