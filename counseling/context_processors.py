"""Deployment facts every page may show (service name, quick exit, emergency contacts)."""

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def opening_hours_for(language: str) -> str:
    """KIZUNA_OPENING_HOURS in the reader's language: plain text for everyone, or a JSON
    object by language ({"en": "...", "ja": "..."}; the first one when theirs is absent)."""
    hours = settings.KIZUNA["OPENING_HOURS"]
    if not hours.lstrip().startswith("{"):
        return str(hours)
    try:
        by_language = json.loads(hours)
    except ValueError:
        return str(hours)
    if not isinstance(by_language, dict) or not by_language:
        return ""
    base = (language or "").split("-")[0]
    return str(
        by_language.get(language) or by_language.get(base) or next(iter(by_language.values()))
    )


def service(request: HttpRequest) -> dict[str, Any]:
    kizuna = settings.KIZUNA
    return {
        "service_name": kizuna["SERVICE_NAME"],
        "quick_exit_url": kizuna["QUICK_EXIT_URL"],
        "emergency_contacts": kizuna["EMERGENCY_CONTACTS"],
        "opening_hours": opening_hours_for(getattr(request, "LANGUAGE_CODE", "")),
        "message_max_chars": kizuna["MESSAGE_MAX_CHARS"],
        "self_help_links": kizuna["SELF_HELP_LINKS"],
        "retention_days": kizuna["RETENTION_DAYS"],
    }
