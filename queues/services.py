"""Writes on the queue: handing the most urgent waiting person to a counselor."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEvent, Presence, User
from accounts.roles import is_counselor
from accounts.services import audit_record
from counseling import events as conversation_events
from counseling.errors import Refusal
from counseling.models import Conversation, Status

from . import events
from .selectors import queue_waiting


def queue_take_next(*, counselor: User) -> Conversation:
    """Assign the most urgent waiting conversation to `counselor`, in one transaction.

    Each candidate is locked with SKIP LOCKED (PostgreSQL): a conversation another
    counselor is taking right now is passed over, never handed out twice. SQLite has no
    row locks, but its transactions are IMMEDIATE here (settings), so they run one by one.
    """
    if not is_counselor(counselor):
        raise Refusal("forbidden")
    with transaction.atomic():
        # One take-next at a time per counselor, so two clicks cannot exceed capacity.
        me = User.objects.select_for_update().get(pk=counselor.pk)
        active = Conversation.objects.filter(counselor=me, status=Status.ACTIVE).count()
        if active >= me.capacity:
            raise Refusal("at_capacity")
        order = [entry.conversation_id for entry in queue_waiting()]
        for skip_locked in (True, False):
            # First pass: pass over rows someone else holds. A row is also held for a
            # moment while its help-seeker posts or triage rescores it; so if the first
            # pass found nobody, wait for those locks rather than say nobody is waiting.
            for conversation_id in order:
                conversation = (
                    Conversation.objects.select_for_update(skip_locked=skip_locked)
                    .filter(pk=conversation_id, status=Status.WAITING)
                    .first()
                )
                if conversation is not None:
                    return _assign(conversation, me)
    raise Refusal("queue_empty")


def _assign(conversation: Conversation, counselor: User) -> Conversation:
    conversation.status = Status.ACTIVE
    conversation.counselor = counselor
    conversation.assigned_at = timezone.now()
    conversation.returned_at = None
    conversation.save(update_fields=["status", "counselor", "assigned_at", "returned_at"])
    audit_record(actor=counselor, action=AuditEvent.Action.CONVERSATION_TAKE, target=conversation)
    conversation_events.conversation_assigned(conversation)
    events.queue_changed()
    return conversation


def dropped_conversations_requeue(*, grace_seconds: int | None = None) -> int:
    """Return to the queue the conversations of counselors offline for longer than the
    grace period, so nobody is left with a counselor who is gone. Returns how many."""
    grace = settings.KIZUNA["COUNSELOR_GRACE_SECONDS"] if grace_seconds is None else grace_seconds
    cutoff = timezone.now() - timedelta(seconds=grace)
    candidates = list(
        Conversation.objects.filter(
            status=Status.ACTIVE,
            counselor__presence=Presence.OFFLINE,
            counselor__presence_changed_at__lt=cutoff,
        ).values_list("pk", flat=True)
    )
    returned = 0
    for conversation_id in candidates:
        with transaction.atomic():
            conversation = (
                # of=self: the counselor is only read (and is a nullable, outer join).
                Conversation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("counselor")
                .filter(pk=conversation_id, status=Status.ACTIVE)
                .first()
            )
            counselor = conversation.counselor if conversation else None
            if conversation is None or counselor is None or counselor.presence != Presence.OFFLINE:
                continue  # taken care of meanwhile (ended, or the counselor came back)
            conversation.status = Status.WAITING
            conversation.counselor = None
            conversation.assigned_at = None
            conversation.returned_at = timezone.now()
            conversation.save(update_fields=["status", "counselor", "assigned_at", "returned_at"])
            conversation_events.conversation_changed(conversation)
            conversation_events.counselor_dropped_alert(conversation, counselor=counselor)
            events.queue_changed()
            returned += 1
    return returned
