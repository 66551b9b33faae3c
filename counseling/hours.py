"""Whether the service is answering now, from KIZUNA_SERVICE_HOURS ("HH:MM-HH:MM")."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from core.clock import service_local


def _parse(window: str) -> tuple[time, time] | None:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in window.split("-"))
    except ValueError:
        return None
    return start, end


def service_open(now: datetime | None = None) -> bool:
    window = _parse(settings.KIZUNA["SERVICE_HOURS"]) if settings.KIZUNA["SERVICE_HOURS"] else None
    if window is None:
        return True
    start, end = window
    local = service_local(now or timezone.now()).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # overnight, e.g. 22:00-06:00


def service_opens_at(now: datetime | None = None) -> datetime | None:
    """When a closed service next opens (aware, in KIZUNA_TIME_ZONE); None if it is open
    now or has no hours set. Told to people who write while it is closed."""
    now = now or timezone.now()
    window = _parse(settings.KIZUNA["SERVICE_HOURS"]) if settings.KIZUNA["SERVICE_HOURS"] else None
    if window is None or service_open(now):
        return None
    local = service_local(now)
    opening = local.replace(hour=window[0].hour, minute=window[0].minute, second=0, microsecond=0)
    if opening <= local:
        opening += timedelta(days=1)  # wall-clock arithmetic: zoneinfo keeps DST right
    return opening
