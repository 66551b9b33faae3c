"""The Celery worker is killed (SIGKILL) in the middle of scoring: the broker hands the
unacknowledged task out again (late ack, visibility timeout) and it runs again, once in
effect: one assessment per message, and the conversation's risk is set.

To make the kill land mid-task, the test holds the conversations' rows locked: the task
scores the text, opens its transaction and waits for the lock, and is killed there. This
worker and its broker are a private Redis: kombu keeps unacknowledged messages of every
queue in one "unacked" key per Redis database, and a worker with a 2 s visibility timeout
on the shared Redis would hand out other test runs' tasks in flight again.
"""

import re
import time

import pytest

from core.tiers import Tier
from counseling.models import Conversation, Message, SenderKind
from tests.faults.conftest import RowLock, Stack, seeker_start, terminate_backends
from triage.models import Assessment

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

VISIBILITY_SECONDS = 2
URGENT = "I have the pills here and I am going to kill myself tonight"
RECEIVED = re.compile(r"triage\.tasks\.message_assess\[([0-9a-f-]+)\] received")


def test_a_scoring_task_whose_worker_is_killed_runs_again_once_in_effect(
    server_env: dict[str, str], stack: Stack
) -> None:
    redis = stack.redis()
    env = {
        **server_env,
        "REDIS_URL": redis.url,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
    }
    server = stack.server(env)
    # Three people write while no worker runs: their scoring tasks wait in the broker.
    for body in (URGENT, "I'd like to talk about my exams.", "I feel so alone lately."):
        seeker_start(server.url, body)
    conversations = list(Conversation.objects.values_list("pk", flat=True))
    messages = list(Message.objects.filter(sender=SenderKind.SEEKER).values_list("pk", flat=True))
    assert len(conversations) == len(messages) == 3

    lock = RowLock("counseling_conversation", conversations)
    try:
        doomed = stack.worker(env, "worker-killed")
        orphans = lock.wait_blocked(60, "the worker to be mid-task, waiting for the lock")
        received = RECEIVED.search(doomed.output())
        assert received is not None, doomed.output()
        doomed.stop(kill=True)
        killed_at = time.monotonic()
        # The dead worker's transaction, left waiting in PostgreSQL, goes too.
        terminate_backends(only=orphans)
    finally:
        lock.release()
    task_id = received.group(1)
    assert "succeeded" not in doomed.output()
    assert not Assessment.objects.exists()

    # Past the visibility timeout the broker gives the unacknowledged task to whoever asks.
    time.sleep(max(0.0, VISIBILITY_SECONDS + 1 - (time.monotonic() - killed_at)))
    successor = stack.worker(env, "worker-after")
    deadline = time.monotonic() + 60
    while Assessment.objects.count() < len(messages):
        assert time.monotonic() < deadline, stack.logs()
        time.sleep(0.1)
    time.sleep(1)  # room for a duplicate run, were there one

    assert f"triage.tasks.message_assess[{task_id}] succeeded" in successor.output()
    for message in messages:
        assert Assessment.objects.filter(message_id=message).count() == 1
    risks = dict(Conversation.objects.values_list("messages__body", "risk_tier"))
    assert risks[URGENT] == Tier.IMMINENT
    assert Tier.UNKNOWN not in risks.values()
