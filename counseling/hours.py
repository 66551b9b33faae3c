"""Whether the service is answering now, from KIZUNA_SERVICE_HOURS ("HH:MM-HH:MM")."""

from datetime import datetime, time

from django.conf import settings
from django.utils import timezone


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
    local = timezone.localtime(now or timezone.now()).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # overnight, e.g. 22:00-06:00
