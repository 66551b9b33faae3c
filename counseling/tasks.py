"""Celery tasks for conversations: thin, safe to run twice."""

from celery import shared_task

from . import exports, services


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


@shared_task
def close_stale_consoles() -> int:
    """Periodic (beat): consoles of web processes that died stop counting as online."""
    return services.stale_consoles_close()


# Acknowledged on receipt, unlike the others: a large export runs for minutes, longer than
# the broker's visibility timeout, and a late ack would hand it to a second worker while
# the first still runs. A worker that dies leaves the job "running"; it is asked again.
@shared_task(acks_late=False, soft_time_limit=3600, time_limit=3660)
def research_export_run(job_id: str) -> None:
    exports.research_export_job_run(job_id=job_id)


@shared_task
def purge_research_exports() -> int:
    """Periodic (beat): finished exports nobody downloaded lose their zip after a day."""
    return exports.research_export_jobs_purge()
