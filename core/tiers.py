"""Risk tiers, shared by triage (which assigns them) and the queue (which orders by them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    IMMINENT = "imminent", _("Imminent risk")
    HIGH = "high", _("High risk")
    MEDIUM = "medium", _("Medium risk")
    LOW = "low", _("Low risk")
    # Not scored yet (no worker, or scoring still running). Aging keeps it moving.
    UNKNOWN = "unknown", _("Not yet assessed")


# Higher is more urgent. UNKNOWN sits last, as DESIGN.md orders the queue.
TIER_RANK: dict[str, int] = {
    Tier.IMMINENT: 4,
    Tier.HIGH: 3,
    Tier.MEDIUM: 2,
    Tier.LOW: 1,
    Tier.UNKNOWN: 0,
}
