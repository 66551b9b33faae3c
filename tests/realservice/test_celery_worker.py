"""A real Celery worker process scores help-seekers' messages from Redis."""

import time
from pathlib import Path

import pytest

from bench.kit.processes import Worker, wait_for
from core.tiers import Tier
from counseling.models import Conversation, Status
from queues.selectors import queue_waiting
from tests.counseling.factories import waiting_conversation
from triage.models import Assessment

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

URGENT = "I have the pills here and I am going to kill myself tonight"


def test_the_worker_scores_a_message_and_raises_the_conversations_risk(celery_worker):
    conversation, _token = waiting_conversation(URGENT)
    assert wait_for(lambda: Assessment.objects.filter(conversation=conversation).exists()), (
        celery_worker.output()
    )
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT
    assert "message_assess" in celery_worker.output()


def test_while_the_worker_is_stopped_people_still_queue_and_are_scored_when_it_returns(
    server_env, tmp_path: Path
):
    from config.celery import app

    app.control.purge()
    worker = Worker(server_env, tmp_path / "first.log")
    calm, _ = waiting_conversation("I would like to talk to someone about my exams.")
    assert wait_for(lambda: Assessment.objects.filter(conversation=calm).exists())
    worker.stop()

    urgent, _token = waiting_conversation(URGENT)
    time.sleep(1)
    urgent.refresh_from_db()
    assert (urgent.status, urgent.risk_tier) == (Status.WAITING, Tier.UNKNOWN)
    waiting = [e.conversation_id for e in queue_waiting()]
    assert str(urgent.pk) in waiting  # queued, shown as not yet assessed
    assert not Assessment.objects.filter(conversation=urgent).exists()

    worker = Worker(server_env, tmp_path / "second.log")
    try:
        assert wait_for(lambda: Assessment.objects.filter(conversation=urgent).exists())
    finally:
        worker.stop()
    assert Conversation.objects.get(pk=urgent.pk).risk_tier == Tier.IMMINENT
    assert queue_waiting()[0].conversation_id == str(urgent.pk)
