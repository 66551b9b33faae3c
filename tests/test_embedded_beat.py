"""Embedded mode runs beat's periodic tasks in the web process (config/embedded.py)."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Presence, User
from config.embedded import beat_tick
from counseling.models import Conversation, Status
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation

pytestmark = pytest.mark.django_db


def test_a_tick_runs_every_scheduled_task_then_waits_for_each_interval():
    last_run: dict[str, float] = {}
    assert set(beat_tick(1000.0, last_run)) == set(settings.CELERY_BEAT_SCHEDULE)
    assert beat_tick(1001.0, last_run) == []
    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    intervals = [float(entry["schedule"]) for entry in schedule.values()]
    later = 1000.0 + max(intervals)
    assert set(beat_tick(later, last_run)) == set(settings.CELERY_BEAT_SCHEDULE)


# The tick closes old connections as its thread should, so it needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_a_tick_returns_a_dropped_counselors_conversation_to_the_queue():
    conversation, _token = waiting_conversation("are you there?")
    staff = counselor()
    queue_take_next(counselor=staff)
    gone_since = timezone.now() - timedelta(seconds=settings.KIZUNA["COUNSELOR_GRACE_SECONDS"] + 5)
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=gone_since
    )

    beat_tick(0.0, {})

    conversation.refresh_from_db()
    assert conversation.status == Status.WAITING
    assert conversation.counselor is None
    assert conversation.returned_at is not None
    assert Conversation.objects.filter(counselor=staff).count() == 0
