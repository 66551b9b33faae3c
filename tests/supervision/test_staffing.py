"""Erlang C staffing (supervision/staffing.py) against published worked examples.

Every expected figure below was also computed independently with the textbook factorial
form (`textbook_erlang_c`, exact rational arithmetic), not only copied from the sources.
"""

import math
from fractions import Fraction

import pytest

from supervision.staffing import counselors_needed, erlang_c, servers_needed, service_level, traffic


def textbook_erlang_c(load: float, servers: int) -> float:
    """C = (A^N/N! · N/(N-A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N-A)), exactly."""
    a = Fraction(load)
    top = a**servers / math.factorial(servers) * Fraction(servers) / (servers - a)
    return float(top / (sum(a**k / math.factorial(k) for k in range(servers)) + top))


def log_space_erlang_c(load: float, servers: int) -> float:
    """The same formula with logarithms (lgamma), for hundreds of servers."""
    terms = [k * math.log(load) - math.lgamma(k + 1) for k in range(servers)]
    last = (
        servers * math.log(load) - math.lgamma(servers + 1) + math.log(servers / (servers - load))
    )
    peak = max([*terms, last])
    total = sum(math.exp(t - peak) for t in terms) + math.exp(last - peak)
    return math.exp(last - peak) / total


# Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
# (callcentrehelper.com): 100 calls per 30 minutes = 200 an hour, AHT 180 s, so
# A = 200 × 180 / 3600 = 10 Erlangs; target 80 % answered within 20 s. The article finds
# Pw = 0.6821 with 11 agents and needs 14 agents. SL = 1 - Pw · e^(-(N-A)·20/180):
#   N=11: Pw 0.682118, SL 1 - 0.682118·e^(-1/9)   = 0.389614
#   N=12: Pw 0.449388, SL 1 - 0.449388·e^(-2/9)   = 0.640158
#   N=13: Pw 0.285270, SL 1 - 0.285270·e^(-3/9)   = 0.795595  (just short of 80 %)
#   N=14: Pw 0.174132, SL 1 - 0.174132·e^(-4/9)   = 0.888350
CALL_CENTRE_HELPER = [
    (11, 0.682118, 0.389614),
    (12, 0.449388, 0.640158),
    (13, 0.285270, 0.795595),
    (14, 0.174132, 0.888350),
]


@pytest.mark.parametrize(("agents", "waits", "level"), CALL_CENTRE_HELPER)
def test_call_centre_helper_worked_example(agents, waits, level):
    assert traffic(200, 180) == pytest.approx(10)
    assert erlang_c(10, agents) == pytest.approx(waits, abs=1e-6)
    assert erlang_c(10, agents) == pytest.approx(textbook_erlang_c(10, agents), rel=1e-12)
    assert service_level(200, 180, agents, 20) == pytest.approx(level, abs=1e-6)


def test_the_worked_example_needs_fourteen_agents():
    assert servers_needed(200, 180, 20, 0.8) == 14


def test_a_maximum_occupancy_can_require_more_than_the_service_level():
    # 10 Erlangs on 14 agents keeps each busy 71 %; at most 70 % needs ceil(10/0.7) = 15.
    assert servers_needed(200, 180, 20, 0.8, max_occupancy=0.85) == 14
    assert servers_needed(200, 180, 20, 0.8, max_occupancy=0.7) == 15


def test_mitan_worked_example():
    # Mitan Ltd, "The Erlang-C Formula" (mitan.co.uk/erlang/elgcmath.htm): 360 calls per
    # half hour, 4-minute calls, 55 agents, 15 s target. A = 720/h × 240 s / 3600 = 48.
    # Factorial form: Pw = 0.238701; SL = 1 - 0.238701·e^(-7·15/240) = 0.845883;
    # average speed of answer = Pw · 240 / (55 - 48) = 8.18 s.
    assert traffic(720, 240) == pytest.approx(48)
    waits = erlang_c(48, 55)
    assert waits == pytest.approx(0.238701, abs=1e-6)
    assert waits == pytest.approx(textbook_erlang_c(48, 55), rel=1e-12)
    assert service_level(720, 240, 55, 15) == pytest.approx(0.845883, abs=1e-6)
    assert waits * 240 / (55 - 48) == pytest.approx(8.18, abs=0.01)


def test_a_ten_erlang_single_figure_check():
    # A widely quoted value: A = 10 Erlangs, N = 11 gives Pw ≈ 0.6821.
    assert round(erlang_c(10, 11), 4) == 0.6821


@pytest.mark.parametrize(("load", "servers"), [(1, 2), (2.5, 4), (7.3, 9), (0.72, 3)])
def test_small_cases_match_the_factorial_form(load, servers):
    assert erlang_c(load, servers) == pytest.approx(textbook_erlang_c(load, servers), rel=1e-12)


@pytest.mark.parametrize(("load", "servers"), [(180, 200), (500, 520), (900, 960)])
def test_hundreds_of_servers_stay_finite_and_right(load, servers):
    # A^N / N! overflows a float long before N = 200; the recursion does not.
    with pytest.raises(OverflowError):
        float(load) ** servers / math.factorial(servers)
    waits = erlang_c(load, servers)
    assert 0 < waits < 1
    assert waits == pytest.approx(log_space_erlang_c(load, servers), rel=1e-9)


def test_hundreds_of_servers_are_found_quickly():
    # 6,000 arrivals an hour of 5 minutes each = 500 Erlangs.
    needed = servers_needed(6000, 300, 20, 0.8)
    assert 500 < needed < 560
    assert service_level(6000, 300, needed, 20) >= 0.8
    assert service_level(6000, 300, needed - 1, 20) < 0.8


def test_single_server_is_the_mm1_queue():
    # With one server, Erlang C is the utilisation ρ = A.
    assert erlang_c(0.3, 1) == pytest.approx(0.3)


def test_too_few_servers_means_everyone_waits():
    assert erlang_c(10, 10) == 1.0
    assert erlang_c(10, 9) == 1.0
    assert service_level(200, 180, 10, 20) == 0.0


def test_no_traffic_needs_nobody():
    assert erlang_c(0, 3) == 0.0
    assert servers_needed(0, 180, 20, 0.8) == 0
    assert counselors_needed(0, 180, 20, 0.8, concurrency=3) == 0


def test_service_level_rises_with_every_server():
    levels = [service_level(200, 180, n, 20) for n in range(11, 25)]
    assert levels == sorted(levels)


def test_counselors_hold_several_conversations_at_once():
    # 14 servers for the worked example: 2 at a time → 7 counselors, 3 → ceil(4.67) = 5.
    assert counselors_needed(200, 180, 20, 0.8) == 14
    assert counselors_needed(200, 180, 20, 0.8, concurrency=2) == 7
    assert counselors_needed(200, 180, 20, 0.8, concurrency=3) == 5


def test_a_fractional_concurrency_is_not_rounded_up_by_float_noise():
    # 14 / 2.8 is 5.000000000000001 in floating point: still 5 counselors.
    assert counselors_needed(200, 180, 20, 0.8, concurrency=2.8) == 5


def test_a_quiet_crisis_line_hour():
    # 2 chats an hour of 1,300 s (supervision/reports test data, 09:00): A = 0.7222.
    # N=1: Pw = A = 0.722222, SL(300 s) = 1 - 0.722222·e^(-0.2778·300/1300) = 0.322621
    # N=2: Pw = 0.191610, SL(300 s) = 1 - 0.191610·e^(-1.2778·300/1300) = 0.857322
    # N=3: Pw = 0.040031, SL(300 s) = 1 - 0.040031·e^(-2.2778·300/1300) = 0.976334
    assert service_level(2, 1300, 1, 300) == pytest.approx(0.322621, abs=1e-6)
    assert service_level(2, 1300, 2, 300) == pytest.approx(0.857322, abs=1e-6)
    assert service_level(2, 1300, 3, 300) == pytest.approx(0.976334, abs=1e-6)
    assert servers_needed(2, 1300, 300, 0.9) == 3


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1])
def test_a_target_level_must_be_reachable(level):
    with pytest.raises(ValueError):
        servers_needed(200, 180, 20, level)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        erlang_c(-1, 3)
    with pytest.raises(ValueError):
        counselors_needed(200, 180, 20, 0.8, concurrency=0)
    with pytest.raises(ValueError):
        servers_needed(200, 180, 20, 0.8, max_occupancy=0)
