"""Wait estimates (queues/estimates.py): from who is free now, their places, recent
handling times and the place in line; "no estimate" when there is no basis."""

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from queues.estimates import (
    ServiceState,
    WaitEstimate,
    erlang_cdf,
    erlang_quantile,
    wait_estimate,
    waiting_estimate,
)


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


# --- waiting_estimate: the method the waiting room uses (queues/estimates.py) ---

BUSY_TEAM = ServiceState(counselors_available=2, places_total=6, places_free=0, handling_minutes=30)


def test_closed_gives_no_minutes_only_when_it_opens():
    opens = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    estimate = waiting_estimate(position=1, service=replace(BUSY_TEAM, open=False, opens_at=opens))
    assert estimate == WaitEstimate("closed", opens_at=opens)


@pytest.mark.parametrize(
    "service",
    [
        ServiceState(counselors_available=0, handling_minutes=20, answered_last_hour=30),
        ServiceState(counselors_available=1, places_total=0, places_free=0, handling_minutes=20),
    ],
)
def test_nobody_to_answer_gives_no_estimate(service):
    # Plenty of history, but nobody who can take a conversation now.
    estimate = waiting_estimate(position=1, service=service)
    assert estimate.kind == "nobody"
    assert estimate.low_minutes is None and estimate.high_minutes is None


def test_second_in_line_with_two_free_counselors_is_answered_soon_not_in_half_an_hour():
    team = ServiceState(counselors_available=2, places_total=6, places_free=6, answered_last_hour=4)
    assert waiting_estimate(position=2, service=team).kind == "soon"


def test_free_places_are_counted_against_the_place_in_line():
    team = replace(BUSY_TEAM, places_free=2)
    assert waiting_estimate(position=2, service=team).kind == "soon"
    assert waiting_estimate(position=3, service=team).kind == "range"


def test_with_every_place_busy_the_range_holds_the_erlang_mean():
    # 6 places, 30 minutes each: one ending every 5 minutes; 3rd in line needs 3 endings.
    estimate = waiting_estimate(position=3, service=BUSY_TEAM)
    assert estimate.kind == "range"
    assert estimate.low_minutes is not None and estimate.high_minutes is not None
    assert estimate.low_minutes <= 15 <= estimate.high_minutes


def test_more_counselors_shorten_the_wait_and_a_later_place_lengthens_it():
    def high(position, places):
        estimate = waiting_estimate(
            position=position, service=replace(BUSY_TEAM, places_total=places)
        )
        assert estimate.high_minutes is not None
        return estimate.high_minutes

    assert high(4, 12) < high(4, 3)
    assert high(2, 6) < high(8, 6)


def test_without_handling_times_the_hour_answer_rate_is_used_for_those_beyond_free_places():
    team = ServiceState(
        counselors_available=1, places_total=3, places_free=1, answered_last_hour=12
    )
    estimate = waiting_estimate(position=4, service=team)
    assert (estimate.low_minutes, estimate.high_minutes) == wait_estimate(
        position=3, answered_last_hour=12
    )


def test_without_any_basis_there_is_no_estimate():
    team = ServiceState(counselors_available=1, places_total=3, places_free=0)
    assert waiting_estimate(position=1, service=team) == WaitEstimate("unknown")


def test_the_erlang_distribution_is_the_exponential_for_one_ending():
    assert erlang_cdf(1, 0.5, 2.0) == pytest.approx(1 - math.exp(-1.0))
    assert erlang_quantile(1, 0.5, 0.5) == pytest.approx(math.log(2) / 0.5, rel=1e-6)
    # Two endings take longer than one, at the same rate.
    assert erlang_quantile(2, 0.5, 0.5) > erlang_quantile(1, 0.5, 0.5)
