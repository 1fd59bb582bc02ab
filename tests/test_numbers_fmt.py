"""How numbers read (eduplan_core/numbers_fmt.py), the same on the command line, in the desktop
and later in Excel. Each expected text is written out by hand."""

import pytest

from eduplan_core.numbers_fmt import (amount, compact, count, number, percent, plain, quantity,
                                      share, signed, typed, unit_suffix, with_unit)


@pytest.mark.parametrize("value, text", [
    (None, "—"), (float("nan"), "—"),
    (8790, "8,790"), (8790.0, "8,790"), (0, "0"), (-1234, "-1,234"),  # whole: no decimals
    (95.0136, "95.01"), (1774.5, "1,774.50"),  # two decimals
    (0.4523, "0.452"), (-0.5, "-0.500"),  # below 1 (a CV): three
    (1e15, "1e+15"), (1e308, "1e+308"), (10 ** 30, "1e+30"),  # huge: shortened
    (True, "是"), (False, "否"), ("小学", "小学"),
])
def test_number(value, text):
    assert number(value) == text


def test_number_with_digits():
    assert number(0.5, 2) == "0.50" and number(95.0136, 1) == "95.0" and number(3, 2) == "3"
    assert number(0.4523, 3) == "0.452"


@pytest.mark.parametrize("value, text", [
    (None, "—"), (0.9, "0.9"), (4.5, "4.5"), (2000, "2,000"), (99.0, "99"), (0.125, "0.125"),
    (1 / 3, "0.3333"),
])
def test_plain_as_a_plan_writes_it(value, text):
    assert plain(value) == text


def test_counts_are_whole_and_rounded_up():
    assert count(351.2) == "352" and count(352.0) == "352" and count(1234) == "1,234"
    assert count(0.3) == "1" and count(None) == "—"


def test_units():
    assert unit_suffix("%") == "%" and unit_suffix("人") == " 人"
    assert unit_suffix("") == unit_suffix("是/否") == ""
    assert with_unit("95", "%") == "95%" and with_unit("4.2", "人") == "4.2 人"
    assert with_unit("—", "人") == "—" and with_unit("1", "是/否") == "1"
    assert quantity(95.01, "%") == "95.01%" and quantity(1774, "元") == "1,774 元"
    assert quantity(8351, "人") == "8,351 人" and quantity(None, "所") == "—"
    # what closes a gap: things whole (rounded up), money and the like with one decimal
    assert amount(351.2, "人") == "352 人" and amount(0.5, "所") == "1 所"
    assert amount(200000.0, "元") == "200,000 元" and amount(1234.56, "元") == "1,234.6 元"


def test_signed():
    assert signed(3) == "+3" and signed(-1.5) == "−1.50" and signed(0) == "0"
    assert signed(-0.25) == "−0.250" and signed(75.4, 0) == "+75" and signed(None) == "—"


def test_percents():
    assert share(0.85) == "85%" and share(1.0) == "100%" and share(None) == "—"
    assert percent(12.345) == "12.3%" and percent(12.345, 0) == "12%"


@pytest.mark.parametrize("value, text", [
    (None, ""), (123, "123"), (12.0, "12"), (7468.4, "7468.4"), (0.00001, "0.00001"),
    (0.1 + 0.2, "0.3"), (999999999999999.0, "999999999999999"),
    (0.123456789012345, "0.123456789012345"), (1234567.5, "1234567.5"),
    ("2024-09-01", "2024-09-01"),
])
def test_typed_is_what_a_person_types_back(value, text):
    assert typed(value) == text


def test_typed_reads_back_the_same():
    from eduplan_core.inputs import read_number

    for v in (7468.4, 0.00001, 0.1 + 0.2, 123456.789, 1e-7, 999999999999999.0):
        assert read_number(typed(v), "decimal") == pytest.approx(v, rel=1e-14)


@pytest.mark.parametrize("value, text", [
    (None, "—"), (7468.4, "7468.4"), (12.0, "12"), (100 / 3, "33.3333"), (1e308, "1e+308"),
    (10 ** 30, "1e+30"), (float("nan"), "nan"), (999999999999999.0, "999999999999999"),
])
def test_compact(value, text):
    assert compact(value) == text
    assert compact(None, missing="空") == "空"
