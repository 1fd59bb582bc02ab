"""Which reporting round is current, and which rounds a workspace offers.

Round *Y* is the autumn statistics of *Y* (the school year that starts in September *Y*) and
the results of calendar *Y* (forms/README.md, "Year"). So from 1 September a new round is
current; before it, the previous year's round is still the one being reported.
"""

from __future__ import annotations

import datetime as dt

ROUND_STARTS = (9, 1)  # month, day: the autumn statistics begin
FIRST_ROUND = 2023  # the plans' first round (2023—2025)


def current_round(as_of: dt.date) -> int:
    """The round being reported on ``as_of``: from 1 September its own year, else the year
    before (2024-08-31 → 2023, 2024-09-01 → 2024)."""
    return as_of.year if (as_of.month, as_of.day) >= ROUND_STARTS else as_of.year - 1


def round_choices(as_of: dt.date, years_with_data: set[int] | frozenset[int] = frozenset()
                  ) -> list[int]:
    """The rounds to offer: from the first round with data (or the plans' first) to the
    current round plus one."""
    first = min([FIRST_ROUND, *years_with_data])
    last = max([current_round(as_of) + 1, *years_with_data])
    return list(range(first, last + 1))


def opening_round(as_of: dt.date, years_with_data: set[int] | frozenset[int] = frozenset(),
                  demo: bool = False) -> int:
    """The round a workspace opens on: a real one the current round; the demo its latest
    round with data (it was made for its own as-of date)."""
    if demo and years_with_data:
        return max(years_with_data)
    return current_round(as_of)
