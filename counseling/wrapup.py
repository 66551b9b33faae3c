"""Wrap-up choices: outcomes (which ones, from settings) and their labels."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

OUTCOME_LABELS = {
    "de_escalated": _("De-escalated"),
    "safety_plan": _("Safety plan made"),
    "referred": _("Referred to another service"),
    "emergency_services": _("Emergency services contacted"),
    "disconnected": _("Disconnected"),
    "other": _("Other"),
}


def outcomes() -> dict[str, str]:
    """The deployment's outcomes in order; a code without a known label shows as itself."""
    return {
        code: str(OUTCOME_LABELS.get(code, code)) for code in settings.KIZUNA["WRAPUP_OUTCOMES"]
    }
