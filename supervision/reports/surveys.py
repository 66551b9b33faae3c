"""What help-seekers answered in the survey after a conversation: how they felt before and
after, and whether it helped. The report's figures, then its table and its chart."""

from typing import Any

from django.db.models import Avg, Count, F, FloatField, Q
from django.utils.translation import gettext as _

from counseling.models import Survey

from .period import Bars, Period, Table, arrived_in


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
    totals = Survey.objects.filter(arrived_in(period)).aggregate(**aggregates)
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


def survey_results_table(data: dict[str, Any]) -> Table:
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


def survey_results_chart(data: dict[str, Any]) -> Bars:
    return (
        [str(r["score"]) for r in data["feeling_before"]],
        {
            _("Before"): [r["count"] for r in data["feeling_before"]],
            _("After"): [r["count"] for r in data["feeling_after"]],
        },
        _("Respondents"),
    )
