"""Celery tasks for conversations: thin, safe to run twice."""

from celery import shared_task

from .services import conversations, transcripts


@shared_task
def purge_transcripts() -> int:
    """Periodic (beat): remove the words of conversations past the retention period, then
    reclaim the pages that held them (transcripts.purged_space_reclaim)."""
    purged = transcripts.transcripts_purge_expired()
    if purged:
        transcripts.purged_space_reclaim()
    return purged


@shared_task
def abandon_unattended() -> int:
    """Periodic (beat): waiting conversations whose help-seeker has had no page open for
    SEEKER_ABSENT_MINUTES leave the queue as abandoned."""
    return conversations.unattended_conversations_abandon()
