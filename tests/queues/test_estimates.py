"""Wait estimates (queues/estimates.py): a range from recent answers, or nothing."""

import pytest

from queues.estimates import wait_estimate


def test_without_enough_history_there_is_no_number():
    assert wait_estimate(position=1, answered_last_hour=0) is None
    assert wait_estimate(position=3, answered_last_hour=2) is None


def test_the_range_contains_the_expected_wait():
    # 12 answered an hour = one every 5 minutes; third in line: about 15 minutes.
    estimate = wait_estimate(position=3, answered_last_hour=12)
    assert estimate is not None
    low, high = estimate
    assert low <= 15 <= high
    assert low < high


def test_first_in_line_with_a_busy_team_waits_minutes_not_zero():
    assert wait_estimate(position=1, answered_last_hour=120) == (1, 2)


@pytest.mark.parametrize("position", [5, 20, 60])
def test_long_waits_are_given_in_five_minute_steps(position):
    estimate = wait_estimate(position=position, answered_last_hour=10)
    assert estimate is not None
    low, high = estimate
    assert high > 15
    assert low % 5 == 0 and high % 5 == 0
