"""The queue order as a pure function (queues/policy.py)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.tiers import Tier
from queues.policy import AgingRule, priority, queue_order

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
RULE = AgingRule(step_seconds=900, cap_seconds=1800)


@dataclass(frozen=True)
class Person:
    name: str
    risk_tier: str
    waited_minutes: float
    returned_minutes_ago: float | None = None

    @property
    def returned_at(self) -> datetime | None:
        if self.returned_minutes_ago is None:
            return None
        return NOW - timedelta(minutes=self.returned_minutes_ago)

    @property
    def queued_at(self) -> datetime:
        return NOW - timedelta(minutes=self.waited_minutes)


def order(*people: Person) -> list[str]:
    return [p.name for p in queue_order(people, now=NOW, rule=RULE)]


def test_same_tier_is_first_come_first_served():
    assert order(Person("b", Tier.LOW, 2), Person("a", Tier.LOW, 5)) == ["a", "b"]


def test_higher_tier_goes_first_when_waits_are_close():
    assert order(Person("low", Tier.LOW, 10), Person("high", Tier.HIGH, 0)) == ["high", "low"]


def test_tiers_in_design_order_when_everyone_just_arrived():
    people = [
        Person(t, t, 0) for t in (Tier.UNKNOWN, Tier.LOW, Tier.MEDIUM, Tier.HIGH, Tier.IMMINENT)
    ]
    assert order(*people) == ["imminent", "high", "medium", "low", "unknown"]


def test_a_long_wait_lifts_a_person_one_tier_per_step():
    # Low waited 20 min (1 step + 5 min) beats medium who waited 4 min: 900+1200 > 1800+240.
    assert order(Person("medium", Tier.MEDIUM, 4), Person("low", Tier.LOW, 20)) == [
        "low",
        "medium",
    ]


def test_aging_is_capped():
    # Unknown after 3 hours counts as 30 minutes: equal to high just arrived is impossible
    # (0 + 1800 < 2700), so high stays ahead.
    assert order(Person("unknown", Tier.UNKNOWN, 180), Person("high", Tier.HIGH, 0)) == [
        "high",
        "unknown",
    ]


def test_imminent_is_never_overtaken():
    people = [
        Person("imminent", Tier.IMMINENT, 0),
        Person("high-long", Tier.HIGH, 600),
        Person("low-long", Tier.LOW, 600),
    ]
    assert order(*people)[0] == "imminent"


def test_imminent_people_among_themselves_by_wait():
    assert order(Person("i2", Tier.IMMINENT, 1), Person("i1", Tier.IMMINENT, 3)) == ["i1", "i2"]


def test_ties_go_to_the_longer_wait():
    # medium waited 0 = 1800; low waited 15 = 900 + 900 = 1800: tie, low waited longer.
    assert order(Person("medium", Tier.MEDIUM, 0), Person("low", Tier.LOW, 15)) == [
        "low",
        "medium",
    ]


def test_priority_ignores_clock_skew():
    assert priority(Tier.LOW, -30, RULE) == priority(Tier.LOW, 0, RULE)


def test_people_whose_counselor_dropped_go_ahead_of_their_tier_and_below():
    people = [
        Person("medium-waited-10", Tier.MEDIUM, 10),
        Person("returned-medium", Tier.MEDIUM, 1, returned_minutes_ago=0.5),
        Person("low-waited-29", Tier.LOW, 29),
        Person("imminent", Tier.IMMINENT, 0),
        Person("returned-low", Tier.LOW, 2, returned_minutes_ago=3),
    ]
    assert order(*people) == [
        "imminent",
        "returned-medium",
        "returned-low",  # counts as 30 minutes waited: ahead of a low who waited 29
        "low-waited-29",
        "medium-waited-10",
    ]


def test_a_returned_person_does_not_go_ahead_of_a_new_person_at_higher_risk():
    # Found by a tester: two low-risk people handed back to the queue were answered before
    # a high-risk person who had just written "死にたい".
    people = [
        Person("returned-low", Tier.LOW, 1, returned_minutes_ago=0.5),
        Person("returned-low-2", Tier.LOW, 2, returned_minutes_ago=0.5),
        Person("new-high", Tier.HIGH, 0.2),
    ]
    assert order(*people)[0] == "new-high"
