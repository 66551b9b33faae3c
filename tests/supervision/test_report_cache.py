"""Report figures are reused for a while, so a report page does not rescan every time."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from supervision.reports import Period, report_cache_key, report_data
from tests.counseling.factories import waiting_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_cache(monkeypatch):
    monkeypatch.setitem(settings.KIZUNA, "REPORT_CACHE_SECONDS", 60)
    period = Period(
        start=timezone.now() - timedelta(days=1), end=timezone.now() + timedelta(days=1)
    )
    yield period
    cache.delete(report_cache_key("volume_by_weekday", period))


def arrivals(rows):
    return sum(row["arrivals"] for row in rows)


def test_figures_are_reused_within_the_cache_time(report_cache):
    first = report_data("volume_by_weekday", report_cache)
    waiting_conversation("hello")

    assert arrivals(report_data("volume_by_weekday", report_cache)) == arrivals(first)


def test_without_a_cache_time_figures_are_always_fresh(report_cache, monkeypatch):
    monkeypatch.setitem(settings.KIZUNA, "REPORT_CACHE_SECONDS", 0)
    first = report_data("volume_by_weekday", report_cache)
    waiting_conversation("hello")

    assert arrivals(report_data("volume_by_weekday", report_cache)) == arrivals(first) + 1
