"""The worker keeps its database connection between tasks (a new one per task forks a
PostgreSQL backend every time), and when the database ends that connection, as a
failover or a network cut does, the next task connects again and nothing is lost."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from bench.kit.processes import Worker, wait_for
from config.celery import app
from counseling.models import Conversation, Message, SenderKind
from counseling.tokens import seeker_token_new
from tests.faults.conftest import terminate_backends
from triage.models import Assessment
from triage.tasks import message_assess

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WORKER_NAME = "kizuna-test-worker"


@pytest.fixture
def named_worker(server_env: dict[str, str], tmp_path: Path) -> Iterator[Worker]:
    """A worker whose connections PostgreSQL can tell apart (application_name)."""
    app.control.purge()
    url = f"{server_env['DATABASE_URL']}?application_name={WORKER_NAME}"
    worker = Worker({**server_env, "DATABASE_URL": url}, tmp_path / "worker.log")
    yield worker
    worker.stop()


def worker_backends() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [WORKER_NAME],
        )
        return {row[0] for row in cursor.fetchall()}


def scored(body: str) -> Message:
    """A help-seeker's message, scored by the worker; returns once its assessment is in."""
    conversation = Conversation.objects.create(
        token_hash=seeker_token_new()[1], queued_at=timezone.now(), last_seq=1
    )
    message = Message.objects.create(
        conversation=conversation, seq=1, sender=SenderKind.SEEKER, body=body, client_id="first"
    )
    message_assess.delay(message.pk)
    assert wait_for(lambda: Assessment.objects.filter(message=message).exists(), timeout=60)
    return message


def test_the_worker_keeps_its_connection_and_replaces_one_the_database_ended(
    named_worker: Worker,
) -> None:
    scored("I can't sleep and everything feels heavy.")
    first = worker_backends()
    assert len(first) == 1, named_worker.output()  # kept after the task, not closed

    scored("Work has been too much this month.")
    assert worker_backends() == first  # the same backend served the next task

    assert terminate_backends(only=list(first)) == 1
    after_cut = scored("I have the pills here and I am going to kill myself tonight")
    assert worker_backends().isdisjoint(first)
    assert Assessment.objects.get(message=after_cut).tier == "imminent"
    assert "Traceback" not in named_worker.output()  # the health check saw it first
