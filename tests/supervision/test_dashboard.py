"""The supervisors' live figures (queues/dashboard.py) on known conversations with
explicit timestamps; every expected number is worked out by hand in the comments."""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.models import Presence, User
from core.tiers import Tier
from counseling.models import Conversation, Status
from queues.alerts import alert_raise
from queues.models import Alert
from supervision.dashboard import dashboard_figures
from tests.accounts.factories import counselor, supervisor

pytestmark = pytest.mark.django_db

# 15:30 UTC on a Tuesday; 00:30 on Wednesday in Tokyo (UTC+9, no daylight saving).
NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def at(hours: int, minutes: int = 0, seconds: int = 0, *, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hours, minutes, seconds, tzinfo=UTC)


def conversation(created_at: datetime, **fields: Any) -> Conversation:
    """A conversation as the services leave it, created at `created_at` (UTC)."""
    fields.setdefault("queued_at", created_at)
    if fields.get("counselor") is not None:
        fields.setdefault("status", Status.ACTIVE)
    made = Conversation.objects.create(token_hash=uuid.uuid4().hex, **fields)
    Conversation.objects.filter(pk=made.pk).update(created_at=created_at)  # auto_now_add
    return made


def waiting(tier: str, seconds: int) -> Conversation:
    return conversation(NOW - timedelta(seconds=seconds), risk_tier=tier)


def answered(created_at: datetime, assigned_at: datetime, by: User, **fields: Any):
    return conversation(created_at, assigned_at=assigned_at, counselor=by, **fields)


def abandoned(created_at: datetime, ended_at: datetime) -> Conversation:
    return conversation(created_at, status=Status.ABANDONED, ended_at=ended_at)


def row(figures: Mapping[str, Any], tier: str) -> dict[str, Any]:
    [found] = [entry for entry in figures["waiting"] if entry["tier"] == tier]
    return found


# --- Waiting now ------------------------------------------------------------------------


def test_waiting_people_are_counted_by_tier_with_the_longest_and_median_wait():
    waiting(Tier.IMMINENT, 240)
    waiting(Tier.HIGH, 600)
    waiting(Tier.HIGH, 120)
    for seconds in (30, 90, 300):
        waiting(Tier.LOW, seconds)
    waiting(Tier.UNKNOWN, 45)
    answered(NOW - timedelta(hours=1), NOW - timedelta(minutes=50), counselor())  # not waiting

    figures = dashboard_figures(now=NOW)

    assert [entry["tier"] for entry in figures["waiting"]] == [
        "imminent",
        "high",
        "medium",
        "low",
        "unknown",
    ]
    summary = {
        entry["tier"]: (entry["waiting"], entry["longest_seconds"], entry["median_seconds"])
        for entry in figures["waiting"]
    }
    assert summary == {
        "imminent": (1, 240, 240),
        "high": (2, 600, 360),  # median of 600 and 120
        "medium": (0, None, None),
        "low": (3, 300, 90),  # median of 30, 90, 300
        "unknown": (1, 45, 45),
    }
    high = row(figures, Tier.HIGH)
    assert high["longest_since"] == (NOW - timedelta(seconds=600)).isoformat()
    assert high["label"] == "High risk"
    assert row(figures, Tier.MEDIUM)["longest_since"] is None


# --- Today ------------------------------------------------------------------------------


@override_settings(TIME_ZONE="UTC")
def test_today_counts_arrivals_answered_abandoned_and_the_abandonment_rate():
    aoi = counselor()
    answered(at(1, 10), at(1, 12), aoi, status=Status.ENDED, ended_at=at(1, 40))
    answered(at(9), at(9, 20), aoi)
    abandoned(at(9, 5), at(9, 15))
    abandoned(at(14, 50), at(14, 55))
    answered(at(14), at(14, 3), aoi)
    waiting(Tier.LOW, 60)
    waiting(Tier.HIGH, 120)
    # Yesterday's: none of today's figures.
    answered(at(22, day=9), at(22, 5, day=9), aoi, status=Status.ENDED, ended_at=at(22, 30, day=9))
    abandoned(at(23, 50, day=9), at(23, 58, day=9))

    today = dashboard_figures(now=NOW)["today"]

    assert today == {
        "arrivals": 7,  # 3 answered, 2 abandoned, 2 still waiting
        "answered": 3,
        "abandoned": 2,
        "abandonment_rate": 0.4,  # 2 of the 5 who were answered or left
    }


@override_settings(TIME_ZONE="UTC")
def test_with_nobody_answered_or_gone_yet_there_is_no_abandonment_rate():
    waiting(Tier.LOW, 60)
    today = dashboard_figures(now=NOW)["today"]
    assert (today["arrivals"], today["abandonment_rate"]) == (1, None)


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_today_is_the_local_day():
    aoi = counselor()
    # 23:50 and 23:55 in Tokyo on the 10th: yesterday there, though today in UTC.
    abandoned(at(14, 50), at(14, 55))
    # 00:05 to 00:10 and 00:20 to 00:25 in Tokyo on the 11th: today.
    answered(at(15, 5), at(15, 10), aoi)
    abandoned(at(15, 20), at(15, 25))

    today = dashboard_figures(now=NOW)["today"]

    assert today == {"arrivals": 2, "answered": 1, "abandoned": 1, "abandonment_rate": 0.5}


# --- The last 24 hours, by local hour ------------------------------------------------------


def hourly_by_label(figures: Mapping[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {
        entry["label"]: (entry["arrivals"], entry["answered"], entry["abandoned"])
        for entry in figures["hourly"]
        if entry["arrivals"] or entry["answered"] or entry["abandoned"]
    }


@override_settings(TIME_ZONE="UTC")
def test_the_last_24_hours_are_counted_by_hour():
    aoi = counselor()
    # 15:10 yesterday is before the first hour shown (16:00 yesterday): left out.
    answered(
        at(15, 10, day=9), at(15, 20, day=9), aoi, status=Status.ENDED, ended_at=at(16, 0, day=9)
    )
    answered(at(22, day=9), at(22, 5, day=9), aoi, status=Status.ENDED, ended_at=at(22, 30, day=9))
    answered(at(1, 10), at(1, 12), aoi, status=Status.ENDED, ended_at=at(1, 40))
    answered(at(9, 50), at(10, 2), aoi)  # arrived at 9, answered at 10
    abandoned(at(9, 5), at(9, 15))
    abandoned(at(14, 50), at(15, 5))  # arrived at 14, left at 15
    waiting(Tier.LOW, 60)  # arrived at 15:29

    figures = dashboard_figures(now=NOW)
    hours = figures["hourly"]

    assert len(hours) == 24
    assert (hours[0]["label"], hours[-1]["label"]) == ("16:00", "15:00")
    assert hours[0]["hour"] == at(16, day=9).isoformat()
    assert hours[-1]["hour"] == at(15).isoformat()
    assert hourly_by_label(figures) == {
        # label: (arrivals, answered, abandoned)
        "22:00": (1, 1, 0),
        "01:00": (1, 1, 0),
        "09:00": (2, 0, 1),
        "10:00": (0, 1, 0),
        "14:00": (1, 0, 0),
        "15:00": (1, 0, 1),
    }


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_the_hours_are_local_hours():
    aoi = counselor()
    abandoned(at(14, 50), at(14, 55))  # 23:50 in Tokyo
    answered(at(15, 5), at(15, 10), aoi)  # 00:05 in Tokyo
    abandoned(at(15, 20), at(15, 25))  # 00:20 in Tokyo
    answered(at(2, 40), at(3, 1), aoi)  # 11:40, answered at 12:01 in Tokyo

    figures = dashboard_figures(now=NOW)
    hours = figures["hourly"]

    # 00:30 in Tokyo: the last hour is 00:00, the first 01:00 the day before.
    assert (hours[0]["label"], hours[-1]["label"]) == ("01:00", "00:00")
    assert hours[-1]["hour"] == "2026-03-11T00:00:00+09:00"
    assert hourly_by_label(figures) == {
        "11:00": (1, 0, 0),
        "12:00": (0, 1, 0),
        "23:00": (1, 0, 1),
        "00:00": (2, 1, 1),
    }


# --- The team -----------------------------------------------------------------------------


@override_settings(TIME_ZONE="UTC")
def test_the_team_by_state_with_each_ones_load_and_answered_today():
    aoi = counselor(display_name="Aoi", presence=Presence.AVAILABLE, capacity=3)
    kai = counselor(display_name="Kai", presence=Presence.AWAY, capacity=2)
    counselor(display_name="Ren", presence=Presence.OFFLINE)
    mika = supervisor(display_name="Mika", presence=Presence.AVAILABLE)
    answered(at(1), at(1, 5), aoi, status=Status.ENDED, ended_at=at(2))  # today, ended
    answered(at(9), at(9, 10), aoi)  # today, active
    answered(at(14), at(14, 1), kai)  # today, active
    answered(at(23, day=9), at(23, 30, day=9), kai)  # yesterday, still active

    team = dashboard_figures(now=NOW)["team"]

    assert team["by_state"] == {"available": 2, "away": 1, "offline": 1}
    members = {
        member["name"]: (
            member["presence"],
            member["load"],
            member["capacity"],
            member["answered_today"],
            member["supervisor"],
        )
        for member in team["members"]
    }
    assert members == {  # Ren is offline: not on shift
        "Aoi": ("available", 1, 3, 2, False),
        "Kai": ("away", 2, 2, 1, False),
        "Mika": ("available", 0, 3, 0, True),
    }
    assert [member["id"] for member in team["members"]] == [aoi.pk, kai.pk, mika.pk]


# --- Live conversations ---------------------------------------------------------------------


def test_live_conversations_are_listed_most_at_risk_first():
    aoi, kai = counselor(display_name="Aoi"), counselor(display_name="Kai")
    low = answered(at(8), at(8, 5), aoi, risk_tier=Tier.LOW)
    unknown = answered(at(8), at(8, 1), kai, risk_tier=Tier.UNKNOWN)
    high_later = answered(at(9), at(9, 30), kai, risk_tier=Tier.HIGH)
    high_earlier = answered(at(9), at(9, 10), aoi, risk_tier=Tier.HIGH)
    imminent = answered(at(10), at(10, 5), aoi, risk_tier=Tier.IMMINENT)
    medium = answered(at(7), at(7, 5), kai, risk_tier=Tier.MEDIUM, seeker_left_at=at(7, 30))
    answered(at(6), at(6, 5), aoi, risk_tier=Tier.IMMINENT, status=Status.ENDED)  # over
    waiting(Tier.IMMINENT, 30)  # not live: nobody has them yet

    active = dashboard_figures(now=NOW)["active"]

    # By tier; within a tier, the one answered earlier first.
    assert [entry["id"] for entry in active] == [
        str(c.id) for c in (imminent, high_earlier, high_later, medium, low, unknown)
    ]
    first = active[0]
    assert (first["counselor_id"], first["counselor_name"], first["risk_tier"]) == (
        aoi.pk,
        "Aoi",
        "imminent",
    )
    assert first["assigned_at"] == at(10, 5).isoformat()
    assert [entry["seeker_left"] for entry in active] == [False, False, False, True, False, False]


# --- The whole ------------------------------------------------------------------------------


def test_the_figures_carry_every_section_and_the_open_alerts():
    conversation_at_risk = waiting(Tier.IMMINENT, 30)
    alert = alert_raise(kind=Alert.Kind.IMMINENT_WAITING, conversation=conversation_at_risk)
    assert alert is not None

    figures = dashboard_figures(now=NOW)

    assert set(figures) == {
        "generated_at",
        "waiting",
        "hourly",
        "today",
        "team",
        "active",
        "alerts",
    }
    assert figures["generated_at"] == NOW.isoformat()
    assert [(a["id"], a["kind"], a["conversation"]) for a in figures["alerts"]] == [
        (alert.pk, "imminent_waiting", str(conversation_at_risk.id))
    ]


@override_settings(TIME_ZONE="Europe/London")
def test_on_the_day_clocks_go_forward_the_last_24_hours_are_still_24_real_hours():
    # London went from 01:00 GMT to 02:00 BST at 01:00 UTC on 29 March 2026.
    now = datetime(2026, 3, 29, 12, 30, tzinfo=UTC)  # 13:30 BST
    conversation(datetime(2026, 3, 28, 13, 40, tzinfo=UTC))  # 22 h 50 min before now

    hours = dashboard_figures(now=now)["hourly"]

    current = datetime(2026, 3, 29, 12, tzinfo=UTC)
    assert [datetime.fromisoformat(entry["hour"]) for entry in hours] == [
        current - timedelta(hours=23 - i) for i in range(24)
    ]
    assert sum(entry["arrivals"] for entry in hours) == 1


def test_the_alerts_cost_the_same_few_queries_however_many_there_are():
    def figures_queries(alerts: int) -> int:
        boss = supervisor()
        for _ in range(alerts):
            held = conversation(NOW, counselor=counselor())
            alert = alert_raise(
                kind=Alert.Kind.COUNSELOR_SILENT, conversation=held, counselor=held.counselor
            )
            assert alert is not None
            Alert.objects.filter(pk=alert.pk).update(acknowledged_by=boss, acknowledged_at=NOW)
        with CaptureQueriesContext(connection) as queries:
            figures = dashboard_figures(now=NOW)
        assert all(alert["acknowledged_by"] for alert in figures["alerts"])
        return len(queries)

    assert figures_queries(1) == figures_queries(4)
