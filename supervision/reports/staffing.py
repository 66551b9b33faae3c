"""Counselors needed per local hour of day for a target wait (Erlang C) against those who
were on shift: the report's figures, then its table and its chart."""

import math
from datetime import datetime
from typing import Any

from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Presence, PresenceChange, User
from core.roles import Role
from supervision.staffing import counselors_needed, traffic

from .period import (
    FINISHED,
    HANDLING,
    HOUR,
    Bars,
    Period,
    Table,
    arrivals_in,
    in_seconds,
    plain,
)


def _counselors_on_shift(period: Period, hours: list[datetime]) -> tuple[list[int], list[int]]:
    """For each clock hour in `hours`: how many distinct counselors were available at
    some moment in it; and the capacities of everyone available at any time. Presence
    is rebuilt from PresenceChange: the last change before the period, then each change
    in it. Two queries."""
    counselors = User.objects.filter(groups__name=Role.COUNSELOR)
    last_before = PresenceChange.objects.filter(user=OuterRef("pk"), at__lt=period.start)
    capacity: dict[int, int] = dict(
        counselors.annotate(then=Subquery(last_before.order_by("-at").values("presence")[:1]))
        .filter(then=Presence.AVAILABLE)
        .values_list("pk", "capacity")
    )
    since: dict[int, datetime | None] = dict.fromkeys(capacity, period.start)
    spans: list[tuple[int, datetime, datetime]] = []
    changes = (
        PresenceChange.objects.filter(user__in=counselors, at__gte=period.start, at__lt=period.end)
        .order_by("user_id", "at", "pk")
        .values_list("user_id", "presence", "at", "user__capacity")
    )
    for user_id, presence, at, user_capacity in changes:
        began = since.get(user_id)
        if presence == Presence.AVAILABLE and began is None:
            since[user_id], capacity[user_id] = at, user_capacity
        elif presence != Presence.AVAILABLE and began is not None:
            spans.append((user_id, began, at))
            since[user_id] = None
    horizon = min(period.end, timezone.now())
    spans += [(user_id, began, horizon) for user_id, began in since.items() if began]
    present: list[set[int]] = [set() for _ in hours]
    for user_id, began, until in spans:
        first = max(0, (began - hours[0]) // HOUR)
        for i in range(first, min(len(hours), math.ceil((until - hours[0]) / HOUR))):
            present[i].add(user_id)
    return [len(users) for users in present], list(capacity.values())


def staffing_by_hour(
    period: Period,
    target_seconds: int = 300,
    target_level: float = 0.9,
    concurrency: float | None = None,
) -> dict[str, Any]:
    """Counselors needed per local hour of day for `target_level` of people answered
    within `target_seconds` (Erlang C, supervision/staffing.py), against those on shift.

    {"target_seconds", "target_level", "concurrency", "rows": [{"hour", "label",
    "hours_observed", "arrivals", "arrivals_per_hour", "handle_seconds", "traffic",
    "counselors_needed", "counselors_on_shift"}]}. Arrivals per hour and counselors on
    shift are means over the times that hour of day occurs in the period; on shift means
    available at some moment in the hour (role counselor). The handling time is that
    hour's mean, or the period's where nobody who arrived in that hour has finished yet.
    `concurrency` defaults to the mean capacity of counselors available in the period
    (capacity as set now: changes are not kept). Three queries.
    """
    hours = period.clock_hours()
    observed = period.hours_of_day()
    grouped = (
        arrivals_in(period)
        .annotate(hour=ExtractHour("created_at", tzinfo=period.tz))
        .values("hour")
        .annotate(
            arrivals=Count("pk"),
            handled=Count("pk", filter=FINISHED),
            handling=Avg(HANDLING, filter=FINISHED),
        )
        .order_by()
    )
    by_hour = {row["hour"]: row for row in map(plain, grouped)}
    for row in by_hour.values():
        row["handling"] = row["handling"].total_seconds() if row["handled"] else None
    handled = sum(row["handled"] for row in by_hour.values())
    total_handling = sum(
        row["handling"] * row["handled"] for row in by_hour.values() if row["handled"]
    )
    overall = total_handling / handled if handled else None
    on_shift, capacities = _counselors_on_shift(period, hours)
    on_shift_by_hour = [0] * 24
    for at, count in zip(hours, on_shift, strict=True):
        on_shift_by_hour[at.astimezone(period.tz).hour] += count
    if concurrency is None:
        default = User._meta.get_field("capacity").get_default()
        concurrency = sum(capacities) / len(capacities) if capacities else float(default)
    rows = []
    for hour in range(24):
        row = by_hour.get(hour, {"arrivals": 0, "handled": 0, "handling": None})
        times = observed[hour]
        rate = row["arrivals"] / times if times else None
        handle = row["handling"] if row["handled"] else overall
        if rate is None:
            needed = None
        elif rate == 0:
            needed = 0
        elif handle is None:
            needed = None
        else:
            needed = counselors_needed(
                rate, handle, target_seconds, target_level, concurrency=concurrency
            )
        rows.append(
            {
                "hour": hour,
                "label": f"{hour:02d}:00",
                "hours_observed": times,
                "arrivals": row["arrivals"],
                "arrivals_per_hour": None if rate is None else round(rate, 2),
                "handle_seconds": in_seconds(handle) if row["arrivals"] else None,
                "traffic": (round(traffic(rate, handle), 3) if rate and handle else None),
                "counselors_needed": needed,
                "counselors_on_shift": round(on_shift_by_hour[hour] / times, 2) if times else None,
            }
        )
    return {
        "target_seconds": target_seconds,
        "target_level": target_level,
        "concurrency": round(concurrency, 2),
        "rows": rows,
    }


STAFFING_COLUMNS = (
    "hours_observed",
    "arrivals",
    "arrivals_per_hour",
    "handle_seconds",
    "traffic",
    "counselors_needed",
    "counselors_on_shift",
)


def staffing_by_hour_table(data: dict[str, Any]) -> Table:
    return (
        [
            _("Hour"),
            _("Hours observed"),
            _("Arrivals"),
            _("Arrivals per hour"),
            _("Mean handling time (s)"),
            _("Traffic (Erlangs)"),
            _("Counselors needed"),
            _("Counselors on shift"),
        ],
        [[r["label"], *(r[k] for k in STAFFING_COLUMNS)] for r in data["rows"]],
    )


def staffing_by_hour_chart(data: dict[str, Any]) -> Bars:
    rows = data["rows"]
    return (
        [str(r["hour"]) for r in rows],
        {
            _("Needed"): [r["counselors_needed"] for r in rows],
            _("On shift"): [r["counselors_on_shift"] for r in rows],
        },
        _("Counselors"),
    )
