"""The service's clock: its local time zone (KIZUNA_TIME_ZONE), for hours, "today" and reports."""

from datetime import datetime, tzinfo

from django.utils import timezone


def service_zone() -> tzinfo:
    """Opening hours, "today" and report days are the service's local ones: settings'
    TIME_ZONE, which KIZUNA_TIME_ZONE sets."""
    return timezone.get_default_timezone()


def service_local(moment: datetime) -> datetime:
    """`moment` on the service's wall clock."""
    return timezone.localtime(moment, service_zone())
