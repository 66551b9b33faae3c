"""How long people waited, per risk tier: until answered, how many at high risk were
answered within minutes, and who left before being answered. Each report's figures,
then its table and its chart."""

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from core.tiers import Tier

from .period import (
    ABANDONED,
    ANSWERED,
    HIGH_RISK,
    NO_SPREAD,
    NO_VOLUME,
    WAIT,
    WAIT_BEFORE_LEAVING,
    Bars,
    Period,
    Table,
    arrivals_in,
    in_minutes,
    in_percent,
    in_seconds,
    share_of,
    spread,
    tier_rows,
    volume_by,
)


def wait_by_tier(period: Period) -> list[dict[str, Any]]:
    """Wait until answered, per risk tier (imminent..unknown) and then for all tiers
    ("tier": "all"): {"tier", "label", "answered", "median_seconds", "p90_seconds"}.
    Median and p90 are None where nobody was answered. Two queries."""
    answered = arrivals_in(period).filter(ANSWERED, queued_at__isnull=False)
    by_tier = spread(answered, WAIT, "risk_tier")
    rows = [(tier, label, by_tier.get(tier, NO_SPREAD)) for tier, label in tier_rows()]
    rows.append(("all", _("All tiers"), spread(answered, WAIT).get(None, NO_SPREAD)))
    return [
        {
            "tier": tier,
            "label": label,
            "answered": n,
            "median_seconds": in_seconds(median),
            "p90_seconds": in_seconds(p90),
        }
        for tier, label, (n, median, p90) in rows
    ]


def wait_by_tier_table(data: list[dict[str, Any]]) -> Table:
    return (
        [_("Risk tier"), _("Answered"), _("Median wait (s)"), _("90th percentile wait (s)")],
        [[r["label"], r["answered"], r["median_seconds"], r["p90_seconds"]] for r in data],
    )


def wait_by_tier_chart(data: list[dict[str, Any]]) -> Bars:
    return (
        [r["label"] for r in data],
        {
            _("Median"): [in_minutes(r["median_seconds"]) for r in data],
            _("90th percentile"): [in_minutes(r["p90_seconds"]) for r in data],
        },
        _("Minutes"),
    )


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
    totals = arrivals_in(period).filter(risk_tier__in=HIGH_RISK).aggregate(**aggregates)

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
                {"seconds": s, "answered": n, "share": share_of(n, people)}
                for s, n in zip(within_seconds, within, strict=True)
            ],
        }

    return [
        row(Tier.IMMINENT, str(Tier.IMMINENT.label), [Tier.IMMINENT]),
        row(Tier.HIGH, str(Tier.HIGH.label), [Tier.HIGH]),
        row("imminent_high", _("Imminent or high risk"), HIGH_RISK),
    ]


def high_risk_answered_within_table(data: list[dict[str, Any]]) -> Table:
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


def high_risk_answered_within_chart(data: list[dict[str, Any]]) -> Bars:
    series = {
        _("Within %(minutes)s min") % {"minutes": f"{w['seconds'] / 60:g}"}: [
            in_percent(r["within"][i]["share"]) for r in data
        ]
        for i, w in enumerate(data[0]["within"])
    }
    return [r["label"] for r in data], series, _("Share answered (%)")


def abandonment(period: Period) -> list[dict[str, Any]]:
    """Who left before being answered, per risk tier and then all ("tier": "all"):
    {"tier", "label", "arrivals", "answered", "abandoned", "waiting" (still in the
    queue), "rate", "median_wait_seconds", "p90_wait_seconds"}. The rate is abandoned /
    (answered + abandoned): people still waiting are not counted either way. The waits
    are how long those who left had waited. Three queries."""
    counts = volume_by(period, "risk_tier")
    left = arrivals_in(period).filter(ABANDONED, queued_at__isnull=False, ended_at__isnull=False)
    waits = spread(left, WAIT_BEFORE_LEAVING, "risk_tier")
    rows = [
        (t, label, counts.get(t, NO_VOLUME), waits.get(t, NO_SPREAD)) for t, label in tier_rows()
    ]
    total = {k: sum(row[2][k] for row in rows) for k in NO_VOLUME}
    rows.append(("all", _("All tiers"), total, spread(left, WAIT_BEFORE_LEAVING)[None]))
    return [
        {
            "tier": tier,
            "label": label,
            "arrivals": n["arrivals"],
            "answered": n["answered"],
            "abandoned": n["abandoned"],
            "waiting": n["arrivals"] - n["answered"] - n["abandoned"],
            "rate": share_of(n["abandoned"], n["answered"] + n["abandoned"]),
            "median_wait_seconds": in_seconds(median),
            "p90_wait_seconds": in_seconds(p90),
        }
        for tier, label, n, (_count, median, p90) in rows
    ]


def abandonment_table(data: list[dict[str, Any]]) -> Table:
    return (
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
            for r in data
        ],
    )


def abandonment_chart(data: list[dict[str, Any]]) -> Bars:
    return (
        [r["label"] for r in data],
        {_("Abandonment rate"): [in_percent(r["rate"]) for r in data]},
        _("Share of people (%)"),
    )
