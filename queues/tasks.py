"""Celery tasks for the queue: thin, safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def requeue_dropped() -> int:
    """Periodic (beat): conversations of counselors gone past the grace period go back."""
    return services.dropped_conversations_requeue()
