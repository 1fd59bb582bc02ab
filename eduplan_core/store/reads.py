"""Reads of stored values for the indicators, the demo and the window: the SQL stays in store/.

Each returns plain rows (tuples) in one statement per table, so a year of a province reads in
a few queries; the callers build their frames from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class YearRows:
    """One year's stored forms: (org, form, state), (org, form, field, value) and
    (org, field, explanation) rows."""

    entries: list[tuple[str, str, str]]
    values: list[tuple[str, str, str, Any]]
    explanations: list[tuple[str, str, str]]


def year_rows(ws, year: int) -> YearRows:
    db = ws.db
    return YearRows(
        entries=db.execute("SELECT org, form, state FROM entries WHERE year = ?",
                           [year]).fetchall(),
        values=db.execute("SELECT e.org, e.form, v.field, v.value FROM current_values v "
                          "JOIN entries e ON e.id = v.entry_id WHERE e.year = ?",
                          [year]).fetchall(),
        explanations=db.execute(
            "SELECT e.org, v.field, v.explanation FROM current_values v JOIN entries e "
            "ON e.id = v.entry_id WHERE e.year = ? AND v.explanation IS NOT NULL",
            [year]).fetchall())


def first_year(ws) -> int | None:
    """The first year with any stored form, or None."""
    return ws.db.execute("SELECT min(year) FROM entries").fetchone()[0]


def milestone_dates(ws) -> dict[tuple[str, str], str]:
    """(org, milestone target code) → the date it was reported done."""
    rows = ws.db.execute(
        "SELECT e.org, v.field, v.value FROM current_values v JOIN entries e "
        "ON e.id = v.entry_id WHERE e.form = 'milestones' AND v.value IS NOT NULL").fetchall()
    return {(org, code): value for org, code, value in rows}


def milestone_reports(ws) -> set[tuple[str, int]]:
    """(org, year) of every milestones form entered — a bureau that has one reported on its
    milestones that year (a date left empty: not done); without one it reported nothing."""
    return {(org, year) for org, year in ws.db.execute(
        "SELECT org, year FROM entries WHERE form = 'milestones'").fetchall()}


def org_value_rows(ws, org: str) -> list[tuple[int, str, str, str, Any, str | None]]:
    """Every current value of one org: (year, form, state, field, value, explanation)."""
    return ws.db.execute(
        "SELECT e.year, e.form, e.state, v.field, v.value, v.explanation FROM current_values v "
        "JOIN entries e ON e.id = v.entry_id WHERE e.org = ? ORDER BY e.year", [org]).fetchall()


def data_version(ws) -> int:
    """Changes whenever another connection commits (SQLite's ``PRAGMA data_version``)."""
    return ws.db.execute("PRAGMA data_version").fetchone()[0]
