"""A real Celery worker process scores help-seekers' messages from Redis."""

import time
from pathlib import Path

import pytest

from counseling.models import Conversation, Status
from tests.factories import waiting_conversation
from tests.support.processes import Worker
from triage.models import Assessment
from triage.tiers import Tier

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

URGENT = "I have the pills here and I am going to kill myself tonight"


def wait_for(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_worker_scores_a_message_and_raises_the_conversations_risk(celery_worker):
    conversation, _token = waiting_conversation(URGENT)
    assert wait_for(lambda: Assessment.objects.filter(conversation=conversation).exists()), (
        celery_worker.output()
    )
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT
    assert "message_assess" in celery_worker.output()


def test_with_no_worker_the_person_still_waits_and_is_scored_when_one_returns(
    server_env, tmp_path: Path
):
    from config.celery import app

    app.control.purge()
    conversation, _token = waiting_conversation(URGENT)
    time.sleep(1)
    conversation.refresh_from_db()
    assert (conversation.status, conversation.risk_tier) == (Status.WAITING, Tier.UNKNOWN)
    assert not Assessment.objects.filter(conversation=conversation).exists()

    worker = Worker(server_env, tmp_path / "worker.log")
    try:
        assert wait_for(lambda: Assessment.objects.filter(conversation=conversation).exists())
    finally:
        worker.stop()
    assert Conversation.objects.get(pk=conversation.pk).risk_tier == Tier.IMMINENT
