"""Supervisors' reports (supervision/reports/), on a small set of conversations whose every
figure is worked out by hand below. Runs on SQLite by default and on PostgreSQL under
`make test`, where the percentiles come from percentile_cont instead of Python.

The period is Monday 3 and Tuesday 4 March 2025 in Tokyo (UTC+9, no daylight saving).
Times are local. wait = answered - queued, handling = ended - answered.

    id  arrived    tier      intake topic   wait  handling  status     wrap-up (counselor/triage)
    c1  Mon 09:10  imminent  suicide          30    1800    ended      safety_plan imminent/imminent
    c2  Mon 09:20  high      self_harm        90    1200    ended      de_escalated high/high
    c3  Mon 09:40  high      loneliness        -       -    abandoned after 400 s
    c4  Mon 10:05  medium    loneliness      300    2400    ended      referred high/medium
    c5  Mon 10:30  low       -               600     600    ended      de_escalated low/low
    c6  Mon 22:15  unknown   -                 -       -    abandoned after 100 s
    c7  Tue 08:30  imminent  suicide         300    3000    ended      emergency_s. imminent/high
    c8  Tue 09:50  medium    relationships  1200     900    ended      de_escalated medium/medium
    c9  Tue 23:30  low       feelings          -       -    waiting
    c10 Tue 14:00  high      abuse            45       -    active
    x1  Sun 23:59  imminent  loneliness       10     600    ended      other (outside the period)
    x2  Wed 00:00  low       -                 -       -    abandoned (outside: at the end)

c7 arrived on Tuesday in Tokyo but on Monday (23:30) in UTC.
"""

import csv
import html
import io
import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.models import PresenceChange
from counseling.models import Conversation, SenderKind, Status, Survey, WrapUp
from supervision import reports
from supervision.reports import Period
from supervision.reports.period import percentile
from supervision.reports.staffing import staffing_by_hour
from supervision.reports.surveys import survey_results
from supervision.reports.volume import volume_by_hour, volume_by_weekday
from supervision.reports.waits import abandonment, high_risk_answered_within, wait_by_tier
from supervision.reports.wrapups import cohen_kappa, outcomes, tier_agreement, topics
from tests.accounts.factories import counselor, supervisor

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
PERIOD = Period.from_dates(date(2025, 3, 3), date(2025, 3, 4), tz=TOKYO)
_tokens = itertools.count()


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=TOKYO)


def conversation(
    arrived: datetime,
    tier: str,
    topic: str | None = None,
    *,
    wait: int | None = None,
    handling: int | None = None,
    left_after: int | None = None,
    by=None,
) -> Conversation:
    if left_after is not None:
        status = Status.ABANDONED
    elif wait is None:
        status = Status.WAITING
    else:
        status = Status.ENDED if handling is not None else Status.ACTIVE
    row = Conversation.objects.create(
        token_hash=f"{next(_tokens):064d}",
        status=status,
        risk_tier=tier,
        intake={"topic": topic} if topic else {},
        counselor=by if wait is not None else None,
    )
    assigned = arrived + timedelta(seconds=wait) if wait is not None else None
    ended = None
    if left_after is not None:
        ended = arrived + timedelta(seconds=left_after)
    elif assigned is not None and handling is not None:
        ended = assigned + timedelta(seconds=handling)
    ended_by = SenderKind.SEEKER if left_after is not None else SenderKind.COUNSELOR
    # created_at is auto_now_add: the known times go in with an update.
    Conversation.objects.filter(pk=row.pk).update(
        created_at=arrived,
        queued_at=arrived,
        assigned_at=assigned,
        ended_at=ended,
        ended_by=ended_by if ended else "",
    )
    return row


def wrap_up(row, by, outcome, counselor_tier, triage_tier, topics) -> None:
    WrapUp.objects.create(
        conversation=row,
        counselor=by,
        outcome=outcome,
        counselor_tier=counselor_tier,
        triage_tier=triage_tier,
        topics=topics,
    )


def survey(row, before, after, helped) -> None:
    Survey.objects.create(
        conversation=row, feeling_before=before, feeling_after=after, helped=helped
    )


@pytest.fixture
def known_conversations() -> dict[str, Conversation]:
    me = counselor()
    c = {
        "c1": conversation(local(3, 9, 10), "imminent", "suicide", wait=30, handling=1800, by=me),
        "c2": conversation(local(3, 9, 20), "high", "self_harm", wait=90, handling=1200, by=me),
        "c3": conversation(local(3, 9, 40), "high", "loneliness", left_after=400),
        "c4": conversation(local(3, 10, 5), "medium", "loneliness", wait=300, handling=2400, by=me),
        "c5": conversation(local(3, 10, 30), "low", wait=600, handling=600, by=me),
        "c6": conversation(local(3, 22, 15), "unknown", left_after=100),
        "c7": conversation(local(4, 8, 30), "imminent", "suicide", wait=300, handling=3000, by=me),
        "c8": conversation(
            local(4, 9, 50), "medium", "relationships", wait=1200, handling=900, by=me
        ),
        "c9": conversation(local(4, 23, 30), "low", "feelings"),
        "c10": conversation(local(4, 14, 0), "high", "abuse", wait=45, by=me),
        "x1": conversation(
            local(2, 23, 59), "imminent", "loneliness", wait=10, handling=600, by=me
        ),
        "x2": conversation(local(5, 0, 0), "low", left_after=30),
    }
    wrap_up(c["c1"], me, "safety_plan", "imminent", "imminent", ["suicide"])
    wrap_up(c["c2"], me, "de_escalated", "high", "high", ["loneliness", "self_harm"])
    wrap_up(c["c4"], me, "referred", "high", "medium", ["loneliness"])
    wrap_up(c["c5"], me, "de_escalated", "low", "low", [])
    wrap_up(c["c7"], me, "emergency_services", "imminent", "high", ["suicide"])
    wrap_up(c["c8"], me, "de_escalated", "medium", "medium", ["loneliness", "relationships"])
    wrap_up(c["x1"], me, "other", "low", "imminent", ["loneliness"])
    survey(c["c1"], 1, 3, "yes")
    survey(c["c2"], 2, 4, "yes")
    survey(c["c4"], 2, 2, "somewhat")
    survey(c["c5"], 3, None, "no")
    survey(c["c6"], None, None, "")
    survey(c["c8"], 4, 5, "yes")
    survey(c["x1"], 5, 1, "no")
    return c


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    # Staff here never log in; the default hasher would spend seconds per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def by_key(rows, key="tier"):
    return {row[key]: row for row in rows}


def test_a_period_of_dates_is_whole_local_days():
    assert PERIOD.start == datetime(2025, 3, 2, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert PERIOD.end == datetime(2025, 3, 4, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert PERIOD.hours_of_day() == [2] * 24


def test_days_when_clocks_change_have_23_or_25_hours():
    london = ZoneInfo("Europe/London")
    spring = Period.from_dates(date(2025, 3, 30), date(2025, 3, 30), tz=london)
    autumn = Period.from_dates(date(2025, 10, 26), date(2025, 10, 26), tz=london)
    assert len(spring.clock_hours()) == 23 and spring.hours_of_day()[1] == 0
    assert len(autumn.clock_hours()) == 25 and autumn.hours_of_day()[1] == 2


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_the_time_zone_comes_from_settings():
    period = Period.from_dates(date(2025, 3, 3), date(2025, 3, 3))
    assert period.start.utcoffset() == timedelta(hours=9)


def test_a_period_needs_aware_ordered_datetimes():
    with pytest.raises(ValueError):
        Period(start=datetime(2025, 3, 3), end=datetime(2025, 3, 4), tz=TOKYO)
    with pytest.raises(ValueError):
        Period(start=local(4, 0), end=local(3, 0), tz=TOKYO)


def test_volume_by_local_hour(known_conversations):
    rows = volume_by_hour(PERIOD)
    assert [row["hour"] for row in rows] == list(range(24))
    busy = {row["label"]: row for row in rows if row["arrivals"]}
    # 08: c7 (answered). 09: c1 c2 c3 c8, c3 abandoned. 10: c4 c5. 14: c10 (active).
    # 22: c6 abandoned. 23: c9 still waiting (x1 at Sunday 23:59 is outside).
    assert {label: (r["arrivals"], r["answered"], r["abandoned"]) for label, r in busy.items()} == {
        "08:00": (1, 1, 0),
        "09:00": (4, 3, 1),
        "10:00": (2, 2, 0),
        "14:00": (1, 1, 0),
        "22:00": (1, 0, 1),
        "23:00": (1, 0, 0),
    }
    assert rows[0]["arrivals"] == 0  # x2 arrived at the period's end: excluded


def test_volume_by_local_weekday(known_conversations):
    rows = volume_by_weekday(PERIOD)
    assert [row["weekday"] for row in rows] == list(range(7))
    assert rows[0]["label"] == "Monday" and rows[6]["label"] == "Sunday"
    # Monday c1..c6: 4 answered (c1 c2 c4 c5), 2 abandoned (c3 c6).
    # Tuesday c7..c10 (c7 is Monday in UTC): 3 answered (c7 c8 c10), none abandoned.
    counts = [(r["arrivals"], r["answered"], r["abandoned"]) for r in rows]
    assert counts == [(6, 4, 2), (4, 3, 0)] + [(0, 0, 0)] * 5


def test_wait_by_tier_median_and_90th_percentile(known_conversations):
    rows = by_key(wait_by_tier(PERIOD))
    assert list(rows) == ["imminent", "high", "medium", "low", "unknown", "all"]
    # imminent 30, 300: median 165; p90 = 30 + 0.9 × 270 = 273.
    assert rows["imminent"] | {"label": ""} == {
        "tier": "imminent",
        "label": "",
        "answered": 2,
        "median_seconds": 165.0,
        "p90_seconds": 273.0,
    }
    # high 45, 90 (c3 abandoned): median 67.5; p90 = 45 + 0.9 × 45 = 85.5.
    assert (rows["high"]["median_seconds"], rows["high"]["p90_seconds"]) == (67.5, 85.5)
    # medium 300, 1200: median 750; p90 = 300 + 0.9 × 900 = 1110.
    assert (rows["medium"]["median_seconds"], rows["medium"]["p90_seconds"]) == (750.0, 1110.0)
    assert (rows["low"]["answered"], rows["low"]["median_seconds"]) == (1, 600.0)
    assert rows["unknown"] == {
        "tier": "unknown",
        "label": "Not yet assessed",
        "answered": 0,
        "median_seconds": None,
        "p90_seconds": None,
    }
    # all: 30 45 90 300 300 600 1200 → median 300 (4th of 7);
    # p90 at rank 0.9 × 6 = 5.4 → 600 + 0.4 × (1200 - 600) = 840.
    assert (rows["all"]["answered"], rows["all"]["median_seconds"]) == (7, 300.0)
    assert rows["all"]["p90_seconds"] == 840.0


def test_high_risk_answered_within_one_and_five_minutes(known_conversations):
    rows = by_key(high_risk_answered_within(PERIOD))
    # imminent: c1 after 30 s, c7 after exactly 300 s (counts as within 5 minutes).
    assert rows["imminent"]["people"] == 2
    assert rows["imminent"]["within"] == [
        {"seconds": 60, "answered": 1, "share": 0.5},
        {"seconds": 300, "answered": 2, "share": 1.0},
    ]
    # high: c2 after 90 s, c10 after 45 s, c3 left: 3 people, 1 and 2 within.
    assert (rows["high"]["people"], rows["high"]["abandoned"]) == (3, 1)
    assert [w["share"] for w in rows["high"]["within"]] == [0.3333, 0.6667]
    # both: 5 people (x1 is outside the period), 2 within a minute, 4 within five.
    both = rows["imminent_high"]
    assert (both["people"], both["answered"], both["abandoned"]) == (5, 4, 1)
    assert [(w["answered"], w["share"]) for w in both["within"]] == [(2, 0.4), (4, 0.8)]


def test_abandonment_by_tier(known_conversations):
    rows = by_key(abandonment(PERIOD))
    # high: c2 c10 answered, c3 left after 400 s → 1 / 3.
    assert rows["high"] | {"label": ""} == {
        "tier": "high",
        "label": "",
        "arrivals": 3,
        "answered": 2,
        "abandoned": 1,
        "waiting": 0,
        "rate": 0.3333,
        "median_wait_seconds": 400.0,
        "p90_wait_seconds": 400.0,
    }
    # low: c5 answered, c9 still waiting: not counted in the rate (0 / 1).
    assert (rows["low"]["waiting"], rows["low"]["rate"]) == (1, 0.0)
    assert (rows["unknown"]["rate"], rows["unknown"]["median_wait_seconds"]) == (1.0, 100.0)
    assert rows["imminent"]["median_wait_seconds"] is None
    # all: 10 arrivals, 7 answered, 2 left, 1 waiting; 2 / 9 = 0.2222.
    # Left after 100 and 400 s: median 250, p90 = 100 + 0.9 × 300 = 370.
    assert rows["all"] | {"label": ""} == {
        "tier": "all",
        "label": "",
        "arrivals": 10,
        "answered": 7,
        "abandoned": 2,
        "waiting": 1,
        "rate": 0.2222,
        "median_wait_seconds": 250.0,
        "p90_wait_seconds": 370.0,
    }


def test_outcomes_in_settings_order(known_conversations):
    rows = outcomes(PERIOD)
    # Six wrap-ups in the period: de_escalated c2 c5 c8; x1's "other" is outside it.
    assert [(r["outcome"], r["count"]) for r in rows] == [
        ("de_escalated", 3),
        ("safety_plan", 1),
        ("referred", 1),
        ("emergency_services", 1),
        ("disconnected", 0),
        ("other", 0),
    ]
    assert rows[0]["share"] == 0.5 and rows[0]["label"] == "De-escalated"


def test_outcomes_no_longer_offered_still_count(known_conversations, settings):
    settings.KIZUNA = {**settings.KIZUNA, "WRAPUP_OUTCOMES": ["de_escalated", "other"]}
    rows = outcomes(PERIOD)
    assert [(r["outcome"], r["count"]) for r in rows] == [
        ("de_escalated", 3),
        ("other", 0),
        ("emergency_services", 1),
        ("referred", 1),
        ("safety_plan", 1),
    ]
    assert sum(r["count"] for r in rows) == 6


def test_tier_agreement_and_the_dangerous_misses(known_conversations):
    result = tier_agreement(PERIOD)
    assert [t["tier"] for t in result["tiers"]] == ["imminent", "high", "medium", "low", "unknown"]
    # Rows are the counselor's tier, columns triage's.
    assert result["matrix"] == [
        [1, 1, 0, 0, 0],  # c1 imminent/imminent, c7 imminent/high
        [0, 1, 1, 0, 0],  # c2 high/high, c4 high/medium
        [0, 0, 1, 0, 0],  # c8
        [0, 0, 0, 1, 0],  # c5
        [0, 0, 0, 0, 0],
    ]
    # Agreement 4 / 6. Rows total 2 2 1 1 0, columns 1 2 2 1 0:
    # expected = (2·1 + 2·2 + 1·2 + 1·1) / 36 = 1/4; kappa = (2/3 - 1/4) / (3/4) = 5/9.
    assert result["total"] == 6
    assert result["agreement"] == 0.6667
    assert result["kappa"] == 0.5556
    assert (result["triage_lower"], result["triage_higher"]) == (2, 0)  # c4 and c7


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([[0, 0], [0, 0]]) is None
    assert cohen_kappa([[5, 0], [0, 0]]) is None  # one category only: undefined
    assert cohen_kappa([[3, 0], [0, 2]]) == 1.0
    # Textbook 2×2: 20 25 / 10 15, n = 70: po = 0.5, pe = (45·30 + 25·40) / 4900 = 0.4796
    assert cohen_kappa([[20, 25], [10, 15]]) == pytest.approx(0.0392, abs=1e-4)


def test_survey_feelings_before_and_after(known_conversations):
    result = survey_results(PERIOD)
    # c1 1→3, c2 2→4, c4 2→2, c5 3→?, c6 nothing, c8 4→5 (x1 is outside).
    assert result["respondents"] == 6
    assert [r["count"] for r in result["feeling_before"]] == [1, 2, 1, 1, 0]
    assert [r["count"] for r in result["feeling_after"]] == [0, 1, 1, 1, 1]
    # Both answered: +2 +2 0 +1 → 5 / 4 = 1.25.
    assert (result["answered_both"], result["mean_change"]) == (4, 1.25)
    assert [(h["answer"], h["count"]) for h in result["helped"]] == [
        ("yes", 3),
        ("somewhat", 1),
        ("no", 1),
        ("", 1),
    ]


def test_topics_at_intake_and_wrap_up(known_conversations):
    result = topics(PERIOD)
    assert (result["arrivals"], result["wrap_ups"]) == (10, 6)
    rows = by_key(result["rows"], "topic")
    counts = {topic: (row["intake"], row["wrap_up"]) for topic, row in rows.items()}
    assert counts == {
        "feelings": (1, 0),  # c9
        "suicide": (2, 2),  # c1 c7 / c1 c7
        "self_harm": (1, 1),  # c2 / c2
        "relationships": (1, 1),  # c8 / c8
        "school_work": (0, 0),
        "loneliness": (2, 3),  # c3 c4 / c2 c4 c8 (x1 is outside)
        "abuse": (1, 0),  # c10
        "other": (0, 0),
        "": (2, 1),  # c5 c6 gave none / c5's wrap-up has none
    }
    assert rows["loneliness"]["label"] == "Loneliness"


@pytest.fixture
def shifts(known_conversations) -> None:
    """Presence changes: A (capacity 3), B (2), D (1) are counselors; C went home before
    the period; S is a supervisor only and never counts as a counselor on shift."""
    a, b, c, d = (counselor(capacity=n) for n in (3, 2, 4, 1))
    s = supervisor()
    changes = [
        (a, "available", local(2, 20)),  # before the period: A is available at its start
        (a, "away", local(3, 9, 30)),
        (a, "available", local(3, 9, 45)),
        (a, "offline", local(3, 11)),  # exactly 11:00: not on shift in the 11:00 hour
        (a, "away", local(4, 8, 20)),  # away is not available
        (a, "available", local(4, 9, 10)),
        (a, "offline", local(4, 10)),
        (b, "available", local(3, 10, 59)),
        (b, "offline", local(3, 12)),
        (c, "available", local(2, 10)),
        (c, "offline", local(2, 18)),
        (d, "available", local(4, 23, 30)),  # still on at the period's end
        (s, "available", local(3, 9)),
    ]
    PresenceChange.objects.bulk_create(
        PresenceChange(user=user, presence=presence, at=at) for user, presence, at in changes
    )


def test_staffing_need_against_counselors_on_shift(shifts):
    result = staffing_by_hour(PERIOD, target_seconds=300, target_level=0.9)
    # Concurrency: mean capacity of A, B and D, who were available at some time: 2.0.
    assert result["concurrency"] == 2.0
    rows = result["rows"]
    assert all(row["hours_observed"] == 2 for row in rows)
    # On shift (Monday + Tuesday) / 2:
    # 00-07: A on Monday only → 0.5; 08: A Monday, away Tuesday → 0.5;
    # 09: A both days → 1.0; 10: A and B Monday, nobody Tuesday → 1.0; 11: B → 0.5;
    # 23: D on Tuesday → 0.5; the supervisor never counts.
    assert [row["counselors_on_shift"] for row in rows] == (
        [0.5] * 9 + [1.0, 1.0, 0.5] + [0.0] * 11 + [0.5]
    )
    # Handling: 08 c7 3000; 09 c1 c2 c8 → (1800 + 1200 + 900) / 3 = 1300;
    # 10 c4 c5 → 1500; nobody who arrived at 14, 22 or 23 has finished, so those hours
    # use the period's mean (3000 + 1800 + 1200 + 2400 + 600 + 900) / 6 = 1650.
    shown = {
        row["hour"]: (row["arrivals_per_hour"], row["handle_seconds"], row["counselors_needed"])
        for row in rows
        if row["arrivals"]
    }
    # Erlang C at 300 s for 90 % (values in tests/supervision/test_staffing.py's style):
    #   08: A = 0.5 × 3000 / 3600 = 0.417: 1 server 60.7 %, 2 servers 93.9 % → 2 → 1 counselor
    #   09: A = 2 × 1300 / 3600 = 0.722: 2 servers 85.7 %, 3 servers 97.6 % → 3 → ceil(1.5) = 2
    #   10: A = 1 × 1500 / 3600 = 0.417: 1 server 62.9 %, 2 servers 94.8 % → 2 → 1
    #   14, 22, 23: A = 0.5 × 1650 / 3600 = 0.229: 1 server 80.1 %, 2 98.3 % → 2 → 1
    assert shown == {
        8: (0.5, 3000.0, 1),
        9: (2.0, 1300.0, 2),
        10: (1.0, 1500.0, 1),
        14: (0.5, 1650.0, 1),
        22: (0.5, 1650.0, 1),
        23: (0.5, 1650.0, 1),
    }
    assert rows[9]["traffic"] == 0.722
    assert rows[3] | {"label": ""} == {
        "hour": 3,
        "label": "",
        "hours_observed": 2,
        "arrivals": 0,
        "arrivals_per_hour": 0.0,
        "handle_seconds": None,
        "traffic": None,
        "counselors_needed": 0,
        "counselors_on_shift": 0.5,
    }


def test_staffing_with_a_given_concurrency(shifts):
    rows = staffing_by_hour(PERIOD, concurrency=1)["rows"]
    assert [rows[h]["counselors_needed"] for h in (8, 9, 10)] == [2, 3, 2]


def test_staffing_without_presence_history_uses_the_default_capacity(known_conversations):
    result = staffing_by_hour(PERIOD)
    assert result["concurrency"] == 3.0
    assert all(row["counselors_on_shift"] == 0 for row in result["rows"])


def test_an_empty_period_has_rows_and_no_figures():
    empty = Period.from_dates(date(2030, 1, 1), date(2030, 1, 1), tz=TOKYO)
    for name, report in reports.REPORTS.items():
        header, rows = reports.report_table(name, report.compute(empty))
        assert rows, name
        assert "<svg" in reports.report_chart(name, report.compute(empty))
    assert by_key(wait_by_tier(empty))["all"]["median_seconds"] is None
    assert tier_agreement(empty)["kappa"] is None
    assert survey_results(empty)["mean_change"] is None


def test_the_percentile_matches_percentile_cont():
    # PostgreSQL: percentile_cont(0.9) over 10, 20, 30, 40 is 10 + 0.9 × 3 × 10 = 37.
    assert percentile([10, 20, 30, 40], 0.9) == pytest.approx(37)
    assert percentile([10, 20, 30, 40], 0.5) == 25
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


@pytest.mark.services
def test_postgresql_percentiles_agree_with_the_python_fallback(known_conversations, monkeypatch):
    """The same reports computed by percentile_cont and by the SQLite fallback."""
    in_database = [wait_by_tier(PERIOD), abandonment(PERIOD)]
    monkeypatch.setattr("supervision.reports.period._percentiles_in_database", lambda: False)
    in_python = [wait_by_tier(PERIOD), abandonment(PERIOD)]
    assert in_database == in_python
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY v)"
            " FROM unnest(ARRAY[30, 45, 90, 300, 300, 600, 1200]) AS v"
        )
        (expected,) = cursor.fetchone()
    assert expected == pytest.approx(840)
    assert percentile([30, 45, 90, 300, 300, 600, 1200], 0.9) == pytest.approx(expected)


# Queries each report makes, whatever the amount of data (no query per row).
QUERIES = {
    "volume_by_hour": 1,
    "volume_by_weekday": 1,
    "wait_by_tier": 2,
    "high_risk_answered_within": 1,
    "abandonment": 3,
    "outcomes": 1,
    "tier_agreement": 1,
    "survey_results": 1,
    "topics": 2,
    "staffing_by_hour": 3,
}


@pytest.mark.parametrize("name", list(reports.REPORTS))
def test_each_report_makes_a_fixed_number_of_queries_and_reads_no_text(shifts, name):
    with CaptureQueriesContext(connection) as queries:
        reports.REPORTS[name].compute(PERIOD)
    assert len(queries) == QUERIES[name]
    # Transcripts are purged after the retention period; reports must survive that.
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "counseling_message" not in sql
    assert "comment" not in sql and "note" not in sql


@pytest.mark.parametrize("name", list(reports.REPORTS))
def test_each_report_is_a_rectangular_table_and_a_chart(known_conversations, name):
    report = reports.REPORTS[name]
    data = report.compute(PERIOD)
    header, rows = reports.report_table(name, data)
    assert all(len(row) == len(header) for row in rows)
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    assert out.getvalue().count("\n") == len(rows) + 1
    chart = reports.report_chart(name, data)
    assert chart.startswith("<svg") and f"{html.escape(str(report.title))}</title>" in chart


def test_report_rows_runs_a_report_by_name(known_conversations):
    header, rows = reports.report_rows("volume_by_hour", PERIOD)
    assert header == ["Hour", "Arrivals", "Answered", "Abandoned"]
    assert rows[9] == ["09:00", 4, 3, 1]
    header, rows = reports.report_rows("tier_agreement", PERIOD)
    assert rows[0] == ["Imminent risk", 1, 1, 0, 0, 0, 2]
    assert ["Cohen's kappa", 0.5556, "", "", "", "", ""] in rows
