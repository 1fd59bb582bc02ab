import datetime as dt

from eduplan_core.rounds import current_round, opening_round, round_choices


def test_the_round_turns_on_the_first_of_september():
    assert current_round(dt.date(2024, 8, 31)) == 2023
    assert current_round(dt.date(2024, 9, 1)) == 2024
    assert current_round(dt.date(2026, 11, 30)) == 2026
    assert current_round(dt.date(2027, 1, 15)) == 2026


def test_choices_run_from_the_first_round_with_data_to_the_current_plus_one():
    assert round_choices(dt.date(2026, 11, 30)) == list(range(2023, 2028))
    assert round_choices(dt.date(2024, 3, 1), {2021}) == [2021, 2022, 2023, 2024]
    assert round_choices(dt.date(2024, 3, 1), {2030}) == list(range(2023, 2031))


def test_a_real_workspace_opens_on_the_current_round_the_demo_on_its_latest_data():
    assert opening_round(dt.date(2026, 11, 30), {2023, 2024}) == 2026
    assert opening_round(dt.date(2026, 11, 30), {2023, 2024, 2025}, demo=True) == 2025
    assert opening_round(dt.date(2026, 11, 30), set(), demo=True) == 2026
