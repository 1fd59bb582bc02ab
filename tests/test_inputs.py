"""Typed numbers, dates and years: the one set of rules (eduplan_core/inputs.py), checked row by
row against the table in README.md so the two cannot drift apart; what is shown of names and
explanations."""

from __future__ import annotations

import ast
import math
import re

import pytest

from eduplan_core.errors import UsageError
from eduplan_core.inputs import (KINDS, Refused, brief, check_year, parse_number, read_date,
                                 read_number, read_year, shown)

from .conftest import project_root


def readme_rows() -> list[tuple[list[str], list[str]]]:
    """(typed texts, [integer, decimal, percent] results) of README's "Typed numbers" table."""
    text = (project_root() / "README.md").read_text("utf-8")
    section = text.split("### Typed numbers, dates and years", 1)[1].split("\n### ", 1)[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == ["typed", "integer field", "decimal field", "percent field"]
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        typed = [ast.literal_eval(t) for t in re.findall(r"`([^`]*)`", cells[0])]
        assert typed, line
        rows.append((typed, cells[1:]))
    return rows


ROWS = readme_rows()


def test_the_readme_table_has_the_rows_the_issue_asks_for():
    typed = {t for texts, _ in ROWS for t in texts}
    for must in ("１２３", "1.5", "7468。4", "7468．4", "1e5", "1,234", "1_000", " 12 ",
                 "\u300012\u3000", "NaN", "inf", "1e308", "123456789012345678901234567890",
                 "－5", "\u22125", "95%"):
        assert must in typed, must
    assert len(ROWS) >= 15


@pytest.mark.parametrize("typed,results", ROWS, ids=[repr(r[0][0]) for r in ROWS])
def test_readme_row(typed, results):
    for text in typed:
        for kind, want in zip(KINDS, results):
            if want.startswith("refused"):
                with pytest.raises(Refused):
                    read_number(text, kind)
                value, message = parse_number("在校学生数", text, kind)
                assert value is None
                why = want.split(":", 1)[1].strip() if ":" in want else ""
                assert why in message, (text, kind, message)
                assert message.startswith("“在校学生数”")
                assert "收到“" in message
            elif want == "—":
                assert read_number(text, kind) is None, (text, kind)
            else:
                value = read_number(text, kind)
                expected = int(want) if kind == "integer" else float(want)
                assert value == expected and type(value) is type(expected), (text, kind, value)


def test_long_numbers_are_shown_shortened_in_the_message():
    _, message = parse_number("在校学生数", "123456789012345678901234567890", "integer")
    assert "123456789012345678901234567890" not in message
    assert "…" in message and "共 30 个字符" in message
    _, message = parse_number("经费", "9" * 5000, "decimal")
    assert len(message) < 120
    _, message = parse_number("经费", "1e308", "decimal")
    assert "1e308" in message  # short: shown as typed


def test_control_characters_in_typed_text_are_escaped_in_the_message():
    _, message = parse_number("在校学生数", "12\x1b[31m", "integer")
    assert "\x1b" not in message and "\\x1b[31m" in message
    _, message = parse_number("在校学生数", "1\n2", "integer")
    assert "\n" not in message and "1\\n2" in message


def test_numbers_given_as_numbers():
    assert read_number(12, "integer") == 12
    assert read_number(12.0, "integer") == 12 and type(read_number(12.0, "integer")) is int
    assert read_number(7, "decimal") == 7.0
    assert read_number(0.1 + 0.2, "decimal") == 0.3  # 15 significant digits, as Excel keeps
    for bad in (1.5, True, float("nan"), float("inf"), 1e308, 10 ** 15, "x"):
        with pytest.raises(Refused):
            read_number(bad, "integer")
    for bad in (float("nan"), -float("inf"), 1e308, -10 ** 15, False):
        with pytest.raises(Refused):
            read_number(bad, "decimal")
    assert read_number(None, "integer") is None


def test_values_are_kept_exactly():
    for text in ("0.1", "7468.4", "99999999999999.9", "-0.000000000000001", "123456789.123456"):
        value = read_number(text, "decimal")
        assert repr(value) == repr(float(text))
        assert float(f"{value:.15g}") == value
    assert math.copysign(1, read_number("-0", "decimal")) == 1  # no negative zero
    assert read_number("-0", "integer") == 0


def test_dates():
    assert read_date("2024-09-01") == "2024-09-01"
    assert read_date("２０２４－０９－０１") == "2024-09-01"
    assert read_date(" 2024-09-01 ") == "2024-09-01"
    assert read_date("") is None
    for bad in ("20240901", "2024-W01-1", "2024-02-30", "2024-9-1", "昨天", "2024-09-01T00:00"):
        with pytest.raises(Refused):
            read_date(bad)


@pytest.mark.parametrize("typed", ["99999999999999999999", "0", "1900", "1999", "2101", "3000",
                                   "abc", "", "2024.0", "-2024", "２０２４年"])
def test_years_out_of_range_or_not_years_are_refused(typed):
    with pytest.raises(UsageError) as err:
        read_year(typed)
    assert "2000—2100" in err.value.message
    assert len(err.value.message) < 80


def test_years_in_range():
    assert read_year("2000") == 2000 and read_year("2100") == 2100
    assert read_year(" ２０２４ ") == 2024
    assert check_year(2024) == 2024
    for bad in (1999, 2101, 0, -1, 10 ** 20, True, 2024.0, "2024", None):
        with pytest.raises(UsageError):
            check_year(bad)


def test_shown_makes_invisible_and_terminal_characters_visible():
    assert shown("东川区第一小学") == "东川区第一小学"
    assert shown("a\nb") == "a\\nb"
    assert shown("\x1b[31m红\x1b[0m") == "\\x1b[31m红\\x1b[0m"
    assert shown("a\tb\rc\x00d\x7f") == "a\\tb\\rc\\x00d\\x7f"
    assert shown("abc\u202edef") == "abc\\u202edef"  # right-to-left override
    assert shown("a\u2028b") == "a\\u2028b"
    assert shown("全角\u3000空格") == "全角\u3000空格"  # visible space is kept
    assert shown("two\nlines\x1b", keep_newlines=True) == "two\nlines\\x1b"
    assert shown(None) == "" and shown(12) == "12"
    assert brief("x" * 100).endswith("（共 100 个字符）")
    assert brief("短") == "短"


def test_core_functions_taking_a_year_use_the_one_rule(catalog, demo_path):
    from eduplan_core.indicators.service import check_org, completeness_org, compute_org
    from eduplan_core.orgtree import OrgTree
    from eduplan_core.store.workspace import Workspace
    from eduplan_core.targets import targets_for

    tree = OrgTree(catalog)
    with pytest.raises(UsageError, match="2000—2100"):
        targets_for(catalog, tree, tree.resolve("东川区"), year=1900)
    with Workspace.open(demo_path, daily_backup=False) as ws:
        for call in (compute_org, check_org, completeness_org):
            for year in (0, 3000, 10 ** 20):
                with pytest.raises(UsageError, match="2000—2100"):
                    call(ws, "东川区", year)
