"""Conversations and their messages.

A message's `seq` numbers it within its conversation (1, 2, 3 ...) so that a client can
resume after a disconnect and detect a gap; `client_id` makes a resend idempotent.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.tiers import Tier


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    # Left before anyone answered (counted apart from ended for the dashboards).
    ABANDONED = "abandoned", _("Abandoned")
    # Marked by a supervisor as abuse (a script's or a prank's): out of the queue, and out
    # of the figures that count people helped or lost.
    ABUSE = "abuse", _("Marked as abuse")


OPEN_STATUSES = (Status.WAITING, Status.ACTIVE)


class SenderKind(models.TextChoices):
    SEEKER = "seeker", _("Help-seeker")
    COUNSELOR = "counselor", _("Counselor")
    SYSTEM = "system", _("System")


class Conversation(models.Model):
    # Random ids: a conversation's id reveals nothing about how many there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # SHA-256 of the help-seeker's token; the token itself is only in their cookie.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    language = models.CharField(max_length=8, default="en")
    intake = models.JSONField(default=dict, blank=True)
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=16, choices=SenderKind.choices, blank=True)
    # The highest seq handed out so far; bumped under a row lock by message_post.
    last_seq = models.PositiveIntegerField(default=0)
    risk_tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.UNKNOWN)
    risk_score = models.FloatField(null=True, blank=True)
    risk_updated_at = models.DateTimeField(null=True, blank=True)
    # The evidence behind risk_tier (from the assessment that set it), for the console.
    risk_evidence = models.JSONField(default=list, blank=True)
    risk_explanation = models.TextField(blank=True)
    # risk_explanation as data (triage.engine.explain), worded on staff screens in the
    # reader's language.
    risk_reason = models.JSONField(default=dict, blank=True)
    # Set when the help-seeker used quick exit (or closed the page mid-chat); cleared when
    # they come back. The conversation stays resumable meanwhile.
    seeker_left_at = models.DateTimeField(null=True, blank=True)
    # When the help-seeker last had a socket open on it: set at the start and on connect,
    # then by the heartbeat of each web process holding one (counseling/seeker_heartbeat.py).
    # A waiting conversation nobody has been behind for SEEKER_ABSENT_MINUTES is abandoned.
    seeker_seen_at = models.DateTimeField(null=True, blank=True)
    # Set when a conversation goes back to the queue because its counselor's connection
    # dropped for longer than the grace period: it is answered next (queues/policy.py).
    returned_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of a random token in the browser's device cookie, set only when the
    # help-seeker chose to let counselors see their earlier conversations from this
    # browser. Empty otherwise: without their consent, conversations are never linked.
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Supervisors who joined the conversation beside its counselor: they may write in it.
    supporters = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # When its words were removed (retention period over, or the help-seeker deleted it).
    # The row stays, without text, so reports keep counting it.
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [
            # Given to named supervisors only (admin): de-identified research exports.
            ("export_research", "Can export de-identified research data"),
        ]
        indexes = [
            # The queue: every take-next and every reorder reads waiting rows by age.
            models.Index(
                fields=["queued_at"],
                name="conv_waiting_queued_idx",
                condition=Q(status="waiting"),
            ),
            # A counselor's open conversations (capacity checks, console start-up).
            models.Index(fields=["counselor", "status"], name="conv_counselor_status_idx"),
            # Reports and retention scan by creation time.
            models.Index(fields=["created_at"], name="conv_created_idx"),
            # Answered in the last hour / today: the waiting room's estimate and the
            # dashboard read these on every push (bench/dashboard.py: 21 ms -> 0.02 ms).
            models.Index(fields=["assigned_at"], name="conv_assigned_idx"),
            models.Index(
                fields=["ended_at"],
                name="conv_abandoned_idx",
                condition=Q(status="abandoned"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField()
    sender = models.CharField(max_length=16, choices=SenderKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    client_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="message_seq_unique"),
            models.UniqueConstraint(
                fields=["conversation", "client_id"], name="message_client_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}#{self.seq} {self.sender}"


class Survey(models.Model):
    """The optional survey after a conversation. Nothing in it identifies the person."""

    class Helped(models.TextChoices):
        YES = "yes", _("Yes")
        SOMEWHAT = "somewhat", _("A little")
        NO = "no", _("No")

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="survey"
    )
    # How the person felt before and after, on the same 1 (very bad) to 5 (good) scale.
    feeling_before = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling_after = models.PositiveSmallIntegerField(null=True, blank=True)
    helped = models.CharField(max_length=16, choices=Helped.choices, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"survey {self.conversation_id}"


class WrapUp(models.Model):
    """The counselor's record at the end: outcome, their own risk tier, topics, a note.

    `counselor_tier` sits beside `triage_tier` (the conversation's tier when it ended),
    so triage can be measured against people who read the whole conversation.
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="wrap_up"
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=40)
    counselor_tier = models.CharField(max_length=16, choices=Tier.choices)
    triage_tier = models.CharField(max_length=16, choices=Tier.choices)
    topics = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"wrap-up {self.conversation_id}: {self.outcome}"


class Note(models.Model):
    """A counselor's private note on a conversation. Staff only: never sent to the
    conversation's group, never in a help-seeker's frames or the research export."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        # Written by the counselor handing the conversation over, for the one taking it.
        HANDOVER = "handover", _("Handover")
        # From a supervisor watching the conversation, to its counselor only.
        SUPERVISOR = "supervisor", _("Message from a supervisor")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NOTE)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at"]

    def __str__(self) -> str:
        return f"note on {self.conversation_id}"


class RiskChecklist(models.Model):
    """The counselor's structured risk assessment (counseling/checklist.py), one per
    conversation, answered item by item as the conversation goes."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="checklist"
    )
    # {item code: "yes" | "no"}; an item not asked yet is absent.
    answers = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"checklist {self.conversation_id}"


class CannedResponse(models.Model):
    """A saved reply a counselor can insert and then edit. Without an owner it is shared
    with the whole team (managed by supervisors); with one, it is that counselor's own."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="canned_responses",
    )
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=80)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "title"]
        indexes = [models.Index(fields=["language", "owner"], name="canned_language_owner_idx")]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"

    @property
    def shared(self) -> bool:
        return self.owner_id is None


class ResearchExportJob(models.Model):
    """A research export made by a Celery task (counseling/exports.py): a large period
    takes minutes, which no request should hold a database transaction open for. The zip
    is kept here, for the supervisor who asked for it only, until they download it once
    (or, unclaimed, until the purge a day later)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    conversations = models.PositiveIntegerField(default=0)
    messages = models.PositiveIntegerField(default=0)
    # The zip, until downloaded. De-identified, but still sensitive (see the README in it).
    data = models.BinaryField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"export {self.id} ({self.state})"
