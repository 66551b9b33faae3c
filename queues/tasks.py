"""Celery tasks for the queue: thin, safe to run twice."""

from celery import shared_task

from . import alerts, services


@shared_task
def requeue_dropped() -> int:
    """Periodic (beat): conversations of counselors gone past the grace period go back."""
    return services.dropped_conversations_requeue()


@shared_task
def scan_alerts() -> int:
    """Periodic (beat): raise and resolve the alerts that depend on time passing."""
    return alerts.alerts_scan()


@shared_task
def close_stale_consoles() -> int:
    """Periodic (beat): consoles of web processes that died stop counting as online."""
    return services.stale_consoles_close()
