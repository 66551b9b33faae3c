"""Celery tasks for research exports: thin, safe to run twice."""

from celery import shared_task

from . import exports


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
