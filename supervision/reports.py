"""Supervisors' reports over a period: volume, waits, abandonment, outcomes, triage
against counselors, surveys, topics and staffing, as plain rows for a chart, a table
and a CSV download (REPORTS, report_table, report_chart).

Reports read only what outlives transcripts: conversations' timestamps, status, risk
tier and intake answers; wrap-ups' outcome, tiers and topics; survey scales; presence
changes. Never message text, notes or comments, so they still work after the retention
purge. A report covers the conversations that *arrived* in the period (created_at in
[start, end)); their wrap-ups and surveys count with them. Hours and weekdays are local
to the reports' time zone. Counting happens in the database (GROUP BY, conditional
counts). Percentiles use PostgreSQL's percentile_cont; SQLite has none, so there the
durations are read and interpolated the same way in Python (small data in dev/tests).

Definitions used throughout:
- *answered*: a counselor was assigned (assigned_at is set);
- *abandoned*: the help-seeker left the queue before being answered (status abandoned);
- *wait*: assigned_at - queued_at; *wait before leaving*: ended_at - queued_at;
- *handling time*: ended_at - assigned_at, for answered conversations that ended;
- *risk tier*: the conversation's tier as it stands, i.e. its last assessment.
"""

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KT
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import Presence, PresenceChange, User
from core.clock import service_zone
from core.roles import Role
from core.tiers import TIER_RANK, Tier
from counseling.intake import TOPICS
from counseling.models import Conversation, Status, Survey, WrapUp
from counseling.wrapup import OUTCOME_LABELS
from counseling.wrapup import outcomes as outcome_labels

from . import staffing
from .charts import bar_chart

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


def _spread(queryset: QuerySet[Any], duration: Any, group_by: str | None = None) -> dict:
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


# --- Small helpers ------------------------------------------------------------------


def _arrivals(period: Period) -> QuerySet[Conversation]:
    return Conversation.objects.filter(created_at__gte=period.start, created_at__lt=period.end)


def _in_period(period: Period) -> Q:
    """For wrap-ups and surveys: their conversation arrived in the period."""
    return Q(conversation__created_at__gte=period.start, conversation__created_at__lt=period.end)


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """A GROUP BY row as a plain dict (django-stubs types them as narrow TypedDicts)."""
    return dict(row)


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


NO_VOLUME = {"arrivals": 0, "answered": 0, "abandoned": 0}


def _volume(period: Period, bucket: Any) -> dict[Any, dict[str, int]]:
    """{bucket value: {"arrivals", "answered", "abandoned"}} over the period's arrivals,
    grouped by the `bucket` expression (or field name). One query."""
    rows = (
        _arrivals(period)
        .annotate(bucket=F(bucket) if isinstance(bucket, str) else bucket)
        .values("bucket")
        .annotate(
            arrivals=Count("pk"),
            answered=Count("pk", filter=ANSWERED),
            abandoned=Count("pk", filter=ABANDONED),
        )
        .order_by()
    )
    return {row.pop("bucket"): row for row in map(_plain, rows)}


def _tier_rows() -> list[tuple[str, str]]:
    return [(str(tier), str(label)) for tier, label in Tier.choices]


# --- Reports ------------------------------------------------------------------------


def volume_by_hour(period: Period) -> list[dict[str, Any]]:
    """24 rows by local hour of arrival: {"hour", "label", "arrivals", "answered",
    "abandoned"} (totals over the period)."""
    counts = _volume(period, ExtractHour("created_at", tzinfo=period.tz))
    return [
        {"hour": hour, "label": f"{hour:02d}:00", **counts.get(hour, NO_VOLUME)}
        for hour in range(24)
    ]


def volume_by_weekday(period: Period) -> list[dict[str, Any]]:
    """7 rows, Monday to Sunday (local): {"weekday" 0..6, "label", "arrivals",
    "answered", "abandoned"}."""
    counts = _volume(period, ExtractIsoWeekDay("created_at", tzinfo=period.tz))
    # ISO weekdays are 1 (Monday) to 7; Django's WEEKDAYS are 0 (Monday) to 6.
    return [
        {"weekday": day, "label": str(WEEKDAYS[day]), **counts.get(day + 1, NO_VOLUME)}
        for day in range(7)
    ]


def wait_by_tier(period: Period) -> list[dict[str, Any]]:
    """Wait until answered, per risk tier (imminent..unknown) and then for all tiers
    ("tier": "all"): {"tier", "label", "answered", "median_seconds", "p90_seconds"}.
    Median and p90 are None where nobody was answered. Two queries."""
    answered = _arrivals(period).filter(ANSWERED, queued_at__isnull=False)
    by_tier = _spread(answered, WAIT, "risk_tier")
    rows = [(tier, label, by_tier.get(tier, NO_SPREAD)) for tier, label in _tier_rows()]
    rows.append(("all", _("All tiers"), _spread(answered, WAIT).get(None, NO_SPREAD)))
    return [
        {
            "tier": tier,
            "label": label,
            "answered": n,
            "median_seconds": _seconds(median),
            "p90_seconds": _seconds(p90),
        }
        for tier, label, (n, median, p90) in rows
    ]


def high_risk_answered_within(
    period: Period, within_seconds: Sequence[int] = (60, 300)
) -> list[dict[str, Any]]:
    """How fast people at imminent or high risk were answered: rows for imminent, high
    and both ("tier": "imminent_high"): {"tier", "label", "people", "answered",
    "abandoned", "within": [{"seconds", "answered", "share"}]}.

    The denominator ("people") is those of the tier who arrived in the period and were
    answered or abandoned; people still waiting have no outcome yet and are left out.
    Answered at exactly the limit counts as within it. One query.
    """
    aggregates: dict[str, Any] = {}
    for tier in HIGH_RISK:
        in_tier = Q(risk_tier=tier)
        aggregates[f"{tier}_answered"] = Count("pk", filter=in_tier & ANSWERED)
        aggregates[f"{tier}_abandoned"] = Count("pk", filter=in_tier & ABANDONED)
        for seconds in within_seconds:
            soon = Q(assigned_at__lte=F("queued_at") + timedelta(seconds=seconds))
            aggregates[f"{tier}_{seconds}"] = Count("pk", filter=in_tier & ANSWERED & soon)
    totals = _arrivals(period).filter(risk_tier__in=HIGH_RISK).aggregate(**aggregates)

    def row(key: str, label: str, tiers: Iterable[str]) -> dict[str, Any]:
        tiers = list(tiers)
        answered = sum(totals[f"{t}_answered"] for t in tiers)
        people = answered + sum(totals[f"{t}_abandoned"] for t in tiers)
        within = [sum(totals[f"{t}_{s}"] for t in tiers) for s in within_seconds]
        return {
            "tier": str(key),
            "label": label,
            "people": people,
            "answered": answered,
            "abandoned": people - answered,
            "within": [
                {"seconds": s, "answered": n, "share": _share(n, people)}
                for s, n in zip(within_seconds, within, strict=True)
            ],
        }

    return [
        row(Tier.IMMINENT, str(Tier.IMMINENT.label), [Tier.IMMINENT]),
        row(Tier.HIGH, str(Tier.HIGH.label), [Tier.HIGH]),
        row("imminent_high", _("Imminent or high risk"), HIGH_RISK),
    ]


def abandonment(period: Period) -> list[dict[str, Any]]:
    """Who left before being answered, per risk tier and then all ("tier": "all"):
    {"tier", "label", "arrivals", "answered", "abandoned", "waiting" (still in the
    queue), "rate", "median_wait_seconds", "p90_wait_seconds"}. The rate is abandoned /
    (answered + abandoned): people still waiting are not counted either way. The waits
    are how long those who left had waited. Three queries."""
    counts = _volume(period, "risk_tier")
    left = _arrivals(period).filter(ABANDONED, queued_at__isnull=False, ended_at__isnull=False)
    waits = _spread(left, WAIT_BEFORE_LEAVING, "risk_tier")
    rows = [
        (t, label, counts.get(t, NO_VOLUME), waits.get(t, NO_SPREAD)) for t, label in _tier_rows()
    ]
    total = {k: sum(row[2][k] for row in rows) for k in NO_VOLUME}
    rows.append(("all", _("All tiers"), total, _spread(left, WAIT_BEFORE_LEAVING)[None]))
    return [
        {
            "tier": tier,
            "label": label,
            "arrivals": n["arrivals"],
            "answered": n["answered"],
            "abandoned": n["abandoned"],
            "waiting": n["arrivals"] - n["answered"] - n["abandoned"],
            "rate": _share(n["abandoned"], n["answered"] + n["abandoned"]),
            "median_wait_seconds": _seconds(median),
            "p90_wait_seconds": _seconds(p90),
        }
        for tier, label, n, (_count, median, p90) in rows
    ]


def outcomes(period: Period) -> list[dict[str, Any]]:
    """Wrap-up outcomes in the deployment's order, then any no longer offered:
    {"outcome", "label", "count", "share"}. One query."""
    counts = dict(
        WrapUp.objects.filter(_in_period(period))
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("outcome", "n")
    )
    labels = outcome_labels()
    codes = list(labels) + sorted(set(counts) - set(labels))
    total = sum(counts.values())
    return [
        {
            "outcome": code,
            "label": labels.get(code) or str(OUTCOME_LABELS.get(code, code)),
            "count": counts.get(code, 0),
            "share": _share(counts.get(code, 0), total),
        }
        for code in codes
    ]


def cohen_kappa(matrix: Sequence[Sequence[int]]) -> float | None:
    """Agreement beyond chance between two raters (rows and columns of one square
    table): (observed - expected) / (1 - expected). None when it is undefined."""
    n = sum(map(sum, matrix))
    if not n:
        return None
    observed = sum(matrix[i][i] for i in range(len(matrix))) / n
    columns = [sum(row[j] for row in matrix) for j in range(len(matrix))]
    expected = sum(sum(row) * columns[i] for i, row in enumerate(matrix)) / n**2
    return None if expected == 1 else (observed - expected) / (1 - expected)


def tier_agreement(period: Period) -> dict[str, Any]:
    """Counselors' tier (rows) against triage's tier (columns) over wrap-ups:
    {"tiers": [{"tier", "label"}], "matrix": [[count]], "total", "agreement" (share on
    the diagonal), "kappa" (Cohen's), "triage_lower" (triage ranked the person lower
    than the counselor did: the dangerous misses; "not yet assessed" ranks lowest, as in
    the queue), "triage_higher"}. One query."""
    tiers = _tier_rows()
    index = {tier: i for i, (tier, _label) in enumerate(tiers)}
    matrix = [[0] * len(tiers) for _ in tiers]
    lower = higher = 0
    pairs = (
        WrapUp.objects.filter(_in_period(period))
        .values("counselor_tier", "triage_tier")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in pairs:
        counselor, triage = row["counselor_tier"], row["triage_tier"]
        if counselor in index and triage in index:
            matrix[index[counselor]][index[triage]] += row["n"]
            lower += row["n"] if TIER_RANK[triage] < TIER_RANK[counselor] else 0
            higher += row["n"] if TIER_RANK[triage] > TIER_RANK[counselor] else 0
    total = sum(map(sum, matrix))
    kappa = cohen_kappa(matrix)
    return {
        "tiers": [{"tier": tier, "label": label} for tier, label in tiers],
        "matrix": matrix,
        "total": total,
        "agreement": _share(sum(matrix[i][i] for i in range(len(tiers))), total),
        "kappa": None if kappa is None else round(kappa, 4),
        "triage_lower": lower,
        "triage_higher": higher,
    }


def survey_results(period: Period) -> dict[str, Any]:
    """{"respondents", "feeling_before" and "feeling_after": [{"score" 1..5, "count"}],
    "answered_both", "mean_change" (after - before, among those who answered both; None
    without any), "helped": [{"answer", "label", "count"}] with "" for not answered}.
    One query."""
    scores = range(1, 6)
    both = Q(feeling_before__isnull=False, feeling_after__isnull=False)
    aggregates: dict[str, Any] = {"respondents": Count("pk"), "both": Count("pk", filter=both)}
    for score in scores:
        aggregates[f"before_{score}"] = Count("pk", filter=Q(feeling_before=score))
        aggregates[f"after_{score}"] = Count("pk", filter=Q(feeling_after=score))
    for answer in Survey.Helped.values:
        aggregates[f"helped_{answer}"] = Count("pk", filter=Q(helped=answer))
    aggregates["change"] = Avg(
        F("feeling_after") - F("feeling_before"), filter=both, output_field=FloatField()
    )
    totals = Survey.objects.filter(_in_period(period)).aggregate(**aggregates)
    helped = [
        {"answer": str(answer), "label": str(label), "count": totals[f"helped_{answer}"]}
        for answer, label in Survey.Helped.choices
    ]
    helped.append(
        {
            "answer": "",
            "label": _("Not answered"),
            "count": totals["respondents"] - sum(h["count"] for h in helped),
        }
    )
    change = totals["change"]
    return {
        "respondents": totals["respondents"],
        "feeling_before": [{"score": s, "count": totals[f"before_{s}"]} for s in scores],
        "feeling_after": [{"score": s, "count": totals[f"after_{s}"]} for s in scores],
        "answered_both": totals["both"],
        "mean_change": None if change is None else round(change, 2),
        "helped": helped,
    }


def topics(period: Period) -> dict[str, Any]:
    """What people came about (intake) and what counselors recorded (wrap-up):
    {"arrivals", "wrap_ups", "rows": [{"topic", "label", "intake", "wrap_up"}]}, one row
    per topic (loneliness included, even at zero), then "" for none given. Two queries,
    each grouped in the database: by intake topic, and by wrap-up topic list (a sorted
    set of eight topics, so at most a few hundred distinct lists come back)."""
    at_intake: dict[Any, int] = dict(
        _arrivals(period)
        .values(topic=KT("intake__topic"))
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("topic", "n")
    )
    at_wrap_up: dict[str, int] = defaultdict(int)
    wrap_ups = 0
    lists = WrapUp.objects.filter(_in_period(period)).values("topics").annotate(n=Count("pk"))
    for row in lists.order_by():
        wrap_ups += row["n"]
        for topic in set(row["topics"] or [""]):
            at_wrap_up[topic] += row["n"]
    arrivals = sum(at_intake.values())
    rows = [
        {
            "topic": code,
            "label": str(label),
            "intake": at_intake.get(code, 0),
            "wrap_up": at_wrap_up[code],
        }
        for code, label in TOPICS.items()
    ]
    rows.append(
        {
            "topic": "",
            "label": _("None given"),
            "intake": arrivals - sum(at_intake.get(code, 0) for code in TOPICS),
            "wrap_up": at_wrap_up[""],
        }
    )
    return {"arrivals": arrivals, "wrap_ups": wrap_ups, "rows": rows}


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
    within `target_seconds` (Erlang C, queues/staffing.py), against those on shift.

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
        _arrivals(period)
        .annotate(hour=ExtractHour("created_at", tzinfo=period.tz))
        .values("hour")
        .annotate(
            arrivals=Count("pk"),
            handled=Count("pk", filter=FINISHED),
            handling=Avg(HANDLING, filter=FINISHED),
        )
        .order_by()
    )
    by_hour = {row["hour"]: row for row in map(_plain, grouped)}
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
            needed = staffing.counselors_needed(
                rate, handle, target_seconds, target_level, concurrency=concurrency
            )
        rows.append(
            {
                "hour": hour,
                "label": f"{hour:02d}:00",
                "hours_observed": times,
                "arrivals": row["arrivals"],
                "arrivals_per_hour": None if rate is None else round(rate, 2),
                "handle_seconds": _seconds(handle) if row["arrivals"] else None,
                "traffic": (round(staffing.traffic(rate, handle), 3) if rate and handle else None),
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


# --- Registry, tables and charts ----------------------------------------------------

REPORTS: dict[str, tuple[Promise, Callable[[Period], Any]]] = {
    "volume_by_hour": (gettext_lazy("Conversations by hour of day"), volume_by_hour),
    "volume_by_weekday": (gettext_lazy("Conversations by day of the week"), volume_by_weekday),
    "wait_by_tier": (gettext_lazy("Wait until answered, by risk tier"), wait_by_tier),
    "high_risk_answered_within": (
        gettext_lazy("People at high risk answered within 1 and 5 minutes"),
        high_risk_answered_within,
    ),
    "abandonment": (gettext_lazy("Left before being answered"), abandonment),
    "outcomes": (gettext_lazy("Outcomes"), outcomes),
    "tier_agreement": (gettext_lazy("Counselors' risk tier against triage's"), tier_agreement),
    "survey_results": (gettext_lazy("Survey: feeling before and after"), survey_results),
    "topics": (gettext_lazy("Topics"), topics),
    "staffing_by_hour": (gettext_lazy("Counselors needed and on shift"), staffing_by_hour),
}

Table = tuple[list[str], list[list[Any]]]
STAFFING_COLUMNS = (
    "hours_observed",
    "arrivals",
    "arrivals_per_hour",
    "handle_seconds",
    "traffic",
    "counselors_needed",
    "counselors_on_shift",
)


def _volume_table(data: list[dict[str, Any]], first: str) -> Table:
    header = [first, _("Arrivals"), _("Answered"), _("Abandoned")]
    return header, [[r["label"], r["arrivals"], r["answered"], r["abandoned"]] for r in data]


def _tables() -> dict[str, Callable[[Any], Table]]:
    return {
        "volume_by_hour": lambda d: _volume_table(d, _("Hour")),
        "volume_by_weekday": lambda d: _volume_table(d, _("Day")),
        "wait_by_tier": lambda d: (
            [_("Risk tier"), _("Answered"), _("Median wait (s)"), _("90th percentile wait (s)")],
            [[r["label"], r["answered"], r["median_seconds"], r["p90_seconds"]] for r in d],
        ),
        "high_risk_answered_within": _high_risk_table,
        "abandonment": lambda d: (
            [
                _("Risk tier"),
                _("Arrivals"),
                _("Answered"),
                _("Abandoned"),
                _("Still waiting"),
                _("Abandonment rate"),
                _("Median wait before leaving (s)"),
                _("90th percentile wait before leaving (s)"),
            ],
            [
                [
                    r["label"],
                    *(r[k] for k in ("arrivals", "answered", "abandoned", "waiting", "rate")),
                    *(r["median_wait_seconds"], r["p90_wait_seconds"]),
                ]
                for r in d
            ],
        ),
        "outcomes": lambda d: (
            [_("Outcome"), _("Wrap-ups"), _("Share")],
            [[r["label"], r["count"], r["share"]] for r in d],
        ),
        "tier_agreement": _agreement_table,
        "survey_results": _survey_table,
        "topics": lambda d: (
            [_("Topic"), _("At intake"), _("At wrap-up")],
            [[r["label"], r["intake"], r["wrap_up"]] for r in d["rows"]],
        ),
        "staffing_by_hour": lambda d: (
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
            [[r["label"], *(r[k] for k in STAFFING_COLUMNS)] for r in d["rows"]],
        ),
    }


def _high_risk_table(data: list[dict[str, Any]]) -> Table:
    header = [_("Risk tier"), _("People"), _("Answered"), _("Abandoned")]
    for within in data[0]["within"]:
        seconds = within["seconds"]
        header += [
            _("Answered within %(seconds)s s") % {"seconds": seconds},
            _("Share within %(seconds)s s") % {"seconds": seconds},
        ]
    rows = [
        [r["label"], r["people"], r["answered"], r["abandoned"]]
        + [value for w in r["within"] for value in (w["answered"], w["share"])]
        for r in data
    ]
    return header, rows


def _agreement_table(data: dict[str, Any]) -> Table:
    """The matrix with totals, then the summary figures (label, value) below it."""
    labels = [t["label"] for t in data["tiers"]]
    header = [_("Counselor's tier / triage's tier"), *labels, _("Total")]
    rows: list[list[Any]] = [
        [label, *counts, sum(counts)] for label, counts in zip(labels, data["matrix"], strict=True)
    ]
    padding = [""] * len(labels)
    for label, value in (
        (_("Wrap-ups"), data["total"]),
        (_("Exact agreement"), data["agreement"]),
        (_("Cohen's kappa"), data["kappa"]),
        (_("Triage lower than counselor"), data["triage_lower"]),
        (_("Triage higher than counselor"), data["triage_higher"]),
    ):
        rows.append([label, value, *padding])
    return header, rows


def _survey_table(data: dict[str, Any]) -> Table:
    before, after = _("Feeling before"), _("Feeling after")
    rows: list[list[Any]] = [[before, r["score"], r["count"]] for r in data["feeling_before"]]
    rows += [[after, r["score"], r["count"]] for r in data["feeling_after"]]
    rows += [[_("Did it help?"), h["label"], h["count"]] for h in data["helped"]]
    rows += [
        [_("Respondents"), "", data["respondents"]],
        [_("Answered before and after"), "", data["answered_both"]],
        [_("Mean change in feeling"), "", data["mean_change"]],
    ]
    return [_("Question"), _("Answer"), _("Value")], rows


def report_table(name: str, data: Any) -> Table:
    """(header, rows) for a report's data: the accessible table and the CSV download.
    Shares are fractions (0..1), times in seconds, None where there is no figure."""
    return _tables()[name](data)


# A report page runs every report: over 90 days of a busy service that is a dozen scans of
# 100,000 conversations (bench/dashboard.py: 3.5 s). Figures for a period change slowly,
# so each is kept for KIZUNA_REPORT_CACHE_SECONDS; a period that is over, 15 times longer.


def report_cache_key(name: str, period: Period) -> str:
    parts = ("report", name, period.start.isoformat(), period.end.isoformat(), get_language())
    return ":".join(part or "" for part in parts)


def report_data(name: str, period: Period) -> Any:
    """REPORTS[name] over `period`, from the cache when computed recently."""
    key = report_cache_key(name, period)
    seconds = settings.KIZUNA["REPORT_CACHE_SECONDS"]
    if not seconds:
        return _json_safe(REPORTS[name][1](period))
    if period.end <= timezone.now():
        seconds *= 15
    return cache.get_or_set(key, lambda: _json_safe(REPORTS[name][1](period)), seconds)


def _json_safe(data: Any) -> Any:
    """The figures as the cache keeps them (JSON, config/cache.py): translated labels as
    plain strings. Fresh or cached, callers get the same shape."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def report_rows(name: str, period: Period) -> Table:
    """Report `name` over `period` as its (header, rows)."""
    return report_table(name, report_data(name, period))


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _chart_series(name: str, d: Any) -> tuple[list[str], dict[str, list[Any]], str]:
    """The labels, series and y-axis label a report is drawn with."""
    if name in ("volume_by_hour", "volume_by_weekday"):
        if name == "volume_by_hour":
            labels = [str(r["hour"]) for r in d]
        else:
            labels = [str(WEEKDAYS_ABBR[r["weekday"]]) for r in d]
        series = {
            _("Arrivals"): [r["arrivals"] for r in d],
            _("Answered"): [r["answered"] for r in d],
            _("Abandoned"): [r["abandoned"] for r in d],
        }
        return labels, series, _("Conversations")
    if name == "wait_by_tier":
        labels = [r["label"] for r in d]
        return (
            labels,
            {
                _("Median"): [_minutes(r["median_seconds"]) for r in d],
                _("90th percentile"): [_minutes(r["p90_seconds"]) for r in d],
            },
            _("Minutes"),
        )
    if name == "high_risk_answered_within":
        series = {
            _("Within %(minutes)s min") % {"minutes": f"{w['seconds'] / 60:g}"}: [
                _percent(r["within"][i]["share"]) for r in d
            ]
            for i, w in enumerate(d[0]["within"])
        }
        return [r["label"] for r in d], series, _("Share answered (%)")
    if name == "abandonment":
        return (
            [r["label"] for r in d],
            {_("Abandonment rate"): [_percent(r["rate"]) for r in d]},
            _("Share of people (%)"),
        )
    if name == "outcomes":
        return [r["label"] for r in d], {_("Wrap-ups"): [r["count"] for r in d]}, _("Wrap-ups")
    if name == "tier_agreement":
        labels = [t["label"] for t in d["tiers"]]
        series = {
            _("Triage: %(tier)s") % {"tier": label}: [row[j] for row in d["matrix"]]
            for j, label in enumerate(labels)
        }
        return labels, series, _("Wrap-ups")
    if name == "survey_results":
        return (
            [str(r["score"]) for r in d["feeling_before"]],
            {
                _("Before"): [r["count"] for r in d["feeling_before"]],
                _("After"): [r["count"] for r in d["feeling_after"]],
            },
            _("Respondents"),
        )
    if name == "topics":
        rows = d["rows"]
        return (
            [r["label"] for r in rows],
            {
                _("At intake"): [r["intake"] for r in rows],
                _("At wrap-up"): [r["wrap_up"] for r in rows],
            },
            _("Conversations"),
        )
    if name == "staffing_by_hour":
        rows = d["rows"]
        return (
            [str(r["hour"]) for r in rows],
            {
                _("Needed"): [r["counselors_needed"] for r in rows],
                _("On shift"): [r["counselors_on_shift"] for r in rows],
            },
            _("Counselors"),
        )
    raise KeyError(name)


def report_chart(name: str, data: Any) -> SafeString:
    """The report drawn as an SVG bar chart (escaped, and marked safe)."""
    labels, series, y_label = _chart_series(name, data)
    return bar_chart(labels, series, title=str(REPORTS[name][0]), y_label=y_label)
