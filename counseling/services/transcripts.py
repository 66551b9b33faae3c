"""Staff reading transcripts (every read audited here, in one place) and transcripts leaving
the system when their retention ends."""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.services import audit_record
from core import facts
from core.bus import ask

from .. import frames, selectors
from ..models import (
    OPEN_STATUSES,
    Conversation,
    Message,
    Note,
    Status,
    Survey,
    WrapUp,
)

logger = logging.getLogger(__name__)


def transcript_previews_shown(*, viewer: User, conversation_ids: list[str]) -> None:
    """The queue showed `viewer` the first lines of these waiting conversations: a read
    of transcript text like any other, audited as one (issue 14, finding 3). One row per
    conversation and console: the console remembers what it has recorded."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target_type="conversation",  # as audit_record names it
            target_id=str(conversation_id),
            detail={"via": "queue_preview"},
        )
        for conversation_id in conversation_ids
    )


def transcripts_purge(*, conversation_ids: list[Any]) -> int:
    """Remove every word of these ended conversations, and anything quoting them: messages
    (with their assessments), notes, the wrap-up note, the survey comment, triage's
    evidence, and the link to earlier conversations. What reports count stays: times,
    tiers, outcomes, topics, survey scores. Returns how many conversations were purged."""
    with transaction.atomic():
        ids = list(
            Conversation.objects.select_for_update()
            .filter(pk__in=conversation_ids, purged_at__isnull=True)
            .exclude(status__in=OPEN_STATUSES)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Message.objects.filter(conversation_id__in=ids).delete()
        Note.objects.filter(conversation_id__in=ids).delete()
        WrapUp.objects.filter(conversation_id__in=ids).update(note="")
        Survey.objects.filter(conversation_id__in=ids).update(comment="")
        Conversation.objects.filter(pk__in=ids).update(
            risk_evidence=[],
            risk_explanation="",
            risk_reason={},
            device_hash="",
            purged_at=timezone.now(),
        )
    return len(ids)


def transcripts_purge_expired(*, now: Any = None, batch: int = 500) -> int:
    """The periodic purge: conversations ended more than RETENTION_DAYS ago, a batch at a
    time so no transaction holds locks for long. Returns how many were purged."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.KIZUNA["RETENTION_DAYS"])
    purged = 0
    while True:
        ids = list(
            Conversation.objects.filter(
                purged_at__isnull=True,
                ended_at__lt=cutoff,
                status__in=(Status.ENDED, Status.ABANDONED, Status.ABUSE),
            ).values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return purged
        purged += transcripts_purge(conversation_ids=ids)


# The tables whose rows hold (or held) a help-seeker's words. Retention must not stop at
# "deleted": PostgreSQL keeps a deleted or updated row's old version on its page until
# VACUUM removes it, and in WAL and backups beyond that (see README, "Retention").
TEXT_TABLES = (
    Message._meta.db_table,
    Note._meta.db_table,
    WrapUp._meta.db_table,
    Survey._meta.db_table,
    Conversation._meta.db_table,
)


def purged_space_reclaim() -> bool:
    """After a purge: VACUUM the tables that held the words, so the dead row versions are
    removed from their pages now rather than whenever autovacuum gets to them. PostgreSQL
    only, outside any transaction (VACUUM cannot run in one). Whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for table in TEXT_TABLES:
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
    return True


def transcript_read(*, viewer: User, conversation_id: Any, after: int) -> frames.HistoryFrame:
    """A conversation's messages after `after` for a staff member who may see it, with
    what triage found in each; audited as a transcript view. From the start (after=0) it
    carries the counselors' notes and the checklist too."""
    conversation = selectors.conversation_for_staff(viewer, conversation_id)
    messages = selectors.messages_after(conversation, after)
    from_start = after == 0
    frame = frames.history_frame(
        conversation,
        messages,
        names=selectors.author_names(messages),
        assessments=ask(facts.MESSAGE_ASSESSMENTS, messages=messages),
        notes=selectors.notes_for(conversation) if from_start else None,
        checklist=selectors.checklist_for(conversation) if from_start else None,
    )
    if after == 0 or messages:
        # Every read of transcript text by staff is recorded, a catch-up after a
        # reconnect too: "after" was the way around the audit (issue 14, finding 3).
        audit_record(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target=conversation,
            detail={"after": after, "messages": len(messages)},
        )
    return frame


def earlier_transcripts_read(*, viewer: User, conversation_id: Any) -> frames.EarlierFrame:
    """The help-seeker's earlier conversations from the same browser (only if they chose
    to share them). Each transcript shown is audited as a view, noting through which
    conversation it was reached."""
    conversation = selectors.conversation_for_staff(viewer, conversation_id)
    earlier = selectors.earlier_conversations(conversation)
    messages = selectors.earlier_messages_of(earlier)
    names = selectors.author_names([m for ms in messages.values() for m in ms])
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target_type="conversation",  # as audit_record names it
            target_id=str(item.pk),
            detail={"via": str(conversation.id)},
        )
        for item in earlier
    )
    return frames.earlier_frame(
        conversation,
        [frames.earlier_dict(item, messages.get(item.pk, []), names=names) for item in earlier],
    )
