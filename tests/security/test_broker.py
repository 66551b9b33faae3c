"""The Celery broker is a way in too: anyone who can write to Redis can queue a task. A
pickled task message, which would run code as it is read, is refused by the real worker
unread: the task never runs and nothing in the message is unpickled."""

import pickle
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from bench.kit.processes import Worker, wait_for
from config.celery import app
from counseling.models import Conversation, Message, SenderKind
from counseling.tokens import seeker_token_new
from triage.models import Assessment
from triage.tasks import message_assess

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

TASK = "triage.tasks.message_assess"


class TouchOnUnpickle:
    """Unpickling this calls Path.touch: proof, if the file appears, that a pickle from
    the broker was read."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (Path.touch, (self.path,))


def unscored_message() -> Message:
    """A help-seeker's message with no scoring task queued for it (made directly, so no
    task of ours is on the broker: only the one the test publishes)."""
    conversation = Conversation.objects.create(
        token_hash=seeker_token_new()[1], queued_at=timezone.now(), last_seq=1
    )
    return Message.objects.create(
        conversation=conversation,
        seq=1,
        sender=SenderKind.SEEKER,
        body="I have the pills here and I am going to kill myself tonight",
        client_id="first",
    )


def publish_pickled_task(message_id: int, marker: Path) -> str:
    """A task message as Celery's protocol 2 frames it, but serialized with pickle, put
    straight on this run's Kizuna queue in Redis with kombu."""
    queue = app.amqp.queues[app.conf.task_default_queue]
    task_id = str(uuid.uuid4())
    args = (message_id, TouchOnUnpickle(marker))
    body: tuple[Any, ...] = (args, {}, {"callbacks": None, "errbacks": None})
    headers = {
        "lang": "py",
        "task": TASK,
        "id": task_id,
        "root_id": task_id,
        "parent_id": None,
        "group": None,
        "retries": 0,
        "eta": None,
        "expires": None,
        "timelimit": [None, None],
        "argsrepr": f"({message_id}, <marker>)",
        "kwargsrepr": "{}",
        "origin": "tests.security",
    }
    with app.connection_for_write() as connection:
        producer = connection.Producer()
        producer.publish(
            pickle.dumps(body),
            exchange=queue.exchange,
            routing_key=queue.routing_key,
            declare=[queue],
            headers=headers,
            correlation_id=task_id,
            content_type="application/x-python-serialize",
            content_encoding="binary",
        )
    return task_id


def waiting_on_queue() -> int:
    """Messages on this run's queue (a Redis list, which vanishes when empty)."""
    with app.connection_for_read() as connection:
        channel: Any = connection.default_channel
        return int(channel.client.llen(app.conf.task_default_queue))


def test_the_worker_refuses_a_pickled_task_message_unread(celery_worker: Worker, tmp_path: Path):
    # Our own bytes, here only to show the marker works when unpickled.
    assert pickle.loads(pickle.dumps(TouchOnUnpickle(tmp_path / "self-check"))) is None  # noqa: S301
    assert (tmp_path / "self-check").exists()  # the marker works when unpickled
    marker = tmp_path / "unpickled-by-the-worker"
    message = unscored_message()

    task_id = publish_pickled_task(message.pk, marker)

    refused = "Refusing to deserialize untrusted content of type pickle"
    assert wait_for(lambda: refused in celery_worker.output()), celery_worker.output()
    assert not marker.exists()
    assert not Assessment.objects.filter(message=message).exists()
    assert task_id not in celery_worker.output()  # never received as a task, never run
    assert waiting_on_queue() == 0  # dropped, not left to come back again and again
    # The worker is alive and the same task, sent as JSON, runs: it was the pickle it refused.
    message_assess.delay(message.pk)
    assert wait_for(lambda: Assessment.objects.filter(message=message).exists())
    assert not marker.exists()
