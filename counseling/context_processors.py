"""Deployment facts every page may show (service name, quick exit, emergency contacts)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    kizuna = settings.KIZUNA
    return {
        "service_name": kizuna["SERVICE_NAME"],
        "quick_exit_url": kizuna["QUICK_EXIT_URL"],
        "emergency_contacts": kizuna["EMERGENCY_CONTACTS"],
        "opening_hours": kizuna["OPENING_HOURS"],
        "message_max_chars": kizuna["MESSAGE_MAX_CHARS"],
        "self_help_links": kizuna["SELF_HELP_LINKS"],
        "retention_days": kizuna["RETENTION_DAYS"],
    }
