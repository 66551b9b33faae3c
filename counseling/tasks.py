"""Celery tasks for conversations: thin, safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def purge_transcripts() -> int:
    """Periodic (beat): remove the words of conversations past the retention period."""
    return services.transcripts_purge_expired()


@shared_task
def close_stale_consoles() -> int:
    """Periodic (beat): consoles of web processes that died stop counting as online."""
    return services.stale_consoles_close()
