"""Every report in display order, each with its title, its figures, its table and its chart;
and the figures by name, from the cache when computed recently."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy

from supervision.charts import bar_chart

from . import staffing, surveys, volume, waits, wrapups
from .period import Bars, Period, Table


@dataclass(frozen=True)
class Report:
    """A report: `name` in URLs and CSV file names; `compute` gives its figures over a
    period (JSON-friendly); `table` lays figures out as (header, rows), for the page and
    the CSV (shares as fractions 0..1, times in seconds, None where there is no figure);
    `chart` gives them as bars (labels, series, y-axis label)."""

    name: str
    title: Promise
    compute: Callable[[Period], Any]
    table: Callable[[Any], Table]
    chart: Callable[[Any], Bars]


REPORTS: dict[str, Report] = {
    report.name: report
    for report in (
        Report(
            "volume_by_hour",
            gettext_lazy("Conversations by hour of day"),
            compute=volume.volume_by_hour,
            table=volume.volume_by_hour_table,
            chart=volume.volume_by_hour_chart,
        ),
        Report(
            "volume_by_weekday",
            gettext_lazy("Conversations by day of the week"),
            compute=volume.volume_by_weekday,
            table=volume.volume_by_weekday_table,
            chart=volume.volume_by_weekday_chart,
        ),
        Report(
            "wait_by_tier",
            gettext_lazy("Wait until answered, by risk tier"),
            compute=waits.wait_by_tier,
            table=waits.wait_by_tier_table,
            chart=waits.wait_by_tier_chart,
        ),
        Report(
            "high_risk_answered_within",
            gettext_lazy("People at high risk answered within 1 and 5 minutes"),
            compute=waits.high_risk_answered_within,
            table=waits.high_risk_answered_within_table,
            chart=waits.high_risk_answered_within_chart,
        ),
        Report(
            "abandonment",
            gettext_lazy("Left before being answered"),
            compute=waits.abandonment,
            table=waits.abandonment_table,
            chart=waits.abandonment_chart,
        ),
        Report(
            "outcomes",
            gettext_lazy("Outcomes"),
            compute=wrapups.outcomes,
            table=wrapups.outcomes_table,
            chart=wrapups.outcomes_chart,
        ),
        Report(
            "tier_agreement",
            gettext_lazy("Counselors' risk tier against triage's"),
            compute=wrapups.tier_agreement,
            table=wrapups.tier_agreement_table,
            chart=wrapups.tier_agreement_chart,
        ),
        Report(
            "survey_results",
            gettext_lazy("Survey: feeling before and after"),
            compute=surveys.survey_results,
            table=surveys.survey_results_table,
            chart=surveys.survey_results_chart,
        ),
        Report(
            "topics",
            gettext_lazy("Topics"),
            compute=wrapups.topics,
            table=wrapups.topics_table,
            chart=wrapups.topics_chart,
        ),
        Report(
            "staffing_by_hour",
            gettext_lazy("Counselors needed and on shift"),
            compute=staffing.staffing_by_hour,
            table=staffing.staffing_by_hour_table,
            chart=staffing.staffing_by_hour_chart,
        ),
    )
}


def report_table(name: str, data: Any) -> Table:
    """(header, rows) for a report's data: the accessible table and the CSV download."""
    return REPORTS[name].table(data)


def report_chart(name: str, data: Any) -> SafeString:
    """The report drawn as an SVG bar chart (escaped, and marked safe)."""
    report = REPORTS[name]
    labels, series, y_label = report.chart(data)
    return bar_chart(labels, series, title=str(report.title), y_label=y_label)


# A report page runs every report: over 90 days of a busy service that is a dozen scans of
# 100,000 conversations (bench/dashboard.py: 3.5 s). Figures for a period change slowly,
# so each is kept for KIZUNA_REPORT_CACHE_SECONDS; a period that is over, 15 times longer.


def report_cache_key(name: str, period: Period) -> str:
    parts = ("report", name, period.start.isoformat(), period.end.isoformat(), get_language())
    return ":".join(part or "" for part in parts)


def report_data(name: str, period: Period) -> Any:
    """REPORTS[name] over `period`, from the cache when computed recently."""
    compute = REPORTS[name].compute
    key = report_cache_key(name, period)
    seconds = settings.KIZUNA["REPORT_CACHE_SECONDS"]
    if not seconds:
        return _json_safe(compute(period))
    if period.end <= timezone.now():
        seconds *= 15
    return cache.get_or_set(key, lambda: _json_safe(compute(period)), seconds)


def _json_safe(data: Any) -> Any:
    """The figures as the cache keeps them (JSON, config/cache.py): translated labels as
    plain strings. Fresh or cached, callers get the same shape."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def report_rows(name: str, period: Period) -> Table:
    """Report `name` over `period` as its (header, rows)."""
    return report_table(name, report_data(name, period))
