"""What every report is computed with: the period it covers, the arrivals in it, durations'
percentiles, the units figures are given in, and the shapes of a table and of a chart.

Percentiles use PostgreSQL's percentile_cont; SQLite has none, so there the durations are
read and interpolated the same way in Python (small data in dev/tests).
"""

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
)
from django.utils import timezone

from core.clock import service_zone
from core.tiers import Tier
from counseling.models import Conversation, Status

HOUR = timedelta(hours=1)
HIGH_RISK = (Tier.IMMINENT, Tier.HIGH)
ANSWERED = Q(assigned_at__isnull=False)
ABANDONED = Q(status=Status.ABANDONED)
FINISHED = Q(assigned_at__isnull=False, ended_at__isnull=False)
WAIT = ExpressionWrapper(F("assigned_at") - F("queued_at"), output_field=DurationField())
WAIT_BEFORE_LEAVING = ExpressionWrapper(
    F("ended_at") - F("queued_at"), output_field=DurationField()
)
HANDLING = ExpressionWrapper(F("ended_at") - F("assigned_at"), output_field=DurationField())

# (header, rows): a report's accessible table and its CSV download.
Table = tuple[list[str], list[list[Any]]]
# (labels, {series name: values}, y-axis label): a report drawn as bars.
Bars = tuple[list[str], dict[str, list[Any]], str]


@dataclass(frozen=True)
class Period:
    """[start, end) in aware datetimes, and the time zone its hours and days are read in."""

    start: datetime
    end: datetime
    tz: tzinfo = field(default_factory=service_zone)

    def __post_init__(self) -> None:
        if timezone.is_naive(self.start) or timezone.is_naive(self.end):
            raise ValueError("a period needs aware datetimes")
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @classmethod
    def from_dates(cls, first: date, last: date, tz: tzinfo | None = None) -> "Period":
        """Whole local days: from midnight of `first` to midnight after `last`."""
        zone = tz or service_zone()
        return cls(
            start=datetime.combine(first, time(), tzinfo=zone),
            end=datetime.combine(last + timedelta(days=1), time(), tzinfo=zone),
            tz=zone,
        )

    def clock_hours(self) -> list[datetime]:
        """The start (in UTC) of every local clock hour overlapping the period; a day
        when clocks change has 23 or 25 of them."""
        local = self.start.astimezone(self.tz).replace(minute=0, second=0, microsecond=0)
        at, hours = local.astimezone(UTC), []
        while at < self.end:
            hours.append(at)
            at += HOUR
        return hours

    def hours_of_day(self) -> list[int]:
        """How many times each local hour of day (0..23) occurs in the period."""
        counts = [0] * 24
        for at in self.clock_hours():
            counts[at.astimezone(self.tz).hour] += 1
        return counts


# --- Percentiles --------------------------------------------------------------------


class Percentile(Aggregate):
    """PostgreSQL's percentile_cont (linear interpolation) over a duration, in seconds."""

    function = "percentile_cont"
    name = "Percentile"
    output_field = FloatField()
    # date_part gives a float; EXTRACT a numeric since PostgreSQL 14, which sorts slower
    # (measured by bench/dashboard.py: 200 -> 150 ms over 90 days of conversations).
    template = (
        "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY date_part('epoch', %(expressions)s))"
    )

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("fraction is between 0 and 1")
        # Checked above, so it can go into the SQL as a literal.
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def percentile(ordered: Sequence[float], fraction: float) -> float | None:
    """As percentile_cont: interpolate linearly between the two nearest ranks."""
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _percentiles_in_database() -> bool:
    return connection.vendor == "postgresql"


Spread = tuple[int, float | None, float | None]  # how many, median, 90th percentile (s)
NO_SPREAD: Spread = (0, None, None)


def spread(queryset: QuerySet[Any], duration: Any, group_by: str | None = None) -> dict:
    """{group value (None without group_by): (count, median, p90)} of `duration` in
    seconds over `queryset`, whose rows must all have the duration. One query."""
    if _percentiles_in_database():
        aggregates = {
            "n": Count("pk"),
            "median": Percentile(duration, 0.5),
            "p90": Percentile(duration, 0.9),
        }
        if group_by is None:
            row = queryset.aggregate(**aggregates)
            return {None: (row["n"], row["median"], row["p90"])}
        rows = queryset.values(group_by).annotate(**aggregates).order_by()
        return {row[group_by]: (row["n"], row["median"], row["p90"]) for row in rows}
    samples: dict[Any, list[float]] = defaultdict(list)
    if group_by is None:
        samples[None] = [d.total_seconds() for d in queryset.values_list(duration, flat=True)]
    else:
        for group, value in queryset.values_list(group_by, duration):
            samples[group].append(value.total_seconds())
    return {
        group: (len(values), percentile(values, 0.5), percentile(values, 0.9))
        for group, values in ((g, sorted(v)) for g, v in samples.items())
    }


# --- What reports count -------------------------------------------------------------


def arrivals_in(period: Period) -> QuerySet[Conversation]:
    return Conversation.objects.filter(created_at__gte=period.start, created_at__lt=period.end)


def arrived_in(period: Period) -> Q:
    """For wrap-ups and surveys: their conversation arrived in the period."""
    return Q(conversation__created_at__gte=period.start, conversation__created_at__lt=period.end)


def plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """A GROUP BY row as a plain dict (django-stubs types them as narrow TypedDicts)."""
    return dict(row)


NO_VOLUME = {"arrivals": 0, "answered": 0, "abandoned": 0}


def volume_by(period: Period, bucket: Any) -> dict[Any, dict[str, int]]:
    """{bucket value: {"arrivals", "answered", "abandoned"}} over the period's arrivals,
    grouped by the `bucket` expression (or field name). One query."""
    rows = (
        arrivals_in(period)
        .annotate(bucket=F(bucket) if isinstance(bucket, str) else bucket)
        .values("bucket")
        .annotate(
            arrivals=Count("pk"),
            answered=Count("pk", filter=ANSWERED),
            abandoned=Count("pk", filter=ABANDONED),
        )
        .order_by()
    )
    return {row.pop("bucket"): row for row in map(plain, rows)}


def tier_rows() -> list[tuple[str, str]]:
    return [(str(tier), str(label)) for tier, label in Tier.choices]


# --- Units --------------------------------------------------------------------------


def in_seconds(value: float | None) -> float | None:
    """Seconds to a tenth, as tables and the API give durations."""
    return None if value is None else round(value, 1)


def share_of(part: float, whole: float) -> float | None:
    """A fraction (0..1) to four places; None when there is nothing to share."""
    return round(part / whole, 4) if whole else None


def in_minutes(seconds: float | None) -> float | None:
    """Charts draw waits in minutes, to a tenth."""
    return None if seconds is None else round(seconds / 60, 1)


def in_percent(share: float | None) -> float | None:
    """Charts draw shares as percentages, to a tenth."""
    return None if share is None else round(share * 100, 1)
