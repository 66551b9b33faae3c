"""Celery tasks for conversations: thin, safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def purge_transcripts() -> int:
    """Periodic (beat): remove the words of conversations past the retention period, then
    reclaim the pages that held them (services.purged_space_reclaim)."""
    purged = services.transcripts_purge_expired()
    if purged:
        services.purged_space_reclaim()
    return purged


@shared_task
def abandon_unattended() -> int:
    """Periodic (beat): waiting conversations whose help-seeker has had no page open for
    SEEKER_ABSENT_MINUTES leave the queue as abandoned."""
    return services.unattended_conversations_abandon()
