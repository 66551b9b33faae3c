"""Alerts for supervisors: a person at risk waiting too long, a counselor gone or silent.

An alert is raised once per cause (kind and conversation) while the cause lasts. It is
acknowledged by a supervisor (who and when is kept) and marked resolved when its cause is
gone, so the dashboard shows what still needs someone's attention.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Alert(models.Model):
    class Kind(models.TextChoices):
        IMMINENT_WAITING = "imminent_waiting", _("A person at imminent risk is waiting")
        RISK_WAITING_LONG = "risk_waiting_long", _("A person at high risk has waited too long")
        COUNSELOR_DISCONNECTED = "counselor_disconnected", _("A counselor's connection dropped")
        COUNSELOR_SILENT = "counselor_silent", _("A counselor has not replied for a while")

    kind = models.CharField(max_length=32, choices=Kind.choices)
    conversation = models.ForeignKey(
        "counseling.Conversation", on_delete=models.CASCADE, related_name="alerts"
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live alert per cause; once resolved, the same cause can alert again.
            models.UniqueConstraint(
                fields=["kind", "conversation"],
                name="alert_once_while_unresolved",
                condition=models.Q(resolved_at__isnull=True),
            ),
        ]
        # The dashboard lists the newest alerts; a full index serves its OR filter.
        indexes = [models.Index(fields=["created_at"], name="alert_created_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.conversation_id}"
