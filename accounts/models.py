"""Staff users (counselors, supervisors, admins) and the audit log of sensitive access."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Presence(models.TextChoices):
    AVAILABLE = "available", _("Available")
    AWAY = "away", _("Away")
    OFFLINE = "offline", _("Offline")


class User(AbstractUser):
    """A staff member. Help-seekers never have a user row: they are anonymous."""

    display_name = models.CharField(
        _("name shown to help-seekers"),
        max_length=60,
        blank=True,
        help_text=_("A first name or alias. Never the full name."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("concurrent conversations"),
        default=3,
        help_text=_("How many conversations this counselor may hold at once."),
    )
    presence = models.CharField(max_length=16, choices=Presence.choices, default=Presence.OFFLINE)
    presence_changed_at = models.DateTimeField(null=True, blank=True)

    def public_name(self) -> str:
        return self.display_name or self.first_name or str(_("Counselor"))


class ConsoleSocket(models.Model):
    """One open console (a tab), across web processes: a counselor is offline only when
    none is left. Each open console refreshes `seen_at`; the rows of a web process that
    died (killed, out of memory, power) go stale and beat removes them, where a count of
    connections would have kept the counselor online for ever."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="console_sockets")
    channel_name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"console of {self.user_id} ({self.channel_name})"


class AuditEvent(models.Model):
    """Who saw or exported what, and when. Rows are only ever added."""

    class Action(models.TextChoices):
        TRANSCRIPT_VIEW = "transcript.view", _("Viewed a transcript")
        CONVERSATION_TAKE = "conversation.take", _("Took a conversation")
        CONVERSATION_END = "conversation.end", _("Ended a conversation")
        CONVERSATION_TRANSFER = "conversation.transfer", _("Transferred a conversation")
        CONVERSATION_ASSIGN = "conversation.assign", _("Assigned a waiting conversation")
        CAPACITY_CHANGE = "staff.capacity", _("Changed a counselor's capacity")
        PRESENCE_CHANGE = "staff.presence", _("Changed a counselor's status")
        CONVERSATION_JOIN = "conversation.join", _("Joined a conversation")
        CONVERSATION_ABUSE = "conversation.abuse", _("Marked a conversation as abuse")
        EXPORT = "export", _("Exported data")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        STAFF_CREATE = "staff.create", _("Added a staff member")
        ROLE_CHANGE = "staff.role", _("Changed a staff member's role")
        ACTIVE_CHANGE = "staff.active", _("Deactivated or reactivated a staff member")
        PASSWORD_SET = "staff.password", _("Set a staff member's password")
        TWO_FACTOR_SETUP = "staff.two_factor_setup", _("Set up two-factor login")
        TWO_FACTOR_RESET = "staff.two_factor_reset", _("Reset a staff member's two-factor login")
        RECOVERY_CODES = "staff.recovery_codes", _("Made new recovery codes")
        UNLOCK = "staff.unlock", _("Unlocked a staff member's login")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        target = f"{self.target_type}:{self.target_id}"
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {target}"


class PresenceChange(models.Model):
    """Each change of a staff member's presence, kept for staffing reports: how many
    counselors were actually available hour by hour (supervision/reports/staffing.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="presence_changes")
    presence = models.CharField(max_length=16, choices=Presence.choices)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["user", "at"], name="presence_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.presence} at {self.at:%Y-%m-%d %H:%M}"
