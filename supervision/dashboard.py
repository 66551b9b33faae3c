"""The supervisors' live dashboard: what is happening now, computed in a few queries.

Pushed to supervisors' dashboards whenever something changes (supervision/events.py), at
most once a second, and read by the REST API (supervision/api.py); shapes in
supervision/frames.py. Waits are sent as timestamps too, so a page can keep them ticking
between pushes.
"""

import statistics
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone

from accounts.models import Presence, User
from core.clock import service_zone
from core.roles import Role
from core.tiers import Tier
from counseling.models import Conversation, Status
from queues.frames import alert_dict, team_member_dict
from queues.selectors import alerts_recent, staff_on_shift

from .frames import (
    ActiveRow,
    DashboardFigures,
    DashboardMember,
    HourRow,
    TeamFigures,
    TodayTotals,
    WaitingRow,
)

TIERS = [Tier.IMMINENT, Tier.HIGH, Tier.MEDIUM, Tier.LOW, Tier.UNKNOWN]


def waiting_by_tier(now: datetime) -> list[WaitingRow]:
    """Per tier: how many wait, since when the longest has waited, and the median wait."""
    rows = Conversation.objects.filter(status=Status.WAITING).values_list("risk_tier", "queued_at")
    waits: dict[str, list[datetime]] = {tier: [] for tier in TIERS}
    for tier, queued_at in rows:
        waits.setdefault(tier, []).append(queued_at or now)
    figures: list[WaitingRow] = []
    for tier in TIERS:
        since = sorted(waits[tier])
        seconds = [(now - at).total_seconds() for at in since]
        figures.append(
            {
                "tier": tier,
                "label": str(Tier(tier).label),
                "waiting": len(since),
                "longest_since": since[0].isoformat() if since else None,
                "longest_seconds": round(seconds[0]) if seconds else None,
                "median_seconds": round(statistics.median(seconds)) if seconds else None,
            }
        )
    return figures


def hourly_last_day(now: datetime) -> list[HourRow]:
    """Arrivals, answered and abandoned for each of the last 24 local hours."""
    zone = service_zone()
    # Step in real hours (UTC), not clock hours: on the day clocks change a local day has
    # 23 or 25 hours, and local arithmetic would skip or repeat one.
    this_hour = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    first_hour = this_hour.astimezone(UTC) - timedelta(hours=23)

    def per_hour(field: str, **filters: Any) -> dict[datetime, int]:
        rows = (
            Conversation.objects.filter(**{f"{field}__gte": first_hour}, **filters)
            .annotate(hour=TruncHour(field, tzinfo=zone))
            .values("hour")
            .annotate(n=Count("pk"))
        )
        return {row["hour"]: row["n"] for row in rows}

    arrivals = per_hour("created_at")
    answered = per_hour("assigned_at")
    abandoned = per_hour("ended_at", status=Status.ABANDONED)
    hours = [first_hour + timedelta(hours=i) for i in range(24)]
    return [
        {
            "hour": hour.astimezone(zone).isoformat(),
            "label": hour.astimezone(zone).strftime("%H:00"),
            "arrivals": arrivals.get(hour, 0),
            "answered": answered.get(hour, 0),
            "abandoned": abandoned.get(hour, 0),
        }
        for hour in hours
    ]


def today_totals(now: datetime) -> TodayTotals:
    midnight = now.astimezone(service_zone()).replace(hour=0, minute=0, second=0, microsecond=0)
    totals = Conversation.objects.filter(created_at__gte=midnight).aggregate(
        arrivals=Count("pk"),
        answered=Count("pk", filter=Q(assigned_at__isnull=False)),
        abandoned=Count("pk", filter=Q(status=Status.ABANDONED)),
    )
    left = totals["abandoned"] + totals["answered"]
    return {
        "arrivals": totals["arrivals"],
        "answered": totals["answered"],
        "abandoned": totals["abandoned"],
        "abandonment_rate": round(totals["abandoned"] / left, 3) if left else None,
    }


def team_figures(now: datetime) -> TeamFigures:
    """Counselors by state, each one's load, and how many they have answered today."""
    midnight = now.astimezone(service_zone()).replace(hour=0, minute=0, second=0, microsecond=0)
    states = dict(
        User.objects.filter(
            is_active=True, groups__name__in=(Role.COUNSELOR, Role.SUPERVISOR, Role.ADMIN)
        )
        .distinct()
        .values_list("presence")
        .annotate(n=Count("pk", distinct=True))
    )
    answered_today = dict(
        Conversation.objects.filter(assigned_at__gte=midnight, counselor__isnull=False)
        .values_list("counselor")
        .annotate(n=Count("pk"))
    )
    members: list[DashboardMember] = [
        {**team_member_dict(user), "answered_today": answered_today.get(user.pk, 0)}
        for user in staff_on_shift()
    ]
    return {
        "by_state": {state: states.get(state, 0) for state in Presence.values},
        "members": members,
    }


def active_conversations(*, limit: int = 200) -> list[ActiveRow]:
    """Live conversations, most at risk first: what a supervisor may open and step into."""
    rows = (
        Conversation.objects.filter(status=Status.ACTIVE)
        .select_related("counselor")
        .order_by("assigned_at")[:limit]
    )
    entries: list[ActiveRow] = [
        {
            "id": str(conversation.id),
            "counselor_id": conversation.counselor_id,
            "counselor_name": conversation.counselor.public_name()
            if conversation.counselor
            else None,
            "risk_tier": conversation.risk_tier,
            "language": conversation.language,
            "assigned_at": conversation.assigned_at.isoformat()
            if conversation.assigned_at
            else None,
            "seeker_left": conversation.seeker_left_at is not None,
        }
        for conversation in rows
    ]
    rank: dict[str, int] = {tier: index for index, tier in enumerate(TIERS)}
    return sorted(entries, key=lambda entry: rank.get(entry["risk_tier"], len(TIERS)))


def dashboard_figures(*, now: datetime | None = None) -> DashboardFigures:
    now = now or timezone.now()
    return {
        "generated_at": now.isoformat(),
        "waiting": waiting_by_tier(now),
        "hourly": hourly_last_day(now),
        "today": today_totals(now),
        "team": team_figures(now),
        "active": active_conversations(),
        "alerts": [alert_dict(alert) for alert in alerts_recent()],
    }
