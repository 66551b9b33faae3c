"""How many people arrived, were answered and left, by local hour of day and by weekday:
each report's figures, then its table and its chart."""

from typing import Any

from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from .period import NO_VOLUME, Bars, Period, Table, volume_by


def volume_by_hour(period: Period) -> list[dict[str, Any]]:
    """24 rows by local hour of arrival: {"hour", "label", "arrivals", "answered",
    "abandoned"} (totals over the period)."""
    counts = volume_by(period, ExtractHour("created_at", tzinfo=period.tz))
    return [
        {"hour": hour, "label": f"{hour:02d}:00", **counts.get(hour, NO_VOLUME)}
        for hour in range(24)
    ]


def volume_by_hour_table(data: list[dict[str, Any]]) -> Table:
    return _table(data, _("Hour"))


def volume_by_hour_chart(data: list[dict[str, Any]]) -> Bars:
    return [str(r["hour"]) for r in data], _series(data), _("Conversations")


def volume_by_weekday(period: Period) -> list[dict[str, Any]]:
    """7 rows, Monday to Sunday (local): {"weekday" 0..6, "label", "arrivals",
    "answered", "abandoned"}."""
    counts = volume_by(period, ExtractIsoWeekDay("created_at", tzinfo=period.tz))
    # ISO weekdays are 1 (Monday) to 7; Django's WEEKDAYS are 0 (Monday) to 6.
    return [
        {"weekday": day, "label": str(WEEKDAYS[day]), **counts.get(day + 1, NO_VOLUME)}
        for day in range(7)
    ]


def volume_by_weekday_table(data: list[dict[str, Any]]) -> Table:
    return _table(data, _("Day"))


def volume_by_weekday_chart(data: list[dict[str, Any]]) -> Bars:
    return [str(WEEKDAYS_ABBR[r["weekday"]]) for r in data], _series(data), _("Conversations")


def _table(data: list[dict[str, Any]], first: str) -> Table:
    header = [first, _("Arrivals"), _("Answered"), _("Abandoned")]
    return header, [[r["label"], r["arrivals"], r["answered"], r["abandoned"]] for r in data]


def _series(data: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {
        _("Arrivals"): [r["arrivals"] for r in data],
        _("Answered"): [r["answered"] for r in data],
        _("Abandoned"): [r["abandoned"] for r in data],
    }
