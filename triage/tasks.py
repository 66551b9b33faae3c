"""Celery tasks for triage: thin, take ids, safe to run twice."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    max_retries=5,
    default_retry_delay=2,
)
def message_assess(message_id: int) -> str | None:
    """Score one help-seeker message and update its conversation's risk and queue place."""
    assessment = services.message_assess(message_id=message_id)
    return assessment.tier if assessment else None


@shared_task
def assess_unscored() -> int:
    """Catch messages whose task never reached the broker (e.g. Redis was down)."""
    return services.unscored_messages_requeue()
