"""What counselors recorded at wrap-up: outcomes, their risk tier against triage's, and
topics (against those given at intake). Each report's figures, then its table and its
chart."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Count
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from core.tiers import TIER_RANK
from counseling.intake import TOPICS
from counseling.models import WrapUp
from counseling.wrapup import OUTCOME_LABELS
from counseling.wrapup import outcomes as outcome_labels

from .period import Bars, Period, Table, arrivals_in, arrived_in, share_of, tier_rows


def outcomes(period: Period) -> list[dict[str, Any]]:
    """Wrap-up outcomes in the deployment's order, then any no longer offered:
    {"outcome", "label", "count", "share"}. One query."""
    counts = dict(
        WrapUp.objects.filter(arrived_in(period))
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
            "share": share_of(counts.get(code, 0), total),
        }
        for code in codes
    ]


def outcomes_table(data: list[dict[str, Any]]) -> Table:
    return (
        [_("Outcome"), _("Wrap-ups"), _("Share")],
        [[r["label"], r["count"], r["share"]] for r in data],
    )


def outcomes_chart(data: list[dict[str, Any]]) -> Bars:
    return [r["label"] for r in data], {_("Wrap-ups"): [r["count"] for r in data]}, _("Wrap-ups")


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
    tiers = tier_rows()
    index = {tier: i for i, (tier, _label) in enumerate(tiers)}
    matrix = [[0] * len(tiers) for _ in tiers]
    lower = higher = 0
    pairs = (
        WrapUp.objects.filter(arrived_in(period))
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
        "agreement": share_of(sum(matrix[i][i] for i in range(len(tiers))), total),
        "kappa": None if kappa is None else round(kappa, 4),
        "triage_lower": lower,
        "triage_higher": higher,
    }


def tier_agreement_table(data: dict[str, Any]) -> Table:
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


def tier_agreement_chart(data: dict[str, Any]) -> Bars:
    labels = [t["label"] for t in data["tiers"]]
    series = {
        _("Triage: %(tier)s") % {"tier": label}: [row[j] for row in data["matrix"]]
        for j, label in enumerate(labels)
    }
    return labels, series, _("Wrap-ups")


def topics(period: Period) -> dict[str, Any]:
    """What people came about (intake) and what counselors recorded (wrap-up):
    {"arrivals", "wrap_ups", "rows": [{"topic", "label", "intake", "wrap_up"}]}, one row
    per topic (loneliness included, even at zero), then "" for none given. Two queries,
    each grouped in the database: by intake topic, and by wrap-up topic list (a sorted
    set of eight topics, so at most a few hundred distinct lists come back)."""
    at_intake: dict[Any, int] = dict(
        arrivals_in(period)
        .values(topic=KT("intake__topic"))
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("topic", "n")
    )
    at_wrap_up: dict[str, int] = defaultdict(int)
    wrap_ups = 0
    lists = WrapUp.objects.filter(arrived_in(period)).values("topics").annotate(n=Count("pk"))
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


def topics_table(data: dict[str, Any]) -> Table:
    return (
        [_("Topic"), _("At intake"), _("At wrap-up")],
        [[r["label"], r["intake"], r["wrap_up"]] for r in data["rows"]],
    )


def topics_chart(data: dict[str, Any]) -> Bars:
    rows = data["rows"]
    return (
        [r["label"] for r in rows],
        {
            _("At intake"): [r["intake"] for r in rows],
            _("At wrap-up"): [r["wrap_up"] for r in rows],
        },
        _("Conversations"),
    )
