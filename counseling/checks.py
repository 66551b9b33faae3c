"""Deployment checks: a helpline that has not set its emergency contacts shows people in
danger only "call your local emergency number". Said at every start (`manage.py check`,
`migrate`, the server), never silently."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register

NO_EMERGENCY_CONTACTS = "kizuna.W001"


@register("kizuna")
def emergency_contacts_set(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    contacts = settings.KIZUNA["EMERGENCY_CONTACTS"]
    if contacts and all(isinstance(c, dict) and c.get("name") for c in contacts):
        return []
    return [
        Warning(
            "No emergency contacts are set: help-seekers in danger are told only to call "
            "their local emergency number.",
            hint='Set KIZUNA_EMERGENCY_CONTACTS to a JSON list of {"name", "number", '
            '"hours"} for the region this line serves (README: Settings).',
            id=NO_EMERGENCY_CONTACTS,
        )
    ]
